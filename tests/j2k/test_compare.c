// SPDX-License-Identifier: MIT
/* qc_j2k_compare with hand-filled descriptors: equal gives nothing, each field changed gives
 * exactly one mismatch at the codestream field it disagrees with. */
#include <openjpeg.h>
#include <string.h>

#include "j2k_test.h"

static const TestSpec rgb = {64, 48, 8, 1, OPJ_PROFILE_IMF_2K | 0x10 | 0x01, 0, 0, 0, 0, 0, 0};
static const TestSpec yuv422 = {64, 32, 10, 2, OPJ_PROFILE_IMF_2K | 0x11, 0, 0, 0, 0, 0, 0};

static uint8_t cod_copy[64], qcd_copy[256];

/* The descriptor a correct MXF writer would make for the stream in @p r. */
static void describe(const QcJ2kReport *r, const int rgba, QcMxfPictureInfo *d)
{
    const QcJ2kInfo *in = &r->info;
    memset(d, 0, sizeof(*d));
    d->rgba = rgba;
    d->rate_num = 24;
    d->rate_den = 1;
    d->stored_width = in->xsiz;
    d->stored_height = in->ysiz;
    d->component_depth = (in->ssiz[0] & 0x7fu) + 1;
    d->horizontal_subsampling = rgba ? 0 : in->xrsiz[1];
    d->vertical_subsampling = rgba ? 0 : 1;
    QcMxfJ2kInfo *j = &d->j2k;
    j->present = 1;
    j->rsiz = in->rsiz;
    j->csiz = in->csiz;
    j->xsiz = in->xsiz;
    j->ysiz = in->ysiz;
    j->xtsiz = in->xtsiz;
    j->ytsiz = in->ytsiz;
    memcpy(j->ssiz, in->ssiz, 16);
    memcpy(j->xrsiz, in->xrsiz, 16);
    memcpy(j->yrsiz, in->yrsiz, 16);
    memcpy(cod_copy, in->cod, in->cod_size);
    memcpy(qcd_copy, in->qcd, in->qcd_size);
    j->cod = cod_copy;
    j->cod_length = (uint32_t)in->cod_size;
    j->qcd = qcd_copy;
    j->qcd_length = (uint32_t)in->qcd_size;
}

static void expect(const QcJ2kReport *base, const QcMxfPictureInfo *d, const size_t at)
{
    QcJ2kReport r = *base;
    qc_j2k_compare(&r, d);
    CHECK(test_one_problem(&r, QC_J2K_MISMATCH, at));
}

static void compare_rgb(void)
{
    TestStream t;
    QcJ2kReport base, r;
    QcMxfPictureInfo d;
    CHECK(test_encode(&rgb, &t) == 0);
    CHECK(qc_j2k_validate(t.data, t.size, &base) == 0);
    const size_t cod = base.info.cod_offset, qcd = base.info.qcd_offset;
    describe(&base, 1, &d);
    r = base;
    qc_j2k_compare(&r, &d);
    CHECK(r.nb_problems == 0);
    r = base;
    qc_j2k_compare(&r, NULL);
    CHECK(r.nb_problems == 0);

    d.stored_width = 65;
    expect(&base, &d, 8);
    describe(&base, 1, &d);
    d.stored_height = 47;
    expect(&base, &d, 12);
    describe(&base, 1, &d);
    d.component_depth = 10;
    expect(&base, &d, 42);
    describe(&base, 1, &d);
    cod_copy[1] = 0; /* LRCP in the descriptor, CPRL in the codestream */
    expect(&base, &d, cod + 4 + 1);
    describe(&base, 1, &d);
    d.j2k.qcd_length--;
    expect(&base, &d, qcd + 4);
    describe(&base, 1, &d);
    d.j2k.rsiz = 0x0400;
    expect(&base, &d, 6);
    describe(&base, 1, &d);
    d.j2k.ytsiz = 64;
    expect(&base, &d, 2 + 26);
    describe(&base, 1, &d);
    d.j2k.csiz = 4;
    expect(&base, &d, 40);
    describe(&base, 1, &d);
    d.j2k.ssiz[2] = 9;
    expect(&base, &d, 42 + 6);
    describe(&base, 1, &d);
    d.j2k.present = 0; /* the sub-descriptor fields are not compared without one */
    d.j2k.xsiz = 1;
    r = base;
    qc_j2k_compare(&r, &d);
    CHECK(r.nb_problems == 0);
    test_stream_free(&t);
}

static void compare_422(void)
{
    TestStream t;
    QcJ2kReport base, r;
    QcMxfPictureInfo d;
    CHECK(test_encode(&yuv422, &t) == 0);
    CHECK(qc_j2k_validate(t.data, t.size, &base) == 0);
    describe(&base, 0, &d);
    CHECK(d.horizontal_subsampling == 2);
    r = base;
    qc_j2k_compare(&r, &d);
    CHECK(r.nb_problems == 0);
    d.horizontal_subsampling = 1; /* 4:4:4 in the descriptor */
    expect(&base, &d, 42 + 3 + 1);
    describe(&base, 0, &d);
    d.vertical_subsampling = 2;
    expect(&base, &d, 42 + 3 + 2);
    describe(&base, 0, &d);
    d.component_depth = 12;
    expect(&base, &d, 42);
    /* the same stream described as RGBA: subsampling is not a CDCI field there */
    describe(&base, 1, &d);
    d.horizontal_subsampling = 1;
    r = base;
    qc_j2k_compare(&r, &d);
    CHECK(r.nb_problems == 0);
    test_stream_free(&t);
}

void test_compare(void)
{
    compare_rgb();
    compare_422();
}
