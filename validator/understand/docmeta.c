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

#include "base/rx.h"
#include "base/vntext.h"

/*
 * Header patterns, run over one folded cell of the header (or a few cells
 * a web copy broke apart, joined with spaces), anchored at its start: a
 * number or a date quoted inside a sentence ("... theo Quyết định số
 * 59/QĐ-UBND ngày 22/7/2021 ...") is another document's.
 */
/* "Số: 45/KH-UBND", "Số 12/2024/QĐ-UBND", "Số: ……/KH-UBND" (a draft),
 * Party style "Số 07-NQ/ĐU", "Số: 109-NV", "Số: 255 / BC-BCĐPCGD-" (the
 * tail "XMC" on a later line). Group 1 the whole, 2 the number (empty or
 * dots when left blank), 3 the type abbreviation. */
#define BLANK "[._\u2026 ]*"
static const char number_pattern[] =
	"^so ?[:.]? ?(([0-9]{1,6}[a-z]?|" BLANK ") ?"
	"(?:/ ?(?:19|20)[0-9]{2} ?)?[/-] ?([a-z][a-z&]{0,9})"
	"(?: ?[-/.] ?[a-z0-9&]{1,20})*(?: ?-)?)(?![a-z0-9])";
/* A bare number cell beside the date ("59/2006/QĐ-UBND | Pleiku, ..."). */
static const char bare_number_pattern[] =
	"^(([0-9]{1,6})(?:/(?:19|20)[0-9]{2})?/([a-z][a-z&]{0,9})"
	"(?:[-/][a-z0-9&]{1,20})+)$";
/* "Quy Kỳ, ngày 16 tháng 4 năm 2024", "ngày …. tháng 01 năm 2018" (day
 * left blank), "ngày   tháng   năm 2024": the whole cell, an optional
 * place before a comma ("Quận 1, ngày ..."). Groups: day, month (empty
 * when blank), year. */
#define PLACE "(?:[^,:/|()]{1,40}, ?)?"
static const char date_pattern[] =
	"^" PLACE "ngay ?([0-9]{1,2}|" BLANK ") ?thang ?([0-9]{1,2}|" BLANK
	") ?nam ?((?:19|20)[0-9]{2})[ .]*$";
/* "Quy Kỳ, 16/4/2024": the short form. */
static const char numeric_date_pattern[] =
	"^" PLACE "([0-9]{1,2})/([0-9]{1,2})/((?:19|20)[0-9]{2})[ .]*$";
/* An attachment's date is its parent's: "(Ban hành kèm theo Quyết định
 * số 59/QĐ-UBND ngày 22 tháng 7 năm 2021 của ...)". */
static const char attached_date_pattern[] =
	"^\\(?(?:ban hanh )?kem theo .{0,120}?\\bngay ?([0-9]{1,2})"
	"(?: ?thang ?| ?/ ?)([0-9]{1,2})(?: ?nam ?| ?/ ?)((?:19|20)[0-9]{2})"
	"(?![0-9])";
/* Signature block: who signs for whom, and the position (NĐ 30/2020). */
static const char authority_pattern[] = "^(?:tm|t/m|kt|tl|q|tuq|ttl)[. ]";
/* Greedy prefix: the last position word of the cell is the position. */
#define POSITION_WORDS                                                   \
	"(?:pho )?(?:chu tich|bi thu|truong (?:ban|doan|phong|tram|thon|" \
	"xom|khoa|khu)|giam doc|chu nhiem|hieu truong|tram truong|"      \
	"thu ky|chu tri|chu toa|to truong|chi hoi truong|"               \
	"nguoi lap(?: bieu| bang)?|thu truong|thu tuong|bo truong|"      \
	"chanh van phong)"
static const char position_pattern[] =
	"^(.*(?:^| ))?(" POSITION_WORDS ")(?![a-z])(.*)$";
static const char position_start_pattern[] = "^" POSITION_WORDS "(?![a-z])";
/* "Căn cứ ..." opening a line, or after "Thực hiện ...;" on it */
static const char basis_pattern[] = "(?:^|; ?)can cu\\b";

/* Where the header ends and the text proper begins (folded, a list
 * bullet dropped): the legal bases, the first article or part. */
static const char *const body_starts[] = {
	"can cu", "thuc hien", "xet ", "theo de nghi", "kinh gui", "dieu 1",
	"chuong i", "phan thu", "phan i", "i. ", "i- ", NULL,
};

/* First words of the name of an issuing body (folded). */
static const char *const body_words[] = {
	"uy ban", "ubnd", "hoi dong", "hdnd", "dang uy", "dang bo", "chi bo",
	"ban", "bch", "bcd", "bo", "so", "phong", "truong", "hoi", "chi hoi",
	"trung tam", "tt", "tthtcd", "ttht", "thu tuong", "chinh phu",
	"van phong", "mat tran", "ubmttq", "doan", "cong doan", "lien doan",
	"chi cuc", "cuc", "tong cuc", "quoc hoi", "tinh uy", "huyen uy",
	"thanh uy", "thi uy", "quan uy", "vien", "tram", "benh vien",
	"hoc vien", "uy", NULL,
};

/* First words of a document's title: where the issuer's lines end
 * ("TRƯỜNG MẦM NON QUY KỲ" / "THỐNG KÊ TỶ LỆ TRẺ EM RA LỚP"). */
static const char *const title_words[] = {
	"danh sach", "thong ke", "bang", "bao cao", "ke hoach", "quyet dinh",
	"to trinh", "thong bao", "bien ban", "nghi quyet", "chuong trinh",
	"tong hop", "bieu", "phieu", "quy che", "quy dinh", "huong dan",
	"giay moi", "cong van", "ket luan", "chi thi", "de an", NULL,
};

/* Common family names: a name written in capitals must start with one
 * ("NGUYỄN VĂN AN"), else "NHÂN DÂN TỈNH" would be a person. */
static const char *const family_names[] = {
	"nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo",
	"dang", "bui", "do", "ho", "ngo", "duong", "ly", "dinh", "lam", "mai",
	"trinh", "truong", "luong", "dao", "doan", "cao", "ha", "quach", "ta",
	"to", "lai", "chu", "kieu", "la", "hua", "thai", "tang", "van", "vuong",
	"khuc", "nong", "luu", "kim", "tong", "mac", "lu", "tieu", "nghiem",
	"thach", "au", "giang", "lo", "ong", "quan", "trieu", "tu", "diep",
	"nguy", "bach", "banh", "chau", "dam", "dieu", "hau", "khong", "lieu",
	"lang", "man", "ninh", "phung", "than", "tiet", "ton", "trang", "ung",
	"vi", "y", NULL,
};

static char *fold_copy(const char *s, size_t len, size_t **map)
{
	struct hs_buf k = HS_BUF_INIT;

	vntext_fold(s, len, &k, map);
	return hs_buf_detach(&k, NULL);
}

static bool is_space_at(const char *s, size_t len, size_t i, size_t *n)
{
	if (s[i] == ' ' || s[i] == '\t') {
		*n = 1;
		return true;
	}
	if (i + 1 < len && (unsigned char)s[i] == 0xC2 &&
	    (unsigned char)s[i + 1] == 0xA0) {
		*n = 2;
		return true;
	}
	return false;
}

/* s without the white space (NBSP too) at its ends, as a new string. */
static char *dup_trim(const char *s, size_t len)
{
	size_t n;

	while (len && is_space_at(s, len, 0, &n))
		s += n, len -= n;
	for (;;) {
		if (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		else if (len >= 2 && (unsigned char)s[len - 2] == 0xC2 &&
			 (unsigned char)s[len - 1] == 0xA0)
			len -= 2;
		else
			break;
	}
	return hs_strndup(s, len);
}

/* Does folded f start with word w, followed by a space, ',' or its end? */
static bool starts_word(const char *f, const char *w)
{
	size_t n = strlen(w);

	return !strncmp(f, w, n) && (!f[n] || f[n] == ' ' || f[n] == ',');
}

static bool starts_any(const char *f, const char *const *words)
{
	for (; *words; words++)
		if (starts_word(f, *words))
			return true;
	return false;
}

static bool is_any(const char *f, const char *const *words)
{
	for (; *words; words++)
		if (!strcmp(f, *words))
			return true;
	return false;
}

/* f without a leading list bullet ("- ", "+ ", "• "). */
static const char *unbullet(const char *f)
{
	if ((f[0] == '-' || f[0] == '+') && f[1] == ' ')
		return f + 2;
	if (!strncmp(f, "\u2022 ", 4))
		return f + 4;
	return f;
}

/* The national motto and the line under it ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA
 * VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"), or the Party's. */
static bool is_motto(const char *f)
{
	return strstr(f, "cong hoa xa hoi") || strstr(f, "xa hoi chu nghia") ||
	       strstr(f, "chu nghia viet nam") || starts_word(f, "doc lap") ||
	       starts_word(f, "tu do") || strstr(f, "hanh phuc") ||
	       strstr(f, "dang cong san viet nam");
}

/* Letters, and none of them lower case ("ỦY BAN NHÂN DÂN"). */
static bool is_upper(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int letters = 0;

	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);

		if (n <= 0)
			return false;
		switch (utf8proc_category(cp)) {
		case UTF8PROC_CATEGORY_LL:
			return false;
		case UTF8PROC_CATEGORY_LU:
		case UTF8PROC_CATEGORY_LT:
		case UTF8PROC_CATEGORY_LO:
			letters++;
			break;
		default:
			break;
		}
		p += n;
	}
	return letters >= 2;
}

/* Has a letter or a digit (a cell of only "|", "---" or "***" has not). */
static bool has_word(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	while (len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)len, &cp);

		if (n <= 0)
			return false;
		switch (utf8proc_category(cp)) {
		case UTF8PROC_CATEGORY_LU:
		case UTF8PROC_CATEGORY_LL:
		case UTF8PROC_CATEGORY_LT:
		case UTF8PROC_CATEGORY_LO:
		case UTF8PROC_CATEGORY_ND:
			return true;
		default:
			break;
		}
		p += n;
		len -= (size_t)n;
	}
	return false;
}

/*
 * The visible text of one line of a web or markdown copy: HTML tags and
 * entities, markdown heading marks, emphasis (* and _, __), block quotes
 * and backslash escapes are dropped. A tag that breaks a line (<br>, <p>,
 * <div>, <tr>, <li>) becomes '\n', a cell (<td>, <th>) '\t'. A run of
 * three or more '_' stays: it is a blank to fill in ("Số: ___/KH").
 */
static void clean_line(const char *s, size_t n, struct hs_buf *out)
{
	static const char *const breaks[] = {
		"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5",
		"h6", "table", "tbody", "thead", "ul", "ol", NULL,
	};
	size_t i = 0;

	while (i < n && s[i] == ' ')
		i++;
	while (i < n && (s[i] == '#' || s[i] == '>')) {
		while (i < n && (s[i] == '#' || s[i] == '>'))
			i++;
		while (i < n && s[i] == ' ')
			i++;
	}
	for (; i < n; i++) {
		char c = s[i];

		if (c == '<') {
			size_t j = i + 1, k, name;
			char tag[8];

			if (j < n && (s[j] == '/' || s[j] == '!'))
				j++;
			name = j;
			while (j < n && ((s[j] >= 'a' && s[j] <= 'z') ||
					 (s[j] >= 'A' && s[j] <= 'Z') ||
					 (s[j] >= '0' && s[j] <= '9') || s[j] == '-'))
				j++;
			for (k = j; k < n && k < i + 300 && s[k] != '>' &&
				    s[k] != '<';
			     k++)
				;
			/* a tag's name starts with a letter: "< 5", "<5 tuổi>" are text */
			if (s[name - 1] != '!' &&
			    (j == name || !((s[name] >= 'a' && s[name] <= 'z') ||
					    (s[name] >= 'A' && s[name] <= 'Z'))))
				goto literal;
			if (k >= n || s[k] != '>')
				goto literal;
			snprintf(tag, sizeof(tag), "%.*s",
				 (int)(j - name < 7 ? j - name : 7), s + name);
			for (char *t = tag; *t; t++)
				if (*t >= 'A' && *t <= 'Z')
					*t = (char)(*t - 'A' + 'a');
			if (!strcmp(tag, "td") || !strcmp(tag, "th"))
				hs_buf_addch(out, '\t');
			else if (is_any(tag, breaks))
				hs_buf_addch(out, '\n');
			i = k;
			continue;
		}
		if (c == '&') {
			size_t j = i + 1;
			char ent[12];

			while (j < n && j < i + 10 &&
			       ((s[j] >= 'a' && s[j] <= 'z') ||
				(s[j] >= 'A' && s[j] <= 'Z') ||
				(s[j] >= '0' && s[j] <= '9') || s[j] == '#'))
				j++;
			if (j >= n || s[j] != ';' || j == i + 1)
				goto literal;
			snprintf(ent, sizeof(ent), "%.*s", (int)(j - i - 1), s + i + 1);
			if (!strcmp(ent, "nbsp"))
				hs_buf_addch(out, ' ');
			else if (!strcmp(ent, "amp"))
				hs_buf_addch(out, '&');
			else if (!strcmp(ent, "lt"))
				hs_buf_addch(out, '<');
			else if (!strcmp(ent, "gt"))
				hs_buf_addch(out, '>');
			else if (!strcmp(ent, "quot"))
				hs_buf_addch(out, '"');
			else if (!strcmp(ent, "apos"))
				hs_buf_addch(out, '\'');
			else if (ent[0] == '#') {
				long cp = ent[1] == 'x' || ent[1] == 'X'
						  ? strtol(ent + 2, NULL, 16)
						  : strtol(ent + 1, NULL, 10);

				if (cp == 0xA0)
					cp = ' ';
				if (cp < 0x20 || cp > 0x10FFFF ||
				    (cp >= 0xD800 && cp <= 0xDFFF))
					goto literal;
				hs_buf_add_utf8(out, (int32_t)cp);
			} else {
				goto literal;
			}
			i = j;
			continue;
		}
		if (c == '*')
			continue;
		if (c == '_') {
			size_t j = i;

			while (j < n && s[j] == '_')
				j++;
			if (j - i >= 3)
				hs_buf_add(out, s + i, j - i);
			i = j - 1;
			continue;
		}
		if (c == '\\' && i + 1 < n && strchr("\\`*_{}[]()#+-.!|<>", s[i + 1]) &&
		    s[i + 1]) {
			hs_buf_addch(out, s[++i]);
			continue;
		}
literal:
		hs_buf_addch(out, c);
	}
}

/* One cell of a header or signature: a line, a table cell, or a part of
 * either between rules ("ỦY BAN NHÂN DÂN ------- | CỘNG HÒA ..."). */
struct cell {
	char *text; /* cleaned, trimmed */
	char *fold;
	bool brk;   /* a rule, a '|' or a tab stands before it */
};

struct cells {
	struct cell *v;
	size_t n, cap;
};

static void cells_free(struct cells *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].text);
		free(c->v[i].fold);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* A rule: 3 or more '-' or '=', or 2 or more en or em dashes. Not '_':
 * "Số: ___/KH-UBND" is a blank (a line of '_' alone is no cell anyway). */
static size_t rule_at(const char *s, size_t len, size_t i)
{
	size_t j = i;

	if (s[i] == '-' || s[i] == '=') {
		while (j < len && s[j] == s[i])
			j++;
		return j - i >= 3 ? j - i : 0;
	}
	while (j + 2 < len && (unsigned char)s[j] == 0xE2 &&
	       (unsigned char)s[j + 1] == 0x80 &&
	       ((unsigned char)s[j + 2] == 0x93 || (unsigned char)s[j + 2] == 0x94))
		j += 3;
	return j - i >= 6 ? j - i : 0;
}

/*
 * Where a cell of an office table joins two header lines in one: "ỦY BAN
 * NHÂN DÂN XÃ QUY KỲ Số: 06/KH-UBND" (the issuer and, under it, the
 * number: "Số" with a capital after capitals), "... Hạnh phúc Quy Kỳ,
 * ngày ..." (the motto and the date), "ỦY BAN ... CỘNG HÒA XÃ HỘI ..." (a
 * PDF line across both columns). Returns the offset of the second line,
 * or 0.
 */
static size_t header_split(const char *s, size_t len)
{
	struct hs_buf k = HS_BUF_INIT;
	size_t *map = NULL, at = 0;
	const char *p;
	unsigned tries;

	vntext_fold(s, len, &k, &map);
	/* a joined header cell has one "Số", two at most: a few candidates
	 * are tried, never every " so" of a crafted line */
	for (p = strstr(k.ptr, " so"), tries = 0; p && !at && tries < 4;
	     p = strstr(p + 1, " so")) {
		size_t i = (size_t)(p - k.ptr) + 1;
		char *pre;

		if (!p[3] || !strchr(" :.", p[3]) || s[map[i]] != 'S')
			continue;
		tries++;
		pre = hs_strndup(s, map[i]);
		if (is_upper(pre))
			at = map[i];
		free(pre);
	}
	/* "ỦY BAN NHÂN DÂN XÃ QUY KỲ CỘNG HÒA XÃ HỘI ...": a PDF line */
	p = strstr(k.ptr, " cong hoa xa hoi");
	if (!at && p) {
		char *pre = hs_strndup(s, map[p - k.ptr]);

		if (is_upper(pre))
			at = map[p - k.ptr + 1];
		free(pre);
	}
	p = strstr(k.ptr, "hanh phuc ");
	if (!at && p && has_word(s + map[p - k.ptr + 10], len - map[p - k.ptr + 10]))
		at = map[p - k.ptr + 10];
	free(map);
	hs_buf_release(&k);
	return at;
}

/* depth: how many header lines were split off this cell already; a real
 * cell joins three at most (issuer, number, date) */
static void cells_add(struct cells *c, const char *s, size_t len, bool *brk,
		      unsigned depth)
{
	struct cell *cl;
	size_t split;

	if (len < 1000 && depth < 4 && (split = header_split(s, len))) {
		cells_add(c, s, split, brk, depth + 1);
		cells_add(c, s + split, len - split, brk, depth + 1);
		return;
	}
	if (!has_word(s, len)) {
		/* "|", "***", a rule: a break between cells */
		for (size_t i = 0; i < len; i++)
			if (s[i] != ' ')
				*brk = true;
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 32;
		c->v = hs_realloc(c->v, c->cap * sizeof(*c->v));
	}
	cl = &c->v[c->n++];
	cl->text = dup_trim(s, len);
	cl->fold = vntext_fold_str(cl->text);
	cl->brk = *brk;
	*brk = false;
}

/* Cells of the cleaned line s: split at '\n', '\t', '|' and rules; no
 * more once there are max cells. */
static void cells_split(struct cells *c, const char *s, size_t len, bool *brk,
			size_t max)
{
	size_t start = 0;

	for (size_t i = 0; i <= len && c->n < max; i++) {
		size_t r = 0;

		if (i < len && s[i] != '\n' && s[i] != '\t' && s[i] != '|' &&
		    !(r = rule_at(s, len, i)))
			continue;
		cells_add(c, s + start, i - start, brk, 0);
		if (i < len && s[i] != '\n')
			*brk = true;
		if (r)
			i += r - 1;
		start = i + 1;
	}
}

/* The cells of the lines of t[from..to), at most max of them. */
static void cells_read(struct cells *c, const char *t, size_t from, size_t to,
		       size_t max)
{
	bool brk = false;

	for (size_t i = from; i < to && c->n < max;) {
		size_t e = i;
		struct hs_buf cl = HS_BUF_INIT;

		while (e < to && t[e] != '\n')
			e++;
		clean_line(t + i, e - i, &cl);
		cells_split(c, cl.ptr, cl.len, &brk, max);
		hs_buf_release(&cl);
		i = e + 1;
	}
	if (c->n > max) {
		for (size_t i = max; i < c->n; i++) {
			free(c->v[i].text);
			free(c->v[i].fold);
		}
		c->n = max;
	}
}

void docmeta_rx_init(struct docmeta_rx *rx)
{
	char err[200];

	/* Fixed patterns: a failure here is a bug, not a user error. */
	if (!rx_compile(&rx->number, number_pattern, err, sizeof(err)) ||
	    !rx_compile(&rx->bare_number, bare_number_pattern, err, sizeof(err)) ||
	    !rx_compile(&rx->date, date_pattern, err, sizeof(err)) ||
	    !rx_compile(&rx->numeric_date, numeric_date_pattern, err,
			sizeof(err)) ||
	    !rx_compile(&rx->attached_date, attached_date_pattern, err,
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
	rx_release(&rx->number);
	rx_release(&rx->bare_number);
	rx_release(&rx->date);
	rx_release(&rx->numeric_date);
	rx_release(&rx->attached_date);
	rx_release(&rx->authority);
	rx_release(&rx->position);
	rx_release(&rx->position_start);
	rx_release(&rx->basis);
}

static bool line_matches(const struct rx *r, const char *folded)
{
	return rx_search(r, folded, strlen(folded), NULL, NULL, NULL, NULL);
}

/* A person's name: 2 to 6 words, each starting with a capital letter;
 * all in capitals only after a family name ("NGUYỄN VĂN AN"). */
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
			if ((*p >= '0' && *p <= '9') || strchr(":;,()/|", *p))
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
		char first[16];

		if (!body && is_upper(s)) {
			snprintf(first, sizeof(first), "%.*s",
				 (int)strcspn(f, " "), f);
			body = !is_any(first, family_names);
		}
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
 * The signature block, from the cells of t[from..to): often beside "Nơi
 * nhận:" in a two-column table whose cell joins its lines with spaces:
 * "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH (Đã ký) Lưu Thị Mai".
 * Each cell is split into authority, position (the last position word)
 * and name; the "Nơi nhận" list is skipped.
 */
static void read_signature(struct docmeta *m, const struct docmeta_rx *rx,
			   const char *t, size_t from, size_t to)
{
	struct cells cs = {0};
	struct hs_buf auth = HS_BUF_INIT;

	cells_read(&cs, t, from, to, 400);
	for (size_t c = 0; c < cs.n; c++) {
		const char *cell = cs.v[c].text;
		struct hs_buf f = HS_BUF_INIT;
		size_t *map = NULL, ov[8];
		bool is_auth;

		if (strlen(cell) > 300 || starts_word(cs.v[c].fold, "noi nhan") ||
		    !strncmp(cs.v[c].fold, "noi nhan:", 9))
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
			char *s = strip_signed(hs_strdup(cell));

			if (looks_like_name(s))
				m->signer = hs_strdup(s);
			free(s);
		}
		free(map);
		hs_buf_release(&f);
	}
	if (auth.len && (m->sign_position || m->signer)) {
		free(m->sign_authority);
		m->sign_authority = hs_buf_detach(&auth, NULL);
	}
	hs_buf_release(&auth);
	cells_free(&cs);
}

/* Start of the line n lines before (n < 0) or after the one at i. */
static size_t line_step(const char *t, size_t len, size_t i, long n)
{
	for (; n < 0 && i > 0; n++) {
		i--;
		while (i > 0 && t[i - 1] != '\n')
			i--;
	}
	for (; n > 0 && i < len; n--) {
		while (i < len && t[i] != '\n')
			i++;
		if (i < len)
			i++;
	}
	return i;
}

/*
 * Where the signature block is looked for, in order until one is found:
 * around the last "Nơi nhận" (12 lines before it to 40 after, not into
 * an annex); the last 30 lines; the 30 lines before the first, then the
 * last annex heading ("PHỤ LỤC"), whose tables follow the signature.
 */
static void find_signature(struct docmeta *m, const struct docmeta_rx *rx,
			   const char *t, size_t len)
{
	size_t recipients = (size_t)-1, annex_first = (size_t)-1,
	       annex_last = (size_t)-1;

	for (size_t i = 0; i < len;) {
		size_t e = i, k = i, n;
		char head[48];
		char *f;

		while (e < len && t[e] != '\n')
			e++;
		while (k < e && strchr(" \t|*#_>", t[k]))
			k++;
		n = e - k < 40 ? e - k : 40;
		while (n > 0 && k + n < e && ((unsigned char)t[k + n] & 0xC0) == 0x80)
			n--;
		snprintf(head, sizeof(head), "%.*s", (int)n, t + k);
		f = vntext_fold_str(head);
		if (!strncmp(f, "noi nhan", 8)) {
			recipients = i;
		} else if (!strncmp(f, "phu luc", 7) &&
			   (e - k < 80 || is_upper(head))) {
			if (annex_first == (size_t)-1 ||
			    (recipients != (size_t)-1 && annex_first < recipients))
				annex_first = i;
			annex_last = i;
		}
		free(f);
		i = e + 1;
	}
	if (recipients != (size_t)-1) {
		size_t to = line_step(t, len, recipients, 40);

		if (annex_first != (size_t)-1 && annex_first > recipients &&
		    annex_first < to)
			to = annex_first;
		read_signature(m, rx, t, line_step(t, len, recipients, -12), to);
	}
	if (!m->sign_position && !m->signer)
		read_signature(m, rx, t, line_step(t, len, len, -30), len);
	if (!m->sign_position && !m->signer && annex_first != (size_t)-1)
		read_signature(m, rx, t, line_step(t, len, annex_first, -30),
			       annex_first);
	if (!m->sign_position && !m->signer && annex_last != (size_t)-1 &&
	    annex_last != annex_first)
		read_signature(m, rx, t, line_step(t, len, annex_last, -30),
			       annex_last);
}

/* The folded cells c[i..i+n) joined with spaces, if no break lies between
 * them (a web copy breaks one cell over lines, never two into one). */
static char *join_fold(const struct cells *c, size_t i, size_t n)
{
	struct hs_buf b = HS_BUF_INIT;

	for (size_t k = i; k < i + n; k++) {
		if (k > i) {
			if (c->v[k].brk) {
				hs_buf_release(&b);
				return NULL;
			}
			hs_buf_addch(&b, ' ');
		}
		hs_buf_adds(&b, c->v[k].fold);
	}
	return hs_buf_detach(&b, NULL);
}

static int small_int(const char *s, size_t a, size_t b)
{
	int v = 0;

	if (a == (size_t)-1)
		return 0;
	for (size_t i = a; i < b; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Is folded f a whole date line? Sets the day (0 if blank), month (0 if
 * blank), year and whether something was left blank. */
static bool date_line(const struct docmeta_rx *rx, const char *f, int *day,
		      int *mon, int *year, bool *blank)
{
	size_t ov[8];

	if (rx_match(&rx->date, f, strlen(f), ov, 4) == 4) {
		*day = small_int(f, ov[2], ov[3]);
		*mon = small_int(f, ov[4], ov[5]);
		/* "ngày 5 tháng ... năm": only the year holds */
		if (!*mon)
			*day = 0;
		*blank = !*day || !*mon;
	} else if (rx_match(&rx->numeric_date, f, strlen(f), ov, 4) == 4) {
		*day = small_int(f, ov[2], ov[3]);
		*mon = small_int(f, ov[4], ov[5]);
		*blank = false;
		if (!*day || !*mon)
			return false;
	} else {
		return false;
	}
	*year = small_int(f, ov[6], ov[7]);
	return *day <= 31 && *mon <= 12;
}

/* The header date: a cell (or up to three a copy broke apart) that is a
 * date line, or that follows the number in its cell ("Số: 12/KH-UBND
 * Quy Kỳ, ngày ...", a PDF line across both columns); else an
 * attachment's "kèm theo ... ngày ..." (its cell in *attached). Returns
 * the cell the date line starts at, or (size_t)-1. */
static size_t read_date(struct docmeta *m, const struct docmeta_rx *rx,
			const struct cells *c, size_t end, size_t *attached)
{
	*attached = (size_t)-1;
	for (size_t i = 0; i < end; i++)
		for (size_t w = 1; w <= 3 && i + w <= end; w++) {
			char *j = join_fold(c, i, w);
			int day, mon, year;
			bool blank, got;
			size_t ov[4];

			if (!j)
				break;
			got = date_line(rx, j, &day, &mon, &year, &blank);
			if (!got && w == 1 &&
			    rx_match(&rx->number, j, strlen(j), ov, 2) == 2) {
				const char *rest = j + ov[1];

				while (*rest == ' ')
					rest++;
				got = *rest &&
				      date_line(rx, rest, &day, &mon, &year, &blank);
			}
			free(j);
			if (!got)
				continue;
			m->day = day;
			m->month = mon;
			m->year = year;
			m->date_blank = blank;
			return i;
		}
	for (size_t i = 0; i < end; i++)
		for (size_t w = 1; w <= 5 && i + w <= end; w++) {
			char *j = join_fold(c, i, w);
			size_t ov[8];

			if (!j)
				break;
			if (rx_match(&rx->attached_date, j, strlen(j), ov, 4) == 4) {
				int day = small_int(j, ov[2], ov[3]);
				int mon = small_int(j, ov[4], ov[5]);

				if (day >= 1 && day <= 31 && mon >= 1 && mon <= 12) {
					m->day = day;
					m->month = mon;
					m->year = small_int(j, ov[6], ov[7]);
					free(j);
					*attached = i;
					return (size_t)-1;
				}
			}
			free(j);
		}
	return (size_t)-1;
}

/* The number written in cell c (ov from rx->number or rx->bare_number),
 * without its blanks and spaces: "255/BC-BCĐPCGD-", "/KH-UBND". */
static void take_number(struct docmeta *m, const struct cells *cs, size_t c,
			const size_t *ov)
{
	const struct cell *cl = &cs->v[c];
	size_t *map = NULL;
	struct hs_buf k = HS_BUF_INIT, out = HS_BUF_INIT;
	const char *s;
	size_t a, b;

	vntext_fold(cl->text, strlen(cl->text), &k, &map);
	a = map[ov[2]];
	b = map[ov[3]];
	s = cl->text;
	m->number_blank = ov[4] == (size_t)-1 ||
			  strspn(cl->fold + ov[4], "0123456789") == 0;
	for (size_t i = a; i < b; i++) {
		/* the blank of a draft ("……", "___", "...") and spaces go */
		if (i + 1 < b && (unsigned char)s[i] == 0xC2 &&
		    (unsigned char)s[i + 1] == 0xA0) {
			i++;
			continue;
		}
		if (s[i] == ' ' || (m->number_blank && i < map[ov[6]] &&
				    (s[i] == '.' || s[i] == '_' ||
				     (unsigned char)s[i] >= 0x80))) {
			continue;
		}
		hs_buf_addch(&out, s[i]);
	}
	/* "Số: 255 / BC-BCĐPCGD-" ... "XMC": a two-column header interleaved
	 * line by line puts the tail of the number a line or two below */
	if (out.len && (out.ptr[out.len - 1] == '-' || out.ptr[out.len - 1] == '/'))
		for (size_t i = c + 1; i < cs->n && i <= c + 3; i++) {
			const char *f = cs->v[i].fold;

			if (strlen(f) <= 12 && !strchr(f, ' ') && is_upper(cs->v[i].text) &&
			    strspn(f, "abcdefghijklmnopqrstuvwxyz0123456789&") ==
				    strlen(f)) {
				hs_buf_adds(&out, cs->v[i].text);
				break;
			}
		}
	m->number = hs_buf_detach(&out, NULL);
	m->symbol = hs_strndup(cl->fold + ov[6], ov[7] - ov[6]);
	free(map);
	hs_buf_release(&k);
}

/* A cell of the issuer's name: capitals, neither motto, number nor a
 * title ("KẾ HOẠCH", "DANH SÁCH ..."). */
static bool issuer_cell(const struct cell *c)
{
	return is_upper(c->text) && !is_motto(c->fold) && !strchr(c->text, ':') &&
	       strspn(c->fold, "0123456789") == 0 &&
	       !starts_any(c->fold, title_words);
}

/*
 * The issuing body, from the header's left column: the capitals above the
 * number and date line (above the motto when there is neither). A name
 * broken over lines is joined ("UỶ BAN NHÂN DÂN" / "XÃ THẠNH LỢI", "TỈNH
 * KHÁNH H" / "ÒA"), a parent body above the issuer kept with it as a
 * table cell keeps it; of two names the motto stands between ("UBND HUYỆN
 * NGA SƠN" / quốc hiệu / "BAN CHỈ ĐẠO PCGD, XMC", two columns interleaved)
 * the second. Without a header there is no issuer: a web page's banner or
 * the title is not one.
 */
static void read_issuer(struct docmeta *m, const struct cells *c, size_t end)
{
	size_t best = (size_t)-1, best_end = 0;

	for (size_t i = 0; i < end;) {
		size_t j = i + 1;

		if (!issuer_cell(&c->v[i])) {
			i++;
			continue;
		}
		while (j < end && !c->v[j].brk && issuer_cell(&c->v[j]))
			j++;
		if (starts_any(c->v[i].fold, body_words)) {
			best = i;
			best_end = j;
		}
		i = j;
	}
	if (best == (size_t)-1)
		return;
	{
		struct hs_buf name = HS_BUF_INIT;
		const char *prev = "";

		for (size_t k = best; k < best_end; k++) {
			const char *f = c->v[k].fold, *last = strrchr(prev, ' ');

			last = last ? last + 1 : prev;
			/* "KHÁNH H" / "ÒA": a word cut in two */
			if (name.len && !(strlen(last) == 1 &&
					  !strchr("aeiouy", *last) &&
					  strchr("aeiouy", f[0])))
				hs_buf_addch(&name, ' ');
			hs_buf_adds(&name, c->v[k].text);
			prev = f;
		}
		m->issuer = hs_buf_detach(&name, NULL);
	}
}

void docmeta_read(struct docmeta *m, const struct docmeta_rx *rx,
		  const struct doc *d, const char *path)
{
	const char *t = d->text.ptr;
	size_t len = d->text.len, head_end = 0, chars = 0, *map = NULL;
	size_t end, num_at = (size_t)-1, date_at, motto_at = (size_t)-1, iend,
	       attached_at;
	char *raw_head, *slash;
	struct cells hc = {0};

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
	/* The first cells: lines and table cells, cleaned of markdown and
	 * HTML (the head above stays the text as extracted: its offsets are
	 * quoted by match.c). */
	cells_read(&hc, t, 0, len, DOCMETA_LINES);
	m->lines = hs_calloc(DOCMETA_LINES, sizeof(*m->lines));
	m->flines = hs_calloc(DOCMETA_LINES, sizeof(*m->flines));
	for (size_t i = 0; i < hc.n; i++) {
		m->lines[i] = hs_strdup(hc.v[i].text);
		m->flines[i] = hs_strdup(hc.v[i].fold);
	}
	m->nlines = hc.n;
	/* The header: the cells before the text proper. */
	for (end = 0; end < hc.n; end++)
		if (starts_any(unbullet(hc.v[end].fold), body_starts))
			break;
	for (size_t i = 0; i < end && num_at == (size_t)-1; i++) {
		size_t ov[8];

		if (rx_match(&rx->number, hc.v[i].fold, strlen(hc.v[i].fold), ov,
			     4) == 4) {
			take_number(m, &hc, i, ov);
			num_at = i;
		}
	}
	date_at = read_date(m, rx, &hc, end, &attached_at);
	/* "59/2006/QĐ-UBND | Pleiku, ngày ...": a number cell without "Số" */
	if (num_at == (size_t)-1 && date_at != (size_t)-1 && date_at > 0) {
		size_t ov[8];
		const char *f = hc.v[date_at - 1].fold;

		if (rx_match(&rx->bare_number, f, strlen(f), ov, 4) == 4) {
			take_number(m, &hc, date_at - 1, ov);
			num_at = date_at - 1;
		}
	}
	for (size_t i = 0; i < end; i++)
		if (is_motto(hc.v[i].fold)) {
			motto_at = i;
			break;
		}
	/* the issuer's lines lie above the number and the date line; without
	 * them, above the motto or an attachment's "(Kèm theo ...)" */
	iend = num_at < date_at ? num_at : date_at;
	if (iend == (size_t)-1 && motto_at != (size_t)-1)
		iend = motto_at + 3;
	if (attached_at < iend)
		iend = attached_at;
	if (iend == (size_t)-1)
		iend = 0;
	read_issuer(m, &hc, iend < end ? iend : end);
	for (size_t i = 0; i < hc.n; i++)
		if (line_matches(&rx->basis, unbullet(hc.v[i].fold))) {
			m->bases = hs_realloc(m->bases, (m->nbases + 1) * sizeof(char *));
			m->bases[m->nbases++] = hs_strdup(hc.v[i].text);
		}
	cells_free(&hc);
	find_signature(m, rx, t, len);
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
	if (m->year && m->month) {
		snprintf(out, 16, "%04d-%02d", m->year % 10000, m->month % 100);
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
