/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * superseded.c: HS601, a document that cites a regulation the rubric in
 * force replaced (a 2024 report citing Thông tư 44/2014). The citations
 * are the cite_patterns of the rubrics the rubric supersedes.
 */
#include "checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/vntext.h"

/* A "Căn cứ" line that cites the old regulation, and not as what the one
 * in force replaced ("Thông tư 25/2023 ... thay thế Thông tư 44/2014"). */
static bool cites_as_basis(const struct rubric *old, const struct rubric *now,
			   const struct docmeta *m)
{
	for (size_t b = 0; b < m->nbases; b++) {
		char *f = vntext_fold_str(m->bases[b]);
		bool hit = rx_list_any(&old->regulation.cite_patterns, f, strlen(f),
				       NULL, NULL, NULL) &&
			   !rx_list_any(&now->regulation.cite_patterns, f, strlen(f),
					NULL, NULL, NULL);

		free(f);
		if (hit)
			return true;
	}
	return false;
}

/* Dated on or after the regulation in force took effect (by the
 * document's own date, else the year assessed). */
static bool issued_after(const struct rubric *r, const struct docmeta *m,
			 int assessed)
{
	char date[16];
	const char *eff = r->regulation.effective_from;

	if (!eff)
		return true;
	if (m->year && m->month && m->day) {
		snprintf(date, sizeof(date), "%04d-%02d-%02d", m->year % 10000,
			 m->month % 100, m->day % 100);
		return strcmp(date, eff) >= 0;
	}
	return (m->year ? m->year : assessed) >= atoi(eff);
}

static void superseded_run(struct assessment *a)
{
	const struct rubric *r = a->rubric;

	for (size_t s = 0; s < r->nsupersedes; s++)
		for (size_t k = 0; k < a->nall; k++) {
			const struct rubric *old = a->all[k];

			if (strcmp(old->id, r->supersedes[s]))
				continue;
			for (size_t d = 0; d < a->dx->ndocs; d++) {
				const struct docmeta *m = &a->meta[d];
				struct finding *f;

				/* Citing the old rule was right before the new
				 * one took effect; and only a legal basis
				 * ("Căn cứ ...") applies it, a mention does not. */
				if (!cites_as_basis(old, r, m) || !issued_after(r, m, a->year))
					continue;
				f = findings_add(&a->findings, HS601, a->dx->docs[d].path,
						 "«%s» dẫn chiếu %s, văn bản đã được thay thế "
						 "bởi %s.", a->dx->docs[d].path,
						 old->regulation.number, r->regulation.number);
				finding_arg_str(f, "cited", old->regulation.number);
				finding_arg_str(f, "in_force", r->regulation.number);
			}
		}
}

const struct check check_superseded = {
	.code = HS601,
	.name = "superseded",
	.run = superseded_run,
};
