/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * threshold.c: HS504, a figure below the indicator's threshold for the
 * level assessed (the level claimed, else the highest), or for a points
 * rubric its single threshold; --difficult-area uses the rubric's
 * alternate thresholds.
 */
#include "checks.h"

#include <string.h>

/* "64%" but "3 mức độ": a space before units that are words. */
static const char *unit_sep(const char *unit)
{
	return unit && *unit && strcmp(unit, "%") ? " " : "";
}

static void threshold_run(struct assessment *a)
{
	int lv = a->rubric->kind == RUBRIC_LEVELS ? a->level_assessed : 0;

	for (size_t i = 0; i < a->nind; i++)
		for (size_t f = 0; f < a->ind[i].nfig; f++) {
			const struct fig_result *fr = &a->ind[i].fig[f];
			const struct rb_threshold *t = threshold_for(a, fr->fig);
			const char *unit = fr->fig->unit ? fr->fig->unit : "";
			double lim = 0;
			struct finding *x;

			if (!fr->found || !threshold_applies(t, lv) ||
			    rb_threshold_ok(t, lv, fr->value, &lim))
				continue;
			x = findings_add(&a->findings, HS504, a->dx->docs[fr->doc].path,
					 "%s: %g%s%s, chưa đạt ngưỡng %s %g%s%s%s.",
					 fr->fig->title, fr->value, unit_sep(unit), unit,
					 rb_op_name(t->op), lim, unit_sep(unit), unit,
					 lv ? " của mức độ đề nghị" : "");
			finding_place(x, a->ind[i].cr->id, a->ind[i].ind->id);
			finding_arg_str(x, "figure", fr->fig->name);
			finding_arg_num(x, "value", fr->value);
			finding_arg_num(x, "threshold", lim);
			if (lv)
				finding_arg_num(x, "level", lv);
			if (fr->cell)
				finding_cell(x, fr->cell);
		}
}

const struct check check_threshold = {
	.code = HS504,
	.name = "threshold",
	.run = threshold_run,
};
