/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * wordtext.h: Word's text stream into the document model, shared by the
 * .doc and RTF readers. The text is UTF-8 with Word's marks kept: 0x0D ends
 * a paragraph, 0x07 ends a table cell or (with MARK_TTP) a table row, 0x13/
 * 0x14/0x15 open a field, start its result, close it (field codes are
 * dropped, results kept), 0x0B/0x0C are line/page breaks. marks[i] holds
 * the flags of the i-th 0x0D or 0x07; without MARK_KNOWN a 0x07 right
 * after a 0x07 is taken as the row's end.
 */
#ifndef HOSO_WORDTEXT_H
#define HOSO_WORDTEXT_H

#include "extract.h"

#define MARK_INTABLE 1u /* the paragraph lies in a table cell */
#define MARK_TTP 2u     /* the mark ends a table row */
#define MARK_KNOWN 4u   /* the flags come from paragraph properties */

/* Paragraphs as lines, cells joined by tabs, rows into "Bảng N" tables. */
void word_emit(struct doc *d, const char *s, size_t len,
	       const unsigned char *marks, size_t nmarks);

/* libgsf ready for OLE files, its GLib messages silenced (idempotent). */
void msole_init(void);

#endif
