/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * choose.c: which rubric a dossier is judged under when no --rubric is
 * given, from what the dossier says of itself (see assess.h, struct
 * rubric_choice, and docs/rubrics.md "Choosing the rubric").
 *
 * Three signals, read in one pass over the documents (each text folded
 * once, by docmeta_read), decide in this order; a signal of a higher
 * weight always wins over one of a lower weight:
 *   3  the evaluation year: --year; else the year the documents that make
 *      the claim (request letter, self-assessment, minutes) state in the
 *      words of some rubric's detect.year; else the year most documents
 *      are dated in; else the year any document states. Only the rubrics
 *      in force during that year's evaluation are candidates.
 *   2  the kind of claim: a level ("đạt Cộng đồng học tập mức độ 2") or
 *      points ("88/100 điểm, xếp loại Tốt"), by the rubrics' detect.claim;
 *      the kind more documents claim keeps the candidates of that kind.
 *   1  citations: the regulation most documents cite, only to break a tie.
 * A citation of a superseded regulation is never a reason to apply it:
 * it is HS601 on that document (checks/superseded.c).
 */
#include "assess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

#define YEAR_MIN 1990
#define YEAR_MAX 2100
#define NYEARS (YEAR_MAX - YEAR_MIN + 1)

/*
 * A year's evaluation runs from 1 December of that year (TT 44/2014: the
 * commune's self-inspection in December) to 31 March of the next (TT
 * 25/2023 Art. 9: recognition before 31 March). A rubric is in force for
 * the year when its regulation applies on some day of that period, so a
 * dossier for 2023, filed in January 2024 and recognised in March, may be
 * under either regulation: then the claim decides.
 */
static bool in_force(const struct rubric *r, int year)
{
	char from[16], to[16];

	snprintf(from, sizeof(from), "%04d-12-01", year % 10000);
	snprintf(to, sizeof(to), "%04d-03-31", (year + 1) % 10000);
	if (r->regulation.effective_from &&
	    strcmp(r->regulation.effective_from, to) > 0)
		return false;
	if (r->regulation.effective_until &&
	    strcmp(r->regulation.effective_until, from) < 0)
		return false;
	return true;
}

/* In force on 1 January after the year: when the dossier is filed. */
static bool in_force_at_filing(const struct rubric *r, int year)
{
	char day[16];

	snprintf(day, sizeof(day), "%04d-01-01", (year + 1) % 10000);
	return (!r->regulation.effective_from ||
		strcmp(r->regulation.effective_from, day) <= 0) &&
	       (!r->regulation.effective_until ||
		strcmp(r->regulation.effective_until, day) >= 0);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Is the year at s[at] the year of a date, "tháng 01 năm 2025" (a
 * document's date, or that of a regulation cited)? Not when the date is
 * 1 January, "từ ngày 01 tháng 01 năm 2024": the start of the data.
 */
static bool in_date(const char *s, size_t at)
{
	size_t i = at, d;
	bool jan;

	while (i && s[i - 1] == ' ')
		i--;
	if (i < 3 || memcmp(s + i - 3, "nam", 3))
		return false;
	i -= 3;
	while (i && s[i - 1] == ' ')
		i--;
	for (d = i; d && is_digit(s[d - 1]); d--)
		;
	if (d == i || i - d > 2)
		return false;
	jan = atoi(s + d) == 1;
	i = d;
	while (i && s[i - 1] == ' ')
		i--;
	if (i < 5 || memcmp(s + i - 5, "thang", 5))
		return false;
	if (!jan)
		return true;
	/* "ngay 01 thang 01": the first day of the year */
	i -= 5;
	while (i && s[i - 1] == ' ')
		i--;
	for (d = i; d && is_digit(s[d - 1]); d--)
		;
	return d == i || atoi(s + d) != 1;
}

/* A year aimed at, "phấn đấu đến năm 2030", "mục tiêu năm 2025". */
static bool target_year(const char *s, size_t at)
{
	static const char *const words[] = {"den nam", "phan dau", "muc tieu",
					    "tam nhin", NULL};
	size_t from = at > 24 ? at - 24 : 0;
	char window[32];

	memcpy(window, s + from, at - from);
	window[at - from] = '\0';
	for (const char *const *w = words; *w; w++)
		if (strstr(window, *w))
			return true;
	return false;
}

/*
 * The first year pattern r finds in s, skipping dates and targets (the
 * pattern is searched again after them); 0 if none.
 */
static int stated_year(const struct rx *r, const char *s, size_t len)
{
	size_t off = 0, ov[4];

	while (off < len && rx_match(r, s + off, len - off, ov, 2) == 2) {
		size_t g = off + ov[2];
		int y;

		if (ov[2] == (size_t)-1)
			return 0;
		y = atoi(s + g);
		/* not a date, nor a target ("phấn đấu đến năm 2030") */
		if (!in_date(s, g) && !target_year(s, g) &&
		    y >= YEAR_MIN && y <= YEAR_MAX)
			return y;
		off = g + 1;
	}
	return 0;
}

/*
 * The year a document states as the one evaluated: of every rubric's
 * detect.year, the pattern earliest in its list that finds one (each list
 * goes from the most specific to the most general).
 */
static int doc_year(struct rubric *const *rubrics, size_t n, const char *s,
		    size_t len)
{
	int best = 0;
	size_t best_p = SIZE_MAX;

	for (size_t i = 0; i < n; i++) {
		const struct rx_list *l = &rubrics[i]->detect_year;

		for (size_t p = 0; p < l->n && p < best_p; p++) {
			int y = stated_year(&l->v[p], s, len);

			if (y) {
				best = y;
				best_p = p;
				break;
			}
		}
	}
	return best;
}

/* The most frequent year of votes[] (ties: the later if latest). */
static int mode_year(const unsigned *votes, bool latest, unsigned *count)
{
	int best = -1;

	for (int y = 0; y < NYEARS; y++)
		if (votes[y] && (best < 0 || votes[y] > votes[best] ||
				 (latest && votes[y] == votes[best])))
			best = y;
	*count = best < 0 ? 0 : votes[best];
	return best < 0 ? 0 : best + YEAR_MIN;
}

static const char *kind_vi(enum rubric_kind k)
{
	return k == RUBRIC_LEVELS ? "mức độ" : "điểm, xếp loại";
}

const char *choice_year_from_name(enum choice_year_from f)
{
	switch (f) {
	case CHOICE_YEAR_NONE:
		return "none";
	case CHOICE_YEAR_CLI:
		return "--year";
	case CHOICE_YEAR_CLAIM:
		return "wording";
	case CHOICE_YEAR_DATES:
		return "dates";
	case CHOICE_YEAR_MENTION:
		return "mention";
	}
	return "none";
}

/* The first of the kind claimed most (by documents); false on a tie. */
static bool claim_kind(const struct rubric_choice *c, enum rubric_kind *k)
{
	if (c->claims[RUBRIC_LEVELS] == c->claims[RUBRIC_POINTS])
		return false;
	*k = c->claims[RUBRIC_LEVELS] > c->claims[RUBRIC_POINTS] ? RUBRIC_LEVELS
								  : RUBRIC_POINTS;
	return true;
}

/* Reads the signals from every document, one at a time. */
static void read_signals(struct rubric_choice *c, struct rubric *const *rubrics,
			 size_t n, const struct dossier *dx)
{
	struct docmeta_rx rx;
	unsigned *claimed = hs_calloc(NYEARS, sizeof(unsigned));
	unsigned *dated = hs_calloc(NYEARS, sizeof(unsigned));
	unsigned *stated = hs_calloc(NYEARS, sizeof(unsigned));
	size_t *claim_year_doc = hs_calloc(NYEARS, sizeof(size_t));
	size_t *stated_doc = hs_calloc(NYEARS, sizeof(size_t));

	docmeta_rx_init(&rx);
	for (size_t d = 0; d < dx->ndocs; d++) {
		struct doc tmp;
		const struct doc *doc = dossier_doc_get(dx, d, &tmp);
		struct docmeta m;
		bool claims = false;
		int y;

		docmeta_read(&m, &rx, doc, dx->docs[d].path);
		dossier_doc_put(dx, d, &tmp);
		if (m.year >= YEAR_MIN && m.year <= YEAR_MAX)
			dated[m.year - YEAR_MIN]++;
		if (!m.folded || !m.folded_len) {
			docmeta_release(&m);
			continue;
		}
		for (size_t i = 0; i < n; i++)
			c->cites[i] += rx_list_any(&rubrics[i]->regulation.cite_patterns,
						   m.folded, m.folded_len, NULL,
						   NULL, NULL);
		for (int k = RUBRIC_LEVELS; k <= RUBRIC_POINTS; k++) {
			bool hit = false;

			for (size_t i = 0; i < n && !hit; i++)
				hit = (int)rubrics[i]->kind == k &&
				      rx_list_any(&rubrics[i]->detect_claim,
						  m.folded, m.folded_len, NULL,
						  NULL, NULL);
			if (hit && !c->claims[k]++)
				c->claim_doc[k] = d;
			claims |= hit;
		}
		y = doc_year(rubrics, n, m.folded, m.folded_len);
		if (y && claims && !claimed[y - YEAR_MIN]++)
			claim_year_doc[y - YEAR_MIN] = d;
		if (y && !stated[y - YEAR_MIN]++)
			stated_doc[y - YEAR_MIN] = d;
		docmeta_release(&m);
	}
	docmeta_rx_release(&rx);
	if (c->year_from == CHOICE_YEAR_NONE &&
	    (c->year = mode_year(claimed, true, &c->year_count))) {
		c->year_from = CHOICE_YEAR_CLAIM;
		c->year_doc = claim_year_doc[c->year - YEAR_MIN];
	}
	if (c->year_from == CHOICE_YEAR_NONE &&
	    (c->year = mode_year(dated, false, &c->year_count)))
		c->year_from = CHOICE_YEAR_DATES;
	if (c->year_from == CHOICE_YEAR_NONE &&
	    (c->year = mode_year(stated, true, &c->year_count))) {
		c->year_from = CHOICE_YEAR_MENTION;
		c->year_doc = stated_doc[c->year - YEAR_MIN];
	}
	free(claimed);
	free(dated);
	free(stated);
	free(claim_year_doc);
	free(stated_doc);
}

void choose_rubric(struct rubric_choice *c, struct rubric *const *rubrics,
		   size_t n, const struct dossier *dx, int year)
{
	bool *cand;
	size_t ncand, best = SIZE_MAX, top = 0;
	enum rubric_kind kind;
	const char *num;

	memset(c, 0, sizeof(*c));
	c->nrubrics = n;
	c->cites = hs_calloc(n + 1, sizeof(*c->cites));
	c->in_force = hs_calloc(n + 1, sizeof(*c->in_force));
	c->year_doc = SIZE_MAX;
	c->claim_doc[0] = c->claim_doc[1] = SIZE_MAX;
	c->decided_by = "default";
	if (year) {
		c->year = year;
		c->year_from = CHOICE_YEAR_CLI;
	}
	read_signals(c, rubrics, n, dx);
	cand = hs_calloc(n + 1, sizeof(*cand));

	/* weight 3: the rubrics in force for the year (all if none is) */
	for (size_t i = 0; i < n; i++)
		if (c->year && in_force(rubrics[i], c->year)) {
			c->in_force[i] = cand[i] = true;
			c->nin_force++;
		}
	for (size_t i = 0; i < n && !c->nin_force; i++)
		cand[i] = true;
	ncand = c->nin_force ? c->nin_force : n;
	if (c->nin_force == 1)
		c->decided_by = "year";

	/* weight 2: the kind of result the dossier claims */
	c->has_claim = claim_kind(c, &kind);
	if (c->has_claim) {
		size_t same = 0;

		c->claim = kind;
		for (size_t i = 0; i < n; i++)
			same += cand[i] && rubrics[i]->kind == kind;
		if (same && same < ncand) {
			for (size_t i = 0; i < n; i++)
				cand[i] = cand[i] && rubrics[i]->kind == kind;
			ncand = same;
			if (ncand == 1)
				c->decided_by = "claim";
		}
	}

	/* weight 1: the regulation most documents cite, on a tie only */
	if (ncand > 1) {
		size_t ntop = 0;

		for (size_t i = 0; i < n; i++)
			if (cand[i] && c->cites[i] > top)
				top = c->cites[i];
		for (size_t i = 0; i < n; i++)
			if (cand[i] && top && c->cites[i] == top) {
				ntop++;
				best = i;
			}
		if (ntop == 1)
			c->decided_by = "citations";
		else
			best = SIZE_MAX;
	} else {
		for (size_t i = 0; i < n; i++)
			if (cand[i])
				best = i;
	}
	/* nothing tells them apart: the one in force when the dossier is
	 * filed (1 January after the year), else the newest */
	for (size_t i = 0; i < n && best == SIZE_MAX && c->year; i++)
		if (cand[i] && in_force_at_filing(rubrics[i], c->year))
			best = i;
	if (best == SIZE_MAX) {
		c->newest = true;
		for (size_t i = 0; i < n; i++)
			if (cand[i] &&
			    (best == SIZE_MAX ||
			     (rubrics[i]->regulation.effective_from &&
			      (!rubrics[best]->regulation.effective_from ||
			       strcmp(rubrics[i]->regulation.effective_from,
				      rubrics[best]->regulation.effective_from) > 0))))
				best = i;
	}
	c->chosen = best == SIZE_MAX ? 0 : best;
	free(cand);

	num = n ? rubrics[c->chosen]->regulation.number : "";
	if (!strcmp(c->decided_by, "year"))
		snprintf(c->why, sizeof(c->why),
			 "năm đánh giá %d: chỉ %s có hiệu lực", c->year, num);
	else if (!strcmp(c->decided_by, "claim") && c->nin_force > 1)
		snprintf(c->why, sizeof(c->why),
			 "năm đánh giá %d có %zu văn bản có hiệu lực; hồ sơ đề nghị "
			 "theo %s, cách đánh giá của %s", c->year, c->nin_force, kind_vi(c->claim),
			 num);
	else if (!strcmp(c->decided_by, "claim"))
		snprintf(c->why, sizeof(c->why), "hồ sơ đề nghị theo %s, cách đánh giá của %s",
			 kind_vi(c->claim), num);
	else if (!strcmp(c->decided_by, "citations"))
		snprintf(c->why, sizeof(c->why),
			 "năm và đề nghị không phân định được; %zu tài liệu dẫn chiếu %s",
			 top, num);
	else if (!c->newest)
		snprintf(c->why, sizeof(c->why),
			 "năm, đề nghị và dẫn chiếu không phân định được; %s có hiệu "
			 "lực khi nộp hồ sơ năm %d", num, c->year + 1);
	else
		snprintf(c->why, sizeof(c->why),
			 "không xác định được năm đánh giá, loại đề nghị hay văn bản "
			 "dẫn chiếu; dùng văn bản mới nhất %s", num);
}

/* The file name of a path, for a message that lists several. */
static const char *base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

void choose_report(const struct rubric_choice *c, struct rubric *const *rubrics,
		   const struct dossier *dx, struct findings *out)
{
	const struct rubric *r = rubrics[c->chosen];
	struct hs_buf m = HS_BUF_INIT, forced = HS_BUF_INIT;
	struct finding *f;
	char key[160];

	hs_buf_addf(&m, "Áp dụng %s (%s). ", r->regulation.number, c->why);
	/* the year (weight 3) */
	if (c->year_from == CHOICE_YEAR_NONE)
		hs_buf_adds(&m, "Năm đánh giá: không xác định (trọng số 3)");
	else
		hs_buf_addf(&m, "Năm đánh giá: %d (trọng số 3), ", c->year);
	switch (c->year_from) {
	case CHOICE_YEAR_CLI:
		hs_buf_adds(&m, "theo tham số --year");
		break;
	case CHOICE_YEAR_CLAIM:
		hs_buf_addf(&m, "theo «%s» (%u tài liệu đề nghị ghi năm này)",
			    base(dx->docs[c->year_doc].path), c->year_count);
		break;
	case CHOICE_YEAR_DATES:
		hs_buf_addf(&m, "theo ngày ban hành (%u tài liệu ban hành năm này)",
			    c->year_count);
		break;
	case CHOICE_YEAR_MENTION:
		hs_buf_addf(&m, "theo «%s» (%u tài liệu ghi năm này)",
			    base(dx->docs[c->year_doc].path), c->year_count);
		break;
	case CHOICE_YEAR_NONE:
		break;
	}
	if (c->year) {
		bool first = true;

		hs_buf_adds(&m, "; có hiệu lực: ");
		for (size_t i = 0; i < c->nrubrics; i++)
			if (c->in_force[i]) {
				hs_buf_addf(&m, "%s%s", first ? "" : ", ",
					    rubrics[i]->regulation.number);
				if (!first)
					hs_buf_addch(&forced, ',');
				hs_buf_adds(&forced, rubrics[i]->id);
				first = false;
			}
		if (first)
			hs_buf_adds(&m, "không có");
	}
	/* the claim (weight 2) */
	if (c->has_claim)
		hs_buf_addf(&m, ". Đề nghị theo %s (trọng số 2), trong «%s» "
			    "(mức độ: %u, điểm: %u tài liệu)",
			    kind_vi(c->claim), base(dx->docs[c->claim_doc[c->claim]].path),
			    c->claims[RUBRIC_LEVELS], c->claims[RUBRIC_POINTS]);
	else if (c->claims[RUBRIC_LEVELS])
		hs_buf_addf(&m, ". Đề nghị: không rõ (trọng số 2; mức độ và điểm "
			    "mỗi loại %u tài liệu)", c->claims[RUBRIC_LEVELS]);
	else
		hs_buf_adds(&m, ". Đề nghị: không thấy mức độ hay xếp loại (trọng số 2)");
	/* citations (weight 1) */
	hs_buf_adds(&m, ". Dẫn chiếu (trọng số 1, chỉ khi ngang nhau):");
	for (size_t i = 0; i < c->nrubrics; i++)
		hs_buf_addf(&m, "%s %s %zu tài liệu", i ? "," : "",
			    rubrics[i]->regulation.number, c->cites[i]);
	hs_buf_addch(&m, '.');

	f = findings_add(out, HS602, NULL, "%s", m.ptr);
	finding_arg_str(f, "rubric", r->id);
	finding_arg_str(f, "decided_by", c->decided_by);
	finding_arg_num(f, "year", c->year);
	finding_arg_str(f, "year_from", choice_year_from_name(c->year_from));
	if (c->year_doc != SIZE_MAX)
		finding_arg_str(f, "year_document", dx->docs[c->year_doc].path);
	finding_arg_num(f, "year_documents", c->year_count);
	finding_arg_str(f, "in_force", forced.ptr ? forced.ptr : "");
	finding_arg_num(f, "year_weight", 3);
	finding_arg_str(f, "claim", c->has_claim
					  ? (c->claim == RUBRIC_LEVELS ? "level" : "points")
					  : "none");
	if (c->has_claim)
		finding_arg_str(f, "claim_document",
				dx->docs[c->claim_doc[c->claim]].path);
	finding_arg_num(f, "claim_documents_level", c->claims[RUBRIC_LEVELS]);
	finding_arg_num(f, "claim_documents_points", c->claims[RUBRIC_POINTS]);
	finding_arg_num(f, "claim_weight", 2);
	for (size_t i = 0; i < c->nrubrics; i++) {
		snprintf(key, sizeof(key), "cites_%s", rubrics[i]->id);
		finding_arg_num(f, key, (double)c->cites[i]);
	}
	finding_arg_num(f, "cites_weight", 1);
	finding_arg_str(f, "reason", c->why);
	hs_buf_release(&m);
	hs_buf_release(&forced);
}

void choose_release(struct rubric_choice *c)
{
	free(c->cites);
	free(c->in_force);
	memset(c, 0, sizeof(*c));
}
