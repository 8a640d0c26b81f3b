/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hs.c: allocation policy and stderr messages shared by the whole program.
 */
#include "hs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *hs_strerror(enum hs_status st)
{
	switch (st) {
	case HS_OK:
		return "ok";
	case HS_WARN:
		return "partial";
	case HS_LIMIT:
		return "limit exceeded";
	case HS_FAILED:
		return "failed";
	case HS_FATAL:
		return "fatal error";
	}
	return "unknown status";
}

static _Noreturn void oom(size_t n)
{
	fprintf(stderr, "hoso: out of memory (%zu bytes)\n", n);
	abort();
}

void *hs_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *hs_calloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		oom(nmemb * size);
	return p;
}

void *hs_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *hs_strndup(const char *s, size_t n)
{
	char *p = hs_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *hs_strdup(const char *s)
{
	return hs_strndup(s, strlen(s));
}

void hs_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t n;

	if (need <= *cap)
		return;
	n = *cap ? *cap : 8;
	while (n < need) {
		if (n > SIZE_MAX / 2 / elem)
			oom(SIZE_MAX);
		n *= 2;
	}
	*arr = hs_realloc(*arr, n * elem);
	*cap = n;
}

char *hs_asprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return hs_strdup("");
	p = hs_malloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void hs_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("hoso: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void hs_die(const char *fmt, ...)
{
	va_list ap;

	fputs("hoso: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

int hs_tmpfd(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (!dir || !*dir || strlen(dir) > 4000)
		dir = "/tmp";
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
#endif
	snprintf(path, sizeof(path), "%s/hoso-XXXXXX", dir);
	fd = mkostemp(path, O_CLOEXEC);
	if (fd >= 0)
		unlink(path);
	return fd;
}

bool hs_pread_all(int fd, void *p, size_t n, uint64_t at)
{
	unsigned char *b = p;

	while (n) {
		ssize_t k = pread(fd, b, n, (off_t)at);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (!k)
				errno = 0;
			return false;
		}
		b += k;
		n -= (size_t)k;
		at += (uint64_t)k;
	}
	return true;
}

bool hs_pwrite_all(int fd, const void *p, size_t n, uint64_t at)
{
	const unsigned char *b = p;

	while (n) {
		ssize_t k = pwrite(fd, b, n, (off_t)at);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		b += k;
		n -= (size_t)k;
		at += (uint64_t)k;
	}
	return true;
}
