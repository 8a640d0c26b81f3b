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
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "read/dossier.h"
#include "read/source.h"
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
	w->cap = 16u << 20;
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
	ck_assert_ptr_nonnull(strstr(src.findings.v[0].message, "--max-ratio"));
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

/* Options of the writer (compression, filters) before it opens. */
static void arc_open_with(struct arc *w, const char *format,
			  const char *filters[], const char *options)
{
	w->cap = 16u << 20;
	w->buf = malloc(w->cap);
	w->a = archive_write_new();
	ck_assert_int_eq(archive_write_set_format_by_name(w->a, format),
			 ARCHIVE_OK);
	for (int k = 0; filters && filters[k]; k++)
		ck_assert_int_eq(archive_write_add_filter_by_name(w->a, filters[k]),
				 ARCHIVE_OK);
	if (options)
		ck_assert_int_eq(archive_write_set_options(w->a, options),
				 ARCHIVE_OK);
	ck_assert_int_eq(archive_write_open_memory(w->a, w->buf, w->cap,
						   &w->used), ARCHIVE_OK);
}

/* Bytes that do not compress, starting like a PDF. */
static char *incompressible(size_t len)
{
	char *p = malloc(len);
	uint32_t x = 2463534242u;

	for (size_t k = 0; k < len; k++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[k] = (char)(x >> 24);
	}
	memcpy(p, "%PDF-1.4\n", 9);
	return p;
}

static void patch_file(const char *path, long off, const void *bytes,
		       size_t n)
{
	FILE *f = fopen(path, "r+b");

	ck_assert_ptr_nonnull(f);
	fseek(f, off, off < 0 ? SEEK_END : SEEK_SET);
	ck_assert_uint_eq(fwrite(bytes, 1, n, f), n);
	fclose(f);
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *b;

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	b = malloc(*len + 1);
	ck_assert_uint_eq(fread(b, 1, *len, f), *len);
	fclose(f);
	return b;
}

/* Reviewer finding 1: real 7z and stored zip entries are not bombs. */
START_TEST(real_archives_are_not_bombs)
{
	struct arc w;
	struct source src;
	struct seen s;
	char *pdf = incompressible(3u << 20);
	char *path;

	arc_open_with(&w, "7zip", NULL, NULL);
	arc_add(&w, "Tiêu chí 1/QĐ.pdf", AE_IFREG, pdf, 3u << 20, NULL);
	arc_add(&w, "b.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	path = arc_save(&w, ".7z");
	walk(path, NULL, &src, &s);
	ck_assert_int_eq(s.n, 2);
	ck_assert_int_eq(s.status[find(&s, "Tiêu chí 1/QĐ.pdf")], DOC_OK);
	ck_assert_uint_eq(s.size[find(&s, "Tiêu chí 1/QĐ.pdf")], 3u << 20);
	ck_assert_int_eq(count_code(&src, HS106), 0);
	source_release(&src);
	unlink(path);
	free(path);

	arc_open_with(&w, "zip", NULL, "zip:compression=store");
	arc_add(&w, "a.pdf", AE_IFREG, pdf, 3u << 20, NULL);
	arc_add(&w, "b.pdf", AE_IFREG, pdf, 3u << 20, NULL);
	path = arc_save(&w, ".zip");
	walk(path, NULL, &src, &s);
	ck_assert_int_eq(s.n, 2);
	ck_assert_int_eq(s.status[0], DOC_OK);
	ck_assert_int_eq(s.status[1], DOC_OK);
	ck_assert_int_eq(count_code(&src, HS106), 0);
	source_release(&src);
	unlink(path);
	free(path);

	/* a real deflate bomb in a 7z (raw count unknown): the archive's
	 * own ratio stops it */
	{
		char *zeros = calloc(1, 12u << 20);

		arc_open_with(&w, "7zip", NULL, NULL);
		arc_add(&w, "bomb.txt", AE_IFREG, zeros, 12u << 20, NULL);
		path = arc_save(&w, ".7z");
		walk(path, NULL, &src, &s);
		ck_assert_int_eq(s.n, 1);
		ck_assert_int_eq(s.status[0], DOC_LIMIT_EXCEEDED);
		ck_assert_int_eq(count_code(&src, HS106), 1);
		ck_assert_ptr_nonnull(strstr(src.findings.v[0].message, "--max-ratio"));
		source_release(&src);
		unlink(path);
		free(path);
		free(zeros);
	}
	free(pdf);
}
END_TEST

/* Finding 9: split archives are named as such (HS110). */
START_TEST(multi_volume_archives)
{
	static const char *names[] = {".7z.001", ".z01", ".part2.rar",
				      ".zip.002"};
	struct arc w;
	struct source src;
	struct seen s;
	char *path;
	unsigned char one = 1;
	size_t len;
	unsigned char *b;

	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		arc_open_with(&w, "zip", NULL, NULL);
		arc_add(&w, "a.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
		path = arc_save(&w, names[k]);
		walk(path, NULL, &src, &s);
		ck_assert_msg(s.n == 0, "%s read", names[k]);
		ck_assert_int_eq(count_code(&src, HS110), 1);
		source_release(&src);
		unlink(path);
		free(path);
	}
	/* zip whose end record says "disk 1" */
	arc_open_with(&w, "zip", NULL, NULL);
	arc_add(&w, "a.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	path = arc_save(&w, ".zip");
	patch_file(path, -22 + 4, &one, 1);
	walk(path, NULL, &src, &s);
	ck_assert_int_eq(count_code(&src, HS110), 1);
	ck_assert_int_eq(s.n, 0);
	source_release(&src);
	unlink(path);
	free(path);
	/* 7z whose end header lies past the end of the file */
	arc_open_with(&w, "7zip", NULL, NULL);
	arc_add(&w, "a.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	path = arc_save(&w, ".7z");
	b = slurp(path, &len);
	b[12 + 3] = 0x10; /* next header offset + 256 MiB */
	patch_file(path, 0, b, 32);
	free(b);
	walk(path, NULL, &src, &s);
	ck_assert_int_eq(count_code(&src, HS110), 1);
	source_release(&src);
	unlink(path);
	free(path);
	/* a RAR4 volume: main header flag MHD_VOLUME */
	{
		static const unsigned char rar[] = "Rar!\x1a\x07\x00"
			"\x00\x00\x73\x01\x00\x0d\x00\x00\x00\x00\x00\x00\x00";
		char p[64];
		FILE *f;

		snprintf(p, sizeof(p), "/tmp/hoso-src-%d.rar", (int)getpid());
		f = fopen(p, "wb");
		fwrite(rar, 1, sizeof(rar) - 1, f);
		fclose(f);
		walk(p, NULL, &src, &s);
		ck_assert_int_eq(count_code(&src, HS110), 1);
		source_release(&src);
		unlink(p);
	}
}
END_TEST

/* Finding 7: entries sharing their bytes (overlap bombs) are refused. */
START_TEST(overlapping_zip_entries)
{
	struct arc w;
	struct source src;
	struct seen s;
	char *path;
	unsigned char *b;
	size_t len;
	long eocd = -1;
	uint32_t cd, off2;

	arc_open_with(&w, "zip", NULL, NULL);
	arc_add(&w, "a.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	arc_add(&w, "b.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	path = arc_save(&w, ".zip");
	walk(path, NULL, &src, &s);
	ck_assert_int_eq(s.n, 2); /* the honest one reads */
	ck_assert_int_eq(count_code(&src, HS106), 0);
	source_release(&src);
	b = slurp(path, &len);
	for (long k = (long)len - 22; k >= 0 && eocd < 0; k--)
		if (!memcmp(b + k, "PK\5\6", 4))
			eocd = k;
	ck_assert_int_ge(eocd, 0);
	memcpy(&cd, b + eocd + 16, 4);
	/* the second central record points at the first local record */
	{
		uint32_t p2 = cd + 46 + b[cd + 28] + (b[cd + 29] << 8) +
			      b[cd + 30] + (b[cd + 31] << 8) + b[cd + 32] +
			      (b[cd + 33] << 8);

		ck_assert(!memcmp(b + p2, "PK\1\2", 4));
		off2 = 0;
		memcpy(b + p2 + 42, &off2, 4);
	}
	patch_file(path, 0, b, len);
	free(b);
	walk(path, NULL, &src, &s);
	ck_assert_int_eq(s.n, 0);
	ck_assert_int_eq(count_code(&src, HS106), 1);
	ck_assert_ptr_nonnull(strstr(src.findings.v[0].message, "chồng lên nhau"));
	source_release(&src);
	unlink(path);
	free(path);
}
END_TEST

/* Finding 8: filters stacked on filters, counted at the first header. */
START_TEST(stacked_filters)
{
	static const char *three[] = {"gzip", "gzip", "gzip", NULL};
	static const char *one[] = {"gzip", NULL};
	struct arc w;
	struct source src;
	struct seen s;
	char *path;

	arc_open_with(&w, "pax", three, NULL);
	arc_add(&w, "a.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	path = arc_save(&w, ".tar.gz");
	walk(path, NULL, &src, &s);
	ck_assert_int_eq(s.n, 0);
	ck_assert_int_eq(count_code(&src, HS106), 1);
	ck_assert_ptr_nonnull(strstr(src.findings.v[0].message, "lớp nén"));
	ck_assert_ptr_nonnull(src.findings.v[0].file);
	ck_assert_str_ne(src.findings.v[0].file, "");
	source_release(&src);
	unlink(path);
	free(path);

	arc_open_with(&w, "pax", one, NULL);
	arc_add(&w, "a.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	path = arc_save(&w, ".tar.gz");
	walk(path, NULL, &src, &s);
	ck_assert_int_eq(s.n, 1);
	ck_assert_int_eq(count_code(&src, HS106), 0);
	source_release(&src);
	unlink(path);
	free(path);
}
END_TEST

/* Finding 10: names of control characters, line breaks, bidi; bare .gz. */
START_TEST(entry_names_shown_safely)
{
	static const char *gz[] = {"gzip", NULL};
	struct arc w;
	struct source src;
	struct seen s;
	char *path, *dir;

	arc_open_with(&w, "pax", NULL, NULL);
	arc_add(&w, "\x01\x02", AE_IFREG, text, sizeof(text) - 1, NULL);
	arc_add(&w, "\x03", AE_IFREG, text, sizeof(text) - 1, NULL);
	arc_add(&w, "a\nb\xe2\x80\xaegpj.txt", AE_IFREG, text,
		sizeof(text) - 1, NULL);
	path = arc_save(&w, ".tar");
	walk(path, NULL, &src, &s);
	ck_assert_int_eq(s.n, 3);
	ck_assert_str_eq(s.paths[0], "entry-1");
	ck_assert_str_eq(s.paths[1], "entry-2");
	ck_assert_str_eq(s.paths[2], "a_b_gpj.txt");
	source_release(&src);
	unlink(path);
	free(path);

	/* a lone compressed file keeps its own name */
	arc_open_with(&w, "raw", gz, NULL);
	arc_add(&w, "x", AE_IFREG, text, sizeof(text) - 1, NULL);
	path = arc_save(&w, "-bao-cao.txt.gz");
	walk(path, NULL, &src, &s);
	ck_assert_int_eq(s.n, 1);
	ck_assert_ptr_nonnull(strstr(s.paths[0], "-bao-cao.txt"));
	ck_assert_ptr_null(strstr(s.paths[0], ".gz"));
	ck_assert_int_eq(s.format[0], FMT_TXT);
	source_release(&src);

	/* a folder counts an archive once, through its contents, and
	 * names --max-total when that is the limit hit */
	dir = malloc(64);
	snprintf(dir, 64, "/tmp/hoso-src-dir-%d", (int)getpid());
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	{
		char p2[128];
		struct source_limits lim = SOURCE_LIMITS_DEFAULT;

		snprintf(p2, sizeof(p2), "%s/a.txt.gz", dir);
		ck_assert_int_eq(rename(path, p2), 0);
		walk(dir, NULL, &src, &s);
		ck_assert_int_eq(s.n, 1);
		ck_assert_uint_eq(src.total_bytes, sizeof(text) - 1);
		source_release(&src);
		lim.total_max = 10;
		walk(dir, &lim, &src, &s);
		ck_assert_int_eq(count_code(&src, HS106), 1);
		ck_assert_ptr_nonnull(strstr(src.findings.v[0].message,
					     "--max-total"));
		source_release(&src);
		unlink(p2);
	}
	rmdir(dir);
	free(dir);
	free(path);
}
END_TEST

/* Finding 8: sparse holes count in the totals, and against --max-entry. */
START_TEST(sparse_holes_counted)
{
	struct arc w;
	struct source src;
	struct seen s;
	struct archive_entry *e;
	char *path;
	static char blk[1 << 20];

	memset(blk, 'x', sizeof(blk));
	for (int big = 0; big < 2; big++) {
		/* 512 KiB of hole then 1 MiB of data; then 10 GiB of hole */
		la_int64_t size = big ? (10ll << 30) : (3 << 19);

		arc_open_with(&w, "pax", NULL, NULL);
		e = archive_entry_new();
		archive_entry_set_pathname(e, "holes.txt");
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, size);
		archive_entry_sparse_add_entry(e, size - (la_int64_t)sizeof(blk),
					       (la_int64_t)sizeof(blk));
		ck_assert_int_ge(archive_write_header(w.a, e), ARCHIVE_WARN);
		ck_assert_int_eq(archive_write_data(w.a, blk, sizeof(blk)),
				 (la_ssize_t)sizeof(blk));
		archive_entry_free(e);
		path = arc_save(&w, ".tar");
		walk(path, NULL, &src, &s);
		ck_assert_int_eq(s.n, 1);
		if (big) {
			ck_assert_int_eq(s.status[0], DOC_LIMIT_EXCEEDED);
			ck_assert_int_eq(count_code(&src, HS106), 1);
			ck_assert_ptr_nonnull(strstr(src.findings.v[0].message,
						     "--max-entry"));
		} else {
			ck_assert_int_eq(s.status[0], DOC_OK);
			ck_assert_uint_eq(src.total_bytes, 3u << 19);
		}
		source_release(&src);
		unlink(path);
		free(path);
	}
}
END_TEST

/* The walk of the same bytes in memory, for comparison. */
static void walk_mem(const unsigned char *b, size_t len, const char *name,
		     struct source *src, struct seen *seen)
{
	memset(seen, 0, sizeof(*seen));
	source_init(src, NULL);
	source_walk_memory(src, name, b, len, collect, seen);
}

static void same_walk(const struct seen *a, const struct seen *b)
{
	ck_assert_int_eq(a->n, b->n);
	for (int i = 0; i < a->n; i++) {
		ck_assert_str_eq(a->paths[i], b->paths[i]);
		ck_assert_int_eq(a->status[i], b->status[i]);
		ck_assert_int_eq(a->format[i], b->format[i]);
		ck_assert_uint_eq(a->size[i], b->size[i]);
	}
}

static void write_bytes(const char *path, const void *b, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(b, 1, len, f), len);
	fclose(f);
}

/*
 * The input file is read from its descriptor in parts, never whole: its
 * size, SHA-256 and format, and its entries, are those of the same bytes
 * read into memory; a zip is told from an office file as sniff_format()
 * tells them, with or without its central directory.
 */
START_TEST(streamed_input_file)
{
	static const char *const first[] = {"word/document.xml", "xl/workbook.xml",
					    "ppt/presentation.xml", "a.txt"};
	struct arc w;
	struct source src, mem;
	struct seen s, m;
	char *pdf = incompressible(3u << 20); /* several reads of the file */
	char *path, sha[65];
	unsigned char *b;
	size_t len;

	arc_open_with(&w, "zip", NULL, "zip:compression=store");
	arc_add(&w, "Tiêu chí 1/QĐ.pdf", AE_IFREG, pdf, 3u << 20, NULL);
	arc_add(&w, "b.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	path = arc_save(&w, "-stream.zip");
	b = slurp(path, &len);
	source_sha256(b, len, sha);
	walk(path, NULL, &src, &s);
	ck_assert_str_eq(src.input_sha256, sha);
	ck_assert_uint_eq(src.input_size, len);
	ck_assert_int_eq(src.input_format, FMT_ZIP);
	ck_assert_int_eq(s.n, 2);
	ck_assert_int_eq(s.status[find(&s, "Tiêu chí 1/QĐ.pdf")], DOC_OK);
	ck_assert_uint_eq(s.size[find(&s, "Tiêu chí 1/QĐ.pdf")], 3u << 20);
	ck_assert_int_eq(s.format[find(&s, "Tiêu chí 1/QĐ.pdf")], FMT_PDF);
	ck_assert_int_eq(s.status[find(&s, "b.txt")], DOC_OK);
	walk_mem(b, len, strrchr(path, '/') + 1, &mem, &m);
	same_walk(&s, &m);
	ck_assert_uint_eq(src.findings.n, mem.findings.n);
	source_release(&src);
	source_release(&mem);
	free(b);
	unlink(path);
	free(path);

	/* office zips and plain zips, whole and without their directory */
	for (size_t k = 0; k < sizeof(first) / sizeof(first[0]); k++)
		for (int cut = 0; cut < 2; cut++) {
			arc_open_with(&w, "zip", NULL, NULL);
			arc_add(&w, first[k], AE_IFREG, text, sizeof(text) - 1,
				NULL);
			arc_add(&w, "z.txt", AE_IFREG, text, sizeof(text) - 1,
				NULL);
			path = arc_save(&w, "-office.zip");
			b = slurp(path, &len);
			if (cut) {
				len -= 30; /* the end record is gone */
				ck_assert_int_eq(truncate(path, (off_t)len), 0);
			}
			walk(path, NULL, &src, &s);
			ck_assert_int_eq(src.input_format,
					 sniff_format(b, len, "x.zip"));
			ck_assert_int_eq(src.input_format,
					 k == 0 ? FMT_DOCX : k == 1 ? FMT_XLSX
						: k == 2 ? FMT_PPTX : FMT_ZIP);
			walk_mem(b, len, strrchr(path, '/') + 1, &mem, &m);
			same_walk(&s, &m);
			ck_assert_int_eq(mem.input_format, src.input_format);
			source_sha256(b, len, sha);
			ck_assert_str_eq(src.input_sha256, sha);
			source_release(&src);
			source_release(&mem);
			free(b);
			unlink(path);
			free(path);
		}

	/* an ODF file: its stored mimetype right after the first header */
	{
		static const char odt[] = "PK\3\4\24\0\0\0\0\0\0\0\0\0\0\0\0\0"
			"\0\0\0\0\0\0\0\0\10\0\0\0mimetype"
			"application/vnd.oasis.opendocument.text";
		char p[64];

		snprintf(p, sizeof(p), "/tmp/hoso-src-%d.odt", (int)getpid());
		write_bytes(p, odt, sizeof(odt) - 1);
		walk(p, NULL, &src, &s);
		ck_assert_int_eq(src.input_format, FMT_ODT);
		ck_assert_int_eq(s.n, 1);
		ck_assert_int_eq(s.format[0], FMT_ODT);
		ck_assert_uint_eq(s.size[0], sizeof(odt) - 1);
		source_release(&src);
		unlink(p);
	}
	free(pdf);
}
END_TEST

/* Truncates the file it names when it sees its first entry. */
struct cutter {
	struct seen seen;
	const char *path;
};

static void cut_at_first(void *ctx, const struct source_entry *e)
{
	struct cutter *c = ctx;

	if (c->seen.n == 0)
		ck_assert_int_eq(truncate(c->path, 1000), 0);
	collect(&c->seen, e);
}

/* A file cut short, before or while it is read: findings, never a crash. */
START_TEST(truncated_input_file)
{
	struct arc w;
	struct source src;
	struct seen s;
	struct cutter c = {0};
	char *pdf = incompressible(3u << 20);
	char *path, sha[65];
	unsigned char *b;
	size_t len;

	arc_open_with(&w, "zip", NULL, "zip:compression=store");
	arc_add(&w, "a.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	arc_add(&w, "big.pdf", AE_IFREG, pdf, 3u << 20, NULL);
	arc_add(&w, "c.txt", AE_IFREG, text, sizeof(text) - 1, NULL);
	path = arc_save(&w, "-cut.zip");
	b = slurp(path, &len);
	source_sha256(b, len, sha);

	/* cut in half before: a damaged zip (no directory) */
	ck_assert_int_eq(truncate(path, (off_t)len / 2), 0);
	walk(path, NULL, &src, &s);
	ck_assert_int_ge(count_code(&src, HS101) + count_code(&src, HS102), 1);
	ck_assert_int_lt(s.n, 3);
	source_release(&src);

	/* cut while it is read, after its directory was: the entries past
	 * the cut are damaged ones, and the input is said to have changed
	 * while it was read (HS101) */
	write_bytes(path, b, len);
	c.path = path;
	source_init(&src, NULL);
	ck_assert_int_eq(source_walk(&src, path, cut_at_first, &c), HS_FAILED);
	ck_assert_int_ge(count_code(&src, HS101), 1);
	ck_assert_str_eq(src.input_sha256, sha);
	ck_assert_uint_eq(src.input_size, len);
	ck_assert_int_eq(c.seen.status[find(&c.seen, "a.txt")], DOC_OK);
	ck_assert_int_eq(c.seen.status[find(&c.seen, "big.pdf")],
			 DOC_UNREADABLE);
	ck_assert_int_ge(count_code(&src, HS102), 1);
	source_release(&src);
	free(b);
	free(pdf);
	unlink(path);
	free(path);
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
	tcase_add_test(tc, real_archives_are_not_bombs);
	tcase_add_test(tc, multi_volume_archives);
	tcase_add_test(tc, overlapping_zip_entries);
	tcase_add_test(tc, stacked_filters);
	tcase_add_test(tc, entry_names_shown_safely);
	tcase_add_test(tc, sparse_holes_counted);
	tcase_add_test(tc, streamed_input_file);
	tcase_add_test(tc, truncated_input_file);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
