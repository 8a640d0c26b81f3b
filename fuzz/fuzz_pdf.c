/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_pdf.c: libFuzzer harness of the PDF text reader (poppler-glib), in
 * process (no worker), with small page and text limits.
 */
#include <stdint.h>

#include "read/extract/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_limits lim = {1u << 20, 20000, 4u << 20, 200, 20, .ocr = false};
	struct doc d;

	doc_init(&d, &lim);
	extract_pdf(&d, data, size);
	doc_release(&d);
	return 0;
}
