// SPDX-License-Identifier: MIT
/**
 * @file analyzer.h
 * The analyzer plug-in: one descriptor per file, registered in registry.c.
 *
 * Life cycle per track file: init → (map on workers, process in edit-unit order)* → finish →
 * uninit. `map` must be thread-safe and only read the frame and its own options; it writes a
 * fixed-size stats record that `process` receives with the same frame, strictly in order.
 */
#ifndef QC_ANALYZERS_ANALYZER_H
#define QC_ANALYZERS_ANALYZER_H

#include <stddef.h>
#include <stdint.h>

#include "engine/core/finding.h"
#include "engine/core/metrics.h"
#include "engine/core/options.h"
#include "engine/core/track.h"
#include "kernels/level.h"

/** Samples before a block's first sample that every audio plane keeps readable (zeros at the
 *  start of the stream), so map() can run FIR and difference filters without neighbours. */
#define QC_AUDIO_CONTEXT 64

/** One audio block: 100 ms of every channel, planar float in [-1, 1). */
typedef struct QcAudioBlock {
    int64_t first_sample; ///< index of planes[c][0], samples at track rate
    int nb_samples;       ///< samples per channel in this block
    int channels;
    const float *const *planes; ///< planes[c][-QC_AUDIO_CONTEXT .. nb_samples-1]
    const float *interleaved;   ///< nb_samples × channels, the same samples interleaved
    const QcLevelStats *levels; ///< per channel: peak, sum and sum of squares of this block
} QcAudioBlock;

/** What checking and decoding one picture found (filled on the decode worker). */
typedef struct QcFrameCheck {
    int missing;            ///< the index or the file does not give this edit unit's essence
    int structure;          ///< codestream structure problems (VIDEO_UNDECODABLE_FRAME)
    int decode_status;      ///< QcJ2kDecodeStatus, or -1 when not decoded
    int mismatches;         ///< codestream against the descriptor (VIDEO_CODESTREAM_MISMATCH)
    int profile;            ///< profile and level problems (VIDEO_PROFILE)
    int jp2;                ///< JP2 boxes around the codestream
    int64_t budget;         ///< the level's bytes per frame, or -1
    char message[256];      ///< the first structure problem, decoder message or missing reason
    char mismatch[192];     ///< the first descriptor mismatch
    char profile_msg[192];  ///< the first profile problem
} QcFrameCheck;

/** One picture: an 8-bit luma thumbnail for the analyzers, and what decoding found. */
typedef struct QcVideoFrame {
    int decoded;            ///< 1: the thumbnail holds the picture; 0: nothing to look at
    int width, height;      ///< decoded picture size (reduced in fast decode mode), pixels
    const uint8_t *luma;    ///< thumbnail, luma_w × luma_h, rows packed (stride = luma_w)
    int luma_w, luma_h;
    int64_t bytes;          ///< compressed size of the frame
    const QcFrameCheck *check;
} QcVideoFrame;

typedef struct QcFrame {
    QcMediaKind kind;
    int64_t edit_unit; ///< first edit unit of the frame (first sample for audio)
    QcAudioBlock audio;
    QcVideoFrame video;
} QcFrame;

enum {
    QC_AN_FRAME_PURE = 1 << 0, ///< map() may run on decode workers
};

typedef struct QcAnalyzer QcAnalyzer;

/** Per-track instance of an analyzer. The engine owns it; analyzers use priv. */
typedef struct QcAnalyzerCtx {
    const QcAnalyzer *desc;
    void *priv; ///< priv_size bytes, zeroed, options already set
    const QcTrackInfo *track;
    unsigned cpu_flags;        ///< for the kernels' dsp_init
    int max_findings_per_code; ///< beyond this, findings are counted, not kept
    size_t stats_size;         ///< bytes map() writes per frame; desc->stats_size unless init
                               ///< sets it (records sized by the channel count)
    int64_t samples;           ///< samples per channel delivered; valid in finish()
    int incomplete;            ///< the stream stopped early (cancelled): finish() must not
                               ///< judge what it has not seen (whole-programme shares)
    QcFindingList findings;    ///< what this analyzer found on this track
    QcMetrics metrics;         ///< what this analyzer measured on this track
    int64_t suppressed[QC_CODE_COUNT]; ///< findings past max_findings_per_code
    int64_t emitted[QC_CODE_COUNT];
} QcAnalyzerCtx;

struct QcAnalyzer {
    const char *name;        ///< CLI key, JSON key ("silence")
    const char *description; ///< one line for `imfqc analyzers`
    QcMediaKind media;
    unsigned flags;          ///< QC_AN_*
    const QcOption *options; ///< NULL-terminated table, may be NULL
    size_t priv_size;
    size_t stats_size; ///< default bytes map() writes per frame
    int (*init)(QcAnalyzerCtx *a, const QcTrackInfo *t);
    int (*map)(const QcAnalyzerCtx *a, const QcFrame *f, void *stats);
    int (*process)(QcAnalyzerCtx *a, const QcFrame *f, const void *stats);
    int (*finish)(QcAnalyzerCtx *a);  ///< closes intervals still open at end of stream
    void (*uninit)(QcAnalyzerCtx *a); ///< always called, even after a failed init
};

/**
 * Hands a finding to the engine; fills in nothing but the cap on repeated codes.
 * @return 0 or QC_ERR_NOMEM
 */
int qc_analyzer_emit(QcAnalyzerCtx *a, const QcFinding *f);

/** Samples → seconds at the track rate. */
static inline double qc_samples_to_seconds(const QcAnalyzerCtx *a, int64_t samples)
{
    return (double)samples / (double)a->track->sample_rate;
}

/** Seconds → samples at the track rate, rounded to nearest. */
int64_t qc_seconds_to_samples(const QcAnalyzerCtx *a, double seconds);

/** "L", or "channel 7" when the layout is unknown; writes into @p buf. */
const char *qc_channel_name(const QcAnalyzerCtx *a, int channel, char *buf, size_t size);

/** dBFS of a linear amplitude; -inf for 0. */
double qc_db(double amplitude);

#endif
