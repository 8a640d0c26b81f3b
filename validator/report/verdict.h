/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * verdict.h: the assessment as the verdict (hoso-verdict/1): every finding
 * of the run in one list (reading, then assessment), with the user's
 * severity overrides applied and recorded, and its renderings.
 * Call order: verdict_init(&v, &assessment, reason); verdict_config(...)
 * for each config source; verdict_finish(&v); verdict_json(&v);
 * verdict_release(&v). Renderings for people and tools read the JSON
 * (report/render.h).
 */
#ifndef HOSO_VERDICT_H
#define HOSO_VERDICT_H

#include <stdio.h>

#include "understand/assess.h"

struct verdict_override {
	char code[8];
	char severity[8];   /* "error", "warning", "info" or "off" */
	char source[256];   /* the config file it came from */
	char reason[512];   /* why, as the config says; "" when it does not */
	size_t count;       /* findings it changed */
};

struct verdict {
	const struct assessment *a;
	const char *rubric_reason;     /* HS602's reason, or NULL */
	struct findings all;           /* merged, overridden */
	const struct findings *findings; /* == &all */
	struct verdict_override *overrides;
	size_t noverrides;
	size_t silenced;
};

void verdict_init(struct verdict *v, const struct assessment *a,
		  const char *rubric_reason);
/*
 * Reads a config file ({"codes": {"HS302": "off", "HS205": "info"}}, or
 * with the reviewer's reason: {"codes": {"HS302": {"severity": "off",
 * "reason": "đã xem bản gốc có dấu"}}}).
 * Returns false and writes the fault into err when it is malformed.
 */
bool verdict_config(struct verdict *v, const char *path, char *err,
		    size_t errlen);
/* Merges the findings and applies the overrides. */
void verdict_finish(struct verdict *v);
void verdict_release(struct verdict *v);

/* JSON of the verdict; caller frees. */
char *verdict_json(const struct verdict *v);
/* The same bytes, written to f a part at a time (memory flat in the
 * number of documents). 0, or -1 when f reports a write error. */
int verdict_json_write(const struct verdict *v, FILE *f);
/* Worst severity of the findings, -1 when there are none. */
int verdict_worst(const struct verdict *v);

#endif
