/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * buf.h: the one growable byte buffer of hoso, with a hard cap.
 *
 * Invariants: after hs_buf_init() (or HS_BUF_INIT), `ptr` is never NULL and
 * always NUL-terminated at ptr[len]; `cap` is private. Every buffer has a
 * maximum length `max` (0 means SIZE_MAX): an append that would pass it
 * appends nothing, sets `over` and returns HS_LIMIT, so hostile input cannot
 * grow a buffer without bound; the caller reports the limit (HS106).
 * hs_buf_detach() is the only way to take ownership of the bytes.
 */
#ifndef HOSO_BUF_H
#define HOSO_BUF_H

#include <stdarg.h>

#include "hs.h"

struct hs_buf {
	char *ptr;
	size_t len;
	size_t cap; /* private */
	size_t max; /* 0: no cap */
	bool over;  /* an append was refused because of max */
};

extern char hs_buf_empty[];
#define HS_BUF_INIT {hs_buf_empty, 0, 0, 0, false}

void hs_buf_init(struct hs_buf *b, size_t max);
/* Frees the bytes and leaves an empty buffer with the same max. */
void hs_buf_release(struct hs_buf *b);
/* Empties the buffer, keeping its storage. */
void hs_buf_reset(struct hs_buf *b);
/* Gives back the unused capacity (for buffers kept a long time). */
void hs_buf_shrink(struct hs_buf *b);
/* Ownership of the bytes to the caller (free() them); b is left empty. */
char *hs_buf_detach(struct hs_buf *b, size_t *len);

/* Appends; HS_OK, or HS_LIMIT (nothing appended) when max would be passed. */
enum hs_status hs_buf_add(struct hs_buf *b, const void *data, size_t len);
enum hs_status hs_buf_adds(struct hs_buf *b, const char *s);
enum hs_status hs_buf_addch(struct hs_buf *b, char c);
/* Appends one code point as UTF-8 (invalid ones as U+FFFD). */
enum hs_status hs_buf_add_utf8(struct hs_buf *b, int32_t cp);
enum hs_status hs_buf_addf(struct hs_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Appends as much of data as fits under max, cut back to a UTF-8 character
 * boundary; HS_LIMIT (and `over`) when it had to cut.
 */
enum hs_status hs_buf_add_trunc(struct hs_buf *b, const void *data,
				size_t len);

#endif
