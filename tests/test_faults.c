/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_faults.c: every fault planted in fixtures/faults (MANIFEST.tsv) is
 * found with its code, file and, for tables, its sheet and cell; the clean
 * dossiers of fixtures/check raise none of the consistency findings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cjson/cJSON.h>

#include "base/buf.h"
#include "suites.h"
#include "testutil.h"

static cJSON *verdict_of(const char *dir)
{
	struct hs_buf cmd = HS_BUF_INIT, out = HS_BUF_INIT;
	char blk[65536];
	size_t n;
	FILE *p;
	cJSON *v;

	hs_buf_addf(&cmd, "SOURCE_DATE_EPOCH=1767225600 '%s' check --format json '%s' 2>/dev/null",
		    HOSO_BIN, dir);
	p = popen(cmd.ptr, "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(blk, 1, sizeof(blk), p)) > 0)
		hs_buf_add(&out, blk, n);
	pclose(p);
	v = cJSON_Parse(out.ptr);
	ck_assert_msg(v != NULL, "no verdict for %s", dir);
	hs_buf_release(&cmd);
	hs_buf_release(&out);
	return v;
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItem(o, k);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Does v hold a finding of code on file (and at sheet/row if given)? */
static bool has_finding(cJSON *v, const char *code, const char *file,
			const char *sheet, const char *row)
{
	cJSON *f;

	cJSON_ArrayForEach(f, cJSON_GetObjectItem(v, "findings")) {
		const cJSON *loc = cJSON_GetObjectItem(f, "location");
		const char *c = str(loc, "cell");

		if (strcmp(str(f, "code"), code) || !str(f, "file") ||
		    strcmp(str(f, "file"), file))
			continue;
		if (sheet && (!str(loc, "sheet") || strcmp(str(loc, "sheet"), sheet)))
			continue;
		if (row && (!c || strcmp(c + strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), row)))
			continue;
		return true;
	}
	return false;
}

START_TEST(planted_faults_found)
{
	size_t len;
	char *m = (char *)tu_read_fixture("faults/MANIFEST.tsv", &len);
	char *save = NULL, *line = strtok_r(m, "\n", &save);
	char cached_dir[512] = "";
	cJSON *v = NULL;
	int rows = 0;

	while ((line = strtok_r(NULL, "\n", &save))) {
		char *f[6] = {0}, *p = line, dir[512], sheet[128], rowbuf[16];
		const char *file, *want_sheet = NULL, *want_row = NULL;
		char *slash;

		for (int k = 0; k < 6 && p; k++) {
			f[k] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		slash = strchr(f[0], '/');
		ck_assert_ptr_nonnull(slash);
		snprintf(dir, sizeof(dir), "%s/faults/%.*s", HOSO_FIXTURES,
			 (int)(slash - f[0]), f[0]);
		file = slash + 1;
		if (strcmp(dir, cached_dir)) {
			cJSON_Delete(v);
			v = verdict_of(dir);
			snprintf(cached_dir, sizeof(cached_dir), "%s", dir);
		}
		/* "Sheet!E5" or "Bảng 2 row 14": where the cell is */
		if (strchr(f[2], '!') && strncmp(f[2], "line", 4)) {
			const char *bang = strchr(f[2], '!');

			snprintf(sheet, sizeof(sheet), "%.*s", (int)(bang - f[2]), f[2]);
			want_sheet = sheet;
			snprintf(rowbuf, sizeof(rowbuf), "%s",
				 bang + 1 + strspn(bang + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
			want_row = rowbuf;
		} else if (strstr(f[2], " row ")) {
			const char *r = strstr(f[2], " row ");

			snprintf(sheet, sizeof(sheet), "%.*s", (int)(r - f[2]), f[2]);
			want_sheet = sheet;
			snprintf(rowbuf, sizeof(rowbuf), "%s", r + 5);
			want_row = rowbuf;
		}
		ck_assert_msg(has_finding(v, f[1], file, want_sheet, want_row),
			      "%s not found in '%s' at %s", f[1], file, f[2]);
		rows++;
	}
	ck_assert_int_ge(rows, 17);
	cJSON_Delete(v);
	free(m);
}
END_TEST

START_TEST(clean_dossiers_raise_none)
{
	static const char *const dirs[] = {"tt25-muc-do-2", "tt44-2023",
					   "tt25-khong-dau.zip"};
	static const char *const codes[] = {
		"HS401", "HS402", "HS403", "HS404", "HS501", "HS502",
		"HS503", "HS505", "HS506", "HS507", "HS508", "HS601"};

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		char dir[512];
		cJSON *v, *f;

		snprintf(dir, sizeof(dir), "%s/check/%s", HOSO_FIXTURES, dirs[i]);
		v = verdict_of(dir);
		cJSON_ArrayForEach(f, cJSON_GetObjectItem(v, "findings"))
			for (size_t k = 0; k < sizeof(codes) / sizeof(codes[0]); k++)
				ck_assert_msg(strcmp(str(f, "code"), codes[k]),
					      "%s: false %s: %s", dirs[i], codes[k],
					      str(f, "message"));
		cJSON_Delete(v);
	}
}
END_TEST

Suite *faults_suite(void)
{
	Suite *s = suite_create("faults");
	TCase *tc = tcase_create("planted");

	tcase_add_test(tc, planted_faults_found);
	tcase_add_test(tc, clean_dossiers_raise_none);
	tcase_set_timeout(tc, 300);
	suite_add_tcase(s, tc);
	return s;
}
