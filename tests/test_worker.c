/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_worker.c: the wire format survives a round trip and rejects
 * garbage; a worker that crashes, hangs or floods becomes a status, and
 * the pool goes on with the next document.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suites.h"
#include "worker.h"

static void sample(struct doc *d)
{
	doc_init(d, NULL);
	d->format = FMT_XLSX;
	doc_add_text(d, "Trang một\n", strlen("Trang một\n"));
	doc_end_page(d);
	doc_add_text(d, "Trang hai\n", strlen("Trang hai\n"));
	doc_end_page(d);
	d->nsheets = 2;
	doc_set_encoding(d, DOC_ENC_TCVN3);
	doc_table_new(d, "Danh sách", 1);
	doc_row_new(d, 3);
	doc_cell_add(d, 0, "Nguyễn Văn A", strlen("Nguyễn Văn A"), false, 0);
	doc_cell_add(d, 2, "1250", 4, true, 1250.0);
	doc_note(d, HS203, "converted from %s", "tcvn3");
	doc_set_status(d, DOC_LIMIT_EXCEEDED, "too many cells");
}

START_TEST(wire_round_trip)
{
	struct doc a, b;
	struct hs_buf wire = HS_BUF_INIT;

	sample(&a);
	worker_encode(&a, &wire);
	doc_init(&b, NULL);
	ck_assert_int_eq(worker_decode(&b, (unsigned char *)wire.ptr, wire.len),
			 HS_OK);
	ck_assert_str_eq(b.text.ptr, a.text.ptr);
	ck_assert_uint_eq(b.npages, 2);
	ck_assert_uint_eq(b.page_ends[0], strlen("Trang một\n"));
	ck_assert_uint_eq(b.nsheets, 2);
	ck_assert_int_eq(b.encoding, DOC_ENC_TCVN3);
	ck_assert_int_eq(b.status, DOC_LIMIT_EXCEEDED);
	ck_assert_str_eq(b.reason, "too many cells");
	ck_assert_uint_eq(b.ntables, 1);
	ck_assert_str_eq(b.tables[0].name, "Danh sách");
	ck_assert_uint_eq(b.tables[0].rows[0].index, 3);
	ck_assert_uint_eq(b.tables[0].rows[0].ncells, 2);
	ck_assert_uint_eq(b.tables[0].rows[0].cells[1].col, 2);
	ck_assert(b.tables[0].rows[0].cells[1].is_num);
	ck_assert(b.tables[0].rows[0].cells[1].num == 1250.0);
	ck_assert_uint_eq(b.nnotes, 1);
	ck_assert_int_eq(b.notes[0].code, HS203);
	doc_release(&a);
	doc_release(&b);
	hs_buf_release(&wire);
}
END_TEST

START_TEST(wire_rejects_garbage)
{
	struct doc a, b;
	struct hs_buf wire = HS_BUF_INIT;

	sample(&a);
	worker_encode(&a, &wire);
	/* every truncation and a flipped length must fail cleanly */
	for (size_t cut = 1; cut < wire.len; cut += 7) {
		doc_init(&b, NULL);
		worker_decode(&b, (unsigned char *)wire.ptr, cut);
		doc_release(&b);
	}
	wire.ptr[1] = (char)0xff;
	wire.ptr[4] = 0x7f;
	doc_init(&b, NULL);
	ck_assert_int_eq(worker_decode(&b, (unsigned char *)wire.ptr, wire.len),
			 HS_FAILED);
	doc_release(&b);
	doc_init(&b, NULL);
	ck_assert_int_eq(worker_decode(&b, (const unsigned char *)"Zxxxx", 5),
			 HS_FAILED);
	doc_release(&b);
	doc_release(&a);
	hs_buf_release(&wire);
}
END_TEST

/* Behaviours put in the worker by the test, chosen by the first byte. */
static void hostile_extract(struct doc *d, enum doc_format fmt,
			    const unsigned char *data, size_t len)
{
	(void)fmt;
	(void)len;
	switch (data[0]) {
	case 'c': /* crash */
		raise(SIGSEGV);
		break;
	case 'h': /* hang */
		for (;;)
			pause();
	case 'w': { /* try to write a file: RLIMIT_FSIZE 0 kills it */
		FILE *f = fopen("/tmp/hoso-worker-must-not-write", "w");

		if (f) {
			fputs("x", f);
			fflush(f);
			fclose(f);
		}
		break;
	}
	default:
		doc_add_text(d, (const char *)data, len);
	}
}

struct results {
	struct doc docs[5];
	bool seen[5];
};

static void collect(void *ctx, size_t id, struct doc *d)
{
	struct results *r = ctx;

	r->docs[id] = *d;
	r->seen[id] = true;
}

START_TEST(pool_isolates_failures)
{
	struct worker_limits wl = {0, 5, 2};
	struct extract_limits el = EXTRACT_LIMITS_DEFAULT;
	struct results r = {0};
	struct pool *p = pool_new(2, &wl, &el, collect, &r);

	unlink("/tmp/hoso-worker-must-not-write");
	pool_set_extractor(p, hostile_extract);
	pool_submit(p, 0, FMT_TXT, (const unsigned char *)"ok one", 6);
	pool_submit(p, 1, FMT_TXT, (const unsigned char *)"c", 1);
	pool_submit(p, 2, FMT_TXT, (const unsigned char *)"h", 1);
	pool_submit(p, 3, FMT_TXT, (const unsigned char *)"w", 1);
	pool_submit(p, 4, FMT_TXT, (const unsigned char *)"ok two", 6);
	pool_finish(p);
	pool_free(p);
	for (int i = 0; i < 5; i++)
		ck_assert_msg(r.seen[i], "document %d has no result", i);
	ck_assert_int_eq(r.docs[0].status, DOC_OK);
	ck_assert_str_eq(r.docs[0].text.ptr, "ok one");
	ck_assert_int_eq(r.docs[1].status, DOC_UNREADABLE);
	ck_assert_int_eq(r.docs[1].notes[0].code, HS201);
	ck_assert_int_eq(r.docs[2].status, DOC_LIMIT_EXCEEDED);
	ck_assert_int_eq(r.docs[2].notes[0].code, HS106);
	/* Landlock: the file is never created; without it, the first
	 * write kills the worker (RLIMIT_FSIZE 0). */
	if (worker_fs_sandbox_available())
		ck_assert_int_ne(access("/tmp/hoso-worker-must-not-write", F_OK), 0);
	else
		ck_assert_int_eq(r.docs[3].status, DOC_UNREADABLE);
	ck_assert_int_eq(r.docs[4].status, DOC_OK);
	ck_assert_str_eq(r.docs[4].text.ptr, "ok two");
	for (int i = 0; i < 5; i++)
		doc_release(&r.docs[i]);
}
END_TEST

Suite *worker_suite(void)
{
	Suite *s = suite_create("worker");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, wire_round_trip);
	tcase_add_test(tc, wire_rejects_garbage);
	tcase_add_test(tc, pool_isolates_failures);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
