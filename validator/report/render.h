/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render.h: the renderings people and tools read (terminal text, HTML,
 * SARIF 2.1.0, the district summary), made from the verdict JSON alone
 * (hoso-verdict/1), so `hoso render saved.json` and `hoso check` give the
 * same report. A verdict read from a file is first checked against
 * verdict.schema.json (built in); even so every field's type is checked
 * again as it is read: a verdict no one checked gives a poorer report,
 * never a crash.
 * Texts come from the message catalogue (messages.def).
 */
#ifndef HOSO_RENDER_H
#define HOSO_RENDER_H

#include "base/messages.h"

enum render_format {
	RENDER_TEXT,
	RENDER_HTML,
	RENDER_SARIF,
};

struct render_options {
	enum hs_lang lang;
	bool color; /* ANSI colours in text (a terminal, NO_COLOR unset) */
	bool check; /* validate against verdict.schema.json first (a verdict
		     * read from a file: `hoso render`) */
};

/* "text", "html", "sarif"; false for anything else. */
bool render_format_parse(const char *s, enum render_format *out);

/*
 * Renders the verdict JSON. Returns the output (caller frees), or NULL
 * and a reason in err when json is not a hoso verdict: not JSON (the line
 * and column where it stops), no "schema": "hoso-verdict/1", or, with
 * o->check, not valid against verdict.schema.json (the JSON path of the
 * first fault).
 */
char *render_verdict(const char *json, enum render_format fmt,
		     const struct render_options *o, char *err, size_t errlen);

/* One dossier of a batch: its verdict JSON (NULL if none) and its report. */
struct summary_item {
	const char *input;   /* as given on the command line */
	const char *verdict; /* verdict JSON text, or NULL */
	const char *report;  /* link to its report, relative to the summary */
};

/*
 * What the summary reads of a verdict (schema, dossier, rubric, result
 * with only the id and needed of each to_confirm item, each indicator's
 * status, each finding's severity), as JSON text: a batch of hundreds of
 * dossiers keeps these, not their whole verdicts. NULL when verdict is not
 * JSON. Caller frees.
 */
char *summary_keep(const char *verdict);
/* summary.csv (UTF-8 with BOM, for spreadsheets) and summary.html; caller frees. */
char *summary_csv(const struct summary_item *items, size_t n,
		  enum hs_lang lang);
char *summary_html(const struct summary_item *items, size_t n,
		   enum hs_lang lang);

#endif
