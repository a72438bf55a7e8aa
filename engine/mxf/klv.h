// SPDX-License-Identifier: MIT
/**
 * @file klv.h
 * KLV triplets with BER lengths (imf-mxf-primer §1.1, §1.5), every length checked against the
 * end of its container before anything trusts it.
 */
#ifndef QC_ENGINE_MXF_KLV_H
#define QC_ENGINE_MXF_KLV_H

#include <stddef.h>
#include <stdint.h>

#include "engine/io/file.h"

typedef struct QcKLV {
    int64_t offset; ///< file offset of the key
    uint8_t key[16];
    int64_t length; ///< value bytes
    int kl_size;    ///< key + BER bytes
} QcKLV;

/** Where the value starts and ends, in file bytes. */
static inline int64_t qc_klv_value(const QcKLV *k)
{
    return k->offset + k->kl_size;
}

static inline int64_t qc_klv_end(const QcKLV *k)
{
    return k->offset + k->kl_size + k->length;
}

typedef enum QcKlvStatus {
    QC_KLV_OK = 0,
    QC_KLV_END = 1,     ///< fewer than 17 bytes left before @p end: no triplet here
    QC_KLV_BAD_KEY = 2, ///< the 16 bytes do not start with 06 0e 2b 34
    QC_KLV_BAD_BER = 3, ///< 0x80 (indefinite), 0xff, or more than 8 length bytes
    QC_KLV_OVERRUN = 4, ///< the value runs past @p end
} QcKlvStatus;

/**
 * Decodes a BER length from @p p (at most @p avail bytes).
 * @return bytes used (1..9), or 0 when malformed or cut short.
 */
int qc_ber_decode(const uint8_t *p, size_t avail, uint64_t *length);

/**
 * Reads the key and length at @p offset; the value must end at or before @p end.
 * @return a QcKlvStatus (≥ 0; only QC_KLV_OK fills @p out completely), or QC_ERR_IO.
 */
int qc_klv_read(QcFile *f, int64_t offset, int64_t end, QcKLV *out);

/** Text for a QcKlvStatus. */
const char *qc_klv_status_text(int status);

/** Whether @p key is KLV Fill (either registry version). */
int qc_klv_is_fill(const uint8_t *key);

#endif
