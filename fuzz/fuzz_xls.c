/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_xls.c: libFuzzer harness of the .xls reader (FreeXL on a memfd, and
 * hoso's own scan of the BIFF FORMULA/STRING records through libgsf), in
 * process, with small limits. FreeXL itself is not instrumented: what this
 * finds is hoso's code, crashes and FreeXL's memory use.
 */
#include <stdint.h>

#include "extract/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_limits lim = {1u << 20, 20000, 4u << 20, 200, 50, .ocr = false};
	struct doc d;

	doc_init(&d, &lim);
	extract_document(&d, FMT_XLS, data, size);
	doc_release(&d);
	return 0;
}
