// SPDX-License-Identifier: MIT
/**
 * @file track.h
 * What the engine knows of a track file before it reads the essence.
 */
#ifndef QC_ENGINE_CORE_TRACK_H
#define QC_ENGINE_CORE_TRACK_H

#include <stdint.h>

#define QC_MAX_CHANNELS 256 ///< more than any delivery format carries (IAB beds aside)
#define QC_MAX_SAMPLE_RATE 768000

typedef enum QcMediaKind {
    QC_MEDIA_AUDIO = 1,
    QC_MEDIA_VIDEO = 2,
    QC_MEDIA_TRACK = 4, ///< metadata only: receives no frames
} QcMediaKind;

/** Loudspeaker labels, named as SMPTE ST 428-12 / ST 2067-8 channel symbols. */
typedef enum QcChannelLabel {
    QC_CH_UNKNOWN = 0,
    QC_CH_L,
    QC_CH_R,
    QC_CH_C,
    QC_CH_LFE,
    QC_CH_LS,
    QC_CH_RS,
    QC_CH_LSS,
    QC_CH_RSS,
    QC_CH_LRS,
    QC_CH_RRS,
    QC_CH_LC,
    QC_CH_RC,
    QC_CH_CS,
    QC_CH_M,
    QC_CH_LT,
    QC_CH_RT,
    QC_CH_TOP, ///< any height channel
    QC_CH_LABEL_COUNT
} QcChannelLabel;

/** "L", "LFE", … ; NULL for QC_CH_UNKNOWN. */
const char *qc_channel_label_name(QcChannelLabel l);

/** Fills @p labels with the conventional layout for @p channels (WAVE order), when there is one.
 *  @return 1 when a layout was assumed, 0 when the labels stay unknown. */
int qc_channel_default_layout(int channels, QcChannelLabel *labels);

typedef struct QcTrackInfo {
    QcMediaKind kind;
    int32_t rate_num, rate_den; ///< video: frame rate (edit rate)
    int width, height;          ///< video: stored picture size, pixels
    int full_range;             ///< video: 1 RGB / full-range, 0 narrow-range luma
    int decode_reduce;          ///< video: resolution levels discarded (fast mode), 0 = full
    int sample_rate;            ///< Hz
    int channels;
    int bits;           ///< bits per stored sample (0 when not PCM)
    int is_float;       ///< stored samples are floating point
    int64_t duration;   ///< samples at the track rate, or -1 when the container does not say
    char codec[32];     ///< "pcm_s24le", or the FFmpeg codec name
    char container[32]; ///< "wav", "aiff", "w64", or the FFmpeg format name
    QcChannelLabel labels[QC_MAX_CHANNELS];
    int labels_from_file;        ///< 1: the file declares the layout; 0: assumed from the count
    const struct QcMcaInfo *mca; ///< MXF: the MCA labels as written, owned by the source; or NULL
    char id[48]; ///< the file's own id ("urn:uuid:…", the IMF track file id), or ""
} QcTrackInfo;

/** Seconds from the start of the track file to edit unit @p eu (samples for audio, frames for
 *  video); NaN when the rate is unknown. */
double qc_track_seconds(const QcTrackInfo *t, int64_t eu);

#endif
