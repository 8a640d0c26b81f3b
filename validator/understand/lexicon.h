/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lexicon.h: named concepts for matching evidence on meaning, not on word
 * order (schemas/lexicon.json, hoso-lexicon/1, docs/rubrics.md).
 *
 * A concept ("ttvh") is a list of folded phrases: synonyms, abbreviations
 * and spellings ("trung tam van hoa", "ttvh tt", "nha van hoa"); a phrase
 * "!nong thon" is "thon" not right after "nong"; "=CĐHT" is that one word as
 * written (case and đ kept: CĐHT is not CDHT), for lexicon_scan_exact. Text is
 * cut into words (runs of [a-z0-9] of the folded text: punctuation and
 * spaces separate), and a phrase is found when its words follow each other.
 * lexicon_scan() finds every phrase of the lexicon in one pass over the
 * words and sets the bits of the concepts found: a set of concept ids,
 * lexicon.nwords uint64_t words long, that a requirement tests cheaply.
 * Call order: lexicon_get() (loaded once, shared) or lexicon_load() ...
 * lexicon_free().
 */
#ifndef HOSO_LEXICON_H
#define HOSO_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "base/hs.h"

#define LEX_PHRASE_WORDS 8 /* words in one phrase, at most */

struct lex_concept {
	char *name;  /* "ttvh" */
	char *label; /* "thiết chế văn hóa", for reasons */
};

struct lex_phrase {
	uint32_t w[LEX_PHRASE_WORDS]; /* word ids */
	uint32_t nw;
	uint32_t concept;
	int32_t not_after; /* "!nong thon": not right after this word, -1 */
	int32_t next;   /* next phrase with the same first word, -1 */
};

/* "=CĐHT": one word matched as written, not folded */
struct lex_exact {
	char *word;
	uint32_t concept;
};

struct lexicon {
	char *path;
	char sha256[65];            /* of its JSON text (the verdict memo's key) */
	struct lex_exact *exact;
	size_t nexact;
	struct lex_concept *concepts;
	size_t nconcepts;
	size_t nwords;              /* uint64_t words of a concept set */
	struct lex_phrase *phrases;
	size_t nphrases;
	/* words of the phrases: open addressing, id = index into words */
	char **words;
	size_t nword;
	uint32_t *slots;            /* word id + 1, 0 empty */
	size_t nslots;              /* a power of two */
	int32_t *first;             /* by word id: first phrase, -1 */
};

/* The lexicon at path, or NULL with "<json path>: <what>" in err. */
struct lexicon *lexicon_load(const char *path, char *err, size_t errlen);
struct lexicon *lexicon_parse(const char *json, const char *name, char *err,
			      size_t errlen);
void lexicon_free(struct lexicon *lx);

/* $HOSO_LEXICON, else lexicon.json beside the rubric folder. */
const char *lexicon_path(char *buf, size_t len);
/* The lexicon of lexicon_path(), loaded on first use and kept; NULL with
 * err set when it cannot be loaded. */
const struct lexicon *lexicon_get(char *err, size_t errlen);

/* Concept id of name, or -1. */
long lexicon_find(const struct lexicon *lx, const char *name);

/* Sets in set (lx->nwords words) the concepts found in folded s[0..len). */
void lexicon_scan(const struct lexicon *lx, const char *s, size_t len,
		  uint64_t *set);

/* Sets the concepts whose "=word" phrases are words of the original (NFC)
 * text s[0..len): words are cut at ASCII characters other than a-z, A-Z,
 * 0-9 (every non-ASCII character is part of a word). */
void lexicon_scan_exact(const struct lexicon *lx, const char *s, size_t len,
			uint64_t *set);

static inline bool lex_has(const uint64_t *set, size_t id)
{
	return set[id / 64] >> (id % 64) & 1;
}

static inline void lex_set(uint64_t *set, size_t id)
{
	set[id / 64] |= (uint64_t)1 << (id % 64);
}

/* Does a share a concept with b (n words)? The first shared id in *id. */
static inline bool lex_meet(const uint64_t *a, const uint64_t *b, size_t n,
			    size_t *id)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] & b[i]) {
			if (id)
				*id = i * 64 + (size_t)__builtin_ctzll(a[i] & b[i]);
			return true;
		}
	return false;
}

#endif
