/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * extract_json.c: the JSON of `hoso extract`. Every string in it was
 * cleaned to UTF-8 NFC when it entered the model, so the output is valid
 * UTF-8 whatever bytes came in. Order is stable: documents by path,
 * findings as found, no timestamps.
 */
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/version.h"
#include "jsonw.h"

void report_col_name(uint32_t col, char out[8])
{
	char tmp[8];
	int n = 0;
	uint64_t c = (uint64_t)col + 1;

	while (c && n < 7) {
		tmp[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

/* First n characters of s (UTF-8), as a new JSON string. */
static cJSON *snippet(const char *s, size_t len, size_t chars)
{
	size_t i = 0, k = 0;
	char *cut;
	cJSON *j;

	while (i < len && k < chars) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		k++;
	}
	cut = hs_strndup(s, i);
	j = cJSON_CreateString(cut);
	free(cut);
	return j;
}

static void add_u64(cJSON *o, const char *k, uint64_t v)
{
	cJSON_AddNumberToObject(o, k, (double)v);
}

static cJSON *tables_json(const struct doc *d, const struct report_options *ro)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t t = 0; t < d->ntables; t++) {
		const struct doc_table *tb = &d->tables[t];
		cJSON *jt = cJSON_CreateObject(), *rows = cJSON_CreateArray();
		size_t shown = ro->full_text || tb->nrows <= ro->rows_shown
				       ? tb->nrows
				       : ro->rows_shown;

		cJSON_AddStringToObject(jt, "name", tb->name);
		if (tb->page)
			add_u64(jt, "page", tb->page);
		add_u64(jt, "rows_total", tb->nrows);
		if (shown < tb->nrows)
			add_u64(jt, "rows_shown", shown);
		for (size_t r = 0; r < shown; r++) {
			const struct doc_row *row = &tb->rows[r];
			cJSON *jr = cJSON_CreateObject(), *cells = cJSON_CreateArray();

			add_u64(jr, "row", row->index);
			for (size_t c = 0; c < row->ncells; c++) {
				const struct doc_cell *cell = &row->cells[c];
				cJSON *jc = cJSON_CreateObject();
				char col[8], ref[32];

				report_col_name(cell->col, col);
				snprintf(ref, sizeof(ref), "%s%u", col, row->index);
				cJSON_AddStringToObject(jc, "ref", ref);
				cJSON_AddStringToObject(jc, "text", cell->text);
				if (cell->is_num && isfinite(cell->num))
					cJSON_AddNumberToObject(jc, "number", cell->num);
				cJSON_AddItemToArray(cells, jc);
			}
			cJSON_AddItemToObject(jr, "cells", cells);
			cJSON_AddItemToArray(rows, jr);
		}
		cJSON_AddItemToObject(jt, "rows", rows);
		cJSON_AddItemToArray(arr, jt);
	}
	return arr;
}

static cJSON *doc_json(const struct dossier *dx, size_t i,
		       const struct report_options *ro)
{
	const struct dossier_doc *dd = &dx->docs[i];
	struct doc tmp;
	const struct doc *d = dossier_doc_get(dx, i, &tmp);
	cJSON *j = cJSON_CreateObject();
	const char *enc = doc_encoding_name(d->encoding);

	cJSON_AddStringToObject(j, "path", dd->path);
	if (dd->raw_hex) {
		cJSON_AddStringToObject(j, "name_charset",
					vntext_charset_name(dd->charset));
		cJSON_AddStringToObject(j, "name_raw_hex", dd->raw_hex);
	}
	cJSON_AddStringToObject(j, "format", sniff_format_name(d->format));
	add_u64(j, "size", dd->size);
	if (dd->sha256[0])
		cJSON_AddStringToObject(j, "sha256", dd->sha256);
	else
		cJSON_AddNullToObject(j, "sha256");
	cJSON_AddStringToObject(j, "status", doc_status_name(d->status));
	if (d->reason)
		cJSON_AddStringToObject(j, "reason", d->reason);
	if (enc)
		cJSON_AddStringToObject(j, "encoding", enc);
	else
		cJSON_AddNullToObject(j, "encoding");
	if (d->format == FMT_PDF) {
		add_u64(j, "pages", d->npages);
		add_u64(j, "pages_with_text", d->npages_text);
	}
	if (d->format == FMT_XLSX || d->format == FMT_ODS ||
	    d->format == FMT_XLS)
		add_u64(j, "sheets", d->nsheets);
	add_u64(j, "text_bytes", d->text.len);
	if (ro->full_text)
		cJSON_AddStringToObject(j, "text", d->text.ptr);
	else
		cJSON_AddItemToObject(j, "snippet",
				      snippet(d->text.ptr, d->text.len, ro->snippet));
	if (d->npages && ro->full_text) {
		cJSON *pe = cJSON_CreateArray();

		for (size_t p = 0; p < d->npages; p++)
			cJSON_AddItemToArray(pe, cJSON_CreateNumber(
							 (double)d->page_ends[p]));
		cJSON_AddItemToObject(j, "page_ends", pe);
	}
	cJSON_AddItemToObject(j, "tables", tables_json(d, ro));
	cJSON_AddItemToObject(j, "ocr", jw_doc_ocr(d));
	dossier_doc_put(dx, i, &tmp);
	return j;
}

int report_extract_json_write(const struct dossier *dx,
			       const struct dossier_options *opt,
			       const struct report_options *ro, FILE *out)
{
	struct jw w = JW_INIT(out);
	cJSON *tool, *in, *lim, *cov;
	size_t by_status[DOC_STATUS_LAST + 1] = {0};

	jw_member(&w, "schema", cJSON_CreateString("hoso-extract/1"));
	tool = cJSON_CreateObject();
	cJSON_AddStringToObject(tool, "name", "hoso");
	cJSON_AddStringToObject(tool, "version", HOSO_VERSION);
	jw_member(&w, "tool", tool);

	in = cJSON_CreateObject();
	cJSON_AddStringToObject(in, "path", dx->input_path);
	cJSON_AddStringToObject(in, "name",
				dx->src.input_name ? dx->src.input_name : "");
	cJSON_AddStringToObject(in, "kind",
				dx->src.input_is_dir ? "folder"
				: sniff_is_archive(dx->src.input_format)
					? "archive"
					: "document");
	if (dx->src.input_is_dir)
		cJSON_AddNullToObject(in, "format");
	else
		cJSON_AddStringToObject(in, "format",
					sniff_format_name(dx->src.input_format));
	add_u64(in, "size", dx->src.input_size);
	if (dx->src.input_sha256[0])
		cJSON_AddStringToObject(in, "sha256", dx->src.input_sha256);
	else
		cJSON_AddNullToObject(in, "sha256");

	jw_member(&w, "input", in);

	lim = cJSON_CreateObject();
	add_u64(lim, "input_bytes", opt->source.input_max);
	add_u64(lim, "total_bytes", opt->source.total_max);
	add_u64(lim, "entry_bytes", opt->source.entry_max);
	add_u64(lim, "entries", opt->source.entries_max);
	add_u64(lim, "ratio", opt->source.ratio_max);
	add_u64(lim, "depth", opt->source.depth_max);
	add_u64(lim, "input_seconds", opt->source.time_max);
	add_u64(lim, "text_bytes", opt->extract.text_max);
	add_u64(lim, "cells", opt->extract.cells_max);
	add_u64(lim, "pages", opt->extract.pages_max);
	add_u64(lim, "document_seconds", opt->worker.wall_max);
	add_u64(lim, "document_cpu_seconds", opt->worker.cpu_max);
	add_u64(lim, "document_memory_bytes", opt->worker.mem_max);
	cJSON_AddBoolToObject(lim, "ocr", opt->extract.ocr);
	add_u64(lim, "ocr_page_pixels", opt->extract.ocr_pixels_max);
	add_u64(lim, "ocr_page_ms", opt->extract.ocr_page_ms);
	add_u64(lim, "ocr_document_ms", opt->extract.ocr_doc_ms);
	add_u64(lim, "ocr_pages", opt->extract.ocr_pages_max);
	jw_member(&w, "limits", lim);

	for (size_t i = 0; i < dx->ndocs; i++)
		by_status[dx->docs[i].doc.status]++;
	cov = cJSON_CreateObject();
	add_u64(cov, "documents", dx->ndocs);
	for (int s = DOC_OK; s <= DOC_STATUS_LAST; s++)
		add_u64(cov, doc_status_name((enum doc_status)s), by_status[s]);
	{
		size_t pages = 0, with_text = 0;

		for (size_t i = 0; i < dx->ndocs; i++) {
			pages += dx->docs[i].doc.npages;
			with_text += dx->docs[i].doc.npages_text;
		}
		add_u64(cov, "pdf_pages", pages);
		add_u64(cov, "pdf_pages_with_text", with_text);
	}
	jw_member(&w, "coverage", cov);

	/* one document at a time: its text is read back, written, let go */
	jw_array_start(&w, "documents");
	for (size_t i = 0; i < dx->ndocs; i++)
		jw_element(&w, doc_json(dx, i, ro));
	jw_array_end(&w);

	jw_array_start(&w, "findings");
	for (size_t i = 0; i < dx->findings.n; i++) {
		const struct finding *f = &dx->findings.v[i];
		const struct hs_code_info *ci = hs_code_info(f->code);
		cJSON *jf = cJSON_CreateObject();

		cJSON_AddStringToObject(jf, "code", ci->name);
		cJSON_AddStringToObject(jf, "severity",
					hs_severity_name((enum hs_severity)f->severity));
		cJSON_AddStringToObject(jf, "title", ci->title);
		cJSON_AddStringToObject(jf, "message", f->message);
		if (f->file)
			cJSON_AddStringToObject(jf, "file", f->file);
		else
			cJSON_AddNullToObject(jf, "file");
		jw_element(&w, jf);
	}
	jw_array_end(&w);
	return jw_end(&w);
}

char *report_extract_json(const struct dossier *dx,
			  const struct dossier_options *opt,
			  const struct report_options *ro)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (!f)
		hs_die("out of memory while writing JSON");
	report_extract_json_write(dx, opt, ro, f);
	if (fclose(f))
		hs_die("out of memory while writing JSON");
	return out;
}
