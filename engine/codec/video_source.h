// SPDX-License-Identifier: MIT
/**
 * @file video_source.h
 * Compressed pictures of a JPEG 2000 MXF track file (IMF AS-02 or OP1a), by edit unit. Reads
 * are pread-only on a file opened once, so any worker may read any frame.
 */
#ifndef QC_ENGINE_CODEC_VIDEO_SOURCE_H
#define QC_ENGINE_CODEC_VIDEO_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "engine/core/error.h"
#include "engine/core/finding.h"
#include "engine/core/track.h"
#include "engine/mxf/descriptors.h"
#include "engine/mxf/essence.h"
#include "engine/mxf/model.h"

#define QC_VIDEO_MAX_FRAME_BYTES (512 << 20) ///< larger than any IMF level allows per frame

typedef struct QcVideoSource {
    QcMxf *mxf;
    QcMxfModel model;
    QcMxfStream stream;
    QcMxfPictureInfo picture; ///< the descriptor the codestreams must agree with
    QcTrackInfo info;
    int64_t frames;         ///< edit units the index covers
    int has_sound;          ///< the file package also has a sound track (OP1a)
    QcFindingList findings; ///< structural defects (MXF_INVALID, MXF_NOT_IMF)
} QcVideoSource;

/**
 * Opens @p path when it is an MXF file whose essence is JPEG 2000 pictures.
 * @return 0; QC_ERR_UNSUPPORTED when it is not (another source may take it); QC_ERR_IO;
 *         QC_ERR_NOMEM.
 */
int qc_video_source_open(QcVideoSource **out, const char *path, QcError *err);

/**
 * Reads edit unit @p eu into *@p buf (grown as needed, up to QC_VIDEO_MAX_FRAME_BYTES).
 * @return 0; 1 when the file does not give this edit unit (@p why says why); QC_ERR_NOMEM;
 *         QC_ERR_IO.
 */
int qc_video_source_read(QcVideoSource *s, int64_t eu, uint8_t **buf, size_t *cap, size_t *size,
                         char *why, size_t why_size);

void qc_video_source_close(QcVideoSource **ps);

#endif
