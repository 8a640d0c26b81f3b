/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rubric.c: the rubric loader. A small recursive reader over cJSON that
 * keeps the JSON path of where it is, so every fault names its place.
 * Rubrics are edited by people (a province adapts one), so the checks are
 * the schema's, plus what a schema cannot say: patterns compile, type keys
 * exist, ids are unique, points add up.
 */
#include "rubric.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/buf.h"
#include "read/source.h"

#ifndef HOSO_RUBRIC_DIR
#define HOSO_RUBRIC_DIR "schemas/rubrics"
#endif

struct loader {
	char path[512];  /* JSON path of the current node */
	char *err;
	size_t errlen;
	bool failed;
	struct rubric *r;
};

static void fail(struct loader *L, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail(struct loader *L, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (L->failed)
		return;
	L->failed = true;
	n = snprintf(L->err, L->errlen, "%s: ", L->path);
	if (n < 0 || (size_t)n >= L->errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(L->err + n, L->errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

/* Appends ".key" or "[i]" to the path; returns the old length to pop. */
static size_t push_key(struct loader *L, const char *key)
{
	size_t n = strlen(L->path);

	snprintf(L->path + n, sizeof(L->path) - n, ".%s", key);
	return n;
}

static size_t push_index(struct loader *L, size_t i)
{
	size_t n = strlen(L->path);

	snprintf(L->path + n, sizeof(L->path) - n, "[%zu]", i);
	return n;
}

static void pop(struct loader *L, size_t n)
{
	L->path[n] = '\0';
}

/* Rejects members the format does not know: a typo must not pass. */
static void only_keys(struct loader *L, const cJSON *obj,
		      const char *const *keys)
{
	const cJSON *m;

	cJSON_ArrayForEach(m, obj) {
		bool known = false;

		for (const char *const *k = keys; *k; k++)
			if (!strcmp(*k, m->string))
				known = true;
		if (!known) {
			size_t p = push_key(L, m->string);

			fail(L, "unknown member");
			pop(L, p);
			return;
		}
	}
}

static const cJSON *member(struct loader *L, const cJSON *obj,
			   const char *key, bool required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if ((!v || cJSON_IsNull(v)) && required) {
		size_t p = push_key(L, key);

		fail(L, "required member missing");
		pop(L, p);
	}
	return v && !cJSON_IsNull(v) ? v : NULL;
}

static char *get_str(struct loader *L, const cJSON *obj, const char *key,
		     bool required)
{
	const cJSON *v = member(L, obj, key, required);
	size_t p;

	if (!v)
		return NULL;
	if (!cJSON_IsString(v) || (required && !*v->valuestring)) {
		p = push_key(L, key);
		fail(L, "must be a non-empty string");
		pop(L, p);
		return NULL;
	}
	return hs_strdup(v->valuestring);
}

static bool get_num(struct loader *L, const cJSON *obj, const char *key,
		    bool required, double *out)
{
	const cJSON *v = member(L, obj, key, required);

	if (!v)
		return false;
	if (!cJSON_IsNumber(v)) {
		size_t p = push_key(L, key);

		fail(L, "must be a number");
		pop(L, p);
		return false;
	}
	*out = v->valuedouble;
	return true;
}

static bool get_bool(struct loader *L, const cJSON *obj, const char *key,
		     bool def)
{
	const cJSON *v = member(L, obj, key, false);

	if (!v)
		return def;
	if (!cJSON_IsBool(v)) {
		size_t p = push_key(L, key);

		fail(L, "must be true or false");
		pop(L, p);
		return def;
	}
	return cJSON_IsTrue(v);
}

static const cJSON *get_kind(struct loader *L, const cJSON *obj,
			     const char *key, bool required, bool array)
{
	const cJSON *v = member(L, obj, key, required);

	if (v && (array ? !cJSON_IsArray(v) : !cJSON_IsObject(v))) {
		size_t p = push_key(L, key);

		fail(L, "must be an %s", array ? "array" : "object");
		pop(L, p);
		return NULL;
	}
	return v;
}

/* A pattern must be written folded: no capitals, no diacritics. */
static bool is_folded(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0x80 || (*p >= 'A' && *p <= 'Z' &&
				   (p == (const unsigned char *)s || p[-1] != '\\')))
			return false;
	return true;
}

static void get_patterns(struct loader *L, const cJSON *obj, const char *key,
			 struct rx_list *out)
{
	const cJSON *arr = get_kind(L, obj, key, false, true), *it;
	size_t p = push_key(L, key), i = 0;

	if (!arr) {
		pop(L, p);
		return;
	}
	out->v = hs_calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*out->v));
	cJSON_ArrayForEach(it, arr) {
		size_t q = push_index(L, i++);
		char msg[300];

		if (!cJSON_IsString(it) || !*it->valuestring)
			fail(L, "must be a non-empty string");
		else if (!is_folded(it->valuestring))
			fail(L, "pattern must be folded (lower case, no diacritics): '%s'",
			     it->valuestring);
		else if (!rx_compile(&out->v[out->n], it->valuestring, msg,
				     sizeof(msg)))
			fail(L, "%s", msg);
		else
			out->n++;
		pop(L, q);
	}
	pop(L, p);
}

static void get_provenance(struct loader *L, const cJSON *obj,
			   struct rb_provenance *pv, bool required)
{
	static const char *const keys[] = {"article", "source", "confirmed",
					   NULL};
	const cJSON *o = get_kind(L, obj, "provenance", required, false);
	size_t p;

	if (!o)
		return;
	p = push_key(L, "provenance");
	only_keys(L, o, keys);
	pv->article = get_str(L, o, "article", false);
	pv->source = get_str(L, o, "source", false);
	if (!cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(o, "confirmed")))
		fail(L, "'confirmed' (true or false) is required");
	pv->confirmed = get_bool(L, o, "confirmed", false);
	pop(L, p);
}

static size_t find_doctype(const struct rubric *r, const char *key)
{
	for (size_t i = 0; i < r->ndoctypes; i++)
		if (!strcmp(r->doctypes[i].key, key))
			return i;
	return SIZE_MAX;
}

/* One group "a|b|c" of concept names into set (lexicon.nwords words). */
static void concept_group(struct loader *L, const char *group, uint64_t *set)
{
	const struct lexicon *lx = L->r->lex;
	char name[128];

	for (const char *p = group;;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		long id;

		if (!n || n >= sizeof(name)) {
			fail(L, "empty or overlong concept name in '%s'", group);
			return;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		id = lexicon_find(lx, name);
		if (id < 0) {
			fail(L, "unknown concept '%s' (not in the lexicon %s)", name,
			     lx->path);
			return;
		}
		lex_set(set, (size_t)id);
		if (!bar)
			return;
		p = bar + 1;
	}
}

static void load_concepts(struct loader *L, const cJSON *obj,
			  struct rb_concepts *c)
{
	static const char *const keys[] = {"all", "none", "opening", NULL};
	const cJSON *o = get_kind(L, obj, "concepts", false, false), *arr, *it;
	size_t p, nw;
	double v;
	char why[600];

	if (!o)
		return;
	p = push_key(L, "concepts");
	if (!L->r->lex && !(L->r->lex = lexicon_get(why, sizeof(why)))) {
		fail(L, "%s", why);
		pop(L, p);
		return;
	}
	nw = L->r->lex->nwords;
	only_keys(L, o, keys);
	arr = get_kind(L, o, "all", true, true);
	if (arr) {
		size_t q = push_key(L, "all"), i = 0;

		c->all = hs_calloc(((size_t)cJSON_GetArraySize(arr) + 1) * nw,
				   sizeof(uint64_t));
		cJSON_ArrayForEach(it, arr) {
			size_t w = push_index(L, i++);

			if (!cJSON_IsString(it))
				fail(L, "must be a string of concept names ('a|b')");
			else
				concept_group(L, it->valuestring, c->all + c->nall++ * nw);
			pop(L, w);
		}
		if (!c->nall)
			fail(L, "at least one group of concepts");
		pop(L, q);
	}
	arr = get_kind(L, o, "none", false, true);
	if (arr) {
		size_t q = push_key(L, "none"), i = 0;

		c->none = hs_calloc(nw, sizeof(uint64_t));
		cJSON_ArrayForEach(it, arr) {
			size_t w = push_index(L, i++);

			if (!cJSON_IsString(it))
				fail(L, "must be a string of concept names ('a|b')");
			else
				concept_group(L, it->valuestring, c->none);
			pop(L, w);
		}
		pop(L, q);
	}
	if (get_num(L, o, "opening", false, &v)) {
		size_t q = push_key(L, "opening");

		if (v < 0 || v > (double)c->nall || v != (double)(unsigned)v)
			fail(L, "a whole number from 0 to the number of groups in 'all'");
		else
			c->opening = (unsigned)v;
		pop(L, q);
	}
	pop(L, p);
}

static void load_evidence(struct loader *L, const cJSON *o,
			  struct rb_evidence *e)
{
	static const char *const keys[] = {
		"id", "title", "types", "issuers", "title_patterns",
		"content_patterns", "filename_patterns", "folders", "year",
		"min_count", "optional", "concepts", NULL};
	const cJSON *types, *year, *it;
	double v;

	if (!cJSON_IsObject(o)) {
		fail(L, "must be an object");
		return;
	}
	only_keys(L, o, keys);
	e->id = get_str(L, o, "id", true);
	e->title = get_str(L, o, "title", true);
	types = get_kind(L, o, "types", false, true);
	if (types) {
		size_t p = push_key(L, "types"), i = 0;

		e->types = hs_calloc((size_t)cJSON_GetArraySize(types) + 1,
				     sizeof(*e->types));
		cJSON_ArrayForEach(it, types) {
			size_t q = push_index(L, i++), t;

			if (!cJSON_IsString(it))
				fail(L, "must be a string");
			else if ((t = find_doctype(L->r, it->valuestring)) ==
				 SIZE_MAX)
				fail(L, "unknown document type '%s' (not in "
					"document_types)", it->valuestring);
			else
				e->types[e->ntypes++] = t;
			pop(L, q);
		}
		pop(L, p);
	}
	load_concepts(L, o, &e->concepts);
	get_patterns(L, o, "issuers", &e->issuers);
	get_patterns(L, o, "title_patterns", &e->title_patterns);
	get_patterns(L, o, "content_patterns", &e->content_patterns);
	get_patterns(L, o, "filename_patterns", &e->filename_patterns);
	get_patterns(L, o, "folders", &e->folders);
	year = get_kind(L, o, "year", false, false);
	if (year) {
		static const char *const ykeys[] = {"from", "to", NULL};
		size_t p = push_key(L, "year");
		double from = 0, to = 0;

		only_keys(L, year, ykeys);
		get_num(L, year, "from", true, &from);
		get_num(L, year, "to", true, &to);
		if (from > to)
			fail(L, "'from' is after 'to'");
		else if (from < -50 || to > 50)
			fail(L, "year offsets are between -50 and 50");
		if (!L->failed) {
			e->has_year = true;
			e->year_from = (int)from;
			e->year_to = (int)to;
		}
		pop(L, p);
	}
	e->min_count = 1;
	if (get_num(L, o, "min_count", false, &v)) {
		if (v < 1 || v > 1000) {
			size_t p = push_key(L, "min_count");

			fail(L, "must be between 1 and 1000");
			pop(L, p);
		} else {
			e->min_count = (unsigned)v;
		}
	}
	e->optional = get_bool(L, o, "optional", false);
	if (!e->ntypes && !e->title_patterns.n && !e->content_patterns.n &&
	    !e->filename_patterns.n && !e->concepts.nall)
		fail(L, "evidence needs types, concepts, title, content or "
			"filename patterns");
}

static void load_evidence_list(struct loader *L, const cJSON *obj,
			       const char *key, bool required,
			       struct rb_evidence **out, size_t *n)
{
	const cJSON *arr = get_kind(L, obj, key, required, true), *it;
	size_t p, i = 0;

	if (!arr)
		return;
	p = push_key(L, key);
	*out = hs_calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(**out));
	cJSON_ArrayForEach(it, arr) {
		size_t q = push_index(L, i);

		load_evidence(L, it, &(*out)[i]);
		for (size_t k = 0; k < i && (*out)[i].id; k++)
			if ((*out)[k].id && !strcmp((*out)[k].id, (*out)[i].id))
				fail(L, "duplicate evidence id '%s'", (*out)[i].id);
		i++;
		*n = i;
		pop(L, q);
	}
	pop(L, p);
}

static bool parse_op(const char *s, enum rb_op *op)
{
	static const struct {
		const char *name;
		enum rb_op op;
	} ops[] = {{">=", RB_GE}, {">", RB_GT}, {"<=", RB_LE}, {"<", RB_LT},
		   {"==", RB_EQ}};

	for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
		if (!strcmp(s, ops[i].name)) {
			*op = ops[i].op;
			return true;
		}
	return false;
}

const char *rb_op_name(enum rb_op op)
{
	switch (op) {
	case RB_GE:
		return ">=";
	case RB_GT:
		return ">";
	case RB_LE:
		return "<=";
	case RB_LT:
		return "<";
	case RB_EQ:
		return "==";
	}
	return ">=";
}

static bool is_level(const struct rubric *r, int level)
{
	for (size_t i = 0; i < r->nlevels; i++)
		if (r->levels[i] == level)
			return true;
	return false;
}

/* "1", "2"... naming a level of the rubric. */
static int level_key(struct loader *L, const char *key)
{
	/* Exactly "1".."9": "01", "+1" or " 1" would name the same level
	 * twice and let one value silently replace another. */
	if (!key || key[0] < '1' || key[0] > '9' || key[1] ||
	    !is_level(L->r, key[0] - '0')) {
		fail(L, "'%s' is not a level of this rubric", key ? key : "");
		return 0;
	}
	return key[0] - '0';
}

static void load_threshold(struct loader *L, const cJSON *obj, const char *key,
			   struct rb_threshold *t)
{
	static const char *const keys[] = {"op", "levels", "value", NULL};
	const cJSON *o = get_kind(L, obj, key, false, false), *lv, *it;
	char *op;
	size_t p;

	if (!o)
		return;
	p = push_key(L, key);
	only_keys(L, o, keys);
	op = get_str(L, o, "op", true);
	if (op && !parse_op(op, &t->op)) {
		size_t q = push_key(L, "op");

		fail(L, "'%s' is not one of >=, >, <=, <, ==", op);
		pop(L, q);
	}
	free(op);
	t->set = true;
	lv = get_kind(L, o, "levels", false, false);
	if (lv) {
		size_t q = push_key(L, "levels");

		cJSON_ArrayForEach(it, lv) {
			size_t w = push_key(L, it->string);
			int level = level_key(L, it->string);

			if (!cJSON_IsNumber(it))
				fail(L, "must be a number");
			else if (level) {
				t->has_level[level] = true;
				t->level[level] = it->valuedouble;
			}
			pop(L, w);
		}
		pop(L, q);
	}
	t->has_value = get_num(L, o, "value", false, &t->value);
	if (!lv && !t->has_value)
		fail(L, "a threshold needs 'levels' or 'value'");
	pop(L, p);
}

static void load_figure(struct loader *L, const cJSON *o, struct rb_figure *f)
{
	static const char *const keys[] = {
		"name", "title", "unit", "patterns", "table", "threshold",
		"difficult_area", "score_thresholds", "provenance", NULL};
	static const char *const tkeys[] = {"columns", "rows", NULL};
	const cJSON *st, *it, *tb;

	if (!cJSON_IsObject(o)) {
		fail(L, "must be an object");
		return;
	}
	only_keys(L, o, keys);
	f->name = get_str(L, o, "name", true);
	f->title = get_str(L, o, "title", true);
	f->unit = get_str(L, o, "unit", false);
	get_patterns(L, o, "patterns", &f->patterns);
	tb = get_kind(L, o, "table", false, false);
	if (tb) {
		size_t p = push_key(L, "table");

		only_keys(L, tb, tkeys);
		get_patterns(L, tb, "columns", &f->table_columns);
		get_patterns(L, tb, "rows", &f->table_rows);
		if (!f->table_columns.n && !L->failed)
			fail(L, "a table figure needs 'columns' patterns");
		pop(L, p);
	}
	if (!f->patterns.n && !f->table_columns.n && !L->failed)
		fail(L, "a figure needs patterns or a table");
	for (size_t i = 0; i < f->patterns.n && !L->failed; i++)
		if (!strchr(f->patterns.v[i].src, '('))
			fail(L, "pattern '%s' has no capture group for the number",
			     f->patterns.v[i].src);
	load_threshold(L, o, "threshold", &f->threshold);
	load_threshold(L, o, "difficult_area", &f->difficult_area);
	st = get_kind(L, o, "score_thresholds", false, true);
	if (st) {
		size_t p = push_key(L, "score_thresholds"), i = 0;

		f->steps = hs_calloc((size_t)cJSON_GetArraySize(st) + 1,
				     sizeof(*f->steps));
		cJSON_ArrayForEach(it, st) {
			size_t q = push_index(L, i);

			get_num(L, it, "min", true, &f->steps[i].min);
			get_num(L, it, "points", true, &f->steps[i].points);
			if (i && f->steps[i].min > f->steps[i - 1].min)
				fail(L, "steps must go from the highest 'min' down");
			f->nsteps = ++i;
			pop(L, q);
		}
		pop(L, p);
	}
	get_provenance(L, o, &f->prov, false);
}

static void load_indicator(struct loader *L, const cJSON *o,
			   struct rb_indicator *ind)
{
	static const char *const keys[] = {
		"id", "title", "provenance", "requirements", "points_max",
		"scores", "evidence", "figures", NULL};
	const cJSON *req, *sc, *figs, *it;
	size_t p, i;

	if (!cJSON_IsObject(o)) {
		fail(L, "must be an object");
		return;
	}
	only_keys(L, o, keys);
	ind->id = get_str(L, o, "id", true);
	ind->title = get_str(L, o, "title", true);
	get_provenance(L, o, &ind->prov, true);
	req = get_kind(L, o, "requirements", L->r->kind == RUBRIC_LEVELS, false);
	if (req) {
		p = push_key(L, "requirements");
		cJSON_ArrayForEach(it, req) {
			size_t q = push_key(L, it->string);
			int level = level_key(L, it->string);

			if (!cJSON_IsString(it))
				fail(L, "must be a string");
			else if (level) {
				/* a repeated key: the last one wins */
				free(ind->requirement[level]);
				ind->requirement[level] = hs_strdup(it->valuestring);
			}
			pop(L, q);
		}
		pop(L, p);
	}
	if (L->r->kind == RUBRIC_POINTS) {
		get_num(L, o, "points_max", true, &ind->points_max);
		sc = get_kind(L, o, "scores", false, true);
		if (sc) {
			p = push_key(L, "scores");
			i = 0;
			ind->scores = hs_calloc((size_t)cJSON_GetArraySize(sc) + 1,
						sizeof(*ind->scores));
			cJSON_ArrayForEach(it, sc) {
				size_t q = push_index(L, i);

				get_num(L, it, "points", true, &ind->scores[i].points);
				ind->scores[i].when = get_str(L, it, "when", true);
				if (ind->scores[i].points > ind->points_max)
					fail(L, "more points than points_max");
				ind->nscores = ++i;
				pop(L, q);
			}
			pop(L, p);
		}
	}
	load_evidence_list(L, o, "evidence", true, &ind->evidence,
			   &ind->nevidence);
	if (!ind->nevidence && !L->failed) {
		p = push_key(L, "evidence");
		fail(L, "an indicator needs at least one piece of evidence");
		pop(L, p);
	}
	figs = get_kind(L, o, "figures", false, true);
	if (figs) {
		p = push_key(L, "figures");
		i = 0;
		ind->figures = hs_calloc((size_t)cJSON_GetArraySize(figs) + 1,
					 sizeof(*ind->figures));
		cJSON_ArrayForEach(it, figs) {
			size_t q = push_index(L, i);

			load_figure(L, it, &ind->figures[i]);
			ind->nfigures = ++i;
			pop(L, q);
		}
		pop(L, p);
	}
}

static void load_criteria(struct loader *L, const cJSON *root)
{
	static const char *const keys[] = {"id", "title", "points_max",
					   "indicators", NULL};
	const cJSON *arr = get_kind(L, root, "criteria", true, true), *c;
	struct rubric *r = L->r;
	size_t p, i = 0;

	if (!arr)
		return;
	p = push_key(L, "criteria");
	r->criteria = hs_calloc((size_t)cJSON_GetArraySize(arr) + 1,
				sizeof(*r->criteria));
	cJSON_ArrayForEach(c, arr) {
		struct rb_criterion *cr = &r->criteria[i];
		size_t q = push_index(L, i), w, k = 0;
		const cJSON *inds, *it;
		double sum = 0;

		r->ncriteria = ++i;
		if (!cJSON_IsObject(c)) {
			fail(L, "must be an object");
			pop(L, q);
			continue;
		}
		only_keys(L, c, keys);
		cr->id = get_str(L, c, "id", true);
		cr->title = get_str(L, c, "title", true);
		if (r->kind == RUBRIC_POINTS)
			get_num(L, c, "points_max", true, &cr->points_max);
		inds = get_kind(L, c, "indicators", true, true);
		if (inds) {
			w = push_key(L, "indicators");
			cr->indicators = hs_calloc(
				(size_t)cJSON_GetArraySize(inds) + 1,
				sizeof(*cr->indicators));
			cJSON_ArrayForEach(it, inds) {
				size_t z = push_index(L, k);

				load_indicator(L, it, &cr->indicators[k]);
				sum += cr->indicators[k].points_max;
				cr->nindicators = ++k;
				pop(L, z);
			}
			pop(L, w);
		}
		if (r->kind == RUBRIC_POINTS && !L->failed &&
		    (sum - cr->points_max > 1e-9 || cr->points_max - sum > 1e-9))
			fail(L, "points_max %g is not the sum of its indicators' (%g)",
			     cr->points_max, sum);
		pop(L, q);
	}
	pop(L, p);
}

static void load_scoring(struct loader *L, const cJSON *root)
{
	static const char *const keys[] = {"kind", "levels", "points_max",
					   "bands", "provenance", NULL};
	const cJSON *o = get_kind(L, root, "scoring", true, false), *arr, *it;
	struct rubric *r = L->r;
	char *kind;
	size_t p, i = 0;

	if (!o)
		return;
	p = push_key(L, "scoring");
	only_keys(L, o, keys);
	kind = get_str(L, o, "kind", true);
	if (kind && !strcmp(kind, "levels")) {
		r->kind = RUBRIC_LEVELS;
		arr = get_kind(L, o, "levels", true, true);
		if (arr) {
			size_t q = push_key(L, "levels");

			cJSON_ArrayForEach(it, arr) {
				size_t w = push_index(L, i);
				double lv = 0;

				if (i >= RUBRIC_MAX_LEVEL) {
					fail(L, "too many levels");
				} else if (get_num(L, it, "level", true, &lv) &&
					   (lv < 1 || lv > RUBRIC_MAX_LEVEL ||
					    (i && lv <= r->levels[i - 1]))) {
					fail(L, "levels are 1 to %d, in increasing order",
					     RUBRIC_MAX_LEVEL);
				} else {
					r->levels[i] = (int)lv;
					r->level_titles[i] = get_str(L, it, "title", true);
					r->nlevels = ++i;
				}
				pop(L, w);
			}
			pop(L, q);
		}
		if (!r->nlevels && !L->failed)
			fail(L, "a levels rubric needs at least one level");
	} else if (kind && !strcmp(kind, "points")) {
		r->kind = RUBRIC_POINTS;
		get_num(L, o, "points_max", true, &r->points_max);
		arr = get_kind(L, o, "bands", true, true);
		if (arr) {
			size_t q = push_key(L, "bands");

			r->bands = hs_calloc((size_t)cJSON_GetArraySize(arr) + 1,
					     sizeof(*r->bands));
			cJSON_ArrayForEach(it, arr) {
				size_t w = push_index(L, i);

				r->bands[i].name = get_str(L, it, "name", true);
				get_num(L, it, "min", true, &r->bands[i].min);
				if (i && r->bands[i].min >= r->bands[i - 1].min)
					fail(L, "bands go from the highest 'min' down");
				r->nbands = ++i;
				pop(L, w);
			}
			pop(L, q);
		}
		get_provenance(L, o, &r->scoring_prov, false);
	} else if (kind) {
		size_t q = push_key(L, "kind");

		fail(L, "'%s' is not \"levels\" or \"points\"", kind);
		pop(L, q);
	}
	free(kind);
	pop(L, p);
}

static void load_doctypes(struct loader *L, const cJSON *root)
{
	static const char *const keys[] = {"name", "title_patterns", "symbol",
					   NULL};
	const cJSON *o = get_kind(L, root, "document_types", true, false), *it;
	struct rubric *r = L->r;
	size_t p;

	if (!o)
		return;
	p = push_key(L, "document_types");
	r->doctypes = hs_calloc((size_t)cJSON_GetArraySize(o) + 1,
				sizeof(*r->doctypes));
	cJSON_ArrayForEach(it, o) {
		struct rb_doctype *t = &r->doctypes[r->ndoctypes];
		size_t q = push_key(L, it->string);

		if (!cJSON_IsObject(it)) {
			fail(L, "must be an object");
			pop(L, q);
			continue;
		}
		only_keys(L, it, keys);
		t->key = hs_strdup(it->string);
		t->name = get_str(L, it, "name", true);
		get_patterns(L, it, "title_patterns", &t->title_patterns);
		t->symbol = get_str(L, it, "symbol", false);
		if (t->symbol && !is_folded(t->symbol))
			fail(L, "symbol must be folded (lower case, no diacritics)");
		r->ndoctypes++;
		pop(L, q);
	}
	pop(L, p);
}

static void load_top(struct loader *L, const cJSON *root)
{
	static const char *const keys[] = {
		"$schema", "schema", "id", "version", "title", "regulation",
		"supersedes", "scoring", "detect", "document_types",
		"dossier", "criteria", "consistency", "description", NULL};
	static const char *const regkeys[] = {
		"number", "title", "signed", "effective_from",
		"effective_until", "source", "cite_patterns", NULL};
	static const char *const detkeys[] = {"level", "year", "commune", "claim",
					       NULL};
	struct rubric *r = L->r;
	const cJSON *reg, *det, *sup, *it;
	char *schema;
	size_t p;

	if (!cJSON_IsObject(root)) {
		fail(L, "a rubric is a JSON object");
		return;
	}
	only_keys(L, root, keys);
	schema = get_str(L, root, "schema", true);
	if (schema && strcmp(schema, "hoso-rubric/1")) {
		p = push_key(L, "schema");
		fail(L, "'%s' is not \"hoso-rubric/1\"", schema);
		pop(L, p);
	}
	free(schema);
	r->id = get_str(L, root, "id", true);
	if (r->id)
		for (const char *c = r->id; *c; c++)
			if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
			      *c == '-')) {
				p = push_key(L, "id");
				fail(L, "use lower case letters, digits and '-'");
				pop(L, p);
				break;
			}
	r->version = get_str(L, root, "version", true);
	r->title = get_str(L, root, "title", true);
	reg = get_kind(L, root, "regulation", true, false);
	if (reg) {
		p = push_key(L, "regulation");
		only_keys(L, reg, regkeys);
		r->regulation.number = get_str(L, reg, "number", true);
		r->regulation.title = get_str(L, reg, "title", false);
		r->regulation.signed_on = get_str(L, reg, "signed", false);
		r->regulation.effective_from = get_str(L, reg, "effective_from", true);
		r->regulation.effective_until = get_str(L, reg, "effective_until", false);
		r->regulation.source = get_str(L, reg, "source", false);
		get_patterns(L, reg, "cite_patterns", &r->regulation.cite_patterns);
		pop(L, p);
	}
	sup = get_kind(L, root, "supersedes", false, true);
	if (sup) {
		size_t i = 0;

		p = push_key(L, "supersedes");
		r->supersedes = hs_calloc((size_t)cJSON_GetArraySize(sup) + 1,
					  sizeof(char *));
		cJSON_ArrayForEach(it, sup) {
			size_t q = push_index(L, i++);

			if (!cJSON_IsString(it))
				fail(L, "must be a rubric id");
			else
				r->supersedes[r->nsupersedes++] =
					hs_strdup(it->valuestring);
			pop(L, q);
		}
		pop(L, p);
	}
	load_scoring(L, root);
	det = get_kind(L, root, "detect", false, false);
	if (det) {
		p = push_key(L, "detect");
		only_keys(L, det, detkeys);
		get_patterns(L, det, "level", &r->detect_level);
		get_patterns(L, det, "year", &r->detect_year);
		get_patterns(L, det, "commune", &r->detect_commune);
		get_patterns(L, det, "claim", &r->detect_claim);
		pop(L, p);
	}
	load_doctypes(L, root);
	load_evidence_list(L, root, "dossier", false, &r->dossier, &r->ndossier);
	load_criteria(L, root);
	{
		const cJSON *cons = get_kind(L, root, "consistency", false, true);

		if (cons) {
			size_t i = 0;

			p = push_key(L, "consistency");
			r->consistency = hs_calloc((size_t)cJSON_GetArraySize(cons) + 1,
						   sizeof(*r->consistency));
			cJSON_ArrayForEach(it, cons) {
				size_t q = push_index(L, i);

				load_figure(L, it, &r->consistency[i]);
				r->nconsistency = ++i;
				pop(L, q);
			}
			pop(L, p);
		}
	}
	if (L->failed)
		return;
	/* Ids unique across the rubric: findings and tests name them. */
	for (size_t c = 0; c < r->ncriteria; c++)
		for (size_t i = 0; i < r->criteria[c].nindicators; i++)
			for (size_t c2 = 0; c2 <= c; c2++)
				for (size_t i2 = 0; i2 < r->criteria[c2].nindicators; i2++) {
					if (c2 == c && i2 >= i)
						break;
					if (!strcmp(r->criteria[c].indicators[i].id,
						    r->criteria[c2].indicators[i2].id)) {
						snprintf(L->path, sizeof(L->path),
							 "$.criteria[%zu].indicators[%zu].id", c, i);
						fail(L, "duplicate indicator id '%s'",
						     r->criteria[c].indicators[i].id);
						return;
					}
				}
	if (r->kind == RUBRIC_POINTS) {
		double sum = 0;

		for (size_t c = 0; c < r->ncriteria; c++)
			sum += r->criteria[c].points_max;
		if (sum - r->points_max > 1e-9 || r->points_max - sum > 1e-9) {
			snprintf(L->path, sizeof(L->path), "$.scoring.points_max");
			fail(L, "%g is not the sum of the criteria's points_max (%g)",
			     r->points_max, sum);
		}
	}
}

/* Numbers every evidence requirement and figure (their idx). */
static void number_all(struct rubric *r)
{
	size_t e = 0, f = 0;

	for (size_t i = 0; i < r->ndossier; i++)
		r->dossier[i].idx = e++;
	for (size_t c = 0; c < r->ncriteria; c++)
		for (size_t i = 0; i < r->criteria[c].nindicators; i++) {
			struct rb_indicator *ind = &r->criteria[c].indicators[i];

			for (size_t k = 0; k < ind->nevidence; k++)
				ind->evidence[k].idx = e++;
			for (size_t k = 0; k < ind->nfigures; k++)
				ind->figures[k].idx = f++;
		}
	for (size_t k = 0; k < r->nconsistency; k++)
		r->consistency[k].idx = f++;
	r->nevidence_all = e;
	r->nfigures_all = f;
}

struct rubric *rubric_parse(const char *json, const char *name, char *err,
			    size_t errlen)
{
	struct loader L = {.err = err, .errlen = errlen};
	cJSON *root = cJSON_Parse(json);

	snprintf(L.path, sizeof(L.path), "$");
	if (!root) {
		const char *at = cJSON_GetErrorPtr();
		size_t line = 1;

		for (const char *c = json; at && c < at; c++)
			line += *c == '\n';
		snprintf(err, errlen, "$: %s is not valid JSON (near line %zu)",
			 name, line);
		return NULL;
	}
	L.r = hs_calloc(1, sizeof(*L.r));
	L.r->path = hs_strdup(name);
	source_sha256((const unsigned char *)json, strlen(json), L.r->sha256);
	load_top(&L, root);
	cJSON_Delete(root);
	if (L.failed) {
		rubric_free(L.r);
		return NULL;
	}
	number_all(L.r);
	return L.r;
}

struct rubric *rubric_load(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	struct hs_buf b = HS_BUF_INIT;
	struct rubric *r;
	char blk[65536];
	size_t n;

	if (!f) {
		snprintf(err, errlen, "$: cannot open '%s'", path);
		return NULL;
	}
	b.max = 16u << 20; /* a rubric is a few hundred KiB at most */
	while ((n = fread(blk, 1, sizeof(blk), f)) > 0)
		if (hs_buf_add(&b, blk, n) != HS_OK)
			break;
	fclose(f);
	if (b.over) {
		snprintf(err, errlen, "$: '%s' is larger than 16 MiB", path);
		hs_buf_release(&b);
		return NULL;
	}
	r = rubric_parse(b.ptr, path, err, errlen);
	hs_buf_release(&b);
	return r;
}

static void evidence_release(struct rb_evidence *e)
{
	free(e->id);
	free(e->title);
	free(e->types);
	free(e->concepts.all);
	free(e->concepts.none);
	rx_list_release(&e->issuers);
	rx_list_release(&e->title_patterns);
	rx_list_release(&e->content_patterns);
	rx_list_release(&e->filename_patterns);
	rx_list_release(&e->folders);
}

static void provenance_release(struct rb_provenance *p)
{
	free(p->article);
	free(p->source);
}

static void figure_release(struct rb_figure *f)
{
	free(f->name);
	free(f->title);
	free(f->unit);
	rx_list_release(&f->patterns);
	rx_list_release(&f->table_columns);
	rx_list_release(&f->table_rows);
	free(f->steps);
	provenance_release(&f->prov);
}

void rubric_free(struct rubric *r)
{
	if (!r)
		return;
	for (size_t c = 0; c < r->ncriteria; c++) {
		struct rb_criterion *cr = &r->criteria[c];

		for (size_t i = 0; i < cr->nindicators; i++) {
			struct rb_indicator *ind = &cr->indicators[i];

			free(ind->id);
			free(ind->title);
			provenance_release(&ind->prov);
			for (int l = 0; l <= RUBRIC_MAX_LEVEL; l++)
				free(ind->requirement[l]);
			for (size_t k = 0; k < ind->nscores; k++)
				free(ind->scores[k].when);
			free(ind->scores);
			for (size_t k = 0; k < ind->nevidence; k++)
				evidence_release(&ind->evidence[k]);
			free(ind->evidence);
			for (size_t k = 0; k < ind->nfigures; k++)
				figure_release(&ind->figures[k]);
			free(ind->figures);
		}
		free(cr->indicators);
		free(cr->id);
		free(cr->title);
	}
	free(r->criteria);
	for (size_t k = 0; k < r->nconsistency; k++)
		figure_release(&r->consistency[k]);
	free(r->consistency);
	for (size_t k = 0; k < r->ndossier; k++)
		evidence_release(&r->dossier[k]);
	free(r->dossier);
	for (size_t k = 0; k < r->ndoctypes; k++) {
		free(r->doctypes[k].key);
		free(r->doctypes[k].name);
		free(r->doctypes[k].symbol);
		rx_list_release(&r->doctypes[k].title_patterns);
	}
	free(r->doctypes);
	for (size_t k = 0; k < r->nbands; k++)
		free(r->bands[k].name);
	free(r->bands);
	provenance_release(&r->scoring_prov);
	for (size_t k = 0; k < r->nlevels; k++)
		free(r->level_titles[k]);
	for (size_t k = 0; k < r->nsupersedes; k++)
		free(r->supersedes[k]);
	free(r->supersedes);
	rx_list_release(&r->detect_level);
	rx_list_release(&r->detect_year);
	rx_list_release(&r->detect_commune);
	rx_list_release(&r->detect_claim);
	rx_list_release(&r->regulation.cite_patterns);
	free(r->regulation.number);
	free(r->regulation.title);
	free(r->regulation.signed_on);
	free(r->regulation.effective_from);
	free(r->regulation.effective_until);
	free(r->regulation.source);
	free(r->id);
	free(r->version);
	free(r->title);
	free(r->path);
	free(r);
}

const char *rubric_dir(void)
{
	const char *env = getenv("HOSO_RUBRIC_DIR");

	return env && *env ? env : HOSO_RUBRIC_DIR;
}

int rubric_top_level(const struct rubric *r)
{
	return r->kind == RUBRIC_LEVELS && r->nlevels
		       ? r->levels[r->nlevels - 1]
		       : 0;
}

bool rb_threshold_ok(const struct rb_threshold *t, int level, double v,
		     double *limit)
{
	double lim;

	if (!t->set)
		return true;
	if (level >= 1 && level <= RUBRIC_MAX_LEVEL && t->has_level[level])
		lim = t->level[level];
	else if (t->has_value)
		lim = t->value;
	else
		return true;
	if (limit)
		*limit = lim;
	switch (t->op) {
	case RB_GE:
		return v >= lim;
	case RB_GT:
		return v > lim;
	case RB_LE:
		return v <= lim;
	case RB_LT:
		return v < lim;
	case RB_EQ:
		return v == lim;
	}
	return false;
}
