/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_extract.c: the extractors hoso owns outside office zips (plain text
 * in its encodings, CSV, HTML, PDF), called in-process on real fixtures.
 */
#include <stdlib.h>
#include <string.h>

#include "read/extract/extract.h"
#include "suites.h"
#include "testutil.h"

static void run(struct doc *d, const char *rel)
{
	size_t len;
	unsigned char *b = tu_read_fixture(rel, &len);

	doc_init(d, NULL);
	extract_document(d, sniff_format(b, len, rel), b, len);
	free(b);
}

START_TEST(txt_encodings)
{
	static const struct {
		const char *file;
		enum doc_encoding enc;
	} cases[] = {
		{"docs/ghi-chu-utf8.txt", DOC_ENC_UTF8},
		{"docs/ghi-chu-utf16.txt", DOC_ENC_UTF16LE},
		{"docs/ghi-chu-tcvn3.txt", DOC_ENC_TCVN3},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct doc d;

		run(&d, cases[i].file);
		ck_assert_int_eq(d.format, FMT_TXT);
		ck_assert_int_eq(d.status, DOC_OK);
		ck_assert_msg(d.encoding == cases[i].enc, "%s: encoding %s",
			      cases[i].file, doc_encoding_name(d.encoding));
		ck_assert_msg(strstr(d.text.ptr, "Hoàn thiện hồ sơ đề nghị công nhận"),
			      "%s: phrase missing in: %s", cases[i].file,
			      d.text.ptr);
		ck_assert_ptr_null(strchr(d.text.ptr, '\r'));
		doc_release(&d);
	}
}
END_TEST

START_TEST(csv_cp1258_table)
{
	struct doc d;
	const struct doc_table *t;

	run(&d, "docs/so-lieu-cp1258.csv");
	ck_assert_int_eq(d.format, FMT_CSV);
	ck_assert_int_eq(d.encoding, DOC_ENC_CP1258);
	ck_assert_ptr_nonnull(strstr(d.text.ptr, "Số hộ đạt Gia đình học tập"));
	ck_assert_uint_eq(d.ntables, 1);
	t = &d.tables[0];
	ck_assert_uint_eq(t->nrows, 5);
	ck_assert_uint_ge(t->rows[0].ncells, 3);
	ck_assert_ptr_nonnull(strstr(t->rows[0].cells[2].text, "Gia đình học tập"));
	doc_release(&d);
}
END_TEST

START_TEST(html_text_and_table)
{
	struct doc d;

	run(&d, "docs/trang.html");
	ck_assert_int_eq(d.format, FMT_HTML);
	ck_assert_int_eq(d.status, DOC_OK);
	ck_assert_ptr_nonnull(strstr(d.text.ptr, "Kết quả xây dựng Cộng đồng học tập"));
	ck_assert_uint_eq(d.ntables, 1);
	ck_assert_uint_ge(d.tables[0].nrows, 2);
	doc_release(&d);
}
END_TEST

START_TEST(pdf_pages)
{
	struct doc d;
	const char *p2;

	run(&d, "docs/quyet-dinh.pdf");
	ck_assert_int_eq(d.format, FMT_PDF);
	ck_assert_int_eq(d.status, DOC_OK);
	ck_assert_uint_eq(d.npages, 2);
	ck_assert_uint_eq(d.npages_text, 2);
	p2 = d.text.ptr + d.page_ends[0];
	/* page 1 holds the title, page 2 the list */
	ck_assert_ptr_nonnull(strstr(d.text.ptr,
				     "Về việc thành lập Ban chỉ đạo xây dựng xã hội học tập"));
	ck_assert((size_t)(strstr(d.text.ptr, "Về việc thành lập") - d.text.ptr) <
		  d.page_ends[0]);
	ck_assert_ptr_nonnull(strstr(p2, "Chủ tịch Hội Khuyến học xã"));
	doc_release(&d);
}
END_TEST

START_TEST(pdf_scan_is_no_text)
{
	struct doc d;

	run(&d, "docs/bien-ban-scan.pdf");
	ck_assert_int_eq(d.status, DOC_NO_TEXT);
	ck_assert_uint_eq(d.npages, 1);
	ck_assert_uint_eq(d.npages_text, 0);
	ck_assert_uint_eq(d.nnotes, 1);
	ck_assert_int_eq(d.notes[0].code, HS202);
	doc_release(&d);
}
END_TEST

START_TEST(pdf_damaged)
{
	struct doc d;
	static const char junk[] = "%PDF-1.4\n1 0 obj <<>> garbage";

	doc_init(&d, NULL);
	extract_document(&d, FMT_PDF, (const unsigned char *)junk,
			 sizeof(junk) - 1);
	ck_assert_int_eq(d.status, DOC_UNREADABLE);
	ck_assert_int_eq(d.notes[0].code, HS201);
	doc_release(&d);
}
END_TEST

START_TEST(images_not_read)
{
	static const struct {
		const char *file;
		enum doc_format fmt;
	} cases[] = {
		{"docs/anh.png", FMT_PNG},
		{"docs/anh.jpg", FMT_JPEG},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct doc d;

		run(&d, cases[i].file);
		ck_assert_int_eq(d.format, cases[i].fmt);
		ck_assert_int_eq(d.status, DOC_UNSUPPORTED);
		ck_assert_int_eq(d.notes[0].code, HS205);
		ck_assert_ptr_nonnull(d.reason);
		doc_release(&d);
	}
}
END_TEST

START_TEST(text_limit)
{
	struct extract_limits lim = EXTRACT_LIMITS_DEFAULT;
	struct doc d;
	size_t len;
	unsigned char *b = tu_read_fixture("docs/quyet-dinh.pdf", &len);

	lim.text_max = 100;
	doc_init(&d, &lim);
	extract_document(&d, FMT_PDF, b, len);
	ck_assert_int_eq(d.status, DOC_LIMIT_EXCEEDED);
	ck_assert_uint_le(d.text.len, 100);
	ck_assert_int_eq(d.notes[0].code, HS106);
	doc_release(&d);
	free(b);
}
END_TEST

Suite *extract_suite(void)
{
	Suite *s = suite_create("extract");
	TCase *tc = tcase_create("formats");

	tcase_add_test(tc, txt_encodings);
	tcase_add_test(tc, csv_cp1258_table);
	tcase_add_test(tc, html_text_and_table);
	tcase_add_test(tc, pdf_pages);
	tcase_add_test(tc, pdf_scan_is_no_text);
	tcase_add_test(tc, pdf_damaged);
	tcase_add_test(tc, images_not_read);
	tcase_add_test(tc, text_limit);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
