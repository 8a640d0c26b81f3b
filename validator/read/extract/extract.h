/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * extract.h: one document's bytes -> its text, pages, sheets and tables.
 *
 * The model every later stage reads. An extractor fills a struct doc
 * through the doc_* builder calls below, which enforce the limits (text
 * bytes, cells) and keep every string valid UTF-8 in NFC, so extractors
 * never have to. Call order:
 *   1) doc_init(&d, &limits)
 *   2) extract_document(&d, format, bytes, len)   (or one extract_<fmt>)
 *   3) read d; doc_release(&d)
 * Extractors run inside a worker process (worker.h); they may also be called
 * in-process by tests and fuzzers. They never write files.
 */
#ifndef HOSO_EXTRACT_H
#define HOSO_EXTRACT_H

#include "base/buf.h"
#include "base/codes.h"
#include "read/sniff.h"

enum doc_status {
	DOC_OK,
	DOC_NO_TEXT,        /* readable, but no text layer (scanned PDF) */
	DOC_ENCRYPTED,      /* password protected */
	DOC_UNREADABLE,     /* damaged, parser failure, worker crash */
	DOC_UNSUPPORTED,    /* recognised format hoso does not read */
	DOC_LIMIT_EXCEEDED, /* a budget was hit; what was read is kept */
	DOC_OCR,            /* text read from page images by OCR (ocr_pages) */
};
#define DOC_STATUS_LAST DOC_OCR
const char *doc_status_name(enum doc_status st); /* "ok", "no_text", ... */

/* Encodings a document's text was found in (converted to UTF-8). */
enum doc_encoding {
	DOC_ENC_NONE,     /* nothing decoded (binary formats with no text) */
	DOC_ENC_UTF8,
	DOC_ENC_UTF16LE,
	DOC_ENC_UTF16BE,
	DOC_ENC_CP1258,
	DOC_ENC_TCVN3,
	DOC_ENC_VNI,
};
const char *doc_encoding_name(enum doc_encoding enc); /* "utf-8", "tcvn3" */

struct extract_limits {
	size_t text_max;    /* bytes of text per document */
	size_t cells_max;   /* table cells per document */
	size_t part_max;    /* uncompressed bytes of one part of an office zip */
	size_t parts_max;   /* entries in an office zip */
	unsigned pages_max; /* PDF pages read */
	/* OCR of page images (scanned PDF pages, PNG, JPEG, TIFF) */
	bool ocr;           /* --ocr: read scans with tesseract */
	uint64_t ocr_pixels_max; /* pixels of one page image */
	unsigned ocr_page_ms;    /* recognition time of one page */
	unsigned ocr_doc_ms;     /* OCR time of one document, all pages */
	unsigned ocr_pages_max;  /* pages OCR'd per document */
};
#define EXTRACT_LIMITS_DEFAULT {10u << 20, 1000000, 64u << 20, 1000, 2000, \
				false, 60000000, 20000, 25000, 100}
/* Tables (sheets, or tables of a text) kept per document. */
#define DOC_TABLES_MAX 10000
#define DOC_OVER_CELLS 1u
#define DOC_OVER_PAGES 2u
#define DOC_OVER_TABLES 4u

struct doc_cell {
	uint32_t col;  /* 0-based column (A = 0) */
	bool is_num;   /* a number cell: num holds its value */
	double num;
	char *text;    /* as shown; owned; never NULL */
};

struct doc_row {
	uint32_t index; /* 1-based row number in its sheet or table */
	struct doc_cell *cells;
	size_t ncells, cap;
};

struct doc_table {
	char *name;    /* sheet name, or "Bảng 1" for the 1st table of a text */
	uint32_t page; /* 1-based page or sheet it lies on, 0 if unknown */
	struct doc_row *rows;
	size_t nrows, cap;
};

struct doc_note {
	enum hs_code code;
	char *message; /* English detail, UTF-8; owned */
};

/* One page read by OCR. Positions are in percent of the page. */
struct doc_ocr_page {
	uint32_t page;      /* 1-based */
	uint8_t conf;       /* tesseract's mean word confidence, 0..100 */
	bool colour;        /* the image had colour: seal and signature seen */
	bool seal;          /* a red, roughly round stamp (con dấu) */
	bool signature;     /* handwriting in ink near the signature block */
	uint8_t seal_x, seal_y; /* centre of the seal */
	int16_t angle;      /* rotation found and undone, degrees (0, 90...) */
};
/* Below this mean confidence a match from OCR text is needs_review. */
#define OCR_CONF_REVIEW 70

struct doc {
	enum doc_format format;
	enum doc_status status;
	char *reason;            /* why status is not ok; owned, may be NULL */
	enum doc_encoding encoding;
	struct hs_buf text;      /* whole text, UTF-8 NFC; paragraphs end '\n' */
	size_t *page_ends;       /* text offset where page i ends */
	size_t npages;           /* pages (PDF), 0 when the format has none */
	size_t pages_cap;
	size_t npages_text;      /* pages that carry text (PDF) */
	size_t nsheets;          /* sheets (xlsx, ods) */
	struct doc_table *tables;
	size_t ntables, tables_cap;
	size_t ncells;           /* cells so far, all tables */
	size_t nrows_bare;       /* rows without a cell: each counts as one */
	unsigned over;           /* DOC_OVER_* limits already reported */
	struct doc_note *notes;
	size_t nnotes, notes_cap;
	struct doc_ocr_page *ocr; /* pages read by OCR, in order */
	size_t nocr, ocr_cap;
	struct extract_limits limits;
	bool normalised;         /* builder input is NFC already (a worker's
				  * result): checked as UTF-8, not normalised */
};

void doc_init(struct doc *d, const struct extract_limits *lim);
void doc_release(struct doc *d);
/* Frees the text and tables only; status, notes, counts and page ends
 * stay (a document whose content was moved elsewhere). */
void doc_drop_content(struct doc *d);

/*
 * Builder calls. Strings may be any bytes: invalid UTF-8 becomes U+FFFD,
 * NUL and other C0 controls but tab and newline are dropped, the result is
 * NFC. Text past limits.text_max is cut and the status becomes
 * DOC_LIMIT_EXCEEDED (with an HS106 note) once.
 */
enum hs_status doc_add_text(struct doc *d, const char *s, size_t len);
/* The same with newlines turned into spaces (a table cell's text). */
void doc_add_text_flat(struct doc *d, const char *s, size_t len);
/* Marks the end of the current page at the current text offset; pages past
 * limits.pages_max are not kept (limit_exceeded, HS106). */
void doc_end_page(struct doc *d);
/*
 * New table (sheet); borrowed pointer, valid until the next doc_table_new.
 * Past DOC_TABLES_MAX tables, the last table is returned again (and the
 * document is limit_exceeded); rows count toward limits.cells_max.
 */
struct doc_table *doc_table_new(struct doc *d, const char *name,
				uint32_t page);
/* Starts a new row in the last table. */
void doc_row_new(struct doc *d, uint32_t index);
/* Adds a cell to the last row; HS_LIMIT past limits.cells_max. */
enum hs_status doc_cell_add(struct doc *d, uint32_t col, const char *s,
			    size_t len, bool is_num, double num);
/* Records a finding about this document. */
void doc_note(struct doc *d, enum hs_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * Sets the status if it is worse than the current one (ok < no_text <
 * limit_exceeded < unsupported < encrypted < unreadable), with a reason.
 */
void doc_set_status(struct doc *d, enum doc_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Records that some text was decoded from enc (keeps the most legacy one). */
void doc_set_encoding(struct doc *d, enum doc_encoding enc);

/* Records a page read by OCR (copied). */
void doc_add_ocr_page(struct doc *d, const struct doc_ocr_page *pg);
/* Mean confidence of the OCR'd pages (0..100), -1 when none. */
int doc_ocr_conf(const struct doc *d);
/* Whether any OCR'd page shows a seal: 1 yes, 0 no, -1 no OCR'd page. */
int doc_ocr_seal(const struct doc *d);

/* Dispatch on format. Always leaves d in a consistent state. */
void extract_document(struct doc *d, enum doc_format fmt,
		      const unsigned char *data, size_t len);

/* One function per format family; same contract as extract_document. */
void extract_docx(struct doc *d, const unsigned char *data, size_t len);
void extract_xlsx(struct doc *d, const unsigned char *data, size_t len);
void extract_odt(struct doc *d, const unsigned char *data, size_t len);
void extract_ods(struct doc *d, const unsigned char *data, size_t len);
void extract_pdf(struct doc *d, const unsigned char *data, size_t len);
void extract_html(struct doc *d, const unsigned char *data, size_t len);
void extract_plain(struct doc *d, const unsigned char *data, size_t len);
void extract_msdoc(struct doc *d, const unsigned char *data, size_t len);
void extract_xls(struct doc *d, const unsigned char *data, size_t len);
/* False (fuzz/fuzz_xls.c only): extract_xls stops before FreeXL, whose own
 * bugs are contained by the worker's sandbox, not by hoso's code. */
extern bool extract_xls_freexl;
void extract_rtf(struct doc *d, const unsigned char *data, size_t len);
void extract_wordml(struct doc *d, const unsigned char *data, size_t len);

/*
 * In a worker: fd is an anonymous memory file made before the sandbox, of a
 * size larger than the document, that a reader may fill through mmap and
 * shrink (never grow: RLIMIT_FSIZE is 0), then hand to a library that needs
 * a path as /proc/self/fd/N (FreeXL). -1 (tests, fuzzers): readers make
 * their own memfd.
 */
void extract_set_scratch_fd(int fd);

/* PNG, JPEG, TIFF (every page): OCR when limits.ocr, else unsupported. */
void extract_image(struct doc *d, const unsigned char *data, size_t len);
/* True when tesseract and its Vietnamese data are installed (--ocr auto). */
bool extract_ocr_available(void);

#endif
