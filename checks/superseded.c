/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * superseded.c: HS601, a document that cites a regulation the rubric in
 * force replaced (a 2024 report citing Thông tư 44/2014). The citations
 * are the cite_patterns of the rubrics the rubric supersedes.
 */
#include "checks.h"

#include <string.h>

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
				size_t at = 0, end = 0;
				struct finding *f;

				if (!rx_list_any(&old->regulation.cite_patterns, m->folded,
						 m->folded_len, NULL, &at, &end))
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
