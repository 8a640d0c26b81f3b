/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * codes.h: finding codes and severities, generated from codes.def.
 */
#ifndef HOSO_CODES_H
#define HOSO_CODES_H

#include "hs.h"

enum hs_severity {
	HS_SEV_INFO,
	HS_SEV_WARNING,
	HS_SEV_ERROR,
};

enum hs_code {
#define HS_CODE(name, sev, title, fix) name,
#include "codes.def"
#undef HS_CODE
	HS_CODE_COUNT
};

struct hs_code_info {
	enum hs_code code;
	const char *name;     /* "HS101" */
	enum hs_severity severity;
	const char *title;    /* English one-line meaning */
	const char *fix;      /* English: how to fix */
};

/* Never NULL for a valid code. */
const struct hs_code_info *hs_code_info(enum hs_code code);
/* Looks a code up by name ("HS101"); NULL if there is none. */
const struct hs_code_info *hs_code_find(const char *name);
const char *hs_severity_name(enum hs_severity sev);

#endif
