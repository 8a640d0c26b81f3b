/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_source.c: the input walker on archives built by the test with
 * libarchive's writer: unsafe names, links, devices, duplicates,
 * encryption, damage and every budget give their finding, and the walk
 * goes on with the other entries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "dossier.h"
#include "source.h"
#include "suites.h"

struct seen {
	char paths[32][256];
	enum doc_status status[32];
	enum doc_format format[32];
	size_t size[32];
	int n;
};

static void collect(void *ctx, const struct source_entry *e)
{
	struct seen *s = ctx;

	if (s->n >= 32)
		return;
	snprintf(s->paths[s->n], sizeof(s->paths[0]), "%s", e->path);
	s->status[s->n] = e->preset;
	s->format[s->n] = e->format;
	s->size[s->n] = e->size;
	s->n++;
}

static int find(const struct seen *s, const char *path)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->paths[i], path))
			return i;
	return -1;
}

static int count_code(const struct source *src, enum hs_code code)
{
	int n = 0;

	for (size_t i = 0; i < src->findings.n; i++)
		n += src->findings.v[i].code == code;
	return n;
}

/* An archive under construction, in memory. */
struct arc {
	struct archive *a;
	unsigned char *buf;
	size_t cap, used;
};

static void arc_open(struct arc *w, const char *format, const char *filter,
		     const char *passphrase)
{
	w->cap = 8u << 20;
	w->buf = malloc(w->cap);
	w->a = archive_write_new();
	ck_assert_int_eq(archive_write_set_format_by_name(w->a, format),
			 ARCHIVE_OK);
	if (filter)
		ck_assert_int_eq(archive_write_add_filter_by_name(w->a, filter),
				 ARCHIVE_OK);
	if (passphrase) {
		ck_assert_int_eq(archive_write_set_options(w->a,
				 "zip:encryption=zipcrypt"), ARCHIVE_OK);
		ck_assert_int_eq(archive_write_set_passphrase(w->a, passphrase),
				 ARCHIVE_OK);
	}
	ck_assert_int_eq(archive_write_open_memory(w->a, w->buf, w->cap,
						   &w->used), ARCHIVE_OK);
}

static void arc_add(struct arc *w, const char *name, mode_t type,
		    const void *data, size_t len, const char *link)
{
	struct archive_entry *e = archive_entry_new();

	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, type);
	archive_entry_set_perm(e, 0644);
	if (type == AE_IFLNK)
		archive_entry_set_symlink(e, link);
	else if (link)
		archive_entry_set_hardlink(e, link);
	archive_entry_set_size(e, type == AE_IFREG && !link ? (la_int64_t)len : 0);
	ck_assert_int_ge(archive_write_header(w->a, e), ARCHIVE_WARN);
	if (type == AE_IFREG && len && !link)
		ck_assert_int_eq(archive_write_data(w->a, data, len), (la_ssize_t)len);
	archive_entry_free(e);
}

/* Closes the archive and writes it to a temporary file; returns its path. */
static char *arc_save(struct arc *w, const char *suffix)
{
	char *path = malloc(64);
	FILE *f;

	ck_assert_int_eq(archive_write_close(w->a), ARCHIVE_OK);
	archive_write_free(w->a);
	snprintf(path, 64, "/tmp/hoso-src-%d%s", (int)getpid(), suffix);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(w->buf, 1, w->used, f), w->used);
	fclose(f);
	free(w->buf);
	return path;
}

static const char text[] = "Kế hoạch xây dựng xã hội học tập năm 2024\n";

static void walk(const char *path, const struct source_limits *lim,
		 struct source *src, struct seen *seen)
{
	memset(seen, 0, sizeof(*seen));
	source_init(src, lim);
	source_walk(src, path, collect, seen);
}

START_TEST(unsafe_names_links_devices)
{
	struct arc w;
	struct source src;
	struct seen s;
	char *path;

	arc_open(&w, "pax", NULL, NULL);
	arc_add(&w, "ok.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	arc_add(&w, "../../etc/evil.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	arc_add(&w, "/etc/abs.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	arc_add(&w, "a/../../up.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	arc_add(&w, "link.txt", AE_IFLNK, NULL, 0, "/etc/passwd");
	arc_add(&w, "hard.txt", AE_IFREG, NULL, 0, "ok.txt");
	arc_add(&w, "dev", AE_IFCHR, NULL, 0, NULL);
	arc_add(&w, "./sub//after.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	path = arc_save(&w, ".tar");
	walk(path, NULL, &src, &s);
	ck_assert_int_eq(s.n, 2);
	ck_assert_int_ge(find(&s, "ok.txt"), 0);
	ck_assert_int_ge(find(&s, "sub/after.txt"), 0);
	ck_assert_int_eq(count_code(&src, HS104), 4);
	ck_assert_int_eq(count_code(&src, HS105), 2);
	ck_assert_int_eq(s.format[find(&s, "ok.txt")], FMT_TXT);
	source_release(&src);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(entry_and_ratio_limits)
{
	struct arc w;
	struct source src;
	struct seen s;
	struct source_limits lim = SOURCE_LIMITS_DEFAULT;
	char *zeros = calloc(1, 6u << 20);
	char *path;
	int i;

	arc_open(&w, "zip", NULL, NULL);
	arc_add(&w, "a-zeros.txt", AE_IFREG, zeros, 6u << 20, NULL);
	arc_add(&w, "b-ok.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	path = arc_save(&w, ".zip");

	/* ratio: 6 MiB of zeros deflate about 1000:1 */
	walk(path, NULL, &src, &s);
	i = find(&s, "a-zeros.txt");
	ck_assert_int_ge(i, 0);
	ck_assert_int_eq(s.status[i], DOC_LIMIT_EXCEEDED);
	ck_assert_int_eq(s.status[find(&s, "b-ok.txt")], DOC_OK);
	ck_assert_int_eq(count_code(&src, HS106), 1);
	ck_assert_ptr_nonnull(strstr(src.findings.v[0].message, "ratio"));
	source_release(&src);

	/* per-entry size */
	lim.ratio_max = 100000;
	lim.entry_max = 1u << 20;
	walk(path, &lim, &src, &s);
	ck_assert_int_eq(s.status[find(&s, "a-zeros.txt")], DOC_LIMIT_EXCEEDED);
	ck_assert_ptr_nonnull(strstr(src.findings.v[0].message, "--max-entry"));
	ck_assert_int_eq(s.status[find(&s, "b-ok.txt")], DOC_OK);
	source_release(&src);

	/* total: the walk stops, and says so */
	lim.entry_max = 64u << 20;
	lim.total_max = 1u << 20;
	walk(path, &lim, &src, &s);
	ck_assert_int_eq(s.n, 1);
	ck_assert_ptr_nonnull(strstr(src.findings.v[0].message, "--max-total"));
	ck_assert(src.stopped);
	source_release(&src);

	/* entries */
	lim = (struct source_limits)SOURCE_LIMITS_DEFAULT;
	lim.ratio_max = 100000;
	lim.entries_max = 1;
	walk(path, &lim, &src, &s);
	ck_assert_int_eq(s.n, 1);
	ck_assert_int_eq(count_code(&src, HS106), 1);
	ck_assert_ptr_nonnull(strstr(src.findings.v[0].message, "--max-entries"));
	source_release(&src);

	/* input size */
	lim = (struct source_limits)SOURCE_LIMITS_DEFAULT;
	lim.input_max = 100;
	walk(path, &lim, &src, &s);
	ck_assert_int_eq(s.n, 0);
	ck_assert_ptr_nonnull(strstr(src.findings.v[0].message, "--max-input"));
	source_release(&src);
	unlink(path);
	free(path);
	free(zeros);
}
END_TEST

START_TEST(duplicates_and_encryption)
{
	struct arc w;
	struct source src;
	struct seen s;
	char *path;
	int i;

	arc_open(&w, "zip", NULL, "mat-khau");
	arc_add(&w, "secret.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	path = arc_save(&w, ".zip");
	walk(path, NULL, &src, &s);
	i = find(&s, "secret.txt");
	ck_assert_int_ge(i, 0);
	ck_assert_int_eq(s.status[i], DOC_ENCRYPTED);
	ck_assert_int_eq(count_code(&src, HS103), 1);
	source_release(&src);
	unlink(path);
	free(path);

	/* the same name twice: both listed, HS109 once, stable order */
	{
		struct dossier dx;
		struct dossier_options opt = {
			.source = SOURCE_LIMITS_DEFAULT,
			.extract = EXTRACT_LIMITS_DEFAULT,
			.worker = WORKER_LIMITS_DEFAULT,
			.jobs = 2,
		};
		int dup = 0;

		arc_open(&w, "zip", NULL, NULL);
		arc_add(&w, "Tiêu chí 1/KH.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
		arc_add(&w, "Tiêu chí 1/KH.txt", AE_IFREG, "khác\n", 6, NULL);
		path = arc_save(&w, ".zip");
		dossier_read(&dx, path, &opt);
		ck_assert_uint_eq(dx.ndocs, 2);
		ck_assert_str_eq(dx.docs[0].path, "Tiêu chí 1/KH.txt");
		ck_assert_str_eq(dx.docs[1].path, "Tiêu chí 1/KH.txt");
		for (size_t k = 0; k < dx.findings.n; k++)
			dup += dx.findings.v[k].code == HS109;
		ck_assert_int_eq(dup, 1);
		dossier_release(&dx);
		unlink(path);
		free(path);
	}
}
END_TEST

START_TEST(damaged_archives)
{
	struct arc w;
	struct source src;
	struct seen s;
	char *path;
	FILE *f;
	long size;

	arc_open(&w, "pax", "gzip", NULL);
	for (int k = 0; k < 20; k++) {
		char name[32];
		char *big = malloc(64 << 10);

		for (int b = 0; b < (64 << 10); b++)
			big[b] = (char)('a' + (b * 7 + k) % 26);
		snprintf(name, sizeof(name), "f%02d.txt", k);
		arc_add(&w, name, AE_IFREG, big, 64 << 10, NULL);
		free(big);
	}
	path = arc_save(&w, ".tar.gz");
	/* cut the file in half: the first entries are still read */
	f = fopen(path, "r+b");
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fclose(f);
	ck_assert_int_eq(truncate(path, size / 2), 0);
	walk(path, NULL, &src, &s);
	ck_assert_int_gt(s.n, 0);
	ck_assert_int_lt(s.n, 20);
	ck_assert_int_eq(find(&s, "f00.txt"), 0);
	ck_assert_int_ge(count_code(&src, HS102), 1);
	source_release(&src);

	/* not an archive at all, but named like one: a single document */
	f = fopen(path, "wb");
	fputs("PK\x03\x04 this is not really a zip", f);
	fclose(f);
	walk(path, NULL, &src, &s);
	ck_assert_int_ge(count_code(&src, HS101) + count_code(&src, HS102), 1);
	source_release(&src);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(nesting_depth)
{
	struct arc w;
	struct source src;
	struct seen s;
	struct source_limits lim = SOURCE_LIMITS_DEFAULT;
	char *inner, *outer;
	unsigned char *buf;
	size_t len;
	FILE *f;

	arc_open(&w, "zip", NULL, NULL);
	arc_add(&w, "QĐ 12.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	inner = arc_save(&w, "-inner.zip");
	f = fopen(inner, "rb");
	buf = malloc(1 << 20);
	len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	arc_open(&w, "7zip", NULL, NULL);
	arc_add(&w, "minh-chung/evidence.zip", AE_IFREG, buf, len, NULL);
	outer = arc_save(&w, "-outer.7z");
	walk(outer, NULL, &src, &s);
	ck_assert_int_eq(s.n, 1);
	ck_assert_str_eq(s.paths[0], "minh-chung/evidence.zip/QĐ 12.txt");
	ck_assert_int_eq(count_code(&src, HS107), 1);
	source_release(&src);
	lim.depth_max = 0;
	walk(outer, &lim, &src, &s);
	ck_assert_int_eq(s.n, 1);
	ck_assert_str_eq(s.paths[0], "minh-chung/evidence.zip");
	ck_assert_int_eq(s.status[0], DOC_LIMIT_EXCEEDED);
	ck_assert_int_eq(count_code(&src, HS106), 1);
	source_release(&src);
	unlink(inner);
	unlink(outer);
	free(inner);
	free(outer);
	free(buf);
}
END_TEST

Suite *source_suite(void)
{
	Suite *s = suite_create("source");
	TCase *tc = tcase_create("archives");

	tcase_add_test(tc, unsafe_names_links_devices);
	tcase_add_test(tc, entry_and_ratio_limits);
	tcase_add_test(tc, duplicates_and_encryption);
	tcase_add_test(tc, damaged_archives);
	tcase_add_test(tc, nesting_depth);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
