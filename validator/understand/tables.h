/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tables.h: reading the tables of documents as a reviewer does: the header
 * row and its words per column, the data rows, the total row ("Tổng cộng",
 * "Cộng", "Tổng số"), numbers written the Vietnamese way, and a location
 * for every cell ("Danh sách!E17" for a sheet, "Bảng 1!C5" for a table).
 */
#ifndef HOSO_TABLES_H
#define HOSO_TABLES_H

#include "assess.h"

#define TBL_MAX_COLS 64

struct tbl_view {
	const struct doc_table *t;
	size_t header;          /* row index of the header, SIZE_MAX if none */
	size_t first_data;      /* first row after the header */
	size_t total;           /* row index of the total row, SIZE_MAX */
	uint32_t ncols;
	char *head[TBL_MAX_COLS]; /* folded header words per column, or NULL */
};

/* Reads the layout of t into v; release with tbl_release. */
void tbl_view(struct tbl_view *v, const struct doc_table *t);
void tbl_release(struct tbl_view *v);

/* The cell of row r at column col, or NULL. */
const struct doc_cell *tbl_cell(const struct doc_row *r, uint32_t col);
/* Its value as a number ("1.250", "64,3", "64,3%", numeric cells). */
bool tbl_num(const struct doc_row *r, uint32_t col, double *v);
/* Does the header of col match any of the folded words (substring)? */
bool tbl_head_has(const struct tbl_view *v, uint32_t col, const char *const *words);
/* "Danh sách!E17": where a cell is, for findings. */
void tbl_ref(const struct tbl_view *v, size_t row, uint32_t col, char *out,
	     size_t len);
/* Equal once the stated value's own rounding is allowed for. */
bool tbl_rate_equal(double stated, double computed);

#endif
