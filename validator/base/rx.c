/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rx.c: compiled patterns and bounded matching (see rx.h).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

/* Per call: PCRE2's interpreter stops past these, whatever the pattern. */
#define RX_MATCH_LIMIT 1000000
#define RX_DEPTH_LIMIT 10000
#define RX_HEAP_LIMIT_KIB 65536

bool rx_compile(struct rx *r, const char *pattern, char *err, size_t errlen)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re;

	memset(r, 0, sizeof(*r));
	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
			   PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF |
				   PCRE2_NEVER_BACKSLASH_C,
			   &code, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(code, msg, sizeof(msg));
		snprintf(err, errlen, "pattern does not compile at offset %zu: %s",
			 (size_t)off, (char *)msg);
		return false;
	}
	/* JIT where the platform has it: the same results, several times
	 * faster over thousands of documents. A pattern the JIT refuses, or
	 * whose match outgrows the JIT's stack, runs in the interpreter. */
	r->jit = pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0;
	r->src = hs_strdup(pattern);
	r->code = re;
	return true;
}

void rx_release(struct rx *r)
{
	pcre2_code_free(r->code);
	free(r->src);
	memset(r, 0, sizeof(*r));
}

void rx_list_release(struct rx_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		rx_release(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/*
 * One match context and one match block for every call: this process
 * matches from one thread. The block holds RX_PAIRS pairs; a pattern with
 * more groups still matches (pcre2_match returns 0: the ovector was too
 * small) and reports the pairs it has.
 */
#define RX_PAIRS 16

static pcre2_match_context *rx_mc;
static pcre2_match_data *rx_md;

static void rx_ready(void)
{
	if (rx_mc)
		return;
	rx_mc = pcre2_match_context_create(NULL);
	rx_md = pcre2_match_data_create(RX_PAIRS, NULL);
	if (!rx_mc || !rx_md)
		hs_die("out of memory");
	pcre2_set_match_limit(rx_mc, RX_MATCH_LIMIT);
	pcre2_set_depth_limit(rx_mc, RX_DEPTH_LIMIT);
	pcre2_set_heap_limit(rx_mc, RX_HEAP_LIMIT_KIB);
}

int rx_match(const struct rx *r, const char *s, size_t len, size_t *ov,
	     int nov)
{
	int rc, n = 0;

	if (!r->code)
		return 0;
	rx_ready();
	rc = pcre2_match(r->code, (PCRE2_SPTR)s, len, 0,
			 r->jit ? 0 : PCRE2_NO_JIT, rx_md, rx_mc);
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
		rc = pcre2_match(r->code, (PCRE2_SPTR)s, len, 0, PCRE2_NO_JIT,
				 rx_md, rx_mc);
	if (rc >= 0) {
		PCRE2_SIZE *v = pcre2_get_ovector_pointer(rx_md);
		int have = rc ? rc : RX_PAIRS;

		for (int i = 0; i < nov; i++) {
			bool set = i < have && v[2 * i] != PCRE2_UNSET;

			ov[2 * i] = set ? v[2 * i] : (size_t)-1;
			ov[2 * i + 1] = set ? v[2 * i + 1] : (size_t)-1;
		}
		n = have < nov ? have : nov;
	}
	return n;
}

void rx_free_state(void)
{
	pcre2_match_data_free(rx_md);
	pcre2_match_context_free(rx_mc);
	rx_md = NULL;
	rx_mc = NULL;
}

bool rx_search(const struct rx *r, const char *s, size_t len, size_t *start,
	       size_t *end, size_t *g_start, size_t *g_end)
{
	size_t ov[4];

	if (!rx_match(r, s, len, ov, 2))
		return false;
	if (start)
		*start = ov[0];
	if (end)
		*end = ov[1];
	if (g_start)
		*g_start = ov[2];
	if (g_end)
		*g_end = ov[3];
	return true;
}

bool rx_list_any(const struct rx_list *l, const char *s, size_t len,
		 size_t *which, size_t *start, size_t *end)
{
	for (size_t i = 0; i < l->n; i++)
		if (rx_search(&l->v[i], s, len, start, end, NULL, NULL)) {
			if (which)
				*which = i;
			return true;
		}
	return false;
}
