/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_e2e.c: `hoso extract` run as a user runs it, on the fixtures, with
 * specific facts of its JSON asserted: the same dossier as a folder and in
 * every archive format gives the same documents and texts; names repaired;
 * scans, legacy encodings, nesting and limits reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "base/buf.h"
#include "suites.h"
#include "testutil.h"
#include "base/vntext.h"

/* Runs hoso with args (already shell-quoted); returns stdout, sets *code. */
static char *run_hoso(const char *args, int *code)
{
	struct hs_buf cmd = HS_BUF_INIT, out = HS_BUF_INIT;
	FILE *p;
	char blk[65536];
	size_t n;
	int st;

	hs_buf_addf(&cmd, "'%s' %s 2>/dev/null", HOSO_BIN, args);
	p = popen(cmd.ptr, "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(blk, 1, sizeof(blk), p)) > 0)
		hs_buf_add(&out, blk, n);
	st = pclose(p);
	*code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	hs_buf_release(&cmd);
	return hs_buf_detach(&out, NULL);
}

/* `hoso extract --format json --text <fixture> extra`, parsed. */
static cJSON *extract_json(const char *rel, const char *extra, int *code)
{
	struct hs_buf args = HS_BUF_INIT;
	char *out;
	cJSON *j;
	int c;

	hs_buf_addf(&args, "extract --format json --text '%s/%s' %s",
		    HOSO_FIXTURES, rel, extra ? extra : "");
	out = run_hoso(args.ptr, &c);
	ck_assert_msg(vntext_is_utf8(out, strlen(out)),
		      "output of %s is not UTF-8", rel);
	j = cJSON_Parse(out);
	ck_assert_msg(j != NULL, "output of %s is not JSON: %.200s", rel, out);
	free(out);
	hs_buf_release(&args);
	if (code)
		*code = c;
	return j;
}

static cJSON *find_doc(cJSON *root, const char *path)
{
	cJSON *d;

	cJSON_ArrayForEach(d, cJSON_GetObjectItem(root, "documents")) {
		cJSON *p = cJSON_GetObjectItem(d, "path");

		if (cJSON_IsString(p) && !strcmp(p->valuestring, path))
			return d;
	}
	return NULL;
}

static const char *str(cJSON *o, const char *key)
{
	cJSON *v = cJSON_GetObjectItem(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double num(cJSON *o, const char *key)
{
	cJSON *v = cJSON_GetObjectItem(o, key);

	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static int count_findings(cJSON *root, const char *code, const char *file)
{
	cJSON *f;
	int n = 0;

	cJSON_ArrayForEach(f, cJSON_GetObjectItem(root, "findings")) {
		const char *c = str(f, "code"), *fl = str(f, "file");

		if (c && !strcmp(c, code) &&
		    (!file || (fl && !strcmp(fl, file))))
			n++;
	}
	return n;
}

static cJSON *must_doc(cJSON *root, const char *path)
{
	cJSON *d = find_doc(root, path);

	ck_assert_msg(d != NULL, "document '%s' not listed", path);
	return d;
}

/* Every document: path, format, sha256, status, text. */
static char *doc_facts(cJSON *root)
{
	struct hs_buf b = HS_BUF_INIT;
	cJSON *d;

	cJSON_ArrayForEach(d, cJSON_GetObjectItem(root, "documents")) {
		hs_buf_addf(&b, "%s|%s|%s|%s|%s\n", str(d, "path"),
			    str(d, "format"), str(d, "sha256"), str(d, "status"),
			    str(d, "text"));
	}
	return hs_buf_detach(&b, NULL);
}

START_TEST(folder_and_archives_agree)
{
	static const char *const archives[] = {
		"archives/dossier.zip",    "archives/dossier-7zip.zip",
		"archives/dossier.7z",     "archives/dossier.tar.xz",
		"archives/dossier.tar.gz", "archives/dossier.tar.bz2",
		"archives/dossier.tar.zst",
	};
	cJSON *folder = extract_json("dossier", NULL, NULL);
	char *want = doc_facts(folder);

	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(folder, "documents")),
			 10);
	ck_assert_str_eq(str(cJSON_GetObjectItem(folder, "input"), "kind"),
			 "folder");
	for (size_t i = 0; i < sizeof(archives) / sizeof(archives[0]); i++) {
		cJSON *a = extract_json(archives[i], NULL, NULL);
		char *got = doc_facts(a);

		ck_assert_str_eq(str(cJSON_GetObjectItem(a, "input"), "kind"),
				 "archive");
		ck_assert_msg(!strcmp(want, got), "%s differs from the folder:\n%s\n--\n%s",
			      archives[i], got, want);
		free(got);
		cJSON_Delete(a);
	}
	free(want);
	cJSON_Delete(folder);
}
END_TEST

START_TEST(dossier_facts)
{
	int code;
	cJSON *j = extract_json("archives/dossier.zip", NULL, &code);
	cJSON *d, *t, *cov;

	/* a scanned decision: no text layer, reported, never "empty ok" */
	d = must_doc(j, "Tiêu chí 4/QĐ công nhận phổ cập.pdf");
	ck_assert_str_eq(str(d, "status"), "no_text");
	ck_assert_int_eq((int)num(d, "pages"), 1);
	ck_assert_int_eq((int)num(d, "pages_with_text"), 0);
	ck_assert_int_eq(count_findings(j, "HS202",
					"Tiêu chí 4/QĐ công nhận phổ cập.pdf"), 1);
	/* a coordination regulation with its text layer */
	d = must_doc(j, "Tiêu chí 2/Quy chế phối hợp.pdf");
	ck_assert_str_eq(str(d, "status"), "ok");
	ck_assert_int_eq((int)num(d, "pages"), 1);
	ck_assert_int_eq((int)num(d, "pages_with_text"), 1);
	ck_assert_ptr_nonnull(strstr(str(d, "text"),
				     "Giữa Ủy ban nhân dân xã và Hội Khuyến học xã"));
	/* the plan keeps its table as rows and cells */
	d = must_doc(j, "Tiêu chí 1/KH xây dựng XHHT 2024.docx");
	ck_assert_str_eq(str(d, "format"), "docx");
	ck_assert_str_eq(str(d, "encoding"), "utf-8");
	ck_assert_ptr_nonnull(strstr(str(d, "text"),
				     "phấn đấu đạt Cộng đồng học tập cấp xã mức độ 2"));
	t = cJSON_GetArrayItem(cJSON_GetObjectItem(d, "tables"), 0);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq((int)num(t, "rows_total"), 5);
	ck_assert_str_eq(str(cJSON_GetArrayItem(cJSON_GetObjectItem(
				     cJSON_GetArrayItem(cJSON_GetObjectItem(t, "rows"), 0),
				     "cells"), 1), "text"),
			 "Thôn");
	/* the list of learning citizens: two sheets, names as written */
	d = must_doc(j, "Tiêu chí 5/Danh sách Công dân học tập.xlsx");
	ck_assert_int_eq((int)num(d, "sheets"), 2);
	ck_assert_ptr_nonnull(strstr(str(d, "text"), "Đặng Thị Ngọc Ánh"));
	ck_assert_str_eq(str(cJSON_GetArrayItem(cJSON_GetObjectItem(d, "tables"), 0),
			     "name"),
			 "Danh sách");
	cov = cJSON_GetObjectItem(j, "coverage");
	ck_assert_int_eq((int)num(cov, "documents"), 10);
	ck_assert_int_eq((int)num(cov, "no_text"), 2);
	ck_assert_int_eq((int)num(cov, "ok"), 8);
	ck_assert_str_eq(str(j, "schema"), "hoso-extract/1");
	ck_assert_int_eq((int)strlen(str(cJSON_GetObjectItem(j, "input"), "sha256")), 64);
	ck_assert_int_eq(code, 0);
	cJSON_Delete(j);
}
END_TEST

START_TEST(cp437_names_repaired)
{
	cJSON *j = extract_json("archives/cp437-names.zip", NULL, NULL);
	cJSON *d = must_doc(j, "Báo cáo.txt");

	ck_assert_str_eq(str(d, "name_charset"), "cp437");
	ck_assert_str_eq(str(d, "name_raw_hex"), "42a06f2063a06f2e747874");
	ck_assert_int_eq(count_findings(j, "HS108", "Báo cáo.txt"), 1);
	must_doc(j, "Tiêu chí 1/Danh sách giáo viên.txt");
	must_doc(j, "Thông báo.txt");
	cJSON_Delete(j);
}
END_TEST

START_TEST(cp1258_names_repaired)
{
	cJSON *j = extract_json("archives/cp1258-names.zip", NULL, NULL);
	cJSON *d = must_doc(j, "Kế hoạch.txt");

	ck_assert_str_eq(str(d, "name_charset"), "cp1258");
	ck_assert_str_eq(str(d, "name_raw_hex"), "4beaec20686f61f263682e747874");
	must_doc(j, "Tờ trình đề nghị.txt");
	must_doc(j, "Tiêu chí 5/Danh sách Công dân học tập.txt");
	cJSON_Delete(j);
}
END_TEST

START_TEST(nested_archive)
{
	cJSON *j = extract_json("archives/nested.zip", NULL, NULL);
	cJSON *d = must_doc(j, "ho-so/dossier.zip/Tiêu chí 2/Quy chế phối hợp.pdf");

	ck_assert_str_eq(str(d, "status"), "ok");
	must_doc(j, "Danh mục hồ sơ.docx");
	ck_assert_int_eq(count_findings(j, "HS107", "ho-so/dossier.zip"), 1);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "documents")), 11);
	cJSON_Delete(j);

	/* depth 0: the inner archive is listed, not opened, and said so */
	j = extract_json("archives/nested.zip", "--max-depth 0", NULL);
	d = must_doc(j, "ho-so/dossier.zip");
	ck_assert_str_eq(str(d, "status"), "limit_exceeded");
	ck_assert_int_eq(count_findings(j, "HS106", "ho-so/dossier.zip"), 1);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "documents")), 2);
	cJSON_Delete(j);
}
END_TEST

START_TEST(legacy_fonts_converted)
{
	cJSON *j = extract_json("docs/tcvn3.docx", NULL, NULL);
	cJSON *d = must_doc(j, "tcvn3.docx");

	ck_assert_str_eq(str(d, "encoding"), "tcvn3");
	ck_assert_ptr_nonnull(strstr(str(d, "text"), "Cộng đồng học tập xã Quy Kỳ"));
	ck_assert_ptr_nonnull(strstr(str(d, "text"), "KẾ HOẠCH"));
	ck_assert_int_eq(count_findings(j, "HS203", "tcvn3.docx"), 1);
	cJSON_Delete(j);

	j = extract_json("docs/vni.docx", NULL, NULL);
	d = must_doc(j, "vni.docx");
	ck_assert_str_eq(str(d, "encoding"), "vni");
	ck_assert_ptr_nonnull(strstr(str(d, "text"),
				     "Tuần lễ hưởng ứng học tập suốt đời"));
	ck_assert_ptr_nonnull(strstr(str(d, "text"), "KẾ HOẠCH"));
	cJSON_Delete(j);
}
END_TEST

START_TEST(single_documents)
{
	static const struct {
		const char *file, *format, *status, *phrase;
	} cases[] = {
		{"docs/quyet-dinh.pdf", "pdf", "ok", "Ban chỉ đạo"},
		{"docs/bao-cao.odt", "odt", "ok",
		 "Kết quả tổ chức Tuần lễ hưởng ứng học tập suốt đời"},
		{"docs/thong-ke.ods", "ods", "ok", "Số người đạt Công dân học tập"},
		{"docs/ghi-chu-tcvn3.txt", "txt", "ok",
		 "Hoàn thiện hồ sơ đề nghị công nhận"},
		{"docs/so-lieu-cp1258.csv", "csv", "ok", "Số hộ đạt Gia đình học tập"},
		{"docs/cu.doc", "doc", "ok", "Số: 45/KH-UBND"},
		{"docs/cu.xls", "xls", "ok", "Đặng Thị Ngọc Ánh"},
		{"legacy/ke-hoach-2024.rtf", "rtf", "ok", "Số: 45/KH-UBND"},
		{"legacy/ke-hoach-2024.xml", "wordml", "ok", "Số: 45/KH-UBND"},
		{"docs/anh.png", "png", "unsupported", NULL},
		{"docs/bien-ban-scan.pdf", "pdf", "no_text", NULL},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cJSON *j = extract_json(cases[i].file, NULL, NULL);
		cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "documents"), 0);

		ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "documents")), 1);
		ck_assert_str_eq(str(cJSON_GetObjectItem(j, "input"), "kind"), "document");
		ck_assert_str_eq(str(d, "format"), cases[i].format);
		ck_assert_msg(!strcmp(str(d, "status"), cases[i].status),
			      "%s: status %s", cases[i].file, str(d, "status"));
		if (cases[i].phrase)
			ck_assert_msg(strstr(str(d, "text"), cases[i].phrase),
				      "%s: phrase missing", cases[i].file);
		cJSON_Delete(j);
	}
}
END_TEST

START_TEST(entry_limit_reported)
{
	cJSON *j = extract_json("archives/dossier.zip", "--max-entry 20K", NULL);
	cJSON *d;
	int limited = 0;

	cJSON_ArrayForEach(d, cJSON_GetObjectItem(j, "documents"))
		limited += !strcmp(str(d, "status"), "limit_exceeded");
	ck_assert_int_gt(limited, 0);
	ck_assert_int_eq(count_findings(j, "HS106", NULL), limited);
	/* every document still listed */
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "documents")), 10);
	cJSON_Delete(j);
}
END_TEST

START_TEST(cli_conventions)
{
	int code;
	char *out;
	char dir[] = "/tmp/hoso-e2e-XXXXXX";
	struct hs_buf args = HS_BUF_INIT;
	struct stat st;

	out = run_hoso("--version", &code);
	ck_assert_int_eq(code, 0);
	ck_assert(!strncmp(out, "hoso ", 5));
	free(out);
	out = run_hoso("--help", &code);
	ck_assert_int_eq(code, 0);
	ck_assert_ptr_nonnull(strstr(out, "extract INPUT"));
	free(out);
	out = run_hoso("extract --help", &code);
	ck_assert_int_eq(code, 0);
	ck_assert_ptr_nonnull(strstr(out, "--max-depth"));
	free(out);
	out = run_hoso("extract", &code);
	ck_assert_int_eq(code, 2);
	free(out);
	out = run_hoso("extract --bogus x", &code);
	ck_assert_int_eq(code, 2);
	free(out);
	out = run_hoso("explain HS202", &code); /* Vietnamese by default */
	ck_assert_int_eq(code, 0);
	ck_assert_ptr_nonnull(strstr(out, "không có lớp chữ"));
	free(out);
	out = run_hoso("explain --lang en HS202", &code);
	ck_assert_int_eq(code, 0);
	ck_assert_ptr_nonnull(strstr(out, "no text layer"));
	free(out);
	/* stderr is not a terminal here: no progress line, with or without -q */
	hs_buf_addf(&args, "sh -c \"'%s' check --format json '%s/dossier' 2>&1 >/dev/null\"",
		    HOSO_BIN, HOSO_FIXTURES);
	{
		FILE *p = popen(args.ptr, "r");
		char buf[256];
		size_t n = fread(buf, 1, sizeof(buf), p);

		pclose(p);
		ck_assert_uint_eq(n, 0);
	}
	hs_buf_reset(&args);
	/* a missing input is a usage error: exit 2, no report at all */
	out = run_hoso("extract --format json /nonexistent/ho-so.zip", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_ptr_null(strstr(out, "\"HS101\""));
	free(out);
	/* --output writes that file and nothing else */
	ck_assert_ptr_nonnull(mkdtemp(dir));
	hs_buf_addf(&args, "extract --format json -o '%s/v.json' '%s/docs/trang.html'",
		    dir, HOSO_FIXTURES);
	out = run_hoso(args.ptr, &code);
	ck_assert_int_eq(code, 0);
	ck_assert_str_eq(out, "");
	free(out);
	hs_buf_reset(&args);
	hs_buf_addf(&args, "%s/v.json", dir);
	ck_assert_int_eq(stat(args.ptr, &st), 0);
	ck_assert_int_gt(st.st_size, 100);
	unlink(args.ptr);
	ck_assert_int_eq(rmdir(dir), 0); /* fails if anything else was left */
	hs_buf_release(&args);
}
END_TEST

START_TEST(output_is_reproducible)
{
	int c1, c2;
	struct hs_buf args = HS_BUF_INIT;
	char *a, *b;

	hs_buf_addf(&args, "extract --format json -j 2 '%s/archives/nested.zip'",
		    HOSO_FIXTURES);
	a = run_hoso(args.ptr, &c1);
	b = run_hoso(args.ptr, &c2);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	hs_buf_release(&args);
}
END_TEST

/*
 * fixtures/MANIFEST.tsv lists every fixture with its format and a phrase
 * its text must contain: each document must be detected as that format and
 * hold that phrase, each archive must be read as an archive.
 */
START_TEST(manifest_facts)
{
	size_t len;
	char *m = (char *)tu_read_fixture("MANIFEST.tsv", &len);
	char *save = NULL, *line;
	int checked = 0;

	line = strtok_r(m, "\n", &save); /* header */
	while ((line = strtok_r(NULL, "\n", &save))) {
		char *f[4] = {0};
		char *p = line;
		cJSON *j, *d;
		bool archive;

		for (int k = 0; k < 4 && p; k++) {
			f[k] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		ck_assert_ptr_nonnull(f[2]);
		archive = !strcmp(f[1], "zip") || !strcmp(f[1], "7z") ||
			  !strcmp(f[1], "tar");
		j = extract_json(f[0], NULL, NULL);
		if (archive) {
			ck_assert_msg(!strcmp(str(cJSON_GetObjectItem(j, "input"), "kind"),
					      "archive"),
				      "%s not read as an archive", f[0]);
			ck_assert_int_gt(cJSON_GetArraySize(cJSON_GetObjectItem(j, "documents")), 0);
		} else {
			d = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "documents"), 0);
			ck_assert_ptr_nonnull(d);
			ck_assert_msg(!strcmp(str(d, "format"), f[1]),
				      "%s: format %s, manifest says %s", f[0],
				      str(d, "format"), f[1]);
			if (*f[2])
				ck_assert_msg(strstr(str(d, "text"), f[2]),
					      "%s: '%s' not in its text", f[0], f[2]);
		}
		cJSON_Delete(j);
		checked++;
	}
	ck_assert_int_ge(checked, 30);
	free(m);
}
END_TEST

/* On a terminal (script(1) gives one) a progress line goes to stderr;
 * -q hides it. */
START_TEST(progress_line_on_a_terminal)
{
	static const char *const flags[] = {"", "-q"};

	for (int k = 0; k < 2; k++) {
		struct hs_buf cmd = HS_BUF_INIT, out = HS_BUF_INIT;
		char blk[4096];
		size_t n;
		FILE *p;

		hs_buf_addf(&cmd, "script -qec \"'%s' extract --no-cache %s '%s/dossier' "
			    ">/dev/null\" /dev/null", HOSO_BIN, flags[k], HOSO_FIXTURES);
		p = popen(cmd.ptr, "r");
		ck_assert_ptr_nonnull(p);
		while ((n = fread(blk, 1, sizeof(blk), p)) > 0)
			hs_buf_add(&out, blk, n);
		pclose(p);
		if (k == 0)
			ck_assert_msg(strstr(out.ptr, "đã đọc"), "no progress line: %s",
				      out.ptr);
		else
			ck_assert_ptr_null(strstr(out.ptr, "đã đọc"));
		hs_buf_release(&cmd);
		hs_buf_release(&out);
	}
}
END_TEST

/* --isolate (each worker a fresh program) reads the same as forked workers. */
START_TEST(isolated_workers_agree)
{
	cJSON *a = extract_json("archives/nested.zip", "--no-cache", NULL);
	cJSON *b = extract_json("archives/nested.zip", "--no-cache --isolate", NULL);
	char *fa = doc_facts(a), *fb = doc_facts(b);

	ck_assert_str_eq(fa, fb);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(b, "documents")), 11);
	free(fa);
	free(fb);
	cJSON_Delete(a);
	cJSON_Delete(b);
}
END_TEST

/* The cache is on by default, in $XDG_CACHE_HOME/hoso; --no-cache keeps
 * nothing. */
START_TEST(cache_default_and_off)
{
	char dir[] = "/tmp/hoso-xdg-XXXXXX";
	struct hs_buf cmd = HS_BUF_INIT;
	int entries;
	FILE *p;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	hs_buf_addf(&cmd, "XDG_CACHE_HOME='%s' '%s' extract --no-cache '%s/docs/trang.html' "
		    ">/dev/null 2>&1; ls -A '%s' | wc -l", dir, HOSO_BIN, HOSO_FIXTURES, dir);
	p = popen(cmd.ptr, "r");
	ck_assert_int_eq(fscanf(p, "%d", &entries), 1);
	pclose(p);
	ck_assert_int_eq(entries, 0);
	hs_buf_reset(&cmd);
	hs_buf_addf(&cmd, "XDG_CACHE_HOME='%s' '%s' extract '%s/docs/trang.html' "
		    ">/dev/null 2>&1; ls -A '%s/hoso' | wc -l", dir, HOSO_BIN, HOSO_FIXTURES, dir);
	p = popen(cmd.ptr, "r");
	ck_assert_int_eq(fscanf(p, "%d", &entries), 1);
	pclose(p);
	ck_assert_int_eq(entries, 1);
	hs_buf_reset(&cmd);
	hs_buf_addf(&cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd.ptr), 0);
	hs_buf_release(&cmd);
}
END_TEST

Suite *e2e_suite(void)
{
	Suite *s = suite_create("e2e");
	TCase *tc = tcase_create("extract");

	tcase_add_test(tc, folder_and_archives_agree);
	tcase_add_test(tc, dossier_facts);
	tcase_add_test(tc, cp437_names_repaired);
	tcase_add_test(tc, cp1258_names_repaired);
	tcase_add_test(tc, nested_archive);
	tcase_add_test(tc, legacy_fonts_converted);
	tcase_add_test(tc, single_documents);
	tcase_add_test(tc, entry_limit_reported);
	tcase_add_test(tc, cli_conventions);
	tcase_add_test(tc, output_is_reproducible);
	tcase_add_test(tc, manifest_facts);
	tcase_add_test(tc, cache_default_and_off);
	tcase_add_test(tc, isolated_workers_agree);
	tcase_add_test(tc, progress_line_on_a_terminal);
	tcase_set_timeout(tc, 300);
	suite_add_tcase(s, tc);
	return s;
}
