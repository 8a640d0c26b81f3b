/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * figure_agree.c: HS503, the same figure (households, hamlets, citizens)
 * given differently by two documents of the dossier. The figures are the
 * rubric's "consistency" list; the value most documents give is taken as
 * the reference and every other value is quoted against it.
 */
#include "checks.h"

#include <stdlib.h>
#include <string.h>

struct seen_value {
	size_t doc;
	double value;
	char *quote;
};

static void agree_one(struct assessment *a, const struct rb_figure *fig)
{
	struct seen_value *v = hs_calloc(a->dx->ndocs + 1, sizeof(*v));
	size_t n = 0, ref = 0, best = 0;

	for (size_t d = 0; d < a->dx->ndocs; d++) {
		const struct fig_seen *fs = doc_fig(&a->facts[d], fig->idx);

		if (!a->dx->docs[d].text_len ||
		    a->dx->docs[d].doc.status == DOC_NO_TEXT || !fs->found)
			continue;
		v[n].doc = d;
		v[n].value = fs->value;
		v[n].quote = hs_strdup(fs->quote);
		n++;
	}
	/* The reference: the value given by the most documents. */
	for (size_t i = 0; i < n; i++) {
		size_t same = 0;

		for (size_t k = 0; k < n; k++)
			same += v[k].value == v[i].value;
		if (same > best) {
			best = same;
			ref = i;
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct finding *f;

		if (v[i].value == v[ref].value)
			continue;
		f = findings_add(&a->findings, HS503, a->dx->docs[v[i].doc].path,
				 "%s: «%s» ghi %g («%s»), nhưng «%s» ghi %g («%s»).",
				 fig->title, a->dx->docs[v[i].doc].path, v[i].value,
				 v[i].quote, a->dx->docs[v[ref].doc].path, v[ref].value,
				 v[ref].quote);
		finding_arg_str(f, "figure", fig->name);
		finding_arg_num(f, "value", v[i].value);
		finding_arg_num(f, "other_value", v[ref].value);
		finding_arg_str(f, "file2", a->dx->docs[v[ref].doc].path);
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].quote);
	free(v);
}

static void figure_agree_run(struct assessment *a)
{
	for (size_t k = 0; k < a->rubric->nconsistency; k++)
		agree_one(a, &a->rubric->consistency[k]);
}

const struct check check_figure_agree = {
	.code = HS503,
	.name = "figure-agree",
	.run = figure_agree_run,
};
