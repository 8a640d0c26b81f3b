/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_msdoc.c: libFuzzer harness of the Word readers that are not zips:
 * .doc (OLE streams, FIB, piece table, FKPs), RTF and Word 2003 XML, in
 * process, with small limits. Anything that is not sniffed as RTF or Word
 * XML goes to the .doc reader.
 */
#include <stdint.h>

#include "read/extract/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_limits lim = {1u << 20, 20000, 4u << 20, 200, 50, .ocr = false};
	struct doc d;
	enum doc_format f = sniff_format(data, size, NULL);

	if (f != FMT_RTF && f != FMT_WORDML)
		f = FMT_DOC;
	doc_init(&d, &lim);
	extract_document(&d, f, data, size);
	doc_release(&d);
	return 0;
}
