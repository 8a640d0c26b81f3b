/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_office.c: libFuzzer harness of the office readers (docx, xlsx, odt,
 * ods: the inner zip and the XML parts), in process, with small limits.
 */
#include <stdint.h>

#include "read/extract/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_limits lim = {1u << 20, 20000, 4u << 20, 200, 50, .ocr = false};
	struct doc d;
	enum doc_format f = sniff_format(data, size, NULL);

	/* Any zip goes to one of the four readers, by its first bytes. */
	if (f != FMT_DOCX && f != FMT_XLSX && f != FMT_ODT && f != FMT_ODS)
		f = size > 8 ? (enum doc_format[]){FMT_DOCX, FMT_XLSX, FMT_ODT,
						   FMT_ODS}[data[8] % 4]
			     : FMT_DOCX;
	doc_init(&d, &lim);
	extract_document(&d, f, data, size);
	doc_release(&d);
	return 0;
}
