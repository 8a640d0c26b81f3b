/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vnlegacy.c: TCVN3 ("ABC") and VNI text -> Unicode NFC, legacy font names,
 * and the statistical test that tells such text from Windows-1258 or real
 * Unicode. Every legacy byte is decoded to code points (VNI and the TCVN
 * tone bytes give base letter + combining marks); utf8proc composes them.
 */
#include "vnlegacy.h"

#include <string.h>

#include <utf8proc.h>

/* ==== Tables ==== */

/*
 * Sources, cross-checked against each other:
 * - Wikipedia, "VSCII" (TCVN 5712:1993): VN3 ("TCVN3", the ABC fonts) adds
 *   to ASCII only NBSP, 7 capitals (Ă Â Ê Ô Ơ Ư Đ) and the 67 lowercase
 *   letters; tone marks on capitals come from an all-capital font. VN2 adds
 *   the five combining tones at 0xB0-0xB4 and 16 toned capitals.
 * - GNU libiconv lib/tcvn.h and glibc iconvdata/tcvn5712-1.c (TCVN5712-1,
 *   i.e. VN1); `iconv -f TCVN5712-1` on Debian 12 gives the same 0xA0-0xFF.
 * - TCVN3 <-> Unicode arrays in public converters (duydev/
 *   vietnamese-conversion src/charsets.ts; C# converters in Eruylz/XuatThuy
 *   and backupvietsoft/HRM): same 74 letter codes, ư at 0xAD.
 * - VNI Windows: lamdao/xvnkb vni.h (base letter + mark byte for all 134
 *   letters), duydev/vietnamese-conversion charsets.ts (same pairs), and
 *   Wikipedia "VNI" (0xF8 grave, 0xF9 acute, 0xF1 đ).
 * - Windows-1252 / Windows-1258: Python's cp1252 and cp1258 codecs.
 */

/* Windows-1252 0x80-0x9F; 0 where the code page leaves the byte unused. */
static const uint16_t cp1252_c1[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/*
 * TCVN 5712 bytes 0xA0-0xFF. The 75 VN3 codes plus the VN2 ones (marked
 * "VN2"): a file in an ABC font never holds the VN2 capitals, but if one
 * does, the VN2 reading is the only one the standard gives. 0x80-0x9F are
 * unassigned in VN3 (the VN1 capitals there live only in VN1 files), so
 * they keep their Windows-1252 meaning: Word stores curly quotes typed in
 * a .VnTime run as U+201C..., and a text export writes them as 0x93...
 */
static const uint16_t tcvn3_high[96] = {
	/* 0xA0: NBSP, then the capitals Ă Â Ê Ô Ơ Ư Đ */
	0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,
	/* 0xA8: ă â ê ô ơ ư đ, Ằ (VN2) */
	0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,
	/* 0xB0: VN2 combining grave hook tilde acute dot; à ả ã */
	0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,
	/* 0xB8: á ạ Ẳ(VN2) ằ ẳ ẵ ắ Ẵ(VN2) */
	0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,
	/* 0xC0: Ắ Ầ Ẩ Ẫ Ấ Ề (VN2); ặ ầ */
	0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,
	/* 0xC8: ẩ ẫ ấ ậ è Ể(VN2) ẻ ẽ */
	0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,
	/* 0xD0: é ẹ ề ể ễ ế ệ ì */
	0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,
	/* 0xD8: ỉ Ễ Ế Ồ (VN2) ĩ í ị ò */
	0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,
	/* 0xE0: Ổ(VN2) ỏ õ ó ọ ồ ổ ỗ */
	0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,
	/* 0xE8: ố ộ ờ ở ỡ ớ ợ ù */
	0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,
	/* 0xF0: Ỗ(VN2) ủ ũ ú ụ ừ ử ữ */
	0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,
	/* 0xF8: ứ ự ỳ ỷ ỹ ý ỵ Ố(VN2) */
	0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,
};

/*
 * VNI Windows uses only 0xC0-0xFF. A byte is either a whole letter (ơ ư đ,
 * the toned i, ỵ) or a mark byte that the VNI font draws over the letter
 * before it: a tone, a circumflex or breve, or both at once. Upper- and
 * lowercase mark bytes draw the same mark; the base letter's case counts.
 * Bytes not listed keep their Latin-1 meaning.
 */
enum vni_kind {
	VNI_LATIN1 = 0,
	VNI_LETTER,
	VNI_MARK,
};

struct vni_code {
	unsigned char kind;   /* enum vni_kind */
	uint16_t cp;          /* the letter, or the first combining mark */
	uint16_t cp2;         /* second combining mark, or 0 */
};

#define VNI_FIRST 0xC0
#define L(b, u)		[(b) - VNI_FIRST] = { VNI_LETTER, (u), 0 }
#define M(b, m)		[(b) - VNI_FIRST] = { VNI_MARK, (m), 0 }
#define M2(b, m, t)	[(b) - VNI_FIRST] = { VNI_MARK, (m), (t) }

#define GRAVE 0x0300
#define ACUTE 0x0301
#define CIRC  0x0302
#define TILDE 0x0303
#define BREVE 0x0306
#define HOOK  0x0309
#define HORN  0x031B
#define DOT   0x0323

static const struct vni_code vni_high[64] = {
	/* capitals' bytes */
	M2(0xC0, CIRC, GRAVE),	/* AÀ = Ầ */
	M2(0xC1, CIRC, ACUTE),	/* AÁ = Ấ */
	M(0xC2, CIRC),		/* AÂ = Â */
	M2(0xC3, CIRC, TILDE),	/* AÃ = Ẫ */
	M2(0xC4, CIRC, DOT),	/* AÄ = Ậ */
	M2(0xC5, CIRC, HOOK),	/* AÅ = Ẩ */
	L(0xC6, 0x1EC8),	/* Æ = Ỉ */
	M2(0xC8, BREVE, GRAVE),	/* AÈ = Ằ */
	M2(0xC9, BREVE, ACUTE),	/* AÉ = Ắ */
	M(0xCA, BREVE),		/* AÊ = Ă */
	M2(0xCB, BREVE, DOT),	/* AË = Ặ */
	L(0xCC, 0x00CC),	/* Ì */
	L(0xCD, 0x00CD),	/* Í */
	L(0xCE, 0x1EF4),	/* Î = Ỵ */
	M(0xCF, DOT),		/* AÏ = Ạ */
	L(0xD1, 0x0110),	/* Ñ = Đ */
	L(0xD2, 0x1ECA),	/* Ò = Ị */
	L(0xD3, 0x0128),	/* Ó = Ĩ */
	L(0xD4, 0x01A0),	/* Ô = Ơ */
	M(0xD5, TILDE),		/* AÕ = Ã */
	L(0xD6, 0x01AF),	/* Ö = Ư */
	M(0xD8, GRAVE),		/* AØ = À */
	M(0xD9, ACUTE),		/* AÙ = Á */
	M2(0xDA, BREVE, HOOK),	/* AÚ = Ẳ */
	M(0xDB, HOOK),		/* AÛ = Ả */
	M2(0xDC, BREVE, TILDE),	/* AÜ = Ẵ */
	/* lowercase bytes: the same layout, 0x20 higher */
	M2(0xE0, CIRC, GRAVE),	/* aà = ầ */
	M2(0xE1, CIRC, ACUTE),	/* aá = ấ */
	M(0xE2, CIRC),		/* aâ = â */
	M2(0xE3, CIRC, TILDE),	/* aã = ẫ */
	M2(0xE4, CIRC, DOT),	/* aä = ậ */
	M2(0xE5, CIRC, HOOK),	/* aå = ẩ */
	L(0xE6, 0x1EC9),	/* æ = ỉ */
	M2(0xE8, BREVE, GRAVE),	/* aè = ằ */
	M2(0xE9, BREVE, ACUTE),	/* aé = ắ */
	M(0xEA, BREVE),		/* aê = ă */
	M2(0xEB, BREVE, DOT),	/* aë = ặ */
	L(0xEC, 0x00EC),	/* ì */
	L(0xED, 0x00ED),	/* í */
	L(0xEE, 0x1EF5),	/* î = ỵ */
	M(0xEF, DOT),		/* aï = ạ */
	L(0xF1, 0x0111),	/* ñ = đ */
	L(0xF2, 0x1ECB),	/* ò = ị */
	L(0xF3, 0x0129),	/* ó = ĩ */
	L(0xF4, 0x01A1),	/* ô = ơ */
	M(0xF5, TILDE),		/* aõ = ã */
	L(0xF6, 0x01B0),	/* ö = ư */
	M(0xF8, GRAVE),		/* aø = à */
	M(0xF9, ACUTE),		/* aù = á */
	M2(0xFA, BREVE, HOOK),	/* aú = ẳ */
	M(0xFB, HOOK),		/* aû = ả */
	M2(0xFC, BREVE, TILDE),	/* aü = ẵ */
};

#undef L
#undef M
#undef M2

/*
 * Windows-1258 differs from Latin-1 in 0xA0-0xFF only at these bytes (the
 * detector's reading of raw bytes when they are neither TCVN3 nor VNI).
 */
static const struct {
	unsigned char byte;
	uint16_t cp;
} cp1258_diff[] = {
	{ 0xC3, 0x0102 }, { 0xCC, 0x0300 }, { 0xD0, 0x0110 },
	{ 0xD2, 0x0309 }, { 0xD5, 0x01A0 }, { 0xDD, 0x01AF },
	{ 0xDE, 0x0303 }, { 0xE3, 0x0103 }, { 0xEC, 0x0301 },
	{ 0xF0, 0x0111 }, { 0xF2, 0x0323 }, { 0xF5, 0x01A1 },
	{ 0xFD, 0x01B0 }, { 0xFE, 0x20AB },
};

/* ==== Byte decoding, shared by conversion and detection ==== */

static bool is_combining(int32_t cp)
{
	return cp >= 0x0300 && cp <= 0x036F;
}

static bool is_letter(int32_t cp)
{
	utf8proc_category_t cat;

	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	cat = utf8proc_category(cp);
	/* Lu Ll Lt Lm Lo are consecutive in utf8proc's enum. */
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* A byte of a legacy font as a Windows-1252 character (U+FFFD if unused). */
static int32_t cp1252_of(unsigned char b)
{
	if (b >= 0x80 && b < 0xA0)
		return cp1252_c1[b - 0x80] ? cp1252_c1[b - 0x80] : 0xFFFD;
	return b;
}

/* The legacy byte Word stored as cp, or -1 if cp cannot be one. */
static int legacy_byte_of(int32_t cp)
{
	size_t i;

	/* U+0080-U+009F: the C1 control Word keeps for an unused 0x81... */
	if (cp <= 0xFF)
		return (int)cp;
	for (i = 0; i < ARRAY_SIZE(cp1252_c1); i++)
		if (cp1252_c1[i] == cp)
			return (int)(0x80 + i);
	return -1;
}

/*
 * Whether a mark byte may sit on the character before it: only a vowel
 * (a e i o u y, with or without marks) carries Vietnamese marks.
 */
static bool is_vowel_letter(int32_t cp)
{
	int32_t d[4];
	utf8proc_ssize_t k;

	if (cp >= 0x80) {
		k = utf8proc_decompose_char(cp, d, 4, UTF8PROC_DECOMPOSE, NULL);
		if (k < 1 || k > 4)
			return false;
		cp = d[0];
	}
	return cp && cp < 0x80 && strchr("aeiouyAEIOUY", (int)cp) != NULL;
}

/*
 * Decodes one legacy byte into out (1 or 2 code points). A combining mark
 * (VNI mark byte, VN2 tone byte) is produced only after a vowel, where
 * Vietnamese puts marks; elsewhere the byte keeps its Latin-1 meaning, so
 * "m\xB2" in a TCVN3 text stays "m²" and a stray mark byte at the start of
 * a line stays a visible character instead of a combining mark on nothing.
 */
static int decode_byte(enum vn_legacy enc, unsigned char b, bool after_vowel,
		       int32_t out[2])
{
	const struct vni_code *v;
	int32_t cp;

	if (b < 0x80) {
		out[0] = b;
		return 1;
	}
	switch (enc) {
	case VN_LEGACY_TCVN3:
		if (b < 0xA0)
			break;
		cp = tcvn3_high[b - 0xA0];
		if (is_combining(cp) && !after_vowel)
			cp = b;
		out[0] = cp;
		return 1;
	case VN_LEGACY_VNI:
		if (b < VNI_FIRST)
			break;
		v = &vni_high[b - VNI_FIRST];
		if (v->kind == VNI_LETTER) {
			out[0] = v->cp;
			return 1;
		}
		if (v->kind == VNI_MARK && after_vowel) {
			out[0] = v->cp;
			out[1] = v->cp2;
			return v->cp2 ? 2 : 1;
		}
		break;
	case VN_LEGACY_NONE:
		break;
	}
	out[0] = cp1252_of(b);
	return 1;
}

/* What after_vowel becomes once out[0..n) has been produced. */
static bool vowel_state(const int32_t *out, int n, bool after_vowel)
{
	if (is_combining(out[0]))
		return after_vowel;
	return is_vowel_letter(out[n - 1]);
}

/*
 * Next code point of UTF-8 text; a malformed or truncated sequence, an
 * overlong form or a surrogate yields U+FFFD and consumes one byte.
 */
static int32_t next_utf8(const unsigned char *s, size_t len, size_t *pos)
{
	size_t i = *pos;
	unsigned char c = s[i];
	int32_t cp, min;
	size_t n, k;

	if (c < 0x80) {
		*pos = i + 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 1;
		cp = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2;
		cp = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		goto bad;
	}
	if (len - i - 1 < n)
		goto bad;
	for (k = 1; k <= n; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			goto bad;
		cp = (cp << 6) | (s[i + k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		goto bad;
	*pos = i + 1 + n;
	return cp;
bad:
	*pos = i + 1;
	return 0xFFFD;
}

/* ==== Conversion ==== */

/*
 * Decoded text is normalised in chunks so that neither the work nor the
 * memory depends on the input size, and so that conversion stops as soon
 * as out is full. A chunk ends only before an ASCII character: no ASCII
 * character ever composes with the one before it, so NFC of the chunks is
 * NFC of the whole. Text without any ASCII for CHUNK_HARD bytes is cut
 * anyway (still valid UTF-8; a mark cut from its letter stays uncomposed).
 */
#define CHUNK 4096
#define CHUNK_HARD 65536

struct conv {
	struct hs_buf *out;
	struct hs_buf pend;   /* decoded UTF-8 awaiting NFC */
	bool upper;           /* run is in an all-capital font */
	bool after_vowel;     /* last character produced is a vowel */
	enum hs_status st;
};

static utf8proc_int32_t to_upper(utf8proc_int32_t cp, void *data)
{
	(void)data;
	return utf8proc_toupper(cp);
}

static void conv_flush(struct conv *c)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n;

	if (!c->pend.len || c->st != HS_OK)
		return;
	n = utf8proc_map_custom((const utf8proc_uint8_t *)c->pend.ptr,
				(utf8proc_ssize_t)c->pend.len, &nfc,
				UTF8PROC_STABLE | UTF8PROC_COMPOSE,
				c->upper ? to_upper : NULL, NULL);
	if (n == UTF8PROC_ERROR_NOMEM)
		hs_die("out of memory");
	if (n >= 0)
		c->st = hs_buf_add_trunc(c->out, nfc, (size_t)n);
	else /* not reached: pend is always valid UTF-8 */
		c->st = hs_buf_add_trunc(c->out, c->pend.ptr, c->pend.len);
	free(nfc);
	hs_buf_reset(&c->pend);
}

static void conv_emit(struct conv *c, int32_t cp)
{
	if ((cp < 0x80 && c->pend.len >= CHUNK) || c->pend.len >= CHUNK_HARD)
		conv_flush(c);
	if (c->st == HS_OK)
		hs_buf_add_utf8(&c->pend, cp);
}

static void conv_byte(struct conv *c, enum vn_legacy enc, unsigned char b)
{
	int32_t cp[2];
	int n = decode_byte(enc, b, c->after_vowel, cp);
	int i;

	for (i = 0; i < n; i++)
		conv_emit(c, cp[i]);
	c->after_vowel = vowel_state(cp, n, c->after_vowel);
}

static void conv_init(struct conv *c, struct hs_buf *out, bool upper)
{
	c->out = out;
	hs_buf_init(&c->pend, 0);
	c->upper = upper;
	c->after_vowel = false;
	c->st = HS_OK;
}

static enum hs_status conv_finish(struct conv *c)
{
	conv_flush(c);
	hs_buf_release(&c->pend);
	return c->st;
}

enum hs_status vnlegacy_convert_utf8(enum vn_legacy enc, const char *s,
				     size_t len, bool upper,
				     struct hs_buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	struct conv c;
	size_t i = 0;

	conv_init(&c, out, upper);
	while (s && i < len && c.st == HS_OK) {
		int32_t cp = next_utf8(u, len, &i);
		int b = legacy_byte_of(cp);

		if (b >= 0 && enc != VN_LEGACY_NONE) {
			conv_byte(&c, enc, (unsigned char)b);
		} else {
			/* Not a legacy byte: the text itself, kept as is. */
			conv_emit(&c, cp);
			c.after_vowel = vowel_state(&cp, 1, c.after_vowel);
		}
	}
	return conv_finish(&c);
}

enum hs_status vnlegacy_convert_bytes(enum vn_legacy enc,
				      const unsigned char *s, size_t len,
				      struct hs_buf *out)
{
	struct conv c;
	size_t i;

	conv_init(&c, out, false);
	for (i = 0; s && i < len && c.st == HS_OK; i++)
		conv_byte(&c, enc, s[i]);
	return conv_finish(&c);
}

/* ==== Font names ==== */

static bool prefix_ci(const char *s, const char *p)
{
	for (; *p; s++, p++) {
		unsigned char a = (unsigned char)*s, b = (unsigned char)*p;

		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

/*
 * The ABC package names its TCVN3 fonts ".VnX" (".VnTime", ".VnArial
 * Narrow"); some systems drop the dot ("VnTime"). Its all-capital fonts
 * add a final "H" (".VnTimeH", ".VnArial NarrowH"). VNI fonts are
 * "VNI-X" ("VNI-Times", "VNI-Helve-Condense").
 */
enum vn_legacy vnlegacy_font(const char *font, bool *upper)
{
	size_t n;

	if (upper)
		*upper = false;
	if (!font)
		return VN_LEGACY_NONE;
	while (*font == ' ' || *font == '\t')
		font++;
	n = strlen(font);
	while (n && (font[n - 1] == ' ' || font[n - 1] == '\t'))
		n--;
	if (n > 4 && prefix_ci(font, "vni") &&
	    (font[3] == '-' || font[3] == ' ' || font[3] == '_'))
		return VN_LEGACY_VNI;
	if ((n > 3 && prefix_ci(font, ".vn")) ||
	    (n > 2 && font[0] == 'V' && font[1] == 'n' &&
	     font[2] >= 'A' && font[2] <= 'Z')) {
		if (upper)
			*upper = font[n - 1] == 'H';
		return VN_LEGACY_TCVN3;
	}
	return VN_LEGACY_NONE;
}

const char *vnlegacy_name(enum vn_legacy enc)
{
	switch (enc) {
	case VN_LEGACY_NONE:
		return "none";
	case VN_LEGACY_TCVN3:
		return "tcvn3";
	case VN_LEGACY_VNI:
		return "vni";
	}
	return "none";
}

/* ==== Detection ==== */

/*
 * The rule. Cut the text into words (runs of letters and of bytes
 * 0xA1-0xFF; 0x80-0xA0 are punctuation or NBSP in all three readings).
 * Only words with at least one byte >= 0xA1 are evidence; call their
 * number W. Read each such word as TCVN3, as VNI, and as the alternative
 * (Windows-1258 for raw bytes; the characters themselves for UTF-8 text),
 * and count the readings that give one well-formed Vietnamese syllable
 * (syllable_ok(): a known initial consonant, vowel cluster and final,
 * marks only where Vietnamese puts them, at most one tone, c/k and gh/ngh
 * spelt right, -c -ch -p -t only with the acute or dot tone). Legacy text
 * reads well in its own encoding and badly in the others, because the
 * same bytes are then other accented letters.
 * Answer TCVN3 or VNI when W >= 4, that encoding explains strictly more
 * words than the other legacy one, explains at least 60% of the W words,
 * and beats the alternative reading by at least W/4 words. Otherwise NONE.
 * Only the first DETECT_MAX bytes are examined.
 */
#define DETECT_MAX (256 * 1024)
#define DETECT_MIN_WORDS 4
#define WORD_MAX 16   /* longer runs are not one syllable */
#define SYL_MAX 8     /* letters in the longest syllable, "nghiêng" */

enum { MOD_CIRC = 1, MOD_BREVE = 2, MOD_HORN = 4 };

enum syl_tone {
	TONE_NONE,
	TONE_GRAVE,
	TONE_HOOK,
	TONE_TILDE,
	TONE_ACUTE,
	TONE_DOT,
};

struct syl_letter {
	char ch;              /* 'a'-'z', or 'D' for đ */
	unsigned char mod;    /* MOD_* */
};

static bool in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

/*
 * Vowel clusters, one character per vowel: a ă=A â=B e ê=E i o ô=O ơ=P
 * u ư=U y. Those in nuclei_closed end in a glide and take no final.
 */
static const char *const nuclei_open[] = {
	"a", "A", "B", "e", "E", "i", "o", "O", "P", "u", "U", "y",
	"iE", "yE", "uO", "UP", "oa", "oA", "oe", "uB", "uE", "uy", "uyE",
	"oo",
};
static const char *const nuclei_closed[] = {
	"ai", "ao", "au", "ay", "Bu", "By", "eo", "Eu", "ia", "iu", "oi",
	"Oi", "Pi", "ua", "ui", "Ua", "Ui", "Uu", "iEu", "yEu", "oai", "oay",
	"oao", "oeo", "uBy", "uOi", "UPi", "UPu", "uya", "uyu", "uP",
};
static const char *const initials[] = {
	"", "b", "c", "ch", "d", "D", "g", "gh", "gi", "h", "k", "kh", "l",
	"m", "n", "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th",
	"tr", "v", "x",
};
static const char *const finals[] = {
	"", "c", "ch", "m", "n", "ng", "nh", "p", "t",
};

static bool is_vowel(char ch)
{
	return ch && strchr("aeiouy", ch) != NULL;
}

/* Vowel code of a letter (see nuclei_open), or 0 if the marks are wrong. */
static char vowel_code(const struct syl_letter *l)
{
	switch (l->ch) {
	case 'a':
		return l->mod == 0 ? 'a' : l->mod == MOD_BREVE ? 'A'
			: l->mod == MOD_CIRC ? 'B' : 0;
	case 'e':
		return l->mod == 0 ? 'e' : l->mod == MOD_CIRC ? 'E' : 0;
	case 'o':
		return l->mod == 0 ? 'o' : l->mod == MOD_CIRC ? 'O'
			: l->mod == MOD_HORN ? 'P' : 0;
	case 'u':
		return l->mod == 0 ? 'u' : l->mod == MOD_HORN ? 'U' : 0;
	case 'i':
	case 'y':
		return l->mod == 0 ? l->ch : 0;
	}
	return 0;
}

/* The marks Vietnamese uses: five tones and three vowel modifiers. */
static const struct {
	int32_t cp;
	unsigned char tone;   /* enum syl_tone */
	unsigned char mod;    /* MOD_* */
} syl_marks[] = {
	{ GRAVE, TONE_GRAVE, 0 }, { HOOK, TONE_HOOK, 0 },
	{ TILDE, TONE_TILDE, 0 }, { ACUTE, TONE_ACUTE, 0 },
	{ DOT, TONE_DOT, 0 },     { CIRC, TONE_NONE, MOD_CIRC },
	{ BREVE, TONE_NONE, MOD_BREVE }, { HORN, TONE_NONE, MOD_HORN },
};

/* Adds mark c to the last letter; false if Vietnamese has no such mark. */
static bool syl_mark(int32_t c, struct syl_letter *last, int *tone)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(syl_marks); i++) {
		if (syl_marks[i].cp != c)
			continue;
		if (syl_marks[i].tone) {
			/* One tone per syllable, and on a vowel. */
			if (*tone || !is_vowel(last->ch))
				return false;
			*tone = syl_marks[i].tone;
		}
		last->mod |= syl_marks[i].mod;
		return true;
	}
	return false;
}

/* Splits cps into letters; false on anything not Vietnamese. */
static bool syl_letters(const int32_t *cps, size_t n, struct syl_letter *l,
			size_t *nl, int *tone)
{
	bool seen_lower = false;
	size_t i;

	*nl = 0;
	*tone = TONE_NONE;
	for (i = 0; i < n; i++) {
		int32_t d[4];
		utf8proc_ssize_t k, j;
		bool up = utf8proc_category(cps[i]) == UTF8PROC_CATEGORY_LU;

		/* A capital after a small letter is no Vietnamese spelling. */
		if (up && seen_lower)
			return false;
		if (is_letter(cps[i]) && !up)
			seen_lower = true;
		k = utf8proc_decompose_char(cps[i], d, 4,
					    UTF8PROC_DECOMPOSE |
					    UTF8PROC_CASEFOLD, NULL);
		if (k < 1 || k > 4)
			return false;
		for (j = 0; j < k; j++) {
			int32_t c = d[j];

			if ((c >= 'a' && c <= 'z') || c == 0x0111) {
				/* f j w z: not in the Vietnamese alphabet */
				if (*nl == SYL_MAX || c == 'f' || c == 'j' ||
				    c == 'w' || c == 'z')
					return false;
				l[*nl].ch = c == 0x0111 ? 'D' : (char)c;
				l[*nl].mod = 0;
				(*nl)++;
			} else if (!*nl || !syl_mark(c, &l[*nl - 1], tone)) {
				return false;
			}
		}
	}
	return true;
}

/* Whether cps (any case, any normalisation) is one Vietnamese syllable. */
static bool syllable_ok(const int32_t *cps, size_t n)
{
	struct syl_letter l[SYL_MAX];
	char ini[SYL_MAX + 1], nuc[SYL_MAX + 1], fin[SYL_MAX + 1];
	size_t nl, i = 0, a, b, k;
	int tone;
	bool front;

	if (!syl_letters(cps, n, l, &nl, &tone))
		return false;
	for (k = 0; k < nl; k++)
		if (!is_vowel(l[k].ch) && l[k].mod)
			return false;
	while (i < nl && !is_vowel(l[i].ch))
		i++;
	a = i;
	while (i < nl && is_vowel(l[i].ch))
		i++;
	b = i;
	if (a == b)
		return false;
	for (; i < nl; i++)
		if (is_vowel(l[i].ch))
			return false;
	/* "qu" and "gi" + vowel: the u and the i belong to the initial. */
	if (a == 1 && l[0].ch == 'q') {
		if (b - a < 2 || l[a].ch != 'u' || l[a].mod)
			return false;
		a++;
	} else if (a == 1 && l[0].ch == 'g' && b - a >= 2 &&
		   l[a].ch == 'i' && !l[a].mod) {
		a++;
	}
	for (k = 0; k < a; k++)
		ini[k] = l[k].ch;
	ini[a] = '\0';
	for (k = a; k < b; k++) {
		nuc[k - a] = vowel_code(&l[k]);
		if (!nuc[k - a])
			return false;
	}
	nuc[b - a] = '\0';
	for (k = b; k < nl; k++)
		fin[k - b] = l[k].ch;
	fin[nl - b] = '\0';

	if (!in_list(ini, initials, ARRAY_SIZE(initials)) ||
	    !in_list(fin, finals, ARRAY_SIZE(finals)))
		return false;
	if (!in_list(nuc, nuclei_open, ARRAY_SIZE(nuclei_open)) &&
	    !(fin[0] == '\0' &&
	      in_list(nuc, nuclei_closed, ARRAY_SIZE(nuclei_closed))))
		return false;
	/* ă and â never end a syllable. */
	if (fin[0] == '\0' && (!strcmp(nuc, "A") || !strcmp(nuc, "B")))
		return false;
	front = strchr("eEiy", nuc[0]) != NULL;
	if ((!strcmp(ini, "c") && front) || (!strcmp(ini, "k") && !front) ||
	    ((!strcmp(ini, "gh") || !strcmp(ini, "ngh")) && !front))
		return false;
	/* Stopped syllables take only the acute or the dot tone. */
	if ((!strcmp(fin, "c") || !strcmp(fin, "ch") || !strcmp(fin, "p") ||
	     !strcmp(fin, "t")) && tone != TONE_ACUTE && tone != TONE_DOT)
		return false;
	return true;
}

/* One word of the text under examination. */
struct dword {
	unsigned char b[WORD_MAX];   /* as legacy bytes */
	int32_t alt[WORD_MAX];       /* as the alternative reading */
	size_t n;
	bool high;       /* holds a byte >= 0xA1: evidence */
	bool legacy;     /* every character can be a legacy byte */
	bool too_long;
};

struct tally {
	size_t words, tcvn3, vni, alt;
};

static bool legacy_word_ok(enum vn_legacy enc, const struct dword *w)
{
	int32_t cps[2 * WORD_MAX];
	size_t n = 0, i;
	bool after = false;

	for (i = 0; i < w->n; i++) {
		int m = decode_byte(enc, w->b[i], after, cps + n);

		after = vowel_state(cps + n, m, after);
		n += (size_t)m;
	}
	return syllable_ok(cps, n);
}

static void word_reset(struct dword *w)
{
	w->n = 0;
	w->high = false;
	w->legacy = true;
	w->too_long = false;
}

/* Ends the current word: counts its readings, starts the next one. */
static void tally_word(struct tally *t, struct dword *w)
{
	if (w->n && w->high) {
		t->words++;
		if (!w->too_long) {
			if (w->legacy && legacy_word_ok(VN_LEGACY_TCVN3, w))
				t->tcvn3++;
			if (w->legacy && legacy_word_ok(VN_LEGACY_VNI, w))
				t->vni++;
			if (syllable_ok(w->alt, w->n))
				t->alt++;
		}
	}
	word_reset(w);
}

static void word_add(struct dword *w, int byte, int32_t alt)
{
	/* A letter beyond Latin-1 is evidence too: for real Unicode. */
	if (byte >= 0xA1 || byte < 0)
		w->high = true;
	if (byte < 0)
		w->legacy = false;
	if (w->n == WORD_MAX) {
		w->too_long = true;
		return;
	}
	w->b[w->n] = (unsigned char)(byte < 0 ? 0 : byte);
	w->alt[w->n] = alt;
	w->n++;
}

static enum vn_legacy verdict(const struct tally *t)
{
	size_t best;
	enum vn_legacy enc;

	if (t->words < DETECT_MIN_WORDS || t->tcvn3 == t->vni)
		return VN_LEGACY_NONE;
	enc = t->tcvn3 > t->vni ? VN_LEGACY_TCVN3 : VN_LEGACY_VNI;
	best = t->tcvn3 > t->vni ? t->tcvn3 : t->vni;
	if (best * 10 < t->words * 6)
		return VN_LEGACY_NONE;
	if (best < t->alt || (best - t->alt) * 4 < t->words)
		return VN_LEGACY_NONE;
	return enc;
}

static bool ascii_letter(int32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int32_t cp1258_of(unsigned char b)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cp1258_diff); i++)
		if (cp1258_diff[i].byte == b)
			return cp1258_diff[i].cp;
	return b;
}

enum vn_legacy vnlegacy_detect_bytes(const unsigned char *s, size_t len)
{
	struct tally t = { 0, 0, 0, 0 };
	struct dword w;
	size_t i;

	word_reset(&w);
	if (!s)
		return VN_LEGACY_NONE;
	if (len > DETECT_MAX)
		len = DETECT_MAX;
	for (i = 0; i < len; i++) {
		if (ascii_letter(s[i]) || s[i] >= 0xA1)
			word_add(&w, s[i], cp1258_of(s[i]));
		else
			tally_word(&t, &w);
	}
	tally_word(&t, &w);
	return verdict(&t);
}

enum vn_legacy vnlegacy_detect_utf8(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	struct tally t = { 0, 0, 0, 0 };
	struct dword w;
	size_t i = 0;

	word_reset(&w);
	if (!s)
		return VN_LEGACY_NONE;
	if (len > DETECT_MAX)
		len = DETECT_MAX;
	while (i < len) {
		int32_t cp = next_utf8(u, len, &i);
		int b = legacy_byte_of(cp);

		if (ascii_letter(cp) || b >= 0xA1)
			word_add(&w, b, cp);
		else if (b < 0 && (is_letter(cp) || is_combining(cp)))
			word_add(&w, -1, cp); /* real Unicode letter */
		else
			tally_word(&t, &w);
	}
	tally_word(&t, &w);
	return verdict(&t);
}
