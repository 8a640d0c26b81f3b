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

#include <utf8proc.h>

#include "rx.h"
#include "vntext.h"

/* Header patterns: "Số: 45/KH-UBND", Party style "Số 07-NQ/ĐU", dates. */
/* Group 1 the whole, 2 the number (empty or dots when left blank), 3 the
 * type: "45/KH-UBND", "12/2024/QĐ-UBND", "....../KH-UBND", "07-NQ/ĐU". */
static const char *const number_patterns[] = {
	"\\bso ?:? ?(([0-9]{1,6}|[._\u2026 ]*)(?: ?/ ?(?:19|20)[0-9]{2})? ?/ ?"
	"([a-z]{1,6})-[a-z0-9&.-]{1,20})",
	"\\bso ?:? ?(([0-9]{1,6}|[._\u2026 ]*)-([a-z]{1,6})/[a-z0-9&.-]{1,20})",
};
static const char date_pattern[] =
	"ngay ?([0-9]{1,2}) ?thang ?([0-9]{1,2}) ?nam ?((?:19|20)[0-9]{2})";
static const char blank_date_pattern[] =
	"ngay[ .]*thang[ .]*nam ((?:19|20)[0-9]{2})";
/* "Quy Kỳ, 16/4/2024": the short form, taken only from the header. */
static const char numeric_date_pattern[] =
	"(?:^|[ ,])([0-9]{1,2})/([0-9]{1,2})/((?:19|20)[0-9]{2})\\b";
/* Signature block: who signs for whom, and the position (NĐ 30/2020). */
static const char authority_pattern[] = "^(?:tm|t/m|kt|tl|q|tuq|ttl)[. ]";
/* Greedy prefix: the last position word of the cell is the position. */
#define POSITION_WORDS                                                   \
	"(?:pho )?(?:chu tich|bi thu|truong (?:ban|doan|phong|tram|thon|" \
	"xom|khoa|khu)|giam doc|chu nhiem|hieu truong|tram truong|"      \
	"thu ky|chu tri|chu toa|to truong|chi hoi truong|"               \
	"nguoi lap(?: bieu| bang)?|thu truong|chanh van phong)"
static const char position_pattern[] =
	"^(.*(?:^| ))?(" POSITION_WORDS ")(?![a-z])(.*)$";
static const char position_start_pattern[] = "^" POSITION_WORDS "(?![a-z])";
/* "Căn cứ ..." opening a line, or after "Thực hiện ...;" on it */
static const char basis_pattern[] = "(?:^|; ?)can cu\\b";

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
	    !rx_compile(&rx->blank_date, blank_date_pattern, err, sizeof(err)) ||
	    !rx_compile(&rx->numeric_date, numeric_date_pattern, err,
			sizeof(err)) ||
	    !rx_compile(&rx->authority, authority_pattern, err, sizeof(err)) ||
	    !rx_compile(&rx->position, position_pattern, err, sizeof(err)) ||
	    !rx_compile(&rx->position_start, position_start_pattern, err,
			sizeof(err)) ||
	    !rx_compile(&rx->basis, basis_pattern, err, sizeof(err)))
		hs_die("internal pattern: %s", err);
}

void docmeta_rx_release(struct docmeta_rx *rx)
{
	rx_release(&rx->number[0]);
	rx_release(&rx->number[1]);
	rx_release(&rx->date);
	rx_release(&rx->blank_date);
	rx_release(&rx->numeric_date);
	rx_release(&rx->authority);
	rx_release(&rx->position);
	rx_release(&rx->position_start);
	rx_release(&rx->basis);
}

static bool line_matches(const struct rx *r, const char *folded)
{
	return rx_search(r, folded, strlen(folded), NULL, NULL, NULL, NULL);
}

/* A person's name: 2 to 6 words, each starting with a capital letter. */
static bool looks_like_name(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int words = 0;

	if (strlen(s) >= 60)
		return false;
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0 || utf8proc_category(cp) != UTF8PROC_CATEGORY_LU)
			return false;
		words++;
		while (*p && *p != ' ') {
			if (*p >= '0' && *p <= '9')
				return false;
			p++;
		}
	}
	if (words < 2 || words > 6)
		return false;
	{
		/* "UBND XÃ", "HĐND HUYỆN": bodies, not people */
		char *f = vntext_fold_str(s);
		bool body = strstr(f, "ubnd") || strstr(f, "hdnd") ||
			    strstr(f, "uy ban") || !strncmp(f, "xa ", 3) ||
			    strstr(f, " xa") || strstr(f, "huyen");

		free(f);
		return !body;
	}
}

/* The original of folded[a..b) of a cell folded with map. */
static char *orig(const char *cell, const size_t *map, size_t a, size_t b)
{
	return dup_trim(cell + map[a], map[b] - map[a]);
}

/* Drops "(Đã ký)", "(ký, ghi rõ họ tên)", "(ký tên, đóng dấu)" ... */
static char *strip_signed(char *s)
{
	char *open = strchr(s, '(');

	while (open) {
		char *close = strchr(open, ')');

		if (!close)
			break;
		memmove(open, close + 1, strlen(close + 1) + 1);
		open = strchr(s, '(');
	}
	{
		char *t = dup_trim(s, strlen(s));

		free(s);
		return t;
	}
}

/* The name at the end of s ("UBND XÃ Hoàng Văn Minh" -> its last
 * words that look like a name), or NULL. */
static char *suffix_name(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (p != s && p[-1] != ' ')
			continue;
		if (looks_like_name(p))
			return hs_strdup(p);
	}
	return NULL;
}

/*
 * The signature block sits in the last lines, often beside "Nơi nhận:" in
 * a two-column table whose cell joins its lines with spaces: "TM. ỦY BAN
 * NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH (Đã ký) Lưu Thị Mai". Each cell of the
 * last 30 lines is split into authority, position (the last position word)
 * and name.
 */
static void read_signature(struct docmeta *m, const struct docmeta_rx *rx,
			   const char *t, size_t len)
{
	size_t start = len, lines = 0;
	char *tail, *save = NULL, *cell;
	struct hs_buf auth = HS_BUF_INIT;

	while (start > 0 && lines < 30) {
		start--;
		if (t[start] == '\n')
			lines++;
	}
	tail = hs_strndup(t + start, len - start);
	for (cell = strtok_r(tail, "\n\t", &save); cell;
	     cell = strtok_r(NULL, "\n\t", &save)) {
		struct hs_buf f = HS_BUF_INIT;
		size_t *map = NULL, ov[8];
		bool is_auth;

		while (*cell == ' ')
			cell++;
		if (!*cell || strlen(cell) > 300)
			continue;
		vntext_fold(cell, strlen(cell), &f, &map);
		is_auth = line_matches(&rx->authority, f.ptr);
		if (rx_match(&rx->position, f.ptr, f.len, ov, 4) == 4 &&
		    (is_auth || f.len < 80)) {
			size_t pos = ov[4], pre_end;
			char *a, *rest, *name;

			/* the greedy prefix took "phó" of "phó chủ tịch" */
			if (pos >= 4 && !strncmp(f.ptr + pos - 4, "pho ", 4))
				pos -= 4;
			pre_end = ov[2] != (size_t)-1 && ov[3] > pos ? pos : ov[3];
			a = ov[2] != (size_t)-1 && pre_end > 0
				    ? orig(cell, map, 0, pre_end)
				    : NULL;
			rest = strip_signed(orig(cell, map, ov[6], f.len));
			/* "TRƯỞNG BAN CHỦ TỊCH UBND XÃ": two titles, one person */
			if (a && *a && !is_auth &&
			    line_matches(&rx->position_start, f.ptr)) {
				free(a);
				a = NULL;
				pos = 0;
			}
			name = suffix_name(rest);
			/* Body text that names a position is not a signature. */
			if ((a && *a && !is_auth) || (*rest && !name)) {
				free(name);
				free(a);
				free(rest);
				free(map);
				hs_buf_release(&f);
				continue;
			}

			/* "KT. CHỦ TỊCH" alone is an authority, not a position */
			if (is_auth && !*rest) {
				if (auth.len)
					hs_buf_adds(&auth, " / ");
				hs_buf_adds(&auth, cell);
				free(a);
				free(rest);
				free(map);
				hs_buf_release(&f);
				continue;
			}
			if (a && *a) {
				if (auth.len)
					hs_buf_adds(&auth, " / ");
				hs_buf_adds(&auth, a);
			}
			free(m->sign_position);
			m->sign_position = orig(cell, map, pos, ov[5]);
			free(m->signer);
			m->signer = name;
			free(a);
			free(rest);
		} else if (is_auth) {
			if (auth.len)
				hs_buf_adds(&auth, " / ");
			hs_buf_adds(&auth, cell);
		} else if (m->sign_position && !m->signer) {
			char *c = strip_signed(hs_strdup(cell));

			if (looks_like_name(c))
				m->signer = hs_strdup(c);
			free(c);
		}
		free(map);
		hs_buf_release(&f);
	}
	if (auth.len) {
		free(m->sign_authority);
		m->sign_authority = hs_buf_detach(&auth, NULL);
	}
	hs_buf_release(&auth);
	free(tail);
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
	/* a little more than the head: folding only ever shortens */
	while (head_end < len && chars < DOCMETA_HEAD_CHARS + 64) {
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
	m->lines = hs_calloc(DOCMETA_LINES, sizeof(*m->lines));
	m->flines = hs_calloc(DOCMETA_LINES, sizeof(*m->flines));
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
	/* Number and symbol: the header's (before "Căn cứ", where the
	 * regulations cited have theirs), the earliest of the two forms. */
	{
		const char *cc = strstr(m->head, "can cu ");
		size_t hl = cc ? (size_t)(cc - m->head) : m->head_len;
		size_t best[8] = {0};
		bool got = false;

		for (size_t k = 0; k < ARRAY_SIZE(rx->number); k++)
			if (rx_match(&rx->number[k], m->head, hl, ov, 4) >= 4 &&
			    ov[2] != (size_t)-1 && (!got || ov[0] < best[0])) {
				memcpy(best, ov, sizeof(best));
				got = true;
			}
		if (got) {
			m->number = dup_trim(raw_head + map[best[2]],
					     map[best[3]] - map[best[2]]);
			m->number_blank = best[4] == (size_t)-1 ||
					  strspn(m->head + best[4], "0123456789") == 0;
			m->symbol = hs_strndup(m->head + best[6], best[7] - best[6]);
		}
	}
	/* The date is the header's: before the first "Căn cứ", whose own
	 * dates are those of the regulations cited. */
	{
		const char *cc = strstr(m->head, "can cu ");
		size_t hl = cc ? (size_t)(cc - m->head) : m->head_len;

		if (rx_match(&rx->date, m->head, hl, ov, 4) == 4) {
			int day = atoi(m->head + ov[2]), mon = atoi(m->head + ov[4]);

			if (day >= 1 && day <= 31 && mon >= 1 && mon <= 12) {
				m->day = day;
				m->month = mon;
				m->year = atoi(m->head + ov[6]);
			}
		}
		/* "ngày   tháng   năm 2024": a draft, but the year is known */
		if (!m->year && rx_match(&rx->blank_date, m->head, hl, ov, 2) == 2) {
			m->year = atoi(m->head + ov[2]);
			m->date_blank = true;
		}
		/* "Quy Kỳ, 16/4/2024" */
		if (!m->year && rx_match(&rx->numeric_date, m->head, hl, ov, 4) == 4) {
			int day = atoi(m->head + ov[2]), mon = atoi(m->head + ov[4]);

			if (day >= 1 && day <= 31 && mon >= 1 && mon <= 12) {
				m->day = day;
				m->month = mon;
				m->year = atoi(m->head + ov[6]);
			}
		}
	}
	for (size_t i = 0; i < m->nlines; i++)
		if (line_matches(&rx->basis, m->flines[i])) {
			m->bases = hs_realloc(m->bases, (m->nbases + 1) * sizeof(char *));
			m->bases[m->nbases++] = hs_strdup(m->lines[i]);
		}
	read_signature(m, rx, t, len);
	if (!m->sign_position && !m->signer) {
		/* An annex ("PHỤ LỤC" and its tables) may follow the
		 * signature: look again before the last annex heading. */
		size_t e = len, lines = 0;

		while (e > 0 && lines < 2000) {
			size_t st = e - 1;
			char head[32];
			char *f;

			while (st > 0 && t[st - 1] != '\n')
				st--;
			snprintf(head, sizeof(head), "%.*s",
				 (int)(e - st < 24 ? e - st : 24), t + st);
			f = vntext_fold_str(head);
			if (!strncmp(f, "phu luc", 7)) {
				free(f);
				read_signature(m, rx, t, st);
				break;
			}
			free(f);
			e = st;
			lines++;
		}
	}
	/* Keep only what quoting needs: the head's map, in 32 bits (a
	 * document's map was 16 KiB; thousands of documents add up). */
	m->head_map = hs_malloc((m->head_len + 1) * sizeof(*m->head_map));
	for (size_t i = 0; i <= m->head_len; i++)
		m->head_map[i] = (uint32_t)map[i];
	free(map);
	m->raw_head = raw_head;
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

void docmeta_drop_text(struct docmeta *m)
{
	free(m->folded);
	m->folded = NULL;
	m->folded_len = 0;
	free(m->head);
	free(m->raw_head);
	free(m->head_map);
	m->head = m->raw_head = NULL;
	m->head_map = NULL;
	m->head_len = 0;
	for (size_t i = 0; i < m->nlines; i++) {
		free(m->lines[i]);
		free(m->flines[i]);
	}
	free(m->lines);
	free(m->flines);
	m->lines = m->flines = NULL;
	m->nlines = 0;
	free(m->path);
	free(m->dir);
	m->path = m->dir = NULL;
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
	free(m->lines);
	free(m->flines);
	free(m->number);
	free(m->symbol);
	free(m->issuer);
	for (size_t i = 0; i < m->nbases; i++)
		free(m->bases[i]);
	free(m->bases);
	free(m->sign_authority);
	free(m->sign_position);
	free(m->signer);
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
