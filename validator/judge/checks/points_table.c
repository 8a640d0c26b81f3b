/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * points_table.c: a self-assessment points table (Tiêu chí | Điểm tối đa |
 * Điểm tự đánh giá): a criterion given more than its maximum (HS505), a
 * total that is not the sum of the rows (HS506), and, for a points rubric,
 * a classification claimed in the document that the points do not reach
 * (HS507).
 */
#include "checks.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/rx.h"
#include "understand/tables.h"
#include "base/vntext.h"

static const char *const max_words[] = {"toi da", "diem chuan", NULL};
static const char *const self_words[] = {"tu danh gia", "tu cham", "tu kiem tra",
					 "diem dat", "dat duoc", "tu xep", NULL};

static const char *band_for(const struct rubric *r, double points)
{
	for (size_t b = 0; b < r->nbands; b++)
		if (points >= r->bands[b].min)
			return r->bands[b].name;
	return NULL;
}

/*
 * The classification the document claims: "tự xếp loại Tốt", "đề nghị
 * xếp loại Khá", "kết quả xếp loại: Tốt"; the last such, not a rule
 * ("xếp loại tốt khi đạt từ 85 điểm").
 */
static char *claimed_class(const struct doc *doc)
{
	struct rx re;
	struct hs_buf key = HS_BUF_INIT;
	char err[128], *out = NULL;
	size_t ov[4], from = 0;

	if (!rx_compile(&re, "(?:tu xep loai|de nghi xep loai|ket qua xep loai|"
			"xep loai chung|duoc xep loai|dat loai)(?: la)?:? "
			"(tot|kha|trung binh|yeu|khong xep loai|khong dat)\\b"
			"(?! khi| tu | neu)", err, sizeof(err)))
		return NULL;
	vntext_fold(doc->text.ptr, doc->text.len, &key, NULL);
	while (from < key.len &&
	       rx_match(&re, key.ptr + from, key.len - from, ov, 2) == 2) {
		free(out);
		out = hs_strndup(key.ptr + from + ov[2], ov[3] - ov[2]);
		from += ov[1];
	}
	rx_release(&re);
	hs_buf_release(&key);
	return out;
}

static void one_table(struct assessment *a, size_t d, const struct doc *doc,
		      const struct doc_table *t)
{
	const char *path = a->dx->docs[d].path;
	struct tbl_view v;
	uint32_t cmax = UINT32_MAX, cself = UINT32_MAX;
	double sum = 0, sum_top = 0, sum_parts = 0, total;
	size_t rows = 0;
	char ref[128];
	struct finding *f;

	tbl_view(&v, t);
	for (uint32_t c = 0; c < v.ncols; c++) {
		if (cmax == UINT32_MAX && tbl_head_has(&v, c, max_words))
			cmax = c;
		else if (cself == UINT32_MAX && tbl_head_has(&v, c, self_words))
			cself = c;
	}
	if (cmax == UINT32_MAX || cself == UINT32_MAX) {
		tbl_release(&v);
		return;
	}
	for (size_t r = v.first_data; r < t->nrows && r != v.total; r++) {
		double mx, self;
		const char *id = t->rows[r].ncells ? t->rows[r].cells[0].text : "";

		if (!tbl_num(&t->rows[r], cmax, &mx) ||
		    !tbl_num(&t->rows[r], cself, &self))
			continue;
		sum += self;
		/* criteria "1" and their parts "1.1": either may be the sum */
		if (strchr(id, '.') && id[strspn(id, "0123456789")] == '.')
			sum_parts += self;
		else
			sum_top += self;
		rows++;
		if (self > mx + 1e-9) {
			tbl_ref(&v, r, cself, ref, sizeof(ref));
			f = findings_add(&a->findings, HS505, path,
					 "«%s» ô %s tự chấm %g điểm, vượt điểm tối đa %g.",
					 path, ref, self, mx);
			finding_arg_num(f, "stated", self);
			finding_arg_num(f, "maximum", mx);
			finding_arg_str(f, "cell", ref);
			finding_cell(f, ref);
		}
	}
	if (rows >= 2 && v.total != SIZE_MAX &&
	    tbl_num(&t->rows[v.total], cself, &total)) {
		const char *claimed_band;
		char *claimed;

		if (sum_parts > 0 && sum_top > 0 &&
		    (fabs(total - sum_top) < 1e-6 || fabs(total - sum_parts) < 1e-6))
			sum = total; /* nested rows: the total of one level */
		if (fabs(total - sum) > 1e-6) {
			tbl_ref(&v, v.total, cself, ref, sizeof(ref));
			f = findings_add(&a->findings, HS506, path,
					 "«%s» ô %s ghi tổng %g điểm, nhưng cộng %zu tiêu chí "
					 "được %g điểm.", path, ref, total, rows, sum);
			finding_arg_num(f, "stated", total);
			finding_arg_num(f, "computed", sum);
			finding_arg_str(f, "cell", ref);
			finding_cell(f, ref);
		}
		claimed = claimed_class(doc);
		claimed_band = a->rubric->kind == RUBRIC_POINTS
				       ? band_for(a->rubric, sum)
				       : NULL;
		if (claimed && claimed_band) {
			char *want = vntext_fold_str(claimed_band);

			if (strcmp(want, claimed)) {
				f = findings_add(&a->findings, HS507, path,
						 "«%s» tự xếp loại «%s», nhưng %g điểm (tổng các "
						 "tiêu chí) chỉ đạt loại «%s».",
						 path, claimed, sum, claimed_band);
				finding_arg_str(f, "claimed", claimed);
				finding_arg_str(f, "computed", claimed_band);
				finding_arg_num(f, "points", sum);
			}
			free(want);
		}
		free(claimed);
	}
	tbl_release(&v);
}

static void points_table_run(struct assessment *a)
{
	for (size_t d = 0; d < a->dx->ndocs; d++) {
		struct doc tmp;
		const struct doc *doc;

		if (!a->dx->docs[d].ntables)
			continue;
		doc = dossier_doc_get(a->dx, d, &tmp);
		for (size_t t = 0; t < doc->ntables; t++)
			one_table(a, d, doc, &doc->tables[t]);
		dossier_doc_put(a->dx, d, &tmp);
	}
}

const struct check check_points_table = {
	.code = HS505,
	.name = "points-table",
	.run = points_table_run,
};
