/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * worker.h: extraction in sandboxed worker processes.
 *
 * Each document is parsed in a forked child with limits on memory
 * (RLIMIT_AS), CPU (RLIMIT_CPU), wall-clock time (the parent's poll
 * deadline, then SIGKILL), no right to write files (RLIMIT_FSIZE 0) and no
 * open descriptors but its result pipe. The child sends its struct doc back
 * in a small length-prefixed record format that the parent checks as
 * hostile input; a crash, hang or limit becomes the document's status and a
 * finding. The parent never loads poppler and starts no threads, so fork()
 * without exec() is safe.
 * Call order:
 *   1) pool_new(jobs, limits, callback, ctx)
 *   2) pool_submit(...) for each document: may wait for a free worker and
 *      call the callback for documents finished meanwhile
 *   3) pool_finish(p): waits for the rest; 4) pool_free(p)
 */
#ifndef HOSO_WORKER_H
#define HOSO_WORKER_H

#include "read/extract/extract.h"

struct worker_limits {
	uint64_t mem_max;   /* bytes of address space per worker (0: none) */
	unsigned cpu_max;   /* CPU seconds per document */
	unsigned wall_max;  /* wall-clock seconds per document */
};
#define WORKER_LIMITS_DEFAULT {2ull << 30, 30, 60}

/* Called with each finished document; takes ownership of *d's contents. */
typedef void (*pool_done_cb)(void *ctx, size_t id, struct doc *d);

struct pool;

struct pool *pool_new(unsigned jobs, const struct worker_limits *wl,
		      const struct extract_limits *el, pool_done_cb cb,
		      void *ctx);
/*
 * The function run in each worker (default: extract_document). Tests put a
 * crashing or hanging one here to prove the isolation.
 */
typedef void (*pool_extract_fn)(struct doc *d, enum doc_format fmt,
				const unsigned char *data, size_t len);
void pool_set_extractor(struct pool *p, pool_extract_fn fn);
/* Where finished documents go from now on (one pool, several inputs). */
void pool_set_callback(struct pool *p, pool_done_cb cb, void *ctx);
/*
 * Start each worker as `exe --worker ...` (posix_spawn, then exec: a fresh
 * process holding only its document) instead of a fork of the caller.
 * exe is borrowed; NULL (the default) forks in place.
 */
void pool_set_exe(struct pool *p, const char *exe);
/*
 * Starts the zygote now (fork mode): call it while this process is still
 * small, before reading the input, since every worker's fork copies the
 * zygote's page tables. Without it, the first pool_submit starts it.
 */
void pool_prepare(struct pool *p);
/* The worker's side of pool_set_exe: call from main() on "--worker". */
int worker_main(int argc, char **argv);
void pool_submit(struct pool *p, size_t id, enum doc_format fmt,
		 const unsigned char *data, size_t len);
void pool_finish(struct pool *p);
void pool_free(struct pool *p);

/* True when the kernel has Landlock, which workers use to forbid writes. */
bool worker_fs_sandbox_available(void);
/* True when workers get the seccomp deny-list (network, exec, fork). */
bool worker_seccomp_available(void);

/*
 * The wire format, exposed for tests and fuzzing: serialise a doc into out,
 * and rebuild one from bytes (any bytes: a failure leaves d valid and
 * returns HS_FAILED).
 */
void worker_encode(const struct doc *d, struct hs_buf *out);
enum hs_status worker_decode(struct doc *d, const unsigned char *s,
			     size_t len);

#endif
