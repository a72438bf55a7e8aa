// SPDX-License-Identifier: MIT
/**
 * @file video_pipeline.h
 * Frame-parallel picture inspection (design.md §6): a window of W = 2 × threads edit units is
 * read, checked and decoded on the workers — one OpenJPEG decode per frame, each frame decoded
 * once — then every analyzer's process() sees the frames strictly in edit-unit order while the
 * next window decodes. Memory is bounded by the window; reports do not depend on the threads.
 */
#ifndef QC_ENGINE_PIPELINE_VIDEO_PIPELINE_H
#define QC_ENGINE_PIPELINE_VIDEO_PIPELINE_H

#include <signal.h>
#include <stdint.h>

#include "analyzers/analyzer.h"
#include "engine/codec/lavf_video.h"
#include "engine/codec/video_source.h"

#define QC_THUMB_MAX 480 ///< longest side of the analyzers' luma thumbnail, pixels

typedef struct QcVideoPipelineSettings {
    int threads;
    unsigned cpu_flags;
    int fast; ///< decode at reduced resolution for the analyzers
    const volatile sig_atomic_t *cancel;
    void (*progress)(void *opaque, int64_t done, int64_t total);
    void *opaque;
} QcVideoPipelineSettings;

/**
 * Runs @p n analyzers over every edit unit of @p src.
 * @param[out] frames_done edit units delivered to the analyzers
 * @return 0, QC_ERR_CANCELLED, QC_ERR_NOMEM, QC_ERR_IO, or an analyzer's error.
 */
int qc_video_pipeline_run(QcVideoSource *src, QcAnalyzerCtx *const *ctx, int n,
                          const QcVideoPipelineSettings *s, int64_t *frames_done, QcError *err);

/** The same analyzers over pictures FFmpeg decodes (non-IMF masters), in order. */
int qc_lavf_video_pipeline_run(QcLavfVideo *src, QcAnalyzerCtx *const *ctx, int n,
                               const QcVideoPipelineSettings *s, int64_t *frames_done,
                               QcError *err);

#endif
