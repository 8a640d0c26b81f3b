/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * buf.c: the capped growable buffer (see buf.h for its invariants).
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char hs_buf_empty[1];

void hs_buf_init(struct hs_buf *b, size_t max)
{
	b->ptr = hs_buf_empty;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->over = false;
}

void hs_buf_release(struct hs_buf *b)
{
	size_t max = b->max;

	if (b->cap)
		free(b->ptr);
	hs_buf_init(b, max);
}

void hs_buf_reset(struct hs_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->ptr[0] = '\0';
	b->over = false;
}

void hs_buf_shrink(struct hs_buf *b)
{
	if (b->cap > b->len + 1) {
		b->ptr = hs_realloc(b->ptr, b->len + 1);
		b->cap = b->len + 1;
	}
}

char *hs_buf_detach(struct hs_buf *b, size_t *len)
{
	char *p;

	if (len)
		*len = b->len;
	p = b->cap ? b->ptr : hs_strdup("");
	hs_buf_init(b, b->max);
	return p;
}

static size_t room(const struct hs_buf *b)
{
	if (!b->max)
		return SIZE_MAX - 1 - b->len;
	return b->max > b->len ? b->max - b->len : 0;
}

static void reserve(struct hs_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t n;

	if (need <= b->cap)
		return;
	n = b->cap ? b->cap : 64;
	while (n < need)
		n = n > SIZE_MAX / 2 ? need : n * 2;
	if (b->cap) {
		b->ptr = hs_realloc(b->ptr, n);
	} else {
		b->ptr = hs_malloc(n);
		b->ptr[0] = '\0';
	}
	b->cap = n;
}

enum hs_status hs_buf_add(struct hs_buf *b, const void *data, size_t len)
{
	if (len > room(b)) {
		b->over = true;
		return HS_LIMIT;
	}
	if (!len)
		return HS_OK;
	reserve(b, len);
	memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return HS_OK;
}

enum hs_status hs_buf_adds(struct hs_buf *b, const char *s)
{
	return hs_buf_add(b, s, strlen(s));
}

enum hs_status hs_buf_addch(struct hs_buf *b, char c)
{
	return hs_buf_add(b, &c, 1);
}

enum hs_status hs_buf_add_utf8(struct hs_buf *b, int32_t cp)
{
	unsigned char u[4];
	size_t n;

	if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (unsigned char)(0xF0 | (cp >> 18));
		u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return hs_buf_add(b, u, n);
}

enum hs_status hs_buf_addf(struct hs_buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int n;
	enum hs_status st;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return HS_FAILED;
	if ((size_t)n < sizeof(small))
		return hs_buf_add(b, small, (size_t)n);
	{
		char *big = hs_malloc((size_t)n + 1);

		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		st = hs_buf_add(b, big, (size_t)n);
		free(big);
	}
	return st;
}

enum hs_status hs_buf_add_trunc(struct hs_buf *b, const void *data,
				size_t len)
{
	const unsigned char *s = data;
	size_t n = room(b);

	if (len <= n)
		return hs_buf_add(b, data, len);
	/* Step back over continuation bytes so no character is split. */
	while (n > 0 && (s[n] & 0xC0) == 0x80)
		n--;
	hs_buf_add(b, data, n);
	b->over = true;
	return HS_LIMIT;
}
