/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c: the hoso command line. Parses options into one struct hoso_cli,
 * runs the pipeline in a straight line, writes the output atomically, and
 * maps the worst finding to the exit status (0 none, 1 errors, 2 usage).
 */
#include "hs.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "dossier.h"
#include "report/report.h"
#include "version.h"

enum out_format { OUT_TEXT, OUT_JSON };

struct hoso_cli {
	enum out_format format;       /* --format */
	const char *output;           /* --output, NULL: stdout */
	struct dossier_options opt;   /* --jobs and every --max-* */
	struct report_options report; /* --text */
};

static const char usage_main[] =
	"Usage: hoso <command> [options]\n"
	"\n"
	"hoso checks the dossiers (hồ sơ) that communes submit for recognition\n"
	"as a \"Cộng đồng học tập\" (learning community).\n"
	"\n"
	"Commands:\n"
	"  extract INPUT   read a dossier (zip, 7z, rar, tar.*, folder or one\n"
	"                  document) and list its documents with their text\n"
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
	"      --max-pages N       PDF pages read per document (default 2000)\n"
	"      --timeout SEC       wall-clock seconds per document (default 60)\n"
	"      --max-cpu SEC       CPU seconds per document (default 30)\n"
	"      --max-memory SIZE   memory per worker (default 2G)\n"
	"      --max-time SEC      seconds for reading the whole input (default 300)\n"
	"\n"
	"Exit status: 0 no error finding, 1 error findings, 2 usage error.\n";

static bool parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || s[0] == '-')
		return false;
	switch (*end) {
	case '\0':
		break;
	case 'k': case 'K':
		v <<= 10;
		end++;
		break;
	case 'm': case 'M':
		v <<= 20;
		end++;
		break;
	case 'g': case 'G':
		v <<= 30;
		end++;
		break;
	default:
		return false;
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

static uint64_t want_size(const char *opt, const char *arg)
{
	uint64_t v;

	if (!parse_size(arg, &v))
		hs_die("invalid value '%s' for --%s", arg, opt);
	return v;
}

static unsigned want_uint(const char *opt, const char *arg, unsigned min)
{
	uint64_t v;

	if (!parse_size(arg, &v) || v > 0xFFFFFFFFu || v < min)
		hs_die("invalid value '%s' for --%s", arg, opt);
	return (unsigned)v;
}

static int write_output(const char *path, const char *data, size_t len)
{
	struct hs_buf tmp = HS_BUF_INIT;
	FILE *f;
	int ret = 0;

	if (!path) {
		fwrite(data, 1, len, stdout);
		return fflush(stdout) ? -1 : 0;
	}
	hs_buf_addf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	f = fopen(tmp.ptr, "wbx");
	if (!f) {
		hs_warn("cannot write '%s': %s", tmp.ptr, strerror(errno));
		hs_buf_release(&tmp);
		return -1;
	}
	if (fwrite(data, 1, len, f) != len || fflush(f) || fsync(fileno(f))) {
		hs_warn("cannot write '%s': %s", tmp.ptr, strerror(errno));
		ret = -1;
	}
	if (fclose(f))
		ret = -1;
	if (!ret && rename(tmp.ptr, path)) {
		hs_warn("cannot rename '%s' to '%s': %s", tmp.ptr, path,
			strerror(errno));
		ret = -1;
	}
	if (ret)
		unlink(tmp.ptr);
	hs_buf_release(&tmp);
	return ret;
}

static int cmd_extract(int argc, char **argv)
{
	static const struct source_limits sl = SOURCE_LIMITS_DEFAULT;
	static const struct extract_limits el = EXTRACT_LIMITS_DEFAULT;
	static const struct worker_limits wl = WORKER_LIMITS_DEFAULT;
	enum {
		O_TEXT = 256, O_MAX_INPUT, O_MAX_TOTAL, O_MAX_ENTRY,
		O_MAX_ENTRIES, O_MAX_RATIO, O_MAX_DEPTH, O_MAX_TEXT,
		O_MAX_CELLS, O_MAX_PAGES, O_TIMEOUT, O_MAX_CPU, O_MAX_MEMORY,
		O_MAX_TIME,
	};
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"jobs", required_argument, NULL, 'j'},
		{"text", no_argument, NULL, O_TEXT},
		{"max-input", required_argument, NULL, O_MAX_INPUT},
		{"max-total", required_argument, NULL, O_MAX_TOTAL},
		{"max-entry", required_argument, NULL, O_MAX_ENTRY},
		{"max-entries", required_argument, NULL, O_MAX_ENTRIES},
		{"max-ratio", required_argument, NULL, O_MAX_RATIO},
		{"max-depth", required_argument, NULL, O_MAX_DEPTH},
		{"max-text", required_argument, NULL, O_MAX_TEXT},
		{"max-cells", required_argument, NULL, O_MAX_CELLS},
		{"max-pages", required_argument, NULL, O_MAX_PAGES},
		{"timeout", required_argument, NULL, O_TIMEOUT},
		{"max-cpu", required_argument, NULL, O_MAX_CPU},
		{"max-memory", required_argument, NULL, O_MAX_MEMORY},
		{"max-time", required_argument, NULL, O_MAX_TIME},
		{NULL, 0, NULL, 0},
	};
	struct hoso_cli cli = {
		.format = OUT_TEXT,
		.opt = {.source = sl, .extract = el, .worker = wl},
		.report = {.snippet = 200, .rows_shown = 20},
	};
	struct dossier dx;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int c, worst, ret;
	char *out = NULL;
	size_t outlen = 0;

	cli.opt.jobs = cores > 0 ? (unsigned)cores : 1;
	while ((c = getopt_long(argc, argv, "hf:o:j:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage_extract, stdout);
			return 0;
		case 'f':
			if (!strcmp(optarg, "json"))
				cli.format = OUT_JSON;
			else if (!strcmp(optarg, "text"))
				cli.format = OUT_TEXT;
			else
				hs_die("unknown format '%s' (json or text)", optarg);
			break;
		case 'o':
			cli.output = optarg;
			break;
		case 'j':
			cli.opt.jobs = want_uint("jobs", optarg, 1);
			break;
		case O_TEXT:
			cli.report.full_text = true;
			break;
		case O_MAX_INPUT:
			cli.opt.source.input_max = want_size("max-input", optarg);
			break;
		case O_MAX_TOTAL:
			cli.opt.source.total_max = want_size("max-total", optarg);
			break;
		case O_MAX_ENTRY:
			cli.opt.source.entry_max = want_size("max-entry", optarg);
			break;
		case O_MAX_ENTRIES:
			cli.opt.source.entries_max = want_size("max-entries", optarg);
			break;
		case O_MAX_RATIO:
			cli.opt.source.ratio_max = want_uint("max-ratio", optarg, 1);
			break;
		case O_MAX_DEPTH:
			cli.opt.source.depth_max = want_uint("max-depth", optarg, 0);
			break;
		case O_MAX_TEXT:
			cli.opt.extract.text_max = want_size("max-text", optarg);
			break;
		case O_MAX_CELLS:
			cli.opt.extract.cells_max = want_size("max-cells", optarg);
			break;
		case O_MAX_PAGES:
			cli.opt.extract.pages_max = want_uint("max-pages", optarg, 1);
			break;
		case O_TIMEOUT:
			cli.opt.worker.wall_max = want_uint("timeout", optarg, 1);
			break;
		case O_MAX_CPU:
			cli.opt.worker.cpu_max = want_uint("max-cpu", optarg, 1);
			break;
		case O_MAX_MEMORY:
			cli.opt.worker.mem_max = want_size("max-memory", optarg);
			break;
		case O_MAX_TIME:
			cli.opt.source.time_max = want_uint("max-time", optarg, 1);
			break;
		default:
			fputs("Run 'hoso extract --help' for usage.\n", stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		hs_warn(optind >= argc ? "extract: no INPUT given"
				       : "extract: one INPUT at a time");
		fputs("Run 'hoso extract --help' for usage.\n", stderr);
		return 2;
	}
	dossier_read(&dx, argv[optind], &cli.opt);
	if (cli.format == OUT_JSON) {
		out = report_extract_json(&dx, &cli.opt, &cli.report);
		outlen = strlen(out);
	} else {
		FILE *mem = open_memstream(&out, &outlen);

		if (!mem)
			hs_die("out of memory");
		report_extract_text(mem, &dx, &cli.report);
		fclose(mem);
	}
	ret = write_output(cli.output, out, outlen);
	if (cli.format == OUT_JSON && !cli.output)
		putchar('\n');
	free(out);
	worst = findings_worst(&dx.findings);
	dossier_release(&dx);
	if (ret)
		return 2;
	return worst == HS_SEV_ERROR ? 1 : 0;
}

static int cmd_explain(int argc, char **argv)
{
	const struct hs_code_info *ci;

	if (argc != 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs("Usage: hoso explain CODE | --list\n", argc == 2 ? stdout : stderr);
		return argc == 2 ? 0 : 2;
	}
	if (!strcmp(argv[1], "--list")) {
		for (int i = 0; i < HS_CODE_COUNT; i++) {
			ci = hs_code_info((enum hs_code)i);
			printf("%s\t%s\t%s\n", ci->name,
			       hs_severity_name(ci->severity), ci->title);
		}
		return 0;
	}
	ci = hs_code_find(argv[1]);
	if (!ci) {
		hs_warn("unknown finding code '%s' (see 'hoso explain --list')",
			argv[1]);
		return 2;
	}
	printf("%s (%s): %s\nHow to fix: %s\n", ci->name,
	       hs_severity_name(ci->severity), ci->title, ci->fix);
	return 0;
}

int main(int argc, char **argv)
{
	int ret;

	/* UTF-8 names from libarchive need a UTF-8 locale (libarchive #459). */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
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
	} else if (!strcmp(argv[1], "explain")) {
		ret = cmd_explain(argc - 1, argv + 1);
	} else {
		hs_warn("'%s' is not a hoso command; see 'hoso --help'", argv[1]);
		ret = 2;
	}
	xmlCleanupParser();
	return ret;
}
