/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * source.h: the input -> its entries, never extracted to disk.
 *
 * An input is a folder, an archive (zip, 7z, rar/rar5, tar with gzip,
 * bzip2, xz or zstd; archives nested in archives up to a depth) or a single
 * document. Archives are read through libarchive with only those formats
 * and filters registered: an input file from its descriptor, in parts
 * (never held whole unless it is one document), archives inside it from
 * memory. Every budget of source_limits is counted here, as bytes come
 * out of the decompressor, never from declared sizes.
 * Call order:
 *   1) source_init(&s, &limits)
 *   2) source_walk(&s, path, callback, ctx): callback once per document
 *   3) read s.findings, s.input_*; source_release(&s)
 */
#ifndef HOSO_SOURCE_H
#define HOSO_SOURCE_H

#include "read/extract/extract.h"
#include "base/findings.h"
#include "base/vntext.h"

struct source_limits {
	uint64_t input_max;   /* bytes of the input (file, or folder total) */
	uint64_t total_max;   /* uncompressed bytes, all levels */
	uint64_t entry_max;   /* uncompressed bytes of one entry */
	uint64_t entries_max; /* entries, all levels */
	uint32_t ratio_max;   /* compression ratio of an entry past 1 MiB */
	uint32_t depth_max;   /* archives inside archives */
	uint32_t time_max;    /* seconds for reading the whole input */
};
#define SOURCE_LIMITS_DEFAULT \
	{200u << 20, 1ull << 30, 64u << 20, 10000, 100, 3, 300}

/* One document found in the input; everything borrowed for the callback. */
struct source_entry {
	const char *path;        /* repaired UTF-8 path; nesting joined by '/' */
	const char *raw_hex;     /* raw bytes of a repaired name, else NULL */
	enum vn_name_charset charset;
	const unsigned char *data; /* NULL when preset says why it is not read */
	size_t size;             /* bytes (as read, or as declared if not read) */
	enum doc_format format;
	enum doc_status preset;  /* DOC_OK, or why the entry was not read */
	const char *reason;      /* with preset */
	unsigned depth;          /* 0: top level of the input */
};

typedef void (*source_cb)(void *ctx, const struct source_entry *e);

struct source {
	struct source_limits limits;
	struct findings findings;
	/* what the input is */
	char *input_name;        /* the input's base name, UTF-8 */
	enum doc_format input_format; /* FMT_UNKNOWN for a folder */
	bool input_is_dir;
	uint64_t input_size;
	char input_sha256[65];   /* hex; empty for a folder */
	/* counters */
	uint64_t total_bytes;
	uint64_t entries;
	bool stopped;            /* a global budget ended the walk */
	double deadline;
};

void source_init(struct source *s, const struct source_limits *lim);
void source_release(struct source *s);

/*
 * Walks path. HS_OK, HS_WARN (input read with findings), or HS_FAILED (the
 * input itself could not be read: HS101 in s->findings).
 */
enum hs_status source_walk(struct source *s, const char *path, source_cb cb,
			   void *ctx);

/*
 * Walks an archive (or single document) already in memory, named name:
 * the same reading as source_walk without the file system (fuzzers,
 * tests). Same return values.
 */
enum hs_status source_walk_memory(struct source *s, const char *name,
				  const unsigned char *data, size_t len,
				  source_cb cb, void *ctx);

/* SHA-256 of data as 64 hex digits + NUL into out. */
void source_sha256(const unsigned char *data, size_t len, char out[65]);
/* SHA-256 (hex) of the file at path, read in blocks; false if it cannot
 * be read or has more than max bytes. */
bool source_file_sha256(const char *path, uint64_t max, char out[65]);
/* The n bytes of d as 2n lowercase hex digits + NUL into out. */
void source_hex(const unsigned char *d, size_t n, char *out);

/* Monotonic seconds. */
double source_now(void);

#endif
