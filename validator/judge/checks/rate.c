/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rate.c: HS501, a stated rate against the rate computed from its
 * numerator and denominator. Two places: a table row with a "Tỷ lệ" column
 * right after its two counts (…| Số công dân | Số đạt | Tỷ lệ (%)), and an
 * indicator's rate stated in one document against the total row of a table
 * of its evidence in another (the report says 72,0%, the list gives 58,3%).
 */
#include "checks.h"

#include <stdlib.h>
#include <string.h>

#include "base/rx.h"
#include "understand/tables.h"

static const char *const rate_words[] = {"ty le", "%", NULL};

static bool computed_rate(const struct tbl_view *v, const struct doc_row *r,
			  uint32_t c, double stated, double *rate, double *num,
			  double *den)
{
	static const char *const rate_head[] = {"ty le", "%", "stt", NULL};
	bool any = false;

	/* Any count to the left may be the numerator (Số đạt may be followed
	 * by Số chưa đạt), any count before it the base: the rate is right
	 * when one pair gives it; the nearest pair is quoted otherwise. */
	for (uint32_t cn = c; cn-- > 0;) {
		double n;

		if (tbl_head_has(v, cn, rate_head) || !tbl_num(r, cn, &n) || n < 0)
			continue;
		for (uint32_t cd = cn; cd-- > 0;) {
			double d, x;

			if (tbl_head_has(v, cd, rate_head) || !tbl_num(r, cd, &d) ||
			    d <= 0 || n > d)
				continue;
			x = n / d * 100;
			if (!any) {
				*rate = x;
				*num = n;
				*den = d;
				any = true;
			}
			if (stated >= 0 && tbl_rate_equal(stated, x)) {
				*rate = x;
				*num = n;
				*den = d;
				return true;
			}
		}
	}
	return any;
}

/* A short copy of a quote, for a finding's args. */
static const char *shorten_quote(const char *s, size_t len)
{
	static __thread char buf[161];

	if (len > 160)
		len = 160;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return buf;
}

static bool stated_rate(const struct doc_row *r, uint32_t c, double computed,
			double *v)
{
	if (!tbl_num(r, c, v))
		return false;
	/* a spreadsheet keeps 64,3% as 0.643 */
	if (*v <= 1.0 && computed > 1.5)
		*v *= 100;
	return true;
}

static void row_rates(struct assessment *a, size_t d)
{
	struct doc tmp;
	const struct doc *doc;

	if (!a->dx->docs[d].ntables)
		return;
	doc = dossier_doc_get(a->dx, d, &tmp);

	for (size_t t = 0; t < doc->ntables; t++) {
		struct tbl_view v;

		tbl_view(&v, &doc->tables[t]);
		for (uint32_t c = 2; c < v.ncols; c++) {
			if (!tbl_head_has(&v, c, rate_words))
				continue;
			for (size_t r = v.first_data; r < v.t->nrows; r++) {
				const struct doc_row *row = &v.t->rows[r];
				double rate, num, den, st;
				char ref[128];
				struct finding *f;

				if (!tbl_num(row, c, &st) ||
				    !computed_rate(&v, row, c, st > 1.0 ? st : st * 100,
						   &rate, &num, &den) ||
				    !stated_rate(row, c, rate, &st) ||
				    tbl_rate_equal(st, rate))
					continue;
				tbl_ref(&v, r, c, ref, sizeof(ref));
				f = findings_add(&a->findings, HS501,
						 a->dx->docs[d].path,
						 "«%s» ô %s ghi tỷ lệ %g%%, nhưng %g/%g = %.1f%%.",
						 a->dx->docs[d].path, ref, st, num, den, rate);
				finding_arg_num(f, "stated", st);
				finding_arg_num(f, "computed", rate);
				finding_arg_num(f, "numerator", num);
				finding_arg_num(f, "denominator", den);
				finding_arg_str(f, "cell", ref);
				finding_cell(f, ref);
			}
		}
		tbl_release(&v);
	}
	dossier_doc_put(a->dx, d, &tmp);
}

/*
 * The rate an evidence table computes in its total row (a table with one
 * rate column): the truth every document's statement of the figure is
 * held against.
 */
static bool table_truth(struct assessment *a, const struct ind_result *ir,
			size_t *doc, char *ref, size_t reflen, double *rate,
			double *num, double *den)
{
	for (size_t e = 0; e < ir->nev; e++)
		for (size_t k = 0; k < ir->ev[e].ncontent; k++) {
			size_t d = ir->ev[e].docs[k].doc;
			struct doc tmp;
			const struct doc *dc;
			bool found = false;

			if (!a->dx->docs[d].ntables)
				continue;
			dc = dossier_doc_get(a->dx, d, &tmp);
			for (size_t t = 0; t < dc->ntables && !found; t++) {
				struct tbl_view v;
				uint32_t nrate = 0, col = 0;
				bool ok = false;

				tbl_view(&v, &dc->tables[t]);
				/* Only a table with one rate column says which
				 * rate it is; with several, pairing is a guess. */
				for (uint32_t c = 0; c < v.ncols; c++)
					if (tbl_head_has(&v, c, rate_words)) {
						nrate++;
						col = c;
					}
				if (nrate == 1 && v.total != SIZE_MAX &&
				    computed_rate(&v, &v.t->rows[v.total], col, -1, rate,
						  num, den)) {
					tbl_ref(&v, v.total, col, ref, reflen);
					*doc = d;
					ok = true;
				}
				tbl_release(&v);
				found = ok;
			}
			dossier_doc_put(a->dx, d, &tmp);
			if (found)
				return true;
		}
	return false;
}

static void figure_rates(struct assessment *a, const struct ind_result *ir,
			 const struct rb_figure *fig)
{
	size_t tdoc;
	double rate = 0, num = 0, den = 0;
	char ref[128];

	if (!table_truth(a, ir, &tdoc, ref, sizeof(ref), &rate, &num, &den))
		return;
	for (size_t d = 0; d < a->dx->ndocs; d++) {
		const struct fig_seen *fs = doc_fig(&a->facts[d], fig->idx);
		double v = fs->value_result;
		struct finding *f;

		if (d == tdoc || !fs->found_result || tbl_rate_equal(v, rate))
			continue;
		f = findings_add(&a->findings, HS501, a->dx->docs[d].path,
				 "«%s» ghi %s %g%%, nhưng bảng «%s» (%s) cho "
				 "%g/%g = %.1f%%.",
				 a->dx->docs[d].path, fig->title, v,
				 a->dx->docs[tdoc].path, ref, num, den, rate);
		finding_place(f, ir->cr->id, ir->ind->id);
		finding_arg_num(f, "stated", v);
		finding_arg_num(f, "computed", rate);
		finding_arg_num(f, "numerator", num);
		finding_arg_num(f, "denominator", den);
		finding_arg_str(f, "quote", shorten_quote(fs->quote_result,
							  strlen(fs->quote_result)));
		finding_arg_str(f, "file2", a->dx->docs[tdoc].path);
		finding_arg_str(f, "cell2", ref);
	}
}

static void rate_run(struct assessment *a)
{
	for (size_t d = 0; d < a->dx->ndocs; d++)
		row_rates(a, d);
	for (size_t i = 0; i < a->nind; i++)
		for (size_t f = 0; f < a->ind[i].nfig; f++) {
			const struct rb_figure *fig = a->ind[i].fig[f].fig;

			if (fig->unit && !strcmp(fig->unit, "%"))
				figure_rates(a, &a->ind[i], fig);
		}
}

const struct check check_rate = {
	.code = HS501,
	.name = "rate",
	.run = rate_run,
};
