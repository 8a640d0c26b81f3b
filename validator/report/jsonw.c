/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * jsonw.c: see jsonw.h. cJSON_Print formats an object as "{\n", each
 * member on its own line indented by its depth in tabs, "key":<tab>value,
 * and an array as "[" elements joined by ", " "]"; printing a value alone
 * and adding its depth in tabs after each line break gives the same
 * bytes as printing it inside the whole.
 */
#include "jsonw.h"

#include "read/extract/extract.h"

#include <stdlib.h>

#include "base/hs.h"

static void put_shifted(struct jw *w, const cJSON *item, int depth)
{
	char *s = cJSON_Print(item);

	if (!s) {
		w->failed = true;
		return;
	}
	for (const char *p = s; *p; p++) {
		fputc(*p, w->f);
		if (*p == '\n')
			for (int d = 0; d < depth; d++)
				fputc('\t', w->f);
	}
	free(s);
}

static void key(struct jw *w, const char *k)
{
	fprintf(w->f, "%s\t\"%s\":\t", w->first ? "{\n" : ",\n", k);
	w->first = false;
}

void jw_member(struct jw *w, const char *k, cJSON *item)
{
	key(w, k);
	put_shifted(w, item, 1);
	cJSON_Delete(item);
}

void jw_array_start(struct jw *w, const char *k)
{
	key(w, k);
	fputc('[', w->f);
	w->first_elem = true;
}

void jw_element(struct jw *w, cJSON *item)
{
	if (!w->first_elem)
		fputs(", ", w->f);
	w->first_elem = false;
	put_shifted(w, item, 2);
	cJSON_Delete(item);
}

void jw_array_end(struct jw *w)
{
	fputc(']', w->f);
}

int jw_end(struct jw *w)
{
	fputs(w->first ? "{\n}" : "\n}", w->f);
	if (w->failed)
		hs_die("out of memory while writing JSON");
	return ferror(w->f) ? -1 : 0;
}

cJSON *jw_doc_ocr(const struct doc *d)
{
	cJSON *o, *pages;
	bool sign = false;

	if (!d->nocr)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	pages = cJSON_CreateArray();
	cJSON_AddNumberToObject(o, "confidence", doc_ocr_conf(d));
	if (doc_ocr_seal(d) == 1 || d->ocr[0].colour)
		cJSON_AddBoolToObject(o, "seal", doc_ocr_seal(d) == 1);
	else
		cJSON_AddNullToObject(o, "seal"); /* black and white: unseen */
	for (size_t i = 0; i < d->nocr; i++) {
		const struct doc_ocr_page *pg = &d->ocr[i];
		cJSON *p = cJSON_CreateObject();

		cJSON_AddNumberToObject(p, "page", pg->page);
		cJSON_AddNumberToObject(p, "confidence", pg->conf);
		cJSON_AddBoolToObject(p, "colour", pg->colour);
		cJSON_AddBoolToObject(p, "seal", pg->seal);
		if (pg->seal) {
			cJSON *at = cJSON_CreateObject();

			cJSON_AddNumberToObject(at, "x", pg->seal_x);
			cJSON_AddNumberToObject(at, "y", pg->seal_y);
			cJSON_AddItemToObject(p, "seal_at", at);
		} else {
			cJSON_AddNullToObject(p, "seal_at");
		}
		cJSON_AddBoolToObject(p, "signature", pg->signature);
		cJSON_AddNumberToObject(p, "rotated", pg->angle);
		sign |= pg->signature;
		cJSON_AddItemToArray(pages, p);
	}
	cJSON_AddBoolToObject(o, "signature", sign);
	cJSON_AddItemToObject(o, "pages", pages);
	return o;
}
