/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_archive.c: libFuzzer harness of the archive walk (source.c): any
 * bytes as an input file, nested archives included, under small budgets.
 */
#include <stdint.h>
#include <string.h>

#include "read/source.h"

static void touch(void *ctx, const struct source_entry *e)
{
	size_t *sum = ctx;

	/* Read every byte handed out, so ASan sees a bad view. */
	for (size_t i = 0; e->data && i < e->size; i += 4096)
		*sum += e->data[i];
	*sum += strlen(e->path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source_limits lim = SOURCE_LIMITS_DEFAULT;
	struct source s;
	size_t sum = 0;
	/* The first byte picks a name, so name-based paths run too. */
	static const char *const names[] = {"hoso.zip", "hoso.7z", "hoso.tar.gz",
					    "hoso.rar", "bao-cao.pdf.gz",
					    "hoso.7z.001"};

	lim.entry_max = 8u << 20;
	lim.total_max = 32u << 20;
	lim.entries_max = 1000;
	lim.time_max = 20;
	source_init(&s, &lim);
	source_walk_memory(&s, names[size ? data[0] % 6 : 0], data, size,
			   touch, &sum);
	source_release(&s);
	return 0;
}
