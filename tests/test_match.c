/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_match.c: evidence matched on meaning. The lexicon finds phrases
 * across punctuation and line breaks; a rubric names only concepts the
 * lexicon has; real wordings with extra words match, a budget does not
 * pass for an activity report, a folder's name never makes evidence, one
 * decision serves four indicators, and reasons quote the title.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "understand/assess.h"
#include "base/buf.h"
#include "read/dossier.h"
#include "understand/lexicon.h"
#include "understand/rubric.h"
#include "suites.h"

static const char small_lex[] =
	"{\"schema\":\"hoso-lexicon/1\",\"concepts\":{"
	"\"ttvh\":{\"label\":\"trung tâm văn hóa\",\"phrases\":[\"trung tam van hoa\","
	"\"ttvh tt\",\"nha van hoa\"]},"
	"\"thon\":{\"label\":\"thôn\",\"phrases\":[\"!nong thon\",\"xom\"]},"
	"\"bao_cao\":{\"label\":\"báo cáo\",\"phrases\":[\"bao cao\"]}}}";

static bool found(const struct lexicon *lx, const char *text, const char *name)
{
	uint64_t set[4] = {0};
	long id = lexicon_find(lx, name);

	ck_assert_msg(id >= 0, "no concept %s", name);
	lexicon_scan(lx, text, strlen(text), set);
	return lex_has(set, (size_t)id);
}

START_TEST(lexicon_phrases)
{
	char err[512] = "";
	struct lexicon *lx = lexicon_parse(small_lex, "small", err, sizeof(err));

	ck_assert_msg(lx != NULL, "%s", err);
	ck_assert_uint_eq(lx->nconcepts, 3);
	ck_assert_uint_eq(lx->nwords, 1);
	/* punctuation separates words: "TTVH-TT" folded is "ttvh-tt" */
	ck_assert(found(lx, "hoat dong cua ttvh-tt xa", "ttvh"));
	/* words in between are allowed between concepts, not inside one */
	ck_assert(found(lx, "bao cao. nha van hoa", "ttvh"));
	ck_assert(!found(lx, "nha cua van hoa", "ttvh"));
	ck_assert(!found(lx, "trung tamvan hoa", "ttvh"));
	/* "!nong thon": thon, not nong thon */
	ck_assert(found(lx, "danh sach thon trung", "thon"));
	ck_assert(found(lx, "thon", "thon"));
	ck_assert(!found(lx, "lao dong nong thon", "thon"));
	ck_assert(found(lx, "lao dong nong thon, thon ha", "thon"));
	/* a phrase at the very start and end of the text */
	ck_assert(found(lx, "bao cao", "bao_cao"));
	ck_assert_int_eq(lexicon_find(lx, "khong_co"), -1);
	/* long texts are read in blocks of words: a phrase across a block's
	 * end is found, and "!nong" still looks one word back */
	for (size_t pad = 250; pad < 260; pad++) {
		struct hs_buf t = HS_BUF_INIT;

		for (size_t k = 0; k < pad; k++)
			hs_buf_adds(&t, "ab, ");
		hs_buf_adds(&t, "trung tam van hoa; nong thon");
		ck_assert_msg(found(lx, t.ptr, "ttvh"), "pad %zu", pad);
		ck_assert_msg(!found(lx, t.ptr, "thon"), "pad %zu", pad);
		hs_buf_release(&t);
	}
	lexicon_free(lx);
}
END_TEST

START_TEST(lexicon_faults)
{
	static const struct {
		const char *json, *want;
	} cases[] = {
		{"{\"schema\":\"hoso-lexicon/2\",\"concepts\":{}}", "$.schema: "},
		{"{\"schema\":\"hoso-lexicon/1\",\"concepts\":{\"a\":{\"label\":\"a\","
		 "\"phrases\":[\"Trung tâm\"]}}}",
		 "$.concepts.a.phrases[0]: phrase must be folded"},
		{"{\"schema\":\"hoso-lexicon/1\",\"concepts\":{\"A b\":{\"label\":\"a\","
		 "\"phrases\":[\"a\"]}}}",
		 "$.concepts.A b: a concept name is"},
		{"{\"schema\":\"hoso-lexicon/1\",\"concepts\":{\"a\":{\"label\":\"a\","
		 "\"phrases\":[\"a\"],\"weight\":2}}}",
		 "$.concepts.a.weight: unknown member"},
		{"{\"schema\":\"hoso-lexicon/1\",\"concepts\":{\"a\":{\"label\":\"a\","
		 "\"phrases\":[\"- ,\"]}}}",
		 "$.concepts.a.phrases[0]: no word"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char err[512] = "";
		struct lexicon *lx = lexicon_parse(cases[i].json, "case", err,
						   sizeof(err));

		ck_assert_msg(lx == NULL, "case %zu accepted", i);
		ck_assert_msg(!strncmp(err, cases[i].want, strlen(cases[i].want)),
			      "case %zu: '%s'", i, err);
	}
}
END_TEST

/* A rubric names only concepts of the lexicon, with the JSON path. */
START_TEST(rubric_concept_names)
{
	size_t len;
	char *src = NULL, err[512] = "";
	const char *at;
	struct rubric *r;
	FILE *f = fopen(HOSO_SOURCE "/schemas/rubrics/tt25-2023.json", "rb");
	struct hs_buf j = HS_BUF_INIT;

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	len = (size_t)ftell(f);
	rewind(f);
	src = calloc(len + 1, 1);
	ck_assert_uint_eq(fread(src, 1, len, f), len);
	fclose(f);
	r = rubric_parse(src, "tt25", err, sizeof(err));
	ck_assert_msg(r != NULL, "%s", err);
	ck_assert_ptr_nonnull(r->lex);
	/* every requirement of the shipped rubric names concepts */
	for (size_t c = 0; c < r->ncriteria; c++)
		for (size_t i = 0; i < r->criteria[c].nindicators; i++)
			for (size_t e = 0; e < r->criteria[c].indicators[i].nevidence; e++)
				ck_assert_uint_gt(r->criteria[c].indicators[i]
							  .evidence[e].concepts.nall, 0);
	rubric_free(r);
	at = strstr(src, "\"ttvh|nha_van_hoa|thiet_che_van_hoa\"");
	ck_assert_ptr_nonnull(at);
	hs_buf_add(&j, src, (size_t)(at - src));
	hs_buf_adds(&j, "\"ttvh|nha_van_hoa|thiet_che_vh\"");
	hs_buf_adds(&j, at + strlen("\"ttvh|nha_van_hoa|thiet_che_van_hoa\""));
	ck_assert_ptr_null(rubric_parse(j.ptr, "tt25", err, sizeof(err)));
	ck_assert_msg(strstr(err, "$.criteria[2].indicators[2].evidence[0].concepts"
				  ".all[0]: unknown concept 'thiet_che_vh'"),
		      "%s", err);
	hs_buf_release(&j);
	free(src);
}
END_TEST

static char dir[256];

static void put(const char *rel, const char *text)
{
	char path[512], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	slash = strrchr(path, '/');
	*slash = '\0';
	mkdir(path, 0700);
	*slash = '/';
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

#define HEADER(issuer, number) \
	issuer "\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" \
	"Số: " number "\nHòa Bình, ngày 10 tháng 12 năm 2024\n"

static const struct ev_result *ev_of(const struct assessment *a,
				     const char *req, const char **ind)
{
	for (size_t i = 0; i < a->nind; i++)
		for (size_t e = 0; e < a->ind[i].nev; e++)
			if (!strcmp(a->ind[i].ev[e].req->id, req)) {
				if (ind)
					*ind = a->ind[i].ind->id;
				return &a->ind[i].ev[e];
			}
	ck_abort_msg("no requirement %s", req);
	return NULL;
}

static long doc_index(const struct assessment *a, const char *path)
{
	for (size_t i = 0; i < a->dx->ndocs; i++)
		if (strstr(a->dx->docs[i].path, path))
			return (long)i;
	ck_abort_msg("no document %s", path);
	return -1;
}

/* The match of document d for req, by content; NULL if none. */
static const struct ev_match *content_match(const struct assessment *a,
					    const char *req, long d)
{
	const struct ev_result *res = ev_of(a, req, NULL);

	for (size_t k = 0; k < res->n; k++)
		if ((long)res->m[k].doc == d && res->m[k].by_content)
			return &res->m[k];
	return NULL;
}

static bool any_match(const struct assessment *a, long d)
{
	for (size_t i = 0; i < a->nind; i++)
		for (size_t e = 0; e < a->ind[i].nev; e++)
			for (size_t k = 0; k < a->ind[i].ev[e].total; k++)
				if ((long)a->ind[i].ev[e].docs[k].doc == d)
					return true;
	return false;
}

static bool has_reason(const struct ev_match *m, const char *want)
{
	for (size_t q = 0; q < m->nreasons; q++)
		if (strstr(m->reasons[q], want))
			return true;
	return false;
}

START_TEST(wordings_and_decoys)
{
	struct dossier dx;
	struct dossier_options opt = {
		.source = SOURCE_LIMITS_DEFAULT,
		.extract = EXTRACT_LIMITS_DEFAULT,
		.worker = WORKER_LIMITS_DEFAULT,
		.jobs = 1,
	};
	struct assessment a;
	struct rubric *r;
	char err[512] = "", cmd[300];
	const struct ev_match *m;
	const char *ind = NULL;
	long d;

	snprintf(dir, sizeof(dir), "/tmp/hoso-match-%d", (int)getpid());
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	put("Tieu chi 3/bc-thu-vien.txt",
	    HEADER("ỦY BAN NHÂN DÂN XÃ HÒA BÌNH", "12/BC-UBND")
	    "BÁO CÁO\nHoạt động của Thư viện, Trung tâm văn hóa thể thao xã\n"
	    "Năm 2024, thư viện xã phục vụ 3.200 lượt bạn đọc; trung tâm tổ chức "
	    "12 giải thể thao và 20 buổi sinh hoạt văn nghệ cho nhân dân trong xã.\n");
	put("Tieu chi 3/tinh-hinh.txt",
	    HEADER("ỦY BAN NHÂN DÂN XÃ HÒA BÌNH", "15/BC-UBND")
	    "BÁO CÁO\nTình hình hoạt động của Nhà văn hóa xã và các thiết chế văn "
	    "hóa, thể thao năm 2024\nNhà văn hóa xã mở cửa thường xuyên.\n");
	put("Tieu chi 3/bc-tthtcd.txt",
	    HEADER("ỦY BAN NHÂN DÂN XÃ HÒA BÌNH", "16/BC-UBND")
	    "BÁO CÁO\nKết quả hoạt động của TTHTCĐ xã năm 2024\n"
	    "Trung tâm mở 24 lớp chuyên đề cho 1.860 lượt người.\n");
	put("Tieu chi 2/du-toan.txt",
	    HEADER("ỦY BAN NHÂN DÂN XÃ HÒA BÌNH", "17/BC-UBND")
	    "BÁO CÁO\nDự toán kinh phí TTHTCĐ năm 2024\n"
	    "Tổng dự toán chi cho Trung tâm học tập cộng đồng: 38.000.000 đồng.\n");
	put("Tieu chi 3 - Thiet che/danh-sach.txt",
	    HEADER("ỦY BAN NHÂN DÂN XÃ HÒA BÌNH", "18/DS-UBND")
	    "DANH SÁCH\nHộ gia đình nhận giống cây trồng vụ đông năm 2024\n"
	    "Nguyễn Văn A, Trần Thị B.\n");
	put("Tieu chi 4/qd.txt",
	    HEADER("ỦY BAN NHÂN DÂN HUYỆN ĐỊNH HÓA", "245/QĐ-UBND")
	    "QUYẾT ĐỊNH\nVề việc công nhận xã Hòa Bình đạt chuẩn phổ cập giáo dục, "
	    "xóa mù chữ năm 2024\nCHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐỊNH HÓA\n"
	    "Căn cứ Nghị định số 20/2014/NĐ-CP ngày 24/3/2014 của Chính phủ;\n"
	    "QUYẾT ĐỊNH:\nĐiều 1. Công nhận xã Hòa Bình đạt chuẩn phổ cập giáo dục "
	    "mầm non cho trẻ em 5 tuổi; phổ cập giáo dục tiểu học mức độ 3; phổ cập "
	    "giáo dục trung học cơ sở mức độ 2; xóa mù chữ mức độ 2.\n");
	dossier_read(&dx, dir, &opt);
	ck_assert_uint_eq(dx.ndocs, 6);
	r = rubric_load(HOSO_SOURCE "/schemas/rubrics/tt25-2023.json", err,
			sizeof(err));
	ck_assert_msg(r != NULL, "%s", err);
	assess_init(&a, r, &dx, NULL);
	assess_match(&a);

	/* extra words ("Thư viện,", "Tình hình") do not break 3.3 */
	d = doc_index(&a, "bc-thu-vien.txt");
	m = content_match(&a, "bao-cao-ttvhtt", d);
	ck_assert_ptr_nonnull(m);
	ev_of(&a, "bao-cao-ttvhtt", &ind);
	ck_assert_str_eq(ind, "3.3");
	/* the reason quotes the title block as written, and the concepts */
	ck_assert(has_reason(m, "tiêu đề: «BÁO CÁO Hoạt động của Thư viện, Trung "
				"tâm văn hóa thể thao xã»"));
	ck_assert(has_reason(m, "khái niệm: trung tâm văn hóa, thể thao"));
	ck_assert(!has_reason(m, "CỘNG HÒA"));
	/* the same report is evidence of the library (3.2) too */
	ck_assert_ptr_nonnull(content_match(&a, "bao-cao-thu-vien", d));
	d = doc_index(&a, "tinh-hinh.txt");
	m = content_match(&a, "bao-cao-ttvhtt", d);
	ck_assert_ptr_nonnull(m);
	ck_assert(has_reason(m, "Tình hình hoạt động của Nhà văn hóa xã"));

	/* a budget of the TTHTCĐ is 2.1 evidence, not its activity report */
	d = doc_index(&a, "du-toan.txt");
	ck_assert_ptr_null(content_match(&a, "bao-cao-tthtcd", d));
	ck_assert_ptr_nonnull(content_match(&a, "du-toan-kinh-phi-xhht", d));
	d = doc_index(&a, "bc-tthtcd.txt");
	m = content_match(&a, "bao-cao-tthtcd", d);
	ck_assert_ptr_nonnull(m);
	ck_assert(has_reason(m, "khái niệm: trung tâm học tập cộng đồng"));
	ck_assert_ptr_null(content_match(&a, "du-toan-kinh-phi-xhht", d));

	/* a folder named "Thiet che" makes nothing evidence, by name or not */
	d = doc_index(&a, "Thiet che/danh-sach.txt");
	ck_assert(!any_match(&a, d));
	ck_assert_uint_eq(a.inds[d].n, 0);
	for (size_t k = 0; k < r->nevidence_all; k++)
		ck_assert_msg(!(a.facts[d].content[k] & (EV_BY_NAME | EV_BY_CONTENT)),
			      "requirement %zu taken by name or content", k);
	/* (the folder is a hint of criterion 3, nothing more) */
	ck_assert(a.facts[d].content[ev_of(&a, "bao-cao-ttvhtt", NULL)->req->idx] &
		  EV_BY_FOLDER);

	/* one decision, four indicators */
	d = doc_index(&a, "qd.txt");
	ck_assert_ptr_nonnull(content_match(&a, "qd-cong-nhan-pcgd-mn5", d));
	ck_assert_ptr_nonnull(content_match(&a, "qd-cong-nhan-pcgd-th", d));
	ck_assert_ptr_nonnull(content_match(&a, "qd-cong-nhan-pcgd-thcs", d));
	ck_assert_ptr_nonnull(content_match(&a, "qd-cong-nhan-xmc", d));
	ck_assert_uint_eq(a.inds[d].n, 4);

	assess_release(&a);
	rubric_free(r);
	dossier_release(&dx);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

Suite *match_suite(void)
{
	Suite *s = suite_create("match");
	TCase *lx = tcase_create("lexicon");
	TCase *ev = tcase_create("evidence");

	tcase_add_test(lx, lexicon_phrases);
	tcase_add_test(lx, lexicon_faults);
	tcase_add_test(lx, rubric_concept_names);
	suite_add_tcase(s, lx);
	tcase_set_timeout(ev, 120);
	tcase_add_test(ev, wordings_and_decoys);
	suite_add_tcase(s, ev);
	return s;
}
