/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dossier.c: source -> workers -> the list of documents, sorted by path so
 * that a folder and the same folder zipped give the same list.
 */
#include "dossier.h"

#include "cache.h"
#include "base/messages.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

struct run {
	struct dossier *dx;
	struct pool *pool;
	const struct dossier_options *opt;
	struct cache *cache;
	uint64_t held;       /* bytes of text and cells kept, all documents */
	size_t done;         /* documents whose reading ended */
	double shown;        /* when the progress line was last drawn */
};

/* "đã đọc 120/340 tài liệu: Tiêu chí 3/..." on stderr, at most 10 a second. */
static void progress(struct run *r, const char *path, bool force)
{
	double now;

	if (!r->opt->progress)
		return;
	now = source_now();
	if (!force && now - r->shown < 0.1)
		return;
	r->shown = now;
	{
		/* the path's last 60 bytes, cut at a character boundary */
		const char *p = path ? path : "";
		size_t n = strlen(p);

		if (n > 60) {
			p += n - 60;
			while (((unsigned char)*p & 0xC0) == 0x80)
				p++;
		}
		fprintf(stderr, "\r\033[Kđã đọc %zu/%zu tài liệu: %s", r->done,
			r->dx->ndocs, p);
	}
	fflush(stderr);
}

/* Bytes a document's results take in this process. */
static uint64_t doc_bytes(const struct doc *d)
{
	uint64_t n = d->text.len + d->npages * sizeof(size_t);

	for (size_t t = 0; t < d->ntables; t++) {
		const struct doc_table *tb = &d->tables[t];

		n += strlen(tb->name) + sizeof(*tb);
		for (size_t r = 0; r < tb->nrows; r++) {
			n += sizeof(tb->rows[r]);
			for (size_t c = 0; c < tb->rows[r].ncells; c++)
				n += strlen(tb->rows[r].cells[c].text) +
				     sizeof(tb->rows[r].cells[c]);
		}
	}
	return n;
}

/*
 * What workers send back lives in this process until the report is
 * written: it is charged to the dossier's --max-total budget, and a
 * document past it keeps its status but not its text and tables.
 */
static void charge(struct run *r, struct doc *d)
{
	uint64_t n = doc_bytes(d), max = r->opt->source.total_max;
	struct doc kept;

	if (r->held + n <= max) {
		r->held += n;
		return;
	}
	doc_init(&kept, &r->opt->extract);
	kept.format = d->format;
	kept.encoding = d->encoding;
	kept.nsheets = d->nsheets;
	kept.npages_text = d->npages_text;
	if (d->status != DOC_OK)
		doc_set_status(&kept, d->status, "%s", d->reason ? d->reason : "");
	for (size_t i = 0; i < d->nnotes; i++)
		doc_note(&kept, d->notes[i].code, "%s", d->notes[i].message);
	for (size_t i = 0; i < d->nocr; i++)
		doc_add_ocr_page(&kept, &d->ocr[i]);
	doc_set_status(&kept, DOC_LIMIT_EXCEEDED,
		       "text and tables of the dossier passed %llu bytes "
		       "(--max-total): this document's were not kept",
		       (unsigned long long)max);
	doc_note(&kept, HS106,
		 "text and tables of all documents passed %llu bytes "
		 "(--max-total): this document's were not kept",
		 (unsigned long long)max);
	doc_release(d);
	*d = kept;
}

static bool needs_worker(enum doc_format f)
{
	switch (f) {
	case FMT_DOCX:
	case FMT_XLSX:
	case FMT_ODT:
	case FMT_ODS:
	case FMT_PDF:
	case FMT_HTML:
	case FMT_TXT:
	case FMT_CSV:
	case FMT_DOC:
	case FMT_XLS:
	case FMT_RTF:
	case FMT_WORDML:
		return true;
	default:
		return false;
	}
}

/* Formats parsed in a worker: the text ones, and images when OCR reads
 * them (leptonica and tesseract never run in this process). */
static bool in_worker(enum doc_format f, const struct dossier_options *opt)
{
	if (f == FMT_PNG || f == FMT_JPEG || f == FMT_TIFF)
		return opt->extract.ocr;
	return needs_worker(f);
}

/* Notes what dd holds, then moves its text and tables to the spill file. */
static void settle(struct run *r, struct dossier_doc *dd)
{
	struct dossier *dx = r->dx;
	struct doc *d = &dd->doc;
	struct hs_buf w = HS_BUF_INIT;
	const char *base = strrchr(dd->path, '/');

	base = base ? base + 1 : dd->path;
	if (!strcmp(base, "hoso.json"))
		dd->skip = SKIP_CONFIG;
	/* hoso's own report left in the folder (-o ho-so/bao-cao.txt) would
	 * be read as evidence at the next check */
	else if (msg_hoso_wrote(d->text.ptr, d->text.len, true))
		dd->skip = SKIP_REPORT;

	dd->text_len = d->text.len;
	dd->ntables = d->ntables;
	if (dx->spill->fd < 0 || dx->spill->full ||
	    (!d->text.len && !d->ntables))
		return;
	worker_encode(d, &w);
	if (!hs_pwrite_all(dx->spill->fd, w.ptr, w.len, dx->spill->end)) {
		/* a full disk: this and later documents stay in memory; the
		 * ones written before are still there to read back */
		dx->spill->full = true;
		{
			struct hs_buf m = HS_BUF_INIT;

			msgf(&m, MSG_W_SPILL_WRITE, msg_ui_lang(), strerror(errno));
			hs_warn("%s", m.ptr);
			hs_buf_release(&m);
		}
		hs_buf_release(&w);
		return;
	}
	dd->spilled = true;
	dd->spill_at = dx->spill->end;
	dd->spill_len = w.len;
	dx->spill->end += w.len;
	hs_buf_release(&w);
	/* what stays: status, reason, format, encoding, notes, counts;
	 * page_ends too, a few bytes a page, and npages with it */
	doc_drop_content(d);
}

const struct doc *dossier_doc_get(const struct dossier *dx, size_t i,
				  struct doc *tmp)
{
	const struct dossier_doc *dd = &dx->docs[i];
	unsigned char *b;
	bool got;

	if (!dd->spilled)
		return &dd->doc;
	b = hs_malloc(dd->spill_len + 1);
	got = hs_pread_all(dx->spill->fd, b, dd->spill_len, dd->spill_at);
	doc_init(tmp, &dd->doc.limits);
	if (!got || worker_decode(tmp, b, dd->spill_len) != HS_OK) {
		/* our own file, unnamed: only a failing disk gets here; the
		 * document is read without its text, and the run says so */
		free(b);
		doc_release(tmp);
		if (!dx->spill->lost++) {
			struct hs_buf m = HS_BUF_INIT;

			msgf(&m, MSG_W_SPILL_READ, msg_ui_lang(), dd->path);
			hs_warn("%s", m.ptr);
			hs_buf_release(&m);
		}
		doc_init(tmp, &dd->doc.limits);
		tmp->format = dd->doc.format;
		tmp->status = dd->doc.status;
		tmp->encoding = dd->doc.encoding;
		tmp->nsheets = dd->doc.nsheets;
		return tmp;
	}
	free(b);
	tmp->format = dd->doc.format;
	return tmp;
}

void dossier_doc_put(const struct dossier *dx, size_t i, struct doc *tmp)
{
	if (dx->docs[i].spilled)
		doc_release(tmp);
}

static void on_done(void *ctx, size_t id, struct doc *d)
{
	struct run *r = ctx;
	enum doc_format fmt = r->dx->docs[id].doc.format;

	cache_put(r->cache, r->dx->docs[id].sha256, fmt, d);
	charge(r, d);
	doc_release(&r->dx->docs[id].doc);
	/* kept until the verdict is written: no slack in thousands of them */
	hs_buf_shrink(&d->text);
	r->dx->docs[id].doc = *d;
	r->dx->docs[id].doc.format = fmt;
	settle(r, &r->dx->docs[id]);
	r->done++;
	progress(r, r->dx->docs[id].path, false);
}

static void on_entry(void *ctx, const struct source_entry *e)
{
	struct run *r = ctx;
	struct dossier *dx = r->dx;
	struct dossier_doc *dd;
	size_t id = dx->ndocs;

	HS_GROW(dx->docs, dx->cap, dx->ndocs + 1);
	dd = &dx->docs[dx->ndocs++];
	memset(dd, 0, sizeof(*dd));
	dd->path = hs_strdup(e->path);
	dd->raw_hex = e->raw_hex ? hs_strdup(e->raw_hex) : NULL;
	dd->charset = e->charset;
	dd->size = e->size;
	dd->depth = e->depth;
	doc_init(&dd->doc, &r->opt->extract);
	dd->doc.format = e->format;
	if (!e->data) {
		doc_set_status(&dd->doc, e->preset, "%s",
			       e->reason ? e->reason : "not read");
		return;
	}
	source_sha256(e->data, e->size, dd->sha256);
	if (!e->size) {
		/* an empty file is no document, whatever its name says */
		doc_set_status(&dd->doc, DOC_UNREADABLE, "tệp rỗng (0 byte)");
		doc_note(&dd->doc, HS201, "tệp rỗng (0 byte): không có nội dung");
		settle(r, dd);
		return;
	}
	/* An unchanged entry is never parsed twice (--cache). */
	if (in_worker(e->format, r->opt) &&
	    cache_get(r->cache, dd->sha256, e->format, &dd->doc)) {
		charge(r, &dd->doc);
		settle(r, dd);
		return;
	}
	if (in_worker(e->format, r->opt)) {
		pool_submit(r->pool, id, e->format, e->data, e->size);
	} else {
		extract_document(&dd->doc, e->format, e->data, e->size);
		charge(r, &dd->doc);
		settle(r, dd);
	}
}

/* A document's path folded for case, and the first other path it equals. */
struct folded {
	char *key;          /* g_utf8_casefold; g_free */
	size_t i;
	const char *twin;   /* borrowed from dx->docs */
};

static int cmp_folded(const void *a, const void *b)
{
	const struct folded *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/*
 * Names equal but for case (OPC forbids them, and Windows unpacks one over
 * the other): folded[i].twin names the other one. Indexed like dx->docs.
 */
static struct folded *case_twins(struct dossier *dx)
{
	struct folded *v = hs_calloc(dx->ndocs + 1, sizeof(*v));
	struct folded *byidx = hs_calloc(dx->ndocs + 1, sizeof(*byidx));

	for (size_t i = 0; i < dx->ndocs; i++) {
		v[i].key = g_utf8_casefold(dx->docs[i].path, -1);
		v[i].i = i;
	}
	if (dx->ndocs)
		qsort(v, dx->ndocs, sizeof(*v), cmp_folded);
	for (size_t k = 0; k < dx->ndocs; k++) {
		byidx[v[k].i] = v[k];
		if (k > 0 && !strcmp(v[k].key, v[k - 1].key) &&
		    strcmp(dx->docs[v[k].i].path, dx->docs[v[k - 1].i].path))
			byidx[v[k].i].twin = dx->docs[v[k - 1].i].path;
	}
	free(v);
	return byidx;
}

static int cmp_doc(const void *a, const void *b)
{
	const struct dossier_doc *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	/* Equal names (HS109) still sort the same way on every run. */
	if (!c)
		c = strcmp(x->sha256, y->sha256);
	if (!c)
		c = (x->size > y->size) - (x->size < y->size);
	return c;
}

/*
 * Files that are not documents of the dossier leave the list, each with
 * its finding: a hoso.json (a dossier does not configure its own review;
 * the reviewer passes --config) and hoso's own reports.
 */
static void drop_skipped(struct dossier *dx)
{
	size_t keep = 0;

	for (size_t i = 0; i < dx->ndocs; i++) {
		struct dossier_doc *dd = &dx->docs[i];

		if (dd->skip == SKIP_NONE) {
			dx->docs[keep++] = *dd;
			continue;
		}
		if (dd->skip == SKIP_CONFIG)
			findings_add(&dx->src.findings, HS111, dd->path,
				     "tệp cấu hình trong hồ sơ không được dùng; "
				     "người thẩm định cấu hình bằng --config");
		else
			findings_add(&dx->src.findings, HS112, dd->path,
				     "báo cáo do hoso viết, không phải minh chứng: "
				     "bỏ qua");
		free(dd->path);
		free(dd->raw_hex);
		doc_release(&dd->doc);
	}
	dx->ndocs = keep;
}

static int cmp_sha(const void *a, const void *b)
{
	const struct dossier_doc *const *x = a, *const *y = b;
	int c = strcmp((*x)->sha256, (*y)->sha256);

	return c ? c : strcmp((*x)->path, (*y)->path);
}

/* The same bytes under two names (HS113): one file sent twice, or a copy
 * filed under two criteria; a reviewer should know it is one document. */
static void same_bytes(struct dossier *dx)
{
	const struct dossier_doc **v = hs_calloc(dx->ndocs + 1, sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < dx->ndocs; i++)
		if (dx->docs[i].sha256[0] && dx->docs[i].size)
			v[n++] = &dx->docs[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_sha);
	for (size_t k = 1; k < n; k++)
		if (!strcmp(v[k]->sha256, v[k - 1]->sha256) &&
		    strcmp(v[k]->path, v[k - 1]->path)) {
			struct finding *f = findings_add(
				&dx->findings, HS113, v[k]->path,
				"cùng nội dung (từng byte) với '%s'", v[k - 1]->path);

			finding_arg_str(f, "same_as", v[k - 1]->path);
		}
	free(v);
}

enum hs_status dossier_read(struct dossier *dx, const char *input,
			    const struct dossier_options *opt)
{
	struct run r = {.dx = dx, .opt = opt};
	struct hs_buf clean = HS_BUF_INIT;
	struct folded *folded;
	enum hs_status st;

	memset(dx, 0, sizeof(*dx));
	dx->spill = hs_calloc(1, sizeof(*dx->spill));
	dx->spill->fd = opt->hold ? -1 : hs_tmpfd();
	vntext_clean(&clean, input, strlen(input));
	dx->input_path = hs_buf_detach(&clean, NULL);
	source_init(&dx->src, &opt->source);
	r.cache = cache_open(opt->cache_dir, &opt->extract);
	if (opt->pool) {
		r.pool = opt->pool;
		pool_set_callback(r.pool, on_done, &r);
	} else {
		r.pool = pool_new(opt->jobs, &opt->worker, &opt->extract, on_done,
				  &r);
		pool_set_exe(r.pool, opt->worker_exe);
	}
	pool_prepare(r.pool);
	st = source_walk(&dx->src, input, on_entry, &r);
	pool_finish(r.pool);
	pool_set_callback(r.pool, NULL, NULL);
	if (!opt->pool)
		pool_free(r.pool);
	cache_free(r.cache);
	if (opt->progress)
		fputs("\r\033[K", stderr); /* the line goes when the work is done */
	drop_skipped(dx);
	if (dx->ndocs) {
		qsort(dx->docs, dx->ndocs, sizeof(*dx->docs), cmp_doc);
		/* kept until the report: no growth slack */
		dx->docs = hs_realloc(dx->docs, dx->ndocs * sizeof(*dx->docs));
		dx->cap = dx->ndocs;
	}

	folded = case_twins(dx);
	/* Input findings first, then each document's, in path order. */
	for (size_t i = 0; i < dx->src.findings.n; i++) {
		const struct finding *f = &dx->src.findings.v[i];

		findings_add(&dx->findings, f->code, f->file, "%s", f->message);
	}
	for (size_t i = 0; i < dx->ndocs; i++) {
		const struct dossier_doc *dd = &dx->docs[i];

		if (i > 0 && !strcmp(dd->path, dx->docs[i - 1].path))
			findings_add(&dx->findings, HS109, dd->path,
				     "tên này xuất hiện nhiều lần");
		else if (folded[i].twin)
			findings_add(&dx->findings, HS109, dd->path,
				     "tên chỉ khác '%s' ở chữ hoa, chữ thường",
				     folded[i].twin);
		for (size_t k = 0; k < dd->doc.nnotes; k++)
			findings_add(&dx->findings, dd->doc.notes[k].code,
				     dd->path, "%s", dd->doc.notes[k].message);
	}
	for (size_t i = 0; i < dx->ndocs; i++)
		g_free(folded[i].key);
	free(folded);
	same_bytes(dx);
	return st;
}

void dossier_release(struct dossier *dx)
{
	for (size_t i = 0; i < dx->ndocs; i++) {
		free(dx->docs[i].path);
		free(dx->docs[i].raw_hex);
		doc_release(&dx->docs[i].doc);
	}
	free(dx->docs);
	free(dx->input_path);
	if (dx->spill && dx->spill->fd >= 0)
		close(dx->spill->fd);
	free(dx->spill);
	source_release(&dx->src);
	findings_release(&dx->findings);
	memset(dx, 0, sizeof(*dx));
}
