/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c: the hoso command line. Parses options into one struct hoso_cli,
 * runs the pipeline in a straight line, writes the output atomically, and
 * maps the worst finding to the exit status (0 none, 1 errors, 2 usage).
 */
#include "base/hs.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "understand/assess.h"
#include "read/cache.h"
#include "judge/checks/checks.h"
#include "read/dossier.h"
#include "report/output.h"
#include "report/render.h"
#include "report/report.h"
#include "report/verdict.h"
#include "base/version.h"

enum out_format { OUT_TEXT, OUT_JSON, OUT_HTML, OUT_SARIF };

struct hoso_cli {
	enum out_format format;       /* --format */
	const char *output;           /* --output, NULL: stdout */
	struct dossier_options opt;   /* --jobs and every --max-* */
	struct report_options report; /* --text */
	struct assess_options assess; /* --year, --level, --difficult-area */
	const char *config;           /* --config */
	char cache_path[4096];        /* the default --cache folder */
	enum hs_lang lang;            /* --lang */
	struct cache *memo;           /* verdicts of unchanged dossiers */
};

static const char usage_main[] =
	"Usage: hoso <command> [options]\n"
	"\n"
	"hoso checks the dossiers (hồ sơ) that communes submit for recognition\n"
	"as a \"Cộng đồng học tập\" (learning community).\n"
	"\n"
	"Commands:\n"
	"  check INPUT...  check dossiers against a rubric: evidence of every\n"
	"                  indicator, figures, and the provisional result\n"
	"  extract INPUT   read a dossier (zip, 7z, rar, tar.*, folder or one\n"
	"                  document) and list its documents with their text\n"
	"  rubrics         list the built-in rubrics\n"
	"  render VERDICT  a saved verdict as text, HTML or SARIF\n"
	"  explain CODE    what a finding code means and how to fix it\n"
	"  explain --list  every finding code\n"
	"\n"
	"Options:\n"
	"  -h, --help      show this help\n"
	"  -V, --version   show the version\n"
	"\n"
	"Run 'hoso <command> --help' for the options of a command.\n";

static const char usage_extract[] =
	"Usage: hoso extract INPUT [options]\n"
	"\n"
	"Reads INPUT (an archive, a folder or a single document) in memory, never\n"
	"unpacking it to disk, and lists every document: its path inside the\n"
	"input, format, size, SHA-256, status, encoding, pages or sheets, text and\n"
	"tables; then the findings. Each document is read in a sandboxed worker\n"
	"process with memory, CPU and time limits.\n"
	"\n"
	"Output:\n"
	"  -f, --format FMT     text (default) or json\n"
	"      --text           the whole text and every table row (default: a\n"
	"                       snippet of 200 characters and 20 rows a table)\n"
	"  -o, --output FILE    write to FILE (atomically) instead of stdout\n"
	"  -j, --jobs N         worker processes (default: all cores)\n"
	"      --cache DIR      keep extracted documents in DIR, by the SHA-256\n"
	"                       of their bytes (and of this hoso), and never\n"
	"                       parse one twice (default: $XDG_CACHE_HOME/hoso\n"
	"                       or ~/.cache/hoso)\n"
	"      --no-cache       read every document again, keep nothing\n"
	"  -q, --quiet          no progress line (shown only on a terminal)\n"
	"      --isolate        start every worker as a fresh program (exec), so\n"
	"                       it holds only its own document (slower: about 2x)\n"
	"\n"
	"Limits (SIZE takes K, M or G):\n"
	"      --max-input SIZE    input file or folder (default 200M)\n"
	"      --max-total SIZE    uncompressed bytes, all levels (default 1G)\n"
	"      --max-entry SIZE    one entry or file (default 64M)\n"
	"      --max-entries N     entries, all levels (default 10000)\n"
	"      --max-ratio N       compression ratio of an entry (default 100)\n"
	"      --max-depth N       archives nested in archives (default 3)\n"
	"      --max-text SIZE     text per document (default 10M)\n"
	"      --max-cells N       table cells per document (default 1000000)\n"
	"      --max-part SIZE     one part (XML) of an office file (default 64M)\n"
	"      --max-pages N       PDF pages read per document (default 2000)\n"
	"      --timeout SEC       wall-clock seconds per document (default 60)\n"
	"      --max-cpu SEC       CPU seconds per document (default 30)\n"
	"      --max-memory SIZE   memory per worker (default 2G)\n"
	"      --max-time SEC      seconds for reading the whole input (default 300)\n"
	"      --ocr MODE          read scans and photos with tesseract: auto (when\n"
	"                          tesseract-ocr-vie is installed; the default, or\n"
	"                          $HOSO_OCR), on, off\n"
	"\n"
	"Exit status: 0 no error finding, 1 error findings, 2 usage error.\n";

static bool parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || s[0] == '-' || s[0] == '+' || s[0] == ' ')
		return false;
	switch (*end) {
	case '\0':
		break;
	case 'k': case 'K':
		shift = 10;
		break;
	case 'm': case 'M':
		shift = 20;
		break;
	case 'g': case 'G':
		shift = 30;
		break;
	default:
		return false;
	}
	if (shift) {
		/* "99999999999G" must not wrap around */
		if (v > (ULLONG_MAX >> shift))
			return false;
		v <<= shift;
		end++;
	}
	if (*end == 'i' || *end == 'B')
		end++;
	if (*end == 'B')
		end++;
	if (*end)
		return false;
	*out = v;
	return true;
}

/*
 * The language of the command line's own messages (usage errors, refusals):
 * Vietnamese unless --lang en is among the arguments, read before the
 * options are parsed so that an error about an option is in it too. UI()
 * picks between two literals, so printf formats are still checked.
 */
#define UI(vi, en) (msg_ui_lang() == HS_LANG_EN ? (en) : (vi))

static void ui_lang_from(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if ((!strcmp(argv[i], "--lang") && i + 1 < argc &&
		     !strncmp(argv[i + 1], "en", 2)) ||
		    !strncmp(argv[i], "--lang=en", 9))
			msg_set_ui_lang(HS_LANG_EN);
}

/* Largest values a limit takes: beyond them a limit is no limit. */
#define SIZE_LIMIT_MAX (1ull << 40)  /* bytes: 1 TiB */
#define COUNT_LIMIT_MAX 1000000000ull /* entries, cells, pages */
#define SECONDS_LIMIT_MAX 604800u     /* one week */

/* A size or count in [min, max]; 0 is never "unlimited". */
static uint64_t want_range(const char *opt, const char *arg, uint64_t min,
			   uint64_t max)
{
	uint64_t v;

	if (!parse_size(arg, &v))
		hs_die(UI("giá trị '%s' của --%s không hợp lệ",
			  "invalid value '%s' for --%s"), arg, opt);
	if (v < min || v > max)
		hs_die(UI("giá trị '%s' của --%s ngoài khoảng cho phép (%llu đến %llu)",
			  "value '%s' for --%s out of range (%llu to %llu)"), arg,
		       opt, (unsigned long long)min, (unsigned long long)max);
	return v;
}

static uint64_t want_size(const char *opt, const char *arg)
{
	return want_range(opt, arg, 1, SIZE_LIMIT_MAX);
}

static unsigned want_uint(const char *opt, const char *arg, unsigned min)
{
	uint64_t v;

	if (!parse_size(arg, &v) || v > 0xFFFFFFFFu || v < min)
		hs_die(UI("giá trị '%s' của --%s không hợp lệ",
			  "invalid value '%s' for --%s"), arg, opt);
	return (unsigned)v;
}

/* Options shared by extract and check: output, jobs and every limit. */
enum {
	O_TEXT = 256, O_MAX_INPUT, O_MAX_TOTAL, O_MAX_ENTRY, O_MAX_ENTRIES,
	O_MAX_RATIO, O_MAX_DEPTH, O_MAX_TEXT, O_MAX_CELLS, O_MAX_PAGES, O_MAX_PART,
	O_TIMEOUT, O_MAX_CPU, O_MAX_MEMORY, O_MAX_TIME, O_CACHE, O_NO_CACHE,
	O_ISOLATE, O_QUIET, O_OCR,
	O_RUBRIC, O_YEAR, O_LEVEL, O_DIFFICULT, O_CONFIG, O_LANG,
};

#define COMMON_OPTIONS                                                  \
	{"help", no_argument, NULL, 'h'},                               \
	{"format", required_argument, NULL, 'f'},                       \
	{"output", required_argument, NULL, 'o'},                       \
	{"jobs", required_argument, NULL, 'j'},                         \
	{"max-input", required_argument, NULL, O_MAX_INPUT},            \
	{"max-total", required_argument, NULL, O_MAX_TOTAL},            \
	{"max-entry", required_argument, NULL, O_MAX_ENTRY},            \
	{"max-entries", required_argument, NULL, O_MAX_ENTRIES},        \
	{"max-ratio", required_argument, NULL, O_MAX_RATIO},            \
	{"max-depth", required_argument, NULL, O_MAX_DEPTH},            \
	{"max-text", required_argument, NULL, O_MAX_TEXT},              \
	{"max-cells", required_argument, NULL, O_MAX_CELLS},            \
	{"max-part", required_argument, NULL, O_MAX_PART},              \
	{"max-pages", required_argument, NULL, O_MAX_PAGES},            \
	{"timeout", required_argument, NULL, O_TIMEOUT},                \
	{"max-cpu", required_argument, NULL, O_MAX_CPU},                \
	{"max-memory", required_argument, NULL, O_MAX_MEMORY},          \
	{"max-time", required_argument, NULL, O_MAX_TIME},              \
	{"cache", required_argument, NULL, O_CACHE},                    \
	{"no-cache", no_argument, NULL, O_NO_CACHE},                    \
	{"isolate", no_argument, NULL, O_ISOLATE},                      \
	{"ocr", required_argument, NULL, O_OCR},                        \
	{"quiet", no_argument, NULL, 'q'}

/*
 * The user's cache folder: $XDG_CACHE_HOME/hoso, else ~/.cache/hoso.
 * NULL when neither is known: then no cache.
 */
static const char *default_cache_dir(char *buf, size_t len)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	/* Only the path: the folder is made when the cache is opened. */
	if (xdg && *xdg == '/') {
		snprintf(buf, len, "%s/hoso", xdg);
	} else if (home && *home == '/') {
		snprintf(buf, len, "%s/.cache/hoso", home);
	} else {
		return NULL;
	}
	return buf;
}

static void cli_defaults(struct hoso_cli *cli)
{
	static const struct source_limits sl = SOURCE_LIMITS_DEFAULT;
	static const struct extract_limits el = EXTRACT_LIMITS_DEFAULT;
	static const struct worker_limits wl = WORKER_LIMITS_DEFAULT;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	memset(cli, 0, sizeof(*cli));
	cli->format = OUT_TEXT;
	cli->opt.source = sl;
	cli->opt.extract = el;
	cli->opt.worker = wl;
	cli->opt.jobs = cores > 0 ? (unsigned)cores : 1;
	/* --ocr auto, unless HOSO_OCR=on|off|auto says otherwise */
	{
		const char *m = getenv("HOSO_OCR");

		cli->opt.extract.ocr = m && !strcmp(m, "off") ? false :
				       extract_ocr_available();
	}
	cli->report.snippet = 200;
	cli->report.rows_shown = 20;
	cli->opt.cache_dir = default_cache_dir(cli->cache_path,
					       sizeof(cli->cache_path));
	/* Workers are forks; --isolate starts each as a fresh program. */
	cli->opt.worker_exe = NULL;
	/* A progress line only for a person watching a terminal. */
	cli->opt.progress = isatty(STDERR_FILENO);
}

/* One shared option; false if c is not one of them. */
static bool common_option(struct hoso_cli *cli, int c, const char *arg)
{
	switch (c) {
	case 'f':
		if (!strcmp(arg, "json"))
			cli->format = OUT_JSON;
		else if (!strcmp(arg, "text"))
			cli->format = OUT_TEXT;
		else if (!strcmp(arg, "html"))
			cli->format = OUT_HTML;
		else if (!strcmp(arg, "sarif"))
			cli->format = OUT_SARIF;
		else
			hs_die(UI("không có định dạng '%s' (text, json, html hoặc sarif)",
				  "unknown format '%s' (text, json, html or sarif)"), arg);
		return true;
	case 'o':
		cli->output = arg;
		return true;
	case 'j':
		cli->opt.jobs = (unsigned)want_range("jobs", arg, 1, 1024);
		return true;
	case O_MAX_INPUT:
		cli->opt.source.input_max = want_size("max-input", arg);
		return true;
	case O_MAX_TOTAL:
		cli->opt.source.total_max = want_size("max-total", arg);
		return true;
	case O_MAX_ENTRY:
		cli->opt.source.entry_max = want_size("max-entry", arg);
		return true;
	case O_MAX_ENTRIES:
		cli->opt.source.entries_max =
			want_range("max-entries", arg, 1, COUNT_LIMIT_MAX);
		return true;
	case O_MAX_RATIO:
		cli->opt.source.ratio_max =
			(uint32_t)want_range("max-ratio", arg, 1, 1000000);
		return true;
	case O_MAX_DEPTH:
		cli->opt.source.depth_max =
			(uint32_t)want_range("max-depth", arg, 0, 32);
		return true;
	case O_MAX_TEXT:
		cli->opt.extract.text_max = (size_t)want_size("max-text", arg);
		return true;
	case O_MAX_PART:
		cli->opt.extract.part_max = (size_t)want_size("max-part", arg);
		return true;
	case O_MAX_CELLS:
		cli->opt.extract.cells_max =
			(size_t)want_range("max-cells", arg, 1, COUNT_LIMIT_MAX);
		return true;
	case O_MAX_PAGES:
		cli->opt.extract.pages_max =
			(unsigned)want_range("max-pages", arg, 1, COUNT_LIMIT_MAX);
		return true;
	case O_TIMEOUT:
		cli->opt.worker.wall_max =
			(unsigned)want_range("timeout", arg, 1, SECONDS_LIMIT_MAX);
		return true;
	case O_MAX_CPU:
		cli->opt.worker.cpu_max =
			(unsigned)want_range("max-cpu", arg, 1, SECONDS_LIMIT_MAX);
		/* OCR stops in time to send what it read */
		cli->opt.extract.ocr_doc_ms = cli->opt.worker.cpu_max > 6 ?
			(cli->opt.worker.cpu_max - 5) * 1000u : 1000u;
		return true;
	case O_MAX_MEMORY:
		cli->opt.worker.mem_max =
			want_range("max-memory", arg, 16u << 20, SIZE_LIMIT_MAX);
		return true;
	case O_MAX_TIME:
		cli->opt.source.time_max =
			(uint32_t)want_range("max-time", arg, 1, SECONDS_LIMIT_MAX);
		return true;
	case O_CACHE:
		cli->opt.cache_dir = arg;
		return true;
	case O_NO_CACHE:
		cli->opt.cache_dir = NULL;
		return true;
	case O_ISOLATE:
		cli->opt.worker_exe = "/proc/self/exe";
		return true;
	case 'q':
		cli->opt.progress = false;
		return true;
	case O_OCR:
		if (!strcmp(arg, "auto")) {
			cli->opt.extract.ocr = extract_ocr_available();
		} else if (!strcmp(arg, "on")) {
			if (!extract_ocr_available())
				hs_die("--ocr on: tesseract's Vietnamese data (package tesseract-ocr-vie) is not installed");
			cli->opt.extract.ocr = true;
		} else if (!strcmp(arg, "off")) {
			cli->opt.extract.ocr = false;
		} else {
			hs_die("unknown --ocr mode '%s' (auto, on or off)", arg);
		}
		return true;
	}
	return false;
}

/* The worker pool of a command, its zygote started now. */
static struct pool *start_pool(const struct hoso_cli *cli)
{
	struct pool *p = pool_new(cli->opt.jobs, &cli->opt.worker,
				  &cli->opt.extract, NULL, NULL);

	pool_set_exe(p, cli->opt.worker_exe);
	pool_prepare(p);
	return p;
}

static int cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_OPTIONS,
		{"text", no_argument, NULL, O_TEXT},
		{NULL, 0, NULL, 0},
	};
	struct hoso_cli cli;
	struct dossier dx;
	int c, worst, ret;
	char *out = NULL;
	size_t outlen = 0;

	cli_defaults(&cli);
	while ((c = getopt_long(argc, argv, "hf:o:j:q", longopts, NULL)) != -1) {
		if (common_option(&cli, c, optarg))
			continue;
		switch (c) {
		case 'h':
			fputs(usage_extract, stdout);
			return 0;
		case O_TEXT:
			cli.report.full_text = true;
			break;
		default:
			fputs(UI("Xem cách dùng: hoso extract --help\n",
			 "Run 'hoso extract --help' for usage.\n"), stderr);
			return 2;
		}
	}
	if (cli.format == OUT_HTML || cli.format == OUT_SARIF) {
		hs_warn(UI("extract: --format text hoặc json", "extract: --format text or json"));
		return 2;
	}
	if (optind != argc - 1) {
		hs_warn(optind >= argc ? UI("extract: chưa nêu hồ sơ cần đọc",
					    "extract: no INPUT given")
				       : UI("extract: mỗi lần một hồ sơ",
					    "extract: one INPUT at a time"));
		fputs(UI("Xem cách dùng: hoso extract --help\n",
			 "Run 'hoso extract --help' for usage.\n"), stderr);
		return 2;
	}
	{
		struct hs_buf m = HS_BUF_INIT;
		char why[1024];

		if (!strcmp(argv[optind], "-"))
			msgf(&m, MSG_I_STDIN, cli.lang);
		else if (access(argv[optind], F_OK))
			msgf(&m, MSG_I_MISSING, cli.lang, argv[optind]);
		else if (!output_allowed(cli.output,
					 (const char *const *)argv + optind, 1,
					 cli.lang, why, sizeof(why)))
			hs_buf_adds(&m, why);
		if (m.len) {
			hs_warn("%s", m.ptr);
			hs_buf_release(&m);
			return 2;
		}
	}
	cli.opt.pool = start_pool(&cli);
	dossier_read(&dx, argv[optind], &cli.opt);
	pool_free(cli.opt.pool);
	cli.opt.pool = NULL;
	if (cli.format == OUT_JSON) {
		/* streamed through an unnamed file: the texts are not held */
		int tfd = hs_tmpfd();
		FILE *tf = tfd >= 0 ? fdopen(tfd, "w+") : NULL;

		if (tfd >= 0 && !tf)
			close(tfd);
		if (tf && !report_extract_json_write(&dx, &cli.opt, &cli.report,
						     tf) &&
		    !fflush(tf)) {
			ret = output_write_fd(cli.output, fileno(tf), 0,
					      !cli.output, cli.lang);
			fclose(tf);
			worst = findings_worst(&dx.findings);
			dossier_release(&dx);
			return ret ? 2 : worst == HS_SEV_ERROR ? 1 : 0;
		}
		if (tf)
			fclose(tf);
		out = report_extract_json(&dx, &cli.opt, &cli.report);
		outlen = strlen(out);
	} else {
		FILE *mem = open_memstream(&out, &outlen);

		if (!mem)
			hs_die("out of memory");
		report_extract_text(mem, &dx, &cli.report);
		fclose(mem);
	}
	ret = output_write(cli.output, out, outlen, cli.lang);
	if (cli.format == OUT_JSON && !cli.output)
		putchar('\n');
	free(out);
	worst = findings_worst(&dx.findings);
	dossier_release(&dx);
	if (ret)
		return 2;
	return worst == HS_SEV_ERROR ? 1 : 0;
}

/* Every rubric of the built-in folder, sorted by id. */
static size_t load_builtin_rubrics(struct rubric ***out)
{
	const char *dir = rubric_dir();
	DIR *d = opendir(dir);
	struct dirent *de;
	struct rubric **v = NULL;
	size_t n = 0;

	if (!d)
		hs_die(UI("không mở được thư mục bộ tiêu chí '%s': %s",
			  "cannot open the rubric folder '%s': %s"), dir,
		       strerror(errno));
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char path[4096], err[1024];
		struct rubric *r;

		if (len < 6 || strcmp(de->d_name + len - 5, ".json"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		r = rubric_load(path, err, sizeof(err));
		if (!r) {
			hs_warn(UI("HS901 bộ tiêu chí '%s' không hợp lệ: %s",
				   "HS901 rubric '%s' is invalid: %s"), path, err);
			exit(2);
		}
		v = hs_realloc(v, (n + 1) * sizeof(*v));
		v[n++] = r;
	}
	closedir(d);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(v[j - 1]->id, v[j]->id) > 0; j--) {
			struct rubric *t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	*out = v;
	return n;
}

static int cmd_rubrics(int argc, char **argv)
{
	struct rubric **v;
	size_t n;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs("Usage: hoso rubrics\n\nLists the built-in rubrics "
		      "(schemas/rubrics, or $HOSO_RUBRIC_DIR).\n", stdout);
		return 0;
	}
	n = load_builtin_rubrics(&v);
	for (size_t i = 0; i < n; i++) {
		printf("%s\t%s\t%s\t%s\t%s\n", v[i]->id, v[i]->version,
		       v[i]->regulation.number,
		       v[i]->kind == RUBRIC_LEVELS ? "levels" : "points",
		       v[i]->title);
		rubric_free(v[i]);
	}
	free(v);
	return 0;
}

static const char usage_check[] =
	"Usage: hoso check INPUT... [options]\n"
	"\n"
	"Checks each dossier against a rubric: finds the evidence of every\n"
	"indicator, reads the figures, and gives the provisional result.\n"
	"One verdict per INPUT (JSON schema hoso-verdict/1 with --format json).\n"
	"\n"
	"  -f, --format FMT      text (default), json, html (one page to print\n"
	"                        and file) or sarif (SARIF 2.1.0, for CI)\n"
	"  -o, --output PATH     a file for one INPUT; a folder for several,\n"
	"                        with summary.csv and summary.html of them all\n"
	"      --lang LANG       vi (default) or en: the language of the report\n"
	"      --rubric ID|FILE  the rubric (default: chosen from the documents;\n"
	"                        see 'hoso rubrics')\n"
	"      --year YYYY       the year assessed (default: detected)\n"
	"      --level N         the level requested (default: detected)\n"
	"      --difficult-area  apply the thresholds of disadvantaged areas\n"
	"      --config FILE     severity overrides: {\"codes\": {\"HS302\": \"off\"}}\n"
	"                        (a hoso.json inside the dossier is ignored: HS111)\n"
	"  -j, --jobs N          worker processes (default: all cores)\n"
	"      --cache DIR       reuse documents extracted by an earlier run\n"
	"                        (default ~/.cache/hoso); --no-cache: none\n"
	"  and every limit of 'hoso extract --help'.\n"
	"\n"
	"Exit status: 0 no error finding, 1 error findings, 2 usage error,\n"
	"invalid rubric (HS901), a dossier that cannot be assessed (HS101, no\n"
	"document with text) or an output that cannot be written. Batch: the\n"
	"highest of the dossiers'.\n";

/*
 * The report of input in the batch folder dir: its base name and the
 * format's extension. A name already taken in this batch (two dossiers
 * "ho-so.zip" in different folders, a dossier named "summary") gets "-2",
 * "-3"... before the extension; taken[] holds the names given so far.
 */
static char *output_path_for(const char *dir, const char *input, const char *ext,
			     char **taken, size_t ntaken)
{
	const char *b = input + strlen(input);
	struct hs_buf name = HS_BUF_INIT, p = HS_BUF_INIT;
	const char *base;
	size_t blen;

	while (b > input && b[-1] == '/') /* "folder/": the name before it */
		b--;
	base = b;
	while (base > input && base[-1] != '/')
		base--;
	blen = (size_t)(b - base);
	if (!blen) {
		base = "input";
		blen = 5;
	}
	for (unsigned k = 1;; k++) {
		bool used = false;

		hs_buf_reset(&name);
		if (k == 1)
			hs_buf_addf(&name, "%.*s.%s", (int)blen, base, ext);
		else
			hs_buf_addf(&name, "%.*s-%u.%s", (int)blen, base, k, ext);
		used = !strcmp(name.ptr, "summary.csv") ||
		       !strcmp(name.ptr, "summary.html");
		for (size_t i = 0; i < ntaken && !used; i++)
			used = taken[i] && !strcmp(taken[i], name.ptr);
		if (!used)
			break;
	}
	hs_buf_addf(&p, "%s/%s", dir, name.ptr);
	hs_buf_release(&name);
	return hs_buf_detach(&p, NULL);
}

static const char *const format_ext[] = {
	[OUT_TEXT] = "txt", [OUT_JSON] = "json", [OUT_HTML] = "html",
	[OUT_SARIF] = "sarif",
};

/*
 * The verdict JSON in the chosen format: every rendering reads the JSON
 * alone (report/render.h), as `hoso render` does with a saved one.
 */
static char *render_for(const struct hoso_cli *cli, const char *json,
			bool to_stdout)
{
	static const enum render_format rf[] = {
		[OUT_TEXT] = RENDER_TEXT, [OUT_HTML] = RENDER_HTML,
		[OUT_SARIF] = RENDER_SARIF,
	};
	struct render_options ro = {cli->lang, false, false};
	const char *nc = getenv("NO_COLOR");
	char err[256], *out;

	if (cli->format == OUT_JSON) {
		struct hs_buf b = HS_BUF_INIT;

		hs_buf_adds(&b, json);
		if (to_stdout)
			hs_buf_addch(&b, '\n');
		return hs_buf_detach(&b, NULL);
	}
	ro.color = cli->format == OUT_TEXT && to_stdout && isatty(STDOUT_FILENO) &&
		   !(nc && *nc);
	out = render_verdict(json, rf[cli->format], &ro, err, sizeof(err));
	if (!out)
		hs_die("cannot render the verdict: %s", err);
	return out;
}

/* One dossier; *json_out (if not NULL) gets its verdict JSON. */
/*
 * The key of the verdict of a dossier given as a file: everything that
 * decides it. This executable, the input as named (the verdict shows it)
 * and its bytes (their SHA-256 also in sum), every rubric loaded and the
 * one forced, the --config file (name and bytes), today's date, the
 * options and every limit. False when there is none (a folder, an
 * unreadable file or config, no cache).
 */
static bool memo_key(const struct hoso_cli *cli, const char *input,
		     struct rubric *const *all, size_t nall,
		     const struct rubric *forced, char key[65], char sum[65])
{
	const struct dossier_options *o = &cli->opt;
	struct hs_buf b = HS_BUF_INIT;
	char csum[65] = "-";
	struct stat st;

	if (!cli->memo || stat(input, &st) || !S_ISREG(st.st_mode) ||
	    !source_file_sha256(input, o->source.input_max, sum) ||
	    (cli->config &&
	     !source_file_sha256(cli->config, 1u << 20, csum)))
		return false;
	hs_buf_addf(&b, "hoso-verdict-memo/1\n%s\n%s\n%s\n",
		    cache_build(cli->memo), input, sum);
	for (size_t i = 0; i < nall; i++)
		hs_buf_addf(&b, "rubric %s %s lexicon %s %s\n", all[i]->sha256,
			    all[i]->path, all[i]->lex ? all[i]->lex->sha256 : "-",
			    all[i]->lex ? all[i]->lex->path : "-");
	/* the verdict names the config file and judges dates against today */
	hs_buf_addf(&b, "forced %s\nconfig %s %s\ntoday %ld\n",
		    forced ? forced->sha256 : "-", csum,
		    cli->config ? cli->config : "-", assess_today());
	hs_buf_addf(&b, "year %d level %d difficult %d lang %d\n",
		    cli->assess.year, cli->assess.level,
		    (int)cli->assess.difficult_area, (int)cli->lang);
	hs_buf_addf(&b, "source %llu %llu %llu %llu %u %u %u\n",
		    (unsigned long long)o->source.input_max,
		    (unsigned long long)o->source.total_max,
		    (unsigned long long)o->source.entry_max,
		    (unsigned long long)o->source.entries_max,
		    o->source.ratio_max, o->source.depth_max, o->source.time_max);
	hs_buf_addf(&b, "extract %zu %zu %zu %zu %u\nworker %llu %u %u\n",
		    o->extract.text_max, o->extract.cells_max, o->extract.part_max,
		    o->extract.parts_max, o->extract.pages_max,
		    (unsigned long long)o->worker.mem_max, o->worker.cpu_max,
		    o->worker.wall_max);
	hs_buf_addf(&b, "ocr %d %llu %u %u %u\n", (int)o->extract.ocr,
		    (unsigned long long)o->extract.ocr_pixels_max,
		    o->extract.ocr_page_ms, o->extract.ocr_doc_ms,
		    o->extract.ocr_pages_max);
	source_sha256((const unsigned char *)b.ptr, b.len, key);
	hs_buf_release(&b);
	return true;
}

/*
 * A verdict is kept only when the bytes alone decided it: no document
 * stopped by a time, CPU or memory limit or a crashed reader, no walk
 * ended by its time budget, the input itself read whole (no HS101).
 */
static bool memoizable(const struct dossier *dx)
{
	if (dx->src.stopped || (dx->spill && dx->spill->lost))
		return false;
	/* The input could not be read whole (an I/O error, a file rewritten
	 * while it was read): the next run may read it well. */
	for (size_t i = 0; i < dx->findings.n; i++)
		if (dx->findings.v[i].code == HS101)
			return false;
	for (size_t i = 0; i < dx->ndocs; i++)
		if (dx->docs[i].doc.status == DOC_UNREADABLE ||
		    dx->docs[i].doc.status == DOC_LIMIT_EXCEEDED)
			return false;
	return true;
}

/*
 * Why nothing of the dossier can be assessed, into m (empty when it can):
 * the input itself unreadable (HS101), no document, or no document with
 * text (all encrypted, all scans, all empty or damaged). Exit status 2.
 */
static void unassessable(const struct dossier *dx, enum hs_lang lang,
			 struct hs_buf *m)
{
	size_t text = 0;

	for (size_t i = 0; i < dx->findings.n; i++)
		if (dx->findings.v[i].code == HS101) {
			msgf(m, MSG_X_INPUT, lang, dx->findings.v[i].message);
			return;
		}
	if (!dx->ndocs) {
		msgf(m, MSG_X_EMPTY, lang);
		return;
	}
	for (size_t i = 0; i < dx->ndocs; i++)
		text += dx->docs[i].text_len > 0 &&
			(dx->docs[i].doc.status == DOC_OK ||
			 dx->docs[i].doc.status == DOC_OCR ||
			 dx->docs[i].doc.status == DOC_LIMIT_EXCEEDED);
	if (!text)
		msgf(m, MSG_X_NO_TEXT, lang, (int)dx->ndocs);
}

static int check_one(struct hoso_cli *cli, const char *input,
		     struct rubric **all, size_t nall, struct rubric *forced,
		     const char *out_path, char **json_out)
{
	struct dossier dx;
	struct assessment a;
	struct verdict v;
	struct rubric *r = forced;
	struct rubric_choice choice = {0};
	char err[1024];
	char *out, *json = NULL, mkey[65], msum[65];
	int worst, ret, code, tfd = -1;
	FILE *tf = NULL;
	bool keyed = memo_key(cli, input, all, nall, forced, mkey, msum);
	/* A JSON verdict to a file or stdout is streamed, not held. */
	bool stream = cli->format == OUT_JSON && !json_out;

	if (keyed) {
		uint64_t off, len;
		int bfd = cache_blob_open(cli->memo, mkey, UINT64_C(1) << 32, &off,
					  &len);
		char hdr[2];

		/* "0\n" or "1\n" (the exit status), then the verdict */
		if (bfd >= 0 && len > 2 && pread(bfd, hdr, 2, (off_t)off) == 2 &&
		    (hdr[0] == '0' || hdr[0] == '1') && hdr[1] == '\n') {
			code = hdr[0] - '0';
			if (stream) {
				ret = output_write_fd(out_path, bfd, off + 2, !out_path,
						      cli->lang);
				close(bfd);
				return ret ? 2 : code;
			}
			json = hs_malloc((size_t)len - 1);
			if (pread(bfd, json, (size_t)len - 2, (off_t)off + 2) ==
			    (ssize_t)len - 2) {
				json[len - 2] = '\0';
				close(bfd);
				goto render;
			}
			free(json);
			json = NULL;
		}
		if (bfd >= 0)
			close(bfd);
	}
	dossier_read(&dx, input, &cli->opt);
	if (!r) {
		choose_rubric(&choice, all, nall, &dx, cli->assess.year);
		r = all[choice.chosen];
	}
	if (cli->assess.level && r->kind == RUBRIC_LEVELS) {
		bool known = false;

		for (size_t l = 0; l < r->nlevels; l++)
			known |= r->levels[l] == cli->assess.level;
		if (!known) {
			hs_warn(UI("--level %d: %s chỉ có mức độ 1 đến %d",
				   "--level %d: %s has levels 1 to %d"), cli->assess.level,
				r->id, rubric_top_level(r));
			dossier_release(&dx);
			choose_release(&choice);
			return 2;
		}
	}
	{
		/* One evaluation year for the whole verdict: the one the rubric
		 * was chosen for, when the claiming documents state it. */
		struct assess_options ao = cli->assess;

		if (!forced && !ao.year && choice.year &&
		    choice.year_from == CHOICE_YEAR_CLAIM &&
		    choice.year_doc < dx.ndocs) {
			ao.year = choice.year;
			ao.year_source = dx.docs[choice.year_doc].path;
		}
		assess_init(&a, r, &dx, &ao);
	}
	assess_match(&a);
	assess_score(&a, all, nall);
	checks_run(&a);
	if (!forced)
		choose_report(&choice, all, &dx, &a.findings);
	verdict_init(&v, &a, forced ? NULL : choice.why);
	/* Only the reviewer configures a review: a hoso.json inside the
	 * dossier is left out of it with HS111 (dossier.c). */
	if (cli->config && !verdict_config(&v, cli->config, err, sizeof(err)))
		hs_die("%s", err);
	verdict_finish(&v);
	if (stream && (tfd = hs_tmpfd()) >= 0 && !(tf = fdopen(tfd, "w+")))
		close(tfd);
	if (tf && (verdict_json_write(&v, tf) || fflush(tf))) {
		fclose(tf);
		tf = NULL;
	}
	if (!tf)
		json = verdict_json(&v);
	worst = verdict_worst(&v);
	code = worst == HS_SEV_ERROR ? 1 : 0;
	{
		struct hs_buf m = HS_BUF_INIT;

		unassessable(&dx, cli->lang, &m);
		if (m.len) {
			hs_warn("%s: %s", input, m.ptr);
			code = 2;
		}
		hs_buf_release(&m);
	}
	/* kept only for the bytes the key was made of: the file may have
	 * changed between the key and the reading */
	/* a dossier that cannot be assessed is not kept: its reason is said
	 * on stderr, which a memo hit would not repeat */
	if (keyed && code != 2 && memoizable(&dx) &&
	    !strcmp(msum, dx.src.input_sha256)) {
		const char *prefix = code ? "1\n" : "0\n";

		if (tf)
			cache_blob_put_fd(cli->memo, mkey, prefix, fileno(tf));
		else
			cache_blob_put(cli->memo, mkey, prefix, json, strlen(json));
	}
	verdict_release(&v);
	assess_release(&a);
	dossier_release(&dx);
	choose_release(&choice);
	if (tf) {
		ret = output_write_fd(out_path, fileno(tf), 0, !out_path,
				      cli->lang);
		fclose(tf);
		return ret ? 2 : code;
	}
render:
	out = render_for(cli, json, !out_path);
	ret = output_write(out_path, out, strlen(out), cli->lang);
	free(out);
	if (json_out)
		*json_out = json;
	else
		free(json);
	return ret ? 2 : code;
}

/* The district summary of a batch: summary.csv and summary.html in dir. */
static int write_summary(const char *dir, const struct summary_item *items,
			 size_t n, const char *const *inputs, enum hs_lang lang)
{
	static const char *const names[] = {"summary.csv", "summary.html"};
	char *text[2] = {summary_csv(items, n, lang), summary_html(items, n, lang)};
	struct hs_buf p = HS_BUF_INIT;
	char why[1024];
	int ret = 0;

	for (size_t k = 0; k < 2; k++) {
		hs_buf_reset(&p);
		hs_buf_addf(&p, "%s/%s", dir, names[k]);
		/* an input named like the summary is not replaced by it */
		if (!output_allowed(p.ptr, inputs, n, lang, why, sizeof(why))) {
			hs_warn("%s", why);
			ret = -1;
		} else {
			ret |= output_write(p.ptr, text[k], strlen(text[k]), lang);
		}
		free(text[k]);
	}
	hs_buf_release(&p);
	return ret;
}

static int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_OPTIONS,
		{"rubric", required_argument, NULL, O_RUBRIC},
		{"year", required_argument, NULL, O_YEAR},
		{"level", required_argument, NULL, O_LEVEL},
		{"difficult-area", no_argument, NULL, O_DIFFICULT},
		{"config", required_argument, NULL, O_CONFIG},
		{"lang", required_argument, NULL, O_LANG},
		{NULL, 0, NULL, 0},
	};
	struct hoso_cli cli;
	struct summary_item *items = NULL;
	struct rubric **all = NULL, *forced = NULL;
	size_t nall;
	const char *rubric_arg = NULL;
	int c, ret = 0;
	struct stat st;
	char why[1024];
	char **taken = NULL;
	bool many;

	cli_defaults(&cli);
	while ((c = getopt_long(argc, argv, "hf:o:j:q", longopts, NULL)) != -1) {
		if (common_option(&cli, c, optarg))
			continue;
		switch (c) {
		case 'h':
			fputs(usage_check, stdout);
			return 0;
		case O_RUBRIC:
			rubric_arg = optarg;
			break;
		case O_YEAR:
			cli.assess.year = (int)want_uint("year", optarg, 1900);
			if (cli.assess.year > 2200)
				hs_die(UI("giá trị '%s' của --year không hợp lệ",
					  "invalid value '%s' for --year"), optarg);
			break;
		case O_LEVEL:
			cli.assess.level = (int)want_uint("level", optarg, 1);
			if (cli.assess.level > RUBRIC_MAX_LEVEL)
				hs_die(UI("giá trị '%s' của --level không hợp lệ",
					  "invalid value '%s' for --level"), optarg);
			break;
		case O_DIFFICULT:
			cli.assess.difficult_area = true;
			break;
		case O_CONFIG:
			cli.config = optarg;
			break;
		case O_LANG:
			if (!msg_lang_parse(optarg, &cli.lang))
				hs_die(UI("giá trị '%s' của --lang không hợp lệ (vi hoặc en)",
					  "invalid value '%s' for --lang (vi or en)"), optarg);
			break;
		default:
			fputs(UI("Xem cách dùng: hoso check --help\n",
			 "Run 'hoso check --help' for usage.\n"), stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		hs_warn(UI("check: chưa nêu hồ sơ cần kiểm tra", "check: no INPUT given"));
		fputs(UI("Xem cách dùng: hoso check --help\n",
			 "Run 'hoso check --help' for usage.\n"), stderr);
		return 2;
	}
	/* Usage errors before any work: an input that is not there, "-",
	 * and an -o that would replace what the user did not name. */
	for (int i = optind; i < argc; i++) {
		struct hs_buf m = HS_BUF_INIT;

		if (!strcmp(argv[i], "-"))
			msgf(&m, MSG_I_STDIN, cli.lang);
		else if (access(argv[i], F_OK))
			msgf(&m, MSG_I_MISSING, cli.lang, argv[i]);
		if (m.len) {
			hs_warn("%s", m.ptr);
			hs_buf_release(&m);
			return 2;
		}
	}
	/* the reviewer's config, read once now: a fault in it is a usage
	 * error before any dossier is read */
	if (cli.config) {
		struct verdict tmp;
		char err[1024];

		memset(&tmp, 0, sizeof(tmp));
		if (!verdict_config(&tmp, cli.config, err, sizeof(err))) {
			free(tmp.overrides);
			hs_warn(UI("tệp cấu hình không dùng được: %s",
				   "the config file cannot be used: %s"), err);
			return 2;
		}
		free(tmp.overrides);
	}
	/* -o FOLDER (existing, or named with a final '/'): one report per
	 * input inside it and the summary, for one input as for many. */
	many = argc - optind > 1 ||
	       (cli.output && !lstat(cli.output, &st) && S_ISDIR(st.st_mode)) ||
	       (cli.output && *cli.output &&
		cli.output[strlen(cli.output) - 1] == '/');
	if (many && cli.output && lstat(cli.output, &st) &&
	    mkdir(cli.output, 0777) && errno != EEXIST) {
		hs_warn("%s: %s", cli.output, strerror(errno));
		return 2;
	}
	if (many && (!cli.output || stat(cli.output, &st) || !S_ISDIR(st.st_mode))) {
		hs_warn(UI("check: nhiều hồ sơ cần --output THƯ_MỤC (thư mục đã có, hoặc tên kết thúc bằng '/')",
			   "check: several INPUTs need --output FOLDER (an existing folder, or a name ending in '/')"));
		return 2;
	}
	if (!many && !output_allowed(cli.output, (const char *const *)argv + optind,
				     (size_t)(argc - optind), cli.lang, why,
				     sizeof(why))) {
		hs_warn("%s", why);
		return 2;
	}
	/* One pool for every input; its zygote forked before the rubrics
	 * are loaded, while this process is smallest. */
	cli.opt.pool = start_pool(&cli);
	if (cli.opt.cache_dir)
		cli.memo = cache_open(cli.opt.cache_dir, &cli.opt.extract);
	nall = load_builtin_rubrics(&all);
	if (rubric_arg) {
		for (size_t i = 0; i < nall && !forced; i++)
			if (!strcmp(all[i]->id, rubric_arg))
				forced = all[i];
		if (!forced) {
			char err[1024];
			struct rubric *r = rubric_load(rubric_arg, err, sizeof(err));

			if (!r && access(rubric_arg, F_OK)) {
				/* neither a built-in id nor a file: say which exist */
				struct hs_buf ids = HS_BUF_INIT;

				for (size_t i = 0; i < nall; i++)
					hs_buf_addf(&ids, "%s%s", i ? ", " : "", all[i]->id);
				hs_warn(UI("không có bộ tiêu chí '%s'; các bộ có sẵn: %s "
					   "(hoặc đường dẫn tới tệp JSON của một bộ tiêu chí)",
					   "no rubric '%s'; the built-in ones: %s "
					   "(or the path of a rubric JSON file)"),
					rubric_arg, ids.ptr ? ids.ptr : "-");
				hs_buf_release(&ids);
				ret = 2;
				goto cleanup;
			}
			if (!r) {
				hs_warn(UI("HS901 bộ tiêu chí '%s' không hợp lệ: %s",
					   "HS901 rubric '%s' is invalid: %s"), rubric_arg, err);
				ret = 2;
				goto cleanup;
			}
			all = hs_realloc(all, (nall + 1) * sizeof(*all));
			all[nall++] = r;
			forced = r;
		}
	}
	if (!nall) {
		hs_warn(UI("không có bộ tiêu chí nào trong '%s'",
			   "no rubric found in '%s'"), rubric_dir());
		ret = 2;
		goto cleanup;
	}
	if (many) {
		items = hs_calloc((size_t)(argc - optind), sizeof(*items));
		taken = hs_calloc((size_t)(argc - optind), sizeof(*taken));
	}
	for (int i = optind; i < argc; i++) {
		char *path = many ? output_path_for(cli.output, argv[i],
						    format_ext[cli.format], taken,
						    (size_t)(i - optind))
				  : NULL;
		char *json = NULL;
		int r;

		if (many) {
			taken[i - optind] = hs_strdup(strrchr(path, '/') + 1);
			if (!output_allowed(path, (const char *const *)argv + optind,
					    (size_t)(argc - optind), cli.lang, why,
					    sizeof(why))) {
				/* this report only; the others go on */
				hs_warn("%s", why);
				items[i - optind].input = argv[i];
				items[i - optind].report = hs_strdup(taken[i - optind]);
				free(path);
				ret = 2;
				continue;
			}
		}
		r = check_one(&cli, argv[i], all, nall, forced,
			      many ? path : cli.output, many ? &json : NULL);

		if (many) {
			struct summary_item *it = &items[i - optind];

			it->input = argv[i];
			it->verdict = summary_keep(json);
			free(json);
			it->report = hs_strdup(strrchr(path, '/') + 1);
		}
		free(path);
		if (r > ret)
			ret = r;
	}
	if (many && write_summary(cli.output, items, (size_t)(argc - optind),
				  (const char *const *)argv + optind, cli.lang))
		ret = 2;
cleanup:
	pool_free(cli.opt.pool);
	cli.opt.pool = NULL;
	cache_free(cli.memo);
	for (int i = 0; items && i < argc - optind; i++) {
		free((char *)items[i].verdict);
		free((char *)items[i].report);
	}
	free(items);
	for (int i = 0; taken && i < argc - optind; i++)
		free(taken[i]);
	free(taken);
	for (size_t i = 0; i < nall; i++)
		rubric_free(all[i]);
	free(all);
	return ret;
}

static const char usage_explain[] =
	"Usage: hoso explain CODE [--lang vi|en]\n"
	"       hoso explain --list [--lang vi|en]\n"
	"\n"
	"What a finding code means, why it matters and how to fix it, in\n"
	"Vietnamese (default) or English. --list: every code, one a line\n"
	"(code, severity, title, separated by tabs).\n";

static int cmd_explain(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"list", no_argument, NULL, 'l'},
		{"lang", required_argument, NULL, O_LANG},
		{NULL, 0, NULL, 0},
	};
	enum hs_lang lang = HS_LANG_VI;
	const struct hs_code_info *ci;
	struct code_msg m;
	bool list = false;
	int c;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage_explain, stdout);
			return 0;
		case 'l':
			list = true;
			break;
		case O_LANG:
			if (!msg_lang_parse(optarg, &lang)) {
				hs_warn(UI("giá trị '%s' của --lang không hợp lệ (vi hoặc en)",
					   "invalid value '%s' for --lang (vi or en)"), optarg);
				return 2;
			}
			break;
		default:
			fputs(usage_explain, stderr);
			return 2;
		}
	}
	if (list) {
		if (optind != argc) {
			fputs(usage_explain, stderr);
			return 2;
		}
		for (int i = 0; i < HS_CODE_COUNT; i++) {
			ci = hs_code_info((enum hs_code)i);
			m = msg_code(ci->code, lang);
			printf("%s\t%s\t%s\n", ci->name, hs_severity_name(ci->severity),
			       m.title ? m.title : ci->title);
		}
		return 0;
	}
	if (optind != argc - 1) {
		fputs(usage_explain, stderr);
		return 2;
	}
	{
		/* "hs301" and "HS301" alike */
		char name[16];
		size_t k;

		for (k = 0; argv[optind][k] && k < sizeof(name) - 1; k++)
			name[k] = (char)toupper((unsigned char)argv[optind][k]);
		name[k] = '\0';
		ci = argv[optind][k] ? NULL : hs_code_find(name);
	}
	if (!ci) {
		hs_warn(lang == HS_LANG_VI
				? "không có mã phát hiện '%s' (xem 'hoso explain --list')"
				: "unknown finding code '%s' (see 'hoso explain --list')",
			argv[optind]);
		return 2;
	}
	m = msg_code(ci->code, lang);
	printf("%s (%s): %s\n%s: %s\n%s: %s\n", ci->name,
	       msg_severity(hs_severity_name(ci->severity), lang),
	       m.title ? m.title : ci->title, msg(MSG_L_WHY, lang),
	       m.why ? m.why : "", msg(MSG_L_FIX, lang), m.fix ? m.fix : ci->fix);
	return 0;
}

static const char usage_render[] =
	"Usage: hoso render VERDICT.json [options]\n"
	"\n"
	"Renders a saved verdict (hoso check --format json) for people or tools,\n"
	"from the verdict alone: the same report 'hoso check' writes.\n"
	"VERDICT.json may be '-' for standard input.\n"
	"\n"
	"  -f, --format FMT    text (default), html or sarif\n"
	"  -o, --output FILE   write to FILE (atomically) instead of stdout\n"
	"      --lang LANG     vi (default) or en\n"
	"\n"
	"Exit status: 0 rendered, 2 usage error or not a verdict.\n";

static int cmd_render(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"lang", required_argument, NULL, O_LANG},
		{NULL, 0, NULL, 0},
	};
	struct hoso_cli cli;
	struct hs_buf in = HS_BUF_INIT;
	char blk[65536], *out;
	FILE *f;
	size_t n;
	int c, ret;

	cli_defaults(&cli);
	while ((c = getopt_long(argc, argv, "hf:o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage_render, stdout);
			return 0;
		case 'f':
			common_option(&cli, c, optarg);
			if (cli.format == OUT_JSON) {
				hs_warn(UI("render: --format text, html hoặc sarif",
					   "render: --format text, html or sarif"));
				return 2;
			}
			break;
		case 'o':
			cli.output = optarg;
			break;
		case O_LANG:
			if (!msg_lang_parse(optarg, &cli.lang)) {
				hs_warn(UI("giá trị '%s' của --lang không hợp lệ (vi hoặc en)",
					   "invalid value '%s' for --lang (vi or en)"), optarg);
				return 2;
			}
			break;
		default:
			fputs(UI("Xem cách dùng: hoso render --help\n",
			 "Run 'hoso render --help' for usage.\n"), stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		hs_warn(UI("render: cần đúng một tệp kết quả (VERDICT.json)",
			   "render: one VERDICT.json"));
		fputs(UI("Xem cách dùng: hoso render --help\n",
			 "Run 'hoso render --help' for usage.\n"), stderr);
		return 2;
	}
	{
		char why[1024];

		if (!output_allowed(cli.output, (const char *const *)argv + optind,
				    1, cli.lang, why, sizeof(why))) {
			hs_warn("%s", why);
			return 2;
		}
	}
	f = strcmp(argv[optind], "-") ? fopen(argv[optind], "rb") : stdin;
	if (!f) {
		hs_warn(UI("không mở được '%s': %s", "cannot open '%s': %s"),
			argv[optind], strerror(errno));
		return 2;
	}
	hs_buf_init(&in, 256u << 20);
	while ((n = fread(blk, 1, sizeof(blk), f)) > 0)
		if (hs_buf_add(&in, blk, n) != HS_OK)
			break;
	if (f != stdin)
		fclose(f);
	if (in.over) {
		hs_warn(UI("'%s' lớn hơn 256 MiB: không phải tệp kết quả",
			   "'%s' is larger than 256 MiB: not a verdict"), argv[optind]);
		hs_buf_release(&in);
		return 2;
	}
	{
		static const enum render_format rf[] = {
			[OUT_TEXT] = RENDER_TEXT, [OUT_HTML] = RENDER_HTML,
			[OUT_SARIF] = RENDER_SARIF,
		};
		const char *nc = getenv("NO_COLOR");
		struct render_options ro = {cli.lang, false, true};
		char err[256];

		ro.color = cli.format == OUT_TEXT && !cli.output &&
			   isatty(STDOUT_FILENO) && !(nc && *nc);
		out = render_verdict(in.ptr, rf[cli.format], &ro, err, sizeof(err));
		hs_buf_release(&in);
		if (!out) {
			hs_warn("'%s': %s", argv[optind], err);
			return 2;
		}
	}
	ret = output_write(cli.output, out, strlen(out), cli.lang);
	free(out);
	return ret ? 2 : 0;
}

int main(int argc, char **argv)
{
	int ret;

	/* UTF-8 names from libarchive need a UTF-8 locale (libarchive #459). */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	ui_lang_from(argc, argv);
	/* A file size limit (ulimit -f) makes a write fail with EFBIG
	 * instead of killing hoso: the spill file and the cache then stop
	 * with a warning, and an output that cannot be written says so. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc > 1 && !strcmp(argv[1], "--worker")) {
		xmlInitParser();
		return worker_main(argc, argv);
	}
	if (argc < 2) {
		fputs(usage_main, stderr);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		printf("hoso %s\n", HOSO_VERSION);
		return 0;
	}
	xmlInitParser();
	if (!strcmp(argv[1], "extract")) {
		ret = cmd_extract(argc - 1, argv + 1);
	} else if (!strcmp(argv[1], "check")) {
		ret = cmd_check(argc - 1, argv + 1);
	} else if (!strcmp(argv[1], "rubrics")) {
		ret = cmd_rubrics(argc - 1, argv + 1);
	} else if (!strcmp(argv[1], "explain")) {
		ret = cmd_explain(argc - 1, argv + 1);
	} else if (!strcmp(argv[1], "render")) {
		ret = cmd_render(argc - 1, argv + 1);
	} else {
		hs_warn(UI("'%s' không phải lệnh của hoso; xem 'hoso --help'",
			   "'%s' is not a hoso command; see 'hoso --help'"), argv[1]);
		ret = 2;
	}
	xmlCleanupParser();
	return ret;
}
