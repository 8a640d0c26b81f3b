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
	/* Status, format, notes and counts always; text and tables only
	 * while the document is held (see dossier_doc_get). */
	struct doc doc;
	size_t text_len;     /* bytes of text, held or spilled */
	size_t ntables;      /* tables, held or spilled */
	bool spilled;        /* text and tables are in the spill file */
	uint64_t spill_at;   /* where, and how many bytes (the wire format) */
	size_t spill_len;
	/* not a document of the dossier: hoso's own report or configuration
	 * (dossier_read drops it with an HS111/HS112 finding) */
	enum { SKIP_NONE, SKIP_CONFIG, SKIP_REPORT } skip;
};

struct dossier {
	char *input_path;    /* as given, cleaned to UTF-8 */
	struct source src;   /* input facts and input-level findings */
	struct dossier_doc *docs; /* sorted by path after dossier_read */
	size_t ndocs, cap;
	struct findings findings; /* every finding, input and documents */
	struct spill *spill; /* where texts and tables wait (dossier.c) */
};

/* The spill file of a dossier: mutable even through a const dossier. */
struct spill {
	int fd;              /* unnamed temporary file, or -1 */
	uint64_t end;
	bool full;           /* a write failed: later documents stay held */
	unsigned lost;       /* documents that could not be read back */
};

struct dossier_options {
	struct source_limits source;
	struct extract_limits extract;
	struct worker_limits worker;
	unsigned jobs;
	const char *cache_dir; /* --cache: extracted documents by content; NULL: none */
	const char *worker_exe; /* spawn workers from this program (NULL: fork) */
	bool progress;         /* a progress line on stderr (a terminal) */
	bool hold;             /* keep every text in memory (no spill file) */
	struct pool *pool;     /* workers shared by several inputs (borrowed);
				* NULL: dossier_read makes its own */
};

/*
 * Reads input into dx (which needs no initialisation). HS_FAILED when the
 * input itself is unreadable (dx still holds the HS101 finding).
 */
enum hs_status dossier_read(struct dossier *dx, const char *input,
			    const struct dossier_options *opt);
void dossier_release(struct dossier *dx);

/*
 * Document i whole, text and tables: the one held in dx, or read back
 * from the spill file into *tmp. Memory stays flat in the size of the
 * dossier because a document's text and tables are written to an unnamed
 * temporary file as soon as they arrive (unless --hold or the file cannot
 * be made), and each stage that reads them takes one document at a time.
 * Always pair with dossier_doc_put(dx, i, tmp). A spilled document that
 * cannot be read back comes as the held one, without text or tables.
 */
const struct doc *dossier_doc_get(const struct dossier *dx, size_t i,
				  struct doc *tmp);
void dossier_doc_put(const struct dossier *dx, size_t i, struct doc *tmp);

#endif
