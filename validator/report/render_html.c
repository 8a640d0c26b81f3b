/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_html.c: the verdict as one self-contained HTML page a reviewer
 * opens, prints on A4 and files: no external asset, no script, and a
 * Content-Security-Policy that forbids any load. Every string from the
 * verdict is escaped (file names come from hostile archives).
 */
#include "render_int.h"

#include <string.h>

#include "base/version.h"

static const char css[] =
	"@page{size:A4;margin:14mm 12mm}"
	"body{font-family:'Times New Roman',Times,'DejaVu Serif',serif;font-size:11pt;"
	"color:#111;max-width:190mm;margin:0 auto;padding:8px;line-height:1.35}"
	"h1{font-size:16pt;margin:0 0 6px}h2{font-size:13pt;margin:18px 0 6px;"
	"border-bottom:1px solid #888;page-break-after:avoid}"
	"table{border-collapse:collapse;width:100%;margin:4px 0}"
	"th,td{border:1px solid #999;padding:3px 5px;vertical-align:top;text-align:left;"
	"overflow-wrap:anywhere}"
	"thead{display:table-header-group}tr{page-break-inside:avoid}"
	"th{background:#eee}table.meta td,table.meta th{border:none;padding:1px 6px 1px 0}"
	"table.meta th{background:none;width:32%}"
	".crit td{background:#f4f4f4;font-weight:bold}"
	".st{white-space:nowrap;font-weight:bold}"
	".met{color:#0a6b2d}.not_met,.missing_evidence,.error{color:#b00020}"
	".needs_review,.warning{color:#8a5a00}.info{color:#555}"
	".result{border:2px solid #555;padding:6px 10px;margin:10px 0}"
	".result.ok{border-color:#0a6b2d}.result.fail{border-color:#b00020}"
	".result.pending{border-color:#8a5a00}"
	".headline{font-size:14pt;font-weight:bold;margin:2px 0}"
	".small{font-size:9.5pt;color:#333}ul{margin:2px 0;padding-left:18px}"
	"svg{max-width:100%;height:auto}footer{margin-top:16px;font-size:9pt;color:#444}";

void html_esc(struct hs_buf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&':
			hs_buf_adds(b, "&amp;");
			break;
		case '<':
			hs_buf_adds(b, "&lt;");
			break;
		case '>':
			hs_buf_adds(b, "&gt;");
			break;
		case '"':
			hs_buf_adds(b, "&quot;");
			break;
		case '\'':
			hs_buf_adds(b, "&#39;");
			break;
		default:
			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
				hs_buf_addch(b, '?');
			else
				hs_buf_addch(b, (char)c);
		}
	}
}

/* A class name from a verdict status: only known names pass. */
static const char *st_class(const char *st)
{
	static const char *const known[] = {"met", "not_met", "missing_evidence",
					    "needs_review", "error", "warning", "info"};

	for (size_t i = 0; st && i < ARRAY_SIZE(known); i++)
		if (!strcmp(st, known[i]))
			return known[i];
	return "needs_review";
}

static const char *st_mark(const char *st)
{
	if (st && !strcmp(st, "met"))
		return "✓";
	if (st && !strcmp(st, "needs_review"))
		return "?";
	if (st && !strcmp(st, "missing_evidence"))
		return "!";
	return "✗";
}

static void td(struct hs_buf *b, const char *s)
{
	hs_buf_adds(b, "<td>");
	html_esc(b, s ? s : "");
	hs_buf_adds(b, "</td>");
}

static void num_cell(struct hs_buf *b, const cJSON *o, enum hs_lang lang)
{
	double p, m;

	hs_buf_adds(b, "<td>");
	if (jnum(o, "points", &p)) {
		render_num(b, p, lang);
		if (jnum(o, "points_max", &m)) {
			hs_buf_addch(b, '/');
			render_num(b, m, lang);
		}
	}
	hs_buf_adds(b, "</td>");
}

static void meta_row(struct hs_buf *b, enum msg_key k, const char *val,
		     enum hs_lang lang)
{
	if (!val)
		return;
	hs_buf_addf(b, "<tr><th>%s</th><td>", msg(k, lang));
	html_esc(b, val);
	hs_buf_adds(b, "</td></tr>\n");
}

static void head(struct hs_buf *b, const cJSON *v, enum hs_lang lang)
{
	const cJSON *in = jobj(v, "input"), *rb = jobj(v, "rubric"),
		    *dos = jobj(v, "dossier"), *res = jobj(v, "result"),
		    *cov = jobj(v, "coverage");
	struct hs_buf t = HS_BUF_INIT;
	int year = jint(dos, "year", 0), claimed = jint(dos, "level_claimed", 0);
	int n[3];
	bool ok = jint(res, "level_reached", -1) > 0 ||
		  (jstr(res, "classification") != NULL);

	hs_buf_addf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n"
		    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		    "style-src 'unsafe-inline'; img-src data:\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<title>", msg_lang_tag(lang));
	html_esc(b, msg(MSG_H_REPORT, lang));
	if (jstr(dos, "commune")) {
		hs_buf_adds(b, " – ");
		html_esc(b, jstr(dos, "commune"));
	}
	hs_buf_addf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n<h1>",
		    css);
	html_esc(b, msg(MSG_H_REPORT, lang));
	hs_buf_adds(b, "</h1>\n<table class=\"meta\">\n");
	meta_row(b, MSG_L_COMMUNE, jstr(dos, "commune"), lang);
	if (year > 0) {
		hs_buf_addf(&t, "%d", year);
		meta_row(b, MSG_L_YEAR, t.ptr, lang);
	}
	if (claimed > 0) {
		hs_buf_reset(&t);
		hs_buf_addf(&t, "%d", claimed);
		meta_row(b, MSG_L_LEVEL_CLAIMED, t.ptr, lang);
	}
	hs_buf_reset(&t);
	if (jstr(rb, "title"))
		hs_buf_adds(&t, jstr(rb, "title"));
	if (jstr(rb, "id"))
		hs_buf_addf(&t, " [%s]", jstr(rb, "id"));
	meta_row(b, MSG_L_RUBRIC, t.ptr, lang);
	meta_row(b, MSG_L_DOSSIER, jstr(in, "path"), lang);
	hs_buf_adds(b, "</table>\n</header>\n");

	hs_buf_addf(b, "<section class=\"result %s\" id=\"result\">\n<h2>%s</h2>\n"
		    "<p class=\"headline\">",
		    ok ? "ok" : render_confirm_raises(v) ? "pending" : "fail",
		    msg(MSG_H_RESULT, lang));
	hs_buf_reset(&t);
	render_headline(&t, v, lang);
	html_esc(b, t.ptr);
	hs_buf_adds(b, "</p>\n<p>");
	hs_buf_reset(&t);
	render_why(&t, v, lang);
	html_esc(b, t.ptr);
	hs_buf_adds(b, "</p>\n");
	if (cov) {
		hs_buf_reset(&t);
		msgf(&t, MSG_COVERAGE, lang, jint(cov, "documents", 0),
			    jint(cov, "read", 0), jint(cov, "pages_with_text", 0),
			    jint(cov, "pages", 0));
		hs_buf_addf(b, "<p class=\"small\">%s: ", msg(MSG_L_COVERAGE, lang));
		html_esc(b, t.ptr);
		hs_buf_adds(b, "</p>\n");
	}
	render_counts(v, n);
	hs_buf_addf(b, "<p class=\"small\">%s: <span class=\"error\">%d %s</span>, "
		    "<span class=\"warning\">%d %s</span>, <span class=\"info\">%d %s</span>",
		    msg(MSG_H_FINDINGS, lang), n[0], msg(MSG_SEV_ERROR, lang), n[1],
		    msg(MSG_SEV_WARNING, lang), n[2], msg(MSG_SEV_INFO, lang));
	if (render_silenced(v)) {
		hs_buf_reset(&t);
		msgf(&t, MSG_R_SILENCED, lang, render_silenced(v));
		hs_buf_adds(b, "; <span class=\"silenced\">");
		html_esc(b, t.ptr);
		hs_buf_adds(b, "</span>");
	}
	hs_buf_addf(b, "</p>\n<p class=\"small\">%s</p>\n</section>\n",
		    msg(MSG_PROVISIONAL, lang));
	hs_buf_release(&t);
}

/* The pending indicators: why, where to look; nothing when none. */
static void to_confirm(struct hs_buf *b, const cJSON *v, enum hs_lang lang)
{
	const cJSON *items = jarr(jobj(v, "result"), "to_confirm"), *it, *d, *p;
	struct hs_buf t = HS_BUF_INIT;
	double pts, max;
	int shown, rest;

	if (!cJSON_GetArraySize(items))
		return;
	hs_buf_addf(b, "<section id=\"to-confirm\">\n<h2>%s (%d)</h2>\n<ul>\n",
		    msg(MSG_H_TO_CONFIRM, lang), cJSON_GetArraySize(items));
	cJSON_ArrayForEach(it, items) {
		hs_buf_adds(b, "<li><span class=\"st needs_review\">? ");
		html_esc(b, jstr(it, "id") ? jstr(it, "id") : "?");
		hs_buf_adds(b, "</span> ");
		html_esc(b, jstr(it, "title"));
		hs_buf_adds(b, "<br>");
		hs_buf_reset(&t);
		render_doubts(&t, it, lang);
		if (jnum(it, "points_if_confirmed", &pts)) {
			hs_buf_addf(&t, "; %s: ", msg(MSG_L_IF_CONFIRMED, lang));
			render_num(&t, pts, lang);
			if (jnum(it, "points_max", &max)) {
				hs_buf_addch(&t, '/');
				render_num(&t, max, lang);
			}
			hs_buf_addf(&t, " %s", lang == HS_LANG_VI ? "điểm" : "points");
		}
		html_esc(b, t.ptr);
		hs_buf_adds(b, "<ul class=\"small\">");
		shown = rest = 0;
		cJSON_ArrayForEach(p, jarr(it, "documents")) {
			const char *note;

			if (!cJSON_IsString(p))
				continue;
			/* a long list is counted, not looked up one by one */
			if (shown++ >= RENDER_DOCS_SHOWN) {
				rest++;
				continue;
			}
			note = render_doc_note(v, p->valuestring, lang);
			hs_buf_addf(b, "<li>%s: ", msg(MSG_L_LOOK_AT, lang));
			html_esc(b, p->valuestring);
			if (note)
				hs_buf_addf(b, " <em class=\"needs_review\">(%s)</em>", note);
			hs_buf_adds(b, "</li>");
		}
		if (rest) {
			hs_buf_reset(&t);
			msgf(&t, MSG_L_MORE_DOCS, lang, rest);
			hs_buf_adds(b, "<li>");
			html_esc(b, t.ptr);
			hs_buf_adds(b, "</li>");
		}
		cJSON_ArrayForEach(d, jarr(it, "doubts")) {
			int more = jint(d, "documents_total", 0) -
				   cJSON_GetArraySize(jarr(d, "documents"));

			if (more > 0) {
				hs_buf_reset(&t);
				msgf(&t, MSG_L_MORE_DOCS, lang, more);
				hs_buf_adds(b, "<li>");
				html_esc(b, t.ptr);
				hs_buf_adds(b, "</li>");
			}
		}
		hs_buf_adds(b, "</ul></li>\n");
	}
	hs_buf_adds(b, "</ul>\n</section>\n");
	hs_buf_release(&t);
}

static void evidence_cell(struct hs_buf *b, const cJSON *ind, enum hs_lang lang)
{
	const cJSON *e, *e2, *r;
	bool open = false;

	hs_buf_adds(b, "<td>");
	cJSON_ArrayForEach(e, jarr(ind, "evidence")) {
		const char *file = jstr(e, "file"), *m = jstr(e, "match");
		bool dup = false;

		if (!file)
			continue;
		cJSON_ArrayForEach(e2, jarr(ind, "evidence")) {
			if (e2 == e)
				break;
			dup |= jstr(e2, "file") && !strcmp(jstr(e2, "file"), file);
		}
		if (dup)
			continue;
		if (!open)
			hs_buf_adds(b, "<ul>");
		open = true;
		hs_buf_adds(b, "<li>");
		html_esc(b, file);
		if (m && !strcmp(m, "name"))
			hs_buf_addf(b, " <em class=\"needs_review\">(%s)</em>",
				    msg(MSG_L_NAME_ONLY, lang));
		hs_buf_adds(b, "</li>");
	}
	cJSON_ArrayForEach(r, jarr(ind, "requirements")) {
		const char *st = jstr(r, "state");

		if (!st || strcmp(st, "missing") ||
		    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "optional")))
			continue;
		if (!open)
			hs_buf_adds(b, "<ul>");
		open = true;
		hs_buf_addf(b, "<li class=\"missing_evidence\">%s: ",
			    msg(MSG_L_NO_EVIDENCE, lang));
		html_esc(b, jstr(r, "title") ? jstr(r, "title") : jstr(r, "id"));
		hs_buf_adds(b, "</li>");
	}
	if (open)
		hs_buf_adds(b, "</ul>");
	else
		html_esc(b, msg(MSG_L_NO_EVIDENCE, lang));
	hs_buf_adds(b, "</td>");
}

static void criteria(struct hs_buf *b, const cJSON *v, enum hs_lang lang)
{
	const cJSON *c, *i;

	hs_buf_addf(b, "<section id=\"criteria\">\n<h2>%s</h2>\n<table class=\"criteria\">\n"
		    "<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_H_CRITERIA, lang), msg(MSG_L_INDICATOR, lang),
		    msg(MSG_L_STATUS, lang), msg(MSG_L_POINTS, lang),
		    msg(MSG_L_EVIDENCE, lang));
	cJSON_ArrayForEach(c, jarr(v, "criteria")) {
		const char *st = jstr(c, "status");

		hs_buf_addf(b, "<tr class=\"crit\"><td>%s ", msg(MSG_L_CRITERION, lang));
		html_esc(b, jstr(c, "id"));
		hs_buf_adds(b, ". ");
		html_esc(b, jstr(c, "title"));
		hs_buf_addf(b, "</td><td class=\"st %s\">%s %s</td>", st_class(st),
			    st_mark(st), msg_status(st, lang));
		num_cell(b, c, lang);
		hs_buf_adds(b, "<td></td></tr>\n");
		cJSON_ArrayForEach(i, jarr(c, "indicators")) {
			const char *is = jstr(i, "status"), *why = jstr(i, "why");

			hs_buf_adds(b, "<tr><td>");
			html_esc(b, jstr(i, "id"));
			hs_buf_adds(b, " ");
			html_esc(b, jstr(i, "title"));
			if (is && strcmp(is, "met") && why && *why &&
			    strcmp(why, msg_status(is, HS_LANG_VI))) {
				hs_buf_adds(b, "<br><span class=\"small\">");
				html_esc(b, why);
				hs_buf_adds(b, "</span>");
			}
			hs_buf_addf(b, "</td><td class=\"st %s\">%s %s</td>", st_class(is),
				    st_mark(is), msg_status(is, lang));
			num_cell(b, i, lang);
			evidence_cell(b, i, lang);
			hs_buf_adds(b, "</tr>\n");
		}
	}
	hs_buf_adds(b, "</tbody>\n</table>\n</section>\n");
}

/* Bars per criterion: indicators met of all, or points of the maximum. */
static void chart(struct hs_buf *b, const cJSON *v, enum hs_lang lang)
{
	const cJSON *c, *i;
	double p, m;
	bool points = jnum(jobj(v, "result"), "points", &p);
	int rows = cJSON_GetArraySize(jarr(v, "criteria")), y = 0;
	const int W = 460, X = 110, H = 22;

	if (rows <= 0)
		return;
	hs_buf_addf(b, "<section id=\"chart\">\n<h2>%s</h2>\n<p class=\"small\">%s</p>\n"
		    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"%d\" "
		    "viewBox=\"0 0 640 %d\" role=\"img\" aria-label=\"%s\">\n",
		    msg(MSG_H_CHART, lang),
		    msg(points ? MSG_CHART_POINTS : MSG_CHART_LEVELS, lang),
		    rows * H + 4, rows * H + 4,
		    msg(points ? MSG_CHART_POINTS : MSG_CHART_LEVELS, lang));
	cJSON_ArrayForEach(c, jarr(v, "criteria")) {
		double have = 0, all = 0, frac;
		struct hs_buf t = HS_BUF_INIT;

		if (points) {
			if (jnum(c, "points", &p))
				have = p;
			if (jnum(c, "points_max", &m))
				all = m;
		} else {
			cJSON_ArrayForEach(i, jarr(c, "indicators")) {
				const char *st = jstr(i, "status");

				all++;
				have += st && !strcmp(st, "met");
			}
		}
		frac = all > 0 ? have / all : 0;
		if (frac > 1)
			frac = 1;
		if (frac < 0)
			frac = 0;
		hs_buf_addf(b, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s ",
			    y + 15, msg(MSG_L_CRITERION, lang));
		html_esc(b, jstr(c, "id"));
		hs_buf_addf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" "
			    "fill=\"#e3e3e3\"/><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" "
			    "fill=\"%s\"/>",
			    X, y + 3, W, X, y + 3, (int)(W * frac + 0.5),
			    frac >= 1 ? "#2e8b57" : frac > 0 ? "#d4a017" : "#b00020");
		render_num(&t, have, lang);
		hs_buf_addch(&t, '/');
		render_num(&t, all, lang);
		hs_buf_addf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\">", X + W + 8, y + 15);
		html_esc(b, t.ptr);
		hs_buf_adds(b, "</text>\n");
		hs_buf_release(&t);
		y += H;
	}
	hs_buf_adds(b, "</svg>\n</section>\n");
}

static void documents(struct hs_buf *b, const cJSON *v, enum hs_lang lang)
{
	const cJSON *d, *x;

	hs_buf_addf(b, "<section id=\"documents\">\n<h2>%s</h2>\n<table>\n<thead><tr>"
		    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		    "</tr></thead>\n<tbody>\n",
		    msg(MSG_H_DOCUMENTS, lang), msg(MSG_L_FILE, lang),
		    msg(MSG_L_TYPE, lang), msg(MSG_L_NUMBER, lang), msg(MSG_L_DATE, lang),
		    msg(MSG_L_STATUS, lang), msg(MSG_L_SERVES, lang));
	cJSON_ArrayForEach(d, jarr(v, "documents")) {
		const char *st = jstr(d, "status");
		bool first = true;

		hs_buf_adds(b, "<tr>");
		td(b, jstr(d, "path"));
		td(b, jstr(d, "type"));
		td(b, jstr(d, "number"));
		td(b, jstr(d, "date"));
		hs_buf_addf(b, "<td class=\"%s\">", st && !strcmp(st, "ok") ? "met" : "needs_review");
		html_esc(b, msg_doc_status(st, lang));
		{
			/* OCR: its confidence, and the seal when colour showed it */
			const cJSON *o = cJSON_GetObjectItemCaseSensitive(d, "ocr");
			const cJSON *cf = cJSON_GetObjectItemCaseSensitive(o, "confidence");
			const cJSON *sl = cJSON_GetObjectItemCaseSensitive(o, "seal");

			if (cJSON_IsNumber(cf))
				hs_buf_addf(b, " (%d %%%s)", cf->valueint,
					    cJSON_IsTrue(sl) ? (lang == HS_LANG_EN ? ", sealed" : ", có dấu")
					    : cJSON_IsFalse(sl) ? (lang == HS_LANG_EN ? ", no seal" : ", không dấu")
					    : "");
		}
		hs_buf_adds(b, "</td><td>");
		cJSON_ArrayForEach(x, jarr(d, "indicators")) {
			if (!cJSON_IsString(x))
				continue;
			if (!first)
				hs_buf_adds(b, ", ");
			first = false;
			html_esc(b, x->valuestring);
		}
		hs_buf_adds(b, "</td></tr>\n");
	}
	hs_buf_adds(b, "</tbody>\n</table>\n</section>\n");
}

static void findings(struct hs_buf *b, const cJSON *v, enum hs_lang lang)
{
	static const enum msg_key heads[3] = {MSG_H_ERRORS, MSG_H_WARNINGS,
					      MSG_H_INFOS};
	static const char *const cls[3] = {"error", "warning", "info"};
	const cJSON *f;
	int n[3];

	render_counts(v, n);
	hs_buf_addf(b, "<section id=\"findings\">\n<h2>%s</h2>\n", msg(MSG_H_FINDINGS, lang));
	if (!n[0] && !n[1] && !n[2])
		hs_buf_addf(b, "<p>%s</p>\n", msg(MSG_NO_FINDINGS, lang));
	for (int s = 0; s < 3; s++) {
		if (!n[s])
			continue;
		hs_buf_addf(b, "<h3 class=\"%s\">%s: %d</h3>\n<table>\n<thead><tr>"
			    "<th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
			    cls[s], msg(heads[s], lang), n[s], msg(MSG_L_CODE, lang),
			    msg(MSG_L_WHERE, lang), msg(MSG_L_MESSAGE, lang));
		cJSON_ArrayForEach(f, jarr(v, "findings")) {
			const char *code = jstr(f, "code");
			struct code_msg cm = render_code_msg(code, lang);
			struct hs_buf w = HS_BUF_INIT;

			if (render_sev_rank(jstr(f, "severity")) != s)
				continue;
			hs_buf_addf(b, "<tr><td class=\"%s\"><b>", cls[s]);
			html_esc(b, code ? code : "?");
			hs_buf_adds(b, "</b></td>");
			render_where(&w, f, lang);
			td(b, w.ptr);
			hs_buf_adds(b, "<td><b>");
			html_esc(b, cm.title ? cm.title : jstr(f, "title"));
			hs_buf_adds(b, "</b><br>");
			if (lang == HS_LANG_EN) {
				hs_buf_reset(&w);
				render_args(&w, f);
				if (w.len) {
					html_esc(b, w.ptr);
					hs_buf_adds(b, "<br>");
				}
			}
			html_esc(b, jstr(f, "message"));
			if (cm.fix) {
				hs_buf_addf(b, "<br><span class=\"small\">%s: ", msg(MSG_L_FIX, lang));
				html_esc(b, cm.fix);
				hs_buf_adds(b, "</span>");
			}
			hs_buf_adds(b, "</td></tr>\n");
			hs_buf_release(&w);
		}
		hs_buf_adds(b, "</tbody>\n</table>\n");
	}
	hs_buf_adds(b, "</section>\n");
}

/* The title of a figure by name, from the indicators' figures. */
static const char *figure_title(const cJSON *v, const char *name)
{
	const cJSON *c, *i, *f;

	cJSON_ArrayForEach(c, jarr(v, "criteria"))
		cJSON_ArrayForEach(i, jarr(c, "indicators"))
			cJSON_ArrayForEach(f, jarr(i, "figures"))
				if (name && jstr(f, "name") && !strcmp(jstr(f, "name"), name) &&
				    jstr(f, "title"))
					return jstr(f, "title");
	return name;
}

static void figures(struct hs_buf *b, const cJSON *v, enum hs_lang lang)
{
	const cJSON *f;
	double val;

	if (cJSON_GetArraySize(jarr(v, "figures")) <= 0)
		return;
	hs_buf_addf(b, "<section id=\"figures\">\n<h2>%s</h2>\n<table>\n<thead><tr>"
		    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_H_FIGURES, lang), msg(MSG_L_FIGURE, lang),
		    msg(MSG_L_INDICATOR, lang), msg(MSG_L_VALUE, lang),
		    msg(MSG_L_SOURCE, lang));
	cJSON_ArrayForEach(f, jarr(v, "figures")) {
		const char *q = jstr(jobj(f, "location"), "quote");

		hs_buf_adds(b, "<tr>");
		td(b, figure_title(v, jstr(f, "name")));
		td(b, jstr(f, "indicator"));
		hs_buf_adds(b, "<td>");
		if (jnum(f, "value", &val))
			render_num(b, val, lang);
		if (jstr(f, "unit")) {
			hs_buf_addch(b, ' ');
			html_esc(b, jstr(f, "unit"));
		}
		hs_buf_adds(b, "</td><td>");
		html_esc(b, jstr(f, "file"));
		if (q) {
			hs_buf_adds(b, "<br><span class=\"small\">«");
			html_esc(b, q);
			hs_buf_adds(b, "»</span>");
		}
		hs_buf_adds(b, "</td></tr>\n");
	}
	hs_buf_adds(b, "</tbody>\n</table>\n</section>\n");
}

/* Every override of the reviewer's config, with its reason. */
static void overrides(struct hs_buf *b, const cJSON *v, enum hs_lang lang)
{
	const cJSON *ov;
	struct hs_buf t = HS_BUF_INIT;

	if (!cJSON_GetArraySize(jarr(v, "overrides")))
		return;
	hs_buf_adds(b, "<section class=\"overrides\"><h2>");
	html_esc(b, msg(MSG_H_OVERRIDES, lang));
	hs_buf_adds(b, "</h2>\n<ul>\n");
	cJSON_ArrayForEach(ov, jarr(v, "overrides")) {
		hs_buf_reset(&t);
		render_override(&t, ov, lang);
		hs_buf_adds(b, "<li>");
		html_esc(b, t.ptr);
		hs_buf_adds(b, "</li>\n");
	}
	hs_buf_adds(b, "</ul></section>\n");
	hs_buf_release(&t);
}

void render_html(struct hs_buf *b, const cJSON *v, const struct render_options *o)
{
	const cJSON *tool = jobj(v, "tool");

	head(b, v, o->lang);
	to_confirm(b, v, o->lang);
	criteria(b, v, o->lang);
	chart(b, v, o->lang);
	documents(b, v, o->lang);
	findings(b, v, o->lang);
	overrides(b, v, o->lang);
	figures(b, v, o->lang);
	hs_buf_adds(b, "<footer>");
	html_esc(b, jstr(tool, "name") ? jstr(tool, "name") : "hoso");
	hs_buf_addch(b, ' ');
	html_esc(b, jstr(tool, "version") ? jstr(tool, "version") : HOSO_VERSION);
	hs_buf_adds(b, " · ");
	html_esc(b, jstr(v, "schema"));
	hs_buf_adds(b, "</footer>\n</body>\n</html>\n");
}
