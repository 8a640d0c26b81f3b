/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * findings.h: a list of findings (code, file, message, location), the unit
 * every stage reports in. Messages are English details; renderings put the
 * code's title in the user's language in front of them.
 */
#ifndef HOSO_FINDINGS_H
#define HOSO_FINDINGS_H

#include "codes.h"

struct finding {
	enum hs_code code;
	char *file;    /* path inside the input, '/'-separated; may be NULL */
	char *message; /* UTF-8 detail; owned */
};

struct findings {
	struct finding *v;
	size_t n, cap;
};
#define FINDINGS_INIT {NULL, 0, 0}

void findings_add(struct findings *f, enum hs_code code, const char *file,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void findings_release(struct findings *f);
/* Worst severity present, or -1 when the list is empty. */
int findings_worst(const struct findings *f);

#endif
