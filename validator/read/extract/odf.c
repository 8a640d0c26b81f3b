/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * odf.c: text and tables of OpenDocument files. An odt gives the text of
 * content.xml in reading order and its top-level tables ("Bảng N"); an ods
 * gives one table per sheet. Fonts come from the font-face declarations and
 * the paragraph, text and cell styles of styles.xml and content.xml, so
 * that text in legacy Vietnamese fonts is converted to Unicode.
 */
#include "zippart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/vnlegacy.h"

#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define NS_SVG "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

/*
 * Repeated rows and cells are how ODF says "the same again": an empty cell
 * repeated 16384 times is only a column count, never materialised; a cell
 * or row with content is copied at most this many times.
 */
#define REPEAT_MAX 1000u
/* Rows and columns beyond LibreOffice's own bounds are not counted. */
#define ODF_INDEX_MAX (1u << 24)
#define SPACES_MAX 1000u
#define SPAN_STACK 32

/* ================================================================ fonts === */

struct oface {
	char *name;
	char *family;
};

struct ostyle {
	char *name;
	char fam;          /* 'p' paragraph, 't' text, 'c' table-cell */
	bool is_default;   /* style:default-style */
	char *parent;
	char *font_name;   /* style:font-name: a font-face name */
	char *font_family; /* fo:font-family */
	const char *eff;   /* effective font after resolve, or NULL */
};

struct ostyles {
	struct oface *faces;
	size_t nfaces, faces_cap;
	struct ostyle *v;
	size_t n, cap;
	bool resolved;
	int cur;           /* index of the style being read, -1 */
	int cur_depth;
	bool in_auto;      /* inside office:automatic-styles */
	int auto_depth;
	const char *def_p, *def_c; /* default-style fonts */
};

static char fam_code(const char *f)
{
	if (!f)
		return 0;
	if (!strcmp(f, "paragraph"))
		return 'p';
	if (!strcmp(f, "text"))
		return 't';
	if (!strcmp(f, "table-cell"))
		return 'c';
	return 0;
}

/* Font family values may be quoted: "'.VnTime'". */
static char *unquote(char *s)
{
	size_t n;

	if (!s)
		return NULL;
	n = strlen(s);
	if (n >= 2 && (s[0] == '\'' || s[0] == '"') && s[n - 1] == s[0]) {
		memmove(s, s + 1, n - 2);
		s[n - 2] = '\0';
	}
	return s;
}

/*
 * One element of a styles section. own_auto: whether this part's
 * automatic styles count (content.xml's do; styles.xml's are for page
 * headers and may reuse the names "P1", "T1" of content.xml).
 */
static void ostyles_element(struct ostyles *os, const struct xmlp *x,
			    int depth, bool empty, bool own_auto)
{
	const char *ns = xmlp_ns(x);
	const char *name = xmlp_local(x);

	if (os->resolved)
		return;
	if (!strcmp(ns, NS_OFFICE) && !strcmp(name, "automatic-styles")) {
		os->in_auto = !empty;
		os->auto_depth = depth;
		return;
	}
	if (strcmp(ns, NS_STYLE))
		return;
	if (os->in_auto && !own_auto)
		return;
	if (!strcmp(name, "font-face")) {
		char *fn = xmlp_attr(x, "name", NS_STYLE, NULL);
		char *ff = unquote(xmlp_attr(x, "font-family", NS_SVG, NULL));

		if (fn && ff) {
			HS_GROW(os->faces, os->faces_cap, os->nfaces + 1);
			os->faces[os->nfaces].name = fn;
			os->faces[os->nfaces++].family = ff;
		} else {
			free(fn);
			free(ff);
		}
	} else if (!strcmp(name, "style") || !strcmp(name, "default-style")) {
		char *f = xmlp_attr(x, "family", NS_STYLE, NULL);
		char fam = fam_code(f);
		struct ostyle *s;

		free(f);
		os->cur = -1;
		if (!fam || os->n >= INT32_MAX)
			return;
		HS_GROW(os->v, os->cap, os->n + 1);
		s = &os->v[os->n];
		memset(s, 0, sizeof(*s));
		s->fam = fam;
		s->is_default = name[0] == 'd';
		s->name = s->is_default ? hs_strdup("")
					: xmlp_attr(x, "name", NS_STYLE, NULL);
		if (!s->name)
			return;
		s->parent = xmlp_attr(x, "parent-style-name", NS_STYLE, NULL);
		if (!empty) {
			os->cur = (int)os->n;
			os->cur_depth = depth;
		}
		os->n++;
	} else if (!strcmp(name, "text-properties") && os->cur >= 0 &&
		   depth == os->cur_depth + 1) {
		struct ostyle *s = &os->v[os->cur];

		free(s->font_name);
		free(s->font_family);
		s->font_name = xmlp_attr(x, "font-name", NS_STYLE, NULL);
		s->font_family = unquote(xmlp_attr(x, "font-family", NS_FO,
						   NULL));
	}
}

static void ostyles_end(struct ostyles *os, int depth)
{
	if (os->cur >= 0 && depth == os->cur_depth)
		os->cur = -1;
	if (os->in_auto && depth == os->auto_depth)
		os->in_auto = false;
}

static int face_cmp(const void *a, const void *b)
{
	const struct oface *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int ostyle_cmp(const void *a, const void *b)
{
	const struct ostyle *x = a, *y = b;

	if (x->fam != y->fam)
		return x->fam - y->fam;
	return strcmp(x->name, y->name);
}

static const struct ostyle *ostyle_find(const struct ostyles *os, char fam,
					const char *name)
{
	struct ostyle key = {.name = (char *)name, .fam = fam};

	if (!name || !os->n || !os->resolved)
		return NULL;
	return bsearch(&key, os->v, os->n, sizeof(os->v[0]), ostyle_cmp);
}

static const char *style_own_font(const struct ostyles *os,
				  const struct ostyle *s)
{
	struct oface key;
	const struct oface *f;

	if (s->font_family && *s->font_family)
		return s->font_family;
	if (!s->font_name)
		return NULL;
	key.name = s->font_name;
	f = os->nfaces ? bsearch(&key, os->faces, os->nfaces,
				 sizeof(os->faces[0]), face_cmp)
		       : NULL;
	return f ? f->family : s->font_name;
}

/* Sorts, then gives each style the font of its parent chain. */
static void ostyles_resolve(struct ostyles *os)
{
	if (os->resolved)
		return;
	os->resolved = true;
	/* Default styles have the name "": they sort first per family. */
	if (os->nfaces > 1)
		qsort(os->faces, os->nfaces, sizeof(os->faces[0]), face_cmp);
	if (os->n > 1)
		qsort(os->v, os->n, sizeof(os->v[0]), ostyle_cmp);
	for (size_t i = 0; i < os->n; i++) {
		const struct ostyle *s = &os->v[i];

		/* Parents may loop in a hostile file: bounded walk. */
		for (int k = 0; s && k < 32; k++) {
			const char *f = style_own_font(os, s);

			if (f) {
				os->v[i].eff = f;
				break;
			}
			s = s->is_default ? NULL
					  : ostyle_find(os, s->fam, s->parent);
		}
		if (os->v[i].is_default && os->v[i].fam == 'p')
			os->def_p = os->v[i].eff;
		if (os->v[i].is_default && os->v[i].fam == 'c')
			os->def_c = os->v[i].eff;
	}
}

static const char *ostyle_font(const struct ostyles *os, char fam,
			       const char *name)
{
	const struct ostyle *s = ostyle_find(os, fam, name);

	return s ? s->eff : NULL;
}

static void ostyles_release(struct ostyles *os)
{
	for (size_t i = 0; i < os->nfaces; i++) {
		free(os->faces[i].name);
		free(os->faces[i].family);
	}
	free(os->faces);
	for (size_t i = 0; i < os->n; i++) {
		free(os->v[i].name);
		free(os->v[i].parent);
		free(os->v[i].font_name);
		free(os->v[i].font_family);
	}
	free(os->v);
	memset(os, 0, sizeof(*os));
}

/* Reads the common styles of styles.xml; damage there only loses fonts. */
static void ostyles_load(struct ostyles *os, struct doc *d,
			 const struct zip_part *p)
{
	struct xmlp x;

	if (!p->found || p->encrypted || !xmlp_open(&x, d, p, true))
		return;
	while (xmlp_next(&x) > 0) {
		int type = xmlTextReaderNodeType(x.r);
		int depth = xmlTextReaderDepth(x.r);

		if (type == XML_READER_TYPE_ELEMENT)
			ostyles_element(os, &x, depth,
					xmlTextReaderIsEmptyElement(x.r) == 1,
					false);
		else if (type == XML_READER_TYPE_END_ELEMENT)
			ostyles_end(os, depth);
	}
	xmlp_close(&x);
	os->cur = -1;
	os->in_auto = false;
}

/* ================================================================ body ==== */

struct ocell {
	uint32_t col;
	bool is_num;
	double num;
	char *text;
	size_t len;
};

struct odf {
	struct doc *d;
	struct xmlp *x;
	struct ostyles *os;
	bool sheets;          /* ods: each table is a sheet */
	bool tcvn3, vni;
	char legacy_font[64];
	struct hs_buf para;
	struct hs_buf cell;
	int para_depth;
	const char *para_font;
	int span_depth[SPAN_STACK];
	const char *span_font[SPAN_STACK];
	int nspans;
	int skip_depth;
	int tbl_level;
	int tbl_depth;        /* depth of the top-level table */
	unsigned ntables;
	/* rows of the top-level table */
	uint64_t row;         /* 1-based number of the next row */
	uint64_t row_rep;
	int row_depth;
	uint64_t col;
	struct ocell *cells;  /* the open row's cells, emitted at its end */
	size_t ncells, cells_cap;
	/* the open cell */
	int cell_depth;
	uint64_t col_rep;
	bool covered;
	bool cell_num;
	double cell_val;
	const char *cell_font;
	bool cells_full;
	bool capped;
};

static void odf_cap_note(struct odf *o)
{
	if (o->capped)
		return;
	o->capped = true;
	doc_set_status(o->d, DOC_LIMIT_EXCEEDED,
		       "repeated rows or cells with content copied at most %u times",
		       REPEAT_MAX);
	doc_note(o->d, HS106,
		 "repeated rows or cells with content were copied at most %u times",
		 REPEAT_MAX);
}

static const char *odf_font(const struct odf *o)
{
	for (int i = o->nspans - 1; i >= 0; i--)
		if (o->span_font[i])
			return o->span_font[i];
	if (o->para_font)
		return o->para_font;
	if (o->cell_depth >= 0 && o->cell_font)
		return o->cell_font;
	if (o->cell_depth >= 0 && o->sheets && o->os->def_c)
		return o->os->def_c;
	return o->os->def_p;
}

static void odf_add(struct odf *o, const char *s, size_t len)
{
	const char *font = odf_font(o);
	enum vn_legacy enc = VN_LEGACY_NONE;
	bool upper = false;

	if (font && *font)
		enc = vnlegacy_font(font, &upper);
	if (enc == VN_LEGACY_NONE) {
		hs_buf_add_trunc(&o->para, s, len);
		return;
	}
	if (!o->tcvn3 && !o->vni)
		snprintf(o->legacy_font, sizeof(o->legacy_font), "%s", font);
	if (enc == VN_LEGACY_TCVN3)
		o->tcvn3 = true;
	else
		o->vni = true;
	vnlegacy_convert_utf8(enc, s, len, upper, &o->para);
}

static void odf_flush_para(struct odf *o)
{
	if (o->tbl_level == 0) {
		doc_add_text(o->d, o->para.ptr, o->para.len);
		doc_add_text(o->d, "\n", 1);
	} else if (o->cell_depth >= 0) {
		if (o->cell.len && o->para.len)
			hs_buf_addch(&o->cell, '\n');
		hs_buf_add_trunc(&o->cell, o->para.ptr, o->para.len);
	}
	hs_buf_reset(&o->para);
	o->para_depth = -1;
	o->para_font = NULL;
	o->nspans = 0;
}

static uint64_t rep_attr(const struct odf *o, const char *local)
{
	char *v = xmlp_attr(o->x, local, NS_TABLE, NULL);
	uint64_t n = 1;

	if (!zip_parse_uint(v, ODF_INDEX_MAX, &n) || n == 0)
		n = 1;
	free(v);
	return n;
}

static void odf_rows_release(struct odf *o)
{
	for (size_t i = 0; i < o->ncells; i++)
		free(o->cells[i].text);
	o->ncells = 0;
}

static void odf_cell_end(struct odf *o)
{
	/* A text table keeps its blank cells; a sheet's blanks are gaps. */
	bool keep = o->cell.len || o->cell_num ||
		    (!o->sheets && !o->covered);
	uint64_t n = o->col_rep;

	if (keep) {
		if (n > REPEAT_MAX) {
			if (o->cell.len || o->cell_num)
				odf_cap_note(o);
			n = REPEAT_MAX;
		}
		for (uint64_t k = 0; k < n && o->col + k < ODF_INDEX_MAX; k++) {
			struct ocell *c;

			HS_GROW(o->cells, o->cells_cap, o->ncells + 1);
			c = &o->cells[o->ncells++];
			c->col = (uint32_t)(o->col + k);
			c->is_num = o->cell_num;
			c->num = o->cell_val;
			c->text = hs_strndup(o->cell.ptr, o->cell.len);
			c->len = o->cell.len;
		}
	}
	o->col += o->col_rep;
	if (o->col > ODF_INDEX_MAX)
		o->col = ODF_INDEX_MAX;
	hs_buf_reset(&o->cell);
	o->cell_depth = -1;
	o->cell_font = NULL;
}

static void odf_row_end(struct odf *o)
{
	struct doc *d = o->d;
	uint64_t n = o->row_rep;

	if (o->ncells && !o->cells_full) {
		if (n > REPEAT_MAX) {
			odf_cap_note(o);
			n = REPEAT_MAX;
		}
		for (uint64_t k = 0; k < n && !o->cells_full; k++) {
			if (o->row + k > ODF_INDEX_MAX)
				break;
			if (d->ncells >= d->limits.cells_max) {
				/* Adds nothing; records the limit once. */
				doc_cell_add(d, 0, "", 0, false, 0);
				o->cells_full = true;
				break;
			}
			doc_row_new(d, (uint32_t)(o->row + k));
			for (size_t i = 0; i < o->ncells; i++) {
				struct ocell *c = &o->cells[i];

				if (doc_cell_add(d, c->col, c->text, c->len,
						 c->is_num, c->num) != HS_OK) {
					o->cells_full = true;
					break;
				}
				if (i)
					doc_add_text(d, "\t", 1);
				doc_add_text_flat(d, c->text, c->len);
			}
			doc_add_text(d, "\n", 1);
		}
	}
	odf_rows_release(o);
	o->row += o->row_rep;
	if (o->row > ODF_INDEX_MAX)
		o->row = ODF_INDEX_MAX + 1;
	o->row_depth = -1;
}

static void odf_start(struct odf *o, const char *ns, const char *name,
		      int depth, bool empty)
{
	struct xmlp *x = o->x;

	if (!strcmp(ns, NS_TEXT)) {
		if (!strcmp(name, "p") || !strcmp(name, "h")) {
			char *st;

			/* Note bodies and text boxes sit inside paragraphs. */
			if (o->para_depth >= 0)
				odf_flush_para(o);
			o->para_depth = depth;
			st = xmlp_attr(x, "style-name", NS_TEXT, NULL);
			o->para_font = ostyle_font(o->os, 'p', st);
			free(st);
		} else if (o->para_depth < 0) {
			return;
		} else if (!strcmp(name, "span") && !empty) {
			char *st = xmlp_attr(x, "style-name", NS_TEXT, NULL);

			if (o->nspans < SPAN_STACK) {
				o->span_depth[o->nspans] = depth;
				o->span_font[o->nspans++] =
					ostyle_font(o->os, 't', st);
			}
			free(st);
		} else if (!strcmp(name, "s")) {
			char *c = xmlp_attr(x, "c", NS_TEXT, NULL);
			uint64_t n = 1;

			if (!zip_parse_uint(c, SPACES_MAX, &n))
				n = 1;
			free(c);
			for (uint64_t i = 0; i < n; i++)
				hs_buf_addch(&o->para, ' ');
		} else if (!strcmp(name, "tab")) {
			hs_buf_addch(&o->para, '\t');
		} else if (!strcmp(name, "line-break")) {
			hs_buf_addch(&o->para, '\n');
		} else if ((!strcmp(name, "note-citation") ||
			    !strcmp(name, "tracked-changes")) && !empty) {
			o->skip_depth = depth;
		}
		return;
	}
	if (!strcmp(ns, NS_OFFICE) && !strcmp(name, "annotation") && !empty) {
		o->skip_depth = depth;
		return;
	}
	if (strcmp(ns, NS_TABLE))
		return;
	if (!strcmp(name, "table")) {
		if (o->para_depth >= 0)
			odf_flush_para(o);
		if (++o->tbl_level == 1) {
			char *tn = xmlp_attr(x, "name", NS_TABLE, NULL);
			char tname[32];

			o->ntables++;
			if (o->sheets) {
				if (!tn)
					tn = hs_asprintf("Sheet%u", o->ntables);
				doc_table_new(o->d, tn, o->ntables);
				doc_add_text(o->d, tn, strlen(tn));
				doc_add_text(o->d, "\n", 1);
				o->d->nsheets = o->ntables;
			} else {
				snprintf(tname, sizeof(tname), "Bảng %u",
					 o->ntables);
				doc_table_new(o->d, tname, 0);
			}
			free(tn);
			o->tbl_depth = depth;
			o->row = 1;
			o->cells_full = false;
		}
	} else if (o->tbl_level != 1) {
		return;
	} else if (!strcmp(name, "table-row")) {
		o->row_rep = rep_attr(o, "number-rows-repeated");
		o->col = 0;
		odf_rows_release(o);
		o->row_depth = depth;
	} else if ((!strcmp(name, "table-cell") ||
		    !strcmp(name, "covered-table-cell")) && o->row_depth >= 0) {
		char *vt = xmlp_attr(x, "value-type", NS_OFFICE, NULL);
		char *st = xmlp_attr(x, "style-name", NS_TABLE, NULL);

		o->col_rep = rep_attr(o, "number-columns-repeated");
		o->covered = name[0] == 'c';
		o->cell_num = false;
		o->cell_val = 0;
		if (vt && (!strcmp(vt, "float") || !strcmp(vt, "percentage") ||
			   !strcmp(vt, "currency"))) {
			char *v = xmlp_attr(x, "value", NS_OFFICE, NULL);
			char *end;

			if (v) {
				o->cell_val = strtod(v, &end);
				o->cell_num = end != v && !*end &&
					      isfinite(o->cell_val);
				if (!o->cell_num)
					o->cell_val = 0;
			}
			free(v);
		}
		o->cell_font = ostyle_font(o->os, 'c', st);
		free(vt);
		free(st);
		hs_buf_reset(&o->cell);
		o->cell_depth = depth;
	}
}

static void odf_end(struct odf *o, const char *ns, const char *name,
		    int depth)
{
	if (!strcmp(ns, NS_TEXT)) {
		if (depth == o->para_depth)
			odf_flush_para(o);
		else if (o->nspans && depth == o->span_depth[o->nspans - 1])
			o->nspans--;
		return;
	}
	if (strcmp(ns, NS_TABLE))
		return;
	if (!strcmp(name, "table")) {
		if (o->tbl_level == 1 && depth == o->tbl_depth && o->sheets)
			doc_add_text(o->d, "\n", 1);
		if (o->tbl_level > 0)
			o->tbl_level--;
	} else if (o->tbl_level != 1) {
		return;
	} else if (depth == o->cell_depth) {
		if (o->para_depth >= 0)
			odf_flush_para(o);
		odf_cell_end(o);
	} else if (depth == o->row_depth) {
		odf_row_end(o);
	}
}

/* Streams content.xml: automatic styles first, then the body. */
static void odf_walk(struct odf *o)
{
	struct xmlp *x = o->x;

	while (xmlp_next(x) > 0) {
		int type = xmlTextReaderNodeType(x->r);
		int depth = xmlTextReaderDepth(x->r);

		if (o->skip_depth >= 0) {
			if (type == XML_READER_TYPE_END_ELEMENT &&
			    depth == o->skip_depth)
				o->skip_depth = -1;
			continue;
		}
		if (xmlp_is_text(type)) {
			const char *v;

			if (o->para_depth < 0)
				continue;
			v = (const char *)xmlTextReaderConstValue(x->r);
			if (v)
				odf_add(o, v, strlen(v));
		} else if (type == XML_READER_TYPE_ELEMENT) {
			bool empty = xmlTextReaderIsEmptyElement(x->r) == 1;
			const char *ns = xmlp_ns(x);
			const char *name = xmlp_local(x);

			if (!o->os->resolved) {
				if (!strcmp(ns, NS_OFFICE) &&
				    !strcmp(name, "body"))
					ostyles_resolve(o->os);
				else
					ostyles_element(o->os, x, depth, empty,
							true);
				continue;
			}
			odf_start(o, ns, name, depth, empty);
			if (empty)
				odf_end(o, ns, name, depth);
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (!o->os->resolved)
				ostyles_end(o->os, depth);
			else
				odf_end(o, xmlp_ns(x), xmlp_local(x), depth);
		}
	}
	/* A part cut at part_max: keep its last paragraph and row. */
	if (o->para_depth >= 0)
		odf_flush_para(o);
	if (o->row_depth >= 0 && o->tbl_level >= 1)
		odf_row_end(o);
}

/* Encrypted ODF: the zip is plain, the manifest says the parts are not. */
static bool odf_encrypted(struct doc *d, const struct zip_part *p)
{
	struct xmlp x;
	bool enc = false;

	if (!p->found || p->encrypted || !xmlp_open(&x, d, p, true))
		return false;
	while (!enc && xmlp_next(&x) > 0)
		enc = xmlTextReaderNodeType(x.r) == XML_READER_TYPE_ELEMENT &&
		      !strcmp(xmlp_local(&x), "encryption-data") &&
		      !strcmp(xmlp_ns(&x), NS_MANIFEST);
	xmlp_close(&x);
	return enc;
}

static void extract_odf(struct doc *d, const unsigned char *data, size_t len,
			bool sheets)
{
	struct zip_part parts[] = {
		{.name = "content.xml"},
		{.name = "styles.xml"},
		{.name = "META-INF/manifest.xml"},
	};
	struct ostyles os = {0};
	struct odf o = {0};
	struct xmlp x;

	os.cur = os.auto_depth = -1;
	zip_read_parts(d, data, len, parts, ARRAY_SIZE(parts));
	if (odf_encrypted(d, &parts[2])) {
		doc_set_status(d, DOC_ENCRYPTED, "password-protected %s",
			       sheets ? "spreadsheet" : "document");
		doc_note(d, HS204, "OpenDocument file is password protected");
		goto cleanup;
	}
	if (parts[0].encrypted)
		goto cleanup;
	if (!parts[0].found) {
		if (d->status == DOC_OK) {
			doc_set_status(d, DOC_UNREADABLE,
				       "no content.xml in the OpenDocument file");
			doc_note(d, HS201, "OpenDocument file has no content.xml");
		}
		goto cleanup;
	}
	if (!parts[0].complete && !parts[0].over)
		goto cleanup;
	ostyles_load(&os, d, &parts[1]);
	if (!xmlp_open(&x, d, &parts[0], false))
		goto cleanup;
	o.d = d;
	o.x = &x;
	o.os = &os;
	o.sheets = sheets;
	hs_buf_init(&o.para, d->limits.text_max);
	hs_buf_init(&o.cell, CELL_BYTES_MAX);
	o.para_depth = o.skip_depth = o.row_depth = o.cell_depth = -1;
	o.tbl_depth = -1;
	odf_walk(&o);
	xmlp_close(&x);
	doc_set_encoding(d, DOC_ENC_UTF8);
	if (o.tcvn3)
		doc_set_encoding(d, DOC_ENC_TCVN3);
	else if (o.vni)
		doc_set_encoding(d, DOC_ENC_VNI);
	if (o.tcvn3 || o.vni)
		doc_note(d, HS203, "chữ gõ bằng phông %s '%s' đã được chuyển sang Unicode",
			 o.tcvn3 ? "TCVN3" : "VNI", o.legacy_font);
	odf_rows_release(&o);
	free(o.cells);
	hs_buf_release(&o.para);
	hs_buf_release(&o.cell);

cleanup:
	ostyles_release(&os);
	zip_parts_release(parts, ARRAY_SIZE(parts));
}

void extract_odt(struct doc *d, const unsigned char *data, size_t len)
{
	extract_odf(d, data, len, false);
}

void extract_ods(struct doc *d, const unsigned char *data, size_t len)
{
	extract_odf(d, data, len, true);
}
