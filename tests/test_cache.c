/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_cache.c: the cache of extracted documents (--cache). A hit gives
 * the same JSON as a run without a cache; a damaged, foreign or linked
 * cache file is ignored (the output is what a fresh read gives); other
 * limits use other entries; a cache folder that cannot be used does not
 * stop the run. No timing here: the bench measures the speed.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/cache.h"
#include "read/dossier.h"
#include "read/source.h"
#include "report/report.h"
#include "suites.h"
#include "testutil.h"

#define INPUT HOSO_FIXTURES "/check/tt25-muc-do-2"

static void options(struct dossier_options *o, const char *cache_dir)
{
	static const struct source_limits sl = SOURCE_LIMITS_DEFAULT;
	static const struct extract_limits el = EXTRACT_LIMITS_DEFAULT;
	static const struct worker_limits wl = WORKER_LIMITS_DEFAULT;

	memset(o, 0, sizeof(*o));
	o->source = sl;
	o->extract = el;
	o->worker = wl;
	o->jobs = 2;
	o->cache_dir = cache_dir;
}

/* The extract JSON, whole text, of INPUT (caller frees). */
static char *extract_json(const struct dossier_options *o)
{
	struct report_options ro = {.full_text = true, .snippet = 200,
				    .rows_shown = 20};
	struct dossier dx;
	char *out;

	dossier_read(&dx, INPUT, o);
	out = report_extract_json(&dx, o, &ro);
	dossier_release(&dx);
	return out;
}

/* Names of the regular cache files in dir, sorted; returns how many. */
static size_t cache_files(const char *dir, char ***names)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t n = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		v = realloc(v, (n + 1) * sizeof(*v));
		v[n++] = strdup(de->d_name);
	}
	closedir(d);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
			char *t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	*names = v;
	return n;
}

static void free_names(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char *path_in(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);

	snprintf(p, strlen(dir) + strlen(name) + 2, "%s/%s", dir, name);
	return p;
}

static void rm_rf(const char *dir)
{
	char **v;
	size_t n = cache_files(dir, &v);

	for (size_t i = 0; i < n; i++) {
		char *p = path_in(dir, v[i]);

		unlink(p);
		free(p);
	}
	free_names(v, n);
	rmdir(dir);
}

static void write_bytes(const char *path, const void *s, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(s, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(hit_gives_identical_json)
{
	char dir[] = "/tmp/hoso-cache-test.XXXXXX";
	struct dossier_options o;
	char *fresh, *cold, *warm, **v;
	size_t n, n2;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	options(&o, NULL);
	fresh = extract_json(&o);
	options(&o, dir);
	cold = extract_json(&o);
	n = cache_files(dir, &v);
	/* 24 documents, all read by workers, none failed: one file each. */
	ck_assert_uint_eq(n, 24);
	free_names(v, n);
	warm = extract_json(&o);
	n2 = cache_files(dir, &v);
	ck_assert_uint_eq(n2, n);
	free_names(v, n2);
	ck_assert_str_eq(cold, fresh);
	ck_assert_str_eq(warm, fresh);
	free(fresh);
	free(cold);
	free(warm);
	rm_rf(dir);
}
END_TEST

START_TEST(cache_really_used)
{
	char dir[] = "/tmp/hoso-cache-test.XXXXXX";
	struct extract_limits el = EXTRACT_LIMITS_DEFAULT;
	struct cache *c;
	struct doc d, got;
	const char *sha = "0123456789abcdef0123456789abcdef"
			  "0123456789abcdef0123456789abcdef";

	ck_assert_ptr_nonnull(mkdtemp(dir));
	c = cache_open(dir, &el);
	doc_init(&d, &el);
	d.format = FMT_DOCX;
	doc_add_text(&d, "Kế hoạch số 12/KH-UBND\n", strlen("Kế hoạch số 12/KH-UBND\n"));
	doc_init(&got, &el);
	got.format = FMT_DOCX;
	ck_assert(!cache_get(c, sha, FMT_DOCX, &got));
	cache_put(c, sha, FMT_DOCX, &d);
	ck_assert_uint_eq(cache_writes(c), 1);
	ck_assert(cache_get(c, sha, FMT_DOCX, &got));
	ck_assert_str_eq(got.text.ptr, d.text.ptr);
	ck_assert_int_eq(got.format, FMT_DOCX);
	/* Another format of the same bytes is another entry. */
	doc_release(&got);
	doc_init(&got, &el);
	ck_assert(!cache_get(c, sha, FMT_PDF, &got));
	ck_assert_uint_eq(cache_hits(c), 1);
	/* What a crash or a time limit gave is not kept. */
	doc_set_status(&d, DOC_UNREADABLE, "the reader crashed");
	cache_put(c, sha, FMT_XLSX, &d);
	ck_assert_uint_eq(cache_writes(c), 1);
	doc_release(&d);
	doc_release(&got);
	cache_free(c);
	rm_rf(dir);
}
END_TEST

START_TEST(corrupt_entries_ignored)
{
	char dir[] = "/tmp/hoso-cache-test.XXXXXX";
	struct dossier_options o;
	char *fresh, *out, **v;
	size_t n, len;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	options(&o, NULL);
	fresh = extract_json(&o);
	options(&o, dir);
	free(extract_json(&o));
	n = cache_files(dir, &v);
	ck_assert_uint_ge(n, 6);
	{
		/* 0: a flipped byte in the payload (checksum no longer agrees) */
		char *p = path_in(dir, v[0]);
		unsigned char *b = tu_read_file(p, &len);

		ck_assert_ptr_nonnull(b);
		b[len - 1] ^= 0x55;
		write_bytes(p, b, len);
		free(b);
		free(p);
	}
	{
		/* 1: another entry's file under this name (foreign key) */
		char *p = path_in(dir, v[1]), *q = path_in(dir, v[2]);
		unsigned char *b = tu_read_file(q, &len);

		write_bytes(p, b, len);
		free(b);
		free(p);
		free(q);
	}
	{
		/* 3: truncated; 4: garbage; 5: a symbolic link to a good entry */
		char *p = path_in(dir, v[3]);
		unsigned char *b = tu_read_file(p, &len);

		write_bytes(p, b, len / 2);
		free(b);
		free(p);
		p = path_in(dir, v[4]);
		write_bytes(p, "hoso-cache/1\n\xff\xff garbage", 22);
		free(p);
		p = path_in(dir, v[5]);
		unlink(p);
		ck_assert_int_eq(symlink(v[2], p), 0);
		free(p);
	}
	out = extract_json(&o);
	ck_assert_str_eq(out, fresh);
	free(out);
	/* The damaged files were replaced by good ones: a hit is right again. */
	out = extract_json(&o);
	ck_assert_str_eq(out, fresh);
	free(out);
	{
		struct stat st;
		char *p = path_in(dir, v[5]);

		ck_assert_int_eq(lstat(p, &st), 0);
		ck_assert(S_ISREG(st.st_mode));
		free(p);
	}
	free_names(v, n);
	free(fresh);
	rm_rf(dir);
}
END_TEST

START_TEST(limits_select_other_entries)
{
	char dir[] = "/tmp/hoso-cache-test.XXXXXX";
	struct dossier_options o;
	char **v;
	size_t n;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	options(&o, dir);
	free(extract_json(&o));
	n = cache_files(dir, &v);
	free_names(v, n);
	/* Other extract limits: results may differ, so nothing is reused. */
	o.extract.text_max = 5u << 20;
	free(extract_json(&o));
	ck_assert_uint_eq(cache_files(dir, &v), 2 * n);
	free_names(v, 2 * n);
	rm_rf(dir);
}
END_TEST

START_TEST(unusable_folder_still_runs)
{
	char dir[] = "/tmp/hoso-cache-test.XXXXXX";
	struct dossier_options o;
	char *fresh, *out, *file, *below;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	options(&o, NULL);
	fresh = extract_json(&o);
	/* A file where the folder should be, and a folder below a file:
	 * neither can be created, opened or written (even by root). */
	file = path_in(dir, "not-a-folder");
	write_bytes(file, "x", 1);
	options(&o, file);
	out = extract_json(&o);
	ck_assert_str_eq(out, fresh);
	free(out);
	below = path_in(file, "cache");
	options(&o, below);
	out = extract_json(&o);
	ck_assert_str_eq(out, fresh);
	free(out);
	free(below);
	unlink(file);
	free(file);
	free(fresh);
	rmdir(dir);
}
END_TEST

START_TEST(hook_reads_the_cache)
{
	char dir[] = "/tmp/hoso-cache-test.XXXXXX";
	static const char rel[] = "check/tt25-muc-do-2/Tiêu chí 2/"
				  "Quy chế phối hợp xây dựng XHHT.pdf";
	static const char mark[] = "VĂN BẢN LẤY TỪ BỘ NHỚ ĐỆM\n";
	struct dossier_options o;
	struct cache *c;
	struct doc d;
	char sha[65], *out;
	size_t len;
	unsigned char *b = tu_read_fixture(rel, &len);

	ck_assert_ptr_nonnull(mkdtemp(dir));
	source_sha256(b, len, sha);
	free(b);
	options(&o, dir);
	/* A planted entry (as a trusted writer would store it) is what the
	 * run reports: the document was not parsed again. */
	c = cache_open(dir, &o.extract);
	doc_init(&d, &o.extract);
	doc_add_text(&d, mark, strlen(mark));
	cache_put(c, sha, FMT_PDF, &d);
	doc_release(&d);
	cache_free(c);
	out = extract_json(&o);
	ck_assert_ptr_nonnull(strstr(out, "VĂN BẢN LẤY TỪ BỘ NHỚ ĐỆM"));
	free(out);
	rm_rf(dir);
}
END_TEST

/* Texts and tables in the spill file come back whole: the extract JSON
 * (whole texts, every table) is the same as with everything held. */
START_TEST(spill_gives_identical_json)
{
	struct dossier_options o;
	struct dossier dx;
	char *held, *spilled;
	size_t nspilled = 0, ntext = 0;

	options(&o, NULL);
	o.hold = true;
	held = extract_json(&o);
	o.hold = false;
	spilled = extract_json(&o);
	ck_assert_str_eq(held, spilled);
	free(held);
	free(spilled);
	/* and they really were spilled: nothing of them stays held */
	dossier_read(&dx, INPUT, &o);
	for (size_t i = 0; i < dx.ndocs; i++) {
		if (!dx.docs[i].text_len)
			continue;
		ntext++;
		nspilled += dx.docs[i].spilled;
		ck_assert_uint_eq(dx.docs[i].doc.text.len, 0);
		ck_assert_uint_eq(dx.docs[i].doc.ntables, 0);
	}
	ck_assert_uint_gt(ntext, 10);
	ck_assert_uint_eq(nspilled, ntext);
	dossier_release(&dx);
}
END_TEST

/* Output of a command run by sh -c (stdout through a pipe); caller frees. */
static char *sh_out(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	char *buf = NULL;
	size_t len = 0, n;
	char blk[65536];

	ck_assert_ptr_nonnull(p);
	while ((n = fread(blk, 1, sizeof(blk), p)) > 0) {
		buf = realloc(buf, len + n + 1);
		memcpy(buf + len, blk, n);
		len += n;
	}
	pclose(p);
	if (!buf)
		buf = calloc(1, 1);
	buf[len] = '\0';
	return buf;
}

/* Files that cannot grow past 40 KiB (RLIMIT_FSIZE, as on a full disk:
 * enough for each document's way to its worker, not for the spill file,
 * about 65 KB here, nor the verdict's temporary file, 60 KB) stop
 * spilling, not the check: the same verdict, from memory. */
START_TEST(full_disk_same_verdict)
{
	char cmd[4096], *a, *b;

	snprintf(cmd, sizeof(cmd),
		 "'%s' check '%s' --no-cache -f json 2>/dev/null", HOSO_BIN,
		 HOSO_FIXTURES "/check/tt25-khong-dau.zip");
	a = sh_out(cmd);
	snprintf(cmd, sizeof(cmd),
		 "bash -c \"trap '' XFSZ; ulimit -f 40; '%s' check '%s' --no-cache "
		 "-f json\" 2>/dev/null", HOSO_BIN,
		 HOSO_FIXTURES "/check/tt25-khong-dau.zip");
	b = sh_out(cmd);
	ck_assert_uint_gt(strlen(a), 50000);
	ck_assert_msg(!strcmp(a, b), "the verdict changed when files could not grow");
	free(a);
	free(b);
}
END_TEST

/* ---- the verdict of an unchanged dossier (hoso check, memo) ---- */

#define MEMO_INPUT HOSO_FIXTURES "/check/tt25-khong-dau.zip"
#define PAYLOAD_AT (13 + 65 + 65 + 8) /* CACHE_HEAD of cache.c */

/* Runs hoso with args (stdout and stderr to /dev/null); its exit status. */
static int hoso(const char *args)
{
	char cmd[4096];
	int st;

	snprintf(cmd, sizeof(cmd), "'%s' %s >/dev/null 2>&1", HOSO_BIN, args);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The cache files of dir that hold a verdict ("0\n{" or "1\n{"). */
static size_t memo_files(const char *dir, char ***out)
{
	char **v, **m = NULL;
	size_t n = cache_files(dir, &v), k = 0;

	for (size_t i = 0; i < n; i++) {
		char *p = path_in(dir, v[i]);
		size_t len;
		unsigned char *b = tu_read_file(p, &len);

		if (b && len > PAYLOAD_AT + 3 &&
		    (b[PAYLOAD_AT] == '0' || b[PAYLOAD_AT] == '1') &&
		    b[PAYLOAD_AT + 1] == '\n' && b[PAYLOAD_AT + 2] == '{') {
			m = realloc(m, (k + 1) * sizeof(*m));
			m[k++] = strdup(p);
		}
		free(b);
		free(p);
	}
	free_names(v, n);
	*out = m;
	return k;
}

static char *slurp(const char *path)
{
	size_t len;

	return (char *)tu_read_file(path, &len);
}

START_TEST(verdict_memo)
{
	char dir[] = "/tmp/hoso-memo-test.XXXXXX";
	char args[2048], *cache, *a, *b, *c, **m;
	size_t n0, n1, nm;
	int code;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	cache = path_in(dir, "cache");
	snprintf(args, sizeof(args), "check '%s' --cache '%s' -f json -o '%s/a.json'",
		 MEMO_INPUT, cache, dir);
	code = hoso(args);
	ck_assert_int_le(code, 1);
	/* one verdict kept, beside the documents */
	ck_assert_uint_eq(memo_files(cache, &m), 1);
	free_names(m, 1);
	/* Without the documents' entries the verdict still comes, the same,
	 * with the same exit status, and no document is read again: only
	 * the kept verdict was used. */
	{
		char **v;
		size_t n = cache_files(cache, &v);

		memo_files(cache, &m);
		for (size_t i = 0; i < n; i++) {
			char *p = path_in(cache, v[i]);

			if (strcmp(p, m[0]))
				unlink(p);
			free(p);
		}
		free_names(v, n);
		free_names(m, 1);
	}
	n0 = cache_files(cache, &m);
	free_names(m, n0);
	ck_assert_uint_eq(n0, 1);
	snprintf(args, sizeof(args), "check '%s' --cache '%s' -f json -o '%s/b.json'",
		 MEMO_INPUT, cache, dir);
	ck_assert_int_eq(hoso(args), code);
	n1 = cache_files(cache, &m);
	free_names(m, n1);
	ck_assert_uint_eq(n1, 1);
	a = path_in(dir, "a.json");
	b = path_in(dir, "b.json");
	{
		char *x = slurp(a), *y = slurp(b);

		ck_assert_ptr_nonnull(x);
		ck_assert_ptr_nonnull(y);
		ck_assert_str_eq(x, y);
		free(x);
		free(y);
	}
	/* Another option decides another verdict: a new one is made (and
	 * the documents are read again). */
	snprintf(args, sizeof(args),
		 "check '%s' --cache '%s' --year 2023 -f json -o '%s/c.json'",
		 MEMO_INPUT, cache, dir);
	ck_assert_int_le(hoso(args), 1);
	nm = memo_files(cache, &m);
	free_names(m, nm);
	ck_assert_uint_eq(nm, 2);
	{
		char *p = path_in(dir, "c.json");

		c = slurp(p);
		ck_assert_ptr_nonnull(strstr(c, "\"year\":\t2023"));
		free(c);
		free(p);
	}
	/* Today decides "dated in the future" (HS404): another day is
	 * another verdict. */
	{
		char cmd[4096];

		snprintf(cmd, sizeof(cmd),
			 "SOURCE_DATE_EPOCH=1500000000 '%s' check '%s' --cache '%s' "
			 "-f json -o /dev/null >/dev/null 2>&1", HOSO_BIN, MEMO_INPUT,
			 cache);
		ck_assert_int_ne(system(cmd), -1);
		nm = memo_files(cache, &m);
		free_names(m, nm);
		ck_assert_uint_eq(nm, 3);
	}
	/* A damaged verdict is a miss: the dossier is checked again and
	 * gives the same JSON. */
	nm = memo_files(cache, &m);
	for (size_t i = 0; i < nm; i++) {
		int fd = open(m[i], O_WRONLY);

		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(pwrite(fd, "XXXX", 4, PAYLOAD_AT + 10), 4);
		close(fd);
	}
	free_names(m, nm);
	snprintf(args, sizeof(args), "check '%s' --cache '%s' -f json -o '%s/d.json'",
		 MEMO_INPUT, cache, dir);
	ck_assert_int_eq(hoso(args), code);
	{
		char *x = slurp(a), *d = path_in(dir, "d.json"), *y = slurp(d);

		ck_assert_str_eq(x, y);
		free(x);
		free(y);
		unlink(d);
		free(d);
	}
	/* A changed rubric file is another verdict too. */
	{
		char *rub = path_in(dir, "r.json"), *txt;
		size_t len;
		FILE *f;

		txt = (char *)tu_read_file(HOSO_SCHEMAS "/rubrics/tt25-2023.json",
					   &len);
		ck_assert_ptr_nonnull(txt);
		write_bytes(rub, txt, len);
		snprintf(args, sizeof(args),
			 "check '%s' --cache '%s' --rubric '%s' -f json -o /dev/null",
			 MEMO_INPUT, cache, rub);
		ck_assert_int_le(hoso(args), 1);
		n0 = memo_files(cache, &m);
		free_names(m, n0);
		f = fopen(rub, "ab");
		fputs("\n", f);
		fclose(f);
		ck_assert_int_le(hoso(args), 1);
		n1 = memo_files(cache, &m);
		free_names(m, n1);
		ck_assert_uint_eq(n1, n0 + 1);
		unlink(rub);
		free(rub);
		free(txt);
	}
	/* --no-cache neither reads nor writes one. */
	snprintf(args, sizeof(args), "check '%s' --no-cache -f json -o '%s/e.json'",
		 MEMO_INPUT, dir);
	ck_assert_int_eq(hoso(args), code);
	{
		char *x = slurp(a), *e = path_in(dir, "e.json"), *y = slurp(e);

		ck_assert_str_eq(x, y);
		free(x);
		free(y);
		unlink(e);
		free(e);
	}
	rm_rf(cache);
	unlink(a);
	unlink(b);
	{
		char *p = path_in(dir, "c.json");

		unlink(p);
		free(p);
	}
	free(a);
	free(b);
	free(cache);
	rmdir(dir);
}
END_TEST

/* Another build (any change to the executable, so any extractor change)
 * neither reads nor reuses what this one kept: same output, new entries. */
START_TEST(other_build_starts_afresh)
{
	char dir[] = "/tmp/hoso-build-test.XXXXXX";
	char args[2048], *cache, *exe, *a, *b;
	size_t n1, n2, len;
	unsigned char *bin;
	char **v;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	cache = path_in(dir, "cache");
	exe = path_in(dir, "hoso-other");
	bin = tu_read_file(HOSO_BIN, &len);
	ck_assert_ptr_nonnull(bin);
	write_bytes(exe, bin, len);
	free(bin);
	/* one more byte past the end: the same program, another build id */
	f = fopen(exe, "ab");
	fputc(0, f);
	fclose(f);
	ck_assert_int_eq(chmod(exe, 0700), 0);
	snprintf(args, sizeof(args), "check '%s' --cache '%s' -f json -o '%s/a.json'",
		 MEMO_INPUT, cache, dir);
	ck_assert_int_le(hoso(args), 1);
	n1 = cache_files(cache, &v);
	free_names(v, n1);
	{
		char cmd[4096];

		snprintf(cmd, sizeof(cmd),
			 "'%s' check '%s' --cache '%s' -f json -o '%s/b.json' >/dev/null 2>&1",
			 exe, MEMO_INPUT, cache, dir);
		ck_assert_int_ne(system(cmd), -1);
	}
	n2 = cache_files(cache, &v);
	free_names(v, n2);
	/* every document and the verdict kept again, under new names */
	ck_assert_uint_eq(n2, 2 * n1);
	{
		char *p = path_in(dir, "a.json"), *q = path_in(dir, "b.json");

		a = slurp(p);
		b = slurp(q);
		ck_assert_str_eq(a, b);
		free(a);
		free(b);
		unlink(p);
		unlink(q);
		free(p);
		free(q);
	}
	rm_rf(cache);
	unlink(exe);
	free(exe);
	free(cache);
	rmdir(dir);
}
END_TEST

Suite *cache_suite(void)
{
	Suite *s = suite_create("cache");
	TCase *tc = tcase_create("cache");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, hit_gives_identical_json);
	tcase_add_test(tc, cache_really_used);
	tcase_add_test(tc, hook_reads_the_cache);
	tcase_add_test(tc, corrupt_entries_ignored);
	tcase_add_test(tc, limits_select_other_entries);
	tcase_add_test(tc, unusable_folder_still_runs);
	tcase_add_test(tc, verdict_memo);
	tcase_add_test(tc, spill_gives_identical_json);
	tcase_add_test(tc, other_build_starts_afresh);
	tcase_add_test(tc, full_disk_same_verdict);
	suite_add_tcase(s, tc);
	return s;
}
