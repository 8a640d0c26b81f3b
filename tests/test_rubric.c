/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_rubric.c: the rubric loader accepts the built-in rubrics and
 * rejects each kind of fault with its JSON path; docmeta reads headers
 * and Vietnamese numbers.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "understand/docmeta.h"
#include "understand/rubric.h"
#include "base/rx.h"
#include "suites.h"

/* A small valid levels rubric; tests break one thing at a time. */
static const char base[] =
	"{\"schema\":\"hoso-rubric/1\",\"id\":\"thu-nghiem\",\"version\":\"1\","
	"\"title\":\"Thử nghiệm\","
	"\"regulation\":{\"number\":\"25/2023/TT-BGDĐT\",\"effective_from\":\"2024-02-12\","
	"\"cite_patterns\":[\"25/2023/tt-bgddt\"]},"
	"\"scoring\":{\"kind\":\"levels\",\"levels\":[{\"level\":1,\"title\":\"Mức độ 1\"},"
	"{\"level\":2,\"title\":\"Mức độ 2\"}]},"
	"\"detect\":{\"level\":[\"muc do ([12])\"]},"
	"\"document_types\":{\"KH\":{\"name\":\"Kế hoạch\",\"title_patterns\":[\"^ke hoach\"],"
	"\"symbol\":\"kh\"}},"
	"\"criteria\":[{\"id\":\"1\",\"title\":\"Tiêu chí 1\",\"indicators\":["
	"{\"id\":\"1.1\",\"title\":\"Chỉ tiêu\",\"provenance\":{\"confirmed\":true},"
	"\"requirements\":{\"1\":\"a\",\"2\":\"b\"},"
	"\"evidence\":[{\"id\":\"kh\",\"title\":\"Kế hoạch\",\"types\":[\"KH\"],"
	"\"title_patterns\":[\"xa hoi hoc tap\"]}],"
	"\"figures\":[{\"name\":\"rate\",\"title\":\"Tỷ lệ\",\"unit\":\"%\","
	"\"patterns\":[\"ty le ([0-9.,]+) ?%\"],"
	"\"threshold\":{\"op\":\">=\",\"levels\":{\"2\":60}}}]}]}]}";

/* base with the first occurrence of from replaced by to. */
static char *variant(const char *from, const char *to)
{
	const char *at = strstr(base, from);
	size_t n;
	char *s;

	ck_assert_msg(at != NULL, "'%s' not in base", from);
	n = strlen(base) - strlen(from) + strlen(to);
	s = malloc(n + 1);
	snprintf(s, n + 1, "%.*s%s%s", (int)(at - base), base, to, at + strlen(from));
	return s;
}

START_TEST(base_loads)
{
	char err[512] = "";
	struct rubric *r = rubric_parse(base, "base", err, sizeof(err));

	ck_assert_msg(r != NULL, "%s", err);
	ck_assert_str_eq(r->id, "thu-nghiem");
	ck_assert_int_eq(r->kind, RUBRIC_LEVELS);
	ck_assert_int_eq(rubric_top_level(r), 2);
	ck_assert_uint_eq(r->ncriteria, 1);
	ck_assert_uint_eq(r->criteria[0].indicators[0].nfigures, 1);
	ck_assert(r->criteria[0].indicators[0].figures[0].threshold.has_level[2]);
	ck_assert(!r->criteria[0].indicators[0].figures[0].threshold.has_level[1]);
	rubric_free(r);
}
END_TEST

START_TEST(faults_have_paths)
{
	static const struct {
		const char *from, *to, *want;
	} cases[] = {
		{"\"schema\":\"hoso-rubric/1\"", "\"schema\":\"hoso-rubric/9\"",
		 "$.schema: "},
		{"\"version\":\"1\",", "", "$.version: required"},
		{"\"types\":[\"KH\"]", "\"types\":[\"XX\"]",
		 "$.criteria[0].indicators[0].evidence[0].types[0]: unknown document type 'XX'"},
		{"\"title_patterns\":[\"xa hoi hoc tap\"]",
		 "\"title_patterns\":[\"xa (hoi\"]",
		 "$.criteria[0].indicators[0].evidence[0].title_patterns[0]: pattern does not compile"},
		{"\"title_patterns\":[\"xa hoi hoc tap\"]",
		 "\"title_patterns\":[\"Xã hội\"]",
		 "$.criteria[0].indicators[0].evidence[0].title_patterns[0]: pattern must be folded"},
		{"\"requirements\":{\"1\":\"a\",\"2\":\"b\"}",
		 "\"requirements\":{\"1\":\"a\",\"3\":\"b\"}",
		 "$.criteria[0].indicators[0].requirements.3: '3' is not a level"},
		{"\"op\":\">=\"", "\"op\":\"=>\"",
		 "$.criteria[0].indicators[0].figures[0].threshold.op: '=>' is not one of"},
		{"\"patterns\":[\"ty le ([0-9.,]+) ?%\"]", "\"patterns\":[\"ty le [0-9]+\"]",
		 "$.criteria[0].indicators[0].figures[0]: pattern 'ty le [0-9]+' has no capture group"},
		{"\"provenance\":{\"confirmed\":true},", "",
		 "$.criteria[0].indicators[0].provenance: required"},
		{"\"kind\":\"levels\"", "\"kind\":\"stars\"", "$.scoring.kind: 'stars'"},
		{"\"title\":\"Thử nghiệm\",", "\"title\":\"Thử nghiệm\",\"colour\":1,",
		 "$.colour: unknown member"},
		{"\"id\":\"thu-nghiem\"", "\"id\":\"Thu Nghiem\"", "$.id: use lower case"},
		{"\"evidence\":[{", "\"evidence\":[{\"min_count\":0,",
		 "$.criteria[0].indicators[0].evidence[0].min_count: must be between"},
	};
	char err[512];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *json = variant(cases[i].from, cases[i].to);
		struct rubric *r;

		err[0] = '\0';
		r = rubric_parse(json, "case", err, sizeof(err));
		ck_assert_msg(r == NULL, "case %zu loaded", i);
		ck_assert_msg(!strncmp(err, cases[i].want, strlen(cases[i].want)),
			      "case %zu: got '%s', want '%s...'", i, err,
			      cases[i].want);
		free(json);
	}
	ck_assert_ptr_null(rubric_parse("{\"schema\": ", "broken", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "not valid JSON"));
}
END_TEST

START_TEST(points_must_add_up)
{
	static const char pts[] =
		"{\"schema\":\"hoso-rubric/1\",\"id\":\"p\",\"version\":\"1\",\"title\":\"P\","
		"\"regulation\":{\"number\":\"44/2014/TT-BGDĐT\",\"effective_from\":\"2015-01-26\"},"
		"\"scoring\":{\"kind\":\"points\",\"points_max\":10,\"bands\":["
		"{\"name\":\"Tốt\",\"min\":8},{\"name\":\"Khá\",\"min\":5}]},"
		"\"document_types\":{},"
		"\"criteria\":[{\"id\":\"1\",\"title\":\"T\",\"points_max\":10,\"indicators\":["
		"{\"id\":\"1.1\",\"title\":\"a\",\"provenance\":{\"confirmed\":false},\"points_max\":6,"
		"\"evidence\":[{\"id\":\"e\",\"title\":\"E\",\"filename_patterns\":[\"x\"]}]},"
		"{\"id\":\"1.2\",\"title\":\"b\",\"provenance\":{\"confirmed\":false},\"points_max\":3,"
		"\"evidence\":[{\"id\":\"e\",\"title\":\"E\",\"filename_patterns\":[\"y\"]}]}]}]}";
	char err[512] = "";

	ck_assert_ptr_null(rubric_parse(pts, "pts", err, sizeof(err)));
	ck_assert_msg(!strncmp(err, "$.criteria[0]: points_max 10 is not the sum", 40),
		      "%s", err);
}
END_TEST

START_TEST(builtin_rubrics_load)
{
	DIR *d = opendir(HOSO_SOURCE "/schemas/rubrics");
	struct dirent *de;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d))) {
		char path[4096], err[1024] = "";
		struct rubric *r;

		if (!strstr(de->d_name, ".json"))
			continue;
		snprintf(path, sizeof(path), "%s/schemas/rubrics/%s", HOSO_SOURCE,
			 de->d_name);
		r = rubric_load(path, err, sizeof(err));
		ck_assert_msg(r != NULL, "%s: %s", de->d_name, err);
		ck_assert_uint_gt(r->ncriteria, 0);
		rubric_free(r);
		n++;
	}
	closedir(d);
	ck_assert_int_ge(n, 1);
}
END_TEST

START_TEST(vietnamese_numbers)
{
	double v = 0;

	ck_assert(docmeta_parse_number("64,1", 4, &v) && v == 64.1);
	ck_assert(docmeta_parse_number("1.250", 5, &v) && v == 1250);
	ck_assert(docmeta_parse_number("5.320,5", 7, &v) && v == 5320.5);
	ck_assert(docmeta_parse_number("60", 2, &v) && v == 60);
	ck_assert(docmeta_parse_number("64.1", 4, &v) && v == 64.1);
	ck_assert(docmeta_parse_number("1.234.567", 9, &v) && v == 1234567);
	ck_assert(!docmeta_parse_number("1,2,3", 5, &v));
	ck_assert(!docmeta_parse_number("abc", 3, &v));
	ck_assert(!docmeta_parse_number("", 0, &v));
}
END_TEST

START_TEST(header_facts)
{
	static const char text[] =
		"ỦY BAN NHÂN DÂN XÃ QUY KỲ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
		"Số: 45/KH-UBND\tQuy Kỳ, ngày 16 tháng 4 năm 2024\n"
		"KẾ HOẠCH\nXây dựng xã hội học tập năm 2024\n";
	static const char draft[] =
		"ĐẢNG ỦY XÃ QUY KỲ\nSố:    /KH-UBND\nngày    tháng    năm 2022\n";
	struct docmeta_rx rx;
	struct docmeta m;
	struct doc d;
	char date[16];

	docmeta_rx_init(&rx);
	doc_init(&d, NULL);
	doc_add_text(&d, text, strlen(text));
	docmeta_read(&m, &rx, &d, "Tiêu chí 1/KH XHHT.docx");
	ck_assert_str_eq(m.number, "45/KH-UBND");
	ck_assert_str_eq(m.symbol, "kh");
	ck_assert(!m.number_blank);
	ck_assert_str_eq(docmeta_date(&m, date), "2024-04-16");
	ck_assert_str_eq(m.issuer, "ỦY BAN NHÂN DÂN XÃ QUY KỲ");
	ck_assert_str_eq(m.dir, "tieu chi 1");
	ck_assert_str_eq(m.path, "tieu chi 1/kh xhht.docx");
	docmeta_release(&m);
	doc_release(&d);

	doc_init(&d, NULL);
	doc_add_text(&d, draft, strlen(draft));
	docmeta_read(&m, &rx, &d, "a.docx");
	ck_assert_str_eq(m.number, "/KH-UBND");
	ck_assert(m.number_blank);
	ck_assert_int_eq(m.year, 2022);
	ck_assert_int_eq(m.day, 0);
	docmeta_release(&m);
	doc_release(&d);
	docmeta_rx_release(&rx);
}
END_TEST

/*
 * docmeta on the forms web copies take (each case one trap of the real
 * documents): HTML left-overs, Party numbers, a number quoted in a
 * sentence, a chủ quản above the issuer, a name cut mid-word, the
 * signature before an annex, a name in capitals that is not a person.
 */
struct header_case {
	const char *text, *number, *date, *issuer, *signer;
	bool date_blank;
};

START_TEST(header_facts_web)
{
	static const struct header_case cases[] = {
		{"<p>ỦY BAN NHÂN DÂN<br>XÃ QUY KỲ</p>\n<p>Số:&nbsp;12/KH-UBND</p>\n"
		 "<p>Quy Kỳ, ngày&nbsp;16 tháng 4 năm 2024</p>\n<h2>KẾ HOẠCH</h2>\n",
		 "12/KH-UBND", "2024-04-16", "ỦY BAN NHÂN DÂN XÃ QUY KỲ", NULL, false},
		{"ĐẢNG BỘ HUYỆN ĐỊNH HÓA\nĐẢNG ỦY XÃ QUY KỲ\n*\nSố 07-NQ/ĐU\n"
		 "ĐẢNG CỘNG SẢN VIỆT NAM\nQuy Kỳ, ngày 04 tháng 01 năm 2024\nNGHỊ QUYẾT\n",
		 "07-NQ/ĐU", "2024-01-04", "ĐẢNG BỘ HUYỆN ĐỊNH HÓA ĐẢNG ỦY XÃ QUY KỲ",
		 NULL, false},
		{"HỘI KHUYẾN HỌC XÃ QUY KỲ\nSố: 109-NV\nQuy Kỳ, 5/3/2024\nBÁO CÁO\n",
		 "109-NV", "2024-03-05", "HỘI KHUYẾN HỌC XÃ QUY KỲ", NULL, false},
		{"UBND HUYỆN NGA SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
		 "BAN CHỈ ĐẠO PCGD, XMC\nĐộc lập – Tự do – Hạnh phúc\n"
		 "Số: 255 / BC-BCĐPCGD-\nNga Sơn, ngày ….. tháng 11 năm 2020\nXMC\n"
		 "BÁO CÁO\n",
		 "255/BC-BCĐPCGD-XMC", "2020-11", "BAN CHỈ ĐẠO PCGD, XMC", NULL, true},
		{"ỦY BAN NHÂN DÂN\nTỈNH KHÁNH H\nÒA\n-------\nSố: 4341/KH-UBND\n"
		 "Khánh Hòa, ngày 16 tháng 5 năm 2022\n",
		 "4341/KH-UBND", "2022-05-16", "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", NULL,
		 false},
		/* a portal page: no header, so no issuer, number nor date */
		{"Tìm kiếm tin tức\nKế hoạch học tập suốt đời\nNgày cập nhật 29/08/2022\n"
		 "Thực hiện Công văn số 1995/UBND-GD ngày 19 tháng 8 năm 2022 của UBND huyện.\n"
		 "(Ban hành kèm theo Quyết định số: 59/QĐ-UBND)\n",
		 NULL, NULL, NULL, NULL, false},
		/* the signature, then the annex and its table */
		{"Số: /KH-UBND\nngày   tháng   năm 2024\nKẾ HOẠCH\nNội dung.\n"
		 "Nơi nhận:\n- Chủ tịch, các PCT UBND xã;\n- Lưu: VT.\n"
		 "**TM. ỦY BAN NHÂN DÂN**\n**CHỦ TỊCH**\n\n**Đinh Thị Kim Châu**\n"
		 "PHỤ LỤC\n| Chức vụ | Họ tên |\n|---|---|\n| Phó Chủ tịch | Lê Văn Ba |\n",
		 "/KH-UBND", "2024", NULL, "Đinh Thị Kim Châu", true},
		/* "TM. CHỦ TỊCH NHÂN DÂN TỈNH": capitals, not a person */
		{"Số: 59/2006/QĐ-UBND\nPleiku, ngày 08 tháng 8 năm 2006\nQUYẾT ĐỊNH\n"
		 "Điều 1. Hiệu lực.\n| TM. CHỦ TỊCH NHÂN DÂN TỈNH |\n",
		 "59/2006/QĐ-UBND", "2006-08-08", NULL, NULL, false},
		{"TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNGUYỄN VĂN AN\n", NULL, NULL, NULL,
		 "NGUYỄN VĂN AN", false},
		/* a PDF line across both columns */
		{"ỦY BAN NHÂN DÂN XÃ QUY KỲ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
		 "Độc lập - Tự do - Hạnh phúc\n"
		 "Số: 12/TB-UBND Quy Kỳ, ngày 03 tháng 02 năm 2024\nTHÔNG BÁO\n",
		 "12/TB-UBND", "2024-02-03", "ỦY BAN NHÂN DÂN XÃ QUY KỲ", NULL, false},
		{"ỦY BAN NHÂN DÂN PHƯỜNG 5\nSố: 03/KH-UBND\nQuận 3, ngày 2 tháng 3 năm 2024\n",
		 "03/KH-UBND", "2024-03-02", "ỦY BAN NHÂN DÂN PHƯỜNG 5", NULL, false},
		/* a blank of underscores is no rule; "<5 tuổi>" is no tag */
		{"TRƯỜNG MẦM NON QUY KỲ\nSố: ____/BC-MN\nQuy Kỳ, ngày ___ tháng ___ năm 2024\n"
		 "BÁO CÁO\nTrẻ <5 tuổi> ra lớp\n",
		 "/BC-MN", "2024", "TRƯỜNG MẦM NON QUY KỲ", NULL, true},
	};
	struct docmeta_rx rx;

	docmeta_rx_init(&rx);
	for (size_t k = 0; k < ARRAY_SIZE(cases); k++) {
		const struct header_case *c = &cases[k];
		struct docmeta m;
		struct doc d;
		char date[16];
		const char *got;

		doc_init(&d, NULL);
		doc_add_text(&d, c->text, strlen(c->text));
		docmeta_read(&m, &rx, &d, "a.txt");
#define SAME(want, have)                                                     \
	ck_assert_msg((!(want) && !(have)) ||                                 \
			      ((want) && (have) && !strcmp((want), (have))),  \
		      "case %zu: %s: want %s, got %s", k, #have,              \
		      (want) ? (want) : "null", (have) ? (have) : "null")
		SAME(c->number, m.number);
		got = docmeta_date(&m, date);
		SAME(c->date, got);
		SAME(c->issuer, m.issuer);
		SAME(c->signer, m.signer);
#undef SAME
		ck_assert_msg(m.date_blank == c->date_blank, "case %zu: date_blank", k);
		docmeta_release(&m);
		doc_release(&d);
	}
	docmeta_rx_release(&rx);
}
END_TEST

/*
 * Patterns (rx.c): the JIT and the interpreter agree; a pattern with more
 * groups than the reused match block still matches and reports its
 * first groups; invalid UTF-8 in the subject is searched around, not an
 * error; a catastrophic pattern stops at the match limit (no match).
 */
START_TEST(patterns_bounded)
{
	struct rx r;
	char err[256];
	size_t ov[8];
	static const char many[] =
		"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)(m)(n)(o)(p)(q)(r)(s)(t)";
	char text[4096];

	ck_assert(rx_compile(&r, "ty le (\\d+(?:,\\d+)?)%", err, sizeof(err)));
	ck_assert_int_eq(rx_match(&r, "dat ty le 64,3% nam 2024", 24, ov, 2), 2);
	ck_assert_uint_eq(ov[2], 10);
	ck_assert_uint_eq(ov[3], 14);
	ck_assert_int_eq(rx_match(&r, "khong co", 8, ov, 2), 0);
	rx_release(&r);

	ck_assert(rx_compile(&r, many, err, sizeof(err)));
	ck_assert_int_eq(rx_match(&r, "xxabcdefghijklmnopqrst", 22, ov, 4), 4);
	ck_assert_uint_eq(ov[0], 2);
	ck_assert_uint_eq(ov[2], 2);
	ck_assert_uint_eq(ov[6], 4);
	rx_release(&r);

	ck_assert(rx_compile(&r, "xa (\\w+)", err, sizeof(err)));
	ck_assert(rx_search(&r, "\xff\xfe xa quy ky", 15, NULL, NULL, NULL, NULL));
	rx_release(&r);

	/* (a+)+b on a long run of a's: exponential without the limit */
	memset(text, 'a', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	ck_assert(rx_compile(&r, "^(a+)+b", err, sizeof(err)));
	ck_assert(!rx_search(&r, text, sizeof(text) - 1, NULL, NULL, NULL, NULL));
	rx_release(&r);

	ck_assert(!rx_compile(&r, "(unclosed", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "offset"));
}
END_TEST

Suite *rubric_suite(void)
{
	Suite *s = suite_create("rubric");
	TCase *tc = tcase_create("loader");

	tcase_add_test(tc, base_loads);
	tcase_add_test(tc, faults_have_paths);
	tcase_add_test(tc, points_must_add_up);
	tcase_add_test(tc, builtin_rubrics_load);
	tcase_add_test(tc, vietnamese_numbers);
	tcase_add_test(tc, header_facts);
	tcase_add_test(tc, header_facts_web);
	tcase_add_test(tc, patterns_bounded);
	suite_add_tcase(s, tc);
	return s;
}
