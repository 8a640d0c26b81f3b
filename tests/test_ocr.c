/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_ocr.c: scans, photos and garbled PDFs read through `hoso extract
 * --ocr on` and `hoso check --ocr on` (the fixtures of fixtures/ocr, made by
 * make-ocr-fixtures.py from the tt25 decisions): number, date and title
 * read by OCR, the seal and the signature seen or not, a TCVN3 PDF
 * converted, a garbage text layer OCR'd, the tt25 scan serving its
 * indicator, and hostile images stopped by the limits.
 */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "read/extract/extract.h"
#include "suites.h"
#include "read/worker.h"

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
	if (code)
		*code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	hs_buf_release(&cmd);
	return hs_buf_detach(&out, NULL);
}

/* `hoso extract --ocr MODE --no-cache --format json --text PATH`. */
static cJSON *extract_at(const char *path, const char *mode)
{
	struct hs_buf a = HS_BUF_INIT;
	char *out;
	cJSON *j;

	hs_buf_addf(&a, "extract --ocr %s --no-cache --format json --text '%s'",
		    mode, path);
	out = run(a.ptr, NULL);
	j = cJSON_Parse(out);
	ck_assert_msg(j != NULL, "%s: not JSON: %.200s", path, out);
	free(out);
	hs_buf_release(&a);
	return j;
}

static cJSON *extract_fx(const char *name, const char *mode)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/ocr/%s", HOSO_FIXTURES, name);
	return extract_at(path, mode);
}

static cJSON *doc0(cJSON *j)
{
	cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "documents"), 0);

	ck_assert_ptr_nonnull(d);
	return d;
}

static const char *str(cJSON *o, const char *k)
{
	cJSON *v = cJSON_GetObjectItem(o, k);

	return cJSON_IsString(v) ? v->valuestring : "";
}

static int findings(cJSON *j, const char *code, const char *words)
{
	cJSON *f;
	int n = 0;

	cJSON_ArrayForEach(f, cJSON_GetObjectItem(j, "findings"))
		if (!strcmp(str(f, "code"), code) &&
		    (!words || strstr(str(f, "message"), words)))
			n++;
	return n;
}

static void has(cJSON *d, const char *phrase)
{
	ck_assert_msg(strstr(str(d, "text"), phrase), "«%s» not read in %s: %.600s",
		      phrase, str(d, "path"), str(d, "text"));
}

/* ocr.<key> is true (1), false (0) or null (-1). */
static int ocr_bool(cJSON *d, const char *key)
{
	cJSON *v = cJSON_GetObjectItem(cJSON_GetObjectItem(d, "ocr"), key);

	ck_assert_ptr_nonnull(v);
	return cJSON_IsNull(v) ? -1 : cJSON_IsTrue(v);
}

static int ocr_conf(cJSON *d)
{
	return cJSON_GetObjectItem(cJSON_GetObjectItem(d, "ocr"), "confidence")->valueint;
}

START_TEST(colour_scan_reads_number_date_title_seal)
{
	static const char *const files[] = {"qd-th-scan.jpg", "qd-th-scan.pdf"};

	for (size_t i = 0; i < 2; i++) {
		cJSON *j = extract_fx(files[i], "on"), *d = doc0(j);

		ck_assert_str_eq(str(d, "status"), "ocr");
		has(d, "Số: 3987/QĐ-UBND");
		has(d, "ngày 12 tháng 12 năm 2024");
		has(d, "QUYẾT ĐỊNH");
		has(d, "công nhận xã Quy Kỳ đạt chuẩn");
		has(d, "mức độ 3");
		ck_assert_int_ge(ocr_conf(d), 85);
		ck_assert_int_eq(ocr_bool(d, "seal"), 1);
		ck_assert_int_eq(ocr_bool(d, "signature"), 1);
		ck_assert_ptr_nonnull(strstr(str(d, "reason"), "đọc bằng OCR, độ tin cậy "));
		cJSON_Delete(j);
	}
}
END_TEST

START_TEST(unsealed_scan_has_no_seal)
{
	cJSON *j = extract_fx("qd-xmc-no-seal.jpg", "on"), *d = doc0(j);
	cJSON *pg = cJSON_GetArrayItem(cJSON_GetObjectItem(
		cJSON_GetObjectItem(d, "ocr"), "pages"), 0);

	ck_assert_str_eq(str(d, "status"), "ocr");
	has(d, "Số: 3989/QĐ-UBND");
	has(d, "xóa mù chữ mức độ 2");
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(pg, "colour")));
	ck_assert_int_eq(ocr_bool(d, "seal"), 0);
	ck_assert_int_eq(ocr_bool(d, "signature"), 0);
	cJSON_Delete(j);
}
END_TEST

START_TEST(fax_tiff_two_pages_one_sideways)
{
	cJSON *j = extract_fx("qd-thcs-mn-fax.tif", "on"), *d = doc0(j);
	cJSON *pages = cJSON_GetObjectItem(cJSON_GetObjectItem(d, "ocr"), "pages");

	ck_assert_str_eq(str(d, "status"), "ocr");
	ck_assert_int_eq(cJSON_GetArraySize(pages), 2);
	/* fed sideways: turned back before reading */
	ck_assert_int_ne(cJSON_GetObjectItem(cJSON_GetArrayItem(pages, 0),
					     "rotated")->valueint, 0);
	ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(pages, 1),
					     "rotated")->valueint, 0);
	has(d, "3988/QĐ-UBND");
	has(d, "trung học cơ sở mức độ");
	has(d, "4215/QĐ-UBND");
	has(d, "mầm non");
	/* black and white: a seal cannot be seen, so it is not judged */
	ck_assert_int_eq(ocr_bool(d, "seal"), -1);
	cJSON_Delete(j);
}
END_TEST

START_TEST(phone_photo_reads)
{
	cJSON *j = extract_fx("photo-qd-th.jpg", "on"), *d = doc0(j);

	ck_assert_str_eq(str(d, "status"), "ocr");
	has(d, "3987/QĐ-UBND");
	has(d, "tiểu học mức độ 3");
	ck_assert_int_eq(ocr_bool(d, "seal"), 1);
	cJSON_Delete(j);
}
END_TEST

START_TEST(tcvn3_pdf_converted)
{
	cJSON *j = extract_fx("qd-tcvn3.pdf", "off"), *d = doc0(j);

	ck_assert_str_eq(str(d, "status"), "ok");
	ck_assert_str_eq(str(d, "encoding"), "tcvn3");
	has(d, "Về việc công nhận xã Quy Kỳ đạt chuẩn phổ cập giáo dục");
	has(d, "Số: 3987/QĐ-UBND");
	has(d, "ngày 12 tháng 12 năm 2024");
	ck_assert_ptr_null(strstr(str(d, "text"), "x· Quy"));
	ck_assert_int_eq(findings(j, "HS203", "TCVN3"), 1);
	cJSON_Delete(j);
}
END_TEST

START_TEST(garbage_font_pdf_ocrd_or_reported)
{
	cJSON *j = extract_fx("qd-xmc-garbage-font.pdf", "on"), *d = doc0(j);

	ck_assert_str_eq(str(d, "status"), "ocr");
	has(d, "3989/QĐ-UBND");
	has(d, "xóa mù chữ mức độ 2");
	/* the private-use characters of the text layer are not kept */
	ck_assert_ptr_null(strstr(str(d, "text"), "\xee\x80\xa0"));
	cJSON_Delete(j);

	j = extract_fx("qd-xmc-garbage-font.pdf", "off");
	d = doc0(j);
	ck_assert_str_eq(str(d, "status"), "no_text");
	ck_assert_int_eq((int)strlen(str(d, "text")), 0);
	ck_assert_int_eq(findings(j, "HS202", "không giải mã được"), 1);
	cJSON_Delete(j);
}
END_TEST

/* A scanner app's footer is not a text layer: the page image is read. */
START_TEST(thin_text_layer_over_a_scan)
{
	cJSON *j = extract_fx("qd-th-scan-footer.pdf", "on"), *d = doc0(j);

	ck_assert_str_eq(str(d, "status"), "ocr");
	has(d, "Scanned with PhoneScan");
	has(d, "Số: 3987/QĐ-UBND");
	ck_assert_int_eq(cJSON_GetObjectItem(d, "pages_with_text")->valueint, 1);
	ck_assert_int_eq(ocr_bool(d, "seal"), 1);
	cJSON_Delete(j);
}
END_TEST

/* The tt25 dossier's scanned PCGD decision serves indicator 4.2 by
 * content, with OCR in its reasons and in the level figure it gives. */
START_TEST(tt25_scan_serves_its_indicator)
{
	static const char scan[] = "Tiêu chí 4/QĐ công nhận phổ cập giáo dục "
				   "tiểu học mức độ 3 (bản chụp có dấu).pdf";
	struct hs_buf a = HS_BUF_INIT;
	char *out;
	cJSON *j, *c, *ind, *ev, *fig, *doc;
	bool seen = false, fig_ocr = false;

	hs_buf_addf(&a, "check --ocr on --no-cache --format json '%s/check/tt25-muc-do-2'",
		    HOSO_FIXTURES);
	out = run(a.ptr, NULL);
	j = cJSON_Parse(out);
	ck_assert_msg(j != NULL, "not JSON: %.300s", out);
	cJSON_ArrayForEach(doc, cJSON_GetObjectItem(j, "documents"))
		if (!strcmp(str(doc, "path"), scan)) {
			ck_assert_str_eq(str(doc, "status"), "ocr");
			ck_assert_str_eq(str(doc, "date"), "2024-12-12");
		}
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(j, "criteria"))
		cJSON_ArrayForEach(ind, cJSON_GetObjectItem(c, "indicators")) {
			if (strcmp(str(ind, "id"), "4.2"))
				continue;
			ck_assert_str_eq(str(ind, "status"), "met");
			cJSON_ArrayForEach(ev, cJSON_GetObjectItem(ind, "evidence")) {
				cJSON *r;

				if (strcmp(str(ev, "file"), scan))
					continue;
				ck_assert_str_eq(str(ev, "match"), "content");
				r = cJSON_GetArrayItem(cJSON_GetObjectItem(ev, "reasons"), 0);
				ck_assert_msg(strstr(r->valuestring, "(OCR, độ tin cậy "),
					      "reason %s", r->valuestring);
				seen = true;
			}
			cJSON_ArrayForEach(fig, cJSON_GetObjectItem(ind, "figures"))
				if (!strcmp(str(fig, "file"), scan) &&
				    strstr(str(fig, "quote"), "(OCR, độ tin cậy "))
					fig_ocr = true;
		}
	ck_assert_msg(seen, "the scan is not evidence of 4.2 by content");
	ck_assert_msg(fig_ocr, "the level figure does not say it came from OCR");
	cJSON_Delete(j);
	free(out);
	hs_buf_release(&a);
}
END_TEST

/*
 * The tt25 dossier with every text PDF replaced by its grey 150 dpi scan
 * (fixtures/ocr/tt25-scans): the same level as its text twin, criterion 4
 * served by OCR'd decisions.
 */
START_TEST(dossier_of_scans_reaches_its_level)
{
	char dir[] = "/tmp/hoso-scans-XXXXXX";
	struct hs_buf a = HS_BUF_INIT;
	char *out;
	cJSON *j, *doc, *c, *ind, *res;
	int pdfs = 0, ocr_ev = 0;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	hs_buf_addf(&a, "cp -r '%s/check/tt25-muc-do-2' '%s/' && cp -r '%s/ocr/tt25-scans/.' '%s/tt25-muc-do-2/'",
		    HOSO_FIXTURES, dir, HOSO_FIXTURES, dir);
	ck_assert_int_eq(system(a.ptr), 0);
	hs_buf_reset(&a);
	hs_buf_addf(&a, "check --ocr on --no-cache --format json '%s/tt25-muc-do-2'", dir);
	out = run(a.ptr, NULL);
	j = cJSON_Parse(out);
	ck_assert_msg(j != NULL, "not JSON: %.300s", out);
	res = cJSON_GetObjectItem(j, "result");
	ck_assert_int_eq(cJSON_GetObjectItem(res, "level_reached")->valueint, 2);
	cJSON_ArrayForEach(doc, cJSON_GetObjectItem(j, "documents"))
		if (!strcmp(str(doc, "format"), "pdf")) {
			ck_assert_msg(!strcmp(str(doc, "status"), "ocr"), "%s: %s",
				      str(doc, "path"), str(doc, "status"));
			pdfs++;
		}
	ck_assert_int_eq(pdfs, 8);
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(j, "criteria"))
		cJSON_ArrayForEach(ind, cJSON_GetObjectItem(c, "indicators")) {
			cJSON *ev;

			if (str(ind, "id")[0] != '4')
				continue;
			ck_assert_msg(!strcmp(str(ind, "status"), "met"), "%s: %s",
				      str(ind, "id"), str(ind, "status"));
			cJSON_ArrayForEach(ev, cJSON_GetObjectItem(ind, "evidence")) {
				cJSON *r = cJSON_GetArrayItem(cJSON_GetObjectItem(ev, "reasons"), 0);

				ocr_ev += r && strstr(r->valuestring, "(OCR, độ tin cậy ") != NULL;
			}
		}
	ck_assert_int_ge(ocr_ev, 4);
	cJSON_Delete(j);
	free(out);
	hs_buf_reset(&a);
	hs_buf_addf(&a, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(a.ptr), 0);
	hs_buf_release(&a);
}
END_TEST

/*
 * tt25 with its TH decision (text PDF and scan) replaced by a smudged
 * scan that OCR reads at 56 %: the match is shown, says its confidence,
 * and the indicator needs review instead of being met.
 */
START_TEST(low_confidence_needs_review)
{
	char dir[] = "/tmp/hoso-lowconf-XXXXXX";
	struct hs_buf a = HS_BUF_INIT;
	char *out;
	cJSON *j, *c, *ind;
	bool seen = false;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	hs_buf_addf(&a, "cp -r '%s/check/tt25-muc-do-2' '%s/' && "
		    "rm '%s/tt25-muc-do-2/Tiêu chí 4/QĐ công nhận phổ cập giáo dục tiểu học mức độ 3'* && "
		    "cp '%s/ocr/qd-th-degraded.jpg' '%s/tt25-muc-do-2/Tiêu chí 4/QĐ PCGD TH.jpg'",
		    HOSO_FIXTURES, dir, dir, HOSO_FIXTURES, dir);
	ck_assert_int_eq(system(a.ptr), 0);
	hs_buf_reset(&a);
	hs_buf_addf(&a, "check --ocr on --no-cache --format json '%s/tt25-muc-do-2'", dir);
	out = run(a.ptr, NULL);
	j = cJSON_Parse(out);
	ck_assert_msg(j != NULL, "not JSON: %.300s", out);
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(j, "criteria"))
		cJSON_ArrayForEach(ind, cJSON_GetObjectItem(c, "indicators")) {
			cJSON *ev, *r;
			bool low = false, noted = false;

			if (strcmp(str(ind, "id"), "4.2"))
				continue;
			ck_assert_str_eq(str(ind, "status"), "needs_review");
			ev = cJSON_GetArrayItem(cJSON_GetObjectItem(ind, "evidence"), 0);
			ck_assert_str_eq(str(ev, "file"), "Tiêu chí 4/QĐ PCGD TH.jpg");
			ck_assert_str_eq(str(ev, "match"), "name");
			cJSON_ArrayForEach(r, cJSON_GetObjectItem(ev, "reasons")) {
				low |= strstr(r->valuestring, "độ tin cậy OCR dưới 70 %") != NULL;
				noted |= strstr(r->valuestring, "tiêu đề: «") &&
					 strstr(r->valuestring, "(OCR, độ tin cậy ");
			}
			ck_assert(low && noted);
			seen = true;
		}
	ck_assert(seen);
	cJSON_Delete(j);
	free(out);
	hs_buf_reset(&a);
	hs_buf_addf(&a, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(a.ptr), 0);
	hs_buf_release(&a);
}
END_TEST

/* A folder of two scanned decisions: HS405 for the unsealed one only. */
START_TEST(unsealed_decision_warned)
{
	char dir[] = "/tmp/hoso-ocr-XXXXXX";
	struct hs_buf a = HS_BUF_INIT;
	char *out;
	cJSON *j;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	hs_buf_addf(&a, "cp '%s/ocr/qd-xmc-no-seal.jpg' '%s/ocr/qd-th-scan.jpg' '%s/'",
		    HOSO_FIXTURES, HOSO_FIXTURES, dir);
	ck_assert_int_eq(system(a.ptr), 0);
	hs_buf_reset(&a);
	hs_buf_addf(&a, "check --ocr on --no-cache --format json '%s'", dir);
	out = run(a.ptr, NULL);
	j = cJSON_Parse(out);
	ck_assert_msg(j != NULL, "not JSON: %.300s", out);
	ck_assert_int_eq(findings(j, "HS405", "qd-xmc-no-seal.jpg"), 1);
	ck_assert_int_eq(findings(j, "HS405", "qd-th-scan.jpg"), 0);
	cJSON_Delete(j);
	free(out);
	hs_buf_reset(&a);
	hs_buf_addf(&a, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(a.ptr), 0);
	hs_buf_release(&a);
}
END_TEST

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void be32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (24 - 8 * i));
}

static uint32_t crc32_of(const unsigned char *s, size_t n)
{
	uint32_t c = 0xffffffffu;

	for (size_t i = 0; i < n; i++) {
		c ^= s[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
	}
	return ~c;
}

static void write_tmp(char *path, const unsigned char *b, size_t n)
{
	int fd = mkstemp(path);
	FILE *f;

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fwrite(b, 1, n, f), n);
	fclose(f);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A PNG whose header claims 60,000 x 60,000 pixels: never decoded. */
START_TEST(hostile_huge_image_header)
{
	unsigned char png[8 + 25 + 12] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	char path[] = "/tmp/hoso-huge-XXXXXX";
	double t0 = now_s();
	cJSON *j, *d;

	be32(png + 8, 13);
	memcpy(png + 12, "IHDR", 4);
	be32(png + 16, 60000);
	be32(png + 20, 60000);
	png[24] = 8;
	png[25] = 2;
	be32(png + 29, crc32_of(png + 12, 17));
	be32(png + 33, 0);
	memcpy(png + 37, "IEND", 4);
	be32(png + 41, crc32_of(png + 37, 4));
	write_tmp(path, png, sizeof(png));
	j = extract_at(path, "on");
	d = doc0(j);
	ck_assert_str_eq(str(d, "status"), "limit_exceeded");
	ck_assert_int_eq(findings(j, "HS106", "60000×60000"), 1);
	ck_assert_msg(now_s() - t0 < 20, "took %.1f s", now_s() - t0);
	cJSON_Delete(j);
	unlink(path);
}
END_TEST

/* A TIFF of 10,000 one-pixel pages: OCR stops at its page limit. */
START_TEST(hostile_tiff_of_10000_pages)
{
	enum { PAGES = 10000, IFD = 2 + 8 * 12 + 4 };
	size_t n = 8 + 1 + (size_t)PAGES * IFD;
	unsigned char *b = calloc(1, n);
	char path[] = "/tmp/hoso-tiff-XXXXXX";
	double t0 = now_s();
	cJSON *j, *d, *pages;

	memcpy(b, "II*\0", 4);
	put32(b + 4, 9);
	b[8] = 0xff; /* the one strip of every page: one white pixel */
	for (uint32_t p = 0; p < PAGES; p++) {
		unsigned char *q = b + 9 + (size_t)p * IFD;
		static const unsigned tags[8][3] = {
			{256, 3, 1}, {257, 3, 1}, {258, 3, 1}, {259, 3, 1},
			{262, 3, 1}, {273, 4, 8}, {278, 3, 1}, {279, 4, 1},
		};

		put16(q, 8);
		for (int t = 0; t < 8; t++) {
			unsigned char *e = q + 2 + t * 12;

			put16(e, tags[t][0]);
			put16(e + 2, tags[t][1]);
			put32(e + 4, 1);
			put32(e + 8, tags[t][2]);
		}
		put32(q + 2 + 8 * 12, p + 1 < PAGES ? (uint32_t)(9 + (p + 1) * IFD) : 0);
	}
	write_tmp(path, b, n);
	free(b);
	j = extract_at(path, "on");
	d = doc0(j);
	pages = cJSON_GetObjectItem(cJSON_GetObjectItem(d, "ocr"), "pages");
	ck_assert_str_eq(str(d, "status"), "limit_exceeded");
	ck_assert_int_ge(findings(j, "HS106", NULL), 1);
	ck_assert_int_le(cJSON_GetArraySize(pages), 100);
	ck_assert_msg(now_s() - t0 < 60, "took %.1f s", now_s() - t0);
	cJSON_Delete(j);
	unlink(path);
}
END_TEST

/* A warm re-check reads the OCR'd text from the cache. */
START_TEST(warm_recheck_costs_no_ocr)
{
	char dir[] = "/tmp/hoso-ocr-cache-XXXXXX";
	struct hs_buf a = HS_BUF_INIT;
	char *o1, *o2;
	double t0, cold, warm;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	hs_buf_addf(&a, "extract --ocr on --cache '%s' --format json --text '%s/ocr/qd-th-scan.jpg'",
		    dir, HOSO_FIXTURES);
	t0 = now_s();
	o1 = run(a.ptr, NULL);
	cold = now_s() - t0;
	t0 = now_s();
	o2 = run(a.ptr, NULL);
	warm = now_s() - t0;
	ck_assert_ptr_nonnull(strstr(o1, "3987/QĐ-UBND"));
	ck_assert_str_eq(o1, o2);
	ck_assert_msg(warm * 4 < cold, "warm %.2f s, cold %.2f s", warm, cold);
	free(o1);
	free(o2);
	hs_buf_reset(&a);
	hs_buf_addf(&a, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(a.ptr), 0);
	hs_buf_release(&a);
}
END_TEST

/* The OCR pages cross the worker pipe and the cache; a bad record fails. */
START_TEST(ocr_pages_survive_the_wire)
{
	struct doc d, back;
	struct doc_ocr_page pg = {.page = 2, .conf = 91, .colour = true,
				  .seal = true, .signature = false,
				  .seal_x = 65, .seal_y = 67, .angle = 270};
	struct hs_buf w = HS_BUF_INIT;
	size_t at;

	doc_init(&d, NULL);
	doc_add_text(&d, "trang 1\n", 8);
	doc_end_page(&d);
	doc_add_text(&d, "Số: 3987/QĐ-UBND\n", strlen("Số: 3987/QĐ-UBND\n"));
	doc_end_page(&d);
	doc_add_ocr_page(&d, &pg);
	doc_set_status(&d, DOC_OCR, "đọc bằng OCR, độ tin cậy %d %%", doc_ocr_conf(&d));
	worker_encode(&d, &w);
	doc_init(&back, NULL);
	ck_assert_int_eq(worker_decode(&back, (const unsigned char *)w.ptr, w.len), HS_OK);
	ck_assert_int_eq(back.status, DOC_OCR);
	ck_assert_int_eq((int)back.nocr, 1);
	ck_assert_int_eq(back.ocr[0].page, 2);
	ck_assert_int_eq(back.ocr[0].conf, 91);
	ck_assert(back.ocr[0].seal && back.ocr[0].colour && !back.ocr[0].signature);
	ck_assert_int_eq(back.ocr[0].seal_x, 65);
	ck_assert_int_eq(back.ocr[0].angle, 270);
	ck_assert_int_eq(doc_ocr_conf(&back), 91);
	ck_assert_int_eq(doc_ocr_seal(&back), 1);
	doc_release(&back);
	/* a confidence over 100 is a forged record */
	at = w.len - 12;
	ck_assert_int_eq(w.ptr[at - 5], 'O');
	w.ptr[at + 4] = (char)101;
	doc_init(&back, NULL);
	ck_assert_int_eq(worker_decode(&back, (const unsigned char *)w.ptr, w.len), HS_FAILED);
	doc_release(&back);
	hs_buf_release(&w);
	doc_release(&d);
}
END_TEST

Suite *ocr_suite(void)
{
	Suite *s = suite_create("ocr");
	TCase *tc = tcase_create("ocr");

	tcase_set_timeout(tc, 300);
	if (!extract_ocr_available()) {
		/* CI installs tesseract-ocr-vie (scripts/deps.sh): say so */
		fprintf(stderr, "ocr suite: tesseract-ocr-vie is not installed\n");
	}
	tcase_add_test(tc, ocr_pages_survive_the_wire);
	tcase_add_test(tc, colour_scan_reads_number_date_title_seal);
	tcase_add_test(tc, unsealed_scan_has_no_seal);
	tcase_add_test(tc, fax_tiff_two_pages_one_sideways);
	tcase_add_test(tc, phone_photo_reads);
	tcase_add_test(tc, tcvn3_pdf_converted);
	tcase_add_test(tc, garbage_font_pdf_ocrd_or_reported);
	tcase_add_test(tc, thin_text_layer_over_a_scan);
	tcase_add_test(tc, tt25_scan_serves_its_indicator);
	tcase_add_test(tc, dossier_of_scans_reaches_its_level);
	tcase_add_test(tc, low_confidence_needs_review);
	tcase_add_test(tc, unsealed_decision_warned);
	tcase_add_test(tc, hostile_huge_image_header);
	tcase_add_test(tc, hostile_tiff_of_10000_pages);
	tcase_add_test(tc, warm_recheck_costs_no_ocr);
	suite_add_tcase(s, tc);
	return s;
}
