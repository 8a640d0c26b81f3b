/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vnlegacy.h: legacy Vietnamese 8-bit encodings -> Unicode.
 *
 * Before Unicode, Vietnamese offices typed with TCVN3 (TCVN 5712:1993,
 * "ABC", fonts .VnTime, .VnArial, ...; the uppercase fonts .VnTimeH,
 * .VnArialH ... show the same bytes as capitals) and VNI (VNI-Times,
 * VNI-Helve, ...; a letter is an ASCII base plus a byte for its marks).
 * Such text survives in .docx/.odt as the Windows-1252 characters of its
 * bytes in a legacy font, and in plain-text files as raw bytes.
 *
 * Call order: find the encoding (from a font name, or statistically), then
 * convert. Output is always valid UTF-8 in NFC.
 */
#ifndef HOSO_VNLEGACY_H
#define HOSO_VNLEGACY_H

#include "buf.h"

enum vn_legacy {
	VN_LEGACY_NONE, /* Unicode (or not Vietnamese legacy text) */
	VN_LEGACY_TCVN3,
	VN_LEGACY_VNI,
};

/*
 * Encoding implied by a font name (".VnTime", ".VnTimeH", "VnArial",
 * "VNI-Times", "VNI-Helve-Condense"...); VN_LEGACY_NONE for Unicode fonts.
 * *upper (may be NULL) is set when the font is an uppercase-only variant
 * (TCVN3 fonts ending in 'H', e.g. ".VnTimeH", ".VnArialH").
 */
enum vn_legacy vnlegacy_font(const char *font, bool *upper);

/*
 * Converts text typed in a legacy font, as stored by Word or LibreOffice:
 * UTF-8 in which each legacy byte appears as its Windows-1252 character
 * (U+0000-U+00FF, and the CP1252 specials such as U+0153 for 0x9C).
 * Characters that cannot be a legacy byte are copied unchanged. upper: the
 * run is in an uppercase font. Appends to out; HS_LIMIT if out is full,
 * after appending what fitted, cut at a character boundary. Invalid UTF-8
 * gives U+FFFD per bad byte. VN_LEGACY_NONE just copies (NFC; capitals
 * if upper).
 */
enum hs_status vnlegacy_convert_utf8(enum vn_legacy enc, const char *s,
				     size_t len, bool upper,
				     struct hs_buf *out);

/*
 * Converts raw legacy bytes (a plain-text file). Appends to out, as above.
 * Bytes 0x80-0x9F, unused by both encodings, are read as Windows-1252;
 * VN_LEGACY_NONE reads every byte as Windows-1252.
 */
enum hs_status vnlegacy_convert_bytes(enum vn_legacy enc,
				      const unsigned char *s, size_t len,
				      struct hs_buf *out);

/*
 * Statistical detection. For raw bytes that are not valid UTF-8: which of
 * TCVN3, VNI or neither (then the caller tries Windows-1258) explains them
 * best. For UTF-8 text in a Unicode font: whether it is in fact legacy text
 * shown as Windows-1252 characters (a document whose fonts were lost).
 * Short or plain-ASCII input gives VN_LEGACY_NONE. The scoring rule is
 * written out at the top of the detection section of vnlegacy.c.
 */
enum vn_legacy vnlegacy_detect_bytes(const unsigned char *s, size_t len);
enum vn_legacy vnlegacy_detect_utf8(const char *s, size_t len);

/* "tcvn3", "vni" or "none". */
const char *vnlegacy_name(enum vn_legacy enc);

#endif
