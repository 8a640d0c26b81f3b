/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * docmeta.c: the administrative header of a document, read from its first
 * lines (see docmeta.h). Patterns run over folded text and quote back the
 * original through vntext_fold's map.
 */
#include "docmeta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rx.h"
#include "vntext.h"

/* Header patterns: "Số: 45/KH-UBND", Party style "Số 07-NQ/ĐU", dates. */
static const char *const number_patterns[] = {
	"\\bso ?:? ?(([0-9]{0,6}) ?/ ?([a-z]{1,6})-[a-z0-9&.-]{1,20})",
	"\\bso ?:? ?(([0-9]{1,6})-([a-z]{1,6})/[a-z0-9&.-]{1,20})",
};
static const char date_pattern[] =
	"ngay ?([0-9]{1,2}) ?thang ?([0-9]{1,2}) ?nam ?((?:19|20)[0-9]{2})";
static const char blank_date_pattern[] = "ngay +thang +nam ((?:19|20)[0-9]{2})";

static char *fold_copy(const char *s, size_t len, size_t **map)
{
	struct hs_buf k = HS_BUF_INIT;

	vntext_fold(s, len, &k, map);
	return hs_buf_detach(&k, NULL);
}

static char *dup_trim(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return hs_strndup(s, len);
}

void docmeta_rx_init(struct docmeta_rx *rx)
{
	char err[200];

	/* Fixed patterns: a failure here is a bug, not a user error. */
	for (size_t k = 0; k < ARRAY_SIZE(number_patterns); k++)
		if (!rx_compile(&rx->number[k], number_patterns[k], err, sizeof(err)))
			hs_die("internal pattern: %s", err);
	if (!rx_compile(&rx->date, date_pattern, err, sizeof(err)) ||
	    !rx_compile(&rx->blank_date, blank_date_pattern, err, sizeof(err)))
		hs_die("internal pattern: %s", err);
}

void docmeta_rx_release(struct docmeta_rx *rx)
{
	rx_release(&rx->number[0]);
	rx_release(&rx->number[1]);
	rx_release(&rx->date);
	rx_release(&rx->blank_date);
}

void docmeta_read(struct docmeta *m, const struct docmeta_rx *rx,
		  const struct doc *d, const char *path)
{
	const char *t = d->text.ptr;
	size_t len = d->text.len, head_end = 0, chars = 0, *map = NULL;
	char *raw_head, *slash;
	size_t ov[8];

	memset(m, 0, sizeof(*m));
	m->type = -1;
	m->folded = fold_copy(t, len, NULL);
	m->folded_len = strlen(m->folded);
	/* The head: first DOCMETA_HEAD_CHARS characters of the text. */
	while (head_end < len && chars < DOCMETA_HEAD_CHARS * 2) {
		head_end++;
		while (head_end < len && ((unsigned char)t[head_end] & 0xC0) == 0x80)
			head_end++;
		chars++;
	}
	raw_head = hs_strndup(t, head_end);
	m->head = fold_copy(raw_head, head_end, &map);
	m->head_len = strlen(m->head);
	if (m->head_len > DOCMETA_HEAD_CHARS) {
		size_t cut = DOCMETA_HEAD_CHARS;

		while (cut > 0 && ((unsigned char)m->head[cut] & 0xC0) == 0x80)
			cut--;
		m->head_len = cut;
		m->head[m->head_len] = '\0';
	}
	m->path = vntext_fold_str(path);
	slash = strrchr(m->path, '/');
	m->dir = slash ? hs_strndup(m->path, (size_t)(slash - m->path))
		       : hs_strdup("");
	/* First lines, each cell of a header table on the same line. */
	for (size_t i = 0; i < len && m->nlines < DOCMETA_LINES;) {
		size_t e = i;

		while (e < len && t[e] != '\n')
			e++;
		if (e > i) {
			char *line = dup_trim(t + i, e - i);

			if (*line) {
				m->lines[m->nlines] = line;
				m->flines[m->nlines] = vntext_fold_str(line);
				m->nlines++;
			} else {
				free(line);
			}
		}
		i = e + 1;
	}
	if (m->nlines) {
		const char *l = m->lines[0];
		const char *tab = strchr(l, '\t');

		m->issuer = dup_trim(l, tab ? (size_t)(tab - l) : strlen(l));
	}
	/* Number and symbol, quoted from the original text. */
	for (size_t k = 0; k < ARRAY_SIZE(rx->number) && !m->number; k++) {
		if (rx_match(&rx->number[k], m->head, m->head_len, ov, 4) >= 4 &&
		    ov[2] != (size_t)-1) {
			m->number = dup_trim(raw_head + map[ov[2]],
					     map[ov[3]] - map[ov[2]]);
			m->number_blank = ov[4] == ov[5];
			m->symbol = hs_strndup(m->head + ov[6], ov[7] - ov[6]);
		}
	}
	if (rx_match(&rx->date, m->head, m->head_len, ov, 4) == 4) {
		int day = atoi(m->head + ov[2]), mon = atoi(m->head + ov[4]);

		if (day >= 1 && day <= 31 && mon >= 1 && mon <= 12) {
			m->day = day;
			m->month = mon;
			m->year = atoi(m->head + ov[6]);
		}
	}
	/* "ngày   tháng   năm 2024": a draft, but the year is known */
	if (!m->year && rx_match(&rx->blank_date, m->head, m->head_len, ov, 2) == 2)
		m->year = atoi(m->head + ov[2]);
	m->raw_head = raw_head;
	m->head_map = map;
}

char *docmeta_quote_head(const struct docmeta *m, size_t start, size_t end)
{
	size_t a, b;

	if (!m->head_map || start > end || end > m->head_len)
		return hs_strdup("");
	a = m->head_map[start];
	b = m->head_map[end];
	while (b > a && (m->raw_head[b - 1] == ' ' || m->raw_head[b - 1] == '\n' ||
			 m->raw_head[b - 1] == '\t'))
		b--;
	return hs_strndup(m->raw_head + a, b > a ? b - a : 0);
}

void docmeta_release(struct docmeta *m)
{
	free(m->folded);
	free(m->head);
	free(m->raw_head);
	free(m->head_map);
	free(m->path);
	free(m->dir);
	for (size_t i = 0; i < m->nlines; i++) {
		free(m->lines[i]);
		free(m->flines[i]);
	}
	free(m->number);
	free(m->symbol);
	free(m->issuer);
	free(m->title);
	memset(m, 0, sizeof(*m));
}

const char *docmeta_date(const struct docmeta *m, char out[16])
{
	if (m->year && m->month && m->day) {
		snprintf(out, 16, "%04d-%02d-%02d", m->year % 10000, m->month % 100,
			 m->day % 100);
		return out;
	}
	if (m->year) {
		snprintf(out, 16, "%04d", m->year % 10000);
		return out;
	}
	return NULL;
}

bool docmeta_parse_number(const char *s, size_t len, double *out)
{
	char buf[64];
	size_t n = 0, dots = 0, commas = 0, last_dot = 0;

	if (!len || len >= sizeof(buf))
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '.') {
			dots++;
			last_dot = i;
		} else if (s[i] == ',') {
			commas++;
		} else if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	if (commas > 1 || s[0] == '.' || s[0] == ',')
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '.') {
			/* "64.1" alone is a decimal; "1.250" groups thousands */
			if (!(dots == 1 && !commas && len - last_dot - 1 <= 2))
				continue;
			buf[n++] = '.';
		} else if (s[i] == ',') {
			buf[n++] = '.';
		} else {
			buf[n++] = s[i];
		}
	}
	buf[n] = '\0';
	*out = strtod(buf, NULL);
	return n > 0;
}
