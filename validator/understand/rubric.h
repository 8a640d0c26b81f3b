/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rubric.h: a regulation as data (docs/rubrics.md, hoso-rubric/1).
 *
 * rubric_load() reads and checks one rubric file; every fault is reported
 * with its JSON path ("$.criteria[3].indicators[1].evidence[0].types[0]:
 * unknown document type 'XX'"), which the CLI turns into HS901 and exit 2.
 * Patterns are compiled once here. The loaded rubric is read-only.
 * Call order: rubric_load(path, &r, err) ... rubric_free(r).
 */
#ifndef HOSO_RUBRIC_H
#define HOSO_RUBRIC_H

#include "lexicon.h"
#include "base/rx.h"

#define RUBRIC_MAX_LEVEL 9

enum rubric_kind {
	RUBRIC_LEVELS,
	RUBRIC_POINTS,
};

enum rb_op {
	RB_GE,
	RB_GT,
	RB_LE,
	RB_LT,
	RB_EQ,
};

struct rb_provenance {
	char *article; /* may be NULL */
	char *source;  /* may be NULL */
	bool confirmed;
};

struct rb_doctype {
	char *key;     /* "KH" */
	char *name;    /* "Kế hoạch" */
	struct rx_list title_patterns;
	char *symbol;  /* folded, e.g. "kh"; may be NULL */
};

/*
 * What an evidence requirement needs, in concepts of the lexicon: every
 * group of `all` (one concept of it is enough) in the document's title
 * block or issuer lines (`opening` of them may be in its opening paragraph
 * instead), and no concept of `none` in its title block.
 */
struct rb_concepts {
	uint64_t *all;      /* nall sets of lexicon.nwords words */
	size_t nall;
	uint64_t *none;     /* one set; NULL if none */
	unsigned opening;
};

struct rb_evidence {
	char *id, *title;
	struct rb_concepts concepts;
	size_t *types;          /* indexes into rubric.doctypes */
	size_t ntypes;
	struct rx_list issuers, title_patterns, content_patterns,
		filename_patterns, folders;
	bool has_year;
	int year_from, year_to; /* relative to the assessed year */
	unsigned min_count;
	bool optional;
	size_t idx;             /* 0..rubric.nevidence_all-1, in file order */
};

struct rb_threshold {
	bool set;
	enum rb_op op;
	bool has_level[RUBRIC_MAX_LEVEL + 1];
	double level[RUBRIC_MAX_LEVEL + 1];
	bool has_value;
	double value;
};

struct rb_score_step {
	double min;    /* figure value from which these points are given */
	double points;
};

struct rb_figure {
	char *name, *title, *unit;
	struct rx_list patterns;
	/* or read from a table: the column whose header matches, in the row
	 * whose first cells match (default: the total row) */
	struct rx_list table_columns, table_rows;
	struct rb_threshold threshold, difficult_area;
	struct rb_score_step *steps;
	size_t nsteps;
	struct rb_provenance prov;
	size_t idx;             /* 0..rubric.nfigures_all-1, in file order */
};

struct rb_partial {
	double points;
	char *when;
};

struct rb_indicator {
	char *id, *title;
	struct rb_provenance prov;
	char *requirement[RUBRIC_MAX_LEVEL + 1]; /* NULL: not at that level */
	double points_max;
	struct rb_partial *scores;
	size_t nscores;
	struct rb_evidence *evidence;
	size_t nevidence;
	struct rb_figure *figures;
	size_t nfigures;
};

struct rb_criterion {
	char *id, *title;
	double points_max;
	struct rb_indicator *indicators;
	size_t nindicators;
};

struct rb_band {
	char *name;
	double min;
};

struct rubric {
	char *path;
	const struct lexicon *lex; /* shared (lexicon_get); NULL: no concepts */
	char sha256[65];        /* of the rubric's JSON text */
	char *id, *version, *title;
	struct {
		char *number, *title, *signed_on, *effective_from,
			*effective_until, *source;
		struct rx_list cite_patterns;
	} regulation;
	char **supersedes;
	size_t nsupersedes;
	enum rubric_kind kind;
	int levels[RUBRIC_MAX_LEVEL];
	char *level_titles[RUBRIC_MAX_LEVEL];
	size_t nlevels;
	double points_max;
	struct rb_band *bands;
	size_t nbands;
	struct rb_provenance scoring_prov;
	struct rx_list detect_level, detect_year, detect_commune;
	/* a claim of this rubric's kind: "mức độ 2", "xếp loại Tốt" (choose.c) */
	struct rx_list detect_claim;
	struct rb_doctype *doctypes;
	size_t ndoctypes;
	struct rb_evidence *dossier;
	size_t ndossier;
	struct rb_criterion *criteria;
	size_t ncriteria;
	/* figures that must agree across documents (HS503) */
	struct rb_figure *consistency;
	size_t nconsistency;
	/* evidence requirements (dossier's, then indicators') and figures
	 * (indicators', then consistency) counted: their idx */
	size_t nevidence_all, nfigures_all;
};

/*
 * Loads the rubric at path. Returns NULL and writes "<json path>: <what>"
 * into err on any fault. Caller frees with rubric_free().
 */
struct rubric *rubric_load(const char *path, char *err, size_t errlen);
/* Same, from a JSON text already in memory (name is used in messages). */
struct rubric *rubric_parse(const char *json, const char *name, char *err,
			    size_t errlen);
void rubric_free(struct rubric *r);

/* The folder of the built-in rubrics (HOSO_RUBRIC_DIR, else the build's). */
const char *rubric_dir(void);

/* Highest level of a levels rubric (0 for points). */
int rubric_top_level(const struct rubric *r);

/* Compares v with t at level (or t's single value); false if t is unset. */
bool rb_threshold_ok(const struct rb_threshold *t, int level, double v,
		     double *limit);
const char *rb_op_name(enum rb_op op);

#endif
