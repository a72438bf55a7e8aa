// SPDX-License-Identifier: MIT
/**
 * @file audio_source.h
 * Sequential PCM from a file: libsndfile for WAV/BWF/AIFF/W64/RF64, libavformat/libavcodec for
 * anything else FFmpeg opens. Samples come out interleaved float in [-1, 1).
 */
#ifndef QC_ENGINE_CODEC_AUDIO_SOURCE_H
#define QC_ENGINE_CODEC_AUDIO_SOURCE_H

#include <stdint.h>

#include "engine/core/error.h"
#include "engine/core/finding.h"
#include "engine/core/track.h"

typedef struct QcAudioSource QcAudioSource;

/** Implementation hooks; one per library. */
typedef struct QcAudioSourceOps {
    const char *name;
    /** @return frames read (0 at end of stream) or a negative QcErrorCode. */
    int (*read)(QcAudioSource *s, float *interleaved, int max_frames);
    void (*close)(QcAudioSource *s);
    /** Optional: findings only the end of the stream can tell. @return 0 or QC_ERR_NOMEM */
    int (*finish)(QcAudioSource *s);
    /** Optional: the next read starts at sample frame @p frame. @return 0, 1 past the end, or
     *  a negative QcErrorCode */
    int (*seek)(QcAudioSource *s, int64_t frame);
} QcAudioSourceOps;

struct QcAudioSource {
    const QcAudioSourceOps *ops;
    void *impl;
    struct QcFile *file; ///< the file the essence is read from (MXF backend), or NULL
    QcTrackInfo info;
    QcFindingList findings; ///< defects found by the reader (truncation, decode errors)
    unsigned cpu_flags;
    int64_t delivered;                                  ///< frames handed out so far
    int64_t nonfinite, nonfinite_first, nonfinite_last; ///< NaN/Inf samples replaced by 0
};

/**
 * Opens @p path with libsndfile, or with libavformat when libsndfile does not know it.
 * @return 0, QC_ERR_IO (missing, unreadable), QC_ERR_INVALID_DATA (not audio),
 *         QC_ERR_LIMIT (absurd channel count or rate), QC_ERR_UNSUPPORTED, QC_ERR_NOMEM.
 */
int qc_audio_source_open(QcAudioSource **out, const char *path, unsigned cpu_flags, QcError *err);

/** Reads up to @p max_frames frames. @return frames read, 0 at end, or a negative error. */
int qc_audio_source_read(QcAudioSource *s, float *interleaved, int max_frames);

/** Moves to sample frame @p frame (MXF track files: timeline checks read around splices).
 *  @return 0; 1 when @p frame is past the end; QC_ERR_UNSUPPORTED for sequential backends. */
int qc_audio_source_seek(QcAudioSource *s, int64_t frame);

/** Records what only the end of the stream can tell (non-finite samples) as findings.
 *  @return 0 or QC_ERR_NOMEM */
int qc_audio_source_finish(QcAudioSource *s);

/** Closes and sets *@p ps to NULL; NULL is fine. */
void qc_audio_source_close(QcAudioSource **ps);

/* Backends, tried in this order by qc_audio_source_open. Each returns QC_ERR_UNSUPPORTED when
 * the file is not of its kind, so the next one gets a chance. */
int qc_mxf_source_open(QcAudioSource *s, const char *path, QcError *err);
int qc_sndfile_source_open(QcAudioSource *s, const char *path, QcError *err);
int qc_lavf_source_open(QcAudioSource *s, const char *path, QcError *err);

/** Checks a RIFF/RF64 WAVE file's declared data size against the bytes present.
 *  @return the frames the header declares, or -1 when it does not say (or not WAVE). */
int64_t qc_wav_declared_frames(const char *path, int block_align);

#endif
