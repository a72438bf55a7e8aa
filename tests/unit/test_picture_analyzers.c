// SPDX-License-Identifier: MIT
/* The picture analyzers on synthetic thumbnails, without any decoding: a cut at a known frame,
 * black and frozen runs at known frames, and fingerprints that stay close under noise and far
 * apart between different pictures. */
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/registry.h"
#include "kernels/cpu.h"
#include "unit.h"

#define W 96
#define H 54
#define FRAMES 150

typedef struct Pictures {
    uint8_t luma[FRAMES][W * H];
} Pictures;

/* Scene A (a gradient that drifts) until `cut`, scene B (a checkerboard) after; frames listed
 * as black are 0; frames from freeze0 to freeze1 repeat freeze0 - 1. */
static void make(Pictures *p, int cut, int black0, int black1, int freeze0, int freeze1, int noise)
{
    unsigned rng = 7;
    for (int f = 0; f < FRAMES; f++)
        for (int i = 0; i < W * H; i++) {
            int x = i % W, y = i / W, v;
            if (f >= black0 && f < black1)
                v = 0;
            else if (f >= freeze0 && f < freeze1)
                v = p->luma[freeze0 - 1][i];
            else if (f < cut)
                v = 40 + (x * 2 + y + f) % 150;
            else
                v = ((x / 8 + y / 8) & 1) ? 200 : 60;
            rng = rng * 1103515245u + 12345u;
            if (noise && !(f >= black0 && f < black1) && !(f >= freeze0 && f < freeze1))
                v += (int)(rng >> 28) % 5 - 2;
            p->luma[f][i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
}

/* Runs analyzer @p name over the pictures; returns its context after finish (caller frees). */
static QcAnalyzerCtx *run(const char *name, const Pictures *p, QcTrackInfo *t)
{
    const QcAnalyzer *a = qc_analyzer_find(name);
    QcAnalyzerCtx *c = calloc(1, sizeof(*c));
    c->desc = a;
    c->track = t;
    c->cpu_flags = qc_cpu_flags();
    c->stats_size = a->stats_size;
    c->priv = calloc(1, a->priv_size ? a->priv_size : 1);
    qc_options_set_defaults(a->options, c->priv);
    CHECK(!a->init || a->init(c, t) == 0);
    uint8_t stats[256];
    QcFrameCheck check = {.decode_status = 0, .budget = -1};
    for (int f = 0; f < FRAMES; f++) {
        QcFrame fr = {.kind = QC_MEDIA_VIDEO, .edit_unit = f};
        fr.video = (QcVideoFrame){1, W, H, p->luma[f], W, H, 1000, &check};
        CHECK(!a->map || a->map(c, &fr, stats) == 0);
        CHECK(a->process(c, &fr, stats) == 0);
    }
    c->samples = FRAMES;
    CHECK(!a->finish || a->finish(c) == 0);
    return c;
}

static void done(QcAnalyzerCtx *c)
{
    if (c->desc->uninit)
        c->desc->uninit(c);
    qc_finding_list_free(&c->findings);
    qc_metrics_free(&c->metrics);
    free(c->priv);
    free(c);
}

static int hashes(const QcAnalyzerCtx *c, uint64_t *h)
{
    const QcMetric *m = qc_metrics_get(&c->metrics, "", "fingerprint");
    if (!m || !m->s)
        return 0;
    static unsigned char raw[FRAMES * 8 + 16];
    int n = EVP_DecodeBlock(raw, (const unsigned char *)m->s, (int)strlen(m->s));
    for (int f = 0; f < FRAMES && 8 * f + 8 <= n; f++) {
        h[f] = 0;
        for (int i = 0; i < 8; i++)
            h[f] = h[f] << 8 | raw[8 * f + i];
    }
    return n >= FRAMES * 8;
}

void test_picture_analyzers(void)
{
    static Pictures clean, noisy, defects;
    QcTrackInfo t = {.kind = QC_MEDIA_VIDEO, .rate_num = 24, .rate_den = 1, .width = W,
                     .height = H, .full_range = 1, .duration = FRAMES};
    make(&clean, 100, -1, -1, -1, -1, 0);
    make(&noisy, 100, -1, -1, -1, -1, 1);
    make(&defects, 1000, 20, 80, 90, 140, 0);

    QcAnalyzerCtx *c = run("scene", &clean, &t);
    const QcMetric *cuts = qc_metrics_get(&c->metrics, "", "scene_changes");
    CHECK(cuts && cuts->count == 1 && cuts->i[0] == 100);
    done(c);

    c = run("black", &defects, &t);
    CHECK(c->findings.count == 1 && c->findings.items[0].start == 24 &&
          c->findings.items[0].duration == 56); /* 20..80 less the 1 s head */
    done(c);

    c = run("freeze", &defects, &t);
    CHECK(c->findings.count == 1 && c->findings.items[0].start == 90 &&
          c->findings.items[0].duration == 50);
    done(c);

    uint64_t a[FRAMES], b[FRAMES];
    QcAnalyzerCtx *ca = run("fingerprint", &clean, &t), *cb = run("fingerprint", &noisy, &t);
    CHECK(hashes(ca, a) && hashes(cb, b));
    int near = 1;
    for (int f = 0; f < FRAMES; f++)
        near &= __builtin_popcountll(a[f] ^ b[f]) <= 8; /* the same picture, with noise */
    CHECK(near);
    CHECK(__builtin_popcountll(a[99] ^ a[100]) >= 16); /* across the cut */
    done(ca);
    done(cb);
}
