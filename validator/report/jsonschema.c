/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * jsonschema.c: a JSON Schema validator over cJSON trees (see jsonschema.h
 * for what it supports). The tests use it to hold the verdict, the rubrics
 * and the SARIF output to their schemas.
 *
 * One call walks the schema and the instance together and stops at the
 * first fault. All state lives in a struct ctx on the caller's stack: the
 * path in the instance and the pointer in the schema (for the message),
 * the compiled patterns of this call, and the first schema error. Branches
 * of anyOf/oneOf/not/if are tried "quietly" (no message is written) or
 * into a scratch buffer, so that only the fault that decides is reported.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "base/hs.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "base/buf.h"
#include "jsonschema.h"

/* Bounds: a path or a message longer than this is cut. */
#define PATH_MAX_BYTES 65536
#define MSG_MAX_BYTES 2048
/* A string value is shown up to this many bytes in a message. */
#define SHOW_MAX_BYTES 48
/* For keyword checks that need not look at the rest of their schema. */
#define MAYBE_UNUSED __attribute__((unused))
/* An enum is listed up to this many bytes in a message. */
#define ENUM_SHOW_MAX_BYTES 200
/* Per pattern match: PCRE2's interpreter gives up past this. */
#define MATCH_LIMIT 1000000

struct regex {
	const char *src; /* borrowed from the schema: the cache key */
	pcre2_code *code;
};

struct ctx {
	const cJSON *root;
	const char *root_id; /* root's $id/id up to '#', or NULL */
	size_t root_id_len;

	char *err; /* NULL while a branch is tried quietly */
	size_t errlen;
	size_t err_depth; /* ipath.len where err was written */

	struct hs_buf ipath; /* "$.criteria[3].status" */
	struct hs_buf spath; /* schema pointers; the current one from sbase */
	size_t sbase;
	int depth;

	struct hs_buf fault; /* first schema error or depth fault */

	struct regex *rx;
	size_t nrx, rxcap;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
};

static bool validate(struct ctx *c, const cJSON *s, const cJSON *v);

/* ------------------------------------------------------------------ */
/* Messages and paths                                                  */
/* ------------------------------------------------------------------ */

/* Copies src into dst (cap bytes), cut back to a UTF-8 boundary. */
static void copy_cut(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (!cap)
		return;
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Length of the first at most max bytes of s, cut to a UTF-8 boundary. */
static size_t cut_len(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

static bool is_integral(double x)
{
	return isfinite(x) && x == nearbyint(x);
}

/* A value as a message shows it: "text", 12.5, true, an object. */
static void describe(const cJSON *v, char *out, size_t n)
{
	if (cJSON_IsString(v)) {
		size_t len = strlen(v->valuestring);
		size_t k = cut_len(v->valuestring, SHOW_MAX_BYTES);

		snprintf(out, n, "\"%.*s%s\"", (int)k, v->valuestring,
			 k < len ? "..." : "");
	} else if (cJSON_IsNumber(v)) {
		snprintf(out, n, "%.15g", v->valuedouble);
	} else if (cJSON_IsTrue(v)) {
		snprintf(out, n, "true");
	} else if (cJSON_IsFalse(v)) {
		snprintf(out, n, "false");
	} else if (cJSON_IsNull(v)) {
		snprintf(out, n, "null");
	} else if (cJSON_IsArray(v)) {
		snprintf(out, n, "an array");
	} else if (cJSON_IsObject(v)) {
		snprintf(out, n, "an object");
	} else {
		snprintf(out, n, "an invalid value");
	}
}

/* "<instance path>: <what> [<schema pointer>/<keyword>]" */
__attribute__((format(printf, 4, 0))) static void
compose(const struct ctx *c, struct hs_buf *out, const char *kw,
	const char *fmt, va_list ap)
{
	char body[MSG_MAX_BYTES];

	vsnprintf(body, sizeof(body), fmt, ap);
	hs_buf_addf(out, "%s: %s [%s", c->ipath.ptr, body,
		    c->spath.ptr + c->sbase);
	if (kw)
		hs_buf_addf(out, "/%s", kw);
	hs_buf_addch(out, ']');
}

/*
 * The instance does not conform. Writes the message unless quiet; always
 * returns false so that callers can `return fail(...)`.
 */
__attribute__((format(printf, 3, 4))) static bool
fail(struct ctx *c, const char *kw, const char *fmt, ...)
{
	struct hs_buf m = HS_BUF_INIT;
	va_list ap;

	if (!c->err)
		return false;
	va_start(ap, fmt);
	compose(c, &m, kw, fmt, ap);
	va_end(ap);
	copy_cut(c->err, c->errlen, m.ptr);
	c->err_depth = c->ipath.len;
	hs_buf_release(&m);
	return false;
}

/*
 * The schema is broken or the nesting too deep: recorded even when quiet
 * (the first one only), and it fails the whole validation.
 */
__attribute__((format(printf, 3, 4))) static bool
fault(struct ctx *c, const char *kw, const char *fmt, ...)
{
	va_list ap;

	if (c->fault.len)
		return false;
	va_start(ap, fmt);
	compose(c, &c->fault, kw, fmt, ap);
	va_end(ap);
	return false;
}

static void pop(struct hs_buf *b, size_t at)
{
	if (at < b->len) {
		b->len = at;
		b->ptr[at] = '\0';
	}
}

static bool is_ident(const char *s)
{
	if (!(*s == '_' || *s == '$' || (*s >= 'a' && *s <= 'z') ||
	      (*s >= 'A' && *s <= 'Z')))
		return false;
	for (s++; *s; s++) {
		if (!(*s == '_' || *s == '$' || (*s >= 'a' && *s <= 'z') ||
		      (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
			return false;
	}
	return true;
}

/* Appends .key or ["key"] to the instance path; returns where to pop. */
static size_t ipush_key(struct ctx *c, const char *key)
{
	size_t at = c->ipath.len;

	if (is_ident(key)) {
		hs_buf_addch(&c->ipath, '.');
		hs_buf_adds(&c->ipath, key);
		return at;
	}
	hs_buf_adds(&c->ipath, "[\"");
	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		if (*p == '"' || *p == '\\') {
			hs_buf_addch(&c->ipath, '\\');
			hs_buf_addch(&c->ipath, (char)*p);
		} else if (*p < 0x20) {
			hs_buf_addf(&c->ipath, "\\u%04x", *p);
		} else {
			hs_buf_addch(&c->ipath, (char)*p);
		}
	}
	hs_buf_adds(&c->ipath, "\"]");
	return at;
}

static size_t ipush_index(struct ctx *c, size_t i)
{
	size_t at = c->ipath.len;

	hs_buf_addf(&c->ipath, "[%zu]", i);
	return at;
}

/* Appends /kw[/key] to the schema pointer (key escaped ~0 ~1). */
static size_t spush(struct ctx *c, const char *kw, const char *key)
{
	size_t at = c->spath.len;

	hs_buf_addch(&c->spath, '/');
	hs_buf_adds(&c->spath, kw);
	if (!key)
		return at;
	hs_buf_addch(&c->spath, '/');
	for (const char *p = key; *p; p++) {
		if (*p == '~')
			hs_buf_adds(&c->spath, "~0");
		else if (*p == '/')
			hs_buf_adds(&c->spath, "~1");
		else
			hs_buf_addch(&c->spath, *p);
	}
	return at;
}

static size_t spush_index(struct ctx *c, const char *kw, size_t i)
{
	size_t at = c->spath.len;

	hs_buf_addf(&c->spath, "/%s/%zu", kw, i);
	return at;
}

/* Validates v, at instance path .key, against sub at schema /kw/skey. */
static bool validate_member(struct ctx *c, const cJSON *sub, const cJSON *v,
			    const char *key, const char *kw, const char *skey)
{
	size_t iat = ipush_key(c, key);
	size_t sat = spush(c, kw, skey);
	bool ok = validate(c, sub, v);

	pop(&c->spath, sat);
	pop(&c->ipath, iat);
	return ok;
}

/* Validates item i of an array against sub at schema /kw[/si]. */
static bool validate_item(struct ctx *c, const cJSON *sub, const cJSON *v,
			  size_t i, const char *kw, long si)
{
	size_t iat = ipush_index(c, i);
	size_t sat =
	    si >= 0 ? spush_index(c, kw, (size_t)si) : spush(c, kw, NULL);
	bool ok = validate(c, sub, v);

	pop(&c->spath, sat);
	pop(&c->ipath, iat);
	return ok;
}

/* ------------------------------------------------------------------ */
/* Patterns                                                            */
/* ------------------------------------------------------------------ */

/* The compiled form of src (cached for this call); NULL after a fault. */
static pcre2_code *regex_get(struct ctx *c, const char *kw, const char *src)
{
	pcre2_code *code;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];
	int rc;

	for (size_t i = 0; i < c->nrx; i++)
		if (c->rx[i].src == src)
			return c->rx[i].code;
	/*
	 * ECMA-262 semantics where PCRE2 can give them: unanchored search,
	 * `$` only at the very end, \uhhhh escapes, ASCII \d \w \s.
	 */
	code =
	    pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
			  PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_ALT_BSUX |
			      PCRE2_DOLLAR_ENDONLY | PCRE2_NEVER_BACKSLASH_C,
			  &rc, &off, NULL);
	if (!code) {
		pcre2_get_error_message(rc, msg, sizeof(msg));
		fault(c, kw, "schema error: pattern \"%s\" at offset %zu: %s",
		      src, (size_t)off, (const char *)msg);
		return NULL;
	}
	HS_GROW(c->rx, c->rxcap, c->nrx + 1);
	c->rx[c->nrx].src = src;
	c->rx[c->nrx].code = code;
	c->nrx++;
	return code;
}

/* 1 if src matches somewhere in s, 0 if not, -1 on a fault. */
static int regex_search(struct ctx *c, const char *kw, const char *src,
			const char *s)
{
	pcre2_code *code = regex_get(c, kw, src);
	int rc;

	if (!code)
		return -1;
	if (!c->md) {
		c->md = pcre2_match_data_create(1, NULL);
		c->mctx = pcre2_match_context_create(NULL);
		if (!c->md || !c->mctx)
			hs_die("out of memory (pcre2 match data)");
		pcre2_set_match_limit(c->mctx, MATCH_LIMIT);
	}
	rc = pcre2_match(code, (PCRE2_SPTR)s, strlen(s), 0, 0, c->md, c->mctx);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	fault(c, kw, "pattern \"%s\" could not be matched (PCRE2 error %d)",
	      src, rc);
	return -1;
}

/* ------------------------------------------------------------------ */
/* $ref: JSON pointers within the document                             */
/* ------------------------------------------------------------------ */

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * Next byte of a URI fragment token t[*i..n), %XX decoded; -1 at the end
 * or on a bad escape.
 */
static int next_pct(const char *t, size_t n, size_t *i)
{
	int hi, lo;

	if (*i >= n)
		return -1;
	if (t[*i] != '%')
		return (unsigned char)t[(*i)++];
	if (*i + 2 >= n)
		return -1;
	hi = hexval(t[*i + 1]);
	lo = hexval(t[*i + 2]);
	if (hi < 0 || lo < 0)
		return -1;
	*i += 3;
	return hi * 16 + lo;
}

/*
 * Decodes one reference token (percent, then ~1 → '/', ~0 → '~') into out
 * (cap bytes, NUL-terminated). False if it is malformed or too long.
 */
static bool decode_token(const char *t, size_t n, char *out, size_t cap,
			 size_t *outlen)
{
	size_t i = 0, k = 0;

	while (i < n) {
		int ch = next_pct(t, n, &i);

		if (ch < 0)
			return false;
		if (ch == '~') {
			int e = next_pct(t, n, &i);

			if (e == '0')
				ch = '~';
			else if (e == '1')
				ch = '/';
			else
				return false;
		}
		if (k + 1 >= cap)
			return false;
		out[k++] = (char)ch;
	}
	out[k] = '\0';
	*outlen = k;
	return true;
}

/* One step of a pointer: member tok of an object, or item tok of an array. */
static const cJSON *step(const cJSON *node, const char *tok, size_t len)
{
	const cJSON *m;

	if (cJSON_IsObject(node)) {
		cJSON_ArrayForEach (m, node) {
			if (m->string && strlen(m->string) == len &&
			    memcmp(m->string, tok, len) == 0)
				return m;
		}
		return NULL;
	}
	if (cJSON_IsArray(node)) {
		size_t idx = 0;

		if (!len || len > 9 || (len > 1 && tok[0] == '0'))
			return NULL;
		for (size_t i = 0; i < len; i++) {
			if (tok[i] < '0' || tok[i] > '9')
				return NULL;
			idx = idx * 10 + (size_t)(tok[i] - '0');
		}
		return cJSON_GetArrayItem(node, (int)idx);
	}
	return NULL;
}

/* The schema ref points at, or NULL if it is not a pointer into root. */
static const cJSON *resolve(const struct ctx *c, const char *ref)
{
	const cJSON *node = c->root;
	const char *p = ref;
	char tok[1024];

	if (c->root_id && strncmp(p, c->root_id, c->root_id_len) == 0) {
		p += c->root_id_len;
		if (!*p)
			return node; /* the schema's own URI: the root */
	}
	if (*p++ != '#')
		return NULL;
	while (*p) {
		size_t n, len;

		if (*p++ != '/')
			return NULL;
		n = strcspn(p, "/");
		if (!decode_token(p, n, tok, sizeof(tok), &len))
			return NULL;
		node = step(node, tok, len);
		if (!node)
			return NULL;
		p += n;
	}
	return node;
}

static bool check_ref(struct ctx *c, const cJSON *kw, const cJSON *v)
{
	const cJSON *target;
	size_t at = c->spath.len, base = c->sbase;
	bool ok;

	if (!cJSON_IsString(kw))
		return fault(c, "$ref", "schema error: $ref is not a string");
	target = resolve(c, kw->valuestring);
	if (!target)
		return fault(c, "$ref",
			     "schema error: $ref \"%s\" is not a pointer within this schema",
			     kw->valuestring);
	/* Messages below name the schema from the reference on. */
	c->sbase = at;
	hs_buf_adds(&c->spath, kw->valuestring);
	ok = validate(c, target, v);
	pop(&c->spath, at);
	c->sbase = base;
	return ok;
}

/* ------------------------------------------------------------------ */
/* Keywords                                                            */
/* ------------------------------------------------------------------ */

/* 1: v is of the named type, 0: it is not, -1: unknown type name. */
static int type_is(const char *name, const cJSON *v)
{
	if (!strcmp(name, "string"))
		return cJSON_IsString(v);
	if (!strcmp(name, "number"))
		return cJSON_IsNumber(v);
	if (!strcmp(name, "integer"))
		return cJSON_IsNumber(v) && is_integral(v->valuedouble);
	if (!strcmp(name, "boolean"))
		return cJSON_IsBool(v);
	if (!strcmp(name, "null"))
		return cJSON_IsNull(v);
	if (!strcmp(name, "array"))
		return cJSON_IsArray(v);
	if (!strcmp(name, "object"))
		return cJSON_IsObject(v);
	return -1;
}

static bool check_type(struct ctx *c, const cJSON *s MAYBE_UNUSED,
		       const cJSON *kw, const cJSON *v)
{
	struct hs_buf names = HS_BUF_INIT;
	const cJSON *t;
	char d[SHOW_MAX_BYTES + 16];
	bool ok = false;
	int r;

	if (cJSON_IsString(kw)) {
		r = type_is(kw->valuestring, v);
		if (r < 0)
			return fault(c, "type",
				     "schema error: unknown type \"%s\"",
				     kw->valuestring);
		if (r)
			return true;
		describe(v, d, sizeof(d));
		return fail(c, "type", "%s is not of type %s", d,
			    kw->valuestring);
	}
	if (!cJSON_IsArray(kw) || !kw->child)
		return fault(c, "type",
			     "schema error: type must be a name or a non-empty array of names");
	cJSON_ArrayForEach (t, kw) {
		if (!cJSON_IsString(t)) {
			fault(c, "type",
			      "schema error: a type is not a string");
			goto cleanup;
		}
		r = type_is(t->valuestring, v);
		if (r < 0) {
			fault(c, "type", "schema error: unknown type \"%s\"",
			      t->valuestring);
			goto cleanup;
		}
		if (r) {
			ok = true;
			goto cleanup;
		}
		hs_buf_addf(&names, "%s%s", names.len ? " or " : "",
			    t->valuestring);
	}
	describe(v, d, sizeof(d));
	fail(c, "type", "%s is not of type %s", d, names.ptr);
cleanup:
	hs_buf_release(&names);
	return ok;
}

static bool check_enum(struct ctx *c, const cJSON *s MAYBE_UNUSED,
		       const cJSON *kw, const cJSON *v)
{
	const cJSON *e;
	char d[SHOW_MAX_BYTES + 16];
	char *list;
	size_t len, k;

	if (!cJSON_IsArray(kw))
		return fault(c, "enum", "schema error: enum is not an array");
	cJSON_ArrayForEach (e, kw) {
		if (cJSON_Compare(e, v, true))
			return true;
	}
	if (!c->err)
		return false;
	describe(v, d, sizeof(d));
	list = cJSON_PrintUnformatted(kw);
	if (!list)
		return fail(c, "enum", "%s is not one of enum", d);
	len = strlen(list);
	k = cut_len(list, ENUM_SHOW_MAX_BYTES);
	fail(c, "enum", "%s is not one of enum %.*s%s", d, (int)k, list,
	     k < len ? "..." : "");
	cJSON_free(list);
	return false;
}

static bool check_const(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			const cJSON *kw, const cJSON *v)
{
	char d[SHOW_MAX_BYTES + 16], want[SHOW_MAX_BYTES + 16];

	if (cJSON_Compare(kw, v, true))
		return true;
	describe(v, d, sizeof(d));
	describe(kw, want, sizeof(want));
	return fail(c, "const", "%s is not the const %s", d, want);
}

/* A number keyword's value; faults when it is not a number. */
static bool number_kw(struct ctx *c, const cJSON *kw, const char *name,
		      double *out)
{
	if (!cJSON_IsNumber(kw))
		return fault(c, name, "schema error: %s is not a number", name);
	*out = kw->valuedouble;
	return true;
}

/* A count keyword's value (minLength, maxItems, ...): an integer >= 0. */
static bool count_kw(struct ctx *c, const cJSON *kw, const char *name,
		     size_t *out)
{
	if (!cJSON_IsNumber(kw) || !is_integral(kw->valuedouble) ||
	    kw->valuedouble < 0)
		return fault(c, name,
			     "schema error: %s is not a non-negative integer",
			     name);
	*out = kw->valuedouble > (double)SIZE_MAX / 2 ? SIZE_MAX
						      : (size_t)kw->valuedouble;
	return true;
}

/*
 * minimum and maximum; draft-04's boolean exclusiveMinimum/Maximum beside
 * them makes the bound exclusive.
 */
static bool check_bound(struct ctx *c, const cJSON *s, const cJSON *kw,
			const cJSON *v, bool is_min)
{
	const char *name = is_min ? "minimum" : "maximum";
	const cJSON *ex = cJSON_GetObjectItemCaseSensitive(
	    s, is_min ? "exclusiveMinimum" : "exclusiveMaximum");
	bool excl = cJSON_IsTrue(ex);
	double lim = 0, x;

	if (!number_kw(c, kw, name, &lim))
		return false;
	if (!cJSON_IsNumber(v))
		return true;
	x = v->valuedouble;
	if (is_min ? (excl ? x > lim : x >= lim) : (excl ? x < lim : x <= lim))
		return true;
	return fail(c, name, "%.15g is %s %s %.15g", x,
		    is_min ? "less than" : "greater than",
		    excl ? "exclusive" : name, lim);
}

static bool check_minimum(struct ctx *c, const cJSON *s, const cJSON *kw,
			  const cJSON *v)
{
	return check_bound(c, s, kw, v, true);
}

static bool check_maximum(struct ctx *c, const cJSON *s, const cJSON *kw,
			  const cJSON *v)
{
	return check_bound(c, s, kw, v, false);
}

/* draft-06+ exclusiveMinimum/Maximum (a number); a boolean is draft-04's. */
static bool check_exclusive(struct ctx *c, const cJSON *kw, const cJSON *v,
			    bool is_min)
{
	const char *name = is_min ? "exclusiveMinimum" : "exclusiveMaximum";
	double lim = 0, x;

	if (cJSON_IsBool(kw))
		return true;
	if (!number_kw(c, kw, name, &lim))
		return false;
	if (!cJSON_IsNumber(v))
		return true;
	x = v->valuedouble;
	if (is_min ? x > lim : x < lim)
		return true;
	return fail(c, name, "%.15g is not %s %.15g", x,
		    is_min ? "greater than" : "less than", lim);
}

static bool check_exclusive_minimum(struct ctx *c, const cJSON *s MAYBE_UNUSED,
				    const cJSON *kw, const cJSON *v)
{
	return check_exclusive(c, kw, v, true);
}

static bool check_exclusive_maximum(struct ctx *c, const cJSON *s MAYBE_UNUSED,
				    const cJSON *kw, const cJSON *v)
{
	return check_exclusive(c, kw, v, false);
}

static bool check_multiple_of(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			      const cJSON *kw, const cJSON *v)
{
	double m = 1, q;

	if (!number_kw(c, kw, "multipleOf", &m))
		return false;
	if (!(m > 0))
		return fault(c, "multipleOf", "schema error: multipleOf <= 0");
	if (!cJSON_IsNumber(v))
		return true;
	q = v->valuedouble / m;
	/* Tolerate the rounding of decimal fractions (0.3 / 0.1). */
	if (isfinite(q) && fabs(q - nearbyint(q)) <= 1e-9 * fmax(1, fabs(q)))
		return true;
	return fail(c, "multipleOf", "%.15g is not a multiple of %.15g",
		    v->valuedouble, m);
}

/* Length in code points (each byte that does not continue a sequence). */
static size_t utf8_length(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static bool check_length(struct ctx *c, const cJSON *kw, const cJSON *v,
			 bool is_min)
{
	const char *name = is_min ? "minLength" : "maxLength";
	char d[SHOW_MAX_BYTES + 16];
	size_t lim, n;

	if (!count_kw(c, kw, name, &lim))
		return false;
	if (!cJSON_IsString(v))
		return true;
	n = utf8_length(v->valuestring);
	if (is_min ? n >= lim : n <= lim)
		return true;
	describe(v, d, sizeof(d));
	return fail(c, name, "%s has %zu characters, %s %zu", d, n,
		    is_min ? "fewer than" : "more than", lim);
}

static bool check_min_length(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			     const cJSON *kw, const cJSON *v)
{
	return check_length(c, kw, v, true);
}

static bool check_max_length(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			     const cJSON *kw, const cJSON *v)
{
	return check_length(c, kw, v, false);
}

static bool check_pattern(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			  const cJSON *kw, const cJSON *v)
{
	char d[SHOW_MAX_BYTES + 16];
	int r;

	if (!cJSON_IsString(kw))
		return fault(c, "pattern",
			     "schema error: pattern is not a string");
	/* Compiled even for a value it does not apply to: a broken pattern
	 * fails the schema, whatever the instance. */
	if (!regex_get(c, "pattern", kw->valuestring))
		return false;
	if (!cJSON_IsString(v))
		return true;
	r = regex_search(c, "pattern", kw->valuestring, v->valuestring);
	if (r > 0)
		return true;
	if (r < 0)
		return false;
	describe(v, d, sizeof(d));
	return fail(c, "pattern", "%s does not match pattern \"%s\"", d,
		    kw->valuestring);
}

/* ---- format: lenient checks of the formats the schemas use ---- */

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num2(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* YYYY-MM-DD; *end past it. */
static bool fmt_date(const char *s, const char **end)
{
	if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
	    !digits(s + 8, 2))
		return false;
	if (num2(s + 5) < 1 || num2(s + 5) > 12 || num2(s + 8) < 1 ||
	    num2(s + 8) > 31)
		return false;
	*end = s + 10;
	return true;
}

/* HH:MM:SS[.frac](Z|+HH:MM|-HH:MM), the whole rest of s. */
static bool fmt_time(const char *s)
{
	if (!digits(s, 2) || s[2] != ':' || !digits(s + 3, 2) || s[5] != ':' ||
	    !digits(s + 6, 2))
		return false;
	if (num2(s) > 23 || num2(s + 3) > 59 || num2(s + 6) > 60)
		return false;
	s += 8;
	if (*s == '.') {
		if (!digits(++s, 1))
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'Z' || *s == 'z')
		return s[1] == '\0';
	if (*s != '+' && *s != '-')
		return false;
	s++;
	return digits(s, 2) && s[2] == ':' && digits(s + 3, 2) &&
	       s[5] == '\0' && num2(s) <= 23 && num2(s + 3) <= 59;
}

/* No white space or control character (a URI is never written with one). */
static bool no_space(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7f)
			return false;
	return true;
}

static bool fmt_uri(const char *s)
{
	const char *p = s;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return false;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	       (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':' && no_space(s);
}

/* 1: conforms, 0: does not, -1: a format this validator does not know. */
static int format_ok(const char *name, const char *s)
{
	const char *end;

	if (!strcmp(name, "date-time"))
		return fmt_date(s, &end) && (*end == 'T' || *end == 't') &&
		       fmt_time(end + 1);
	if (!strcmp(name, "date"))
		return fmt_date(s, &end) && *end == '\0';
	if (!strcmp(name, "time"))
		return fmt_time(s);
	if (!strcmp(name, "uri"))
		return fmt_uri(s);
	if (!strcmp(name, "uri-reference"))
		return no_space(s);
	if (!strcmp(name, "email")) {
		const char *at = strchr(s, '@');

		return at && at > s && at[1] && !strchr(at + 1, '@') &&
		       no_space(s);
	}
	return -1;
}

static bool check_format(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			 const cJSON *kw, const cJSON *v)
{
	char d[SHOW_MAX_BYTES + 16];

	if (!cJSON_IsString(kw))
		return fault(c, "format",
			     "schema error: format is not a string");
	if (!cJSON_IsString(v) || format_ok(kw->valuestring, v->valuestring))
		return true;
	describe(v, d, sizeof(d));
	return fail(c, "format", "%s is not a valid %s", d, kw->valuestring);
}

/* ---- arrays ---- */

static bool check_items(struct ctx *c, const cJSON *s, const cJSON *kw,
			const cJSON *v)
{
	const cJSON *it, *sub, *more;
	size_t i = 0;

	if (!cJSON_IsArray(v))
		return true;
	if (!cJSON_IsArray(kw)) {
		cJSON_ArrayForEach (it, v) {
			if (!validate_item(c, kw, it, i, "items", -1))
				return false;
			i++;
		}
		return true;
	}
	/* Tuple form: item i against items[i], the rest additionalItems. */
	more = cJSON_GetObjectItemCaseSensitive(s, "additionalItems");
	sub = kw->child;
	cJSON_ArrayForEach (it, v) {
		if (sub) {
			if (!validate_item(c, sub, it, i, "items", (long)i))
				return false;
			sub = sub->next;
		} else if (cJSON_IsFalse(more)) {
			size_t at = ipush_index(c, i);

			fail(c, "additionalItems",
			     "item not allowed (additionalItems)");
			pop(&c->ipath, at);
			return false;
		} else if (more && !validate_item(c, more, it, i,
						  "additionalItems", -1)) {
			return false;
		}
		i++;
	}
	return true;
}

static bool check_count_items(struct ctx *c, const cJSON *kw, const cJSON *v,
			      bool is_min)
{
	const char *name = is_min ? "minItems" : "maxItems";
	size_t lim, n;

	if (!count_kw(c, kw, name, &lim))
		return false;
	if (!cJSON_IsArray(v))
		return true;
	n = (size_t)cJSON_GetArraySize(v);
	if (is_min ? n >= lim : n <= lim)
		return true;
	return fail(c, name, "%zu items, %s %zu", n,
		    is_min ? "fewer than" : "more than", lim);
}

static bool check_min_items(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			    const cJSON *kw, const cJSON *v)
{
	return check_count_items(c, kw, v, true);
}

static bool check_max_items(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			    const cJSON *kw, const cJSON *v)
{
	return check_count_items(c, kw, v, false);
}

static bool check_unique_items(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			       const cJSON *kw, const cJSON *v)
{
	const cJSON *a, *b;
	size_t i = 0, j;

	if (!cJSON_IsBool(kw))
		return fault(c, "uniqueItems",
			     "schema error: uniqueItems is not a boolean");
	if (!cJSON_IsTrue(kw) || !cJSON_IsArray(v))
		return true;
	for (a = v->child; a; a = a->next, i++) {
		for (b = a->next, j = i + 1; b; b = b->next, j++) {
			if (cJSON_Compare(a, b, true))
				return fail(c, "uniqueItems",
					    "items %zu and %zu are equal", i,
					    j);
		}
	}
	return true;
}

static bool check_contains(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			   const cJSON *kw, const cJSON *v)
{
	char *outer = c->err;
	const cJSON *it;
	bool found = false;

	if (!cJSON_IsArray(v))
		return true;
	c->err = NULL;
	cJSON_ArrayForEach (it, v) {
		size_t at = spush(c, "contains", NULL);

		found = validate(c, kw, it);
		pop(&c->spath, at);
		if (found)
			break;
	}
	c->err = outer;
	if (found)
		return true;
	return fail(c, "contains", "no item matches contains");
}

/* ---- objects ---- */

static bool check_required(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			   const cJSON *kw, const cJSON *v)
{
	const cJSON *r;

	if (!cJSON_IsArray(kw))
		return fault(c, "required",
			     "schema error: required is not an array");
	if (!cJSON_IsObject(v))
		return true;
	cJSON_ArrayForEach (r, kw) {
		if (!cJSON_IsString(r))
			return fault(c, "required",
				     "schema error: a required name is not a string");
		if (!cJSON_GetObjectItemCaseSensitive(v, r->valuestring))
			return fail(c, "required",
				    "missing required property \"%s\"",
				    r->valuestring);
	}
	return true;
}

static bool check_properties(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			     const cJSON *kw, const cJSON *v)
{
	const cJSON *m, *sub;

	if (!cJSON_IsObject(kw))
		return fault(c, "properties",
			     "schema error: properties is not an object");
	if (!cJSON_IsObject(v))
		return true;
	cJSON_ArrayForEach (m, v) {
		sub = cJSON_GetObjectItemCaseSensitive(kw, m->string);
		if (sub && !validate_member(c, sub, m, m->string, "properties",
					    m->string))
			return false;
	}
	return true;
}

static bool check_pattern_properties(struct ctx *c, const cJSON *s MAYBE_UNUSED,
				     const cJSON *kw, const cJSON *v)
{
	const cJSON *m, *pp;
	int r;

	if (!cJSON_IsObject(kw))
		return fault(c, "patternProperties",
			     "schema error: patternProperties is not an object");
	if (!cJSON_IsObject(v))
		return true;
	cJSON_ArrayForEach (m, v) {
		cJSON_ArrayForEach (pp, kw) {
			r = regex_search(c, "patternProperties", pp->string,
					 m->string);
			if (r < 0)
				return false;
			if (r &&
			    !validate_member(c, pp, m, m->string,
					     "patternProperties", pp->string))
				return false;
		}
	}
	return true;
}

static bool check_additional_properties(struct ctx *c, const cJSON *s,
					const cJSON *kw, const cJSON *v)
{
	const cJSON *props = cJSON_GetObjectItemCaseSensitive(s, "properties");
	const cJSON *pats =
	    cJSON_GetObjectItemCaseSensitive(s, "patternProperties");
	const cJSON *m, *pp;
	bool known;
	int r;

	if (!cJSON_IsObject(v))
		return true;
	cJSON_ArrayForEach (m, v) {
		known = cJSON_IsObject(props) &&
			cJSON_GetObjectItemCaseSensitive(props, m->string);
		if (!known && cJSON_IsObject(pats)) {
			cJSON_ArrayForEach (pp, pats) {
				r = regex_search(c, "patternProperties",
						 pp->string, m->string);
				if (r < 0)
					return false;
				if (r) {
					known = true;
					break;
				}
			}
		}
		if (known)
			continue;
		if (cJSON_IsFalse(kw)) {
			size_t at = ipush_key(c, m->string);

			fail(c, "additionalProperties",
			     "property \"%s\" is not allowed (additionalProperties)",
			     m->string);
			pop(&c->ipath, at);
			return false;
		}
		if (!validate_member(c, kw, m, m->string,
				     "additionalProperties", NULL))
			return false;
	}
	return true;
}

static bool check_count_props(struct ctx *c, const cJSON *kw, const cJSON *v,
			      bool is_min)
{
	const char *name = is_min ? "minProperties" : "maxProperties";
	size_t lim, n;

	if (!count_kw(c, kw, name, &lim))
		return false;
	if (!cJSON_IsObject(v))
		return true;
	n = (size_t)cJSON_GetArraySize(v);
	if (is_min ? n >= lim : n <= lim)
		return true;
	return fail(c, name, "%zu properties, %s %zu", n,
		    is_min ? "fewer than" : "more than", lim);
}

static bool check_min_properties(struct ctx *c, const cJSON *s MAYBE_UNUSED,
				 const cJSON *kw, const cJSON *v)
{
	return check_count_props(c, kw, v, true);
}

static bool check_max_properties(struct ctx *c, const cJSON *s MAYBE_UNUSED,
				 const cJSON *kw, const cJSON *v)
{
	return check_count_props(c, kw, v, false);
}

static bool check_property_names(struct ctx *c, const cJSON *s MAYBE_UNUSED,
				 const cJSON *kw, const cJSON *v)
{
	const cJSON *m;

	if (!cJSON_IsObject(v))
		return true;
	cJSON_ArrayForEach (m, v) {
		/* The name as a string instance, on the stack. */
		cJSON name = {.type = cJSON_String, .valuestring = m->string};

		if (!validate_member(c, kw, &name, m->string, "propertyNames",
				     NULL))
			return false;
	}
	return true;
}

static bool check_dependencies(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			       const cJSON *kw, const cJSON *v)
{
	const cJSON *dep, *r;

	if (!cJSON_IsObject(kw))
		return fault(c, "dependencies",
			     "schema error: dependencies is not an object");
	if (!cJSON_IsObject(v))
		return true;
	cJSON_ArrayForEach (dep, kw) {
		if (!cJSON_GetObjectItemCaseSensitive(v, dep->string))
			continue;
		if (!cJSON_IsArray(dep)) {
			size_t at = spush(c, "dependencies", dep->string);
			bool ok = validate(c, dep, v);

			pop(&c->spath, at);
			if (!ok)
				return false;
			continue;
		}
		cJSON_ArrayForEach (r, dep) {
			if (!cJSON_IsString(r))
				return fault(c, "dependencies",
					     "schema error: a dependency is not a string");
			if (!cJSON_GetObjectItemCaseSensitive(v,
							      r->valuestring))
				return fail(c, "dependencies",
					    "property \"%s\" requires \"%s\"",
					    dep->string, r->valuestring);
		}
	}
	return true;
}

/* ---- combinators ---- */

static bool check_all_of(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			 const cJSON *kw, const cJSON *v)
{
	const cJSON *sub;
	size_t i = 0;

	if (!cJSON_IsArray(kw) || !kw->child)
		return fault(c, "allOf",
			     "schema error: allOf must be a non-empty array");
	cJSON_ArrayForEach (sub, kw) {
		size_t at = spush_index(c, "allOf", i++);
		bool ok = validate(c, sub, v);

		pop(&c->spath, at);
		if (!ok)
			return false;
	}
	return true;
}

/*
 * anyOf (one is enough) and oneOf (exactly one). Each branch is tried
 * into a scratch message; when none matches, the message of the branch
 * that got deepest into the instance is the likeliest intended one.
 */
static bool check_branches(struct ctx *c, const cJSON *kw, const cJSON *v,
			   const char *name, bool exactly_one)
{
	char *outer = c->err, *best = NULL, *cur = NULL, *tmp;
	size_t outer_depth = c->err_depth, best_depth = 0;
	size_t i = 0, matched = 0, first = 0, second = 0;
	const cJSON *sub;
	bool have_best = false, ok;

	if (!cJSON_IsArray(kw) || !kw->child)
		return fault(c, name,
			     "schema error: %s must be a non-empty array",
			     name);
	if (outer) {
		best = hs_malloc(c->errlen);
		cur = hs_malloc(c->errlen);
		best[0] = '\0';
	}
	cJSON_ArrayForEach (sub, kw) {
		size_t at = spush_index(c, name, i);

		if (cur)
			cur[0] = '\0';
		c->err = cur;
		c->err_depth = 0;
		if (validate(c, sub, v)) {
			if (matched++ == 0)
				first = i;
			else
				second = i;
		} else if (cur && (!have_best || c->err_depth > best_depth)) {
			tmp = best;
			best = cur;
			cur = tmp;
			best_depth = c->err_depth;
			have_best = true;
		}
		pop(&c->spath, at);
		i++;
		if (matched > (exactly_one ? 1u : 0u))
			break;
	}
	c->err = outer;
	c->err_depth = outer_depth;
	if (exactly_one ? matched == 1 : matched > 0)
		ok = true;
	else if (matched > 1)
		ok = fail(c, name,
			  "matches schemas %zu and %zu of oneOf, not exactly one",
			  first, second);
	else
		ok = fail(c, name,
			  "matches none of the %zu schemas of %s; closest: %s",
			  i, name, best ? best : "");
	free(best);
	free(cur);
	return ok;
}

static bool check_any_of(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			 const cJSON *kw, const cJSON *v)
{
	return check_branches(c, kw, v, "anyOf", false);
}

static bool check_one_of(struct ctx *c, const cJSON *s MAYBE_UNUSED,
			 const cJSON *kw, const cJSON *v)
{
	return check_branches(c, kw, v, "oneOf", true);
}

static bool check_not(struct ctx *c, const cJSON *s MAYBE_UNUSED,
		      const cJSON *kw, const cJSON *v)
{
	char *outer = c->err;
	size_t at = spush(c, "not", NULL);
	bool matched;
	char d[SHOW_MAX_BYTES + 16];

	c->err = NULL;
	matched = validate(c, kw, v);
	c->err = outer;
	pop(&c->spath, at);
	if (!matched)
		return true;
	describe(v, d, sizeof(d));
	return fail(c, "not", "%s matches the schema of not", d);
}

static bool check_if(struct ctx *c, const cJSON *s, const cJSON *kw,
		     const cJSON *v)
{
	char *outer = c->err;
	size_t at = spush(c, "if", NULL);
	const char *branch;
	const cJSON *sub;
	bool cond, ok;

	c->err = NULL;
	cond = validate(c, kw, v);
	c->err = outer;
	pop(&c->spath, at);
	branch = cond ? "then" : "else";
	sub = cJSON_GetObjectItemCaseSensitive(s, branch);
	if (!sub)
		return true;
	at = spush(c, branch, NULL);
	ok = validate(c, sub, v);
	pop(&c->spath, at);
	return ok;
}

/* ------------------------------------------------------------------ */
/* The walk                                                            */
/* ------------------------------------------------------------------ */

struct keyword {
	const char *name;
	/* s: the schema object; kw: the keyword's value in it. */
	bool (*check)(struct ctx *c, const cJSON *s, const cJSON *kw,
		      const cJSON *v);
};

/*
 * Keywords with an assertion, sorted by name (strcmp) for bsearch. "type"
 * is checked first and "$ref" alone, in validate(); additionalItems,
 * then and else are read by items and if.
 */
static const struct keyword keywords[] = {
    {"additionalProperties", check_additional_properties},
    {"allOf", check_all_of},
    {"anyOf", check_any_of},
    {"const", check_const},
    {"contains", check_contains},
    {"dependencies", check_dependencies},
    {"enum", check_enum},
    {"exclusiveMaximum", check_exclusive_maximum},
    {"exclusiveMinimum", check_exclusive_minimum},
    {"format", check_format},
    {"if", check_if},
    {"items", check_items},
    {"maxItems", check_max_items},
    {"maxLength", check_max_length},
    {"maxProperties", check_max_properties},
    {"maximum", check_maximum},
    {"minItems", check_min_items},
    {"minLength", check_min_length},
    {"minProperties", check_min_properties},
    {"minimum", check_minimum},
    {"multipleOf", check_multiple_of},
    {"not", check_not},
    {"oneOf", check_one_of},
    {"pattern", check_pattern},
    {"patternProperties", check_pattern_properties},
    {"properties", check_properties},
    {"propertyNames", check_property_names},
    {"required", check_required},
    {"uniqueItems", check_unique_items},
};

static int keyword_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct keyword *)elem)->name);
}

static __attribute__((unused)) bool keywords_sorted(void)
{
	for (size_t i = 1; i < ARRAY_SIZE(keywords); i++)
		if (strcmp(keywords[i - 1].name, keywords[i].name) >= 0)
			return false;
	return true;
}

static bool validate(struct ctx *c, const cJSON *s, const cJSON *v)
{
	const struct keyword *k;
	const cJSON *kw;
	bool ok = true;

	if (cJSON_IsTrue(s))
		return true;
	if (cJSON_IsFalse(s))
		return fail(c, NULL, "no value is allowed here (false schema)");
	if (!cJSON_IsObject(s))
		return fault(c, NULL,
			     "schema error: a schema must be an object or a boolean");
	if (c->depth >= JSONSCHEMA_MAX_DEPTH)
		return fault(c, NULL, "too deep: more than %d nested schemas",
			     JSONSCHEMA_MAX_DEPTH);
	c->depth++;
	/* draft-04 to 07: beside $ref, every other keyword is ignored. */
	kw = cJSON_GetObjectItemCaseSensitive(s, "$ref");
	if (kw) {
		ok = check_ref(c, kw, v);
		goto out;
	}
	kw = cJSON_GetObjectItemCaseSensitive(s, "type");
	if (kw && !check_type(c, s, kw, v)) {
		ok = false;
		goto out;
	}
	cJSON_ArrayForEach (kw, s) {
		if (!kw->string)
			continue;
		k = bsearch(kw->string, keywords, ARRAY_SIZE(keywords),
			    sizeof(keywords[0]), keyword_cmp);
		if (k && !k->check(c, s, kw, v)) {
			ok = false;
			break;
		}
	}
out:
	c->depth--;
	return ok;
}

bool jsonschema_validate(const cJSON *schema, const cJSON *instance, char *err,
			 size_t errlen)
{
	struct ctx c = {
	    .root = schema,
	    .err = err && errlen ? err : NULL,
	    .errlen = err ? errlen : 0,
	    .ipath = HS_BUF_INIT,
	    .spath = HS_BUF_INIT,
	    .fault = HS_BUF_INIT,
	};
	const cJSON *id;
	bool ok;

	assert(keywords_sorted());
	if (c.err)
		c.err[0] = '\0';
	if (!schema || !instance) {
		if (c.err)
			copy_cut(c.err, c.errlen,
				 "$: schema error: no schema or no instance");
		return false;
	}
	hs_buf_init(&c.ipath, PATH_MAX_BYTES);
	hs_buf_init(&c.spath, PATH_MAX_BYTES);
	hs_buf_init(&c.fault, PATH_MAX_BYTES);
	/* A $ref may spell out the schema's own URI before the '#'. */
	id = cJSON_GetObjectItemCaseSensitive(schema, "$id");
	if (!cJSON_IsString(id))
		id = cJSON_GetObjectItemCaseSensitive(schema, "id");
	if (cJSON_IsString(id) && id->valuestring[0]) {
		c.root_id = id->valuestring;
		c.root_id_len = strcspn(id->valuestring, "#");
	}
	hs_buf_adds(&c.ipath, "$");
	hs_buf_adds(&c.spath, "#");

	ok = validate(&c, schema, instance);
	if (c.fault.len) {
		ok = false;
		if (c.err)
			copy_cut(c.err, c.errlen, c.fault.ptr);
	}

	for (size_t i = 0; i < c.nrx; i++)
		pcre2_code_free(c.rx[i].code);
	free(c.rx);
	pcre2_match_data_free(c.md);
	pcre2_match_context_free(c.mctx);
	hs_buf_release(&c.ipath);
	hs_buf_release(&c.spath);
	hs_buf_release(&c.fault);
	return ok;
}
