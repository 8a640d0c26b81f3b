/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * worker.c: the worker pool and its wire format (see worker.h).
 */
#include "worker.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <limits.h>
#include <stddef.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "read/extract/ocr.h"
#include "source.h"

#if defined(__SANITIZE_ADDRESS__)
#define HOSO_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HOSO_ASAN 1
#endif
#endif

/* ==== wire format ==== */

enum {
	REC_STATUS = 'S', /* u32 status, reason */
	REC_ENCODING = 'E', /* u32 */
	REC_TEXT = 'T',   /* text bytes */
	REC_PAGE = 'P',   /* end of page */
	REC_PAGES_TEXT = 'Q', /* u64 */
	REC_SHEETS = 'H', /* u64 */
	REC_TABLE = 'B',  /* u32 page, name */
	REC_ROW = 'W',    /* u32 index */
	REC_CELL = 'C',   /* u32 col, u8 is_num, f64 num, text */
	REC_NOTE = 'N',   /* u32 code, message */
	REC_OCR = 'O',    /* u32 page, u8 conf, seal, signature, x, y, i16 angle, u8 colour */
};

static void put_rec(struct hs_buf *out, char tag, const void *a, size_t alen,
		    const void *b, size_t blen)
{
	uint32_t n = (uint32_t)(alen + blen);

	hs_buf_addch(out, tag);
	hs_buf_add(out, &n, 4);
	hs_buf_add(out, a, alen);
	hs_buf_add(out, b, blen);
}

static void put_u32_str(struct hs_buf *out, char tag, uint32_t v,
			const char *s)
{
	put_rec(out, tag, &v, 4, s, s ? strlen(s) : 0);
}

void worker_encode(const struct doc *d, struct hs_buf *out)
{
	size_t start = 0;
	uint64_t v;

	put_u32_str(out, REC_STATUS, (uint32_t)d->status, d->reason);
	put_u32_str(out, REC_ENCODING, (uint32_t)d->encoding, NULL);
	for (size_t p = 0; p < d->npages; p++) {
		size_t end = d->page_ends[p];

		if (end > start)
			put_rec(out, REC_TEXT, d->text.ptr + start, end - start,
				NULL, 0);
		put_rec(out, REC_PAGE, NULL, 0, NULL, 0);
		start = end;
	}
	if (d->text.len > start)
		put_rec(out, REC_TEXT, d->text.ptr + start, d->text.len - start,
			NULL, 0);
	v = d->npages_text;
	put_rec(out, REC_PAGES_TEXT, &v, 8, NULL, 0);
	v = d->nsheets;
	put_rec(out, REC_SHEETS, &v, 8, NULL, 0);
	for (size_t t = 0; t < d->ntables; t++) {
		const struct doc_table *tb = &d->tables[t];

		put_u32_str(out, REC_TABLE, tb->page, tb->name);
		for (size_t r = 0; r < tb->nrows; r++) {
			const struct doc_row *row = &tb->rows[r];

			put_u32_str(out, REC_ROW, row->index, NULL);
			for (size_t c = 0; c < row->ncells; c++) {
				const struct doc_cell *cell = &row->cells[c];
				unsigned char head[13];

				memcpy(head, &cell->col, 4);
				head[4] = cell->is_num;
				memcpy(head + 5, &cell->num, 8);
				put_rec(out, REC_CELL, head, 13, cell->text,
					strlen(cell->text));
			}
		}
	}
	for (size_t i = 0; i < d->nnotes; i++)
		put_u32_str(out, REC_NOTE, (uint32_t)d->notes[i].code,
			    d->notes[i].message);
	for (size_t i = 0; i < d->nocr; i++) {
		const struct doc_ocr_page *pg = &d->ocr[i];
		unsigned char r[12];

		memcpy(r, &pg->page, 4);
		r[4] = pg->conf;
		r[5] = pg->seal;
		r[6] = pg->signature;
		r[7] = pg->seal_x;
		r[8] = pg->seal_y;
		memcpy(r + 9, &pg->angle, 2);
		r[11] = pg->colour;
		put_rec(out, REC_OCR, r, sizeof(r), NULL, 0);
	}
}

enum hs_status worker_decode(struct doc *d, const unsigned char *s,
			     size_t len)
{
	size_t i = 0;

	/* The worker normalised its text; here it is only checked. */
	d->normalised = true;

	while (i < len) {
		char tag;
		uint32_t n, u = 0;
		const unsigned char *p;

		if (len - i < 5)
			return HS_FAILED;
		tag = (char)s[i];
		memcpy(&n, s + i + 1, 4);
		i += 5;
		if (n > len - i)
			return HS_FAILED;
		p = s + i;
		i += n;
		if (tag == REC_STATUS || tag == REC_ENCODING || tag == REC_TABLE ||
		    tag == REC_ROW || tag == REC_NOTE) {
			if (n < 4)
				return HS_FAILED;
			memcpy(&u, p, 4);
		}
		switch (tag) {
		case REC_STATUS: {
			char *reason = hs_strndup((const char *)p + 4, n - 4);

			if (u > DOC_STATUS_LAST) {
				free(reason);
				return HS_FAILED;
			}
			if (u != DOC_OK)
				doc_set_status(d, (enum doc_status)u, "%s", reason);
			free(reason);
			break;
		}
		case REC_ENCODING:
			if (u > DOC_ENC_VNI)
				return HS_FAILED;
			doc_set_encoding(d, (enum doc_encoding)u);
			break;
		case REC_TEXT:
			doc_add_text(d, (const char *)p, n);
			break;
		case REC_PAGE:
			doc_end_page(d);
			break;
		case REC_PAGES_TEXT:
		case REC_SHEETS: {
			uint64_t v;

			if (n != 8)
				return HS_FAILED;
			memcpy(&v, p, 8);
			if (tag == REC_SHEETS)
				d->nsheets = (size_t)v;
			else
				d->npages_text = (size_t)v;
			break;
		}
		case REC_TABLE: {
			char *name = hs_strndup((const char *)p + 4, n - 4);

			doc_table_new(d, name, u);
			free(name);
			break;
		}
		case REC_ROW:
			doc_row_new(d, u);
			break;
		case REC_CELL: {
			uint32_t col;
			double num;

			if (n < 13)
				return HS_FAILED;
			memcpy(&col, p, 4);
			memcpy(&num, p + 5, 8);
			doc_cell_add(d, col, (const char *)p + 13, n - 13,
				     p[4] != 0, num);
			break;
		}
		case REC_NOTE: {
			char *msg = hs_strndup((const char *)p + 4, n - 4);

			if (u >= HS_CODE_COUNT) {
				free(msg);
				return HS_FAILED;
			}
			doc_note(d, (enum hs_code)u, "%s", msg);
			free(msg);
			break;
		}
		case REC_OCR: {
			struct doc_ocr_page pg;

			if (n != 12 || p[4] > 100 || p[5] > 1 || p[6] > 1 || p[11] > 1 ||
			    p[7] > 100 || p[8] > 100 || d->nocr >= d->npages + 1)
				return HS_FAILED;
			memcpy(&pg.page, p, 4);
			pg.conf = p[4];
			pg.seal = p[5];
			pg.signature = p[6];
			pg.seal_x = p[7];
			pg.seal_y = p[8];
			memcpy(&pg.angle, p + 9, 2);
			pg.colour = p[11];
			doc_add_ocr_page(d, &pg);
			break;
		}
		default:
			return HS_FAILED;
		}
	}
	return HS_OK;
}

/* ==== the pool ==== */

/* Why the parent stopped a worker. */
enum slot_end {
	END_NONE,
	END_TIME,    /* the wall-clock deadline (--timeout) */
	END_OVER,    /* its result passed the cap */
	END_LINGER,  /* closed its result but did not exit */
};

#define LINGER_S 1.0 /* seconds a worker may take to exit after its result */
#define TICK_MS 20   /* poll period while waiting for an exit */

struct slot {
	pid_t pid;          /* 0: free */
	int fd;             /* read end of the result pipe; -1 after EOF */
	size_t id;
	double deadline;    /* wall clock: SIGKILL then */
	double eof_at;      /* when the result ended */
	struct hs_buf result;
	enum slot_end end;  /* set when the parent killed it */
	bool reaped;
	bool zygote;        /* a child of the zygote, not ours */
	int status;         /* from waitpid once reaped */
};

struct pool {
	unsigned jobs;
	struct slot *slots;
	struct worker_limits wl;
	struct extract_limits el;
	pool_done_cb cb;
	void *ctx;
	pool_extract_fn extract;
	const char *exe;    /* spawn "exe --worker" (NULL: fork in place) */
	/* The zygote: a process forked while the caller was still small,
	 * which forks the workers, so that a fork never copies the page
	 * tables of a parent that holds thousands of documents. */
	pid_t zpid;         /* 0: not started; -1: failed or gone */
	int zfd;            /* our end of its socket */
};

/* Zygote messages: a request carries two fds (document, result pipe). */
struct zreq {
	uint32_t fmt;
	uint64_t len;
};

struct zmsg {
	char type;          /* 'P': the worker's pid; 'S': its wait status */
	int32_t pid;        /* or -errno for 'P' when the fork failed */
	int32_t status;
};

struct pool *pool_new(unsigned jobs, const struct worker_limits *wl,
		      const struct extract_limits *el, pool_done_cb cb,
		      void *ctx)
{
	struct pool *p = hs_calloc(1, sizeof(*p));

	p->jobs = jobs ? jobs : 1;
	p->slots = hs_calloc(p->jobs, sizeof(*p->slots));
	p->wl = *wl;
	p->el = *el;
	p->cb = cb;
	p->ctx = ctx;
	p->extract = extract_document;
	for (unsigned i = 0; i < p->jobs; i++)
		p->slots[i].fd = -1;
	p->zfd = -1;
	/* A worker that dies must not kill us through a broken pipe. */
	signal(SIGPIPE, SIG_IGN);
	return p;
}

void pool_set_extractor(struct pool *p, pool_extract_fn fn)
{
	p->extract = fn ? fn : extract_document;
}

void pool_set_callback(struct pool *p, pool_done_cb cb, void *ctx)
{
	p->cb = cb;
	p->ctx = ctx;
}

void pool_set_exe(struct pool *p, const char *exe)
{
	p->exe = exe;
}

static void zygote_start(struct pool *p);

void pool_prepare(struct pool *p)
{
	if (!(p->exe && p->extract == extract_document) && !p->zpid)
		zygote_start(p);
}

static void write_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(fd, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			_exit(3);
		s += n;
		len -= (size_t)n;
	}
}

/* ==== the worker's sandbox ==== */

/* Landlock flags of ABI 3-6, for headers older than the running kernel. */
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15)
#endif
#define HS_LANDLOCK_NET_BIND_TCP (1ULL << 0)
#define HS_LANDLOCK_NET_CONNECT_TCP (1ULL << 1)
#define HS_LANDLOCK_SCOPE_ABSTRACT_UNIX (1ULL << 0)
#define HS_LANDLOCK_SCOPE_SIGNAL (1ULL << 1)

/* struct landlock_ruleset_attr as of ABI 6; the size passed says which. */
struct hs_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net; /* ABI 4 */
	uint64_t scoped;             /* ABI 6 */
};

/* Folders libraries may read data from (fonts, encodings, locales). */
static const char *const read_paths[] = {
	"/usr", "/lib", "/lib64", "/etc/fonts", "/etc/ld.so.cache",
	"/var/cache/fontconfig",
};

/* The Landlock ABI of the running kernel, 0 without Landlock. */
static long landlock_abi(void)
{
	long v = syscall(SYS_landlock_create_ruleset, NULL, 0,
			 LANDLOCK_CREATE_RULESET_VERSION);

	return v < 0 ? 0 : v;
}

/*
 * Landlock where the kernel has it: no file-system change at all (create,
 * write, truncate, remove, rename, device ioctl), reading only below the
 * library folders above, no TCP bind or connect (ABI 4), no signals to or
 * abstract sockets of processes outside (ABI 6). RLIMIT_FSIZE 0 still kills
 * a write where there is no Landlock. false when a ruleset was built but
 * could not be enforced: the worker must then stop.
 */
static bool landlock_confine(const char *ocr_dir)
{
	long abi = landlock_abi();
	struct hs_ruleset_attr attr = {0};
	uint64_t read = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
	size_t size = sizeof(uint64_t);
	long fd;

	if (abi < 1)
		return true;
	attr.handled_access_fs = read | LANDLOCK_ACCESS_FS_EXECUTE |
		LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
		LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
		LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
		LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
		LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;
	if (abi >= 2)
		attr.handled_access_fs |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		attr.handled_access_fs |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 4) {
		attr.handled_access_net = HS_LANDLOCK_NET_BIND_TCP |
					  HS_LANDLOCK_NET_CONNECT_TCP;
		size = 2 * sizeof(uint64_t);
	}
	if (abi >= 5)
		attr.handled_access_fs |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
	if (abi >= 6) {
		attr.scoped = HS_LANDLOCK_SCOPE_ABSTRACT_UNIX |
			      HS_LANDLOCK_SCOPE_SIGNAL;
		size = sizeof(attr);
	}
	fd = syscall(SYS_landlock_create_ruleset, &attr, size, 0);
	if (fd < 0)
		return false;
	for (size_t i = 0; i < sizeof(read_paths) / sizeof(read_paths[0]); i++) {
		struct landlock_path_beneath_attr pb = {0};
		struct stat st;
		int dir = open(read_paths[i], O_PATH | O_CLOEXEC);

		if (dir < 0)
			continue;
		pb.parent_fd = dir;
		pb.allowed_access = read | LANDLOCK_ACCESS_FS_EXECUTE;
		if (!fstat(dir, &st) && !S_ISDIR(st.st_mode))
			pb.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE;
		syscall(SYS_landlock_add_rule, (int)fd, LANDLOCK_RULE_PATH_BENEATH,
			&pb, 0);
		close(dir);
	}
	/* tesseract's language data, wherever TESSDATA_PREFIX puts it */
	if (ocr_dir) {
		struct landlock_path_beneath_attr pb = {0};
		int dir = open(ocr_dir, O_PATH | O_CLOEXEC | O_DIRECTORY);

		if (dir >= 0) {
			pb.parent_fd = dir;
			pb.allowed_access = read;
			syscall(SYS_landlock_add_rule, (int)fd,
				LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
			close(dir);
		}
	}
	if (syscall(SYS_landlock_restrict_self, (int)fd, 0)) {
		close((int)fd);
		return false;
	}
	close((int)fd);
	return true;
}

bool worker_fs_sandbox_available(void)
{
	return landlock_abi() >= 1;
}

bool worker_seccomp_available(void)
{
#if defined(__x86_64__) || defined(__aarch64__)
	return prctl(PR_GET_SECCOMP, 0, 0, 0, 0) >= 0;
#else
	return false;
#endif
}

#if defined(__x86_64__)
#define HS_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define HS_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

#define SC_DENY(nr) \
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), \
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM)

/*
 * A small seccomp deny-list: no network sockets, no new programs, no new
 * processes (threads stay allowed: clone with CLONE_THREAD), no tracing or
 * reading other processes. Denied calls fail with EPERM (clone3 with
 * ENOSYS, so libc falls back to clone and its flags can be checked).
 */
static bool seccomp_confine(void)
{
#ifdef HS_AUDIT_ARCH
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, HS_AUDIT_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
#if defined(__x86_64__)
		/* x32 system calls: none of ours */
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		SC_DENY(__NR_fork),
		SC_DENY(__NR_vfork),
#endif
		SC_DENY(__NR_socket),
		SC_DENY(__NR_socketpair),
		SC_DENY(__NR_connect),
		SC_DENY(__NR_execve),
		SC_DENY(__NR_execveat),
		SC_DENY(__NR_ptrace),
		SC_DENY(__NR_process_vm_readv),
		SC_DENY(__NR_process_vm_writev),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, args[0])),
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = (unsigned short)(sizeof(f) / sizeof(f[0])),
		.filter = f,
	};

	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) == 0;
#else
	return true;
#endif
}

/*
 * Everything a worker does to itself before it reads a byte of the
 * document: only fd 3 (the result) and, when spawned, fd 0 (the
 * document) stay open; no privileges, no file-system changes, no network,
 * no new processes, and the rlimits. Ends the process on failure.
 */
/* Bytes of address space this process holds now (/proc/self/statm). */
static rlim_t address_space(void)
{
	unsigned long long pages = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f) {
		if (fscanf(f, "%llu", &pages) != 1)
			pages = 0;
		fclose(f);
	}
	return (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE);
}

/*
 * A scratch memory file on fd 4 for readers that must hand a library a file
 * they make (the .xls reader rebuilds the compound file it checked): sized
 * here, sparse, before RLIMIT_FSIZE 0 forbids growing it; the reader writes
 * it through mmap and may only shrink it (extract_set_scratch_fd).
 */
#define SCRATCH_FD 4
static int scratch_fd = -1;

static void scratch_open(enum doc_format fmt, size_t doc_len)
{
	size_t size = doc_len + doc_len / 4 + (1u << 20);
	int fd;

	scratch_fd = -1;
	if (fmt != FMT_XLS) /* the one reader that needs it */
		return;
	fd = memfd_create("hoso-scratch", MFD_CLOEXEC);
	if (fd < 0)
		return;
	if (ftruncate(fd, (off_t)size) || (fd != SCRATCH_FD &&
					    dup2(fd, SCRATCH_FD) != SCRATCH_FD)) {
		close(fd);
		return;
	}
	if (fd != SCRATCH_FD)
		close(fd);
	scratch_fd = SCRATCH_FD;
}

static void confine(const struct worker_limits *wl, bool keep_stdin)
{
	struct rlimit rl;
	int null = open("/dev/null", O_RDWR);
	/* read before Landlock closes /proc to us */
	rlim_t base = address_space();

	if (null >= 0) {
		if (!keep_stdin)
			dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
	}
	/* fd 4: the scratch memfd (scratch_open), when there is one */
	close_range(scratch_fd == SCRATCH_FD ? 5 : 4, ~0U, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	/* Fail closed: a sandbox that was there but did not take. */
	/* read before Landlock: the tessdata folder is found by stat */
	if (!landlock_confine(ocr_datapath()) || !seccomp_confine())
		_exit(5);
	rl.rlim_cur = wl->cpu_max;
	/* rlim_t is 64 bits: cpu_max + 1 cannot wrap here. */
	rl.rlim_max = (rlim_t)wl->cpu_max + 1;
	setrlimit(RLIMIT_CPU, &rl);
	rl.rlim_cur = rl.rlim_max = 0;
	setrlimit(RLIMIT_FSIZE, &rl);
	setrlimit(RLIMIT_CORE, &rl);
	rl.rlim_cur = rl.rlim_max = 64;
	setrlimit(RLIMIT_NOFILE, &rl);
#ifndef HOSO_ASAN
	/* ASan reserves terabytes of shadow memory: no RLIMIT_AS there. */
	if (wl->mem_max) {
		/* A forked worker starts with the parent's address space:
		 * the budget is for this document, on top of what is there. */
		rl.rlim_cur = rl.rlim_max = base + wl->mem_max;
		setrlimit(RLIMIT_AS, &rl);
	}
#endif
	(void)base;
	signal(SIGPIPE, SIG_DFL);
}

static _Noreturn void run_and_exit(const struct extract_limits *el,
				   pool_extract_fn fn, enum doc_format fmt,
				   const unsigned char *data, size_t len)
{
	struct doc d;
	struct hs_buf out = HS_BUF_INIT;

	doc_init(&d, el);
	extract_set_scratch_fd(scratch_fd);
	fn(&d, fmt, data, len);
	worker_encode(&d, &out);
	write_all(3, out.ptr, out.len);
	/* No cleanup: the process ends here. */
	_exit(0);
}

static int memfd_of(const unsigned char *data, size_t len);

/* Forked in place: used when a test puts its own extractor in. */
static _Noreturn void child(struct pool *p, int wfd, enum doc_format fmt,
			    const unsigned char *data, size_t len)
{
	int mfd;

	if (dup2(wfd, 3) < 0)
		_exit(4);
	/* The document on fd 0 as in the other workers, made before
	 * RLIMIT_FSIZE forbids writing it. */
	mfd = memfd_of(data, len);
	if (mfd >= 0 && (mfd == 0 || dup2(mfd, 0) == 0)) {
		if (mfd != 0)
			close(mfd);
		scratch_open(fmt, len);
		confine(&p->wl, true);
	} else {
		scratch_open(fmt, len);
		confine(&p->wl, false);
	}
	run_and_exit(&p->el, p->extract, fmt, data, len);
}

/*
 * `hoso --worker FMT TEXT CELLS PART PARTS PAGES MEM CPU OCR PIXELS PAGE_MS
 * DOC_MS OCR_PAGES`: the document on
 * fd 0 (a memfd), the result on fd 3. A fresh process: RLIMIT_AS counts
 * only this document's parsing, and nothing of the parent's memory (other
 * documents) is there to read.
 */
int worker_main(int argc, char **argv)
{
	struct extract_limits el;
	struct worker_limits wl = {0};
	unsigned long long v[13];
	struct stat st;
	unsigned char *data;
	size_t len = 0;

	if (argc != 15)
		return 2;
	for (int i = 0; i < 13; i++) {
		char *end;

		v[i] = strtoull(argv[2 + i], &end, 10);
		if (*end || end == argv[2 + i])
			return 2;
	}
	if (v[0] >= FMT_COUNT)
		return 2;
	el.text_max = v[1];
	el.cells_max = v[2];
	el.part_max = v[3];
	el.parts_max = v[4];
	el.pages_max = (unsigned)v[5];
	wl.mem_max = v[6];
	wl.cpu_max = (unsigned)v[7];
	el.ocr = v[8] != 0;
	el.ocr_pixels_max = v[9];
	el.ocr_page_ms = (unsigned)v[10];
	el.ocr_doc_ms = (unsigned)v[11];
	el.ocr_pages_max = (unsigned)v[12];
	if (fstat(0, &st) || st.st_size < 0 || (uint64_t)st.st_size > (4ull << 30))
		_exit(6);
	scratch_open((enum doc_format)v[0], (size_t)st.st_size);
	confine(&wl, true);
	data = hs_malloc((size_t)st.st_size + 1);
	while (len < (size_t)st.st_size) {
		ssize_t n = read(0, data + len, (size_t)st.st_size - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	run_and_exit(&el, extract_document, (enum doc_format)v[0], data, len);
}

/* The document's bytes in an anonymous memory file: never on disk. */
static int memfd_of(const unsigned char *data, size_t len)
{
	int fd = memfd_create("hoso-document", MFD_CLOEXEC);
	size_t off = 0;

	if (fd < 0)
		return -1;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	if (lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * posix_spawn (a vfork: no copy of the parent's page tables, whatever its
 * size) of `exe --worker ...` with the document on fd 0, the result pipe
 * on fd 3. Returns the pid, or -1 with errno.
 */
static pid_t spawn_worker(struct pool *p, int wfd, enum doc_format fmt,
			  const unsigned char *data, size_t len)
{
	extern char **environ;
	posix_spawn_file_actions_t fa;
	char num[13][24];
	char *argv[16];
	int mfd = memfd_of(data, len), rc;
	pid_t pid = -1;

	if (mfd < 0)
		return -1;
	snprintf(num[0], sizeof(num[0]), "%d", (int)fmt);
	snprintf(num[1], sizeof(num[1]), "%zu", p->el.text_max);
	snprintf(num[2], sizeof(num[2]), "%zu", p->el.cells_max);
	snprintf(num[3], sizeof(num[3]), "%zu", p->el.part_max);
	snprintf(num[4], sizeof(num[4]), "%zu", p->el.parts_max);
	snprintf(num[5], sizeof(num[5]), "%u", p->el.pages_max);
	snprintf(num[6], sizeof(num[6]), "%llu", (unsigned long long)p->wl.mem_max);
	snprintf(num[7], sizeof(num[7]), "%u", p->wl.cpu_max);
	snprintf(num[8], sizeof(num[8]), "%d", (int)p->el.ocr);
	snprintf(num[9], sizeof(num[9]), "%llu",
		 (unsigned long long)p->el.ocr_pixels_max);
	snprintf(num[10], sizeof(num[10]), "%u", p->el.ocr_page_ms);
	snprintf(num[11], sizeof(num[11]), "%u", p->el.ocr_doc_ms);
	snprintf(num[12], sizeof(num[12]), "%u", p->el.ocr_pages_max);
	argv[0] = (char *)p->exe;
	argv[1] = (char *)"--worker";
	for (int i = 0; i < 13; i++)
		argv[2 + i] = num[i];
	argv[15] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, mfd, 0);
	posix_spawn_file_actions_adddup2(&fa, wfd, 3);
	rc = posix_spawn(&pid, p->exe, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(mfd);
	if (rc) {
		errno = rc;
		return -1;
	}
	return pid;
}

/* ==== the zygote ==== */

static bool zsend(int fd, const struct zmsg *m)
{
	ssize_t n;

	do
		n = send(fd, m, sizeof(*m), MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(*m);
}

/* The worker the zygote forks: document on fd 0, result on fd 3. */
static _Noreturn void zygote_worker(struct pool *p, int mfd, int wfd,
				    enum doc_format fmt, size_t want)
{
	unsigned char *data;
	size_t len = 0;

	{
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
	}
	/* Out of the way first: either may already be 0 or 3. */
	mfd = fcntl(mfd, F_DUPFD, 10);
	wfd = fcntl(wfd, F_DUPFD, 10);
	if (mfd < 0 || wfd < 0 || dup2(wfd, 3) < 0 || dup2(mfd, 0) < 0)
		_exit(4);
	scratch_open(fmt, want);
	confine(&p->wl, true);
	data = hs_malloc(want + 1);
	while (len < want) {
		ssize_t n = read(0, data + len, want - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	run_and_exit(&p->el, p->extract, fmt, data, len);
}

/*
 * The spare: a worker forked ahead of its document, waiting on its own
 * socket for the request and the two descriptors, then a worker like any
 * other (the sandbox and limits are set after the document arrives, as
 * for one forked on demand). Forking ahead takes the fork off the path
 * from a finished document to the next one.
 */
struct spare {
	pid_t pid;          /* 0: none */
	int fd;             /* the zygote's end of the spare's socket */
};

static _Noreturn void spare_wait(struct pool *p, int fd)
{
	struct zreq rq;
	char cbuf[CMSG_SPACE(2 * sizeof(int))];
	struct iovec iov = {.iov_base = &rq, .iov_len = sizeof(rq)};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf, .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *c;
	int fds[2] = {-1, -1};
	ssize_t n;

	do
		n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	/* the zygote is gone or has no work for it */
	if (n != (ssize_t)sizeof(rq))
		_exit(0);
	c = CMSG_FIRSTHDR(&mh);
	if (c && c->cmsg_type == SCM_RIGHTS &&
	    c->cmsg_len == CMSG_LEN(2 * sizeof(int)))
		memcpy(fds, CMSG_DATA(c), sizeof(fds));
	if (fds[0] < 0 || fds[1] < 0 || rq.fmt >= FMT_COUNT)
		_exit(4);
	close(fd);
	zygote_worker(p, fds[0], fds[1], (enum doc_format)rq.fmt,
		      (size_t)rq.len);
}

static void spare_make(struct pool *p, struct spare *sp, int sock, int sfd)
{
	int sv[2];
	pid_t pid;

	sp->pid = 0;
	sp->fd = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return;
	pid = fork();
	if (pid == 0) {
		close(sock);
		if (sfd >= 0)
			close(sfd);
		close(sv[0]);
		spare_wait(p, sv[1]);
	}
	close(sv[1]);
	if (pid < 0) {
		close(sv[0]);
		return;
	}
	sp->pid = pid;
	sp->fd = sv[0];
}

/* Hands the request to the spare: its pid, or 0 if it could not take it. */
static pid_t spare_take(struct spare *sp, const struct zreq *rq,
			const int fds[2])
{
	char cbuf[CMSG_SPACE(2 * sizeof(int))];
	struct iovec iov = {.iov_base = (void *)rq, .iov_len = sizeof(*rq)};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf, .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *c;
	pid_t pid = sp->pid;
	ssize_t n;

	if (!sp->pid)
		return 0;
	memset(cbuf, 0, sizeof(cbuf));
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(2 * sizeof(int));
	memcpy(CMSG_DATA(c), fds, 2 * sizeof(int));
	do
		n = sendmsg(sp->fd, &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	close(sp->fd);
	sp->fd = -1;
	sp->pid = 0;
	/* a spare that died before its document is reaped like any child */
	return n == (ssize_t)sizeof(*rq) ? pid : 0;
}

static _Noreturn void zygote(struct pool *p, int sock)
{
	sigset_t chld;
	int sfd;
	struct spare sp = {0, -1};

	if (dup2(sock, 5) < 0)
		_exit(4);
	close_range(6, ~0U, 0);
	for (int fd = 3; fd < 5; fd++)
		close(fd);
	sock = 5;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	signal(SIGPIPE, SIG_IGN);
	/* SIGCHLD as a file: a worker's end wakes the loop at once. */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	sfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
	spare_make(p, &sp, sock, sfd);
	for (;;) {
		struct pollfd pf[2] = {{.fd = sock, .events = POLLIN},
				       {.fd = sfd, .events = POLLIN}};
		struct zmsg m;
		pid_t w;
		int st;

		while ((w = waitpid(-1, &st, WNOHANG)) > 0) {
			m = (struct zmsg){.type = 'S', .pid = w, .status = st};
			zsend(sock, &m);
		}
		if (poll(pf, sfd >= 0 ? 2 : 1, sfd >= 0 ? -1 : 20) <= 0)
			continue;
		if (sfd >= 0 && pf[1].revents) {
			struct signalfd_siginfo si;

			while (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
				;
		}
		if (!pf[0].revents)
			continue;
		{
			struct zreq rq;
			char cbuf[CMSG_SPACE(2 * sizeof(int))];
			struct iovec iov = {.iov_base = &rq, .iov_len = sizeof(rq)};
			struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1,
					    .msg_control = cbuf,
					    .msg_controllen = sizeof(cbuf)};
			struct cmsghdr *c;
			int fds[2] = {-1, -1};
			ssize_t n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);

			if (n == 0 || (n < 0 && errno != EINTR)) {
				/* the pool is done: the spare goes (its socket
				 * closes), then wait for the last workers */
				if (sp.fd >= 0)
					close(sp.fd);
				while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
					;
				_exit(0);
			}
			if (n != (ssize_t)sizeof(rq))
				continue;
			c = CMSG_FIRSTHDR(&mh);
			if (c && c->cmsg_type == SCM_RIGHTS &&
			    c->cmsg_len == CMSG_LEN(2 * sizeof(int)))
				memcpy(fds, CMSG_DATA(c), sizeof(fds));
			if (fds[0] < 0 || fds[1] < 0 || rq.fmt >= FMT_COUNT) {
				m = (struct zmsg){.type = 'P', .pid = -EINVAL};
			} else {
				w = spare_take(&sp, &rq, fds);
				if (w <= 0) {
					w = fork();
					if (w == 0) {
						close(sock);
						zygote_worker(p, fds[0], fds[1],
							      (enum doc_format)rq.fmt,
							      (size_t)rq.len);
					}
				}
				m = (struct zmsg){.type = 'P',
						  .pid = w > 0 ? w : -errno};
			}
			if (fds[0] >= 0)
				close(fds[0]);
			if (fds[1] >= 0)
				close(fds[1]);
			zsend(sock, &m);
			/* the next document's worker, forked while this one
			 * runs */
			if (!sp.pid)
				spare_make(p, &sp, sock, sfd);
		}
	}
}

/* Starts the zygote now, while this process is small. */
static void zygote_start(struct pool *p)
{
	int sv[2];
	pid_t z;

	p->zpid = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return;
	fflush(NULL);
	z = fork();
	if (z == 0) {
		close(sv[0]);
		zygote(p, sv[1]);
	}
	close(sv[1]);
	if (z < 0) {
		close(sv[0]);
		return;
	}
	p->zpid = z;
	p->zfd = sv[0];
}

static void zygote_gone(struct pool *p)
{
	if (p->zfd >= 0)
		close(p->zfd);
	p->zfd = -1;
	if (p->zpid > 0) {
		kill(p->zpid, SIGKILL);
		while (waitpid(p->zpid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	p->zpid = -1;
	/* its workers cannot be waited for any more: they count as killed */
	for (unsigned i = 0; i < p->jobs; i++)
		if (p->slots[i].pid && !p->slots[i].reaped) {
			kill(p->slots[i].pid, SIGKILL);
			p->slots[i].reaped = true;
			p->slots[i].status = SIGKILL;
		}
}

/* Takes the zygote's messages: 'S' marks a slot reaped. With block, waits
 * for a 'P' and returns its pid. */
static pid_t zygote_read(struct pool *p, bool block)
{
	for (;;) {
		struct zmsg m;
		ssize_t n = recv(p->zfd, &m, sizeof(m), block ? 0 : MSG_DONTWAIT);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n != (ssize_t)sizeof(m)) {
			zygote_gone(p);
			return -EPIPE;
		}
		if (m.type == 'P' && block)
			return m.pid;
		if (m.type == 'S')
			for (unsigned i = 0; i < p->jobs; i++)
				if (p->slots[i].pid == m.pid && !p->slots[i].reaped) {
					p->slots[i].reaped = true;
					p->slots[i].status = m.status;
				}
	}
}

/* Asks the zygote for a worker; its pid, or -1 with errno. */
static pid_t zygote_spawn(struct pool *p, int wfd, enum doc_format fmt,
			  const unsigned char *data, size_t len)
{
	struct zreq rq = {.fmt = (uint32_t)fmt, .len = len};
	int mfd = memfd_of(data, len), fds[2];
	char cbuf[CMSG_SPACE(sizeof(fds))];
	struct iovec iov = {.iov_base = &rq, .iov_len = sizeof(rq)};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf, .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *c;
	ssize_t n;
	pid_t pid;

	if (mfd < 0)
		return -1;
	memset(cbuf, 0, sizeof(cbuf));
	fds[0] = mfd;
	fds[1] = wfd;
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(fds));
	memcpy(CMSG_DATA(c), fds, sizeof(fds));
	do
		n = sendmsg(p->zfd, &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	close(mfd);
	if (n != (ssize_t)sizeof(rq)) {
		zygote_gone(p);
		errno = EPIPE;
		return -1;
	}
	pid = zygote_read(p, true);
	if (pid <= 0) {
		errno = pid < 0 ? -pid : EAGAIN;
		return -1;
	}
	return pid;
}

/* Has the slot's worker ended? Through the zygote, or our own child. */
static bool reap(struct pool *p, struct slot *s)
{
	if (s->reaped)
		return true;
	if (s->zygote) {
		if (p->zfd >= 0)
			zygote_read(p, false);
		return s->reaped;
	}
	s->reaped = waitpid(s->pid, &s->status, WNOHANG) == s->pid;
	return s->reaped;
}

static void finish_slot(struct pool *p, struct slot *s)
{
	struct doc d;
	int status = s->status;

	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	doc_init(&d, &p->el);
	if (s->end == END_TIME) {
		doc_set_status(&d, DOC_LIMIT_EXCEEDED,
			       "đọc quá %u giây (--timeout)",
			       p->wl.wall_max);
		doc_note(&d, HS106, "đã hết %u giây dành cho một tài liệu (--timeout)",
			 p->wl.wall_max);
	} else if (s->end == END_OVER) {
		doc_set_status(&d, DOC_LIMIT_EXCEEDED,
			       "kết quả đọc vượt %zu byte",
			       s->result.max);
		doc_note(&d, HS106,
			 "kết quả đọc lớn hơn %zu byte "
			 "(--max-text, --max-cells): không giữ lại",
			 s->result.max);
	} else if (s->end == END_LINGER) {
		doc_set_status(&d, DOC_UNREADABLE,
			       "tiến trình đọc không dừng sau khi trả kết quả");
		doc_note(&d, HS201, "tiến trình đọc treo sau khi trả kết quả: đã dừng");
	} else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU) {
		doc_set_status(&d, DOC_LIMIT_EXCEEDED,
			       "đọc dùng quá %u giây CPU (--max-cpu)",
			       p->wl.cpu_max);
		doc_note(&d, HS106, "đã hết %u giây CPU dành cho một tài liệu "
			 "(--max-cpu)", p->wl.cpu_max);
	} else if (WIFSIGNALED(status) || !WIFEXITED(status) ||
		   WEXITSTATUS(status) != 0) {
		int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;

		doc_set_status(&d, DOC_UNREADABLE,
			       "tiến trình đọc bị lỗi hoặc hết bộ nhớ (%s %d)",
			       sig ? "tín hiệu" : "mã thoát",
			       sig ? sig : WEXITSTATUS(status));
		doc_note(&d, HS201, "tiến trình đọc %s %d: tài liệu hỏng hoặc độc hại",
			 sig ? "bị dừng bởi tín hiệu" : "thất bại với mã",
			 sig ? sig : WEXITSTATUS(status));
	} else if (worker_decode(&d, (unsigned char *)s->result.ptr,
				 s->result.len) != HS_OK) {
		doc_release(&d);
		doc_init(&d, &p->el);
		doc_set_status(&d, DOC_UNREADABLE, "kết quả đọc không hợp lệ");
		doc_note(&d, HS201, "tiến trình đọc trả về kết quả không hợp lệ");
	}
	hs_buf_release(&s->result);
	s->pid = 0;
	p->cb(p->ctx, s->id, &d);
}

static void stop(struct slot *s, enum slot_end why)
{
	if (s->end == END_NONE && !s->reaped)
		kill(s->pid, SIGKILL);
	if (s->end == END_NONE)
		s->end = why;
}

/*
 * Waits until at least one worker finished (or none runs). A worker is
 * finished once it has been reaped and its result has ended, or once it
 * has been reaped after the parent killed it (a grandchild that kept the
 * pipe open is not waited for). Every wait is bounded: the deadline, then
 * LINGER_S after the result ended.
 */
static void wait_some(struct pool *p)
{
	struct pollfd *fds = hs_calloc(p->jobs + 1, sizeof(*fds));
	unsigned *idx = hs_calloc(p->jobs + 1, sizeof(*idx));
	bool finished = false;

	while (!finished) {
		nfds_t n = 0;
		double now = source_now(), wake = now + 3600;
		bool busy = false;
		int timeout, r;

		for (unsigned i = 0; i < p->jobs; i++) {
			struct slot *s = &p->slots[i];

			if (!s->pid)
				continue;
			reap(p, s);
			if (s->reaped && (s->fd < 0 || s->end != END_NONE)) {
				finish_slot(p, s);
				finished = true;
				continue;
			}
			busy = true;
			if (now >= s->deadline)
				stop(s, END_TIME);
			if (s->fd < 0 && now >= s->eof_at + LINGER_S)
				stop(s, END_LINGER);
			if (s->end != END_NONE || s->fd < 0 || s->reaped) {
				/* waiting for an exit: look again soon */
				if (now + TICK_MS / 1000.0 < wake)
					wake = now + TICK_MS / 1000.0;
			} else if (s->deadline < wake) {
				wake = s->deadline;
			}
			if (s->fd >= 0 && s->end == END_NONE) {
				fds[n].fd = s->fd;
				fds[n].events = POLLIN;
				idx[n++] = i;
			}
		}
		if (finished || !busy)
			break;
		/* At most a second per poll: no int overflow, and the
		 * deadlines are looked at again. */
		timeout = wake > now ? (int)((wake - now) * 1000) + 1 : 0;
		if (timeout > 1000)
			timeout = 1000;
		/* The zygote's word that a worker ended wakes us at once. */
		if (p->zfd >= 0) {
			fds[n].fd = p->zfd;
			fds[n].events = POLLIN;
			idx[n++] = UINT_MAX;
		}
		r = poll(fds, n, timeout);
		if (r < 0) {
			/* EINTR, or ENOMEM: look again after a tick. */
			struct timespec ts = {0, TICK_MS * 1000000L};

			if (errno != EINTR)
				nanosleep(&ts, NULL);
			continue;
		}
		for (nfds_t k = 0; r > 0 && k < n; k++) {
			struct slot *s = idx[k] == UINT_MAX ? NULL : &p->slots[idx[k]];
			char blk[65536];
			ssize_t got;

			if (!fds[k].revents)
				continue;
			if (idx[k] == UINT_MAX) {
				zygote_read(p, false);
				continue;
			}
			got = read(s->fd, blk, sizeof(blk));
			if (got < 0 && (errno == EINTR || errno == EAGAIN))
				continue;
			if (got > 0) {
				if (hs_buf_add(&s->result, blk, (size_t)got) !=
				    HS_OK)
					stop(s, END_OVER);
				continue;
			}
			/* End of the result (or a read error). */
			close(s->fd);
			s->fd = -1;
			s->eof_at = source_now();
		}
	}
	free(fds);
	free(idx);
}

/* A document whose worker could not even start. */
static void not_started(struct pool *p, size_t id, const char *what, int err)
{
	struct doc d;

	doc_init(&d, &p->el);
	doc_set_status(&d, DOC_UNREADABLE, "%s: %s", what, strerror(err));
	doc_note(&d, HS201, "%s: %s", what, strerror(err));
	p->cb(p->ctx, id, &d);
}

void pool_submit(struct pool *p, size_t id, enum doc_format fmt,
		 const unsigned char *data, size_t len)
{
	struct slot *s = NULL;
	int fds[2];
	pid_t pid;
	bool zygote;

	for (;;) {
		for (unsigned i = 0; i < p->jobs && !s; i++)
			if (!p->slots[i].pid)
				s = &p->slots[i];
		if (s)
			break;
		wait_some(p);
	}
	if (pipe2(fds, O_CLOEXEC)) {
		not_started(p, id, "không tạo được đường ống cho tiến trình đọc", errno);
		return;
	}
	fflush(NULL);
	zygote = false;
	if (p->exe && p->extract == extract_document) {
		pid = spawn_worker(p, fds[1], fmt, data, len);
	} else {
		if (!p->zpid)
			zygote_start(p);
		if (p->zfd >= 0) {
			pid = zygote_spawn(p, fds[1], fmt, data, len);
			zygote = pid > 0;
		} else {
			pid = fork();
			if (pid == 0) {
				close(fds[0]);
				child(p, fds[1], fmt, data, len);
			}
		}
	}
	if (pid < 0) {
		int err = errno;

		close(fds[0]);
		close(fds[1]);
		not_started(p, id, "không khởi động được tiến trình đọc", err);
		return;
	}
	close(fds[1]);
	s->pid = pid;
	s->fd = fds[0];
	s->id = id;
	s->end = END_NONE;
	s->zygote = zygote;
	s->reaped = false;
	s->status = 0;
	s->eof_at = 0;
	s->deadline = source_now() + p->wl.wall_max;
	/* Text, cells and framing: a generous but finite cap. */
	hs_buf_init(&s->result, p->el.text_max * 2 + (64u << 20));
}

void pool_finish(struct pool *p)
{
	for (;;) {
		bool busy = false;

		for (unsigned i = 0; i < p->jobs; i++)
			busy |= p->slots[i].pid != 0;
		if (!busy)
			break;
		wait_some(p);
	}
}

void pool_free(struct pool *p)
{
	if (!p)
		return;
	pool_finish(p);
	if (p->zfd >= 0) {
		/* closing its socket ends the zygote */
		close(p->zfd);
		p->zfd = -1;
		while (p->zpid > 0 && waitpid(p->zpid, NULL, 0) < 0 &&
		       errno == EINTR)
			;
	}
	free(p->slots);
	free(p);
}
