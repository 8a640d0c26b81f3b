/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * docmeta.h: what a document says of itself in its administrative header
 * (Nghị định 30/2020): number and symbol ("45/KH-UBND"), place and date,
 * issuing body, and the folded forms of its text and path that matching
 * reads. The type and title need the rubric's document types: match.c
 * fills them. Call order: docmeta_read(&m, doc, path) ... docmeta_release.
 */
#ifndef HOSO_DOCMETA_H
#define HOSO_DOCMETA_H

#include "read/extract/extract.h"
#include "base/rx.h"

#define DOCMETA_HEAD_CHARS 1000 /* the title block: first characters */
#define DOCMETA_LINES 40        /* header lines looked at */

struct docmeta {
	/* folded forms (vntext_fold) */
	char *folded;        /* whole text (until docmeta_drop_text) */
	size_t folded_len;
	char *head;          /* folded first DOCMETA_HEAD_CHARS characters */
	size_t head_len;
	char *raw_head;      /* the original text the head was folded from */
	uint32_t *head_map;  /* head byte -> raw_head byte (head_len + 1) */
	char *path;          /* folded path inside the input */
	char *dir;           /* folded folder part of the path ("" at top) */
	/* the first lines, original and folded */
	char **lines;        /* DOCMETA_LINES each, until docmeta_drop_text */
	char **flines;
	size_t nlines;
	/* header facts, NULL/0 when not found */
	char *number;        /* "45/KH-UBND" as written, "/KH-UBND" for a draft */
	char *symbol;        /* folded type abbreviation in the number: "kh" */
	bool number_blank;   /* "Số:   /KH-UBND": a draft */
	int day, month, year; /* 0 when not written (a draft's blank day) */
	char *issuer;        /* the issuing body's name, as written; NULL
			      * when the text has no header to take it from */
	bool date_blank;     /* "ngày   tháng 6 năm 2024": a draft */
	/* legal bases: the "Căn cứ ..." lines, as written (shortened) */
	char **bases;
	size_t nbases;
	/* signature block, from the last lines: authority ("TM. ỦY BAN NHÂN
	 * DÂN / KT. CHỦ TỊCH"), position ("PHÓ CHỦ TỊCH") and name */
	char *sign_authority, *sign_position, *signer;
	/* set by match.c */
	long type;           /* index into the rubric's document types, -1 */
	char *title;         /* the line after the type line, as written */
};

/* The header patterns, compiled once per run. */
struct docmeta_rx {
	struct rx number, bare_number, date, numeric_date, attached_date,
		authority, position, position_start, basis;
};
void docmeta_rx_init(struct docmeta_rx *rx);
void docmeta_rx_release(struct docmeta_rx *rx);

void docmeta_read(struct docmeta *m, const struct docmeta_rx *rx,
		  const struct doc *d, const char *path);
void docmeta_release(struct docmeta *m);
/* Lets go of the text: the folded whole, the head, the first lines and
 * the folded path and dir (NULL, lengths 0); the header facts stay. */
void docmeta_drop_text(struct docmeta *m);

/* The original text of head[start..end), as a new string (caller frees). */
char *docmeta_quote_head(const struct docmeta *m, size_t start, size_t end);

/* "2024-04-16", "2024-06" (the day left blank), "2024" or NULL into out
 * (16 bytes). */
const char *docmeta_date(const struct docmeta *m, char out[16]);

/*
 * Parses a number written the Vietnamese way ("64,1", "1.250", "5.320,5",
 * "60"): '.' groups thousands, ',' marks decimals; a lone '.' followed by
 * one or two digits is read as a decimal point. False if s is not one.
 */
bool docmeta_parse_number(const char *s, size_t len, double *out);

#endif
