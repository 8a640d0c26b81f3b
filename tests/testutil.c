/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

unsigned char *tu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		size_t got;

		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap + 1);
			if (!buf)
				abort();
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

unsigned char *tu_read_fixture(const char *rel, size_t *len)
{
	char path[4096];
	unsigned char *b;

	snprintf(path, sizeof(path), "%s/%s", HOSO_FIXTURES, rel);
	b = tu_read_file(path, len);
	ck_assert_msg(b != NULL, "cannot read fixture %s", path);
	return b;
}
