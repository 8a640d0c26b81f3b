/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * messages.h: the message catalogue (messages.def) behind every rendering
 * of the verdict and `hoso explain`: Vietnamese (the default) and English.
 * Strings are static; nothing to free.
 */
#ifndef HOSO_MESSAGES_H
#define HOSO_MESSAGES_H

#include "buf.h"
#include "codes.h"

enum hs_lang {
	HS_LANG_VI,
	HS_LANG_EN,
};

enum msg_key {
#define MSG(key, vi, en) key,
#include "messages.def"
	MSG_COUNT
};

/* Appends the message formatted with the arguments (its %d/%s as the catalogue says). */
void msgf(struct hs_buf *b, enum msg_key key, enum hs_lang lang, ...);

/* A finding code in one language; fields are NULL when the catalogue lacks them. */
struct code_msg {
	const char *title;
	const char *why;
	const char *fix;
};

/* "vi" or "en" (also "vi-VN", "en-US"); false for anything else. */
bool msg_lang_parse(const char *s, enum hs_lang *out);
const char *msg_lang_tag(enum hs_lang lang); /* "vi", "en" */

const char *msg(enum msg_key key, enum hs_lang lang);
/*
 * Did hoso write s (its first n bytes)? A report (text or HTML, either
 * language: its heading), a batch summary (heading or CSV header), a JSON
 * verdict or extract, a SARIF log. With head_only, the heading must start
 * the text (extracted text); else it may be anywhere in it (raw bytes: an
 * HTML report has it in its <title>).
 */
bool msg_hoso_wrote(const char *s, size_t n, bool head_only);

/* The language of the program's own warnings on stderr (--lang). */
void msg_set_ui_lang(enum hs_lang lang);
enum hs_lang msg_ui_lang(void);
/* The code's texts in lang; title/why/fix NULL when missing from the catalogue. */
struct code_msg msg_code(enum hs_code code, enum hs_lang lang);

/*
 * Statuses and severities by their verdict names ("met", "no_text",
 * "warning"); an unknown name gives MSG_ST_UNKNOWN's text.
 */
const char *msg_status(const char *name, enum hs_lang lang);
const char *msg_doc_status(const char *name, enum hs_lang lang);
const char *msg_severity(const char *name, enum hs_lang lang);

#endif
