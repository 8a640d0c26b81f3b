/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * xls.c: Excel 97-2003 (.xls, BIFF5/BIFF8) through FreeXL. Every sheet
 * becomes a table and its text the way the xlsx reader writes it: the sheet
 * name on a line, then one line per row with its cells joined by tabs.
 * Numbers stay numbers; dates and times become text (FreeXL gives them as
 * "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS", "HH:MM:SS").
 *
 * FreeXL opens a path only (1.0.x has no memory variant). Nothing is
 * written to a named file: the compound file FreeXL reads is rebuilt by
 * libgsf around the checked Workbook stream and put in the worker's
 * scratch memfd (extract_set_scratch_fd), or in a memfd made here outside a
 * worker, and FreeXL opens it as /proc/self/fd/N. Landlock lets that
 * through: a memfd lives on the kernel's internal tmpfs, which path rules
 * do not cover (the legacy suite reads an .xls in both kinds of worker).
 *
 * Before FreeXL, the workbook is checked here through libgsf and a bounded
 * walk of its BIFF records (check_workbook): FreeXL trusts the file, and a
 * workbook that lies never reaches it. The same walk reads the saved
 * results of formula cells (FORMULA records, and the STRING record after a
 * text result), which FreeXL leaves empty.
 */
#include "extract.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <freexl.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-output-memory.h>
#include <gsf/gsf-utils.h>

#include "base/vnlegacy.h"
#include "wordtext.h"

static int scratch_fd = -1;

void extract_set_scratch_fd(int fd)
{
	scratch_fd = fd;
}

/*
 * A compound file holding only the Workbook stream that check_workbook
 * walked, written by libgsf: FreeXL reads exactly the checked bytes, never
 * the submitted container (whose damage FreeXL's own reader of compound
 * files does not survive). Returns the bytes (g_free) and their length.
 */
static guint8 *rebuild(const unsigned char *s, size_t n, bool biff8,
		       size_t *out_len)
{
	GsfOutput *mem = gsf_output_memory_new();
	GsfOutfile *ole;
	GsfOutput *child;
	guint8 *bytes = NULL;

	*out_len = 0;
	ole = gsf_outfile_msole_new(mem);
	if (!ole)
		goto out;
	child = gsf_outfile_new_child(ole, biff8 ? "Workbook" : "Book", FALSE);
	if (child) {
		gsf_output_write(child, n, s);
		gsf_output_close(child);
		g_object_unref(child);
	}
	gsf_output_close(GSF_OUTPUT(ole));
	g_object_unref(ole);
	if (gsf_output_size(mem) > 0) {
		*out_len = (size_t)gsf_output_size(mem);
		bytes = g_memdup2(gsf_output_memory_get_bytes(GSF_OUTPUT_MEMORY(mem)),
				  *out_len);
	}
out:
	/* closing the compound file closed its sink too */
	if (!gsf_output_is_closed(mem))
		gsf_output_close(mem);
	g_object_unref(mem);
	return bytes;
}

/*
 * A readable descriptor holding exactly data[0..len): the worker's scratch
 * memfd, filled through mmap and shrunk to len (RLIMIT_FSIZE forbids
 * write), or a new memfd outside a worker (*own set: close it).
 */
static int stage_fd(const unsigned char *data, size_t len, bool *own)
{
	struct stat st;
	size_t off = 0;
	int fd;

	*own = false;
	if (scratch_fd >= 0) {
		void *p;

		if (fstat(scratch_fd, &st) || (uint64_t)st.st_size < len || !len)
			return -1;
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED,
			 scratch_fd, 0);
		if (p == MAP_FAILED)
			return -1;
		memcpy(p, data, len);
		munmap(p, len);
		if (ftruncate(scratch_fd, (off_t)len))
			return -1;
		return scratch_fd;
	}
	fd = memfd_create("hoso-xls", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	*own = true;
	return fd;
}

/* The shortest text that reads back as v (xlsx keeps such a text). */
static void num_text(char *out, size_t n, double v)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, n, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

/* ========================================== formula results (BIFF) ==== */

struct fcell {
	uint32_t sheet, row, col;
	bool is_num;
	double num;
	char *text; /* UTF-8, owned; NULL for a number */
};

struct fcells {
	struct fcell *v;
	size_t n, cap;
};

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static int fcell_cmp(const void *a, const void *b)
{
	const struct fcell *x = a, *y = b;

	if (x->sheet != y->sheet)
		return x->sheet < y->sheet ? -1 : 1;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* The text of a STRING record (BIFF8 XLUnicodeString, BIFF5 8-bit). */
static char *biff_string(const unsigned char *p, size_t len, bool biff8)
{
	struct hs_buf b = HS_BUF_INIT;
	size_t cch, i;

	if (len < 2)
		return hs_strdup("");
	cch = le16(p);
	if (!biff8) {
		if (cch > len - 2)
			cch = len - 2;
		vnlegacy_convert_bytes(VN_LEGACY_NONE, p + 2, cch, &b);
	} else if (len >= 3 && (p[2] & 1)) {
		for (i = 0; i < cch && 3 + 2 * i + 1 < len; i++)
			hs_buf_add_utf8(&b, (int32_t)le16(p + 3 + 2 * i));
	} else if (len >= 3) {
		if (cch > len - 3)
			cch = len - 3;
		vnlegacy_convert_bytes(VN_LEGACY_NONE, p + 3, cch, &b);
	}
	return b.ptr ? hs_buf_detach(&b, NULL) : hs_strdup("");
}

#define BIFF_REC_MAX 8224 /* BIFF8's largest record body */
/*
 * FreeXL allocates a sheet's whole grid as its DIMENSION record declares
 * it (about 24 bytes a cell): past this many cells the workbook is not
 * handed to it (a 7 KB file can declare 65,536 x 256 cells).
 */
#define XLS_GRID_MAX (4u << 20)

/*
 * One sheet's substream from pos: its FORMULA results (and the STRING
 * record after a text result). NULL, or why the records are damaged.
 */
static const char *scan_sheet(struct fcells *fc, const unsigned char *s,
			      size_t len, size_t pos, uint32_t sheet,
			      bool biff8, size_t max, uint64_t *grid)
{
	struct fcell *pending = NULL;
	unsigned dims = 0;

	for (;;) {
		uint16_t type, rl;
		const unsigned char *r;

		if (pos + 4 > len)
			return "a sheet's records run past the Workbook stream";
		type = le16(s + pos);
		rl = le16(s + pos + 2);
		r = s + pos + 4;
		if (rl > len - pos - 4 || rl > BIFF_REC_MAX)
			return "a sheet's record runs past the Workbook stream";
		pos += 4u + rl;
		if (type == 0x000A) /* EOF */
			return NULL;
		if (type == 0x0200) { /* DIMENSION: FreeXL's grid */
			uint64_t rows, cols;

			if (++dims > 1)
				return "a sheet has two DIMENSION records";
			if (rl < (biff8 ? 12 : 8))
				return "a DIMENSION record is cut short";
			rows = biff8 ? le32(r + 4) : le16(r + 2);
			cols = biff8 ? le16(r + 10) : le16(r + 6);
			if (rows > 65536 || cols > 256)
				return "a sheet is larger than Excel 97-2003 allows";
			*grid += rows * cols;
			continue;
		}
		if (type == 0x0207 && pending) { /* STRING */
			pending->text = biff_string(r, rl, biff8);
			pending = NULL;
			continue;
		}
		pending = NULL;
		if (type != 0x0006 || rl < 14 || fc->n >= max)
			continue;
		HS_GROW(fc->v, fc->cap, fc->n + 1);
		{
			struct fcell *c = &fc->v[fc->n];

			memset(c, 0, sizeof(*c));
			c->sheet = sheet;
			c->row = le16(r);
			c->col = le16(r + 2);
			if (le16(r + 12) != 0xFFFF) {
				memcpy(&c->num, r + 6, 8);
				if (!isfinite(c->num))
					continue;
				c->is_num = true;
			} else if (r[6] == 0) {
				pending = c;
			} else if (r[6] == 1) {
				c->text = hs_strdup(r[8] ? "TRUE" : "FALSE");
			} else {
				continue;
			}
			fc->n++;
		}
	}
}

enum xls_check { XLS_SOUND, XLS_DAMAGED, XLS_PROTECTED, XLS_TOO_LARGE };

/*
 * The workbook checked before FreeXL sees it, through libgsf's reader of
 * the compound file and a walk of every BIFF record: the container opens,
 * a Workbook (BIFF8) or Book (BIFF5) stream is there, the globals start
 * with BOF and reach EOF, every record lies inside the stream, each sheet
 * named by a BOUNDSHEET starts inside it and reaches its EOF, sheet names
 * fit their records. FreeXL 1.0 trusts these and reads out of bounds when
 * they lie (found by fuzz_xls), so a workbook failing any of them is
 * damaged and never reaches it. A FILEPASS record means a password.
 * Collects the formula results on the way; *why says what was wrong.
 */
static enum xls_check check_workbook(struct fcells *fc, const unsigned char *data,
				     size_t len, size_t max, const char **why,
				     unsigned char **stream, size_t *stream_len,
				     bool *is_biff8)
{
	GsfInput *in, *wb = NULL;
	GsfInfile *ole;
	unsigned char *s = NULL;
	gsf_off_t size;
	size_t pos = 0, n = 0;
	uint32_t sheet = 0;
	uint64_t grid = 0;
	bool biff8 = true, eof = false;
	enum xls_check ret = XLS_DAMAGED;

	msole_init();
	*why = "not a readable OLE compound file";
	in = gsf_input_memory_new(data, (gsf_off_t)len, FALSE);
	if (!in)
		return XLS_DAMAGED;
	ole = gsf_infile_msole_new(in, NULL);
	if (ole) {
		*why = "no Workbook stream";
		wb = gsf_infile_child_by_name(ole, "Workbook");
		if (!wb) {
			wb = gsf_infile_child_by_name(ole, "Book");
			biff8 = false;
		}
	}
	if (!wb)
		goto out;
	size = gsf_input_size(wb);
	*why = "the Workbook stream cannot be read";
	/* a stream is never larger than its file */
	if (size < 8 || (uint64_t)size > len)
		goto out;
	n = (size_t)size;
	s = hs_malloc(n);
	if (!gsf_input_read(wb, n, s))
		goto out;
	*why = "the Workbook stream does not start with a BOF record";
	if (le16(s) != 0x0809)
		goto out;
	/* workbook globals */
	while (pos + 4 <= n) {
		uint16_t type = le16(s + pos), rl = le16(s + pos + 2);
		const unsigned char *r = s + pos + 4;

		*why = "a record runs past the Workbook stream";
		if (rl > n - pos - 4 || rl > BIFF_REC_MAX)
			goto out;
		pos += 4u + rl;
		if (type == 0x000A) {
			eof = true;
			break;
		}
		if (type == 0x002F) { /* FILEPASS */
			ret = XLS_PROTECTED;
			*why = "password";
			goto out;
		}
		if (type == 0x0085) { /* BOUNDSHEET */
			size_t cch, need;

			*why = "a sheet entry is cut short";
			if (rl < 8)
				goto out;
			cch = r[6];
			need = biff8 ? 8 + cch * ((r[7] & 1) ? 2 : 1) : 7 + cch;
			if (need > rl)
				goto out;
			*why = "a sheet starts outside the Workbook stream";
			if (le32(r) + 4ull > n || le16(s + le32(r)) != 0x0809)
				goto out;
			*why = scan_sheet(fc, s, n, le32(r), sheet, biff8, max,
					  &grid);
			if (*why)
				goto out;
			sheet++;
			if (grid > XLS_GRID_MAX) {
				ret = XLS_TOO_LARGE;
				*why = "the sheets declare more than 4,194,304 cells";
				goto out;
			}
		}
	}
	*why = "the workbook globals have no EOF record";
	if (!eof)
		goto out;
	if (fc->n > 1)
		qsort(fc->v, fc->n, sizeof(fc->v[0]), fcell_cmp);
	*why = NULL;
	ret = XLS_SOUND;
	*stream = s;
	*stream_len = n;
	*is_biff8 = biff8;
	s = NULL;
out:
	free(s);
	if (wb)
		g_object_unref(wb);
	if (ole)
		g_object_unref(ole);
	g_object_unref(in);
	return ret;
}

static void fcells_release(struct fcells *fc)
{
	for (size_t i = 0; i < fc->n; i++)
		free(fc->v[i].text);
	free(fc->v);
}

/* ================================================================ cells === */

struct xls {
	struct doc *d;
	const void *h;
	struct fcells fc;
	enum vn_legacy legacy; /* the strings' legacy encoding, if any */
	struct hs_buf conv;
};

/* Legacy text in a Unicode-looking workbook: judged on its shared strings. */
static void xls_detect_legacy(struct xls *x)
{
	struct hs_buf all = HS_BUF_INIT;
	unsigned int n = 0;

	all.max = 256u << 10;
	if (freexl_get_info(x->h, FREEXL_BIFF_STRING_COUNT, &n) != FREEXL_OK)
		return;
	for (unsigned int i = 0; i < n && i <= 0xFFFF && !all.over; i++) {
		const char *s = NULL;

		if (freexl_get_SST_string(x->h, (unsigned short)i, &s) ==
		    FREEXL_OK && s) {
			hs_buf_add_trunc(&all, s, strlen(s));
			hs_buf_addch(&all, '\n');
		}
	}
	if (all.len)
		x->legacy = vnlegacy_detect_utf8(all.ptr, all.len);
	hs_buf_release(&all);
}

/* One cell; HS_LIMIT once the cell budget is spent. */
static enum hs_status xls_cell(struct xls *x, uint32_t row, uint32_t col,
			       const FreeXL_CellValue *v, size_t *row_cells)
{
	struct doc *d = x->d;
	char num[40];
	const char *text = NULL;
	bool is_num = false;
	double val = 0;
	enum hs_status st;

	switch (v->type) {
	case FREEXL_CELL_INT:
		is_num = true;
		val = v->value.int_value;
		snprintf(num, sizeof(num), "%d", v->value.int_value);
		text = num;
		break;
	case FREEXL_CELL_DOUBLE:
		if (!isfinite(v->value.double_value))
			return HS_OK;
		is_num = true;
		val = v->value.double_value;
		num_text(num, sizeof(num), val);
		text = num;
		break;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
		text = v->value.text_value;
		if (text && x->legacy != VN_LEGACY_NONE) {
			hs_buf_reset(&x->conv);
			vnlegacy_convert_utf8(x->legacy, text, strlen(text),
					      false, &x->conv);
			text = x->conv.ptr ? x->conv.ptr : "";
		}
		break;
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME:
		text = v->value.text_value;
		break;
	default:
		return HS_OK;
	}
	if (!text || (!is_num && !*text))
		return HS_OK;
	if (!*row_cells)
		doc_row_new(d, row + 1);
	st = doc_cell_add(d, col, text, strlen(text), is_num, val);
	if (st != HS_OK)
		return st;
	if ((*row_cells)++)
		doc_add_text(d, "\t", 1);
	doc_add_text_flat(d, text, strlen(text));
	return HS_OK;
}

/* One sheet (its name only when !cells); false once the budget is spent. */
static bool xls_sheet(struct xls *x, unsigned short i, bool cells)
{
	struct doc *d = x->d;
	const char *name = NULL;
	char fallback[32];
	unsigned int rows = 0;
	unsigned short cols = 0;
	bool more = true;

	if (freexl_get_worksheet_name(x->h, i, &name) != FREEXL_OK || !name) {
		snprintf(fallback, sizeof(fallback), "Sheet%u", i + 1u);
		name = fallback;
	}
	doc_table_new(d, name, i + 1u);
	doc_add_text(d, name, strlen(name));
	doc_add_text(d, "\n", 1);
	if (!cells)
		return false;
	if (freexl_select_active_worksheet(x->h, i) != FREEXL_OK ||
	    freexl_worksheet_dimensions(x->h, &rows, &cols) != FREEXL_OK)
		return true;
	for (unsigned int r = 0; r < rows && more; r++) {
		size_t row_cells = 0;

		for (unsigned short c = 0; c < cols; c++) {
			FreeXL_CellValue v;

			if (freexl_get_cell_value(x->h, r, c, &v) != FREEXL_OK)
				continue;
			if (v.type == FREEXL_CELL_NULL && x->fc.n) {
				struct fcell key = {.sheet = i, .row = r,
						    .col = c};
				const struct fcell *f =
					bsearch(&key, x->fc.v, x->fc.n,
						sizeof(key), fcell_cmp);

				if (f && f->is_num) {
					v.type = FREEXL_CELL_DOUBLE;
					v.value.double_value = f->num;
				} else if (f && f->text) {
					v.type = FREEXL_CELL_TEXT;
					v.value.text_value = f->text;
				}
			}
			if (xls_cell(x, r, c, &v, &row_cells) != HS_OK) {
				more = false;
				break;
			}
		}
		if (row_cells)
			doc_add_text(d, "\n", 1);
	}
	doc_add_text(d, "\n", 1);
	return more;
}

static void xls_failed(struct doc *d, int rc)
{
	if (rc == FREEXL_INSUFFICIENT_MEMORY) {
		doc_set_status(d, DOC_LIMIT_EXCEEDED,
			       "xls needs more memory than allowed");
		doc_note(d, HS106, "xls: memory limit reached while reading the workbook (--max-mem)");
		return;
	}
	doc_set_status(d, DOC_UNREADABLE, "xls damaged (FreeXL error %d)", rc);
	doc_note(d, HS201, "xls could not be read: damaged workbook (FreeXL error %d)",
		 rc);
}

bool extract_xls_freexl = true;

void extract_xls(struct doc *d, const unsigned char *data, size_t len)
{
	struct xls x = {.d = d};
	char path[40];
	unsigned int info = 0, nsheets = 0;
	bool own, cells = true, biff8 = true;
	const char *why;
	unsigned char *stream = NULL;
	size_t stream_len = 0, cfb_len = 0;
	guint8 *cfb;
	int fd, rc;

	switch (check_workbook(&x.fc, data, len, d->limits.cells_max, &why,
			       &stream, &stream_len, &biff8)) {
	case XLS_SOUND:
		break;
	case XLS_PROTECTED:
		doc_set_status(d, DOC_ENCRYPTED, "bảng tính Excel có đặt mật khẩu");
		doc_note(d, HS204, "bảng tính .xls có đặt mật khẩu: không đọc được nội dung");
		fcells_release(&x.fc);
		return;
	case XLS_TOO_LARGE:
		doc_set_status(d, DOC_LIMIT_EXCEEDED, "xls: %s: not read", why);
		doc_note(d, HS106, "xls: %s (FreeXL would allocate them all): not read",
			 why);
		fcells_release(&x.fc);
		return;
	case XLS_DAMAGED:
		doc_set_status(d, DOC_UNREADABLE, "xls damaged: %s", why);
		doc_note(d, HS201, "xls could not be read: %s", why);
		fcells_release(&x.fc);
		return;
	}
	cfb = rebuild(stream, stream_len, biff8, &cfb_len);
	free(stream);
	fd = cfb ? stage_fd(cfb, cfb_len, &own) : -1;
	g_free(cfb);
	if (fd < 0) {
		doc_set_status(d, DOC_UNREADABLE,
			       "xls could not be staged in memory (errno %d)",
			       errno);
		doc_note(d, HS201, "xls could not be read: no memory file");
		fcells_release(&x.fc);
		return;
	}
	/* FreeXL is not memory-safe on every workbook our check lets through
	 * (its fuzzing found reads past its buffers): in hoso it runs only in
	 * the sandboxed worker, where the worst it does is crash this one
	 * document's reading (HS201). The fuzz harness covers hoso's own code,
	 * up to here, and stops before FreeXL. */
	if (!extract_xls_freexl) {
		doc_set_status(d, DOC_UNSUPPORTED, "xls: FreeXL not called");
		goto out;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	rc = freexl_open(path, &x.h);
	if (x.h && freexl_get_info(x.h, FREEXL_BIFF_PASSWORD, &info) ==
	    FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED) {
		doc_set_status(d, DOC_ENCRYPTED, "bảng tính Excel có đặt mật khẩu");
		doc_note(d, HS204, "bảng tính .xls có đặt mật khẩu: không đọc được nội dung");
		goto out;
	}
	if (rc != FREEXL_OK) {
		xls_failed(d, rc);
		goto out;
	}
	if (freexl_get_info(x.h, FREEXL_BIFF_SHEET_COUNT, &nsheets) !=
	    FREEXL_OK)
		nsheets = 0;
	hs_buf_init(&x.conv, 32767 * 4);
	xls_detect_legacy(&x);
	doc_set_encoding(d, DOC_ENC_UTF8);
	if (x.legacy == VN_LEGACY_TCVN3) {
		doc_set_encoding(d, DOC_ENC_TCVN3);
		doc_note(d, HS203, "chữ TCVN3 trong bảng tính .xls đã được chuyển sang Unicode");
	} else if (x.legacy == VN_LEGACY_VNI) {
		doc_set_encoding(d, DOC_ENC_VNI);
		doc_note(d, HS203, "chữ VNI trong bảng tính .xls đã được chuyển sang Unicode");
	}
	d->nsheets = nsheets;
	for (unsigned int i = 0; i < nsheets && i <= 0xFFFF; i++) {
		if (d->ntables >= DOC_TABLES_MAX)
			break;
		cells = xls_sheet(&x, (unsigned short)i, cells);
	}
	hs_buf_release(&x.conv);
out:
	fcells_release(&x.fc);
	if (x.h)
		freexl_close(x.h);
	if (own)
		close(fd);
}
