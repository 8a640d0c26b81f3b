/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * jsonw.h: a JSON object written a member at a time, each value printed
 * by cJSON alone and indented by the depth it has in the whole, so the
 * bytes are those cJSON_Print of the whole tree would give while only one
 * member, or one element of an array member, is held as a tree. Used for
 * the outputs that grow with the dossier (verdict, extract).
 * Call order: struct jw w = JW_INIT(f); jw_member()... (or
 * jw_array_start, jw_element..., jw_array_end); jw_end(&w).
 */
#ifndef HOSO_JSONW_H
#define HOSO_JSONW_H

#include <stdbool.h>
#include <stdio.h>

#include <cjson/cJSON.h>

struct jw {
	FILE *f;
	bool first;      /* no member written yet */
	bool first_elem; /* no element written yet in the open array */
	bool failed;     /* out of memory */
};

#define JW_INIT(file) {.f = (file), .first = true}

/* A member of the root object; item is freed. */
void jw_member(struct jw *w, const char *key, cJSON *item);
/* An array member whose elements follow with jw_element. */
void jw_array_start(struct jw *w, const char *key);
/* An element of the open array member; item is freed. */
void jw_element(struct jw *w, cJSON *item);
void jw_array_end(struct jw *w);
/* Closes the root; 0, or -1 on a write error (dies when out of memory). */
int jw_end(struct jw *w);

struct doc;
/*
 * A document's OCR as JSON: null when no page was read by OCR, else
 * {confidence, seal, signature, pages: [{page, confidence, seal, seal_at,
 * signature, rotated}]} (the same in the extract and verdict documents).
 */
cJSON *jw_doc_ocr(const struct doc *d);

#endif
