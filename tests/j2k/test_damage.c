// SPDX-License-Identifier: MIT
/* Codestreams damaged at known places: each gives exactly one problem, of the expected kind, at
 * the byte the damage is in. */
#include <openjpeg.h>
#include <stdlib.h>
#include <string.h>

#include "j2k_test.h"

static const TestSpec imf8 = {64, 48, 8, 1, OPJ_PROFILE_IMF_2K | 0x10 | 0x01, 0, 0, 0, 0, 0, 0};
static const TestSpec tiled = {80, 48, 12, 1, 0, 1, 32, 32, 'R', 1, 0};
static const TestSpec tiled_plain = {64, 64, 8, 1, 0, 0, 32, 32, 0, 0, 0};

static TestStream copy(const TestStream *t)
{
    return test_splice(t, 0, 0, NULL, 0);
}

/* Validates @p d, expects one structure problem at @p at, adds it to the corpus and frees it. */
static void expect(const char *name, TestStream *d, const size_t at)
{
    QcJ2kReport r;
    int rc = qc_j2k_validate(d->data, d->size, &r);
    CHECK(rc == 1);
    CHECK(test_one_problem(&r, QC_J2K_STRUCTURE, at));
    if (rc != 1 || r.nb_problems != 1 || r.problems[0].offset != at)
        fprintf(stderr, "  (in %s)\n", name);
    test_corpus_add(name, d);
    test_stream_free(d);
}

/* A COD claiming 255 levels with its length to match: reported, and kept only in part (the
 * info holds 64 bytes of it), so the profile and descriptor checks read no further. */
static void damage_cod_levels(const TestStream *t, const size_t cod, const unsigned lcod)
{
    uint8_t big[2 + 268];
    memset(big, 0x88, sizeof(big));
    static const uint8_t head[] = {0xff, 0x52, 0x01, 0x0c, 0x01, 0x04, 0x00,
                                   0x01, 0x01, 0xff, 0x03, 0x03, 0x00, 0x00};
    memcpy(big, head, sizeof(head));
    TestStream d = test_splice(t, cod, 2 + lcod, big, sizeof(big));
    QcJ2kReport r;
    CHECK(qc_j2k_validate(d.data, d.size, &r) == 1);
    CHECK(test_one_problem(&r, QC_J2K_STRUCTURE, cod + 9));
    CHECK(r.info.levels == 255 && r.info.cod_size == sizeof(r.info.cod));
    qc_j2k_check_profile(&r);
    QcMxfPictureInfo pic;
    memset(&pic, 0, sizeof(pic));
    pic.j2k.present = 1;
    pic.j2k.cod = big + 4;
    pic.j2k.cod_length = 266;
    qc_j2k_compare(&r, &pic);
    CHECK(r.nb_problems == QC_J2K_MAX_PROBLEMS && r.more_problems == 2); /* 10 found */
    test_corpus_add("cod_255_levels", &d);
    test_stream_free(&d);
}

static void damage_main_header(const TestStream *t)
{
    TestStream d = copy(t);
    d.data[0] = d.data[1] = 0;
    expect("soc_wiped", &d, 0);

    d = copy(t);
    test_put16(d.data + 4, 38 + 3 * 3 + 3); /* Lsiz */
    expect("siz_length", &d, 4);

    d = copy(t);
    test_put16(d.data + 2 + 38, 0); /* Csiz */
    expect("csiz_zero", &d, 40);

    const size_t cod = test_find_marker(t, 0xff52);
    const unsigned lcod = (unsigned)t->data[cod + 2] << 8 | t->data[cod + 3];
    d = test_splice(t, cod, 2 + lcod, NULL, 0);
    expect("cod_missing", &d, test_find_sot(t, 0) - 2 - lcod);

    const size_t qcd = test_find_marker(t, 0xff5c);
    d = copy(t);
    test_put16(d.data + qcd + 2, 0xfff0);
    expect("qcd_length_past_end", &d, qcd + 2);

    d = copy(t); /* the QCD says scalar expounded with an odd number of bytes */
    d.data[qcd + 4] = (uint8_t)((d.data[qcd + 4] & 0xe0) | 2);
    test_put16(d.data + qcd + 2, 4);
    TestStream e =
        test_splice(&d, qcd + 6, (size_t)(t->data[qcd + 2] << 8 | t->data[qcd + 3]) - 4, NULL, 0);
    test_stream_free(&d);
    expect("qcd_odd_steps", &e, qcd + 4);

    d = copy(t); /* a COD whose precinct bytes do not match its levels */
    d.data[cod + 9] = 4;
    expect("cod_levels_vs_length", &d, cod + 2);
    damage_cod_levels(t, cod, lcod);
}

static void damage_tile_parts(const TestStream *t)
{
    const size_t sot0 = test_find_sot(t, 0), sot2 = test_find_sot(t, 2);
    TestStream d = copy(t);
    test_put32(d.data + sot2 + 6, (uint32_t)(t->size - sot2 + 1));
    expect("psot_past_end", &d, sot2 + 6);

    d = copy(t);
    test_put32(d.data + sot0 + 6, 13);
    expect("psot_too_small", &d, sot0 + 6);

    d = copy(t);
    test_put16(d.data + sot0 + 2, 11);
    expect("lsot_wrong", &d, sot0 + 2);

    d = copy(t);
    d.size -= 2; /* EOC cut off */
    expect("no_eoc", &d, t->size - 2);

    d = copy(t);
    d.size = sot2 + 20; /* cut inside the last tile-part */
    expect("truncated", &d, sot2 + 6);

    static const uint8_t junk[3] = {0x12, 0x34, 0x56};
    d = test_splice(t, t->size, 0, junk, sizeof(junk));
    expect("garbage_after_eoc", &d, t->size);

    d = copy(t);
    test_put16(d.data + sot0 + 4, 1); /* Isot: the picture has one tile */
    QcJ2kReport r;                    /* TLM and the other tile-parts of tile 0 disagree next */
    CHECK(qc_j2k_validate(d.data, d.size, &r) == 1);
    CHECK(r.nb_problems >= 1 && r.problems[0].kind == QC_J2K_STRUCTURE &&
          r.problems[0].offset == sot0 + 4);
    test_corpus_add("isot_range", &d);
    test_stream_free(&d);

    d = copy(t);
    d.data[test_find_sot(t, 1) + 10] = 2; /* TPsot 0, 2, 2 */
    expect("tpsot_order", &d, test_find_sot(t, 1) + 10);

    d = copy(t);
    d.data[sot2 + 11] = 4; /* TNsot 3, 3, 4 */
    expect("tnsot_differs", &d, sot2 + 11);

    d = copy(t);
    test_put16(d.data + sot0 + 12, 0xff4f); /* SOC where SOD is due */
    expect("sod_missing", &d, sot0 + 12);

    d = copy(t); /* Psot 0 on the last tile-part means "up to EOC": sound */
    test_put32(d.data + sot2 + 6, 0);
    CHECK(qc_j2k_validate(d.data, d.size, &r) == 0 && r.nb_problems == 0);
    test_corpus_add("psot_zero_last", &d);
    test_stream_free(&d);
    d = copy(t); /* but not on another one */
    test_put32(d.data + sot0 + 6, 0);
    d.data[d.size - 1] = 0;
    expect("psot_zero_no_eoc", &d, sot0 + 6);
}

static void damage_tlm(const TestStream *t)
{
    const size_t tlm = test_find_marker(t, 0xff55);
    CHECK(tlm && t->data[tlm + 5] == 0x50); /* ST = 1, SP = 1: 8-bit tile, 32-bit length */
    if (!tlm)
        return;
    TestStream d = copy(t);
    const size_t ptlm = tlm + 6 + 5 + 1; /* the second entry's Ptlm */
    test_put32(d.data + ptlm, (uint32_t)(t->data[ptlm] << 24 | t->data[ptlm + 1] << 16 |
                                         t->data[ptlm + 2] << 8 | t->data[ptlm + 3]) +
                                  1);
    expect("tlm_length", &d, ptlm);

    d = copy(t);
    d.data[tlm + 6 + 5] = 1; /* the second entry names tile 1 */
    expect("tlm_tile", &d, tlm + 6 + 5);

    d = copy(t);
    d.data[tlm + 5] = 0x70; /* ST = 3 */
    expect("tlm_st3", &d, tlm + 5);
}

static void damage_tiles(void)
{
    TestStream t;
    CHECK(test_encode(&tiled_plain, &t) == 0);
    const size_t sot3 = test_find_sot(&t, 3), sot2 = test_find_sot(&t, 2);
    /* drop the tile-part of tile 3: reported at EOC, where it was due */
    TestStream d = test_splice(&t, sot3, t.size - 2 - sot3, NULL, 0);
    expect("tile_missing", &d, sot3);
    d = copy(&t);
    test_put16(d.data + sot2 + 4, 1); /* tile 1 twice (TPsot 0 again), tile 2 never */
    QcJ2kReport r;
    CHECK(qc_j2k_validate(d.data, d.size, &r) == 1);
    CHECK(r.nb_problems == 2 && r.problems[0].offset == sot2 + 10 &&
          r.problems[1].offset == t.size - 2);
    if (r.nb_problems == 2)
        CHECK(strstr(r.problems[1].message, "first: tile 2") != NULL);
    test_stream_free(&d);
    test_stream_free(&t);

    CHECK(test_encode(&tiled, &t) == 0); /* 36 tile-parts: the TLM entries of tile 5 */
    const size_t tlm = test_find_marker(&t, 0xff55), last = test_find_sot(&t, 35);
    CHECK(tlm && last && t.data[last + 4] == 0 && t.data[last + 5] == 5);
    d = copy(&t);
    d.data[tlm + 6 + 35 * 5 + 4] ^= 1;
    expect("tlm_last_entry", &d, tlm + 6 + 35 * 5 + 1);
    test_stream_free(&t);
}

void test_validate_damage(void)
{
    TestStream t;
    CHECK(test_encode(&imf8, &t) == 0);
    if (!t.data)
        return;
    damage_main_header(&t);
    damage_tile_parts(&t);
    damage_tlm(&t);
    test_stream_free(&t);
    damage_tiles();
}
