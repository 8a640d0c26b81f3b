/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * messages.c: the tables of messages.def. A code missing from the
 * catalogue is a zeroed slot (tests/test_render.c fails on it).
 */
#include "messages.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"

struct code_entry {
	const char *name, *vi_title, *vi_why, *vi_fix, *en_why;
};

/*
 * By name, not by enum: a message may be written before its code lands in
 * codes.def; a code of codes.def without a message is what the test catches.
 */
static const struct code_entry codes[] = {
#define MSG_CODE(code, vt, vw, vf, ew) {#code, vt, vw, vf, ew},
#include "messages.def"
};

static const char *const texts[MSG_COUNT][2] = {
#define MSG(key, vi, en) [key] = {vi, en},
#include "messages.def"
};

bool msg_lang_parse(const char *s, enum hs_lang *out)
{
	if (!strncmp(s, "vi", 2) && (!s[2] || s[2] == '-' || s[2] == '_')) {
		*out = HS_LANG_VI;
		return true;
	}
	if (!strncmp(s, "en", 2) && (!s[2] || s[2] == '-' || s[2] == '_')) {
		*out = HS_LANG_EN;
		return true;
	}
	return false;
}

const char *msg_lang_tag(enum hs_lang lang)
{
	return lang == HS_LANG_EN ? "en" : "vi";
}

const char *msg(enum msg_key key, enum hs_lang lang)
{
	if ((unsigned)key >= MSG_COUNT)
		return "";
	return texts[key][lang == HS_LANG_EN];
}

struct code_msg msg_code(enum hs_code code, enum hs_lang lang)
{
	struct code_msg m = {NULL, NULL, NULL};
	const struct code_entry *e = NULL;
	const struct hs_code_info *ci;

	if ((unsigned)code >= HS_CODE_COUNT)
		return m;
	ci = hs_code_info(code);
	for (size_t i = 0; i < ARRAY_SIZE(codes) && !e; i++)
		if (!strcmp(codes[i].name, ci->name))
			e = &codes[i];
	if (!e)
		return m;
	if (lang == HS_LANG_EN) {
		m.title = ci->title;
		m.why = e->en_why;
		m.fix = ci->fix;
	} else {
		m.title = e->vi_title;
		m.why = e->vi_why;
		m.fix = e->vi_fix;
	}
	return m;
}

struct name_key {
	const char *name;
	enum msg_key key;
};

static const char *by_name(const struct name_key *t, size_t n,
			   const char *name, enum hs_lang lang)
{
	for (size_t i = 0; name && i < n; i++)
		if (!strcmp(t[i].name, name))
			return msg(t[i].key, lang);
	return msg(MSG_ST_UNKNOWN, lang);
}

const char *msg_status(const char *name, enum hs_lang lang)
{
	static const struct name_key t[] = {
		{"met", MSG_ST_MET},
		{"not_met", MSG_ST_NOT_MET},
		{"missing_evidence", MSG_ST_MISSING},
		{"needs_review", MSG_ST_REVIEW},
	};

	return by_name(t, ARRAY_SIZE(t), name, lang);
}

const char *msg_doc_status(const char *name, enum hs_lang lang)
{
	static const struct name_key t[] = {
		{"ok", MSG_DOC_OK},
		{"no_text", MSG_DOC_NO_TEXT},
		{"encrypted", MSG_DOC_ENCRYPTED},
		{"unreadable", MSG_DOC_UNREADABLE},
		{"unsupported", MSG_DOC_UNSUPPORTED},
		{"limit_exceeded", MSG_DOC_LIMIT},
		{"ocr", MSG_DOC_OCR},
	};

	return by_name(t, ARRAY_SIZE(t), name, lang);
}

/* Does needle occur in the first n bytes of hay (len of them)? */
static bool within(const char *hay, size_t len, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	if (len > n)
		len = n;
	for (size_t i = 0; i + k <= len; i++)
		if (!memcmp(hay + i, needle, k))
			return true;
	return false;
}

bool msg_hoso_wrote(const char *s, size_t n, bool head_only)
{
	if (!s)
		return false;
	while (n && (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')) {
		s++;
		n--;
	}
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3;
		n -= 3;
	}
	for (int l = HS_LANG_VI; l <= HS_LANG_EN; l++) {
		const char *h[] = {msg(MSG_H_REPORT, (enum hs_lang)l),
				   msg(MSG_H_SUMMARY, (enum hs_lang)l)};

		for (size_t k = 0; k < 2; k++)
			if (head_only ? n >= strlen(h[k]) && !memcmp(s, h[k], strlen(h[k]))
				      : within(s, n, 4096, h[k]))
				return true;
	}
	return within(s, n, 300, "\"hoso-verdict/") ||
	       within(s, n, 300, "\"hoso-extract/") ||
	       (within(s, n, 300, "sarif-2.1.0") && within(s, n, 1000, "\"hoso\"")) ||
	       within(s, n, 40, "don_vi,nam,ket_qua,loi,canh_bao,") ||
	       within(s, n, 40, "commune,year,result,errors,warnings,");
}

static enum hs_lang ui_lang = HS_LANG_VI;

void msg_set_ui_lang(enum hs_lang lang)
{
	ui_lang = lang;
}

enum hs_lang msg_ui_lang(void)
{
	return ui_lang;
}

const char *msg_severity(const char *name, enum hs_lang lang)
{
	static const struct name_key t[] = {
		{"error", MSG_SEV_ERROR},
		{"warning", MSG_SEV_WARNING},
		{"info", MSG_SEV_INFO},
		{"off", MSG_SEV_OFF},
	};

	return by_name(t, ARRAY_SIZE(t), name, lang);
}

/* The catalogue's formats are literals of messages.def, checked by the tests. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void msgf(struct hs_buf *b, enum msg_key key, enum hs_lang lang, ...)
{
	va_list ap;
	char tmp[1024];

	va_start(ap, lang);
	vsnprintf(tmp, sizeof(tmp), msg(key, lang), ap);
	va_end(ap);
	hs_buf_adds(b, tmp);
}
#pragma GCC diagnostic pop
