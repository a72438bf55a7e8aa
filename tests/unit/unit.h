// SPDX-License-Identifier: MIT
/* A minimal unit-test harness: every CHECK counts, a failure prints where and the run exits
 * nonzero with "unit: N passed, M failed". */
#ifndef QC_TESTS_UNIT_UNIT_H
#define QC_TESTS_UNIT_UNIT_H

#include <stdio.h>

extern int unit_passed, unit_failed;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            unit_passed++;                                                                         \
        } else {                                                                                   \
            unit_failed++;                                                                         \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_NEAR(a, b, tol) CHECK(fabs((double)(a) - (double)(b)) <= (tol))

/** Writes @p text to @p name in the scratch folder; the path, in a static buffer. */
const char *unit_write_text(const char *name, const char *text);

/* each test file defines one of these */
void test_options(void);
void test_profile(void);
void test_findings(void);
void test_metrics(void);
void test_wav_header(void);
void test_args(void);
void test_name_uuid(void);
void test_pool(void);
void test_pipeline(void);
void test_report_json(void);
void test_truepeak(void);
void test_mxf(void);
void test_lang(void);
void test_mxf_roundtrip(void);
void test_mxf_damage(void);
void test_picture_analyzers(void);
void test_sha1(void);
void test_file_hash(void);
void test_safe_path(void);
void test_regxml(void);
void test_imf(void);
void test_html(void);

/* a scratch directory for the test's files, created once */
const char *unit_tmpdir(void);

#endif
