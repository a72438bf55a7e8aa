// SPDX-License-Identifier: MIT
/* Decodability of every picture: frames missing from the file, codestreams whose structure is
 * broken, frames OpenJPEG cannot decode or decodes only with warnings (one finding per frame,
 * with OpenJPEG's message); codestreams that disagree with the MXF descriptor, break their
 * profile, or exceed their level's byte budget (one finding per kind, with the count). */
#include <stdio.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "engine/codec/j2k_decode.h"

typedef struct Agg { ///< one kind of repeated problem
    int64_t count, first;
    char message[192];
} Agg;

typedef struct DecPriv {
    Agg mismatch, profile, jp2, budget;
    int64_t largest, largest_at, budget_bytes;
} DecPriv;

static void note(Agg *a, int64_t eu, const char *msg)
{
    if (!a->count++) {
        a->first = eu;
        snprintf(a->message, sizeof(a->message), "%s", msg);
    }
}

static int frame_finding(QcAnalyzerCtx *a, const QcFrame *f)
{
    const QcFrameCheck *c = f->video.check;
    QcFinding x;
    qc_finding_init(&x, QC_CODE_VIDEO_UNDECODABLE_FRAME);
    x.start = f->edit_unit;
    x.duration = 1;
    const char *what = c->missing                           ? "is missing"
                       : c->decode_status == QC_J2K_FAILED  ? "cannot be decoded"
                       : c->decode_status == QC_J2K_REFUSED ? "was not decoded"
                       : c->decode_status == QC_J2K_DAMAGED ? "decodes only with errors"
                                                            : "has a broken codestream";
    qc_finding_message(&x, "frame %lld %s: %s", (long long)f->edit_unit, what, c->message);
    qc_finding_detail_string(&x, "reason",
                             c->missing                           ? "missing"
                             : c->structure                       ? "structure"
                             : c->decode_status == QC_J2K_REFUSED ? "refused"
                                                                  : "decoder");
    return qc_analyzer_emit(a, &x);
}

static int dec_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    (void)stats;
    DecPriv *p = a->priv;
    const QcFrameCheck *c = f->video.check;
    if (c->missing || c->structure || (c->decode_status != QC_J2K_DECODED)) {
        int ret = frame_finding(a, f);
        if (ret < 0)
            return ret;
    }
    if (c->mismatches)
        note(&p->mismatch, f->edit_unit, c->mismatch);
    if (c->profile && !c->jp2)
        note(&p->profile, f->edit_unit, c->profile_msg);
    if (c->jp2)
        note(&p->jp2, f->edit_unit, "JP2 boxes wrap the codestream; IMF carries raw codestreams");
    if (c->budget > 0 && f->video.bytes > c->budget) {
        char msg[192];
        snprintf(msg, sizeof(msg), "%lld bytes", (long long)f->video.bytes);
        note(&p->budget, f->edit_unit, msg);
        p->budget_bytes = c->budget;
    }
    if (f->video.bytes > p->largest) {
        p->largest = f->video.bytes;
        p->largest_at = f->edit_unit;
    }
    return 0;
}

static int aggregate(QcAnalyzerCtx *a, const Agg *g, QcCode code, const char *what)
{
    if (!g->count)
        return 0;
    QcFinding x;
    qc_finding_init(&x, code);
    x.start = g->first;
    x.duration = 1;
    qc_finding_message(&x, "%s in %lld frame%s, first at frame %lld: %s", what, (long long)g->count,
                       g->count > 1 ? "s" : "", (long long)g->first, g->message);
    qc_finding_detail_int(&x, "frames", g->count);
    return qc_analyzer_emit(a, &x);
}

static int dec_finish(QcAnalyzerCtx *a)
{
    DecPriv *p = a->priv;
    int ret = aggregate(a, &p->mismatch, QC_CODE_VIDEO_CODESTREAM_MISMATCH,
                        "the codestream disagrees with the MXF descriptor");
    if (!ret)
        ret = aggregate(a, &p->profile, QC_CODE_VIDEO_PROFILE, "the codestream breaks its profile");
    if (!ret)
        ret = aggregate(a, &p->jp2, QC_CODE_VIDEO_PROFILE, "not a raw codestream");
    if (!ret && p->budget.count) {
        char what[128];
        snprintf(what, sizeof(what), "frames larger than the level's budget of %lld bytes",
                 (long long)p->budget_bytes);
        ret = aggregate(a, &p->budget, QC_CODE_VIDEO_PROFILE, what);
    }
    if (!ret)
        ret = qc_metrics_set_int(&a->metrics, "video", "largest_frame_bytes", p->largest);
    return ret;
}

const QcAnalyzer qc_analyzer_decodability = {
    .name = "decodability",
    .description = "every frame present, well-formed, decodable, as described, within its level",
    .media = QC_MEDIA_VIDEO,
    .priv_size = sizeof(DecPriv),
    .process = dec_process,
    .finish = dec_finish,
};
