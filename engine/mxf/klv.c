// SPDX-License-Identifier: MIT
#include "engine/mxf/klv.h"

#include <string.h>

#include "engine/mxf/ul.h"

static const uint8_t ul_prefix[4] = {0x06, 0x0e, 0x2b, 0x34};
static const uint8_t fill_key[16] = {0x06, 0x0e, 0x2b, 0x34, 0x01, 0x01, 0x01, 0x01,
                                     0x03, 0x01, 0x02, 0x10, 0x01, 0x00, 0x00, 0x00};

int qc_ber_decode(const uint8_t *p, size_t avail, uint64_t *length)
{
    if (avail < 1)
        return 0;
    if (p[0] < 0x80) {
        *length = p[0];
        return 1;
    }
    int n = p[0] & 0x7f;
    if (n == 0 || n > 8 || (size_t)n + 1 > avail)
        return 0;
    uint64_t v = 0;
    for (int i = 1; i <= n; i++)
        v = v << 8 | p[i];
    /* lengths are Int64 everywhere else: refuse what does not fit */
    if (v > (uint64_t)INT64_MAX)
        return 0;
    *length = v;
    return n + 1;
}

int qc_klv_read(QcFile *f, int64_t offset, int64_t end, QcKLV *out)
{
    uint8_t buf[25];
    if (end - offset < 17)
        return QC_KLV_END;
    size_t want = end - offset < 25 ? (size_t)(end - offset) : 25;
    int ret = qc_file_pread(f, buf, want, offset);
    if (ret < 0)
        return ret == QC_ERR_INVALID_DATA ? QC_KLV_END : ret;
    if (memcmp(buf, ul_prefix, 4) != 0)
        return QC_KLV_BAD_KEY;
    uint64_t len;
    int ber = qc_ber_decode(buf + 16, want - 16, &len);
    if (!ber)
        return QC_KLV_BAD_BER;
    memcpy(out->key, buf, 16);
    out->offset = offset;
    out->kl_size = 16 + ber;
    out->length = (int64_t)len;
    if (out->length > end - offset - out->kl_size)
        return QC_KLV_OVERRUN;
    return QC_KLV_OK;
}

const char *qc_klv_status_text(int status)
{
    switch (status) {
    case QC_KLV_OK: return "ok";
    case QC_KLV_END: return "end of data";
    case QC_KLV_BAD_KEY: return "not a SMPTE key";
    case QC_KLV_BAD_BER: return "malformed BER length";
    case QC_KLV_OVERRUN: return "length runs past the end of its container";
    }
    return "read error";
}

int qc_klv_is_fill(const uint8_t *key)
{
    return qc_ul_equal(key, fill_key);
}
