/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_main.c: runs every suite (fork mode keeps a crash inside one test)
 * and fails if any test failed.
 */
#include <libxml/parser.h>
#include <locale.h>
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr;
	int failed;

	setlocale(LC_CTYPE, "C.UTF-8");
	/* The suites written before OCR judge scans unread; the ocr suite
	 * asks for it with --ocr on. */
	setenv("HOSO_OCR", "off", 1);
	xmlInitParser();
	sr = srunner_create(codes_suite());
	srunner_add_suite(sr, vntext_suite());
	srunner_add_suite(sr, vnlegacy_suite());
	srunner_add_suite(sr, sniff_suite());
	srunner_add_suite(sr, source_suite());
	srunner_add_suite(sr, rubric_suite());
	srunner_add_suite(sr, jsonschema_suite());
	srunner_add_suite(sr, extract_suite());
	srunner_add_suite(sr, ooxml_suite());
	srunner_add_suite(sr, worker_suite());
	srunner_add_suite(sr, e2e_suite());
	srunner_add_suite(sr, check_suite());
	srunner_add_suite(sr, choose_suite());
	srunner_add_suite(sr, cache_suite());
	srunner_add_suite(sr, render_suite());
	srunner_add_suite(sr, faults_suite());
	srunner_add_suite(sr, hostile_suite());
	srunner_add_suite(sr, outputs_suite());
	srunner_add_suite(sr, docmeta_suite());
	srunner_add_suite(sr, match_suite());
	srunner_add_suite(sr, legacy_suite());
	srunner_add_suite(sr, ocr_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
