/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * findings.h: a list of findings (code, file, message, location), the unit
 * every stage reports in. Messages are English details; renderings put the
 * code's title in the user's language in front of them.
 */
#ifndef HOSO_FINDINGS_H
#define HOSO_FINDINGS_H

#include "codes.h"

/* One named argument of a finding: what the message says, as data. */
struct finding_arg {
	char *key;
	char *str;     /* NULL for a number */
	double num;
};

struct finding {
	enum hs_code code;
	int severity;  /* enum hs_severity; the code's unless overridden */
	char *file;    /* path inside the input, '/'-separated; may be NULL */
	char *message; /* UTF-8 detail; owned */
	char *criterion, *indicator; /* rubric ids, or NULL */
	struct finding_arg *args;
	size_t nargs;
	long caused_by; /* index of the root finding, or -1 */
	unsigned page;  /* location; 0 when unknown */
	char *sheet;    /* location in a table: sheet or table name, cell */
	char *cell;
};

struct findings {
	struct finding *v;
	size_t n, cap;
};
#define FINDINGS_INIT {NULL, 0, 0}

/* Adds a finding; the pointer is valid until the next add. */
struct finding *findings_add(struct findings *f, enum hs_code code,
			     const char *file, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void finding_arg_str(struct finding *x, const char *key, const char *val);
void finding_arg_num(struct finding *x, const char *key, double val);
void finding_place(struct finding *x, const char *criterion,
		   const char *indicator);
/* Location in a table, from a reference "Danh sách!E17". */
void finding_cell(struct finding *x, const char *ref);
void findings_release(struct findings *f);
/* Worst severity present, or -1 when the list is empty. */
int findings_worst(const struct findings *f);

#endif
