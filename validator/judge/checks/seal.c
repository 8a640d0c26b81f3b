/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * seal.c: HS405, a scanned decision (QĐ) or request letter (TTr), read by
 * OCR in colour, on which neither a red seal (con dấu) nor a signature in
 * ink is seen. A scan in black and white shows neither in colour: it is
 * not judged.
 */
#include "checks.h"

#include <string.h>

static bool must_be_sealed(const char *symbol)
{
	return symbol && (!strcmp(symbol, "qd") || !strcmp(symbol, "ttr"));
}

static void seal_run(struct assessment *a)
{
	const struct rubric *r = a->rubric;

	for (size_t i = 0; i < a->dx->ndocs; i++) {
		const struct docmeta *m = &a->meta[i];
		const struct doc *d = &a->dx->docs[i].doc;
		bool colour = false, seen = false;
		struct finding *f;

		if (m->type < 0 || !must_be_sealed(r->doctypes[m->type].symbol))
			continue;
		for (size_t p = 0; p < d->nocr; p++) {
			colour |= d->ocr[p].colour;
			seen |= d->ocr[p].seal || d->ocr[p].signature;
		}
		if (!colour || seen)
			continue;
		f = findings_add(&a->findings, HS405, a->dx->docs[i].path,
				 "«%s» (%s, bản chụp) không thấy con dấu đỏ và chữ ký.",
				 a->dx->docs[i].path, r->doctypes[m->type].name);
		finding_arg_str(f, "type", r->doctypes[m->type].key);
		f->page = d->ocr[d->nocr - 1].page;
	}
}

const struct check check_seal = {
	.code = HS405,
	.name = "seal",
	.run = seal_run,
};
