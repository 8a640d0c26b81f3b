/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * codes.c: the code table behind findings and `hoso explain`.
 */
#include "codes.h"

#include <stdlib.h>
#include <string.h>

static const struct hs_code_info table[] = {
#define HS_CODE(name, sev, title, fix) {name, #name, HS_SEV_##sev, title, fix},
#include "codes.def"
#undef HS_CODE
};

const struct hs_code_info *hs_code_info(enum hs_code code)
{
	return &table[(size_t)code < ARRAY_SIZE(table) ? code : 0];
}

static int cmp_name(const void *key, const void *elem)
{
	const struct hs_code_info *info = elem;
	return strcmp(key, info->name);
}

const struct hs_code_info *hs_code_find(const char *name)
{
	return bsearch(name, table, ARRAY_SIZE(table), sizeof(table[0]),
		       cmp_name);
}

const char *hs_severity_name(enum hs_severity sev)
{
	switch (sev) {
	case HS_SEV_INFO:
		return "info";
	case HS_SEV_WARNING:
		return "warning";
	case HS_SEV_ERROR:
		return "error";
	}
	return "error";
}
