/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.h: renderings of what hoso read. JSON is the contract; the text
 * rendering is for people and says the same facts.
 */
#ifndef HOSO_REPORT_H
#define HOSO_REPORT_H

#include <stdio.h>

#include "read/dossier.h"

struct report_options {
	bool full_text;      /* --text: whole text and every table row */
	size_t snippet;      /* characters of text otherwise */
	size_t rows_shown;   /* rows per table otherwise */
};

/* JSON of `hoso extract` (schema "hoso-extract/1"); caller frees. */
char *report_extract_json(const struct dossier *dx,
			  const struct dossier_options *opt,
			  const struct report_options *ro);
/* The same bytes, written to out a document at a time (memory flat in the
 * number of documents); 0, or -1 on a write error. */
int report_extract_json_write(const struct dossier *dx,
			      const struct dossier_options *opt,
			      const struct report_options *ro, FILE *out);
/* The same facts as readable Vietnamese text. */
void report_extract_text(FILE *out, const struct dossier *dx,
			 const struct report_options *ro);

/* "A", "B", ... "AA" for a 0-based column. */
void report_col_name(uint32_t col, char out[8]);

#endif
