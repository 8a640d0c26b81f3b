/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * table_total.c: HS502, a total row ("Tổng cộng", "Cộng") against the sum
 * of the rows above it, column by column. Rate, order and score columns
 * are not sums; points tables are points_table.c's.
 */
#include "checks.h"

#include <math.h>
#include <string.h>

#include "understand/tables.h"

static const char *const not_sums[] = {
	"ty le", "%", "stt", "binh quan", "trung binh", "xep loai", "diem",
	"nam", "ma so", NULL};

static void table_total_run(struct assessment *a)
{
	static const char *const points[] = {"diem", NULL};

	for (size_t d = 0; d < a->dx->ndocs; d++) {
		struct doc tmp;
		const struct doc *doc;

		if (!a->dx->docs[d].ntables)
			continue;
		doc = dossier_doc_get(a->dx, d, &tmp);

		for (size_t t = 0; t < doc->ntables; t++) {
			struct tbl_view v;
			bool is_points = false;

			tbl_view(&v, &doc->tables[t]);
			for (uint32_t c = 0; c < v.ncols; c++)
				is_points |= tbl_head_has(&v, c, points);
			if (v.total == SIZE_MAX || v.header == SIZE_MAX || is_points) {
				tbl_release(&v);
				continue;
			}
			for (uint32_t c = 0; c < v.ncols; c++) {
				const struct doc_row *tot = &v.t->rows[v.total];
				double total, sum = 0, x;
				size_t n = 0;
				char ref[128];
				struct finding *f;

				if (tbl_head_has(&v, c, not_sums) || !v.head[c] ||
				    !tbl_num(tot, c, &total))
					continue;
				for (size_t r = v.first_data; r < v.total; r++)
					if (tbl_num(&v.t->rows[r], c, &x)) {
						sum += x;
						n++;
					}
				if (n < 2 || fabs(sum - total) < 0.5)
					continue;
				tbl_ref(&v, v.total, c, ref, sizeof(ref));
				f = findings_add(&a->findings, HS502, a->dx->docs[d].path,
						 "«%s» ô %s (dòng tổng, cột «%s») ghi %g, nhưng "
						 "cộng %zu dòng trên được %g (lệch %g).",
						 a->dx->docs[d].path, ref, v.head[c], total, n,
						 sum, total - sum);
				finding_arg_num(f, "stated", total);
				finding_arg_num(f, "computed", sum);
				finding_arg_num(f, "rows", (double)n);
				finding_arg_str(f, "cell", ref);
				finding_cell(f, ref);
			}
			tbl_release(&v);
		}
		dossier_doc_put(a->dx, d, &tmp);
	}
}

const struct check check_table_total = {
	.code = HS502,
	.name = "table-total",
	.run = table_total_run,
};
