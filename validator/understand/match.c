/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * match.c: documents -> their type and header; the dossier's own facts
 * (commune, year, claimed level); evidence requirements -> the documents
 * that satisfy them, with a confidence and reasons; figures (see assess.h).
 * Content beats file name: a match by name alone is weaker and says so.
 */
#include "assess.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "tables.h"
#include "base/vntext.h"

#define QUOTE_MAX 160

const char *ind_status_name(enum ind_status st)
{
	switch (st) {
	case IND_MET:
		return "met";
	case IND_NOT_MET:
		return "not_met";
	case IND_MISSING_EVIDENCE:
		return "missing_evidence";
	case IND_NEEDS_REVIEW:
		return "needs_review";
	}
	return "needs_review";
}

/* Short quote: at most QUOTE_MAX bytes with its "…", cut at a character
 * boundary, in place (the "…" takes 3 bytes of what is cut). */
static char *shorten(char *s)
{
	size_t n = strlen(s);

	if (n <= QUOTE_MAX)
		return s;
	n = QUOTE_MAX - (sizeof("…") - 1);
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(s + n, "…", sizeof("…"));
	return s;
}

void assess_doc_type(const struct rubric *r, struct docmeta *m)
{
	/* The type line (KẾ HOẠCH, QUYẾT ĐỊNH...) and the line after it. */
	for (size_t i = 0; i < m->nlines && i < 25 && m->type < 0; i++)
		for (size_t t = 0; t < r->ndoctypes; t++) {
			const char *l = m->flines[i];

			if (rx_list_any(&r->doctypes[t].title_patterns, l,
					strlen(l), NULL, NULL, NULL)) {
				m->type = (long)t;
				if (i + 1 < m->nlines)
					m->title = shorten(hs_strdup(m->lines[i + 1]));
				break;
			}
		}
	/* Else the abbreviation in "Số: 45/KH-UBND". */
	if (m->type < 0 && m->symbol)
		for (size_t t = 0; t < r->ndoctypes; t++)
			if (r->doctypes[t].symbol &&
			    !strcmp(r->doctypes[t].symbol, m->symbol)) {
				m->type = (long)t;
				break;
			}
}

static bool all_match(const struct rx_list *l, const char *s, size_t len);
static bool type_ok(const struct rb_evidence *e, long type);
static bool table_figure(const struct doc *d, const struct rb_figure *fig,
			 struct fig_result *fr);

long assess_today(void)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	time_t now = env && *env ? (time_t)strtoll(env, NULL, 10) : time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	return (long)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	       tm.tm_mday;
}

/* Targets and thresholds ("phấn đấu 60%", "ít nhất 60%") are not results. */
bool assess_target_context(const char *folded, size_t at)
{
	static const char *const words[] = {
		"phan dau", "chi tieu", "muc tieu", "it nhat", "toi thieu",
		"tro len", "tren", "dat tu", "ke hoach", "nguong", NULL};
	size_t from = at > 60 ? at - 60 : 0;
	char window[128];
	size_t n = at - from;

	if (n >= sizeof(window))
		n = sizeof(window) - 1;
	memcpy(window, folded + from, n);
	window[n] = '\0';
	for (const char *const *w = words; *w; w++)
		if (strstr(window, *w))
			return true;
	return false;
}

/* The first capture of any pattern of l in the document, quoted. */
static char *first_capture(const struct docmeta *m, const struct rx_list *l)
{
	for (size_t p = 0; p < l->n; p++) {
		size_t ov[4];

		if (rx_match(&l->v[p], m->folded, m->folded_len, ov, 2) == 2 &&
		    ov[2] != (size_t)-1) {
			/* Quote the original when it lies in the head. */
			if (ov[3] <= m->head_len)
				return docmeta_quote_head(m, ov[2], ov[3]);
			return hs_strndup(m->folded + ov[2], ov[3] - ov[2]);
		}
	}
	return NULL;
}

/* A folded line that starts with word w ("can cu" matches "can cu:"). */
static bool starts(const char *f, const char *w)
{
	size_t n = strlen(w);

	return !strncmp(f, w, n) && !isalnum((unsigned char)f[n]);
}

/* The header's own lines: the motto, the number, place and date. */
static bool header_line(const char *f)
{
	const char *ngay = strstr(f, "ngay ");
	const char *n = f;

	/* "Số:" or "Số 12": past "so" only when the line starts with it (a
	 * line may be one character long) */
	if (starts(f, "so")) {
		n = f + 2;
		while (*n == ' ')
			n++;
	}
	return strstr(f, "cong hoa xa hoi chu nghia") || strstr(f, "doc lap") ||
	       (n != f && (*n == ':' || isdigit((unsigned char)*n))) ||
	       (ngay && strstr(ngay, "thang"));
}

/* No word in it: a rule ("-----"), a table's bars. */
static bool rule_line(const char *f)
{
	for (; *f; f++)
		if (isalnum((unsigned char)*f))
			return false;
	return true;
}

/* Where the body begins: legal bases, the addressee, an authority line,
 * a numbered heading ("I.", "1.", "Điều 1"). */
static bool body_line(const char *f)
{
	static const char *const words[] = {
		"can cu", "thuc hien", "kinh gui", "hom nay", "chu tich",
		"tm", "dieu 1", "phan i", "phan 1", "uy ban nhan dan", "ubnd",
		"ban chap hanh", "truong ban", "i", "ii", "a", NULL};
	const char *p = f;

	for (const char *const *w = words; *w; w++)
		if (starts(f, *w))
			return true;
	while (isdigit((unsigned char)*p))
		p++;
	return p > f && (*p == '.' || *p == ')');
}

static size_t words_in(const char *f)
{
	size_t n = 0;

	for (const char *p = f; *p; p++)
		n += isalnum((unsigned char)*p) &&
		     (p == f || !isalnum((unsigned char)p[-1]));
	return n;
}

/*
 * Where the issuer lines begin, before the title block at start: the
 * motto's line when the issuer shares it (two columns), else the three
 * lines before the motto (or before start); a web page's lines above
 * the header are not the issuer's.
 */
static size_t issuer_from(const struct docmeta *m, size_t start)
{
	for (size_t i = 0; i < start; i++) {
		const char *h = strstr(m->flines[i], "cong hoa xa hoi chu nghia");

		if (!h)
			continue;
		if (h > m->flines[i])
			return i;
		return i > 3 ? i - 3 : 0;
	}
	return start > 3 ? start - 3 : 0;
}

/*
 * Where the document's own header is (Nghị định 30: the motto's line),
 * when a web page or a scraper put lines above it; 0 when it has none.
 * The type line is looked for from there first.
 */
static size_t header_start(const struct docmeta *m)
{
	for (size_t i = 0; i < m->nlines && i < 40; i++)
		if (strstr(m->flines[i], "cong hoa xa hoi chu nghia") ||
		    strstr(m->flines[i], "doc lap tu do hanh phuc"))
			return i;
	return 0;
}

#define TITLE_LINES 6
#define TITLE_CHARS 400   /* folded bytes of title lines */
#define TITLE_LINE_MAX 300 /* a longer first title line is the body */
#define TITLE_NEXT_MAX 200 /* a longer line after it is the body */
#define OPENING_CHARS 400

/*
 * A document without text (a scan, a legacy .doc) is known by its file
 * name: its words are its title block, its first word ("BC", "Kế hoạch")
 * its type.
 */
static void read_name(struct assessment *a, const struct docmeta *m,
		      const char *path, struct doc_facts *df)
{
	const struct rubric *r = a->rubric;
	const struct lexicon *lx = r->lex;
	const char *base = strrchr(m->path, '/'), *obase = strrchr(path, '/');
	const char *dot;
	char *name;
	size_t n;

	df->name_type = -1;
	if (!lx)
		return;
	base = base ? base + 1 : m->path;
	obase = obase ? obase + 1 : path;
	dot = strrchr(base, '.');
	n = dot ? (size_t)(dot - base) : strlen(base);
	name = hs_strndup(base, n);
	for (char *c = name; *c; c++)
		if (*c == '_' || *c == '-' || *c == '.')
			*c = ' ';
	df->cset = hs_calloc(CZ_N * lx->nwords + 1, sizeof(uint64_t));
	lexicon_scan(lx, name, n, df->cset + CZ_TITLE * lx->nwords);
	dot = strrchr(obase, '.');
	lexicon_scan_exact(lx, obase, dot ? (size_t)(dot - obase) : strlen(obase),
			   df->cset + CZ_TITLE * lx->nwords);
	for (size_t t = 0; t < r->ndoctypes && df->name_type < 0; t++) {
		size_t k = r->doctypes[t].symbol ? strlen(r->doctypes[t].symbol) : 0;

		size_t kk = strlen(r->doctypes[t].key);

		if (rx_list_any(&r->doctypes[t].title_patterns, name, n, NULL, NULL,
				NULL) ||
		    (k && !strncmp(name, r->doctypes[t].symbol, k) &&
		     (name[k] == ' ' || !name[k])) ||
		    (!strncasecmp(name, r->doctypes[t].key, kk) &&
		     (name[kk] == ' ' || !name[kk])))
			df->name_type = (long)t;
	}
	free(name);
}

/*
 * The document's title block, issuer lines and opening paragraph, and the
 * lexicon's concepts in each (df->cset), read once per document. The title
 * block is the type line, found as set_type finds it, and the lines after
 * it until the body begins (see body_line, a long line or TITLE_LINES);
 * without a type line, the first lines after the header's own. The issuer
 * lines are the lines before it; the opening paragraph the first lines of
 * the body that are not legal bases (OPENING_CHARS).
 */
static void read_title_block(struct assessment *a, const struct docmeta *m,
			     const struct doc *d, const char *path,
			     struct doc_facts *df)
{
	const struct rubric *r = a->rubric;
	const struct lexicon *lx = r->lex;
	size_t start = SIZE_MAX, i, got = 0, nw = lx ? lx->nwords : 0, nop = 0;
	struct hs_buf q = HS_BUF_INIT, f = HS_BUF_INIT;
	bool typed;

	if (!df->has_text) {
		read_name(a, m, path, df);
		return;
	}
	if (!m->nlines)
		return;
	/* the type line as set_type finds it, but not a sentence of the
	 * body ("Quyết định này có hiệu lực ..."); after the document's own
	 * header when it has one, so that a web page's title and menu above
	 * it ("Quyết định Về việc ... - Cổng thông tin điện tử") are not
	 * taken for the document's */
	for (int pass = 0; pass < 2 && start == SIZE_MAX; pass++) {
		size_t from = pass ? 0 : header_start(m);

		if (pass && !header_start(m))
			break;
		for (i = from; i < m->nlines && i < from + 25 && start == SIZE_MAX;
		     i++) {
			const char *fl = m->flines[i];
			size_t len = strlen(fl);

			if (len && strchr(".;", fl[len - 1]))
				continue;
			for (size_t t = 0; t < r->ndoctypes; t++)
				if (rx_list_any(&r->doctypes[t].title_patterns, fl,
						len, NULL, NULL, NULL)) {
					start = i;
					break;
				}
		}
	}
	typed = start != SIZE_MAX;
	if (start == SIZE_MAX) {
		start = 0;
		for (i = 0; i < m->nlines && i < 12; i++)
			if (header_line(m->flines[i]) || rule_line(m->flines[i]))
				start = i + 1;
	}
	if (lx)
		df->cset = hs_calloc(CZ_N * nw + 1, sizeof(uint64_t));
	/* each zone is scanned joined: a phrase may run across lines */
	for (i = issuer_from(m, start); i < start; i++) {
		if (strchr(m->flines[i], '|'))
			continue; /* a site's menu, a table's bars */
		hs_buf_add(&f, m->flines[i], strlen(m->flines[i]));
		hs_buf_add(&f, " ", 1);
	}
	if (lx && f.len)
		lexicon_scan(lx, f.ptr, f.len, df->cset + CZ_ISSUER * nw);
	hs_buf_reset(&f);
	for (i = start; i < m->nlines; i++) {
		const char *fl = m->flines[i];
		size_t len = strlen(fl);

		if (rule_line(fl))
			continue;
		/* the line right after a type line is its title, whatever
		 * its first word ("Thực hiện nhiệm vụ ...") */
		if (i > start && (header_line(fl) || starts(fl, "can cu") ||
				  *fl == '(' || strchr(fl, '\t') ||
				  (i > start + typed &&
				   (body_line(fl) || len > TITLE_NEXT_MAX ||
				    strchr(".;:", fl[len - 1]))) ||
				  len > TITLE_LINE_MAX || got + len > TITLE_CHARS))
			break;
		if (i - start >= TITLE_LINES)
			break;
		hs_buf_add(&f, fl, len);
		hs_buf_add(&f, " ", 1);
		if (q.len)
			hs_buf_add(&q, " ", 1);
		hs_buf_add(&q, m->lines[i], strlen(m->lines[i]));
		got += len;
		if (lx)
			lexicon_scan_exact(lx, m->lines[i], strlen(m->lines[i]),
					   df->cset + CZ_TITLE * nw);
	}
	/* A spreadsheet's title is often only its file's name: its words
	 * count, and it is what is quoted when no type line was found. */
	if (d->format == FMT_XLSX || d->format == FMT_ODS ||
	    d->format == FMT_CSV) {
		const char *base = strrchr(m->path, '/'), *dot;
		const char *obase = strrchr(path, '/');

		base = base ? base + 1 : m->path;
		obase = obase ? obase + 1 : path;
		dot = strrchr(base, '.');
		hs_buf_add(&f, " ", 1);
		hs_buf_add(&f, base, dot ? (size_t)(dot - base) : strlen(base));
		if (!typed) {
			hs_buf_reset(&q);
			dot = strrchr(obase, '.');
			hs_buf_add(&q, obase,
				   dot ? (size_t)(dot - obase) : strlen(obase));
		}
	}
	if (lx && f.len)
		lexicon_scan(lx, f.ptr, f.len, df->cset + CZ_TITLE * nw);
	df->title_block = q.len ? shorten(hs_strndup(q.ptr, q.len)) : NULL;
	hs_buf_release(&q);
	/* the opening paragraph: the body's first lines that say something
	 * (not its legal bases, addressee or authority) */
	hs_buf_reset(&f);
	for (; lx && i < m->nlines && f.len < OPENING_CHARS && nop < 3; i++) {
		const char *fl = m->flines[i];
		size_t len = strlen(fl);

		if (starts(fl, "noi nhan") || starts(fl, "tm"))
			break;
		if (rule_line(fl) || starts(fl, "can cu") || starts(fl, "kinh gui") ||
		    starts(fl, "chu tich") || header_line(fl) || words_in(fl) < 6)
			continue;
		if (len > OPENING_CHARS - f.len)
			len = OPENING_CHARS - f.len;
		hs_buf_add(&f, fl, len);
		hs_buf_add(&f, " ", 1);
		nop++;
	}
	if (lx && f.len)
		lexicon_scan(lx, f.ptr, f.len, df->cset + CZ_OPENING * nw);
	hs_buf_release(&f);
}

/*
 * Does the document meet e's concepts? Every group of `all` in the title
 * block or the issuer lines; the last `opening` groups (the subject, after
 * the kind of document) may be in the opening paragraph instead. The
 * `none` veto is tested by the caller.
 */
static bool concepts_ok(const struct lexicon *lx, const struct rb_concepts *c,
			const uint64_t *cs)
{
	size_t nw = lx->nwords;

	for (size_t g = 0; g < c->nall; g++) {
		const uint64_t *set = c->all + g * nw;

		if (lex_meet(set, cs + CZ_TITLE * nw, nw, NULL) ||
		    lex_meet(set, cs + CZ_ISSUER * nw, nw, NULL))
			continue;
		if (g + c->opening >= c->nall &&
		    lex_meet(set, cs + CZ_OPENING * nw, nw, NULL))
			continue;
		return false;
	}
	return true;
}

static void evidence_facts(struct assessment *a, struct doc_facts *df,
			   const struct docmeta *m, const struct rb_evidence *e)
{
	/* As match_one decides, cheapest test first. */
	const struct lexicon *lx = a->rubric->lex;
	const char *base = strrchr(m->path, '/');
	size_t s = 0, t = 0;
	struct ev_quote *q;
	bool by_concepts = false, by_title = false, content;

	if (df->has_text && type_ok(e, m->type) &&
	    !(e->concepts.none && df->cset &&
	      (lex_meet(e->concepts.none, df->cset + CZ_TITLE * lx->nwords,
			lx->nwords, NULL) ||
	       lex_meet(e->concepts.none, df->cset + CZ_ISSUER * lx->nwords,
			lx->nwords, NULL)))) {
		by_concepts = e->concepts.nall && df->cset &&
			      concepts_ok(lx, &e->concepts, df->cset);
		by_title = !by_concepts && e->title_patterns.n &&
			   rx_list_any(&e->title_patterns, m->head, m->head_len,
				       NULL, &s, &t);
	}
	content = (by_concepts || by_title ||
		   (df->has_text && type_ok(e, m->type) && !e->concepts.nall &&
		    !e->title_patterns.n)) &&
		  all_match(&e->content_patterns, m->folded, m->folded_len);

	/* the file's name (not its folders: those are hints, below) */
	base = base ? base + 1 : m->path;
	if (rx_list_any(&e->filename_patterns, base, strlen(base), NULL, NULL,
			NULL))
		df->content[e->idx] |= EV_BY_NAME;
	/* a text that does not say it, against a name that does: the text
	 * wins (the name only helps a match of the text) */
	if (df->has_text && df->title_block && !content)
		df->content[e->idx] &= (unsigned char)~EV_BY_NAME;
	/* no text: a file-name pattern is not enough, the name must also
	 * say the requirement's concepts (and its type, when it gives one) */
	if (!df->has_text && df->cset && e->concepts.nall) {
		bool ok = (df->name_type >= 0 ? type_ok(e, df->name_type)
					      : !e->ntypes) &&
			  !(e->concepts.none &&
			    lex_meet(e->concepts.none, df->cset + CZ_TITLE * lx->nwords,
				     lx->nwords, NULL)) &&
			  concepts_ok(lx, &e->concepts, df->cset);

		/* the name says the concepts; what the content patterns would
		 * have checked (a level, a subject) only a file-name pattern
		 * can say */
		if (!ok)
			df->content[e->idx] &= (unsigned char)~EV_BY_NAME;
		else if (!e->content_patterns.n)
			df->content[e->idx] |= EV_BY_NAME;
	}
	if (*m->dir &&
	    rx_list_any(&e->folders, m->dir, strlen(m->dir), NULL, NULL, NULL))
		df->content[e->idx] |= EV_BY_FOLDER;
	if (!content)
		return;
	df->content[e->idx] |= EV_BY_CONTENT;
	/* What match_one quotes, from the head it will not have. */
	df->quotes = hs_realloc(df->quotes, (df->nquotes + 1) * sizeof(*q));
	q = &df->quotes[df->nquotes++];
	memset(q, 0, sizeof(*q));
	q->idx = e->idx;
	q->by_concepts = by_concepts;
	if (by_title && !df->title_block)
		q->title = shorten(docmeta_quote_head(m, s, t));
	if (e->issuers.n) {
		/* the issuing body sits in the first lines */
		size_t upto = m->head_len < 300 ? m->head_len : 300;

		if (rx_list_any(&e->issuers, m->head, upto, NULL, &s, &t))
			q->issuer = shorten(docmeta_quote_head(m, s, t));
	}
	(void)a;
}

static const struct ev_quote *quote_of(const struct doc_facts *df, size_t idx)
{
	for (size_t k = 0; k < df->nquotes; k++)
		if (df->quotes[k].idx == idx)
			return &df->quotes[k];
	return NULL;
}

static void figure_facts(struct doc_facts *df, const struct docmeta *m,
			 const struct doc *d, const struct rb_figure *fig)
{
	struct fig_seen seen = {.idx = fig->idx}, *fs = &seen;

	if (!d->text.len)
		return;
	if (fig->table_columns.n && df->has_text) {
		struct fig_result fr = {0};

		if (table_figure(d, fig, &fr)) {
			fs->in_table = true;
			fs->table_value = fr.value;
			fs->table_quote = fr.quote;
			fs->table_sheet = fr.sheet;
			fs->table_cell = fr.cell;
		}
	}
	for (size_t p = 0; p < fig->patterns.n && !fs->found_result; p++) {
		size_t ov[4];
		double v;

		if (rx_match(&fig->patterns.v[p], m->folded, m->folded_len, ov, 2) !=
			    2 ||
		    ov[2] == (size_t)-1 ||
		    !docmeta_parse_number(m->folded + ov[2], ov[3] - ov[2], &v))
			continue;
		if (!fs->found) {
			fs->found = true;
			fs->value = v;
			fs->quote = hs_strndup(m->folded + ov[0], ov[1] - ov[0]);
		}
		if (!assess_target_context(m->folded, ov[0])) {
			fs->found_result = true;
			fs->value_result = v;
			/* most often the same match as the first: shared */
			fs->quote_result =
				!strncmp(fs->quote, m->folded + ov[0], ov[1] - ov[0]) &&
						!fs->quote[ov[1] - ov[0]]
					? fs->quote
					: hs_strndup(m->folded + ov[0], ov[1] - ov[0]);
		}
	}
	/* kept only when found: thousands of documents, tens of figures */
	if (fs->found || fs->found_result || fs->in_table) {
		df->figs = hs_realloc(df->figs, (df->nfigs + 1) * sizeof(*df->figs));
		df->figs[df->nfigs++] = seen;
	}
}

const struct fig_seen *doc_fig(const struct doc_facts *df, size_t idx)
{
	static const struct fig_seen none;

	for (size_t k = 0; k < df->nfigs; k++)
		if (df->figs[k].idx == idx)
			return &df->figs[k];
	return &none;
}

/* Everything of document i that needs its whole text, read now. */
static void read_facts(struct assessment *a, size_t i, const struct doc *d)
{
	const struct rubric *r = a->rubric;
	const struct docmeta *m = &a->meta[i];
	struct doc_facts *df = &a->facts[i];

	df->has_text = d->text.len > 0 &&
		       (d->status == DOC_OK || d->status == DOC_OCR ||
			d->status == DOC_LIMIT_EXCEEDED);
	df->content = hs_calloc(r->nevidence_all + 1, 1);
	read_title_block(a, m, d, a->dx->docs[i].path, df);
	for (size_t k = 0; k < r->ndossier; k++)
		evidence_facts(a, df, m, &r->dossier[k]);
	for (size_t c = 0; c < r->ncriteria; c++)
		for (size_t k = 0; k < r->criteria[c].nindicators; k++) {
			const struct rb_indicator *ind = &r->criteria[c].indicators[k];

			for (size_t e = 0; e < ind->nevidence; e++)
				evidence_facts(a, df, m, &ind->evidence[e]);
			for (size_t f = 0; f < ind->nfigures; f++)
				figure_facts(df, m, d, &ind->figures[f]);
		}
	for (size_t f = 0; f < r->nconsistency; f++)
		figure_facts(df, m, d, &r->consistency[f]);
	df->detect[0] = first_capture(m, &r->detect_commune);
	df->detect[1] = first_capture(m, &r->detect_year);
	if (r->kind == RUBRIC_LEVELS)
		df->detect[2] = first_capture(m, &r->detect_level);
}

static void facts_release(struct doc_facts *df)
{
	for (size_t f = 0; f < df->nfigs; f++) {
		if (df->figs[f].quote_result != df->figs[f].quote)
			free(df->figs[f].quote_result);
		free(df->figs[f].quote);
		free(df->figs[f].table_quote);
		free(df->figs[f].table_sheet);
		free(df->figs[f].table_cell);
	}
	free(df->figs);
	free(df->content);
	for (size_t k = 0; k < df->nquotes; k++) {
		free(df->quotes[k].title);
		free(df->quotes[k].issuer);
	}
	free(df->quotes);
	free(df->title_block);
	free(df->cset);
	for (size_t k = 0; k < 3; k++)
		free(df->detect[k]);
}

void assess_init(struct assessment *a, const struct rubric *r,
		 const struct dossier *dx, const struct assess_options *opt)
{
	memset(a, 0, sizeof(*a));
	a->rubric = r;
	a->dx = dx;
	if (opt)
		a->opt = *opt;
	docmeta_rx_init(&a->mrx);
	a->meta = hs_calloc(dx->ndocs + 1, sizeof(*a->meta));
	a->facts = hs_calloc(dx->ndocs + 1, sizeof(*a->facts));
	a->inds = hs_calloc(dx->ndocs + 1, sizeof(*a->inds));
	/* One document at a time: its whole text is folded, read for every
	 * pattern of the rubric, and let go. */
	for (size_t i = 0; i < dx->ndocs; i++) {
		struct doc tmp;
		const struct doc *d = dossier_doc_get(dx, i, &tmp);

		docmeta_read(&a->meta[i], &a->mrx, d, dx->docs[i].path);
		assess_doc_type(a->rubric, &a->meta[i]);
		read_facts(a, i, d);
		docmeta_drop_text(&a->meta[i]);
		dossier_doc_put(dx, i, &tmp);
	}
}

static void add_reason(struct ev_match *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add_reason(struct ev_match *m, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	m->reasons = hs_realloc(m->reasons, (m->nreasons + 1) * sizeof(char *));
	m->reasons[m->nreasons++] = hs_strdup(buf);
}

static bool type_ok(const struct rb_evidence *e, long type)
{
	if (!e->ntypes)
		return true;
	for (size_t k = 0; k < e->ntypes; k++)
		if ((long)e->types[k] == type)
			return true;
	return false;
}

static bool all_match(const struct rx_list *l, const char *s, size_t len)
{
	for (size_t i = 0; i < l->n; i++)
		if (!rx_search(&l->v[i], s, len, NULL, NULL, NULL, NULL))
			return false;
	return true;
}

/* "khái niệm: báo cáo + thiết chế văn hóa": the concept that met each
 * group, the first found; "(mở đầu)" when only the opening paragraph
 * has it. */
static void concept_reason(struct assessment *a, const struct rb_evidence *e,
			   const struct doc_facts *df, struct ev_match *m)
{
	const struct lexicon *lx = a->rubric->lex;
	size_t nw = lx->nwords, n = 0;
	char buf[400];

	for (size_t g = 0; g < e->concepts.nall && n < sizeof(buf); g++) {
		const uint64_t *set = e->concepts.all + g * nw;
		size_t id = 0;
		bool title = lex_meet(set, df->cset + CZ_TITLE * nw, nw, &id) ||
			     lex_meet(set, df->cset + CZ_ISSUER * nw, nw, &id);

		if (!title && !lex_meet(set, df->cset + CZ_OPENING * nw, nw, &id))
			continue;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s%s",
				      g ? " + " : "", lx->concepts[id].label,
				      title ? "" : " (mở đầu)");
	}
	if (n)
		add_reason(m, "khái niệm: %s", buf);
}

/* The original spelling of a folder hint: the path as written. */
static const char *dir_of(const char *path, char *buf, size_t len)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;

	if (n >= len)
		n = len - 1;
	memcpy(buf, path, n);
	buf[n] = '\0';
	return buf;
}

/*
 * Text read by OCR says so: s (owned) with " (OCR, độ tin cậy 91 %)"
 * appended when document d was read by OCR.
 */
static char *ocr_noted(const struct doc *d, char *s)
{
	char *t;

	if (!d->nocr || !s)
		return s;
	t = hs_asprintf("%s (OCR, độ tin cậy %d %%)", s, doc_ocr_conf(d));
	free(s);
	return t;
}

/* Does document i satisfy e? Fills m and returns true if it does. */
static bool match_one(struct assessment *a, const struct rb_evidence *e,
		      size_t i, struct ev_match *m)
{
	const struct dossier_doc *dd = &a->dx->docs[i];
	const struct docmeta *md = &a->meta[i];
	const struct rubric *r = a->rubric;
	const struct ev_quote *eq = quote_of(&a->facts[i], e->idx);
	bool content, name_hit, folder_hit;
	double conf;
	char dir[512];

	memset(m, 0, sizeof(*m));
	m->doc = i;
	content = (a->facts[i].content[e->idx] & EV_BY_CONTENT) &&
		  (e->ntypes || e->title_patterns.n || e->content_patterns.n ||
		   e->concepts.nall);
	name_hit = a->facts[i].content[e->idx] & EV_BY_NAME;
	folder_hit = a->facts[i].content[e->idx] & EV_BY_FOLDER;
	if (!content && !name_hit)
		return false;
	m->by_content = content;
	if (content) {
		conf = 0.6;
		if (e->ntypes && md->type >= 0)
			add_reason(m, "loại văn bản: %s",
				   r->doctypes[md->type].name);
		if (a->facts[i].title_block && eq)
			add_reason(m, "tiêu đề: «%s»", a->facts[i].title_block);
		else if (eq && eq->title)
			add_reason(m, "tiêu đề khớp: «%s»", eq->title);
		if (eq && eq->by_concepts)
			concept_reason(a, e, &a->facts[i], m);
		else if (eq && e->title_patterns.n)
			add_reason(m, "khớp mẫu tiêu đề");
		if (e->content_patterns.n)
			add_reason(m, "nội dung khớp %zu mẫu", e->content_patterns.n);
		if (eq && eq->issuer) {
			add_reason(m, "cơ quan ban hành: «%s»", eq->issuer);
			conf += 0.15;
		}
		if (name_hit) {
			add_reason(m, "tên tệp cũng khớp");
			conf += 0.1;
		}
	} else {
		conf = 0.3;
		add_reason(m, "chỉ khớp tên tệp «%s»", dd->path);
		if (!a->facts[i].has_text)
			add_reason(m, "không đọc được nội dung (%s)",
				   doc_status_name(dd->doc.status));
		else
			add_reason(m, "nội dung không khớp mẫu của minh chứng");
	}
	if (folder_hit) {
		add_reason(m, "trong thư mục «%s»", dir_of(dd->path, dir, sizeof(dir)));
		conf += 0.1;
	}
	if (e->has_year && a->year && md->year) {
		int rel = md->year - a->year;

		if (rel < e->year_from || rel > e->year_to) {
			m->out_of_window = true;
			add_reason(m, "ngày ban hành năm %d, ngoài thời gian đánh giá",
				   md->year);
		} else {
			add_reason(m, "năm %d", md->year);
			conf += 0.05;
		}
	}
	/* OCR: every reason says so; under OCR_CONF_REVIEW the text is
	 * too uncertain to settle the requirement: a person looks. */
	if (content && dd->doc.nocr) {
		for (size_t q = 0; q < m->nreasons; q++)
			m->reasons[q] = ocr_noted(&dd->doc, m->reasons[q]);
		if (doc_ocr_conf(&dd->doc) < OCR_CONF_REVIEW) {
			m->by_content = false;
			add_reason(m, "độ tin cậy OCR dưới %d %%: cần người xem bản chụp",
				   OCR_CONF_REVIEW);
			conf -= 0.3;
		}
	}
	m->confidence = conf > 1.0 ? 1.0 : conf;
	return true;
}

/* Frees the reasons of one match. */
static void match_release(struct ev_match *m)
{
	for (size_t q = 0; q < m->nreasons; q++)
		free(m->reasons[q]);
	free(m->reasons);
}

static void ev_release(struct ev_result *res)
{
	for (size_t j = 0; j < res->n; j++)
		match_release(&res->m[j]);
	free(res->m);
	free(res->docs);
}

static int cmp_match(const void *x, const void *y)
{
	const struct ev_match *a = x, *b = y;

	if (a->by_content != b->by_content)
		return a->by_content ? -1 : 1;
	if (a->confidence != b->confidence)
		return a->confidence > b->confidence ? -1 : 1;
	return (a->doc > b->doc) - (a->doc < b->doc);
}

/* Document d is evidence of indicator k (once). */
static void doc_ind_add(struct assessment *a, size_t d, size_t k)
{
	struct doc_inds *di = &a->inds[d];

	for (size_t j = 0; j < di->n; j++)
		if (di->v[j] == k)
			return;
	di->v = hs_realloc(di->v, (di->n + 1) * sizeof(*di->v));
	di->v[di->n++] = k;
}

/* ind: the index of the indicator e belongs to, SIZE_MAX for the
 * dossier's own requirements. */
static void match_evidence(struct assessment *a, const struct rb_evidence *e,
			   size_t ind, struct ev_result *res)
{
	size_t content = 0, cap = 0;

	memset(res, 0, sizeof(*res));
	res->req = e;
	/* Only documents of the period count: a match dated outside it is
	 * kept (HS303) but cannot settle the requirement. */
	for (size_t i = 0; i < a->dx->ndocs; i++) {
		struct ev_match m;

		if (!match_one(a, e, i, &m))
			continue;
		HS_GROW(res->m, cap, res->n + 1);
		res->m[res->n++] = m;
		content += m.by_content && !m.out_of_window;
	}
	if (res->n > 1)
		qsort(res->m, res->n, sizeof(*res->m), cmp_match);
	if (content >= e->min_count) {
		/* Content settles it: a match by name only is dropped when the
		 * document's text says otherwise; a scan's name is all there is
		 * of it, so it stays listed (after the content ones). */
		size_t keep = 0;

		for (size_t k = 0; k < res->n; k++)
			if (res->m[k].by_content || !a->facts[res->m[k].doc].has_text)
				res->m[keep++] = res->m[k];
			else
				match_release(&res->m[k]);
		res->n = keep;
		res->state = EV_CONTENT;
	} else if (res->n >= e->min_count) {
		res->state = EV_NAME_ONLY;
	} else {
		res->state = EV_MISSING;
	}
	res->total = res->n;
	res->in_window = content;
	res->docs = hs_calloc(res->n + 1, sizeof(*res->docs));
	for (size_t k = 0; k < res->n; k++) {
		res->docs[k] = (struct ev_doc){res->m[k].doc, res->m[k].by_content,
					       res->m[k].out_of_window};
		res->ncontent += res->m[k].by_content;
		if (ind != SIZE_MAX)
			doc_ind_add(a, res->m[k].doc, ind);
	}
	if (res->n > EV_LIST_MAX) {
		for (size_t k = EV_LIST_MAX; k < res->n; k++)
			match_release(&res->m[k]);
		res->n = EV_LIST_MAX;
		res->m = hs_realloc(res->m, res->n * sizeof(*res->m));
	}
}

/* The first of the given documents in which list `which` (0 commune,
 * 1 year, 2 level) captured something (read_facts). */
static bool detect(struct assessment *a, int which, const size_t *docs,
		   size_t ndocs, char **value, size_t *from)
{
	for (size_t k = 0; k < ndocs; k++) {
		const char *v = a->facts[docs[k]].detect[which];

		if (v) {
			*value = hs_strdup(v);
			*from = docs[k];
			return true;
		}
	}
	return false;
}

static void detect_facts(struct assessment *a)
{
	const struct dossier *dx = a->dx;
	size_t *order = hs_calloc(dx->ndocs + 1, sizeof(size_t));
	bool *seen = hs_calloc(dx->ndocs + 1, sizeof(bool));
	size_t n = 0, from = 0;
	char *v = NULL;
	int counts[200] = {0}, best = 0;

	/* The dossier's own documents first, then every other one. */
	for (size_t k = 0; k < a->ndossier_ev; k++)
		for (size_t j = 0; j < a->dossier_ev[k].ncontent; j++) {
			size_t d = a->dossier_ev[k].docs[j].doc;

			if (!seen[d]) {
				seen[d] = true;
				order[n++] = d;
			}
		}
	for (size_t d = 0; d < dx->ndocs; d++)
		if (!seen[d])
			order[n++] = d;
	free(seen);
	if (detect(a, 0, order, n, &v, &from))
		a->commune = v;
	v = NULL;
	if (a->opt.year) {
		a->year = a->opt.year;
		a->year_source = a->opt.year_source ? a->opt.year_source : "--year";
	} else if (detect(a, 1, order, n, &v, &from) &&
		   atoi(v) >= 1990 && atoi(v) <= 2100) {
		a->year = atoi(v);
		a->year_source = dx->docs[from].path;
	}
	free(v);
	v = NULL;
	if (!a->year) {
		/* The year most documents are dated in. */
		for (size_t d = 0; d < dx->ndocs; d++) {
			int y = a->meta[d].year;

			if (y >= 1950 && y < 2150)
				counts[y - 1950]++;
		}
		for (int y = 0; y < 200; y++)
			if (counts[y] > counts[best])
				best = y;
		if (counts[best]) {
			a->year = best + 1950;
			a->year_source = "năm ban hành của đa số tài liệu";
		}
	}
	if (a->opt.level) {
		a->level_claimed = a->opt.level;
		a->level_source = hs_strdup("--level");
	} else if (a->rubric->kind == RUBRIC_LEVELS &&
		   detect(a, 2, order, n, &v, &from)) {
		a->level_claimed = atoi(v);
		a->level_source = hs_strdup(dx->docs[from].path);
	}
	free(v);
	free(order);
}

/*
 * A figure read from a table: the column whose header matches, in the row
 * whose first cells match (by default the total row). Sets fr's value,
 * quote and cell; true when found.
 */
static bool table_figure(const struct doc *d, const struct rb_figure *fig,
			 struct fig_result *fr)
{
	for (size_t t = 0; t < d->ntables; t++) {
		struct tbl_view v;
		bool got = false;

		tbl_view(&v, &d->tables[t]);
		for (uint32_t c = 0; c < v.ncols && !got; c++) {
			size_t row = v.total;

			if (!v.head[c] || !rx_list_any(&fig->table_columns, v.head[c],
							strlen(v.head[c]), NULL, NULL,
							NULL))
				continue;
			if (fig->table_rows.n) {
				row = SIZE_MAX;
				for (size_t r = v.first_data; r < v.t->nrows && row == SIZE_MAX;
				     r++)
					for (size_t k = 0; k < v.t->rows[r].ncells && k < 3; k++) {
						char *f = vntext_fold_str(v.t->rows[r].cells[k].text);

						if (rx_list_any(&fig->table_rows, f, strlen(f),
								NULL, NULL, NULL))
							row = r;
						free(f);
						if (row != SIZE_MAX)
							break;
					}
			}
			if (row != SIZE_MAX && tbl_num(&v.t->rows[row], c, &fr->value)) {
				char ref[160];

				/* a spreadsheet keeps 64,3% as 0.643 (a number cell;
				 * "0,8" typed in a docx is 0,8) */
				if (fig->unit && !strcmp(fig->unit, "%") && fr->value <= 1.0 &&
				    tbl_cell(&v.t->rows[row], c)->is_num)
					fr->value *= 100;
				tbl_ref(&v, row, c, ref, sizeof(ref));
				fr->found = true;
				fr->quote = hs_strdup(tbl_cell(&v.t->rows[row], c)->text);
				fr->sheet = hs_strdup(v.t->name);
				fr->cell = hs_strdup(strrchr(ref, '!') + 1);
				got = true;
			}
		}
		tbl_release(&v);
		if (got)
			return true;
	}
	return false;
}

static void read_figures(struct assessment *a, struct ind_result *ir)
{
	const struct rb_indicator *ind = ir->ind;

	ir->nfig = ind->nfigures;
	ir->fig = hs_calloc(ind->nfigures + 1, sizeof(*ir->fig));
	for (size_t f = 0; f < ind->nfigures; f++) {
		struct fig_result *fr = &ir->fig[f];
		const struct rb_figure *fig = &ind->figures[f];
		size_t *order = hs_calloc(a->dx->ndocs + 1, sizeof(size_t));
		bool *seen = hs_calloc(a->dx->ndocs + 1, sizeof(bool));
		size_t n = 0, nown;

		fr->fig = fig;
		/* The indicator's own evidence first, then the whole dossier. */
		for (size_t e = 0; e < ir->nev; e++)
			for (size_t k = 0; k < ir->ev[e].ncontent; k++) {
				size_t d = ir->ev[e].docs[k].doc;

				if (!seen[d]) {
					seen[d] = true;
					order[n++] = d;
				}
			}
		nown = n;
		for (size_t d = 0; d < a->dx->ndocs; d++)
			if (!seen[d])
				order[n++] = d;
		free(seen);
		for (size_t k = 0; k < n && !fr->found; k++) {
			const struct doc_facts *df = &a->facts[order[k]];
			const struct fig_seen *fs = doc_fig(df, fig->idx);

			if (!df->has_text)
				continue;
			/* A table says where the figure is: tried first, in the
			 * indicator's own evidence only (tables elsewhere hold
			 * other rates under the same "Tỷ lệ (%)" header). */
			if (fig->table_columns.n && k < nown && fs->in_table) {
				fr->found = true;
				fr->value = fs->table_value;
				fr->quote = hs_strdup(fs->table_quote);
				fr->sheet = hs_strdup(fs->table_sheet);
				fr->cell = hs_strdup(fs->table_cell);
				fr->doc = order[k];
				break;
			}
			if (fs->found) {
				fr->found = true;
				fr->value = fs->value;
				fr->doc = order[k];
				fr->quote = shorten(hs_strdup(fs->quote));
			}
		}
		if (fr->found)
			fr->quote = ocr_noted(&a->dx->docs[fr->doc].doc, fr->quote);
		free(order);
	}
}

void assess_match(struct assessment *a)
{
	const struct rubric *r = a->rubric;
	size_t k = 0;

	/* The dossier's own documents: they say the year and the level. */
	a->ndossier_ev = r->ndossier;
	a->dossier_ev = hs_calloc(r->ndossier + 1, sizeof(*a->dossier_ev));
	for (size_t i = 0; i < r->ndossier; i++)
		match_evidence(a, &r->dossier[i], SIZE_MAX, &a->dossier_ev[i]);
	detect_facts(a);
	/* Dossier evidence again, now that the year windows can apply. */
	for (size_t i = 0; i < r->ndossier; i++) {
		struct ev_result *res = &a->dossier_ev[i];

		ev_release(res);
		match_evidence(a, &r->dossier[i], SIZE_MAX, res);
	}
	for (size_t c = 0; c < r->ncriteria; c++)
		a->nind += r->criteria[c].nindicators;
	a->ind = hs_calloc(a->nind + 1, sizeof(*a->ind));
	for (size_t c = 0; c < r->ncriteria; c++)
		for (size_t i = 0; i < r->criteria[c].nindicators; i++) {
			struct ind_result *ir = &a->ind[k++];
			const struct rb_indicator *ind = &r->criteria[c].indicators[i];

			ir->cr = &r->criteria[c];
			ir->ind = ind;
			ir->nev = ind->nevidence;
			ir->ev = hs_calloc(ind->nevidence + 1, sizeof(*ir->ev));
			for (size_t e = 0; e < ind->nevidence; e++)
				match_evidence(a, &ind->evidence[e], k - 1, &ir->ev[e]);
			read_figures(a, ir);
		}
}

void assess_release(struct assessment *a)
{
	for (size_t i = 0; i < a->dx->ndocs; i++) {
		docmeta_release(&a->meta[i]);
		if (a->facts)
			facts_release(&a->facts[i]);
		if (a->inds)
			free(a->inds[i].v);
	}
	free(a->meta);
	free(a->facts);
	free(a->inds);
	for (size_t i = 0; i < a->ndossier_ev; i++)
		ev_release(&a->dossier_ev[i]);
	free(a->dossier_ev);
	for (size_t i = 0; i < a->nind; i++) {
		for (size_t e = 0; e < a->ind[i].nev; e++)
			ev_release(&a->ind[i].ev[e]);
		free(a->ind[i].ev);
		for (size_t f = 0; f < a->ind[i].nfig; f++) {
			free(a->ind[i].fig[f].quote);
			free(a->ind[i].fig[f].sheet);
			free(a->ind[i].fig[f].cell);
		}
		free(a->ind[i].fig);
		free(a->ind[i].why);
	}
	free(a->ind);
	free(a->commune);
	free(a->level_source);
	free(a->summary);
	findings_release(&a->findings);
	docmeta_rx_release(&a->mrx);
	memset(a, 0, sizeof(*a));
}
