/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_ooxml.c: the office extractors (docx, xlsx, odt, ods) on zips built
 * in memory with libarchive's writer from small hand-written XML, including
 * the hostile cases of reliability.md (DOCTYPE and billion laughs,
 * duplicate names, truncation, oversized parts, repeated ODF cells).
 */
#include <archive.h>
#include <archive_entry.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "read/extract/extract.h"
#include "suites.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define S_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define R_NS \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PR_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define ODF_NS \
	"xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
	"xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" " \
	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " \
	"xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
	"xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" " \
	"xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""

struct zent {
	const char *name;
	const char *data;
};

/* A zip of the entries, built in memory; caller frees. */
static unsigned char *make_zip_opt(const struct zent *e, size_t n,
				   size_t *len, bool encrypt)
{
	size_t cap = 1 << 16, used = 0;
	unsigned char *buf;
	struct archive *a;

	for (size_t i = 0; i < n; i++)
		cap += strlen(e[i].data) + 512;
	buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	a = archive_write_new();
	ck_assert_int_eq(archive_write_set_format_zip(a), ARCHIVE_OK);
	if (encrypt) {
		ck_assert_int_eq(archive_write_set_options(
					 a, "zip:encryption=traditional"),
				 ARCHIVE_OK);
		ck_assert_int_eq(archive_write_set_passphrase(a, "mk"),
				 ARCHIVE_OK);
	}
	ck_assert_int_eq(archive_write_open_memory(a, buf, cap, &used),
			 ARCHIVE_OK);
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *ae = archive_entry_new();
		size_t dl = strlen(e[i].data);

		archive_entry_set_pathname(ae, e[i].name);
		archive_entry_set_filetype(ae, AE_IFREG);
		archive_entry_set_perm(ae, 0644);
		archive_entry_set_size(ae, (la_int64_t)dl);
		ck_assert_int_eq(archive_write_header(a, ae), ARCHIVE_OK);
		ck_assert_int_eq(archive_write_data(a, e[i].data, dl),
				 (la_ssize_t)dl);
		archive_entry_free(ae);
	}
	ck_assert_int_eq(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	*len = used;
	return buf;
}

static unsigned char *make_zip(const struct zent *e, size_t n, size_t *len)
{
	return make_zip_opt(e, n, len, false);
}

static const struct doc_cell *cell_at(const struct doc *d, size_t t,
				      uint32_t row, uint32_t col)
{
	const struct doc_table *tb;

	ck_assert_uint_lt(t, d->ntables);
	tb = &d->tables[t];
	for (size_t r = 0; r < tb->nrows; r++) {
		if (tb->rows[r].index != row)
			continue;
		for (size_t c = 0; c < tb->rows[r].ncells; c++)
			if (tb->rows[r].cells[c].col == col)
				return &tb->rows[r].cells[c];
	}
	return NULL;
}

static bool has_note(const struct doc *d, enum hs_code code)
{
	for (size_t i = 0; i < d->nnotes; i++)
		if (d->notes[i].code == code)
			return true;
	return false;
}

static void run_docx(struct doc *d, const char *document, const char *styles,
		     const struct extract_limits *lim)
{
	struct zent e[3] = {
		{"[Content_Types].xml", "<Types/>"},
		{"word/document.xml", document},
		{"word/styles.xml", styles ? styles : ""},
	};
	size_t len;
	unsigned char *z = make_zip(e, styles ? 3 : 2, &len);

	doc_init(d, lim);
	extract_docx(d, z, len);
	free(z);
}

/* ================================================================ docx === */

static const char docx_basic[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:document xmlns:w=\"" W_NS "\" xmlns:mc=\"" MC_NS "\"><w:body>"
	"<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs>"
	"</w:pPr><w:r><w:t>Kế hoạch</w:t></w:r><w:r><w:tab/>"
	"<w:t xml:space=\"preserve\">năm 2024 </w:t></w:r>"
	"<w:r><w:br/><w:t>xã Hòa Bình</w:t></w:r></w:p>"
	"<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">"
	"<w:drawing><w:txbxContent><w:p><w:r><w:t>Hộp</w:t></w:r></w:p>"
	"</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>"
	"<w:txbxContent><w:p><w:r><w:t>Hộp</w:t></w:r></w:p></w:txbxContent>"
	"</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
	"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
	"<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>"
	"<w:p><w:r><w:t>Tiêu đề gộp</w:t></w:r></w:p></w:tc>"
	"<w:tc><w:p><w:r><w:t>Ghi chú</w:t></w:r></w:p></w:tc></w:tr>"
	"<w:tr><w:tc><w:p><w:r><w:t>Một</w:t></w:r></w:p></w:tc>"
	"<w:tc><w:p><w:r><w:t>Hai</w:t></w:r></w:p>"
	"<w:p><w:r><w:t>dòng 2</w:t></w:r></w:p></w:tc>"
	"<w:tc><w:p/></w:tc></w:tr></w:tbl>"
	"<w:p><w:r><w:delText>xoá</w:delText><w:t>Hết</w:t></w:r></w:p>"
	"</w:body></w:document>";

START_TEST(docx_text_and_table)
{
	struct doc d;
	const struct doc_cell *c;

	run_docx(&d, docx_basic, NULL, NULL);
	ck_assert_int_eq(d.status, DOC_OK);
	ck_assert_int_eq(d.encoding, DOC_ENC_UTF8);
	ck_assert_str_eq(d.text.ptr,
			 "Kế hoạch\tnăm 2024 \nxã Hòa Bình\n"
			 "\nHộp\n"
			 "Tiêu đề gộp\tGhi chú\n"
			 "Một\tHai dòng 2\t\n"
			 "Hết\n");
	ck_assert_uint_eq(d.ntables, 1);
	ck_assert_str_eq(d.tables[0].name, "Bảng 1");
	ck_assert_uint_eq(d.tables[0].nrows, 2);
	ck_assert_uint_eq(d.tables[0].rows[0].index, 1);
	ck_assert_uint_eq(d.tables[0].rows[0].ncells, 2);
	c = cell_at(&d, 0, 1, 0);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->text, "Tiêu đề gộp");
	/* The merged cell spans columns 0-1: the next one is column 2. */
	c = cell_at(&d, 0, 1, 2);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->text, "Ghi chú");
	c = cell_at(&d, 0, 2, 1);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->text, "Hai\ndòng 2");
	c = cell_at(&d, 0, 2, 2);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->text, "");
	ck_assert_uint_eq(d.ncells, 5);
	doc_release(&d);
}
END_TEST

/* "Cộng đồng học tập" typed in .VnTime: TCVN3 bytes as CP1252 characters. */
#define TCVN3_CDHT "C\xc3\xa9ng \xc2\xae\xc3\xa5ng h\xc3\xa4" "c t\xc3\x8bp"

START_TEST(docx_tcvn3_runs_and_styles)
{
	static const char document[] =
		"<w:document xmlns:w=\"" W_NS "\"><w:body>"
		"<w:p><w:r><w:rPr><w:rFonts w:ascii=\".VnTime\" "
		"w:hAnsi=\".VnTime\"/></w:rPr><w:t>" TCVN3_CDHT "</w:t></w:r>"
		"<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\"/></w:rPr>"
		"<w:t> – Unicode ®</w:t></w:r></w:p>"
		/* No run font: the paragraph style's (.VnTime via basedOn). */
		"<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>"
		"<w:r><w:t>\xc2\xae\xc3\xa5ng</w:t></w:r></w:p>"
		/* No style at all: the default paragraph style (Arial). */
		"<w:p><w:r><w:t>\xc2\xae</w:t></w:r></w:p>"
		"</w:body></w:document>";
	static const char styles[] =
		"<w:styles xmlns:w=\"" W_NS "\">"
		"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts "
		"w:asciiTheme=\"minorHAnsi\"/></w:rPr></w:rPrDefault>"
		"</w:docDefaults>"
		"<w:style w:type=\"paragraph\" w:default=\"1\" "
		"w:styleId=\"Normal\"><w:rPr><w:rFonts w:ascii=\"Arial\"/>"
		"</w:rPr></w:style>"
		"<w:style w:type=\"paragraph\" w:styleId=\"Base\">"
		"<w:basedOn w:val=\"Normal\"/><w:rPr><w:rFonts "
		"w:ascii=\".VnTimeH\"/></w:rPr></w:style>"
		"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\">"
		"<w:basedOn w:val=\"Base\"/></w:style>"
		/* A basedOn loop must not hang. */
		"<w:style w:type=\"paragraph\" w:styleId=\"L1\">"
		"<w:basedOn w:val=\"L2\"/></w:style>"
		"<w:style w:type=\"paragraph\" w:styleId=\"L2\">"
		"<w:basedOn w:val=\"L1\"/></w:style>"
		"</w:styles>";
	struct doc d;

	run_docx(&d, document, styles, NULL);
	ck_assert_int_eq(d.status, DOC_OK);
	ck_assert_int_eq(d.encoding, DOC_ENC_TCVN3);
	ck_assert(has_note(&d, HS203));
	/* .VnTimeH is the capitals font: the same bytes shown upper case. */
	ck_assert_str_eq(d.text.ptr, "Cộng đồng học tập – Unicode ®\n"
				     "ĐỒNG\n®\n");
	doc_release(&d);
}
END_TEST

START_TEST(docx_vni_run)
{
	static const char document[] =
		"<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r><w:rPr>"
		"<w:rFonts w:ascii=\"VNI-Times\" w:hAnsi=\"VNI-Times\"/>"
		"</w:rPr><w:t>Co\xc3\xa4ng \xc3\xb1o\xc3\xa0ng ho\xc3\xaf"
		"c ta\xc3\xa4p</w:t></w:r></w:p></w:body></w:document>";
	struct doc d;

	run_docx(&d, document, NULL, NULL);
	ck_assert_int_eq(d.status, DOC_OK);
	ck_assert_int_eq(d.encoding, DOC_ENC_VNI);
	ck_assert(has_note(&d, HS203));
	ck_assert_str_eq(d.text.ptr, "Cộng đồng học tập\n");
	doc_release(&d);
}
END_TEST

START_TEST(docx_doctype_refused)
{
	static const char document[] =
		"<?xml version=\"1.0\"?>\n<!-- c -->\n"
		"<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
		"<!ENTITY l1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
		"<!ENTITY l2 \"&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;\">"
		"<!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\">"
		"<!ENTITY l4 \"&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;\">"
		"<!ENTITY l5 \"&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;\">"
		"<!ENTITY l6 \"&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;\">"
		"<!ENTITY l7 \"&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;\">"
		"<!ENTITY l8 \"&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;\">"
		"<!ENTITY l9 \"&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;\">]>"
		"<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r>"
		"<w:t>&l9;</w:t></w:r></w:p></w:body></w:document>";
	struct doc d;
	clock_t t0 = clock();

	run_docx(&d, document, NULL, NULL);
	ck_assert_int_eq(d.status, DOC_UNREADABLE);
	ck_assert(has_note(&d, HS201));
	ck_assert_ptr_nonnull(strstr(d.reason, "DOCTYPE"));
	ck_assert_uint_eq(d.text.len, 0);
	ck_assert((clock() - t0) < 2 * CLOCKS_PER_SEC);
	doc_release(&d);
}
END_TEST

START_TEST(docx_undefined_entity_unreadable)
{
	struct doc d;

	run_docx(&d,
		 "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r>"
		 "<w:t>a&lol;b</w:t></w:r></w:p></w:body></w:document>",
		 NULL, NULL);
	ck_assert_int_eq(d.status, DOC_UNREADABLE);
	ck_assert(has_note(&d, HS201));
	doc_release(&d);
}
END_TEST

START_TEST(docx_duplicate_entry)
{
	struct zent e[] = {
		{"word/document.xml",
		 "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r>"
		 "<w:t>Bản thứ nhất</w:t></w:r></w:p></w:body></w:document>"},
		{"Word/Document.xml",
		 "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r>"
		 "<w:t>Bản thứ hai</w:t></w:r></w:p></w:body></w:document>"},
		{"word/document.xml", "<x/>"},
	};
	struct doc d;
	size_t len;
	unsigned char *z = make_zip(e, 3, &len);

	doc_init(&d, NULL);
	extract_docx(&d, z, len);
	ck_assert(has_note(&d, HS109));
	ck_assert_str_eq(d.text.ptr, "Bản thứ nhất\n");
	ck_assert_int_eq(d.status, DOC_OK);
	doc_release(&d);
	free(z);
}
END_TEST

START_TEST(docx_truncated_zip)
{
	struct hs_buf big = HS_BUF_INIT;
	struct zent e[2] = {{"word/document.xml", NULL}, {"x.txt", "x"}};
	struct doc d;
	size_t len;
	unsigned char *z;

	hs_buf_adds(&big, "<w:document xmlns:w=\"" W_NS "\"><w:body>");
	/* Varied text so that deflate cannot squeeze it into a few bytes. */
	for (unsigned i = 0; i < 3000; i++)
		hs_buf_addf(&big, "<w:p><w:r><w:t>Đoạn %u: %x</w:t></w:r></w:p>",
			    i, i * 2654435761u);
	hs_buf_adds(&big, "</w:body></w:document>");
	e[0].data = big.ptr;
	z = make_zip(e, 2, &len);
	for (size_t cut = 10; cut < len; cut += len / 7) {
		doc_init(&d, NULL);
		extract_docx(&d, z, cut);
		ck_assert_int_eq(d.status, DOC_UNREADABLE);
		ck_assert(has_note(&d, HS201));
		doc_release(&d);
	}
	/* Garbage that is no zip at all. */
	doc_init(&d, NULL);
	extract_docx(&d, (const unsigned char *)"PK\x03\x04garbage", 11);
	ck_assert_int_eq(d.status, DOC_UNREADABLE);
	doc_release(&d);
	free(z);
	hs_buf_release(&big);
}
END_TEST

START_TEST(docx_part_over_limit)
{
	struct extract_limits lim = EXTRACT_LIMITS_DEFAULT;
	struct hs_buf big = HS_BUF_INIT;
	struct doc d;

	lim.part_max = 4096;
	hs_buf_adds(&big, "<w:document xmlns:w=\"" W_NS "\"><w:body>");
	for (unsigned i = 0; i < 2000; i++)
		hs_buf_addf(&big, "<w:p><w:r><w:t>Dòng %u</w:t></w:r></w:p>", i);
	hs_buf_adds(&big, "</w:body></w:document>");
	run_docx(&d, big.ptr, NULL, &lim);
	ck_assert_int_eq(d.status, DOC_LIMIT_EXCEEDED);
	ck_assert(has_note(&d, HS106));
	/* The start of the part was read, nothing past the cap. */
	ck_assert_ptr_nonnull(strstr(d.text.ptr, "Dòng 0\nDòng 1\n"));
	ck_assert_ptr_null(strstr(d.text.ptr, "Dòng 1999"));
	doc_release(&d);
	hs_buf_release(&big);
}
END_TEST

START_TEST(docx_too_many_entries)
{
	struct extract_limits lim = EXTRACT_LIMITS_DEFAULT;
	struct zent e[6] = {
		{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}, {"e", "5"},
		{"word/document.xml", "<x/>"},
	};
	struct doc d;
	size_t len;
	unsigned char *z = make_zip(e, 6, &len);

	lim.parts_max = 3;
	doc_init(&d, &lim);
	extract_docx(&d, z, len);
	ck_assert_int_eq(d.status, DOC_LIMIT_EXCEEDED);
	ck_assert(has_note(&d, HS106));
	doc_release(&d);
	free(z);
}
END_TEST

START_TEST(docx_encrypted_entry)
{
	struct zent e[] = {
		{"word/document.xml",
		 "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r>"
		 "<w:t>Mật</w:t></w:r></w:p></w:body></w:document>"},
	};
	struct doc d;
	size_t len;
	unsigned char *z = make_zip_opt(e, 1, &len, true);

	doc_init(&d, NULL);
	extract_docx(&d, z, len);
	ck_assert_int_eq(d.status, DOC_ENCRYPTED);
	ck_assert(has_note(&d, HS204));
	ck_assert_uint_eq(d.text.len, 0);
	doc_release(&d);
	free(z);
}
END_TEST

START_TEST(docx_empty_document_ok)
{
	struct doc d;

	run_docx(&d, "<w:document xmlns:w=\"" W_NS "\"><w:body/></w:document>",
		 NULL, NULL);
	ck_assert_int_eq(d.status, DOC_OK);
	ck_assert_uint_eq(d.text.len, 0);
	doc_release(&d);
}
END_TEST

START_TEST(docx_broken_styles_ignored)
{
	struct doc d;

	/* Styles only refine fonts: their damage loses fonts, not text. */
	run_docx(&d,
		 "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r>"
		 "<w:t>Văn bản</w:t></w:r></w:p></w:body></w:document>",
		 "<w:styles xmlns:w=\"" W_NS "\"><w:style w:styleId=\"a\">",
		 NULL);
	ck_assert_int_eq(d.status, DOC_OK);
	ck_assert_uint_eq(d.nnotes, 0);
	ck_assert_str_eq(d.text.ptr, "Văn bản\n");
	doc_release(&d);
}
END_TEST

/* ================================================================ xlsx === */

static const char xl_workbook[] =
	"<workbook xmlns=\"" S_NS "\" xmlns:r=\"" R_NS "\"><sheets>"
	"<sheet name=\"Danh sách\" sheetId=\"1\" r:id=\"rId1\"/>"
	"<sheet name=\"Tổng hợp\" sheetId=\"2\" r:id=\"rId2\"/>"
	"</sheets></workbook>";
static const char xl_rels[] =
	"<Relationships xmlns=\"" PR_NS "\">"
	"<Relationship Id=\"rId2\" Type=\"worksheet\" "
	"Target=\"/xl/worksheets/tong.xml\"/>"
	"<Relationship Id=\"rId1\" Type=\"worksheet\" "
	"Target=\"worksheets/../worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"sharedStrings\" "
	"Target=\"sharedStrings.xml\"/></Relationships>";
static const char xl_sst[] =
	"<sst xmlns=\"" S_NS "\" count=\"2147483647\" "
	"uniqueCount=\"2147483647\">"
	"<si><t>Họ và tên</t></si>"
	"<si><r><t xml:space=\"preserve\">Nguyễn </t></r><r><rPr><b/></rPr>"
	"<t>Văn A</t></r><rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh></si>"
	"<si><t>Xã Hòa Bình</t></si>"
	"<si><r><rPr><rFont val=\".VnTime\"/></rPr><t>" TCVN3_CDHT "</t></r>"
	"</si></sst>";
static const char xl_sheet1[] =
	"<worksheet xmlns=\"" S_NS "\"><sheetData>"
	"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
	"<c r=\"B1\" t=\"inlineStr\"><is><t>Ghi chú</t></is></c></row>"
	"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c>"
	"<c r=\"B2\"><v>1250</v></c><c r=\"C2\" s=\"1\"><v>64.1</v></c>"
	"<c r=\"D2\"><f>B2*2</f><v>2500</v></c>"
	"<c r=\"E2\" t=\"s\"><v>99</v></c>"
	"<c r=\"F2\" t=\"b\"><v>1</v></c>"
	"<c r=\"G2\" t=\"str\"><f>IF(B2&gt;0,\"Đạt\",\"\")</f><v>Đạt</v></c>"
	"<c r=\"H2\" s=\"3\"/><c r=\"I2\" t=\"s\"><v>3</v></c>"
	"<c r=\"J2\" t=\"s\"><v>18446744073709551616</v></c></row>"
	"<row r=\"5\" customHeight=\"1\"/>"
	"<row r=\"12\"><c r=\"AB12\" t=\"e\"><v>#DIV/0!</v></c>"
	"<c t=\"inlineStr\" s=\"2\"><is><t>" TCVN3_CDHT "</t></is></c></row>"
	"</sheetData></worksheet>";
static const char xl_sheet2[] =
	"<worksheet xmlns=\"" S_NS "\"><sheetData>"
	"<row><c t=\"s\"><v>2</v></c></row></sheetData></worksheet>";
static const char xl_styles[] =
	"<styleSheet xmlns=\"" S_NS "\"><fonts count=\"2\">"
	"<font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
	"<font><name val=\".VnTime\"/></font></fonts>"
	"<cellXfs count=\"3\"><xf fontId=\"0\"/><xf fontId=\"0\"/>"
	"<xf fontId=\"1\"/></cellXfs></styleSheet>";

START_TEST(xlsx_sheets_and_cells)
{
	struct zent e[] = {
		{"[Content_Types].xml", "<Types/>"},
		{"xl/worksheets/tong.xml", xl_sheet2},
		{"xl/workbook.xml", xl_workbook},
		{"xl/_rels/workbook.xml.rels", xl_rels},
		{"xl/sharedStrings.xml", xl_sst},
		{"xl/styles.xml", xl_styles},
		{"xl/worksheets/sheet1.xml", xl_sheet1},
	};
	const struct doc_cell *c;
	struct doc d;
	size_t len;
	unsigned char *z = make_zip(e, ARRAY_SIZE(e), &len);

	doc_init(&d, NULL);
	extract_xlsx(&d, z, len);
	ck_assert_int_eq(d.status, DOC_OK);
	ck_assert_uint_eq(d.nsheets, 2);
	ck_assert_uint_eq(d.ntables, 2);
	ck_assert_str_eq(d.tables[0].name, "Danh sách");
	ck_assert_uint_eq(d.tables[0].page, 1);
	ck_assert_str_eq(d.tables[1].name, "Tổng hợp");
	ck_assert_uint_eq(d.tables[1].page, 2);

	ck_assert_str_eq(cell_at(&d, 0, 1, 0)->text, "Họ và tên");
	ck_assert_str_eq(cell_at(&d, 0, 1, 1)->text, "Ghi chú");
	ck_assert_str_eq(cell_at(&d, 0, 2, 0)->text, "Nguyễn Văn A");
	c = cell_at(&d, 0, 2, 1);
	ck_assert(c->is_num);
	ck_assert(c->num == 1250.0);
	ck_assert_str_eq(c->text, "1250");
	c = cell_at(&d, 0, 2, 2);
	ck_assert(c->is_num);
	ck_assert(c->num == 64.1);
	ck_assert_str_eq(c->text, "64.1");
	c = cell_at(&d, 0, 2, 3);
	ck_assert(c->is_num && c->num == 2500.0);
	c = cell_at(&d, 0, 2, 4);
	ck_assert(!c->is_num);
	ck_assert_str_eq(c->text, "");
	ck_assert_str_eq(cell_at(&d, 0, 2, 5)->text, "TRUE");
	ck_assert_str_eq(cell_at(&d, 0, 2, 6)->text, "Đạt");
	ck_assert_ptr_null(cell_at(&d, 0, 2, 7)); /* styled, empty */
	/* A run in its own .VnTime font is converted. */
	ck_assert_str_eq(cell_at(&d, 0, 2, 8)->text, "Cộng đồng học tập");
	ck_assert_str_eq(cell_at(&d, 0, 2, 9)->text, "");
	ck_assert_str_eq(cell_at(&d, 0, 12, 27)->text, "#DIV/0!");
	/* A cell in a .VnTime cell format, without r: the next column. */
	ck_assert_str_eq(cell_at(&d, 0, 12, 28)->text, "Cộng đồng học tập");
	ck_assert_uint_eq(d.tables[0].nrows, 3);
	ck_assert_str_eq(cell_at(&d, 1, 1, 0)->text, "Xã Hòa Bình");
	ck_assert_int_eq(d.encoding, DOC_ENC_TCVN3);
	ck_assert(has_note(&d, HS203));

	ck_assert_ptr_nonnull(strstr(d.text.ptr,
				     "Danh sách\nHọ và tên\tGhi chú\n"
				     "Nguyễn Văn A\t1250\t64.1\t2500\t\tTRUE"));
	ck_assert_ptr_nonnull(strstr(d.text.ptr, "Tổng hợp\nXã Hòa Bình\n"));
	ck_assert_ptr_null(strstr(d.text.ptr, "phonetic"));
	doc_release(&d);
	free(z);
}
END_TEST

START_TEST(xlsx_cell_limit)
{
	struct extract_limits lim = EXTRACT_LIMITS_DEFAULT;
	struct hs_buf sheet = HS_BUF_INIT;
	struct zent e[] = {
		{"xl/workbook.xml", xl_workbook},
		{"xl/_rels/workbook.xml.rels", xl_rels},
		{"xl/worksheets/sheet1.xml", NULL},
		{"xl/worksheets/tong.xml", xl_sheet2},
	};
	struct doc d;
	size_t len;
	unsigned char *z;

	hs_buf_adds(&sheet, "<worksheet xmlns=\"" S_NS "\"><sheetData>");
	for (unsigned r = 1; r <= 100; r++)
		hs_buf_addf(&sheet, "<row r=\"%u\"><c><v>%u</v></c>"
				    "<c><v>%u</v></c></row>", r, r, r * 2);
	hs_buf_adds(&sheet, "</sheetData></worksheet>");
	e[2].data = sheet.ptr;
	z = make_zip(e, ARRAY_SIZE(e), &len);
	lim.cells_max = 50;
	doc_init(&d, &lim);
	extract_xlsx(&d, z, len);
	ck_assert_int_eq(d.status, DOC_LIMIT_EXCEEDED);
	ck_assert(has_note(&d, HS106));
	ck_assert_uint_eq(d.nsheets, 2);
	ck_assert_uint_eq(d.tables[0].nrows, 25);
	ck_assert_uint_eq(d.tables[1].nrows, 0);
	ck_assert(cell_at(&d, 0, 25, 1)->num == 50.0);
	doc_release(&d);
	free(z);
	hs_buf_release(&sheet);
}
END_TEST

/* ================================================================= odf === */

static unsigned char *make_odf(const char *content, const char *styles,
			       const char *manifest, size_t *len)
{
	struct zent e[4] = {
		{"mimetype", "application/vnd.oasis.opendocument.text"},
		{"content.xml", content},
		{"styles.xml", styles ? styles : "<x/>"},
		{"META-INF/manifest.xml", manifest ? manifest : "<x/>"},
	};

	return make_zip(e, 4, len);
}

START_TEST(odt_text_table_and_fonts)
{
	static const char styles[] =
		"<office:document-styles " ODF_NS "><office:font-face-decls>"
		"<style:font-face style:name=\"VnT\" "
		"svg:font-family=\"&apos;.VnTime&apos;\"/>"
		"</office:font-face-decls><office:styles>"
		"<style:default-style style:family=\"paragraph\">"
		"<style:text-properties style:font-name=\"Liberation Serif\"/>"
		"</style:default-style>"
		"<style:style style:name=\"Legacy\" style:family=\"paragraph\">"
		"<style:text-properties style:font-name=\"VnT\"/></style:style>"
		"</office:styles><office:automatic-styles>"
		"<style:style style:name=\"P1\" style:family=\"paragraph\">"
		"<style:text-properties fo:font-family=\"Arial\"/></style:style>"
		"</office:automatic-styles></office:document-styles>";
	static const char content[] =
		"<office:document-content " ODF_NS "><office:automatic-styles>"
		"<style:style style:name=\"P1\" style:family=\"paragraph\" "
		"style:parent-style-name=\"Legacy\"/>"
		"<style:style style:name=\"T1\" style:family=\"text\">"
		"<style:text-properties fo:font-family=\"Times New Roman\"/>"
		"</style:style></office:automatic-styles>"
		"<office:body><office:text>"
		"<text:h text:outline-level=\"1\">Báo cáo</text:h>"
		"<text:p>Xã<text:s text:c=\"3\"/>Hòa<text:tab/>Bình"
		"<text:line-break/>năm 2024<office:annotation><text:p>bình "
		"luận</text:p></office:annotation></text:p>"
		"<text:p text:style-name=\"P1\">" TCVN3_CDHT
		"<text:span text:style-name=\"T1\"> ®</text:span></text:p>"
		"<table:table table:name=\"Bang1\"><table:table-column "
		"table:number-columns-repeated=\"3\"/>"
		"<table:table-row><table:table-cell "
		"table:number-columns-spanned=\"2\"><text:p>Gộp</text:p>"
		"</table:table-cell><table:covered-table-cell/>"
		"<table:table-cell><text:p>Ba</text:p></table:table-cell>"
		"</table:table-row><table:table-row><table:table-cell>"
		"<text:p>Một</text:p><text:p>hai</text:p></table:table-cell>"
		"<table:table-cell/><table:table-cell><text:p>3</text:p>"
		"</table:table-cell></table:table-row></table:table>"
		"<text:p>Hết</text:p></office:text></office:body>"
		"</office:document-content>";
	const struct doc_cell *c;
	struct doc d;
	size_t len;
	unsigned char *z = make_odf(content, styles, NULL, &len);

	doc_init(&d, NULL);
	extract_odt(&d, z, len);
	ck_assert_int_eq(d.status, DOC_OK);
	ck_assert_str_eq(d.text.ptr,
			 "Báo cáo\nXã   Hòa\tBình\nnăm 2024\n"
			 "Cộng đồng học tập ®\n"
			 "Gộp\tBa\nMột hai\t\t3\nHết\n");
	ck_assert_int_eq(d.encoding, DOC_ENC_TCVN3);
	ck_assert(has_note(&d, HS203));
	ck_assert_uint_eq(d.ntables, 1);
	ck_assert_str_eq(d.tables[0].name, "Bảng 1");
	ck_assert_str_eq(cell_at(&d, 0, 1, 0)->text, "Gộp");
	ck_assert_ptr_null(cell_at(&d, 0, 1, 1)); /* covered */
	ck_assert_str_eq(cell_at(&d, 0, 1, 2)->text, "Ba");
	c = cell_at(&d, 0, 2, 0);
	ck_assert_str_eq(c->text, "Một\nhai");
	ck_assert_str_eq(cell_at(&d, 0, 2, 1)->text, "");
	doc_release(&d);
	free(z);
}
END_TEST

START_TEST(ods_repeats_and_numbers)
{
	static const char content[] =
		"<office:document-content " ODF_NS "><office:automatic-styles>"
		"<style:style style:name=\"ce1\" style:family=\"table-cell\">"
		"<style:text-properties style:font-name=\".VnTime\"/>"
		"</style:style></office:automatic-styles>"
		"<office:body><office:spreadsheet>"
		"<table:table table:name=\"Thống kê\">"
		"<table:table-column table:number-columns-repeated=\"16384\"/>"
		"<table:table-row><table:table-cell office:value-type=\"string\">"
		"<text:p>Xã</text:p></table:table-cell>"
		"<table:table-cell office:value-type=\"float\" "
		"office:value=\"1250\"><text:p>1.250</text:p></table:table-cell>"
		"<table:table-cell office:value-type=\"percentage\" "
		"office:value=\"0.641\"><text:p>64,1%</text:p>"
		"</table:table-cell><table:table-cell "
		"table:number-columns-repeated=\"16381\"/></table:table-row>"
		"<table:table-row table:number-rows-repeated=\"2\">"
		"<table:table-cell table:number-columns-repeated=\"2\" "
		"office:value-type=\"float\" office:value=\"7\"><text:p>7"
		"</text:p></table:table-cell><table:table-cell "
		"table:style-name=\"ce1\"><text:p>" TCVN3_CDHT "</text:p>"
		"</table:table-cell></table:table-row>"
		"<table:table-row table:number-rows-repeated=\"1048572\">"
		"<table:table-cell table:number-columns-repeated=\"16384\"/>"
		"</table:table-row></table:table>"
		"<table:table table:name=\"Trang 2\"><table:table-row>"
		"<table:table-cell table:number-columns-repeated=\"99999999999\"/>"
		"<table:table-cell><text:p>cuối</text:p></table:table-cell>"
		"</table:table-row></table:table>"
		"</office:spreadsheet></office:body></office:document-content>";
	const struct doc_cell *c;
	struct doc d;
	size_t len;
	unsigned char *z = make_odf(content, NULL, NULL, &len);
	clock_t t0 = clock();

	doc_init(&d, NULL);
	extract_ods(&d, z, len);
	ck_assert((clock() - t0) < 2 * CLOCKS_PER_SEC);
	ck_assert_int_eq(d.status, DOC_OK);
	ck_assert_uint_eq(d.nsheets, 2);
	ck_assert_uint_eq(d.ntables, 2);
	ck_assert_str_eq(d.tables[0].name, "Thống kê");
	ck_assert_uint_eq(d.tables[0].page, 1);
	ck_assert_uint_eq(d.tables[0].nrows, 3);
	ck_assert_uint_eq(d.ncells, 3 + 2 * 3 + 1);
	c = cell_at(&d, 0, 1, 1);
	ck_assert(c->is_num && c->num == 1250.0);
	ck_assert_str_eq(c->text, "1.250");
	c = cell_at(&d, 0, 1, 2);
	ck_assert(c->is_num && c->num == 0.641);
	ck_assert(!cell_at(&d, 0, 1, 0)->is_num);
	c = cell_at(&d, 0, 3, 1);
	ck_assert(c->is_num && c->num == 7.0);
	ck_assert_str_eq(cell_at(&d, 0, 3, 2)->text, "Cộng đồng học tập");
	ck_assert_int_eq(d.encoding, DOC_ENC_TCVN3);
	ck_assert_str_eq(d.text.ptr,
			 "Thống kê\nXã\t1.250\t64,1%\n"
			 "7\t7\tCộng đồng học tập\n7\t7\tCộng đồng học tập\n\n"
			 "Trang 2\ncuối\n\n");
	ck_assert_uint_eq(d.tables[1].nrows, 1);
	ck_assert_uint_eq(d.tables[1].rows[0].ncells, 1);
	doc_release(&d);
	free(z);
}
END_TEST

START_TEST(ods_hostile_repeats_capped)
{
	static const char content[] =
		"<office:document-content " ODF_NS "><office:body>"
		"<office:spreadsheet><table:table table:name=\"B\">"
		"<table:table-row table:number-rows-repeated=\"1048576\">"
		"<table:table-cell table:number-columns-repeated=\"16384\" "
		"office:value-type=\"float\" office:value=\"1\"><text:p>1"
		"</text:p></table:table-cell></table:table-row></table:table>"
		"</office:spreadsheet></office:body></office:document-content>";
	struct extract_limits lim = EXTRACT_LIMITS_DEFAULT;
	struct doc d;
	size_t len;
	unsigned char *z = make_odf(content, NULL, NULL, &len);
	clock_t t0 = clock();

	lim.cells_max = 5000;
	doc_init(&d, &lim);
	extract_ods(&d, z, len);
	ck_assert((clock() - t0) < 2 * CLOCKS_PER_SEC);
	ck_assert_int_eq(d.status, DOC_LIMIT_EXCEEDED);
	ck_assert(has_note(&d, HS106));
	ck_assert_uint_le(d.ncells, 5001);
	ck_assert_uint_eq(d.tables[0].nrows, 5);
	doc_release(&d);
	free(z);
}
END_TEST

START_TEST(odf_encrypted_manifest)
{
	static const char manifest[] =
		"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:"
		"opendocument:xmlns:manifest:1.0\"><manifest:file-entry "
		"manifest:full-path=\"content.xml\"><manifest:encryption-data "
		"manifest:checksum-type=\"SHA1/1K\"/></manifest:file-entry>"
		"</manifest:manifest>";
	struct doc d;
	size_t len;
	unsigned char *z = make_odf("\x01\x02 not xml", NULL, manifest, &len);

	doc_init(&d, NULL);
	extract_odt(&d, z, len);
	ck_assert_int_eq(d.status, DOC_ENCRYPTED);
	ck_assert(has_note(&d, HS204));
	ck_assert(!has_note(&d, HS201));
	doc_release(&d);
	free(z);
}
END_TEST

START_TEST(odt_doctype_refused)
{
	struct doc d;
	size_t len;
	unsigned char *z = make_odf(
		"<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM "
		"\"file:///etc/passwd\"><office:document-content " ODF_NS
		"/>", NULL, NULL, &len);

	doc_init(&d, NULL);
	extract_odt(&d, z, len);
	ck_assert_int_eq(d.status, DOC_UNREADABLE);
	ck_assert(has_note(&d, HS201));
	doc_release(&d);
	free(z);
}
END_TEST

Suite *ooxml_suite(void)
{
	Suite *s = suite_create("ooxml");
	TCase *tc = tcase_create("docx");

	tcase_add_test(tc, docx_text_and_table);
	tcase_add_test(tc, docx_tcvn3_runs_and_styles);
	tcase_add_test(tc, docx_vni_run);
	tcase_add_test(tc, docx_doctype_refused);
	tcase_add_test(tc, docx_undefined_entity_unreadable);
	tcase_add_test(tc, docx_duplicate_entry);
	tcase_add_test(tc, docx_truncated_zip);
	tcase_add_test(tc, docx_part_over_limit);
	tcase_add_test(tc, docx_too_many_entries);
	tcase_add_test(tc, docx_encrypted_entry);
	tcase_add_test(tc, docx_empty_document_ok);
	tcase_add_test(tc, docx_broken_styles_ignored);
	suite_add_tcase(s, tc);
	tc = tcase_create("xlsx");
	tcase_add_test(tc, xlsx_sheets_and_cells);
	tcase_add_test(tc, xlsx_cell_limit);
	suite_add_tcase(s, tc);
	tc = tcase_create("odf");
	tcase_add_test(tc, odt_text_table_and_fonts);
	tcase_add_test(tc, ods_repeats_and_numbers);
	tcase_add_test(tc, ods_hostile_repeats_capped);
	tcase_add_test(tc, odf_encrypted_manifest);
	tcase_add_test(tc, odt_doctype_refused);
	suite_add_tcase(s, tc);
	return s;
}
