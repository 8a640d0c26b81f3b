/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * draft_date.c: HS402, a date left blank ("ngày   tháng   năm 2024"), or
 * only its day ("ngày   tháng 6 năm 2024").
 */
#include "checks.h"

static void draft_date_run(struct assessment *a)
{
	for (size_t i = 0; i < a->dx->ndocs; i++) {
		const struct docmeta *m = &a->meta[i];
		const char *path = a->dx->docs[i].path;
		struct finding *f;

		if (!m->date_blank)
			continue;
		if (m->month) {
			/* "ngày    tháng 6 năm 2024": the month written */
			f = findings_add(&a->findings, HS402, path,
					 "«%s» để trống ngày ban hành (\"ngày ... tháng %d năm %d\"): "
					 "bản dự thảo.",
					 path, m->month, m->year);
			finding_arg_num(f, "month", m->month);
		} else {
			f = findings_add(&a->findings, HS402, path,
					 "«%s» để trống ngày, tháng ban hành (\"ngày ... tháng ... năm %d\"): "
					 "bản dự thảo.",
					 path, m->year);
		}
		finding_arg_num(f, "year", m->year);
		f->page = 1;
	}
}

const struct check check_draft_date = {
	.code = HS402,
	.name = "draft-date",
	.run = draft_date_run,
};
