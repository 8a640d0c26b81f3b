/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sniff.c: format detection by content. Office zips are told apart by the
 * names in their central directory (or, for a damaged zip, their local
 * headers) and ODF by its stored mimetype; OLE compound files by the
 * UTF-16 names of their streams; text by the absence of binary bytes.
 */
#include "sniff.h"

#include <string.h>
#include <strings.h>

static const char *const names[FMT_COUNT] = {
	[FMT_UNKNOWN] = "unknown",
	[FMT_DOCX] = "docx",
	[FMT_XLSX] = "xlsx",
	[FMT_ODT] = "odt",
	[FMT_ODS] = "ods",
	[FMT_PDF] = "pdf",
	[FMT_HTML] = "html",
	[FMT_TXT] = "txt",
	[FMT_CSV] = "csv",
	[FMT_PPTX] = "pptx",
	[FMT_ODP] = "odp",
	[FMT_DOC] = "doc",
	[FMT_XLS] = "xls",
	[FMT_OLE] = "ole",
	[FMT_OOXML_ENCRYPTED] = "ooxml-encrypted",
	[FMT_RTF] = "rtf",
	[FMT_WORDML] = "wordml",
	[FMT_PNG] = "png",
	[FMT_JPEG] = "jpeg",
	[FMT_TIFF] = "tiff",
	[FMT_GIF] = "gif",
	[FMT_BMP] = "bmp",
	[FMT_ZIP] = "zip",
	[FMT_7Z] = "7z",
	[FMT_RAR] = "rar",
	[FMT_TAR] = "tar",
	[FMT_GZIP] = "gzip",
	[FMT_BZIP2] = "bzip2",
	[FMT_XZ] = "xz",
	[FMT_ZSTD] = "zstd",
};

const char *sniff_format_name(enum doc_format fmt)
{
	if ((unsigned)fmt >= FMT_COUNT || !names[fmt])
		return "unknown";
	return names[fmt];
}

bool sniff_is_archive(enum doc_format fmt)
{
	return fmt >= FMT_ZIP && fmt < FMT_COUNT;
}

static bool starts(const unsigned char *d, size_t len, const void *magic,
		   size_t n)
{
	return len >= n && memcmp(d, magic, n) == 0;
}

static uint32_t le16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
	return le16(p) | le16(p + 2) << 16;
}

/* What the entry names of a zip say it is. */
struct zip_names {
	bool content_types, word, xl, ppt, odf_content;
};

static void see_name(struct zip_names *z, const unsigned char *n, size_t len)
{
	if (len == 19 && !memcmp(n, "[Content_Types].xml", 19))
		z->content_types = true;
	else if (len == 17 && !memcmp(n, "word/document.xml", 17))
		z->word = true;
	else if (len == 15 && !memcmp(n, "xl/workbook.xml", 15))
		z->xl = true;
	else if (len == 20 && !memcmp(n, "ppt/presentation.xml", 20))
		z->ppt = true;
	else if (len == 11 && !memcmp(n, "content.xml", 11))
		z->odf_content = true;
}

/* Walks the central directory; false if there is none to walk. */
static bool central_names(const unsigned char *d, size_t len,
			  struct zip_names *z)
{
	size_t lo = len > 65557 ? len - 65557 : 0;
	size_t eocd = SIZE_MAX, off, count;

	if (len < 22)
		return false;
	for (size_t i = len - 22 + 1; i-- > lo;)
		if (!memcmp(d + i, "PK\x05\x06", 4)) {
			eocd = i;
			break;
		}
	if (eocd == SIZE_MAX)
		return false;
	count = le16(d + eocd + 10);
	off = le32(d + eocd + 16);
	/* Bounded by the entries actually present, never by count alone. */
	for (size_t k = 0; k < count && k < 4096; k++) {
		size_t n, m, c;

		if (off > len || len - off < 46 || memcmp(d + off, "PK\x01\x02", 4))
			return k > 0;
		n = le16(d + off + 28);
		m = le16(d + off + 30);
		c = le16(d + off + 32);
		if (len - off - 46 < n)
			return k > 0;
		see_name(z, d + off + 46, n);
		off += 46 + n + m + c;
	}
	return true;
}

/* For zips without a readable central directory: walk local headers. */
static void local_names(const unsigned char *d, size_t len,
			struct zip_names *z)
{
	size_t off = 0;

	for (int k = 0; k < 4096; k++) {
		size_t n, m, csize;

		if (off > len || len - off < 30 || memcmp(d + off, "PK\x03\x04", 4))
			return;
		n = le16(d + off + 26);
		m = le16(d + off + 28);
		csize = le32(d + off + 18);
		if (len - off - 30 < n)
			return;
		see_name(z, d + off + 30, n);
		if (le16(d + off + 6) & 0x08) /* sizes in a data descriptor */
			return;
		off += 30 + n + m + csize;
	}
}

static enum doc_format sniff_zip(const unsigned char *d, size_t len)
{
	static const char odf[] = "mimetype" "application/vnd.oasis.opendocument.";
	struct zip_names z = {0};

	/* ODF: first entry "mimetype", stored, holding the media type. */
	if (len > 30 + sizeof(odf) - 1 && !memcmp(d + 30, odf, sizeof(odf) - 1)) {
		const char *t = (const char *)d + 30 + sizeof(odf) - 1;
		size_t left = len - 30 - (sizeof(odf) - 1);

		if (left >= 4 && !strncmp(t, "text", 4))
			return FMT_ODT;
		if (left >= 11 && !strncmp(t, "spreadsheet", 11))
			return FMT_ODS;
		if (left >= 12 && !strncmp(t, "presentation", 12))
			return FMT_ODP;
	}
	if (!central_names(d, len, &z))
		local_names(d, len, &z);
	if (z.word)
		return FMT_DOCX;
	if (z.xl)
		return FMT_XLSX;
	if (z.ppt)
		return FMT_PPTX;
	return FMT_ZIP;
}

static bool has_utf16(const unsigned char *d, size_t len, const char *ascii)
{
	unsigned char pat[64];
	size_t n = strlen(ascii);

	if (n * 2 > sizeof(pat))
		return false;
	for (size_t i = 0; i < n; i++) {
		pat[2 * i] = (unsigned char)ascii[i];
		pat[2 * i + 1] = 0;
	}
	return memmem(d, len, pat, n * 2) != NULL;
}

static enum doc_format sniff_ole(const unsigned char *d, size_t len)
{
	if (has_utf16(d, len, "EncryptedPackage"))
		return FMT_OOXML_ENCRYPTED;
	if (has_utf16(d, len, "WordDocument"))
		return FMT_DOC;
	if (has_utf16(d, len, "Workbook") || has_utf16(d, len, "Book"))
		return FMT_XLS;
	return FMT_OLE;
}

/* Text: no NUL and few C0 controls in the first 8 KiB (or a UTF-16 BOM). */
static bool looks_text(const unsigned char *d, size_t len)
{
	size_t n = len < 8192 ? len : 8192, bad = 0;

	if (starts(d, len, "\xFF\xFE", 2) || starts(d, len, "\xFE\xFF", 2))
		return true;
	for (size_t i = 0; i < n; i++) {
		if (d[i] == 0)
			return false;
		if (d[i] < 0x20 && d[i] != '\n' && d[i] != '\r' &&
		    d[i] != '\t' && d[i] != '\f' && d[i] != 0x1A)
			bad++;
	}
	return bad * 100 <= n;
}

static bool looks_html(const unsigned char *d, size_t len)
{
	size_t n = len < 1024 ? len : 1024;
	size_t i = 0;
	char head[1025];

	if (starts(d, len, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' ||
			 d[i] == '\t'))
		i++;
	if (n - i >= 14 && !strncasecmp((const char *)d + i, "<!doctype html", 14))
		return true;
	if (n - i >= 5 && !strncasecmp((const char *)d + i, "<html", 5))
		return true;
	memcpy(head, d, n);
	head[n] = '\0';
	for (size_t k = 0; k < n; k++)
		if (!head[k])
			head[k] = ' ';
	return strcasestr(head, "<html") || strcasestr(head, "<body");
}

/* Word 2003 XML: an XML file whose root is w:wordDocument (Word writes
 * <?mso-application progid="Word.Document"?> before it). */
static bool looks_wordml(const unsigned char *d, size_t len)
{
	size_t n = len < 4096 ? len : 4096;
	char head[4097];

	if (!starts(d, len, "<?xml", 5) && !starts(d, len, "\xEF\xBB\xBF<?xml", 8))
		return false;
	memcpy(head, d, n);
	head[n] = '\0';
	for (size_t k = 0; k < n; k++)
		if (!head[k])
			head[k] = ' ';
	return strstr(head, "<w:wordDocument") &&
	       strstr(head, "schemas.microsoft.com/office/word/2003/wordml");
}

/* CSV: the first lines (at least two) share a non-zero count of , ; or tab. */
static bool looks_csv(const unsigned char *d, size_t len)
{
	static const char seps[] = {',', ';', '\t'};
	size_t n = len < 8192 ? len : 8192;

	for (size_t s = 0; s < sizeof(seps); s++) {
		int lines = 0, first = -1;
		int count = 0;
		bool ok = true;

		for (size_t i = 0; i < n && lines < 10; i++) {
			if (d[i] == (unsigned char)seps[s])
				count++;
			if (d[i] == '\n') {
				if (first < 0)
					first = count;
				else if (count != first)
					ok = false;
				lines++;
				count = 0;
			}
		}
		if (ok && lines >= 2 && first > 0)
			return true;
	}
	return false;
}

static bool name_ends(const char *name, const char *ext)
{
	size_t n, e;

	if (!name)
		return false;
	n = strlen(name);
	e = strlen(ext);
	return n >= e && !strcasecmp(name + n - e, ext);
}

enum doc_format sniff_format(const unsigned char *d, size_t len,
			     const char *name)
{
	if (starts(d, len, "PK\x03\x04", 4) || starts(d, len, "PK\x05\x06", 4) ||
	    starts(d, len, "PK\x07\x08", 4))
		return sniff_zip(d, len);
	if (starts(d, len, "%PDF-", 5))
		return FMT_PDF;
	if (starts(d, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
		return sniff_ole(d, len);
	if (starts(d, len, "7z\xBC\xAF\x27\x1C", 6))
		return FMT_7Z;
	if (starts(d, len, "Rar!\x1A\x07", 6))
		return FMT_RAR;
	if (starts(d, len, "\x1F\x8B", 2))
		return FMT_GZIP;
	if (starts(d, len, "BZh", 3) && len > 3 && d[3] >= '1' && d[3] <= '9')
		return FMT_BZIP2;
	if (starts(d, len, "\xFD" "7zXZ\0", 6))
		return FMT_XZ;
	if (starts(d, len, "\x28\xB5\x2F\xFD", 4))
		return FMT_ZSTD;
	if (len >= 262 && !memcmp(d + 257, "ustar", 5))
		return FMT_TAR;
	if (starts(d, len, "\x89PNG\r\n\x1A\n", 8))
		return FMT_PNG;
	if (starts(d, len, "\xFF\xD8\xFF", 3))
		return FMT_JPEG;
	if (starts(d, len, "II*\0", 4) || starts(d, len, "MM\0*", 4))
		return FMT_TIFF;
	if (starts(d, len, "GIF87a", 6) || starts(d, len, "GIF89a", 6))
		return FMT_GIF;
	if (starts(d, len, "{\\rtf", 5))
		return FMT_RTF;
	/* PDF readers accept a header anywhere in the first KiB; checked after
	 * every binary magic, so compressed data holding "%PDF-" is not one. */
	if (len >= 5 && memmem(d, len < 1024 ? len : 1024, "%PDF-", 5))
		return FMT_PDF;
	if (starts(d, len, "BM", 2) && len >= 14 && le32(d + 2) == len)
		return FMT_BMP;
	if (!looks_text(d, len))
		return FMT_UNKNOWN;
	if (looks_wordml(d, len))
		return FMT_WORDML;
	if (looks_html(d, len))
		return FMT_HTML;
	if (name_ends(name, ".csv") || looks_csv(d, len))
		return FMT_CSV;
	return FMT_TXT;
}
