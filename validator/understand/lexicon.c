/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lexicon.c: the concept lexicon (lexicon.h). Loaded once; a phrase is a
 * list of word ids, indexed by its first word, so one pass over a text's
 * words finds every phrase: for each word, only the phrases that begin
 * with it are tried.
 */
#include "lexicon.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/buf.h"
#include "rubric.h"
#include "read/source.h"

static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static uint32_t hash_word(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Word id of s[0..n), or -1 when no phrase has that word. */
static long word_id(const struct lexicon *lx, const char *s, size_t n)
{
	size_t mask = lx->nslots - 1;

	for (size_t i = hash_word(s, n) & mask;; i = (i + 1) & mask) {
		uint32_t v = lx->slots[i];

		if (!v)
			return -1;
		if (!strncmp(lx->words[v - 1], s, n) && !lx->words[v - 1][n])
			return (long)v - 1;
	}
}

static uint32_t word_add(struct lexicon *lx, const char *s, size_t n)
{
	size_t mask = lx->nslots - 1, i;
	long id = word_id(lx, s, n);

	if (id >= 0)
		return (uint32_t)id;
	for (i = hash_word(s, n) & mask; lx->slots[i]; i = (i + 1) & mask)
		;
	lx->words[lx->nword] = hs_strndup(s, n);
	lx->slots[i] = (uint32_t)++lx->nword;
	return (uint32_t)lx->nword - 1;
}

struct lexload {
	char *err;
	size_t errlen;
	bool failed;
};

static void fail(struct lexload *L, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail(struct lexload *L, const char *fmt, ...)
{
	va_list ap;

	if (L->failed)
		return;
	L->failed = true;
	va_start(ap, fmt);
	vsnprintf(L->err, L->errlen, fmt, ap);
	va_end(ap);
}

static bool good_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return false;
	return true;
}

/* One phrase: folded, cut into words like the texts it is looked for in. */
static void add_phrase(struct lexload *L, struct lexicon *lx, const char *name,
		       size_t idx, const char *s, uint32_t concept)
{
	struct lex_phrase *p = &lx->phrases[lx->nphrases];

	if (*s == '=') {
		/* one word as written: no separator inside */
		for (const unsigned char *c = (const unsigned char *)s + 1; *c; c++)
			if (*c < 0x80 && !isalnum(*c)) {
				fail(L, "$.concepts.%s.phrases[%zu]: '=' is followed by "
					"one word: '%s'", name, idx, s);
				return;
			}
		if (!s[1]) {
			fail(L, "$.concepts.%s.phrases[%zu]: no word in '%s'", name,
			     idx, s);
			return;
		}
		lx->exact[lx->nexact].word = hs_strdup(s + 1);
		lx->exact[lx->nexact++].concept = concept;
		return;
	}
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c >= 0x80 || (*c >= 'A' && *c <= 'Z')) {
			fail(L, "$.concepts.%s.phrases[%zu]: phrase must be folded "
				"(lower case, no diacritics): '%s'", name, idx, s);
			return;
		}
	memset(p, 0, sizeof(*p));
	p->not_after = -1;
	if (*s == '!') {
		/* "!nong thon": the word that must not come right before */
		size_t e = 1;

		while (s[e] && word_byte((unsigned char)s[e]))
			e++;
		if (e == 1 || s[e] != ' ') {
			fail(L, "$.concepts.%s.phrases[%zu]: '!' is followed by a word "
				"and a space: '%s'", name, idx, s);
			return;
		}
		p->not_after = (int32_t)word_add(lx, s + 1, e - 1);
		s += e;
	}
	for (size_t i = 0; s[i];) {
		size_t e = i;

		while (s[e] && word_byte((unsigned char)s[e]))
			e++;
		if (e > i) {
			if (p->nw == LEX_PHRASE_WORDS) {
				fail(L, "$.concepts.%s.phrases[%zu]: more than %d words",
				     name, idx, LEX_PHRASE_WORDS);
				return;
			}
			p->w[p->nw++] = word_add(lx, s + i, e - i);
			i = e;
		} else {
			i++;
		}
	}
	if (!p->nw) {
		fail(L, "$.concepts.%s.phrases[%zu]: no word in '%s'", name, idx, s);
		return;
	}
	p->concept = concept;
	lx->nphrases++;
}

static void load_concepts(struct lexload *L, struct lexicon *lx,
			  const cJSON *cs)
{
	const cJSON *c, *ph, *it;
	size_t nph = 0;

	cJSON_ArrayForEach(c, cs) {
		ph = cJSON_GetObjectItemCaseSensitive(c, "phrases");
		nph += cJSON_IsArray(ph) ? (size_t)cJSON_GetArraySize(ph) : 0;
	}
	lx->concepts = hs_calloc((size_t)cJSON_GetArraySize(cs) + 1,
				 sizeof(*lx->concepts));
	lx->phrases = hs_calloc(nph + 1, sizeof(*lx->phrases));
	lx->exact = hs_calloc(nph + 1, sizeof(*lx->exact));
	lx->words = hs_calloc(nph * (LEX_PHRASE_WORDS + 1) + 1, sizeof(char *));
	for (lx->nslots = 64; lx->nslots < 2 * (nph * (LEX_PHRASE_WORDS + 1) + 1);)
		lx->nslots *= 2;
	lx->slots = hs_calloc(lx->nslots, sizeof(*lx->slots));
	cJSON_ArrayForEach(c, cs) {
		struct lex_concept *k = &lx->concepts[lx->nconcepts];
		const cJSON *label = cJSON_GetObjectItemCaseSensitive(c, "label");
		size_t i = 0;

		if (!good_name(c->string)) {
			fail(L, "$.concepts.%s: a concept name is lower case letters, "
				"digits and '_'", c->string);
			return;
		}
		if (lexicon_find(lx, c->string) >= 0) {
			fail(L, "$.concepts.%s: defined twice", c->string);
			return;
		}
		if (!cJSON_IsObject(c)) {
			fail(L, "$.concepts.%s: must be an object", c->string);
			return;
		}
		cJSON_ArrayForEach(it, c)
			if (strcmp(it->string, "label") && strcmp(it->string, "phrases") &&
			    strcmp(it->string, "description")) {
				fail(L, "$.concepts.%s.%s: unknown member", c->string,
				     it->string);
				return;
			}
		if (!cJSON_IsString(label) || !*label->valuestring) {
			fail(L, "$.concepts.%s.label: must be a non-empty string",
			     c->string);
			return;
		}
		ph = cJSON_GetObjectItemCaseSensitive(c, "phrases");
		if (!cJSON_IsArray(ph) || !cJSON_GetArraySize(ph)) {
			fail(L, "$.concepts.%s.phrases: a non-empty array of phrases",
			     c->string);
			return;
		}
		k->name = hs_strdup(c->string);
		k->label = hs_strdup(label->valuestring);
		lx->nconcepts++;
		cJSON_ArrayForEach(it, ph) {
			if (!cJSON_IsString(it))
				fail(L, "$.concepts.%s.phrases[%zu]: must be a string",
				     c->string, i);
			else
				add_phrase(L, lx, c->string, i, it->valuestring,
					   (uint32_t)(lx->nconcepts - 1));
			if (L->failed)
				return;
			i++;
		}
	}
	lx->nwords = (lx->nconcepts + 63) / 64;
	lx->first = hs_calloc(lx->nword + 1, sizeof(*lx->first));
	for (size_t w = 0; w < lx->nword; w++)
		lx->first[w] = -1;
	/* longest first: the list is tried in order, all of it */
	for (size_t p = lx->nphrases; p-- > 0;) {
		lx->phrases[p].next = lx->first[lx->phrases[p].w[0]];
		lx->first[lx->phrases[p].w[0]] = (int32_t)p;
	}
}

struct lexicon *lexicon_parse(const char *json, const char *name, char *err,
			      size_t errlen)
{
	struct lexload L = {.err = err, .errlen = errlen};
	cJSON *root = cJSON_Parse(json);
	const cJSON *schema, *cs, *it;
	struct lexicon *lx;

	if (!root) {
		snprintf(err, errlen, "$: %s is not valid JSON", name);
		return NULL;
	}
	lx = hs_calloc(1, sizeof(*lx));
	lx->path = hs_strdup(name);
	source_sha256((const unsigned char *)json, strlen(json), lx->sha256);
	schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
	cs = cJSON_GetObjectItemCaseSensitive(root, "concepts");
	if (!cJSON_IsObject(root))
		fail(&L, "$: a lexicon is a JSON object");
	else if (!cJSON_IsString(schema) ||
		 strcmp(schema->valuestring, "hoso-lexicon/1"))
		fail(&L, "$.schema: must be \"hoso-lexicon/1\"");
	else if (!cJSON_IsObject(cs) || !cJSON_GetArraySize(cs))
		fail(&L, "$.concepts: a non-empty object of concepts");
	if (!L.failed)
		cJSON_ArrayForEach(it, root)
			if (strcmp(it->string, "schema") && strcmp(it->string, "$schema") &&
			    strcmp(it->string, "concepts") &&
			    strcmp(it->string, "description"))
				fail(&L, "$.%s: unknown member", it->string);
	if (!L.failed)
		load_concepts(&L, lx, cs);
	cJSON_Delete(root);
	if (L.failed) {
		lexicon_free(lx);
		return NULL;
	}
	return lx;
}

struct lexicon *lexicon_load(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	struct hs_buf b = HS_BUF_INIT;
	struct lexicon *lx;
	char blk[65536];
	size_t n;

	if (!f) {
		snprintf(err, errlen, "cannot open the lexicon '%s'", path);
		return NULL;
	}
	b.max = 4u << 20;
	while ((n = fread(blk, 1, sizeof(blk), f)) > 0)
		if (hs_buf_add(&b, blk, n) != HS_OK)
			break;
	fclose(f);
	if (b.over || !b.ptr) {
		snprintf(err, errlen, "the lexicon '%s' is empty or larger than 4 MiB",
			 path);
		hs_buf_release(&b);
		return NULL;
	}
	lx = lexicon_parse(b.ptr, path, err, errlen);
	hs_buf_release(&b);
	return lx;
}

void lexicon_free(struct lexicon *lx)
{
	if (!lx)
		return;
	for (size_t i = 0; i < lx->nconcepts; i++) {
		free(lx->concepts[i].name);
		free(lx->concepts[i].label);
	}
	for (size_t i = 0; i < lx->nword; i++)
		free(lx->words[i]);
	for (size_t i = 0; i < lx->nexact; i++)
		free(lx->exact[i].word);
	free(lx->exact);
	free(lx->concepts);
	free(lx->phrases);
	free(lx->words);
	free(lx->slots);
	free(lx->first);
	free(lx->path);
	free(lx);
}

const char *lexicon_path(char *buf, size_t len)
{
	const char *env = getenv("HOSO_LEXICON");
	const char *dir = rubric_dir();
	const char *slash;
	size_t n;

	if (env && *env)
		return env;
	/* beside the rubric folder: schemas/rubrics -> schemas/lexicon.json */
	n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	slash = memrchr(dir, '/', n);
	if (slash)
		snprintf(buf, len, "%.*s/lexicon.json", (int)(slash - dir), dir);
	else
		snprintf(buf, len, "lexicon.json");
	return buf;
}

const struct lexicon *lexicon_get(char *err, size_t errlen)
{
	static struct lexicon *shared;
	static char why[512];
	char path[4096];

	if (!shared && !*why) {
		shared = lexicon_load(lexicon_path(path, sizeof(path)), why,
				      sizeof(why));
		if (!shared && !*why)
			snprintf(why, sizeof(why), "the lexicon cannot be loaded");
	}
	if (!shared)
		snprintf(err, errlen, "%s", why);
	return shared;
}

long lexicon_find(const struct lexicon *lx, const char *name)
{
	for (size_t i = 0; i < lx->nconcepts; i++)
		if (!strcmp(lx->concepts[i].name, name))
			return (long)i;
	return -1;
}

/* Phrases starting at ids[i] (n ids, the ones after i as far as known). */
static void phrases_at(const struct lexicon *lx, const long *ids, size_t i,
		       size_t n, uint64_t *set)
{
	for (int32_t p = lx->first[ids[i]]; p >= 0; p = lx->phrases[p].next) {
		const struct lex_phrase *ph = &lx->phrases[p];
		size_t k;

		if (i + ph->nw > n ||
		    (ph->not_after >= 0 && i > 0 && ids[i - 1] == ph->not_after))
			continue;
		for (k = 1; k < ph->nw; k++)
			if (ids[i + k] != (long)ph->w[k])
				break;
		if (k == ph->nw)
			lex_set(set, ph->concept);
	}
}

void lexicon_scan(const struct lexicon *lx, const char *s, size_t len,
		  uint64_t *set)
{
	/* the words' ids in blocks; a block keeps the last words of the one
	 * before (a phrase may begin there), so each word is looked up once
	 * and each phrase that begins at a word is compared once */
	enum { BLOCK = 256, KEEP = LEX_PHRASE_WORDS };
	long ids[BLOCK];
	size_t n = 0, from = 0;

	for (size_t i = 0; i <= len;) {
		size_t e = i;

		while (e < len && word_byte((unsigned char)s[e]))
			e++;
		if (e == i && i < len) {
			i++;
			continue;
		}
		if (e > i)
			ids[n++] = word_id(lx, s + i, e - i);
		if (n == BLOCK || e == len) {
			/* phrases that begin before the block's last KEEP words
			 * are complete; at the end, all of them */
			size_t upto = e == len ? n : n - KEEP;

			for (size_t k = from; k < upto; k++)
				if (ids[k] >= 0)
					phrases_at(lx, ids, k, n, set);
			if (e == len)
				break;
			/* the last KEEP words (and the one before them, for
			 * "!word") start the next block */
			memmove(ids, ids + n - KEEP - 1, (KEEP + 1) * sizeof(*ids));
			n = KEEP + 1;
			from = 1;
		}
		i = e;
	}
}

void lexicon_scan_exact(const struct lexicon *lx, const char *s, size_t len,
			uint64_t *set)
{
	if (!lx->nexact)
		return;
	for (size_t i = 0; i < len;) {
		size_t e = i;

		while (e < len && ((unsigned char)s[e] >= 0x80 ||
				   isalnum((unsigned char)s[e])))
			e++;
		if (e == i) {
			i++;
			continue;
		}
		for (size_t k = 0; k < lx->nexact; k++)
			if (!strncmp(lx->exact[k].word, s + i, e - i) &&
			    !lx->exact[k].word[e - i])
				lex_set(set, lx->exact[k].concept);
		i = e;
	}
}
