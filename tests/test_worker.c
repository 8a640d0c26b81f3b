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
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "suites.h"
#include "read/source.h"
#include "read/worker.h"

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

static void rec(struct hs_buf *w, char tag, uint32_t u, bool with_u)
{
	uint32_t n = with_u ? 4 : 0;

	hs_buf_addch(w, tag);
	hs_buf_add(w, &n, 4);
	if (with_u)
		hs_buf_add(w, &u, 4);
}

/* Finding 6: a hostile result cannot pile up tables, rows or pages. */
START_TEST(wire_caps_tables_rows_pages)
{
	struct extract_limits el = EXTRACT_LIMITS_DEFAULT;
	struct hs_buf w = HS_BUF_INIT;
	struct doc d;

	el.cells_max = 1000;
	el.pages_max = 100;
	for (uint32_t k = 0; k < 20000; k++)
		rec(&w, 'B', 1, true);
	for (uint32_t k = 0; k < 5000; k++)
		rec(&w, 'W', k, true);
	for (uint32_t k = 0; k < 5000; k++)
		rec(&w, 'P', 0, false);
	doc_init(&d, &el);
	ck_assert_int_eq(worker_decode(&d, (unsigned char *)w.ptr, w.len), HS_OK);
	ck_assert_uint_eq(d.ntables, DOC_TABLES_MAX);
	ck_assert_uint_le(d.nrows_bare, 1000);
	ck_assert_uint_eq(d.npages, 100);
	ck_assert_int_eq(d.status, DOC_LIMIT_EXCEEDED);
	ck_assert_int_eq(d.notes[0].code, HS106);
	doc_release(&d);
	hs_buf_release(&w);
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
	struct doc docs[16];
	bool seen[16];
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

#define SECRET "/tmp/hoso-worker-secret"

static void say(struct doc *d, const char *what, bool ok)
{
	char msg[64];

	snprintf(msg, sizeof(msg), "%s %s", what, ok ? "allowed" : "denied");
	doc_add_text(d, msg, strlen(msg));
}

/* Escapes a worker might try once its document took it over. */
static void escape_extract(struct doc *d, enum doc_format fmt,
			   const unsigned char *data, size_t len)
{
	(void)fmt;
	(void)len;
	switch (data[0]) {
	case 'n': { /* network */
		int fd = socket(AF_INET, SOCK_STREAM, 0);

		say(d, "socket", fd >= 0);
		break;
	}
	case 'r': { /* read a file outside the library folders */
		int fd = open(SECRET, O_RDONLY);

		say(d, "read", fd >= 0);
		break;
	}
	case 't': /* shrink a file: RLIMIT_FSIZE does not stop this */
		say(d, "truncate", truncate(SECRET, 0) == 0);
		break;
	case 'e': { /* run another program */
		char *argv[] = {"/bin/true", NULL};

		execv("/bin/true", argv);
		say(d, "exec", false);
		break;
	}
	case 'x': /* end the result early, then never exit */
		close(3);
		for (;;)
			pause();
	case 'f': { /* a grandchild keeps the result pipe open */
		pid_t pid = fork();

		if (pid == 0) {
			sleep(30);
			_exit(0);
		}
		for (;;)
			pause();
	}
	case 'o': { /* flood the pipe past the parent's cap */
		static char junk[1 << 20];

		memset(junk, 'T', sizeof(junk));
		for (int k = 0; k < 200; k++)
			if (write(3, junk, sizeof(junk)) < 0)
				_exit(0);
		_exit(0);
	}
	default:
		doc_add_text(d, (const char *)data, len);
	}
}

/* Reviewer findings 3, 5 and 12: escapes fail, hangs end, messages fit. */
START_TEST(pool_sandbox_and_hangs)
{
	struct worker_limits wl = {0, 5, 3};
	struct extract_limits el = EXTRACT_LIMITS_DEFAULT;
	struct results r = {0};
	struct pool *p;
	struct rusage ru0, ru1;
	double t0, t1, cpu;
	FILE *f = fopen(SECRET, "w");
	struct stat st;

	ck_assert_ptr_nonnull(f);
	fputs("mật khẩu\n", f);
	fclose(f);
	el.text_max = 1 << 20;
	getrusage(RUSAGE_SELF, &ru0);
	t0 = source_now();
	p = pool_new(2, &wl, &el, collect, &r);
	pool_set_extractor(p, escape_extract);
	pool_submit(p, 0, FMT_TXT, (const unsigned char *)"n", 1);
	pool_submit(p, 1, FMT_TXT, (const unsigned char *)"r", 1);
	pool_submit(p, 2, FMT_TXT, (const unsigned char *)"t", 1);
	pool_submit(p, 3, FMT_TXT, (const unsigned char *)"e", 1);
	pool_submit(p, 4, FMT_TXT, (const unsigned char *)"x", 1);
	pool_submit(p, 5, FMT_TXT, (const unsigned char *)"f", 1);
	pool_submit(p, 6, FMT_TXT, (const unsigned char *)"o", 1);
	pool_submit(p, 7, FMT_TXT, (const unsigned char *)"still read", 10);
	pool_finish(p);
	pool_free(p);
	t1 = source_now();
	getrusage(RUSAGE_SELF, &ru1);
	cpu = (double)(ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec) +
	      (double)(ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec) / 1e6 +
	      (double)(ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec) +
	      (double)(ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec) / 1e6;
	for (int i = 0; i < 8; i++)
		ck_assert_msg(r.seen[i], "document %d has no result", i);
	if (worker_seccomp_available()) {
		ck_assert_str_eq(r.docs[0].text.ptr, "socket denied");
		ck_assert_str_eq(r.docs[3].text.ptr, "exec denied");
	}
	if (worker_fs_sandbox_available()) {
		ck_assert_str_eq(r.docs[1].text.ptr, "read denied");
		ck_assert_str_eq(r.docs[2].text.ptr, "truncate denied");
	}
	ck_assert_int_eq(stat(SECRET, &st), 0);
	ck_assert_int_gt(st.st_size, 0);
	/* closed its result and hung: stopped after the linger time */
	ck_assert_int_eq(r.docs[4].status, DOC_UNREADABLE);
	ck_assert_int_eq(r.docs[4].notes[0].code, HS201);
	/* hung with a grandchild (or a denied fork): the deadline */
	ck_assert_int_eq(r.docs[5].status, DOC_LIMIT_EXCEEDED);
	ck_assert_int_eq(r.docs[5].notes[0].code, HS106);
	ck_assert_ptr_nonnull(strstr(r.docs[5].reason, "--timeout"));
	/* oversized result: a limit, not a crash */
	ck_assert_int_eq(r.docs[6].status, DOC_LIMIT_EXCEEDED);
	ck_assert_int_eq(r.docs[6].notes[0].code, HS106);
	ck_assert_ptr_null(strstr(r.docs[6].reason, "bị lỗi"));
	ck_assert_ptr_nonnull(strstr(r.docs[6].reason, "vượt"));
	ck_assert_int_eq(r.docs[7].status, DOC_OK);
	ck_assert_str_eq(r.docs[7].text.ptr, "still read");
	/* bounded: the 3 s deadline plus a little, and no busy loop */
	ck_assert_msg(t1 - t0 < 15, "pool took %.1f s", t1 - t0);
	ck_assert_msg(cpu < 3, "parent used %.2f s of CPU", cpu);
	for (int i = 0; i < 8; i++)
		doc_release(&r.docs[i]);
	unlink(SECRET);
}
END_TEST

/* A CPU-bound worker is named after --max-cpu, not --timeout. */
static void spin_extract(struct doc *d, enum doc_format fmt,
			 const unsigned char *data, size_t len)
{
	volatile unsigned long x = 0;

	(void)d; (void)fmt; (void)data; (void)len;
	for (;;)
		x++;
}

START_TEST(pool_cpu_limit_message)
{
	struct worker_limits wl = {0, 1, 20};
	struct extract_limits el = EXTRACT_LIMITS_DEFAULT;
	struct results r = {0};
	struct pool *p = pool_new(1, &wl, &el, collect, &r);

	pool_set_extractor(p, spin_extract);
	pool_submit(p, 0, FMT_TXT, (const unsigned char *)"s", 1);
	pool_finish(p);
	pool_free(p);
	ck_assert(r.seen[0]);
	ck_assert_int_eq(r.docs[0].status, DOC_LIMIT_EXCEEDED);
	ck_assert_ptr_nonnull(strstr(r.docs[0].reason, "--max-cpu"));
	doc_release(&r.docs[0]);
}
END_TEST

Suite *worker_suite(void)
{
	Suite *s = suite_create("worker");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, wire_round_trip);
	tcase_add_test(tc, wire_rejects_garbage);
	tcase_add_test(tc, wire_caps_tables_rows_pages);
	tcase_add_test(tc, pool_isolates_failures);
	tcase_add_test(tc, pool_sandbox_and_hangs);
	tcase_add_test(tc, pool_cpu_limit_message);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
