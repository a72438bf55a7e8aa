// SPDX-License-Identifier: MIT
/**
 * @file mxf.h
 * An MXF file as the engine sees it: partitions, the Random Index Pack, header metadata kept as
 * a generic property tree, index table segments, and the defects found on the way.
 *
 * Opening reads only the partition packs, the header metadata and the index: nothing reads
 * essence, so the cost does not depend on the file's duration. Every length is checked
 * against the file and its container before use; a defect becomes an MXF_INVALID finding with
 * its byte offset, and parsing goes on where it can.
 */
#ifndef QC_ENGINE_MXF_MXF_H
#define QC_ENGINE_MXF_MXF_H

#include <stddef.h>
#include <stdint.h>

#include "engine/core/error.h"
#include "engine/core/finding.h"
#include "engine/io/file.h"
#include "engine/mxf/dict.h"

#define QC_MXF_MAX_PARTITIONS 65536 ///< more is a broken or hostile file
#define QC_MXF_MAX_HEADER_BYTES (64 << 20)
#define QC_MXF_MAX_INDEX_BYTES (256 << 20)
#define QC_MXF_MAX_EC 16

typedef enum QcMxfPartitionKind {
    QC_MXF_HEADER_PARTITION = 2,
    QC_MXF_BODY_PARTITION = 3,
    QC_MXF_FOOTER_PARTITION = 4,
} QcMxfPartitionKind;

typedef struct QcMxfPartition {
    int64_t offset;   ///< file offset of the pack's key
    int64_t pack_end; ///< file offset just after the pack
    int64_t end;      ///< file offset of the next partition, the RIP, or the file end
    QcMxfPartitionKind kind;
    int closed, complete;
    int generic_stream;      ///< a generic stream partition (ST 410 data, not track essence)
    uint16_t major, minor;
    uint32_t kag;
    uint64_t this_partition, previous, footer, header_bytes, index_bytes, body_offset;
    uint32_t index_sid, body_sid;
    uint8_t op[16];
    uint32_t nb_ec; ///< essence container labels declared (first QC_MXF_MAX_EC kept)
    uint8_t ec[QC_MXF_MAX_EC][16];
    int64_t essence_start; ///< first essence KLV after metadata and index, or -1
} QcMxfPartition;

typedef struct QcMxfRipEntry {
    uint32_t body_sid;
    uint64_t offset;
} QcMxfRipEntry;

typedef struct QcMxfProperty {
    uint16_t tag;            ///< local tag as written
    uint8_t ul[16];          ///< from the primer (or the static-tag dictionary), zero if neither
    const QcMxfPropDef *def; ///< NULL when the dictionary does not know the UL
    uint32_t length;
    const uint8_t *value; ///< points into the header buffer
    int64_t offset;       ///< file offset of the value
} QcMxfProperty;

typedef struct QcMxfSet {
    uint8_t key[16];
    const QcMxfClassDef *cls; ///< NULL for sets the dictionary does not know (kept all the same)
    uint8_t uid[16];          ///< InstanceUID, zero when missing
    int64_t offset;           ///< file offset of the set's key
    uint32_t nb_props;
    QcMxfProperty *props;
} QcMxfSet;

typedef struct QcMxfPrimerEntry {
    uint16_t tag;
    uint8_t ul[16];
} QcMxfPrimerEntry;

typedef struct QcMxfIndexEntry {
    int8_t temporal_offset, key_frame_offset;
    uint8_t flags;
    uint64_t stream_offset;
} QcMxfIndexEntry;

typedef struct QcMxfDeltaEntry {
    int8_t pos_table_index;
    uint8_t slice;
    uint32_t element_delta; ///< bytes from the start of the edit unit (or slice) to the element
} QcMxfDeltaEntry;

#define QC_MXF_MAX_DELTAS 32

typedef struct QcMxfIndexSegment {
    int64_t offset; ///< file offset of the segment's key
    int32_t rate_num, rate_den;
    int64_t start, duration;       ///< edit units
    uint32_t edit_unit_byte_count; ///< > 0: CBR
    uint32_t index_sid, body_sid;
    uint32_t nb_entries;
    QcMxfIndexEntry *entries;
    uint32_t nb_deltas;       ///< one per element of an edit unit (first QC_MXF_MAX_DELTAS kept)
    QcMxfDeltaEntry deltas[QC_MXF_MAX_DELTAS];
} QcMxfIndexSegment;

typedef struct QcMxf {
    char *path;
    QcFile *file;
    int64_t size;
    QcMxfPartition *parts; ///< sorted by offset
    int nb_parts;
    size_t parts_cap;
    QcMxfRipEntry *rip;
    int nb_rip; ///< 0 when the file has no valid RIP
    int64_t rip_offset;
    int header_part; ///< partition whose header metadata is used, -1 if none
    uint8_t *header; ///< that header metadata, as read
    QcMxfPrimerEntry *primer;
    uint32_t nb_primer;
    QcMxfSet *sets;
    size_t nb_sets, sets_cap;
    QcMxfIndexSegment *segments; ///< sorted by (index_sid, start)
    int nb_segments;
    size_t segments_cap;
    QcFindingList findings; ///< MXF_INVALID / MXF_NOT_IMF
} QcMxf;

/**
 * Opens and parses @p path. Structural defects become findings in (*out)->findings.
 * @return 0; QC_ERR_IO (unreadable); QC_ERR_INVALID_DATA (no MXF header partition pack at the
 *         start: not an MXF file); QC_ERR_NOMEM.
 */
int qc_mxf_open(QcMxf **out, const char *path, QcError *err);

void qc_mxf_close(QcMxf **pm);

/** Adds an MXF_INVALID (or @p code) finding at byte @p offset. @return 0 or QC_ERR_NOMEM */
int qc_mxf_defect(QcMxf *m, QcCode code, int64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
