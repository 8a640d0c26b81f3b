/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ocr.h: page images -> text, inside the worker (libtesseract's C API,
 * leptonica for the images). Private to extract/.
 *
 * Call order:
 *   1) o = ocr_new(d)                 NULL when no engine (a note on d)
 *   2) ocr_page(o, d, pix, page)      for each page image, in order; the
 *      caller ends the page (doc_end_page) after it
 *   3) ocr_free(o)
 * Budgets come from d->limits (ocr_pixels_max, ocr_page_ms, ocr_doc_ms,
 * ocr_pages_max); a budget hit is an HS106 note, once per kind.
 */
#ifndef HOSO_OCR_H
#define HOSO_OCR_H

#include "extract.h"

struct Pix;
struct ocr;

/* The tessdata folder holding vie.traineddata, or NULL. */
const char *ocr_datapath(void);
struct ocr *ocr_new(struct doc *d);
/*
 * Reads one page image (any depth; colour keeps the seal and the ink of
 * a signature visible). Adds its text to d and a doc_ocr_page record.
 * false when a budget stops OCR of this document: later pages are left.
 * pix is borrowed.
 */
bool ocr_page(struct ocr *o, struct doc *d, struct Pix *pix, uint32_t page);
/* Whether a page of w x h pixels is within the limit (a note if not). */
bool ocr_size_ok(struct ocr *o, struct doc *d, uint64_t w, uint64_t h,
		 uint32_t page);
void ocr_free(struct ocr *o);

#endif
