/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * zippart.h: the parts of an office file (docx, xlsx, odt, ods): a zip read
 * from memory, and the XML inside it read with a hardened streaming reader.
 * Shared by ooxml.c and odf.c; everything hostile about the container (bombs,
 * duplicate names, encryption, damage, DOCTYPE) is handled here once and
 * recorded on the struct doc as notes and statuses.
 *
 * Call order:
 *   1) struct zip_part parts[] = {{.name = "word/document.xml"}, ...};
 *   2) zip_read_parts(d, data, len, parts, n)    one pass over the zip
 *   3) for a part that was found: xmlp_open(&x, d, &parts[i]);
 *      while (xmlp_next(&x) > 0) { look at x.r }; xmlp_close(&x)
 *   4) zip_parts_release(parts, n)
 */
#ifndef HOSO_ZIPPART_H
#define HOSO_ZIPPART_H

#include <libxml/xmlreader.h>

#include "extract.h"

struct zip_part {
	const char *name;     /* wanted name, borrowed; ASCII case ignored */
	struct hs_buf data;   /* the part's bytes, at most limits.part_max */
	bool found;           /* the entry exists (first of duplicates read) */
	bool complete;        /* data holds the whole part */
	bool encrypted;       /* zip-encrypted entry: data is empty */
	bool over;            /* larger than part_max: data holds a prefix */
};

/*
 * Reads the office zip data[0..len) once and fills in the parts named in
 * parts[0..n). Bytes are counted as they are inflated (declared sizes are
 * not trusted); each part is capped at d->limits.part_max and the entries
 * at d->limits.parts_max. Findings go to d: duplicate names (exact or by
 * case, HS109; the first one is read), an encrypted wanted part (status
 * encrypted, HS204), a limit (status limit_exceeded, HS106), damage
 * (status unreadable, HS201). Returns HS_OK, HS_LIMIT (parts may be
 * missing), or HS_FAILED (not a readable zip, or damaged: parts read
 * before the damage are kept and marked complete).
 */
enum hs_status zip_read_parts(struct doc *d, const unsigned char *data,
			      size_t len, struct zip_part *parts, size_t n);
/* Frees the data of parts[0..n); names stay borrowed. */
void zip_parts_release(struct zip_part *parts, size_t n);

/*
 * A part's XML, streamed. Refuses DOCTYPEs and entity references (status
 * unreadable, HS201 "DOCTYPE refused"): no entity is ever expanded, no
 * network or file is touched, nothing is printed. A parse error makes the
 * document unreadable (HS201) unless the part was cut at part_max, when
 * the nodes before the cut are simply all there is, or is optional.
 */
struct xmlp {
	xmlTextReaderPtr r;   /* the reader, for the caller's node accessors */
	struct doc *d;
	const char *part;     /* part name, for messages */
	bool truncated;       /* the part was cut at part_max */
	bool optional;        /* damage here is not the document's */
	bool failed;          /* refused or damaged: stop */
	char err[160];        /* first parser message */
};

/*
 * false (and a status on d) if the part cannot be parsed at all. optional:
 * the part only refines the result (styles, fonts, manifest), so its
 * damage or refusal just ends it, leaving d's status alone.
 */
bool xmlp_open(struct xmlp *x, struct doc *d, const struct zip_part *p,
	       bool optional);
/* 1: x->r is on the next node; 0: end of the part; -1: refused/damaged. */
int xmlp_next(struct xmlp *x);
void xmlp_close(struct xmlp *x);

/* Node helpers on the reader's current node. */
/* Local name, "" if none. Borrowed from the reader. */
const char *xmlp_local(const struct xmlp *x);
/* Namespace URI, "" if none. Borrowed from the reader. */
const char *xmlp_ns(const struct xmlp *x);
/* Is a reader node type character data (text, CDATA, white space)? */
bool xmlp_is_text(int type);

/* Excel's cap on the characters of one cell, in UTF-8 bytes. */
#define CELL_BYTES_MAX (32767u * 4)
/*
 * Attribute local in namespace ns (NULL: no namespace) or, if ns2 is not
 * NULL, in ns2. Caller frees with free(); NULL when absent.
 */
char *xmlp_attr(const struct xmlp *x, const char *local, const char *ns,
		const char *ns2);

/*
 * Parses the digits of s as an unsigned number no larger than max; false on
 * anything else (sign, junk, overflow). Leading/trailing blanks allowed.
 */
bool zip_parse_uint(const char *s, uint64_t max, uint64_t *out);

#endif
