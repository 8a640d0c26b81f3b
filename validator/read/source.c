/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * source.c: folders and archives -> document entries, never on disk, under
 * budgets. See source.h. Bad entries become findings and the walk goes on
 * (libarchive's graded return codes, as bsdtar reads them).
 */
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib.h>

#define RATIO_GRACE (1u << 20) /* bytes of an entry before its ratio counts */
#define DIR_DEPTH_MAX 32

/* The reason of an entry that is one volume of a split archive. */
static const char MULTIVOLUME_WHY[] = "one volume of a multi-volume archive";

double source_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void source_hex(const unsigned char *d, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * n] = '\0';
}

/* The digest of c as 64 hex digits + NUL. */
static void sha256_hex(struct sha256_ctx *c, char out[65])
{
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_digest(c, sizeof(d), d);
	source_hex(d, sizeof(d), out);
}

/* Nettle's SHA-256 (libarchive's own, with the CPU's SHA instructions
 * where it has them: about 4 times GLib's on this kind of machine). */
void source_sha256(const unsigned char *data, size_t len, char out[65])
{
	struct sha256_ctx c;

	sha256_init(&c);
	sha256_update(&c, len, data);
	sha256_hex(&c, out);
}

bool source_file_sha256(const char *path, uint64_t max, char out[65])
{
	struct sha256_ctx c;
	unsigned char *blk;
	uint64_t total = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	blk = hs_malloc(1u << 16);
	sha256_init(&c);
	while ((n = read(fd, blk, 1u << 16)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (total += (uint64_t)n) > max)
			break;
		sha256_update(&c, (size_t)n, blk);
	}
	close(fd);
	free(blk);
	if (n != 0)
		return false;
	sha256_hex(&c, out);
	return true;
}

void source_init(struct source *s, const struct source_limits *lim)
{
	static const struct source_limits def = SOURCE_LIMITS_DEFAULT;

	memset(s, 0, sizeof(*s));
	s->limits = lim ? *lim : def;
}

void source_release(struct source *s)
{
	findings_release(&s->findings);
	free(s->input_name);
	memset(s, 0, sizeof(*s));
}

static void to_hex(const unsigned char *raw, size_t len, struct hs_buf *out)
{
	for (size_t i = 0; i < len; i++)
		hs_buf_addf(out, "%02x", raw[i]);
}

/* Budgets that end the whole walk; true when it must stop. */
static bool over_global(struct source *s, const char *path)
{
	if (s->stopped)
		return true;
	if (source_now() > s->deadline) {
		findings_add(&s->findings, HS106, path,
			     "đã hết %u giây dành cho việc đọc hồ sơ "
			     "(--max-time): phần còn lại chưa được đọc",
			     s->limits.time_max);
		s->stopped = true;
	} else if (s->entries > s->limits.entries_max) {
		findings_add(&s->findings, HS106, path,
			     "hồ sơ có hơn %llu tệp (--max-entries): phần còn lại "
			     "chưa được đọc",
			     (unsigned long long)s->limits.entries_max);
		s->stopped = true;
	}
	return s->stopped;
}

static enum hs_status walk_memory(struct source *s, const char *prefix,
				  const unsigned char *data, size_t len,
				  enum doc_format fmt, unsigned depth,
				  source_cb cb, void *ctx, const char **why);

/*
 * Hands one document's bytes on: nested archives are walked (within the
 * depth budget), everything else goes to the callback.
 */
static void dispatch(struct source *s, struct source_entry *e, source_cb cb,
		     void *ctx)
{
	if (e->data && sniff_is_archive(e->format)) {
		const char *why = NULL;
		enum hs_status st;

		if (e->depth + 1 > s->limits.depth_max) {
			findings_add(&s->findings, HS106, e->path,
				     "tệp nén lồng sâu quá %u tầng "
				     "(--max-depth): không mở",
				     s->limits.depth_max);
			e->preset = DOC_LIMIT_EXCEEDED;
			e->reason = "tệp nén lồng quá số tầng cho phép (--max-depth)";
			e->data = NULL;
			cb(ctx, e);
			return;
		}
		st = walk_memory(s, e->path, e->data, e->size, e->format,
				 e->depth + 1, cb, ctx, &why);

		if (st == HS_FAILED || st == HS_LIMIT) {
			/* Listed, so the reviewer sees the file exists. */
			e->preset = st == HS_FAILED    ? DOC_UNREADABLE
				    : why == MULTIVOLUME_WHY ? DOC_UNSUPPORTED
							     : DOC_LIMIT_EXCEEDED;
			e->reason = st == HS_LIMIT
					    ? why
					    : "tệp nén bên trong hồ sơ bị hỏng";
			e->data = NULL;
			cb(ctx, e);
			return;
		}
		findings_add(&s->findings, HS107, e->path,
			     "đã đọc tệp nén %s nằm trong hồ sơ", sniff_format_name(e->format));
		return;
	}
	cb(ctx, e);
}

/* '\' to '/', and whether the name is safe to show as a relative path. */
static bool safe_name(char *name)
{
	char *p, *save = NULL;
	struct hs_buf copy = HS_BUF_INIT;
	bool ok = true;

	for (p = name; *p; p++)
		if (*p == '\\')
			*p = '/';
	if (name[0] == '/' || (name[0] && name[1] == ':'))
		return false;
	hs_buf_adds(&copy, name);
	for (p = strtok_r(copy.ptr, "/", &save); p; p = strtok_r(NULL, "/", &save))
		if (!strcmp(p, ".."))
			ok = false;
	hs_buf_release(&copy);
	return ok;
}

/* Drops "./" and empty components, keeps the rest. */
static void tidy_path(struct hs_buf *b)
{
	size_t w = 0, r = 0;

	while (r < b->len) {
		size_t end = r;

		while (end < b->len && b->ptr[end] != '/')
			end++;
		if (end > r && !(end - r == 1 && b->ptr[r] == '.')) {
			if (w)
				b->ptr[w++] = '/';
			memmove(b->ptr + w, b->ptr + r, end - r);
			w += end - r;
		}
		r = end + 1;
	}
	b->len = w;
	if (b->cap)
		b->ptr[w] = '\0';
}

/* ==== archive structure checks, on the raw bytes, before libarchive ==== */

static uint32_t rd16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t rd32(const unsigned char *p)
{
	return rd16(p) | rd16(p + 2) << 16;
}

static uint64_t rd64(const unsigned char *p)
{
	return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/*
 * An archive's bytes: whole in memory (nested archives,
 * source_walk_memory), or the input file, never held whole: read in
 * parts with pread (never mapped, so a file cut short gives a short read,
 * not SIGBUS). len is the size the first pass read; reads past what the
 * file still holds fail, and the checks below then see no record.
 */
struct bytes {
	const unsigned char *mem; /* the whole archive, or NULL: fd */
	int fd;
	uint64_t len;
	unsigned char *win;       /* fd: WINDOW bytes of the file, from win_at */
	uint64_t win_at;
	size_t win_len;
	unsigned char *blk;       /* fd: libarchive's block, BLOCK bytes */
	uint64_t pos;             /* fd: libarchive's position */
};

#define WINDOW (256u << 10) /* >= 22 + 65535 (EOCD search), 65535 (extra) */
#define BLOCK (256u << 10)  /* bytes handed to libarchive per read */
#define PEEK_MAX 64         /* bytes of one bytes_peek */

static void bytes_release(struct bytes *b)
{
	free(b->win);
	free(b->blk);
	b->win = b->blk = NULL;
	b->win_len = 0;
}

/* Reads n bytes at off; false with *err (0: the file ends sooner). */
static bool pread_full(int fd, unsigned char *p, size_t n, uint64_t off,
		       int *err)
{
	bool ok = hs_pread_all(fd, p, n, off);

	*err = ok ? 0 : errno;
	return ok;
}

/*
 * The n (<= WINDOW) bytes at off, or NULL past len or when the file no
 * longer holds them. For scans that go forward: a miss reads the next
 * WINDOW bytes. Valid until the next bytes_view.
 */
static const unsigned char *bytes_view(struct bytes *b, uint64_t off,
				       size_t n)
{
	size_t want;
	int err;

	if (off > b->len || b->len - off < n)
		return NULL;
	if (b->mem)
		return b->mem + off;
	if (off >= b->win_at && off - b->win_at <= b->win_len &&
	    b->win_len - (off - b->win_at) >= n)
		return b->win + (off - b->win_at);
	if (n > WINDOW)
		return NULL;
	if (!b->win)
		b->win = hs_malloc(WINDOW);
	want = b->len - off < WINDOW ? (size_t)(b->len - off) : WINDOW;
	b->win_len = 0;
	if (!pread_full(b->fd, b->win, want, off, &err))
		return NULL;
	b->win_at = off;
	b->win_len = want;
	return b->win;
}

/* The n (<= PEEK_MAX) bytes at off, for one record anywhere in the file:
 * from the window if it holds them, else read alone into tmp. */
static const unsigned char *bytes_peek(struct bytes *b, uint64_t off,
				       size_t n, unsigned char tmp[PEEK_MAX])
{
	int err;

	if (off > b->len || b->len - off < n || n > PEEK_MAX)
		return NULL;
	if (b->mem)
		return b->mem + off;
	if (off >= b->win_at && off - b->win_at <= b->win_len &&
	    b->win_len - (off - b->win_at) >= n)
		return b->win + (off - b->win_at);
	return pread_full(b->fd, tmp, n, off, &err) ? tmp : NULL;
}

/* Offset of the zip end-of-central-directory record, or -1. */
static int64_t zip_eocd(struct bytes *b)
{
	uint64_t lo;
	const unsigned char *d;

	if (b->len < 22)
		return -1;
	lo = b->len > 22 + 65535 ? b->len - 22 - 65535 : 0;
	d = bytes_view(b, lo, (size_t)(b->len - lo));
	if (!d)
		return -1;
	for (size_t i = (size_t)(b->len - lo) - 22;; i--) {
		if (!memcmp(d + i, "PK\5\6", 4))
			return (int64_t)(lo + i);
		if (i == 0)
			return -1;
	}
}

/* Reads a RAR5 variable-length integer; false past end. */
static bool rar5_vint(const unsigned char *d, size_t len, size_t *i,
		      uint64_t *v)
{
	*v = 0;
	for (unsigned shift = 0; *i < len && shift < 64; shift += 7) {
		unsigned char b = d[(*i)++];

		*v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return true;
	}
	return false;
}

/* True when name looks like one volume of a split archive. */
static bool multivolume_name(const char *name)
{
	size_t n = strlen(name), k = n;
	const char *dot;

	/* .part1.rar */
	dot = strrchr(name, '.');
	if (dot && !strcasecmp(dot, ".rar") && dot > name) {
		const char *p = dot;

		while (p > name && p[-1] >= '0' && p[-1] <= '9')
			p--;
		if (p < dot && p - name >= 5 && !strncasecmp(p - 5, ".part", 5))
			return true;
	}
	while (k && name[k - 1] >= '0' && name[k - 1] <= '9')
		k--;
	if (k == n || !k)
		return false;
	/* .7z.001 .zip.001 .rar.001 (digits after a full extension) */
	if (name[k - 1] == '.' && n - k >= 3 && k >= 4 &&
	    (!strncasecmp(name + k - 4, ".7z.", 4) ||
	     (k >= 5 && (!strncasecmp(name + k - 5, ".zip.", 5) ||
			 !strncasecmp(name + k - 5, ".rar.", 5)))))
		return true;
	/* .z01 .r00 */
	if (k >= 2 && name[k - 2] == '.' && n - k >= 2 &&
	    (name[k - 1] == 'z' || name[k - 1] == 'Z' || name[k - 1] == 'r' ||
	     name[k - 1] == 'R'))
		return true;
	return false;
}

/*
 * Whether the archive's own headers say it is one volume of several: zip
 * (split marker, EOCD disk numbers), 7z (end header past the end of the
 * file), RAR4 (MHD_VOLUME) and RAR5 (volume flag). All from the first
 * 128 bytes (RAR5's main header ends by byte 72) and the zip EOCD.
 */
static bool multivolume_bytes(struct bytes *b, enum doc_format fmt)
{
	uint64_t len = b->len;
	size_t hl = len < 128 ? (size_t)len : 128;
	const unsigned char *d = bytes_view(b, 0, hl);

	if (!d)
		return false;
	if (fmt == FMT_ZIP) {
		int64_t e;

		if (hl >= 4 && (!memcmp(d, "PK\7\10", 4) ||
				!memcmp(d, "PK00", 4)))
			return true;
		e = zip_eocd(b);
		if (e < 0 || !(d = bytes_view(b, (uint64_t)e, 22)))
			return false;
		/* 0xFFFF: the zip64 record holds them; Zip64 split archives
		 * still carry a non-zero this-disk number in practice. */
		return (rd16(d + 4) != 0 && rd16(d + 4) != 0xFFFF) ||
		       (rd16(d + 6) != 0 && rd16(d + 6) != 0xFFFF);
	}
	if (fmt == FMT_7Z && len >= 32) {
		uint64_t off = rd64(d + 12), size = rd64(d + 20);

		return off > len || size > len || 32 + off + size > len;
	}
	if (fmt == FMT_RAR && hl >= 7 + 5 && !memcmp(d, "Rar!\x1a\x07\x00", 7))
		return d[7 + 2] == 0x73 && (rd16(d + 7 + 3) & 0x0001);
	if (fmt == FMT_RAR && hl >= 8 && !memcmp(d, "Rar!\x1a\x07\x01\x00", 8)) {
		size_t i = 8 + 4;
		uint64_t hsize, type, flags, v;

		if (!rar5_vint(d, hl, &i, &hsize) ||
		    !rar5_vint(d, hl, &i, &type) || type != 1 ||
		    !rar5_vint(d, hl, &i, &flags))
			return false;
		if ((flags & 1) && !rar5_vint(d, hl, &i, &v))
			return false;
		if ((flags & 2) && !rar5_vint(d, hl, &i, &v))
			return false;
		return rar5_vint(d, hl, &i, &v) && (v & 1);
	}
	return false;
}

struct span {
	uint64_t start, end;
};

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

/*
 * Overlapping zip entries (Fifield's non-recursive zip bombs): from the
 * central directory, each entry's local record [offset, offset + 30 + name
 * + extra + compressed size); sorted, any two that overlap by more than 2
 * bytes (ClamAV's fudge) make the archive refused, as CPython's zipfile
 * does. Returns the number of overlaps (0 also when the directory cannot
 * be read, or has more than n_max records: libarchive then reports the
 * damage itself, and --max-entries ends a long walk). The directory is
 * read forward through the window, each local header on its own.
 */
static size_t zip_overlaps(struct bytes *b, uint64_t n_max)
{
	uint64_t len = b->len;
	int64_t e = zip_eocd(b);
	const unsigned char *r;
	unsigned char tmp[PEEK_MAX];
	uint64_t n, cd_size, cd_off, p;
	struct span *v = NULL;
	size_t nv = 0, overlaps = 0;

	if (e < 0 || !(r = bytes_view(b, (uint64_t)e, 22)))
		return 0;
	n = rd16(r + 10);
	cd_size = rd32(r + 12);
	cd_off = rd32(r + 16);
	if ((n == 0xFFFF || cd_off == 0xFFFFFFFFu || cd_size == 0xFFFFFFFFu) &&
	    e >= 20 && (r = bytes_peek(b, (uint64_t)e - 20, 20, tmp)) &&
	    !memcmp(r, "PK\6\7", 4)) {
		uint64_t z = rd64(r + 8);

		if (z > len || len - z < 56 || !(r = bytes_peek(b, z, 56, tmp)) ||
		    memcmp(r, "PK\6\6", 4))
			return 0;
		n = rd64(r + 32);
		cd_size = rd64(r + 40);
		cd_off = rd64(r + 48);
	}
	if (cd_off > len || cd_size > len - cd_off || n > cd_size / 46 + 1 ||
	    n > n_max)
		return 0;
	v = hs_calloc((size_t)n + 1, sizeof(*v));
	p = cd_off;
	for (uint64_t k = 0; k < n; k++) {
		uint64_t csize, lho;
		uint32_t nl, ml, kl;
		bool usize_max;

		if (len - p < 46 || !(r = bytes_view(b, p, 46)) ||
		    memcmp(r, "PK\1\2", 4))
			break;
		csize = rd32(r + 20);
		usize_max = rd32(r + 24) == 0xFFFFFFFFu;
		nl = rd16(r + 28);
		ml = rd16(r + 30);
		kl = rd16(r + 32);
		lho = rd32(r + 42);
		if (len - p - 46 < (uint64_t)nl + ml + kl)
			break;
		if (csize == 0xFFFFFFFFu || lho == 0xFFFFFFFFu) {
			/* zip64 extra: usize, csize, offset, each if maxed */
			const unsigned char *x = bytes_view(b, p + 46 + nl, ml);
			const unsigned char *xe;

			if (!x)
				break;
			xe = x + ml;
			while (xe - x >= 4) {
				uint32_t id = rd16(x), sz = rd16(x + 2);
				const unsigned char *f = x + 4;

				if ((size_t)(xe - f) < sz)
					break;
				if (id == 1) {
					const unsigned char *fe = f + sz;

					if (usize_max)
						f += 8;
					if (csize == 0xFFFFFFFFu && fe - f >= 8) {
						csize = rd64(f);
						f += 8;
					}
					if (lho == 0xFFFFFFFFu && fe - f >= 8)
						lho = rd64(f);
					break;
				}
				x = f + sz;
			}
		}
		p += 46 + (uint64_t)nl + ml + kl;
		if (lho > len || len - lho < 30 ||
		    !(r = bytes_peek(b, lho, 30, tmp)) || memcmp(r, "PK\3\4", 4))
			continue;
		v[nv].start = lho;
		v[nv].end = lho + 30 + rd16(r + 26) + rd16(r + 28) + csize;
		nv++;
	}
	/* The central directory itself is one more record. */
	v[nv].start = cd_off;
	v[nv].end = cd_off + cd_size;
	nv++;
	qsort(v, nv, sizeof(*v), cmp_span);
	for (size_t k = 0; k + 1 < nv; k++)
		if (v[k].end > v[k + 1].start + 2)
			overlaps++;
	free(v);
	return overlaps;
}

/* Whether the n bytes of an entry name make sniff.c call a zip an office
 * document (its see_name: word, xl and ppt; the rest does not decide). */
static bool office_name(const unsigned char *name, size_t n)
{
	return (n == 17 && !memcmp(name, "word/document.xml", 17)) ||
	       (n == 15 && !memcmp(name, "xl/workbook.xml", 15)) ||
	       (n == 20 && !memcmp(name, "ppt/presentation.xml", 20));
}

/* sniff.c's central_names(): false when there is no directory to walk. */
static bool central_office(struct bytes *b, bool *office)
{
	uint64_t len = b->len, off, count;
	int64_t e;
	const unsigned char *r;
	unsigned char tmp[PEEK_MAX];

	if (len < 22 || (e = zip_eocd(b)) < 0 ||
	    !(r = bytes_view(b, (uint64_t)e, 22)))
		return false;
	count = rd16(r + 10);
	off = rd32(r + 16);
	for (uint64_t k = 0; k < count && k < 4096; k++) {
		uint32_t n, m, c;

		if (off > len || len - off < 46 || !(r = bytes_view(b, off, 46)) ||
		    memcmp(r, "PK\1\2", 4))
			return k > 0;
		n = rd16(r + 28);
		m = rd16(r + 30);
		c = rd16(r + 32);
		if (len - off - 46 < n)
			return k > 0;
		if ((n == 15 || n == 17 || n == 20) &&
		    (r = bytes_peek(b, off + 46, n, tmp)) && office_name(r, n))
			*office = true;
		off += 46 + (uint64_t)n + m + c;
	}
	return true;
}

/* sniff.c's local_names(), for a zip without a readable directory. */
static bool local_office(struct bytes *b)
{
	uint64_t len = b->len, off = 0;
	const unsigned char *r;
	unsigned char tmp[PEEK_MAX];
	bool office = false;

	for (int k = 0; k < 4096; k++) {
		uint32_t n, m, csize, flags;

		if (off > len || len - off < 30 ||
		    !(r = bytes_peek(b, off, 30, tmp)) || memcmp(r, "PK\3\4", 4))
			return office;
		n = rd16(r + 26);
		m = rd16(r + 28);
		csize = rd32(r + 18);
		flags = rd16(r + 6);
		if (len - off - 30 < n)
			return office;
		if ((n == 15 || n == 17 || n == 20) &&
		    (r = bytes_peek(b, off + 30, n, tmp)) && office_name(r, n))
			office = true;
		if (flags & 0x08) /* sizes in a data descriptor */
			return office;
		off += 30 + (uint64_t)n + m + csize;
	}
	return office;
}

/*
 * Whether sniff_format() would call this zip (bytes starting "PK") an
 * office or ODF document rather than FMT_ZIP: sniff.c's sniff_zip() step
 * by step (the ODF mimetype, then the central directory, else the local
 * headers), reading only the records it looks at. test_source.c holds
 * the two to the same answers.
 */
static bool zip_is_document(struct bytes *b)
{
	static const char odf[] = "mimetype" "application/vnd.oasis.opendocument.";
	uint64_t len = b->len;
	size_t hl = len < 128 ? (size_t)len : 128;
	const unsigned char *d = bytes_view(b, 0, hl);
	bool office = false;

	if (!d)
		return false;
	if (len > 30 + sizeof(odf) - 1 && !memcmp(d + 30, odf, sizeof(odf) - 1)) {
		const char *t = (const char *)d + 30 + sizeof(odf) - 1;
		uint64_t left = len - 30 - (sizeof(odf) - 1);

		if ((left >= 4 && !strncmp(t, "text", 4)) ||
		    (left >= 11 && !strncmp(t, "spreadsheet", 11)) ||
		    (left >= 12 && !strncmp(t, "presentation", 12)))
			return true;
	}
	if (!central_office(b, &office))
		office = local_office(b);
	return office;
}

/* libarchive's client for a file (struct bytes without mem): the seek
 * callback keeps it seekable, as memory is, so zip reads its directory. */
static la_ssize_t input_read(struct archive *a, void *data, const void **out)
{
	struct bytes *b = data;
	size_t want = b->len - b->pos < BLOCK ? (size_t)(b->len - b->pos)
					       : BLOCK;
	int err;

	if (!b->blk)
		b->blk = hs_malloc(BLOCK);
	*out = b->blk;
	if (!want)
		return 0;
	if (!pread_full(b->fd, b->blk, want, b->pos, &err)) {
		if (err)
			archive_set_error(a, err, "%s", strerror(err));
		else
			archive_set_error(a, EIO, "tệp bị cắt cụt "
				"trong lúc đọc");
		return ARCHIVE_FATAL;
	}
	b->pos += want;
	return (la_ssize_t)want;
}

static la_int64_t input_skip(struct archive *a, void *data, la_int64_t n)
{
	struct bytes *b = data;

	(void)a;
	if (n < 0)
		return 0;
	if ((uint64_t)n > b->len - b->pos)
		n = (la_int64_t)(b->len - b->pos);
	b->pos += (uint64_t)n;
	return n;
}

static la_int64_t input_seek(struct archive *a, void *data, la_int64_t off,
			     int whence)
{
	struct bytes *b = data;
	la_int64_t base;

	(void)a;
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (la_int64_t)b->pos;
		break;
	case SEEK_END:
		base = (la_int64_t)b->len;
		break;
	default:
		return ARCHIVE_FATAL;
	}
	/* Outside the file: refused, the position kept. */
	if (off < -base || off > (la_int64_t)b->len - base)
		return ARCHIVE_FAILED;
	b->pos = (uint64_t)(base + off);
	return (la_int64_t)b->pos;
}

/* Opens b: from memory, or from the file through the callbacks above. */
static int open_bytes(struct archive *a, struct bytes *b)
{
	if (b->mem)
		return archive_read_open_memory(a, b->mem, (size_t)b->len);
	b->pos = 0;
	archive_read_set_read_callback(a, input_read);
	archive_read_set_skip_callback(a, input_skip);
	archive_read_set_seek_callback(a, input_seek);
	archive_read_set_callback_data(a, b);
	return archive_read_open1(a);
}

static struct archive *open_reader(struct source *s, const char *path,
				   struct bytes *b, enum doc_format fmt,
				   unsigned depth)
{
	struct archive *a = archive_read_new();
	int r = ARCHIVE_OK;

	/* Only what dossiers use: no format_all, no filter_all (which
	 * would let lrzip/grzip run external programs). */
	r |= archive_read_support_format_zip(a);
	r |= archive_read_support_format_7zip(a);
	r |= archive_read_support_format_rar(a);
	r |= archive_read_support_format_rar5(a);
	r |= archive_read_support_format_tar(a);
	r |= archive_read_support_filter_gzip(a);
	r |= archive_read_support_filter_bzip2(a);
	r |= archive_read_support_filter_xz(a);
	r |= archive_read_support_filter_zstd(a);
	/* A lone compressed file (report.pdf.gz) is one raw entry. */
	if (fmt == FMT_GZIP || fmt == FMT_BZIP2 || fmt == FMT_XZ ||
	    fmt == FMT_ZSTD)
		r |= archive_read_support_format_raw(a);
	if (r != ARCHIVE_OK) {
		/* WARN here means an external program would be used. */
		findings_add(&s->findings, HS101, path,
			     "thư viện libarchive thiếu hỗ trợ định dạng nén");
		archive_read_free(a);
		return NULL;
	}
	if (open_bytes(a, b) != ARCHIVE_OK) {
		/* The input itself (HS101), or a damaged archive inside it. */
		findings_add(&s->findings, depth ? HS102 : HS101, path,
			     "không mở được tệp nén: %s",
			     archive_error_string(a) ? archive_error_string(a)
						     : "không nhận ra định dạng");
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* One archive being read: what the global ratio needs. */
struct arc_state {
	size_t len;        /* bytes of the archive itself */
	uint64_t out;      /* logical bytes that came out of it so far */
	bool entry_ratio;  /* raw progress can be charged to one entry */
	bool bomb;         /* the global ratio was passed: stop this archive */
};

/*
 * Reads the current entry's data under the budgets; HS_OK or why not.
 * Ratios are measured after libarchive has consumed the blocks it returned
 * (a stored zip entry comes back whole before any raw byte is counted); a
 * raw count that does not grow (7z reads its header from the end, so the
 * position goes backwards) is unknown, never a ratio of infinity.
 */
static enum hs_status read_entry(struct source *s, struct archive *a,
				 struct arc_state *as, const char *path,
				 struct hs_buf *out, const char **why)
{
	const void *blk;
	size_t n;
	la_int64_t off;
	la_int64_t raw0 = archive_filter_bytes(a, -1);
	uint64_t logical = 0; /* off + len of the furthest block so far */
	int r;

	for (;;) {
		uint64_t end;
		la_int64_t raw;

		r = archive_read_data_block(a, &blk, &n, &off);
		/* Everything returned before this call is consumed now. */
		raw = archive_filter_bytes(a, -1) - raw0;
		if (as->entry_ratio && raw > 0 && logical > RATIO_GRACE &&
		    logical / (uint64_t)raw > s->limits.ratio_max) {
			findings_add(&s->findings, HS106, path,
				     "tỷ lệ nén vượt %u:1 (--max-ratio): "
				     "có thể là bom nén, không đọc",
				     s->limits.ratio_max);
			/* Refused and named: not charged to the archive. */
			as->out -= logical;
			*why = "tỉ lệ nén vượt giới hạn (--max-ratio)";
			return HS_LIMIT;
		}
		/* The whole archive against its own size: catches bombs
		 * spread over entries, and those whose raw count is unknown
		 * (checked second, so an entry's own ratio names it first). */
		if (as->out > RATIO_GRACE &&
		    as->out / (as->len ? as->len : 1) >
			    2ull * s->limits.ratio_max) {
			findings_add(&s->findings, HS106, path,
				     "tệp nén bung ra hơn %llu lần "
				     "kích thước (2 x --max-ratio): có thể là bom nén, "
				     "phần còn lại không đọc",
				     2ull * s->limits.ratio_max);
			as->bomb = true;
			*why = "tỉ lệ nén của cả tệp nén vượt giới hạn (--max-ratio)";
			return HS_LIMIT;
		}
		if (r == ARCHIVE_EOF)
			return HS_OK;
		if (r < ARCHIVE_WARN) {
			findings_add(&s->findings, HS102, path,
				     "tệp trong tệp nén bị hỏng: %s",
				     archive_error_string(a) ? archive_error_string(a)
							     : "lỗi đọc");
			*why = "tệp trong tệp nén bị hỏng";
			return r == ARCHIVE_FATAL ? HS_FATAL : HS_FAILED;
		}
		if (off < 0)
			off = (la_int64_t)logical;
		/* Logical size counts sparse holes: off + n, never n alone. */
		end = (uint64_t)off + n;
		if (end > s->limits.entry_max) {
			findings_add(&s->findings, HS106, path,
				     "tệp lớn hơn %llu byte (--max-entry): "
				     "không đọc",
				     (unsigned long long)s->limits.entry_max);
			*why = "entry larger than the per-entry limit";
			return HS_LIMIT;
		}
		if (end > logical) {
			s->total_bytes += end - logical;
			as->out += end - logical;
			logical = end;
		}
		if (s->total_bytes > s->limits.total_max) {
			findings_add(&s->findings, HS106, path,
				     "tổng dung lượng giải nén vượt %llu byte "
				     "(--max-total): phần còn lại chưa được đọc",
				     (unsigned long long)s->limits.total_max);
			s->stopped = true;
			*why = "đã đạt giới hạn tổng dung lượng giải nén (--max-total)";
			return HS_LIMIT;
		}
		if ((size_t)off > out->len) {
			static const char zeros[4096];

			while (out->len < (size_t)off)
				hs_buf_add(out, zeros,
					   (size_t)off - out->len < sizeof(zeros)
						   ? (size_t)off - out->len
						   : sizeof(zeros));
		}
		if ((size_t)off == out->len)
			hs_buf_add(out, blk, n);
	}
}

/* A lone compressed file's entry: the name of its container minus ".gz". */
static void raw_entry_name(const char *container, struct hs_buf *name)
{
	const char *b = strrchr(container, '/'), *dot;

	b = b ? b + 1 : container;
	dot = strrchr(b, '.');
	hs_buf_reset(name);
	if (dot && dot > b)
		hs_buf_add(name, b, (size_t)(dot - b));
	else if (dot == b || !*b)
		hs_buf_adds(name, "data");
	else
		hs_buf_adds(name, b);
}

/*
 * Refusals on the archive's bytes, before libarchive parses it: split
 * archives (HS110) and overlapping zip entries (HS106). HS_OK or HS_LIMIT
 * with *why.
 */
static enum hs_status refuse_archive(struct source *s, const char *label,
				     const char *name, struct bytes *b,
				     enum doc_format fmt, const char **why)
{
	/* Past this many records the overlap check is not worth its memory
	 * (16 bytes a record): 32 x --max-entries, at least a zip's own
	 * maximum without zip64. */
	uint64_t n_max = 32ull * s->limits.entries_max;
	size_t ov;

	if (n_max < 65536)
		n_max = 65536;
	if (multivolume_name(name) || multivolume_bytes(b, fmt)) {
		findings_add(&s->findings, HS110, label,
			     "tệp nén %s chia nhiều phần: không hỗ trợ, "
			     "không đọc được gì trong đó",
			     sniff_format_name(fmt));
		*why = MULTIVOLUME_WHY;
		return HS_LIMIT;
	}
	if (fmt == FMT_ZIP && (ov = zip_overlaps(b, n_max)) > 0) {
		findings_add(&s->findings, HS106, label,
			     "các tệp trong zip chồng lên nhau (%zu chỗ): "
			     "có thể là bom nén, không đọc", ov);
		*why = "overlapping zip entries (possible zip bomb)";
		return HS_LIMIT;
	}
	return HS_OK;
}

/* Walks the archive b (in memory or a file), named prefix inside the
 * input ("" for the input itself). */
static enum hs_status walk_bytes(struct source *s, const char *prefix,
				 struct bytes *b, enum doc_format fmt,
				 unsigned depth, source_cb cb, void *ctx,
				 const char **why_out)
{
	struct archive *a;
	struct archive_entry *ae;
	struct hs_buf name = HS_BUF_INIT, path = HS_BUF_INIT, hex = HS_BUF_INIT;
	struct hs_buf body = HS_BUF_INIT;
	struct arc_state as = {.len = (size_t)b->len,
			       .entry_ratio = fmt != FMT_7Z && fmt != FMT_RAR};
	const char *label = prefix && *prefix ? prefix : s->input_name;
	enum hs_status ret = HS_OK;
	unsigned retries = 0, failures = 0;
	bool first = true;
	int r;

	if (refuse_archive(s, label, label, b, fmt, why_out) != HS_OK)
		return HS_LIMIT;
	a = open_reader(s, label, b, fmt, depth);
	if (!a)
		return HS_FAILED;
	for (;;) {
		struct source_entry e = {0};
		const char *raw;
		mode_t type;
		const char *why = NULL;
		enum hs_status rs;

		r = archive_read_next_header(a, &ae);
		if (r == ARCHIVE_EOF)
			break;
		if (r == ARCHIVE_RETRY && ++retries < 16)
			continue;
		if (r == ARCHIVE_FAILED && ++failures < 16 &&
		    s->entries < s->limits.entries_max) {
			/* This header is lost; the next one may be fine. */
			s->entries++;
			findings_add(&s->findings, HS102, label,
				     "phần đầu của một tệp trong tệp nén bị hỏng, bỏ qua: %s",
				     archive_error_string(a)
					     ? archive_error_string(a)
					     : "lỗi không rõ");
			ret = HS_WARN;
			continue;
		}
		if (r < ARCHIVE_WARN) {
			const char *err = archive_error_string(a);

			if (r == ARCHIVE_RETRY)
				err = "tệp nén liên tục đòi đọc lại";
			if (archive_read_has_encrypted_entries(a) > 0 ||
			    (err && strstr(err, "ncrypt")))
				findings_add(&s->findings, HS103, label,
					     "tệp nén mã hóa cả danh sách tệp: không đọc (%s)",
					     err ? err : "có mã hóa");
			else if (s->entries == 0 && depth == 0)
				findings_add(&s->findings, HS101, label,
					     "không phải tệp nén đọc được: %s",
					     err ? err : "lỗi không rõ");
			else
				findings_add(&s->findings, HS102, label,
					     "tệp nén bị hỏng: %s",
					     err ? err : "lỗi không rõ");
			ret = HS_WARN;
			break;
		}
		retries = 0;
		/* libarchive stacks up to 25 filters on its own (gzip in
		 * gzip...): a real archive has one, plus the "none" base. */
		if (first && archive_filter_count(a) > 2) {
			findings_add(&s->findings, HS106, label,
				     "%d lớp nén chồng nhau (chỉ đọc tối đa 1 "
				     "lớp): có thể là bom nén, không đọc",
				     archive_filter_count(a) - 1);
			*why_out = "nén chồng nhiều lớp";
			archive_read_free(a);
			return HS_LIMIT;
		}
		first = false;
		s->entries++;
		if (over_global(s, label)) {
			ret = HS_WARN;
			break;
		}
		type = archive_entry_filetype(ae);
		if (type == AE_IFDIR)
			continue;
		raw = archive_entry_pathname(ae);
		hs_buf_reset(&name);
		hs_buf_reset(&hex);
		if (archive_format(a) == ARCHIVE_FORMAT_RAW) {
			/* The raw format calls its single entry "data". */
			raw_entry_name(label, &name);
			e.charset = VN_NAME_UTF8;
		} else if (raw && *raw) {
			e.charset = vntext_repair_name(
				(const unsigned char *)raw, strlen(raw), &name);
			if (e.charset != VN_NAME_UTF8)
				to_hex((const unsigned char *)raw, strlen(raw),
				       &hex);
		}
		hs_buf_reset(&path);
		if (prefix && *prefix) {
			hs_buf_adds(&path, prefix);
			hs_buf_addch(&path, '/');
		}
		if (!safe_name(name.ptr)) {
			findings_add(&s->findings, HS104,
				     prefix && *prefix ? prefix : NULL,
				     "tên tệp không an toàn '%s': bỏ qua", name.ptr);
			continue;
		}
		hs_buf_add(&path, name.ptr, name.len);
		tidy_path(&path);
		/* A name that cleans to nothing (only control characters)
		 * gets one of its own, never "" shared with others. */
		if (path.len == (prefix && *prefix ? strlen(prefix) : 0)) {
			if (path.len)
				hs_buf_addch(&path, '/');
			hs_buf_addf(&path, "entry-%llu",
				    (unsigned long long)s->entries);
		}
		if (e.charset != VN_NAME_UTF8)
			findings_add(&s->findings, HS108, path.ptr,
				     "tên tệp không phải UTF-8, đã đọc theo bảng mã %s (byte gốc %s)",
				     vntext_charset_name(e.charset), hex.ptr);
		if (type == AE_IFLNK || archive_entry_hardlink(ae)) {
			findings_add(&s->findings, HS105, path.ptr,
				     "liên kết (link) trong tệp nén: bỏ qua");
			continue;
		}
		if (type != AE_IFREG && type != 0) {
			findings_add(&s->findings, HS104, path.ptr,
				     "tệp đặc biệt (thiết bị, fifo, socket): bỏ qua");
			continue;
		}
		e.path = path.ptr;
		e.raw_hex = hex.len ? hex.ptr : NULL;
		e.depth = depth;
		e.size = archive_entry_size_is_set(ae) && archive_entry_size(ae) > 0
				 ? (size_t)archive_entry_size(ae)
				 : 0;
		if (archive_entry_is_encrypted(ae)) {
			findings_add(&s->findings, HS103, path.ptr,
				     "tệp có đặt mật khẩu: không đọc");
			e.preset = DOC_ENCRYPTED;
			e.reason = "tệp trong tệp nén có đặt mật khẩu";
			cb(ctx, &e);
			continue;
		}
		hs_buf_init(&body, 0);
		rs = read_entry(s, a, &as, path.ptr, &body, &why);
		if (rs != HS_OK) {
			e.preset = rs == HS_LIMIT ? DOC_LIMIT_EXCEEDED
						  : DOC_UNREADABLE;
			e.reason = why;
			cb(ctx, &e);
			hs_buf_release(&body);
			if (rs == HS_FATAL || s->stopped || as.bomb) {
				ret = HS_WARN;
				break;
			}
			continue;
		}
		e.data = (const unsigned char *)body.ptr;
		e.size = body.len;
		e.format = sniff_format(e.data, e.size, path.ptr);
		dispatch(s, &e, cb, ctx);
		hs_buf_release(&body);
		if (s->stopped)
			break;
	}
	archive_read_free(a);
	hs_buf_release(&name);
	hs_buf_release(&path);
	hs_buf_release(&hex);
	return ret;
}

static enum hs_status walk_memory(struct source *s, const char *prefix,
				  const unsigned char *data, size_t len,
				  enum doc_format fmt, unsigned depth,
				  source_cb cb, void *ctx, const char **why_out)
{
	struct bytes b = {.mem = data, .fd = -1, .len = len};

	return walk_bytes(s, prefix, &b, fmt, depth, cb, ctx, why_out);
}

/* Reads fd (a regular file) up to max bytes; never trusts st_size. */
static enum hs_status read_fd(int fd, uint64_t max, struct hs_buf *out,
			      uint64_t *size, int *err)
{
	struct stat st;

	*err = 0;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		*err = errno ? errno : EINVAL;
		return HS_FAILED;
	}
	*size = (uint64_t)st.st_size;
	if ((uint64_t)st.st_size > max)
		return HS_LIMIT;
	/* The file may grow while it is read: the buffer caps it. */
	out->max = max ? (size_t)max : 1;
	for (;;) {
		char blk[65536];
		ssize_t n = read(fd, blk, sizeof(blk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = errno;
			return HS_FAILED;
		}
		if (n == 0)
			break;
		if (hs_buf_add(out, blk, (size_t)n) != HS_OK) {
			*size = max + 1;
			return HS_LIMIT;
		}
	}
	*size = out->len;
	return HS_OK;
}

/* Reads a regular file (no symlink followed) up to max bytes. */
static enum hs_status read_file(int dirfd, const char *name, uint64_t max,
				struct hs_buf *out, uint64_t *size, int *err)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	enum hs_status ret;

	*err = 0;
	if (fd < 0) {
		*err = errno;
		return HS_FAILED;
	}
	ret = read_fd(fd, max, out, size, err);
	close(fd);
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(struct source *s, int dirfd, const char *prefix,
		     unsigned level, source_cb cb, void *ctx)
{
	DIR *dir;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int fd = dup(dirfd);

	if (fd < 0 || !(dir = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		findings_add(&s->findings, HS101, prefix, "không đọc được thư mục: %s",
			     strerror(errno));
		return;
	}
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		HS_GROW(names, cap, n + 1);
		names[n++] = hs_strdup(de->d_name);
	}
	/* Byte order, so a folder and its zip list entries alike. */
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		struct source_entry e = {0};
		struct hs_buf path = HS_BUF_INIT, hex = HS_BUF_INIT;
		struct hs_buf body = HS_BUF_INIT;
		struct stat st;
		uint64_t size = 0;
		int err;
		enum hs_status rs;

		if (s->stopped)
			goto next;
		s->entries++;
		if (over_global(s, prefix))
			goto next;
		if (*prefix) {
			hs_buf_adds(&path, prefix);
			hs_buf_addch(&path, '/');
		}
		e.charset = vntext_repair_name((unsigned char *)names[i],
					       strlen(names[i]), &path);
		if (e.charset != VN_NAME_UTF8) {
			to_hex((unsigned char *)names[i], strlen(names[i]), &hex);
			findings_add(&s->findings, HS108, path.ptr,
				     "tên tệp không phải UTF-8, đã đọc theo bảng mã %s (byte gốc %s)",
				     vntext_charset_name(e.charset), hex.ptr);
		}
		if (fstatat(dirfd, names[i], &st, AT_SYMLINK_NOFOLLOW)) {
			findings_add(&s->findings, HS201, path.ptr,
				     "không xem được thông tin tệp: %s", strerror(errno));
			goto next;
		}
		if (S_ISLNK(st.st_mode)) {
			findings_add(&s->findings, HS105, path.ptr,
				     "liên kết tượng trưng (symlink): bỏ qua");
			goto next;
		}
		if (S_ISDIR(st.st_mode)) {
			int sub;

			if (level + 1 > DIR_DEPTH_MAX) {
				findings_add(&s->findings, HS106, path.ptr,
					     "thư mục lồng sâu quá %d tầng: không đọc",
					     DIR_DEPTH_MAX);
				goto next;
			}
			sub = openat(dirfd, names[i],
				     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub < 0) {
				findings_add(&s->findings, HS201, path.ptr,
					     "không mở được thư mục: %s", strerror(errno));
				goto next;
			}
			walk_dir(s, sub, path.ptr, level + 1, cb, ctx);
			close(sub);
			goto next;
		}
		if (!S_ISREG(st.st_mode)) {
			findings_add(&s->findings, HS104, path.ptr,
				     "tệp đặc biệt (thiết bị, fifo, socket): bỏ qua");
			goto next;
		}
		e.path = path.ptr;
		e.raw_hex = hex.len ? hex.ptr : NULL;
		rs = read_file(dirfd, names[i], s->limits.entry_max, &body, &size,
			       &err);
		e.size = (size_t)size;
		if (rs == HS_OK) {
			const char *limit = NULL;

			e.format = sniff_format((const unsigned char *)body.ptr,
						body.len, path.ptr);
			s->input_size += body.len;
			/* An archive counts through its contents only. */
			if (!sniff_is_archive(e.format))
				s->total_bytes += body.len;
			if (s->input_size > s->limits.input_max) {
				findings_add(&s->findings, HS106, path.ptr,
					     "thư mục chứa hơn %llu byte "
					     "(--max-input): phần còn lại chưa được đọc",
					     (unsigned long long)s->limits.input_max);
				limit = "đã đạt giới hạn dung lượng thư mục (--max-input)";
			} else if (s->total_bytes > s->limits.total_max) {
				findings_add(&s->findings, HS106, path.ptr,
					     "tổng dung lượng giải nén vượt %llu byte "
					     "(--max-total): phần còn lại chưa được đọc",
					     (unsigned long long)s->limits.total_max);
				limit = "đã đạt giới hạn tổng dung lượng giải nén (--max-total)";
			}
			if (limit) {
				s->stopped = true;
				rs = HS_LIMIT;
				e.reason = limit;
			}
		} else if (rs == HS_LIMIT) {
			findings_add(&s->findings, HS106, path.ptr,
				     "tệp lớn hơn %llu byte (--max-entry): "
				     "không đọc",
				     (unsigned long long)s->limits.entry_max);
			e.reason = "tệp lớn hơn giới hạn (--max-entry)";
		}
		if (rs == HS_OK) {
			e.data = (const unsigned char *)body.ptr;
			e.size = body.len;
			dispatch(s, &e, cb, ctx);
		} else {
			e.format = FMT_UNKNOWN;
			e.preset = rs == HS_LIMIT ? DOC_LIMIT_EXCEEDED
						  : DOC_UNREADABLE;
			if (rs != HS_LIMIT)
				e.reason = strerror(err);
			cb(ctx, &e);
		}
next:
		hs_buf_release(&body);
		hs_buf_release(&path);
		hs_buf_release(&hex);
		free(names[i]);
	}
	free(names);
	closedir(dir);
}

#define CHUNK (1u << 20) /* bytes per read of the input's first pass */

/*
 * What the first bytes (all of them, or at least 262) say: sniff_format()
 * tells every container but zip from them alone; FMT_ZIP for any "PK"
 * start, which zip_is_document() may still find to be a document.
 */
static enum doc_format head_format(const unsigned char *h, size_t n)
{
	if (n >= 4 && (!memcmp(h, "PK\3\4", 4) || !memcmp(h, "PK\5\6", 4) ||
		       !memcmp(h, "PK\7\10", 4)))
		return FMT_ZIP;
	return sniff_format(h, n, NULL);
}

/*
 * The input's one sequential pass, CHUNK bytes a read: its size as read
 * (st_size only to refuse early; a file that grows past max counts as
 * max + 1), its SHA-256 into sha, and *head, the format its first bytes
 * give. Unless that is a container, the bytes are kept in *doc (one
 * document, held whole as ever); an archive is read again later, in parts.
 */
static enum hs_status scan_input(int fd, uint64_t max, struct hs_buf *doc,
				 enum doc_format *head, uint64_t *size,
				 char sha[65], int *err)
{
	struct stat st;
	struct sha256_ctx c;
	unsigned char *chunk;
	uint64_t total = 0;
	bool first = true;
	enum hs_status ret = HS_OK;

	*err = 0;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		*err = errno ? errno : EINVAL;
		return HS_FAILED;
	}
	*size = (uint64_t)st.st_size;
	if ((uint64_t)st.st_size > max)
		return HS_LIMIT;
	doc->max = max ? (size_t)max : 1;
	chunk = hs_malloc(CHUNK);
	sha256_init(&c);
	for (;;) {
		size_t n = 0;

		while (n < CHUNK) {
			ssize_t k = read(fd, chunk + n, CHUNK - n);

			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0) {
				*err = errno;
				ret = HS_FAILED;
				goto out;
			}
			if (k == 0)
				break;
			n += (size_t)k;
		}
		if (first)
			*head = head_format(chunk, n);
		first = false;
		if (n > max - total) {
			*size = max + 1;
			ret = HS_LIMIT;
			goto out;
		}
		total += n;
		sha256_update(&c, n, chunk);
		if (!sniff_is_archive(*head))
			hs_buf_add(doc, chunk, n); /* within max, checked above */
		if (n < CHUNK)
			break;
	}
	*size = total;
	sha256_hex(&c, sha);
out:
	free(chunk);
	return ret;
}

/* Does the file name say an archive (.zip, .7z, .rar, .tar, .tgz...)? */
static bool archive_name(const char *path)
{
	static const char *const ext[] = {
		".zip", ".7z", ".rar", ".tar", ".tgz", ".tbz2", ".txz",
		".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst", NULL};
	size_t n = strlen(path);

	for (const char *const *e = ext; *e; e++) {
		size_t k = strlen(*e);

		if (n > k && !strcasecmp(path + n - k, *e))
			return true;
	}
	return false;
}

/* The len bytes of fd into doc; false with *err (0: cut short). */
static bool read_whole(int fd, uint64_t len, struct hs_buf *doc, int *err)
{
	unsigned char *blk = hs_malloc(BLOCK);
	bool ok = true;

	*err = 0;
	hs_buf_init(doc, len ? (size_t)len : 1);
	for (uint64_t off = 0; ok && off < len; off += BLOCK) {
		size_t n = len - off < BLOCK ? (size_t)(len - off) : BLOCK;

		ok = pread_full(fd, blk, n, off, err) &&
		     hs_buf_add(doc, blk, n) == HS_OK;
	}
	free(blk);
	return ok;
}

/*
 * The input file, open on fd: hashed and sized in one pass, then walked
 * as an archive read in parts (pread), or handed on whole as one document.
 * The same facts and findings as reading it into memory, without holding
 * an archive's bytes.
 */
static enum hs_status walk_input(struct source *s, int fd, const char *path,
				 source_cb cb, void *ctx)
{
	struct hs_buf doc = HS_BUF_INIT;
	struct bytes b = {.fd = fd};
	struct source_entry e = {0};
	enum doc_format head = FMT_UNKNOWN;
	const char *why = NULL;
	char sha[65];
	uint64_t size = 0;
	int err = 0;
	enum hs_status rs, ret = HS_OK;
	struct stat before, after;
	bool have_before = !fstat(fd, &before);

	rs = scan_input(fd, s->limits.input_max, &doc, &head, &size, sha, &err);
	s->input_size = size;
	if (rs == HS_LIMIT) {
		findings_add(&s->findings, HS106, s->input_name,
			     "hồ sơ có từ %llu byte trở lên, vượt giới hạn "
			     "%llu byte (--max-input): không đọc",
			     (unsigned long long)size,
			     (unsigned long long)s->limits.input_max);
		hs_buf_release(&doc);
		return HS_FAILED;
	}
	if (rs != HS_OK) {
		findings_add(&s->findings, HS101, s->input_name,
			     "không đọc được '%s': %s", path, strerror(err));
		hs_buf_release(&doc);
		return HS_FAILED;
	}
	memcpy(s->input_sha256, sha, sizeof(sha));
	b.len = size;
	if (head == FMT_ZIP && zip_is_document(&b)) {
		/* An office file: one document, read whole like the others. */
		if (!read_whole(fd, size, &doc, &err)) {
			findings_add(&s->findings, HS101, s->input_name,
				     "không đọc được '%s': %s", path,
				     err ? strerror(err)
					 : "tệp bị cắt cụt trong lúc đọc");
			hs_buf_release(&doc);
			bytes_release(&b);
			return HS_FAILED;
		}
		head = FMT_UNKNOWN;
	}
	if (!sniff_is_archive(head)) {
		/* The document's own bytes decide its format, as ever. */
		b.mem = (const unsigned char *)doc.ptr;
		b.len = doc.len;
		s->input_format = sniff_format(b.mem, doc.len, s->input_name);
		if (s->input_format == FMT_UNKNOWN && archive_name(path)) {
			/* "ho-so.zip" that is no archive: not a dossier of one
			 * unknown document, but an input that cannot be read */
			findings_add(&s->findings, HS101, s->input_name,
				     "'%s' có tên của tệp nén nhưng không phải tệp "
				     "nén đọc được (hỏng, bị cắt, hoặc không phải "
				     "zip, 7z, rar, tar)", path);
			bytes_release(&b);
			hs_buf_release(&doc);
			return HS_FAILED;
		}
	} else {
		s->input_format = head;
	}
	if (sniff_is_archive(s->input_format)) {
		rs = walk_bytes(s, "", &b, s->input_format, 0, cb, ctx, &why);
		if (rs == HS_FAILED)
			ret = HS_FAILED;
	} else {
		e.data = b.mem;
		e.size = doc.len;
		e.format = s->input_format;
		e.path = s->input_name;
		s->entries++;
		s->total_bytes += e.size;
		cb(ctx, &e);
	}
	bytes_release(&b);
	hs_buf_release(&doc);
	/* The file is read more than once (its hash, then the archive): one
	 * rewritten in between was not read as one whole. */
	if (have_before && !fstat(fd, &after) &&
	    (after.st_size != before.st_size || after.st_ino != before.st_ino ||
	     after.st_mtim.tv_sec != before.st_mtim.tv_sec ||
	     after.st_mtim.tv_nsec != before.st_mtim.tv_nsec)) {
		findings_add(&s->findings, HS101, s->input_name,
			     "'%s' đã thay đổi trong lúc đọc: hãy kiểm tra lại",
			     path);
		ret = HS_FAILED;
	}
	return ret;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');

	while (b && b[1] == '\0' && b > path) {
		/* trailing slash: look before it */
		const char *p = b - 1;

		while (p > path && *p != '/')
			p--;
		return *p == '/' ? p + 1 : p;
	}
	return b ? b + 1 : path;
}

enum hs_status source_walk(struct source *s, const char *path, source_cb cb,
			   void *ctx)
{
	struct stat st;
	struct hs_buf name = HS_BUF_INIT;
	enum hs_status ret = HS_OK;
	size_t before = s->findings.n;

	s->deadline = source_now() + s->limits.time_max;
	vntext_repair_name((const unsigned char *)base_name(path),
			   strlen(base_name(path)), &name);
	/* A trailing slash stays out of the name. */
	while (name.len && name.ptr[name.len - 1] == '/')
		name.ptr[--name.len] = '\0';
	s->input_name = hs_buf_detach(&name, NULL);
	if (stat(path, &st)) {
		findings_add(&s->findings, HS101, s->input_name,
			     "không mở được '%s': %s", path, strerror(errno));
		return HS_FAILED;
	}
	if (S_ISDIR(st.st_mode)) {
		int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		s->input_is_dir = true;
		if (fd < 0) {
			findings_add(&s->findings, HS101, s->input_name,
				     "không mở được thư mục '%s': %s", path,
				     strerror(errno));
			return HS_FAILED;
		}
		walk_dir(s, fd, "", 0, cb, ctx);
		close(fd);
	} else if (S_ISREG(st.st_mode)) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);

		if (fd < 0) {
			findings_add(&s->findings, HS101, s->input_name,
				     "không mở được '%s': %s", path, strerror(errno));
			return HS_FAILED;
		}
		ret = walk_input(s, fd, path, cb, ctx);
		close(fd);
	} else {
		findings_add(&s->findings, HS101, s->input_name,
			     "'%s' is not a file or folder", path);
		return HS_FAILED;
	}
	if (ret == HS_OK && s->findings.n > before)
		ret = HS_WARN;
	return ret;
}

enum hs_status source_walk_memory(struct source *s, const char *name,
				  const unsigned char *data, size_t len,
				  source_cb cb, void *ctx)
{
	struct hs_buf clean = HS_BUF_INIT;
	struct source_entry e = {0};
	const char *why = NULL;
	enum hs_status ret = HS_OK;
	size_t before = s->findings.n;

	s->deadline = source_now() + s->limits.time_max;
	vntext_repair_name((const unsigned char *)name, strlen(name), &clean);
	free(s->input_name);
	s->input_name = hs_buf_detach(&clean, NULL);
	s->input_size = len;
	e.data = data;
	e.size = len;
	e.format = sniff_format(data, len, s->input_name);
	s->input_format = e.format;
	if (sniff_is_archive(e.format)) {
		if (walk_memory(s, "", data, len, e.format, 0, cb, ctx, &why) ==
		    HS_FAILED)
			ret = HS_FAILED;
	} else {
		e.path = s->input_name;
		s->entries++;
		s->total_bytes += len;
		cb(ctx, &e);
	}
	if (ret == HS_OK && s->findings.n > before)
		ret = HS_WARN;
	return ret;
}
