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

#include "tables.h"

static const char *const rate_words[] = {"ty le", "%", NULL};

/*
 * Rate of row r at rate column c: the numerator is the nearest count to
 * its left, the denominator one of the counts before that (tables put the
 * base first: Số công dân | Số được đào tạo | Số ĐH | Tỷ lệ ĐH). When the
 * stated rate fits one of the candidates, that one is taken; otherwise the
 * nearest, for the message.
 */
static bool computed_rate(const struct tbl_view *v, const struct doc_row *r,
			  uint32_t c, double stated, double *rate, double *num,
			  double *den)
{
	static const char *const rate_head[] = {"ty le", "%", "stt", NULL};
	uint32_t cn = c;
	bool any = false;

	while (cn-- > 0)
		if (!tbl_head_has(v, cn, rate_head) && tbl_num(r, cn, num))
			break;
	if (cn == UINT32_MAX || *num < 0)
		return false;
	for (uint32_t cd = cn; cd-- > 0;) {
		double d, x;

		if (tbl_head_has(v, cd, rate_head) || !tbl_num(r, cd, &d) ||
		    d <= 0 || *num > d)
			continue;
		x = *num / d * 100;
		if (!any) {
			*rate = x;
			*den = d;
			any = true;
		}
		if (stated >= 0 && tbl_rate_equal(stated, x)) {
			*rate = x;
			*den = d;
			return true;
		}
	}
	return any;
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
	const struct doc *doc = &a->dx->docs[d].doc;

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
			}
		}
		tbl_release(&v);
	}
}

/* The total-row rate of evidence tables, against the stated figure. */
static void figure_rates(struct assessment *a, const struct ind_result *ir,
			 const struct fig_result *fr)
{
	for (size_t e = 0; e < ir->nev; e++)
		for (size_t k = 0; k < ir->ev[e].n; k++) {
			size_t d = ir->ev[e].m[k].doc;
			const struct doc *doc = &a->dx->docs[d].doc;

			if (d == fr->doc || !ir->ev[e].m[k].by_content)
				continue;
			for (size_t t = 0; t < doc->ntables; t++) {
				struct tbl_view v;

				uint32_t nrate = 0;

				tbl_view(&v, &doc->tables[t]);
				/* Only a table with one rate column says which rate
				 * it is; with several, the pairing is a guess. */
				for (uint32_t c = 0; c < v.ncols; c++)
					nrate += tbl_head_has(&v, c, rate_words);
				for (uint32_t c = 2; nrate == 1 && v.total != SIZE_MAX &&
						     c < v.ncols; c++) {
					const struct doc_row *row = &v.t->rows[v.total];
					double rate, num, den;
					char ref[128];
					struct finding *f;

					if (!tbl_head_has(&v, c, rate_words) ||
					    !computed_rate(&v, row, c, -1, &rate, &num, &den) ||
					    tbl_rate_equal(fr->value, rate))
						continue;
					tbl_ref(&v, v.total, c, ref, sizeof(ref));
					f = findings_add(&a->findings, HS501,
							 a->dx->docs[fr->doc].path,
							 "«%s» ghi %s %g%%, nhưng bảng «%s» (%s) cho "
							 "%g/%g = %.1f%%.",
							 a->dx->docs[fr->doc].path, fr->fig->title,
							 fr->value, a->dx->docs[d].path, ref, num,
							 den, rate);
					finding_place(f, ir->cr->id, ir->ind->id);
					finding_arg_num(f, "stated", fr->value);
					finding_arg_num(f, "computed", rate);
					finding_arg_num(f, "numerator", num);
					finding_arg_num(f, "denominator", den);
					finding_arg_str(f, "file2", a->dx->docs[d].path);
					finding_arg_str(f, "cell2", ref);
					tbl_release(&v);
					return; /* once per figure */
				}
				tbl_release(&v);
			}
		}
}

static void rate_run(struct assessment *a)
{
	for (size_t d = 0; d < a->dx->ndocs; d++)
		row_rates(a, d);
	for (size_t i = 0; i < a->nind; i++)
		for (size_t f = 0; f < a->ind[i].nfig; f++) {
			const struct fig_result *fr = &a->ind[i].fig[f];

			if (fr->found && fr->fig->unit && !strcmp(fr->fig->unit, "%"))
				figure_rates(a, &a->ind[i], fr);
		}
}

const struct check check_rate = {
	.code = HS501,
	.name = "rate",
	.run = rate_run,
};
