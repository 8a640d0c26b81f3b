/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vntext.h: Vietnamese text normalisation, the core of every comparison.
 *
 * Every text hoso keeps is valid UTF-8 in NFC (vntext_clean). Matching is
 * done on a folded key: lower case, diacritics removed, đ -> d, runs of
 * white space collapsed to one space (vntext_fold), with a map from every
 * byte of the key back to the original text so a match can be quoted as
 * written. File names that are not UTF-8 are repaired by a documented rule
 * (vntext_repair_name). Legacy 8-bit encodings are in vnlegacy.h.
 */
#ifndef HOSO_VNTEXT_H
#define HOSO_VNTEXT_H

#include "buf.h"

/* True if s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
bool vntext_is_utf8(const char *s, size_t len);

/*
 * Appends s (any bytes) to out as valid UTF-8 in NFC: invalid sequences
 * become U+FFFD, NUL and C0 controls other than tab and newline are dropped
 * (CR too; CRLF becomes LF). Cut at a character boundary when out is full
 * (HS_LIMIT).
 */
enum hs_status vntext_clean(struct hs_buf *out, const char *s, size_t len);
/*
 * The same, without the NFC step: for text that an earlier vntext_clean
 * already normalised (a worker's result), which must still be valid UTF-8
 * without controls whatever the worker sent.
 */
enum hs_status vntext_clean_utf8(struct hs_buf *out, const char *s,
				 size_t len);

/*
 * Folded key of s (valid UTF-8): case folded, marks stripped, đ/Đ -> d,
 * white space runs (including NBSP) -> one ' ', trimmed. If map is not
 * NULL, *map receives a malloc'ed array of key->len + 1 offsets: map[i] is
 * the offset in s of the character that produced key byte i, and
 * map[key->len] == len. Caller frees *map with free().
 */
void vntext_fold(const char *s, size_t len, struct hs_buf *key, size_t **map);

/* Convenience: folded key as a new string; caller frees with free(). */
char *vntext_fold_str(const char *s);

/* How a file name was decoded. */
enum vn_name_charset {
	VN_NAME_UTF8,   /* valid UTF-8: kept as is (NFC) */
	VN_NAME_CP1258, /* Windows-1258, Vietnamese Windows' code page */
	VN_NAME_CP437,  /* IBM PC code page 437, the zip format's default */
};
const char *vntext_charset_name(enum vn_name_charset cs);

/*
 * Repairs an archive entry name. The rule: bytes that are valid UTF-8 are
 * UTF-8. Otherwise both CP1258 and CP437 decodings are made; CP1258 wins
 * when every non-ASCII letter it gives is a Vietnamese letter (after NFC)
 * and it gives at least one, else CP437 (the zip default, what Windows'
 * built-in compressor writes on most code pages). Appends the NFC UTF-8
 * name to out and returns the charset used.
 */
enum vn_name_charset vntext_repair_name(const unsigned char *raw, size_t len,
					struct hs_buf *out);

/* Decode a whole 8-bit text as Windows-1258 / CP437 into NFC UTF-8. */
enum hs_status vntext_from_cp1258(const unsigned char *s, size_t len,
				  struct hs_buf *out);
enum hs_status vntext_from_cp437(const unsigned char *s, size_t len,
				 struct hs_buf *out);

/* True if cp is a letter of the Vietnamese alphabet with a diacritic. */
bool vntext_is_vn_letter(int32_t cp);

#endif
