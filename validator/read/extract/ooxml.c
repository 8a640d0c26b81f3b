/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ooxml.c: text and tables of Office Open XML documents. A docx gives the
 * text of word/document.xml in reading order and its top-level tables; an
 * xlsx gives one table per sheet (in workbook order) and the sheets' text.
 * Runs typed in legacy Vietnamese fonts (.VnTime, VNI-Times) are converted
 * to Unicode here, because only the XML knows which font a run is in.
 */
#include "zippart.h"
#include "formula.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/vnlegacy.h"

/* Transitional and Strict namespaces of each vocabulary. */
#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_S "http://purl.oclc.org/ooxml/wordprocessingml/main"
/* Word 2003 XML (WordprocessingML 2003): the same vocabulary for text. */
#define W_NS_2003 "http://schemas.microsoft.com/office/word/2003/wordml"
#define S_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define S_NS_S "http://purl.oclc.org/ooxml/spreadsheetml/main"
#define R_NS \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define R_NS_S "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

/* Excel's own bounds: a larger row or column reference is damage. */
#define XLSX_ROWS_MAX 1048576u
#define XLSX_COLS_MAX 16384u
/* A docx cell spanning more grid columns than Word allows is hostile. */
#define GRIDSPAN_MAX 64u

static bool is_w(const struct xmlp *x)
{
	const char *ns = xmlp_ns(x);

	return !strcmp(ns, W_NS) || !strcmp(ns, W_NS_S) ||
	       !strcmp(ns, W_NS_2003);
}

/* A w: attribute in any of the WordprocessingML namespaces. */
static char *wattr(const struct xmlp *x, const char *local)
{
	char *v = xmlp_attr(x, local, W_NS, W_NS_S);

	return v ? v : xmlp_attr(x, local, W_NS_2003, NULL);
}

static bool is_s(const struct xmlp *x)
{
	const char *ns = xmlp_ns(x);

	return !strcmp(ns, S_NS) || !strcmp(ns, S_NS_S);
}

/* ============================================ legacy font conversion ==== */

struct legacy_use {
	bool tcvn3, vni;
	const char *font_tcvn3, *font_vni; /* first font seen, for the note */
	char font_buf[2][64];
};

static void legacy_seen(struct legacy_use *u, enum vn_legacy enc,
			const char *font)
{
	if (enc == VN_LEGACY_TCVN3 && !u->tcvn3) {
		u->tcvn3 = true;
		snprintf(u->font_buf[0], sizeof(u->font_buf[0]), "%s", font);
		u->font_tcvn3 = u->font_buf[0];
	} else if (enc == VN_LEGACY_VNI && !u->vni) {
		u->vni = true;
		snprintf(u->font_buf[1], sizeof(u->font_buf[1]), "%s", font);
		u->font_vni = u->font_buf[1];
	}
}

/* Called once a part was read: the encoding facts and one HS203 note. */
static void legacy_report(struct doc *d, const struct legacy_use *u)
{
	doc_set_encoding(d, DOC_ENC_UTF8);
	if (u->tcvn3)
		doc_set_encoding(d, DOC_ENC_TCVN3);
	else if (u->vni)
		doc_set_encoding(d, DOC_ENC_VNI);
	if (u->tcvn3 && u->vni)
		doc_note(d, HS203,
			 "chữ gõ bằng phông TCVN3 '%s' và phông VNI '%s' đã được chuyển sang Unicode",
			 u->font_tcvn3, u->font_vni);
	else if (u->tcvn3)
		doc_note(d, HS203,
			 "chữ gõ bằng phông TCVN3 '%s' đã được chuyển sang Unicode",
			 u->font_tcvn3);
	else if (u->vni)
		doc_note(d, HS203, "chữ gõ bằng phông VNI '%s' đã được chuyển sang Unicode",
			 u->font_vni);
}

/* Appends s in the given font to out, converted when the font is legacy. */
static void add_in_font(struct hs_buf *out, const char *s, size_t len,
			const char *font, struct legacy_use *u)
{
	enum vn_legacy enc = VN_LEGACY_NONE;
	bool upper = false;

	if (font && *font)
		enc = vnlegacy_font(font, &upper);
	if (enc == VN_LEGACY_NONE) {
		hs_buf_add_trunc(out, s, len);
		return;
	}
	legacy_seen(u, enc, font);
	vnlegacy_convert_utf8(enc, s, len, upper, out);
}

/* ========================================================= docx styles === */

struct wstyle {
	char *id;
	char *based_on;
	char *font;      /* own font; NULL: inherited; "": a theme font */
	const char *eff; /* font along the basedOn chain, or NULL */
	bool para;       /* a paragraph style */
	bool def;        /* w:default="1" */
};

struct wstyles {
	struct wstyle *v;
	size_t n, cap;
	char *doc_font;        /* docDefaults run font */
	const char *para_def;  /* font of the default paragraph style */
};

static int wstyle_cmp(const void *a, const void *b)
{
	const struct wstyle *x = a, *y = b;

	return strcmp(x->id, y->id);
}

static const struct wstyle *wstyle_find(const struct wstyles *st,
					const char *id)
{
	struct wstyle key = {.id = (char *)id};

	if (!id || !st->n)
		return NULL;
	return bsearch(&key, st->v, st->n, sizeof(st->v[0]), wstyle_cmp);
}

/*
 * Font named by a w:rFonts element: the ASCII slot, else the high-ANSI one
 * (where Word puts legacy fonts), else "" for a theme font (Unicode).
 */
static char *rfonts_font(const struct xmlp *x)
{
	char *f = wattr(x, "ascii");
	char *t;

	if (!f)
		f = wattr(x, "hAnsi");
	if (f)
		return f;
	t = wattr(x, "asciiTheme");
	if (!t)
		t = wattr(x, "hAnsiTheme");
	if (!t)
		return NULL;
	free(t);
	return hs_strdup("");
}

static void wstyles_release(struct wstyles *st)
{
	for (size_t i = 0; i < st->n; i++) {
		free(st->v[i].id);
		free(st->v[i].based_on);
		free(st->v[i].font);
	}
	free(st->v);
	free(st->doc_font);
	memset(st, 0, sizeof(*st));
}

/* Reads word/styles.xml; a damaged styles part only loses fonts. */
static void wstyles_load(struct wstyles *st, struct doc *d,
			 const struct zip_part *p)
{
	struct xmlp x;
	int style_depth = -1, rpr_depth = -1, defaults_depth = -1;
	struct wstyle *cur = NULL;

	if (!p->found || p->encrypted || !xmlp_open(&x, d, p, true))
		return;
	while (xmlp_next(&x) > 0) {
		int type = xmlTextReaderNodeType(x.r);
		int depth = xmlTextReaderDepth(x.r);
		const char *name;

		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (depth == style_depth)
				style_depth = -1, cur = NULL;
			if (depth == rpr_depth)
				rpr_depth = -1;
			if (depth == defaults_depth)
				defaults_depth = -1;
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT || !is_w(&x))
			continue;
		name = xmlp_local(&x);
		if (!strcmp(name, "docDefaults")) {
			if (!xmlTextReaderIsEmptyElement(x.r))
				defaults_depth = depth;
		} else if (!strcmp(name, "style") && depth <= 2) {
			/* depth 1 in styles.xml, 2 in Word 2003 XML */
			char *id = wattr(&x, "styleId");
			char *tp, *df;

			if (!id)
				continue;
			HS_GROW(st->v, st->cap, st->n + 1);
			cur = &st->v[st->n++];
			memset(cur, 0, sizeof(*cur));
			cur->id = id;
			tp = wattr(&x, "type");
			df = wattr(&x, "default");
			cur->para = tp && !strcmp(tp, "paragraph");
			cur->def = df && (!strcmp(df, "1") ||
					  !strcmp(df, "true") ||
					  !strcmp(df, "on"));
			free(tp);
			free(df);
			style_depth = xmlTextReaderIsEmptyElement(x.r) ? -1 : depth;
			if (style_depth < 0)
				cur = NULL;
		} else if (!strcmp(name, "basedOn") && cur &&
			   depth == style_depth + 1) {
			free(cur->based_on);
			cur->based_on = wattr(&x, "val");
		} else if (!strcmp(name, "rPr") &&
			   ((cur && depth == style_depth + 1) ||
			    (defaults_depth >= 0 && depth == defaults_depth + 2))) {
			if (!xmlTextReaderIsEmptyElement(x.r))
				rpr_depth = depth;
		} else if (!strcmp(name, "rFonts") && rpr_depth >= 0 &&
			   depth == rpr_depth + 1) {
			char *f = rfonts_font(&x);

			if (!f)
				continue;
			if (cur) {
				free(cur->font);
				cur->font = f;
			} else {
				free(st->doc_font);
				st->doc_font = f;
			}
		}
	}
	xmlp_close(&x);
	/* Styles are optional: a broken part only loses fonts. */
	if (!st->n)
		return;
	qsort(st->v, st->n, sizeof(st->v[0]), wstyle_cmp);
	for (size_t i = 0; i < st->n; i++) {
		const struct wstyle *s = &st->v[i];

		/* basedOn may loop in a hostile file: bounded walk. */
		for (int k = 0; s && k < 32; k++) {
			if (s->font) {
				st->v[i].eff = s->font;
				break;
			}
			s = wstyle_find(st, s->based_on);
		}
		if (st->v[i].para && st->v[i].def && !st->para_def)
			st->para_def = st->v[i].eff;
	}
}

/* ======================================================= docx document === */

struct docx {
	struct doc *d;
	struct xmlp *x;
	const struct wstyles *st;
	struct legacy_use legacy;
	struct hs_buf para;  /* text of the open paragraph */
	struct hs_buf cell;  /* text of the open top-level table cell */
	int para_depth;      /* -1: no paragraph open */
	char *pstyle;        /* paragraph style id, owned */
	int run_depth;       /* -1: no run open */
	char *run_font;      /* run's own font (w:rFonts), owned */
	char *rstyle;        /* run's character style id, owned */
	bool run_resolved;
	const char *font;    /* effective font of the run */
	int t_depth;         /* -1: not in w:t */
	int skip_depth;      /* -1: not skipping a subtree */
	int tbl_level;       /* nesting of w:tbl; 1 is a top-level table */
	unsigned ntables;
	uint32_t row, col, span;
	bool row_made;       /* the doc row for this w:tr exists */
	size_t row_cells;
	int tc_depth;        /* depth of the open top-level w:tc, -1: none */
	bool cells_full;
};

static void docx_flush_para(struct docx *w)
{
	if (w->tbl_level == 0) {
		doc_add_text(w->d, w->para.ptr, w->para.len);
		doc_add_text(w->d, "\n", 1);
	} else if (w->tc_depth >= 0) {
		/* Paragraphs of a cell (and of tables nested in it). */
		if (w->cell.len && w->para.len)
			hs_buf_addch(&w->cell, '\n');
		hs_buf_add_trunc(&w->cell, w->para.ptr, w->para.len);
	}
	hs_buf_reset(&w->para);
	w->para_depth = -1;
	free(w->pstyle);
	w->pstyle = NULL;
}

static void docx_run_reset(struct docx *w)
{
	free(w->run_font);
	free(w->rstyle);
	w->run_font = w->rstyle = NULL;
	w->run_resolved = false;
	w->font = NULL;
}

/* The run's font: its own, its character style's, its paragraph's. */
static const char *docx_run_font(struct docx *w)
{
	const struct wstyle *s;

	if (w->run_resolved)
		return w->font;
	w->run_resolved = true;
	if (w->run_font) {
		w->font = w->run_font;
	} else if ((s = wstyle_find(w->st, w->rstyle)) && s->eff) {
		w->font = s->eff;
	} else if (w->pstyle) {
		s = wstyle_find(w->st, w->pstyle);
		w->font = s && s->eff ? s->eff : w->st->doc_font;
	} else {
		w->font = w->st->para_def ? w->st->para_def : w->st->doc_font;
	}
	return w->font;
}

static void docx_cell_end(struct docx *w)
{
	struct doc *d = w->d;

	if (!w->cells_full) {
		if (!w->row_made && d->ncells < d->limits.cells_max) {
			doc_row_new(d, w->row);
			w->row_made = true;
		}
		if (doc_cell_add(d, w->col, w->cell.ptr, w->cell.len, false,
				 0) != HS_OK)
			w->cells_full = true;
	}
	if (w->row_cells++)
		doc_add_text(d, "\t", 1);
	doc_add_text_flat(d, w->cell.ptr, w->cell.len);
	hs_buf_reset(&w->cell);
	w->col = w->col + w->span > XLSX_COLS_MAX ? XLSX_COLS_MAX
						  : w->col + w->span;
	w->tc_depth = -1;
}

static void docx_start(struct docx *w, const char *name, int depth,
		       bool empty)
{
	struct xmlp *x = w->x;

	if (!strcmp(name, "p")) {
		/* A text box's paragraphs sit inside a paragraph. */
		if (w->para_depth >= 0)
			docx_flush_para(w);
		w->para_depth = depth;
	} else if (!strcmp(name, "pStyle") && w->para_depth >= 0 &&
		   depth == w->para_depth + 2) {
		free(w->pstyle);
		w->pstyle = wattr(x, "val");
	} else if (!strcmp(name, "r")) {
		docx_run_reset(w);
		w->run_depth = depth;
	} else if (w->run_depth >= 0 && depth == w->run_depth + 2 &&
		   !strcmp(name, "rFonts")) {
		free(w->run_font);
		w->run_font = rfonts_font(x);
	} else if (w->run_depth >= 0 && depth == w->run_depth + 2 &&
		   !strcmp(name, "rStyle")) {
		free(w->rstyle);
		w->rstyle = wattr(x, "val");
	} else if (w->run_depth >= 0 && depth == w->run_depth + 1) {
		/* Run content; w:tab elsewhere (w:tabs) is a tab stop. */
		if (!strcmp(name, "t"))
			w->t_depth = empty ? -1 : depth;
		else if (!strcmp(name, "tab"))
			hs_buf_addch(&w->para, '\t');
		else if (!strcmp(name, "br") || !strcmp(name, "cr"))
			hs_buf_addch(&w->para, '\n');
		else if (!strcmp(name, "noBreakHyphen"))
			hs_buf_addch(&w->para, '-');
	} else if (!strcmp(name, "tbl")) {
		if (w->para_depth >= 0)
			docx_flush_para(w);
		if (++w->tbl_level == 1) {
			char tname[32];

			w->ntables++;
			snprintf(tname, sizeof(tname), "Bảng %u", w->ntables);
			doc_table_new(w->d, tname, 0);
			w->row = 0;
		}
	} else if (!strcmp(name, "tr") && w->tbl_level == 1) {
		w->row++;
		w->col = 0;
		w->row_made = false;
		w->row_cells = 0;
	} else if (!strcmp(name, "tc") && w->tbl_level == 1) {
		hs_buf_reset(&w->cell);
		w->span = 1;
		w->tc_depth = depth;
	} else if (!strcmp(name, "gridSpan") && w->tbl_level == 1 &&
		   w->tc_depth >= 0 && depth == w->tc_depth + 2) {
		char *v = wattr(x, "val");
		uint64_t n;

		if (zip_parse_uint(v, GRIDSPAN_MAX, &n) && n >= 1)
			w->span = (uint32_t)n;
		free(v);
	}
}

static void docx_end(struct docx *w, const char *name, int depth)
{
	if (depth == w->t_depth)
		w->t_depth = -1;
	if (!strcmp(name, "p") && depth == w->para_depth) {
		docx_flush_para(w);
	} else if (!strcmp(name, "r") && depth == w->run_depth) {
		docx_run_reset(w);
		w->run_depth = -1;
	} else if (!strcmp(name, "tc") && w->tbl_level == 1 &&
		   depth == w->tc_depth) {
		if (w->para_depth >= 0)
			docx_flush_para(w);
		docx_cell_end(w);
	} else if (!strcmp(name, "tr") && w->tbl_level == 1) {
		if (w->row_cells)
			doc_add_text(w->d, "\n", 1);
	} else if (!strcmp(name, "tbl") && w->tbl_level > 0) {
		w->tbl_level--;
	}
}

static void docx_walk(struct docx *w)
{
	struct xmlp *x = w->x;

	while (xmlp_next(x) > 0) {
		int type = xmlTextReaderNodeType(x->r);
		int depth = xmlTextReaderDepth(x->r);

		if (w->skip_depth >= 0) {
			if (type == XML_READER_TYPE_END_ELEMENT &&
			    depth == w->skip_depth)
				w->skip_depth = -1;
			continue;
		}
		if (xmlp_is_text(type)) {
			const char *v;

			if (w->t_depth < 0 || depth != w->t_depth + 1)
				continue;
			v = (const char *)xmlTextReaderConstValue(x->r);
			if (v)
				add_in_font(&w->para, v, strlen(v),
					    docx_run_font(w), &w->legacy);
		} else if (type == XML_READER_TYPE_ELEMENT) {
			bool empty = xmlTextReaderIsEmptyElement(x->r) == 1;
			const char *name = xmlp_local(x);

			/* Fallback repeats the Choice (VML text boxes). */
			if (!strcmp(name, "Fallback") &&
			    !strcmp(xmlp_ns(x), MC_NS)) {
				if (!empty)
					w->skip_depth = depth;
				continue;
			}
			if (!is_w(x))
				continue;
			docx_start(w, name, depth, empty);
			if (empty)
				docx_end(w, name, depth);
		} else if (type == XML_READER_TYPE_END_ELEMENT && is_w(x)) {
			docx_end(w, xmlp_local(x), depth);
		}
	}
	/* A part cut at part_max: keep its last paragraph. */
	if (w->para_depth >= 0 || w->para.len) {
		if (w->tc_depth >= 0)
			w->tc_depth = -1;
		w->tbl_level = 0;
		docx_flush_para(w);
	}
}

/* The body part walked with the styles part's fonts (docx: two parts of
 * the zip; Word 2003 XML: one file holding both). */
static void docx_read(struct doc *d, const struct zip_part *body,
		      const struct zip_part *styles)
{
	struct wstyles st = {0};
	struct docx w = {0};
	struct xmlp x;

	wstyles_load(&st, d, styles);
	if (xmlp_open(&x, d, body, false)) {
		w.d = d;
		w.x = &x;
		w.st = &st;
		hs_buf_init(&w.para, d->limits.text_max);
		hs_buf_init(&w.cell, CELL_BYTES_MAX);
		w.para_depth = w.run_depth = w.t_depth = -1;
		w.skip_depth = w.tc_depth = -1;
		docx_walk(&w);
		xmlp_close(&x);
		legacy_report(d, &w.legacy);
		hs_buf_release(&w.para);
		hs_buf_release(&w.cell);
		docx_run_reset(&w);
		free(w.pstyle);
	}
	wstyles_release(&st);
}

void extract_docx(struct doc *d, const unsigned char *data, size_t len)
{
	struct zip_part parts[] = {
		{.name = "word/document.xml"},
		{.name = "word/styles.xml"},
	};

	zip_read_parts(d, data, len, parts, ARRAY_SIZE(parts));
	if (parts[0].encrypted)
		goto cleanup;
	if (!parts[0].found) {
		if (d->status == DOC_OK) {
			doc_set_status(d, DOC_UNREADABLE,
				       "no word/document.xml in the docx");
			doc_note(d, HS201, "docx has no word/document.xml");
		}
		goto cleanup;
	}
	/* Damage inside the main part: nothing trustworthy to read. */
	if (!parts[0].complete && !parts[0].over)
		goto cleanup;
	docx_read(d, &parts[0], &parts[1]);

cleanup:
	zip_parts_release(parts, ARRAY_SIZE(parts));
}

/*
 * Word 2003 XML: one XML file holding the body and the styles, read by the
 * docx walker (the element names and nesting are the same).
 */
void extract_wordml(struct doc *d, const unsigned char *data, size_t len)
{
	struct zip_part part = {.name = "Word 2003 XML", .found = true};
	size_t n = len;

	if (n > d->limits.part_max) {
		n = d->limits.part_max;
		part.over = true;
		doc_set_status(d, DOC_LIMIT_EXCEEDED,
			       "Word XML larger than %zu bytes: the rest was not read",
			       d->limits.part_max);
		doc_note(d, HS106, "Word 2003 XML over the part limit (--max-part)");
	}
	part.complete = !part.over;
	hs_buf_init(&part.data, 0);
	hs_buf_add(&part.data, data, n);
	docx_read(d, &part, &part);
	hs_buf_release(&part.data);
}

/* ============================================================= xlsx ===== */

struct xsheet {
	char *name;
	char *rid;
	char *target; /* resolved part name, or NULL */
};

struct xrel {
	char *id;
	char *target;
};

/* Shared strings: NUL-separated in one pool, never sized from count. */
struct xsst {
	struct hs_buf pool;
	struct xsst_str {
		size_t off;
		bool rich; /* runs carried their own fonts: already converted */
	} *v;
	size_t n, cap;
};

/* Font of each cell format (cellXfs) from xl/styles.xml. */
struct xstyles {
	char **fonts;
	size_t nfonts, fonts_cap;
	size_t *xf_font;
	size_t nxf, xf_cap;
};

struct xlsx {
	struct doc *d;
	struct xsst sst;
	struct xstyles st;
	struct legacy_use legacy;
	struct xsheet *sheets;
	size_t nsheets, sheets_cap;
	struct xrel *rels;
	size_t nrels, rels_cap;
};

/*
 * Part name of a relationship target: relative to dir ("xl/"), or absolute
 * from the package root; "." and ".." segments resolved, never above root.
 */
static char *resolve_target(const char *dir, const char *target)
{
	struct hs_buf path = HS_BUF_INIT, out = HS_BUF_INIT;
	size_t *ends = NULL, nends = 0, ends_cap = 0;
	const char *s, *e;

	if (target[0] == '/')
		hs_buf_adds(&path, target + 1);
	else
		hs_buf_addf(&path, "%s%s", dir, target);
	for (s = path.ptr; *s; s = *e ? e + 1 : e) {
		size_t n;

		e = strchr(s, '/');
		if (!e)
			e = s + strlen(s);
		n = (size_t)(e - s);
		if (n == 0 || (n == 1 && s[0] == '.'))
			continue;
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			if (nends) {
				nends--;
				out.len = nends ? ends[nends - 1] : 0;
				out.ptr[out.len] = '\0';
			}
			continue;
		}
		if (out.len)
			hs_buf_addch(&out, '/');
		hs_buf_add(&out, s, n);
		HS_GROW(ends, ends_cap, nends + 1);
		ends[nends++] = out.len;
	}
	free(ends);
	hs_buf_release(&path);
	return hs_buf_detach(&out, NULL);
}

static void xlsx_load_rels(struct xlsx *xl, const struct zip_part *p)
{
	struct xmlp x;

	if (!p->found || p->encrypted || !xmlp_open(&x, xl->d, p, false))
		return;
	while (xmlp_next(&x) > 0) {
		char *id, *target, *mode;

		if (xmlTextReaderNodeType(x.r) != XML_READER_TYPE_ELEMENT ||
		    strcmp(xmlp_local(&x), "Relationship"))
			continue;
		id = xmlp_attr(&x, "Id", NULL, NULL);
		target = xmlp_attr(&x, "Target", NULL, NULL);
		mode = xmlp_attr(&x, "TargetMode", NULL, NULL);
		if (id && target && !(mode && !strcmp(mode, "External")) &&
		    xl->nrels < xl->d->limits.parts_max) {
			HS_GROW(xl->rels, xl->rels_cap, xl->nrels + 1);
			xl->rels[xl->nrels].id = id;
			xl->rels[xl->nrels].target =
				resolve_target("xl/", target);
			xl->nrels++;
			id = NULL;
		}
		free(id);
		free(target);
		free(mode);
	}
	xmlp_close(&x);
}

static void xlsx_load_workbook(struct xlsx *xl, const struct zip_part *p)
{
	struct xmlp x;

	if (!xmlp_open(&x, xl->d, p, false))
		return;
	while (xmlp_next(&x) > 0) {
		struct xsheet *sh;

		if (xmlTextReaderNodeType(x.r) != XML_READER_TYPE_ELEMENT ||
		    !is_s(&x) || strcmp(xmlp_local(&x), "sheet"))
			continue;
		/* Each sheet is a part: no more sheets than parts. */
		if (xl->nsheets >= xl->d->limits.parts_max) {
			doc_set_status(xl->d, DOC_LIMIT_EXCEEDED,
				       "workbook lists more than %zu sheets",
				       xl->d->limits.parts_max);
			doc_note(xl->d, HS106,
				 "workbook lists more than %zu sheets: the rest was not read",
				 xl->d->limits.parts_max);
			break;
		}
		HS_GROW(xl->sheets, xl->sheets_cap, xl->nsheets + 1);
		sh = &xl->sheets[xl->nsheets++];
		sh->name = xmlp_attr(&x, "name", NULL, NULL);
		sh->rid = xmlp_attr(&x, "id", R_NS, R_NS_S);
		sh->target = NULL;
		if (!sh->name)
			sh->name = hs_asprintf("Sheet%zu", xl->nsheets);
	}
	xmlp_close(&x);
}

/* Shared strings; phonetic runs (rPh) are not shown, so not read. */
static void xlsx_load_sst(struct xlsx *xl, const struct zip_part *p)
{
	struct xmlp x;
	struct hs_buf run = HS_BUF_INIT;
	int si_depth = -1, t_depth = -1, skip_depth = -1, r_depth = -1;
	char *run_font = NULL;
	bool rich = false;

	if (!p->found || p->encrypted)
		return;
	hs_buf_init(&xl->sst.pool, xl->d->limits.part_max);
	run.max = CELL_BYTES_MAX;
	if (!xmlp_open(&x, xl->d, p, false))
		return;
	while (xmlp_next(&x) > 0) {
		int type = xmlTextReaderNodeType(x.r);
		int depth = xmlTextReaderDepth(x.r);
		const char *name;

		if (skip_depth >= 0) {
			if (type == XML_READER_TYPE_END_ELEMENT &&
			    depth == skip_depth)
				skip_depth = -1;
			continue;
		}
		if (xmlp_is_text(type)) {
			const char *v;

			if (t_depth < 0 || depth != t_depth + 1)
				continue;
			v = (const char *)xmlTextReaderConstValue(x.r);
			if (v)
				hs_buf_add_trunc(&run, v, strlen(v));
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT &&
		    type != XML_READER_TYPE_END_ELEMENT)
			continue;
		name = xmlp_local(&x);
		if (type == XML_READER_TYPE_ELEMENT) {
			bool empty = xmlTextReaderIsEmptyElement(x.r) == 1;

			if (!strcmp(name, "si")) {
				hs_buf_reset(&run);
				rich = false;
				si_depth = empty ? -1 : depth;
				if (empty) {
					HS_GROW(xl->sst.v, xl->sst.cap,
						xl->sst.n + 1);
					xl->sst.v[xl->sst.n].off =
						xl->sst.pool.len;
					xl->sst.v[xl->sst.n++].rich = false;
					hs_buf_addch(&xl->sst.pool, '\0');
				}
			} else if (si_depth < 0) {
				continue;
			} else if (!strcmp(name, "rPh") && !empty) {
				skip_depth = depth;
			} else if (!strcmp(name, "r") && !empty) {
				r_depth = depth;
				free(run_font);
				run_font = NULL;
			} else if (!strcmp(name, "rFont") && r_depth >= 0) {
				free(run_font);
				run_font = xmlp_attr(&x, "val", NULL, NULL);
			} else if (!strcmp(name, "t") && !empty) {
				t_depth = depth;
			}
			continue;
		}
		if (depth == t_depth) {
			t_depth = -1;
			/* A run in its own font: convert it now. */
			if (r_depth >= 0 && run_font) {
				struct hs_buf conv = HS_BUF_INIT;

				conv.max = CELL_BYTES_MAX;
				add_in_font(&conv, run.ptr, run.len, run_font,
					    &xl->legacy);
				hs_buf_add_trunc(&xl->sst.pool, conv.ptr,
						 conv.len);
				hs_buf_release(&conv);
				rich = true;
			} else {
				hs_buf_add_trunc(&xl->sst.pool, run.ptr,
						 run.len);
			}
			hs_buf_reset(&run);
		} else if (depth == r_depth) {
			r_depth = -1;
			free(run_font);
			run_font = NULL;
		} else if (depth == si_depth) {
			si_depth = -1;
			HS_GROW(xl->sst.v, xl->sst.cap, xl->sst.n + 1);
			xl->sst.v[xl->sst.n].rich = rich;
			xl->sst.v[xl->sst.n++].off = 0;
			hs_buf_addch(&xl->sst.pool, '\0');
		}
	}
	xmlp_close(&x);
	free(run_font);
	hs_buf_release(&run);
	/* Offsets: each string ends at a NUL; recover starts in one sweep. */
	{
		size_t off = 0;

		for (size_t i = 0; i < xl->sst.n; i++) {
			const char *nul;

			if (off >= xl->sst.pool.len) {
				/* The pool hit its cap: strings lost. */
				xl->sst.n = i;
				break;
			}
			xl->sst.v[i].off = off;
			nul = memchr(xl->sst.pool.ptr + off, '\0',
				     xl->sst.pool.len - off);
			off = nul ? (size_t)(nul - xl->sst.pool.ptr) + 1
				  : xl->sst.pool.len;
		}
	}
}

/* Fonts and cell formats of xl/styles.xml (cellXfs only, not cellStyleXfs). */
static void xlsx_load_styles(struct xlsx *xl, const struct zip_part *p)
{
	struct xstyles *st = &xl->st;
	struct xmlp x;
	int fonts_depth = -1, font_depth = -1, xfs_depth = -1;

	if (!p->found || p->encrypted || !xmlp_open(&x, xl->d, p, true))
		return;
	while (xmlp_next(&x) > 0) {
		int type = xmlTextReaderNodeType(x.r);
		int depth = xmlTextReaderDepth(x.r);
		const char *name;
		bool empty;

		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (depth == fonts_depth)
				fonts_depth = -1;
			if (depth == font_depth)
				font_depth = -1;
			if (depth == xfs_depth)
				xfs_depth = -1;
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT || !is_s(&x))
			continue;
		name = xmlp_local(&x);
		empty = xmlTextReaderIsEmptyElement(x.r) == 1;
		if (!strcmp(name, "fonts") && depth == 1 && !empty) {
			fonts_depth = depth;
		} else if (!strcmp(name, "font") && fonts_depth >= 0 &&
			   depth == fonts_depth + 1) {
			if (st->nfonts >= 65536)
				continue;
			HS_GROW(st->fonts, st->fonts_cap, st->nfonts + 1);
			st->fonts[st->nfonts++] = NULL;
			font_depth = empty ? -1 : depth;
		} else if (!strcmp(name, "name") && font_depth >= 0 &&
			   depth == font_depth + 1) {
			free(st->fonts[st->nfonts - 1]);
			st->fonts[st->nfonts - 1] =
				xmlp_attr(&x, "val", NULL, NULL);
		} else if (!strcmp(name, "cellXfs") && depth == 1 && !empty) {
			xfs_depth = depth;
		} else if (!strcmp(name, "xf") && xfs_depth >= 0 &&
			   depth == xfs_depth + 1 && st->nxf < 65536) {
			char *v = xmlp_attr(&x, "fontId", NULL, NULL);
			uint64_t n;

			HS_GROW(st->xf_font, st->xf_cap, st->nxf + 1);
			st->xf_font[st->nxf++] =
				zip_parse_uint(v, SIZE_MAX, &n) ? (size_t)n
								: SIZE_MAX;
			free(v);
		}
	}
	xmlp_close(&x);
}

/* Font of cell format s (the c element's s attribute). */
static const char *xlsx_cell_font(const struct xlsx *xl, const char *s)
{
	uint64_t xf = 0;

	if (s && !zip_parse_uint(s, SIZE_MAX, &xf))
		return NULL;
	if (xf >= xl->st.nxf || xl->st.xf_font[xf] >= xl->st.nfonts)
		return NULL;
	return xl->st.fonts[xl->st.xf_font[xf]];
}

/* "AB12" -> 27 (0-based column); false if it is no cell reference. */
static bool cell_ref_col(const char *ref, uint32_t *col)
{
	uint32_t c = 0;
	int n = 0;

	for (; *ref; ref++, n++) {
		char ch = *ref;

		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (ch < 'A' || ch > 'Z')
			break;
		if (n >= 3)
			return false;
		c = c * 26 + (uint32_t)(ch - 'A' + 1);
	}
	if (!n || c > XLSX_COLS_MAX)
		return false;
	*col = c - 1;
	return true;
}

enum xcell_type { XC_NUM, XC_SST, XC_INLINE, XC_STR, XC_BOOL, XC_ERR };

struct xcell {
	uint32_t col;
	enum xcell_type type;
	char *style;
	bool has_value;
	struct hs_buf v;
	bool has_f;         /* a formula: <f>, perhaps without a <v> */
	struct hs_buf f;
};

struct xsheet_rd {
	uint32_t row;      /* current row number, 0 before the first */
	uint32_t col_next; /* column of a cell without r */
	bool row_made;
	size_t row_cells;
};

/* Emits one cell; HS_LIMIT once the document's cell budget is spent. */
static enum hs_status xlsx_cell(struct xlsx *xl, struct xsheet_rd *sr,
				struct xcell *c)
{
	struct doc *d = xl->d;
	struct hs_buf conv = HS_BUF_INIT;
	const char *text = c->v.ptr ? c->v.ptr : "";
	size_t tlen = c->v.len;
	bool is_num = false, convert = false;
	double num = 0;
	enum hs_status st;

	conv.max = CELL_BYTES_MAX;
	switch (c->type) {
	case XC_SST: {
		uint64_t i;

		/* An index past the strings loaded gives an empty cell. */
		text = "";
		tlen = 0;
		if (zip_parse_uint(c->v.ptr, SIZE_MAX, &i) && i < xl->sst.n) {
			text = xl->sst.pool.ptr + xl->sst.v[i].off;
			tlen = strlen(text);
			convert = !xl->sst.v[i].rich;
		}
		break;
	}
	case XC_BOOL:
		text = !strcmp(c->v.ptr, "1") ? "TRUE" : "FALSE";
		tlen = strlen(text);
		break;
	case XC_NUM: {
		char *end;

		if (c->v.len) {
			num = strtod(c->v.ptr, &end);
			while (*end == ' ')
				end++;
			is_num = !*end && isfinite(num);
			if (!is_num)
				num = 0;
		}
		break;
	}
	case XC_INLINE:
	case XC_STR:
		convert = true;
		break;
	case XC_ERR:
		break;
	}
	if (convert && tlen) {
		add_in_font(&conv, text, tlen, xlsx_cell_font(xl, c->style),
			    &xl->legacy);
		text = conv.ptr;
		tlen = conv.len;
	}
	if (!sr->row_made) {
		if (d->ncells < d->limits.cells_max)
			doc_row_new(d, sr->row ? sr->row : 1);
		sr->row_made = true;
	}
	st = doc_cell_add(d, c->col, text, tlen, is_num, num);
	if (st == HS_OK) {
		if (sr->row_cells++)
			doc_add_text(d, "\t", 1);
		doc_add_text_flat(d, text, tlen);
	}
	hs_buf_release(&conv);
	return st;
}

/*
 * A formula cell saved without its value (a file written by a tool that
 * does not compute): an empty cell now, its formula kept to be computed
 * when the sheet is read (formula.c). False past the cell budget.
 */
static bool xlsx_formula_cell(struct xlsx *xl, struct xsheet_rd *sr,
			      struct xcell *c, struct formula_cell **fc,
			      size_t *nfc, size_t *cap)
{
	struct doc *d = xl->d;
	struct doc_table *t;
	struct doc_row *row;

	c->type = XC_NUM;
	hs_buf_reset(&c->v);
	if (xlsx_cell(xl, sr, c) == HS_LIMIT)
		return false;
	t = d->ntables ? &d->tables[d->ntables - 1] : NULL;
	row = t && t->nrows ? &t->rows[t->nrows - 1] : NULL;
	if (!row || !row->ncells || row->cells[row->ncells - 1].col != c->col)
		return true;
	HS_GROW(*fc, *cap, *nfc + 1);
	(*fc)[*nfc] = (struct formula_cell){
		.row = row->index, .col = c->col, .trow = t->nrows - 1,
		.tcell = row->ncells - 1,
		.text = hs_strndup(c->f.ptr ? c->f.ptr : "", c->f.len)};
	(*nfc)++;
	return true;
}

/* Computes the sheet's formulas saved without values; HS206 for the rest. */
static void xlsx_formulas(struct xlsx *xl, struct formula_cell *fc, size_t n)
{
	struct doc *d = xl->d;
	struct hs_buf names = HS_BUF_INIT;
	size_t left, listed = 0;

	if (!n || !d->ntables)
		return;
	left = formula_compute(&d->tables[d->ntables - 1], fc, n);
	for (size_t i = 0; i < n && left; i++) {
		char name[16];

		if (fc[i].done)
			continue;
		if (listed++ < 10)
			hs_buf_addf(&names, "%s%s", listed > 1 ? ", " : "",
				    formula_cell_name(fc[i].row, fc[i].col, name));
	}
	if (left)
		doc_note(d, HS206,
			 "sheet '%s': %zu formula cell(s) saved without a value "
			 "could not be computed: %s%s",
			 d->tables[d->ntables - 1].name, left, names.ptr,
			 left > 10 ? ", ..." : "");
	hs_buf_release(&names);
}

static void xlsx_read_sheet(struct xlsx *xl, const struct zip_part *p)
{
	struct xmlp x;
	struct xsheet_rd sr = {0};
	struct xcell c = {0};
	int c_depth = -1, v_depth = -1, is_depth = -1, t_depth = -1;
	int skip_depth = -1, f_depth = -1;
	struct formula_cell *fc = NULL;
	size_t nfc = 0, fcap = 0;

	if (!xmlp_open(&x, xl->d, p, false))
		return;
	hs_buf_init(&c.v, CELL_BYTES_MAX);
	hs_buf_init(&c.f, CELL_BYTES_MAX);
	while (xmlp_next(&x) > 0) {
		int type = xmlTextReaderNodeType(x.r);
		int depth = xmlTextReaderDepth(x.r);
		const char *name;
		bool empty;

		if (skip_depth >= 0) {
			if (type == XML_READER_TYPE_END_ELEMENT &&
			    depth == skip_depth)
				skip_depth = -1;
			continue;
		}
		if (xmlp_is_text(type)) {
			const char *v;

			v = (const char *)xmlTextReaderConstValue(x.r);
			if (v && f_depth >= 0 && depth == f_depth + 1)
				hs_buf_add_trunc(&c.f, v, strlen(v));
			if (!((v_depth >= 0 && depth == v_depth + 1) ||
			      (t_depth >= 0 && depth == t_depth + 1)))
				continue;
			if (v)
				hs_buf_add_trunc(&c.v, v, strlen(v));
			continue;
		}
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (depth == v_depth)
				v_depth = -1;
			else if (depth == f_depth)
				f_depth = -1;
			else if (depth == t_depth)
				t_depth = -1;
			else if (depth == is_depth)
				is_depth = -1;
			else if (depth == c_depth) {
				c_depth = -1;
				/* a formula whose value was not saved */
				if (c.has_f && (!c.has_value ||
						(c.type == XC_NUM && !c.v.len))) {
					if (!xlsx_formula_cell(xl, &sr, &c, &fc,
							       &nfc, &fcap))
						break;
				} else if (c.has_value &&
					   xlsx_cell(xl, &sr, &c) == HS_LIMIT) {
					break;
				}
			} else if (is_s(&x) && !strcmp(xmlp_local(&x), "row")) {
				if (sr.row_cells)
					doc_add_text(xl->d, "\n", 1);
			}
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT || !is_s(&x))
			continue;
		name = xmlp_local(&x);
		empty = xmlTextReaderIsEmptyElement(x.r) == 1;
		if (!strcmp(name, "row")) {
			char *r = xmlp_attr(&x, "r", NULL, NULL);
			uint64_t n;

			if (zip_parse_uint(r, XLSX_ROWS_MAX, &n) && n >= 1)
				sr.row = (uint32_t)n;
			else if (sr.row < XLSX_ROWS_MAX)
				sr.row++;
			free(r);
			sr.col_next = 0;
			sr.row_made = false;
			sr.row_cells = 0;
		} else if (!strcmp(name, "c")) {
			char *r = xmlp_attr(&x, "r", NULL, NULL);
			char *t = xmlp_attr(&x, "t", NULL, NULL);

			if (!r || !cell_ref_col(r, &c.col))
				c.col = sr.col_next;
			sr.col_next = c.col < XLSX_COLS_MAX ? c.col + 1 : c.col;
			c.type = XC_NUM;
			if (t && !strcmp(t, "s"))
				c.type = XC_SST;
			else if (t && !strcmp(t, "inlineStr"))
				c.type = XC_INLINE;
			else if (t && (!strcmp(t, "str") || !strcmp(t, "d")))
				c.type = XC_STR;
			else if (t && !strcmp(t, "b"))
				c.type = XC_BOOL;
			else if (t && !strcmp(t, "e"))
				c.type = XC_ERR;
			free(r);
			free(t);
			free(c.style);
			c.style = xmlp_attr(&x, "s", NULL, NULL);
			c.has_value = false;
			c.has_f = false;
			hs_buf_reset(&c.v);
			hs_buf_reset(&c.f);
			/* An empty (styled) cell is not materialised. */
			c_depth = empty ? -1 : depth;
		} else if (c_depth < 0) {
			continue;
		} else if (!strcmp(name, "f") && depth == c_depth + 1) {
			c.has_f = true;
			f_depth = empty ? -1 : depth;
		} else if (!strcmp(name, "v") && depth == c_depth + 1) {
			c.has_value = true;
			v_depth = empty ? -1 : depth;
		} else if (!strcmp(name, "is") && depth == c_depth + 1) {
			c.has_value = true;
			is_depth = empty ? -1 : depth;
		} else if (!strcmp(name, "rPh") && is_depth >= 0 && !empty) {
			skip_depth = depth;
		} else if (!strcmp(name, "t") && is_depth >= 0 && !empty) {
			t_depth = depth;
		}
	}
	xmlp_close(&x);
	xlsx_formulas(xl, fc, nfc);
	for (size_t i = 0; i < nfc; i++)
		free(fc[i].text);
	free(fc);
	free(c.style);
	hs_buf_release(&c.v);
	hs_buf_release(&c.f);
}

static void xlsx_release(struct xlsx *xl)
{
	for (size_t i = 0; i < xl->nsheets; i++) {
		free(xl->sheets[i].name);
		free(xl->sheets[i].rid);
		free(xl->sheets[i].target);
	}
	free(xl->sheets);
	for (size_t i = 0; i < xl->nrels; i++) {
		free(xl->rels[i].id);
		free(xl->rels[i].target);
	}
	free(xl->rels);
	hs_buf_release(&xl->sst.pool);
	free(xl->sst.v);
	for (size_t i = 0; i < xl->st.nfonts; i++)
		free(xl->st.fonts[i]);
	free(xl->st.fonts);
	free(xl->st.xf_font);
}

void extract_xlsx(struct doc *d, const unsigned char *data, size_t len)
{
	struct zip_part parts[] = {
		{.name = "xl/workbook.xml"},
		{.name = "xl/_rels/workbook.xml.rels"},
		{.name = "xl/sharedStrings.xml"},
		{.name = "xl/styles.xml"},
	};
	struct xlsx xl = {0};
	enum hs_status zst;

	xl.d = d;
	hs_buf_init(&xl.sst.pool, 0);
	zst = zip_read_parts(d, data, len, parts, ARRAY_SIZE(parts));
	if (parts[0].encrypted)
		goto cleanup;
	if (!parts[0].found || !parts[0].complete) {
		if (d->status == DOC_OK) {
			doc_set_status(d, DOC_UNREADABLE,
				       "no xl/workbook.xml in the xlsx");
			doc_note(d, HS201, "xlsx has no xl/workbook.xml");
		}
		goto cleanup;
	}
	xlsx_load_rels(&xl, &parts[1]);
	xlsx_load_styles(&xl, &parts[3]);
	xlsx_load_workbook(&xl, &parts[0]);
	xlsx_load_sst(&xl, &parts[2]);
	zip_parts_release(parts, ARRAY_SIZE(parts));
	for (size_t i = 0; i < xl.nsheets; i++) {
		struct xsheet *sh = &xl.sheets[i];

		for (size_t k = 0; sh->rid && k < xl.nrels; k++)
			if (!strcmp(xl.rels[k].id, sh->rid)) {
				sh->target = hs_strdup(xl.rels[k].target);
				break;
			}
		/* No relationships part: Excel's own naming. */
		if (!sh->target && !xl.nrels)
			sh->target = hs_asprintf("xl/worksheets/sheet%zu.xml",
						 i + 1);
	}
	d->nsheets = xl.nsheets;
	for (size_t i = 0; i < xl.nsheets; i++) {
		struct zip_part sp[1] = {{.name = xl.sheets[i].target}};

		doc_table_new(d, xl.sheets[i].name, (uint32_t)(i + 1));
		doc_add_text(d, xl.sheets[i].name, strlen(xl.sheets[i].name));
		doc_add_text(d, "\n", 1);
		/* Past the cell budget or after damage, only names remain. */
		if (!sp[0].name || zst == HS_FAILED ||
		    d->ncells > d->limits.cells_max)
			continue;
		zst = zip_read_parts(d, data, len, sp, 1);
		if (sp[0].found && !sp[0].encrypted &&
		    (sp[0].complete || sp[0].over))
			xlsx_read_sheet(&xl, &sp[0]);
		zip_parts_release(sp, 1);
		doc_add_text(d, "\n", 1);
	}
	legacy_report(d, &xl.legacy);

cleanup:
	zip_parts_release(parts, ARRAY_SIZE(parts));
	xlsx_release(&xl);
}
