// SPDX-License-Identifier: MIT
/**
 * @file model.h
 * Reading the property tree: typed accessors by property name, strong references, and the
 * essence track a track file carries (imf-mxf-primer §3.4).
 */
#ifndef QC_ENGINE_MXF_MODEL_H
#define QC_ENGINE_MXF_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "engine/mxf/mxf.h"

/** The set with this InstanceUID, or NULL. */
const QcMxfSet *qc_mxf_set_by_uid(const QcMxf *m, const uint8_t *uid);

/** The first set of class @p name (or a subclass), or NULL. */
const QcMxfSet *qc_mxf_first_set(const QcMxf *m, const char *name);

/** The property named @p name (dictionary MXF name) of @p s, or NULL. */
const QcMxfProperty *qc_mxf_get(const QcMxfSet *s, const char *name);

/* Typed reads. Each returns 0, or -1 when the property is missing or has the wrong size. */
int qc_mxf_get_uint(const QcMxfSet *s, const char *name, uint64_t *v); ///< 1, 2, 4 or 8 bytes
int qc_mxf_get_int(const QcMxfSet *s, const char *name, int64_t *v);   ///< signed, 1..8 bytes
int qc_mxf_get_rational(const QcMxfSet *s, const char *name, int32_t *num, int32_t *den);
int qc_mxf_get_bytes(const QcMxfSet *s, const char *name, uint8_t *out, size_t n); ///< exactly n
/** UTF-16BE or ASCII text as UTF-8 (stops at NUL, replaces what is not text). */
int qc_mxf_get_string(const QcMxfSet *s, const char *name, char *out, size_t size);
/** Array or batch of 16-byte items (strong refs, ULs, UUIDs): count and first item. */
int qc_mxf_get_array16(const QcMxfSet *s, const char *name, const uint8_t **items, uint32_t *count);

typedef enum QcMxfTrackKind {
    QC_MXF_TRACK_OTHER,
    QC_MXF_TRACK_PICTURE,
    QC_MXF_TRACK_SOUND,
    QC_MXF_TRACK_DATA,
    QC_MXF_TRACK_TIMECODE,
} QcMxfTrackKind;

typedef struct QcMxfTrack {
    const QcMxfSet *set, *sequence;
    uint32_t id, number;
    int32_t rate_num, rate_den;
    int64_t origin, duration; ///< duration: the sequence's, in edit units (-1 unknown)
    QcMxfTrackKind kind;
} QcMxfTrack;

#define QC_MXF_MAX_TRACKS 32

typedef struct QcMxfPackage {
    const QcMxfSet *set;
    int material; ///< 1 material package, 0 source (file) package
    uint8_t umid[32];
    int nb_tracks;
    QcMxfTrack tracks[QC_MXF_MAX_TRACKS];
    const QcMxfSet *descriptor; ///< source packages: the essence descriptor
} QcMxfPackage;

#define QC_MXF_MAX_PACKAGES 16

/** What the header metadata says the file holds. */
typedef struct QcMxfModel {
    const QcMxfSet *preface;
    int nb_packages;
    QcMxfPackage packages[QC_MXF_MAX_PACKAGES];
    const QcMxfPackage
        *file_package;            ///< the top-level file package (linked by EssenceContainerData)
    uint32_t body_sid, index_sid; ///< of that package's essence container
} QcMxfModel;

/**
 * Resolves packages, tracks and descriptors; dangling or cyclic references and durations that
 * disagree become findings on @p m.
 * @return 0 or QC_ERR_NOMEM.
 */
int qc_mxf_resolve(QcMxf *m, QcMxfModel *out);

/** The descriptor describing track @p t of @p pkg (through a MultipleDescriptor by
 *  LinkedTrackID), or NULL. */
const QcMxfSet *qc_mxf_track_descriptor(const QcMxf *m, const QcMxfPackage *pkg,
                                        const QcMxfTrack *t);

#endif
