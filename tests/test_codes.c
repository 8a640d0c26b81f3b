/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_codes.c: the finding-code catalogue is sorted, unique, complete. */
#include <string.h>

#include "codes.h"
#include "suites.h"

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

Suite *codes_suite(void)
{
	Suite *s = suite_create("codes");
	TCase *tc = tcase_create("catalogue");

	tcase_add_test(tc, codes_sorted_unique);
	tcase_add_test(tc, codes_lookup);
	suite_add_tcase(s, tc);
	return s;
}
