/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * summary.c: the district summary of a batch: one row per dossier
 * (commune, year, result, findings by severity, its report), as
 * summary.csv for spreadsheets and summary.html, sortable by any column
 * with a small inline script (no external asset; the page's CSP allows
 * only its own inline script and style).
 */
#include "render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct row {
	cJSON *v; /* NULL: the verdict could not be read */
	const struct summary_item *it;
	char *commune, *result;
	int year, n[3];
};

static void load(struct row *r, const struct summary_item *it, enum hs_lang lang)
{
	struct hs_buf t = HS_BUF_INIT;
	const char *schema;

	memset(r, 0, sizeof(*r));
	r->it = it;
	r->v = it->verdict ? cJSON_Parse(it->verdict) : NULL;
	schema = jstr(r->v, "schema");
	if (!schema || strncmp(schema, "hoso-verdict/", 13)) {
		cJSON_Delete(r->v);
		r->v = NULL;
		r->commune = hs_strdup("");
		r->result = hs_strdup(msg(MSG_L_INPUT_BAD, lang));
		return;
	}
	r->commune = hs_strdup(jstr(jobj(r->v, "dossier"), "commune")
				       ? jstr(jobj(r->v, "dossier"), "commune") : "");
	r->year = jint(jobj(r->v, "dossier"), "year", 0);
	render_headline(&t, r->v, lang);
	r->result = hs_buf_detach(&t, NULL);
	render_counts(r->v, r->n);
}

/* A copy of o's member k (if any) into out. */
static void keep_member(cJSON *out, const cJSON *o, const char *k)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, k);

	if (m)
		cJSON_AddItemToObject(out, k, cJSON_Duplicate(m, true));
}

char *summary_keep(const char *verdict)
{
	cJSON *v = verdict ? cJSON_Parse(verdict) : NULL, *out, *arr;
	const cJSON *it, *ind;
	char *s;

	if (!v)
		return NULL;
	out = cJSON_CreateObject();
	keep_member(out, v, "schema");
	keep_member(out, v, "dossier");
	keep_member(out, v, "rubric");
	keep_member(out, v, "result");
	/* of what to confirm, the headline reads each item's id and needed */
	cJSON_ArrayForEach(it, jarr(jobj(out, "result"), "to_confirm")) {
		cJSON *m = it->child, *next;

		for (; m; m = next) {
			next = m->next;
			if (!m->string || (strcmp(m->string, "id") && strcmp(m->string, "needed")))
				cJSON_Delete(cJSON_DetachItemViaPointer((cJSON *)it, m));
		}
	}
	arr = cJSON_AddArrayToObject(out, "criteria");
	cJSON_ArrayForEach(it, jarr(v, "criteria")) {
		cJSON *c = cJSON_CreateObject();
		cJSON *inds = cJSON_AddArrayToObject(c, "indicators");

		cJSON_ArrayForEach(ind, jarr(it, "indicators")) {
			cJSON *i = cJSON_CreateObject();

			keep_member(i, ind, "status");
			cJSON_AddItemToArray(inds, i);
		}
		cJSON_AddItemToArray(arr, c);
	}
	arr = cJSON_AddArrayToObject(out, "findings");
	cJSON_ArrayForEach(it, jarr(v, "findings")) {
		cJSON *f = cJSON_CreateObject();

		keep_member(f, it, "severity");
		cJSON_AddItemToArray(arr, f);
	}
	s = cJSON_PrintUnformatted(out);
	cJSON_Delete(out);
	cJSON_Delete(v);
	return s;
}

static void unload(struct row *r)
{
	cJSON_Delete(r->v);
	free(r->commune);
	free(r->result);
}

/* A CSV field, quoted; a leading = + - @ is defused for spreadsheets. */
static void csv_field(struct hs_buf *b, const char *s)
{
	hs_buf_addch(b, '"');
	if (s && strchr("=+-@", *s) && *s)
		hs_buf_addch(b, '\'');
	for (; s && *s; s++) {
		if (*s == '"')
			hs_buf_addch(b, '"');
		hs_buf_addch(b, (unsigned char)*s < 0x20 && *s != '\n' ? ' ' : *s);
	}
	hs_buf_addch(b, '"');
}

char *summary_csv(const struct summary_item *items, size_t n, enum hs_lang lang)
{
	struct hs_buf b = HS_BUF_INIT;

	/* the BOM lets spreadsheet programs read the file as UTF-8 */
	hs_buf_addf(&b, "\xEF\xBB\xBF%s,%s,%s,%s,%s,%s,%s,%s,%s\r\n",
		    lang == HS_LANG_VI ? "don_vi" : "commune",
		    lang == HS_LANG_VI ? "nam" : "year",
		    lang == HS_LANG_VI ? "ket_qua" : "result",
		    lang == HS_LANG_VI ? "loi" : "errors",
		    lang == HS_LANG_VI ? "canh_bao" : "warnings",
		    lang == HS_LANG_VI ? "thong_tin" : "info",
		    lang == HS_LANG_VI ? "bao_cao" : "report",
		    lang == HS_LANG_VI ? "ho_so" : "input", "rubric");
	for (size_t i = 0; i < n; i++) {
		struct row r;

		load(&r, &items[i], lang);
		csv_field(&b, r.commune);
		if (r.year > 0)
			hs_buf_addf(&b, ",%d,", r.year);
		else
			hs_buf_adds(&b, ",,");
		csv_field(&b, r.result);
		if (r.v)
			hs_buf_addf(&b, ",%d,%d,%d,", r.n[0], r.n[1], r.n[2]);
		else
			hs_buf_adds(&b, ",,,,");
		csv_field(&b, items[i].report);
		hs_buf_addch(&b, ',');
		csv_field(&b, items[i].input);
		hs_buf_addch(&b, ',');
		csv_field(&b, jstr(jobj(r.v, "rubric"), "id"));
		hs_buf_adds(&b, "\r\n");
		unload(&r);
	}
	return hs_buf_detach(&b, NULL);
}

/* A relative link: every byte but unreserved ones and '/' percent-encoded. */
static void href(struct hs_buf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c))
			hs_buf_addch(b, (char)c);
		else
			hs_buf_addf(b, "%%%02X", c);
	}
}

static const char script[] =
	"(function(){var t=document.getElementById('summary');"
	"var hs=t.tHead.rows[0].cells;for(var i=0;i<hs.length;i++)(function(k){"
	"hs[k].addEventListener('click',function(){"
	"var asc=hs[k].getAttribute('aria-sort')!=='ascending';"
	"for(var j=0;j<hs.length;j++)hs[j].removeAttribute('aria-sort');"
	"hs[k].setAttribute('aria-sort',asc?'ascending':'descending');"
	"var b=t.tBodies[0],rs=Array.prototype.slice.call(b.rows);"
	"rs.sort(function(x,y){var a=x.cells[k].getAttribute('data-v'),"
	"c=y.cells[k].getAttribute('data-v');var na=parseFloat(a),nc=parseFloat(c);"
	"var r=(!isNaN(na)&&!isNaN(nc))?na-nc:a.localeCompare(c,'vi');"
	"return asc?r:-r;});rs.forEach(function(r){b.appendChild(r);});});"
	"})(i);})();";

static void cell(struct hs_buf *b, const char *sortv, const char *shown)
{
	hs_buf_adds(b, "<td data-v=\"");
	html_esc(b, sortv ? sortv : "");
	hs_buf_adds(b, "\">");
	html_esc(b, shown ? shown : "");
	hs_buf_adds(b, "</td>");
}

char *summary_html(const struct summary_item *items, size_t n, enum hs_lang lang)
{
	struct hs_buf b = HS_BUF_INIT;

	hs_buf_addf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		    "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n<title>%s</title>\n"
		    "<style>@page{size:A4 landscape;margin:12mm}"
		    "body{font-family:'Times New Roman',Times,serif;font-size:11pt;margin:8px}"
		    "table{border-collapse:collapse;width:100%%}th,td{border:1px solid #999;"
		    "padding:3px 6px;text-align:left}th{background:#eee;cursor:pointer}"
		    "th[aria-sort=ascending]::after{content:' ▲'}"
		    "th[aria-sort=descending]::after{content:' ▼'}"
		    ".err{color:#b00020;font-weight:bold}</style>\n</head>\n<body>\n<h1>%s</h1>\n"
		    "<p>%s</p>\n<table id=\"summary\">\n<thead><tr>"
		    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		    "</tr></thead>\n<tbody>\n",
		    msg_lang_tag(lang), msg(MSG_H_SUMMARY, lang), msg(MSG_H_SUMMARY, lang),
		    msg(MSG_SUMMARY_HINT, lang), msg(MSG_L_COMMUNE, lang),
		    msg(MSG_L_YEAR, lang), msg(MSG_L_RESULT_COL, lang),
		    msg(MSG_SEV_ERROR, lang), msg(MSG_SEV_WARNING, lang),
		    msg(MSG_SEV_INFO, lang), msg(MSG_L_REPORT, lang));
	for (size_t i = 0; i < n; i++) {
		struct row r;
		char num[3][16], year[16];

		load(&r, &items[i], lang);
		snprintf(year, sizeof(year), "%d", r.year);
		for (int s = 0; s < 3; s++)
			snprintf(num[s], sizeof(num[s]), "%d", r.n[s]);
		hs_buf_adds(&b, "<tr>");
		cell(&b, r.commune, r.commune);
		cell(&b, r.year > 0 ? year : "", r.year > 0 ? year : "");
		cell(&b, r.result, r.result);
		for (int s = 0; s < 3; s++)
			cell(&b, r.v ? num[s] : "", r.v ? num[s] : "");
		hs_buf_adds(&b, "<td data-v=\"");
		html_esc(&b, items[i].input);
		hs_buf_adds(&b, "\">");
		if (items[i].report) {
			hs_buf_adds(&b, "<a href=\"");
			href(&b, items[i].report);
			hs_buf_adds(&b, "\">");
			html_esc(&b, items[i].input);
			hs_buf_adds(&b, "</a>");
		} else {
			html_esc(&b, items[i].input);
		}
		hs_buf_adds(&b, "</td></tr>\n");
		unload(&r);
	}
	hs_buf_addf(&b, "</tbody>\n</table>\n<script>%s</script>\n</body>\n</html>\n", script);
	return hs_buf_detach(&b, NULL);
}
