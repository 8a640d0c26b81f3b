/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * level_claim.c: HS507 for a levels rubric: the dossier asks for a level
 * its indicators do not reach although every one has evidence (so the
 * gap is in the figures, not in missing files, which HS301 reports).
 */
#include "checks.h"

static void level_claim_run(struct assessment *a)
{
	struct finding *f;

	if (a->rubric->kind != RUBRIC_LEVELS || !a->level_claimed ||
	    a->level_reached >= a->level_claimed)
		return;
	for (size_t i = 0; i < a->nind; i++)
		if (a->ind[i].status == IND_MISSING_EVIDENCE ||
		    a->ind[i].status == IND_NEEDS_REVIEW)
			return;
	f = findings_add(&a->findings, HS507, a->level_source,
			 "Hồ sơ đề nghị công nhận mức độ %d, nhưng các chỉ tiêu chỉ "
			 "đạt mức độ %d.", a->level_claimed, a->level_reached);
	finding_arg_num(f, "claimed", a->level_claimed);
	finding_arg_num(f, "computed", a->level_reached);
}

const struct check check_level_claim = {
	.code = HS507,
	.name = "level-claim",
	.run = level_claim_run,
};
