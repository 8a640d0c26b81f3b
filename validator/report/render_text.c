/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_text.c: the verdict for a terminal. The result first (and why),
 * then the checklist of every criterion and indicator with its evidence
 * files, then the findings grouped by severity and code, with how to fix
 * each code once. Every string from the verdict goes through
 * render_plain(): a file name cannot carry escape sequences to the
 * terminal. Colour only when the caller says (a terminal, no NO_COLOR).
 */
#include "render_int.h"

#include <string.h>

#define BOLD "\033[1m"
#define RED "\033[31m"
#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define DIM "\033[2m"
#define RESET "\033[0m"

static void col(struct hs_buf *b, const struct render_options *o,
		const char *code)
{
	if (o->color)
		hs_buf_adds(b, code);
}

static const char *status_color(const char *st)
{
	if (!st)
		return YELLOW;
	if (!strcmp(st, "met"))
		return GREEN;
	if (!strcmp(st, "needs_review"))
		return YELLOW;
	return RED;
}

static const char *status_mark(const char *st)
{
	if (!st)
		return "?";
	if (!strcmp(st, "met"))
		return "✓";
	if (!strcmp(st, "needs_review"))
		return "?";
	if (!strcmp(st, "missing_evidence"))
		return "!";
	return "✗";
}

static void label(struct hs_buf *b, enum msg_key k, const char *val,
		  enum hs_lang lang)
{
	if (!val)
		return;
	hs_buf_addf(b, "%s: ", msg(k, lang));
	render_plain(b, val);
	hs_buf_addch(b, '\n');
}

static void header(struct hs_buf *b, const cJSON *v,
		   const struct render_options *o)
{
	enum hs_lang lang = o->lang;
	const cJSON *in = jobj(v, "input"), *rb = jobj(v, "rubric"),
		    *dos = jobj(v, "dossier"), *res = jobj(v, "result"),
		    *cov = jobj(v, "coverage");
	struct hs_buf t = HS_BUF_INIT;
	const char *reg = jstr(rb, "regulation");
	int year = jint(dos, "year", 0), n[3];

	col(b, o, BOLD);
	hs_buf_adds(b, msg(MSG_H_REPORT, lang));
	col(b, o, RESET);
	hs_buf_addch(b, '\n');
	label(b, MSG_L_DOSSIER, jstr(in, "path"), lang);
	if (reg || jstr(rb, "id")) {
		hs_buf_addf(&t, "%s (%s)", reg ? reg : jstr(rb, "title") ? jstr(rb, "title") : "",
			    jstr(rb, "id") ? jstr(rb, "id") : "?");
		label(b, MSG_L_RUBRIC, t.ptr, lang);
	}
	label(b, MSG_L_COMMUNE, jstr(dos, "commune"), lang);
	if (year > 0)
		hs_buf_addf(b, "%s: %d\n", msg(MSG_L_YEAR, lang), year);
	if (jint(dos, "level_claimed", 0) > 0)
		hs_buf_addf(b, "%s: %d\n", msg(MSG_L_LEVEL_CLAIMED, lang),
			    jint(dos, "level_claimed", 0));

	hs_buf_reset(&t);
	render_headline(&t, v, lang);
	hs_buf_addf(b, "\n%s: ", msg(MSG_H_RESULT, lang));
	col(b, o, BOLD);
	/* green: something proven; yellow: nothing yet, but confirming would */
	col(b, o, jint(res, "level_reached", -1) > 0 || jstr(res, "classification")
			  ? GREEN : render_confirm_raises(v) ? YELLOW : RED);
	render_plain(b, t.ptr);
	col(b, o, RESET);
	hs_buf_addch(b, '\n');
	hs_buf_reset(&t);
	render_why(&t, v, lang);
	hs_buf_adds(b, "  ");
	render_plain(b, t.ptr);
	hs_buf_addch(b, '\n');
	if (cov) {
		hs_buf_addf(b, "  %s: ", msg(MSG_L_COVERAGE, lang));
		msgf(b, MSG_COVERAGE, lang, jint(cov, "documents", 0),
			    jint(cov, "read", 0), jint(cov, "pages_with_text", 0),
			    jint(cov, "pages", 0));
		hs_buf_addch(b, '\n');
	}
	render_counts(v, n);
	hs_buf_addf(b, "  %s: %d %s, %d %s, %d %s", msg(MSG_H_FINDINGS, lang),
		    n[0], msg(MSG_SEV_ERROR, lang), n[1], msg(MSG_SEV_WARNING, lang),
		    n[2], msg(MSG_SEV_INFO, lang));
	if (render_silenced(v)) {
		/* counted apart: silenced is not passed */
		hs_buf_adds(b, "; ");
		msgf(b, MSG_R_SILENCED, lang, render_silenced(v));
	}
	hs_buf_addch(b, '\n');
	hs_buf_release(&t);
}

/*
 * What to confirm: each pending indicator, why, the documents to look at
 * (with their state when not read normally) and, for points, what
 * confirming gives. Nothing when nothing is pending (or an old verdict).
 */
static void to_confirm(struct hs_buf *b, const cJSON *v,
		       const struct render_options *o)
{
	enum hs_lang lang = o->lang;
	const cJSON *items = jarr(jobj(v, "result"), "to_confirm"), *it, *d, *p;
	struct hs_buf t = HS_BUF_INIT;
	double pts, max;
	int shown, rest;

	if (!cJSON_GetArraySize(items))
		return;
	hs_buf_addch(b, '\n');
	col(b, o, BOLD);
	hs_buf_addf(b, "%s (%d):", msg(MSG_H_TO_CONFIRM, lang), cJSON_GetArraySize(items));
	col(b, o, RESET);
	hs_buf_addch(b, '\n');
	cJSON_ArrayForEach(it, items) {
		hs_buf_adds(b, "  ");
		col(b, o, YELLOW);
		hs_buf_adds(b, "? ");
		render_plain(b, jstr(it, "id") ? jstr(it, "id") : "?");
		col(b, o, RESET);
		hs_buf_addch(b, ' ');
		render_plain(b, jstr(it, "title"));
		hs_buf_adds(b, "\n      ");
		hs_buf_reset(&t);
		render_doubts(&t, it, lang);
		render_plain(b, t.ptr);
		if (jnum(it, "points_if_confirmed", &pts)) {
			hs_buf_addf(b, "; %s: ", msg(MSG_L_IF_CONFIRMED, lang));
			render_num(b, pts, lang);
			if (jnum(it, "points_max", &max)) {
				hs_buf_addch(b, '/');
				render_num(b, max, lang);
			}
			hs_buf_addf(b, " %s", lang == HS_LANG_VI ? "điểm" : "points");
		}
		hs_buf_addch(b, '\n');
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
			hs_buf_addf(b, "      %s: ", msg(MSG_L_LOOK_AT, lang));
			render_plain(b, p->valuestring);
			if (note)
				hs_buf_addf(b, " (%s)", note);
			hs_buf_addch(b, '\n');
		}
		if (rest) {
			hs_buf_adds(b, "      ");
			msgf(b, MSG_L_MORE_DOCS, lang, rest);
			hs_buf_addch(b, '\n');
		}
		/* a doubt with more documents than it lists says how many */
		cJSON_ArrayForEach(d, jarr(it, "doubts")) {
			int more = jint(d, "documents_total", 0) -
				   cJSON_GetArraySize(jarr(d, "documents"));

			if (more > 0) {
				hs_buf_adds(b, "      ");
				msgf(b, MSG_L_MORE_DOCS, lang, more);
				hs_buf_addch(b, '\n');
			}
		}
	}
	hs_buf_release(&t);
}

/* The evidence of an indicator, each file once. */
static void evidence(struct hs_buf *b, const cJSON *ind,
		     const struct render_options *o)
{
	const cJSON *e, *e2, *r;
	bool any = false;

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
		hs_buf_addf(b, "      %s: ", msg(MSG_L_EVIDENCE, o->lang));
		render_plain(b, file);
		if (m && !strcmp(m, "name")) {
			hs_buf_adds(b, " (");
			hs_buf_adds(b, msg(MSG_L_NAME_ONLY, o->lang));
			hs_buf_adds(b, ")");
		}
		hs_buf_addch(b, '\n');
		any = true;
	}
	/* what is still missing, by the rubric's words */
	cJSON_ArrayForEach(r, jarr(ind, "requirements")) {
		const char *st = jstr(r, "state");

		if (!st || strcmp(st, "missing") ||
		    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "optional")))
			continue;
		hs_buf_adds(b, "      ");
		col(b, o, RED);
		hs_buf_addf(b, "%s: ", msg(MSG_L_NO_EVIDENCE, o->lang));
		col(b, o, RESET);
		render_plain(b, jstr(r, "title") ? jstr(r, "title") : jstr(r, "id"));
		hs_buf_addch(b, '\n');
		any = true;
	}
	if (!any)
		hs_buf_addf(b, "      %s\n", msg(MSG_L_NO_EVIDENCE, o->lang));
}

static void figures(struct hs_buf *b, const cJSON *ind, enum hs_lang lang)
{
	const cJSON *f;
	double val;

	cJSON_ArrayForEach(f, jarr(ind, "figures")) {
		const char *t = jstr(f, "title") ? jstr(f, "title") : jstr(f, "name");

		if (!t || !jnum(f, "value", &val))
			continue;
		hs_buf_addf(b, "      %s: ", msg(MSG_L_FIGURE_ITEM, lang));
		render_plain(b, t);
		hs_buf_adds(b, " = ");
		render_num(b, val, lang);
		if (jstr(f, "unit")) {
			hs_buf_addch(b, ' ');
			render_plain(b, jstr(f, "unit"));
		}
		if (jstr(f, "file")) {
			hs_buf_adds(b, " (");
			render_plain(b, jstr(f, "file"));
			hs_buf_adds(b, ")");
		}
		hs_buf_addch(b, '\n');
	}
}

static void checklist(struct hs_buf *b, const cJSON *v,
		      const struct render_options *o)
{
	enum hs_lang lang = o->lang;
	const cJSON *c, *i;
	double p, m;

	hs_buf_addch(b, '\n');
	col(b, o, BOLD);
	hs_buf_adds(b, msg(MSG_H_CHECKLIST, lang));
	col(b, o, RESET);
	hs_buf_addch(b, '\n');
	cJSON_ArrayForEach(c, jarr(v, "criteria")) {
		const char *st = jstr(c, "status");

		hs_buf_addf(b, "\n%s ", msg(MSG_L_CRITERION, lang));
		render_plain(b, jstr(c, "id") ? jstr(c, "id") : "?");
		hs_buf_adds(b, ". ");
		render_plain(b, jstr(c, "title"));
		if (jnum(c, "points", &p) && jnum(c, "points_max", &m)) {
			hs_buf_adds(b, " (");
			render_num(b, p, lang);
			hs_buf_addch(b, '/');
			render_num(b, m, lang);
			hs_buf_addf(b, " %s)", lang == HS_LANG_VI ? "điểm" : "points");
		}
		hs_buf_adds(b, " ");
		col(b, o, status_color(st));
		hs_buf_addf(b, "[%s]", msg_status(st, lang));
		col(b, o, RESET);
		hs_buf_addch(b, '\n');
		cJSON_ArrayForEach(i, jarr(c, "indicators")) {
			const char *is = jstr(i, "status"), *why = jstr(i, "why");

			hs_buf_adds(b, "  ");
			col(b, o, status_color(is));
			hs_buf_addf(b, "%s ", status_mark(is));
			render_plain(b, jstr(i, "id") ? jstr(i, "id") : "?");
			hs_buf_addf(b, " [%s]", msg_status(is, lang));
			col(b, o, RESET);
			hs_buf_addch(b, ' ');
			render_plain(b, jstr(i, "title"));
			if (jnum(i, "points", &p) && jnum(i, "points_max", &m)) {
				hs_buf_adds(b, " (");
				render_num(b, p, lang);
				hs_buf_addch(b, '/');
				render_num(b, m, lang);
				hs_buf_addf(b, " %s)", lang == HS_LANG_VI ? "điểm" : "points");
			}
			hs_buf_addch(b, '\n');
			/* the why, unless it only repeats the status */
			if (is && strcmp(is, "met") && why && *why &&
			    strcmp(why, msg_status(is, HS_LANG_VI))) {
				hs_buf_adds(b, "      ");
				col(b, o, DIM);
				render_plain(b, why);
				col(b, o, RESET);
				hs_buf_addch(b, '\n');
			}
			evidence(b, i, o);
			figures(b, i, lang);
		}
	}
}

static void findings(struct hs_buf *b, const cJSON *v,
		     const struct render_options *o)
{
	static const enum msg_key heads[3] = {MSG_H_ERRORS, MSG_H_WARNINGS,
					      MSG_H_INFOS};
	static const char *const colors[3] = {RED, YELLOW, DIM};
	enum hs_lang lang = o->lang;
	const cJSON *all = jarr(v, "findings"), *f, *g;
	int n[3];

	render_counts(v, n);
	hs_buf_addch(b, '\n');
	col(b, o, BOLD);
	hs_buf_adds(b, msg(MSG_H_FINDINGS, lang));
	col(b, o, RESET);
	hs_buf_addch(b, '\n');
	if (!n[0] && !n[1] && !n[2])
		hs_buf_addf(b, "  %s\n", msg(MSG_NO_FINDINGS, lang));
	for (int s = 0; s < 3; s++) {
		if (!n[s])
			continue;
		hs_buf_addch(b, '\n');
		col(b, o, colors[s]);
		hs_buf_addf(b, "%s: %d\n", msg(heads[s], lang), n[s]);
		col(b, o, RESET);
		/* each code once, in order of first appearance, then its findings */
		cJSON_ArrayForEach(f, all) {
			const char *code = jstr(f, "code");
			struct code_msg cm;
			bool seen = false;
			int count = 0;

			if (render_sev_rank(jstr(f, "severity")) != s)
				continue;
			cJSON_ArrayForEach(g, all) {
				const char *c2 = jstr(g, "code");
				bool same = render_sev_rank(jstr(g, "severity")) == s &&
					    ((!code && !c2) || (code && c2 && !strcmp(code, c2)));

				if (g == f)
					break;
				seen |= same;
			}
			if (seen)
				continue;
			cJSON_ArrayForEach(g, all)
				count += render_sev_rank(jstr(g, "severity")) == s &&
					 ((!code && !jstr(g, "code")) ||
					  (code && jstr(g, "code") && !strcmp(code, jstr(g, "code"))));
			cm = render_code_msg(code, lang);
			hs_buf_adds(b, "  ");
			col(b, o, BOLD);
			render_plain(b, code ? code : "?");
			col(b, o, RESET);
			hs_buf_addch(b, ' ');
			render_plain(b, cm.title ? cm.title : jstr(f, "title"));
			hs_buf_addf(b, " (%d)\n", count);
			if (cm.fix) {
				hs_buf_addf(b, "    %s: ", msg(MSG_L_FIX, lang));
				hs_buf_adds(b, cm.fix);
				hs_buf_addch(b, '\n');
			}
			cJSON_ArrayForEach(g, all) {
				struct hs_buf w = HS_BUF_INIT;
				const char *c2 = jstr(g, "code"), *m = jstr(g, "message");

				if (render_sev_rank(jstr(g, "severity")) != s ||
				    !((!code && !c2) || (code && c2 && !strcmp(code, c2))))
					continue;
				render_where(&w, g, lang);
				hs_buf_adds(b, "    - ");
				if (w.len) {
					hs_buf_add(b, w.ptr, w.len);
					hs_buf_adds(b, ": ");
				}
				if (lang == HS_LANG_EN) {
					size_t before = b->len;

					render_args(b, g);
					if (b->len > before)
						hs_buf_adds(b, "; ");
					if (m)
						hs_buf_addf(b, "%s: ", msg(MSG_L_DETAIL, lang));
				}
				render_plain(b, m);
				hs_buf_addch(b, '\n');
				hs_buf_release(&w);
			}
		}
	}
}

/* Every override of the reviewer's config, with its reason. */
static void overrides(struct hs_buf *b, const cJSON *v,
		      const struct render_options *o)
{
	const cJSON *ov;

	if (!cJSON_GetArraySize(jarr(v, "overrides")))
		return;
	hs_buf_addch(b, '\n');
	col(b, o, BOLD);
	hs_buf_adds(b, msg(MSG_H_OVERRIDES, o->lang));
	col(b, o, RESET);
	hs_buf_addch(b, '\n');
	cJSON_ArrayForEach(ov, jarr(v, "overrides")) {
		hs_buf_adds(b, "  ");
		render_override(b, ov, o->lang);
		hs_buf_addch(b, '\n');
	}
}

void render_text(struct hs_buf *b, const cJSON *v, const struct render_options *o)
{
	header(b, v, o);
	to_confirm(b, v, o);
	checklist(b, v, o);
	findings(b, v, o);
	overrides(b, v, o);
	hs_buf_addf(b, "\n%s\n", msg(MSG_PROVISIONAL, o->lang));
}
