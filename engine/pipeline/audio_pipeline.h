// SPDX-License-Identifier: MIT
/**
 * @file audio_pipeline.h
 * Streams a PCM source through the analyzers in 100 ms blocks: a window of blocks is read in
 * order, map() runs on the workers, then each analyzer's process() sees the blocks strictly in
 * order. Memory is bounded by the window, whatever the duration; results do not depend on the
 * number of threads.
 */
#ifndef QC_ENGINE_PIPELINE_AUDIO_PIPELINE_H
#define QC_ENGINE_PIPELINE_AUDIO_PIPELINE_H

#include <signal.h>
#include <stdint.h>

#include "analyzers/analyzer.h"
#include "engine/codec/audio_source.h"
#include "engine/core/error.h"

typedef struct QcAudioPipelineSettings {
    int threads; ///< workers, ≥ 1
    unsigned cpu_flags;
    const volatile sig_atomic_t *cancel; ///< non-zero stops the run between windows; may be NULL
    /** Called after each window with samples done and the total (-1 when unknown). */
    void (*progress)(void *opaque, int64_t done, int64_t total);
    void *opaque;
} QcAudioPipelineSettings;

/**
 * Runs @p n analyzers over @p src. Analyzers' init must have run.
 * @param[out] samples_read samples per channel delivered
 * @return 0, QC_ERR_CANCELLED (partial results are valid up to @p samples_read), QC_ERR_NOMEM,
 *         QC_ERR_IO, or the first error an analyzer returned.
 */
int qc_audio_pipeline_run(QcAudioSource *src, QcAnalyzerCtx *const *ctx, int n,
                          const QcAudioPipelineSettings *s, int64_t *samples_read, QcError *err);

#endif
