/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plain.c: plain text and CSV. The encoding is found by this rule, in
 * order: a UTF-8 BOM or valid UTF-8 -> UTF-8; a UTF-16 BOM -> UTF-16LE/BE;
 * otherwise the legacy statistics of vnlegacy (TCVN3 or VNI) and, when they
 * are not convincing, Windows-1258, the Vietnamese Windows code page.
 * A CSV also becomes one table (separator , ; or tab, RFC 4180 quotes).
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "base/vnlegacy.h"
#include "base/vntext.h"

static void from_utf16(struct hs_buf *out, const unsigned char *s, size_t len,
		       bool le)
{
	for (size_t i = 0; i + 1 < len; i += 2) {
		uint32_t u = le ? (uint32_t)(s[i] | s[i + 1] << 8)
				: (uint32_t)(s[i] << 8 | s[i + 1]);

		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
			uint32_t v = le ? (uint32_t)(s[i + 2] | s[i + 3] << 8)
					: (uint32_t)(s[i + 2] << 8 | s[i + 3]);

			if (v >= 0xDC00 && v <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
				i += 2;
			}
		}
		if (hs_buf_add_utf8(out, (int32_t)u) != HS_OK)
			return;
	}
}

/* Decodes the whole file into out (raw UTF-8, not yet cleaned). */
static enum doc_encoding decode(const unsigned char *s, size_t len,
				struct hs_buf *out)
{
	enum vn_legacy lg;

	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		hs_buf_add(out, s + 3, len - 3);
		return DOC_ENC_UTF8;
	}
	if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
		from_utf16(out, s + 2, len - 2, true);
		return DOC_ENC_UTF16LE;
	}
	if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
		from_utf16(out, s + 2, len - 2, false);
		return DOC_ENC_UTF16BE;
	}
	if (vntext_is_utf8((const char *)s, len)) {
		hs_buf_add(out, s, len);
		return DOC_ENC_UTF8;
	}
	lg = vnlegacy_detect_bytes(s, len);
	if (lg != VN_LEGACY_NONE) {
		vnlegacy_convert_bytes(lg, s, len, out);
		return lg == VN_LEGACY_TCVN3 ? DOC_ENC_TCVN3 : DOC_ENC_VNI;
	}
	vntext_from_cp1258(s, len, out);
	return DOC_ENC_CP1258;
}

static char csv_separator(const char *s, size_t len)
{
	static const char seps[] = {',', ';', '\t'};
	size_t best = 0;
	char sep = ',';

	for (size_t k = 0; k < sizeof(seps); k++) {
		size_t n = 0;

		for (size_t i = 0; i < len && s[i] != '\n'; i++)
			n += s[i] == seps[k];
		if (n > best) {
			best = n;
			sep = seps[k];
		}
	}
	return sep;
}

/* A plain number ("1250", "-3.5", "64,1" is not one: figures decide). */
static bool plain_number(const char *s, size_t len, double *v)
{
	char tmp[64], *end;

	if (!len || len >= sizeof(tmp))
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	*v = strtod(tmp, &end);
	return end != tmp && *end == '\0';
}

static void read_csv(struct doc *d, const char *s, size_t len)
{
	char sep = csv_separator(s, len);
	struct hs_buf cell;
	uint32_t row = 1, col = 0;
	size_t i = 0;

	doc_table_new(d, "CSV", 0);
	doc_row_new(d, row);
	hs_buf_init(&cell, 32767 * 4);
	while (i <= len) {
		bool quoted = false, num;
		double v = 0;

		hs_buf_reset(&cell);
		if (i < len && s[i] == '"') {
			quoted = true;
			i++;
			while (i < len) {
				if (s[i] == '"' && i + 1 < len && s[i + 1] == '"') {
					hs_buf_addch(&cell, '"');
					i += 2;
				} else if (s[i] == '"') {
					i++;
					break;
				} else {
					hs_buf_addch(&cell, s[i++]);
				}
			}
		}
		while (i < len && s[i] != sep && s[i] != '\n')
			hs_buf_addch(&cell, s[i++]);
		if (!quoted && cell.len && cell.ptr[cell.len - 1] == '\r')
			cell.ptr[--cell.len] = '\0';
		num = !quoted && plain_number(cell.ptr, cell.len, &v);
		if (doc_cell_add(d, col, cell.ptr, cell.len, num, num ? v : 0) ==
		    HS_LIMIT)
			break;
		if (i >= len)
			break;
		if (s[i] == sep) {
			col++;
		} else {
			/* newline: a new row unless the file ends here */
			if (i + 1 >= len)
				break;
			doc_row_new(d, ++row);
			col = 0;
		}
		i++;
	}
	hs_buf_release(&cell);
}

void extract_plain(struct doc *d, const unsigned char *data, size_t len)
{
	struct hs_buf raw;
	enum doc_encoding enc;

	hs_buf_init(&raw, 0);
	enc = decode(data, len, &raw);
	doc_set_encoding(d, enc);
	if (enc == DOC_ENC_TCVN3 || enc == DOC_ENC_VNI)
		doc_note(d, HS203, "văn bản gõ bằng bảng mã %s đã được chuyển sang Unicode",
			 doc_encoding_name(enc));
	doc_add_text(d, raw.ptr, raw.len);
	if (d->format == FMT_CSV) {
		/* Cells from the cleaned text, so they are NFC UTF-8 too. */
		read_csv(d, d->text.ptr, d->text.len);
	}
	hs_buf_release(&raw);
}
