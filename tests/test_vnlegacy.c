/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_vnlegacy.c: TCVN3 and VNI -> Unicode. The letter table below was
 * built outside hoso (glibc `iconv -t TCVN5712-1` for the TCVN3 codes, the
 * xvnkb/vietnamese-conversion VNI pairs), so it checks vnlegacy.c's tables
 * rather than repeating them.
 */
#include "base/hs.h"

#include <check.h>
#include <string.h>

#include <utf8proc.h>

#include "base/buf.h"
#include "base/vnlegacy.h"

Suite *vnlegacy_suite(void);

/* The 67 lowercase letters with a diacritic, their capitals and codes. */
static const struct letter {
	const char *lower;
	const char *upper;
	unsigned char tcvn3;     /* lowercase code; capital via a ...H font */
	const char *vni_lower;
	const char *vni_upper;
} letters[] = {
	{ "à", "À", 0xB5, "a\xF8", "A\xD8" },
	{ "ả", "Ả", 0xB6, "a\xFB", "A\xDB" },
	{ "ã", "Ã", 0xB7, "a\xF5", "A\xD5" },
	{ "á", "Á", 0xB8, "a\xF9", "A\xD9" },
	{ "ạ", "Ạ", 0xB9, "a\xEF", "A\xCF" },
	{ "ă", "Ă", 0xA8, "a\xEA", "A\xCA" },
	{ "ằ", "Ằ", 0xBB, "a\xE8", "A\xC8" },
	{ "ẳ", "Ẳ", 0xBC, "a\xFA", "A\xDA" },
	{ "ẵ", "Ẵ", 0xBD, "a\xFC", "A\xDC" },
	{ "ắ", "Ắ", 0xBE, "a\xE9", "A\xC9" },
	{ "ặ", "Ặ", 0xC6, "a\xEB", "A\xCB" },
	{ "â", "Â", 0xA9, "a\xE2", "A\xC2" },
	{ "ầ", "Ầ", 0xC7, "a\xE0", "A\xC0" },
	{ "ẩ", "Ẩ", 0xC8, "a\xE5", "A\xC5" },
	{ "ẫ", "Ẫ", 0xC9, "a\xE3", "A\xC3" },
	{ "ấ", "Ấ", 0xCA, "a\xE1", "A\xC1" },
	{ "ậ", "Ậ", 0xCB, "a\xE4", "A\xC4" },
	{ "è", "È", 0xCC, "e\xF8", "E\xD8" },
	{ "ẻ", "Ẻ", 0xCE, "e\xFB", "E\xDB" },
	{ "ẽ", "Ẽ", 0xCF, "e\xF5", "E\xD5" },
	{ "é", "É", 0xD0, "e\xF9", "E\xD9" },
	{ "ẹ", "Ẹ", 0xD1, "e\xEF", "E\xCF" },
	{ "ê", "Ê", 0xAA, "e\xE2", "E\xC2" },
	{ "ề", "Ề", 0xD2, "e\xE0", "E\xC0" },
	{ "ể", "Ể", 0xD3, "e\xE5", "E\xC5" },
	{ "ễ", "Ễ", 0xD4, "e\xE3", "E\xC3" },
	{ "ế", "Ế", 0xD5, "e\xE1", "E\xC1" },
	{ "ệ", "Ệ", 0xD6, "e\xE4", "E\xC4" },
	{ "ì", "Ì", 0xD7, "\xEC", "\xCC" },
	{ "ỉ", "Ỉ", 0xD8, "\xE6", "\xC6" },
	{ "ĩ", "Ĩ", 0xDC, "\xF3", "\xD3" },
	{ "í", "Í", 0xDD, "\xED", "\xCD" },
	{ "ị", "Ị", 0xDE, "\xF2", "\xD2" },
	{ "ò", "Ò", 0xDF, "o\xF8", "O\xD8" },
	{ "ỏ", "Ỏ", 0xE1, "o\xFB", "O\xDB" },
	{ "õ", "Õ", 0xE2, "o\xF5", "O\xD5" },
	{ "ó", "Ó", 0xE3, "o\xF9", "O\xD9" },
	{ "ọ", "Ọ", 0xE4, "o\xEF", "O\xCF" },
	{ "ô", "Ô", 0xAB, "o\xE2", "O\xC2" },
	{ "ồ", "Ồ", 0xE5, "o\xE0", "O\xC0" },
	{ "ổ", "Ổ", 0xE6, "o\xE5", "O\xC5" },
	{ "ỗ", "Ỗ", 0xE7, "o\xE3", "O\xC3" },
	{ "ố", "Ố", 0xE8, "o\xE1", "O\xC1" },
	{ "ộ", "Ộ", 0xE9, "o\xE4", "O\xC4" },
	{ "ơ", "Ơ", 0xAC, "\xF4", "\xD4" },
	{ "ờ", "Ờ", 0xEA, "\xF4\xF8", "\xD4\xD8" },
	{ "ở", "Ở", 0xEB, "\xF4\xFB", "\xD4\xDB" },
	{ "ỡ", "Ỡ", 0xEC, "\xF4\xF5", "\xD4\xD5" },
	{ "ớ", "Ớ", 0xED, "\xF4\xF9", "\xD4\xD9" },
	{ "ợ", "Ợ", 0xEE, "\xF4\xEF", "\xD4\xCF" },
	{ "ù", "Ù", 0xEF, "u\xF8", "U\xD8" },
	{ "ủ", "Ủ", 0xF1, "u\xFB", "U\xDB" },
	{ "ũ", "Ũ", 0xF2, "u\xF5", "U\xD5" },
	{ "ú", "Ú", 0xF3, "u\xF9", "U\xD9" },
	{ "ụ", "Ụ", 0xF4, "u\xEF", "U\xCF" },
	{ "ư", "Ư", 0xAD, "\xF6", "\xD6" },
	{ "ừ", "Ừ", 0xF5, "\xF6\xF8", "\xD6\xD8" },
	{ "ử", "Ử", 0xF6, "\xF6\xFB", "\xD6\xDB" },
	{ "ữ", "Ữ", 0xF7, "\xF6\xF5", "\xD6\xD5" },
	{ "ứ", "Ứ", 0xF8, "\xF6\xF9", "\xD6\xD9" },
	{ "ự", "Ự", 0xF9, "\xF6\xEF", "\xD6\xCF" },
	{ "ỳ", "Ỳ", 0xFA, "y\xF8", "Y\xD8" },
	{ "ỷ", "Ỷ", 0xFB, "y\xFB", "Y\xDB" },
	{ "ỹ", "Ỹ", 0xFC, "y\xF5", "Y\xD5" },
	{ "ý", "Ý", 0xFD, "y\xF9", "Y\xD9" },
	{ "ỵ", "Ỵ", 0xFE, "\xEE", "\xCE" },
	{ "đ", "Đ", 0xAE, "\xF1", "\xD1" },
};

/* ==== Helpers ==== */

/*
 * Legacy bytes as Word stores them: 0x80-0x9F as Windows-1252 characters
 * (the few the tests use), every other byte as U+00xx.
 */
static void as_word_text(const unsigned char *b, size_t n, struct hs_buf *out)
{
	static const struct {
		unsigned char byte;
		int32_t cp;
	} specials[] = {
		{ 0x80, 0x20AC }, { 0x85, 0x2026 }, { 0x93, 0x201C },
		{ 0x94, 0x201D }, { 0x9C, 0x0153 },
	};
	size_t i, k;

	for (i = 0; i < n; i++) {
		int32_t cp = b[i];

		for (k = 0; k < ARRAY_SIZE(specials); k++)
			if (specials[k].byte == b[i])
				cp = specials[k].cp;
		ck_assert_int_eq(hs_buf_add_utf8(out, cp), HS_OK);
	}
}

/* Converts raw bytes; checks status and exact output. */
static void check_bytes(enum vn_legacy enc, const char *in, size_t n,
			const char *want)
{
	struct hs_buf out = HS_BUF_INIT;

	ck_assert_int_eq(vnlegacy_convert_bytes(enc, (const unsigned char *)in,
						n, &out), HS_OK);
	ck_assert_msg(out.len == strlen(want) && !memcmp(out.ptr, want, out.len),
		      "%s bytes: got '%s', want '%s'", vnlegacy_name(enc),
		      out.ptr, want);
	hs_buf_release(&out);
}

/* The same bytes as stored in a .docx, through the _utf8 variant. */
static void check_word(enum vn_legacy enc, const char *in, size_t n,
		       bool upper, const char *want)
{
	struct hs_buf text = HS_BUF_INIT, out = HS_BUF_INIT;

	as_word_text((const unsigned char *)in, n, &text);
	ck_assert_int_eq(vnlegacy_convert_utf8(enc, text.ptr, text.len, upper,
					       &out), HS_OK);
	ck_assert_msg(out.len == strlen(want) && !memcmp(out.ptr, want, out.len),
		      "%s utf8: got '%s', want '%s'", vnlegacy_name(enc),
		      out.ptr, want);
	hs_buf_release(&text);
	hs_buf_release(&out);
}

/* Valid UTF-8 and already NFC. */
static bool is_nfc_utf8(const char *s, size_t len)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n;
	size_t i = 0;
	bool same;

	while (i < len) {
		utf8proc_int32_t cp;

		n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			return false;
		i += (size_t)n;
	}
	/* Not utf8proc_NFC(): the text may hold U+0000. */
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
			 &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	same = n >= 0 && (size_t)n == len && !memcmp(nfc, s, len);
	free(nfc);
	return same;
}

/* Deterministic noise for the robustness tests (xorshift32). */
static uint32_t noise(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

/* ==== Texts ==== */

#define SENTENCE "C\xE1\xBB\x99ng \xC4\x91\xE1\xBB\x93ng h\xE1\xBB\x8D" \
	"c t\xE1\xBA\xADp x\xC3\xA3 Quy K\xE1\xBB\xB3 n\xC4\x83m 2024: " \
	"K\xE1\xBA\xBF ho\xE1\xBA\xA1" "ch x\xC3\xA2y d\xE1\xBB\xB1ng " \
	"x\xC3\xA3 h\xE1\xBB\x99i h\xE1\xBB\x8D" "c t\xE1\xBA\xADp"

static const char sentence_utf8[] = SENTENCE;

/* The sentence in TCVN3 (from glibc iconv) and in VNI Windows. */
static const char sentence_tcvn3[] =
	"C\xE9ng \xAE\xE5ng h\xE4" "c t\xCBp x\xB7 Quy K\xFA n\xA8m 20"
	"24: K\xD5 ho\xB9" "ch x\xA9y d\xF9ng x\xB7 h\xE9i h\xE4" "c t"
	"\xCBp";
static const char sentence_vni[] =
	"Co\xE4ng \xF1o\xE0ng ho\xEF" "c ta\xE4p xa\xF5 Quy Ky\xF8 na\xEAm"
	" 2024: Ke\xE1 hoa\xEF" "ch xa\xE2y d\xF6\xEFng xa\xF5 ho\xE4i"
	" ho\xEF" "c ta\xE4p";

/* One paragraph of a commune plan in three 8-bit encodings. */
static const char para_tcvn3[] =
	"C\xA8n c\xF8 Lu\xCBt Gi\xB8o d\xF4" "c n\xA8m 2019 v\xB5 k\xD5 "
	"ho\xB9" "ch c\xF1" "a huy\xD6n, x\xB7 Quy K\xFA x\xA9y d\xF9n"
	"g k\xD5 ho\xB9" "ch th\xF9" "c hi\xD6n nh\xAD sau: t\xA8ng c\xAD\xEAn"
	"g c\xABng t\xB8" "c tuy\xAAn truy\xD2n, n\xA9ng cao nh\xCBn t"
	"h\xF8" "c c\xF1" "a c\xB8n b\xE9 v\xB5 nh\xA9n d\xA9n v\xD2 v"
	"ai tr\xDF c\xF1" "a h\xE4" "c t\xCBp su\xE8t \xAE\xEAi.";
static const char para_vni[] =
	"Ca\xEAn c\xF6\xF9 Lua\xE4t Gia\xF9o du\xEF" "c na\xEAm 2019 v"
	"a\xF8 ke\xE1 hoa\xEF" "ch cu\xFB" "a huye\xE4n, xa\xF5 Quy Ky"
	"\xF8 xa\xE2y d\xF6\xEFng ke\xE1 hoa\xEF" "ch th\xF6\xEF" "c h"
	"ie\xE4n nh\xF6 sau: ta\xEAng c\xF6\xF4\xF8ng co\xE2ng ta\xF9" "c"
	" tuye\xE2n truye\xE0n, na\xE2ng cao nha\xE4n th\xF6\xF9" "c c"
	"u\xFB" "a ca\xF9n bo\xE4 va\xF8 nha\xE2n da\xE2n ve\xE0 vai t"
	"ro\xF8 cu\xFB" "a ho\xEF" "c ta\xE4p suo\xE1t \xF1\xF4\xF8i.";
static const char para_cp1258[] =
	"C\xE3n c\xFD\xEC Lu\xE2\xF2t Gi\xE1o du\xF2" "c n\xE3m 2019 v"
	"\xE0 k\xEA\xEC hoa\xF2" "ch cu\xD2" "a huy\xEA\xF2n, xa\xDE Q"
	"uy Ky\xCC x\xE2y d\xFD\xF2ng k\xEA\xEC hoa\xF2" "ch th\xFD\xF2" "c"
	" hi\xEA\xF2n nh\xFD sau: t\xE3ng c\xFD\xF5\xCCng c\xF4ng t\xE1" "c"
	" tuy\xEAn truy\xEA\xCCn, n\xE2ng cao nh\xE2\xF2n th\xFD\xEC" "c"
	" cu\xD2" "a c\xE1n b\xF4\xF2 v\xE0 nh\xE2n d\xE2n v\xEA\xCC v"
	"ai tro\xCC cu\xD2" "a ho\xF2" "c t\xE2\xF2p su\xF4\xECt \xF0\xF5\xCCi"
	".";
static const char para_utf8[] =
	"Căn cứ Luật Giáo dục năm 2019 và kế hoạch của huyện, xã Quy Kỳ xây "
	"dựng kế hoạch thực hiện như sau: tăng cường công tác tuyên truyền, "
	"nâng cao nhận thức của cán bộ và nhân dân về vai trò của học tập "
	"suốt đời.";
static const char para_ascii[] =
	"Can cu Luat Giao duc nam 2019 va ke hoach cua huyen, xa Quy Ky xay "
	"dung ke hoach thuc hien nhu sau: tang cuong cong tac tuyen truyen.";

/* ==== TCVN3 ==== */

START_TEST(test_tcvn3_every_letter)
{
	size_t i;

	ck_assert_uint_eq(ARRAY_SIZE(letters), 67);
	for (i = 0; i < ARRAY_SIZE(letters); i++) {
		const struct letter *l = &letters[i];
		char b = (char)l->tcvn3;

		check_bytes(VN_LEGACY_TCVN3, &b, 1, l->lower);
		check_word(VN_LEGACY_TCVN3, &b, 1, false, l->lower);
		/* .VnTimeH shows the same code as the capital. */
		check_word(VN_LEGACY_TCVN3, &b, 1, true, l->upper);
	}
}
END_TEST

START_TEST(test_tcvn3_own_capitals)
{
	/* The seven capitals TCVN3 encodes in an ordinary font. */
	check_bytes(VN_LEGACY_TCVN3, "\xA1\xA2\xA3\xA4\xA5\xA6\xA7", 7,
		    "ĂÂÊÔƠƯĐ");
	check_word(VN_LEGACY_TCVN3, "\xA7\xE5ng", 4, false, "Đồng");
	/* NBSP stays NBSP. */
	check_bytes(VN_LEGACY_TCVN3, "a\xA0" "b", 3, "a\xC2\xA0" "b");
}
END_TEST

START_TEST(test_tcvn3_sentence)
{
	check_bytes(VN_LEGACY_TCVN3, sentence_tcvn3, strlen(sentence_tcvn3),
		    sentence_utf8);
	check_word(VN_LEGACY_TCVN3, sentence_tcvn3, strlen(sentence_tcvn3),
		   false, sentence_utf8);
}
END_TEST

START_TEST(test_tcvn3_vn2_marks)
{
	/* VN2 tone bytes compose with the letter before them... */
	check_bytes(VN_LEGACY_TCVN3, "a\xB3 \xAB\xB4", 5, "á ộ");
	/* ...and with no vowel to sit on keep their Latin-1 meaning. */
	check_bytes(VN_LEGACY_TCVN3, "30\xB0" "C", 4, "30°C");
	check_bytes(VN_LEGACY_TCVN3, "500 m\xB2", 6, "500 m²");
}
END_TEST

START_TEST(test_tcvn3_upper_font)
{
	bool upper = false;

	ck_assert_int_eq(vnlegacy_font(".VnTimeH", &upper), VN_LEGACY_TCVN3);
	ck_assert(upper);
	check_word(VN_LEGACY_TCVN3, "k\xD5 ho\xB9" "ch", 8, upper,
		   "KẾ HOẠCH");
	check_word(VN_LEGACY_TCVN3, "k\xD5 ho\xB9" "ch", 8, false,
		   "kế hoạch");
	/* Capitals and plain ASCII in an H font stay capitals. */
	check_word(VN_LEGACY_TCVN3, "\xA7\xE9" "c l\xCBp", 7, true,
		   "ĐỘC LẬP");
}
END_TEST

/* ==== VNI ==== */

START_TEST(test_vni_every_letter)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(letters); i++) {
		const struct letter *l = &letters[i];

		check_bytes(VN_LEGACY_VNI, l->vni_lower, strlen(l->vni_lower),
			    l->lower);
		check_bytes(VN_LEGACY_VNI, l->vni_upper, strlen(l->vni_upper),
			    l->upper);
		check_word(VN_LEGACY_VNI, l->vni_lower, strlen(l->vni_lower),
			   false, l->lower);
		check_word(VN_LEGACY_VNI, l->vni_upper, strlen(l->vni_upper),
			   false, l->upper);
	}
}
END_TEST

START_TEST(test_vni_sentence)
{
	check_bytes(VN_LEGACY_VNI, sentence_vni, strlen(sentence_vni),
		    sentence_utf8);
	check_word(VN_LEGACY_VNI, sentence_vni, strlen(sentence_vni), false,
		   sentence_utf8);
	/* A heading typed in capitals. */
	check_bytes(VN_LEGACY_VNI, "KE\xC1 HOA\xCF" "CH", 10, "KẾ HOẠCH");
	/* Case of the base letter wins over the case of the mark byte. */
	check_bytes(VN_LEGACY_VNI, "a\xD9 A\xF9", 5, "á Á");
}
END_TEST

START_TEST(test_vni_truncated)
{
	/* "Vie\xE4t" cut after its base: the base stays plain. */
	check_bytes(VN_LEGACY_VNI, "Vie", 3, "Vie");
	/* A mark is drawn over any letter, as the VNI font does: i + breve. */
	check_bytes(VN_LEGACY_VNI, "Vi\xEA", 3, "V\xC4\xAD");
	/* A mark byte with no letter before it keeps its Latin-1 meaning. */
	check_bytes(VN_LEGACY_VNI, "\xF9" "a", 2, "ùa");
	check_bytes(VN_LEGACY_VNI, "a \xF8", 3, "a ø");
	check_bytes(VN_LEGACY_VNI, "b\xF9", 2, "bù"); /* not on a consonant */
	/* Ends right after a two-mark byte: composed, nothing read past. */
	check_bytes(VN_LEGACY_VNI, "ta\xE4", 3, "tậ");
}
END_TEST

/* ==== Text stored by Word ==== */

START_TEST(test_word_specials)
{
	struct hs_buf text = HS_BUF_INIT, out = HS_BUF_INIT;
	/* “Cộng đồng” … 5€ œ -> , in a .VnTime run */
	static const char in[] = "\x93" "C\xE9ng \xAE\xE5ng\x94 \x85 5\x80 \x9C";
	static const char want[] = "“Cộng đồng” … 5€ œ";

	check_word(VN_LEGACY_TCVN3, in, strlen(in), false, want);
	/* U+00AD (soft hyphen) is TCVN3's ư: "như". */
	check_word(VN_LEGACY_TCVN3, "nh\xAD", 3, false, "như");

	/* Characters that cannot be legacy bytes are copied unchanged. */
	hs_buf_adds(&text, "C\xC3\xA9ng \xE2\x86\x92 \xE1\xBB\x99 \xF0\x9F\x98\x80");
	ck_assert_int_eq(vnlegacy_convert_utf8(VN_LEGACY_TCVN3, text.ptr,
					       text.len, false, &out), HS_OK);
	ck_assert_str_eq(out.ptr, "Cộng → ộ \xF0\x9F\x98\x80");
	hs_buf_release(&out);
	hs_buf_release(&text);

	/* VNI: "ñoàng" as Word keeps it. */
	check_word(VN_LEGACY_VNI, "\xF1o\xE0ng \x93", 7, false, "đồng “");
}
END_TEST

START_TEST(test_none_encoding)
{
	check_bytes(VN_LEGACY_NONE, "caf\xE9 \x80", 6, "café €");
	check_word(VN_LEGACY_NONE, "caf\xE9", 4, false, "café");
}
END_TEST

/* ==== Font names ==== */

START_TEST(test_font_names)
{
	bool upper = true;

	ck_assert_int_eq(vnlegacy_font(".VnTime", &upper), VN_LEGACY_TCVN3);
	ck_assert(!upper);
	ck_assert_int_eq(vnlegacy_font(".VnTimeH", &upper), VN_LEGACY_TCVN3);
	ck_assert(upper);
	ck_assert_int_eq(vnlegacy_font("VnArial", &upper), VN_LEGACY_TCVN3);
	ck_assert(!upper);
	ck_assert_int_eq(vnlegacy_font(".VnArialH", &upper), VN_LEGACY_TCVN3);
	ck_assert(upper);
	ck_assert_int_eq(vnlegacy_font(".VnArial NarrowH", &upper),
			 VN_LEGACY_TCVN3);
	ck_assert(upper);
	ck_assert_int_eq(vnlegacy_font(" .vntime ", &upper), VN_LEGACY_TCVN3);
	ck_assert(!upper);
	ck_assert_int_eq(vnlegacy_font("VNI-Times", &upper), VN_LEGACY_VNI);
	ck_assert(!upper);
	ck_assert_int_eq(vnlegacy_font("VNI-Helve", NULL), VN_LEGACY_VNI);
	ck_assert_int_eq(vnlegacy_font("VNI-Helve-Condense", &upper),
			 VN_LEGACY_VNI);
	ck_assert(!upper);
	upper = true;
	ck_assert_int_eq(vnlegacy_font("Times New Roman", &upper),
			 VN_LEGACY_NONE);
	ck_assert(!upper);
	ck_assert_int_eq(vnlegacy_font("Arial", NULL), VN_LEGACY_NONE);
	ck_assert_int_eq(vnlegacy_font("Vni", NULL), VN_LEGACY_NONE);
	ck_assert_int_eq(vnlegacy_font("Vnexpress Sans", NULL), VN_LEGACY_NONE);
	ck_assert_int_eq(vnlegacy_font("", NULL), VN_LEGACY_NONE);
	ck_assert_int_eq(vnlegacy_font(NULL, NULL), VN_LEGACY_NONE);
}
END_TEST

START_TEST(test_names)
{
	ck_assert_str_eq(vnlegacy_name(VN_LEGACY_NONE), "none");
	ck_assert_str_eq(vnlegacy_name(VN_LEGACY_TCVN3), "tcvn3");
	ck_assert_str_eq(vnlegacy_name(VN_LEGACY_VNI), "vni");
}
END_TEST

/* ==== Detection ==== */

START_TEST(test_detect_bytes)
{
	static const char french[] =
		"L'\xE9t\xE9 \xE0 la for\xEAt, o\xF9 le gar\xE7on a mang\xE9 "
		"un g\xE2teau tr\xE8s sucr\xE9 et bien d\xE9" "cor\xE9.";
	const unsigned char *u;

	u = (const unsigned char *)para_tcvn3;
	ck_assert_int_eq(vnlegacy_detect_bytes(u, strlen(para_tcvn3)),
			 VN_LEGACY_TCVN3);
	u = (const unsigned char *)sentence_tcvn3;
	ck_assert_int_eq(vnlegacy_detect_bytes(u, strlen(sentence_tcvn3)),
			 VN_LEGACY_TCVN3);
	u = (const unsigned char *)para_vni;
	ck_assert_int_eq(vnlegacy_detect_bytes(u, strlen(para_vni)),
			 VN_LEGACY_VNI);
	u = (const unsigned char *)sentence_vni;
	ck_assert_int_eq(vnlegacy_detect_bytes(u, strlen(sentence_vni)),
			 VN_LEGACY_VNI);
	u = (const unsigned char *)para_cp1258;
	ck_assert_int_eq(vnlegacy_detect_bytes(u, strlen(para_cp1258)),
			 VN_LEGACY_NONE);
	u = (const unsigned char *)para_ascii;
	ck_assert_int_eq(vnlegacy_detect_bytes(u, strlen(para_ascii)),
			 VN_LEGACY_NONE);
	/* Too short to tell: two legacy words. */
	ck_assert_int_eq(vnlegacy_detect_bytes(
				 (const unsigned char *)"C\xE9ng \xAE\xE5ng", 9),
			 VN_LEGACY_NONE);
	/* Latin-1 French is neither. */
	u = (const unsigned char *)french;
	ck_assert_int_eq(vnlegacy_detect_bytes(u, strlen(french)),
			 VN_LEGACY_NONE);
	ck_assert_int_eq(vnlegacy_detect_bytes(NULL, 0), VN_LEGACY_NONE);
}
END_TEST

START_TEST(test_detect_utf8)
{
	struct hs_buf text = HS_BUF_INIT;

	as_word_text((const unsigned char *)para_tcvn3, strlen(para_tcvn3),
		     &text);
	ck_assert_int_eq(vnlegacy_detect_utf8(text.ptr, text.len),
			 VN_LEGACY_TCVN3);
	hs_buf_reset(&text);
	as_word_text((const unsigned char *)para_vni, strlen(para_vni), &text);
	ck_assert_int_eq(vnlegacy_detect_utf8(text.ptr, text.len),
			 VN_LEGACY_VNI);
	hs_buf_release(&text);
	/* Real Unicode Vietnamese, and ASCII, are not legacy text. */
	ck_assert_int_eq(vnlegacy_detect_utf8(para_utf8, strlen(para_utf8)),
			 VN_LEGACY_NONE);
	ck_assert_int_eq(vnlegacy_detect_utf8(para_ascii, strlen(para_ascii)),
			 VN_LEGACY_NONE);
	ck_assert_int_eq(vnlegacy_detect_utf8("", 0), VN_LEGACY_NONE);
}
END_TEST

/* ==== Robustness ==== */

START_TEST(test_random_bytes)
{
	static const enum vn_legacy encs[] = {
		VN_LEGACY_NONE, VN_LEGACY_TCVN3, VN_LEGACY_VNI,
	};
	unsigned char junk[8192];
	uint32_t state = 0x2024u;
	struct hs_buf out = HS_BUF_INIT;
	size_t i, e;

	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (unsigned char)(noise(&state) >> 11);
	for (e = 0; e < ARRAY_SIZE(encs); e++) {
		ck_assert_int_eq(vnlegacy_convert_bytes(encs[e], junk,
							sizeof(junk), &out),
				 HS_OK);
		ck_assert(out.len >= sizeof(junk) / 2);
		ck_assert(is_nfc_utf8(out.ptr, out.len));
		hs_buf_reset(&out);
		/* The same junk as (mostly invalid) UTF-8. */
		ck_assert_int_eq(vnlegacy_convert_utf8(encs[e],
						       (const char *)junk,
						       sizeof(junk), true,
						       &out), HS_OK);
		ck_assert(is_nfc_utf8(out.ptr, out.len));
		hs_buf_reset(&out);
	}
	hs_buf_release(&out);
	ck_assert_int_eq(vnlegacy_detect_bytes(junk, sizeof(junk)),
			 VN_LEGACY_NONE);
	ck_assert_int_eq(vnlegacy_detect_utf8((const char *)junk, sizeof(junk)),
			 VN_LEGACY_NONE);
}
END_TEST

START_TEST(test_invalid_utf8)
{
	struct hs_buf out = HS_BUF_INIT;

	/* Stray byte, truncated sequence at the end: one U+FFFD per byte. */
	ck_assert_int_eq(vnlegacy_convert_utf8(VN_LEGACY_TCVN3, "a\xFF" "b",
					       3, false, &out), HS_OK);
	ck_assert_str_eq(out.ptr, "a\xEF\xBF\xBD" "b");
	hs_buf_reset(&out);
	ck_assert_int_eq(vnlegacy_convert_utf8(VN_LEGACY_VNI, "x\xE1\xBB", 3,
					       false, &out), HS_OK);
	ck_assert_str_eq(out.ptr, "x\xEF\xBF\xBD\xEF\xBF\xBD");
	hs_buf_reset(&out);
	/* Overlong '/' and an encoded surrogate. */
	ck_assert_int_eq(vnlegacy_convert_utf8(VN_LEGACY_TCVN3,
					       "\xC0\xAF\xED\xA0\x80", 5,
					       false, &out), HS_OK);
	ck_assert_uint_eq(out.len, 5 * 3);
	ck_assert(is_nfc_utf8(out.ptr, out.len));
	hs_buf_release(&out);
}
END_TEST

START_TEST(test_small_output)
{
	struct hs_buf out;

	hs_buf_init(&out, 5);
	ck_assert_int_eq(vnlegacy_convert_bytes(VN_LEGACY_TCVN3,
			 (const unsigned char *)sentence_tcvn3,
			 strlen(sentence_tcvn3), &out), HS_LIMIT);
	ck_assert(out.over);
	ck_assert_uint_eq(out.len, 5);
	ck_assert_str_eq(out.ptr, "Cộn");
	hs_buf_release(&out);

	hs_buf_init(&out, 3);
	/* "ññ" as Word stores it: "đđ" is 4 bytes, only 3 fit. */
	ck_assert_int_eq(vnlegacy_convert_utf8(VN_LEGACY_VNI,
					       "\xC3\xB1\xC3\xB1", 4,
					       false, &out), HS_LIMIT);
	ck_assert_str_eq(out.ptr, "đ"); /* a whole character, never half */
	hs_buf_release(&out);
}
END_TEST

START_TEST(test_long_input)
{
	enum { REPEAT = 400 };
	struct hs_buf in = HS_BUF_INIT, out = HS_BUF_INIT, want = HS_BUF_INIT;
	size_t i;

	/* Longer than one normalisation chunk: joins must be seamless. */
	for (i = 0; i < REPEAT; i++) {
		hs_buf_adds(&in, sentence_vni);
		hs_buf_addch(&in, '\n');
		hs_buf_adds(&want, sentence_utf8);
		hs_buf_addch(&want, '\n');
	}
	ck_assert_int_eq(vnlegacy_convert_bytes(VN_LEGACY_VNI,
			 (const unsigned char *)in.ptr, in.len, &out), HS_OK);
	ck_assert_uint_eq(out.len, want.len);
	ck_assert(!memcmp(out.ptr, want.ptr, want.len));

	/* A cap in the middle: stops there, keeps a valid prefix. */
	hs_buf_release(&out);
	hs_buf_init(&out, 10000);
	ck_assert_int_eq(vnlegacy_convert_bytes(VN_LEGACY_VNI,
			 (const unsigned char *)in.ptr, in.len, &out),
			 HS_LIMIT);
	ck_assert_uint_le(out.len, 10000);
	ck_assert_uint_ge(out.len, 10000 - 3);
	ck_assert(!memcmp(out.ptr, want.ptr, out.len));
	hs_buf_release(&out);
	hs_buf_release(&in);
	hs_buf_release(&want);
}
END_TEST

Suite *vnlegacy_suite(void)
{
	Suite *s = suite_create("vnlegacy");
	TCase *tc;

	tc = tcase_create("tcvn3");
	tcase_add_test(tc, test_tcvn3_every_letter);
	tcase_add_test(tc, test_tcvn3_own_capitals);
	tcase_add_test(tc, test_tcvn3_sentence);
	tcase_add_test(tc, test_tcvn3_vn2_marks);
	tcase_add_test(tc, test_tcvn3_upper_font);
	suite_add_tcase(s, tc);

	tc = tcase_create("vni");
	tcase_add_test(tc, test_vni_every_letter);
	tcase_add_test(tc, test_vni_sentence);
	tcase_add_test(tc, test_vni_truncated);
	suite_add_tcase(s, tc);

	tc = tcase_create("text");
	tcase_add_test(tc, test_word_specials);
	tcase_add_test(tc, test_none_encoding);
	tcase_add_test(tc, test_font_names);
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("detect");
	tcase_add_test(tc, test_detect_bytes);
	tcase_add_test(tc, test_detect_utf8);
	suite_add_tcase(s, tc);

	tc = tcase_create("robustness");
	tcase_add_test(tc, test_random_bytes);
	tcase_add_test(tc, test_invalid_utf8);
	tcase_add_test(tc, test_small_output);
	tcase_add_test(tc, test_long_input);
	suite_add_tcase(s, tc);
	return s;
}
