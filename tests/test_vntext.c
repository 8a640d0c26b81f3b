/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_vntext.c: NFC cleaning, folding with its map back, Windows-1258 and
 * CP437 decoding, and the file-name repair rule.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "suites.h"
#include "base/vntext.h"

static char *clean(const char *s, size_t len)
{
	struct hs_buf b = HS_BUF_INIT;

	vntext_clean(&b, s, len);
	return hs_buf_detach(&b, NULL);
}

START_TEST(nfd_becomes_nfc)
{
	/* "Cộng đồng" typed with combining marks (NFD, as macOS names are) */
	const char nfd[] = "Co\xcc\xa3\xcc\x82ng \xc4\x91o\xcc\x82\xcc\x80ng";
	char *out = clean(nfd, strlen(nfd));

	ck_assert_str_eq(out, "Cộng đồng");
	free(out);
}
END_TEST

START_TEST(invalid_bytes_and_controls)
{
	const char bad[] = "a\xff" "b\0c\r\nd\xe1\xba";
	char *out = clean(bad, sizeof(bad) - 1);

	ck_assert_str_eq(out, "a\xef\xbf\xbd" "bc\nd\xef\xbf\xbd\xef\xbf\xbd");
	ck_assert(vntext_is_utf8(out, strlen(out)));
	free(out);
	ck_assert(!vntext_is_utf8("\xc0\xaf", 2)); /* overlong '/' */
	ck_assert(!vntext_is_utf8("\xed\xa0\x80", 3)); /* surrogate */
}
END_TEST

START_TEST(clean_respects_cap)
{
	struct hs_buf b = HS_BUF_INIT;

	b.max = 5;
	/* "Kế hoạch": 'ế' is 3 bytes; the cut must not split it */
	ck_assert_int_eq(vntext_clean(&b, "Kế hoạch", strlen("Kế hoạch")),
			 HS_LIMIT);
	ck_assert_str_eq(b.ptr, "Kế ");
	ck_assert(b.over);
	hs_buf_release(&b);
}
END_TEST

START_TEST(fold_keys)
{
	char *k = vntext_fold_str("  QUYẾT ĐỊNH\tVề việc\u00a0thành lập  BCĐ ");

	ck_assert_str_eq(k, "quyet dinh ve viec thanh lap bcd");
	free(k);
	k = vntext_fold_str("Tiêu chí 1");
	ck_assert_str_eq(k, "tieu chi 1");
	free(k);
	/* folding an NFD text gives the same key as its NFC form */
	k = vntext_fold_str("Co\xcc\xa3\xcc\x82ng \xc4\x90o\xcc\x82\xcc\x80ng");
	ck_assert_str_eq(k, "cong dong");
	free(k);
}
END_TEST

START_TEST(fold_map_points_back)
{
	const char *s = "Kế hoạch  Số 45";
	struct hs_buf key = HS_BUF_INIT;
	size_t *map = NULL;
	const char *hit;
	size_t at, end;

	vntext_fold(s, strlen(s), &key, &map);
	ck_assert_str_eq(key.ptr, "ke hoach so 45");
	hit = strstr(key.ptr, "hoach");
	ck_assert_ptr_nonnull(hit);
	at = map[hit - key.ptr];
	end = map[hit - key.ptr + 5];
	/* the original text of the match, as written */
	ck_assert_int_eq(end - at, strlen("hoạch"));
	ck_assert(!strncmp(s + at, "hoạch", strlen("hoạch")));
	ck_assert_int_eq(map[key.len], strlen(s));
	free(map);
	hs_buf_release(&key);
}
END_TEST

START_TEST(cp1258_decoding)
{
	/* "Kế hoạch" in Windows-1258: ê + combining acute, a + dot below */
	const unsigned char b[] = "K\xea\xec ho\x61\xf2" "ch";
	struct hs_buf out = HS_BUF_INIT;

	vntext_from_cp1258(b, sizeof(b) - 1, &out);
	ck_assert_str_eq(out.ptr, "Kế hoạch");
	hs_buf_release(&out);
}
END_TEST

START_TEST(name_repair_rule)
{
	struct hs_buf out = HS_BUF_INIT;
	/* CP437 "Báo cáo.txt": á is 0xA0, which Windows-1258 reads as NBSP */
	const unsigned char cp437[] = "B\xa0o c\xa0o.txt";
	const unsigned char cp1258[] = "K\xea\xec ho\x61\xf2" "ch.docx";
	const unsigned char utf8[] = "Tiêu chí 1/QĐ.pdf";

	ck_assert_int_eq(vntext_repair_name(cp437, sizeof(cp437) - 1, &out),
			 VN_NAME_CP437);
	ck_assert_str_eq(out.ptr, "Báo cáo.txt");
	hs_buf_reset(&out);
	ck_assert_int_eq(vntext_repair_name(cp1258, sizeof(cp1258) - 1, &out),
			 VN_NAME_CP1258);
	ck_assert_str_eq(out.ptr, "Kế hoạch.docx");
	hs_buf_reset(&out);
	ck_assert_int_eq(vntext_repair_name(utf8, sizeof(utf8) - 1, &out),
			 VN_NAME_UTF8);
	ck_assert_str_eq(out.ptr, "Tiêu chí 1/QĐ.pdf");
	hs_buf_release(&out);
}
END_TEST

START_TEST(vn_letters)
{
	ck_assert(vntext_is_vn_letter(0x1EBF)); /* ế */
	ck_assert(vntext_is_vn_letter(0x0111)); /* đ */
	ck_assert(vntext_is_vn_letter(0x01B0)); /* ư */
	ck_assert(!vntext_is_vn_letter(0x00F1)); /* ñ */
	ck_assert(!vntext_is_vn_letter(0x00E4)); /* ä */
	ck_assert(!vntext_is_vn_letter('a'));
}
END_TEST

Suite *vntext_suite(void)
{
	Suite *s = suite_create("vntext");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, nfd_becomes_nfc);
	tcase_add_test(tc, invalid_bytes_and_controls);
	tcase_add_test(tc, clean_respects_cap);
	tcase_add_test(tc, fold_keys);
	tcase_add_test(tc, fold_map_points_back);
	tcase_add_test(tc, cp1258_decoding);
	tcase_add_test(tc, name_repair_rule);
	tcase_add_test(tc, vn_letters);
	suite_add_tcase(s, tc);
	return s;
}
