/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_vntext.c: libFuzzer harness of vntext (cleaning to NFC UTF-8, name
 * repair from CP437/CP1258, folding with its offset map) and of the
 * worker's wire format, the other text that crosses a trust boundary.
 */
#include <stdint.h>
#include <stdlib.h>

#include "base/vntext.h"
#include "read/worker.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hs_buf a = HS_BUF_INIT, b = HS_BUF_INIT, key = HS_BUF_INIT;
	struct extract_limits lim = {1u << 20, 20000, 4u << 20, 200, 50, .ocr = false};
	size_t *map = NULL;
	struct doc d;

	hs_buf_init(&a, 1u << 20);
	vntext_clean(&a, (const char *)data, size);
	if (!vntext_is_utf8(a.ptr, a.len))
		abort();
	vntext_fold(a.ptr, a.len, &key, &map);
	vntext_repair_name(data, size, &b);
	if (!vntext_is_utf8(b.ptr, b.len))
		abort();
	doc_init(&d, &lim);
	worker_decode(&d, data, size);
	doc_release(&d);
	free(map);
	hs_buf_release(&a);
	hs_buf_release(&b);
	hs_buf_release(&key);
	return 0;
}
