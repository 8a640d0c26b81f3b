/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sniff.h: what a run of bytes is, by content (magic bytes and, for zips,
 * the names of their first entries), never by file extension.
 */
#ifndef HOSO_SNIFF_H
#define HOSO_SNIFF_H

#include "base/hs.h"

enum doc_format {
	FMT_UNKNOWN,
	/* documents hoso reads */
	FMT_DOCX,
	FMT_XLSX,
	FMT_ODT,
	FMT_ODS,
	FMT_PDF,
	FMT_HTML,
	FMT_TXT,
	FMT_CSV,
	FMT_DOC,       /* OLE compound file: Word 97-2003 */
	FMT_XLS,       /* OLE compound file: Excel 97-2003 */
	FMT_RTF,
	FMT_WORDML,    /* Word 2003 XML (<w:wordDocument>) */
	/* documents recognised, not read */
	FMT_PPTX,
	FMT_ODP,
	FMT_OLE,       /* other OLE file (also encrypted OOXML) */
	FMT_OOXML_ENCRYPTED, /* OLE with EncryptedPackage: protected docx/xlsx */
	FMT_PNG,
	FMT_JPEG,
	FMT_TIFF,
	FMT_GIF,
	FMT_BMP,
	/* containers the source walks into */
	FMT_ZIP,
	FMT_7Z,
	FMT_RAR,
	FMT_TAR,
	FMT_GZIP,
	FMT_BZIP2,
	FMT_XZ,
	FMT_ZSTD,
	FMT_COUNT
};

/* "docx", "pdf", "zip"...; never NULL. */
const char *sniff_format_name(enum doc_format fmt);
/* True for the container formats (zip that is not an office file, 7z...). */
bool sniff_is_archive(enum doc_format fmt);

/*
 * Format of data. name (may be NULL) is used only to tell txt from csv
 * once the content is known to be text.
 */
enum doc_format sniff_format(const unsigned char *data, size_t len,
			     const char *name);

#endif
