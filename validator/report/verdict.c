/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * verdict.c: merging findings, severity overrides from config files, and
 * the readable rendering of the verdict.
 */
#include "verdict.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/buf.h"

void verdict_init(struct verdict *v, const struct assessment *a,
		  const char *rubric_reason)
{
	memset(v, 0, sizeof(*v));
	v->a = a;
	v->rubric_reason = rubric_reason;
	v->findings = &v->all;
}

bool verdict_config(struct verdict *v, const char *path, char *err,
		    size_t errlen)
{
	FILE *f = fopen(path, "rb");
	struct hs_buf b = HS_BUF_INIT;
	char blk[8192];
	size_t n;
	cJSON *root, *codes, *it;
	bool ok = true;

	if (!f) {
		snprintf(err, errlen, "'%s': %s", path, strerror(errno));
		return false;
	}
	b.max = 1u << 20;
	while ((n = fread(blk, 1, sizeof(blk), f)) > 0)
		if (hs_buf_add(&b, blk, n) != HS_OK)
			break;
	fclose(f);
	root = b.over ? NULL : cJSON_Parse(b.ptr);
	hs_buf_release(&b);
	if (!root || !cJSON_IsObject(root)) {
		snprintf(err, errlen, "%s: $: not a JSON object", path);
		cJSON_Delete(root);
		return false;
	}
	cJSON_ArrayForEach(it, root)
		if (strcmp(it->string, "codes")) {
			snprintf(err, errlen, "%s: $.%s: unknown member", path,
				 it->string);
			cJSON_Delete(root);
			return false;
		}
	codes = cJSON_GetObjectItemCaseSensitive(root, "codes");
	if (codes && !cJSON_IsObject(codes)) {
		/* a dossier may carry this file: never walk what is not an object */
		snprintf(err, errlen, "%s: $.codes: must be an object", path);
		cJSON_Delete(root);
		return false;
	}
	cJSON_ArrayForEach(it, codes) {
		struct verdict_override *o;
		const cJSON *sv = cJSON_IsObject(it)
					  ? cJSON_GetObjectItemCaseSensitive(it, "severity")
					  : it,
			    *why = cJSON_IsObject(it)
					   ? cJSON_GetObjectItemCaseSensitive(it, "reason")
					   : NULL;
		const char *sev = cJSON_IsString(sv) ? sv->valuestring : "";

		if (!it->string || !hs_code_find(it->string)) {
			snprintf(err, errlen, "%s: $.codes.%s: unknown finding code",
				 path, it->string);
			ok = false;
			break;
		}
		if (strcmp(sev, "error") && strcmp(sev, "warning") &&
		    strcmp(sev, "info") && strcmp(sev, "off")) {
			snprintf(err, errlen,
				 "%s: $.codes.%s: must be \"error\", \"warning\", "
				 "\"info\" or \"off\" (or {\"severity\": ..., "
				 "\"reason\": ...})", path, it->string);
			ok = false;
			break;
		}
		if (why && !cJSON_IsString(why)) {
			snprintf(err, errlen, "%s: $.codes.%s.reason: must be a string",
				 path, it->string);
			ok = false;
			break;
		}
		v->overrides = hs_realloc(v->overrides,
					  (v->noverrides + 1) * sizeof(*o));
		o = &v->overrides[v->noverrides++];
		memset(o, 0, sizeof(*o));
		snprintf(o->code, sizeof(o->code), "%s", it->string);
		snprintf(o->severity, sizeof(o->severity), "%s", sev);
		snprintf(o->source, sizeof(o->source), "%s", path);
		snprintf(o->reason, sizeof(o->reason), "%s",
			 why ? why->valuestring : "");
	}
	cJSON_Delete(root);
	return ok;
}

static void copy_finding(struct findings *to, const struct finding *f,
			 long caused_by)
{
	struct finding *x = findings_add(to, f->code, f->file, "%s", f->message);

	x->severity = f->severity;
	finding_place(x, f->criterion, f->indicator);
	for (size_t k = 0; k < f->nargs; k++) {
		if (f->args[k].str)
			finding_arg_str(x, f->args[k].key, f->args[k].str);
		else
			finding_arg_num(x, f->args[k].key, f->args[k].num);
	}
	x->caused_by = caused_by;
	x->page = f->page;
	if (f->cell) {
		x->sheet = f->sheet ? hs_strdup(f->sheet) : NULL;
		x->cell = hs_strdup(f->cell);
	}
}

/* The last override of a code wins (a later config file refines). */
static struct verdict_override *override_for(struct verdict *v,
					     enum hs_code code)
{
	const char *name = hs_code_info(code)->name;

	for (size_t i = v->noverrides; i-- > 0;)
		if (!strcmp(v->overrides[i].code, name))
			return &v->overrides[i];
	return NULL;
}

void verdict_finish(struct verdict *v)
{
	const struct findings *in[2] = {&v->a->dx->findings, &v->a->findings};
	size_t total = in[0]->n + in[1]->n, k = 0;
	long *newidx = hs_calloc(total + 1, sizeof(long));

	/* First pass: which findings survive, and their new index. */
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < in[s]->n; i++, k++) {
			struct verdict_override *o = override_for(v, in[s]->v[i].code);

			newidx[k] = o && !strcmp(o->severity, "off") ? -1 : 0;
		}
	for (size_t i = 0, n = 0; i < total; i++)
		if (newidx[i] >= 0)
			newidx[i] = (long)n++;
	k = 0;
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < in[s]->n; i++, k++) {
			const struct finding *f = &in[s]->v[i];
			struct verdict_override *o = override_for(v, f->code);
			long cause = f->caused_by >= 0 && (size_t)f->caused_by < total
					     ? newidx[f->caused_by]
					     : -1;

			if (o)
				o->count++;
			if (newidx[k] < 0) {
				v->silenced++;
				continue;
			}
			copy_finding(&v->all, f, cause);
			if (o)
				v->all.v[v->all.n - 1].severity =
					!strcmp(o->severity, "error")   ? HS_SEV_ERROR
					: !strcmp(o->severity, "warning") ? HS_SEV_WARNING
									  : HS_SEV_INFO;
		}
	free(newidx);
}

void verdict_release(struct verdict *v)
{
	findings_release(&v->all);
	free(v->overrides);
	memset(v, 0, sizeof(*v));
}

int verdict_worst(const struct verdict *v)
{
	return findings_worst(&v->all);
}
