// SPDX-License-Identifier: MIT
/**
 * @file essence.h
 * Frame-accurate essence access (imf-mxf-primer §4.3–4.5): an edit unit of a frame-wrapped
 * track to its KLV through the index table, and the value range of a clip-wrapped one. Reads
 * use pread into caller buffers.
 */
#ifndef QC_ENGINE_MXF_ESSENCE_H
#define QC_ENGINE_MXF_ESSENCE_H

#include <stddef.h>
#include <stdint.h>

#include "engine/mxf/mxf.h"

/** Where an edit unit's essence lies in the file. */
typedef struct QcMxfUnit {
    int64_t key_offset;   ///< file offset of the essence KLV's key
    int64_t value_offset; ///< first byte of its value
    int64_t size;         ///< value bytes
    uint8_t key[16];
} QcMxfUnit;

/** Which essence: the index and container of the file package, and the element's track number
 *  (bytes 12..15 of its key; 0 takes the first essence element of the edit unit). */
typedef struct QcMxfStream {
    uint32_t index_sid, body_sid, track_number;
} QcMxfStream;

/**
 * Locates edit unit @p eu of @p st: its content package through the index, then the element of
 * the track inside it (past system items and fill).
 * @return 0; 1 when the index does not cover @p eu; 2 when it points where no such essence KLV
 *         is (a damaged index or file); or QC_ERR_IO.
 */
int qc_mxf_locate_unit(QcMxf *m, const QcMxfStream *st, int64_t eu, QcMxfUnit *out);

/**
 * Reads edit unit @p eu's value into @p buf (at most @p cap bytes).
 * @return 0 with *@p size set; 1/2 as qc_mxf_locate_unit; QC_ERR_LIMIT when it does not fit
 *         @p cap; QC_ERR_IO.
 */
int qc_mxf_read_unit(QcMxf *m, const QcMxfStream *st, int64_t eu, uint8_t *buf, size_t cap,
                     size_t *size);

/** Edit units the index of @p index_sid covers (sum of segment durations). */
int64_t qc_mxf_index_duration(const QcMxf *m, uint32_t index_sid);

/**
 * Checks every index entry of @p index_sid lands inside a body partition of @p body_sid;
 * entries that do not are MXF_INVALID findings. Touches no essence.
 * @return 0 or QC_ERR_NOMEM
 */
int qc_mxf_check_index(QcMxf *m, uint32_t index_sid, uint32_t body_sid);

#endif
