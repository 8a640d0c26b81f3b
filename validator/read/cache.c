/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cache.c: the on-disk cache of extracted documents (see cache.h).
 *
 * File layout, all in DIR/<key hex>:
 *   "hoso-cache/1\n"        magic (13 bytes)
 *   key hex + '\n'          65 bytes: the file says which key it answers
 *   payload SHA-256 hex + '\n'
 *   u64 payload length (native byte order: the cache is per machine)
 *   payload                 worker_encode() of the document
 */
#include "cache.h"
#include "base/messages.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "source.h"
#include "base/version.h"
#include "worker.h"

/* Bump when any extractor's output for the same bytes changes. */
#define CACHE_EXTRACTOR_VERSION 2
#define CACHE_MAGIC "hoso-cache/1\n"
#define CACHE_HEAD (sizeof(CACHE_MAGIC) - 1 + 65 + 65 + 8)
/* Files are hashed and copied in blocks of this size. */
#define CACHE_BLOCK (64u << 10)

struct cache {
	int dirfd;               /* -1: disabled */
	bool write_failed;       /* warned once; puts stop */
	char *dir;
	struct extract_limits el;
	char build[65];          /* SHA-256 of this executable: any rebuild or
				  * upgrade starts a fresh cache */
	size_t hits, writes;
	unsigned long tmp_seq;
};

/*
 * The identity of the running executable. An extractor whose output
 * changes must not be answered from the cache of an older build, and a
 * hand-kept version number is easily forgotten: the bytes of the binary
 * are not.
 */
static void build_id(char out[65])
{
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	struct hs_buf b = HS_BUF_INIT;
	char blk[65536];
	ssize_t n;

	b.max = 256u << 20;
	if (fd >= 0) {
		while ((n = read(fd, blk, sizeof(blk))) > 0)
			if (hs_buf_add(&b, blk, (size_t)n) != HS_OK)
				break;
		close(fd);
	}
	if (!b.len)
		hs_buf_adds(&b, HOSO_VERSION);
	source_sha256((const unsigned char *)b.ptr, b.len, out);
	hs_buf_release(&b);
}

/*
 * One warning about the cache per run, whatever goes wrong and however
 * many caches are open (the documents' and the verdicts'): with the error
 * that caused it, in the user's language. The run goes on without it.
 */
static void cache_warn(enum msg_key k, const char *dir, int err)
{
	static bool warned;
	struct hs_buf m = HS_BUF_INIT;

	if (warned)
		return;
	warned = true;
	msgf(&m, k, msg_ui_lang(), dir, strerror(err));
	hs_warn("%s", m.ptr);
	hs_buf_release(&m);
}

struct cache *cache_open(const char *dir, const struct extract_limits *el)
{
	struct cache *c;

	if (!dir)
		return NULL;
	c = hs_calloc(1, sizeof(*c));
	c->dir = hs_strdup(dir);
	c->el = *el;
	build_id(c->build);
	if (mkdir(dir, 0700) && errno == ENOENT) {
		/* ~/.cache itself may be missing: make the parent too */
		char *parent = hs_strdup(dir), *slash = strrchr(parent, '/');

		if (slash && slash != parent) {
			*slash = '\0';
			mkdir(parent, 0700);
		}
		free(parent);
		mkdir(dir, 0700);
	}
	c->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (c->dirfd < 0)
		cache_warn(MSG_W_CACHE_OPEN, dir, errno);
	return c;
}

void cache_free(struct cache *c)
{
	if (!c)
		return;
	if (c->dirfd >= 0)
		close(c->dirfd);
	free(c->dir);
	free(c);
}

size_t cache_hits(const struct cache *c)
{
	return c ? c->hits : 0;
}

size_t cache_writes(const struct cache *c)
{
	return c ? c->writes : 0;
}

/* The key of (sha256, fmt) under this version and these limits. */
static void make_key(const struct cache *c, const char *sha256,
		     enum doc_format fmt, char key[65])
{
	struct hs_buf b = HS_BUF_INIT;

	hs_buf_addf(&b, "%s%s\n%s\n%d\n%zu %zu %zu %zu %u\n%d\n%s\n", CACHE_MAGIC,
		    HOSO_VERSION, c->build, CACHE_EXTRACTOR_VERSION, c->el.text_max,
		    c->el.cells_max, c->el.part_max, c->el.parts_max,
		    c->el.pages_max, (int)fmt, sha256);
	/* OCR reads scans only when on; its budgets decide what it read */
	if (c->el.ocr)
		hs_buf_addf(&b, "ocr %llu %u %u %u\n",
			    (unsigned long long)c->el.ocr_pixels_max,
			    c->el.ocr_page_ms, c->el.ocr_doc_ms,
			    c->el.ocr_pages_max);
	source_sha256((const unsigned char *)b.ptr, b.len, key);
	hs_buf_release(&b);
}

static bool write_all(int fd, const void *s, size_t len)
{
	const char *p = s;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/*
 * Opens the file named key and checks it (header, key, a payload of at
 * most cap bytes, its checksum), reading it in blocks: the descriptor,
 * with the payload at CACHE_HEAD and its length in *plen, or -1.
 */
static int open_checked(struct cache *c, const char key[65], uint64_t cap,
			uint64_t *plen)
{
	unsigned char head[CACHE_HEAD], *blk = NULL;
	const unsigned char *p = head + sizeof(CACHE_MAGIC) - 1;
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];
	char sum[65];
	struct stat st;
	int fd;

	fd = openat(c->dirfd, key, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size < CACHE_HEAD ||
	    (uint64_t)st.st_size - CACHE_HEAD > cap ||
	    !hs_pread_all(fd, head, CACHE_HEAD, 0) ||
	    memcmp(head, CACHE_MAGIC, sizeof(CACHE_MAGIC) - 1) ||
	    memcmp(p, key, 64) || p[64] != '\n' || p[129] != '\n')
		goto fail;
	memcpy(plen, p + 130, 8);
	if (*plen != (uint64_t)st.st_size - CACHE_HEAD)
		goto fail;
	blk = hs_malloc(CACHE_BLOCK);
	sha256_init(&ctx);
	for (uint64_t at = 0; at < *plen;) {
		size_t n = *plen - at > CACHE_BLOCK ? CACHE_BLOCK : (size_t)(*plen - at);

		if (!hs_pread_all(fd, blk, n, CACHE_HEAD + at))
			goto fail;
		sha256_update(&ctx, n, blk);
		at += n;
	}
	sha256_digest(&ctx, sizeof(d), d);
	source_hex(d, sizeof(d), sum);
	if (memcmp(p + 65, sum, 64))
		goto fail;
	free(blk);
	return fd;
fail:
	free(blk);
	close(fd);
	return -1;
}

/* The payload of the file named key, checked (open_checked): malloc'd,
 * NUL-terminated, its length in *plen; or NULL. */
static unsigned char *read_file(struct cache *c, const char key[65],
				size_t cap, uint64_t *plen)
{
	unsigned char *buf;
	int fd = open_checked(c, key, cap, plen);

	if (fd < 0)
		return NULL;
	buf = hs_malloc((size_t)*plen + 1);
	if (!hs_pread_all(fd, buf, (size_t)*plen, CACHE_HEAD)) {
		free(buf);
		close(fd);
		return NULL;
	}
	buf[*plen] = '\0';
	close(fd);
	return buf;
}

bool cache_get(struct cache *c, const char *sha256, enum doc_format fmt,
	       struct doc *d)
{
	char key[65];
	unsigned char *buf;
	uint64_t plen;
	struct doc tmp;

	if (!c || c->dirfd < 0 || !sha256 || !*sha256)
		return false;
	make_key(c, sha256, fmt, key);
	/* The same cap as a worker's result: text, cells and framing. */
	buf = read_file(c, key, c->el.text_max * 2 + (64u << 20), &plen);
	if (!buf)
		return false;
	doc_init(&tmp, &c->el);
	if (worker_decode(&tmp, buf, (size_t)plen) != HS_OK) {
		doc_release(&tmp);
		free(buf);
		return false;
	}
	free(buf);
	tmp.format = d->format;
	doc_release(d);
	*d = tmp;
	c->hits++;
	return true;
}

/* Only results that the bytes, the format and the limits decide. */
static bool cacheable(const struct doc *d)
{
	switch (d->status) {
	case DOC_OK:
	case DOC_OCR:
	case DOC_NO_TEXT:
	case DOC_ENCRYPTED:
	case DOC_UNSUPPORTED:
		return true;
	case DOC_UNREADABLE:     /* may be a crash or the memory limit */
	case DOC_LIMIT_EXCEEDED: /* may be the time or CPU limit */
		return false;
	}
	return false;
}

/*
 * Writes the file named key, its payload prefix + data[0..len) or, when
 * data is NULL, prefix + the bytes of fd (read with pread from 0): a
 * temporary file, then renamed into place. The checksum comes first in
 * the file, so fd is read twice.
 */
static void write_file(struct cache *c, const char key[65], const char *prefix,
		       const void *data, size_t len, int fd_in)
{
	char sum[65], tmpname[128];
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];
	unsigned char *blk = NULL;
	uint64_t plen = strlen(prefix), body = len;
	int fd;
	bool ok;

	if (!data) {
		struct stat st;

		if (fstat(fd_in, &st))
			return;
		body = (uint64_t)st.st_size;
		blk = hs_malloc(CACHE_BLOCK);
	}
	plen += body;
	sha256_init(&ctx);
	sha256_update(&ctx, strlen(prefix), (const uint8_t *)prefix);
	if (data) {
		sha256_update(&ctx, len, data);
	} else {
		for (uint64_t at = 0; at < body;) {
			size_t n = body - at > CACHE_BLOCK ? CACHE_BLOCK
							  : (size_t)(body - at);

			if (!hs_pread_all(fd_in, blk, n, at)) {
				free(blk);
				return;
			}
			sha256_update(&ctx, n, blk);
			at += n;
		}
	}
	sha256_digest(&ctx, sizeof(d), d);
	source_hex(d, sizeof(d), sum);
	snprintf(tmpname, sizeof(tmpname), ".tmp-%s-%ld-%lu", key,
		 (long)getpid(), c->tmp_seq++);
	fd = openat(c->dirfd, tmpname,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		cache_warn(MSG_W_CACHE_WRITE, c->dir, errno);
		c->write_failed = true;
		free(blk);
		return;
	}
	ok = write_all(fd, CACHE_MAGIC, sizeof(CACHE_MAGIC) - 1) &&
	     write_all(fd, key, 64) && write_all(fd, "\n", 1) &&
	     write_all(fd, sum, 64) && write_all(fd, "\n", 1) &&
	     write_all(fd, &plen, 8) && write_all(fd, prefix, strlen(prefix));
	if (ok && data) {
		ok = write_all(fd, data, len);
	} else {
		for (uint64_t at = 0; ok && at < body;) {
			size_t n = body - at > CACHE_BLOCK ? CACHE_BLOCK
							  : (size_t)(body - at);

			ok = hs_pread_all(fd_in, blk, n, at) && write_all(fd, blk, n);
			at += n;
		}
	}
	free(blk);
	if (close(fd))
		ok = false;
	/* rename() replaces a damaged or foreign file atomically. */
	if (!ok || renameat(c->dirfd, tmpname, c->dirfd, key)) {
		int err = errno; /* the write's or rename's, not unlink's */

		unlinkat(c->dirfd, tmpname, 0);
		cache_warn(MSG_W_CACHE_WRITE, c->dir, err ? err : EIO);
		c->write_failed = true;
		return;
	}
	c->writes++;
}

void cache_put(struct cache *c, const char *sha256, enum doc_format fmt,
	       const struct doc *d)
{
	char key[65];
	struct hs_buf out = HS_BUF_INIT;

	if (!c || c->dirfd < 0 || c->write_failed || !sha256 || !*sha256 ||
	    !cacheable(d))
		return;
	make_key(c, sha256, fmt, key);
	worker_encode(d, &out);
	write_file(c, key, "", out.ptr, out.len, -1);
	hs_buf_release(&out);
}

const char *cache_build(const struct cache *c)
{
	return c ? c->build : "";
}

/* The file name of a blob: its own key space, apart from documents'. */
static void blob_key(const struct cache *c, const char *key, char out[65])
{
	struct hs_buf b = HS_BUF_INIT;

	hs_buf_addf(&b, "%sblob\n%s\n%s\n", CACHE_MAGIC, c->build, key);
	source_sha256((const unsigned char *)b.ptr, b.len, out);
	hs_buf_release(&b);
}

int cache_blob_open(struct cache *c, const char *key, uint64_t max,
		    uint64_t *off, uint64_t *len)
{
	char name[65];
	int fd;

	if (!c || c->dirfd < 0)
		return -1;
	blob_key(c, key, name);
	fd = open_checked(c, name, max, len);
	if (fd >= 0) {
		*off = CACHE_HEAD;
		c->hits++;
	}
	return fd;
}

void cache_blob_put(struct cache *c, const char *key, const char *prefix,
		    const void *data, size_t len)
{
	char name[65];

	if (!c || c->dirfd < 0 || c->write_failed)
		return;
	blob_key(c, key, name);
	write_file(c, name, prefix, data, len, -1);
}

void cache_blob_put_fd(struct cache *c, const char *key, const char *prefix,
		       int fd)
{
	char name[65];

	if (!c || c->dirfd < 0 || c->write_failed)
		return;
	blob_key(c, key, name);
	write_file(c, name, prefix, NULL, 0, fd);
}
