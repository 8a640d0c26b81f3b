/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * date_order.c: HS404, a document dated after the request letter (the
 * last document of a dossier, "Tờ trình") or in the future. "Now" is
 * SOURCE_DATE_EPOCH when set, so a run can be reproduced.
 */
#include "checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long day_number(int y, int m, int d)
{
	return (long)y * 10000 + m * 100 + d;
}

static void date_order_run(struct assessment *a)
{
	const struct rubric *r = a->rubric;
	long letter = 0, now = assess_today();
	size_t letter_doc = 0;
	char buf[16], buf2[16];

	/* The request letter: the latest dated Tờ trình of the dossier. */
	for (size_t i = 0; i < a->dx->ndocs; i++) {
		const struct docmeta *m = &a->meta[i];
		long d;

		if (m->type < 0 || strcmp(r->doctypes[m->type].key, "TTr") ||
		    !m->day)
			continue;
		d = day_number(m->year, m->month, m->day);
		if (d > letter) {
			letter = d;
			letter_doc = i;
		}
	}
	for (size_t i = 0; i < a->dx->ndocs; i++) {
		const struct docmeta *m = &a->meta[i];
		struct finding *f;
		long d;

		if (!m->day)
			continue;
		d = day_number(m->year, m->month, m->day);
		if (d > now) {
			f = findings_add(&a->findings, HS404, a->dx->docs[i].path,
					 "«%s» ghi ngày %s, sau ngày hôm nay.",
					 a->dx->docs[i].path, docmeta_date(m, buf));
			finding_arg_str(f, "date", docmeta_date(m, buf));
			f->page = 1;
		} else if (letter && d > letter) {
			f = findings_add(&a->findings, HS404, a->dx->docs[i].path,
					 "«%s» ghi ngày %s, sau ngày của tờ trình «%s» (%s).",
					 a->dx->docs[i].path, docmeta_date(m, buf),
					 a->dx->docs[letter_doc].path,
					 docmeta_date(&a->meta[letter_doc], buf2));
			finding_arg_str(f, "date", docmeta_date(m, buf));
			finding_arg_str(f, "request_letter", a->dx->docs[letter_doc].path);
			finding_arg_str(f, "request_date",
					docmeta_date(&a->meta[letter_doc], buf2));
			f->page = 1;
		}
	}
}

const struct check check_date_order = {
	.code = HS404,
	.name = "date-order",
	.run = date_order_run,
};
