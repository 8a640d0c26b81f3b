/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf.c: PDF text per page through poppler-glib. Runs only in a worker
 * process: poppler is never loaded into the process that writes output.
 * A PDF whose pages carry no text at all is a scan: DOC_NO_TEXT (HS202),
 * never an empty success.
 */
#include "extract.h"

#include <poppler.h>
#include <string.h>

static bool has_visible_text(const char *s)
{
	for (; *s; s++)
		if (!(*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t' ||
		      *s == '\f'))
			return true;
	return false;
}

void extract_pdf(struct doc *d, const unsigned char *data, size_t len)
{
	GBytes *bytes = g_bytes_new_static(data, len);
	GError *err = NULL;
	PopplerDocument *pd;
	int n;
	size_t with_text = 0, read = 0;

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
	n = poppler_document_get_n_pages(pd);
	for (int i = 0; i < n; i++) {
		PopplerPage *page;
		char *text;

		if ((unsigned)i >= d->limits.pages_max) {
			doc_set_status(d, DOC_LIMIT_EXCEEDED,
				       "tệp PDF có %d trang; chỉ đọc %u trang đầu", n,
				       d->limits.pages_max);
			doc_note(d, HS106, "đã đến giới hạn %u trang (--max-pages)",
				 d->limits.pages_max);
			break;
		}
		page = poppler_document_get_page(pd, i);
		if (!page) {
			doc_end_page(d);
			continue;
		}
		text = poppler_page_get_text(page);
		read++;
		if (text && has_visible_text(text)) {
			with_text++;
			doc_add_text(d, text, strlen(text));
			if (d->text.len && d->text.ptr[d->text.len - 1] != '\n')
				doc_add_text(d, "\n", 1);
		}
		g_free(text);
		g_object_unref(page);
		doc_end_page(d);
		if (d->text.over)
			break;
	}
	d->npages_text = with_text;
	if (with_text)
		doc_set_encoding(d, DOC_ENC_UTF8);
	if (read > 0 && with_text == 0) {
		doc_set_status(d, DOC_NO_TEXT,
			       "cả %zu trang đều không có lớp chữ (bản chụp)",
			       read);
		doc_note(d, HS202, "cả %zu trang đều không có lớp chữ: cần người xem trực tiếp", read);
	}
	g_object_unref(pd);
	g_bytes_unref(bytes);
}
