/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * extract.c: one entry point for every format; recognised formats that hoso
 * does not read get DOC_UNSUPPORTED with the reason (HS205, HS204).
 */
#include "extract.h"

void extract_document(struct doc *d, enum doc_format fmt,
		      const unsigned char *data, size_t len)
{
	d->format = fmt;
	switch (fmt) {
	case FMT_DOCX:
		extract_docx(d, data, len);
		break;
	case FMT_XLSX:
		extract_xlsx(d, data, len);
		break;
	case FMT_ODT:
		extract_odt(d, data, len);
		break;
	case FMT_ODS:
		extract_ods(d, data, len);
		break;
	case FMT_PDF:
		extract_pdf(d, data, len);
		break;
	case FMT_HTML:
		extract_html(d, data, len);
		break;
	case FMT_TXT:
	case FMT_CSV:
		extract_plain(d, data, len);
		break;
	case FMT_DOC:
		extract_msdoc(d, data, len);
		break;
	case FMT_XLS:
		extract_xls(d, data, len);
		break;
	case FMT_RTF:
		extract_rtf(d, data, len);
		break;
	case FMT_WORDML:
		extract_wordml(d, data, len);
		break;
	case FMT_OOXML_ENCRYPTED:
		doc_set_status(d, DOC_ENCRYPTED,
			       "tài liệu Office có đặt mật khẩu");
		doc_note(d, HS204, "tài liệu Office có đặt mật khẩu: không đọc được nội dung");
		break;
	case FMT_OLE:
	case FMT_PPTX:
	case FMT_ODP:
		doc_set_status(d, DOC_UNSUPPORTED,
			       "định dạng %s không đọc được: đề nghị lưu lại thành .docx, .xlsx hoặc PDF",
			       sniff_format_name(fmt));
		doc_note(d, HS205, "định dạng %s không đọc: chỉ đối chiếu được theo tên tệp",
			 sniff_format_name(fmt));
		break;
	case FMT_PNG:
	case FMT_JPEG:
	case FMT_TIFF:
		if (d->limits.ocr) {
			extract_image(d, data, len);
			break;
		}
		/* fall through */
	case FMT_GIF:
	case FMT_BMP:
		doc_set_status(d, DOC_UNSUPPORTED,
			       "ảnh (%s): không đọc chữ từ ảnh",
			       sniff_format_name(fmt));
		doc_note(d, HS205, "ảnh (%s) không đọc: chỉ đối chiếu được theo tên tệp",
			 sniff_format_name(fmt));
		break;
	case FMT_UNKNOWN:
		doc_set_status(d, DOC_UNSUPPORTED, "không nhận ra định dạng");
		doc_note(d, HS205, "không nhận ra định dạng: chỉ đối chiếu được theo tên tệp");
		break;
	case FMT_ZIP:
	case FMT_7Z:
	case FMT_RAR:
	case FMT_TAR:
	case FMT_GZIP:
	case FMT_BZIP2:
	case FMT_XZ:
	case FMT_ZSTD:
		/* The source walks archives; one here was not walked. */
		doc_set_status(d, DOC_UNSUPPORTED, "archive not read here");
		break;
	case FMT_COUNT:
		doc_set_status(d, DOC_UNSUPPORTED, "unknown format");
		break;
	}
}
