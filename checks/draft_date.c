/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * draft_date.c: HS402, a date left blank ("ngày   tháng   năm 2024").
 */
#include "checks.h"

static void draft_date_run(struct assessment *a)
{
	for (size_t i = 0; i < a->dx->ndocs; i++) {
		struct finding *f;

		if (!a->meta[i].date_blank)
			continue;
		f = findings_add(&a->findings, HS402, a->dx->docs[i].path,
				 "«%s» để trống ngày, tháng ban hành (\"ngày ... tháng ... năm %d\"): "
				 "bản dự thảo.",
				 a->dx->docs[i].path, a->meta[i].year);
		finding_arg_num(f, "year", a->meta[i].year);
		f->page = 1;
	}
}

const struct check check_draft_date = {
	.code = HS402,
	.name = "draft-date",
	.run = draft_date_run,
};
