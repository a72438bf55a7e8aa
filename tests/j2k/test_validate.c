// SPDX-License-Identifier: MIT
/* qc_j2k_validate on clean OpenJPEG codestreams (fields equal what was encoded), then on copies
 * damaged at known places: the exact problem kind and offset. */
#include <openjpeg.h>
#include <stdlib.h>
#include <string.h>

#include "j2k_test.h"

static const TestSpec imf8 = {64, 48, 8, 1, OPJ_PROFILE_IMF_2K | 0x10 | 0x01, 0, 0, 0, 0, 0, 0};
static const TestSpec imf10r = {64, 48, 10, 1, OPJ_PROFILE_IMF_2K_R | 0x02, 1, 0, 0, 0, 0, 0};
static const TestSpec imf12 = {96, 40, 12, 1, OPJ_PROFILE_IMF_2K, 0, 0, 0, 0, 0, 0};
static const TestSpec imf422 = {64, 32, 10, 2, OPJ_PROFILE_IMF_2K | 0x11, 0, 0, 0, 0, 0, 0};
static const TestSpec tiled = {80, 48, 12, 1, 0, 1, 32, 32, 'R', 1, 0};
static const TestSpec tiled_plain = {64, 64, 8, 1, 0, 0, 32, 32, 0, 0, 0};

static int validate(const TestStream *t, QcJ2kReport *r)
{
    return qc_j2k_validate(t->data, t->size, r);
}

static void check_clean(const char *name, const TestStream *t, QcJ2kReport *r)
{
    int rc = validate(t, r);
    CHECK(rc == 0);
    CHECK(r->nb_problems == 0 && r->more_problems == 0);
    if (rc || r->nb_problems)
        test_dump(name, r);
    CHECK(r->info.has_eoc);
    CHECK(!r->info.jp2 && r->info.codestream_offset == 0);
    test_corpus_add(name, t);
}

static void check_imf8(void)
{
    TestStream t;
    QcJ2kReport r;
    CHECK(test_encode(&imf8, &t) == 0);
    check_clean("imf2k_8bit", &t, &r);
    const QcJ2kInfo *in = &r.info;
    CHECK(in->rsiz == 0x0411);
    CHECK(in->xsiz == 64 && in->ysiz == 48 && in->xosiz == 0 && in->yosiz == 0);
    CHECK(in->xtsiz == 64 && in->ytsiz == 48 && in->xtosiz == 0 && in->ytosiz == 0);
    CHECK(in->csiz == 3);
    for (int c = 0; c < 3; c++)
        CHECK(in->ssiz[c] == 7 && in->xrsiz[c] == 1 && in->yrsiz[c] == 1);
    CHECK(in->progression == 4 && in->layers == 1 && in->levels == 5);
    CHECK(in->xcb == 3 && in->ycb == 3 && in->cblk_style == 0 && in->transform == 0);
    CHECK(in->mct == 1);
    CHECK(in->cod_size == 10 + 6 && in->cod[0] == 1 && in->cod[10] == 0x77 && in->cod[15] == 0x88);
    CHECK(in->qcd_size == 1 + 2 * 16 && (in->qcd[0] & 0x1f) == 2);
    CHECK(in->has_tlm && in->has_com && !in->has_cap && !in->htj2k);
    CHECK(!in->has_rgn && !in->has_poc && !in->has_coc && !in->has_qcc && !in->has_ppm);
    CHECK(in->nb_tiles == 1 && in->nb_tile_parts == 3); /* one tile-part per component */
    CHECK(in->header_size == test_find_sot(&t, 0));
    CHECK(in->cod_offset == test_find_marker(&t, 0xff52));
    CHECK(in->qcd_offset == test_find_marker(&t, 0xff5c));
    test_stream_free(&t);
}

static void check_imf10r(void)
{
    TestStream t;
    QcJ2kReport r;
    CHECK(test_encode(&imf10r, &t) == 0);
    check_clean("imf2kr_10bit_lossless", &t, &r);
    CHECK(r.info.rsiz == 0x0702);
    CHECK(r.info.ssiz[0] == 9 && r.info.ssiz[2] == 9);
    CHECK(r.info.transform == 1 && (r.info.qcd[0] & 0x1f) == 0);
    CHECK(r.info.qcd_size == 1 + 16);
    test_stream_free(&t);
}

static void check_imf12_and_422(void)
{
    TestStream t;
    QcJ2kReport r;
    CHECK(test_encode(&imf12, &t) == 0);
    check_clean("imf2k_12bit", &t, &r);
    CHECK(r.info.rsiz == 0x0400 && r.info.xsiz == 96 && r.info.ysiz == 40);
    CHECK(r.info.ssiz[1] == 11);
    test_stream_free(&t);
    CHECK(test_encode(&imf422, &t) == 0);
    check_clean("imf2k_10bit_422", &t, &r);
    CHECK(r.info.rsiz == 0x0411);
    CHECK(r.info.xrsiz[0] == 1 && r.info.xrsiz[1] == 2 && r.info.xrsiz[2] == 2);
    CHECK(r.info.yrsiz[1] == 1 && r.info.ssiz[1] == 9);
    test_stream_free(&t);
}

static void check_tiled(void)
{
    TestStream t;
    QcJ2kReport r;
    CHECK(test_encode(&tiled, &t) == 0);
    check_clean("tiled_12bit_tileparts_tlm", &t, &r);
    const QcJ2kInfo *in = &r.info;
    CHECK(in->rsiz == 0 && in->xtsiz == 32 && in->ytsiz == 32);
    CHECK(in->nb_tiles == 6);
    CHECK(in->levels >= 1 && in->nb_tile_parts == 6u * (in->levels + 1u));
    CHECK(in->has_tlm && in->transform == 1 && in->ssiz[0] == 11);
    test_stream_free(&t);
    CHECK(test_encode(&tiled_plain, &t) == 0);
    check_clean("tiled_8bit", &t, &r);
    CHECK(r.info.nb_tiles == 4 && r.info.nb_tile_parts == 4 && !r.info.has_tlm);
    test_stream_free(&t);
}

/* A JP2 file around @p cs: signature, ftyp, jp2h (ihdr + colr), then jp2c (LBox, XLBox or 0). */
static TestStream jp2_wrap(const TestStream *cs, const int lbox_mode)
{
    static const uint8_t head[] = {
        0,   0, 0, 12, 'j', 'P', ' ', ' ', 0x0d, 0x0a, 0x87, 0x0a, /* signature */
        0,   0, 0, 20, 'f', 't', 'y', 'p', 'j',  'p',  '2',  ' ',  0, 0, 0, 0,  'j', 'p', '2',
        ' ', 0, 0, 0,  45,  'j', 'p', '2', 'h', /* jp2h */
        0,   0, 0, 22, 'i', 'h', 'd', 'r', 0,    0,    0,    48,   0, 0, 0, 64, 0,   3,   7,
        7,   0, 0, 0,  0,   0,   15,  'c', 'o',  'l',  'r',  1,    0, 0, 0, 0,  0,   16,
    };
    const size_t box = lbox_mode == 1 ? 16 : 8;
    TestStream o = {malloc(sizeof(head) + box + cs->size), sizeof(head) + box + cs->size};
    memcpy(o.data, head, sizeof(head));
    uint8_t *b = o.data + sizeof(head);
    test_put32(b, lbox_mode == 1 ? 1 : lbox_mode == 2 ? 0 : (uint32_t)(box + cs->size));
    memcpy(b + 4, "jp2c", 4);
    if (lbox_mode == 1) {
        test_put32(b + 8, 0);
        test_put32(b + 12, (uint32_t)(box + cs->size));
    }
    memcpy(b + box, cs->data, cs->size);
    return o;
}

static void check_jp2(void)
{
    TestStream t;
    QcJ2kReport r;
    CHECK(test_encode(&imf8, &t) == 0);
    for (int mode = 0; mode < 3; mode++) {
        TestStream j = jp2_wrap(&t, mode);
        const size_t at = j.size - t.size;
        CHECK(validate(&j, &r) == 0);
        CHECK(test_one_problem(&r, QC_J2K_PROFILE, 0));
        CHECK(r.info.jp2 == 1 && r.info.codestream_offset == at);
        CHECK(r.info.xsiz == 64 && r.info.nb_tile_parts == 3 && r.info.has_eoc);
        CHECK(r.info.cod_offset == at + test_find_marker(&t, 0xff52));
        if (mode == 0)
            test_corpus_add("jp2_boxed", &j);
        if (mode == 0) { /* damage inside: the offset counts from the start of the file */
            const size_t sot = at + test_find_sot(&t, 1);
            test_put32(j.data + sot + 6, 13);
            CHECK(validate(&j, &r) == 1);
            CHECK(r.nb_problems == 2 && r.problems[1].kind == QC_J2K_STRUCTURE &&
                  r.problems[1].offset == sot + 6);
            /* the jp2c box running past the end */
            test_put32(j.data + at - 8, (uint32_t)(t.size + 9));
            CHECK(validate(&j, &r) == 1);
            CHECK(r.nb_problems == 2 && r.problems[1].offset == at - 8);
        }
        test_stream_free(&j);
    }
    test_stream_free(&t);
}

void test_validate_clean(void)
{
    check_imf8();
    check_imf10r();
    check_imf12_and_422();
    check_tiled();
    check_jp2();
    QcJ2kReport r;
    CHECK(qc_j2k_validate(NULL, 0, &r) == 1 && test_one_problem(&r, QC_J2K_STRUCTURE, 0));
}
