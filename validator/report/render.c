/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render.c: parses the verdict JSON and dispatches to a renderer; the
 * typed accessors and the result in words every renderer shares.
 */
#include "render_int.h"
#include "jsonschema.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *jstr(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL;

	return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

const cJSON *jobj(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL;

	return cJSON_IsObject(v) ? v : NULL;
}

const cJSON *jarr(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL;

	return cJSON_IsArray(v) ? v : NULL;
}

bool jnum(const cJSON *o, const char *k, double *out)
{
	const cJSON *v = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL;

	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return false;
	*out = v->valuedouble;
	return true;
}

int jint(const cJSON *o, const char *k, int def)
{
	double d;

	if (!jnum(o, k, &d) || d != floor(d) || d < -1e9 || d > 1e9)
		return def;
	return (int)d;
}

void render_num(struct hs_buf *b, double v, enum hs_lang lang)
{
	char s[64];

	snprintf(s, sizeof(s), "%.10g", v);
	if (lang == HS_LANG_VI)
		for (char *p = s; *p; p++)
			if (*p == '.')
				*p = ',';
	hs_buf_adds(b, s);
}

/*
 * Length of a code point that must not reach a terminal as it is: C1
 * controls (U+0080-U+009F), the bidirectional marks, embeddings,
 * overrides and isolates (U+061C, U+200E-F, U+202A-E, U+2066-9) and the
 * line and paragraph separators (U+2028-9); 0 for any other.
 */
static size_t hidden_len(const unsigned char *p, unsigned *cp)
{
	if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
		*cp = p[1];
		return 2;
	}
	if (p[0] == 0xD8 && p[1] == 0x9C) {
		*cp = 0x061C;
		return 2;
	}
	if (p[0] == 0xE2 && p[1] == 0x80 &&
	    (p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xA8 && p[2] <= 0xAE))) {
		*cp = 0x2000u + (p[2] - 0x80u);
		return 3;
	}
	if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9) {
		*cp = 0x2040u + (p[2] - 0x80u);
		return 3;
	}
	return 0;
}

void render_plain(struct hs_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (p && *p) {
		unsigned cp;
		size_t n;

		/* Every control character is shown, never obeyed: a newline
		 * in a file name cannot forge a line of the report. */
		if (*p < 0x20 || *p == 0x7f) {
			hs_buf_addf(b, "\\x%02X", *p);
			p++;
		} else if ((n = hidden_len(p, &cp))) {
			hs_buf_addf(b, "\\u%04X", cp);
			p += n;
		} else {
			hs_buf_addch(b, (char)*p++);
		}
	}
}

int render_silenced(const cJSON *v)
{
	return jint(jobj(v, "findings_summary"), "silenced", 0);
}

void render_override(struct hs_buf *b, const cJSON *ov, enum hs_lang lang)
{
	struct hs_buf t = HS_BUF_INIT;
	const char *why = jstr(ov, "reason");

	msgf(&t, MSG_O_LINE, lang, jstr(ov, "code") ? jstr(ov, "code") : "?",
	     msg_severity(jstr(ov, "severity"), lang), jint(ov, "findings", 0));
	hs_buf_addf(&t, "; %s: %s", msg(MSG_L_REASON, lang),
		    why && *why ? why : msg(MSG_L_NO_REASON, lang));
	if (jstr(ov, "source"))
		hs_buf_addf(&t, "; %s: %s", msg(MSG_L_CONFIG_FILE, lang),
			    jstr(ov, "source"));
	render_plain(b, t.ptr);
	hs_buf_release(&t);
}

int render_sev_rank(const char *sev)
{
	if (sev && !strcmp(sev, "error"))
		return 0;
	if (sev && !strcmp(sev, "warning"))
		return 1;
	return 2;
}

void render_counts(const cJSON *v, int out[3])
{
	const cJSON *f;

	out[0] = out[1] = out[2] = 0;
	cJSON_ArrayForEach(f, jarr(v, "findings"))
		out[render_sev_rank(jstr(f, "severity"))]++;
}

struct code_msg render_code_msg(const char *code, enum hs_lang lang)
{
	const struct hs_code_info *ci = code ? hs_code_find(code) : NULL;
	struct code_msg m = {NULL, NULL, NULL};

	if (ci)
		m = msg_code(ci->code, lang);
	return m;
}

/* Counts the indicators by status: missing, review, not met. */
static void indicator_counts(const cJSON *v, int *missing, int *review,
			     int *notmet)
{
	const cJSON *c, *i;

	*missing = *review = *notmet = 0;
	cJSON_ArrayForEach(c, jarr(v, "criteria"))
		cJSON_ArrayForEach(i, jarr(c, "indicators")) {
			const char *st = jstr(i, "status");

			if (!st)
				continue;
			*missing += !strcmp(st, "missing_evidence");
			*review += !strcmp(st, "needs_review");
			*notmet += !strcmp(st, "not_met");
		}
}

/* The ids of the to_confirm items whose confirmation raises the result,
 * "3.3, 4.2" (a few, then "…"); returns how many there are. */
static int needed_ids(const cJSON *res, struct hs_buf *ids)
{
	const cJSON *it;
	int n = 0;

	cJSON_ArrayForEach(it, jarr(res, "to_confirm")) {
		if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "needed")))
			continue;
		if (n < 6) {
			if (n)
				hs_buf_adds(ids, ", ");
			render_plain(ids, jstr(it, "id") ? jstr(it, "id") : "?");
		} else if (n == 6) {
			hs_buf_adds(ids, ", …");
		}
		n++;
	}
	return n;
}

/* "89/100 điểm, Tốt" from points, points_max and a band (may be NULL). */
static void points_words(struct hs_buf *b, double pts, const cJSON *res,
			 const char *cls, enum hs_lang lang)
{
	struct hs_buf p = HS_BUF_INIT, m = HS_BUF_INIT;
	double max;

	render_num(&p, pts, lang);
	if (jnum(res, "points_max", &max))
		render_num(&m, max, lang);
	else
		hs_buf_adds(&m, "?");
	msgf(b, MSG_R_POINTS, lang, p.ptr, m.ptr);
	if (cls) {
		hs_buf_adds(b, ", ");
		render_plain(b, cls);
	}
	hs_buf_release(&p);
	hs_buf_release(&m);
}

void render_headline(struct hs_buf *b, const cJSON *v, enum hs_lang lang)
{
	const cJSON *res = jobj(v, "result"), *dos = jobj(v, "dossier");
	struct hs_buf ids = HS_BUF_INIT;
	double pts, if_pts;
	int lv = jint(res, "level_reached", -1), claimed, if_lv, n;

	n = needed_ids(res, &ids);
	if (jnum(res, "points", &pts)) {
		points_words(b, pts, res, jstr(res, "classification"), lang);
		if (n > 0 && jnum(res, "points_if_confirmed", &if_pts) && if_pts > pts) {
			struct hs_buf w = HS_BUF_INIT;

			points_words(&w, if_pts, res,
				     jstr(res, "classification_if_confirmed"), lang);
			hs_buf_adds(b, "; ");
			msgf(b, n == 1 ? MSG_R_IF_POINTS_ONE : MSG_R_IF_POINTS, lang,
			     w.ptr, n, ids.ptr);
			hs_buf_release(&w);
		}
		hs_buf_release(&ids);
		return;
	}
	if (lv > 0)
		msgf(b, MSG_R_LEVEL, lang, lv);
	else if (lv == 0)
		hs_buf_adds(b, msg(MSG_R_NO_LEVEL, lang));
	else
		hs_buf_adds(b, msg(MSG_ST_UNKNOWN, lang));
	claimed = jint(dos, "level_claimed", 0);
	if (claimed > 0) {
		hs_buf_adds(b, " (");
		msgf(b, MSG_R_REQUESTED, lang, claimed);
		hs_buf_adds(b, ")");
	}
	if_lv = jint(res, "level_if_confirmed", -1);
	if (n > 0 && lv >= 0 && if_lv > lv) {
		hs_buf_adds(b, "; ");
		msgf(b, n == 1 ? MSG_R_IF_LEVEL_ONE : MSG_R_IF_LEVEL, lang, if_lv, n,
		     ids.ptr);
	}
	hs_buf_release(&ids);
}

void render_doubts(struct hs_buf *b, const cJSON *item, enum hs_lang lang)
{
	const cJSON *d;
	const char *ifc = jstr(item, "if_confirmed");
	size_t start = b->len;

	cJSON_ArrayForEach(d, jarr(item, "doubts")) {
		const char *kind = jstr(d, "kind"), *t = jstr(d, "title");
		struct hs_buf title = HS_BUF_INIT;
		enum msg_key k;

		if (!kind)
			continue;
		if (!strcmp(kind, "name_only"))
			k = MSG_D_NAME_ONLY;
		else if (!strcmp(kind, "out_of_period"))
			k = MSG_D_OUT_OF_PERIOD;
		else if (!strcmp(kind, "figure_not_found"))
			k = MSG_D_FIGURE;
		else
			continue;
		if (b->len > start)
			hs_buf_adds(b, "; ");
		render_plain(&title, t ? t : jstr(d, "requirement") ? jstr(d, "requirement")
								 : jstr(d, "figure"));
		msgf(b, k, lang, title.ptr ? title.ptr : "?");
		hs_buf_release(&title);
	}
	/* a hand-made item without doubts: its own words */
	if (b->len == start && jstr(item, "why"))
		render_plain(b, jstr(item, "why"));
	if (ifc && strcmp(ifc, "met")) {
		if (b->len > start)
			hs_buf_adds(b, "; ");
		hs_buf_adds(b, msg(MSG_L_STILL_NOT_MET, lang));
	}
}

bool render_confirm_raises(const cJSON *v)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, jarr(jobj(v, "result"), "to_confirm"))
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "needed")))
			return true;
	return false;
}

const char *render_doc_note(const cJSON *v, const char *path, enum hs_lang lang)
{
	const cJSON *d;

	if (!path)
		return NULL;
	cJSON_ArrayForEach(d, jarr(v, "documents")) {
		const char *p = jstr(d, "path"), *st = jstr(d, "status");

		if (p && !strcmp(p, path))
			return st && strcmp(st, "ok") ? msg_doc_status(st, lang) : NULL;
	}
	return NULL;
}

void render_why(struct hs_buf *b, const cJSON *v, enum hs_lang lang)
{
	int missing, review, notmet;
	const cJSON *res = jobj(v, "result");

	indicator_counts(v, &missing, &review, &notmet);
	msgf(b, MSG_R_COUNTS, lang, missing, review, notmet);
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(res, "depends_on_unconfirmed"))) {
		hs_buf_adds(b, "; ");
		hs_buf_adds(b, msg(MSG_R_UNCONFIRMED, lang));
	}
	hs_buf_adds(b, ".");
}

void render_where(struct hs_buf *b, const cJSON *f, enum hs_lang lang)
{
	const cJSON *loc = jobj(f, "location");
	const char *file = jstr(f, "file"), *ind = jstr(f, "indicator"),
		   *crit = jstr(f, "criterion"), *sheet = jstr(loc, "sheet"),
		   *cell = jstr(loc, "cell");
	int page = jint(loc, "page", 0), line = jint(loc, "line", 0);
	size_t start = b->len;

	if (file)
		render_plain(b, file);
	if (page > 0 || sheet || line > 0) {
		hs_buf_adds(b, file ? " (" : "(");
		if (page > 0)
			hs_buf_addf(b, "%s %d", msg(MSG_L_PAGE, lang), page);
		if (sheet) {
			hs_buf_addf(b, "%s%s ", page > 0 ? ", " : "",
				    msg(MSG_L_SHEET, lang));
			render_plain(b, sheet);
			if (cell) {
				hs_buf_addch(b, '!');
				render_plain(b, cell);
			}
		}
		if (line > 0)
			hs_buf_addf(b, "%s%s %d", page > 0 || sheet ? ", " : "",
				    msg(MSG_L_LINE, lang), line);
		hs_buf_adds(b, ")");
	}
	if (ind || crit) {
		if (b->len > start)
			hs_buf_adds(b, " ");
		hs_buf_addf(b, "[%s ",
			    msg(ind ? MSG_L_INDICATOR : MSG_L_CRITERION, lang));
		render_plain(b, ind ? ind : crit);
		hs_buf_addch(b, ']');
	}
}

void render_args(struct hs_buf *b, const cJSON *f)
{
	const cJSON *a;
	bool first = true;

	cJSON_ArrayForEach(a, jobj(f, "args")) {
		if (!a->string)
			continue;
		if (!first)
			hs_buf_adds(b, ", ");
		first = false;
		render_plain(b, a->string);
		hs_buf_addch(b, '=');
		if (cJSON_IsString(a))
			render_plain(b, a->valuestring);
		else if (cJSON_IsNumber(a))
			render_num(b, a->valuedouble, HS_LANG_EN);
		else if (cJSON_IsBool(a))
			hs_buf_adds(b, cJSON_IsTrue(a) ? "true" : "false");
		else
			hs_buf_adds(b, "…");
	}
}

bool render_format_parse(const char *s, enum render_format *out)
{
	if (!strcmp(s, "text"))
		*out = RENDER_TEXT;
	else if (!strcmp(s, "html"))
		*out = RENDER_HTML;
	else if (!strcmp(s, "sarif"))
		*out = RENDER_SARIF;
	else
		return false;
	return true;
}

extern const unsigned char hoso_verdict_schema[];
extern const size_t hoso_verdict_schema_len;

/* Line and column (1-based, in bytes) of at in s. */
static void position(const char *s, const char *at, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (; s < at && *s; s++) {
		if (*s == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static bool cut_short(const char *json)
{
	size_t n = strlen(json);

	while (n && strchr(" \t\r\n", json[n - 1]))
		n--;
	return !n || (json[n - 1] != '}' && json[n - 1] != ']');
}

/*
 * The verdict as parsed, or NULL with why in err: not JSON (with the line
 * and column where it stops), not a hoso verdict, or not one that
 * verdict.schema.json accepts (with the JSON path of the first fault).
 */
static cJSON *parse_verdict(const char *json, const struct render_options *o,
			    char *err, size_t errlen)
{
	const char *end = NULL;
	cJSON *v = cJSON_ParseWithOpts(json, &end, false), *schema;
	struct hs_buf m = HS_BUF_INIT;
	const char *name;
	char why[768];
	int line, col;

	if (!v) {
		if (!end)
			end = json + strlen(json);
		position(json, end, &line, &col);
		/* a verdict ends with '}': one that does not was cut short */
		msgf(&m, cut_short(json) ? MSG_V_CUT : MSG_V_NOT_JSON, o->lang,
		     line, col);
		goto fail;
	}
	name = jstr(v, "schema");
	if (!name || strncmp(name, "hoso-verdict/", 13)) {
		msgf(&m, MSG_V_FOREIGN, o->lang, name ? name : "-");
		goto fail;
	}
	if (!o->check)
		return v;
	schema = cJSON_ParseWithLength((const char *)hoso_verdict_schema,
				       hoso_verdict_schema_len);
	if (!schema || !jsonschema_validate(schema, v, why, sizeof(why))) {
		msgf(&m, MSG_V_INVALID, o->lang,
		     schema ? why : "verdict.schema.json");
		cJSON_Delete(schema);
		goto fail;
	}
	cJSON_Delete(schema);
	return v;
fail:
	snprintf(err, errlen, "%s", m.ptr ? m.ptr : "");
	hs_buf_release(&m);
	cJSON_Delete(v);
	return NULL;
}

char *render_verdict(const char *json, enum render_format fmt,
		     const struct render_options *o, char *err, size_t errlen)
{
	cJSON *v = parse_verdict(json, o, err, errlen);
	struct hs_buf b = HS_BUF_INIT;

	if (!v)
		return NULL;
	switch (fmt) {
	case RENDER_TEXT:
		render_text(&b, v, o);
		break;
	case RENDER_HTML:
		render_html(&b, v, o);
		break;
	case RENDER_SARIF:
		render_sarif(&b, v, o);
		break;
	}
	cJSON_Delete(v);
	return hs_buf_detach(&b, NULL);
}
