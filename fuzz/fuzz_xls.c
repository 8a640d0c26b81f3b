/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_xls.c: libFuzzer harness of hoso's part of the .xls reader (the
 * workbook check and the scan of the BIFF FORMULA/STRING records through
 * libgsf, the rebuilt container staged in a memfd), in process, with small
 * limits. It stops before FreeXL: FreeXL 1.0.6 reads past its buffers on
 * some workbooks the check lets through (found here, e.g. a 131 KB memcpy),
 * which in hoso is contained by the worker's sandbox, not fixed by it.
 */
#include <stdint.h>

#include "read/extract/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_limits lim = {1u << 20, 20000, 4u << 20, 200, 50, .ocr = false};
	struct doc d;

	/* hoso's own code: the workbook check, the formula results, the
	 * rebuilt container; FreeXL, not memory-safe on all it accepts, runs
	 * only in the sandboxed worker (see xls.c) */
	extract_xls_freexl = false;
	doc_init(&d, &lim);
	extract_document(&d, FMT_XLS, data, size);
	doc_release(&d);
	return 0;
}
