/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cdht_scores.c: HS508, a list of "Công dân học tập" with a score per
 * indicator (CS1..CS10, 1 to 10 each): a person marked recognised whose
 * total is below 80 or who has an indicator below 5 (Hội Khuyến học Việt
 * Nam, QĐ 324/QĐ-KHVN: at least 80 of 100, no indicator below 5).
 */
#include "checks.h"

#include <stdlib.h>
#include <string.h>

#include "understand/tables.h"
#include "base/vntext.h"

#define CDHT_MIN_TOTAL 80
#define CDHT_MIN_SCORE 5

static bool score_head(const char *h)
{
	const char *p = h;

	if (!strncmp(p, "chi so", 6))
		p += 6;
	else if (!strncmp(p, "tieu chi", 8))
		p += 8;
	else if (!strncmp(p, "cs", 2))
		p += 2;
	else if (!strncmp(p, "tc", 2))
		p += 2;
	while (*p == ' ' || *p == '.')
		p++;
	if (!*p)
		return false;
	for (const char *q = p; *q; q++)
		if (*q < '0' || *q > '9')
			return false;
	return atoi(p) >= 1 && atoi(p) <= 10;
}

static bool recognised(const char *text)
{
	char *f = vntext_fold_str(text);
	bool yes = !strcmp(f, "dat") || !strcmp(f, "cong nhan") ||
		   !strcmp(f, "x") || !strcmp(f, "co") ||
		   !strcmp(f, "duoc cong nhan") || !strcmp(f, "dat cdht");

	free(f);
	return yes;
}

static void one_table(struct assessment *a, size_t d, const struct doc_table *t)
{
	static const char *const total_words[] = {"tong", NULL};
	static const char *const result_words[] = {"ket qua", "cong nhan",
						   "danh hieu", "xep loai", NULL};
	struct tbl_view v;
	uint32_t scores[TBL_MAX_COLS], ns = 0, ctot = UINT32_MAX, cres = UINT32_MAX;

	tbl_view(&v, t);
	for (uint32_t c = 0; c < v.ncols; c++) {
		if (!v.head[c])
			continue;
		if (score_head(v.head[c]))
			scores[ns++] = c;
		else if (ctot == UINT32_MAX && tbl_head_has(&v, c, total_words))
			ctot = c;
		else if (cres == UINT32_MAX && tbl_head_has(&v, c, result_words) &&
			 !strstr(v.head[c], "khong") && !strstr(v.head[c], "chua"))
			cres = c; /* not "Không được công nhận" */
	}
	if (ns < 5 || cres == UINT32_MAX) {
		tbl_release(&v);
		return;
	}
	for (size_t r = v.first_data; r < t->nrows; r++) {
		const struct doc_row *row = &t->rows[r];
		const struct doc_cell *res = tbl_cell(row, cres);
		double total = 0, low = 1e9, x;
		uint32_t low_col = 0;
		char ref[128];
		struct finding *f;

		if (!res || !recognised(res->text))
			continue;
		for (uint32_t k = 0; k < ns; k++)
			if (tbl_num(row, scores[k], &x)) {
				total += x;
				if (x < low) {
					low = x;
					low_col = scores[k];
				}
			}
		if (ctot != UINT32_MAX)
			tbl_num(row, ctot, &total);
		if (total >= CDHT_MIN_TOTAL && low >= CDHT_MIN_SCORE)
			continue;
		tbl_ref(&v, r, cres, ref, sizeof(ref));
		if (total < CDHT_MIN_TOTAL)
			f = findings_add(&a->findings, HS508, a->dx->docs[d].path,
					 "«%s» dòng %u (%s) được ghi «%s» với tổng %g điểm, "
					 "dưới %d.", a->dx->docs[d].path, row->index, ref,
					 res->text, total, CDHT_MIN_TOTAL);
		else {
			char lref[128];

			tbl_ref(&v, r, low_col, lref, sizeof(lref));
			f = findings_add(&a->findings, HS508, a->dx->docs[d].path,
					 "«%s» dòng %u (%s) được ghi «%s» dù chỉ số ở ô %s "
					 "chỉ %g điểm, dưới %d.", a->dx->docs[d].path,
					 row->index, ref, res->text, lref, low, CDHT_MIN_SCORE);
			finding_arg_str(f, "low_cell", lref);
		}
		finding_arg_num(f, "total", total);
		finding_arg_num(f, "lowest", low);
		finding_arg_num(f, "row", row->index);
		finding_arg_str(f, "cell", ref);
		finding_cell(f, ref);
	}
	tbl_release(&v);
}

static void cdht_scores_run(struct assessment *a)
{
	for (size_t d = 0; d < a->dx->ndocs; d++) {
		struct doc tmp;
		const struct doc *doc;

		if (!a->dx->docs[d].ntables)
			continue;
		doc = dossier_doc_get(a->dx, d, &tmp);
		for (size_t t = 0; t < doc->ntables; t++)
			one_table(a, d, &doc->tables[t]);
		dossier_doc_put(a->dx, d, &tmp);
	}
}

const struct check check_cdht_scores = {
	.code = HS508,
	.name = "cdht-scores",
	.run = cdht_scores_run,
};
