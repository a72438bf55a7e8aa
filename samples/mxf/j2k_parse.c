// SPDX-License-Identifier: MIT
/* The JPEG 2000 main header fields an MXF sub-descriptor repeats, and the matching coding label. */
#include <string.h>

#include "mxfw_int.h"

#define SOC 0xff4f
#define SIZ 0xff51
#define COD 0xff52
#define QCD 0xff5c
#define SOT 0xff90

static unsigned rd16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }
static uint32_t rd32(const uint8_t *p) { return (uint32_t)rd16(p) << 16 | rd16(p + 2); }

static int parse_siz(const uint8_t *p, const size_t n, QcMxfwJ2kInfo *info)
{
    if (n < 38)
        return -1;
    info->rsiz = (uint16_t)rd16(p);
    uint32_t *v[8] = { &info->xsiz, &info->ysiz, &info->xosiz, &info->yosiz,
                       &info->xtsiz, &info->ytsiz, &info->xtosiz, &info->ytosiz };
    for (int i = 0; i < 8; i++)
        *v[i] = rd32(p + 2 + 4 * i);
    info->csiz = (uint16_t)rd16(p + 34);
    if (!info->csiz || n < 36 + 3 * (size_t)info->csiz)
        return -1;
    for (unsigned c = 0; c < info->csiz && c < 4; c++) {
        info->ssiz[c] = p[36 + 3 * c];
        info->xrsiz[c] = p[37 + 3 * c];
        info->yrsiz[c] = p[38 + 3 * c];
    }
    return 0;
}

static int keep(uint8_t *dst, const size_t cap, size_t *size, const uint8_t *p, const size_t n)
{
    if (!n || n > cap)
        return -1;
    memcpy(dst, p, n);
    *size = n;
    return 0;
}

int qc_mxfw_j2k_parse(const uint8_t *cs, const size_t size, QcMxfwJ2kInfo *info, QcMxfwErr *err)
{
    memset(info, 0, sizeof(*info));
    if (size < 4 || rd16(cs) != SOC)
        return qc_mxfw_fail(err, QC_MXFW_ERR_CODEC, "codestream does not start with SOC");
    int have = 0; /* bits: 1 SIZ, 2 COD, 4 QCD */
    size_t at = 2;
    while (at + 4 <= size) {
        const unsigned marker = rd16(cs + at);
        if (marker == SOT)
            break;
        const size_t len = rd16(cs + at + 2); /* includes the length field itself */
        if (len < 2 || at + 2 + len > size)
            return qc_mxfw_fail(err, QC_MXFW_ERR_CODEC, "marker %04x at byte %zu runs past the end",
                                marker, at);
        const uint8_t *body = cs + at + 4;
        const size_t n = len - 2;
        int bad = 0;
        if (marker == SIZ) {
            bad = parse_siz(body, n, info);
            have |= 1;
        } else if (marker == COD) {
            bad = keep(info->cod, sizeof(info->cod), &info->cod_size, body, n);
            have |= 2;
        } else if (marker == QCD) {
            bad = keep(info->qcd, sizeof(info->qcd), &info->qcd_size, body, n);
            have |= 4;
        }
        if (bad)
            return qc_mxfw_fail(err, QC_MXFW_ERR_CODEC, "marker %04x at byte %zu is malformed", marker, at);
        at += 2 + len;
    }
    if (have != 7)
        return qc_mxfw_fail(err, QC_MXFW_ERR_CODEC, "main header lacks %s", !(have & 1) ? "SIZ"
                                                                              : !(have & 2) ? "COD" : "QCD");
    return 0;
}

/*
 * ST 422 coding labels 06.0e.2b.34.04.01.01.0d.04.01.02.02.03.01.PP.CC. IMF profiles (Rsiz 0x04xx-0x09xx)
 * give PP = profile - 2 and CC from (main level M, sublevel S): 1 for M0S0, 2M + S for M 1-3, and
 * 8 + sum(m - 1, m = 4..M-1) + S from M 4 up (the sequence asdcplib's and bmx's label tables follow).
 * Broadcast contribution profiles give PP 01, CC 0x10 + level; DCI 2K/4K give PP 01, CC 03/04.
 */
void qc_mxfw_j2k_coding_ul(const uint16_t rsiz, uint8_t ul[16])
{
    static const uint8_t base[16] = { 0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01, 0x01, 0x0d,
                                      0x04, 0x01, 0x02, 0x02, 0x03, 0x01, 0x01, 0x7f };
    static const uint8_t max_sub[12] = { 0, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    memcpy(ul, base, 16);
    const unsigned profile = rsiz >> 8, main = rsiz & 0xf, sub = (rsiz >> 4) & 0xf;
    if (rsiz == 0x0003 || rsiz == 0x0004) {
        ul[15] = (uint8_t)rsiz;
    } else if (profile >= 0x01 && profile <= 0x03 && main >= 1 && main <= 7 && !(rsiz & 0xf0)) {
        ul[15] = (uint8_t)(0x10 + main);
    } else if (profile >= 0x04 && profile <= 0x09 && main <= 11 && sub <= max_sub[main]) {
        unsigned cc;
        if (main == 0)
            cc = sub == 0 ? 1 : 0;
        else if (main < 4)
            cc = 2 * main + sub;
        else {
            cc = 8 + sub;
            for (unsigned m = 4; m < main; m++)
                cc += m - 1;
        }
        if (cc) {
            ul[14] = (uint8_t)(profile - 2);
            ul[15] = (uint8_t)cc;
        }
    }
}
