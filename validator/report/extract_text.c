/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * extract_text.c: `hoso extract` for people, in Vietnamese: one line per
 * document (status, format, encoding, pages or sheets, tables), then the
 * findings. The same facts as the JSON.
 */
#include "report.h"

#include <string.h>

#include "render_int.h"

static const char *status_vi(enum doc_status st)
{
	switch (st) {
	case DOC_OK:
		return "đọc được";
	case DOC_NO_TEXT:
		return "không có lớp chữ (bản quét)";
	case DOC_ENCRYPTED:
		return "có mật khẩu";
	case DOC_UNREADABLE:
		return "không đọc được";
	case DOC_UNSUPPORTED:
		return "định dạng không đọc";
	case DOC_LIMIT_EXCEEDED:
		return "vượt giới hạn";
	case DOC_OCR:
		return "đọc bằng OCR";
	}
	return "không đọc được";
}

static const char *severity_vi(enum hs_severity s)
{
	switch (s) {
	case HS_SEV_INFO:
		return "thông tin";
	case HS_SEV_WARNING:
		return "cảnh báo";
	case HS_SEV_ERROR:
		return "lỗi";
	}
	return "lỗi";
}

/* s with its control characters shown (render_plain), for fprintf. */
static const char *plain(struct hs_buf *b, const char *s)
{
	hs_buf_reset(b);
	render_plain(b, s ? s : "");
	return b->ptr ? b->ptr : "";
}

void report_extract_text(FILE *out, const struct dossier *dx,
			 const struct report_options *ro)
{
	struct hs_buf b = HS_BUF_INIT;
	size_t ok = 0;

	for (size_t i = 0; i < dx->ndocs; i++)
		ok += dx->docs[i].doc.status == DOC_OK ||
		      dx->docs[i].doc.status == DOC_OCR;
	fprintf(out, "Hồ sơ: %s (%s)\n", plain(&b, dx->input_path),
		dx->src.input_is_dir ? "thư mục"
				     : sniff_format_name(dx->src.input_format));
	fprintf(out, "Tài liệu: %zu, đọc được: %zu\n\n", dx->ndocs, ok);
	for (size_t i = 0; i < dx->ndocs; i++) {
		const struct dossier_doc *dd = &dx->docs[i];
		struct doc tmp;
		const struct doc *d = dossier_doc_get(dx, i, &tmp);
		const char *enc = doc_encoding_name(d->encoding);

		fprintf(out, "%s\n  %s, %llu byte, %s", plain(&b, dd->path),
			sniff_format_name(d->format),
			(unsigned long long)dd->size, status_vi(d->status));
		if (enc)
			fprintf(out, ", mã %s", enc);
		if (d->format == FMT_PDF)
			fprintf(out, ", %zu trang (%zu có chữ)", d->npages,
				d->npages_text);
		if (d->nsheets)
			fprintf(out, ", %zu trang tính", d->nsheets);
		if (d->ntables)
			fprintf(out, ", %zu bảng", d->ntables);
		if (d->nocr) {
			int seal = doc_ocr_seal(d);
			bool colour = false, sign = false;

			for (size_t p = 0; p < d->nocr; p++) {
				colour |= d->ocr[p].colour;
				sign |= d->ocr[p].signature;
			}
			fprintf(out, ", OCR %zu trang (độ tin cậy %d %%), con dấu: %s, chữ ký: %s",
				d->nocr, doc_ocr_conf(d),
				seal == 1 ? "có" : colour ? "không thấy" : "không rõ (bản đen trắng)",
				sign ? "có" : colour ? "không thấy" : "không rõ");
		}
		fputc('\n', out);
		if (d->reason)
			fprintf(out, "  lý do: %s\n", plain(&b, d->reason));
		if (ro->full_text && d->text.len) {
			fprintf(out, "  ---\n%s", d->text.ptr);
			if (d->text.ptr[d->text.len - 1] != '\n')
				fputc('\n', out);
			fprintf(out, "  ---\n");
		}
		dossier_doc_put(dx, i, &tmp);
	}
	if (dx->findings.n)
		fprintf(out, "\nPhát hiện (%zu):\n", dx->findings.n);
	for (size_t i = 0; i < dx->findings.n; i++) {
		const struct finding *f = &dx->findings.v[i];
		const struct hs_code_info *ci = hs_code_info(f->code);

		struct hs_buf m = HS_BUF_INIT;

		fprintf(out, "  %s %s: %s%s", ci->name,
			severity_vi((enum hs_severity)f->severity),
			f->file ? plain(&b, f->file) : "", f->file ? ": " : "");
		fprintf(out, "%s\n", plain(&m, f->message));
		hs_buf_release(&m);
	}
	hs_buf_release(&b);
}
