/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * score.c: indicator statuses, the provisional result and this stage's
 * findings (see assess.h). Not checked is never passed: evidence matched
 * by name only or a figure not found makes an indicator needs_review,
 * never met.
 */
#include "understand/assess.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/vntext.h"

/* Index of the finding that explains why document d was not read. */
static long root_cause(const struct assessment *a, size_t d)
{
	const struct findings *f = &a->dx->findings;
	const char *path = a->dx->docs[d].path;

	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].file && !strcmp(f->v[i].file, path) &&
		    (f->v[i].code == HS201 || f->v[i].code == HS202 ||
		     f->v[i].code == HS204 || f->v[i].code == HS205 ||
		     f->v[i].code == HS106))
			return (long)i;
	return -1;
}

/*
 * confirmed: as if a person had confirmed every doubt (assess.h,
 * ind_result.at_confirmed): a requirement matched by name only, or by
 * content outside the period, counts as satisfied.
 */
static enum ind_status evidence_status(const struct ind_result *ir, bool confirmed)
{
	enum ind_status st = IND_MET;

	for (size_t e = 0; e < ir->nev; e++) {
		if (ir->ev[e].req->optional)
			continue;
		if (ir->ev[e].state == EV_MISSING)
			return IND_MISSING_EVIDENCE;
		if (ir->ev[e].state == EV_NAME_ONLY && !confirmed)
			st = IND_NEEDS_REVIEW;
	}
	return st;
}

const struct rb_threshold *threshold_for(const struct assessment *a,
					 const struct rb_figure *f)
{
	if (a->opt.difficult_area && f->difficult_area.set)
		return &f->difficult_area;
	return &f->threshold;
}

bool threshold_applies(const struct rb_threshold *t, int level)
{
	return t->set && ((level >= 1 && level <= RUBRIC_MAX_LEVEL &&
			   t->has_level[level]) ||
			  t->has_value);
}

/* Status of an indicator at a level (0 for points rubrics); confirmed:
 * a figure not read is taken as meeting its threshold. */
static enum ind_status status_at(const struct assessment *a,
				 const struct ind_result *ir, int level,
				 bool confirmed)
{
	enum ind_status st = evidence_status(ir, confirmed);

	if (st != IND_MET)
		return st;
	for (size_t f = 0; f < ir->nfig; f++) {
		const struct fig_result *fr = &ir->fig[f];
		const struct rb_threshold *t = threshold_for(a, fr->fig);

		if (!threshold_applies(t, level) && !fr->fig->nsteps)
			continue;
		if (!fr->found && confirmed)
			continue;
		if (!fr->found)
			return IND_NEEDS_REVIEW;
		if (threshold_applies(t, level) &&
		    !rb_threshold_ok(t, level, fr->value, NULL))
			st = IND_NOT_MET;
	}
	return st;
}

static bool applies_at(const struct rb_indicator *ind, int level)
{
	return level >= 1 && level <= RUBRIC_MAX_LEVEL && ind->requirement[level];
}

/*
 * Points of an indicator of a points rubric: graded by its figure's
 * score_thresholds when the figure was read (a partial score even when the
 * full threshold is missed), else all or nothing on the status st. Evidence
 * missing or not verifiable earns nothing, provisionally. confirmed: the
 * doubts confirmed (st is then the confirmed status), a figure not read
 * earning its top step: the most a confirmation can give.
 */
static double points_of(const struct ind_result *ir, enum ind_status st,
			bool confirmed)
{
	if (evidence_status(ir, confirmed) != IND_MET)
		return 0;
	for (size_t f = 0; f < ir->nfig; f++) {
		const struct fig_result *fr = &ir->fig[f];
		double top = 0;

		if (!fr->fig->nsteps)
			continue;
		if (!fr->found && !confirmed)
			return 0;
		for (size_t k = 0; k < fr->fig->nsteps; k++) {
			if (!fr->found || fr->value >= fr->fig->steps[k].min)
				top = fmax(top, fr->fig->steps[k].points);
			if (fr->found && fr->value >= fr->fig->steps[k].min)
				break;
		}
		return fmin(top, ir->ind->points_max);
	}
	return st == IND_MET ? ir->ind->points_max : 0;
}

const char *doubt_kind_name(enum doubt_kind k)
{
	switch (k) {
	case DOUBT_NAME_ONLY:
		return "name_only";
	case DOUBT_OUT_OF_PERIOD:
		return "out_of_period";
	case DOUBT_FIGURE:
		return "figure_not_found";
	}
	return "name_only";
}

/* Does a figure not read make ir doubtful: does a threshold or the
 * points need it at a level ir applies at (0 for points rubrics)? */
static bool figure_needed(const struct assessment *a,
			  const struct ind_result *ir, const struct fig_result *fr)
{
	const struct rubric *r = a->rubric;
	const struct rb_threshold *t = threshold_for(a, fr->fig);

	if (fr->found)
		return false;
	if (fr->fig->nsteps)
		return true;
	if (r->kind != RUBRIC_LEVELS)
		return threshold_applies(t, 0);
	for (size_t l = 0; l < r->nlevels; l++)
		if (applies_at(ir->ind, r->levels[l]) &&
		    threshold_applies(t, r->levels[l]))
			return true;
	return false;
}

size_t ind_doubts(const struct assessment *a, const struct ind_result *ir,
		  struct ind_doubt *out)
{
	size_t n = 0;

	if (!ir->pending)
		return 0;
	for (size_t e = 0; e < ir->nev; e++) {
		const struct ev_result *res = &ir->ev[e];
		bool by_name = false;

		if (res->req->optional || res->state != EV_NAME_ONLY)
			continue;
		for (size_t k = 0; k < res->total; k++)
			by_name |= !res->docs[k].by_content;
		out[n++] = (struct ind_doubt){
			.kind = by_name ? DOUBT_NAME_ONLY : DOUBT_OUT_OF_PERIOD,
			.ev = res,
		};
	}
	for (size_t f = 0; f < ir->nfig; f++)
		if (figure_needed(a, ir, &ir->fig[f]))
			out[n++] = (struct ind_doubt){.kind = DOUBT_FIGURE,
						      .fig = &ir->fig[f]};
	return n;
}

size_t doubt_docs(const struct assessment *a, const struct ind_result *ir,
		  const struct ind_doubt *d, size_t *out, size_t max)
{
	size_t n = 0;
	bool *seen;

	if (d->kind != DOUBT_FIGURE) {
		for (size_t k = 0; k < d->ev->total; k++) {
			const struct ev_doc *m = &d->ev->docs[k];

			if (m->by_content && !m->out_of_window)
				continue;
			if (n < max)
				out[n] = m->doc;
			n++;
		}
		return n;
	}
	/* content matches first, as the figure is looked for */
	seen = hs_calloc(a->dx->ndocs + 1, sizeof(*seen));
	for (int pass = 0; pass < 2; pass++)
		for (size_t e = 0; e < ir->nev; e++)
			for (size_t k = 0; k < ir->ev[e].total; k++) {
				const struct ev_doc *m = &ir->ev[e].docs[k];

				if (seen[m->doc] || m->by_content != (pass == 0))
					continue;
				seen[m->doc] = true;
				if (n < max)
					out[n] = m->doc;
				n++;
			}
	free(seen);
	return n;
}

/* What was expected, in words: the accepted document types. */
static const char *expected_words(const struct assessment *a,
				  const struct rb_evidence *e, char *buf,
				  size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < e->ntypes && n < len; k++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", k ? ", " : "",
				      a->rubric->doctypes[e->types[k]].name);
	return buf;
}

static void evidence_findings(struct assessment *a, const struct ev_result *res,
			      const char *criterion, const char *indicator)
{
	struct finding *f;
	char want[600];
	unsigned in_window;

	if (res->state == EV_MISSING && !res->req->optional) {
		expected_words(a, res->req, want, sizeof(want));
		if (indicator)
			f = findings_add(&a->findings, HS301, NULL,
					 "Chỉ tiêu %s thiếu minh chứng: %s%s%s%s.",
					 indicator, res->req->title,
					 *want ? " (văn bản loại: " : "", want,
					 *want ? ")" : "");
		else
			f = findings_add(&a->findings, HS301, NULL,
					 "Hồ sơ thiếu: %s%s%s%s.", res->req->title,
					 *want ? " (văn bản loại: " : "", want,
					 *want ? ")" : "");
		finding_place(f, criterion, indicator);
		finding_arg_str(f, "requirement", res->req->id);
		finding_arg_str(f, "expected", res->req->title);
		finding_arg_num(f, "found", (double)res->total);
		finding_arg_num(f, "needed", res->req->min_count);
	}
	if (res->state == EV_NAME_ONLY && !res->req->optional && res->total) {
		size_t k = 0, d;

		/* name the document matched by its name, not a content one
		 * (from all the matches: the list may stop before it) */
		while (k + 1 < res->total && res->docs[k].by_content)
			k++;
		d = res->docs[k].doc;

		f = findings_add(&a->findings, HS302, a->dx->docs[d].path,
				 "«%s» được nhận là minh chứng «%s» chỉ theo tên tệp; "
				 "nội dung chưa được xác nhận.",
				 a->dx->docs[d].path, res->req->title);
		finding_place(f, criterion, indicator);
		finding_arg_str(f, "requirement", res->req->id);
		f->caused_by = root_cause(a, d);
	}
	/* Dated outside the period matters only when the in-period
	 * documents do not satisfy the requirement on their own. */
	in_window = res->in_window;
	for (size_t k = 0; k < res->total && in_window < res->req->min_count; k++) {
		const struct ev_doc *m = &res->docs[k];

		if (!m->out_of_window || !m->by_content)
			continue;
		f = findings_add(&a->findings, HS303, a->dx->docs[m->doc].path,
				 "«%s» ban hành năm %d, ngoài năm đánh giá %d (minh chứng «%s»).",
				 a->dx->docs[m->doc].path, a->meta[m->doc].year,
				 a->year, res->req->title);
		finding_place(f, criterion, indicator);
		finding_arg_num(f, "document_year", a->meta[m->doc].year);
		finding_arg_num(f, "assessed_year", a->year);
	}
}

static void set_why(struct ind_result *ir, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void set_why(struct ind_result *ir, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	free(ir->why);
	ir->why = hs_strdup(buf);
}

/* The ids of the needed pending indicators, "3.3, 4.2", at most a few. */
static void needed_ids(const struct assessment *a, struct hs_buf *b)
{
	size_t shown = 0;

	for (size_t i = 0; i < a->nind; i++) {
		if (!a->ind[i].needed)
			continue;
		if (shown == 6) {
			hs_buf_adds(b, ", …");
			break;
		}
		hs_buf_addf(b, "%s%s", shown ? ", " : "", a->ind[i].ind->id);
		shown++;
	}
}

void ind_doubt_words(const struct assessment *a, const struct ind_result *ir,
		     struct hs_buf *b)
{
	struct ind_doubt *d = hs_calloc(ir->nev + ir->nfig + 1, sizeof(*d));
	size_t n = ind_doubts(a, ir, d);

	hs_buf_adds(b, "cần người xem xét: ");
	for (size_t k = 0; k < n; k++) {
		if (k)
			hs_buf_adds(b, "; ");
		switch (d[k].kind) {
		case DOUBT_NAME_ONLY:
			hs_buf_addf(b, "minh chứng «%s» chỉ khớp theo tên tệp, "
				    "chưa xác nhận được nội dung", d[k].ev->req->title);
			break;
		case DOUBT_OUT_OF_PERIOD:
			hs_buf_addf(b, "minh chứng «%s» ban hành ngoài năm đánh giá",
				    d[k].ev->req->title);
			break;
		case DOUBT_FIGURE:
			hs_buf_addf(b, "không tìm thấy số liệu «%s»",
				    d[k].fig->fig->title);
			break;
		}
	}
	if (!n)
		hs_buf_adds(b, "chưa kiểm tra được bằng máy");
	if (ir->status_confirmed != IND_MET)
		hs_buf_adds(b, "; kể cả khi xác nhận vẫn chưa đạt");
	free(d);
}

/* The band of a points total, NULL when the rubric has none for it. */
static const char *band_of(const struct rubric *r, double points)
{
	for (size_t b = 0; b < r->nbands; b++)
		if (points >= r->bands[b].min)
			return r->bands[b].name;
	return NULL;
}

/* Highest level every applying indicator meets (0 if none); confirmed:
 * as if every doubt were confirmed. */
static int level_of(const struct assessment *a, bool confirmed)
{
	const struct rubric *r = a->rubric;
	int reached = 0;

	for (size_t l = 0; l < r->nlevels; l++) {
		int lv = r->levels[l];
		bool all_met = true;

		for (size_t i = 0; i < a->nind; i++) {
			const struct ind_result *ir = &a->ind[i];

			if (applies_at(ir->ind, lv) &&
			    (confirmed ? ir->at_confirmed[lv] : ir->at[lv]) != IND_MET)
				all_met = false;
		}
		if (all_met)
			reached = lv;
	}
	return reached;
}

void assess_score(struct assessment *a, struct rubric *const *all, size_t nall)
{
	a->all = all;
	a->nall = nall;
	const struct rubric *r = a->rubric;
	size_t n_missing = 0, n_review = 0, n_notmet = 0, n_needed = 0;
	struct hs_buf sum = HS_BUF_INIT;

	for (size_t i = 0; i < a->ndossier_ev; i++)
		evidence_findings(a, &a->dossier_ev[i], NULL, NULL);
	a->level_assessed = rubric_top_level(r);
	if (a->level_claimed >= 1 && a->level_claimed <= RUBRIC_MAX_LEVEL) {
		for (size_t l = 0; l < r->nlevels; l++)
			if (r->levels[l] == a->level_claimed)
				a->level_assessed = a->level_claimed;
	}
	for (size_t i = 0; i < a->nind; i++) {
		struct ind_result *ir = &a->ind[i];
		const struct rb_indicator *ind = ir->ind;

		if (r->kind == RUBRIC_LEVELS) {
			int shown = a->level_assessed;

			for (size_t l = 0; l < r->nlevels; l++) {
				int lv = r->levels[l];

				ir->at[lv] = IND_MET;
				ir->at_confirmed[lv] = IND_MET;
				if (!applies_at(ind, lv))
					continue;
				ir->at[lv] = status_at(a, ir, lv, false);
				ir->at_confirmed[lv] = status_at(a, ir, lv, true);
				ir->pending |= ir->at[lv] == IND_NEEDS_REVIEW;
			}
			/* An indicator of higher levels only: its own level. */
			if (!applies_at(ind, shown))
				for (size_t l = 0; l < r->nlevels; l++)
					if (applies_at(ind, r->levels[l])) {
						shown = r->levels[l];
						break;
					}
			ir->status = ir->at[shown];
			ir->status_confirmed = ir->at_confirmed[shown];
			if (!ind->prov.confirmed && applies_at(ind, a->level_assessed))
				a->depends_unconfirmed = true;
		} else {
			ir->status = status_at(a, ir, 0, false);
			ir->status_confirmed = status_at(a, ir, 0, true);
			ir->points = points_of(ir, ir->status, false);
			ir->points_confirmed = points_of(ir, ir->status_confirmed, true);
			ir->pending = ir->status == IND_NEEDS_REVIEW;
			a->points += ir->points;
			a->points_if_confirmed += ir->points_confirmed;
			if (!ind->prov.confirmed)
				a->depends_unconfirmed = true;
		}
		a->npending += ir->pending;
		for (size_t e = 0; e < ir->nev; e++)
			evidence_findings(a, &ir->ev[e], ir->cr->id, ind->id);
		/* A result resting on an unconfirmed threshold says so. */
		for (size_t f = 0; f < ir->nfig; f++) {
			const struct rb_threshold *t = threshold_for(a, ir->fig[f].fig);
			int lv = r->kind == RUBRIC_LEVELS ? a->level_assessed : 0;

			if (threshold_applies(t, lv) && !ir->fig[f].fig->prov.confirmed)
				a->depends_unconfirmed = true;
		}
		switch (ir->status) {
		case IND_MET:
			set_why(ir, "đủ minh chứng");
			break;
		case IND_NOT_MET:
			n_notmet++;
			set_why(ir, "số liệu chưa đạt ngưỡng");
			break;
		case IND_MISSING_EVIDENCE:
			n_missing++;
			set_why(ir, "thiếu minh chứng");
			break;
		case IND_NEEDS_REVIEW:
			n_review++;
			{
				struct hs_buf w = HS_BUF_INIT;

				ind_doubt_words(a, ir, &w);
				free(ir->why);
				ir->why = hs_buf_detach(&w, NULL);
			}
			break;
		}
	}
	if (r->kind == RUBRIC_LEVELS) {
		a->level_reached = level_of(a, false);
		a->level_if_confirmed = level_of(a, true);
		/* needed: pending at a level confirmation adds */
		for (size_t i = 0; i < a->nind; i++)
			for (size_t l = 0; l < r->nlevels; l++) {
				int lv = r->levels[l];
				struct ind_result *ir = &a->ind[i];

				if (lv > a->level_reached && lv <= a->level_if_confirmed &&
				    applies_at(ir->ind, lv) &&
				    ir->at[lv] == IND_NEEDS_REVIEW && !ir->needed) {
					ir->needed = true;
					n_needed++;
				}
			}
		if (a->level_reached)
			hs_buf_addf(&sum, "Kết quả tạm tính: đạt mức độ %d",
				    a->level_reached);
		else
			hs_buf_addf(&sum, "Kết quả tạm tính: chưa đạt mức độ nào");
		if (a->level_claimed)
			hs_buf_addf(&sum, " (đề nghị mức độ %d)", a->level_claimed);
		if (n_needed) {
			hs_buf_addf(&sum, "; đạt mức độ %d nếu xác nhận %zu chỉ tiêu (",
				    a->level_if_confirmed, n_needed);
			needed_ids(a, &sum);
			hs_buf_adds(&sum, ")");
		}
	} else {
		a->points_max = r->points_max;
		a->classification = band_of(r, a->points);
		a->classification_if_confirmed = band_of(r, a->points_if_confirmed);
		for (size_t i = 0; i < a->nind; i++)
			if (a->ind[i].pending &&
			    a->ind[i].points_confirmed > a->ind[i].points) {
				a->ind[i].needed = true;
				n_needed++;
			}
		if (r->nbands && !r->scoring_prov.confirmed)
			a->depends_unconfirmed = true;
		hs_buf_addf(&sum, "Kết quả tạm tính: %g/%g điểm%s%s", a->points,
			    a->points_max, a->classification ? ", xếp loại " : "",
			    a->classification ? a->classification : "");
		if (n_needed) {
			hs_buf_addf(&sum, "; có thể đạt %g/%g điểm%s%s nếu xác nhận %zu chỉ tiêu (",
				    a->points_if_confirmed, a->points_max,
				    a->classification_if_confirmed ? ", xếp loại " : "",
				    a->classification_if_confirmed
					    ? a->classification_if_confirmed : "",
				    n_needed);
			needed_ids(a, &sum);
			hs_buf_adds(&sum, ")");
		}
	}
	hs_buf_addf(&sum, "; %zu chỉ tiêu thiếu minh chứng, %zu cần xem xét, %zu chưa đạt",
		    n_missing, n_review, n_notmet);
	if (a->depends_unconfirmed)
		hs_buf_adds(&sum, "; có ngưỡng chưa được xác nhận theo văn bản gốc");
	hs_buf_adds(&sum, ".");
	a->summary = hs_buf_detach(&sum, NULL);
}
