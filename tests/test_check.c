/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_check.c: `hoso check` on the fixture dossiers of fixtures/check, as
 * a user runs it. Every verdict is validated against
 * schemas/verdict.schema.json; results, statuses, evidence files and
 * header facts are asserted against fixtures/check/MANIFEST.tsv.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "base/buf.h"
#include "report/jsonschema.h"
#include "suites.h"
#include "testutil.h"

#define CHECK_FIX HOSO_FIXTURES "/check"

static char *run(const char *args, int *code, bool with_stderr)
{
	struct hs_buf cmd = HS_BUF_INIT, out = HS_BUF_INIT;
	FILE *p;
	char blk[65536];
	size_t n;
	int st;

	hs_buf_addf(&cmd, "'%s' %s %s", HOSO_BIN, args,
		    with_stderr ? "2>&1" : "2>/dev/null");
	p = popen(cmd.ptr, "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(blk, 1, sizeof(blk), p)) > 0)
		hs_buf_add(&out, blk, n);
	st = pclose(p);
	*code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	hs_buf_release(&cmd);
	return hs_buf_detach(&out, NULL);
}

static cJSON *schema(void)
{
	size_t len;
	char path[4096];
	unsigned char *b;
	cJSON *s;

	snprintf(path, sizeof(path), "%s/verdict.schema.json", HOSO_SCHEMAS);
	b = tu_read_file(path, &len);
	ck_assert_ptr_nonnull(b);
	s = cJSON_Parse((char *)b);
	free(b);
	ck_assert_ptr_nonnull(s);
	return s;
}

/* `hoso check --format json ARGS`, validated against the schema. */
static cJSON *verdict(const char *args, int *code)
{
	struct hs_buf a = HS_BUF_INIT;
	char *out, err[1024] = "";
	cJSON *v, *s = schema();
	int c;

	hs_buf_addf(&a, "check --format json %s", args);
	out = run(a.ptr, &c, false);
	v = cJSON_Parse(out);
	ck_assert_msg(v != NULL, "not JSON: %.300s", out);
	ck_assert_msg(jsonschema_validate(s, v, err, sizeof(err)),
		      "verdict of '%s' fails the schema: %s", args, err);
	free(out);
	cJSON_Delete(s);
	hs_buf_release(&a);
	if (code)
		*code = c;
	return v;
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItem(o, k);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double num(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItem(o, k);

	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static cJSON *indicator(cJSON *v, const char *id)
{
	cJSON *c, *i;

	cJSON_ArrayForEach(c, cJSON_GetObjectItem(v, "criteria"))
		cJSON_ArrayForEach(i, cJSON_GetObjectItem(c, "indicators"))
			if (!strcmp(str(i, "id"), id))
				return i;
	ck_abort_msg("indicator %s not in the verdict", id);
	return NULL;
}

static bool has_evidence(cJSON *ind, const char *file)
{
	cJSON *e;

	cJSON_ArrayForEach(e, cJSON_GetObjectItem(ind, "evidence"))
		if (!strcmp(str(e, "file"), file))
			return true;
	return false;
}

static int content_matches(cJSON *ind)
{
	cJSON *e;
	int n = 0;

	cJSON_ArrayForEach(e, cJSON_GetObjectItem(ind, "evidence"))
		n += !strcmp(str(e, "match"), "content");
	return n;
}

static int count_code(cJSON *v, const char *code)
{
	cJSON *f;
	int n = 0;

	cJSON_ArrayForEach(f, cJSON_GetObjectItem(v, "findings"))
		n += !strcmp(str(f, "code"), code);
	return n;
}

/* Each manifest row of dossier d: "path\tdossier\tindicators\ttype\tnumber\tdate". */
static void manifest_rows(const char *d,
			  void (*fn)(char **f, void *ctx), void *ctx)
{
	size_t len;
	char *m = (char *)tu_read_fixture("check/MANIFEST.tsv", &len);
	char *save = NULL, *line = strtok_r(m, "\n", &save);

	while ((line = strtok_r(NULL, "\n", &save))) {
		char *f[8] = {0}, *p = line;

		for (int k = 0; k < 8 && p; k++) {
			f[k] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		if (f[1] && !strcmp(f[1], d))
			fn(f, ctx);
	}
	free(m);
}

/* Every file the manifest says evidences an indicator is named for it. */
static void check_row(char **f, void *ctx)
{
	cJSON *v = ctx;
	const char *rel = strchr(f[0], '/') + 1;
	char *inds = strdup(f[2]), *save = NULL, *id;

	if (f[6] && strstr(f[6], "scan=1")) {
		free(inds);
		return; /* a scanned copy: its text copy is the evidence */
	}
	for (id = strtok_r(inds, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
		while (*id == ' ')
			id++;
		if (!strcmp(id, "dossier"))
			continue;
		ck_assert_msg(has_evidence(indicator(v, id), rel),
			      "%s not named as evidence of %s", rel, id);
	}
	free(inds);
}

/* Type, number and date of each document as the manifest gives them. */
static void header_row(char **f, void *ctx)
{
	cJSON *v = ctx, *d;
	const char *rel = strchr(f[0], '/') + 1;

	if (f[6] && strstr(f[6], "scan=1"))
		return;
	cJSON_ArrayForEach(d, cJSON_GetObjectItem(v, "documents"))
		if (!strcmp(str(d, "path"), rel))
			break;
	ck_assert_msg(d != NULL, "%s not listed", rel);
	if (*f[4] && strstr(rel, ".xlsx") == NULL) {
		ck_assert_msg(str(d, "number") && !strcmp(str(d, "number"), f[4]),
			      "%s: number %s, manifest %s", rel, str(d, "number"), f[4]);
		ck_assert_msg(str(d, "date") && !strcmp(str(d, "date"), f[5]),
			      "%s: date %s, manifest %s", rel, str(d, "date"), f[5]);
	}
}

START_TEST(tt25_reaches_level_2)
{
	int code;
	cJSON *v = verdict("'" CHECK_FIX "/tt25-muc-do-2'", &code);
	cJSON *res = cJSON_GetObjectItem(v, "result"), *dos = cJSON_GetObjectItem(v, "dossier");
	cJSON *c, *i;

	ck_assert_str_eq(str(cJSON_GetObjectItem(v, "rubric"), "id"), "tt25-2023");
	ck_assert_int_eq((int)num(res, "level_reached"), 2);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(res, "provisional")));
	ck_assert_int_eq((int)num(dos, "level_claimed"), 2);
	ck_assert_int_eq((int)num(dos, "year"), 2024);
	ck_assert_ptr_nonnull(strstr(str(dos, "commune"), "QUY K"));
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(v, "criteria"))
		cJSON_ArrayForEach(i, cJSON_GetObjectItem(c, "indicators"))
			ck_assert_msg(!strcmp(str(i, "status"), "met"), "%s is %s",
				      str(i, "id"), str(i, "status"));
	/* one figure each, read from the documents: 5.1 from the total row of
	 * the list, with its cell */
	{
		cJSON *fig = cJSON_GetArrayItem(cJSON_GetObjectItem(indicator(v, "5.1"),
								    "figures"), 0);

		ck_assert(num(fig, "value") == 64.3);
		ck_assert_str_eq(str(fig, "sheet"), "Thống kê CDHT");
		ck_assert_str_eq(str(fig, "cell"), "E17");
	}
	manifest_rows("tt25-muc-do-2", check_row, v);
	manifest_rows("tt25-muc-do-2", header_row, v);
	ck_assert_int_eq(count_code(v, "HS301"), 0);
	ck_assert_int_eq(count_code(v, "HS602"), 1);
	ck_assert_int_eq(code, 0);
	/* nothing pending: nothing to confirm, nothing added */
	ck_assert(cJSON_IsArray(cJSON_GetObjectItem(res, "to_confirm")));
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(res, "to_confirm")), 0);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(res, "level_if_confirmed")));
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(res, "points_if_confirmed")));
	ck_assert_ptr_null(strstr(str(res, "summary"), "nếu xác nhận"));
	cJSON_Delete(v);
}
END_TEST

START_TEST(names_without_diacritics_agree)
{
	cJSON *a = verdict("'" CHECK_FIX "/tt25-muc-do-2'", NULL);
	cJSON *b = verdict("'" CHECK_FIX "/tt25-khong-dau.zip'", NULL);
	cJSON *c, *i;

	ck_assert_int_eq((int)num(cJSON_GetObjectItem(b, "result"), "level_reached"), 2);
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(a, "criteria"))
		cJSON_ArrayForEach(i, cJSON_GetObjectItem(c, "indicators")) {
			cJSON *j = indicator(b, str(i, "id"));

			ck_assert_str_eq(str(i, "status"), str(j, "status"));
			/* the same documents, found by their content */
			ck_assert_int_eq(content_matches(i), content_matches(j));
		}
	ck_assert(has_evidence(indicator(b, "4.1"),
			       "tt25-khong-dau/TC4/QD PCGD MN 5 tuoi.pdf"));
	cJSON_Delete(a);
	cJSON_Delete(b);
}
END_TEST

/* Copies the tt25 dossier to a scratch folder without one file. */
static char *copy_without(const char *rel)
{
	char *dir = strdup("/tmp/hoso-check-XXXXXX");
	struct hs_buf cmd = HS_BUF_INIT;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	hs_buf_addf(&cmd, "cp -r '%s/tt25-muc-do-2/.' '%s/' && rm '%s/%s'", CHECK_FIX,
		    dir, dir, rel);
	ck_assert_int_eq(system(cmd.ptr), 0);
	hs_buf_release(&cmd);
	return dir;
}

static void remove_tree(const char *dir)
{
	struct hs_buf cmd = HS_BUF_INIT;

	hs_buf_addf(&cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd.ptr), 0);
	hs_buf_release(&cmd);
}

START_TEST(removing_evidence_fails_that_indicator)
{
	static const struct {
		const char *file, *indicator;
	} cases[] = {
		{"Tiêu chí 1/Kế hoạch Tuần lễ học tập suốt đời năm 2024.docx",
		 "1.3"},
		{"Tiêu chí 2/Quy chế phối hợp xây dựng XHHT.pdf", "2.3"},
	};
	cJSON *full = verdict("'" CHECK_FIX "/tt25-muc-do-2'", NULL);

	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		char *dir = copy_without(cases[k].file);
		struct hs_buf a = HS_BUF_INIT;
		cJSON *v, *c, *i;
		int code;

		hs_buf_addf(&a, "'%s'", dir);
		v = verdict(a.ptr, &code);
		ck_assert_int_eq(code, 1); /* HS301 is an error */
		ck_assert_int_eq((int)num(cJSON_GetObjectItem(v, "result"),
					  "level_reached"), 0);
		cJSON_ArrayForEach(c, cJSON_GetObjectItem(v, "criteria"))
			cJSON_ArrayForEach(i, cJSON_GetObjectItem(c, "indicators")) {
				const char *want = !strcmp(str(i, "id"), cases[k].indicator)
							   ? "missing_evidence"
							   : str(indicator(full, str(i, "id")),
								 "status");

				ck_assert_msg(!strcmp(str(i, "status"), want),
					      "without %s: %s is %s, want %s",
					      cases[k].file, str(i, "id"),
					      str(i, "status"), want);
			}
		ck_assert_int_eq(count_code(v, "HS301"), 1);
		cJSON_Delete(v);
		remove_tree(dir);
		free(dir);
		hs_buf_release(&a);
	}
	cJSON_Delete(full);
}
END_TEST

START_TEST(scan_only_evidence_needs_review)
{
	/* The text decision removed, its scan stays: found, not verifiable. */
	char *dir = copy_without("Tiêu chí 4/QĐ công nhận phổ cập giáo dục tiểu học mức độ 3.pdf");
	struct hs_buf a = HS_BUF_INIT;
	cJSON *v, *f;
	long hs302 = -1;

	hs_buf_addf(&a, "'%s'", dir);
	v = verdict(a.ptr, NULL);
	ck_assert_str_eq(str(indicator(v, "4.2"), "status"), "needs_review");
	ck_assert_int_eq((int)num(cJSON_GetObjectItem(v, "result"), "level_reached"), 0);
	ck_assert_int_eq(count_code(v, "HS302"), 1);
	/* HS302 points at its root cause, the scan's HS202 */
	cJSON_ArrayForEach(f, cJSON_GetObjectItem(v, "findings"))
		if (!strcmp(str(f, "code"), "HS302"))
			hs302 = (long)num(f, "caused_by");
	ck_assert_int_ge(hs302, 0);
	ck_assert_str_eq(str(cJSON_GetArrayItem(cJSON_GetObjectItem(v, "findings"),
						(int)hs302), "code"),
			 "HS202");
	/* confirming the scan gives level 2 (its level figure is read from
	 * the self-assessment report: not a doubt) */
	{
		cJSON *res = cJSON_GetObjectItem(v, "result");
		cJSON *tc = cJSON_GetObjectItem(res, "to_confirm");
		cJSON *it = cJSON_GetArrayItem(tc, 0), *ds = cJSON_GetObjectItem(it, "doubts");
		const char *scan = "Tiêu chí 4/QĐ công nhận phổ cập giáo dục tiểu học "
				   "mức độ 3 (bản chụp có dấu).pdf";

		ck_assert_int_eq((int)num(res, "level_if_confirmed"), 2);
		ck_assert_int_eq(cJSON_GetArraySize(tc), 1);
		ck_assert_str_eq(str(it, "id"), "4.2");
		ck_assert_int_eq(cJSON_GetArraySize(ds), 1);
		ck_assert_str_eq(str(cJSON_GetArrayItem(ds, 0), "kind"), "name_only");
		ck_assert_str_eq(str(cJSON_GetArrayItem(ds, 0), "requirement"),
				 "qd-cong-nhan-pcgd-th");
		ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(it, "documents")), 1);
		ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(it, "documents"), 0)
					 ->valuestring, scan);
	}
	cJSON_Delete(v);
	remove_tree(dir);
	free(dir);
	hs_buf_release(&a);
}
END_TEST

/*
 * One doubtful indicator, everything else met: the 3.3 report replaced by
 * a scan under the report's name (matched by name only, HS302). Proven:
 * no level; if 3.3 is confirmed: level 2, and the report says so with
 * what to look at.
 */
START_TEST(pending_review_shows_what_confirming_gives)
{
	static const char report[] =
		"Tiêu chí 3/Báo cáo hoạt động Trung tâm văn hóa - thể thao xã năm 2024";
	char *dir = copy_without("Tiêu chí 3/Báo cáo hoạt động Trung tâm văn hóa - "
				 "thể thao xã năm 2024.docx");
	struct hs_buf a = HS_BUF_INIT, want = HS_BUF_INIT;
	cJSON *v, *res, *tc, *it, *d, *c, *i, *lv;
	char *out;
	int code;

	hs_buf_addf(&a, "cp '%s/Tiêu chí 4/QĐ công nhận phổ cập giáo dục tiểu học mức độ 3 "
		    "(bản chụp có dấu).pdf' '%s/%s.pdf'", dir, dir, report);
	ck_assert_int_eq(system(a.ptr), 0);
	hs_buf_reset(&a);
	hs_buf_addf(&a, "'%s'", dir);
	v = verdict(a.ptr, NULL);
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(v, "criteria"))
		cJSON_ArrayForEach(i, cJSON_GetObjectItem(c, "indicators"))
			ck_assert_msg(!strcmp(str(i, "status"),
					      strcmp(str(i, "id"), "3.3") ? "met"
									 : "needs_review"),
				      "%s is %s", str(i, "id"), str(i, "status"));
	res = cJSON_GetObjectItem(v, "result");
	ck_assert_int_eq((int)num(res, "level_reached"), 0);
	ck_assert_int_eq((int)num(res, "level_if_confirmed"), 2);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(res, "points_if_confirmed")));
	ck_assert_ptr_nonnull(strstr(str(res, "summary"),
				     "chưa đạt mức độ nào (đề nghị mức độ 2); "
				     "đạt mức độ 2 nếu xác nhận 1 chỉ tiêu (3.3);"));
	tc = cJSON_GetObjectItem(res, "to_confirm");
	ck_assert_int_eq(cJSON_GetArraySize(tc), 1);
	it = cJSON_GetArrayItem(tc, 0);
	ck_assert_str_eq(str(it, "id"), "3.3");
	ck_assert_str_eq(str(it, "criterion"), "3");
	ck_assert_str_eq(str(it, "if_confirmed"), "met");
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(it, "needed")));
	ck_assert_ptr_nonnull(strstr(str(it, "why"), "chỉ khớp theo tên tệp"));
	lv = cJSON_GetObjectItem(it, "levels");
	ck_assert_int_eq(cJSON_GetArraySize(lv), 2);
	ck_assert_int_eq(cJSON_GetArrayItem(lv, 0)->valueint, 1);
	ck_assert_int_eq(cJSON_GetArrayItem(lv, 1)->valueint, 2);
	hs_buf_addf(&want, "%s.pdf", report);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(it, "documents")), 1);
	ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(it, "documents"), 0)
				 ->valuestring, want.ptr);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(it, "doubts")), 1);
	d = cJSON_GetArrayItem(cJSON_GetObjectItem(it, "doubts"), 0);
	ck_assert_str_eq(str(d, "kind"), "name_only");
	ck_assert_str_eq(str(d, "requirement"), "bao-cao-ttvhtt");
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(d, "figure")));
	ck_assert_int_eq((int)num(d, "documents_total"), 1);
	ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(d, "documents"), 0)
				 ->valuestring, want.ptr);
	cJSON_Delete(v);

	/* the text report: the headline, then what to confirm */
	hs_buf_reset(&a);
	hs_buf_addf(&a, "check '%s'", dir);
	out = run(a.ptr, &code, false);
	ck_assert_ptr_nonnull(strstr(out, "\nKết quả: Chưa đạt mức độ nào (đề nghị mức độ 2); "
					  "đạt mức độ 2 nếu xác nhận 1 chỉ tiêu (3.3)\n"));
	hs_buf_reset(&want);
	hs_buf_addf(&want, "\nCần xác nhận (1):\n  ? 3.3 Hiệu quả hoạt động của Trung tâm "
		    "văn hóa, thể thao cấp xã");
	ck_assert_msg(strstr(out, want.ptr), "no «%s» in %.1500s", want.ptr, out);
	hs_buf_reset(&want);
	hs_buf_addf(&want, "\n      xem: %s.pdf (bản chụp, không có lớp chữ)\n", report);
	ck_assert_msg(strstr(out, want.ptr), "no «%s» in %.1500s", want.ptr, out);
	ck_assert(strstr(out, "Cần xác nhận (1)") < strstr(out, "Kiểm tra từng tiêu chí"));
	free(out);
	hs_buf_reset(&a);
	hs_buf_addf(&a, "check --lang en '%s'", dir);
	out = run(a.ptr, &code, false);
	ck_assert_ptr_nonnull(strstr(out, "\nResult: No level reached (level 2 requested); "
					  "level 2 if 1 indicator is confirmed (3.3)\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nTo confirm (1):\n  ? 3.3 "));
	ck_assert_ptr_nonnull(strstr(out, "matched by file name only"));
	free(out);
	/* HTML: the same headline, and the list */
	hs_buf_reset(&a);
	hs_buf_addf(&a, "check --format html '%s'", dir);
	out = run(a.ptr, &code, false);
	ck_assert_ptr_nonnull(strstr(out, "<p class=\"headline\">Chưa đạt mức độ nào "
					  "(đề nghị mức độ 2); đạt mức độ 2 nếu xác nhận "
					  "1 chỉ tiêu (3.3)</p>"));
	ck_assert_ptr_nonnull(strstr(out, "<section id=\"to-confirm\">\n<h2>Cần xác nhận (1)</h2>"));
	/* nothing proven yet, but confirming would: amber, not red */
	ck_assert_ptr_nonnull(strstr(out, "<section class=\"result pending\" id=\"result\">"));
	hs_buf_reset(&want);
	hs_buf_addf(&want, "<li>xem: %s.pdf <em class=\"needs_review\">(bản chụp, "
		    "không có lớp chữ)</em></li>", report);
	ck_assert_msg(strstr(out, want.ptr), "no «%s»", want.ptr);
	free(out);
	/* a batch: the summary's result column says it too */
	{
		char sum[] = "/tmp/hoso-sum-XXXXXX";
		size_t len;
		char *csv;

		ck_assert_ptr_nonnull(mkdtemp(sum));
		hs_buf_reset(&a);
		hs_buf_addf(&a, "check --format html -o '%s' '%s' '" CHECK_FIX "/tt25-muc-do-2'",
			    sum, dir);
		free(run(a.ptr, &code, false));
		hs_buf_reset(&a);
		hs_buf_addf(&a, "%s/summary.csv", sum);
		csv = (char *)tu_read_file(a.ptr, &len);
		ck_assert_ptr_nonnull(csv);
		ck_assert_msg(strstr(csv, ",2024,\"Chưa đạt mức độ nào (đề nghị mức độ 2); đạt mức "
				       "độ 2 nếu xác nhận 1 chỉ tiêu (3.3)\",0,"), "%s", csv);
		ck_assert_ptr_nonnull(strstr(csv, ",2024,\"Đạt mức độ 2 (đề nghị mức độ 2)\","));
		free(csv);
		remove_tree(sum);
	}
	remove_tree(dir);
	free(dir);
	hs_buf_release(&a);
	hs_buf_release(&want);
}
END_TEST

START_TEST(tt44_points)
{
	cJSON *v = verdict("'" CHECK_FIX "/tt44-2023'", NULL);
	cJSON *res = cJSON_GetObjectItem(v, "result"), *c;
	double sum = 0;

	ck_assert_str_eq(str(cJSON_GetObjectItem(v, "rubric"), "id"), "tt44-2014");
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(res, "level_reached")));
	ck_assert_int_eq((int)num(res, "points_max"), 100);
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(v, "criteria"))
		sum += num(c, "points");
	ck_assert(sum == num(res, "points"));
	ck_assert_int_eq((int)num(cJSON_GetObjectItem(v, "dossier"), "year"), 2023);
	/* the fixture's own sheet says 88, Tốt; the machine reads 87: of
	 * indicator 3.2's two mass-organisation plans it finds one (the
	 * coordination programme is 3.3's evidence, not a plan of one body) */
	ck_assert_str_eq(str(res, "classification"), "Tốt");
	ck_assert_int_ge((int)num(res, "points"), 85);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(res, "depends_on_unconfirmed")));
	/* Gia đình hiếu học 56,2%: below 70%, a partial score of 1 of 3 */
	ck_assert_str_eq(str(indicator(v, "9.1"), "status"), "not_met");
	ck_assert(num(indicator(v, "9.1"), "points") == 1);
	ck_assert(num(cJSON_GetArrayItem(cJSON_GetObjectItem(indicator(v, "9.1"),
							     "figures"), 0), "value") == 56.2);
	/* stunting 24,1% > 23%: no point, and HS504 says so */
	ck_assert_str_eq(str(indicator(v, "14.3"), "status"), "not_met");
	ck_assert(num(indicator(v, "14.3"), "points") == 0);
	ck_assert_int_ge(count_code(v, "HS504"), 1);
	/* 7.1 and 7.3: their rates are not read (needs_review, 0 points);
	 * confirmed, each earns its 2 points: 4 more, still Tốt */
	{
		static const char *const ids[] = {"7.1", "7.3"};
		static const char *const figs[] = {"ty_le_can_bo_dat_chuan",
						   "ty_le_cong_chuc_boi_duong"};
		cJSON *tc = cJSON_GetObjectItem(res, "to_confirm");

		ck_assert(cJSON_IsNull(cJSON_GetObjectItem(res, "level_if_confirmed")));
		ck_assert(num(res, "points_if_confirmed") == num(res, "points") + 4);
		ck_assert_str_eq(str(res, "classification_if_confirmed"), "Tốt");
		ck_assert_int_eq(cJSON_GetArraySize(tc), 2);
		for (int k = 0; k < 2; k++) {
			cJSON *it = cJSON_GetArrayItem(tc, k);
			cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItem(it, "doubts"), 0);

			ck_assert_str_eq(str(it, "id"), ids[k]);
			ck_assert(num(it, "points") == 0);
			ck_assert(num(it, "points_if_confirmed") == 2);
			ck_assert(num(it, "points_max") == 2);
			ck_assert(cJSON_IsNull(cJSON_GetObjectItem(it, "levels")));
			ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(it, "needed")));
			ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(it, "doubts")), 1);
			ck_assert_str_eq(str(d, "kind"), "figure_not_found");
			ck_assert_str_eq(str(d, "figure"), figs[k]);
			ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(it, "documents"), 0)
						 ->valuestring,
					 "Tiêu chí 7/Thống kê trình độ, bồi dưỡng cán bộ "
					 "công chức 2023.xlsx");
		}
		ck_assert_ptr_nonnull(strstr(str(res, "summary"),
					     "; có thể đạt 91/100 điểm, xếp loại Tốt nếu "
					     "xác nhận 2 chỉ tiêu (7.1, 7.3);"));
	}
	manifest_rows("tt44-2023", header_row, v);
	cJSON_Delete(v);
}
END_TEST

START_TEST(rubric_choice_and_overrides)
{
	int code;
	cJSON *v;
	char *out;
	char dir[] = "/tmp/hoso-cfg-XXXXXX";
	struct hs_buf a = HS_BUF_INIT, path = HS_BUF_INIT;
	FILE *f;

	/* forcing the other rubric: no HS602 */
	v = verdict("--rubric tt44-2014 --year 2024 '" CHECK_FIX "/tt25-muc-do-2'", NULL);
	ck_assert_str_eq(str(cJSON_GetObjectItem(v, "rubric"), "id"), "tt44-2014");
	ck_assert_int_eq(count_code(v, "HS602"), 0);
	ck_assert_int_eq((int)num(cJSON_GetObjectItem(v, "dossier"), "year"), 2024);
	cJSON_Delete(v);

	/* a config file silences a code and says so */
	ck_assert_ptr_nonnull(mkdtemp(dir));
	hs_buf_addf(&path, "%s/cfg.json", dir);
	f = fopen(path.ptr, "w");
	fputs("{\"codes\": {\"HS202\": \"off\", \"HS602\": \"warning\"}}", f);
	fclose(f);
	hs_buf_addf(&a, "--config '%s' '" CHECK_FIX "/tt25-muc-do-2'", path.ptr);
	v = verdict(a.ptr, NULL);
	ck_assert_int_eq(count_code(v, "HS202"), 0);
	ck_assert_int_eq(count_code(v, "HS602"), 1);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(v, "overrides")), 2);
	ck_assert_int_eq((int)num(cJSON_GetObjectItem(v, "findings_summary"), "silenced"), 1);
	cJSON_Delete(v);

	/* a malformed rubric: HS901 with the JSON path, exit 2 */
	f = fopen(path.ptr, "w");
	fputs("{\"schema\": \"hoso-rubric/1\", \"id\": \"x\"}", f);
	fclose(f);
	hs_buf_reset(&a);
	hs_buf_addf(&a, "check --rubric '%s' '" CHECK_FIX "/tt25-muc-do-2'", path.ptr);
	out = run(a.ptr, &code, true);
	ck_assert_int_eq(code, 2);
	ck_assert_ptr_nonnull(strstr(out, "HS901"));
	ck_assert_ptr_nonnull(strstr(out, "$.version: required member missing"));
	free(out);
	unlink(path.ptr);
	rmdir(dir);

	out = run("rubrics", &code, false);
	ck_assert_int_eq(code, 0);
	ck_assert_ptr_nonnull(strstr(out, "tt25-2023\t"));
	ck_assert_ptr_nonnull(strstr(out, "tt44-2014\t"));
	free(out);
	hs_buf_release(&a);
	hs_buf_release(&path);
}
END_TEST

/*
 * Drafts and signatures as web and markdown copies write them: a day left
 * blank is HS402 with the month kept ("2024-06"), a blank number HS401;
 * a signer inside a markdown table beside "Nơi nhận" is read; a page
 * without a header has no issuer, and a number quoted in a sentence is
 * not the document's.
 */
START_TEST(drafts_in_web_copies)
{
	static const char draft[] =
		"UỶ BAN NHÂN DÂN\n"
		"XÃ QUY KỲ\n"
		"CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
		"Độc lập - Tự do - Hạnh phúc\n"
		"Quy Kỳ, ngày    tháng 6 năm 2024\n"
		"Số: ……/KH-UBND\n"
		"KẾ HOẠCH\n"
		"Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2024\n"
		"Căn cứ Kế hoạch số 12/KH-UBND ngày 05/01/2024 của UBND huyện;\n"
		"I. MỤC ĐÍCH\n";
	static const char markdown[] =
		"*Source: https://example.vn/van-ban/qd-45*\n\n"
		"# Về việc thành lập Ban chỉ đạo xây dựng xã hội học tập\n\n"
		"| ỦY BAN NHÂN DÂN XÃ QUY KỲ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |\n"
		"|---|---|\n"
		"| Số: 45/QĐ-UBND | Quy Kỳ, ngày 16 tháng 4 năm 2024 |\n\n"
		"**QUYẾT ĐỊNH**\n\n"
		"Về việc thành lập Ban chỉ đạo xây dựng xã hội học tập<br>năm 2024\n\n"
		"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\n\n"
		"Điều 1. Thành lập Ban chỉ đạo.\n\n"
		"| Nơi nhận: - Như Điều 1; - Chủ tịch UBND huyện; - Lưu: VT. | TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH&nbsp;Hoàng Từ Diễn |\n"
		"|---|---|\n";
	static const char page[] =
		"Tin tức - Sự kiện\n"
		"Kế hoạch thực hiện Chương trình học tập suốt đời năm 2024\n"
		"Ngày cập nhật 29/08/2024\n"
		"Thực hiện Công văn số 1995/UBND-GD ngày 19 tháng 8 năm 2024 của UBND huyện, UBND xã xây dựng kế hoạch như sau:\n";
	static const struct {
		const char *name, *text;
	} docs[] = {
		{"Kế hoạch Tuần lễ học tập suốt đời.txt", draft},
		{"Quyết định thành lập BCĐ.md.txt", markdown},
		{"Tin kế hoạch học tập suốt đời.txt", page},
	};
	char dir[] = "/tmp/hoso-drafts-XXXXXX";
	struct hs_buf a = HS_BUF_INIT;
	cJSON *v, *d, *f;
	bool month = false;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (size_t i = 0; i < ARRAY_SIZE(docs); i++) {
		char path[4096];
		FILE *fp;

		snprintf(path, sizeof(path), "%s/%s", dir, docs[i].name);
		fp = fopen(path, "w");
		ck_assert_ptr_nonnull(fp);
		fputs(docs[i].text, fp);
		fclose(fp);
	}
	hs_buf_addf(&a, "--rubric tt25-2023 --year 2024 '%s'", dir);
	v = verdict(a.ptr, NULL);

	d = NULL;
	cJSON_ArrayForEach(d, cJSON_GetObjectItem(v, "documents"))
		if (strstr(str(d, "path"), "Tuần lễ"))
			break;
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(str(d, "date"), "2024-06");
	ck_assert_str_eq(str(d, "number"), "/KH-UBND");
	ck_assert_str_eq(str(d, "issuer"), "UỶ BAN NHÂN DÂN XÃ QUY KỲ");
	ck_assert_str_eq(str(d, "type"), "KH");
	cJSON_ArrayForEach(f, cJSON_GetObjectItem(v, "findings")) {
		const cJSON *args = cJSON_GetObjectItem(f, "args");

		if (strcmp(str(f, "code"), "HS402") || !str(f, "file") ||
		    !strstr(str(f, "file"), "Tuần lễ"))
			continue;
		ck_assert_int_eq((int)num(args, "month"), 6);
		ck_assert_int_eq((int)num(args, "year"), 2024);
		ck_assert_ptr_nonnull(strstr(str(f, "message"), "tháng 6 năm 2024"));
		month = true;
	}
	ck_assert_msg(month, "no HS402 with the month for the blank day");
	ck_assert_int_eq(count_code(v, "HS402"), 1);
	ck_assert_int_ge(count_code(v, "HS401"), 1);

	cJSON_ArrayForEach(d, cJSON_GetObjectItem(v, "documents"))
		if (strstr(str(d, "path"), "BCĐ"))
			break;
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(str(d, "type"), "QD");
	ck_assert_str_eq(str(d, "number"), "45/QĐ-UBND");
	ck_assert_str_eq(str(d, "date"), "2024-04-16");
	ck_assert_str_eq(str(d, "issuer"), "ỦY BAN NHÂN DÂN XÃ QUY KỲ");
	ck_assert_str_eq(str(d, "title"),
			 "Về việc thành lập Ban chỉ đạo xây dựng xã hội học tập");
	ck_assert_str_eq(str(d, "signer"), "Hoàng Từ Diễn");
	ck_assert_str_eq(str(d, "sign_position"), "PHÓ CHỦ TỊCH");

	cJSON_ArrayForEach(d, cJSON_GetObjectItem(v, "documents"))
		if (strstr(str(d, "path"), "Tin kế hoạch"))
			break;
	ck_assert_ptr_nonnull(d);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(d, "issuer")));
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(d, "number")));
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(d, "date")));
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(d, "signer")));
	cJSON_Delete(v);
	remove_tree(dir);
	hs_buf_release(&a);
}
END_TEST

START_TEST(many_inputs_one_verdict_each)
{
	char dir[] = "/tmp/hoso-many-XXXXXX";
	struct hs_buf a = HS_BUF_INIT, p = HS_BUF_INIT;
	char *out;
	int code;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	hs_buf_addf(&a, "check --format json -o '%s' '" CHECK_FIX "/tt25-muc-do-2' '"
		    CHECK_FIX "/tt25-khong-dau.zip'", dir);
	out = run(a.ptr, &code, false);
	ck_assert_int_eq(code, 0);
	free(out);
	hs_buf_addf(&p, "%s/tt25-muc-do-2.json", dir);
	ck_assert_int_eq(access(p.ptr, R_OK), 0);
	unlink(p.ptr);
	hs_buf_reset(&p);
	hs_buf_addf(&p, "%s/tt25-khong-dau.zip.json", dir);
	ck_assert_int_eq(access(p.ptr, R_OK), 0);
	unlink(p.ptr);
	/* and the district summary (tests/test_render.c reads it) */
	hs_buf_reset(&p);
	hs_buf_addf(&p, "%s/summary.csv", dir);
	ck_assert_int_eq(unlink(p.ptr), 0);
	hs_buf_reset(&p);
	hs_buf_addf(&p, "%s/summary.html", dir);
	ck_assert_int_eq(unlink(p.ptr), 0);
	ck_assert_int_eq(rmdir(dir), 0);
	/* several inputs without a folder to write to: usage error */
	out = run("check a.zip b.zip", &code, false);
	ck_assert_int_eq(code, 2);
	free(out);
	hs_buf_release(&a);
	hs_buf_release(&p);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("check");
	TCase *tc = tcase_create("verdicts");

	tcase_add_test(tc, tt25_reaches_level_2);
	tcase_add_test(tc, names_without_diacritics_agree);
	tcase_add_test(tc, removing_evidence_fails_that_indicator);
	tcase_add_test(tc, scan_only_evidence_needs_review);
	tcase_add_test(tc, pending_review_shows_what_confirming_gives);
	tcase_add_test(tc, tt44_points);
	tcase_add_test(tc, rubric_choice_and_overrides);
	tcase_add_test(tc, many_inputs_one_verdict_each);
	tcase_add_test(tc, drafts_in_web_copies);
	tcase_set_timeout(tc, 600);
	suite_add_tcase(s, tc);
	return s;
}
