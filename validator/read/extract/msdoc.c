/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * msdoc.c: Word 97-2003 (.doc) text and tables, from the public MS-DOC
 * specification, on libgsf's OLE compound-file reader.
 *
 *   WordDocument stream: the FIB (FibBase, then the FibRgLw97 count ccpText
 *     and the FibRgFcLcb97 pairs fcClx/lcbClx, fcPlcfBtePapx/lcb...).
 *   0Table or 1Table stream (FibBase.fWhichTblStm): the CLX, whose Pcdt
 *     holds the piece table: n+1 character positions and n 8-byte PCDs,
 *     each naming where in WordDocument its text lies, as 8-bit Windows-1252
 *     ("compressed", fc/2) or UTF-16LE.
 *   Paragraph properties (PlcBtePapx -> 512-byte FKP pages -> PAPX sprms)
 *     tell which paragraph marks are in a table (sprmPFInTable) and which
 *     end a table row (sprmPFTtp); 0x07 is a cell or row mark, 0x0D a
 *     paragraph mark.
 *
 * Every offset read from the file is checked against the stream it points
 * into: a piece outside WordDocument, a CLX outside the Table stream, an FKP
 * page past the end are damage (HS201), never a read out of bounds. Only the
 * main document (CPs 0..ccpText) is read; headers, footnotes and text boxes
 * are not. Legacy Vietnamese text (TCVN3/VNI typed in .VnTime or VNI-*
 * fonts) is found statistically on the whole text, as .doc keeps fonts in
 * character runs this reader does not follow.
 */
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-utils.h>

#include "base/vnlegacy.h"
#include "wordtext.h"

/* Pieces in one piece table: far above any real document. */
#define PIECES_MAX 100000u
/* Characters of the main document read, whatever ccpText claims. */
#define CHARS_MAX (64u << 20)

struct stream {
	unsigned char *p;
	size_t len;
};

struct dfont {
	enum vn_legacy enc;
	bool upper;
};

struct wdoc {
	struct doc *d;
	struct stream wd, tbl;
	const unsigned char *bte; /* PlcBtePapx in the Table stream */
	size_t nbte;
	const unsigned char *bte_chp; /* PlcBteChpx */
	size_t nbte_chp;
	struct dfont *fonts;      /* SttbfFfn, by ftc */
	size_t nfonts;
	char legacy_font[64];     /* first legacy font used, for the note */
	enum vn_legacy legacy_enc;
	/* the character run last looked up: [run_lo, run_hi) has font ftc */
	uint32_t run_lo, run_hi;
	int run_ftc;
	/* text of one font state, converted when the state changes */
	struct hs_buf seg;
	struct dfont seg_font;
	struct hs_buf text;       /* main text, UTF-8, marks kept */
	unsigned char *marks;     /* flags of each 0x0D/0x07, in order */
	size_t nmarks, marks_cap;
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

static void damaged(struct doc *d, const char *what)
{
	doc_set_status(d, DOC_UNREADABLE, "doc damaged: %s", what);
	doc_note(d, HS201, "Word .doc could not be read: %s", what);
}

/* A whole OLE stream into memory, at most limits.part_max bytes. */
static bool stream_read(struct doc *d, GsfInfile *ole, const char *name,
			struct stream *s)
{
	GsfInput *in = gsf_infile_child_by_name(ole, name);
	gsf_off_t size;

	s->p = NULL;
	s->len = 0;
	if (!in)
		return false;
	size = gsf_input_size(in);
	if (size < 0 || (uint64_t)size > d->limits.part_max) {
		doc_set_status(d, DOC_LIMIT_EXCEEDED,
			       "doc stream %s larger than %zu bytes", name,
			       d->limits.part_max);
		doc_note(d, HS106, "Word stream '%s' over the part limit (--max-part)",
			 name);
		g_object_unref(in);
		return false;
	}
	s->len = (size_t)size;
	s->p = hs_malloc(s->len + 1);
	if (s->len && !gsf_input_read(in, s->len, s->p)) {
		free(s->p);
		s->p = NULL;
		s->len = 0;
		g_object_unref(in);
		return false;
	}
	g_object_unref(in);
	return true;
}

/* ==================================================== paragraph marks ==== */

/* Operand size of a sprm at p (opcode read), or 0 when it cannot be told. */
static size_t sprm_size(uint16_t op, const unsigned char *p, size_t left)
{
	switch (op >> 13) {
	case 0:
	case 1:
		return 1;
	case 2:
	case 4:
	case 5:
		return 2;
	case 3:
		return 4;
	case 7:
		return 3;
	default:
		if (op == 0xD608 || op == 0xD606) /* sprmTDefTable(10) */
			return left >= 2 ? (size_t)le16(p) + 1 : 0;
		return left >= 1 && p[0] != 255 ? (size_t)p[0] + 1 : 0;
	}
}

/* Table flags of the paragraph whose mark is at file offset fc. */
static unsigned papx_flags(const struct wdoc *w, uint32_t fc)
{
	const unsigned char *page, *g;
	size_t lo = 0, hi = w->nbte, off, glen, i;
	unsigned crun, flags = MARK_KNOWN;
	uint32_t pn;

	if (!w->nbte)
		return 0;
	/* last bte whose first fc <= fc */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (le32(w->bte + 4 * mid) <= fc)
			lo = mid;
		else
			hi = mid;
	}
	if (fc < le32(w->bte) || fc >= le32(w->bte + 4 * w->nbte))
		return 0;
	pn = le32(w->bte + 4 * (w->nbte + 1) + 4 * lo) & 0x3FFFFFu;
	if ((uint64_t)pn * 512 + 512 > w->wd.len)
		return 0;
	page = w->wd.p + (size_t)pn * 512;
	crun = page[511];
	if (!crun || 4u * (crun + 1) + 13u * crun > 511)
		return 0;
	for (i = 0; i < crun; i++)
		if (fc >= le32(page + 4 * i) && fc < le32(page + 4 * (i + 1)))
			break;
	if (i == crun)
		return 0;
	off = 2u * page[4 * (crun + 1) + 13 * i];
	if (!off)
		return flags;
	if (off >= 511)
		return 0;
	if (page[off]) {
		glen = 2u * page[off] - 1;
		g = page + off + 1;
	} else {
		if (off + 1 >= 511)
			return 0;
		glen = 2u * page[off + 1];
		g = page + off + 2;
	}
	if ((size_t)(g - page) + glen > 511 || glen < 2)
		return 0;
	/* istd, then the sprms */
	for (size_t k = 2; k + 2 <= glen;) {
		uint16_t op = le16(g + k);
		size_t n = sprm_size(op, g + k + 2, glen - k - 2);

		if (!n || k + 2 + n > glen)
			break;
		if ((op == 0x2416 || op == 0x244B) && g[k + 2])
			flags |= MARK_INTABLE;
		else if ((op == 0x2417 || op == 0x244C) && g[k + 2])
			flags |= MARK_TTP | MARK_INTABLE;
		else if (op == 0x6649 && le32(g + k + 2))
			flags |= MARK_INTABLE;
		k += 2 + n;
	}
	return flags;
}

/*
 * Font (ftc, -1 if none) of the character run holding fc, from the CHPX
 * FKPs; sets the run's range so the next characters skip the lookup.
 */
static int chpx_font(struct wdoc *w, uint32_t fc)
{
	const unsigned char *page, *g;
	size_t lo = 0, hi = w->nbte_chp, off, glen, i;
	unsigned crun;
	uint32_t pn;
	int ftc = -1, ftc2 = -1;

	w->run_lo = w->run_hi = fc;
	w->run_hi++;
	if (!w->nbte_chp)
		return -1;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (le32(w->bte_chp + 4 * mid) <= fc)
			lo = mid;
		else
			hi = mid;
	}
	if (fc < le32(w->bte_chp) || fc >= le32(w->bte_chp + 4 * w->nbte_chp))
		return -1;
	pn = le32(w->bte_chp + 4 * (w->nbte_chp + 1) + 4 * lo) & 0x3FFFFFu;
	if ((uint64_t)pn * 512 + 512 > w->wd.len)
		return -1;
	page = w->wd.p + (size_t)pn * 512;
	crun = page[511];
	if (!crun || 4u * (crun + 1) + crun > 511)
		return -1;
	for (i = 0; i < crun; i++)
		if (fc >= le32(page + 4 * i) && fc < le32(page + 4 * (i + 1)))
			break;
	if (i == crun)
		return -1;
	w->run_lo = le32(page + 4 * i);
	w->run_hi = le32(page + 4 * (i + 1));
	off = 2u * page[4 * (crun + 1) + i];
	if (!off || off >= 511)
		return -1;
	glen = page[off];
	g = page + off + 1;
	if (off + 1 + glen > 511)
		return -1;
	for (size_t k = 0; k + 2 <= glen;) {
		uint16_t op = le16(g + k);
		size_t n = sprm_size(op, g + k + 2, glen - k - 2);

		if (!n || k + 2 + n > glen)
			break;
		if (op == 0x4A4F)
			ftc = le16(g + k + 2);
		else if (op == 0x4A51)
			ftc2 = le16(g + k + 2);
		k += 2 + n;
	}
	return ftc >= 0 ? ftc : ftc2;
}

/* The font table (SttbfFfn): which fonts are TCVN3 or VNI. */
static void load_fonts(struct wdoc *w, uint32_t fc, uint32_t lcb)
{
	const unsigned char *p;
	size_t n, at = 4;

	if (lcb < 4 || (uint64_t)fc + lcb > w->tbl.len)
		return;
	p = w->tbl.p + fc;
	n = le16(p);
	if (n > 4096)
		return;
	w->fonts = hs_calloc(n ? n : 1, sizeof(*w->fonts));
	for (size_t i = 0; i < n && at < lcb; i++) {
		size_t len = (size_t)p[at] + 1;
		char name[64];
		size_t k = 0;

		if (at + len > lcb)
			break;
		for (size_t j = at + 40; j + 1 < at + len && k + 1 < sizeof(name);
		     j += 2) {
			uint16_t u = le16(p + j);

			if (!u)
				break;
			name[k++] = u < 0x80 ? (char)u : '?';
		}
		name[k] = '\0';
		w->fonts[i].enc = vnlegacy_font(name, &w->fonts[i].upper);
		if (w->fonts[i].enc != VN_LEGACY_NONE && !w->legacy_font[0])
			snprintf(w->legacy_font, sizeof(w->legacy_font), "%s",
				 name);
		w->nfonts = i + 1;
		at += len;
	}
}

static void seg_flush(struct wdoc *w)
{
	if (!w->seg.len)
		return;
	if (w->seg_font.enc != VN_LEGACY_NONE) {
		vnlegacy_convert_utf8(w->seg_font.enc, w->seg.ptr, w->seg.len,
				      w->seg_font.upper, &w->text);
		if (!w->legacy_enc)
			w->legacy_enc = w->seg_font.enc;
	} else {
		hs_buf_add_trunc(&w->text, w->seg.ptr, w->seg.len);
	}
	hs_buf_reset(&w->seg);
}

/* Switches to the font of the character at fc. */
static void font_at(struct wdoc *w, uint32_t fc)
{
	struct dfont f = {VN_LEGACY_NONE, false};

	if (!w->nfonts || !w->legacy_font[0])
		return;
	if (fc < w->run_lo || fc >= w->run_hi)
		w->run_ftc = chpx_font(w, fc);
	if (w->run_ftc >= 0 && (size_t)w->run_ftc < w->nfonts)
		f = w->fonts[w->run_ftc];
	if (f.enc != w->seg_font.enc || f.upper != w->seg_font.upper) {
		seg_flush(w);
		w->seg_font = f;
	}
}

static void mark_add(struct wdoc *w, uint32_t fc)
{
	HS_GROW(w->marks, w->marks_cap, w->nmarks + 1);
	w->marks[w->nmarks++] = (unsigned char)papx_flags(w, fc);
}

/* ======================================================== piece table ==== */

/* Windows-1252 0x80-0x9F; the rest of the byte range is Latin-1. */
static const uint16_t cp1252_hi[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

/* Appends one character of the main text; false when the text is full. */
static bool put_char(struct wdoc *w, uint32_t u, uint32_t fc)
{
	if (u == 0x0D || u == 0x07)
		mark_add(w, fc);
	if (u >= 0xD800 && u <= 0xDFFF)
		u = 0xFFFD;
	font_at(w, fc);
	/* Word keeps U+00AD as its optional hyphen: TCVN3's ư */
	if (u == 0x1F && w->seg_font.enc != VN_LEGACY_NONE)
		u = 0xAD;
	if (hs_buf_add_utf8(&w->seg, (int32_t)u) != HS_OK)
		return false;
	if (w->seg.len >= 4096)
		seg_flush(w);
	return !w->text.over;
}

/* The pieces of CPs [0, ccp): false after damage (noted). */
static bool read_pieces(struct wdoc *w, uint32_t fc_clx, uint32_t lcb_clx,
			uint32_t ccp)
{
	const unsigned char *clx, *plc;
	size_t i = 0, n;
	uint32_t lcb;

	if ((uint64_t)fc_clx + lcb_clx > w->tbl.len || lcb_clx < 5) {
		damaged(w->d, "the piece table (CLX) lies outside the Table stream");
		return false;
	}
	clx = w->tbl.p + fc_clx;
	/* skip the Prcs (clxt 1, cbGrpprl, grpprl) */
	while (i < lcb_clx && clx[i] == 0x01) {
		if (i + 3 > lcb_clx)
			break;
		i += 3 + le16(clx + i + 1);
	}
	if (i + 5 > lcb_clx || clx[i] != 0x02) {
		damaged(w->d, "no piece table in the CLX");
		return false;
	}
	lcb = le32(clx + i + 1);
	if (lcb > lcb_clx - i - 5 || lcb < 16 || (lcb - 4) % 12) {
		damaged(w->d, "piece table size does not fit the CLX");
		return false;
	}
	plc = clx + i + 5;
	n = (lcb - 4) / 12;
	if (n > PIECES_MAX) {
		damaged(w->d, "too many pieces");
		return false;
	}
	for (size_t k = 0; k < n; k++) {
		uint32_t cp0 = le32(plc + 4 * k), cp1 = le32(plc + 4 * (k + 1));
		const unsigned char *pcd = plc + 4 * (n + 1) + 8 * k;
		uint32_t fcv = le32(pcd + 2), fc, cnt;
		bool comp = fcv & 0x40000000u;

		if (cp0 >= ccp)
			break;
		if (cp1 < cp0) {
			damaged(w->d, "piece table positions go backwards");
			return false;
		}
		cnt = (cp1 > ccp ? ccp : cp1) - cp0;
		fc = fcv & 0x3FFFFFFFu;
		if (comp)
			fc /= 2;
		if ((uint64_t)fc + (uint64_t)cnt * (comp ? 1 : 2) > w->wd.len) {
			damaged(w->d, "a piece of text points outside the WordDocument stream");
			return false;
		}
		for (uint32_t c = 0; c < cnt; c++) {
			uint32_t u, at;

			if (comp) {
				u = w->wd.p[fc + c];
				if (u >= 0x80 && u < 0xA0)
					u = cp1252_hi[u - 0x80];
				at = (fcv & 0x3FFFFFFFu) / 2 + c;
			} else {
				u = le16(w->wd.p + fc + 2 * c);
				at = fc + 2 * c;
				if (u >= 0xD800 && u <= 0xDBFF && c + 1 < cnt) {
					uint32_t v = le16(w->wd.p + fc + 2 * c + 2);

					if (v >= 0xDC00 && v <= 0xDFFF) {
						u = 0x10000 + ((u - 0xD800) << 10) +
						    (v - 0xDC00);
						c++;
					}
				}
			}
			if (!put_char(w, u, at))
				return true;
		}
	}
	return true;
}

/* ============================================================ output ==== */

struct emit {
	struct doc *d;
	struct hs_buf para, cell;
	size_t mark;         /* index of the next paragraph mark */
	unsigned ntables;
	bool in_table;       /* a table is open (its last row may be open) */
	uint32_t row, col;
	size_t row_cells;
	int field;           /* open fields; >0 while in a field code */
	unsigned code_mask;  /* bit i: field level i+1 is in its code part */
	bool cells_full;
};

static unsigned next_mark(struct emit *e, const unsigned char *marks,
			  size_t nmarks, char prev)
{
	unsigned f = e->mark < nmarks ? marks[e->mark] : 0;

	e->mark++;
	if (f & MARK_KNOWN)
		return f;
	/* No paragraph properties: a 0x07 right after a 0x07 ends the row. */
	return prev == 0x07 ? (MARK_TTP | MARK_INTABLE) : 0;
}

static void cell_end(struct emit *e)
{
	struct doc *d = e->d;

	if (!e->in_table) {
		char name[32];

		e->ntables++;
		snprintf(name, sizeof(name), "Bảng %u", e->ntables);
		doc_table_new(d, name, 0);
		e->in_table = true;
		e->row = 1;
		e->row_cells = 0;
		e->col = 0;
	}
	if (e->cell.len && e->para.len)
		hs_buf_addch(&e->cell, '\n');
	hs_buf_add_trunc(&e->cell, e->para.ptr, e->para.len);
	hs_buf_reset(&e->para);
	if (!e->cells_full) {
		if (!e->row_cells)
			doc_row_new(d, e->row);
		if (doc_cell_add(d, e->col, e->cell.ptr ? e->cell.ptr : "",
				 e->cell.len, false, 0) != HS_OK)
			e->cells_full = true;
	}
	if (e->row_cells++)
		doc_add_text(d, "\t", 1);
	doc_add_text_flat(d, e->cell.ptr ? e->cell.ptr : "", e->cell.len);
	hs_buf_reset(&e->cell);
	e->col++;
}

static void row_end(struct emit *e)
{
	hs_buf_reset(&e->para);
	if (e->row_cells)
		doc_add_text(e->d, "\n", 1);
	e->row++;
	e->row_cells = 0;
	e->col = 0;
}

static void para_end(struct emit *e, unsigned f)
{
	if (f & MARK_INTABLE) {
		/* a paragraph inside a cell: not its last */
		if (e->cell.len && e->para.len)
			hs_buf_addch(&e->cell, '\n');
		hs_buf_add_trunc(&e->cell, e->para.ptr, e->para.len);
		hs_buf_reset(&e->para);
		return;
	}
	e->in_table = false;
	doc_add_text(e->d, e->para.ptr ? e->para.ptr : "", e->para.len);
	doc_add_text(e->d, "\n", 1);
	hs_buf_reset(&e->para);
}

void word_emit(struct doc *d, const char *s, size_t len,
	       const unsigned char *marks, size_t nmarks)
{
	struct emit e = {.d = d};
	char prev = 0;

	hs_buf_init(&e.para, d->limits.text_max);
	hs_buf_init(&e.cell, 32767 * 4);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned f;

		switch (c) {
		case 0x13: /* field begin: its code follows */
			if (e.field < 31)
				e.code_mask |= 1u << e.field;
			e.field++;
			break;
		case 0x14: /* field separator: the result follows */
			if (e.field > 0 && e.field <= 31)
				e.code_mask &= ~(1u << (e.field - 1));
			break;
		case 0x15:
			if (e.field > 0) {
				e.field--;
				if (e.field < 31)
					e.code_mask &= ~(1u << e.field);
			}
			break;
		case 0x0D:
			f = next_mark(&e, marks, nmarks, prev);
			if (!e.code_mask)
				para_end(&e, f);
			break;
		case 0x07:
			f = next_mark(&e, marks, nmarks, prev);
			if (f & MARK_TTP)
				row_end(&e);
			else
				cell_end(&e);
			break;
		default:
			if (e.code_mask)
				break;
			if (c == 0x0B || c == 0x0C)
				hs_buf_addch(&e.para, '\n');
			else if (c == 0x1E)
				hs_buf_addch(&e.para, '-');
			else if (c == 0x09 || c >= 0x20)
				hs_buf_addch(&e.para, (char)c);
			break;
		}
		prev = (char)c;
	}
	if (e.para.len)
		para_end(&e, 0);
	hs_buf_release(&e.para);
	hs_buf_release(&e.cell);
}

/* ============================================================== entry ==== */

static void read_word(struct wdoc *w)
{
	struct doc *d = w->d;
	const unsigned char *fib = w->wd.p;
	uint16_t nfib, flags, csw, cslw, cbfc;
	size_t at;
	uint32_t ccp, fc_clx, lcb_clx, fc_bte, lcb_bte;

	if (w->wd.len < 0x20 || le16(fib) != 0xA5EC) {
		damaged(d, "no Word file information block (FIB)");
		return;
	}
	nfib = le16(fib + 2);
	flags = le16(fib + 0x0A);
	if (flags & 0x0100) {
		doc_set_status(d, DOC_ENCRYPTED, "tài liệu Word có đặt mật khẩu");
		doc_note(d, HS204, "tài liệu Word .doc có đặt mật khẩu: không đọc được nội dung");
		return;
	}
	if (nfib < 0xC0) { /* Word 6.0 is 101, Word 95 104, Word 97 193 */
		doc_set_status(d, DOC_UNSUPPORTED,
			       "Word 6/95 (.doc, nFib %u): đề nghị lưu lại thành .docx",
			       nfib);
		doc_note(d, HS205, "Word 6/95 .doc không đọc: chỉ đối chiếu được theo tên tệp");
		return;
	}
	/* FibBase, csw + fibRgW, cslw + fibRgLw, cbRgFcLcb + fibRgFcLcb */
	at = 0x20;
	csw = le16(fib + at);
	at += 2 + 2u * csw;
	if (at + 2 > w->wd.len)
		goto short_fib;
	cslw = le16(fib + at);
	at += 2;
	if (cslw < 4 || at + 4u * cslw + 2 > w->wd.len)
		goto short_fib;
	ccp = le32(fib + at + 12);
	at += 4u * cslw;
	cbfc = le16(fib + at);
	at += 2;
	if (cbfc < 34 || at + 8u * cbfc > w->wd.len)
		goto short_fib;
	fc_clx = le32(fib + at + 8 * 33);
	lcb_clx = le32(fib + at + 8 * 33 + 4);
	fc_bte = le32(fib + at + 8 * 13);
	lcb_bte = le32(fib + at + 8 * 13 + 4);
	{
		uint32_t fcc = le32(fib + at + 8 * 12);
		uint32_t lcbc = le32(fib + at + 8 * 12 + 4);

		if (lcbc >= 12 && (lcbc - 4) % 8 == 0 &&
		    (uint64_t)fcc + lcbc <= w->tbl.len) {
			w->bte_chp = w->tbl.p + fcc;
			w->nbte_chp = (lcbc - 4) / 8;
		}
		load_fonts(w, le32(fib + at + 8 * 15),
			   le32(fib + at + 8 * 15 + 4));
	}
	if (ccp > CHARS_MAX)
		ccp = CHARS_MAX;
	if (lcb_bte >= 12 && (lcb_bte - 4) % 8 == 0 &&
	    (uint64_t)fc_bte + lcb_bte <= w->tbl.len) {
		w->bte = w->tbl.p + fc_bte;
		w->nbte = (lcb_bte - 4) / 8;
	}
	hs_buf_init(&w->text, d->limits.text_max + 4096);
	hs_buf_init(&w->seg, 8192);
	w->run_ftc = -1;
	if (!read_pieces(w, fc_clx, lcb_clx, ccp))
		return;
	seg_flush(w);
	doc_set_encoding(d, DOC_ENC_UTF8);
	if (w->legacy_enc != VN_LEGACY_NONE) {
		/* converted run by run, by font */
		doc_set_encoding(d, w->legacy_enc == VN_LEGACY_TCVN3 ? DOC_ENC_TCVN3
								     : DOC_ENC_VNI);
		doc_note(d, HS203, "chữ gõ bằng phông %s '%s' đã được chuyển sang Unicode",
			 w->legacy_enc == VN_LEGACY_TCVN3 ? "TCVN3" : "VNI",
			 w->legacy_font);
		word_emit(d, w->text.ptr ? w->text.ptr : "", w->text.len,
			  w->marks, w->nmarks);
	} else {
		/* no legacy font in the runs: the text's own statistics */
		enum vn_legacy lg = vnlegacy_detect_utf8(w->text.ptr ? w->text.ptr : "",
							 w->text.len);
		if (lg != VN_LEGACY_NONE) {
			struct hs_buf conv = HS_BUF_INIT;

			conv.max = d->limits.text_max + 4096;
			vnlegacy_convert_utf8(lg, w->text.ptr, w->text.len,
					      false, &conv);
			doc_set_encoding(d, lg == VN_LEGACY_TCVN3 ? DOC_ENC_TCVN3
								  : DOC_ENC_VNI);
			doc_note(d, HS203, "chữ %s trong tài liệu .doc đã được chuyển sang Unicode",
				 lg == VN_LEGACY_TCVN3 ? "TCVN3" : "VNI");
			word_emit(d, conv.ptr ? conv.ptr : "", conv.len,
				  w->marks, w->nmarks);
			hs_buf_release(&conv);
		} else {
			word_emit(d, w->text.ptr ? w->text.ptr : "",
				  w->text.len, w->marks, w->nmarks);
		}
	}
	if (w->text.over) {
		doc_set_status(d, DOC_LIMIT_EXCEEDED,
			       "text longer than %zu bytes: the rest was not read",
			       d->limits.text_max);
		doc_note(d, HS106, "text limit of %zu bytes reached (--max-text)",
			 d->limits.text_max);
	}
	return;
short_fib:
	damaged(d, "the file information block (FIB) is cut short");
}

static void quiet(const gchar *domain, GLogLevelFlags level,
		  const gchar *msg, gpointer data)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)data;
}

void msole_init(void)
{
	static bool gsf_ready;

	if (gsf_ready)
		return;
	gsf_init();
	/* damage is reported as findings, not as GLib criticals */
	g_log_set_handler("libgsf:msole", G_LOG_LEVEL_MASK, quiet, NULL);
	g_log_set_handler("libgsf", G_LOG_LEVEL_MASK, quiet, NULL);
	gsf_ready = true;
}

void extract_msdoc(struct doc *d, const unsigned char *data, size_t len)
{
	struct wdoc w = {.d = d};
	GsfInput *in;
	GsfInfile *ole;
	GError *err = NULL;

	msole_init();
	in = gsf_input_memory_new(data, (gsf_off_t)len, FALSE);
	if (!in) {
		damaged(d, "no memory input");
		return;
	}
	ole = gsf_infile_msole_new(in, &err);
	if (!ole) {
		damaged(d, "not a readable OLE compound file");
		if (err)
			g_error_free(err);
		g_object_unref(in);
		return;
	}
	if (!stream_read(d, ole, "WordDocument", &w.wd)) {
		if (d->status == DOC_OK)
			damaged(d, "no WordDocument stream");
		goto out;
	}
	/* The Table stream is chosen by a FIB bit. */
	if (w.wd.len >= 0x20 && le16(w.wd.p) == 0xA5EC &&
	    !(le16(w.wd.p + 0x0A) & 0x0100)) {
		const char *tname = le16(w.wd.p + 0x0A) & 0x0200 ? "1Table"
								  : "0Table";

		if (!stream_read(d, ole, tname, &w.tbl)) {
			if (d->status == DOC_OK)
				damaged(d, "no Table stream");
			goto out;
		}
	}
	read_word(&w);
out:
	free(w.wd.p);
	free(w.tbl.p);
	free(w.marks);
	free(w.fonts);
	hs_buf_release(&w.text);
	hs_buf_release(&w.seg);
	g_object_unref(ole);
	g_object_unref(in);
}
