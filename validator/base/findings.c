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

struct finding *findings_add(struct findings *f, enum hs_code code,
			     const char *file, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];
	struct finding *x;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	HS_GROW(f->v, f->cap, f->n + 1);
	x = &f->v[f->n++];
	memset(x, 0, sizeof(*x));
	x->code = code;
	x->severity = (int)hs_code_info(code)->severity;
	x->file = file ? clean_dup(file) : NULL;
	x->message = clean_dup(msg);
	x->caused_by = -1;
	return x;
}

static struct finding_arg *new_arg(struct finding *x, const char *key)
{
	struct finding_arg *a;

	x->args = hs_realloc(x->args, (x->nargs + 1) * sizeof(*x->args));
	a = &x->args[x->nargs++];
	memset(a, 0, sizeof(*a));
	a->key = hs_strdup(key);
	return a;
}

void finding_arg_str(struct finding *x, const char *key, const char *val)
{
	new_arg(x, key)->str = clean_dup(val ? val : "");
}

void finding_arg_num(struct finding *x, const char *key, double val)
{
	new_arg(x, key)->num = val;
}

void finding_cell(struct finding *x, const char *ref)
{
	const char *bang = strrchr(ref, '!');

	free(x->sheet);
	free(x->cell);
	x->sheet = bang ? hs_strndup(ref, (size_t)(bang - ref)) : NULL;
	x->cell = hs_strdup(bang ? bang + 1 : ref);
}

void finding_place(struct finding *x, const char *criterion,
		   const char *indicator)
{
	free(x->criterion);
	free(x->indicator);
	x->criterion = criterion ? hs_strdup(criterion) : NULL;
	x->indicator = indicator ? hs_strdup(indicator) : NULL;
}

void findings_release(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].file);
		free(f->v[i].message);
		free(f->v[i].criterion);
		free(f->v[i].indicator);
		free(f->v[i].sheet);
		free(f->v[i].cell);
		for (size_t k = 0; k < f->v[i].nargs; k++) {
			free(f->v[i].args[k].key);
			free(f->v[i].args[k].str);
		}
		free(f->v[i].args);
	}
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}

int findings_worst(const struct findings *f)
{
	int worst = -1;

	for (size_t i = 0; i < f->n; i++) {
		int s = f->v[i].severity;

		if (s > worst)
			worst = s;
	}
	return worst;
}
