/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * assess.h: a dossier against a rubric, the way a reviewer reads it.
 *
 * match.c: every document's header (docmeta) and type; what the dossier
 * says of itself (commune, year, claimed level); each evidence requirement
 * <- the documents that satisfy it, with a confidence and the reasons; the
 * figures each indicator needs. score.c: each indicator's status, the level
 * reached or the points and classification, and the findings (HS301...).
 * Call order:
 *   1) assess_init(&a, rubric, dossier, &opts)
 *   2) assess_match(&a); 3) assess_score(&a, all_rubrics, n) (for HS601)
 *   4) read a (report/verdict_json.c); assess_release(&a)
 */
#ifndef HOSO_ASSESS_H
#define HOSO_ASSESS_H

#include "base/buf.h"
#include "docmeta.h"
#include "read/dossier.h"
#include "rubric.h"

enum ind_status {
	IND_MET,
	IND_NOT_MET,          /* evidence says the threshold is not reached */
	IND_MISSING_EVIDENCE, /* nothing found to show it */
	IND_NEEDS_REVIEW,     /* found, but not machine-verifiable */
};
const char *ind_status_name(enum ind_status st);

struct ev_match {
	size_t doc;         /* index into dossier.docs */
	bool by_content;    /* false: by file name (or folder) only */
	double confidence;  /* 0..1 */
	char **reasons;     /* Vietnamese, for people; owned */
	size_t nreasons;
	bool out_of_window; /* dated outside the year window (HS303) */
};

enum ev_state {
	EV_MISSING,
	EV_NAME_ONLY,
	EV_CONTENT,
};

/* The matches a requirement keeps and lists: the best ones. A dossier
 * of thousands of documents matches some requirements by the hundred;
 * the count of all of them stays (total), the list does not grow. */
#define EV_LIST_MAX 50

/* One document that matched a requirement, listed or not. */
struct ev_doc {
	size_t doc;
	bool by_content;
	bool out_of_window;
};

struct ev_result {
	const struct rb_evidence *req;
	struct ev_match *m; /* best first, at most EV_LIST_MAX */
	size_t n;
	size_t total;       /* documents that matched, listed or not */
	struct ev_doc *docs; /* all of them, best first (total) ... */
	size_t ncontent;    /* ... the first ncontent matched by content */
	size_t in_window;   /* of them, by content and dated in the period */
	enum ev_state state;
};

/* The indicators whose evidence a document is (indexes into ind). */
struct doc_inds {
	size_t *v;
	size_t n;
};

struct fig_result {
	const struct rb_figure *fig;
	bool found;
	double value;
	size_t doc;
	char *quote;        /* the text the value was read from */
	char *sheet, *cell; /* where, when read from a table */
};

struct ind_result {
	const struct rb_criterion *cr;
	const struct rb_indicator *ind;
	struct ev_result *ev;
	size_t nev;
	struct fig_result *fig;
	size_t nfig;
	enum ind_status at[RUBRIC_MAX_LEVEL + 1]; /* levels: status per level */
	enum ind_status status; /* the one reported */
	double points;      /* points rubrics */
	char *why;          /* one line, Vietnamese */
	/*
	 * The same if every doubt were confirmed (see ind_doubts): evidence
	 * matched by name only or dated outside the period taken as good, a
	 * figure not read taken as meeting its threshold and its top step.
	 * What was read stays as read: a figure under its threshold is not
	 * met however the rest is confirmed.
	 */
	enum ind_status at_confirmed[RUBRIC_MAX_LEVEL + 1];
	enum ind_status status_confirmed;
	double points_confirmed;
	bool pending;       /* needs_review at a level it applies at (points: its status) */
	bool needed;        /* confirming it is part of what *_if_confirmed adds */
};

/*
 * What makes a pending indicator doubtful, one requirement or figure each:
 * evidence matched by file name only (DOUBT_NAME_ONLY), matched by content
 * but dated outside the period (DOUBT_OUT_OF_PERIOD), a figure the
 * threshold or the points need that was not read (DOUBT_FIGURE).
 */
enum doubt_kind {
	DOUBT_NAME_ONLY,
	DOUBT_OUT_OF_PERIOD,
	DOUBT_FIGURE,
};
const char *doubt_kind_name(enum doubt_kind k);

struct ind_doubt {
	enum doubt_kind kind;
	const struct ev_result *ev;   /* the requirement (evidence doubts) */
	const struct fig_result *fig; /* the figure (DOUBT_FIGURE) */
};

/*
 * What a figure's patterns (and table) gave in one document, read once
 * from the whole text (assess_init). Strings owned; NULL when not found.
 */
struct fig_seen {
	size_t idx;          /* rb_figure.idx */
	bool found;          /* the first pattern whose group is a number */
	double value;
	char *quote;         /* folded text of the whole match */
	bool found_result;   /* the first not in a target context ("phấn đấu") */
	double value_result;
	char *quote_result;  /* may be quote itself (shared) */
	bool in_table;       /* table_columns/rows: the cell (see match.c) */
	double table_value;
	char *table_quote, *table_sheet, *table_cell;
};

/*
 * The facts of one document that need its whole text or tables: the
 * matching and the checks read these, so the text itself is read once,
 * one document at a time, and not kept (dossier_doc_get).
 */
struct ev_quote {
	size_t idx;          /* rb_evidence.idx whose content matched */
	char *title, *issuer; /* what of the head matched, as written */
	bool by_concepts;    /* the concepts matched (else a title pattern) */
};

/* Where a document's concepts were found (doc_facts.cset). */
enum { CZ_TITLE, CZ_ISSUER, CZ_OPENING, CZ_N };

/* What a document gives an evidence requirement (doc_facts.content). */
#define EV_BY_CONTENT 1u /* type, title and every content pattern */
#define EV_BY_NAME 2u    /* a file-name pattern */
#define EV_BY_FOLDER 4u  /* a folder pattern */

struct doc_facts {
	bool has_text;       /* text, read in full or up to a limit */
	unsigned char *content; /* by rb_evidence.idx: EV_BY_* bits */
	struct ev_quote *quotes; /* for each content match */
	size_t nquotes;
	/* the title block (type line and title lines), as written and
	 * shortened; NULL when the document has no text */
	char *title_block;
	/* the lexicon's concepts found in the title block, the issuer lines
	 * and the opening paragraph: CZ_N sets of lexicon.nwords words */
	uint64_t *cset;
	/* without text: the type its file name says ("BC_...", "Kế hoạch
	 * ..."), an index into the rubric's document types, or -1 */
	long name_type;
	char *detect[3];     /* commune, year, level: the first capture */
	struct fig_seen *figs;  /* only the figures found, by idx */
	size_t nfigs;
};

/* What figure idx gave in df: its entry, or an empty one (not found). */
const struct fig_seen *doc_fig(const struct doc_facts *df, size_t idx);

/*
 * Today as yyyymmdd (UTC), from SOURCE_DATE_EPOCH when it is set: what
 * "dated in the future" (HS404) is judged against, so it is part of what
 * decides a verdict.
 */
long assess_today(void);
/* The document's type (an index into r's document types, -1 if none) and
 * title, from its type line ("KẾ HOẠCH", "QUYẾT ĐỊNH") or the abbreviation
 * in its number; m was read by docmeta_read. */
void assess_doc_type(const struct rubric *r, struct docmeta *m);

/* Is folded[at] in a target or threshold ("phấn đấu 60%", "ít nhất")? */
bool assess_target_context(const char *folded, size_t at);

struct assess_options {
	int year;            /* 0: detect */
	const char *year_source; /* where year came from (NULL: "--year") */
	int level;           /* 0: detect */
	bool difficult_area;
};

struct assessment {
	const struct rubric *rubric;
	const struct dossier *dx;
	struct assess_options opt;
	struct docmeta_rx mrx;
	struct docmeta *meta;     /* one per document (header only) */
	struct doc_facts *facts;  /* one per document */
	struct doc_inds *inds;    /* one per document */
	struct ev_result *dossier_ev;
	size_t ndossier_ev;
	struct ind_result *ind;
	size_t nind;
	/* detected (or given) facts of the dossier */
	char *commune;
	int year;
	const char *year_source;  /* "--year", a path, or "documents' dates" */
	int level_claimed;        /* 0 unknown */
	char *level_source;
	/* result */
	int level_reached;        /* levels rubrics */
	int level_assessed;       /* the level statuses are reported against */
	double points, points_max;
	const char *classification;
	/* the same if every pending indicator's doubts were confirmed
	 * (ind_result.at_confirmed); meaningful only when npending > 0 */
	size_t npending;          /* indicators pending (ind_result.pending) */
	int level_if_confirmed;   /* levels rubrics; >= level_reached */
	double points_if_confirmed; /* points rubrics; >= points */
	const char *classification_if_confirmed;
	bool depends_unconfirmed;
	char *summary;            /* one line, Vietnamese */
	struct findings findings; /* HS3xx, HS5xx, HS6xx of this stage */
	struct rubric *const *all; /* every rubric loaded (HS601) */
	size_t nall;
};

void assess_init(struct assessment *a, const struct rubric *r,
		 const struct dossier *dx, const struct assess_options *opt);
void assess_match(struct assessment *a);
void assess_score(struct assessment *a, struct rubric *const *all, size_t nall);
void assess_release(struct assessment *a);

/*
 * The doubts of a pending indicator into out (room for ir->nev + ir->nfig);
 * returns how many. None for an indicator that is not pending.
 */
size_t ind_doubts(const struct assessment *a, const struct ind_result *ir,
		  struct ind_doubt *out);
/*
 * The documents a person looks at to settle d, best first, each once:
 * for evidence, the matches that did not settle the requirement; for a
 * figure, the indicator's evidence (where it is looked for first). Fills
 * up to max indexes into dossier.docs and returns how many there are in
 * all (may exceed max).
 */
size_t doubt_docs(const struct assessment *a, const struct ind_result *ir,
		  const struct ind_doubt *d, size_t *out, size_t max);
/* Why a pending indicator is doubtful, in Vietnamese, appended to b. */
void ind_doubt_words(const struct assessment *a, const struct ind_result *ir,
		     struct hs_buf *b);

/* The threshold of a figure for this dossier (--difficult-area aware). */
const struct rb_threshold *threshold_for(const struct assessment *a,
					 const struct rb_figure *f);
/* Does t set a limit at level (0: a points rubric's single value)? */
bool threshold_applies(const struct rb_threshold *t, int level);

/*
 * choose.c: the rubric a dossier is judged under when no --rubric is
 * given. Signals, by weight (a higher one always wins): 3 the evaluation
 * year (--year, else the year the claiming documents state, else the year
 * most documents are dated in) keeps the rubrics in force for it; 2 the
 * kind of result claimed (detect.claim: a level or points) keeps those of
 * that kind; 1 citations (cite_patterns) break a tie. Then the one in
 * force when the dossier is filed, else the newest.
 * Call order: choose_rubric(&c, ...); choose_report(&c, ...) (HS602);
 * choose_release(&c).
 */
enum choice_year_from {
	CHOICE_YEAR_NONE,
	CHOICE_YEAR_CLI,     /* --year */
	CHOICE_YEAR_CLAIM,   /* stated by the documents that make the claim */
	CHOICE_YEAR_DATES,   /* the year most documents are dated in */
	CHOICE_YEAR_MENTION, /* stated by any document */
};
const char *choice_year_from_name(enum choice_year_from f);

struct rubric_choice {
	size_t chosen;            /* index into the rubrics */
	const char *decided_by;   /* "year", "claim", "citations", "default" */
	bool newest;              /* default: the newest regulation */
	char why[512];            /* one line, Vietnamese (chosen_because) */
	int year;                 /* 0: unknown */
	enum choice_year_from year_from;
	size_t year_doc;          /* the document that states it, or SIZE_MAX */
	unsigned year_count;      /* documents that state it or are dated in it */
	bool *in_force;           /* per rubric: in force for the year */
	size_t nin_force;
	bool has_claim;           /* one kind claimed by more documents */
	enum rubric_kind claim;
	unsigned claims[2];       /* documents claiming a level, points */
	size_t claim_doc[2];      /* the first of each, or SIZE_MAX */
	size_t *cites;            /* per rubric: documents citing it */
	size_t nrubrics;
};

void choose_rubric(struct rubric_choice *c, struct rubric *const *rubrics,
		   size_t n, const struct dossier *dx, int year);
/* HS602 into out: every signal with its weight and value. */
void choose_report(const struct rubric_choice *c, struct rubric *const *rubrics,
		   const struct dossier *dx, struct findings *out);
void choose_release(struct rubric_choice *c);

#endif
