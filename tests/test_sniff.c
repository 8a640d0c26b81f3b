/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_sniff.c: formats are told by content, never by extension. */
#include <string.h>

#include "read/sniff.h"
#include "suites.h"

#define SNIFF(lit, name) \
	sniff_format((const unsigned char *)(lit), sizeof(lit) - 1, (name))

START_TEST(magic_bytes)
{
	ck_assert_int_eq(SNIFF("%PDF-1.7\n", "x.docx"), FMT_PDF);
	ck_assert_int_eq(SNIFF("7z\xbc\xaf\x27\x1c\0\4", NULL), FMT_7Z);
	ck_assert_int_eq(SNIFF("Rar!\x1a\x07\x01\x00", NULL), FMT_RAR);
	ck_assert_int_eq(SNIFF("Rar!\x1a\x07\x00", NULL), FMT_RAR);
	ck_assert_int_eq(SNIFF("\x1f\x8b\x08\0", "a.pdf"), FMT_GZIP);
	ck_assert_int_eq(SNIFF("\xfd" "7zXZ\0\0", NULL), FMT_XZ);
	ck_assert_int_eq(SNIFF("\x28\xb5\x2f\xfd\0", NULL), FMT_ZSTD);
	ck_assert_int_eq(SNIFF("BZh91AY&SY", NULL), FMT_BZIP2);
	ck_assert_int_eq(SNIFF("\x89PNG\r\n\x1a\n\0\0", "scan.pdf"), FMT_PNG);
	ck_assert_int_eq(SNIFF("\xff\xd8\xff\xe0", NULL), FMT_JPEG);
	ck_assert_int_eq(SNIFF("{\\rtf1\\ansi", "a.doc"), FMT_RTF);
	ck_assert_int_eq(SNIFF("\x7f" "ELF\x02\x01\x01\0\0\0\0\0", NULL),
			 FMT_UNKNOWN);
}
END_TEST

START_TEST(ole_streams)
{
	unsigned char b[1024] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
	const char *names[] = {"WordDocument", "Workbook", "EncryptedPackage"};
	const enum doc_format want[] = {FMT_DOC, FMT_XLS, FMT_OOXML_ENCRYPTED};

	for (int k = 0; k < 3; k++) {
		memset(b + 8, 0, sizeof(b) - 8);
		for (size_t i = 0; names[k][i]; i++)
			b[512 + 2 * i] = (unsigned char)names[k][i];
		ck_assert_int_eq(sniff_format(b, sizeof(b), "x.pdf"), want[k]);
	}
}
END_TEST

START_TEST(text_kinds)
{
	ck_assert_int_eq(SNIFF("<!DOCTYPE html><html><body>x</body></html>",
			       "a.txt"),
			 FMT_HTML);
	ck_assert_int_eq(SNIFF("\xef\xbb\xbf<html lang=\"vi\">", NULL), FMT_HTML);
	ck_assert_int_eq(SNIFF("Thôn,Số hộ\nThôn 1,120\nThôn 2,98\n", NULL),
			 FMT_CSV);
	ck_assert_int_eq(SNIFF("Thôn;Số hộ\r\nThôn 1;120\r\n", NULL), FMT_CSV);
	ck_assert_int_eq(SNIFF("Kế hoạch năm 2024.\nXây dựng xã hội học tập.\n",
			       "a.csv"),
			 FMT_CSV);
	ck_assert_int_eq(SNIFF("Kế hoạch năm 2024.\nXây dựng, học tập.\n",
			       NULL),
			 FMT_TXT);
	ck_assert_int_eq(SNIFF("\xff\xfeK\0\xbf\x1e", NULL), FMT_TXT);
	ck_assert_int_eq(SNIFF("", NULL), FMT_TXT);
}
END_TEST

START_TEST(zip_kinds)
{
	/* A stored ODF: first entry "mimetype" holding its media type. */
	static const char odt[] =
		"PK\x03\x04\x0a\0\0\0\0\0\0\0\0\0\0\0\0\0\x27\0\0\0\x27\0\0\0"
		"\x08\0\0\0mimetypeapplication/vnd.oasis.opendocument.text";
	ck_assert_int_eq(sniff_format((const unsigned char *)odt,
				      sizeof(odt) - 1, NULL),
			 FMT_ODT);
	ck_assert_int_eq(SNIFF("PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
			       NULL),
			 FMT_ZIP);
}
END_TEST

Suite *sniff_suite(void)
{
	Suite *s = suite_create("sniff");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, magic_bytes);
	tcase_add_test(tc, ole_streams);
	tcase_add_test(tc, text_kinds);
	tcase_add_test(tc, zip_kinds);
	suite_add_tcase(s, tc);
	return s;
}
