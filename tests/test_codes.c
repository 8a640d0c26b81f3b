/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_codes.c: the finding-code catalogue is sorted, unique, complete. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/codes.h"
#include "suites.h"
#include "testutil.h"

START_TEST(codes_sorted_unique)
{
	for (int i = 1; i < HS_CODE_COUNT; i++) {
		const struct hs_code_info *a = hs_code_info((enum hs_code)(i - 1));
		const struct hs_code_info *b = hs_code_info((enum hs_code)i);

		ck_assert_msg(strcmp(a->name, b->name) < 0, "%s before %s",
			      a->name, b->name);
	}
}
END_TEST

START_TEST(codes_lookup)
{
	const struct hs_code_info *ci = hs_code_find("HS202");

	ck_assert_ptr_nonnull(ci);
	ck_assert_int_eq(ci->code, HS202);
	ck_assert_int_eq(ci->severity, HS_SEV_WARNING);
	ck_assert_ptr_null(hs_code_find("HS999"));
	ck_assert_int_eq(hs_code_find("HS106")->severity, HS_SEV_ERROR);
	for (int i = 0; i < HS_CODE_COUNT; i++) {
		ci = hs_code_info((enum hs_code)i);
		ck_assert_int_eq(ci->code, i);
		ck_assert_int_gt(strlen(ci->title), 5);
		ck_assert_int_gt(strlen(ci->fix), 5);
	}
}
END_TEST

START_TEST(codes_documented)
{
	char path[4096];
	size_t len;
	unsigned char *doc;

	snprintf(path, sizeof(path), "%s/../docs/codes.md", HOSO_FIXTURES);
	doc = tu_read_file(path, &len);
	ck_assert_msg(doc != NULL, "cannot read %s", path);
	for (int i = 0; i < HS_CODE_COUNT; i++) {
		const struct hs_code_info *ci = hs_code_info((enum hs_code)i);
		char row[64];

		snprintf(row, sizeof(row), "| %s | %s |", ci->name,
			 hs_severity_name(ci->severity));
		ck_assert_msg(strstr((char *)doc, row), "docs/codes.md lacks %s",
			      ci->name);
	}
	free(doc);
}
END_TEST

Suite *codes_suite(void)
{
	Suite *s = suite_create("codes");
	TCase *tc = tcase_create("catalogue");

	tcase_add_test(tc, codes_sorted_unique);
	tcase_add_test(tc, codes_lookup);
	tcase_add_test(tc, codes_documented);
	suite_add_tcase(s, tc);
	return s;
}
