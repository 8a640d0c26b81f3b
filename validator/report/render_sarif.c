/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_sarif.c: the verdict as SARIF 2.1.0 for CI systems and editors:
 * one run; the rules are the whole finding catalogue (id, short and full
 * description, help, default level) in the chosen language; one result
 * per finding with its file, relative to the dossier (uriBaseId DOSSIER),
 * percent-encoded, and the region where the line is known (the page of a
 * PDF goes in the location's properties: SARIF regions have no pages).
 * Findings without a file are located at the indicator (logicalLocations).
 */
#include "render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/version.h"

/* RFC 3986: unreserved characters and '/' stay, every other byte is %XX. */
static char *uri_encode(const char *s)
{
	struct hs_buf b = HS_BUF_INIT;

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c))
			hs_buf_addch(&b, (char)c);
		else
			hs_buf_addf(&b, "%%%02X", c);
	}
	return hs_buf_detach(&b, NULL);
}

static const char *sarif_level(const char *sev)
{
	switch (render_sev_rank(sev)) {
	case 0:
		return "error";
	case 1:
		return "warning";
	}
	return "note";
}

static cJSON *text_obj(const char *s)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "text", s ? s : "");
	return o;
}

static cJSON *rules(enum hs_lang lang)
{
	cJSON *arr = cJSON_CreateArray();

	for (int i = 0; i < HS_CODE_COUNT; i++) {
		const struct hs_code_info *ci = hs_code_info((enum hs_code)i);
		struct code_msg m = msg_code((enum hs_code)i, lang);
		cJSON *r = cJSON_CreateObject(), *cfg;

		cJSON_AddStringToObject(r, "id", ci->name);
		cJSON_AddItemToObject(r, "shortDescription",
				      text_obj(m.title ? m.title : ci->title));
		cJSON_AddItemToObject(r, "fullDescription",
				      text_obj(m.why ? m.why : ci->title));
		cJSON_AddItemToObject(r, "help", text_obj(m.fix ? m.fix : ci->fix));
		cfg = cJSON_AddObjectToObject(r, "defaultConfiguration");
		cJSON_AddStringToObject(cfg, "level",
					sarif_level(hs_severity_name(ci->severity)));
		cJSON_AddItemToArray(arr, r);
	}
	return arr;
}

static cJSON *result(const cJSON *f, enum hs_lang lang)
{
	const char *code = jstr(f, "code"), *file = jstr(f, "file"),
		   *ind = jstr(f, "indicator"), *crit = jstr(f, "criterion"),
		   *m = jstr(f, "message");
	const struct hs_code_info *ci = code ? hs_code_find(code) : NULL;
	struct code_msg cm = render_code_msg(code, lang);
	const cJSON *loc = jobj(f, "location");
	cJSON *r = cJSON_CreateObject(), *locs, *props;
	struct hs_buf t = HS_BUF_INIT;
	int page = jint(loc, "page", 0), line = jint(loc, "line", 0);

	cJSON_AddStringToObject(r, "ruleId", code ? code : "HS000");
	if (ci)
		cJSON_AddNumberToObject(r, "ruleIndex", ci->code);
	cJSON_AddStringToObject(r, "level", sarif_level(jstr(f, "severity")));
	cJSON_AddStringToObject(r, "kind", "fail");
	if (lang == HS_LANG_EN) {
		hs_buf_adds(&t, cm.title ? cm.title : code ? code : "finding");
		if (m) {
			hs_buf_adds(&t, " (");
			hs_buf_adds(&t, m);
			hs_buf_adds(&t, ")");
		}
	} else {
		hs_buf_adds(&t, m ? m : cm.title ? cm.title : "");
	}
	cJSON_AddItemToObject(r, "message", text_obj(t.ptr));
	hs_buf_release(&t);

	locs = cJSON_AddArrayToObject(r, "locations");
	if (file || ind || crit) {
		cJSON *l = cJSON_CreateObject();

		if (file) {
			cJSON *pl = cJSON_AddObjectToObject(l, "physicalLocation");
			cJSON *al = cJSON_AddObjectToObject(pl, "artifactLocation");
			char *u = uri_encode(file);

			cJSON_AddStringToObject(al, "uri", u);
			cJSON_AddStringToObject(al, "uriBaseId", "DOSSIER");
			free(u);
			if (line > 0) {
				cJSON *rg = cJSON_AddObjectToObject(pl, "region");

				cJSON_AddNumberToObject(rg, "startLine", line);
			}
			if (page > 0 || jstr(loc, "sheet")) {
				cJSON *pp = cJSON_AddObjectToObject(pl, "properties");

				if (page > 0)
					cJSON_AddNumberToObject(pp, "page", page);
				if (jstr(loc, "sheet"))
					cJSON_AddStringToObject(pp, "sheet", jstr(loc, "sheet"));
				if (jstr(loc, "cell"))
					cJSON_AddStringToObject(pp, "cell", jstr(loc, "cell"));
			}
		}
		if (ind || crit) {
			cJSON *ll = cJSON_AddArrayToObject(l, "logicalLocations");
			cJSON *one = cJSON_CreateObject();

			cJSON_AddStringToObject(one, "name", ind ? ind : crit);
			cJSON_AddStringToObject(one, "kind", ind ? "indicator" : "criterion");
			cJSON_AddItemToArray(ll, one);
		}
		cJSON_AddItemToArray(locs, l);
	}
	props = cJSON_AddObjectToObject(r, "properties");
	if (m)
		cJSON_AddStringToObject(props, "message_vi", m);
	if (jobj(f, "args"))
		cJSON_AddItemToObject(props, "args",
				      cJSON_Duplicate(jobj(f, "args"), true));
	return r;
}

void render_sarif(struct hs_buf *b, const cJSON *v, const struct render_options *o)
{
	cJSON *root = cJSON_CreateObject(), *runs, *run, *tool, *drv, *res, *base,
	      *dir, *inv, *props;
	const cJSON *f, *tl = jobj(v, "tool"), *rb = jobj(v, "rubric"),
		    *in = jobj(v, "input");
	struct hs_buf t = HS_BUF_INIT;
	int n[3];
	char *out;

	cJSON_AddStringToObject(root, "$schema",
				"https://json.schemastore.org/sarif-2.1.0.json");
	cJSON_AddStringToObject(root, "version", "2.1.0");
	runs = cJSON_AddArrayToObject(root, "runs");
	run = cJSON_CreateObject();
	cJSON_AddItemToArray(runs, run);
	tool = cJSON_AddObjectToObject(run, "tool");
	drv = cJSON_AddObjectToObject(tool, "driver");
	cJSON_AddStringToObject(drv, "name", "hoso");
	cJSON_AddStringToObject(drv, "version",
				jstr(tl, "version") ? jstr(tl, "version") : HOSO_VERSION);
	cJSON_AddStringToObject(drv, "language", msg_lang_tag(o->lang));
	cJSON_AddItemToObject(drv, "rules", rules(o->lang));
	cJSON_AddStringToObject(run, "language", msg_lang_tag(o->lang));

	base = cJSON_AddObjectToObject(run, "originalUriBaseIds");
	dir = cJSON_AddObjectToObject(base, "DOSSIER");
	hs_buf_addf(&t, "%s: %s", msg(MSG_L_DOSSIER, o->lang),
		    jstr(in, "path") ? jstr(in, "path") : "?");
	cJSON_AddItemToObject(dir, "description", text_obj(t.ptr));
	hs_buf_release(&t);

	render_counts(v, n);
	inv = cJSON_CreateArray();
	{
		cJSON *one = cJSON_CreateObject();

		const cJSON *ov;

		cJSON_AddBoolToObject(one, "executionSuccessful", true);
		cJSON_AddNumberToObject(one, "exitCode", n[0] ? 1 : 0);
		/* the reviewer's overrides, as SARIF says them: the rule
		 * disabled or its level changed, with the reason */
		if (cJSON_GetArraySize(jarr(v, "overrides"))) {
			cJSON *rco = cJSON_AddArrayToObject(one, "ruleConfigurationOverrides");

			cJSON_ArrayForEach(ov, jarr(v, "overrides")) {
				cJSON *x = cJSON_CreateObject(), *d, *c, *p;
				const char *sev = jstr(ov, "severity");

				d = cJSON_AddObjectToObject(x, "descriptor");
				cJSON_AddStringToObject(d, "id", jstr(ov, "code") ? jstr(ov, "code") : "?");
				c = cJSON_AddObjectToObject(x, "configuration");
				if (sev && !strcmp(sev, "off"))
					cJSON_AddBoolToObject(c, "enabled", false);
				else
					cJSON_AddStringToObject(c, "level",
								sev && !strcmp(sev, "error") ? "error"
								: sev && !strcmp(sev, "warning") ? "warning"
								: "note");
				p = cJSON_AddObjectToObject(x, "properties");
				if (jstr(ov, "reason"))
					cJSON_AddStringToObject(p, "reason", jstr(ov, "reason"));
				if (jstr(ov, "source"))
					cJSON_AddStringToObject(p, "source", jstr(ov, "source"));
				cJSON_AddNumberToObject(p, "findings", jint(ov, "findings", 0));
				cJSON_AddItemToArray(rco, x);
			}
		}
		cJSON_AddItemToArray(inv, one);
	}
	cJSON_AddItemToObject(run, "invocations", inv);

	res = cJSON_AddArrayToObject(run, "results");
	cJSON_ArrayForEach(f, jarr(v, "findings"))
		cJSON_AddItemToArray(res, result(f, o->lang));

	props = cJSON_AddObjectToObject(run, "properties");
	if (jstr(rb, "id"))
		cJSON_AddStringToObject(props, "rubric", jstr(rb, "id"));
	if (jstr(jobj(v, "dossier"), "commune"))
		cJSON_AddStringToObject(props, "commune", jstr(jobj(v, "dossier"), "commune"));
	hs_buf_reset(&t);
	render_headline(&t, v, o->lang);
	cJSON_AddStringToObject(props, "result", t.ptr);
	/* what a person must confirm, as the verdict says it */
	if (cJSON_GetArraySize(jarr(jobj(v, "result"), "to_confirm"))) {
		cJSON *tc = cJSON_AddArrayToObject(props, "toConfirm");
		const cJSON *it, *p;

		cJSON_ArrayForEach(it, jarr(jobj(v, "result"), "to_confirm")) {
			cJSON *one = cJSON_CreateObject(), *docs;

			cJSON_AddStringToObject(one, "indicator",
						jstr(it, "id") ? jstr(it, "id") : "?");
			hs_buf_reset(&t);
			render_doubts(&t, it, o->lang);
			cJSON_AddStringToObject(one, "reason", t.ptr);
			docs = cJSON_AddArrayToObject(one, "documents");
			cJSON_ArrayForEach(p, jarr(it, "documents"))
				if (cJSON_IsString(p))
					cJSON_AddItemToArray(docs,
							     cJSON_CreateString(p->valuestring));
			cJSON_AddItemToArray(tc, one);
		}
	}
	hs_buf_release(&t);

	out = cJSON_Print(root);
	cJSON_Delete(root);
	if (!out)
		hs_die("out of memory while writing SARIF");
	hs_buf_adds(b, out);
	hs_buf_addch(b, '\n');
	free(out);
}
