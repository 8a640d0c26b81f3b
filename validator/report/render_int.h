/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_int.h: what the renderers share: typed access to the parsed
 * verdict (a missing or mistyped field reads as absent), the result in
 * words, and the per-format entry points.
 */
#ifndef HOSO_RENDER_INT_H
#define HOSO_RENDER_INT_H

#include <cjson/cJSON.h>

#include "base/buf.h"
#include "render.h"

/* The member if it has the type, else NULL. */
const char *jstr(const cJSON *o, const char *k);
const cJSON *jobj(const cJSON *o, const char *k);
const cJSON *jarr(const cJSON *o, const char *k);
/* true and *out when the member is a finite number. */
bool jnum(const cJSON *o, const char *k, double *out);
/* The member as an int when it is a whole number in range, else def. */
int jint(const cJSON *o, const char *k, int def);

/* A number as people write it: "64,3" in Vietnamese, "64.3" in English. */
void render_num(struct hs_buf *b, double v, enum hs_lang lang);
/*
 * Headline: "Đạt mức độ 2 (đề nghị mức độ 2)" or "89/100 điểm, Tốt", then
 * what confirming would add: "; đạt mức độ 2 nếu xác nhận 1 chỉ tiêu (3.3)".
 */
void render_headline(struct hs_buf *b, const cJSON *v, enum hs_lang lang);
/*
 * The pending indicators (result.to_confirm), one call per item: why it is
 * doubtful in words ("minh chứng «…» chỉ khớp theo tên tệp…"), and a
 * document's state when it was not read normally ("bản chụp, không có lớp
 * chữ"; NULL otherwise). Absent in verdicts written before them.
 */
void render_doubts(struct hs_buf *b, const cJSON *item, enum hs_lang lang);
/* Would confirming the pending indicators raise the result (a needed item)? */
bool render_confirm_raises(const cJSON *v);
const char *render_doc_note(const cJSON *v, const char *path, enum hs_lang lang);
/* Why: the indicator counts, and the unconfirmed thresholds if any. */
void render_why(struct hs_buf *b, const cJSON *v, enum hs_lang lang);
/* Findings by severity: out[0] error, [1] warning, [2] info. */
void render_counts(const cJSON *v, int out[3]);
/* The finding's place: "file (trang 2, Sheet1!B3)" and "[1.3]"; may be empty. */
void render_where(struct hs_buf *b, const cJSON *f, enum hs_lang lang);
/* Index of a severity name (0 error, 1 warning, 2 info), 2 when unknown. */
int render_sev_rank(const char *sev);
/* The catalogue's texts for a code name, falling back to the finding's own. */
struct code_msg render_code_msg(const char *code, enum hs_lang lang);
/* The finding's args as "key=value, ..." (control characters shown as '?'). */
void render_args(struct hs_buf *b, const cJSON *f);
/* Documents listed under one pending indicator; the rest are counted. */
#define RENDER_DOCS_SHOWN 20
/* How many findings the reviewer's config silenced (findings_summary). */
int render_silenced(const cJSON *v);
/* One override as a line of plain text: "HS302 → tắt: 3 phát hiện; lý do:
 * ...; tệp cấu hình: cfg.json" (control characters shown, not obeyed). */
void render_override(struct hs_buf *b, const cJSON *ov, enum hs_lang lang);
/* Appends s with every control character shown, not obeyed: C0 and DEL as
 * \xHH (ESC, CR, LF...), C1 controls, bidi marks and line separators as
 * \uHHHH. */
void render_plain(struct hs_buf *b, const char *s);

void render_text(struct hs_buf *b, const cJSON *v, const struct render_options *o);
void render_html(struct hs_buf *b, const cJSON *v, const struct render_options *o);
void render_sarif(struct hs_buf *b, const cJSON *v, const struct render_options *o);

/* HTML-escapes s (& < > " '), dropping control characters. */
void html_esc(struct hs_buf *b, const char *s);

#endif
