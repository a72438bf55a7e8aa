// SPDX-License-Identifier: MIT
/* Internals of qc_mxf_writer: byte buffers, the property dictionary, header-metadata sets, partitions. */
#ifndef QC_SAMPLES_MXF_MXFW_INT_H
#define QC_SAMPLES_MXF_MXFW_INT_H

#include <stdio.h>

#include "mxfw.h"

/* ---------------------------------------------------------------------------------------------- */
/* Growable byte buffer; an allocation failure sticks in `oom` and later appends are dropped. */

typedef struct QcMxfwBuf {
    uint8_t *p;
    size_t   len, cap;
    int      oom;
} QcMxfwBuf;

void qc_mxfw_buf_free(QcMxfwBuf *b);
void qc_mxfw_buf_bytes(QcMxfwBuf *b, const void *p, size_t n);
void qc_mxfw_buf_zeros(QcMxfwBuf *b, size_t n);
void qc_mxfw_buf_u8(QcMxfwBuf *b, unsigned v);
void qc_mxfw_buf_u16(QcMxfwBuf *b, unsigned v);
void qc_mxfw_buf_u32(QcMxfwBuf *b, uint32_t v);
void qc_mxfw_buf_u64(QcMxfwBuf *b, uint64_t v);
/** A 4-byte BER length (0x83 + 3 bytes), the size asdcplib uses for packs and sets. */
void qc_mxfw_buf_ber4(QcMxfwBuf *b, uint32_t v);
void qc_mxfw_put_be(uint8_t *p, uint64_t v, int bytes);

/* ---------------------------------------------------------------------------------------------- */
/* Keys and labels (dict.c) */

extern const uint8_t qc_mxfw_key_primer[16];
extern const uint8_t qc_mxfw_key_rip[16];
extern const uint8_t qc_mxfw_key_fill[16];
extern const uint8_t qc_mxfw_key_index[16];
extern const uint8_t qc_mxfw_key_wave_clip[16];  ///< essence element, TrackNumber 0x16010201
extern const uint8_t qc_mxfw_key_j2k_frame[16];  ///< essence element, TrackNumber 0x15010801
extern const uint8_t qc_mxfw_op1a[16];
extern const uint8_t qc_mxfw_ec_wave_clip[16];
extern const uint8_t qc_mxfw_ec_j2k_p1[16];
extern const uint8_t qc_mxfw_ddef_picture[16];
extern const uint8_t qc_mxfw_ddef_sound[16];
extern const uint8_t qc_mxfw_imf_channel_assignment[16];
extern const uint8_t qc_mxfw_bt709_primaries[16];
extern const uint8_t qc_mxfw_bt709_transfer[16];
extern const uint8_t qc_mxfw_bt709_coding[16];

/** Partition pack key: kind 2 header, 3 body, 4 footer; status 4 closed complete. */
void qc_mxfw_partition_key(uint8_t key[16], unsigned kind, unsigned status);

typedef enum QcMxfwSetKind {
    QC_MXFW_SET_PREFACE, QC_MXFW_SET_IDENTIFICATION, QC_MXFW_SET_CONTENT_STORAGE, QC_MXFW_SET_ECD,
    QC_MXFW_SET_MATERIAL_PACKAGE, QC_MXFW_SET_SOURCE_PACKAGE, QC_MXFW_SET_TRACK, QC_MXFW_SET_SEQUENCE,
    QC_MXFW_SET_SOURCE_CLIP, QC_MXFW_SET_RGBA, QC_MXFW_SET_WAVE, QC_MXFW_SET_J2K_SUB,
    QC_MXFW_SET_CHANNEL_LABEL, QC_MXFW_SET_SOUNDFIELD_LABEL,
} QcMxfwSetKind;

void qc_mxfw_set_key(uint8_t key[16], QcMxfwSetKind kind);

/** Every property the writer emits. Static tags come from the ST 377-1 table; the rest get dynamic tags. */
typedef enum QcMxfwProp {
    QC_MXFW_P_INSTANCE_UID,
    /* Preface */
    QC_MXFW_P_LAST_MODIFIED, QC_MXFW_P_VERSION, QC_MXFW_P_OBJECT_MODEL_VERSION, QC_MXFW_P_PRIMARY_PACKAGE,
    QC_MXFW_P_IDENTIFICATIONS, QC_MXFW_P_CONTENT_STORAGE, QC_MXFW_P_OPERATIONAL_PATTERN,
    QC_MXFW_P_ESSENCE_CONTAINERS, QC_MXFW_P_DM_SCHEMES,
    /* Identification */
    QC_MXFW_P_THIS_GENERATION_UID, QC_MXFW_P_COMPANY_NAME, QC_MXFW_P_PRODUCT_NAME, QC_MXFW_P_PRODUCT_VERSION,
    QC_MXFW_P_VERSION_STRING, QC_MXFW_P_PRODUCT_UID, QC_MXFW_P_MODIFICATION_DATE, QC_MXFW_P_TOOLKIT_VERSION,
    QC_MXFW_P_PLATFORM,
    /* ContentStorage, EssenceContainerData */
    QC_MXFW_P_PACKAGES, QC_MXFW_P_ESSENCE_DATA, QC_MXFW_P_LINKED_PACKAGE_UID, QC_MXFW_P_INDEX_SID,
    QC_MXFW_P_BODY_SID,
    /* Packages, tracks, components */
    QC_MXFW_P_PACKAGE_UID, QC_MXFW_P_PACKAGE_NAME, QC_MXFW_P_CREATION_DATE, QC_MXFW_P_MODIFIED_DATE,
    QC_MXFW_P_TRACKS, QC_MXFW_P_DESCRIPTOR, QC_MXFW_P_TRACK_ID, QC_MXFW_P_TRACK_NUMBER, QC_MXFW_P_TRACK_NAME,
    QC_MXFW_P_SEQUENCE, QC_MXFW_P_EDIT_RATE, QC_MXFW_P_ORIGIN, QC_MXFW_P_DATA_DEFINITION, QC_MXFW_P_DURATION,
    QC_MXFW_P_STRUCTURAL_COMPONENTS, QC_MXFW_P_START_POSITION, QC_MXFW_P_SOURCE_PACKAGE_ID,
    QC_MXFW_P_SOURCE_TRACK_ID,
    /* File descriptors */
    QC_MXFW_P_SUB_DESCRIPTORS, QC_MXFW_P_LINKED_TRACK_ID, QC_MXFW_P_SAMPLE_RATE, QC_MXFW_P_CONTAINER_DURATION,
    QC_MXFW_P_ESSENCE_CONTAINER,
    /* Picture */
    QC_MXFW_P_FRAME_LAYOUT, QC_MXFW_P_STORED_WIDTH, QC_MXFW_P_STORED_HEIGHT, QC_MXFW_P_SAMPLED_WIDTH,
    QC_MXFW_P_SAMPLED_HEIGHT, QC_MXFW_P_DISPLAY_WIDTH, QC_MXFW_P_DISPLAY_HEIGHT, QC_MXFW_P_ASPECT_RATIO,
    QC_MXFW_P_VIDEO_LINE_MAP, QC_MXFW_P_TRANSFER_CHARACTERISTIC, QC_MXFW_P_PICTURE_ESSENCE_CODING,
    QC_MXFW_P_CODING_EQUATIONS, QC_MXFW_P_COLOR_PRIMARIES, QC_MXFW_P_COMPONENT_MAX_REF,
    QC_MXFW_P_COMPONENT_MIN_REF, QC_MXFW_P_PIXEL_LAYOUT,
    /* Sound */
    QC_MXFW_P_AUDIO_SAMPLING_RATE, QC_MXFW_P_LOCKED, QC_MXFW_P_CHANNEL_COUNT, QC_MXFW_P_QUANTIZATION_BITS,
    QC_MXFW_P_REF_IMAGE_EDIT_RATE, QC_MXFW_P_REF_AUDIO_ALIGNMENT, QC_MXFW_P_BLOCK_ALIGN, QC_MXFW_P_AVG_BPS,
    QC_MXFW_P_CHANNEL_ASSIGNMENT,
    /* JPEG 2000 sub-descriptor */
    QC_MXFW_P_RSIZ, QC_MXFW_P_XSIZ, QC_MXFW_P_YSIZ, QC_MXFW_P_XOSIZ, QC_MXFW_P_YOSIZ, QC_MXFW_P_XTSIZ,
    QC_MXFW_P_YTSIZ, QC_MXFW_P_XTOSIZ, QC_MXFW_P_YTOSIZ, QC_MXFW_P_CSIZ, QC_MXFW_P_COMPONENT_SIZING,
    QC_MXFW_P_CODING_STYLE_DEFAULT, QC_MXFW_P_QUANTIZATION_DEFAULT, QC_MXFW_P_J2C_LAYOUT,
    /* MCA labels */
    QC_MXFW_P_MCA_CHANNEL_ID, QC_MXFW_P_MCA_LABEL_DICTIONARY_ID, QC_MXFW_P_MCA_TAG_SYMBOL,
    QC_MXFW_P_MCA_TAG_NAME, QC_MXFW_P_MCA_LINK_ID, QC_MXFW_P_MCA_TITLE, QC_MXFW_P_MCA_TITLE_VERSION,
    QC_MXFW_P_RFC5646_LANGUAGE, QC_MXFW_P_MCA_AUDIO_CONTENT_KIND, QC_MXFW_P_MCA_AUDIO_ELEMENT_KIND,
    QC_MXFW_P_SOUNDFIELD_GROUP_LINK_ID,
    QC_MXFW_P_COUNT
} QcMxfwProp;

typedef struct QcMxfwPropDef {
    uint8_t  ul[16];
    uint16_t tag; ///< static local tag, 0 = dynamic
} QcMxfwPropDef;

extern const QcMxfwPropDef qc_mxfw_props[QC_MXFW_P_COUNT];

/* ---------------------------------------------------------------------------------------------- */
/* Header metadata: sets plus the primer that names their tags (meta.c) */

typedef struct QcMxfwMeta {
    QcMxfwBuf sets;                    ///< the sets, in write order
    uint16_t  tag[QC_MXFW_P_COUNT];    ///< local tag of each property used so far, 0 = not used
    uint8_t   order[QC_MXFW_P_COUNT];  ///< properties in first-use order (the primer's order)
    int       nused;
    unsigned  next_dynamic;            ///< next dynamic tag to hand out, counting down from 0xffff
    size_t    set_start, item_start;   ///< byte positions of the open set and item
} QcMxfwMeta;

void qc_mxfw_meta_reset(QcMxfwMeta *m);
void qc_mxfw_meta_free(QcMxfwMeta *m);
/** Open a set and write its InstanceUID. Sets use 2-byte tags, 2-byte lengths and a 4-byte BER length. */
void qc_mxfw_set_begin(QcMxfwMeta *m, QcMxfwSetKind kind, const uint8_t uid[16]);
void qc_mxfw_set_end(QcMxfwMeta *m);
/** Drop the open set, as if it had never been begun (its tags stay in the primer). */
void qc_mxfw_set_discard(QcMxfwMeta *m);
void qc_mxfw_item_begin(QcMxfwMeta *m, QcMxfwProp prop);
void qc_mxfw_item_end(QcMxfwMeta *m);
void qc_mxfw_put_u8(QcMxfwMeta *m, QcMxfwProp prop, unsigned v);
void qc_mxfw_put_u16(QcMxfwMeta *m, QcMxfwProp prop, unsigned v);
void qc_mxfw_put_u32(QcMxfwMeta *m, QcMxfwProp prop, uint32_t v);
void qc_mxfw_put_u64(QcMxfwMeta *m, QcMxfwProp prop, uint64_t v);
void qc_mxfw_put_rational(QcMxfwMeta *m, QcMxfwProp prop, QcMxfwRational r);
void qc_mxfw_put_bytes(QcMxfwMeta *m, QcMxfwProp prop, const uint8_t *p, size_t n);
void qc_mxfw_put_timestamp(QcMxfwMeta *m, QcMxfwProp prop, int64_t unix_seconds);
/** UTF-16BE, no terminator; the input is ASCII. */
void qc_mxfw_put_utf16(QcMxfwMeta *m, QcMxfwProp prop, const char *s);
/** An array or batch of 16-byte values (UUIDs, ULs, strong references). */
void qc_mxfw_put_array16(QcMxfwMeta *m, QcMxfwProp prop, const uint8_t (*v)[16], uint32_t n);
/** The primer pack KLV for every property used: static tags as registered, dynamic ones as assigned. */
void qc_mxfw_meta_primer(const QcMxfwMeta *m, QcMxfwBuf *out);

/* ---------------------------------------------------------------------------------------------- */
/* Identifiers (meta.c) */

/** Slots of the deterministic UUIDs; each file uses one seed, each object its own slot. */
enum {
    QC_MXFW_ID_PREFACE = 1, QC_MXFW_ID_IDENT, QC_MXFW_ID_GENERATION, QC_MXFW_ID_STORAGE, QC_MXFW_ID_ECD,
    QC_MXFW_ID_MP, QC_MXFW_ID_MP_TRACK, QC_MXFW_ID_MP_SEQ, QC_MXFW_ID_MP_CLIP,
    QC_MXFW_ID_FP, QC_MXFW_ID_FP_TRACK, QC_MXFW_ID_FP_SEQ, QC_MXFW_ID_FP_CLIP,
    QC_MXFW_ID_DESC, QC_MXFW_ID_TRACK_FILE, QC_MXFW_ID_MATERIAL,
    QC_MXFW_ID_SUB = 64,    ///< + n: sub-descriptors
    QC_MXFW_ID_LINK = 128,  ///< + n: MCA link IDs
    QC_MXFW_ID_INDEX = 256, ///< + n: index table segments
};

/** A version-4-shaped UUID from (seed, slot). */
void qc_mxfw_uuid(uint64_t seed, uint32_t slot, uint8_t out[16]);
/** SMPTE UMID for IMF: prefix 06.0a.2b.34.01.01.01.05.01.01.0f.20.13.00.00.00 + material number. */
void qc_mxfw_umid(const uint8_t material[16], uint8_t out[32]);

/* ---------------------------------------------------------------------------------------------- */
/* Structural metadata shared by both track-file kinds (header.c) */

typedef struct QcMxfwTrackInfo {
    uint64_t       seed;
    int64_t        timestamp;    ///< seconds since 1970
    QcMxfwRational edit_rate;
    int64_t        duration;     ///< edit units
    uint32_t       track_number; ///< essence key bytes 12..15
    const uint8_t *data_def;
    const uint8_t *ec;           ///< essence container label
    /** Writes the descriptor (InstanceUID slot QC_MXFW_ID_DESC, LinkedTrackID QC_MXFW_FP_TRACK_ID) and its
     *  sub-descriptors. */
    void         (*descriptor)(QcMxfwMeta *m, const void *ctx, int64_t duration);
    const void    *ctx;
} QcMxfwTrackInfo;

#define QC_MXFW_MP_TRACK_ID 1
#define QC_MXFW_FP_TRACK_ID 2
#define QC_MXFW_BODY_SID    1
#define QC_MXFW_INDEX_SID   129

/** Build the whole header metadata: Preface ... SourcePackage, then the descriptor. */
void qc_mxfw_header_build(QcMxfwMeta *m, const QcMxfwTrackInfo *t);

/* ---------------------------------------------------------------------------------------------- */
/* The file: partitions, header rewrite, footer and RIP (file.c) */

typedef struct QcMxfwPartition {
    uint64_t offset;       ///< ThisPartition
    uint64_t body_offset;  ///< BodyOffset
    uint64_t header_bytes; ///< HeaderByteCount
    uint64_t index_bytes;  ///< IndexByteCount
    uint32_t body_sid, index_sid;
    uint8_t  kind;         ///< 2 header, 3 body, 4 footer
} QcMxfwPartition;

typedef struct QcMxfwFile {
    FILE            *f;
    uint64_t         pos;         ///< bytes written so far = current offset
    QcMxfwPartition *part;
    size_t           nparts, cap;
    const uint8_t   *ec;          ///< the single essence container label
    uint64_t         header_size; ///< header partition bytes (pack, primer, sets, fill)
} QcMxfwFile;

/** @return 0, QC_MXFW_ERR_IO. */
int qc_mxfw_file_open(QcMxfwFile *f, const char *path, const uint8_t *ec, QcMxfwErr *err);
/** @return 0 or QC_MXFW_ERR_IO. */
int qc_mxfw_file_write(QcMxfwFile *f, const void *p, size_t n, QcMxfwErr *err);
/** Write the header partition at byte 0 (reserving room), or rewrite it in place when final is set.
 *  @return 0, QC_MXFW_ERR_IO, QC_MXFW_ERR_NOMEM or QC_MXFW_ERR_INVAL (the rewrite changed size). */
int qc_mxfw_file_header(QcMxfwFile *f, const QcMxfwMeta *m, int final, QcMxfwErr *err);
/** Overwrite n bytes at `at` (a length placeholder) and come back to the end. @return 0 or QC_MXFW_ERR_IO. */
int qc_mxfw_file_patch(QcMxfwFile *f, uint64_t at, const void *p, size_t n, QcMxfwErr *err);
/** Append a closed complete body partition pack. @return 0, QC_MXFW_ERR_IO or QC_MXFW_ERR_NOMEM. */
int qc_mxfw_file_body(QcMxfwFile *f, uint32_t body_sid, uint64_t body_offset, QcMxfwErr *err);
/** Append an index partition holding the given index table segments. @return as qc_mxfw_file_body. */
int qc_mxfw_file_index(QcMxfwFile *f, const QcMxfwBuf *segments, QcMxfwErr *err);
/** Footer, RIP, then the header rewrite and the Previous/FooterPartition patches; closes the file.
 *  @return 0, QC_MXFW_ERR_IO, QC_MXFW_ERR_NOMEM or QC_MXFW_ERR_INVAL. */
int qc_mxfw_file_finish(QcMxfwFile *f, const QcMxfwMeta *final_meta, QcMxfwErr *err);
/** Close without finishing (after an error) and free. */
void qc_mxfw_file_abort(QcMxfwFile *f);

/** Index table segments (index.c). `uid` names the segment. */
void qc_mxfw_index_cbr(QcMxfwBuf *b, const uint8_t uid[16], QcMxfwRational rate, int64_t duration,
                       uint32_t edit_unit_bytes);
void qc_mxfw_index_vbr(QcMxfwBuf *b, const uint8_t uid[16], QcMxfwRational rate, int64_t start,
                       const uint64_t *stream_offsets, uint32_t n);

/** printf into err->msg when err is set; returns code. */
int qc_mxfw_fail(QcMxfwErr *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif /* QC_SAMPLES_MXF_MXFW_INT_H */
