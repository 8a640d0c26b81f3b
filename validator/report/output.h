/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * output.h: writing what the user named with -o, and nothing else.
 *
 * A regular file is written beside its name and renamed into place, so a
 * failed run leaves the old one whole. A character device or a FIFO
 * (/dev/null, a pipe), or a link to one (/dev/stdout), is written
 * through, never replaced; a FIFO waits for its reader. Any other
 * symbolic link, a folder, a block device, a socket, an input and a file
 * inside an input folder are refused with a message in the user's
 * language; callers exit 2.
 * NULL path: standard output.
 */
#ifndef HOSO_OUTPUT_H
#define HOSO_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/messages.h"

/*
 * May path be written, given the inputs of the run? False with the reason
 * written to why (in lang) when it names a symlink, a folder, a block
 * device or socket, one of the inputs (same device and inode), or an
 * existing file inside an input folder. A path that does not exist yet
 * is fine.
 */
bool output_allowed(const char *path, const char *const *inputs,
		    size_t ninputs, enum hs_lang lang, char *why, size_t len);

/* The whole of data to path (NULL: stdout); 0, or -1 with a warning. */
int output_write(const char *path, const char *data, size_t len,
		 enum hs_lang lang);
/*
 * The bytes of fd from offset `at` to its end, read in blocks, and a final
 * newline when nl: a large verdict goes out without being held.
 */
int output_write_fd(const char *path, int fd, uint64_t at, bool nl,
		    enum hs_lang lang);

#endif
