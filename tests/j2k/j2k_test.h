// SPDX-License-Identifier: MIT
/* The J2K checker's tests: a CHECK that counts, codestreams made with OpenJPEG, and helpers to
 * damage them at known places. */
#ifndef QC_TESTS_J2K_J2K_TEST_H
#define QC_TESTS_J2K_J2K_TEST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "engine/codec/j2k/j2k.h"

extern int j2k_passed, j2k_failed;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            j2k_passed++;                                                                          \
        } else {                                                                                   \
            j2k_failed++;                                                                          \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

/* What to encode: a w×h picture of 3 components; dx is the subsampling of components 2 and 3. */
typedef struct TestSpec {
    int w, h, bits, dx;
    uint16_t rsiz;      /* OPJ_PROFILE_* | levels; OpenJPEG drops a profile it finds broken */
    int lossless;       /* 5-3, no rate */
    int tile_w, tile_h; /* 0: one tile */
    char tp_flag;       /* 0, or 'R' / 'L' / 'C': tile-parts per resolution / layer / component */
    int tlm;            /* TLM=YES (IMF mode writes TLM anyway) */
    int cblk;           /* code-block side, 0 = OpenJPEG's default */
} TestSpec;

typedef struct TestStream {
    uint8_t *data;
    size_t size;
} TestStream;

/* Encodes @p s with OpenJPEG into @p out (free with test_stream_free). @return 0 or -1. */
int test_encode(const TestSpec *s, TestStream *out);
void test_stream_free(TestStream *t);

/* A copy of @p t with @p cut bytes at @p at removed and @p add bytes of @p ins put there. */
TestStream test_splice(const TestStream *t, size_t at, size_t cut, const uint8_t *ins, size_t add);

/* Offset of the first marker @p m walking the main header segments, or 0. */
size_t test_find_marker(const TestStream *t, unsigned m);

/* Offset of the n-th SOT (0-based), walking Psot, or 0. */
size_t test_find_sot(const TestStream *t, unsigned n);

void test_put16(uint8_t *p, unsigned v);
void test_put32(uint8_t *p, uint32_t v);

/* The report has exactly one problem, of @p kind at @p offset. */
int test_one_problem(const QcJ2kReport *r, QcJ2kProblemKind kind, size_t offset);
void test_dump(const char *what, const QcJ2kReport *r);

/* The streams the tests make, for the fuzzer's seed corpus. */
void test_corpus_add(const char *name, const TestStream *t);
extern const char *test_corpus_dir;

void test_validate_clean(void);
void test_validate_damage(void);
void test_profile(void);
void test_budget(void);
void test_compare(void);

#endif
