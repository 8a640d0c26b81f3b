/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * formula.c: see formula.h. A recursive-descent reader over the formula
 * text. Each formula is computed once, the formulas it uses first, on
 * demand (a cycle fails); nesting, the chain of formulas and the total
 * work (cells read, formulas looked up) are bounded, so a crafted sheet
 * costs at most WORK_MAX steps, whatever its size.
 */
#include "formula.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/hs.h"

#define DEPTH_MAX 64        /* nesting of one formula's expression */
#define CHAIN_MAX 64        /* formulas computed to compute one formula */
#define WORK_MAX 4000000    /* cells read and formulas looked up, in all */

enum { F_PENDING, F_BUSY, F_DONE, F_FAILED };

struct ev {
	const char *p;
	struct doc_table *t;
	struct formula_cell *cells;
	const size_t *order;  /* cells by (row, col), for lookups */
	unsigned char *state; /* F_* per cell */
	size_t n;
	unsigned depth, chain;
	size_t *work;
	bool fail;
};

static bool compute(struct ev *outer, size_t i);

static const struct doc_row *row_of(const struct doc_table *t, uint32_t index)
{
	size_t lo = 0, hi = t->nrows;

	/* rows are in sheet order; fall back to a walk if they are not */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->rows[mid].index == index)
			return &t->rows[mid];
		if (t->rows[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].index == index)
			return &t->rows[i];
	return NULL;
}

static const struct doc_cell *cell_at(const struct doc_table *t, uint32_t row,
				      uint32_t col)
{
	const struct doc_row *r = row_of(t, row);

	for (size_t i = 0; r && i < r->ncells; i++)
		if (r->cells[i].col == col)
			return &r->cells[i];
	return NULL;
}

/* The formula cell at (row, col), or SIZE_MAX. */
static size_t formula_at(const struct ev *e, uint32_t row, uint32_t col)
{
	size_t lo = 0, hi = e->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct formula_cell *c = &e->cells[e->order[mid]];

		if (c->row == row && c->col == col)
			return e->order[mid];
		if (c->row < row || (c->row == row && c->col < col))
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

/*
 * A cell whose value is a formula not yet computed: compute it now (a
 * formula may use another's value, in any order), within CHAIN_MAX and
 * the work budget. False when it has no value to give: it fails too.
 */
static bool pending(struct ev *e, uint32_t row, uint32_t col)
{
	size_t i;

	if (++*e->work > WORK_MAX) {
		e->fail = true;
		return true;
	}
	i = formula_at(e, row, col);
	if (i == SIZE_MAX || e->state[i] == F_DONE)
		return false;
	if (e->state[i] == F_PENDING && e->chain < CHAIN_MAX && compute(e, i))
		return false;
	return true; /* busy (a cycle), failed, or too deep */
}

static void skip_space(struct ev *e)
{
	while (*e->p == ' ')
		e->p++;
}

/* A1, $B$2: true with the 1-based row and 0-based column. */
static bool read_ref(struct ev *e, uint32_t *row, uint32_t *col)
{
	const char *p = e->p;
	uint64_t c = 0, r = 0;
	int letters = 0, digits = 0;

	if (*p == '$')
		p++;
	while (isupper((unsigned char)*p) && letters < 3) {
		c = c * 26 + (uint64_t)(*p++ - 'A' + 1);
		letters++;
	}
	if (*p == '$')
		p++;
	while (isdigit((unsigned char)*p) && digits < 7) {
		r = r * 10 + (uint64_t)(*p++ - '0');
		digits++;
	}
	if (!letters || !digits || !r || isalnum((unsigned char)*p) ||
	    *p == '(' || *p == '!')
		return false;
	*row = (uint32_t)r;
	*col = (uint32_t)(c - 1);
	e->p = p;
	return true;
}

/* The value of one cell in arithmetic: empty is 0, text fails. */
static double ref_value(struct ev *e, uint32_t row, uint32_t col)
{
	const struct doc_cell *c;

	if (pending(e, row, col)) {
		e->fail = true;
		return 0;
	}
	c = cell_at(e->t, row, col);
	if (!c || (!c->is_num && !*c->text))
		return 0;
	if (!c->is_num)
		e->fail = true;
	return c->is_num ? c->num : 0;
}

static double expr(struct ev *e);

/* SUM's arguments: ranges, references and expressions. */
static double sum(struct ev *e)
{
	double total = 0;

	for (;;) {
		const char *save = e->p;
		uint32_t r1, c1, r2, c2;

		skip_space(e);
		if (read_ref(e, &r1, &c1) && *e->p == ':') {
			e->p++;
			if (!read_ref(e, &r2, &c2)) {
				e->fail = true;
				return 0;
			}
			if (r2 < r1) {
				uint32_t x = r1;

				r1 = r2;
				r2 = x;
			}
			if (c2 < c1) {
				uint32_t x = c1;

				c1 = c2;
				c2 = x;
			}
			/* only the cells that exist are visited */
			for (size_t i = 0; i < e->t->nrows && !e->fail; i++) {
				const struct doc_row *row = &e->t->rows[i];

				if (row->index < r1 || row->index > r2)
					continue;
				for (size_t k = 0; k < row->ncells; k++) {
					const struct doc_cell *c = &row->cells[k];

					if (++*e->work > WORK_MAX) {
						e->fail = true;
						break;
					}
					if (c->col < c1 || c->col > c2)
						continue;
					if (pending(e, row->index, c->col))
						e->fail = true;
					else if (c->is_num)
						total += c->num;
				}
			}
		} else {
			e->p = save;
			total += expr(e);
		}
		skip_space(e);
		if (e->fail || *e->p != ',')
			break;
		e->p++;
	}
	return total;
}

static double factor(struct ev *e)
{
	uint32_t row, col;
	double v;
	char *end;

	if (++e->depth > DEPTH_MAX) {
		e->fail = true;
		return 0;
	}
	skip_space(e);
	if (*e->p == '-') {
		e->p++;
		v = -factor(e);
	} else if (*e->p == '+') {
		e->p++;
		v = factor(e);
	} else if (*e->p == '(') {
		e->p++;
		v = expr(e);
		skip_space(e);
		if (*e->p == ')')
			e->p++;
		else
			e->fail = true;
	} else if (!strncasecmp(e->p, "SUM(", 4)) {
		e->p += 4;
		v = sum(e);
		skip_space(e);
		if (*e->p == ')')
			e->p++;
		else
			e->fail = true;
	} else if (isdigit((unsigned char)*e->p) || *e->p == '.') {
		v = strtod(e->p, &end);
		if (end == e->p)
			e->fail = true;
		e->p = end;
	} else if (read_ref(e, &row, &col)) {
		v = ref_value(e, row, col);
	} else {
		e->fail = true; /* a function, a name or a sheet we do not read */
		v = 0;
	}
	e->depth--;
	return v;
}

static double term(struct ev *e)
{
	double v = factor(e);

	for (;;) {
		skip_space(e);
		if (e->fail || (*e->p != '*' && *e->p != '/'))
			return v;
		if (*e->p++ == '*') {
			v *= factor(e);
		} else {
			double d = factor(e);

			if (d == 0)
				e->fail = true; /* #DIV/0! */
			else
				v /= d;
		}
	}
}

static double expr(struct ev *e)
{
	double v = term(e);

	for (;;) {
		skip_space(e);
		if (e->fail || (*e->p != '+' && *e->p != '-'))
			return v;
		if (*e->p++ == '+')
			v += term(e);
		else
			v -= term(e);
	}
}

/* Computes cell i (its state is F_PENDING) and writes its value. */
static bool compute(struct ev *outer, size_t i)
{
	struct formula_cell *fc = &outer->cells[i];
	struct ev e = *outer;
	struct doc_cell *c;
	char shown[40];
	double v;

	outer->state[i] = F_BUSY;
	e.p = fc->text;
	e.depth = 0;
	e.chain = outer->chain + 1;
	e.fail = false;
	if (*e.p == '=')
		e.p++;
	v = expr(&e);
	skip_space(&e);
	if (e.fail || *e.p || !isfinite(v)) {
		outer->state[i] = F_FAILED;
		return false;
	}
	c = &outer->t->rows[fc->trow].cells[fc->tcell];
	snprintf(shown, sizeof(shown), "%.15g", v);
	free(c->text);
	c->text = hs_strdup(shown);
	c->is_num = true;
	c->num = v;
	fc->done = true;
	outer->state[i] = F_DONE;
	return true;
}

static const struct formula_cell *sort_cells;

static int cmp_cell(const void *a, const void *b)
{
	const struct formula_cell *x = &sort_cells[*(const size_t *)a],
				  *y = &sort_cells[*(const size_t *)b];

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

size_t formula_compute(struct doc_table *t, struct formula_cell *cells,
		       size_t n)
{
	size_t *order = hs_calloc(n + 1, sizeof(*order)), work = 0, left = 0;
	unsigned char *state = hs_calloc(n + 1, 1);
	struct ev e = {.t = t, .cells = cells, .order = order, .state = state,
		       .n = n, .work = &work};

	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_cells = cells;
	qsort(order, n, sizeof(*order), cmp_cell);
	sort_cells = NULL;
	/* each formula computed once, those it uses first (pending()); a
	 * chain longer than CHAIN_MAX is met from its other end too */
	for (int sweep = 0; sweep < 2; sweep++)
		for (size_t k = 0; k < n; k++) {
			size_t i = sweep ? n - 1 - k : k;

			if (state[i] == F_DONE)
				continue;
			state[i] = F_PENDING;
			compute(&e, i);
		}
	for (size_t i = 0; i < n; i++)
		left += state[i] != F_DONE;
	free(order);
	free(state);
	return left;
}

const char *formula_cell_name(uint32_t row, uint32_t col, char out[16])
{
	char letters[8];
	int k = 0;
	uint32_t c = col + 1;

	while (c && k < 7) {
		letters[k++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	for (int i = 0; i < k / 2; i++) {
		char x = letters[i];

		letters[i] = letters[k - 1 - i];
		letters[k - 1 - i] = x;
	}
	letters[k] = '\0';
	snprintf(out, 16, "%s%u", letters, row);
	return out;
}
