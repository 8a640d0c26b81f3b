/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dossier.h: what `hoso extract` knows of one input: its documents (each
 * with the struct doc its worker produced) and its findings. Built by
 * dossier_read() from the source and the worker pool; read by the
 * renderings and, later, by the matching stages.
 */
#ifndef HOSO_DOSSIER_H
#define HOSO_DOSSIER_H

#include "source.h"
#include "worker.h"

struct dossier_doc {
	char *path;          /* UTF-8, '/'-separated, nesting joined by '/' */
	char *raw_hex;       /* raw name bytes when repaired, else NULL */
	enum vn_name_charset charset;
	uint64_t size;
	char sha256[65];     /* empty when the bytes were not read */
	unsigned depth;
	struct doc doc;
};

struct dossier {
	char *input_path;    /* as given, cleaned to UTF-8 */
	struct source src;   /* input facts and input-level findings */
	struct dossier_doc *docs; /* sorted by path after dossier_read */
	size_t ndocs, cap;
	struct findings findings; /* every finding, input and documents */
};

struct dossier_options {
	struct source_limits source;
	struct extract_limits extract;
	struct worker_limits worker;
	unsigned jobs;
	const char *cache_dir; /* --cache: extracted documents by content; NULL: none */
	const char *worker_exe; /* spawn workers from this program (NULL: fork) */
	bool progress;         /* a progress line on stderr (a terminal) */
};

/*
 * Reads input into dx (which needs no initialisation). HS_FAILED when the
 * input itself is unreadable (dx still holds the HS101 finding).
 */
enum hs_status dossier_read(struct dossier *dx, const char *input,
			    const struct dossier_options *opt);
void dossier_release(struct dossier *dx);

#endif
