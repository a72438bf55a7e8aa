// SPDX-License-Identifier: MIT
/* qc_j2k_check_profile on OpenJPEG's IMF streams (clean), on non-IMF Rsiz values (no rule), on
 * IMF streams patched to break one rule each, and on an HTJ2K main header made by hand from an
 * IMF one; qc_j2k_frame_budget against qc-domain's example. */
#include <openjpeg.h>
#include <stdlib.h>
#include <string.h>

#include "j2k_test.h"

static const TestSpec specs[] = {
    {64, 48, 8, 1, OPJ_PROFILE_IMF_2K | 0x10 | 0x01, 0, 0, 0, 0, 0, 0},
    {64, 48, 10, 1, OPJ_PROFILE_IMF_2K_R | 0x02, 1, 0, 0, 0, 0, 0},
    {96, 40, 12, 1, OPJ_PROFILE_IMF_2K, 0, 0, 0, 0, 0, 0},
    {64, 32, 10, 2, OPJ_PROFILE_IMF_2K | 0x11, 0, 0, 0, 0, 0, 0},
    {80, 48, 12, 1, 0, 1, 32, 32, 'R', 1, 0},
    {64, 48, 8, 1, 0, 0, 0, 0, 0, 0, 64}, /* 64x64 code-blocks, no profile */
};

/* Validates and checks the profile: the structure must be sound. */
static void run(const TestStream *t, QcJ2kReport *r)
{
    CHECK(qc_j2k_validate(t->data, t->size, r) == 0);
    qc_j2k_check_profile(r);
}

static void expect_profile(const char *name, const TestStream *t, const size_t at)
{
    QcJ2kReport r;
    run(t, &r);
    CHECK(test_one_problem(&r, QC_J2K_PROFILE, at));
    if (r.nb_problems != 1)
        fprintf(stderr, "  (in %s)\n", name);
    test_corpus_add(name, t);
}

static void clean_streams(void)
{
    for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
        TestStream t;
        QcJ2kReport r;
        CHECK(test_encode(&specs[i], &t) == 0);
        run(&t, &r);
        CHECK(r.nb_problems == 0);
        if (r.nb_problems)
            test_dump("clean profile", &r);
        test_stream_free(&t);
    }
    QcJ2kReport empty;
    memset(&empty, 0, sizeof(empty));
    qc_j2k_check_profile(&empty); /* SIZ never read: no rule applies */
    CHECK(empty.nb_problems == 0);
}

static void broken_imf(void)
{
    TestStream t;
    CHECK(test_encode(&specs[0], &t) == 0);
    const size_t cod = test_find_marker(&t, 0xff52);
    TestStream d = test_splice(&t, 0, 0, NULL, 0);
    test_put16(d.data + 6, 0x0003); /* 2K digital cinema: not an IMF rule set */
    QcJ2kReport r;
    run(&d, &r);
    CHECK(r.nb_problems == 0);
    test_put16(d.data + 6, 0x0000);
    run(&d, &r);
    CHECK(r.nb_problems == 0);

    memcpy(d.data, t.data, t.size);
    d.data[cod + 10] = d.data[cod + 11] = 4; /* 64x64 code-blocks */
    expect_profile("imf_cblk64", &d, cod + 10);

    memcpy(d.data, t.data, t.size);
    d.data[cod + 5] = 0; /* LRCP */
    expect_profile("imf_lrcp", &d, cod + 5);

    memcpy(d.data, t.data, t.size);
    d.data[cod + 13] = 1; /* 5-3 in a lossy profile */
    expect_profile("imf_53_lossy", &d, cod + 13);

    memcpy(d.data, t.data, t.size);
    d.data[cod + 12] = 0x08; /* a mode switch */
    expect_profile("imf_cblk_style", &d, cod + 12);

    memcpy(d.data, t.data, t.size);
    test_put16(d.data + 6, 0x042c); /* mainlevel 12 */
    expect_profile("imf_mainlevel", &d, 6);
    test_put16(d.data + 6, 0x0421); /* mainlevel 1 allows sublevel 1 only */
    expect_profile("imf_sublevel", &d, 6);

    memcpy(d.data, t.data, t.size);
    test_put32(d.data + 8, 4096); /* Xsiz = XTsiz = 4096: still one tile, too wide for 2K */
    test_put32(d.data + 24, 4096);
    expect_profile("imf_too_wide", &d, 8);

    memcpy(d.data, t.data, t.size);
    d.data[cod + 14] = 0x88; /* NLLL precincts 256 */
    expect_profile("imf_precincts", &d, cod + 14);

    memcpy(d.data, t.data, t.size);
    d.data[46] = 3; /* XRsiz of the second component: 4:4:4 or 4:2:2 only */
    expect_profile("imf_xrsiz3", &d, 46);
    test_stream_free(&d);
    test_stream_free(&t);
}

/* An IMF stream turned HTJ2K by hand: Rsiz bit 14, a CAP (Part 15, Ccap15 HTIRV), HT blocks. */
static TestStream make_ht(const TestStream *t, const unsigned ccap15)
{
    uint8_t cap[12] = {0xff, 0x50, 0, 8, 0, 2, 0, 0, 0, 0};
    test_put16(cap + 8, ccap15);
    const size_t after_siz = 4 + 38 + 3 * 3;
    TestStream h = test_splice(t, after_siz, 0, cap, 10);
    test_put16(h.data + 6, 0x4000);
    const size_t cod = test_find_marker(&h, 0xff52);
    h.data[cod + 12] = 0x40;
    return h;
}

static void htj2k(void)
{
    TestStream t;
    QcJ2kReport r;
    CHECK(test_encode(&specs[0], &t) == 0);
    TestStream h = make_ht(&t, 0x0020);
    run(&h, &r);
    CHECK(r.nb_problems == 0 && r.info.htj2k && r.info.has_cap);
    CHECK(r.info.pcap == 0x00020000 && r.info.ccap15 == 0x0020 && r.info.cap_offset == 51);
    if (r.nb_problems)
        test_dump("htj2k", &r);
    test_corpus_add("htj2k_header", &h);
    const size_t cod = test_find_marker(&h, 0xff52);
    h.data[cod + 12] = 0x00; /* not HT code-blocks */
    expect_profile("htj2k_cblk_style", &h, cod + 12);
    test_stream_free(&h);

    h = make_ht(&t, 0x0000); /* HTREV signalled, but the wavelet is 9-7 */
    expect_profile("htj2k_htrev_97", &h, test_find_marker(&h, 0xff52) + 13);
    test_stream_free(&h);

    h = make_ht(&t, 0x8020); /* HTDECLARED / MIXED: bits 12-15 must be 0 */
    expect_profile("htj2k_ccap15_high", &h, 51 + 8);
    test_stream_free(&h);

    h = make_ht(&t, 0x0020);
    test_put16(h.data + 6, 0x0000); /* CAP without Rsiz bit 14 */
    expect_profile("htj2k_rsiz_bit14", &h, 6);
    test_stream_free(&h);
    test_stream_free(&t);
}

void test_profile(void)
{
    clean_streams();
    broken_imf();
    htj2k();
}

void test_budget(void)
{
    CHECK(qc_j2k_frame_budget(0x0435, 24000, 1001) == 4170833); /* qc-domain's example */
    CHECK(qc_j2k_frame_budget(0x0535, 24000, 1001) == 4170833); /* same sublevel in 4K */
    CHECK(qc_j2k_frame_budget(0x0411, 24, 1) == 1041666);       /* 200 Mbit/s */
    CHECK(qc_j2k_frame_budget(0x0400, 24, 1) == -1);            /* sublevel 0 */
    CHECK(qc_j2k_frame_budget(0x0702, 24, 1) == -1);            /* reversible */
    CHECK(qc_j2k_frame_budget(0x0000, 24, 1) == -1);
    CHECK(qc_j2k_frame_budget(0x0003, 24, 1) == -1);
    CHECK(qc_j2k_frame_budget(0x4000, 24, 1) == -1);
    CHECK(qc_j2k_frame_budget(0x0435, 0, 1) == -1);
    CHECK(qc_j2k_frame_budget(0x0435, 24, 0) == -1);
    CHECK(qc_j2k_frame_budget(0x0435, -24, 1) == -1);
    CHECK(qc_j2k_frame_budget(0x0105, 25, 1) == 4000000); /* broadcast level 5: 800 Mbit/s */
    CHECK(qc_j2k_frame_budget(0x0306, 50, 1) == 4000000); /* level 6: 1600, reversible only */
    CHECK(qc_j2k_frame_budget(0x0106, 50, 1) == -1);
    CHECK(qc_j2k_frame_budget(0x0307, 50, 1) == -1); /* level 7: no cap */
    CHECK(qc_j2k_frame_budget(0x0499, 1, INT32_MAX) == INT64_MAX);
}
