/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vntext.c: UTF-8 cleaning and NFC, folded keys with a map back to the
 * original, Windows-1258/CP437 decoding and file-name repair.
 */
#include "vntext.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/*
 * High halves of the two 8-bit code pages (0x80-0xFF). Undefined bytes are
 * U+FFFD. Windows-1258 has five combining tone marks (0xCC, 0xD2, 0xDE, 0xEC,
 * 0xF2) that compose with the letter before them under NFC.
 */
static const uint16_t cp1258_high[128] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0xFFFD, 0x2039, 0x0152, 0xFFFD, 0xFFFD, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0xFFFD, 0x203A, 0x0153, 0xFFFD, 0xFFFD, 0x0178,
	0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
	0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
	0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
	0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
	0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
	0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF,
	0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7,
	0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
	0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
	0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF,
	0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7,
	0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,
};

static const uint16_t cp437_high[128] = {
	0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
	0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
	0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
	0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,
	0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,
	0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
	0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
	0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,
	0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
	0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,
	0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,
	0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
	0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
	0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,
	0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
	0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
};

/* Decodes one UTF-8 character; returns its length, or -1 if invalid. */
static int decode_one(const unsigned char *s, size_t len, int32_t *cp)
{
	utf8proc_ssize_t n = utf8proc_iterate(
		s, len > 4 ? 4 : (utf8proc_ssize_t)len, cp);
	return n > 0 ? (int)n : -1;
}

bool vntext_is_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int32_t cp;

	while (i < len) {
		int n;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = decode_one(p + i, len - i, &cp);
		if (n < 0)
			return false;
		i += (size_t)n;
	}
	return true;
}

/* Appends NFC of a valid UTF-8 run; cut at a character boundary if full. */
static enum hs_status add_nfc(struct hs_buf *out, const char *s, size_t len)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n;
	enum hs_status st;
	bool ascii = true;

	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80) {
			ascii = false;
			break;
		}
	if (ascii)
		return hs_buf_add_trunc(out, s, len);
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
			 &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) /* cannot happen on valid input; keep the bytes */
		return hs_buf_add_trunc(out, s, len);
	st = hs_buf_add_trunc(out, nfc, (size_t)n);
	free(nfc);
	return st;
}

static enum hs_status clean(struct hs_buf *out, const char *s, size_t len,
			    bool nfc)
{
	const unsigned char *p = (const unsigned char *)s;
	struct hs_buf tmp;
	size_t i = 0;
	enum hs_status st;

	/* Fast path: already clean. */
	if (vntext_is_utf8(s, len)) {
		bool clean = true;

		for (i = 0; i < len; i++)
			if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n') {
				clean = false;
				break;
			}
		if (clean)
			return nfc ? add_nfc(out, s, len)
				   : hs_buf_add_trunc(out, s, len);
	}
	hs_buf_init(&tmp, 0);
	i = 0;
	while (i < len) {
		int32_t cp;
		int n;

		if (p[i] < 0x80) {
			if (p[i] >= 0x20 || p[i] == '\t' || p[i] == '\n')
				hs_buf_addch(&tmp, (char)p[i]);
			i++;
			continue;
		}
		n = decode_one(p + i, len - i, &cp);
		if (n < 0) {
			hs_buf_add_utf8(&tmp, 0xFFFD);
			i++;
			continue;
		}
		hs_buf_add(&tmp, p + i, (size_t)n);
		i += (size_t)n;
	}
	st = nfc ? add_nfc(out, tmp.ptr, tmp.len)
		 : hs_buf_add_trunc(out, tmp.ptr, tmp.len);
	hs_buf_release(&tmp);
	return st;
}

enum hs_status vntext_clean(struct hs_buf *out, const char *s, size_t len)
{
	return clean(out, s, len, true);
}

enum hs_status vntext_clean_utf8(struct hs_buf *out, const char *s, size_t len)
{
	return clean(out, s, len, false);
}

static bool is_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	       cp == '\v' || cp == '\f' || cp == 0xA0 || cp == 0x2007 ||
	       cp == 0x202F || cp == 0x3000 ||
	       (cp >= 0x2000 && cp <= 0x200A);
}

/*
 * The fold of one code point (at most 8 code points out): case folded,
 * decomposed, marks stripped, đ -> d. ASCII is done here; the rest of
 * U+0080..U+1FFF (Latin, Vietnamese, combining marks) is asked of
 * utf8proc once and kept, since one text repeats the same few letters.
 */
#define FOLD_TAB 0x2000

static struct {
	bool set;
	uint8_t n;
	int32_t cp[3];
} fold_tab[FOLD_TAB];

static int fold_cp(int32_t cp, int32_t out[8])
{
	utf8proc_ssize_t nd;
	int last = 0;

	if (cp < 0x80) {
		out[0] = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
		return 1;
	}
	if (cp < FOLD_TAB && fold_tab[cp].set) {
		memcpy(out, fold_tab[cp].cp, fold_tab[cp].n * sizeof(int32_t));
		return fold_tab[cp].n;
	}
	nd = utf8proc_decompose_char(cp, out, 8,
				     UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
					     UTF8PROC_STRIPMARK,
				     &last);
	if (nd < 0 || nd > 8) {
		out[0] = cp;
		nd = 1;
	}
	for (utf8proc_ssize_t k = 0; k < nd; k++)
		if (out[k] == 0x0111 || out[k] == 0x0110)
			out[k] = 'd';
	if (cp < FOLD_TAB && nd <= 3) {
		memcpy(fold_tab[cp].cp, out, (size_t)nd * sizeof(int32_t));
		fold_tab[cp].n = (uint8_t)nd;
		fold_tab[cp].set = true;
	}
	return (int)nd;
}

/* Appends code point c as UTF-8 at o; returns the bytes written (1-4). */
static size_t put_utf8(unsigned char *o, int32_t c)
{
	if (c < 0x80) {
		o[0] = (unsigned char)c;
		return 1;
	}
	return (size_t)utf8proc_encode_char(c, o);
}

void vntext_fold(const char *s, size_t len, struct hs_buf *key, size_t **map)
{
	const unsigned char *p = (const unsigned char *)s;
	/* Folded bytes gather here and go to key a block at a time. */
	unsigned char out[1024];
	size_t on = 0;
	size_t *m = NULL, mcap = 0;
	size_t i = 0, space_at = 0;
	bool pending_space = false;

	hs_buf_reset(key);
	if (map) {
		/* one entry a key byte: a fold is rarely longer than its text */
		HS_GROW(m, mcap, len + 1);
	}
	while (i < len) {
		int32_t cp, dec[8];
		int nd, n;
		size_t at = i, before;

		if (p[i] < 0x80) {
			cp = p[i];
			n = 1;
		} else {
			n = decode_one(p + i, len - i, &cp);
			if (n < 0) {
				cp = 0xFFFD;
				n = 1;
			}
		}
		i += (size_t)n;
		if (is_space(cp)) {
			/* The run maps back to its first white-space character. */
			if (!pending_space)
				space_at = at;
			pending_space = key->len + on > 0;
			continue;
		}
		nd = fold_cp(cp, dec);
		if (on > sizeof(out) - 8 * 4 - 1) {
			hs_buf_add(key, out, on);
			on = 0;
		}
		if (pending_space) {
			if (m) {
				HS_GROW(m, mcap, key->len + on + 2);
				m[key->len + on] = space_at;
			}
			out[on++] = ' ';
			pending_space = false;
		}
		before = on;
		for (int k = 0; k < nd; k++) {
			int32_t c = dec[k];

			if (c < 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
				c = 0xFFFD;
			on += put_utf8(out + on, c);
		}
		if (m) {
			HS_GROW(m, mcap, key->len + on + 1);
			for (size_t b = before; b < on; b++)
				m[key->len + b] = at;
		}
	}
	hs_buf_add(key, out, on);
	if (map) {
		HS_GROW(m, mcap, key->len + 1);
		m[key->len] = len;
		*map = m;
	}
}

char *vntext_fold_str(const char *s)
{
	struct hs_buf key = HS_BUF_INIT;

	vntext_fold(s, strlen(s), &key, NULL);
	return hs_buf_detach(&key, NULL);
}

const char *vntext_charset_name(enum vn_name_charset cs)
{
	switch (cs) {
	case VN_NAME_UTF8:
		return "utf-8";
	case VN_NAME_CP1258:
		return "cp1258";
	case VN_NAME_CP437:
		return "cp437";
	}
	return "utf-8";
}

static enum hs_status from_table(const uint16_t *high, const unsigned char *s,
				 size_t len, struct hs_buf *out)
{
	struct hs_buf tmp;
	enum hs_status st;

	hs_buf_init(&tmp, 0);
	for (size_t i = 0; i < len; i++) {
		if (s[i] >= 0x80)
			hs_buf_add_utf8(&tmp, high[s[i] - 0x80]);
		else if (s[i] >= 0x20 || s[i] == '\t' || s[i] == '\n')
			hs_buf_addch(&tmp, (char)s[i]);
	}
	st = add_nfc(out, tmp.ptr, tmp.len);
	hs_buf_release(&tmp);
	return st;
}

enum hs_status vntext_from_cp1258(const unsigned char *s, size_t len,
				  struct hs_buf *out)
{
	return from_table(cp1258_high, s, len, out);
}

enum hs_status vntext_from_cp437(const unsigned char *s, size_t len,
				 struct hs_buf *out)
{
	return from_table(cp437_high, s, len, out);
}

bool vntext_is_vn_letter(int32_t cp)
{
	int32_t dec[4];
	int last = 0;
	utf8proc_ssize_t n;

	if (cp == 0x0110 || cp == 0x0111)
		return true;
	n = utf8proc_decompose_char(cp, dec, 4, UTF8PROC_DECOMPOSE, &last);
	if (n < 2 || n > 3)
		return false;
	if (!strchr("aeiouyAEIOUY", dec[0] < 0x80 ? (int)dec[0] : '#') ||
	    dec[0] == 0)
		return false;
	for (utf8proc_ssize_t k = 1; k < n; k++) {
		switch (dec[k]) {
		case 0x0300: case 0x0301: case 0x0303: case 0x0309:
		case 0x0323: case 0x0302: case 0x0306: case 0x031B:
			break;
		default:
			return false;
		}
	}
	return true;
}

/* Every non-ASCII character a Vietnamese letter, and at least one. */
static bool looks_vietnamese(const struct hs_buf *b)
{
	const unsigned char *p = (const unsigned char *)b->ptr;
	size_t i = 0;
	int vn = 0;

	while (i < b->len) {
		int32_t cp;
		int n;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = decode_one(p + i, b->len - i, &cp);
		if (n < 0 || !vntext_is_vn_letter(cp))
			return false;
		vn++;
		i += (size_t)n;
	}
	return vn > 0;
}

/*
 * A name is shown on one line as it is: line breaks, tabs and the
 * bidirectional controls that reorder what a reader sees (U+200E/F,
 * U+202A-202E, U+2066-2069, U+061C) become '_' from out->ptr[from] on.
 */
static void defang_name(struct hs_buf *out, size_t from)
{
	size_t r = from, w = from;

	while (r < out->len) {
		const unsigned char *p = (const unsigned char *)out->ptr + r;
		size_t n = 0;

		if (p[0] < 0x20 || p[0] == 0x7f)
			n = 1;
		else if (r + 3 <= out->len && p[0] == 0xe2 && p[1] == 0x80 &&
			 ((p[2] >= 0xaa && p[2] <= 0xae) || p[2] == 0x8e ||
			  p[2] == 0x8f))
			n = 3;
		else if (r + 3 <= out->len && p[0] == 0xe2 && p[1] == 0x81 &&
			 p[2] >= 0xa6 && p[2] <= 0xa9)
			n = 3;
		else if (r + 2 <= out->len && p[0] == 0xd8 && p[1] == 0x9c)
			n = 2;
		if (n) {
			out->ptr[w++] = '_';
			r += n;
		} else {
			out->ptr[w++] = out->ptr[r++];
		}
	}
	out->len = w;
	if (out->cap)
		out->ptr[w] = '\0';
}

static enum vn_name_charset repair_name(const unsigned char *raw, size_t len,
					struct hs_buf *out);

enum vn_name_charset vntext_repair_name(const unsigned char *raw, size_t len,
					struct hs_buf *out)
{
	size_t from = out->len;
	enum vn_name_charset cs = repair_name(raw, len, out);

	defang_name(out, from);
	return cs;
}

static enum vn_name_charset repair_name(const unsigned char *raw, size_t len,
					struct hs_buf *out)
{
	struct hs_buf vn;
	enum vn_name_charset cs;

	if (vntext_is_utf8((const char *)raw, len)) {
		vntext_clean(out, (const char *)raw, len);
		return VN_NAME_UTF8;
	}
	hs_buf_init(&vn, 0);
	vntext_from_cp1258(raw, len, &vn);
	if (looks_vietnamese(&vn)) {
		hs_buf_add_trunc(out, vn.ptr, vn.len);
		cs = VN_NAME_CP1258;
	} else {
		vntext_from_cp437(raw, len, out);
		cs = VN_NAME_CP437;
	}
	hs_buf_release(&vn);
	return cs;
}
