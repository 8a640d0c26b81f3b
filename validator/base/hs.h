/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hs.h: what every hoso file needs: the graded status enum, the allocation
 * policy (out of memory aborts, so callers never check for NULL), and a few
 * small helpers. Include it first in every .c file of the core.
 */
#ifndef HOSO_HS_H
#define HOSO_HS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "banned.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Graded status, after libarchive's return codes. A worse status is more
 * negative. WARN: partial result, go on. LIMIT: a budget was hit; what was
 * produced so far is valid. FAILED: this item is lost, go on with the next.
 * FATAL: the run cannot go on (output not writable, internal error).
 */
enum hs_status {
	HS_OK = 0,
	HS_WARN = -20,
	HS_LIMIT = -22,
	HS_FAILED = -25,
	HS_FATAL = -30,
};

/* Name of a status, for messages. Never NULL. */
const char *hs_strerror(enum hs_status st);

/*
 * Allocation. These never return NULL: a genuine out-of-memory aborts the
 * process (in a worker, the parent reports the document as unreadable).
 */
void *hs_malloc(size_t n);
void *hs_calloc(size_t nmemb, size_t size);
void *hs_realloc(void *p, size_t n);
char *hs_strdup(const char *s);
char *hs_strndup(const char *s, size_t n);

/* Grow *arr (of *cap elements of elem size) so that it holds at least need. */
void hs_grow(void **arr, size_t *cap, size_t need, size_t elem);
#define HS_GROW(arr, cap, need) \
	hs_grow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

/*
 * An unnamed temporary file (O_TMPFILE, or unlinked at once) in $TMPDIR
 * or /tmp, mode 0600, read-write: it goes with the process and nothing of
 * it stays. -1 if none can be made.
 */
int hs_tmpfd(void);

/*
 * All n bytes at offset `at`, retrying short transfers and EINTR. False
 * on an error (errno set) or, for reads, an end of file first (errno 0).
 */
bool hs_pread_all(int fd, void *p, size_t n, uint64_t at);
bool hs_pwrite_all(int fd, const void *p, size_t n, uint64_t at);

/* printf into a new string; caller frees with free(). */
char *hs_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Messages to stderr, git style: "hoso: cannot open 'x': reason". */
void hs_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void hs_die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#endif
