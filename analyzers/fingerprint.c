// SPDX-License-Identifier: MIT
/* A 64-bit perceptual fingerprint per frame (a difference hash): the luma thumbnail reduced to a
 * 9 × 8 grid of block means, one bit per horizontal neighbour pair (left brighter than right).
 * Two renditions of a title compare frame by frame by Hamming distance; a re-encode or a colour
 * trim flips few bits, a different picture about half. Stored as one base64 string. */
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "engine/core/grow.h"
#include "engine/io/base64.h"
#include "kernels/picture.h"

#define GW 9
#define GH 8

typedef struct FpPriv {
    QcPictureDSP dsp;
    uint8_t *bits; ///< 8 bytes per frame, big-endian
    size_t size, cap;
} FpPriv;

static int fp_init(QcAnalyzerCtx *a, const QcTrackInfo *t)
{
    (void)t;
    FpPriv *p = a->priv;
    qc_picture_dsp_init(&p->dsp, a->cpu_flags);
    return 0;
}

static int fp_map(const QcAnalyzerCtx *a, const QcFrame *f, void *stats)
{
    const FpPriv *p = a->priv;
    uint64_t *hash = stats;
    *hash = 0;
    if (!f->video.decoded || f->video.luma_w < GW || f->video.luma_h < GH)
        return 0;
    uint16_t m[GW * GH];
    p->dsp.block_means_u8(m, f->video.luma, f->video.luma_w, f->video.luma_w, f->video.luma_h, GW,
                          GH);
    uint64_t h = 0;
    for (int y = 0; y < GH; y++)
        for (int x = 0; x < GW - 1; x++)
            h = h << 1 | (m[y * GW + x] > m[y * GW + x + 1]);
    *hash = h;
    return 0;
}

static int fp_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    (void)f;
    FpPriv *p = a->priv;
    uint64_t h = *(const uint64_t *)stats;
    if (qc_grow((void **)&p->bits, &p->cap, p->size + 8, 1) < 0)
        return QC_ERR_NOMEM;
    for (int i = 0; i < 8; i++)
        p->bits[p->size++] = (uint8_t)(h >> (56 - 8 * i));
    return 0;
}

static int fp_finish(QcAnalyzerCtx *a)
{
    FpPriv *p = a->priv;
    char *b64 = qc_base64(p->bits ? p->bits : (const uint8_t *)"", p->size);
    if (!b64)
        return QC_ERR_NOMEM;
    int ret = qc_metrics_set_string(&a->metrics, "", "fingerprint", b64);
    free(b64);
    if (!ret)
        ret = qc_metrics_set_string(&a->metrics, "", "fingerprint_algorithm",
                                    "dhash64: 9x8 block means of the luma thumbnail, one 64-bit "
                                    "big-endian word per frame, 0 for frames not decoded");
    return ret;
}

static void fp_uninit(QcAnalyzerCtx *a)
{
    FpPriv *p = a->priv;
    free(p->bits);
}

const QcAnalyzer qc_analyzer_fingerprint = {
    .name = "fingerprint",
    .description = "a 64-bit perceptual hash per frame, to compare renditions frame by frame",
    .media = QC_MEDIA_VIDEO,
    .flags = QC_AN_FRAME_PURE,
    .priv_size = sizeof(FpPriv),
    .stats_size = sizeof(uint64_t),
    .init = fp_init,
    .map = fp_map,
    .process = fp_process,
    .finish = fp_finish,
    .uninit = fp_uninit,
};
