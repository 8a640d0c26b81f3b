/* SPDX-License-Identifier: GPL-3.0-or-later */
/* testutil.h: small helpers shared by the test files. */
#ifndef HOSO_TESTUTIL_H
#define HOSO_TESTUTIL_H

#include <stddef.h>

/* Reads fixtures/<rel> into a new buffer (caller frees); fails the test
 * if it cannot. */
unsigned char *tu_read_fixture(const char *rel, size_t *len);
/* Reads a whole file; NULL if it cannot. */
unsigned char *tu_read_file(const char *path, size_t *len);

#endif
