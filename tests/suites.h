/* SPDX-License-Identifier: GPL-3.0-or-later */
/* suites.h: every Check suite of hoso; check_main.c runs them all. */
#ifndef HOSO_TEST_SUITES_H
#define HOSO_TEST_SUITES_H

#include <check.h>

Suite *codes_suite(void);
Suite *vntext_suite(void);
Suite *vnlegacy_suite(void);
Suite *sniff_suite(void);
Suite *source_suite(void);
Suite *rubric_suite(void);
Suite *jsonschema_suite(void);
Suite *check_suite(void);
Suite *choose_suite(void);
Suite *extract_suite(void);
Suite *ooxml_suite(void);
Suite *worker_suite(void);
Suite *e2e_suite(void);
Suite *cache_suite(void);
Suite *render_suite(void);
Suite *faults_suite(void);
Suite *hostile_suite(void);
Suite *outputs_suite(void);
Suite *docmeta_suite(void);
Suite *match_suite(void);
Suite *legacy_suite(void);
Suite *ocr_suite(void);

#endif
