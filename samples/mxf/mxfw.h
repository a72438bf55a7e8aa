// SPDX-License-Identifier: MIT
/**
 * @file mxfw.h
 * qc_mxf_writer: writes IMF (SMPTE ST 2067-5, "AS-02") track files for tests: clip-wrapped WAVE PCM
 * (ST 382) with MCA labels, and frame-wrapped JPEG 2000 (ST 422) with an RGBA descriptor. Also an OpenJPEG
 * encoder front end, a deterministic synthetic picture and codestream damage, so imfqc-synth can make
 * video track files with defects at known frames.
 *
 * The layout follows what asdcplib's AS-02 writer produces: a closed complete header partition at byte 0
 * (rewritten in place when the file is closed), essence in body partitions with BodySID 1, index table
 * segments in their own partitions after the essence (IndexSID 129), a complete footer and a RIP.
 * KAG is 1. Every identifier is derived from a seed, so the same settings give the same bytes.
 */
#ifndef QC_SAMPLES_MXF_MXFW_H
#define QC_SAMPLES_MXF_MXFW_H

#include <stddef.h>
#include <stdint.h>

/** Return codes: 0 or one of these negative values. */
enum {
    QC_MXFW_OK        = 0,
    QC_MXFW_ERR_INVAL = -1, ///< bad argument, or a call out of order
    QC_MXFW_ERR_IO    = -2, ///< the file could not be created, written or rewritten
    QC_MXFW_ERR_NOMEM = -3,
    QC_MXFW_ERR_CODEC = -4, ///< OpenJPEG refused the picture, or a codestream header is unusable
};

#define QC_MXFW_MAX_CHANNELS 16

/** Why the last call failed, in words; filled by every function that takes one (may be NULL). */
typedef struct QcMxfwErr {
    char msg[256];
} QcMxfwErr;

typedef struct QcMxfwRational {
    int32_t num, den;
} QcMxfwRational;

/* ---------------------------------------------------------------------------------------------- */
/* Clip-wrapped WAVE PCM */

/** Soundfield groups; the channel order inside the file is the order listed. */
typedef enum QcMxfwAudioLayout {
    QC_MXFW_LAYOUT_MONO,   ///< sgM: C (the ST 428-12 monaural group has the centre channel)
    QC_MXFW_LAYOUT_STEREO, ///< sgST: L R
    QC_MXFW_LAYOUT_51,     ///< sg51: L R C LFE Ls Rs
    QC_MXFW_LAYOUT_71DS,   ///< sg71 (7.1DS): L R C LFE Lss Rss Lrs Rrs
} QcMxfwAudioLayout;

/** @return the channel count of a layout, 0 if unknown. */
int qc_mxfw_layout_channels(QcMxfwAudioLayout layout);
/** @return the MCA tag symbol of channel ch ("chL", ...), or NULL outside the layout. */
const char *qc_mxfw_layout_symbol(QcMxfwAudioLayout layout, int ch);

/** Deliberately broken MCA labelling, for tests of the channel-mapping rules. */
typedef enum QcMxfwMcaDefect {
    QC_MXFW_MCA_OK,
    QC_MXFW_MCA_MISSING_CHANNEL, ///< the last channel has no label
    QC_MXFW_MCA_DUPLICATE_ID,    ///< the last channel reuses the first channel's MCAChannelID
    QC_MXFW_MCA_BROKEN_LINK,     ///< the last channel links to a soundfield group that is not there
    QC_MXFW_MCA_NO_GROUP,        ///< no soundfield group label
    QC_MXFW_MCA_WRONG_GROUP,     ///< the group's symbol names another layout (sg71 for 5.1, …)
    QC_MXFW_MCA_NO_ASSIGNMENT,   ///< the descriptor has no ChannelAssignment
} QcMxfwMcaDefect;

typedef struct QcMxfwAudioSettings {
    const char       *path;
    int               sample_rate;    ///< Hz: 48000 or 96000 (IMF); 24-bit samples always
    QcMxfwAudioLayout layout;
    const char       *language;       ///< RFC 5646 tag for the soundfield group, e.g. "en"; NULL = "en"
    const char       *title;          ///< MCATitle; NULL = "imfqc synthetic programme"
    QcMxfwRational    ref_edit_rate;  ///< ReferenceImageEditRate; 0/0 = 24/1
    int               alignment_dbfs; ///< ReferenceAudioAlignmentLevel, dBFS (e.g. -20)
    uint64_t          seed;           ///< derives every UUID and UMID
    int64_t           timestamp;      ///< creation time, seconds since 1970 (UTC); 0 = 2020-01-01
    QcMxfwMcaDefect   mca_defect;     ///< QC_MXFW_MCA_OK for a conforming file
} QcMxfwAudioSettings;

typedef struct QcMxfwAudio QcMxfwAudio;

/** Fills the defaults: 48 kHz, 5.1, "en", -20 dBFS alignment, seed 1. */
void qc_mxfw_audio_default_settings(QcMxfwAudioSettings *s);

/**
 * Create the file and write the header, the body partition and the clip KL (its length is patched on close).
 * @return 0, QC_MXFW_ERR_INVAL, QC_MXFW_ERR_IO or QC_MXFW_ERR_NOMEM.
 */
int qc_mxfw_audio_open(QcMxfwAudio **out, const QcMxfwAudioSettings *s, QcMxfwErr *err);
/**
 * Append interleaved sample frames: 3 bytes little-endian per sample, channels in layout order.
 * @param frames number of sample frames (bytes = frames x channels x 3)
 * @return 0 or QC_MXFW_ERR_IO.
 */
int qc_mxfw_audio_write(QcMxfwAudio *w, const uint8_t *pcm24, size_t frames, QcMxfwErr *err);
/**
 * Patch the clip length, write the index partition, footer and RIP, rewrite the header and close.
 * Sets *w to NULL. Always frees, even on failure.
 * @return 0, QC_MXFW_ERR_IO or QC_MXFW_ERR_NOMEM.
 */
int qc_mxfw_audio_close(QcMxfwAudio **w, QcMxfwErr *err);

/* ---------------------------------------------------------------------------------------------- */
/* Frame-wrapped JPEG 2000 */

typedef struct QcMxfwVideoSettings {
    const char    *path;
    QcMxfwRational edit_rate;        ///< frames per second, e.g. 24/1
    int            partition_frames; ///< frames per body partition; 0 = 10 s worth
    uint64_t       seed;             ///< derives every UUID and UMID
    int64_t        timestamp;        ///< creation time, seconds since 1970 (UTC); 0 = 2020-01-01
    /** Codestream whose main header fills the JPEG 2000 sub-descriptor; NULL = the first frame written.
     *  Lets a caller describe the clean stream when the first frame it writes is deliberately damaged. */
    const uint8_t *ref_codestream;
    size_t         ref_size;         ///< bytes
} QcMxfwVideoSettings;

typedef struct QcMxfwVideo QcMxfwVideo;

/** Fills the defaults: 24/1, partitions every 10 s, seed 1. */
void qc_mxfw_video_default_settings(QcMxfwVideoSettings *s);

/**
 * Create the file. The header is written with the first frame, once a codestream header is known.
 * @return 0, QC_MXFW_ERR_INVAL, QC_MXFW_ERR_IO or QC_MXFW_ERR_NOMEM.
 */
int qc_mxfw_video_open(QcMxfwVideo **out, const QcMxfwVideoSettings *s, QcMxfwErr *err);
/**
 * Append one frame (one KLV). The bytes are written as given, damaged or not.
 * @return 0, QC_MXFW_ERR_INVAL (empty frame), QC_MXFW_ERR_CODEC (the describing codestream has no usable
 *         SIZ/COD/QCD), QC_MXFW_ERR_IO or QC_MXFW_ERR_NOMEM.
 */
int qc_mxfw_video_write(QcMxfwVideo *w, const uint8_t *codestream, size_t size, QcMxfwErr *err);
/**
 * Write the last index partition, footer and RIP, rewrite the header and close. Sets *w to NULL.
 * @return 0, QC_MXFW_ERR_INVAL (no frame was written), QC_MXFW_ERR_IO or QC_MXFW_ERR_NOMEM.
 */
int qc_mxfw_video_close(QcMxfwVideo **w, QcMxfwErr *err);

/* ---------------------------------------------------------------------------------------------- */
/* JPEG 2000 codestreams */

/** The main-header fields an MXF JPEG 2000 sub-descriptor repeats. */
typedef struct QcMxfwJ2kInfo {
    uint16_t rsiz;
    uint32_t xsiz, ysiz, xosiz, yosiz, xtsiz, ytsiz, xtosiz, ytosiz;
    uint16_t csiz;
    uint8_t  ssiz[4], xrsiz[4], yrsiz[4]; ///< per component (first 4); Ssiz = depth - 1, bit 7 signed
    uint8_t  cod[128];                    ///< COD segment body from Scod (no marker, no Lcod)
    size_t   cod_size;
    uint8_t  qcd[256];                    ///< QCD segment body from Sqcd
    size_t   qcd_size;
} QcMxfwJ2kInfo;

/**
 * Read SIZ, COD and QCD from the main header (the markers up to the first SOT).
 * @return 0 or QC_MXFW_ERR_CODEC (no SOC, a segment runs past the end, or SIZ/COD/QCD missing).
 */
int qc_mxfw_j2k_parse(const uint8_t *cs, size_t size, QcMxfwJ2kInfo *info, QcMxfwErr *err);

/** The PictureEssenceCoding label for a codestream's Rsiz (IMF, broadcast and DCI profiles; else generic). */
void qc_mxfw_j2k_coding_ul(uint16_t rsiz, uint8_t ul[16]);

/** A planar picture: one plane per component, samples right-aligned in uint16_t. */
typedef struct QcMxfwPicture {
    int             width, height; ///< pixels
    int             bits;          ///< 8..16
    int             planes;        ///< 1 or 3 (R G B)
    const uint16_t *plane[3];
    size_t          stride;        ///< samples per row
} QcMxfwPicture;

typedef struct QcMxfwJ2kParams {
    int            lossless;   ///< 1: reversible 5/3 + RCT; 0: irreversible 9/7 + ICT
    double         ratio;      ///< lossy compression ratio (e.g. 10); 0 = OpenJPEG's default
    int            imf;        ///< 1: ask for the IMF 2K/4K/8K profile in Rsiz when the size allows
    QcMxfwRational edit_rate;  ///< to pick the IMF main level (samples per second); 0/0 = 24/1
} QcMxfwJ2kParams;

/**
 * Encode a picture into a raw JPEG 2000 codestream (CPRL, 32x32 code-blocks, one layer) in memory.
 * OpenJPEG's messages stay quiet unless the encode fails (its error then lands in err).
 * If OpenJPEG refuses the IMF profile (tiny pictures), Rsiz falls back to 0; parse the result to see which.
 * @param out receives a malloc'ed buffer the caller frees
 * @return 0, QC_MXFW_ERR_INVAL, QC_MXFW_ERR_NOMEM or QC_MXFW_ERR_CODEC.
 */
int qc_mxfw_j2k_encode(const QcMxfwPicture *pic, const QcMxfwJ2kParams *p, uint8_t **out, size_t *size,
                       QcMxfwErr *err);

/** Damage kinds for test codestreams. */
typedef enum QcMxfwDamage {
    QC_MXFW_DAMAGE_HEADER,   ///< the main header (SOC to the first SOT) overwritten with zeros
    QC_MXFW_DAMAGE_TRUNCATE, ///< cut inside the tile data: no EOC
    QC_MXFW_DAMAGE_PSOT,     ///< the first tile-part's Psot points past the end of the codestream
    QC_MXFW_DAMAGE_GARBAGE,  ///< a run of tile-data bytes replaced by pseudo-random bytes
} QcMxfwDamage;

/** @return 0 and the kind for "header", "truncate", "psot" or "garbage", else QC_MXFW_ERR_INVAL. */
int qc_mxfw_damage_parse(const char *name, QcMxfwDamage *out);
/**
 * Damage a codestream in place; it may get shorter (*size is updated), never longer.
 * @param seed chooses the garbage bytes
 * @return 0, or QC_MXFW_ERR_CODEC if the codestream has no SOT to aim at.
 */
int qc_mxfw_damage_apply(uint8_t *cs, size_t *size, QcMxfwDamage kind, uint64_t seed);

/* ---------------------------------------------------------------------------------------------- */
/* Synthetic pictures */

typedef struct QcMxfwSceneParams {
    int      width, height; ///< pixels
    int      bits;          ///< 8..16
    uint64_t seed;          ///< noise and shape colours
} QcMxfwSceneParams;

/**
 * Render a moving test picture into three planes of width x height samples: a gradient background, two
 * shapes moving at different speeds and a little noise. Deterministic in (params, scene, t).
 * @param scene 0, 1, ...: each scene has its own colours and layout, so a scene change is a hard cut
 * @param t     animation time, frames; the noise also depends on it
 */
void qc_mxfw_scene_render(const QcMxfwSceneParams *p, int scene, int64_t t, uint16_t *rgb[3]);

#endif /* QC_SAMPLES_MXF_MXFW_H */
