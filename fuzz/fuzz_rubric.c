/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_rubric.c: libFuzzer harness of the rubric loader (JSON text to a
 * checked rubric, or a JSON-path fault).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "understand/rubric.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *json = malloc(size + 1);
	char err[256];
	struct rubric *r;

	memcpy(json, data, size);
	json[size] = '\0';
	r = rubric_parse(json, "fuzz", err, sizeof(err));
	rubric_free(r);
	free(json);
	return 0;
}
