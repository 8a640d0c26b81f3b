/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rtf.c: text and tables of Rich Text Format files.
 *
 * A single pass over the control words with a stack of group states (font,
 * \ucN, skipping). Text is \'hh bytes in the font's code page (\fcharset163
 * or \ansicpg1258: Windows-1258; otherwise Windows-1252), \uN characters
 * (then N=\uc characters of fallback skipped) and plain characters.
 * Destinations that are not body text are skipped: \*\anything, the font,
 * colour and style tables, info, pictures, objects, headers, footers,
 * footnotes and field instructions (field results are kept). Runs in a
 * TCVN3 or VNI font (.VnTime, VNI-Times: the font table's names) are
 * converted to Unicode. \par, \cell and \row become Word's own marks and go
 * through word_emit (wordtext.h), as the .doc reader's text does.
 */
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/vnlegacy.h"
#include "base/vntext.h"
#include "wordtext.h"

#define RTF_DEPTH_MAX 200
#define RTF_FONTS_MAX 4096

struct rtf_font {
	long num;
	int cp;              /* 1252 or 1258 */
	enum vn_legacy enc;
	bool upper;
};

struct rtf_state {
	long font;
	int uc;
	bool skip;
	bool fonttbl;        /* inside \fonttbl */
};

struct rtf {
	struct doc *d;
	struct rtf_font *fonts;
	size_t nfonts, fonts_cap;
	int ansicp;
	long deff;
	struct hs_buf out;       /* word text with marks */
	unsigned char *marks;
	size_t nmarks, marks_cap;
	struct hs_buf run;       /* UTF-8 of the open run (one font) */
	struct hs_buf bytes;     /* \'hh bytes not decoded yet */
	long run_font;           /* index in fonts of the run's font, -1 */
	bool intbl;
	/* the font-table entry being read */
	struct rtf_font cur;
	char name[128];
	size_t name_len;
	bool have_cur;
	bool tcvn3, vni;
	char font_tcvn3[128], font_vni[128];
};

/* Index of font num in the table, -1 if not declared. */
static long font_of(const struct rtf *r, long num)
{
	for (size_t i = 0; i < r->nfonts; i++)
		if (r->fonts[i].num == num)
			return (long)i;
	return -1;
}

/* The run's font; a pointer only until the table grows. */
static const struct rtf_font *run_font(const struct rtf *r)
{
	return r->run_font >= 0 ? &r->fonts[r->run_font] : NULL;
}

static void bytes_flush(struct rtf *r)
{
	const struct rtf_font *f = run_font(r);

	if (!r->bytes.len)
		return;
	if ((f && f->enc != VN_LEGACY_NONE) ||
	    (f ? f->cp : r->ansicp) != 1258)
		vnlegacy_convert_bytes(VN_LEGACY_NONE, (const unsigned char *)r->bytes.ptr,
				       r->bytes.len, &r->run);
	else
		vntext_from_cp1258((const unsigned char *)r->bytes.ptr,
				   r->bytes.len, &r->run);
	hs_buf_reset(&r->bytes);
}

static void run_flush(struct rtf *r)
{
	const struct rtf_font *f = run_font(r);

	bytes_flush(r);
	if (!r->run.len)
		return;
	if (f && f->enc != VN_LEGACY_NONE)
		vnlegacy_convert_utf8(f->enc, r->run.ptr, r->run.len, f->upper,
				      &r->out);
	else
		hs_buf_add_trunc(&r->out, r->run.ptr, r->run.len);
	hs_buf_reset(&r->run);
}

/* The font of the text that follows. */
static void use_font(struct rtf *r, long num)
{
	long f = font_of(r, num);

	if (f == r->run_font)
		return;
	run_flush(r);
	r->run_font = f;
}

static void put_mark(struct rtf *r, char c, unsigned flags)
{
	run_flush(r);
	hs_buf_addch(&r->out, c);
	HS_GROW(r->marks, r->marks_cap, r->nmarks + 1);
	r->marks[r->nmarks++] = (unsigned char)(flags | MARK_KNOWN);
}

static void put_char(struct rtf *r, uint32_t u)
{
	bytes_flush(r);
	hs_buf_add_utf8(&r->run, (int32_t)u);
}

static void font_end(struct rtf *r)
{
	struct rtf_font *f;

	if (!r->have_cur || r->nfonts >= RTF_FONTS_MAX)
		return;
	r->have_cur = false;
	r->name[r->name_len] = '\0';
	r->cur.enc = vnlegacy_font(r->name, &r->cur.upper);
	if (r->cur.enc == VN_LEGACY_TCVN3 && !r->tcvn3) {
		r->tcvn3 = true;
		snprintf(r->font_tcvn3, sizeof(r->font_tcvn3), "%s", r->name);
	} else if (r->cur.enc == VN_LEGACY_VNI && !r->vni) {
		r->vni = true;
		snprintf(r->font_vni, sizeof(r->font_vni), "%s", r->name);
	}
	HS_GROW(r->fonts, r->fonts_cap, r->nfonts + 1);
	f = &r->fonts[r->nfonts++];
	*f = r->cur;
}

/* Destinations whose text is not the body's. */
static bool skip_dest(const char *w)
{
	static const char *const dests[] = {
		"colortbl", "stylesheet", "info", "pict", "object",
		"header", "headerl", "headerr", "headerf", "footer",
		"footerl", "footerr", "footerf", "footnote", "fldinst",
		"listtable", "listoverridetable", "revtbl", "rsidtbl",
		"themedata", "colorschememapping", "datastore",
		"latentstyles", "generator", "xmlnstbl", "filetbl",
		"annotation", "atnid", "atnauthor", "bkmkstart", "bkmkend",
		"shppict", "nonshppict", "shpinst", "template", "pgdsctbl",
		"listtext", "pntext", "pntxta", "pntxtb", "mmathPr",
	};

	for (size_t i = 0; i < sizeof(dests) / sizeof(dests[0]); i++)
		if (!strcmp(w, dests[i]))
			return true;
	return false;
}

static void control(struct rtf *r, struct rtf_state *st, const char *w,
		    bool has_arg, long arg, bool star, int *skip_chars)
{
	if (st->fonttbl) {
		if (!strcmp(w, "f") && has_arg) {
			font_end(r);
			memset(&r->cur, 0, sizeof(r->cur));
			r->cur.num = arg;
			r->cur.cp = r->ansicp;
			r->name_len = 0;
			r->have_cur = true;
		} else if (!strcmp(w, "fcharset") && has_arg) {
			r->cur.cp = arg == 163 ? 1258 : 1252;
		} else if (!strcmp(w, "cpg") && has_arg) {
			r->cur.cp = arg == 1258 ? 1258 : 1252;
		} else if (star || !strcmp(w, "panose") || !strcmp(w, "falt")) {
			st->skip = true;
		}
		return;
	}
	if (star || skip_dest(w)) {
		st->skip = true;
		return;
	}
	if (st->skip)
		return;
	if (!strcmp(w, "fonttbl")) {
		st->fonttbl = true;
	} else if (!strcmp(w, "ansicpg") && has_arg) {
		r->ansicp = arg == 1258 ? 1258 : 1252;
	} else if (!strcmp(w, "deff") && has_arg) {
		r->deff = arg;
		st->font = arg;
	} else if (!strcmp(w, "f") && has_arg) {
		st->font = arg;
		use_font(r, arg);
	} else if (!strcmp(w, "plain")) {
		st->font = r->deff;
		use_font(r, r->deff);
	} else if (!strcmp(w, "uc") && has_arg) {
		st->uc = arg < 0 ? 0 : arg > 10 ? 10 : (int)arg;
	} else if (!strcmp(w, "u") && has_arg) {
		long u = arg < 0 ? arg + 65536 : arg;

		put_char(r, u > 0 && u < 0xD800 ? (uint32_t)u
			 : u >= 0xE000 && u <= 0xFFFF ? (uint32_t)u : 0xFFFD);
		*skip_chars = st->uc;
	} else if (!strcmp(w, "par") || !strcmp(w, "sect") ||
		   !strcmp(w, "page")) {
		put_mark(r, 0x0D, r->intbl ? MARK_INTABLE : 0);
	} else if (!strcmp(w, "line")) {
		put_char(r, 0x0B); /* Word's line break */
	} else if (!strcmp(w, "tab")) {
		put_char(r, '\t');
	} else if (!strcmp(w, "pard")) {
		r->intbl = false;
	} else if (!strcmp(w, "intbl")) {
		r->intbl = true;
	} else if (!strcmp(w, "cell")) {
		put_mark(r, 0x07, MARK_INTABLE);
	} else if (!strcmp(w, "row")) {
		put_mark(r, 0x07, MARK_INTABLE | MARK_TTP);
		r->intbl = false;
	} else if (!strcmp(w, "emdash")) {
		put_char(r, 0x2014);
	} else if (!strcmp(w, "endash")) {
		put_char(r, 0x2013);
	} else if (!strcmp(w, "lquote")) {
		put_char(r, 0x2018);
	} else if (!strcmp(w, "rquote")) {
		put_char(r, 0x2019);
	} else if (!strcmp(w, "ldblquote")) {
		put_char(r, 0x201C);
	} else if (!strcmp(w, "rdblquote")) {
		put_char(r, 0x201D);
	} else if (!strcmp(w, "bullet")) {
		put_char(r, 0x2022);
	}
}

/* A text character: a font name inside the font table, else body text. */
static void text_byte(struct rtf *r, const struct rtf_state *st,
		      unsigned char c, bool from_hex)
{
	if (st->skip)
		return;
	if (st->fonttbl) {
		if (c == ';')
			font_end(r);
		else if (r->have_cur && r->name_len + 1 < sizeof(r->name) &&
			 (c != ' ' || r->name_len))
			r->name[r->name_len++] = (char)c;
		return;
	}
	if (from_hex || c >= 0x80)
		hs_buf_addch(&r->bytes, (char)c);
	else
		put_char(r, c);
}

void extract_rtf(struct doc *d, const unsigned char *s, size_t len)
{
	struct rtf r = {.d = d, .ansicp = 1252, .run_font = -1};
	struct rtf_state stack[RTF_DEPTH_MAX + 1];
	int depth = 0, skip_chars = 0;
	size_t i = 0;

	memset(&stack[0], 0, sizeof(stack[0]));
	stack[0].uc = 1;
	hs_buf_init(&r.out, d->limits.text_max + 4096);
	hs_buf_init(&r.run, d->limits.text_max);
	hs_buf_init(&r.bytes, 1u << 16);
	while (i < len && !r.out.over) {
		struct rtf_state *st = &stack[depth];
		unsigned char c = s[i];

		if (c == '{') {
			i++;
			if (depth >= RTF_DEPTH_MAX) {
				doc_set_status(d, DOC_UNREADABLE,
					       "RTF groups nested deeper than %d",
					       RTF_DEPTH_MAX);
				doc_note(d, HS201, "RTF could not be read: groups nested deeper than %d",
					 RTF_DEPTH_MAX);
				break;
			}
			stack[depth + 1] = *st;
			depth++;
			skip_chars = 0;
			continue;
		}
		if (c == '}') {
			i++;
			if (st->fonttbl && !stack[depth - (depth > 0)].fonttbl)
				font_end(&r);
			if (depth > 0) {
				depth--;
				if (!stack[depth].skip && !stack[depth].fonttbl)
					use_font(&r, stack[depth].font);
			}
			skip_chars = 0;
			continue;
		}
		if (c == '\r' || c == '\n') {
			i++;
			continue;
		}
		if (c != '\\') {
			i++;
			if (skip_chars > 0) {
				skip_chars--;
				continue;
			}
			text_byte(&r, st, c, false);
			continue;
		}
		/* a control word or symbol */
		i++;
		if (i >= len)
			break;
		c = s[i];
		if (c == '\'') {
			unsigned v = 0;
			int n = 0;

			for (i++; n < 2 && i < len; i++, n++) {
				char h = (char)s[i];

				if (h >= '0' && h <= '9')
					v = v * 16 + (unsigned)(h - '0');
				else if (h >= 'a' && h <= 'f')
					v = v * 16 + (unsigned)(h - 'a' + 10);
				else if (h >= 'A' && h <= 'F')
					v = v * 16 + (unsigned)(h - 'A' + 10);
				else
					break;
			}
			if (skip_chars > 0) {
				skip_chars--;
				continue;
			}
			text_byte(&r, st, (unsigned char)v, true);
			continue;
		}
		if (c == '*') {
			i++;
			st->skip = true;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
			i++;
			if (skip_chars > 0) {
				skip_chars--;
				continue;
			}
			if (st->skip || st->fonttbl)
				continue;
			if (c == '~')
				put_char(&r, 0xA0);
			else if (c == '_')
				put_char(&r, '-');
			else if (c == '\\' || c == '{' || c == '}')
				put_char(&r, c);
			else if (c == '-' && run_font(&r) &&
				 run_font(&r)->enc != VN_LEGACY_NONE)
				/* U+00AD in a legacy font: TCVN3's ư */
				text_byte(&r, st, 0xAD, true);
			else if (c == '\n' || c == '\r')
				put_mark(&r, 0x0D, r.intbl ? MARK_INTABLE : 0);
			continue;
		}
		{
			char word[33];
			size_t wl = 0;
			bool has_arg = false, neg = false;
			long arg = 0;

			while (i < len && ((s[i] >= 'a' && s[i] <= 'z') ||
					   (s[i] >= 'A' && s[i] <= 'Z'))) {
				if (wl < sizeof(word) - 1)
					word[wl++] = (char)s[i];
				i++;
			}
			word[wl] = '\0';
			if (i < len && s[i] == '-') {
				neg = true;
				i++;
			}
			while (i < len && s[i] >= '0' && s[i] <= '9') {
				if (arg < 100000000)
					arg = arg * 10 + (s[i] - '0');
				has_arg = true;
				i++;
			}
			if (neg)
				arg = -arg;
			if (i < len && s[i] == ' ')
				i++;
			if (skip_chars > 0 && strcmp(word, "bin")) {
				skip_chars--;
				continue;
			}
			if (!strcmp(word, "bin")) {
				/* binary data: skipped by its count */
				if (has_arg && arg > 0)
					i = (size_t)arg > len - i ? len : i + (size_t)arg;
				continue;
			}
			control(&r, st, word, has_arg, arg, false, &skip_chars);
		}
	}
	run_flush(&r);
	doc_set_encoding(d, r.ansicp == 1258 ? DOC_ENC_CP1258 : DOC_ENC_UTF8);
	if (r.tcvn3) {
		doc_set_encoding(d, DOC_ENC_TCVN3);
		doc_note(d, HS203, "chữ gõ bằng phông TCVN3 '%s' đã được chuyển sang Unicode",
			 r.font_tcvn3);
	} else if (r.vni) {
		doc_set_encoding(d, DOC_ENC_VNI);
		doc_note(d, HS203, "chữ gõ bằng phông VNI '%s' đã được chuyển sang Unicode",
			 r.font_vni);
	}
	word_emit(d, r.out.ptr ? r.out.ptr : "", r.out.len, r.marks, r.nmarks);
	if (r.out.over) {
		doc_set_status(d, DOC_LIMIT_EXCEEDED,
			       "text longer than %zu bytes: the rest was not read",
			       d->limits.text_max);
		doc_note(d, HS106, "text limit of %zu bytes reached (--max-text)",
			 d->limits.text_max);
	}
	hs_buf_release(&r.out);
	hs_buf_release(&r.run);
	hs_buf_release(&r.bytes);
	free(r.fonts);
	free(r.marks);
}
