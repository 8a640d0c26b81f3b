/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * formula.h: the spreadsheet formulas hoso computes itself when a file was
 * saved without their values (xlsx written by tools that do not compute:
 * generators, converters). Excel and LibreOffice store each formula's
 * last value beside it; these files store only "SUM(B2:B9)".
 *
 * What is computed: numbers, cell references (A1, $B$2) on the same
 * sheet, + - * / with parentheses and unary minus, and SUM() over ranges
 * (B2:B9, A1:C3) and expressions. An empty cell is 0 (as in Excel); text
 * in a SUM range is skipped, a text cell named alone is not computed. Anything else (other functions, other sheets, names,
 * text in arithmetic, a division by zero) is not computed: the caller
 * reports the cell (HS206) instead of guessing.
 */
#ifndef HOSO_FORMULA_H
#define HOSO_FORMULA_H

#include "extract.h"

/* A formula cell of a sheet waiting for its value. */
struct formula_cell {
	uint32_t row, col; /* 1-based row number, 0-based column */
	size_t trow, tcell; /* where its cell is in the table */
	char *text;         /* the formula, without '=' */
	bool done;          /* computed */
};

/*
 * Computes every formula of cells[] it can over table t (a formula may
 * use another's value, computed first), writing each value into its cell
 * (a number, shown as Excel shows it). Returns how many are left.
 */
size_t formula_compute(struct doc_table *t, struct formula_cell *cells,
		       size_t n);

/* "B5" for row 5, column 1 into out (16 bytes). */
const char *formula_cell_name(uint32_t row, uint32_t col, char out[16]);

#endif
