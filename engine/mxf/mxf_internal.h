// SPDX-License-Identifier: MIT
/* Between the parts of the MXF reader. */
#ifndef QC_ENGINE_MXF_MXF_INTERNAL_H
#define QC_ENGINE_MXF_MXF_INTERNAL_H

#include "engine/core/grow.h"
#include "engine/mxf/mxf.h"

int qc_mxf_is_partition_key(const uint8_t *key);

/** Partition list from the RIP, the footer chain or a walk. @return 0, QC_ERR_INVALID_DATA
 *  (no header partition pack at byte 0: not MXF), QC_ERR_IO, QC_ERR_NOMEM. */
int qc_mxf_read_partitions(QcMxf *m);

/** Where each partition's essence starts, past its metadata, index and fill. */
int qc_mxf_locate_essence(QcMxf *m);

/** Primer and sets of the best partition carrying header metadata. */
int qc_mxf_read_header(QcMxf *m);

/** Dangling strong references and reference cycles. */
int qc_mxf_check_references(QcMxf *m);

/** Index table segments of every partition. */
int qc_mxf_read_index(QcMxf *m);

/** min(@p count, @p avail) for byte counts read from the file (UInt64, may be anything). */
static inline int64_t qc_mxf_clamp(uint64_t count, int64_t avail)
{
    return avail <= 0 ? 0 : count > (uint64_t)avail ? avail : (int64_t)count;
}

uint16_t qc_be16(const uint8_t *p);
uint32_t qc_be32(const uint8_t *p);
uint64_t qc_be64(const uint8_t *p);

#endif
