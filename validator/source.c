/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * source.c: folders and archives -> document entries, in memory, under
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
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib.h>

#define RATIO_GRACE (1u << 20) /* bytes of an entry before its ratio counts */
#define DIR_DEPTH_MAX 32

double source_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void source_sha256(const unsigned char *data, size_t len, char out[65])
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);

	g_checksum_update(c, data, (gssize)len);
	snprintf(out, 65, "%s", g_checksum_get_string(c));
	g_checksum_free(c);
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
			     "time limit of %u s for reading the input reached "
			     "(--max-time): the rest was not read",
			     s->limits.time_max);
		s->stopped = true;
	} else if (s->entries > s->limits.entries_max) {
		findings_add(&s->findings, HS106, path,
			     "more than %llu entries (--max-entries): the rest "
			     "was not read",
			     (unsigned long long)s->limits.entries_max);
		s->stopped = true;
	}
	return s->stopped;
}

static void emit(struct source *s, source_cb cb, void *ctx,
		 struct source_entry *e)
{
	(void)s;
	cb(ctx, e);
}

static enum hs_status walk_memory(struct source *s, const char *prefix,
				  const unsigned char *data, size_t len,
				  enum doc_format fmt, unsigned depth,
				  source_cb cb, void *ctx);

/*
 * Hands one document's bytes on: nested archives are walked (within the
 * depth budget), everything else goes to the callback.
 */
static void dispatch(struct source *s, struct source_entry *e, source_cb cb,
		     void *ctx)
{
	if (e->data && sniff_is_archive(e->format)) {
		if (e->depth + 1 > s->limits.depth_max) {
			findings_add(&s->findings, HS106, e->path,
				     "archive nested deeper than %u levels "
				     "(--max-depth): not opened",
				     s->limits.depth_max);
			e->preset = DOC_LIMIT_EXCEEDED;
			e->reason = "nested archive beyond the depth limit";
			e->data = NULL;
			emit(s, cb, ctx, e);
			return;
		}
		if (walk_memory(s, e->path, e->data, e->size, e->format,
				e->depth + 1, cb, ctx) == HS_FAILED) {
			/* Listed, so the reviewer sees the file exists. */
			e->preset = DOC_UNREADABLE;
			e->reason = "damaged archive inside the input";
			e->data = NULL;
			emit(s, cb, ctx, e);
			return;
		}
		findings_add(&s->findings, HS107, e->path,
			     "nested %s archive read", sniff_format_name(e->format));
		return;
	}
	emit(s, cb, ctx, e);
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

static struct archive *open_reader(struct source *s, const char *path,
				   const unsigned char *data, size_t len,
				   enum doc_format fmt, unsigned depth)
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
			     "archive support incomplete in this libarchive");
		archive_read_free(a);
		return NULL;
	}
	if (archive_read_open_memory(a, data, len) != ARCHIVE_OK) {
		/* The input itself (HS101), or a damaged archive inside it. */
		findings_add(&s->findings, depth ? HS102 : HS101, path,
			     "cannot open archive: %s",
			     archive_error_string(a) ? archive_error_string(a)
						     : "unknown format");
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* Reads the current entry's data under the budgets; HS_OK or why not. */
static enum hs_status read_entry(struct source *s, struct archive *a,
				 const char *path, struct hs_buf *out,
				 const char **why)
{
	const void *blk;
	size_t n;
	la_int64_t off;
	la_int64_t raw0 = archive_filter_bytes(a, -1);
	int r;

	for (;;) {
		uint64_t end;
		la_int64_t raw;

		r = archive_read_data_block(a, &blk, &n, &off);
		if (r == ARCHIVE_EOF)
			return HS_OK;
		if (r < ARCHIVE_WARN) {
			findings_add(&s->findings, HS102, path,
				     "entry damaged: %s",
				     archive_error_string(a) ? archive_error_string(a)
							     : "read error");
			*why = "damaged entry in the archive";
			return r == ARCHIVE_FATAL ? HS_FATAL : HS_FAILED;
		}
		/* Logical size counts sparse holes: off + n, never n alone. */
		end = (uint64_t)(off < 0 ? 0 : off) + n;
		if (end > s->limits.entry_max) {
			findings_add(&s->findings, HS106, path,
				     "entry larger than %llu bytes (--max-entry): "
				     "not read",
				     (unsigned long long)s->limits.entry_max);
			*why = "entry larger than the per-entry limit";
			return HS_LIMIT;
		}
		s->total_bytes += n;
		if (s->total_bytes > s->limits.total_max) {
			findings_add(&s->findings, HS106, path,
				     "more than %llu uncompressed bytes in all "
				     "(--max-total): the rest was not read",
				     (unsigned long long)s->limits.total_max);
			s->stopped = true;
			*why = "total uncompressed size limit reached";
			return HS_LIMIT;
		}
		raw = archive_filter_bytes(a, -1) - raw0;
		if (end > RATIO_GRACE &&
		    end / (uint64_t)(raw > 0 ? raw : 1) > s->limits.ratio_max) {
			findings_add(&s->findings, HS106, path,
				     "compression ratio above %u:1 (--max-ratio): "
				     "possible zip bomb, not read",
				     s->limits.ratio_max);
			*why = "compression ratio above the limit";
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
		hs_buf_add(out, blk, n);
	}
}

static enum hs_status walk_memory(struct source *s, const char *prefix,
				  const unsigned char *data, size_t len,
				  enum doc_format fmt, unsigned depth,
				  source_cb cb, void *ctx)
{
	struct archive *a;
	struct archive_entry *ae;
	struct hs_buf name = HS_BUF_INIT, path = HS_BUF_INIT, hex = HS_BUF_INIT;
	struct hs_buf body = HS_BUF_INIT;
	enum hs_status ret = HS_OK;
	unsigned retries = 0;
	int r;

	a = open_reader(s, prefix, data, len, fmt, depth);
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
		if (r < ARCHIVE_WARN) {
			const char *err = archive_error_string(a);

			if (archive_read_has_encrypted_entries(a) > 0 ||
			    (err && strstr(err, "ncrypt")))
				findings_add(&s->findings, HS103, prefix,
					     "encrypted archive headers: not read (%s)",
					     err ? err : "encrypted");
			else if (s->entries == 0 && depth == 0)
				findings_add(&s->findings, HS101, prefix,
					     "not a readable archive: %s",
					     err ? err : "unknown error");
			else
				findings_add(&s->findings, HS102, prefix,
					     "archive damaged: %s",
					     err ? err : "unknown error");
			ret = HS_WARN;
			break;
		}
		s->entries++;
		if (over_global(s, prefix)) {
			ret = HS_WARN;
			break;
		}
		type = archive_entry_filetype(ae);
		if (type == AE_IFDIR)
			continue;
		raw = archive_entry_pathname(ae);
		hs_buf_reset(&name);
		hs_buf_reset(&hex);
		if (!raw || !*raw) {
			hs_buf_addf(&name, "entry-%llu",
				    (unsigned long long)s->entries);
			e.charset = VN_NAME_UTF8;
		} else {
			e.charset = vntext_repair_name(
				(const unsigned char *)raw, strlen(raw), &name);
			if (e.charset != VN_NAME_UTF8)
				to_hex((const unsigned char *)raw, strlen(raw),
				       &hex);
		}
		/* The raw format names its single entry "data". */
		if (archive_format(a) == ARCHIVE_FORMAT_RAW) {
			hs_buf_reset(&name);
			hs_buf_adds(&name, "data");
		}
		hs_buf_reset(&path);
		if (prefix && *prefix) {
			hs_buf_adds(&path, prefix);
			hs_buf_addch(&path, '/');
		}
		if (!safe_name(name.ptr)) {
			findings_add(&s->findings, HS104,
				     prefix && *prefix ? prefix : NULL,
				     "unsafe entry name '%s' ignored", name.ptr);
			continue;
		}
		hs_buf_add(&path, name.ptr, name.len);
		tidy_path(&path);
		if (e.charset != VN_NAME_UTF8)
			findings_add(&s->findings, HS108, path.ptr,
				     "name decoded from %s (raw bytes %s)",
				     vntext_charset_name(e.charset), hex.ptr);
		if (type == AE_IFLNK || archive_entry_hardlink(ae)) {
			findings_add(&s->findings, HS105, path.ptr,
				     "link entry ignored");
			continue;
		}
		if (type != AE_IFREG && type != 0) {
			findings_add(&s->findings, HS104, path.ptr,
				     "special file (device, fifo or socket) ignored");
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
				     "encrypted entry: not read");
			e.preset = DOC_ENCRYPTED;
			e.reason = "encrypted entry in the archive";
			emit(s, cb, ctx, &e);
			continue;
		}
		hs_buf_init(&body, 0);
		rs = read_entry(s, a, path.ptr, &body, &why);
		if (rs != HS_OK) {
			e.preset = rs == HS_LIMIT ? DOC_LIMIT_EXCEEDED
						  : DOC_UNREADABLE;
			e.reason = why;
			emit(s, cb, ctx, &e);
			hs_buf_release(&body);
			if (rs == HS_FATAL || s->stopped) {
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
	if (archive_filter_count(a) > 3)
		findings_add(&s->findings, HS106, prefix,
			     "%d stacked compression filters", archive_filter_count(a));
	archive_read_free(a);
	hs_buf_release(&name);
	hs_buf_release(&path);
	hs_buf_release(&hex);
	return ret;
}

/* Reads a regular file (no symlink followed) up to max bytes. */
static enum hs_status read_file(int dirfd, const char *name, uint64_t max,
				struct hs_buf *out, uint64_t *size, int *err)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	enum hs_status ret = HS_OK;

	*err = 0;
	if (fd < 0) {
		*err = errno;
		return HS_FAILED;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		*err = errno ? errno : EINVAL;
		close(fd);
		return HS_FAILED;
	}
	*size = (uint64_t)st.st_size;
	if ((uint64_t)st.st_size > max) {
		close(fd);
		return HS_LIMIT;
	}
	for (;;) {
		char blk[65536];
		ssize_t n = read(fd, blk, sizeof(blk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = errno;
			ret = HS_FAILED;
			break;
		}
		if (n == 0)
			break;
		if (hs_buf_add(out, blk, (size_t)n) != HS_OK) {
			ret = HS_LIMIT;
			break;
		}
	}
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
		findings_add(&s->findings, HS101, prefix, "cannot read folder: %s",
			     strerror(errno));
		return;
	}
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		/* hoso.json at the root of a folder is its configuration. */
		if (level == 0 && !strcmp(de->d_name, "hoso.json"))
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
				     "name decoded from %s (raw bytes %s)",
				     vntext_charset_name(e.charset), hex.ptr);
		}
		if (fstatat(dirfd, names[i], &st, AT_SYMLINK_NOFOLLOW)) {
			findings_add(&s->findings, HS201, path.ptr,
				     "cannot stat: %s", strerror(errno));
			goto next;
		}
		if (S_ISLNK(st.st_mode)) {
			findings_add(&s->findings, HS105, path.ptr,
				     "symbolic link ignored");
			goto next;
		}
		if (S_ISDIR(st.st_mode)) {
			int sub;

			if (level + 1 > DIR_DEPTH_MAX) {
				findings_add(&s->findings, HS106, path.ptr,
					     "folders nested deeper than %d: not read",
					     DIR_DEPTH_MAX);
				goto next;
			}
			sub = openat(dirfd, names[i],
				     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub < 0) {
				findings_add(&s->findings, HS201, path.ptr,
					     "cannot open folder: %s", strerror(errno));
				goto next;
			}
			walk_dir(s, sub, path.ptr, level + 1, cb, ctx);
			close(sub);
			goto next;
		}
		if (!S_ISREG(st.st_mode)) {
			findings_add(&s->findings, HS104, path.ptr,
				     "special file (device, fifo or socket) ignored");
			goto next;
		}
		e.path = path.ptr;
		e.raw_hex = hex.len ? hex.ptr : NULL;
		rs = read_file(dirfd, names[i], s->limits.entry_max, &body, &size,
			       &err);
		e.size = (size_t)size;
		if (rs == HS_OK) {
			s->input_size += body.len;
			s->total_bytes += body.len;
			if (s->input_size > s->limits.input_max ||
			    s->total_bytes > s->limits.total_max) {
				findings_add(&s->findings, HS106, path.ptr,
					     "folder holds more than %llu bytes "
					     "(--max-input): the rest was not read",
					     (unsigned long long)s->limits.input_max);
				s->stopped = true;
				rs = HS_LIMIT;
			}
		} else if (rs == HS_LIMIT) {
			findings_add(&s->findings, HS106, path.ptr,
				     "file larger than %llu bytes (--max-entry): "
				     "not read",
				     (unsigned long long)s->limits.entry_max);
		}
		if (rs == HS_OK) {
			e.data = (const unsigned char *)body.ptr;
			e.size = body.len;
			e.format = sniff_format(e.data, e.size, path.ptr);
			dispatch(s, &e, cb, ctx);
		} else {
			e.preset = rs == HS_LIMIT ? DOC_LIMIT_EXCEEDED
						  : DOC_UNREADABLE;
			e.reason = rs == HS_LIMIT ? "file larger than the limit"
						  : strerror(err);
			emit(s, cb, ctx, &e);
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
			     "cannot open '%s': %s", path, strerror(errno));
		return HS_FAILED;
	}
	if (S_ISDIR(st.st_mode)) {
		int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		s->input_is_dir = true;
		if (fd < 0) {
			findings_add(&s->findings, HS101, s->input_name,
				     "cannot open folder '%s': %s", path,
				     strerror(errno));
			return HS_FAILED;
		}
		walk_dir(s, fd, "", 0, cb, ctx);
		close(fd);
	} else if (S_ISREG(st.st_mode)) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		void *map = MAP_FAILED;
		size_t len = (size_t)st.st_size;
		struct source_entry e = {0};

		s->input_size = (uint64_t)st.st_size;
		if (fd < 0) {
			findings_add(&s->findings, HS101, s->input_name,
				     "cannot open '%s': %s", path, strerror(errno));
			return HS_FAILED;
		}
		if ((uint64_t)st.st_size > s->limits.input_max) {
			findings_add(&s->findings, HS106, s->input_name,
				     "input is %llu bytes, above the limit of %llu "
				     "(--max-input): not read",
				     (unsigned long long)st.st_size,
				     (unsigned long long)s->limits.input_max);
			close(fd);
			return HS_FAILED;
		}
		if (len)
			map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
		close(fd);
		if (len && map == MAP_FAILED) {
			findings_add(&s->findings, HS101, s->input_name,
				     "cannot read '%s': %s", path, strerror(errno));
			return HS_FAILED;
		}
		e.data = len ? map : (const unsigned char *)"";
		e.size = len;
		e.format = sniff_format(e.data, len, s->input_name);
		s->input_format = e.format;
		source_sha256(e.data, len, s->input_sha256);
		if (sniff_is_archive(e.format)) {
			if (walk_memory(s, "", e.data, len, e.format, 0, cb,
					ctx) == HS_FAILED)
				ret = HS_FAILED;
		} else {
			e.path = s->input_name;
			s->entries++;
			s->total_bytes += len;
			emit(s, cb, ctx, &e);
		}
		if (len)
			munmap(map, len);
	} else {
		findings_add(&s->findings, HS101, s->input_name,
			     "'%s' is not a file or folder", path);
		return HS_FAILED;
	}
	if (ret == HS_OK && s->findings.n > before)
		ret = HS_WARN;
	return ret;
}
