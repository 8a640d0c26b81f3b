/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_outputs.c: what hoso writes and how it exits, as a district officer
 * and a CI job use it (issue "Outputs people can trust"): no report
 * overwrites another, -o never replaces what the user did not name, a
 * dossier cannot configure its own review, hoso's own reports are not
 * evidence, exit codes say whether a dossier could be assessed, control
 * characters in names cannot forge report lines, a file size limit does
 * not kill the run. Every command runs with its own HOME and cache.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "base/buf.h"
#include "read/extract/formula.h"
#include "report/jsonschema.h"
#include "suites.h"
#include "testutil.h"

#define DOSSIER HOSO_FIXTURES "/check/tt25-muc-do-2"

static char *scratch(void)
{
	char *dir = strdup("/tmp/hoso-outputs-XXXXXX");

	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

/* sh -c CMD in dir (HOME and cache there), stdout and stderr together;
 * *code the exit status, or 128 + signal. */
static char *sh(const char *dir, const char *cmd, int *code)
{
	struct hs_buf c = HS_BUF_INIT, out = HS_BUF_INIT;
	char blk[65536], script[4096];
	size_t n;
	FILE *p;
	int st;

	/* the command goes through a script: it may hold any quote */
	snprintf(script, sizeof(script), "%s/.cmd.sh", dir);
	p = fopen(script, "w");
	ck_assert_ptr_nonnull(p);
	fputs(cmd, p);
	fputc('\n', p);
	ck_assert_int_eq(fclose(p), 0);
	hs_buf_addf(&c, "cd '%s' && HOME='%s' XDG_CACHE_HOME='%s/.cache' "
		    "HOSO='%s' sh .cmd.sh 2>&1",
		    dir, dir, dir, HOSO_BIN);
	p = popen(c.ptr, "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(blk, 1, sizeof(blk), p)) > 0)
		hs_buf_add(&out, blk, n);
	st = pclose(p);
	*code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	hs_buf_release(&c);
	if (!out.ptr)
		hs_buf_adds(&out, "");
	return hs_buf_detach(&out, NULL);
}

static void run_ok(const char *dir, const char *cmd)
{
	int code;
	char *out = sh(dir, cmd, &code);

	ck_assert_msg(code == 0, "'%s' failed (%d): %s", cmd, code, out);
	free(out);
}

static void remove_tree(const char *dir)
{
	struct hs_buf cmd = HS_BUF_INIT;

	hs_buf_addf(&cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd.ptr), 0);
	hs_buf_release(&cmd);
}

static char *slurp(const char *dir, const char *name)
{
	char path[4096];
	size_t len;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return (char *)tu_read_file(path, &len);
}

static bool has_finding(const cJSON *v, const char *code, const char *file_part)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, cJSON_GetObjectItem(v, "findings"))
	{
		const cJSON *c = cJSON_GetObjectItem(f, "code"),
			    *p = cJSON_GetObjectItem(f, "file");

		if (cJSON_IsString(c) && !strcmp(c->valuestring, code) &&
		    (!file_part || (cJSON_IsString(p) && strstr(p->valuestring, file_part))))
			return true;
	}
	return false;
}

static bool lists_document(const cJSON *v, const char *part)
{
	const cJSON *d;

	cJSON_ArrayForEach(d, cJSON_GetObjectItem(v, "documents"))
	{
		const cJSON *p = cJSON_GetObjectItem(d, "path");

		if (cJSON_IsString(p) && strstr(p->valuestring, part))
			return true;
	}
	return false;
}

START_TEST(batch_reports_never_overwrite)
{
	char *dir = scratch(), *csv, *a, *b, *out;
	int code;

	/* two dossiers named alike, one named "summary", one more */
	run_ok(dir, "mkdir -p A B out && cp -r '" DOSSIER "' A/ho-so && "
		    "cp -r '" DOSSIER "' B/ho-so && cp -r '" DOSSIER "' summary");
	run_ok(dir, "echo 'Báo cáo khác' > B/ho-so/them.txt");
	out = sh(dir, "\"$HOSO\" check A/ho-so B/ho-so summary --format html -o out", &code);
	ck_assert_msg(code == 0, "%s", out);
	free(out);
	a = slurp(dir, "out/ho-so.html");
	b = slurp(dir, "out/ho-so-2.html");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	/* each report is its own dossier's */
	ck_assert_ptr_null(strstr(a, "them.txt"));
	ck_assert_ptr_nonnull(strstr(b, "them.txt"));
	free(a);
	free(b);
	a = slurp(dir, "out/summary-2.html");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(strstr(a, "Báo cáo kiểm tra hồ sơ"));
	free(a);
	csv = slurp(dir, "out/summary.csv");
	ck_assert_ptr_nonnull(csv);
	ck_assert_ptr_nonnull(strstr(csv, "\"ho-so.html\""));
	ck_assert_ptr_nonnull(strstr(csv, "\"ho-so-2.html\""));
	ck_assert_ptr_nonnull(strstr(csv, "\"summary-2.html\""));
	free(csv);
	/* one input and -o FOLDER/: the report goes inside, not "Not a directory" */
	out = sh(dir, "\"$HOSO\" check A/ho-so --format html -o kq/", &code);
	ck_assert_msg(code == 0, "%s", out);
	free(out);
	a = slurp(dir, "kq/ho-so.html");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(strstr(a, "<html"));
	free(a);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(output_never_replaces_what_was_not_named)
{
	char *dir = scratch(), *out, *s;
	struct stat st;
	char path[4096];
	int code;

	run_ok(dir, "echo keep > target.txt && ln -s target.txt link.txt && "
		    "cp '" HOSO_FIXTURES "/docs/ke-hoach-2024.docx' kh.docx");
	/* a symlink: refused, its target untouched */
	out = sh(dir, "\"$HOSO\" check kh.docx -o link.txt", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_msg(strstr(out, "symlink"), "%s", out);
	free(out);
	s = slurp(dir, "target.txt");
	ck_assert_str_eq(s, "keep\n");
	free(s);
	snprintf(path, sizeof(path), "%s/link.txt", dir);
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	/* the input itself: refused, the dossier untouched */
	out = sh(dir, "\"$HOSO\" check kh.docx -o kh.docx", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_msg(strstr(out, "hồ sơ đang được kiểm tra"), "%s", out);
	free(out);
	out = sh(dir, "cmp kh.docx '" HOSO_FIXTURES "/docs/ke-hoach-2024.docx'", &code);
	ck_assert_int_eq(code, 0);
	free(out);
	out = sh(dir, "\"$HOSO\" extract kh.docx -o kh.docx", &code);
	ck_assert_int_eq(code, 2);
	free(out);
	/* a FIFO is written through: the reader gets the report */
	out = sh(dir, "mkfifo p && (cat p > got.txt &) && "
		      "\"$HOSO\" check kh.docx -o p; wait; sleep 0.2; test -p p",
		 &code);
	ck_assert_msg(code == 0 || code == 1, "%d %s", code, out);
	free(out);
	s = slurp(dir, "got.txt");
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_nonnull(strstr(s, "Báo cáo kiểm tra hồ sơ"));
	free(s);
	/* a character device (as root, a null device of our own): written
	 * through, still a device afterwards */
	if (geteuid() == 0) {
		run_ok(dir, "mknod nul c 1 3");
		out = sh(dir, "\"$HOSO\" check kh.docx -o nul", &code);
		ck_assert_msg(code == 0 || code == 1, "%d %s", code, out);
		free(out);
		snprintf(path, sizeof(path), "%s/nul", dir);
		ck_assert_int_eq(lstat(path, &st), 0);
		ck_assert(S_ISCHR(st.st_mode));
	}
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(dossier_cannot_configure_its_review)
{
	char *dir = scratch(), *out, *js;
	cJSON *v;
	int code;

	/* one request letter, and a config turning the missing evidence off */
	run_ok(dir, "mkdir d && printf '%s\\n' 'ỦY BAN NHÂN DÂN XÃ QUY KỲ' "
		    "'Số: 12/TTr-UBND' 'Quy Kỳ, ngày 10 tháng 12 năm 2024' 'TỜ TRÌNH' "
		    "'Đề nghị công nhận xã đạt chuẩn \"Cộng đồng học tập\" cấp xã mức độ 2 năm 2024' "
		    "> d/to-trinh.txt && "
		    "printf '%s' '{\"codes\":{\"HS301\":\"off\",\"HS302\":\"off\"}}' > d/hoso.json");
	out = sh(dir, "\"$HOSO\" check d --format json -o v.json", &code);
	ck_assert_msg(code == 1, "a dossier missing evidence passes (%d): %s", code, out);
	free(out);
	js = slurp(dir, "v.json");
	v = cJSON_Parse(js);
	ck_assert_ptr_nonnull(v);
	ck_assert(has_finding(v, "HS111", "hoso.json"));
	ck_assert(has_finding(v, "HS301", NULL));
	ck_assert(!lists_document(v, "hoso.json"));
	cJSON_Delete(v);
	free(js);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(own_reports_are_not_evidence)
{
	char *dir = scratch(), *out, *js;
	cJSON *v;
	int code;

	run_ok(dir, "cp -r '" DOSSIER "' d");
	out = sh(dir, "\"$HOSO\" check d -o d/bao-cao.txt; "
		      "\"$HOSO\" check d --format html -o d/bao-cao.html; "
		      "\"$HOSO\" check d --format sarif -o d/kq.sarif; "
		      "\"$HOSO\" check d --format json -o d/kq.json; "
		      "\"$HOSO\" check d --format json -o v.json",
		 &code);
	free(out);
	js = slurp(dir, "v.json");
	v = cJSON_Parse(js);
	ck_assert_ptr_nonnull(v);
	ck_assert(has_finding(v, "HS112", "bao-cao.txt"));
	ck_assert(has_finding(v, "HS112", "bao-cao.html"));
	ck_assert(has_finding(v, "HS112", "kq.sarif"));
	ck_assert(has_finding(v, "HS112", "kq.json"));
	ck_assert(!lists_document(v, "bao-cao.txt"));
	ck_assert(!lists_document(v, "kq.json"));
	/* the dossier's own documents are still there */
	ck_assert(lists_document(v, "Tiêu chí 1/"));
	cJSON_Delete(v);
	free(js);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(exit_codes_say_if_assessed)
{
	char *dir = scratch(), *out, *js;
	cJSON *v;
	int code;

	/* a missing input and "-": usage errors before any work */
	out = sh(dir, "\"$HOSO\" check khong-co.zip", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_msg(strstr(out, "không tìm thấy hồ sơ 'khong-co.zip'"), "%s", out);
	ck_assert_ptr_null(strstr(out, "HS301"));
	free(out);
	out = sh(dir, "\"$HOSO\" check -", &code);
	ck_assert_int_eq(code, 2);
	free(out);
	out = sh(dir, "\"$HOSO\" check khong-co.zip --lang en", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_msg(strstr(out, "no such input"), "%s", out);
	free(out);
	/* garbage named .zip: HS101 and 2, not a verdict on an empty dossier */
	run_ok(dir, "head -c 3000 /dev/urandom > rac.zip");
	out = sh(dir, "\"$HOSO\" check rac.zip --format json -o v.json", &code);
	ck_assert_msg(code == 2, "%d %s", code, out);
	ck_assert_msg(strstr(out, "không đánh giá được"), "%s", out);
	free(out);
	js = slurp(dir, "v.json");
	v = cJSON_Parse(js);
	ck_assert(has_finding(v, "HS101", "rac.zip"));
	ck_assert(!lists_document(v, "rac.zip"));
	cJSON_Delete(v);
	free(js);
	/* an empty folder and a folder of empty files: 2, in batch too */
	run_ok(dir, "mkdir rong 0byte && : > 0byte/ke-hoach.docx && : > 0byte/bc.pdf");
	out = sh(dir, "\"$HOSO\" check rong", &code);
	ck_assert_int_eq(code, 2);
	free(out);
	out = sh(dir, "\"$HOSO\" check 0byte --format json -o v.json", &code);
	ck_assert_int_eq(code, 2);
	free(out);
	js = slurp(dir, "v.json");
	v = cJSON_Parse(js);
	ck_assert(has_finding(v, "HS201", "ke-hoach.docx"));
	cJSON_Delete(v);
	free(js);
	run_ok(dir, "mkdir kq");
	out = sh(dir, "\"$HOSO\" check 0byte '" DOSSIER "' -o kq", &code);
	ck_assert_int_eq(code, 2);
	free(out);
	/* a dossier that can be read still exits 0 */
	out = sh(dir, "\"$HOSO\" check '" DOSSIER "' -o kq.txt", &code);
	ck_assert_int_eq(code, 0);
	free(out);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(unreadable_input_not_memoised)
{
	char *dir = scratch(), *out;
	int code;

	run_ok(dir, "head -c 3000 /dev/urandom > rac.zip && "
		    "cp '" HOSO_FIXTURES "/docs/ke-hoach-2024.docx' kh.docx");
	/* a readable document's verdict is kept (the count moves)... */
	out = sh(dir, "\"$HOSO\" check kh.docx >/dev/null; "
		      "a=$(find .cache -type f | wc -l); "
		      "\"$HOSO\" check kh.docx --year 2023 >/dev/null; "
		      "b=$(find .cache -type f | wc -l); test $b -gt $a",
		 &code);
	ck_assert_msg(code == 0, "the memo keeps nothing: %s", out);
	free(out);
	/* ...an unreadable input's is not */
	out = sh(dir, "a=$(find .cache -type f | wc -l); "
		      "\"$HOSO\" check rac.zip >/dev/null; "
		      "b=$(find .cache -type f | wc -l); test $b -eq $a",
		 &code);
	ck_assert_msg(code == 0, "an HS101 verdict was memoised: %s", out);
	free(out);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(control_characters_cannot_forge_lines)
{
	char *dir = scratch(), *out;
	int code;

	/* a dossier whose name holds a newline, a fake result and a
	 * right-to-left override */
	run_ok(dir, "d=\"$(printf 'x\\nKết quả: Đạt mức độ 2 \\342\\200\\256y')\" && "
		    "mkdir \"$d\" && echo 'Kế hoạch' > \"$d/a.txt\" && ln -s \"$d\" d");
	out = sh(dir, "\"$HOSO\" check \"$(printf 'x\\nKết quả: Đạt mức độ 2 \\342\\200\\256y')\"", &code);
	ck_assert_int_eq(code, 1);
	/* the only result line is hoso's own */
	ck_assert_ptr_null(strstr(out, "\nKết quả: Đạt mức độ 2"));
	ck_assert_msg(strstr(out, "x\\x0AKết quả: Đạt mức độ 2 \\u202Ey"), "%s", out);
	ck_assert_ptr_null(strstr(out, "\xE2\x80\xAE"));
	free(out);
	out = sh(dir, "\"$HOSO\" extract \"$(printf 'x\\nKết quả: Đạt mức độ 2 \\342\\200\\256y')\"", &code);
	ck_assert_ptr_null(strstr(out, "\nKết quả: Đạt"));
	ck_assert_ptr_nonnull(strstr(out, "x\\x0AKết quả"));
	free(out);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(file_size_limit_does_not_kill)
{
	char *dir = scratch(), *out;
	int code;

	out = sh(dir, "ulimit -f 8; \"$HOSO\" check '" DOSSIER "' --format json -o v.json",
		 &code);
	ck_assert_msg(code != 128 + SIGXFSZ, "killed by SIGXFSZ: %s", out);
	ck_assert_int_eq(code, 2); /* the verdict did not fit, and it says so */
	ck_assert_msg(strstr(out, "File too large"), "%s", out);
	free(out);
	/* the office part limit has its flag, named in the finding */
	out = sh(dir, "\"$HOSO\" extract '" HOSO_FIXTURES "/docs/ke-hoach-2024.docx' --max-part 2000",
		 &code);
	ck_assert_msg(strstr(out, "HS106") && strstr(out, "--max-part"), "%s", out);
	free(out);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(small_courtesies)
{
	char *dir = scratch(), *out, *js;
	cJSON *v;
	int code;

	/* explain takes lower case, and says an unknown code in Vietnamese */
	out = sh(dir, "\"$HOSO\" explain hs301", &code);
	ck_assert_int_eq(code, 0);
	ck_assert_ptr_nonnull(strstr(out, "HS301 (lỗi)"));
	free(out);
	out = sh(dir, "\"$HOSO\" explain hs999", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_ptr_nonnull(strstr(out, "không có mã phát hiện 'hs999'"));
	free(out);
	/* the same file under two names: one info finding, naming both */
	run_ok(dir, "mkdir -p d/TC1 d/TC2 && cp '" HOSO_FIXTURES "/docs/ke-hoach-2024.docx' d/TC1/kh.docx && "
		    "cp d/TC1/kh.docx d/TC2/ke-hoach.docx && "
		    "cp '" HOSO_FIXTURES "/docs/bao-cao.odt' d/TC2/");
	out = sh(dir, "\"$HOSO\" check d --format json -o v.json", &code);
	free(out);
	js = slurp(dir, "v.json");
	v = cJSON_Parse(js);
	ck_assert_ptr_nonnull(v);
	ck_assert(has_finding(v, "HS113", "TC2/ke-hoach.docx"));
	ck_assert(!has_finding(v, "HS113", "bao-cao.odt"));
	ck_assert(!has_finding(v, "HS113", "TC1/kh.docx"));
	cJSON_Delete(v);
	free(js);
	/* a broken pipe is silent */
	out = sh(dir, "\"$HOSO\" check '" DOSSIER "' | head -1", &code);
	ck_assert_ptr_null(strstr(out, "Broken pipe"));
	ck_assert_ptr_nonnull(strstr(out, "Báo cáo kiểm tra hồ sơ"));
	free(out);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(render_checks_what_it_is_given)
{
	char *dir = scratch(), *out;
	int code;

	run_ok(dir, "\"$HOSO\" check '" DOSSIER "' --format json -o v.json; "
		    "head -c 3000 v.json > cut.json; "
		    "sed 's/\"severity\":[[:space:]]*\"warning\"/\"severity\": \"fatal\"/' v.json > bad.json; "
		    "echo '{\"schema\": \"khac/1\", \"result\": {}}' > foreign.json; "
		    "grep -q fatal bad.json");
	out = sh(dir, "\"$HOSO\" render v.json", &code);
	ck_assert_int_eq(code, 0);
	free(out);
	out = sh(dir, "\"$HOSO\" render cut.json", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_msg(strstr(out, "bị cắt cụt") && strstr(out, "dòng "), "%s", out);
	free(out);
	out = sh(dir, "\"$HOSO\" render bad.json --format html -o r.html", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_msg(strstr(out, "$.findings[") && strstr(out, "severity"), "%s", out);
	ck_assert_int_ne(access("r.html", F_OK), 0);
	free(out);
	out = sh(dir, "\"$HOSO\" render foreign.json --lang en", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_msg(strstr(out, "not a hoso verdict (schema \"khac/1\""), "%s", out);
	free(out);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(formulas_without_values)
{
	char *dir = scratch(), *out, *js;
	const cJSON *rows, *r, *c;
	cJSON *v;
	int code;
	double total_b = -1, total_c = -1, rate2 = -1;

	out = sh(dir, "\"$HOSO\" extract '" HOSO_FIXTURES "/formulas/cong-thuc-chua-tinh.xlsx' "
		      "--format json -o x.json", &code);
	free(out);
	js = slurp(dir, "x.json");
	v = cJSON_Parse(js);
	ck_assert_ptr_nonnull(v);
	rows = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(
		cJSON_GetArrayItem(cJSON_GetObjectItem(v, "documents"), 0), "tables"), 0),
		"rows");
	ck_assert_int_eq(cJSON_GetArraySize(rows), 6);
	cJSON_ArrayForEach(r, rows)
		cJSON_ArrayForEach(c, cJSON_GetObjectItem(r, "cells"))
		{
			const char *ref = cJSON_GetObjectItem(c, "ref")->valuestring;
			const cJSON *num = cJSON_GetObjectItem(c, "number");

			if (!strcmp(ref, "B5") && num)
				total_b = num->valuedouble;
			if (!strcmp(ref, "C5") && num)
				total_c = num->valuedouble;
			if (!strcmp(ref, "D2") && num)
				rate2 = num->valuedouble;
			if (!strcmp(ref, "D5") || !strcmp(ref, "B6") || !strcmp(ref, "C6"))
				ck_assert_ptr_null(num);
		}
	/* computed: the sums and the per-hamlet rate */
	ck_assert(total_b == 300);
	ck_assert(total_c == 240);
	ck_assert(rate2 == 80);
	/* the rest named, not guessed */
	ck_assert(has_finding(v, "HS206", "cong-thuc-chua-tinh.xlsx"));
	ck_assert_ptr_nonnull(strstr(js, "D5, B6, C6"));
	cJSON_Delete(v);
	free(js);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(overrides_shown_everywhere)
{
	char *dir = scratch(), *out, *s;
	int code;

	run_ok(dir, "printf '%s' '{\"codes\": {\"HS202\": {\"severity\": \"off\", "
		    "\"reason\": \"đã xem bản gốc có dấu\"}, \"HS602\": \"warning\"}}' > cfg.json");
	/* text: counted apart, listed with the reason */
	out = sh(dir, "\"$HOSO\" check '" DOSSIER "' --config cfg.json", &code);
	ck_assert_int_eq(code, 0);
	ck_assert_msg(strstr(out, "; 1 bị tắt theo cấu hình\n"), "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "Điều chỉnh mức phát hiện theo cấu hình của người thẩm định\n"
					  "  HS202 → tắt: 1 phát hiện; lý do: đã xem bản gốc có dấu; "
					  "tệp cấu hình: cfg.json\n"));
	ck_assert_ptr_nonnull(strstr(out, "  HS602 → cảnh báo: 1 phát hiện; lý do: không ghi lý do"));
	free(out);
	out = sh(dir, "\"$HOSO\" check '" DOSSIER "' --config cfg.json --lang en", &code);
	ck_assert_ptr_nonnull(strstr(out, "1 silenced by configuration"));
	ck_assert_ptr_nonnull(strstr(out, "HS202 → off: 1 findings; reason: đã xem bản gốc có dấu"));
	free(out);
	/* HTML */
	out = sh(dir, "\"$HOSO\" check '" DOSSIER "' --config cfg.json --format html -o r.html", &code);
	free(out);
	s = slurp(dir, "r.html");
	ck_assert_ptr_nonnull(strstr(s, "<span class=\"silenced\">1 bị tắt theo cấu hình</span>"));
	ck_assert_ptr_nonnull(strstr(s, "<li>HS202 → tắt: 1 phát hiện; lý do: đã xem bản gốc có dấu"));
	free(s);
	/* SARIF: the rule disabled in the invocation, with the reason */
	out = sh(dir, "\"$HOSO\" check '" DOSSIER "' --config cfg.json --format sarif -o r.sarif", &code);
	free(out);
	s = slurp(dir, "r.sarif");
	{
		cJSON *v = cJSON_Parse(s), *inv, *rco, *x;

		ck_assert_ptr_nonnull(v);
		inv = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
			cJSON_GetObjectItem(v, "runs"), 0), "invocations"), 0);
		rco = cJSON_GetObjectItem(inv, "ruleConfigurationOverrides");
		ck_assert_int_eq(cJSON_GetArraySize(rco), 2);
		x = cJSON_GetArrayItem(rco, 0);
		ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(x, "descriptor"), "id")->valuestring,
				 "HS202");
		ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetObjectItem(x, "configuration"),
							    "enabled")));
		ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(x, "properties"), "reason")->valuestring,
				 "đã xem bản gốc có dấu");
		{
			size_t len;
			char err[1024] = "";
			char *b = (char *)tu_read_file(HOSO_SHARED_SCHEMAS "/sarif-schema-2.1.0.json", &len);
			cJSON *sch = cJSON_Parse(b);

			ck_assert_ptr_nonnull(sch);
			ck_assert_msg(jsonschema_validate(sch, v, err, sizeof(err)), "%s", err);
			cJSON_Delete(sch);
			free(b);
		}
		cJSON_Delete(v);
	}
	free(s);
	/* a malformed reason is a config error */
	run_ok(dir, "printf '%s' '{\"codes\": {\"HS202\": {\"severity\": \"off\", \"reason\": 5}}}' > bad.json");
	out = sh(dir, "\"$HOSO\" check '" DOSSIER "' --config bad.json", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_ptr_nonnull(strstr(out, "$.codes.HS202.reason"));
	free(out);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(cli_messages_in_the_users_language)
{
	char *dir = scratch(), *out;
	int code;
	const char *p, *q;

	/* usage errors: Vietnamese, English with --lang en */
	out = sh(dir, "\"$HOSO\" check --year abc x", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_msg(strstr(out, "giá trị 'abc' của --year không hợp lệ"), "%s", out);
	free(out);
	out = sh(dir, "\"$HOSO\" check --year abc x --lang en", &code);
	ck_assert_msg(strstr(out, "invalid value 'abc' for --year"), "%s", out);
	free(out);
	/* an unknown rubric lists the ones there are */
	out = sh(dir, "\"$HOSO\" check '" DOSSIER "' --rubric tt99", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_msg(strstr(out, "không có bộ tiêu chí 'tt99'; các bộ có sẵn: ") &&
			      strstr(out, "tt25-2023") && strstr(out, "tt44-2014"),
		      "%s", out);
	free(out);
	/* a cache that cannot be used: one warning, with its real reason */
	run_ok(dir, "echo x > khong-phai-thu-muc");
	out = sh(dir, "\"$HOSO\" check '" DOSSIER "' --cache khong-phai-thu-muc >/dev/null", &code);
	ck_assert_int_eq(code, 0);
	p = strstr(out, "không mở được thư mục bộ nhớ đệm");
	ck_assert_msg(p && strstr(out, "Not a directory"), "%s", out);
	q = strstr(p + 1, "không mở được thư mục bộ nhớ đệm");
	ck_assert_msg(!q, "warned more than once: %s", out);
	free(out);
	out = sh(dir, "\"$HOSO\" frob", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_ptr_nonnull(strstr(out, "'frob' không phải lệnh của hoso"));
	free(out);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(review_edges)
{
	char *dir = scratch(), *out, *a;
	int code;

	run_ok(dir, "cp -r '" DOSSIER "' dz && mkdir out && cp -r '" DOSSIER "' summary.html");
	/* a document inside a folder being checked is not replaced... */
	out = sh(dir, "\"$HOSO\" check dz -o \"dz/Tiêu chí 1/Kế hoạch xây dựng XHHT năm 2024.docx\"", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_msg(strstr(out, "tài liệu trong hồ sơ đang được kiểm tra"), "%s", out);
	free(out);
	out = sh(dir, "cmp \"dz/Tiêu chí 1/Kế hoạch xây dựng XHHT năm 2024.docx\" "
		      "\"" DOSSIER "/Tiêu chí 1/Kế hoạch xây dựng XHHT năm 2024.docx\"", &code);
	ck_assert_int_eq(code, 0);
	free(out);
	/* ...but hoso's own earlier report there may be */
	out = sh(dir, "\"$HOSO\" check dz -o dz/bc.txt && \"$HOSO\" check dz --format html -o dz/bc.txt", &code);
	ck_assert_msg(code == 0, "%s", out);
	free(out);
	a = slurp(dir, "dz/bc.txt");
	ck_assert_ptr_nonnull(strstr(a, "<html"));
	free(a);
	/* /dev/stdout, a link to the pipe we read: written through */
	out = sh(dir, "\"$HOSO\" check dz -o /dev/stdout", &code);
	ck_assert_int_eq(code, 0);
	ck_assert_ptr_nonnull(strstr(out, "Báo cáo kiểm tra hồ sơ"));
	free(out);
	/* a batch's summary never replaces an input named like it */
	out = sh(dir, "\"$HOSO\" check dz summary.html -o .", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_msg(strstr(out, "'./summary.html': đó là hồ sơ đang được kiểm tra"), "%s", out);
	free(out);
	out = sh(dir, "test -d summary.html && test -f summary.csv", &code);
	ck_assert_int_eq(code, 0);
	free(out);
	/* the lexicon is part of the memo's key: another one, another verdict */
	out = sh(dir, "cp '" HOSO_FIXTURES "/check/tt25-khong-dau.zip' z.zip && "
		      "\"$HOSO\" check z.zip >/dev/null; a=$(find .cache -type f | wc -l); "
		      "\"$HOSO\" check z.zip >/dev/null; b=$(find .cache -type f | wc -l); "
		      "sed 's/^{/{ /' '" HOSO_SCHEMAS "/lexicon.json' > lex.json && "
		      "HOSO_LEXICON=$PWD/lex.json \"$HOSO\" check z.zip >/dev/null; "
		      "c=$(find .cache -type f | wc -l); echo $a $b $c; test $a -eq $b && test $c -gt $b",
		 &code);
	ck_assert_msg(code == 0, "memo files: %s", out);
	free(out);
	/* a dossier that cannot be assessed says why on every run */
	out = sh(dir, "mkdir bin && head -c 2000 /dev/urandom > bin/x.bin && "
		      "tar -cf nt.tar -C bin x.bin && "
		      "\"$HOSO\" check nt.tar >/dev/null; \"$HOSO\" check nt.tar >/dev/null", &code);
	ck_assert_int_eq(code, 2);
	ck_assert_msg(strstr(out, "không đánh giá được") &&
			      strstr(strstr(out, "không đánh giá được") + 1, "không đánh giá được"),
		      "said once only: %s", out);
	free(out);
	remove_tree(dir);
	free(dir);
}
END_TEST

/* formula_compute over a table made here: a chain met from either end, a
 * cycle left alone, in bounded time */
START_TEST(formula_chains_and_cycles)
{
	static const struct extract_limits lim = EXTRACT_LIMITS_DEFAULT;
	enum { N = 3000 };
	struct formula_cell *fc = calloc(N + 2, sizeof(*fc));
	struct doc d;
	struct doc_table *t;
	size_t left;

	doc_init(&d, &lim);
	doc_table_new(&d, "S", 1);
	for (uint32_t r = 1; r <= N + 2; r++) {
		char f[32];

		doc_row_new(&d, r);
		ck_assert_int_eq(doc_cell_add(&d, 0, "", 0, false, 0), HS_OK);
		/* A_r = A_(r+1) + 1 up to A_N = 1; A_(N+1) and A_(N+2) use
		 * each other */
		if (r < N)
			snprintf(f, sizeof(f), "A%u+1", r + 1);
		else if (r == N)
			snprintf(f, sizeof(f), "1");
		else
			snprintf(f, sizeof(f), "A%u", r == N + 1 ? N + 2 : N + 1);
		fc[r - 1] = (struct formula_cell){.row = r, .col = 0, .trow = r - 1,
						  .tcell = 0, .text = strdup(f)};
	}
	t = &d.tables[0];
	left = formula_compute(t, fc, N + 2);
	ck_assert_uint_eq(left, 2);
	ck_assert(t->rows[0].cells[0].is_num);
	ck_assert(t->rows[0].cells[0].num == N);
	ck_assert(t->rows[N - 1].cells[0].num == 1);
	ck_assert(!t->rows[N].cells[0].is_num);
	for (size_t k = 0; k < N + 2; k++)
		free(fc[k].text);
	free(fc);
	doc_release(&d);
}
END_TEST

/* A line of a thousand cells of 990 bytes, each looking like 165 joined
 * header lines ("AB SO AB SO ..."), is read with a few split points per
 * cell: 10 s of CPU before, 0.3 s now. The CPU limit is only a guard
 * against a hang (far above either); what is asserted is that the real
 * header's number is still read. */
START_TEST(crafted_header_cells)
{
	char *dir = scratch(), *out;
	int code;

	run_ok(dir, "mkdir d && { printf 'ỦY BAN NHÂN DÂN XÃ AN\\nSố: 12/KH-UBND\\n'; "
		    "c=$(i=0; while [ $i -lt 165 ]; do printf 'AB SO '; i=$((i+1)); done); "
		    "i=0; while [ $i -lt 1000 ]; do printf '%s|' \"$c\"; i=$((i+1)); done; "
		    "printf '\\nKẾ HOẠCH\\nXây dựng xã hội học tập năm 2024\\n'; } > d/kh.txt");
	out = sh(dir, "ulimit -t 20; \"$HOSO\" check d --format json -o v.json", &code);
	ck_assert_msg(code == 0 || code == 1, "%d %s", code, out);
	free(out);
	out = slurp(dir, "v.json");
	ck_assert_ptr_nonnull(strstr(out, "\"12/KH-UBND\""));
	free(out);
	remove_tree(dir);
	free(dir);
}
END_TEST

Suite *outputs_suite(void)
{
	Suite *s = suite_create("outputs");
	TCase *tc = tcase_create("outputs");

	tcase_add_test(tc, batch_reports_never_overwrite);
	tcase_add_test(tc, output_never_replaces_what_was_not_named);
	tcase_add_test(tc, dossier_cannot_configure_its_review);
	tcase_add_test(tc, own_reports_are_not_evidence);
	tcase_add_test(tc, exit_codes_say_if_assessed);
	tcase_add_test(tc, unreadable_input_not_memoised);
	tcase_add_test(tc, control_characters_cannot_forge_lines);
	tcase_add_test(tc, file_size_limit_does_not_kill);
	tcase_add_test(tc, small_courtesies);
	tcase_add_test(tc, render_checks_what_it_is_given);
	tcase_add_test(tc, formulas_without_values);
	tcase_add_test(tc, overrides_shown_everywhere);
	tcase_add_test(tc, cli_messages_in_the_users_language);
	tcase_add_test(tc, review_edges);
	tcase_add_test(tc, formula_chains_and_cycles);
	tcase_add_test(tc, crafted_header_cells);
	tcase_set_timeout(tc, 600);
	suite_add_tcase(s, tc);
	return s;
}
