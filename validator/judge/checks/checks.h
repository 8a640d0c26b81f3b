/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * checks.h: the registered checks. Each reads the assessment (documents,
 * their headers, tables and figures, the rubric's results) and adds its
 * findings to a->findings, quoting both sides of every disagreement.
 *
 * Adding a new check:
 *   1) checks/<name>.c ending with
 *      const struct check check_<name> = {.code = HSxxx, .name = "...",
 *                                         .run = <name>_run};
 *   2) its extern below; 3) a line in checks/registry.c (kept in code order);
 *   4) the code in validator/codes.def and docs/codes.md;
 *   5) a planted-fault fixture under fixtures/faults/ and a test asserting
 *      the finding's code, file and location.
 */
#ifndef HOSO_CHECKS_H
#define HOSO_CHECKS_H

#include "understand/assess.h"

struct check {
	enum hs_code code;  /* the code it reports (the first, if several) */
	const char *name;
	void (*run)(struct assessment *a);
};

extern const struct check check_draft_number;
extern const struct check check_draft_date;
extern const struct check check_signature;
extern const struct check check_date_order;
extern const struct check check_seal;
extern const struct check check_rate;
extern const struct check check_table_total;
extern const struct check check_figure_agree;
extern const struct check check_threshold;
extern const struct check check_points_table;
extern const struct check check_level_claim;
extern const struct check check_cdht_scores;
extern const struct check check_superseded;

/* Runs every registered check, in code order. */
void checks_run(struct assessment *a);
/* The registry, for tests: its checks and their number. */
const struct check *const *checks_all(size_t *n);

#endif
