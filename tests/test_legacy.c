/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_legacy.c: the legacy formats (.doc, .xls, RTF, Word 2003 XML).
 * Every twin of fixtures/legacy/MANIFEST.tsv (made by LibreOffice from a
 * docx/xlsx fixture, fixtures/legacy/make-legacy.sh) must read exactly like
 * its twin: same text, same tables cell by cell (numbers as numbers), same
 * number, date and signer for docmeta; a dossier whose office documents
 * are all .doc/.xls twins gets the verdict of the docx/xlsx dossier.
 * Hostile cases are made here from the committed fixtures by patching
 * bytes: a piece table pointing outside WordDocument, a CLX outside the
 * Table stream, the FIB's encryption bit, an xls FILEPASS record, a
 * truncated xls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-utils.h>

#include "base/buf.h"
#include "understand/docmeta.h"
#include "read/extract/extract.h"
#include "read/sniff.h"
#include "suites.h"
#include "testutil.h"

struct twin {
	char *path, *twin, *phrase, *number, *date;
};

/* fixtures/legacy/MANIFEST.tsv; returns the count (at least 20). */
static size_t manifest(struct twin **out)
{
	size_t len, n = 0, cap = 0;
	char *b = (char *)tu_read_fixture("legacy/MANIFEST.tsv", &len);
	struct twin *v = NULL;
	char *line, *save = NULL;
	bool head = true;

	ck_assert_ptr_nonnull(b);
	for (line = strtok_r(b, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[5] = {0};
		int k = 0;
		char *p = line;

		if (head) {
			head = false;
			continue;
		}
		while (k < 5) {
			char *tab = strchr(p, '\t');

			f[k++] = p;
			if (!tab)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		ck_assert_msg(k == 5, "MANIFEST row with %d fields: %s", k, line);
		HS_GROW(v, cap, n + 1);
		v[n].path = hs_strdup(f[0]);
		v[n].twin = hs_strdup(f[1]);
		v[n].phrase = hs_strdup(f[2]);
		v[n].number = hs_strdup(f[3]);
		v[n].date = hs_strdup(f[4]);
		n++;
	}
	free(b);
	ck_assert_uint_ge(n, 20);
	*out = v;
	return n;
}

static void manifest_free(struct twin *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].twin);
		free(v[i].phrase);
		free(v[i].number);
		free(v[i].date);
	}
	free(v);
}

static void read_fixture(struct doc *d, const char *rel)
{
	size_t len;
	unsigned char *b = tu_read_fixture(rel, &len);

	ck_assert_msg(b != NULL, "cannot read %s", rel);
	doc_init(d, NULL);
	extract_document(d, sniff_format(b, len, rel), b, len);
	free(b);
}

static const char *ext_format(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (!strcmp(dot, ".doc"))
		return "doc";
	if (!strcmp(dot, ".xls"))
		return "xls";
	if (!strcmp(dot, ".rtf"))
		return "rtf";
	return "wordml";
}

static void same_tables(const struct doc *a, const struct doc *b,
			const char *what)
{
	ck_assert_msg(a->ntables == b->ntables, "%s: %zu tables, twin %zu",
		      what, a->ntables, b->ntables);
	for (size_t t = 0; t < a->ntables; t++) {
		const struct doc_table *x = &a->tables[t], *y = &b->tables[t];

		ck_assert_str_eq(x->name, y->name);
		ck_assert_msg(x->nrows == y->nrows, "%s: table %zu has %zu rows, twin %zu",
			      what, t, x->nrows, y->nrows);
		for (size_t r = 0; r < x->nrows; r++) {
			const struct doc_row *p = &x->rows[r], *q = &y->rows[r];

			ck_assert_uint_eq(p->index, q->index);
			ck_assert_msg(p->ncells == q->ncells, "%s: table %zu row %zu: %zu cells, twin %zu",
				      what, t, r, p->ncells, q->ncells);
			for (size_t c = 0; c < p->ncells; c++) {
				ck_assert_uint_eq(p->cells[c].col, q->cells[c].col);
				ck_assert_str_eq(p->cells[c].text, q->cells[c].text);
				ck_assert_msg(p->cells[c].is_num == q->cells[c].is_num,
					      "%s: cell %s: number %d, twin %d", what,
					      p->cells[c].text, p->cells[c].is_num,
					      q->cells[c].is_num);
				ck_assert(p->cells[c].num == q->cells[c].num);
			}
		}
	}
}

START_TEST(twins_read_alike)
{
	struct twin *v;
	size_t n = manifest(&v);
	struct docmeta_rx rx;
	size_t numbers = 0, signers = 0, tables = 0;

	docmeta_rx_init(&rx);
	for (size_t i = 0; i < n; i++) {
		struct doc a, b;
		struct docmeta ma, mb;

		read_fixture(&a, v[i].path);
		read_fixture(&b, v[i].twin);
		ck_assert_str_eq(sniff_format_name(a.format),
				 ext_format(v[i].path));
		ck_assert_msg(a.status == DOC_OK, "%s: status %s (%s)", v[i].path,
			      doc_status_name(a.status), a.reason ? a.reason : "");
		ck_assert_msg(a.text.len > 100, "%s: %zu bytes of text",
			      v[i].path, a.text.len);
		ck_assert_msg(a.text.len == b.text.len &&
			      !memcmp(a.text.ptr, b.text.ptr, a.text.len),
			      "%s: text differs from %s", v[i].path, v[i].twin);
		if (*v[i].phrase)
			ck_assert_msg(strstr(a.text.ptr, v[i].phrase),
				      "%s: no '%s'", v[i].path, v[i].phrase);
		ck_assert_int_eq(a.encoding, b.encoding);
		ck_assert_uint_eq(a.nsheets, b.nsheets);
		same_tables(&a, &b, v[i].path);
		tables += a.ntables;
		docmeta_read(&ma, &rx, &a, v[i].path);
		docmeta_read(&mb, &rx, &b, v[i].twin);
		if (*v[i].number) {
			ck_assert_msg(ma.number && !strcmp(ma.number, v[i].number),
				      "%s: number %s, want %s", v[i].path,
				      ma.number ? ma.number : "(none)", v[i].number);
			numbers++;
		}
		if (*v[i].date) {
			char date[16];

			snprintf(date, sizeof(date), "%04d-%02d-%02d", ma.year,
				 ma.month, ma.day);
			ck_assert_str_eq(date, v[i].date);
		}
		ck_assert_int_eq(ma.year, mb.year);
		ck_assert_int_eq(ma.month, mb.month);
		ck_assert_int_eq(ma.day, mb.day);
		ck_assert_msg((!ma.signer && !mb.signer) ||
			      (ma.signer && mb.signer &&
			       !strcmp(ma.signer, mb.signer)),
			      "%s: signer %s, twin %s", v[i].path,
			      ma.signer ? ma.signer : "-", mb.signer ? mb.signer : "-");
		signers += ma.signer != NULL;
		docmeta_release(&ma);
		docmeta_release(&mb);
		doc_release(&a);
		doc_release(&b);
	}
	/* the comparison saw real facts, not empty documents */
	ck_assert_uint_ge(numbers, 18);
	ck_assert_uint_ge(signers, 15);
	ck_assert_uint_ge(tables, 20);
	docmeta_rx_release(&rx);
	manifest_free(v, n);
}
END_TEST

/* The legacy-font twins are converted, not just read. */
START_TEST(legacy_fonts)
{
	static const struct {
		const char *path;
		enum doc_encoding enc;
		const char *phrase;
	} cases[] = {
		{"legacy/tcvn3.doc", DOC_ENC_TCVN3, "KẾ HOẠCH"},
		{"legacy/tcvn3.rtf", DOC_ENC_TCVN3, "Thông tư số 25/2023/TT-BGDĐT"},
		{"legacy/tcvn3.xml", DOC_ENC_TCVN3, "KẾ HOẠCH"},
		{"legacy/vni.doc", DOC_ENC_VNI, "KẾ HOẠCH"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct doc d;
		bool hs203 = false;

		read_fixture(&d, cases[i].path);
		ck_assert_int_eq(d.encoding, cases[i].enc);
		ck_assert_msg(strstr(d.text.ptr, cases[i].phrase), "%s: no %s",
			      cases[i].path, cases[i].phrase);
		for (size_t k = 0; k < d.nnotes; k++)
			hs203 |= d.notes[k].code == HS203;
		ck_assert_msg(hs203, "%s: no HS203", cases[i].path);
		doc_release(&d);
	}
}
END_TEST

static const char *jstr(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItem(o, k);

	return cJSON_IsString(v) ? v->valuestring : "";
}

/* Dates and times are text, numbers numbers (fixtures/legacy/ngay-thang.xls). */
START_TEST(xls_dates)
{
	struct doc d;
	const struct doc_row *r;

	read_fixture(&d, "legacy/ngay-thang.xls");
	ck_assert_int_eq(d.status, DOC_OK);
	ck_assert_uint_eq(d.nsheets, 1);
	ck_assert_str_eq(d.text.ptr, "ngay-thang\nNgày\tGiờ\tSố\n"
			 "2024-12-18\t08:30:00\t3097\n2025-01-06\t14:00:00\t64.3\n\n");
	ck_assert_uint_eq(d.tables[0].nrows, 3);
	r = &d.tables[0].rows[1];
	ck_assert_uint_eq(r->index, 2);
	ck_assert_str_eq(r->cells[0].text, "2024-12-18");
	ck_assert(!r->cells[0].is_num);
	ck_assert_str_eq(r->cells[1].text, "08:30:00");
	ck_assert(!r->cells[1].is_num);
	ck_assert(r->cells[2].is_num);
	ck_assert(r->cells[2].num == 3097);
	ck_assert(d.tables[0].rows[2].cells[2].num == 64.3);
	doc_release(&d);
}
END_TEST

/* The sandboxed worker, forked by the zygote or spawned (--isolate):
 * FreeXL opens the worker's memfd under Landlock and seccomp. */
START_TEST(xls_in_worker)
{
	static const char *const modes[] = {"", "--isolate"};

	for (size_t i = 0; i < 2; i++) {
		struct hs_buf cmd = HS_BUF_INIT, out = HS_BUF_INIT;
		char blk[65536];
		size_t n;
		FILE *p;
		cJSON *j, *d;

		hs_buf_addf(&cmd, "'%s' extract --no-cache %s --format json --text "
			    "'%s/docs/cu.xls' 2>/dev/null", HOSO_BIN, modes[i],
			    HOSO_FIXTURES);
		p = popen(cmd.ptr, "r");
		ck_assert_ptr_nonnull(p);
		while ((n = fread(blk, 1, sizeof(blk), p)) > 0)
			hs_buf_add(&out, blk, n);
		pclose(p);
		j = cJSON_Parse(out.ptr ? out.ptr : "");
		ck_assert_ptr_nonnull(j);
		d = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "documents"), 0);
		ck_assert_str_eq(jstr(d, "status"), "ok");
		ck_assert_str_eq(jstr(d, "format"), "xls");
		ck_assert_int_eq(cJSON_GetObjectItem(d, "sheets")->valueint, 2);
		ck_assert_ptr_nonnull(strstr(jstr(d, "text"),
					     "Tổng số hộ toàn xã\t3345"));
		cJSON_Delete(j);
		hs_buf_release(&cmd);
		hs_buf_release(&out);
	}
}
END_TEST

/* ================================================= dossier of twins ==== */

static cJSON *verdict_of(const char *dir)
{
	struct hs_buf cmd = HS_BUF_INIT, out = HS_BUF_INIT;
	char blk[65536];
	size_t n;
	FILE *p;
	cJSON *v;

	hs_buf_addf(&cmd, "'%s' check --no-cache --format json '%s' 2>/dev/null",
		    HOSO_BIN, dir);
	p = popen(cmd.ptr, "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(blk, 1, sizeof(blk), p)) > 0)
		hs_buf_add(&out, blk, n);
	pclose(p);
	v = cJSON_Parse(out.ptr ? out.ptr : "");
	ck_assert_msg(v != NULL, "check %s: not JSON", dir);
	hs_buf_release(&cmd);
	hs_buf_release(&out);
	return v;
}


static bool same_json(const cJSON *a, const cJSON *b)
{
	return cJSON_Compare(a, b, true);
}

/* The document of v whose path, without its extension, is stem. */
static const cJSON *doc_by_stem(const cJSON *v, const char *stem)
{
	const cJSON *d;

	cJSON_ArrayForEach(d, cJSON_GetObjectItem(v, "documents")) {
		const char *p = jstr(d, "path"), *dot = strrchr(p, '.');

		if (dot && (size_t)(dot - p) == strlen(stem) &&
		    !strncmp(p, stem, (size_t)(dot - p)))
			return d;
	}
	return NULL;
}

START_TEST(dossier_of_twins)
{
	char dir[] = "/tmp/hoso-legacy-XXXXXX";
	struct hs_buf cmd = HS_BUF_INIT;
	cJSON *a, *b, *c, *ia, *ib, *fa, *fb;
	const cJSON *d;
	size_t compared = 0, legacy_docs = 0;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	/* the dossier with every docx/xlsx swapped for its LibreOffice twin */
	hs_buf_addf(&cmd, "cp -r '%s/check/tt25-muc-do-2/.' '%s/' && "
		    "find '%s' \\( -name '*.docx' -o -name '*.xlsx' \\) -delete && "
		    "cp -r '%s/legacy/tt25-muc-do-2/.' '%s/'",
		    HOSO_FIXTURES, dir, dir, HOSO_FIXTURES, dir);
	ck_assert_int_eq(system(cmd.ptr), 0);
	a = verdict_of(HOSO_FIXTURES "/check/tt25-muc-do-2");
	b = verdict_of(dir);
	/* same result: level reached and assessed */
	ck_assert(same_json(cJSON_GetObjectItem(a, "result"),
			    cJSON_GetObjectItem(b, "result")));
	ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(b, "result"),
					     "level_reached")->valueint, 2);
	/* every indicator: the same status */
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(a, "criteria"))
		cJSON_ArrayForEach(ia, cJSON_GetObjectItem(c, "indicators")) {
			const cJSON *cb;
			bool found = false;

			cJSON_ArrayForEach(cb, cJSON_GetObjectItem(b, "criteria"))
				cJSON_ArrayForEach(ib, cJSON_GetObjectItem(cb, "indicators"))
					if (!strcmp(jstr(ia, "id"), jstr(ib, "id"))) {
						ck_assert_msg(!strcmp(jstr(ia, "status"),
								      jstr(ib, "status")),
							      "indicator %s: %s, twin dossier %s",
							      jstr(ia, "id"), jstr(ia, "status"),
							      jstr(ib, "status"));
						found = true;
						compared++;
					}
			ck_assert_msg(found, "indicator %s missing", jstr(ia, "id"));
		}
	ck_assert_uint_eq(compared, 15);
	/* the same figures, from the same files but for the extension */
	fa = cJSON_GetObjectItem(a, "figures");
	fb = cJSON_GetObjectItem(b, "figures");
	ck_assert_int_eq(cJSON_GetArraySize(fa), cJSON_GetArraySize(fb));
	ck_assert_int_ge(cJSON_GetArraySize(fa), 5);
	for (int i = 0; i < cJSON_GetArraySize(fa); i++) {
		const cJSON *x = cJSON_GetArrayItem(fa, i), *y = cJSON_GetArrayItem(fb, i);

		ck_assert_str_eq(jstr(x, "name"), jstr(y, "name"));
		ck_assert(same_json(cJSON_GetObjectItem(x, "value"),
				    cJSON_GetObjectItem(y, "value")));
	}
	/* each legacy document: the docmeta facts of its twin */
	cJSON_ArrayForEach(d, cJSON_GetObjectItem(b, "documents")) {
		static const char *const keys[] = {"type", "number", "date",
			"issuer", "title", "signer"};
		const char *p = jstr(d, "path"), *dot = strrchr(p, '.');
		char stem[1024];
		const cJSON *t;

		if (!dot || (strcmp(dot, ".doc") && strcmp(dot, ".xls")))
			continue;
		snprintf(stem, sizeof(stem), "%.*s", (int)(dot - p), p);
		t = doc_by_stem(a, stem);
		ck_assert_msg(t != NULL, "%s: no twin in the docx dossier", p);
		ck_assert_str_eq(jstr(d, "status"), "ok");
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			ck_assert_msg(same_json(cJSON_GetObjectItem(d, keys[k]),
						cJSON_GetObjectItem(t, keys[k])),
				      "%s: %s differs from the twin's", p, keys[k]);
		legacy_docs++;
	}
	ck_assert_uint_eq(legacy_docs, 16);
	cJSON_Delete(a);
	cJSON_Delete(b);
	hs_buf_reset(&cmd);
	hs_buf_addf(&cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd.ptr), 0);
	hs_buf_release(&cmd);
}
END_TEST

/* ======================================================== hostile ==== */

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* One OLE stream of the file, whole. */
static unsigned char *ole_stream(const unsigned char *b, size_t len,
				 const char *name, size_t *n)
{
	GsfInput *in = gsf_input_memory_new(b, (gsf_off_t)len, FALSE);
	GsfInfile *ole = gsf_infile_msole_new(in, NULL);
	GsfInput *s;
	unsigned char *out;

	ck_assert_ptr_nonnull(ole);
	s = gsf_infile_child_by_name(ole, name);
	ck_assert_ptr_nonnull(s);
	*n = (size_t)gsf_input_size(s);
	out = malloc(*n);
	ck_assert_ptr_nonnull(gsf_input_read(s, *n, out));
	g_object_unref(s);
	g_object_unref(ole);
	g_object_unref(in);
	return out;
}

/* Offset in the file of WordDocument's first sector (the FIB). */
static size_t fib_offset(const unsigned char *b, size_t len)
{
	size_t n;
	unsigned char *wd = ole_stream(b, len, "WordDocument", &n);

	for (size_t k = 512; k + 512 <= len; k += 512)
		if (!memcmp(b + k, wd, 512)) {
			free(wd);
			return k;
		}
	free(wd);
	ck_abort_msg("FIB sector not found");
	return 0;
}

static bool has_note(const struct doc *d, enum hs_code code,
		     const char *part)
{
	for (size_t i = 0; i < d->nnotes; i++)
		if (d->notes[i].code == code &&
		    (!part || strstr(d->notes[i].message, part)))
			return true;
	return false;
}

static void extract_bytes(struct doc *d, enum doc_format fmt,
			  const unsigned char *b, size_t len)
{
	doc_init(d, NULL);
	extract_document(d, fmt, b, len);
}

START_TEST(doc_piece_outside_stream)
{
	size_t len, tl, k, clx_at, n;
	unsigned char *b = tu_read_fixture("docs/cu.doc", &len);
	unsigned char *tbl, *clx;
	uint32_t fc_clx, lcb_clx;
	struct doc d;

	k = fib_offset(b, len);
	fc_clx = le32(b + k + 0x1A2);
	lcb_clx = le32(b + k + 0x1A6);
	tbl = ole_stream(b, len, (b[k + 0x0B] & 0x02) ? "1Table" : "0Table", &tl);
	ck_assert_uint_le((uint64_t)fc_clx + lcb_clx, tl);
	ck_assert_uint_ge(lcb_clx, 21);
	ck_assert_int_eq(tbl[fc_clx], 0x02); /* a Pcdt, no Prc */
	/* the CLX bytes in the file, to patch them there */
	clx = memmem(b, len, tbl + fc_clx, lcb_clx);
	ck_assert_ptr_nonnull(clx);
	clx_at = (size_t)(clx - b);
	n = (le32(clx + 1) - 4) / 12;
	ck_assert_uint_ge(n, 1);
	/* first piece: 16-bit text at 256 MiB, far past the stream's end */
	put32(clx + 5 + 4 * (n + 1) + 2, 0x10000000u);
	extract_bytes(&d, FMT_DOC, b, len);
	ck_assert_int_eq(d.status, DOC_UNREADABLE);
	ck_assert(has_note(&d, HS201, "outside the WordDocument stream"));
	ck_assert_uint_eq(d.text.len, 0);
	doc_release(&d);
	/* a piece table larger than its CLX */
	free(b);
	b = tu_read_fixture("docs/cu.doc", &len);
	put32(b + clx_at + 1, 0x7FFFFFF0u);
	extract_bytes(&d, FMT_DOC, b, len);
	ck_assert_int_eq(d.status, DOC_UNREADABLE);
	ck_assert(has_note(&d, HS201, "piece table size"));
	doc_release(&d);
	/* the CLX itself outside the Table stream */
	free(b);
	b = tu_read_fixture("docs/cu.doc", &len);
	put32(b + k + 0x1A2, 0xFFFFFF00u);
	extract_bytes(&d, FMT_DOC, b, len);
	ck_assert_int_eq(d.status, DOC_UNREADABLE);
	ck_assert(has_note(&d, HS201, "outside the Table stream"));
	doc_release(&d);
	free(tbl);
	free(b);
}
END_TEST

START_TEST(doc_encrypted)
{
	size_t len, k;
	unsigned char *b = tu_read_fixture("docs/cu.doc", &len);
	struct doc d;

	k = fib_offset(b, len);
	b[k + 0x0B] |= 0x01; /* FibBase.fEncrypted */
	extract_bytes(&d, FMT_DOC, b, len);
	ck_assert_int_eq(d.status, DOC_ENCRYPTED);
	ck_assert(has_note(&d, HS204, NULL));
	ck_assert_uint_eq(d.text.len, 0);
	doc_release(&d);
	free(b);
}
END_TEST

/* Word 6/95 (nFib 104): recognised, not read. */
START_TEST(doc_word95)
{
	size_t len, k;
	unsigned char *b = tu_read_fixture("docs/cu.doc", &len);
	struct doc d;

	k = fib_offset(b, len);
	b[k + 2] = 104;
	b[k + 3] = 0;
	extract_bytes(&d, FMT_DOC, b, len);
	ck_assert_int_eq(d.status, DOC_UNSUPPORTED);
	ck_assert(has_note(&d, HS205, "Word 6/95"));
	doc_release(&d);
	free(b);
}
END_TEST

START_TEST(xls_encrypted)
{
	size_t len;
	unsigned char *b = tu_read_fixture("docs/cu.xls", &len);
	unsigned char *w;
	struct doc d;

	/* WRITEACCESS (0x005C, 112 bytes) becomes FILEPASS (0x002F) */
	w = memmem(b, len, "\x5C\x00\x70\x00", 4);
	ck_assert_ptr_nonnull(w);
	w[0] = 0x2F;
	extract_bytes(&d, FMT_XLS, b, len);
	ck_assert_int_eq(d.status, DOC_ENCRYPTED);
	ck_assert(has_note(&d, HS204, NULL));
	ck_assert_uint_eq(d.ncells, 0);
	doc_release(&d);
	free(b);
}
END_TEST

/* A sheet declaring Excel's whole grid: FreeXL would allocate it all. */
START_TEST(xls_grid_bomb)
{
	size_t len;
	unsigned char *b = tu_read_fixture("docs/cu.xls", &len);
	unsigned char *dim;
	struct doc d;

	/* the first DIMENSION record (0x0200, 14 bytes): rows 0-65536,
	 * columns 0-256 */
	dim = memmem(b, len, "\x00\x02\x0E\x00", 4);
	ck_assert_ptr_nonnull(dim);
	put32(dim + 4, 0);
	put32(dim + 8, 65536);
	dim[12] = 0;
	dim[13] = 0;
	dim[14] = 0;
	dim[15] = 1;
	extract_bytes(&d, FMT_XLS, b, len);
	ck_assert_int_eq(d.status, DOC_LIMIT_EXCEEDED);
	ck_assert(has_note(&d, HS106, "4,194,304 cells"));
	ck_assert_uint_eq(d.ncells, 0);
	doc_release(&d);
	free(b);
}
END_TEST

/* Inputs that once broke FreeXL (fuzz/regress/xls): refused before it. */
START_TEST(xls_fuzz_regressions)
{
	static const char *const files[] = {
		"freexl-cfb-iconv-underflow",   /* OOB read in FreeXL's iconv */
		"freexl-two-dimensions-leak",   /* a second DIMENSION record */
		"libgsf-dirent-leak",           /* a damaged OLE directory */
	};

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[4096];
		size_t len;
		unsigned char *b;
		struct doc d;

		snprintf(path, sizeof(path), "%s/fuzz/regress/xls/%s",
			 HOSO_SOURCE, files[i]);
		b = tu_read_file(path, &len);
		ck_assert_ptr_nonnull(b);
		extract_bytes(&d, FMT_XLS, b, len);
		ck_assert_msg(d.status == DOC_UNREADABLE, "%s: %s", files[i],
			      doc_status_name(d.status));
		ck_assert(has_note(&d, HS201, "xls could not be read"));
		doc_release(&d);
		free(b);
	}
	/* a container FreeXL's own reader misread (out of bounds in its
	 * iconv): libgsf reads it, FreeXL gets the rebuilt file and reads it */
	{
		char path[4096];
		size_t len;
		unsigned char *b;
		struct doc d;

		snprintf(path, sizeof(path), "%s/fuzz/regress/xls/freexl-own-cfb-reader",
			 HOSO_SOURCE);
		b = tu_read_file(path, &len);
		ck_assert_ptr_nonnull(b);
		extract_bytes(&d, FMT_XLS, b, len);
		ck_assert_int_eq(d.status, DOC_OK);
		ck_assert_uint_ge(d.ntables, 1);
		ck_assert_uint_ge(d.ncells, 10);
		doc_release(&d);
		free(b);
	}
}
END_TEST

START_TEST(xls_truncated)
{
	size_t len;
	unsigned char *b = tu_read_fixture("docs/cu.xls", &len);
	static const size_t cuts[] = {8, 511, 1024, 3000, 5000};

	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		struct doc d;

		ck_assert_uint_lt(cuts[i], len);
		extract_bytes(&d, FMT_XLS, b, cuts[i]);
		ck_assert_msg(d.status == DOC_UNREADABLE,
			      "cut at %zu: status %s", cuts[i],
			      doc_status_name(d.status));
		ck_assert(has_note(&d, HS201, "xls"));
		doc_release(&d);
	}
	free(b);
}
END_TEST

START_TEST(doc_truncated)
{
	size_t len;
	unsigned char *b = tu_read_fixture("docs/cu.doc", &len);
	static const size_t cuts[] = {8, 600, 4096, 9000};

	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		struct doc d;

		extract_bytes(&d, FMT_DOC, b, cuts[i]);
		ck_assert_msg(d.status == DOC_UNREADABLE,
			      "cut at %zu: status %s", cuts[i],
			      doc_status_name(d.status));
		ck_assert(has_note(&d, HS201, NULL));
		doc_release(&d);
	}
	free(b);
}
END_TEST

START_TEST(limits)
{
	struct extract_limits lim = EXTRACT_LIMITS_DEFAULT;
	size_t len;
	unsigned char *b = tu_read_fixture("docs/cu.xls", &len);
	struct doc d;

	lim.cells_max = 7;
	doc_init(&d, &lim);
	extract_document(&d, FMT_XLS, b, len);
	ck_assert_int_eq(d.status, DOC_LIMIT_EXCEEDED);
	ck_assert(has_note(&d, HS106, "cell limit"));
	ck_assert_uint_le(d.ncells + d.nrows_bare, 7);
	/* both sheet names are still there */
	ck_assert_uint_eq(d.ntables, 2);
	ck_assert_ptr_nonnull(strstr(d.text.ptr, "Tổng hợp"));
	doc_release(&d);
	free(b);
	b = tu_read_fixture("docs/cu.doc", &len);
	lim = (struct extract_limits)EXTRACT_LIMITS_DEFAULT;
	lim.text_max = 200;
	doc_init(&d, &lim);
	extract_document(&d, FMT_DOC, b, len);
	ck_assert_int_eq(d.status, DOC_LIMIT_EXCEEDED);
	ck_assert_uint_le(d.text.len, 200);
	ck_assert(has_note(&d, HS106, NULL));
	doc_release(&d);
	free(b);
}
END_TEST

/* ============================================================ RTF ==== */

static void rtf(struct doc *d, const char *s)
{
	extract_bytes(d, sniff_format((const unsigned char *)s, strlen(s), NULL),
		      (const unsigned char *)s, strlen(s));
	ck_assert_int_eq(d->format, FMT_RTF);
	ck_assert_int_eq(d->status, DOC_OK);
}

START_TEST(rtf_text)
{
	struct doc d;

	/* \uN with \ucN fallback skipped; \'hh in cp1258 (ê + combining dot
	 * below, ư = 0xFD); destinations and pictures skipped */
	rtf(&d, "{\\rtf1\\ansi\\ansicpg1258\\deff0{\\fonttbl{\\f0\\fcharset163 Times New Roman;}}"
	    "{\\*\\generator Hidden 1;}{\\info{\\title Hidden 2}}"
	    "{\\pict\\pngblip 89504e470d0a}"
	    "\\pard Vi\\'ea\\'f2t Nam\\par "
	    "\\uc2 C\\u7897??ng \\u273?\\'3f\\u7891?\\'3fng\\uc1 \\par "
	    "Tr\\'fd\\'f5\\'ccng ho\\'f2c{\\*\\bkmkstart x}\\tab x\\line y\\par}");
	ck_assert_str_eq(d.text.ptr, "Việt Nam\nCộng đồng\nTrường học\tx\ny\n");
	ck_assert_int_eq(d.encoding, DOC_ENC_CP1258);
	doc_release(&d);
	/* a table: cells, rows, a second paragraph in a cell */
	rtf(&d, "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}Tr\\'e2n\\par"
	    "\\trowd\\cellx1000\\cellx2000\\pard\\intbl STT\\cell T\\'ean\\cell\\row"
	    "\\trowd\\cellx1000\\cellx2000\\pard\\intbl 1\\cell A\\par B\\cell\\row"
	    "\\pard Sau\\par}");
	ck_assert_str_eq(d.text.ptr, "Trân\nSTT\tTên\n1\tA B\nSau\n");
	ck_assert_uint_eq(d.ntables, 1);
	ck_assert_uint_eq(d.tables[0].nrows, 2);
	ck_assert_uint_eq(d.tables[0].rows[1].ncells, 2);
	ck_assert_str_eq(d.tables[0].rows[1].cells[1].text, "A\nB");
	ck_assert_uint_eq(d.tables[0].rows[1].index, 2);
	doc_release(&d);
	/* a TCVN3 font: its bytes are TCVN3, \\- is its ư */
	rtf(&d, "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}{\\f1 .VnTime;}"
	    "{\\f2 .VnTimeH;}}{\\f2 K\\'d5 HO\\'b9CH}\\par{\\f1 Th\\'abng t\\-}"
	    " Unicode \\u7921?\\par}");
	ck_assert_str_eq(d.text.ptr, "KẾ HOẠCH\nThông tư Unicode ự\n");
	ck_assert_int_eq(d.encoding, DOC_ENC_TCVN3);
	ck_assert(has_note(&d, HS203, ".VnTime"));
	doc_release(&d);
}
END_TEST

START_TEST(rtf_hostile)
{
	struct hs_buf b = HS_BUF_INIT;
	struct doc d;

	/* groups nested 100,000 deep */
	hs_buf_adds(&b, "{\\rtf1 ");
	for (int i = 0; i < 100000; i++)
		hs_buf_addch(&b, '{');
	hs_buf_adds(&b, "x");
	extract_bytes(&d, FMT_RTF, (const unsigned char *)b.ptr, b.len);
	ck_assert_int_eq(d.status, DOC_UNREADABLE);
	ck_assert(has_note(&d, HS201, "nested"));
	doc_release(&d);
	/* a second font table after text: the run's font must survive the
	 * table growing (fuzz/regress/msdoc/rtf-font-table-grows) */
	hs_buf_reset(&b);
	hs_buf_adds(&b, "{\\rtf1{\\fonttbl{\\f0 .VnTime;}}\\f0 Th\\'abng {\\fonttbl");
	for (int i = 1; i < 300; i++)
		hs_buf_addf(&b, "{\\f%d F%d;}", i, i);
	hs_buf_adds(&b, "}t\\- a\\par}");
	extract_bytes(&d, FMT_RTF, (const unsigned char *)b.ptr, b.len);
	ck_assert_int_eq(d.status, DOC_OK);
	ck_assert_str_eq(d.text.ptr, "Thông tư a\n");
	doc_release(&d);
	/* cut inside a control word, a hex escape and \\bin past the end */
	static const char *const cuts[] = {
		"{\\rtf1 abc\\", "{\\rtf1 abc\\'4", "{\\rtf1 a\\bin99999999 x",
		"{\\rtf1 \\u-99999999999999999999 ?a}", "}}}}{\\rtf1 a",
	};
	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		extract_bytes(&d, FMT_RTF, (const unsigned char *)cuts[i],
			      strlen(cuts[i]));
		ck_assert_int_ne(d.status, DOC_UNREADABLE);
		ck_assert_ptr_nonnull(strchr(d.text.ptr ? d.text.ptr : "a", 'a'));
		doc_release(&d);
	}
	hs_buf_release(&b);
}
END_TEST

START_TEST(wordml_sniffed)
{
	size_t len;
	unsigned char *b = tu_read_fixture("legacy/ke-hoach-2024.xml", &len);

	ck_assert_int_eq(sniff_format(b, len, "x.xml"), FMT_WORDML);
	ck_assert_str_eq(sniff_format_name(FMT_WORDML), "wordml");
	/* plain XML that is not Word's stays text */
	{
		static const char xml[] = "<?xml version=\"1.0\"?><a>x</a>\n";

		ck_assert_int_eq(sniff_format((const unsigned char *)xml,
					      sizeof(xml) - 1, "a.xml"), FMT_TXT);
	}
	free(b);
}
END_TEST

Suite *legacy_suite(void)
{
	Suite *s = suite_create("legacy");
	TCase *tc = tcase_create("formats");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, twins_read_alike);
	tcase_add_test(tc, legacy_fonts);
	tcase_add_test(tc, doc_piece_outside_stream);
	tcase_add_test(tc, doc_encrypted);
	tcase_add_test(tc, doc_truncated);
	tcase_add_test(tc, doc_word95);
	tcase_add_test(tc, xls_encrypted);
	tcase_add_test(tc, xls_truncated);
	tcase_add_test(tc, xls_grid_bomb);
	tcase_add_test(tc, xls_dates);
	tcase_add_test(tc, xls_in_worker);
	tcase_add_test(tc, xls_fuzz_regressions);
	tcase_add_test(tc, limits);
	tcase_add_test(tc, rtf_text);
	tcase_add_test(tc, rtf_hostile);
	tcase_add_test(tc, wordml_sniffed);
	suite_add_tcase(s, tc);
	tc = tcase_create("dossier");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, dossier_of_twins);
	suite_add_tcase(s, tc);
	return s;
}
