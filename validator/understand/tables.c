/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tables.c: table layout and numbers (see tables.h).
 */
#include "tables.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "base/vntext.h"

const struct doc_cell *tbl_cell(const struct doc_row *r, uint32_t col)
{
	for (size_t c = 0; c < r->ncells; c++)
		if (r->cells[c].col == col)
			return &r->cells[c];
	return NULL;
}

bool tbl_num(const struct doc_row *r, uint32_t col, double *v)
{
	const struct doc_cell *c = tbl_cell(r, col);
	const char *s;
	size_t len;

	if (!c)
		return false;
	if (c->is_num) {
		*v = c->num;
		return isfinite(c->num);
	}
	s = c->text;
	while (*s == ' ')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '%'))
		len--;
	return docmeta_parse_number(s, len, v);
}

/* Row with at least one numeric cell. */
static bool numeric_row(const struct doc_row *r)
{
	for (size_t c = 0; c < r->ncells; c++) {
		double v;

		if (tbl_num(r, r->cells[c].col, &v))
			return true;
	}
	return false;
}

static bool text_row(const struct doc_row *r)
{
	size_t words = 0;

	for (size_t c = 0; c < r->ncells; c++) {
		double v;

		if (*r->cells[c].text && !tbl_num(r, r->cells[c].col, &v))
			words++;
	}
	return words >= 2;
}

static bool is_total_row(const struct doc_row *r)
{
	/* "Tổng cộng", "Cộng", "Tổng số", "Toàn xã" in the first cells */
	for (size_t c = 0; c < r->ncells && c < 3; c++) {
		char *f = vntext_fold_str(r->cells[c].text);
		bool hit = !strncmp(f, "tong cong", 9) || !strcmp(f, "cong") ||
			   !strncmp(f, "cong:", 5) || !strncmp(f, "tong so", 7) ||
			   !strcmp(f, "tong") || !strncmp(f, "toan xa", 7);

		free(f);
		if (hit)
			return true;
	}
	return false;
}

void tbl_view(struct tbl_view *v, const struct doc_table *t)
{
	memset(v, 0, sizeof(*v));
	v->t = t;
	v->header = SIZE_MAX;
	v->total = SIZE_MAX;
	/* The header: the last words-only row before the first numbers. */
	for (size_t r = 0; r < t->nrows && r < 15; r++) {
		if (numeric_row(&t->rows[r]) && !text_row(&t->rows[r]))
			break;
		if (text_row(&t->rows[r]) && !numeric_row(&t->rows[r]))
			v->header = r;
		else if (v->header != SIZE_MAX)
			break;
	}
	v->first_data = v->header == SIZE_MAX ? 0 : v->header + 1;
	/* Forms number their columns under the header: "1 | 2 | 3 | 4" or
	 * "(1) | (2) ...". That row is part of the header, not data. */
	if (v->header != SIZE_MAX && v->first_data < t->nrows) {
		const struct doc_row *r = &t->rows[v->first_data];
		size_t k = 0;
		bool numbering = r->ncells >= 3;

		for (; k < r->ncells && numbering; k++) {
			const char *c = r->cells[k].text;
			int n = 0;

			if (*c == '(')
				c++;
			while (*c >= '0' && *c <= '9')
				n = n * 10 + (*c++ - '0');
			if (*c == ')')
				c++;
			numbering = !*c && n == (int)k + 1;
		}
		if (numbering)
			v->first_data++;
	}
	for (size_t r = v->first_data; r < t->nrows; r++)
		if (is_total_row(&t->rows[r])) {
			v->total = r;
			break;
		}
	if (v->header != SIZE_MAX) {
		const struct doc_row *h = &t->rows[v->header];

		for (size_t c = 0; c < h->ncells; c++) {
			uint32_t col = h->cells[c].col;

			if (col >= TBL_MAX_COLS)
				continue;
			free(v->head[col]);
			v->head[col] = vntext_fold_str(h->cells[c].text);
			if (col + 1 > v->ncols)
				v->ncols = col + 1;
		}
	}
}

void tbl_release(struct tbl_view *v)
{
	for (size_t c = 0; c < TBL_MAX_COLS; c++)
		free(v->head[c]);
	memset(v, 0, sizeof(*v));
}

bool tbl_head_has(const struct tbl_view *v, uint32_t col,
		  const char *const *words)
{
	if (col >= TBL_MAX_COLS || !v->head[col])
		return false;
	for (; *words; words++)
		if (strstr(v->head[col], *words))
			return true;
	return false;
}

void tbl_ref(const struct tbl_view *v, size_t row, uint32_t col, char *out,
	     size_t len)
{
	char c[8];

	report_col_name(col, c);
	snprintf(out, len, "%s!%s%u", v->t->name, c, v->t->rows[row].index);
}

bool tbl_rate_equal(double stated, double computed)
{
	double diff = fabs(stated - computed);

	/* "64,3" is right for 64.25..64.35; "64" for 63.5..64.5 */
	if (stated == floor(stated))
		return diff < 0.5 + 1e-9;
	return diff < 0.05 + 0.01;
}
