// SPDX-License-Identifier: MIT
/**
 * @file lavf_video.h
 * Pictures of anything libavformat/libavcodec decode (ProRes MOV for hybrid ingest, …) as luma
 * thumbnails, in order. FFmpeg decodes; the decoder's own threads keep the cores busy.
 */
#ifndef QC_ENGINE_CODEC_LAVF_VIDEO_H
#define QC_ENGINE_CODEC_LAVF_VIDEO_H

#include <stdint.h>

#include "engine/codec/j2k_decode.h"
#include "engine/core/error.h"
#include "engine/core/finding.h"
#include "engine/core/track.h"

typedef struct QcLavfVideo QcLavfVideo;

/**
 * Opens the best video stream of @p path (JPEG 2000 in MXF is left to the engine's own reader).
 * @return 0; QC_ERR_UNSUPPORTED when there is no video stream FFmpeg decodes; QC_ERR_NOMEM.
 */
int qc_lavf_video_open(QcLavfVideo **out, const char *path, int threads, QcError *err);

const QcTrackInfo *qc_lavf_video_info(const QcLavfVideo *v);

/**
 * Decodes the next picture into an 8-bit luma thumbnail of at most @p max_side pixels a side.
 * @param[out] eu its edit unit (frame number from the start)
 * @param msg why it could not be decoded, when it could not (the picture is then missing)
 * @return 1 with a picture, 2 when this frame failed to decode, 0 at the end, or an error.
 */
int qc_lavf_video_next(QcLavfVideo *v, uint8_t *thumb, int max_side, int *tw, int *th, int64_t *eu,
                       char *msg, int msg_size);

/**
 * Seeks to edit unit @p eu (frames from the start, counted at the stream's frame rate) and
 * decodes it into @p pic: int32 planes at the format's depth, as the JPEG 2000 decoder gives
 * them, for report pictures. Only for constant-rate streams; the sequential reads of
 * qc_lavf_video_next must not continue afterwards.
 * @param[out] rgb 1 when the planes are R, G, B
 * @return 0 with a picture to release with qc_lavf_picture_free; 1 when the frame cannot be
 *         found or decoded; QC_ERR_NOMEM
 */
int qc_lavf_video_picture_at(QcLavfVideo *v, int64_t eu, QcPicture *pic, int *rgb);

void qc_lavf_picture_free(QcPicture *pic);

void qc_lavf_video_close(QcLavfVideo **pv);

#endif
