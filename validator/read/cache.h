/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cache.h: extracted documents kept on disk by the content of their entry,
 * so that an unchanged file is never parsed twice (`--cache DIR`, off by
 * default).
 *
 * An entry's key is the SHA-256 of: the cache format, hoso's version, the
 * extractor version (CACHE_EXTRACTOR_VERSION in cache.c: bump it whenever
 * an extractor's output changes), the extract limits, the detected format
 * and the SHA-256 of the entry's bytes. Its file, DIR/<key hex>, holds a
 * header, the SHA-256 of the payload and the payload: the worker's wire
 * format (worker_encode). A file is only ever read as hostile input: a
 * wrong header, size or checksum, or a payload that worker_decode()
 * refuses, is a miss, never a result. Files are created in DIR only
 * (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600, then renamed into place), and a
 * cache that cannot be written just stops being written to.
 * Call order:
 *   1) c = cache_open(dir, &extract_limits)   (NULL dir: no cache)
 *   2) cache_get() / cache_put() for each document
 *   3) cache_free(c)
 */
#ifndef HOSO_CACHE_H
#define HOSO_CACHE_H

#include "read/extract/extract.h"

struct cache;

/*
 * Opens (and creates, mode 0700, if it is missing) the cache folder dir.
 * Returns NULL when dir is NULL; a folder that cannot be opened gives a
 * warning on stderr and a handle on which every get misses and every put
 * does nothing. Caller frees with cache_free().
 */
struct cache *cache_open(const char *dir, const struct extract_limits *el);
void cache_free(struct cache *c);

/*
 * Looks up the entry whose bytes have SHA-256 sha256 (hex) and detected
 * format fmt. On a hit, true and *d (initialised by the caller with
 * doc_init) holds the document; on a miss, false and *d is as it was.
 * c may be NULL (always a miss).
 */
bool cache_get(struct cache *c, const char *sha256, enum doc_format fmt,
	       struct doc *d);

/*
 * Stores d as the result for (sha256, fmt). Results that depend on more
 * than the bytes (a time, CPU or memory limit, a crashed reader) are not
 * stored. c may be NULL.
 */
void cache_put(struct cache *c, const char *sha256, enum doc_format fmt,
	       const struct doc *d);

/*
 * Blobs: bytes kept by a key the caller makes (a verdict by everything
 * that decides it, main.c), read with the same checks as documents.
 * cache_blob_open: the checked file's descriptor (caller closes), the
 * payload at *off, *len bytes long; -1 on a miss or a payload over max.
 * cache_blob_put: payload prefix + data; cache_blob_put_fd: prefix + the
 * bytes of fd (read with pread from offset 0, in blocks).
 */
int cache_blob_open(struct cache *c, const char *key, uint64_t max,
		    uint64_t *off, uint64_t *len);
void cache_blob_put(struct cache *c, const char *key, const char *prefix,
		    const void *data, size_t len);
void cache_blob_put_fd(struct cache *c, const char *key, const char *prefix,
		       int fd);
/* SHA-256 (hex) of the running executable, as the cache keys use it. */
const char *cache_build(const struct cache *c);

/* Counters for tests and the bench: lookups that hit, and files written. */
size_t cache_hits(const struct cache *c);
size_t cache_writes(const struct cache *c);

#endif
