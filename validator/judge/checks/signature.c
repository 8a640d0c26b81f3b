/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * signature.c: HS403, an administrative document (a type with a symbol in
 * the rubric: QĐ, KH, BC, TTr...) with no signature block at its end.
 * Lists and statistics tables (no symbol) are not expected to be signed.
 */
#include "checks.h"

static void signature_run(struct assessment *a)
{
	const struct rubric *r = a->rubric;

	for (size_t i = 0; i < a->dx->ndocs; i++) {
		const struct docmeta *m = &a->meta[i];
		const struct doc *d = &a->dx->docs[i].doc;
		struct finding *f;

		if (m->type < 0 || !r->doctypes[m->type].symbol)
			continue;
		if (d->status != DOC_OK ||
		    (d->format != FMT_DOCX && d->format != FMT_ODT &&
		     d->format != FMT_PDF && d->format != FMT_HTML &&
		     d->format != FMT_TXT && d->format != FMT_DOC &&
		     d->format != FMT_RTF && d->format != FMT_WORDML))
			continue;
		if (m->sign_position || m->signer)
			continue;
		f = findings_add(&a->findings, HS403, a->dx->docs[i].path,
				 "«%s» (%s) không có phần ký: chức vụ, chữ ký và họ tên "
				 "người ký.", a->dx->docs[i].path, r->doctypes[m->type].name);
		finding_arg_str(f, "type", r->doctypes[m->type].key);
		if (d->npages)
			f->page = (unsigned)d->npages;
	}
}

const struct check check_signature = {
	.code = HS403,
	.name = "signature",
	.run = signature_run,
};
