/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_choose.c: which rubric `hoso check` applies when no --rubric is
 * given (validator/choose.c): the evaluation year, then the kind of claim,
 * citations only on a tie; HS602 lists the signals, HS601 the documents
 * that cite a superseded regulation. Dossiers are built at test time from
 * fixtures/check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "base/buf.h"
#include "report/jsonschema.h"
#include "understand/rubric.h"
#include "suites.h"
#include "testutil.h"

#define CHECK_FIX HOSO_FIXTURES "/check"
#define BASIS_25 "Căn cứ Thông tư số 25/2023/TT-BGDĐT ngày 27/12/2023"
#define BASIS_44 "Căn cứ Thông tư số 44/2014/TT-BGDĐT ngày 12/12/2014"

static char *run(const char *args, int *code)
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

/* `hoso check --format json ARGS`, validated against the schema. */
static cJSON *verdict(const char *args)
{
	struct hs_buf a = HS_BUF_INIT;
	char *out, err[1024] = "", path[4096];
	unsigned char *sb;
	size_t len;
	cJSON *v, *s;
	int code;

	snprintf(path, sizeof(path), "%s/verdict.schema.json", HOSO_SCHEMAS);
	sb = tu_read_file(path, &len);
	ck_assert_ptr_nonnull(sb);
	s = cJSON_Parse((char *)sb);
	free(sb);
	hs_buf_addf(&a, "check --no-cache --format json %s", args);
	out = run(a.ptr, &code);
	v = cJSON_Parse(out);
	ck_assert_msg(v != NULL, "not JSON: %.300s", out);
	ck_assert_msg(jsonschema_validate(s, v, err, sizeof(err)),
		      "verdict of '%s' fails the schema: %s", args, err);
	free(out);
	cJSON_Delete(s);
	hs_buf_release(&a);
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

static const char *rubric_id(const cJSON *v)
{
	return str(cJSON_GetObjectItem(v, "rubric"), "id");
}

/* The only finding of code; fails if there is not exactly one. */
static cJSON *one(cJSON *v, const char *code)
{
	cJSON *f, *got = NULL;
	int n = 0;

	cJSON_ArrayForEach(f, cJSON_GetObjectItem(v, "findings"))
		if (!strcmp(str(f, "code"), code)) {
			got = f;
			n++;
		}
	ck_assert_msg(n == 1, "%d findings %s, expected 1", n, code);
	return got;
}

/* The finding of code on file, or NULL. */
static cJSON *on_file(cJSON *v, const char *code, const char *file)
{
	cJSON *f;

	cJSON_ArrayForEach(f, cJSON_GetObjectItem(v, "findings"))
		if (!strcmp(str(f, "code"), code) && str(f, "file") &&
		    !strcmp(str(f, "file"), file))
			return f;
	return NULL;
}

static int count(cJSON *v, const char *code)
{
	cJSON *f;
	int n = 0;

	cJSON_ArrayForEach(f, cJSON_GetObjectItem(v, "findings"))
		n += !strcmp(str(f, "code"), code);
	return n;
}

static const char *arg_str(cJSON *f, const char *k)
{
	return str(cJSON_GetObjectItem(f, "args"), k);
}

static double arg_num(cJSON *f, const char *k)
{
	return num(cJSON_GetObjectItem(f, "args"), k);
}

static char *tmpdir(void)
{
	char *d = hs_strdup("/tmp/hoso-choose-XXXXXX");

	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}

static void rm_rf(const char *dir)
{
	struct hs_buf c = HS_BUF_INIT;

	hs_buf_addf(&c, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(c.ptr), 0);
	hs_buf_release(&c);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	struct hs_buf p = HS_BUF_INIT;
	FILE *f;

	hs_buf_addf(&p, "%s/%s", dir, name);
	f = fopen(p.ptr, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	hs_buf_release(&p);
}

/* text with every `from` replaced by `to` (caller frees). */
static char *replace(const char *text, const char *from, const char *to)
{
	struct hs_buf b = HS_BUF_INIT;
	const char *s = text, *hit;

	while ((hit = strstr(s, from))) {
		hs_buf_add(&b, s, (size_t)(hit - s));
		hs_buf_adds(&b, to);
		s = hit + strlen(from);
	}
	hs_buf_adds(&b, s);
	return hs_buf_detach(&b, NULL);
}

/*
 * The TT 25 fixture copied to dir/tt25, where every document whose legal
 * basis is Thông tư 25/2023 (the self-assessment report, the request
 * letter and eleven more) is replaced by a .txt of its text that cites
 * Thông tư 44/2014 instead: the request still asks for mức độ 2 for 2024.
 * Returns the number of documents rewritten.
 */
static int make_tt25_citing_tt44(const char *dir, struct hs_buf *root)
{
	struct hs_buf cmd = HS_BUF_INIT;
	cJSON *x, *d;
	char *out;
	int code, n = 0;

	hs_buf_addf(root, "%s/tt25", dir);
	hs_buf_addf(&cmd, "cp -r '%s/tt25-muc-do-2' '%s'", CHECK_FIX, root->ptr);
	ck_assert_int_eq(system(cmd.ptr), 0);
	hs_buf_reset(&cmd);
	hs_buf_addf(&cmd, "extract --no-cache -j1 --format json --text '%s'", root->ptr);
	out = run(cmd.ptr, &code);
	x = cJSON_Parse(out);
	ck_assert_ptr_nonnull(x);
	cJSON_ArrayForEach(d, cJSON_GetObjectItem(x, "documents")) {
		const char *path = str(d, "path"), *text = str(d, "text"), *dot;
		struct hs_buf p = HS_BUF_INIT, t = HS_BUF_INIT;
		char *cited;

		if (!text || !strstr(text, BASIS_25))
			continue;
		dot = strrchr(path, '.');
		hs_buf_addf(&p, "%s/%s", root->ptr, path);
		ck_assert_int_eq(unlink(p.ptr), 0);
		hs_buf_add(&t, path, (size_t)(dot - path));
		hs_buf_adds(&t, ".txt");
		cited = replace(text, BASIS_25, BASIS_44);
		write_file(root->ptr, t.ptr, cited);
		free(cited);
		hs_buf_release(&p);
		hs_buf_release(&t);
		n++;
	}
	cJSON_Delete(x);
	free(out);
	hs_buf_release(&cmd);
	return n;
}

/* (a) A 2024 dossier asking for mức độ 2 whose documents cite TT 44. */
START_TEST(tt25_claim_citing_tt44)
{
	char *dir = tmpdir();
	struct hs_buf root = HS_BUF_INIT, a = HS_BUF_INIT;
	cJSON *v, *f;

	ck_assert_int_eq(make_tt25_citing_tt44(dir, &root), 13);
	hs_buf_addf(&a, "'%s'", root.ptr);
	v = verdict(a.ptr);
	ck_assert_str_eq(rubric_id(v), "tt25-2023");
	ck_assert_int_eq((int)num(cJSON_GetObjectItem(v, "dossier"), "year"), 2024);
	/* HS602: the year decided, from the wording; the level claim; the
	 * citations counted, TT 44's more than TT 25's */
	f = one(v, "HS602");
	ck_assert_str_eq(arg_str(f, "rubric"), "tt25-2023");
	ck_assert_str_eq(arg_str(f, "decided_by"), "year");
	ck_assert_int_eq((int)arg_num(f, "year"), 2024);
	ck_assert_str_eq(arg_str(f, "year_from"), "wording");
	ck_assert_str_eq(arg_str(f, "in_force"), "tt25-2023");
	ck_assert_str_eq(arg_str(f, "claim"), "level");
	ck_assert_int_ge((int)arg_num(f, "claim_documents_level"), 3);
	ck_assert_int_eq((int)arg_num(f, "claim_documents_points"), 0);
	ck_assert_int_eq((int)arg_num(f, "cites_tt44-2014"), 13);
	ck_assert_int_lt((int)arg_num(f, "cites_tt25-2023"), 13);
	ck_assert_int_eq((int)arg_num(f, "year_weight"), 3);
	ck_assert_int_eq((int)arg_num(f, "claim_weight"), 2);
	ck_assert_int_eq((int)arg_num(f, "cites_weight"), 1);
	ck_assert_ptr_nonnull(strstr(str(f, "message"), "Năm đánh giá: 2024"));
	ck_assert_ptr_nonnull(strstr(str(f, "message"), "Đề nghị theo mức độ"));
	ck_assert_ptr_nonnull(strstr(str(f, "message"), "44/2014/TT-BGDĐT 13 tài liệu"));
	ck_assert_str_eq(str(cJSON_GetObjectItem(v, "rubric"), "chosen_because"),
			 "năm đánh giá 2024: chỉ 25/2023/TT-BGDĐT có hiệu lực");
	/* HS601 on the documents that cite TT 44 as their basis once TT 25
	 * was in force, naming them; not on a plan of 08/01/2024 */
	f = on_file(v, "HS601", "Báo cáo tự đánh giá Cộng đồng học tập cấp xã năm 2024.txt");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(strstr(str(f, "message"), "Báo cáo tự đánh giá"));
	ck_assert_str_eq(arg_str(f, "cited"), "44/2014/TT-BGDĐT");
	ck_assert_str_eq(arg_str(f, "in_force"), "25/2023/TT-BGDĐT");
	ck_assert_ptr_nonnull(on_file(v, "HS601", "Tờ trình đề nghị công nhận Cộng đồng học tập cấp xã năm 2024.txt"));
	ck_assert_ptr_nonnull(on_file(v, "HS601", "Tiêu chí 3/Báo cáo hoạt động Thư viện, tủ sách năm 2024.txt"));
	ck_assert_ptr_null(on_file(v, "HS601", "Tiêu chí 1/Kế hoạch xây dựng XHHT năm 2024.txt"));
	ck_assert_int_eq(count(v, "HS601"), 9);
	cJSON_Delete(v);

	/* (c) --rubric wins over everything: no HS602, and HS601 has
	 * nothing to say under the rubric cited */
	hs_buf_reset(&a);
	hs_buf_addf(&a, "--rubric tt44-2014 '%s'", root.ptr);
	v = verdict(a.ptr);
	ck_assert_str_eq(rubric_id(v), "tt44-2014");
	ck_assert_int_eq(count(v, "HS602"), 0);
	ck_assert_int_eq(count(v, "HS601"), 0);
	cJSON_Delete(v);
	rm_rf(dir);
	free(dir);
	hs_buf_release(&root);
	hs_buf_release(&a);
}
END_TEST

/* (b) The TT 44 dossier of 2023 (points, "xếp loại") keeps TT 44: 2023
 * is evaluated in early 2024, when both were in force; the claim decides. */
START_TEST(tt44_points_claim)
{
	cJSON *v = verdict("'" CHECK_FIX "/tt44-2023'"), *f;

	ck_assert_str_eq(rubric_id(v), "tt44-2014");
	f = one(v, "HS602");
	ck_assert_str_eq(arg_str(f, "decided_by"), "claim");
	ck_assert_int_eq((int)arg_num(f, "year"), 2023);
	ck_assert_str_eq(arg_str(f, "in_force"), "tt25-2023,tt44-2014");
	ck_assert_str_eq(arg_str(f, "claim"), "points");
	ck_assert_int_eq((int)arg_num(f, "claim_documents_level"), 0);
	ck_assert_int_ge((int)arg_num(f, "claim_documents_points"), 2);
	ck_assert_int_eq((int)arg_num(f, "cites_tt44-2014"), 15);
	ck_assert_int_eq(count(v, "HS601"), 0);
	cJSON_Delete(v);

	/* the year outweighs the claim: a points dossier said to be of 2024
	 * can only be judged under TT 25 */
	v = verdict("--year 2024 '" CHECK_FIX "/tt44-2023'");
	ck_assert_str_eq(rubric_id(v), "tt25-2023");
	f = one(v, "HS602");
	ck_assert_str_eq(arg_str(f, "decided_by"), "year");
	ck_assert_str_eq(arg_str(f, "year_from"), "--year");
	ck_assert_str_eq(arg_str(f, "claim"), "points");
	cJSON_Delete(v);
}
END_TEST

/* (c) --rubric on the TT 25 fixture itself. */
START_TEST(rubric_flag_wins)
{
	cJSON *v = verdict("--rubric tt44-2014 '" CHECK_FIX "/tt25-muc-do-2'");

	ck_assert_str_eq(rubric_id(v), "tt44-2014");
	ck_assert_int_eq(count(v, "HS602"), 0);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "rubric"),
						    "chosen_because")));
	cJSON_Delete(v);
}
END_TEST

static const char plain_note[] =
	"GHI CHÚ\nDanh sách thành viên Ban chỉ đạo xây dựng xã hội học tập "
	"của xã, gồm 9 thành viên.\n";

/* (d) No year, no claim, no citation: the newest regulation, and HS602
 * says that nothing told them apart. */
START_TEST(nothing_to_go_by)
{
	char *dir = tmpdir();
	struct hs_buf a = HS_BUF_INIT;
	cJSON *v, *f;

	write_file(dir, "ghi-chu.txt", plain_note);
	hs_buf_addf(&a, "'%s'", dir);
	v = verdict(a.ptr);
	ck_assert_str_eq(rubric_id(v), "tt25-2023");
	f = one(v, "HS602");
	ck_assert_str_eq(arg_str(f, "decided_by"), "default");
	ck_assert_str_eq(arg_str(f, "year_from"), "none");
	ck_assert_int_eq((int)arg_num(f, "year"), 0);
	ck_assert_str_eq(arg_str(f, "claim"), "none");
	ck_assert_int_eq((int)arg_num(f, "cites_tt25-2023"), 0);
	ck_assert_int_eq((int)arg_num(f, "cites_tt44-2014"), 0);
	ck_assert_ptr_nonnull(strstr(str(f, "message"), "Năm đánh giá: không xác định"));
	ck_assert_ptr_nonnull(strstr(str(f, "message"), "không thấy mức độ hay xếp loại"));
	ck_assert_ptr_nonnull(strstr(arg_str(f, "reason"), "dùng văn bản mới nhất 25/2023/TT-BGDĐT"));
	cJSON_Delete(v);
	rm_rf(dir);
	free(dir);
	hs_buf_release(&a);
}
END_TEST

/* A dossier of 2023 (by its dates) in the transition: without a claim the
 * regulation in force when it was filed (TT 44 on 1 January 2024); asking
 * for a level, TT 25. */
START_TEST(transition_year)
{
	char *dir = tmpdir();
	struct hs_buf a = HS_BUF_INIT;
	cJSON *v, *f;

	write_file(dir, "bao-cao.txt",
		   "ỦY BAN NHÂN DÂN XÃ AN BÌNH\nSố: 12/BC-UBND\n"
		   "An Bình, ngày 10 tháng 12 năm 2023\nBÁO CÁO\n"
		   "Kết quả hoạt động của Ban chỉ đạo xây dựng xã hội học tập\n"
		   "Ban chỉ đạo đã họp 4 lần trong năm.\n");
	write_file(dir, "ke-hoach.txt",
		   "ỦY BAN NHÂN DÂN XÃ AN BÌNH\nSố: 03/KH-UBND\n"
		   "An Bình, ngày 05 tháng 01 năm 2023\nKẾ HOẠCH\n"
		   "Tuyên truyền về học tập suốt đời\n");
	hs_buf_addf(&a, "'%s'", dir);
	v = verdict(a.ptr);
	ck_assert_str_eq(rubric_id(v), "tt44-2014");
	f = one(v, "HS602");
	ck_assert_str_eq(arg_str(f, "decided_by"), "default");
	ck_assert_int_eq((int)arg_num(f, "year"), 2023);
	ck_assert_str_eq(arg_str(f, "year_from"), "dates");
	ck_assert_int_eq((int)arg_num(f, "year_documents"), 2);
	ck_assert_str_eq(arg_str(f, "in_force"), "tt25-2023,tt44-2014");
	ck_assert_ptr_nonnull(strstr(arg_str(f, "reason"), "có hiệu lực khi nộp hồ sơ năm 2024"));
	cJSON_Delete(v);

	write_file(dir, "to-trinh.txt",
		   "ỦY BAN NHÂN DÂN XÃ AN BÌNH\nSố: 01/TTr-UBND\n"
		   "An Bình, ngày 20 tháng 02 năm 2024\nTỜ TRÌNH\n"
		   "Đề nghị công nhận xã An Bình đạt \"Cộng đồng học tập\" cấp xã "
		   "mức độ 1 năm 2023\n");
	v = verdict(a.ptr);
	ck_assert_str_eq(rubric_id(v), "tt25-2023");
	f = one(v, "HS602");
	ck_assert_str_eq(arg_str(f, "decided_by"), "claim");
	ck_assert_int_eq((int)arg_num(f, "year"), 2023);
	ck_assert_str_eq(arg_str(f, "year_from"), "wording");
	ck_assert_str_eq(arg_str(f, "year_document"), "to-trinh.txt");
	ck_assert_str_eq(arg_str(f, "claim"), "level");
	ck_assert_str_eq(arg_str(f, "claim_document"), "to-trinh.txt");
	cJSON_Delete(v);
	rm_rf(dir);
	free(dir);
	hs_buf_release(&a);
}
END_TEST

static bool claims(const struct rubric *r, const char *folded)
{
	return rx_list_any(&r->detect_claim, folded, strlen(folded), NULL, NULL,
			   NULL);
}

/* detect.claim is data: loaded from the rubric files, checked like any
 * pattern (folded, compiled), its faults named by their JSON path. */
START_TEST(claim_patterns_load)
{
	char path[4096], err[1024] = "";
	struct rubric *r;
	unsigned char *b;
	size_t len;
	char *bad;

	snprintf(path, sizeof(path), "%s/rubrics/tt25-2023.json", HOSO_SCHEMAS);
	r = rubric_load(path, err, sizeof(err));
	ck_assert_msg(r != NULL, "%s", err);
	ck_assert_int_eq((int)r->detect_claim.n, 3);
	ck_assert(claims(r, "de nghi cong nhan xa an binh dat \"cong dong hoc tap\" "
			    "cap xa muc do 2 nam 2024"));
	ck_assert(!claims(r, "xa dat chuan pho cap giao duc tieu hoc muc do 3"));
	rubric_free(r);
	snprintf(path, sizeof(path), "%s/rubrics/tt44-2014.json", HOSO_SCHEMAS);
	r = rubric_load(path, err, sizeof(err));
	ck_assert_msg(r != NULL, "%s", err);
	ck_assert_int_eq((int)r->detect_claim.n, 5);
	ck_assert(claims(r, "xa quy ky dat 88/100 diem, tu xep loai tot"));
	/* the centre's own classification is not the commune's claim */
	ck_assert(!claims(r, "tthtcd xep loai tot"));
	rubric_free(r);

	b = tu_read_file(path, &len);
	ck_assert_ptr_nonnull(b);
	bad = replace((char *)b, "\"claim\": [", "\"claim\": [\"Xếp loại\", ");
	r = rubric_parse(bad, "bad", err, sizeof(err));
	ck_assert_ptr_null(r);
	ck_assert_msg(strstr(err, "$.detect.claim[0]") != NULL, "%s", err);
	free(bad);
	free(b);
}
END_TEST

Suite *choose_suite(void)
{
	Suite *s = suite_create("choose");
	TCase *tc = tcase_create("choose");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, tt25_claim_citing_tt44);
	tcase_add_test(tc, tt44_points_claim);
	tcase_add_test(tc, rubric_flag_wins);
	tcase_add_test(tc, nothing_to_go_by);
	tcase_add_test(tc, transition_year);
	tcase_add_test(tc, claim_patterns_load);
	suite_add_tcase(s, tc);
	return s;
}
