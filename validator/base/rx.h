/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rx.h: PCRE2 patterns over folded text, with the limits every match needs
 * (reliability.md section 5): UTF + UCP + MATCH_INVALID_UTF, no \C, a match
 * and depth limit per call, and a heap limit. Patterns come from rubrics,
 * which a province may edit, so they are treated as untrusted too.
 */
#ifndef HOSO_RX_H
#define HOSO_RX_H

#include "hs.h"

struct rx {
	char *src;             /* the pattern as written */
	struct pcre2_real_code_8 *code;
	bool jit;              /* JIT-compiled (else the interpreter) */
};

struct rx_list {
	struct rx *v;
	size_t n;
};

/*
 * Compiles pattern into r. On failure returns false and writes the reason
 * (with the offset) into err.
 */
bool rx_compile(struct rx *r, const char *pattern, char *err, size_t errlen);
void rx_release(struct rx *r);
void rx_list_release(struct rx_list *l);

/*
 * Searches s[0..len). On a match returns true and, when the pointers are
 * not NULL, the whole match's [*start, *end) and the first group's
 * [*g_start, *g_end) (both -1 when the group did not take part). A match
 * or resource limit counts as no match.
 */
bool rx_search(const struct rx *r, const char *s, size_t len, size_t *start,
	       size_t *end, size_t *g_start, size_t *g_end);
/*
 * Like rx_search, with every group: ov[2*i], ov[2*i+1] for group i (0 is
 * the whole match), (size_t)-1 for a group that did not take part. nov is
 * the number of pairs ov holds. Returns the number of pairs set, 0 if no
 * match.
 */
int rx_match(const struct rx *r, const char *s, size_t len, size_t *ov,
	     int nov);
/* Frees the match state kept between calls (at exit; optional). */
void rx_free_state(void);
/* True if any pattern of l matches; *which gets its index. */
bool rx_list_any(const struct rx_list *l, const char *s, size_t len,
		 size_t *which, size_t *start, size_t *end);

#endif
