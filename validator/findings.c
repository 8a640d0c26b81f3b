/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * findings.c: the finding list. Every string is cleaned to valid UTF-8 on
 * the way in, since file names and details come from hostile input.
 */
#include "findings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vntext.h"

static char *clean_dup(const char *s)
{
	struct hs_buf b = HS_BUF_INIT;

	vntext_clean(&b, s, strlen(s));
	return hs_buf_detach(&b, NULL);
}

void findings_add(struct findings *f, enum hs_code code, const char *file,
		  const char *fmt, ...)
{
	va_list ap;
	char msg[1024];
	struct finding *x;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	HS_GROW(f->v, f->cap, f->n + 1);
	x = &f->v[f->n++];
	x->code = code;
	x->file = file ? clean_dup(file) : NULL;
	x->message = clean_dup(msg);
}

void findings_release(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].file);
		free(f->v[i].message);
	}
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}

int findings_worst(const struct findings *f)
{
	int worst = -1;

	for (size_t i = 0; i < f->n; i++) {
		int s = (int)hs_code_info(f->v[i].code)->severity;

		if (s > worst)
			worst = s;
	}
	return worst;
}
