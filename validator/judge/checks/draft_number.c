/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * draft_number.c: HS401, a document whose number was left blank
 * ("Số:    /KH-UBND") is a draft, not the issued document.
 */
#include "checks.h"

static void draft_number_run(struct assessment *a)
{
	for (size_t i = 0; i < a->dx->ndocs; i++) {
		const struct docmeta *m = &a->meta[i];
		struct finding *f;

		if (!m->number || !m->number_blank)
			continue;
		f = findings_add(&a->findings, HS401, a->dx->docs[i].path,
				 "«%s» chưa có số văn bản (\"Số: %s\"): đây là bản dự thảo, "
				 "chưa phải văn bản đã ban hành.",
				 a->dx->docs[i].path, m->number);
		finding_arg_str(f, "number", m->number);
		f->page = 1;
	}
}

const struct check check_draft_number = {
	.code = HS401,
	.name = "draft-number",
	.run = draft_number_run,
};
