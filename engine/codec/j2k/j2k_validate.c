// SPDX-License-Identifier: MIT
/* The entry point: a raw codestream, or a JP2 file whose jp2c box holds one; and the problem
 * sink every check writes to. */
#include <stdio.h>
#include <string.h>

#include "engine/codec/j2k/j2k_internal.h"

static void vproblem(QcJ2kReport *r, QcJ2kProblemKind kind, size_t offset, const char *fmt,
                     va_list ap) J2K_PRINTF(4, 0);

static void vproblem(QcJ2kReport *r, QcJ2kProblemKind kind, size_t offset, const char *fmt,
                     va_list ap)
{
    /* a fixed array, not a list: this runs on every frame and must not allocate */
    if (r->nb_problems >= QC_J2K_MAX_PROBLEMS) {
        r->more_problems++;
        return;
    }
    QcJ2kProblem *p = &r->problems[r->nb_problems++];
    p->kind = kind;
    p->offset = offset > UINT32_MAX ? UINT32_MAX : (uint32_t)offset;
    vsnprintf(p->message, sizeof(p->message), fmt, ap);
}

void qc_j2k_problem(QcJ2kReport *r, QcJ2kProblemKind kind, size_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vproblem(r, kind, offset, fmt, ap);
    va_end(ap);
}

void qc_j2k_fail(J2kWalk *w, size_t offset, const char *fmt, ...)
{
    va_list ap;
    w->broken = 1;
    va_start(ap, fmt);
    vproblem(w->r, QC_J2K_STRUCTURE, offset, fmt, ap);
    va_end(ap);
}

const char *qc_j2k_marker_name(const unsigned m)
{
    static const struct {
        unsigned code;
        const char *name;
    } names[] = {
        {J2K_SOC, "SOC"}, {J2K_CAP, "CAP"}, {J2K_SIZ, "SIZ"}, {J2K_COD, "COD"}, {J2K_COC, "COC"},
        {J2K_TLM, "TLM"}, {J2K_PLM, "PLM"}, {J2K_PLT, "PLT"}, {J2K_CPF, "CPF"}, {J2K_QCD, "QCD"},
        {J2K_QCC, "QCC"}, {J2K_RGN, "RGN"}, {J2K_POC, "POC"}, {J2K_PPM, "PPM"}, {J2K_PPT, "PPT"},
        {J2K_CRG, "CRG"}, {J2K_COM, "COM"}, {J2K_SOT, "SOT"}, {J2K_SOP, "SOP"}, {J2K_EPH, "EPH"},
        {J2K_SOD, "SOD"}, {J2K_EOC, "EOC"},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (names[i].code == m)
            return names[i].name;
    return NULL;
}

/* A box type as text when it is printable, so messages name 'jp2c' rather than a number. */
static void box_type(char out[12], const uint32_t t)
{
    char c[4] = {(char)(t >> 24), (char)(t >> 16), (char)(t >> 8), (char)t};
    for (int i = 0; i < 4; i++) {
        if (c[i] < 0x20 || c[i] > 0x7e) {
            snprintf(out, 12, "0x%08x", (unsigned)t);
            return;
        }
    }
    snprintf(out, 12, "'%c%c%c%c'", c[0], c[1], c[2], c[3]);
}

/* ISO/IEC 15444-1 Annex I boxes: LBox, TBox, optional XLBox; LBox 0 means "to the end". The
 * first jp2c box holds the codestream. @return 0 with w->start/end set, or -1. */
static int find_jp2c(J2kWalk *w)
{
    const uint8_t *b = w->buf;
    const size_t n = w->end;
    size_t p = 0;
    while (p < n) {
        if (n - p < 8) {
            qc_j2k_fail(w, p, "JP2 box header truncated (%zu bytes left)", n - p);
            return -1;
        }
        uint32_t lbox = j2k_be32(b + p), tbox = j2k_be32(b + p + 4);
        uint64_t len = lbox;
        size_t hdr = 8;
        char name[12];
        box_type(name, tbox);
        if (lbox == 1) {
            if (n - p < 16) {
                qc_j2k_fail(w, p, "JP2 box %s: XLBox truncated", name);
                return -1;
            }
            len = (uint64_t)j2k_be32(b + p + 8) << 32 | j2k_be32(b + p + 12);
            hdr = 16;
            if (len < 16) {
                qc_j2k_fail(w, p + 8, "JP2 box %s: XLBox %llu below 16", name,
                            (unsigned long long)len);
                return -1;
            }
        } else if (lbox == 0) {
            len = n - p;
        } else if (lbox < 8) {
            qc_j2k_fail(w, p, "JP2 box %s: LBox %u below 8", name, (unsigned)lbox);
            return -1;
        }
        if (len > n - p) {
            qc_j2k_fail(w, p, "JP2 box %s (%llu bytes) runs %llu bytes past the end", name,
                        (unsigned long long)len, (unsigned long long)(len - (n - p)));
            return -1;
        }
        if (tbox == 0x6a703263u) { /* 'jp2c' */
            w->start = p + hdr;
            w->end = p + (size_t)len;
            return 0;
        }
        p += (size_t)len;
    }
    qc_j2k_fail(w, n, "JP2 file without a jp2c (codestream) box");
    return -1;
}

int qc_j2k_validate(const uint8_t *cs, size_t n, QcJ2kReport *r)
{
    static const uint8_t jp2_signature[12] = {0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50,
                                              0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a};
    memset(r, 0, sizeof(*r));
    if (!cs)
        n = 0;
    /* about 2 KiB on the stack; no heap on the per-frame path */
    J2kWalk w;
    memset(&w, 0, sizeof(w));
    w.buf = cs;
    w.end = n;
    w.r = r;
    w.qcd_bands = -2;
    if (n >= sizeof(jp2_signature) && !memcmp(cs, jp2_signature, sizeof(jp2_signature))) {
        r->info.jp2 = 1;
        qc_j2k_problem(r, QC_J2K_PROFILE, 0,
                       "JP2 boxes around the codestream (IMF carries raw codestreams)");
        if (find_jp2c(&w) < 0)
            return 1;
        r->info.codestream_offset = w.start;
    }
    if (qc_j2k_walk_main(&w) == 0)
        qc_j2k_walk_tiles(&w);
    QcJ2kInfo *in = &r->info;
    in->htj2k = (in->has_cap && (in->pcap & J2K_PCAP_PART15)) || (in->rsiz & J2K_RSIZ_CAP);
    return w.broken;
}
