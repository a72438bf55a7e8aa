// SPDX-License-Identifier: MIT
/* The samples writer and the engine's reader against each other: what one writes, the other
 * must read back, byte for byte and property for property, with no finding at all. */
#include <stdlib.h>
#include <string.h>

#include "engine/codec/audio_source.h"
#include "engine/mxf/descriptors.h"
#include "engine/mxf/essence.h"
#include "engine/mxf/imf_rules.h"
#include "engine/mxf/mca.h"
#include "engine/mxf/model.h"
#include "mxfw.h"
#include "unit.h"

#define FRAMES 7

static const char *scratch(const char *name)
{
    static char path[256];
    snprintf(path, sizeof(path), "%s/%s", unit_tmpdir(), name);
    return path;
}

/* A small 10-bit RGB picture whose content changes with the frame number. */
static uint8_t *encode(int frame, size_t *size)
{
    enum { W = 48, H = 32 };
    static uint16_t planes[3][W * H];
    for (int c = 0; c < 3; c++)
        for (int i = 0; i < W * H; i++)
            planes[c][i] = (uint16_t)((i * 7 + frame * 131 + c * 300) % 1024);
    QcMxfwPicture pic = {W, H, 10, 3, {planes[0], planes[1], planes[2]}, W};
    QcMxfwJ2kParams prm = {0, 8, 1, {24, 1}};
    uint8_t *out = NULL;
    QcMxfwErr err;
    return qc_mxfw_j2k_encode(&pic, &prm, &out, size, &err) == 0 ? out : NULL;
}

static void video_roundtrip(void)
{
    const char *path = scratch("v.mxf");
    QcMxfwVideoSettings s;
    qc_mxfw_video_default_settings(&s);
    s.path = path;
    s.partition_frames = 3; /* several body and index partitions */
    QcMxfwVideo *w = NULL;
    QcMxfwErr err;
    uint8_t *frames[FRAMES];
    size_t sizes[FRAMES];
    CHECK(qc_mxfw_video_open(&w, &s, &err) == 0);
    for (int i = 0; i < FRAMES; i++) {
        frames[i] = encode(i, &sizes[i]);
        CHECK(frames[i] && qc_mxfw_video_write(w, frames[i], sizes[i], &err) == 0);
    }
    CHECK(qc_mxfw_video_close(&w, &err) == 0);

    QcMxf *m = NULL;
    QcError e;
    qc_error_clear(&e);
    CHECK(qc_mxf_open(&m, path, &e) == 0);
    if (!m)
        return;
    QcMxfModel model;
    CHECK(qc_mxf_resolve(m, &model) == 0 && qc_mxf_check_imf(m, &model) == 0);
    CHECK(m->findings.count == 0);
    for (size_t i = 0; i < m->findings.count; i++)
        fprintf(stderr, "  finding: %s\n", m->findings.items[i].message);
    CHECK(m->nb_rip == m->nb_parts && m->parts[0].closed && m->parts[0].complete);
    CHECK(model.file_package && model.file_package->nb_tracks == 1);
    const QcMxfTrack *t = &model.file_package->tracks[0];
    CHECK(t->kind == QC_MXF_TRACK_PICTURE && t->duration == FRAMES && t->rate_num == 24);
    QcMxfPictureInfo pi;
    CHECK(qc_mxf_picture_info(m, qc_mxf_track_descriptor(m, model.file_package, t), &pi) == 0);
    CHECK(pi.rgba && pi.stored_width == 48 && pi.stored_height == 32 && pi.component_depth == 10);
    CHECK(pi.j2k.present && pi.j2k.xsiz == 48 && pi.j2k.csiz == 3 && (pi.j2k.ssiz[0] & 0x7f) == 9);
    CHECK(qc_mxf_index_duration(m, model.index_sid) == FRAMES);
    QcMxfStream st = {model.index_sid, model.body_sid, t->number};
    uint8_t *buf = malloc(1 << 20);
    for (int i = 0; buf && i < FRAMES; i++) {
        size_t n = 0;
        CHECK(qc_mxf_read_unit(m, &st, i, buf, 1 << 20, &n) == 0);
        CHECK(n == sizes[i] && frames[i] && !memcmp(buf, frames[i], n));
    }
    size_t n;
    CHECK(qc_mxf_read_unit(m, &st, FRAMES, buf, 1 << 20, &n) == 1); /* past the end */
    free(buf);
    for (int i = 0; i < FRAMES; i++)
        free(frames[i]);
    qc_mxf_close(&m);
}

static void audio_roundtrip(void)
{
    const char *path = scratch("a.mxf");
    enum { FRAMES_A = 48000 / 2, CH = 6 };
    QcMxfwAudioSettings s;
    qc_mxfw_audio_default_settings(&s);
    s.path = path;
    s.layout = QC_MXFW_LAYOUT_51;
    s.language = "fr-CA";
    QcMxfwAudio *w = NULL;
    QcMxfwErr err;
    static uint8_t pcm[FRAMES_A * CH * 3];
    for (int i = 0; i < FRAMES_A * CH; i++) {
        int32_t v = (int32_t)((i * 2654435761u) >> 9) - (1 << 22); /* fills 24 bits */
        pcm[3 * i] = (uint8_t)v;
        pcm[3 * i + 1] = (uint8_t)(v >> 8);
        pcm[3 * i + 2] = (uint8_t)(v >> 16);
    }
    CHECK(qc_mxfw_audio_open(&w, &s, &err) == 0);
    CHECK(qc_mxfw_audio_write(w, pcm, FRAMES_A, &err) == 0);
    CHECK(qc_mxfw_audio_close(&w, &err) == 0);

    QcAudioSource *src = NULL;
    QcError e;
    qc_error_clear(&e);
    CHECK(qc_audio_source_open(&src, path, 0, &e) == 0);
    if (!src)
        return;
    CHECK(!strcmp(src->info.container, "mxf") && src->info.channels == CH);
    CHECK(src->info.sample_rate == 48000 && src->info.duration == FRAMES_A);
    CHECK(src->info.labels[3] == QC_CH_LFE && src->info.labels[5] == QC_CH_RS);
    const QcMcaInfo *mca = src->info.mca;
    CHECK(mca && mca->nb_labels == CH + 1 && !strcmp(mca->labels[0].symbol, "sg51"));
    CHECK(mca && !strcmp(mca->labels[0].language, "fr-CA"));
    static float out[FRAMES_A * CH];
    int64_t got = 0, bad = 0;
    for (int r; (r = qc_audio_source_read(src, out + got * CH, FRAMES_A - (int)got)) > 0;)
        got += r;
    CHECK(got == FRAMES_A);
    for (int i = 0; i < FRAMES_A * CH; i++) {
        int32_t v = (int32_t)((uint32_t)pcm[3 * i] << 8 | (uint32_t)pcm[3 * i + 1] << 16 |
                              (uint32_t)pcm[3 * i + 2] << 24) >>
                    8;
        bad += out[i] != (float)v / 8388608.0f;
    }
    CHECK(bad == 0);
    CHECK(qc_audio_source_finish(src) == 0 && src->findings.count == 0);
    for (size_t i = 0; i < src->findings.count; i++)
        fprintf(stderr, "  finding: %s\n", src->findings.items[i].message);
    qc_audio_source_close(&src);
}

void test_mxf_roundtrip(void)
{
    video_roundtrip();
    audio_roundtrip();
}
