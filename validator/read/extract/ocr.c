/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ocr.c: OCR of page images with libtesseract's C API, and the seal and
 * signature seen on them. Runs only in a worker process (see ocr.h).
 *
 * A page: find the seal (red) and signature ink (blue) on the colour
 * image, make it grey, straighten it (leptonica's deskew finds 1-3
 * degrees of a scanner's skew; its orientation test turns a page fed
 * sideways or upside down), recognise with the Vietnamese LSTM model.
 * A page that still reads badly (mean confidence under 50) is asked for
 * its orientation by tesseract's OSD and, when turned, read again.
 */
#include "ocr.h"

#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tesseract/capi.h>
#include <time.h>

struct ocr {
	TessBaseAPI *api;
	double spent_ms;   /* OCR time of this document so far */
	unsigned pages;    /* pages OCR'd */
	bool over_time, over_pages, over_pixels; /* notes given */
};

static const char *const tessdata_dirs[] = {
	"/usr/share/tesseract-ocr/5/tessdata",
	"/usr/share/tesseract-ocr/4.00/tessdata",
	"/usr/share/tessdata",
	"/usr/local/share/tessdata",
};

static bool has_vie(const char *dir)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/vie.traineddata", dir);
	return !stat(path, &st) && S_ISREG(st.st_mode) && st.st_size > 0;
}

const char *ocr_datapath(void)
{
	const char *env = getenv("TESSDATA_PREFIX");

	if (env && *env == '/' && has_vie(env))
		return env;
	for (size_t i = 0; i < sizeof(tessdata_dirs) / sizeof(*tessdata_dirs); i++)
		if (has_vie(tessdata_dirs[i]))
			return tessdata_dirs[i];
	return NULL;
}

bool extract_ocr_available(void)
{
	return ocr_datapath() != NULL;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

struct ocr *ocr_new(struct doc *d)
{
	const char *dir = ocr_datapath();
	struct ocr *o;
	TessBaseAPI *api;

	setMsgSeverity(L_SEVERITY_NONE);
	if (!dir) {
		doc_note(d, HS202, "không có dữ liệu tiếng Việt của tesseract (vie.traineddata): không OCR được");
		return NULL;
	}
	api = TessBaseAPICreate();
	if (TessBaseAPIInit3(api, dir, "vie")) {
		TessBaseAPIDelete(api);
		doc_note(d, HS202, "không khởi động được tesseract với dữ liệu ở %s", dir);
		return NULL;
	}
	o = hs_calloc(1, sizeof(*o));
	o->api = api;
	return o;
}

void ocr_free(struct ocr *o)
{
	if (!o)
		return;
	TessBaseAPIEnd(o->api);
	TessBaseAPIDelete(o->api);
	free(o);
}

bool ocr_size_ok(struct ocr *o, struct doc *d, uint64_t w, uint64_t h,
		 uint32_t page)
{
	if (w && h && w <= 100000 && h <= 100000 &&
	    w * h <= d->limits.ocr_pixels_max)
		return true;
	doc_set_status(d, DOC_LIMIT_EXCEEDED,
		       "trang %u: ảnh %llu×%llu điểm, quá giới hạn OCR", page,
		       (unsigned long long)w, (unsigned long long)h);
	if (!o || !o->over_pixels)
		doc_note(d, HS106, "trang %u: ảnh %llu×%llu điểm vượt giới hạn %llu điểm ảnh một trang: không OCR",
			 page, (unsigned long long)w, (unsigned long long)h,
			 (unsigned long long)d->limits.ocr_pixels_max);
	if (o)
		o->over_pixels = true;
	return false;
}

/* ==== seal and signature ==== */

static bool is_red(l_uint32 px)
{
	int r = (int)(px >> 24), g = (int)((px >> 16) & 0xff),
	    b = (int)((px >> 8) & 0xff);

	return r >= 120 && r - g >= 60 && r - b >= 50;
}

static bool is_blue(l_uint32 px)
{
	int r = (int)(px >> 24), g = (int)((px >> 16) & 0xff),
	    b = (int)((px >> 8) & 0xff);

	return b >= 80 && b - r >= 40 && b - g >= 20;
}

/* 1 bpp mask of the pixels of small (32 bpp) that pass test. */
static PIX *mask_of(PIX *small, bool (*test)(l_uint32), l_int32 *count)
{
	l_int32 w = pixGetWidth(small), h = pixGetHeight(small);
	PIX *m = pixCreate(w, h, 1);
	l_uint32 *src = pixGetData(small), *dst = pixGetData(m);
	l_int32 wpls = pixGetWpl(small), wpld = pixGetWpl(m);

	*count = 0;
	for (l_int32 y = 0; y < h; y++)
		for (l_int32 x = 0; x < w; x++)
			if (test(src[y * wpls + x])) {
				SET_DATA_BIT(dst + y * wpld, x);
				(*count)++;
			}
	return m;
}

static l_int32 count_in(PIX *m, l_int32 x, l_int32 y, l_int32 w, l_int32 h)
{
	BOX *b = boxCreate(x, y, w, h);
	PIX *c = pixClipRectangle(m, b, NULL);
	l_int32 n = 0;

	if (c)
		pixCountPixels(c, &n, NULL);
	pixDestroy(&c);
	boxDestroy(&b);
	return n;
}

/*
 * The seal: the largest red component (after closing the gaps between
 * the ring and its letters) at least 6 % of the page wide, about as high
 * as wide, partly filled (a ring with text, not a red block) and with
 * empty corners (round, not a frame).
 */
static void find_seal(PIX *small, struct doc_ocr_page *pg)
{
	l_int32 w = pixGetWidth(small), h = pixGetHeight(small), n;
	PIX *red = mask_of(small, is_red, &n), *closed;
	BOXA *boxes;
	l_int32 best = 0;

	if (n < 50) {
		pixDestroy(&red);
		return;
	}
	closed = pixCloseBrick(NULL, red, 7, 7);
	boxes = pixConnCompBB(closed, 8);
	for (l_int32 i = 0; boxes && i < boxaGetCount(boxes); i++) {
		l_int32 bx, by, bw, bh, in, corner, c;

		boxaGetBoxGeometry(boxes, i, &bx, &by, &bw, &bh);
		if (bw < w * 6 / 100 || bw * 10 < bh * 7 || bh * 10 < bw * 7 ||
		    bw * bh <= best)
			continue;
		in = count_in(red, bx, by, bw, bh);
		if (in * 100 < bw * bh * 4 || in * 100 > bw * bh * 70)
			continue;
		c = bw / 6 > 1 ? bw / 6 : 1;
		corner = count_in(red, bx, by, c, c) +
			 count_in(red, bx + bw - c, by, c, c) +
			 count_in(red, bx, by + bh - c, c, c) +
			 count_in(red, bx + bw - c, by + bh - c, c, c);
		if (corner * 100 > 4 * c * c * 8)
			continue;
		best = bw * bh;
		pg->seal = true;
		pg->seal_x = (uint8_t)((bx + bw / 2) * 100 / w);
		pg->seal_y = (uint8_t)((by + bh / 2) * 100 / h);
	}
	boxaDestroy(&boxes);
	pixDestroy(&closed);
	pixDestroy(&red);
}

/*
 * A signature: strokes of blue ink (a ballpoint) in the lower two thirds
 * of the page, spread over at least 5 % of its width. Black ink cannot
 * be told from print this way: such a signature is not seen.
 */
static void find_signature(PIX *small, struct doc_ocr_page *pg)
{
	l_int32 w = pixGetWidth(small), h = pixGetHeight(small), n;
	PIX *blue = mask_of(small, is_blue, &n), *closed;
	BOXA *boxes;

	if (n < 30) {
		pixDestroy(&blue);
		return;
	}
	closed = pixCloseBrick(NULL, blue, 15, 15);
	boxes = pixConnCompBB(closed, 8);
	for (l_int32 i = 0; boxes && i < boxaGetCount(boxes); i++) {
		l_int32 bx, by, bw, bh;

		boxaGetBoxGeometry(boxes, i, &bx, &by, &bw, &bh);
		if (by + bh > h / 3 && bw >= w * 5 / 100 &&
		    count_in(blue, bx, by, bw, bh) >= 20) {
			pg->signature = true;
			break;
		}
	}
	boxaDestroy(&boxes);
	pixDestroy(&closed);
	pixDestroy(&blue);
}

static bool is_chroma(l_uint32 px)
{
	int r = (int)(px >> 24), g = (int)((px >> 16) & 0xff),
	    b = (int)((px >> 8) & 0xff);
	int hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
	int lo = r < g ? (r < b ? r : b) : (g < b ? g : b);

	return hi - lo >= 16;
}

/* Colour: at least 1 pixel in 5000 is not grey (a colour scan's paper
 * is tinted; a black-and-white scan rendered in colour has none). */
static bool has_colour(PIX *small)
{
	l_int32 n;
	PIX *m = mask_of(small, is_chroma, &n);

	pixDestroy(&m);
	return (int64_t)n * 5000 >= (int64_t)pixGetWidth(small) * pixGetHeight(small);
}

static void find_marks(PIX *pix, struct doc_ocr_page *pg)
{
	l_int32 w = pixGetWidth(pix), f = w / 600 > 1 ? w / 600 : 1;
	PIX *small;

	if (pixGetDepth(pix) != 32 && !pixGetColormap(pix))
		return; /* no colour: neither can be seen */
	small = pixConvertTo32(pix);
	if (small && f > 1) {
		PIX *s = pixScaleByIntSampling(small, f);

		pixDestroy(&small);
		small = s;
	}
	if (!small)
		return;
	/* a grey or black-and-white page in a colour file shows no colour */
	pg->colour = has_colour(small);
	if (!pg->colour) {
		pixDestroy(&small);
		return;
	}
	find_seal(small, pg);
	find_signature(small, pg);
	pixDestroy(&small);
}

/* ==== recognition ==== */

/* Recognises pix; its text in *text (malloc'd), mean confidence back. */
static int recognise(struct ocr *o, PIX *pix, unsigned ms, char **text)
{
	ETEXT_DESC *mon = TessMonitorCreate();
	char *t;
	int conf;

	TessBaseAPISetImage2(o->api, pix);
	TessBaseAPISetSourceResolution(o->api, pixGetXRes(pix) > 70 ?
				       pixGetXRes(pix) : 300);
	TessMonitorSetDeadlineMSecs(mon, (int)ms);
	TessBaseAPIRecognize(o->api, mon);
	TessMonitorDelete(mon);
	t = TessBaseAPIGetUTF8Text(o->api);
	conf = TessBaseAPIMeanTextConf(o->api);
	*text = hs_strdup(t ? t : "");
	TessDeleteText(t);
	return conf < 0 ? 0 : conf > 100 ? 100 : conf;
}

/*
 * The grey page, straightened: deskewed (leptonica finds the small angle
 * of a scanner), then turned upright when leptonica's text orientation
 * test (ascenders and descenders of the binarised page) is sure the page
 * lies on its side or upside down. *turned: degrees turned clockwise.
 */
static PIX *prepare(PIX *pix, int *turned)
{
	PIX *grey, *straight, *bin;
	l_float32 angle = 0, conf = 0, up = 0, left = 0;
	l_int32 rot = 0;

	if (pixGetDepth(pix) == 32)
		grey = pixConvertRGBToLuminance(pix);
	else
		grey = pixConvertTo8(pix, 0);
	if (!grey)
		return NULL;
	straight = pixFindSkewAndDeskew(grey, 2, &angle, &conf);
	if (straight) {
		pixDestroy(&grey);
		grey = straight;
	}
	*turned = 0;
	bin = pixConvertTo1(grey, 128);
	if (bin) {
		PIX *upright = pixOrientCorrect(bin, 4.0f, 2.5f, &up, &left,
						&rot, 0);

		pixDestroy(&upright);
		pixDestroy(&bin);
		if (rot == 90 || rot == 180 || rot == 270) {
			PIX *t = pixRotateOrth(grey, rot / 90);

			if (t) {
				pixDestroy(&grey);
				grey = t;
				*turned = rot;
			}
		}
	}
	if (pixGetXRes(grey) <= 70)
		pixSetResolution(grey, 300, 300);
	return grey;
}

bool ocr_page(struct ocr *o, struct doc *d, PIX *pix, uint32_t page)
{
	struct doc_ocr_page pg = {.page = page};
	const struct extract_limits *l = &d->limits;
	double start = now_ms(), left;
	PIX *grey;
	char *text = NULL;
	int conf, turned = 0;

	if (o->pages >= l->ocr_pages_max) {
		if (!o->over_pages)
			doc_note(d, HS106, "đã OCR %u trang: các trang sau không đọc (giới hạn trang OCR một tài liệu)",
				 o->pages);
		o->over_pages = true;
		doc_set_status(d, DOC_LIMIT_EXCEEDED, "quá %u trang OCR", o->pages);
		return false;
	}
	left = (double)l->ocr_doc_ms - o->spent_ms;
	if (left < 500) {
		if (!o->over_time)
			doc_note(d, HS106, "hết thời gian OCR của tài liệu (%u ms) ở trang %u: các trang sau không đọc",
				 l->ocr_doc_ms, page);
		o->over_time = true;
		doc_set_status(d, DOC_LIMIT_EXCEEDED, "hết thời gian OCR ở trang %u", page);
		return false;
	}
	if (!ocr_size_ok(o, d, (uint64_t)pixGetWidth(pix),
			 (uint64_t)pixGetHeight(pix), page))
		return true;
	o->pages++;
	find_marks(pix, &pg);
	grey = prepare(pix, &turned);
	if (!grey)
		return true;
	pg.angle = (int16_t)turned;
	if (left > l->ocr_page_ms)
		left = l->ocr_page_ms;
	conf = recognise(o, grey, (unsigned)left, &text);
	if (conf < 50) {
		l_int32 deg = 0;
		float oconf = 0;
		const char *script = NULL;
		float sconf = 0;

		if (TessBaseAPIDetectOrientationScript(o->api, &deg, &oconf,
						       &script, &sconf) &&
		    deg % 360 != 0 && oconf >= 2.0f) {
			PIX *back = pixRotateOrth(grey, deg / 90);
			double spent = now_ms() - start;
			char *t2 = NULL;
			int c2;

			if (back && spent + 500 < left) {
				c2 = recognise(o, back, (unsigned)(left - spent), &t2);
				if (c2 > conf) {
					free(text);
					text = t2;
					conf = c2;
					pg.angle = (int16_t)((turned + deg) % 360);
					t2 = NULL;
				}
			}
			free(t2);
			pixDestroy(&back);
		}
	}
	pixDestroy(&grey);
	pg.conf = (uint8_t)conf;
	o->spent_ms += now_ms() - start;
	if (now_ms() - start >= l->ocr_page_ms && !o->over_time) {
		doc_note(d, HS106, "trang %u: OCR dừng ở giới hạn %u ms một trang: chữ đọc được có thể thiếu",
			 page, l->ocr_page_ms);
		o->over_time = true;
	}
	doc_add_text(d, text, strlen(text));
	if (d->text.len && d->text.ptr[d->text.len - 1] != '\n')
		doc_add_text(d, "\n", 1);
	free(text);
	doc_add_ocr_page(d, &pg);
	doc_set_status(d, DOC_OCR, "đọc bằng OCR, độ tin cậy %d %%",
		       doc_ocr_conf(d));
	return true;
}

/* ==== image documents ==== */

static void image_fail(struct doc *d, const char *what)
{
	doc_set_status(d, DOC_UNREADABLE, "ảnh hỏng: %s", what);
	doc_note(d, HS201, "không đọc được ảnh: %s", what);
}

void extract_image(struct doc *d, const unsigned char *data, size_t len)
{
	l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
	struct ocr *o;

	setMsgSeverity(L_SEVERITY_NONE);
	if (pixReadHeaderMem(data, len, &format, &w, &h, &bps, &spp, &cmap)) {
		image_fail(d, "không đọc được phần đầu ảnh");
		return;
	}
	o = ocr_new(d);
	if (!o) {
		doc_set_status(d, DOC_NO_TEXT, "ảnh: không OCR được (thiếu tesseract)");
		return;
	}
	if (d->format == FMT_TIFF) {
		size_t off = 0;

		for (uint32_t n = 0; off < len || n == 0; n++) {
			PIX *pix;
			l_int32 res = 0, fmt = 0;

			if (n >= d->limits.pages_max ||
			    n >= d->limits.ocr_pages_max) {
				doc_set_status(d, DOC_LIMIT_EXCEEDED,
					       "ảnh TIFF nhiều hơn %u trang", n);
				doc_note(d, HS106, "ảnh TIFF: chỉ đọc %u trang đầu (giới hạn trang)", n);
				break;
			}
			if (readHeaderMemTiff(data, len, (l_int32)n, &w, &h, &bps,
					      &spp, &res, &cmap, &fmt)) {
				if (n == 0)
					image_fail(d, "TIFF hỏng");
				break;
			}
			if (!ocr_size_ok(o, d, (uint64_t)w, (uint64_t)h, n + 1))
				break;
			pix = pixReadMemFromMultipageTiff(data, len, &off);
			if (!pix) {
				if (n == 0)
					image_fail(d, "TIFF hỏng");
				break;
			}
			if (!ocr_page(o, d, pix, n + 1)) {
				pixDestroy(&pix);
				break;
			}
			pixDestroy(&pix);
			doc_end_page(d);
			if (!off || d->text.over)
				break;
		}
	} else if (ocr_size_ok(o, d, (uint64_t)w, (uint64_t)h, 1)) {
		PIX *pix = pixReadMem(data, len);

		if (!pix) {
			image_fail(d, "không giải mã được ảnh");
		} else {
			ocr_page(o, d, pix, 1);
			pixDestroy(&pix);
			doc_end_page(d);
		}
	}
	ocr_free(o);
	d->npages_text = d->nocr;
	if (d->nocr)
		doc_set_encoding(d, DOC_ENC_UTF8);
	if (d->nocr && !d->text.len) {
		doc_set_status(d, DOC_NO_TEXT, "ảnh không có chữ đọc được bằng OCR");
		doc_note(d, HS202, "ảnh không có chữ đọc được bằng OCR: cần người xem trực tiếp");
	}
}
