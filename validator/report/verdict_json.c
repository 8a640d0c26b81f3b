/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * verdict_json.c: the verdict, hoso-verdict/1 (schemas/verdict.schema.json),
 * the contract every rendering reads. Stable order, no timestamps.
 */
#include "verdict.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/version.h"
#include "jsonw.h"

static void add_str_or_null(cJSON *o, const char *k, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

static void add_num_or_null(cJSON *o, const char *k, bool set, double v)
{
	if (set && isfinite(v))
		cJSON_AddNumberToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

static cJSON *evidence_json(const struct assessment *a,
			    const struct ev_result *res)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t k = 0; k < res->n; k++) {
		const struct ev_match *m = &res->m[k];
		cJSON *e = cJSON_CreateObject(), *rs = cJSON_CreateArray();

		cJSON_AddStringToObject(e, "requirement", res->req->id);
		cJSON_AddStringToObject(e, "file", a->dx->docs[m->doc].path);
		cJSON_AddNumberToObject(e, "confidence",
					round(m->confidence * 100) / 100);
		cJSON_AddStringToObject(e, "match", m->by_content ? "content" : "name");
		for (size_t q = 0; q < m->nreasons; q++)
			cJSON_AddItemToArray(rs, cJSON_CreateString(m->reasons[q]));
		cJSON_AddItemToObject(e, "reasons", rs);
		cJSON_AddItemToArray(arr, e);
	}
	return arr;
}

static cJSON *requirements_json(const struct ev_result *ev, size_t n)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t e = 0; e < n; e++) {
		cJSON *o = cJSON_CreateObject();
		static const char *const states[] = {"missing", "name_only",
						     "content"};

		cJSON_AddStringToObject(o, "id", ev[e].req->id);
		cJSON_AddStringToObject(o, "title", ev[e].req->title);
		cJSON_AddStringToObject(o, "state", states[ev[e].state]);
		cJSON_AddBoolToObject(o, "optional", ev[e].req->optional);
		cJSON_AddNumberToObject(o, "documents", (double)ev[e].total);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *figure_json(const struct assessment *a, const struct fig_result *fr)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "name", fr->fig->name);
	cJSON_AddStringToObject(o, "title", fr->fig->title);
	add_num_or_null(o, "value", fr->found, fr->value);
	add_str_or_null(o, "unit", fr->fig->unit);
	add_str_or_null(o, "file", fr->found ? a->dx->docs[fr->doc].path : NULL);
	add_str_or_null(o, "quote", fr->found ? fr->quote : NULL);
	add_str_or_null(o, "sheet", fr->found ? fr->sheet : NULL);
	add_str_or_null(o, "cell", fr->found ? fr->cell : NULL);
	cJSON_AddBoolToObject(o, "confirmed", fr->fig->prov.confirmed);
	return o;
}

/* Documents listed for one doubt; the count of all of them is kept. */
#define TO_CONFIRM_DOCS_MAX 10

/* One pending indicator: what to confirm, why, and where to look. */
static cJSON *to_confirm_json(const struct assessment *a,
			      const struct ind_result *ir)
{
	const struct rubric *r = a->rubric;
	struct ind_doubt *d = hs_calloc(ir->nev + ir->nfig + 1, sizeof(*d));
	size_t nd = ind_doubts(a, ir, d), docs[TO_CONFIRM_DOCS_MAX];
	cJSON *o = cJSON_CreateObject(), *ds, *all = cJSON_CreateArray();
	struct hs_buf why = HS_BUF_INIT;

	cJSON_AddStringToObject(o, "id", ir->ind->id);
	cJSON_AddStringToObject(o, "criterion", ir->cr->id);
	cJSON_AddStringToObject(o, "title", ir->ind->title);
	ind_doubt_words(a, ir, &why);
	cJSON_AddStringToObject(o, "why", why.ptr);
	hs_buf_release(&why);
	if (r->kind == RUBRIC_LEVELS) {
		cJSON *lv = cJSON_AddArrayToObject(o, "levels");

		for (size_t l = 0; l < r->nlevels; l++)
			if (ir->ind->requirement[r->levels[l]] &&
			    ir->at[r->levels[l]] == IND_NEEDS_REVIEW)
				cJSON_AddItemToArray(lv, cJSON_CreateNumber(r->levels[l]));
		cJSON_AddNullToObject(o, "points");
		cJSON_AddNullToObject(o, "points_if_confirmed");
		cJSON_AddNullToObject(o, "points_max");
	} else {
		cJSON_AddNullToObject(o, "levels");
		cJSON_AddNumberToObject(o, "points", ir->points);
		cJSON_AddNumberToObject(o, "points_if_confirmed", ir->points_confirmed);
		cJSON_AddNumberToObject(o, "points_max", ir->ind->points_max);
	}
	cJSON_AddStringToObject(o, "if_confirmed", ind_status_name(ir->status_confirmed));
	cJSON_AddBoolToObject(o, "needed", ir->needed);
	ds = cJSON_AddArrayToObject(o, "doubts");
	for (size_t k = 0; k < nd; k++) {
		cJSON *one = cJSON_CreateObject(), *paths;
		size_t total = doubt_docs(a, ir, &d[k], docs, TO_CONFIRM_DOCS_MAX);

		cJSON_AddStringToObject(one, "kind", doubt_kind_name(d[k].kind));
		add_str_or_null(one, "requirement", d[k].ev ? d[k].ev->req->id : NULL);
		add_str_or_null(one, "figure", d[k].fig ? d[k].fig->fig->name : NULL);
		cJSON_AddStringToObject(one, "title", d[k].ev ? d[k].ev->req->title
							     : d[k].fig->fig->title);
		paths = cJSON_AddArrayToObject(one, "documents");
		for (size_t j = 0; j < total && j < TO_CONFIRM_DOCS_MAX; j++) {
			const char *path = a->dx->docs[docs[j]].path;
			const cJSON *seen;
			bool dup = false;

			cJSON_AddItemToArray(paths, cJSON_CreateString(path));
			cJSON_ArrayForEach(seen, all)
				dup |= !strcmp(seen->valuestring, path);
			if (!dup)
				cJSON_AddItemToArray(all, cJSON_CreateString(path));
		}
		cJSON_AddNumberToObject(one, "documents_total", (double)total);
		cJSON_AddItemToArray(ds, one);
	}
	cJSON_AddItemToObject(o, "documents", all);
	free(d);
	return o;
}

static cJSON *finding_json(const struct finding *f)
{
	const struct hs_code_info *ci = hs_code_info(f->code);
	cJSON *o = cJSON_CreateObject(), *args = cJSON_CreateObject(), *loc;

	cJSON_AddStringToObject(o, "code", ci->name);
	cJSON_AddStringToObject(o, "severity",
				hs_severity_name((enum hs_severity)f->severity));
	cJSON_AddStringToObject(o, "title", ci->title);
	cJSON_AddStringToObject(o, "message", f->message);
	for (size_t k = 0; k < f->nargs; k++) {
		if (f->args[k].str)
			cJSON_AddStringToObject(args, f->args[k].key, f->args[k].str);
		else
			cJSON_AddNumberToObject(args, f->args[k].key, f->args[k].num);
	}
	cJSON_AddItemToObject(o, "args", args);
	add_str_or_null(o, "file", f->file);
	add_str_or_null(o, "criterion", f->criterion);
	add_str_or_null(o, "indicator", f->indicator);
	loc = cJSON_AddObjectToObject(o, "location");
	add_num_or_null(loc, "page", f->page != 0, f->page);
	add_str_or_null(loc, "sheet", f->sheet);
	add_str_or_null(loc, "cell", f->cell);
	cJSON_AddNullToObject(loc, "line");
	add_num_or_null(o, "caused_by", f->caused_by >= 0, (double)f->caused_by);
	return o;
}

int verdict_json_write(const struct verdict *v, FILE *out)
{
	const struct assessment *a = v->a;
	const struct dossier *dx = a->dx;
	const struct rubric *r = a->rubric;
	struct jw w = JW_INIT(out);
	cJSON *o, *cov;
	size_t read = 0, pages = 0, pages_text = 0;
	char date[16];

	jw_member(&w, "schema", cJSON_CreateString("hoso-verdict/1"));
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", "hoso");
	cJSON_AddStringToObject(o, "version", HOSO_VERSION);
	jw_member(&w, "tool", o);

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "path", dx->input_path);
	cJSON_AddNumberToObject(o, "size", (double)dx->src.input_size);
	add_str_or_null(o, "sha256",
			dx->src.input_sha256[0] ? dx->src.input_sha256 : NULL);
	cJSON_AddStringToObject(o, "format",
				dx->src.input_is_dir ? "folder"
				: sniff_format_name(dx->src.input_format));
	jw_member(&w, "input", o);

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", r->id);
	cJSON_AddStringToObject(o, "version", r->version);
	cJSON_AddStringToObject(o, "title", r->title);
	cJSON_AddStringToObject(o, "regulation", r->regulation.number);
	add_str_or_null(o, "chosen_because", v->rubric_reason);
	jw_member(&w, "rubric", o);

	o = cJSON_CreateObject();
	add_str_or_null(o, "commune", a->commune);
	add_num_or_null(o, "year", a->year != 0, a->year);
	add_str_or_null(o, "year_source", a->year ? a->year_source : NULL);
	add_num_or_null(o, "level_claimed", a->level_claimed != 0, a->level_claimed);
	add_str_or_null(o, "level_source", a->level_source);
	cJSON_AddBoolToObject(o, "difficult_area", a->opt.difficult_area);
	jw_member(&w, "dossier", o);

	o = cJSON_CreateObject();
	cJSON_AddBoolToObject(o, "provisional", true);
	if (r->kind == RUBRIC_LEVELS) {
		cJSON_AddNumberToObject(o, "level_reached", a->level_reached);
		cJSON_AddNumberToObject(o, "level_assessed", a->level_assessed);
		cJSON_AddNullToObject(o, "points");
		cJSON_AddNullToObject(o, "points_max");
		cJSON_AddNullToObject(o, "classification");
	} else {
		cJSON_AddNullToObject(o, "level_reached");
		cJSON_AddNullToObject(o, "level_assessed");
		cJSON_AddNumberToObject(o, "points", a->points);
		cJSON_AddNumberToObject(o, "points_max", a->points_max);
		add_str_or_null(o, "classification", a->classification);
	}
	/* what confirming the pending indicators would give; null when
	 * nothing is pending */
	add_num_or_null(o, "level_if_confirmed",
			r->kind == RUBRIC_LEVELS && a->npending, a->level_if_confirmed);
	add_num_or_null(o, "points_if_confirmed",
			r->kind == RUBRIC_POINTS && a->npending, a->points_if_confirmed);
	add_str_or_null(o, "classification_if_confirmed",
			r->kind == RUBRIC_POINTS && a->npending
				? a->classification_if_confirmed : NULL);
	{
		cJSON *tc = cJSON_AddArrayToObject(o, "to_confirm");

		for (size_t i = 0; i < a->nind; i++)
			if (a->ind[i].pending)
				cJSON_AddItemToArray(tc, to_confirm_json(a, &a->ind[i]));
	}
	cJSON_AddBoolToObject(o, "depends_on_unconfirmed", a->depends_unconfirmed);
	cJSON_AddStringToObject(o, "summary", a->summary);
	jw_member(&w, "result", o);

	for (size_t i = 0; i < dx->ndocs; i++) {
		read += dx->docs[i].doc.status == DOC_OK;
		pages += dx->docs[i].doc.npages;
		pages_text += dx->docs[i].doc.npages_text;
	}
	cov = cJSON_CreateObject();
	cJSON_AddNumberToObject(cov, "documents", (double)dx->ndocs);
	cJSON_AddNumberToObject(cov, "read", (double)read);
	cJSON_AddNumberToObject(cov, "pages", (double)pages);
	cJSON_AddNumberToObject(cov, "pages_with_text", (double)pages_text);
	jw_member(&w, "coverage", cov);

	jw_member(&w, "dossier_requirements",
	       requirements_json(a->dossier_ev, a->ndossier_ev));
	jw_array_start(&w, "dossier_evidence");
	for (size_t i = 0; i < a->ndossier_ev; i++) {
		cJSON *e = evidence_json(a, &a->dossier_ev[i]), *it;

		while ((it = cJSON_DetachItemFromArray(e, 0)))
			jw_element(&w, it);
		cJSON_Delete(e);
	}
	jw_array_end(&w);

	jw_array_start(&w, "criteria");
	for (size_t c = 0, k = 0; c < r->ncriteria; c++) {
		const struct rb_criterion *cr = &r->criteria[c];
		cJSON *jc = cJSON_CreateObject(), *inds = cJSON_CreateArray();
		enum ind_status worst = IND_MET;
		double pts = 0;

		for (size_t i = 0; i < cr->nindicators; i++, k++) {
			const struct ind_result *ir = &a->ind[k];
			cJSON *ji = cJSON_CreateObject(), *ev = cJSON_CreateArray(),
			      *figs = cJSON_CreateArray(), *req;

			cJSON_AddStringToObject(ji, "id", ir->ind->id);
			cJSON_AddStringToObject(ji, "title", ir->ind->title);
			cJSON_AddStringToObject(ji, "status", ind_status_name(ir->status));
			cJSON_AddStringToObject(ji, "why", ir->why ? ir->why : "");
			if (r->kind == RUBRIC_POINTS) {
				cJSON_AddNumberToObject(ji, "points", ir->points);
				cJSON_AddNumberToObject(ji, "points_max",
							ir->ind->points_max);
			} else {
				cJSON *lv = cJSON_CreateObject();

				cJSON_AddNullToObject(ji, "points");
				cJSON_AddNullToObject(ji, "points_max");
				for (size_t l = 0; l < r->nlevels; l++) {
					char key[8];
					int L = r->levels[l];

					if (!ir->ind->requirement[L])
						continue;
					snprintf(key, sizeof(key), "%d", L);
					cJSON_AddStringToObject(lv, key,
								ind_status_name(ir->at[L]));
				}
				cJSON_AddItemToObject(ji, "levels", lv);
			}
			cJSON_AddBoolToObject(ji, "confirmed", ir->ind->prov.confirmed);
			add_str_or_null(ji, "provenance", ir->ind->prov.source);
			req = requirements_json(ir->ev, ir->nev);
			cJSON_AddItemToObject(ji, "requirements", req);
			for (size_t e = 0; e < ir->nev; e++) {
				cJSON *one = evidence_json(a, &ir->ev[e]), *it;

				cJSON_ArrayForEach(it, one)
					cJSON_AddItemToArray(ev, cJSON_Duplicate(it, true));
				cJSON_Delete(one);
			}
			cJSON_AddItemToObject(ji, "evidence", ev);
			for (size_t f = 0; f < ir->nfig; f++)
				cJSON_AddItemToArray(figs, figure_json(a, &ir->fig[f]));
			cJSON_AddItemToObject(ji, "figures", figs);
			cJSON_AddItemToArray(inds, ji);
			if (ir->status != IND_MET &&
			    (worst == IND_MET || ir->status == IND_MISSING_EVIDENCE ||
			     (ir->status == IND_NOT_MET && worst == IND_NEEDS_REVIEW)))
				worst = ir->status;
			pts += ir->points;
		}
		cJSON_AddStringToObject(jc, "id", cr->id);
		cJSON_AddStringToObject(jc, "title", cr->title);
		cJSON_AddStringToObject(jc, "status", ind_status_name(worst));
		if (r->kind == RUBRIC_POINTS) {
			cJSON_AddNumberToObject(jc, "points", pts);
			cJSON_AddNumberToObject(jc, "points_max", cr->points_max);
		} else {
			cJSON_AddNullToObject(jc, "points");
			cJSON_AddNullToObject(jc, "points_max");
		}
		cJSON_AddItemToObject(jc, "indicators", inds);
		jw_element(&w, jc);
	}
	jw_array_end(&w);

	jw_array_start(&w, "documents");
	for (size_t i = 0; i < dx->ndocs; i++) {
		const struct dossier_doc *dd = &dx->docs[i];
		const struct docmeta *m = &a->meta[i];
		cJSON *d = cJSON_CreateObject(), *inds = cJSON_CreateArray();

		cJSON_AddStringToObject(d, "path", dd->path);
		cJSON_AddStringToObject(d, "format", sniff_format_name(dd->doc.format));
		cJSON_AddStringToObject(d, "status", doc_status_name(dd->doc.status));
		add_str_or_null(d, "reason", dd->doc.reason);
		add_str_or_null(d, "encoding", doc_encoding_name(dd->doc.encoding));
		add_num_or_null(d, "pages", dd->doc.format == FMT_PDF,
				(double)dd->doc.npages);
		cJSON_AddItemToObject(d, "ocr", jw_doc_ocr(&dd->doc));
		add_str_or_null(d, "type", m->type >= 0 ? r->doctypes[m->type].key : NULL);
		add_str_or_null(d, "number", m->number);
		add_str_or_null(d, "date", docmeta_date(m, date));
		add_str_or_null(d, "issuer", m->issuer);
		add_str_or_null(d, "title", m->title);
		add_str_or_null(d, "signer", m->signer);
		add_str_or_null(d, "sign_authority", m->sign_authority);
		add_str_or_null(d, "sign_position", m->sign_position);
		{
			cJSON *bases = cJSON_CreateArray();

			for (size_t b = 0; b < m->nbases; b++)
				cJSON_AddItemToArray(bases, cJSON_CreateString(m->bases[b]));
			cJSON_AddItemToObject(d, "legal_bases", bases);
		}
		for (size_t j = 0; j < a->inds[i].n; j++)
			cJSON_AddItemToArray(
				inds, cJSON_CreateString(a->ind[a->inds[i].v[j]].ind->id));
		cJSON_AddItemToObject(d, "indicators", inds);
		jw_element(&w, d);
	}
	jw_array_end(&w);

	jw_array_start(&w, "figures");
	for (size_t k = 0; k < a->nind; k++)
		for (size_t f = 0; f < a->ind[k].nfig; f++) {
			const struct fig_result *fr = &a->ind[k].fig[f];
			cJSON *fo, *loc;

			if (!fr->found)
				continue;
			fo = cJSON_CreateObject();
			cJSON_AddStringToObject(fo, "name", fr->fig->name);
			cJSON_AddNumberToObject(fo, "value", fr->value);
			add_str_or_null(fo, "unit", fr->fig->unit);
			cJSON_AddStringToObject(fo, "file", dx->docs[fr->doc].path);
			loc = cJSON_AddObjectToObject(fo, "location");
			cJSON_AddStringToObject(loc, "quote", fr->quote);
			add_str_or_null(loc, "sheet", fr->sheet);
			add_str_or_null(loc, "cell", fr->cell);
			cJSON_AddStringToObject(fo, "indicator", a->ind[k].ind->id);
			jw_element(&w, fo);
		}
	jw_array_end(&w);

	jw_array_start(&w, "findings");
	for (size_t i = 0; i < v->findings->n; i++)
		jw_element(&w, finding_json(&v->findings->v[i]));
	jw_array_end(&w);
	o = cJSON_CreateObject();
	{
		size_t by[3] = {0};

		for (size_t i = 0; i < v->findings->n; i++)
			by[v->findings->v[i].severity]++;
		cJSON_AddNumberToObject(o, "error", (double)by[HS_SEV_ERROR]);
		cJSON_AddNumberToObject(o, "warning", (double)by[HS_SEV_WARNING]);
		cJSON_AddNumberToObject(o, "info", (double)by[HS_SEV_INFO]);
		cJSON_AddNumberToObject(o, "silenced", (double)v->silenced);
	}
	jw_member(&w, "findings_summary", o);
	jw_array_start(&w, "overrides");
	for (size_t i = 0; i < v->noverrides; i++) {
		cJSON *ov = cJSON_CreateObject();

		cJSON_AddStringToObject(ov, "code", v->overrides[i].code);
		cJSON_AddStringToObject(ov, "severity", v->overrides[i].severity);
		cJSON_AddStringToObject(ov, "source", v->overrides[i].source);
		if (*v->overrides[i].reason)
			cJSON_AddStringToObject(ov, "reason", v->overrides[i].reason);
		else
			cJSON_AddNullToObject(ov, "reason");
		cJSON_AddNumberToObject(ov, "findings", (double)v->overrides[i].count);
		jw_element(&w, ov);
	}
	jw_array_end(&w);
	return jw_end(&w);
}

char *verdict_json(const struct verdict *v)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (!f)
		hs_die("out of memory while writing the verdict");
	verdict_json_write(v, f);
	if (fclose(f))
		hs_die("out of memory while writing the verdict");
	return out;
}
