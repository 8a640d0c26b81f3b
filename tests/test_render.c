/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_render.c: the renderings of the verdict, end to end, as a user
 * runs them: the message catalogue is complete in both languages; the
 * terminal report of the complete and of the incomplete fixture dossier
 * says the right things in the right order; `hoso render` on a saved
 * verdict gives what `hoso check` gives; a hand-edited, hostile verdict is
 * rendered without a crash and with everything escaped; the HTML is
 * loaded in headless Chromium (no console errors, the expected text, a
 * sane number of A4 pages when printed); SARIF is valid against the
 * SARIF 2.1.0 schema; a batch writes summary.csv and summary.html.
 *
 * Chromium is part of the set-up (scripts/deps.sh): without it the
 * browser tests fail, they do not skip.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <poppler.h>

#include "base/buf.h"
#include "report/jsonschema.h"
#include "report/render.h"
#include "base/messages.h"
#include "suites.h"
#include "testutil.h"

#define CHECK_FIX HOSO_FIXTURES "/check"
#define TT25 "'" CHECK_FIX "/tt25-muc-do-2'"
#define INCOMPLETE "'" HOSO_FIXTURES "/dossier'"

/* Runs a shell command; its stdout (and stderr if asked) and exit code. */
static char *sh(const char *cmd, int *code)
{
	struct hs_buf out = HS_BUF_INIT;
	FILE *p = popen(cmd, "r");
	char blk[65536];
	size_t n;
	int st;

	ck_assert_ptr_nonnull(p);
	while ((n = fread(blk, 1, sizeof(blk), p)) > 0)
		hs_buf_add(&out, blk, n);
	st = pclose(p);
	if (code)
		*code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return hs_buf_detach(&out, NULL);
}

static char *hoso(const char *args, int *code)
{
	struct hs_buf cmd = HS_BUF_INIT;
	char *out;

	hs_buf_addf(&cmd, "NO_COLOR= '%s' %s 2>/dev/null", HOSO_BIN, args);
	out = sh(cmd.ptr, code);
	hs_buf_release(&cmd);
	return out;
}

static void write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(s, f);
	fclose(f);
}

static void has(const char *hay, const char *needle)
{
	ck_assert_msg(strstr(hay, needle) != NULL, "missing «%s» in:\n%.2000s",
		      needle, hay);
}

static void lacks(const char *hay, const char *needle)
{
	ck_assert_msg(strstr(hay, needle) == NULL, "unexpected «%s» in:\n%.2000s",
		      needle, hay);
}

/* a appears before b in s */
static void before(const char *s, const char *a, const char *b)
{
	const char *pa = strstr(s, a), *pb = strstr(s, b);

	ck_assert_msg(pa && pb && pa < pb, "«%s» should come before «%s»", a, b);
}

/* A file's bytes, NUL-terminated; NULL if it cannot be read. */
static char *slurp(const char *path)
{
	size_t len;

	return (char *)tu_read_file(path, &len);
}

static char *scratch(void)
{
	char *dir = strdup("/tmp/hoso-render-XXXXXX");

	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

static void remove_tree(const char *dir)
{
	struct hs_buf cmd = HS_BUF_INIT;

	hs_buf_addf(&cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd.ptr), 0);
	hs_buf_release(&cmd);
}

/* The conversions of a printf format, in order ("ds" for "%d ... %s"). */
static void conversions(const char *f, char *out, size_t n)
{
	size_t k = 0;

	for (; *f && k + 1 < n; f++)
		if (*f == '%' && f[1]) {
			f++;
			if (*f != '%')
				out[k++] = *f;
		}
	out[k] = '\0';
}

START_TEST(catalogue_complete)
{
	for (int i = 0; i < HS_CODE_COUNT; i++) {
		const struct hs_code_info *ci = hs_code_info((enum hs_code)i);

		for (int l = 0; l < 2; l++) {
			struct code_msg m = msg_code(ci->code, (enum hs_lang)l);

			ck_assert_msg(m.title && *m.title && m.why && *m.why && m.fix && *m.fix,
				      "%s lacks its %s message (validator/messages.def)",
				      ci->name, l ? "English" : "Vietnamese");
		}
	}
	for (int k = 0; k < MSG_COUNT; k++) {
		const char *vi = msg((enum msg_key)k, HS_LANG_VI),
			   *en = msg((enum msg_key)k, HS_LANG_EN);
		char cv[16], ce[16];

		ck_assert_msg(vi && *vi && en && *en, "message %d empty", k);
		conversions(vi, cv, sizeof(cv));
		conversions(en, ce, sizeof(ce));
		ck_assert_msg(!strcmp(cv, ce), "«%s» and «%s» take different arguments",
			      vi, en);
	}
	ck_assert_str_eq(msg_status("missing_evidence", HS_LANG_VI), "thiếu minh chứng");
	ck_assert_str_eq(msg_status("needs_review", HS_LANG_EN), "needs review");
	ck_assert_str_eq(msg_doc_status("no_text", HS_LANG_EN), "scan, no text layer");
	ck_assert_str_eq(msg_severity("warning", HS_LANG_VI), "cảnh báo");
}
END_TEST

START_TEST(explain_both_languages)
{
	int code, lines = 0;
	char *out = hoso("explain HS301", &code);

	ck_assert_int_eq(code, 0);
	has(out, "HS301 (lỗi): Thiếu minh chứng của chỉ tiêu");
	has(out, "Cách sửa: Đề nghị bổ sung");
	has(out, "Vì sao:");
	free(out);
	out = hoso("explain --lang en HS202", &code);
	ck_assert_int_eq(code, 0);
	has(out, "HS202 (warning): PDF has no text layer");
	has(out, "How to fix:");
	free(out);
	out = hoso("explain --list", &code);
	ck_assert_int_eq(code, 0);
	for (const char *p = out; (p = strchr(p, '\n')); p++)
		lines++;
	ck_assert_int_eq(lines, HS_CODE_COUNT);
	has(out, "HS101\terror\tKhông đọc được hồ sơ gửi lên\n");
	free(out);
	out = hoso("explain HS999", &code);
	ck_assert_int_eq(code, 2);
	free(out);
}
END_TEST

START_TEST(text_complete_dossier)
{
	int code;
	char *out = hoso("check " TT25, &code);

	/* the result first, then the checklist, then the findings */
	has(out, "Kết quả: Đạt mức độ 2 (đề nghị mức độ 2)");
	has(out, "Đơn vị: QUY KỲ");
	has(out, "Năm đánh giá: 2024");
	before(out, "Kết quả: ", "Kiểm tra từng tiêu chí, chỉ tiêu");
	before(out, "Kiểm tra từng tiêu chí, chỉ tiêu", "\nPhát hiện\n");
	has(out, "  ✓ 1.1 [đạt] Thực hiện công tác tuyên truyền");
	has(out, "      minh chứng: Tiêu chí 1/Kế hoạch Tuần lễ học tập suốt đời năm 2024.docx\n");
	has(out, "      số liệu: Tỷ lệ công dân trong xã đạt danh hiệu");
	has(out, "Cảnh báo (người thẩm định cần xem): ");
	has(out, "  HS202 Tệp PDF là bản chụp (không có lớp chữ) (1)\n");
	has(out, "(bản chụp có dấu).pdf");
	has(out, "Kết quả chỉ là tạm tính");
	lacks(out, "\033["); /* not a terminal: no colour */
	lacks(out, "thiếu minh chứng]");
	free(out);

	out = hoso("check --lang en " TT25, &code);
	has(out, "Result: Level 2 reached (level 2 requested)");
	has(out, "Criteria and indicators");
	has(out, "  ✓ 1.1 [met] ");
	has(out, "      evidence: Tiêu chí 1/");
	has(out, "Warnings (a reviewer must look): ");
	has(out, "  HS202 PDF has no text layer (scanned): needs review or OCR (1)\n");
	has(out, "The result is provisional");
	free(out);
}
END_TEST

START_TEST(text_incomplete_dossier)
{
	int code;
	char *out = hoso("check " INCOMPLETE, &code);

	ck_assert_int_eq(code, 1);
	has(out, "Kết quả: Chưa đạt mức độ nào (đề nghị mức độ 2)");
	has(out, "5 chỉ tiêu thiếu minh chứng, 4 cần xem xét");
	has(out, "  ! 1.3 [thiếu minh chứng] ");
	has(out, "      chưa có minh chứng: Kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời");
	has(out, "  ? 4.2 [cần xem xét] ");
	has(out, "      minh chứng: Tiêu chí 4/QĐ công nhận phổ cập.pdf (chỉ theo tên tệp)\n");
	/* errors before warnings, each code once with how to fix it */
	before(out, "Lỗi (cần sửa trước khi nộp): ", "Cảnh báo (người thẩm định cần xem): ");
	has(out, "  HS301 Thiếu minh chứng của chỉ tiêu (5)\n"
		 "    Cách sửa: Đề nghị bổ sung");
	has(out, "    - [Chỉ tiêu 1.3]: Chỉ tiêu 1.3 thiếu minh chứng");
	has(out, "  HS302 Minh chứng chỉ khớp theo tên tệp; chưa xác nhận được nội dung (5)\n");
	free(out);

	/* English: the catalogue's title, the args, the Vietnamese message as detail */
	out = hoso("check --lang en " INCOMPLETE, &code);
	has(out, "Result: No level reached (level 2 requested)");
	has(out, "  ! 1.3 [missing evidence] ");
	has(out, "  HS301 required evidence missing for an indicator (5)\n");
	has(out, "    - [Indicator 1.3]: requirement=ke-hoach-tuan-le, ");
	has(out, "found=0, needed=1; detail: Chỉ tiêu 1.3 thiếu minh chứng");
	free(out);
}
END_TEST

START_TEST(render_saved_verdict_is_check)
{
	char *dir = scratch(), *a, *b;
	struct hs_buf cmd = HS_BUF_INIT;
	int code;

	hs_buf_addf(&cmd, "check --format json -o '%s/v.json' " INCOMPLETE, dir);
	free(hoso(cmd.ptr, &code));
	ck_assert_int_eq(code, 1);
	a = hoso("check " INCOMPLETE, &code);
	hs_buf_reset(&cmd);
	hs_buf_addf(&cmd, "render '%s/v.json'", dir);
	b = hoso(cmd.ptr, &code);
	ck_assert_int_eq(code, 0);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	/* the same through standard input, in HTML and with -o */
	hs_buf_reset(&cmd);
	hs_buf_addf(&cmd, "render --format html -o '%s/r.html' - < '%s/v.json'", dir, dir);
	free(hoso(cmd.ptr, &code));
	ck_assert_int_eq(code, 0);
	hs_buf_reset(&cmd);
	hs_buf_addf(&cmd, "%s/r.html", dir);
	a = slurp(cmd.ptr);
	ck_assert_ptr_nonnull(a);
	has(a, "<!DOCTYPE html>");
	has(a, "Chưa đạt mức độ nào");
	free(a);
	/* not a verdict: exit 2 */
	hs_buf_reset(&cmd);
	hs_buf_addf(&cmd, "%s/x.json", dir);
	write_file(cmd.ptr, "{\"schema\": \"hoso-extract/1\"}");
	hs_buf_reset(&cmd);
	hs_buf_addf(&cmd, "render '%s/x.json'", dir);
	free(hoso(cmd.ptr, &code));
	ck_assert_int_eq(code, 2);
	hs_buf_reset(&cmd);
	hs_buf_addf(&cmd, "render --format json '%s/v.json'", dir);
	free(hoso(cmd.ptr, &code));
	ck_assert_int_eq(code, 2);
	remove_tree(dir);
	free(dir);
	hs_buf_release(&cmd);
}
END_TEST

/* A hand-edited verdict: wrong types everywhere, hostile names. */
static const char hostile[] =
	"{\"schema\": \"hoso-verdict/1\", \"tool\": 7,"
	" \"input\": {\"path\": \"a<b>&\\u001b[31m.zip\"},"
	" \"rubric\": [1], \"dossier\": {\"commune\": \"<script>alert(1)</script>\","
	"  \"year\": 2024.5, \"level_claimed\": \"2\"},"
	" \"result\": {\"level_reached\": 1e300, \"points\": \"9\", \"level_if_confirmed\": 3,"
	"  \"to_confirm\": [1, {\"id\": \"<i>9.9\\u001b[31m\", \"needed\": true,"
	"   \"title\": \"<script>x</script>\", \"doubts\": [7, {\"kind\": \"name_only\","
	"   \"title\": \"t\\u001b]0;\", \"documents_total\": \"x\"}, {\"kind\": 5}],"
	"   \"documents\": [3, \"<b>\\u001b.pdf\"]}]},"
	" \"coverage\": null,"
	" \"criteria\": [7, {\"id\": 1, \"title\": null, \"status\": \"bogus\","
	"   \"indicators\": {\"x\": 1}},"
	"   {\"id\": \"2\", \"title\": \"T\\\"2'\", \"status\": \"met\", \"indicators\": ["
	"     \"str\", {\"id\": \"2.1\", \"status\": 3, \"evidence\": [{\"file\": 5},"
	"       {\"file\": \"x\\u001b]0;pwn\\u0007.pdf\", \"match\": \"name\"}],"
	"      \"requirements\": [{\"state\": \"missing\"}], \"figures\": [{\"value\": \"1\"}]}]}],"
	" \"documents\": [{\"path\": \"<img src=x onerror=alert(1)>.pdf\", \"indicators\": [1, \"2.1\"]}],"
	" \"figures\": [{\"name\": \"f\", \"value\": 1, \"location\": 3}],"
	" \"findings\": [1, {\"code\": \"HS202\", \"severity\": \"warning\","
	"   \"message\": \"m\\u001b[2J\", \"file\": \"Tiêu chí 4/bản chụp.pdf\","
	"   \"location\": {\"page\": 2, \"line\": 3}, \"args\": {\"k\": [1]}},"
	"  {\"code\": \"HS999\", \"severity\": \"fatal\", \"indicator\": \"9.9\"},"
	"  {\"code\": null, \"args\": 4}]}";

/* The renderer itself on a verdict nobody checked: it must stay safe. */
static char *render_unchecked(const char *json, enum render_format f)
{
	struct render_options o = {HS_LANG_VI, false, false};
	char err[256] = "";
	char *out = render_verdict(json, f, &o, err, sizeof(err));

	ck_assert_msg(out != NULL, "%s", err);
	return out;
}

START_TEST(hostile_verdict_rendered_safely)
{
	char *dir = scratch(), *out;
	struct hs_buf cmd = HS_BUF_INIT;
	int code;

	hs_buf_addf(&cmd, "%s/h.json", dir);
	write_file(cmd.ptr, hostile);
	hs_buf_reset(&cmd);
	/* hoso render refuses it, naming the first fault by its JSON path */
	hs_buf_addf(&cmd, "'%s' render '%s/h.json' 2>&1", HOSO_BIN, dir);
	out = sh(cmd.ptr, &code);
	ck_assert_int_eq(code, 2);
	has(out, "verdict.schema.json: $.");
	free(out);
	/* and the renderers, given it anyway, stay safe */
	out = render_unchecked(hostile, RENDER_TEXT);
	lacks(out, "\033"); /* no escape sequence reaches the terminal */
	lacks(out, "\a");
	has(out, "HS202");
	has(out, "Tiêu chí 4/bản chụp.pdf (trang 2, dòng 3)");
	has(out, "      xem: <b>\\x1B.pdf\n"); /* shown, not obeyed */
	free(out);
	out = render_unchecked(hostile, RENDER_HTML);
	lacks(out, "<script>");
	lacks(out, "<img");
	has(out, "&lt;script&gt;alert(1)&lt;/script&gt;");
	has(out, "&lt;img src=x onerror=alert(1)&gt;.pdf");
	has(out, "T&quot;2&#39;");
	has(out, "<li>xem: &lt;b&gt;?.pdf</li>");
	lacks(out, "\033");
	free(out);
	out = render_unchecked(hostile, RENDER_SARIF);
	{
		cJSON *s = cJSON_Parse(out), *sch;
		char *b = slurp(HOSO_SHARED_SCHEMAS "/sarif-schema-2.1.0.json");
		char err[1024] = "";
		const cJSON *r;

		ck_assert_ptr_nonnull(s);
		ck_assert_ptr_nonnull(b);
		sch = cJSON_Parse(b);
		ck_assert_msg(jsonschema_validate(sch, s, err, sizeof(err)), "%s", err);
		r = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
			cJSON_GetObjectItem(s, "runs"), 0), "results"), 1);
		/* the line is a region; the page a property */
		ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(
			cJSON_GetArrayItem(cJSON_GetObjectItem(r, "locations"), 0),
			"physicalLocation"), "region"), "startLine")->valueint, 3);
		cJSON_Delete(s);
		cJSON_Delete(sch);
		free(b);
	}
	free(out);
	remove_tree(dir);
	free(dir);
	hs_buf_release(&cmd);
}
END_TEST

/* Writes v to dir/name and renders it with args; the output. */
static char *render_json(const char *dir, const char *name, cJSON *v,
			 const char *args)
{
	struct hs_buf cmd = HS_BUF_INIT;
	char *json = cJSON_Print(v), *out;
	int code;

	hs_buf_addf(&cmd, "%s/%s", dir, name);
	write_file(cmd.ptr, json);
	hs_buf_reset(&cmd);
	hs_buf_addf(&cmd, "render %s '%s/%s'", args, dir, name);
	out = hoso(cmd.ptr, &code);
	if (code) {
		/* say why: hoso render checks the verdict against its schema */
		hs_buf_reset(&cmd);
		hs_buf_addf(&cmd, "'%s' render '%s/%s' 2>&1 >/dev/null", HOSO_BIN,
			    dir, name);
		free(json);
		json = sh(cmd.ptr, NULL);
	}
	ck_assert_msg(code == 0, "render %s %s: exit %d: %s", args, name, code,
		      code ? json : "");
	free(json);
	hs_buf_release(&cmd);
	return out;
}

/* A pending indicator as hoso writes it (result.to_confirm). */
static cJSON *pending(const char *id, bool needed, const char *if_confirmed,
		      const char *kind, int total)
{
	cJSON *it = cJSON_CreateObject(), *d = cJSON_CreateObject(), *docs;

	cJSON_AddStringToObject(it, "id", id);
	cJSON_AddStringToObject(it, "criterion", "3");
	cJSON_AddStringToObject(it, "title", "Tiêu đề chỉ tiêu");
	cJSON_AddStringToObject(it, "why", "cần xem xét");
	cJSON_AddItemToArray(cJSON_AddArrayToObject(it, "levels"), cJSON_CreateNumber(2));
	cJSON_AddNullToObject(it, "points");
	cJSON_AddNullToObject(it, "points_if_confirmed");
	cJSON_AddNullToObject(it, "points_max");
	cJSON_AddStringToObject(it, "if_confirmed", if_confirmed);
	cJSON_AddBoolToObject(it, "needed", needed);
	cJSON_AddStringToObject(d, "kind", kind);
	if (!strcmp(kind, "figure_not_found")) {
		cJSON_AddNullToObject(d, "requirement");
		cJSON_AddStringToObject(d, "figure", "so_lieu_x");
	} else {
		cJSON_AddStringToObject(d, "requirement", "yeu-cau-x");
		cJSON_AddNullToObject(d, "figure");
	}
	cJSON_AddStringToObject(d, "title", "Số liệu X");
	docs = cJSON_AddArrayToObject(d, "documents");
	cJSON_AddItemToArray(docs, cJSON_CreateString("a.pdf"));
	cJSON_AddNumberToObject(d, "documents_total", total);
	cJSON_AddItemToArray(cJSON_AddArrayToObject(it, "doubts"), d);
	cJSON_AddItemToObject(it, "documents", cJSON_Duplicate(docs, true));
	return it;
}

/*
 * What confirming would give, as the renderers say it, from hand-set
 * results: a level proven and a higher one if confirmed, several ids,
 * an indicator that confirming does not raise, points; and a verdict
 * written before these fields renders as it always did.
 */
START_TEST(pending_headline_and_old_verdicts)
{
	char *dir = scratch(), *out, *a;
	struct hs_buf cmd = HS_BUF_INIT;
	cJSON *v, *res, *tc;
	int code;

	hs_buf_addf(&cmd, "check --format json -o '%s/v.json' " TT25, dir);
	free(hoso(cmd.ptr, &code));
	ck_assert_int_eq(code, 0);
	hs_buf_reset(&cmd);
	hs_buf_addf(&cmd, "%s/v.json", dir);
	a = slurp(cmd.ptr);
	v = cJSON_Parse(a);
	free(a);
	ck_assert_ptr_nonnull(v);
	res = cJSON_GetObjectItem(v, "result");

	/* an old verdict: no *_if_confirmed, no to_confirm */
	cJSON_DeleteItemFromObject(res, "level_if_confirmed");
	cJSON_DeleteItemFromObject(res, "points_if_confirmed");
	cJSON_DeleteItemFromObject(res, "classification_if_confirmed");
	cJSON_DeleteItemFromObject(res, "to_confirm");
	out = render_json(dir, "old.json", v, "");
	a = hoso("check " TT25, &code);
	ck_assert_str_eq(out, a); /* nothing pending: the same report */
	has(out, "Kết quả: Đạt mức độ 2 (đề nghị mức độ 2)\n");
	lacks(out, "Cần xác nhận");
	free(a);
	free(out);
	out = render_json(dir, "old.json", v, "--format html");
	has(out, "<p class=\"headline\">Đạt mức độ 2 (đề nghị mức độ 2)</p>");
	lacks(out, "to-confirm");
	free(out);

	/* level 1 proven; level 2 if 3.3 is confirmed */
	cJSON_ReplaceItemInObject(res, "level_reached", cJSON_CreateNumber(1));
	cJSON_AddNumberToObject(res, "level_if_confirmed", 2);
	tc = cJSON_AddArrayToObject(res, "to_confirm");
	cJSON_AddItemToArray(tc, pending("3.3", true, "met", "figure_not_found", 3));
	out = render_json(dir, "p.json", v, "");
	has(out, "Kết quả: Đạt mức độ 1 (đề nghị mức độ 2); đạt mức độ 2 nếu xác nhận "
		 "1 chỉ tiêu (3.3)\n");
	has(out, "\nCần xác nhận (1):\n  ? 3.3 Tiêu đề chỉ tiêu\n"
		 "      không tìm thấy số liệu «Số liệu X»\n"
		 "      xem: a.pdf\n      và 2 tài liệu khác\n");
	free(out);
	out = render_json(dir, "p.json", v, "--lang en");
	has(out, "Result: Level 1 reached (level 2 requested); level 2 if 1 indicator "
		 "is confirmed (3.3)\n");
	has(out, "\nTo confirm (1):\n  ? 3.3 Tiêu đề chỉ tiêu\n"
		 "      figure «Số liệu X» not found\n"
		 "      look at: a.pdf\n      and 2 more documents\n");
	free(out);
	out = render_json(dir, "p.json", v, "--format sarif");
	{
		cJSON *s = cJSON_Parse(out), *props, *one;

		ck_assert_ptr_nonnull(s);
		props = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(s, "runs"), 0),
					    "properties");
		ck_assert_str_eq(cJSON_GetObjectItem(props, "result")->valuestring,
				 "Đạt mức độ 1 (đề nghị mức độ 2); đạt mức độ 2 nếu xác "
				 "nhận 1 chỉ tiêu (3.3)");
		one = cJSON_GetArrayItem(cJSON_GetObjectItem(props, "toConfirm"), 0);
		ck_assert_str_eq(cJSON_GetObjectItem(one, "indicator")->valuestring, "3.3");
		ck_assert_str_eq(cJSON_GetObjectItem(one, "reason")->valuestring,
				 "không tìm thấy số liệu «Số liệu X»");
		ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(one, "documents"), 0)
					 ->valuestring, "a.pdf");
		cJSON_Delete(s);
	}
	free(out);

	/* two needed, one that confirming leaves not met (not counted) */
	cJSON_AddItemToArray(tc, pending("4.2", true, "met", "name_only", 1));
	cJSON_AddItemToArray(tc, pending("5.1", false, "not_met", "out_of_period", 1));
	out = render_json(dir, "p.json", v, "");
	has(out, "; đạt mức độ 2 nếu xác nhận 2 chỉ tiêu (3.3, 4.2)\n");
	has(out, "Cần xác nhận (3):");
	has(out, "      minh chứng «Số liệu X» ban hành ngoài năm đánh giá; "
		 "kể cả khi xác nhận vẫn chưa đạt\n");
	free(out);
	out = render_json(dir, "p.json", v, "--lang en --format html");
	has(out, "<p class=\"headline\">Level 1 reached (level 2 requested); level 2 if "
		 "2 indicators are confirmed (3.3, 4.2)</p>");
	has(out, "evidence «Số liệu X» matched by file name only");
	free(out);

	/* confirming adds nothing: the headline stays what is proven */
	cJSON_ReplaceItemInObject(res, "level_if_confirmed", cJSON_CreateNumber(1));
	out = render_json(dir, "p.json", v, "");
	has(out, "Kết quả: Đạt mức độ 1 (đề nghị mức độ 2)\n");
	has(out, "Cần xác nhận (3):");
	free(out);

	/* points: up to 93 of 100 if one is confirmed */
	cJSON_ReplaceItemInObject(res, "level_reached", cJSON_CreateNull());
	cJSON_ReplaceItemInObject(res, "level_if_confirmed", cJSON_CreateNull());
	cJSON_ReplaceItemInObject(res, "points", cJSON_CreateNumber(84.5));
	cJSON_ReplaceItemInObject(res, "points_max", cJSON_CreateNumber(100));
	cJSON_ReplaceItemInObject(res, "classification", cJSON_CreateString("Khá"));
	cJSON_AddNumberToObject(res, "points_if_confirmed", 86.5);
	cJSON_AddStringToObject(res, "classification_if_confirmed", "Tốt");
	cJSON_DeleteItemFromArray(tc, 1);
	cJSON_DeleteItemFromArray(tc, 0);
	cJSON_ReplaceItemInObject(cJSON_GetArrayItem(tc, 0), "needed", cJSON_CreateTrue());
	cJSON_ReplaceItemInObject(cJSON_GetArrayItem(tc, 0), "points_if_confirmed", cJSON_CreateNumber(2));
	cJSON_ReplaceItemInObject(cJSON_GetArrayItem(tc, 0), "points_max", cJSON_CreateNumber(2));
	out = render_json(dir, "p.json", v, "");
	has(out, "Kết quả: 84,5/100 điểm, Khá; có thể đạt 86,5/100 điểm, Tốt nếu xác nhận "
		 "1 chỉ tiêu (5.1)\n");
	has(out, "; nếu xác nhận: 2/2 điểm\n");
	free(out);
	out = render_json(dir, "p.json", v, "--lang en");
	has(out, "Result: 84.5 of 100 points, Khá; up to 86.5 of 100 points, Tốt if 1 "
		 "indicator is confirmed (5.1)\n");
	has(out, "; if confirmed: 2/2 points\n");
	free(out);

	cJSON_Delete(v);
	remove_tree(dir);
	free(dir);
	hs_buf_release(&cmd);
}
END_TEST

static cJSON *sarif_schema(void)
{
	char *b = slurp(HOSO_SHARED_SCHEMAS "/sarif-schema-2.1.0.json");
	cJSON *s;

	ck_assert_ptr_nonnull(b);
	s = cJSON_Parse(b);
	free(b);
	ck_assert_ptr_nonnull(s);
	return s;
}

START_TEST(sarif_valid_and_located)
{
	cJSON *schema = sarif_schema(), *s, *v, *run, *r, *f;
	char *out, err[1024] = "";
	int code, n301 = 0, nres = 0;
	bool scan_seen = false;

	out = hoso("check --format sarif " INCOMPLETE, &code);
	ck_assert_int_eq(code, 1);
	s = cJSON_Parse(out);
	ck_assert_msg(s != NULL, "not JSON: %.300s", out);
	free(out);
	ck_assert_msg(jsonschema_validate(schema, s, err, sizeof(err)),
		      "SARIF fails the schema: %s", err);
	ck_assert_str_eq(cJSON_GetObjectItem(s, "version")->valuestring, "2.1.0");
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "runs")), 1);
	run = cJSON_GetArrayItem(cJSON_GetObjectItem(s, "runs"), 0);
	/* every code of the catalogue is a rule, with its default level */
	{
		cJSON *rules = cJSON_GetObjectItem(cJSON_GetObjectItem(
			cJSON_GetObjectItem(run, "tool"), "driver"), "rules");

		ck_assert_int_eq(cJSON_GetArraySize(rules), HS_CODE_COUNT);
		r = cJSON_GetArrayItem(rules, hs_code_find("HS301")->code);
		ck_assert_str_eq(cJSON_GetObjectItem(r, "id")->valuestring, "HS301");
		ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "defaultConfiguration"),
						     "level")->valuestring, "error");
		ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "shortDescription"),
						     "text")->valuestring,
				 "Thiếu minh chứng của chỉ tiêu");
	}
	/* one result per finding of the verdict */
	out = hoso("check --format json " INCOMPLETE, &code);
	v = cJSON_Parse(out);
	free(out);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(run, "results")),
			 cJSON_GetArraySize(cJSON_GetObjectItem(v, "findings")));
	cJSON_Delete(v);
	cJSON_ArrayForEach(r, cJSON_GetObjectItem(run, "results")) {
		const char *id = cJSON_GetObjectItem(r, "ruleId")->valuestring;
		cJSON *loc = cJSON_GetArrayItem(cJSON_GetObjectItem(r, "locations"), 0);

		nres++;
		ck_assert_int_eq(cJSON_GetObjectItem(r, "ruleIndex")->valueint,
				 hs_code_find(id)->code);
		if (!strcmp(id, "HS301")) {
			n301++;
			ck_assert_str_eq(cJSON_GetObjectItem(r, "level")->valuestring, "error");
			f = cJSON_GetArrayItem(cJSON_GetObjectItem(loc, "logicalLocations"), 0);
			ck_assert_ptr_nonnull(f);
			if (!strcmp(cJSON_GetObjectItem(f, "name")->valuestring, "1.3"))
				has(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "message"), "text")
					    ->valuestring,
				    "Chỉ tiêu 1.3 thiếu minh chứng");
		}
		if (!strcmp(id, "HS202")) {
			cJSON *al = cJSON_GetObjectItem(cJSON_GetObjectItem(loc, "physicalLocation"),
							"artifactLocation");
			const char *uri = cJSON_GetObjectItem(al, "uri")->valuestring;

			lacks(uri, " ");
			if (!strcmp(uri, "Ti%C3%AAu%20ch%C3%AD%204/Q%C4%90%20c%C3%B4ng%20nh%E1%BA%ADn"
					 "%20ph%E1%BB%95%20c%E1%BA%ADp.pdf"))
				scan_seen = true;
			ck_assert_str_eq(cJSON_GetObjectItem(al, "uriBaseId")->valuestring, "DOSSIER");
			ck_assert_str_eq(cJSON_GetObjectItem(r, "level")->valuestring, "warning");
		}
	}
	ck_assert_int_eq(n301, 5);
	ck_assert(scan_seen);
	ck_assert_int_gt(nres, 5);
	cJSON_Delete(s);

	/* English, and the complete dossier */
	out = hoso("check --format sarif --lang en " TT25, &code);
	s = cJSON_Parse(out);
	free(out);
	ck_assert_msg(jsonschema_validate(schema, s, err, sizeof(err)),
		      "SARIF fails the schema: %s", err);
	run = cJSON_GetArrayItem(cJSON_GetObjectItem(s, "runs"), 0);
	ck_assert_str_eq(cJSON_GetObjectItem(run, "language")->valuestring, "en");
	cJSON_ArrayForEach(r, cJSON_GetObjectItem(run, "results"))
		if (!strcmp(cJSON_GetObjectItem(r, "ruleId")->valuestring, "HS202"))
			has(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "message"), "text")->valuestring,
			    "PDF has no text layer");
	cJSON_Delete(s);
	cJSON_Delete(schema);
}
END_TEST

/*
 * Loads file:// path in headless Chromium: --dump-dom into *dom, or
 * --print-to-pdf into pdf. Returns chromium's stderr (console messages).
 */
static char *chromium(const char *path, char **dom, const char *pdf)
{
	char *profile = scratch(), *err;
	struct hs_buf cmd = HS_BUF_INIT, ep = HS_BUF_INIT;
	int code;

	hs_buf_addf(&ep, "%s/stderr", profile);
	hs_buf_addf(&cmd,
		    "timeout 120 chromium --headless --no-sandbox --disable-gpu "
		    "--disable-quic --no-first-run --disable-background-networking "
		    "--disable-component-update --disable-sync --enable-logging=stderr "
		    "--v=0 --user-data-dir='%s' ",
		    profile);
	if (pdf)
		hs_buf_addf(&cmd, "--no-pdf-header-footer --print-to-pdf='%s' ", pdf);
	else
		hs_buf_adds(&cmd, "--dump-dom ");
	hs_buf_addf(&cmd, "'file://%s' 2>'%s'", path, ep.ptr);
	if (!dom)
		hs_buf_adds(&cmd, " >/dev/null");
	{
		char *out = sh(cmd.ptr, &code);

		ck_assert_msg(code == 0,
			      "chromium failed (exit %d): is it installed? "
			      "(bash scripts/deps.sh installs it)", code);
		if (dom)
			*dom = out;
		else
			free(out);
	}
	err = slurp(ep.ptr);
	ck_assert_ptr_nonnull(err);
	remove_tree(profile);
	free(profile);
	hs_buf_release(&cmd);
	hs_buf_release(&ep);
	return err;
}

/* Chromium logs page console messages as "CONSOLE(" lines. */
static void no_console_errors(const char *err)
{
	for (const char *p = err; (p = strstr(p, "CONSOLE")); p++) {
		const char *eol = strchr(p, '\n');
		int len = eol ? (int)(eol - p) : (int)strlen(p);

		ck_assert_msg(!memmem(p, (size_t)len, "Uncaught", 8) &&
			      !memmem(p, (size_t)len, "Refused", 7) &&
			      !memmem(p, (size_t)len, "ERROR", 5),
			      "console error: %.*s", len, p);
	}
	lacks(err, "Uncaught");
}

static int pdf_pages(const char *path)
{
	GError *e = NULL;
	char *uri = g_filename_to_uri(path, NULL, &e);
	PopplerDocument *d;
	int n;

	ck_assert_ptr_nonnull(uri);
	d = poppler_document_new_from_file(uri, NULL, &e);
	g_free(uri);
	ck_assert_msg(d != NULL, "not a PDF: %s", e ? e->message : "?");
	n = poppler_document_get_n_pages(d);
	{
		PopplerPage *p = poppler_document_get_page(d, 0);
		double w, h;

		poppler_page_get_size(p, &w, &h);
		/* A4 is 595 x 842 points */
		ck_assert_msg(w > 585 && w < 605 && h > 832 && h < 852,
			      "page is %gx%g points, not A4", w, h);
		g_object_unref(p);
	}
	g_object_unref(d);
	return n;
}

START_TEST(html_in_chromium)
{
	char *dir = scratch(), *dom, *err, *html;
	struct hs_buf cmd = HS_BUF_INIT, path = HS_BUF_INIT, pdf = HS_BUF_INIT;
	int code, pages;

	hs_buf_addf(&path, "%s/bao-cao.html", dir);
	hs_buf_addf(&cmd, "check --format html -o '%s' " TT25, path.ptr);
	free(hoso(cmd.ptr, &code));
	html = slurp(path.ptr);
	ck_assert_ptr_nonnull(html);
	/* self-contained: nothing fetched, nothing run */
	lacks(html, "src=");
	lacks(html, "href=");
	lacks(html, "<script");
	lacks(html, "url(");
	has(html, "default-src 'none'");
	free(html);

	err = chromium(path.ptr, &dom, NULL);
	no_console_errors(err);
	has(dom, "<html lang=\"vi\">");
	has(dom, "Báo cáo kiểm tra hồ sơ");
	has(dom, "QUY KỲ");
	has(dom, "Đạt mức độ 2 (đề nghị mức độ 2)");
	has(dom, "25/2023/TT-BGDĐT");
	/* criteria table with status marks */
	has(dom, "<td class=\"st met\">✓ đạt</td>");
	has(dom, "Tiêu chí 5. Tác dụng của việc xây dựng");
	/* the chart */
	has(dom, "<svg");
	has(dom, "3/3</text>");
	/* documents: type, number, date, indicators */
	has(dom, "<td>Tiêu chí 1/Báo cáo kết quả thực hiện KH XHHT năm 2024.docx</td>"
		 "<td>BC</td><td>224/BC-UBND</td><td>2024-12-20</td>");
	/* findings with locations; figures with sources */
	has(dom, "<b>HS202</b>");
	has(dom, "(bản chụp có dấu).pdf</td>");
	has(dom, "Số liệu đọc được");
	has(dom, "13,1 %");
	free(dom);
	free(err);

	hs_buf_addf(&pdf, "%s/bao-cao.pdf", dir);
	err = chromium(path.ptr, NULL, pdf.ptr);
	free(err);
	pages = pdf_pages(pdf.ptr);
	ck_assert_msg(pages >= 2 && pages <= 12, "%d pages", pages);

	/* the incomplete dossier: what is missing is said */
	hs_buf_reset(&cmd);
	hs_buf_addf(&cmd, "check --format html -o '%s' " INCOMPLETE, path.ptr);
	free(hoso(cmd.ptr, &code));
	err = chromium(path.ptr, &dom, NULL);
	no_console_errors(err);
	has(dom, "Chưa đạt mức độ nào");
	has(dom, "<td class=\"st missing_evidence\">! thiếu minh chứng</td>");
	has(dom, "chưa có minh chứng: Kế hoạch tổ chức Tuần lễ");
	has(dom, "Lỗi (cần sửa trước khi nộp): 5");
	free(dom);
	free(err);

	/* points rubric: points against the maximum */
	hs_buf_reset(&cmd);
	hs_buf_addf(&cmd, "check --format html -o '%s' '" CHECK_FIX "/tt44-2023'", path.ptr);
	free(hoso(cmd.ptr, &code));
	err = chromium(path.ptr, &dom, NULL);
	no_console_errors(err);
	has(dom, "/100 điểm, Tốt");
	has(dom, "Điểm của từng tiêu chí so với điểm tối đa");
	free(dom);
	free(err);

	remove_tree(dir);
	free(dir);
	hs_buf_release(&cmd);
	hs_buf_release(&path);
	hs_buf_release(&pdf);
}
END_TEST

START_TEST(batch_summary)
{
	char *dir = scratch(), *csv, *dom, *err;
	struct hs_buf cmd = HS_BUF_INIT, p = HS_BUF_INIT;
	int code, rows = 0;

	hs_buf_addf(&cmd, "check --format html -o '%s' " TT25 " " INCOMPLETE
		    " '" CHECK_FIX "/tt44-2023'", dir);
	free(hoso(cmd.ptr, &code));
	ck_assert_int_eq(code, 1);
	hs_buf_addf(&p, "%s/summary.csv", dir);
	csv = slurp(p.ptr);
	ck_assert_ptr_nonnull(csv);
	ck_assert(!strncmp(csv, "\xEF\xBB\xBF" "don_vi,nam,ket_qua,loi,canh_bao,thong_tin,bao_cao,", 52));
	for (const char *q = csv; (q = strstr(q, "\r\n")); q++)
		rows++;
	ck_assert_int_eq(rows, 4);
	has(csv, "\"QUY KỲ\",2024,\"Đạt mức độ 2 (đề nghị mức độ 2)\",");
	has(csv, "\"QUY KỲ\",2024,\"Chưa đạt mức độ nào (đề nghị mức độ 2)\",5,7,");
	has(csv, ",\"dossier.html\",");
	has(csv, "\"QUY KỲ\",2023,\"");
	has(csv, "/100 điểm, Tốt; có thể đạt 91/100 điểm, Tốt nếu xác nhận 2 chỉ tiêu (7.1, 7.3)\",");
	free(csv);
	hs_buf_reset(&p);
	hs_buf_addf(&p, "%s/dossier.html", dir);
	ck_assert_int_eq(access(p.ptr, R_OK), 0);
	hs_buf_reset(&p);
	hs_buf_addf(&p, "%s/summary.html", dir);
	err = chromium(p.ptr, &dom, NULL);
	no_console_errors(err);
	has(dom, "Tổng hợp kết quả kiểm tra hồ sơ");
	has(dom, "<a href=\"tt25-muc-do-2.html\">");
	has(dom, "<a href=\"dossier.html\">");
	has(dom, "<td data-v=\"5\">5</td>");
	free(dom);
	free(err);
	remove_tree(dir);
	free(dir);
	hs_buf_release(&cmd);
	hs_buf_release(&p);
}
END_TEST

Suite *render_suite(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("renderings");

	tcase_add_test(tc, catalogue_complete);
	tcase_add_test(tc, explain_both_languages);
	tcase_add_test(tc, text_complete_dossier);
	tcase_add_test(tc, text_incomplete_dossier);
	tcase_add_test(tc, render_saved_verdict_is_check);
	tcase_add_test(tc, hostile_verdict_rendered_safely);
	tcase_add_test(tc, pending_headline_and_old_verdicts);
	tcase_add_test(tc, sarif_valid_and_located);
	tcase_add_test(tc, html_in_chromium);
	tcase_add_test(tc, batch_summary);
	tcase_set_timeout(tc, 600);
	suite_add_tcase(s, tc);
	return s;
}
