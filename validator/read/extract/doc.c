/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * doc.c: the document model's builder calls (see extract.h). All limits of
 * one document's content are enforced here, not in each extractor.
 */
#include "extract.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/vntext.h"

const char *doc_status_name(enum doc_status st)
{
	switch (st) {
	case DOC_OK:
		return "ok";
	case DOC_NO_TEXT:
		return "no_text";
	case DOC_ENCRYPTED:
		return "encrypted";
	case DOC_UNREADABLE:
		return "unreadable";
	case DOC_UNSUPPORTED:
		return "unsupported";
	case DOC_LIMIT_EXCEEDED:
		return "limit_exceeded";
	case DOC_OCR:
		return "ocr";
	}
	return "unreadable";
}

const char *doc_encoding_name(enum doc_encoding enc)
{
	switch (enc) {
	case DOC_ENC_NONE:
		return NULL;
	case DOC_ENC_UTF8:
		return "utf-8";
	case DOC_ENC_UTF16LE:
		return "utf-16le";
	case DOC_ENC_UTF16BE:
		return "utf-16be";
	case DOC_ENC_CP1258:
		return "cp1258";
	case DOC_ENC_TCVN3:
		return "tcvn3";
	case DOC_ENC_VNI:
		return "vni";
	}
	return NULL;
}

void doc_init(struct doc *d, const struct extract_limits *lim)
{
	static const struct extract_limits def = EXTRACT_LIMITS_DEFAULT;

	memset(d, 0, sizeof(*d));
	d->limits = lim ? *lim : def;
	hs_buf_init(&d->text, d->limits.text_max);
}

void doc_drop_content(struct doc *d)
{
	for (size_t t = 0; t < d->ntables; t++) {
		struct doc_table *tb = &d->tables[t];

		for (size_t r = 0; r < tb->nrows; r++) {
			for (size_t c = 0; c < tb->rows[r].ncells; c++)
				free(tb->rows[r].cells[c].text);
			free(tb->rows[r].cells);
		}
		free(tb->rows);
		free(tb->name);
	}
	free(d->tables);
	d->tables = NULL;
	d->ntables = d->tables_cap = 0;
	hs_buf_release(&d->text);
}

void doc_release(struct doc *d)
{
	doc_drop_content(d);
	for (size_t i = 0; i < d->nnotes; i++)
		free(d->notes[i].message);
	free(d->notes);
	free(d->page_ends);
	free(d->ocr);
	free(d->reason);
	memset(d, 0, sizeof(*d));
}

/* Severity order of document statuses, for "keep the worst". */
static int status_rank(enum doc_status st)
{
	switch (st) {
	case DOC_OK:
		return 0;
	case DOC_OCR:
		return 1;
	case DOC_NO_TEXT:
		return 2;
	case DOC_LIMIT_EXCEEDED:
		return 3;
	case DOC_UNSUPPORTED:
		return 4;
	case DOC_ENCRYPTED:
		return 5;
	case DOC_UNREADABLE:
		return 6;
	}
	return 6;
}

void doc_set_status(struct doc *d, enum doc_status st, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	if (status_rank(st) <= status_rank(d->status) && d->status != DOC_OK)
		return;
	if (st == DOC_OK)
		return;
	d->status = st;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	free(d->reason);
	{
		struct hs_buf b = HS_BUF_INIT;

		vntext_clean(&b, msg, strlen(msg));
		d->reason = hs_buf_detach(&b, NULL);
	}
}

void doc_note(struct doc *d, enum hs_code code, const char *fmt, ...)
{
	va_list ap;
	char msg[512];
	struct hs_buf b = HS_BUF_INIT;

	/* One note per code and document: root causes, not floods. */
	for (size_t i = 0; i < d->nnotes; i++)
		if (d->notes[i].code == code)
			return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	vntext_clean(&b, msg, strlen(msg));
	HS_GROW(d->notes, d->notes_cap, d->nnotes + 1);
	d->notes[d->nnotes].code = code;
	d->notes[d->nnotes].message = hs_buf_detach(&b, NULL);
	d->nnotes++;
}

void doc_set_encoding(struct doc *d, enum doc_encoding enc)
{
	/* A legacy encoding found anywhere is the fact worth reporting. */
	if (enc == DOC_ENC_NONE)
		return;
	if (d->encoding == DOC_ENC_TCVN3 || d->encoding == DOC_ENC_VNI)
		return;
	d->encoding = enc;
}

static void text_limit_hit(struct doc *d)
{
	doc_set_status(d, DOC_LIMIT_EXCEEDED,
		       "text longer than %zu bytes: the rest was not read",
		       d->limits.text_max);
	doc_note(d, HS106, "text limit of %zu bytes reached (--max-text)",
		 d->limits.text_max);
}

enum hs_status doc_add_text(struct doc *d, const char *s, size_t len)
{
	enum hs_status st;

	if (d->text.over)
		return HS_LIMIT;
	st = d->normalised ? vntext_clean_utf8(&d->text, s, len)
			   : vntext_clean(&d->text, s, len);
	if (st == HS_LIMIT)
		text_limit_hit(d);
	return st;
}

/* Reports one kind of limit once per document. */
static void over(struct doc *d, unsigned what, const char *reason,
		 const char *note)
{
	if (d->over & what)
		return;
	d->over |= what;
	doc_set_status(d, DOC_LIMIT_EXCEEDED, "%s", reason);
	doc_note(d, HS106, "%s", note);
}

static bool cells_full(struct doc *d)
{
	char reason[96], note[128];

	if (d->ncells + d->nrows_bare < d->limits.cells_max)
		return false;
	snprintf(reason, sizeof(reason), "more than %zu table cells",
		 d->limits.cells_max);
	snprintf(note, sizeof(note),
		 "cell limit of %zu reached (--max-cells): later cells not kept",
		 d->limits.cells_max);
	over(d, DOC_OVER_CELLS, reason, note);
	return true;
}

void doc_add_text_flat(struct doc *d, const char *s, size_t len)
{
	size_t start = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] != '\n')
			continue;
		doc_add_text(d, s + start, i - start);
		doc_add_text(d, " ", 1);
		start = i + 1;
	}
	doc_add_text(d, s + start, len - start);
}

void doc_end_page(struct doc *d)
{
	if (d->npages >= d->limits.pages_max) {
		char reason[96], note[128];

		snprintf(reason, sizeof(reason), "more than %u pages",
			 d->limits.pages_max);
		snprintf(note, sizeof(note),
			 "page limit of %u reached (--max-pages): later pages "
			 "not kept", d->limits.pages_max);
		over(d, DOC_OVER_PAGES, reason, note);
		return;
	}
	HS_GROW(d->page_ends, d->pages_cap, d->npages + 1);
	d->page_ends[d->npages++] = d->text.len;
}

struct doc_table *doc_table_new(struct doc *d, const char *name,
				uint32_t page)
{
	struct doc_table *t;
	struct hs_buf b = HS_BUF_INIT;

	if (d->ntables >= DOC_TABLES_MAX) {
		char reason[96], note[128];

		snprintf(reason, sizeof(reason), "more than %d tables",
			 DOC_TABLES_MAX);
		snprintf(note, sizeof(note), "table limit of %d reached: later "
			 "tables joined to the last one", DOC_TABLES_MAX);
		over(d, DOC_OVER_TABLES, reason, note);
		return &d->tables[d->ntables - 1];
	}
	HS_GROW(d->tables, d->tables_cap, d->ntables + 1);
	t = &d->tables[d->ntables++];
	memset(t, 0, sizeof(*t));
	b.max = 1024;
	vntext_clean(&b, name ? name : "", name ? strlen(name) : 0);
	t->name = hs_buf_detach(&b, NULL);
	t->page = page;
	return t;
}

void doc_row_new(struct doc *d, uint32_t index)
{
	struct doc_table *t;

	if (cells_full(d))
		return;
	if (!d->ntables)
		doc_table_new(d, "", 0);
	t = &d->tables[d->ntables - 1];
	d->nrows_bare++;
	HS_GROW(t->rows, t->cap, t->nrows + 1);
	memset(&t->rows[t->nrows], 0, sizeof(t->rows[0]));
	t->rows[t->nrows].index = index;
	t->nrows++;
}

enum hs_status doc_cell_add(struct doc *d, uint32_t col, const char *s,
			    size_t len, bool is_num, double num)
{
	struct doc_table *t;
	struct doc_row *r;
	struct doc_cell *c;
	struct hs_buf b = HS_BUF_INIT;

	if (cells_full(d))
		return HS_LIMIT;
	if (!d->ntables || !d->tables[d->ntables - 1].nrows) {
		doc_row_new(d, 1);
		if (!d->ntables || !d->tables[d->ntables - 1].nrows)
			return HS_LIMIT;
	}
	t = &d->tables[d->ntables - 1];
	r = &t->rows[t->nrows - 1];
	/* The row's own unit of the cell budget becomes this cell. */
	if (!r->ncells && d->nrows_bare)
		d->nrows_bare--;
	HS_GROW(r->cells, r->cap, r->ncells + 1);
	c = &r->cells[r->ncells++];
	c->col = col;
	c->is_num = is_num;
	c->num = is_num ? num : 0;
	/* Excel's own cap is 32,767 characters a cell. */
	b.max = 32767 * 4;
	if (d->normalised)
		vntext_clean_utf8(&b, s, len);
	else
		vntext_clean(&b, s, len);
	c->text = hs_buf_detach(&b, NULL);
	d->ncells++;
	return HS_OK;
}

void doc_add_ocr_page(struct doc *d, const struct doc_ocr_page *pg)
{
	HS_GROW(d->ocr, d->ocr_cap, d->nocr + 1);
	d->ocr[d->nocr++] = *pg;
}

int doc_ocr_conf(const struct doc *d)
{
	unsigned sum = 0;

	if (!d->nocr)
		return -1;
	for (size_t i = 0; i < d->nocr; i++)
		sum += d->ocr[i].conf;
	return (int)((sum + d->nocr / 2) / d->nocr);
}

int doc_ocr_seal(const struct doc *d)
{
	if (!d->nocr)
		return -1;
	for (size_t i = 0; i < d->nocr; i++)
		if (d->ocr[i].seal)
			return 1;
	return 0;
}
