/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * registry.c: the one table of checks (see checks.h for how to add one).
 */
#include "checks.h"

static const struct check *const checks[] = {
	&check_draft_number,  /* HS401 */
	&check_draft_date,    /* HS402 */
	&check_signature,     /* HS403 */
	&check_date_order,    /* HS404 */
	&check_seal,          /* HS405 */
	&check_rate,          /* HS501 */
	&check_table_total,   /* HS502 */
	&check_figure_agree,  /* HS503 */
	&check_threshold,     /* HS504 */
	&check_points_table,  /* HS505, HS506, HS507 (points) */
	&check_level_claim,   /* HS507 (levels) */
	&check_cdht_scores,   /* HS508 */
	&check_superseded,    /* HS601 */
};

void checks_run(struct assessment *a)
{
	for (size_t i = 0; i < ARRAY_SIZE(checks); i++)
		checks[i]->run(a);
}

const struct check *const *checks_all(size_t *n)
{
	*n = ARRAY_SIZE(checks);
	return checks;
}
