/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_hostile.c: the hostile corpus of issue 5, generated here with
 * libarchive's writer and byte patching (no fixture files, no Python).
 * One dossier folder holds every hostile case beside an honest document;
 * `hoso extract` must give each case its own finding code and status, end
 * within a stated bound, still read the honest document, and create
 * nothing outside its output file. Also the CLI's limit checks and the
 * parent's budget for what workers send back.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <cjson/cJSON.h>

#include "base/buf.h"
#include "read/dossier.h"
#include "understand/rubric.h"
#include "read/source.h"
#include "suites.h"
#include "testutil.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define S_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define R_NS \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PR_NS "http://schemas.openxmlformats.org/package/2006/relationships"

/* The bound the whole hostile dossier must be read within. */
#define HOSTILE_SECONDS 60

/* A 7z made by 7-Zip with -p -mhe=on (encrypted headers): libarchive's
 * writer cannot encrypt, so its 206 bytes are here. */
static const unsigned char enc_7z[] = {
  0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04, 0x15, 0xd9, 0x79, 0xb2,
  0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2e, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x83, 0x78, 0xbf, 0x4b, 0x2c, 0xb4, 0x5a, 0x13,
  0xc3, 0x5b, 0x98, 0x0d, 0x86, 0x4b, 0x76, 0xb5, 0xda, 0xaf, 0x2f, 0x5b,
  0xc4, 0x02, 0xcf, 0x46, 0xeb, 0xe3, 0x61, 0x9b, 0xd9, 0xf9, 0x8a, 0x61,
  0x1f, 0xf1, 0xf4, 0x26, 0xe7, 0x4c, 0x35, 0xc3, 0xd2, 0xa5, 0xa7, 0x31,
  0x8a, 0xd1, 0xa3, 0xee, 0xc5, 0x92, 0x87, 0x7e, 0x57, 0xb8, 0x9a, 0x9b,
  0x76, 0x7d, 0x42, 0xe5, 0x05, 0xdf, 0xc0, 0x1c, 0x85, 0x94, 0x3b, 0xb3,
  0x44, 0x7a, 0xa0, 0x7d, 0x41, 0x79, 0xc6, 0x73, 0x3c, 0x23, 0xbc, 0x5d,
  0x4c, 0xb9, 0x5c, 0x1a, 0x4c, 0x85, 0x76, 0xd5, 0xb9, 0x12, 0xc8, 0x5d,
  0xc1, 0x12, 0x0b, 0xd5, 0xad, 0xfc, 0x22, 0xb0, 0x21, 0x76, 0xc2, 0x0a,
  0xf4, 0x3d, 0xfd, 0x79, 0x3e, 0x5a, 0xd3, 0x55, 0x3a, 0x2e, 0xd3, 0x36,
  0xc9, 0x3c, 0x6f, 0x82, 0x33, 0x3f, 0xaa, 0x23, 0x06, 0x99, 0x85, 0xd1,
  0xac, 0xa2, 0x23, 0x77, 0x17, 0x06, 0x10, 0x01, 0x09, 0x70, 0x00, 0x07,
  0x0b, 0x01, 0x00, 0x01, 0x24, 0x06, 0xf1, 0x07, 0x01, 0x12, 0x53, 0x0f,
  0x1d, 0x91, 0x25, 0xc3, 0x19, 0x4b, 0x05, 0x17, 0x4d, 0x58, 0x1f, 0x09,
  0x6b, 0xea, 0x4c, 0xef, 0x0c, 0x62, 0x0a, 0x01, 0xc3, 0x7f, 0x08, 0x5d,
  0x00, 0x00};

struct ent {
	const char *name;
	mode_t type;       /* 0: AE_IFREG */
	const void *data;  /* NULL with len: len zero bytes, streamed */
	size_t len;
	const char *link;
};

static char dir[128], outdir[128], home[128];

/* Writes an archive of ents to dir/name. */
static void write_arc(const char *name, const char *format,
		      const char *const filters[], const char *options,
		      const char *passphrase, const struct ent *e, size_t n)
{
	struct archive *a = archive_write_new();
	struct hs_buf path = HS_BUF_INIT;
	static char zeros[1 << 20];

	hs_buf_addf(&path, "%s/%s", dir, name);
	ck_assert_int_eq(archive_write_set_format_by_name(a, format), ARCHIVE_OK);
	for (int k = 0; filters && filters[k]; k++)
		ck_assert_int_eq(archive_write_add_filter_by_name(a, filters[k]),
				 ARCHIVE_OK);
	if (options)
		ck_assert_int_eq(archive_write_set_options(a, options), ARCHIVE_OK);
	if (passphrase)
		ck_assert_int_eq(archive_write_set_passphrase(a, passphrase),
				 ARCHIVE_OK);
	ck_assert_int_eq(archive_write_open_filename(a, path.ptr), ARCHIVE_OK);
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *ae = archive_entry_new();
		mode_t type = e[i].type ? e[i].type : AE_IFREG;
		bool body = type == AE_IFREG && !e[i].link;

		archive_entry_set_pathname(ae, e[i].name);
		archive_entry_set_filetype(ae, type);
		archive_entry_set_perm(ae, 0644);
		if (type == AE_IFLNK)
			archive_entry_set_symlink(ae, e[i].link);
		else if (e[i].link)
			archive_entry_set_hardlink(ae, e[i].link);
		archive_entry_set_size(ae, body ? (la_int64_t)e[i].len : 0);
		ck_assert_int_ge(archive_write_header(a, ae), ARCHIVE_WARN);
		if (body && e[i].data)
			ck_assert_int_eq(archive_write_data(a, e[i].data, e[i].len),
					 (la_ssize_t)e[i].len);
		else if (body)
			for (size_t left = e[i].len; left;) {
				size_t k = left < sizeof(zeros) ? left : sizeof(zeros);

				ck_assert_int_eq(archive_write_data(a, zeros, k),
						 (la_ssize_t)k);
				left -= k;
			}
		archive_entry_free(ae);
	}
	ck_assert_int_eq(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	hs_buf_release(&path);
}

static unsigned char *read_back(const char *name, size_t *len)
{
	struct hs_buf p = HS_BUF_INIT;
	unsigned char *b;

	hs_buf_addf(&p, "%s/%s", dir, name);
	b = tu_read_file(p.ptr, len);
	ck_assert_ptr_nonnull(b);
	hs_buf_release(&p);
	return b;
}

static void write_bytes(const char *name, const void *data, size_t len)
{
	struct hs_buf p = HS_BUF_INIT;
	FILE *f;

	hs_buf_addf(&p, "%s/%s", dir, name);
	f = fopen(p.ptr, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
	hs_buf_release(&p);
}

static void remove_in_dir(const char *name)
{
	struct hs_buf p = HS_BUF_INIT;

	hs_buf_addf(&p, "%s/%s", dir, name);
	ck_assert_int_eq(unlink(p.ptr), 0);
	hs_buf_release(&p);
}

/* An office zip of parts, returned as bytes (caller frees). */
static unsigned char *office(const struct ent *parts, size_t n, size_t *len)
{
	unsigned char *b;

	write_arc("office.tmp", "zip", NULL, NULL, NULL, parts, n);
	b = read_back("office.tmp", len);
	remove_in_dir("office.tmp");
	return b;
}

static size_t count_files(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	size_t n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

static void rm_tree(const char *path)
{
	struct hs_buf cmd = HS_BUF_INIT;

	hs_buf_addf(&cmd, "rm -rf '%s'", path);
	ck_assert_int_eq(system(cmd.ptr), 0);
	hs_buf_release(&cmd);
}

/* Builds every hostile case of the issue in dir. */
static void build_corpus(void)
{
	static const char text[] = "Kế hoạch xây dựng xã hội học tập năm 2024\n";
	static const char *const gz5[] = {"gzip", "gzip", "gzip", "gzip", "gzip",
					  NULL};
	static const char *const gz[] = {"gzip", NULL};
	unsigned char *b;
	size_t len;

	/* the honest document the rest must not hide */
	write_bytes("ke-hoach.txt", text, sizeof(text) - 1);

	/* ../, absolute and backslash names; links and a device */
	{
		struct ent e[] = {
			{"../../etc/evil.txt", 0, text, sizeof(text) - 1, NULL},
			{"/etc/abs.txt", 0, text, sizeof(text) - 1, NULL},
			{"a\\..\\..\\back.txt", 0, text, sizeof(text) - 1, NULL},
			{"link.txt", AE_IFLNK, NULL, 0, "/etc/passwd"},
			{"hard.txt", 0, NULL, 0, "ok.txt"},
			{"dev", AE_IFCHR, NULL, 0, NULL},
			{"ok.txt", 0, text, sizeof(text) - 1, NULL},
		};
		write_arc("names.tar", "pax", NULL, NULL, NULL, e, 7);
	}
	/* 2 GiB of zeros in one entry */
	{
		struct ent e[] = {{"zeros.bin", 0, NULL, 2ull << 30, NULL}};

		write_arc("zeros.zip", "zip", NULL, "zip:compression-level=1",
			  NULL, e, 1);
	}
	/* nested bomb: zip in zip in zip, each level several copies */
	{
		struct ent in[] = {{"zeros.txt", 0, NULL, 16u << 20, NULL}};
		unsigned char *l1, *l2;
		size_t n1, n2;

		write_arc("l1.tmp", "zip", NULL, NULL, NULL, in, 1);
		l1 = read_back("l1.tmp", &n1);
		{
			struct ent e[] = {{"a.zip", 0, l1, n1, NULL},
					  {"b.zip", 0, l1, n1, NULL},
					  {"c.zip", 0, l1, n1, NULL}};

			write_arc("l2.tmp", "zip", NULL, NULL, NULL, e, 3);
		}
		l2 = read_back("l2.tmp", &n2);
		{
			struct ent e[] = {{"x.zip", 0, l2, n2, NULL},
					  {"y.zip", 0, l2, n2, NULL}};

			write_arc("nested-bomb.zip", "zip", NULL, NULL, NULL, e, 2);
		}
		free(l1);
		free(l2);
		remove_in_dir("l1.tmp");
		remove_in_dir("l2.tmp");
	}
	/* overlapping entries: the second central record points at the
	 * first local record */
	{
		struct ent e[] = {{"a.txt", 0, text, sizeof(text) - 1, NULL},
				  {"b.txt", 0, text, sizeof(text) - 1, NULL}};
		long eocd = -1;
		uint32_t cd, p2, zero = 0;

		write_arc("overlap.zip", "zip", NULL, NULL, NULL, e, 2);
		b = read_back("overlap.zip", &len);
		for (long k = (long)len - 22; k >= 0 && eocd < 0; k--)
			if (!memcmp(b + k, "PK\5\6", 4))
				eocd = k;
		ck_assert_int_ge(eocd, 0);
		memcpy(&cd, b + eocd + 16, 4);
		p2 = cd + 46 + (b[cd + 28] | b[cd + 29] << 8) +
		     (b[cd + 30] | b[cd + 31] << 8) + (b[cd + 32] | b[cd + 33] << 8);
		memcpy(b + p2 + 42, &zero, 4);
		write_bytes("overlap.zip", b, len);
		free(b);
	}
	/* sparse tar: 10 GiB of holes around 4 KiB of data */
	{
		struct archive *a = archive_write_new();
		struct archive_entry *ae = archive_entry_new();
		struct hs_buf p = HS_BUF_INIT;
		char blk[4096];

		memset(blk, 'x', sizeof(blk));
		hs_buf_addf(&p, "%s/sparse.tar", dir);
		archive_write_set_format_pax(a);
		archive_write_open_filename(a, p.ptr);
		archive_entry_set_pathname(ae, "holes.txt");
		archive_entry_set_filetype(ae, AE_IFREG);
		archive_entry_set_perm(ae, 0644);
		archive_entry_set_size(ae, 10ll << 30);
		archive_entry_sparse_add_entry(ae, (10ll << 30) - 4096, 4096);
		ck_assert_int_ge(archive_write_header(a, ae), ARCHIVE_WARN);
		archive_write_data(a, blk, sizeof(blk));
		archive_entry_free(ae);
		archive_write_close(a);
		archive_write_free(a);
		hs_buf_release(&p);
	}
	/* gzip stacked five times */
	{
		struct ent e[] = {{"a.txt", 0, text, sizeof(text) - 1, NULL}};

		write_arc("stacked.tar.gz", "pax", gz5, NULL, NULL, e, 1);
	}
	/* truncated: entries before the damage are read */
	{
		struct ent e[20];
		char names[20][24];
		char *big = malloc(64 << 10);

		for (int k = 0; k < (64 << 10); k++)
			big[k] = (char)('a' + (k * 7) % 26);
		for (int k = 0; k < 20; k++) {
			snprintf(names[k], sizeof(names[k]), "f%02d.txt", k);
			e[k] = (struct ent){names[k], 0, big, 64 << 10, NULL};
		}
		write_arc("truncated.tar.gz", "pax", gz, NULL, NULL, e, 20);
		free(big);
		b = read_back("truncated.tar.gz", &len);
		write_bytes("truncated.tar.gz", b, len / 2);
		free(b);
	}
	/* random bytes named .zip */
	{
		unsigned char r[4096];
		uint32_t x = 12345;

		for (size_t k = 0; k < sizeof(r); k++) {
			x = x * 1103515245u + 12345u;
			r[k] = (unsigned char)(x >> 16);
		}
		write_bytes("random.zip", r, sizeof(r));
	}
	/* encrypted zip entry; encrypted 7z headers */
	{
		struct ent e[] = {{"secret.txt", 0, text, sizeof(text) - 1, NULL}};

		write_arc("encrypted.zip", "zip", NULL, "zip:encryption=zipcrypt",
			  "mat-khau", e, 1);
		write_bytes("encrypted-headers.7z", enc_7z, sizeof(enc_7z));
	}
	/* password-protected docx: an OLE compound file with an
	 * EncryptedPackage stream */
	{
		unsigned char cfb[1536] = {0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1,
					   0x1a, 0xe1};
		const char *name = "EncryptedPackage";

		for (size_t k = 0; name[k]; k++)
			cfb[1024 + 2 * k] = (unsigned char)name[k];
		write_bytes("protected.docx", cfb, sizeof(cfb));
	}
	/* password-protected PDF: a standard security handler whose empty
	 * user password does not open it */
	{
		static const char pdf[] =
			"%PDF-1.4\n"
			"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
			"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
			"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
			"4 0 obj<</Filter/Standard/V 1/R 2/Length 40/P -4"
			"/O<0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20>"
			"/U<2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40>"
			">>endobj\n"
			"trailer<</Root 1 0 R/Encrypt 4 0 R/ID[<00112233445566778899aabbccddeeff>"
			"<00112233445566778899aabbccddeeff>]>>\n%%EOF\n";

		write_bytes("protected.pdf", pdf, sizeof(pdf) - 1);
	}
	/* names equal but for case */
	{
		struct ent e[] = {{"KH.txt", 0, text, sizeof(text) - 1, NULL},
				  {"kh.txt", 0, "khác\n", 6, NULL}};

		write_arc("case.zip", "zip", NULL, NULL, NULL, e, 2);
	}
	/* DOCTYPE and billion laughs in word/document.xml */
	{
		static const char laughs[] =
			"<?xml version=\"1.0\"?><!DOCTYPE w:document ["
			"<!ENTITY a \"hahahahahahahahahaha\">"
			"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
			"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
			"<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
			"<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
			"<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
			"<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
			"<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">]>"
			"<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r>"
			"<w:t>&h;</w:t></w:r></w:p></w:body></w:document>";
		struct ent e[] = {
			{"[Content_Types].xml", 0, "<Types/>", 8, NULL},
			{"word/document.xml", 0, laughs, sizeof(laughs) - 1, NULL}};

		b = office(e, 2, &len);
		write_bytes("laughs.docx", b, len);
		free(b);
	}
	/* xlsx declaring 2^31-1 shared strings, and an index past them */
	{
		static const char wb[] =
			"<workbook xmlns=\"" S_NS "\" xmlns:r=\"" R_NS "\"><sheets>"
			"<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
		static const char rels[] =
			"<Relationships xmlns=\"" PR_NS "\">"
			"<Relationship Id=\"rId1\" Type=\"worksheet\" "
			"Target=\"worksheets/sheet1.xml\"/></Relationships>";
		static const char sst[] =
			"<sst xmlns=\"" S_NS "\" count=\"2147483647\" "
			"uniqueCount=\"2147483647\"><si><t>Họ và tên</t></si></sst>";
		static const char sheet[] =
			"<worksheet xmlns=\"" S_NS "\"><sheetData><row r=\"1\">"
			"<c t=\"s\"><v>0</v></c><c t=\"s\"><v>2147483646</v></c>"
			"<c t=\"s\"><v>99999999999999999999</v></c>"
			"</row></sheetData></worksheet>";
		struct ent e[] = {
			{"[Content_Types].xml", 0, "<Types/>", 8, NULL},
			{"xl/workbook.xml", 0, wb, sizeof(wb) - 1, NULL},
			{"xl/_rels/workbook.xml.rels", 0, rels, sizeof(rels) - 1, NULL},
			{"xl/sharedStrings.xml", 0, sst, sizeof(sst) - 1, NULL},
			{"xl/worksheets/sheet1.xml", 0, sheet, sizeof(sheet) - 1, NULL}};

		b = office(e, 5, &len);
		write_bytes("unique-count.xlsx", b, len);
		free(b);
	}
	/* NUL and invalid UTF-8 in text and in names */
	{
		static const char bad[] = "Xã Hòa\xff\xfe Bình\xc3 năm\n";
		static const char nul[] = "Xã \0Hòa\n";
		struct ent e[] = {{"t\xean-\xff.txt", 0, bad, sizeof(bad) - 1, NULL}};

		/* ustar keeps name bytes as they are */
		write_arc("bad-names.tar", "ustar", NULL, NULL, NULL, e, 1);
		write_bytes("bad-utf8.txt", bad, sizeof(bad) - 1);
		write_bytes("nul.txt", nul, sizeof(nul) - 1);
	}
	/* PDF whose page tree is a cycle */
	{
		static const char pdf[] =
			"%PDF-1.4\n"
			"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
			"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
			"3 0 obj<</Type/Pages/Parent 2 0 R/Kids[2 0 R 3 0 R]/Count 1>>endobj\n"
			"trailer<</Root 1 0 R>>\n%%EOF\n";

		write_bytes("cycle.pdf", pdf, sizeof(pdf) - 1);
	}
	/* PDF whose content stream inflates to 200 MiB of spaces */
	{
		struct hs_buf pdf = HS_BUF_INIT;
		struct archive *a;
		unsigned char *z;
		size_t zlen = 0, cap = 4u << 20;
		static char spaces[1 << 20];

		memset(spaces, ' ', sizeof(spaces));
		z = malloc(cap);
		/* a zlib stream: libarchive's "raw" writer with a deflate
		 * filter gives gzip, so write the zlib header by hand around
		 * raw deflate from the zip writer is not possible either:
		 * use the gzip member and let poppler meet a bad header */
		a = archive_write_new();
		archive_write_set_format_raw(a);
		archive_write_add_filter_gzip(a);
		archive_write_open_memory(a, z, cap, &zlen);
		{
			struct archive_entry *ae = archive_entry_new();

			archive_entry_set_pathname(ae, "s");
			archive_entry_set_filetype(ae, AE_IFREG);
			archive_write_header(a, ae);
			for (int k = 0; k < 200; k++)
				archive_write_data(a, spaces, sizeof(spaces));
			archive_entry_free(ae);
		}
		archive_write_close(a);
		archive_write_free(a);
		hs_buf_adds(&pdf, "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
				  "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
				  "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]"
				  "/Contents 4 0 R>>endobj\n");
		/* zlib framing around the gzip member's deflate data:
		 * header 78 9c, deflate body (gzip header 10 bytes, trailer 8
		 * bytes stripped), no adler (poppler stops at the end) */
		hs_buf_addf(&pdf, "4 0 obj<</Length %zu/Filter/FlateDecode>>stream\n",
			    zlen - 18 + 2);
		hs_buf_add(&pdf, "\x78\x9c", 2);
		hs_buf_add(&pdf, z + 10, zlen - 18);
		hs_buf_adds(&pdf, "\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
		write_bytes("inflate.pdf", pdf.ptr, pdf.len);
		hs_buf_release(&pdf);
		free(z);
	}
	/* one volume of a split archive */
	{
		struct ent e[] = {{"a.txt", 0, text, sizeof(text) - 1, NULL}};

		write_arc("dossier.7z.001", "7zip", NULL, NULL, NULL, e, 1);
	}
}

static double now_s(void)
{
	return source_now();
}

/* Does the report have a finding code about file (prefix match)? */
static bool has_finding(cJSON *root, const char *code, const char *file)
{
	cJSON *f;

	cJSON_ArrayForEach(f, cJSON_GetObjectItem(root, "findings")) {
		cJSON *c = cJSON_GetObjectItem(f, "code");
		cJSON *p = cJSON_GetObjectItem(f, "file");

		if (!cJSON_IsString(c) || strcmp(c->valuestring, code))
			continue;
		if (!file || (cJSON_IsString(p) &&
			      !strncmp(p->valuestring, file, strlen(file))))
			return true;
	}
	return false;
}

static const char *status_of(cJSON *root, const char *path)
{
	cJSON *d;

	cJSON_ArrayForEach(d, cJSON_GetObjectItem(root, "documents")) {
		cJSON *p = cJSON_GetObjectItem(d, "path");
		cJSON *s = cJSON_GetObjectItem(d, "status");

		if (cJSON_IsString(p) && !strcmp(p->valuestring, path))
			return cJSON_IsString(s) ? s->valuestring : "?";
	}
	return NULL;
}

#define EXPECT_FINDING(code, file) \
	ck_assert_msg(has_finding(j, code, file), "no %s for %s", code, file)
#define EXPECT_STATUS(path, st) \
	do { \
		const char *got_ = status_of(j, path); \
		ck_assert_msg(got_ && !strcmp(got_, st), "%s: status %s, not %s", \
			      path, got_ ? got_ : "(absent)", st); \
	} while (0)

START_TEST(hostile_dossier)
{
	struct hs_buf cmd = HS_BUF_INIT, out = HS_BUF_INIT;
	size_t before, len;
	double t0, took;
	unsigned char *json;
	cJSON *j;
	int st;

	snprintf(dir, sizeof(dir), "/tmp/hoso-hostile-%d", (int)getpid());
	snprintf(outdir, sizeof(outdir), "/tmp/hoso-hostile-out-%d", (int)getpid());
	snprintf(home, sizeof(home), "/tmp/hoso-hostile-home-%d", (int)getpid());
	rm_tree(dir);
	rm_tree(outdir);
	rm_tree(home);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	ck_assert_int_eq(mkdir(outdir, 0700), 0);
	ck_assert_int_eq(mkdir(home, 0700), 0);
	build_corpus();
	before = count_files(dir);
	hs_buf_addf(&out, "%s/report.json", outdir);
	hs_buf_addf(&cmd, "cd '%s' && HOME='%s' XDG_CACHE_HOME='%s/c' '%s' "
		    "extract --no-cache --jobs 2 -f json -o '%s' '%s' "
		    "2>/dev/null", outdir, home, home, HOSO_BIN, out.ptr, dir);
	t0 = now_s();
	st = system(cmd.ptr);
	took = now_s() - t0;
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) <= 1,
		      "hoso ended with %d", st);
	ck_assert_msg(took < HOSTILE_SECONDS, "hostile dossier took %.1f s", took);
	json = tu_read_file(out.ptr, &len);
	ck_assert_ptr_nonnull(json);
	j = cJSON_ParseWithLength((const char *)json, len);
	ck_assert_ptr_nonnull(j);
	if (getenv("HOSO_HOSTILE_DUMP"))
		fwrite(json, 1, len, stderr);

	/* the honest document, and the honest entries of hostile archives */
	EXPECT_STATUS("ke-hoach.txt", "ok");
	EXPECT_STATUS("names.tar/ok.txt", "ok");
	EXPECT_STATUS("truncated.tar.gz/f00.txt", "ok");
	/* names, links, devices */
	EXPECT_FINDING("HS104", "names.tar");
	EXPECT_FINDING("HS105", "names.tar/link.txt");
	EXPECT_FINDING("HS105", "names.tar/hard.txt");
	EXPECT_FINDING("HS104", "names.tar/dev");
	/* bombs */
	EXPECT_STATUS("zeros.zip/zeros.bin", "limit_exceeded");
	EXPECT_FINDING("HS106", "zeros.zip/zeros.bin");
	EXPECT_FINDING("HS106", "nested-bomb.zip/x.zip/a.zip/zeros.txt");
	EXPECT_STATUS("nested-bomb.zip/x.zip/a.zip/zeros.txt", "limit_exceeded");
	EXPECT_STATUS("overlap.zip", "limit_exceeded");
	EXPECT_FINDING("HS106", "overlap.zip");
	EXPECT_STATUS("sparse.tar/holes.txt", "limit_exceeded");
	EXPECT_FINDING("HS106", "sparse.tar/holes.txt");
	EXPECT_STATUS("stacked.tar.gz", "limit_exceeded");
	EXPECT_FINDING("HS106", "stacked.tar.gz");
	/* damage */
	EXPECT_FINDING("HS102", "truncated.tar.gz");
	EXPECT_STATUS("random.zip", "unsupported");
	EXPECT_FINDING("HS205", "random.zip");
	/* encryption */
	EXPECT_STATUS("encrypted.zip/secret.txt", "encrypted");
	EXPECT_FINDING("HS103", "encrypted.zip/secret.txt");
	EXPECT_FINDING("HS103", "encrypted-headers.7z");
	EXPECT_STATUS("protected.docx", "encrypted");
	EXPECT_FINDING("HS204", "protected.docx");
	EXPECT_STATUS("protected.pdf", "encrypted");
	EXPECT_FINDING("HS204", "protected.pdf");
	/* duplicate names by case */
	EXPECT_FINDING("HS109", "case.zip/kh.txt");
	/* XML */
	EXPECT_STATUS("laughs.docx", "unreadable");
	EXPECT_FINDING("HS201", "laughs.docx");
	EXPECT_STATUS("unique-count.xlsx", "ok");
	/* bytes */
	EXPECT_FINDING("HS108", "bad-names.tar/t");
	EXPECT_STATUS("bad-utf8.txt", "ok");
	/* a NUL byte makes a .txt binary: listed, matched by name only */
	EXPECT_STATUS("nul.txt", "unsupported");
	EXPECT_FINDING("HS205", "nul.txt");
	/* PDFs: the cycle is survived (poppler stops at it) */
	EXPECT_STATUS("cycle.pdf", "ok");
	EXPECT_STATUS("inflate.pdf", "no_text");
	/* split archive */
	EXPECT_FINDING("HS110", "dossier.7z.001");
	EXPECT_STATUS("dossier.7z.001", "unsupported");

	/* nothing written but the report: not in the dossier, not in a
	 * cache under HOME, nothing else beside the report */
	ck_assert_uint_eq(count_files(dir), before);
	ck_assert_uint_eq(count_files(home), 0);
	ck_assert_uint_eq(count_files(outdir), 1);
	cJSON_Delete(j);
	free(json);
	rm_tree(dir);
	rm_tree(outdir);
	rm_tree(home);
	hs_buf_release(&cmd);
	hs_buf_release(&out);
}
END_TEST

/* Finding 11: limits that would wrap or switch a check off are refused. */
START_TEST(cli_limits_checked)
{
	static const char *const bad[] = {
		"--max-text 0", "--max-cells 0", "--max-total 99999999999G",
		"--max-input 18446744073709551615K", "--max-cpu 4294967295",
		"--timeout 3000000", "--max-entries 0", "--max-time 99999999",
		"--max-pages 0", "--max-memory 1",
	};

	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		struct hs_buf cmd = HS_BUF_INIT;
		int st;

		hs_buf_addf(&cmd, "'%s' extract --no-cache %s '%s/docs/ghi-chu-utf8.txt' "
			    ">/dev/null 2>&1", HOSO_BIN, bad[k], HOSO_FIXTURES);
		st = system(cmd.ptr);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 2,
			      "%s accepted (status %d)", bad[k], st);
		hs_buf_release(&cmd);
	}
}
END_TEST

/* Finding 2: what workers send back is charged to --max-total. */
START_TEST(parent_budget)
{
	struct dossier dx;
	struct dossier_options opt = {
		.source = SOURCE_LIMITS_DEFAULT,
		.extract = EXTRACT_LIMITS_DEFAULT,
		.worker = WORKER_LIMITS_DEFAULT,
		.jobs = 2,
	};
	struct hs_buf xml = HS_BUF_INIT;
	unsigned char *b;
	size_t len;
	int limited = 0, ok = 0, notes = 0;

	snprintf(dir, sizeof(dir), "/tmp/hoso-budget-%d", (int)getpid());
	rm_tree(dir);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	hs_buf_adds(&xml, "<w:document xmlns:w=\"" W_NS "\"><w:body>");
	for (int k = 0; k < 6000; k++)
		hs_buf_adds(&xml, "<w:p><w:r><w:t>Kế hoạch xây dựng xã hội học "
				  "tập năm 2024, xã Hòa Bình</w:t></w:r></w:p>");
	hs_buf_adds(&xml, "</w:body></w:document>");
	{
		struct ent e[] = {
			{"[Content_Types].xml", 0, "<Types/>", 8, NULL},
			{"word/document.xml", 0, xml.ptr, xml.len, NULL}};

		b = office(e, 2, &len);
	}
	write_bytes("a.docx", b, len);
	write_bytes("b.docx", b, len);
	write_bytes("c.docx", b, len);
	free(b);
	/* each docx is small, its text about 420 KB: two fit in 1 MiB */
	opt.source.total_max = 1u << 20;
	dossier_read(&dx, dir, &opt);
	ck_assert_uint_eq(dx.ndocs, 3);
	for (size_t i = 0; i < dx.ndocs; i++) {
		limited += dx.docs[i].doc.status == DOC_LIMIT_EXCEEDED;
		ok += dx.docs[i].doc.status == DOC_OK;
	}
	for (size_t i = 0; i < dx.findings.n; i++)
		notes += dx.findings.v[i].code == HS106 &&
			 strstr(dx.findings.v[i].message, "--max-total");
	ck_assert_int_eq(ok, 2);
	ck_assert_int_eq(limited, 1);
	ck_assert_int_eq(notes, 1);
	dossier_release(&dx);
	hs_buf_release(&xml);
	rm_tree(dir);
}
END_TEST

/* Found by fuzz_rubric: a repeated requirement key leaked its first
 * value (fuzz/regress/rubric); ASan's leak check is the assertion. */
START_TEST(rubric_repeated_key)
{
	size_t len;
	unsigned char *src = tu_read_file(HOSO_SOURCE "/schemas/rubrics/tt25-2023.json",
					  &len);
	struct hs_buf j = HS_BUF_INIT;
	const char *at;
	char err[256];
	struct rubric *r;

	ck_assert_ptr_nonnull(src);
	at = strstr((const char *)src, "\"requirements\": {");
	ck_assert_ptr_nonnull(at);
	at += strlen("\"requirements\": {");
	hs_buf_add(&j, src, (size_t)(at - (const char *)src));
	hs_buf_adds(&j, "\"2\": \"lần đầu\", ");
	hs_buf_adds(&j, at);
	r = rubric_parse(j.ptr, "repeated", err, sizeof(err));
	rubric_free(r);
	hs_buf_release(&j);
	free(src);
}
END_TEST

Suite *hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tcase_create("corpus");

	tcase_add_test(tc, hostile_dossier);
	tcase_add_test(tc, cli_limits_checked);
	tcase_add_test(tc, parent_budget);
	tcase_add_test(tc, rubric_repeated_key);
	tcase_set_timeout(tc, 300);
	suite_add_tcase(s, tc);
	return s;
}
