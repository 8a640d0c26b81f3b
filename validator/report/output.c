/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * output.c: see output.h. What the user named is looked at with lstat()
 * before anything is written: a regular file (or no file yet) is replaced
 * atomically through a temporary file beside it, a character device or
 * FIFO is written through, anything else is refused.
 */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/hs.h"

struct out {
	FILE *f;
	struct hs_buf tmp; /* the temporary name, empty when direct */
	bool direct;       /* a device or FIFO, written through */
};

static void say(char *why, size_t len, enum hs_lang lang, enum msg_key k,
		const char *path)
{
	struct hs_buf b = HS_BUF_INIT;

	msgf(&b, k, lang, path);
	snprintf(why, len, "%s", b.ptr ? b.ptr : "");
	hs_buf_release(&b);
}

/* Is the existing file at path inside the folder dir (at any depth)? */
static bool inside(const char *path, const char *dir)
{
	char *rd = realpath(dir, NULL), *slash = strrchr(path, '/'), *pd;
	char *parent = slash ? strndup(path, (size_t)(slash - path) + (slash == path))
			     : strdup(".");
	bool in = false;

	pd = parent ? realpath(parent, NULL) : NULL;
	if (rd && pd) {
		size_t n = strlen(rd);

		in = !strncmp(pd, rd, n) && (pd[n] == '\0' || pd[n] == '/' ||
					     !strcmp(rd, "/"));
	}
	free(rd);
	free(pd);
	free(parent);
	return in;
}

/* Is the file at path a report hoso wrote (an earlier run's), by its
 * first bytes? Such a file may be replaced even inside a dossier. */
static bool hoso_wrote(const char *path)
{
	char head[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return false;
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n <= 0)
		return false;
	return msg_hoso_wrote(head, (size_t)n, false);
}

bool output_allowed(const char *path, const char *const *inputs,
		    size_t ninputs, enum hs_lang lang, char *why, size_t len)
{
	struct stat st, in, to;

	if (!path)
		return true;
	if (lstat(path, &st))
		return true; /* not there yet: created by the rename */
	if (S_ISLNK(st.st_mode)) {
		/* /dev/stdout, /dev/fd/1: a link to a device or pipe is
		 * written through; a link to anything else is refused */
		if (stat(path, &to) || (!S_ISCHR(to.st_mode) && !S_ISFIFO(to.st_mode))) {
			say(why, len, lang, MSG_O_SYMLINK, path);
			return false;
		}
		st = to;
	}
	for (size_t i = 0; i < ninputs; i++) {
		if (!inputs[i] || stat(inputs[i], &in))
			continue;
		if (in.st_dev == st.st_dev && in.st_ino == st.st_ino) {
			say(why, len, lang, MSG_O_INPUT, path);
			return false;
		}
		/* a document of a folder being checked is the dossier too;
		 * a new file in it may be made, or hoso's own earlier report
		 * replaced (HS112 skips both next time) */
		if (S_ISDIR(in.st_mode) && S_ISREG(st.st_mode) &&
		    inside(path, inputs[i]) && !hoso_wrote(path)) {
			say(why, len, lang, MSG_O_INPUT_DOC, path);
			return false;
		}
	}
	if (S_ISDIR(st.st_mode)) {
		say(why, len, lang, MSG_O_FOLDER, path);
		return false;
	}
	if (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode) &&
	    !S_ISFIFO(st.st_mode)) {
		say(why, len, lang, MSG_O_KIND, path);
		return false;
	}
	return true;
}

static void warn_cannot(enum hs_lang lang, const char *path, int err)
{
	struct hs_buf b = HS_BUF_INIT;

	msgf(&b, MSG_O_CANNOT, lang, path, strerror(err));
	hs_warn("%s", b.ptr);
	hs_buf_release(&b);
}

static bool out_open(struct out *o, const char *path, enum hs_lang lang)
{
	struct stat st;
	char why[1024];
	int fd;

	memset(o, 0, sizeof(*o));
	if (!path) {
		o->f = stdout;
		return true;
	}
	/* Looked at again here: a batch writes names inside a folder. */
	if (!output_allowed(path, NULL, 0, lang, why, sizeof(why))) {
		hs_warn("%s", why);
		return false;
	}
	if (!stat(path, &st) && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
		/* written through; what was opened is checked again, so a
		 * file put there meanwhile is not written over (a FIFO waits
		 * for its reader, as a shell's redirection does) */
		fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (fd >= 0 && (fstat(fd, &st) ||
				(!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode)))) {
			close(fd);
			fd = -1;
			errno = EEXIST;
		}
		o->f = fd >= 0 ? fdopen(fd, "wb") : NULL;
		if (!o->f) {
			warn_cannot(lang, path, errno);
			if (fd >= 0)
				close(fd);
			return false;
		}
		o->direct = true;
		return true;
	}
	hs_buf_addf(&o->tmp, "%s.tmp.%ld", path, (long)getpid());
	o->f = fopen(o->tmp.ptr, "wbx");
	if (!o->f) {
		warn_cannot(lang, o->tmp.ptr, errno);
		hs_buf_release(&o->tmp);
		return false;
	}
	return true;
}

/* Finishes o: 0, or -1 with a warning if anything failed (ret < 0 says a
 * write did). */
static int out_close(struct out *o, const char *path, int ret,
		     enum hs_lang lang)
{
	int err;

	if (!path) {
		if (fflush(stdout) || ferror(stdout) || ret) {
			/* a reader that stopped (| head) needs no message */
			if (errno != EPIPE)
				warn_cannot(lang, "stdout", errno);
			return -1;
		}
		return 0;
	}
	if (o->direct) {
		err = errno;
		if (ret || fflush(o->f) || ferror(o->f)) {
			if (errno != EPIPE) /* a reader that stopped */
				warn_cannot(lang, path, errno ? errno : err);
			ret = -1;
		}
		if (fclose(o->f))
			ret = -1;
		return ret;
	}
	if (ret || fflush(o->f) || fsync(fileno(o->f))) {
		warn_cannot(lang, o->tmp.ptr, errno);
		ret = -1;
	}
	if (fclose(o->f))
		ret = -1;
	if (!ret && rename(o->tmp.ptr, path)) {
		warn_cannot(lang, path, errno);
		ret = -1;
	}
	if (ret)
		unlink(o->tmp.ptr);
	hs_buf_release(&o->tmp);
	return ret;
}

int output_write(const char *path, const char *data, size_t len,
		 enum hs_lang lang)
{
	struct out o;

	if (!out_open(&o, path, lang))
		return -1;
	return out_close(&o, path, fwrite(data, 1, len, o.f) != len ? -1 : 0,
			 lang);
}

int output_write_fd(const char *path, int fd, uint64_t at, bool nl,
		    enum hs_lang lang)
{
	struct out o;
	char *blk;
	ssize_t n;
	int ret = 0;

	if (!out_open(&o, path, lang))
		return -1;
	blk = hs_malloc(1u << 16);
	while ((n = pread(fd, blk, 1u << 16, (off_t)at)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || fwrite(blk, 1, (size_t)n, o.f) != (size_t)n) {
			ret = -1;
			break;
		}
		at += (uint64_t)n;
	}
	if (nl && fputc('\n', o.f) == EOF)
		ret = -1;
	free(blk);
	return out_close(&o, path, ret, lang);
}
