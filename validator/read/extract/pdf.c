/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf.c: PDF text per page through poppler-glib. Runs only in a worker
 * process: poppler is never loaded into the process that writes output.
 *
 * Each page's text is judged before it is kept:
 *   - none (a scan): OCR'd from the page rendered at 300 dpi when
 *     limits.ocr, else counted; a PDF with no text at all is DOC_NO_TEXT
 *     (HS202), never an empty success;
 *   - typed in a TCVN3 or VNI font (.VnTime, VNI-Times: the font name, or
 *     the statistics vnlegacy.c uses for txt): converted (HS203);
 *   - garbage (glyphs without a Unicode mapping: private-use characters,
 *     U+FFFD, controls): OCR'd when limits.ocr, else dropped (HS202 with
 *     the reason).
 */
#include "extract.h"

#include <cairo.h>
#include <leptonica/allheaders.h>
#include <poppler.h>
#include <string.h>

#include "base/vnlegacy.h"
#include "ocr.h"

static bool has_visible_text(const char *s)
{
	for (; *s; s++)
		if (!(*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t' ||
		      *s == '\f'))
			return true;
	return false;
}

/*
 * Garbage: more than a fifth of the visible characters are private-use
 * (U+E000-U+F8FF: symbol fonts, glyphs with no ToUnicode), U+FFFD or
 * control characters. (Dotted leaders of a form are not garbage.)
 */
static bool is_garbage(const char *s)
{
	size_t vis = 0, bad = 0;
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		uint32_t c = *p;
		size_t n = 1;

		if (c >= 0xf0 && p[1] && p[2] && p[3]) {
			c = ((c & 7u) << 18) | ((p[1] & 63u) << 12) |
			    ((p[2] & 63u) << 6) | (p[3] & 63u);
			n = 4;
		} else if (c >= 0xe0 && p[1] && p[2]) {
			c = ((c & 15u) << 12) | ((p[1] & 63u) << 6) | (p[2] & 63u);
			n = 3;
		} else if (c >= 0xc0 && p[1]) {
			c = ((c & 31u) << 6) | (p[1] & 63u);
			n = 2;
		}
		p += n;
		if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f')
			continue;
		vis++;
		if ((c >= 0xe000 && c <= 0xf8ff) || c == 0xfffd || c < 0x20 ||
		    (c >= 0x7f && c < 0xa0) || c >= 0xf0000)
			bad++;
	}
	return vis >= 20 && bad * 5 > vis;
}

/* The legacy encoding the fonts of the next page say, from poppler's scan. */
static enum vn_legacy page_font_legacy(PopplerFontInfo *fi, bool *upper)
{
	PopplerFontsIter *it = NULL;
	enum vn_legacy enc = VN_LEGACY_NONE;
	bool all_upper = true;

	*upper = false;
	if (!fi || !poppler_font_info_scan(fi, 1, &it) || !it)
		return VN_LEGACY_NONE;
	do {
		const char *name = poppler_fonts_iter_get_name(it);
		const char *plus = name ? strchr(name, '+') : NULL;
		char buf[128];
		size_t n;
		bool up = false;
		enum vn_legacy e;

		if (!name)
			continue;
		if (plus && plus - name == 6)
			name = plus + 1;
		n = strcspn(name, ",-");
		/* "VNI-Times": the dash belongs to the name */
		if (!strncasecmp(name, "vni", 3))
			n = strcspn(name, ",");
		if (n >= sizeof(buf))
			n = sizeof(buf) - 1;
		memcpy(buf, name, n);
		buf[n] = '\0';
		e = vnlegacy_font(buf, &up);
		if (e != VN_LEGACY_NONE) {
			enc = e;
			all_upper &= up;
		}
	} while (poppler_fonts_iter_next(it));
	poppler_fonts_iter_free(it);
	*upper = enc != VN_LEGACY_NONE && all_upper;
	return enc;
}

/*
 * A scan with a thin text layer: under 200 visible characters of text
 * (a scanner's footer, a "Bản sao" stamp) over images that cover half the
 * page or more. Read by OCR like a scan, its own text kept too.
 */
static bool mostly_image(PopplerPage *page, const char *text)
{
	size_t vis = 0;
	double pw = 0, ph = 0, area = 0;
	GList *maps, *l;

	for (const char *s = text; *s && vis < 200; s++)
		vis += !(*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t') &&
		       ((unsigned char)*s & 0xc0) != 0x80;
	if (vis >= 200)
		return false;
	poppler_page_get_size(page, &pw, &ph);
	maps = poppler_page_get_image_mapping(page);
	for (l = maps; l; l = l->next) {
		PopplerImageMapping *m = l->data;
		double w = m->area.x2 - m->area.x1, h = m->area.y2 - m->area.y1;

		if (w > 0 && h > 0)
			area += w * h;
	}
	poppler_page_free_image_mapping(maps);
	return pw > 0 && ph > 0 && area * 2 >= pw * ph;
}

/* The page at 300 dpi in colour (the seal is red); NULL past the limit. */
static PIX *render_page(PopplerPage *page, struct ocr *o, struct doc *d,
			uint32_t pno)
{
	const double scale = 300.0 / 72.0;
	double pw = 0, ph = 0;
	uint64_t w, h;
	cairo_surface_t *s;
	cairo_t *cr;
	PIX *pix;
	unsigned char *data;
	int stride;

	poppler_page_get_size(page, &pw, &ph);
	if (!(pw > 0 && ph > 0 && pw < 1e6 && ph < 1e6)) {
		ocr_size_ok(o, d, 0, 0, pno);
		return NULL;
	}
	w = (uint64_t)(pw * scale + 0.5);
	h = (uint64_t)(ph * scale + 0.5);
	if (!ocr_size_ok(o, d, w, h, pno))
		return NULL;
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return NULL;
	}
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	poppler_page_render_for_printing(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	data = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	pix = pixCreate((l_int32)w, (l_int32)h, 32);
	if (pix && data) {
		l_uint32 *dst = pixGetData(pix);
		l_int32 wpl = pixGetWpl(pix);

		for (uint64_t y = 0; y < h; y++) {
			const uint32_t *src = (const uint32_t *)(void *)(data + y * (size_t)stride);

			for (uint64_t x = 0; x < w; x++)
				dst[y * (uint64_t)wpl + x] = src[x] << 8;
		}
		pixSetResolution(pix, 300, 300);
	}
	cairo_surface_destroy(s);
	return pix;
}

/* OCR of one page; false when OCR's budget stops the document. */
static bool ocr_pdf_page(struct ocr **o, struct doc *d, PopplerPage *page,
			 uint32_t pno, bool *tried)
{
	PIX *pix;
	bool go;

	if (!*o && !*tried) {
		*tried = true;
		*o = ocr_new(d);
	}
	if (!*o)
		return false;
	pix = render_page(page, *o, d, pno);
	if (!pix)
		return true;
	go = ocr_page(*o, d, pix, pno);
	pixDestroy(&pix);
	return go;
}

void extract_pdf(struct doc *d, const unsigned char *data, size_t len)
{
	GBytes *bytes = g_bytes_new_static(data, len);
	GError *err = NULL;
	PopplerDocument *pd;
	PopplerFontInfo *fi;
	struct ocr *o = NULL;
	bool ocr_tried = false, ocr_go = true;
	int n;
	size_t with_text = 0, read = 0, legacy = 0, garbage = 0, scans = 0;
	size_t ocr_only = 0; /* pages whose only text came from OCR */
	enum vn_legacy legacy_enc = VN_LEGACY_NONE;

	pd = poppler_document_new_from_bytes(bytes, NULL, &err);
	if (!pd) {
		if (err && err->domain == POPPLER_ERROR &&
		    err->code == POPPLER_ERROR_ENCRYPTED) {
			doc_set_status(d, DOC_ENCRYPTED, "tệp PDF có đặt mật khẩu");
			doc_note(d, HS204, "tệp PDF có đặt mật khẩu: không đọc được nội dung");
		} else {
			doc_set_status(d, DOC_UNREADABLE, "tệp PDF bị hỏng: %s",
				       err ? err->message : "unknown error");
			doc_note(d, HS201, "không mở được tệp PDF: %s",
				 err ? err->message : "unknown error");
		}
		g_clear_error(&err);
		g_bytes_unref(bytes);
		return;
	}
	fi = poppler_font_info_new(pd);
	n = poppler_document_get_n_pages(pd);
	for (int i = 0; i < n; i++) {
		PopplerPage *page;
		char *text;
		bool upper = false;
		enum vn_legacy enc;

		if ((unsigned)i >= d->limits.pages_max) {
			doc_set_status(d, DOC_LIMIT_EXCEEDED,
				       "tệp PDF có %d trang; chỉ đọc %u trang đầu", n,
				       d->limits.pages_max);
			doc_note(d, HS106, "đã đến giới hạn %u trang (--max-pages)",
				 d->limits.pages_max);
			break;
		}
		enc = page_font_legacy(fi, &upper);
		page = poppler_document_get_page(pd, i);
		if (!page) {
			doc_end_page(d);
			continue;
		}
		text = poppler_page_get_text(page);
		read++;
		if (text && has_visible_text(text) && is_garbage(text)) {
			size_t before = d->nocr;

			garbage++;
			if (d->limits.ocr && ocr_go)
				ocr_go = ocr_pdf_page(&o, d, page, (uint32_t)i + 1,
						      &ocr_tried);
			ocr_only += d->nocr > before;
		} else if (text && has_visible_text(text)) {
			size_t tl = strlen(text);

			with_text++;
			if (enc == VN_LEGACY_NONE)
				enc = vnlegacy_detect_utf8(text, tl);
			if (enc != VN_LEGACY_NONE) {
				struct hs_buf conv = HS_BUF_INIT;

				vnlegacy_convert_utf8(enc, text, tl, upper, &conv);
				doc_add_text(d, conv.ptr ? conv.ptr : "", conv.len);
				hs_buf_release(&conv);
				legacy++;
				legacy_enc = enc;
			} else {
				doc_add_text(d, text, tl);
			}
			if (d->text.len && d->text.ptr[d->text.len - 1] != '\n')
				doc_add_text(d, "\n", 1);
			if (d->limits.ocr && ocr_go && mostly_image(page, text))
				ocr_go = ocr_pdf_page(&o, d, page, (uint32_t)i + 1,
						      &ocr_tried);
		} else {
			size_t before = d->nocr;

			scans++;
			if (d->limits.ocr && ocr_go)
				ocr_go = ocr_pdf_page(&o, d, page, (uint32_t)i + 1,
						      &ocr_tried);
			ocr_only += d->nocr > before;
		}
		g_free(text);
		g_object_unref(page);
		doc_end_page(d);
		if (d->text.over)
			break;
	}
	ocr_free(o);
	if (fi)
		poppler_font_info_free(fi);
	d->npages_text = with_text + ocr_only;
	if (with_text || d->nocr)
		doc_set_encoding(d, DOC_ENC_UTF8);
	if (legacy) {
		doc_set_encoding(d, legacy_enc == VN_LEGACY_VNI ? DOC_ENC_VNI :
				 DOC_ENC_TCVN3);
		doc_note(d, HS203, "%zu trang PDF gõ bằng phông %s (%s): đã chuyển sang Unicode",
			 legacy, legacy_enc == VN_LEGACY_VNI ? "VNI" : "TCVN3",
			 legacy_enc == VN_LEGACY_VNI ? "VNI-Times..." : ".VnTime...");
	}
	if (garbage && !d->limits.ocr)
		doc_note(d, HS202, "%zu trang có chữ không giải mã được (phông không có bảng Unicode): bỏ qua; bật --ocr để đọc bằng OCR",
			 garbage);
	if (read > 0 && with_text == 0 && d->nocr == 0) {
		if (garbage && !scans) {
			doc_set_status(d, DOC_NO_TEXT,
				       "chữ trong PDF không giải mã được (phông không có bảng Unicode)");
		} else {
			doc_set_status(d, DOC_NO_TEXT,
				       "cả %zu trang đều không có lớp chữ (bản chụp)",
				       read);
			doc_note(d, HS202, "cả %zu trang đều không có lớp chữ: cần người xem trực tiếp", read);
		}
	} else if (d->nocr && !d->text.len) {
		doc_set_status(d, DOC_NO_TEXT, "OCR không đọc được chữ nào trên %zu trang", d->nocr);
		doc_note(d, HS202, "cả %zu trang đều không có lớp chữ và OCR không đọc được chữ: cần người xem trực tiếp",
			 d->nocr);
	}
	g_object_unref(pd);
	g_bytes_unref(bytes);
}
