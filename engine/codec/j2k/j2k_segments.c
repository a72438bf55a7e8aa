// SPDX-License-Identifier: MIT
/* The content of one marker segment against its length (T.800 A.5–A.9, CAP from T.800 A.5.2 /
 * T.814). The caller has checked that [pos, end) lies inside the buffer; every read here stays
 * inside [pos, end). Segments that break a rule are reported and skipped by their length, so
 * one bad segment does not hide the rest of the header. */
#include <string.h>

#include "engine/codec/j2k/j2k_internal.h"

/* Segment body (after marker and length) and the Lxxx value. */
typedef struct Seg {
    const uint8_t *b;
    unsigned len;
    size_t pos;
    unsigned comp_bytes; /* Ccoc, Cqcc, Crgn, CSpoc: 1 byte below 257 components, else 2 */
    int part2;
} Seg;

static unsigned comp_index(const Seg *s)
{
    return s->comp_bytes == 1 ? s->b[0] : j2k_be16(s->b);
}

/* SPcod / SPcoc from the decomposition levels on: ranges a decoder relies on. */
static void check_spcod(J2kWalk *w, const Seg *s, const size_t at, const char *who)
{
    const uint8_t *p = w->buf + at;
    const unsigned levels = p[0], xcb = p[1], ycb = p[2];
    if (levels > 32)
        qc_j2k_fail(w, at, "%s: %u decomposition levels, at most 32", who, levels);
    if (xcb > 8 || ycb > 8 || xcb + ycb > 8)
        qc_j2k_fail(w, at + 1, "%s: code-block exponents xcb %u, ycb %u (each and their sum <= 8)",
                    who, xcb, ycb);
    if (!s->part2 && p[4] > 1)
        qc_j2k_fail(w, at + 4, "%s: wavelet transform %u (0 9-7, 1 5-3)", who, p[4]);
}

static void seg_cod(J2kWalk *w, const Seg *s, const int tile)
{
    /* counted before its content is judged: a damaged COD is not a missing one */
    if (!tile && w->nb_cod++) {
        qc_j2k_fail(w, s->pos, "a second COD in the main header");
        return;
    }
    if (s->len < 12) {
        qc_j2k_fail(w, s->pos + 2, "COD length %u, at least 12", s->len);
        return;
    }
    const uint8_t *b = s->b;
    const size_t body = s->pos + 4;
    const unsigned levels = b[J2K_COD_LEVELS];
    const unsigned need = 12 + ((b[J2K_COD_SCOD] & 1) ? levels + 1 : 0);
    if (s->len != need) {
        qc_j2k_fail(w, s->pos + 2, "COD length %u, its Scod and %u levels need %u", s->len, levels,
                    need);
        return;
    }
    if (b[J2K_COD_PROG] > 4)
        qc_j2k_fail(w, body + J2K_COD_PROG, "COD progression order %u (0..4)", b[J2K_COD_PROG]);
    if (!j2k_be16(b + J2K_COD_LAYERS))
        qc_j2k_fail(w, body + J2K_COD_LAYERS, "COD: 0 quality layers");
    if (!s->part2 && b[J2K_COD_MCT] > 1)
        qc_j2k_fail(w, body + J2K_COD_MCT, "COD multiple component transform %u (0 or 1)",
                    b[J2K_COD_MCT]);
    check_spcod(w, s, body + J2K_COD_LEVELS, "COD");
    if (tile)
        return;
    QcJ2kInfo *in = &w->r->info;
    in->cod_offset = s->pos;
    in->progression = b[J2K_COD_PROG];
    in->layers = (uint16_t)j2k_be16(b + J2K_COD_LAYERS);
    in->mct = b[J2K_COD_MCT];
    in->levels = (uint8_t)levels;
    in->xcb = b[J2K_COD_XCB];
    in->ycb = b[J2K_COD_XCB + 1];
    in->cblk_style = b[J2K_COD_STYLE];
    in->transform = b[J2K_COD_TRANSFORM];
    /* 10 + 33 bytes at most when the levels are sane; a COD claiming 255 levels was reported
     * above and is kept only in part */
    in->cod_size = s->len - 2 < sizeof(in->cod) ? s->len - 2 : sizeof(in->cod);
    memcpy(in->cod, b, in->cod_size);
}

static void seg_coc(J2kWalk *w, const Seg *s)
{
    const unsigned cb = s->comp_bytes;
    w->r->info.has_coc = 1;
    if (s->len < 8 + cb) {
        qc_j2k_fail(w, s->pos + 2, "COC length %u, at least %u", s->len, 8 + cb);
        return;
    }
    const uint8_t *sp = s->b + cb;
    const unsigned need = 8 + cb + ((sp[0] & 1) ? sp[1] + 1u : 0);
    if (s->len != need) {
        qc_j2k_fail(w, s->pos + 2, "COC length %u, its Scoc and %u levels need %u", s->len, sp[1],
                    need);
        return;
    }
    if (comp_index(s) >= w->r->info.csiz)
        qc_j2k_fail(w, s->pos + 4, "COC for component %u of %u", comp_index(s), w->r->info.csiz);
    check_spcod(w, s, s->pos + 4 + cb + 1, "COC");
}

/* Sqcd/Sqcc + SPqcd/SPqcc of @p n bytes at @p at (T.800 A.6.4). @return the sub-bands it
 * codes, -1 for scalar derived (one value for all), -2 when unusable. */
static int check_quant(J2kWalk *w, const size_t at, const unsigned n, const char *who)
{
    const unsigned style = w->buf[at] & 0x1f;
    const unsigned values = n - 1;
    int bands;
    if (style == 0) {
        bands = (int)values;
    } else if (style == 1) {
        if (values != 2) {
            qc_j2k_fail(w, at, "%s scalar derived with %u bytes of step sizes, needs 2", who,
                        values);
            return -2;
        }
        return -1;
    } else if (style == 2) {
        if (values % 2) {
            qc_j2k_fail(w, at, "%s scalar expounded with an odd %u bytes of step sizes", who,
                        values);
            return -2;
        }
        bands = (int)values / 2;
    } else {
        qc_j2k_fail(w, at, "%s quantization style %u is reserved", who, style);
        return -2;
    }
    /* NL levels give 3·NL + 1 sub-bands, NL ≤ 32 */
    if (bands < 1 || (bands - 1) % 3 || bands > 97) {
        qc_j2k_fail(w, at, "%s codes %d sub-bands (3 per level + 1, up to 97)", who, bands);
        return -2;
    }
    return bands;
}

static void seg_qcd(J2kWalk *w, const Seg *s, const int tile)
{
    if (!tile && w->nb_qcd++) {
        qc_j2k_fail(w, s->pos, "a second QCD in the main header");
        return;
    }
    if (s->len < 4) {
        qc_j2k_fail(w, s->pos + 2, "QCD length %u, at least 4", s->len);
        return;
    }
    const int bands = check_quant(w, s->pos + 4, s->len - 2, "QCD");
    if (tile)
        return;
    QcJ2kInfo *in = &w->r->info;
    in->qcd_offset = s->pos;
    in->qcd_size = s->len - 2 < sizeof(in->qcd) ? s->len - 2 : sizeof(in->qcd);
    memcpy(in->qcd, s->b, in->qcd_size);
    w->qcd_bands = bands;
}

static void seg_qcc(J2kWalk *w, const Seg *s)
{
    const unsigned cb = s->comp_bytes;
    w->r->info.has_qcc = 1;
    if (s->len < 4 + cb) {
        qc_j2k_fail(w, s->pos + 2, "QCC length %u, at least %u", s->len, 4 + cb);
        return;
    }
    if (comp_index(s) >= w->r->info.csiz)
        qc_j2k_fail(w, s->pos + 4, "QCC for component %u of %u", comp_index(s), w->r->info.csiz);
    check_quant(w, s->pos + 4 + cb, s->len - 2 - cb, "QCC");
}

static void seg_rgn_poc(J2kWalk *w, const Seg *s, const unsigned m)
{
    const unsigned cb = s->comp_bytes;
    if (m == J2K_RGN) {
        w->r->info.has_rgn = 1;
        if (s->len != 4 + cb)
            qc_j2k_fail(w, s->pos + 2, "RGN length %u, needs %u", s->len, 4 + cb);
        else if (comp_index(s) >= w->r->info.csiz)
            qc_j2k_fail(w, s->pos + 4, "RGN for component %u of %u", comp_index(s),
                        w->r->info.csiz);
        return;
    }
    /* RSpoc CSpoc LYEpoc REpoc CEpoc Ppoc */
    const unsigned entry = 5 + 2 * cb;
    w->r->info.has_poc = 1;
    if (s->len < 2 + entry || (s->len - 2) % entry)
        qc_j2k_fail(w, s->pos + 2, "POC length %u is not 2 + a multiple of %u", s->len, entry);
}

static void seg_tlm(J2kWalk *w, const Seg *s)
{
    w->r->info.has_tlm = 1;
    if (s->len < 4) {
        qc_j2k_fail(w, s->pos + 2, "TLM length %u, at least 4", s->len);
        w->tlm_bad = 1;
        return;
    }
    const unsigned z = s->b[0], st = (s->b[1] >> 4) & 3, sp = (s->b[1] >> 6) & 1;
    if (st == 3) {
        qc_j2k_fail(w, s->pos + 5, "TLM Stlm 0x%02x: ST = 3 is reserved", s->b[1]);
        w->tlm_bad = 1;
        return;
    }
    const unsigned entry = st + (sp ? 4 : 2);
    if ((s->len - 4) % entry) {
        qc_j2k_fail(w, s->pos + 2, "TLM length %u is not 4 + a multiple of %u", s->len, entry);
        w->tlm_bad = 1;
        return;
    }
    if (w->tlm_at[z]) {
        qc_j2k_fail(w, s->pos + 4, "a second TLM with Ztlm %u", z);
        w->tlm_bad = 1;
        return;
    }
    w->tlm_at[z] = s->pos;
}

static unsigned popcount32(uint32_t v)
{
    unsigned n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

static void seg_cap(J2kWalk *w, const Seg *s)
{
    QcJ2kInfo *in = &w->r->info;
    if (s->len < 6) {
        qc_j2k_fail(w, s->pos + 2, "CAP length %u, at least 6", s->len);
        return;
    }
    const uint32_t pcap = j2k_be32(s->b);
    const unsigned need = 6 + 2 * popcount32(pcap); /* one Ccap per Pcap bit set */
    if (s->len != need) {
        qc_j2k_fail(w, s->pos + 2, "CAP length %u, Pcap 0x%08x needs %u", s->len, (unsigned)pcap,
                    need);
        return;
    }
    if (in->has_cap) {
        qc_j2k_fail(w, s->pos, "a second CAP in the main header");
        return;
    }
    in->has_cap = 1;
    in->cap_offset = s->pos;
    in->pcap = pcap;
    /* Ccap entries run in increasing part number; parts 1..14 sit above bit 17 */
    if (pcap & J2K_PCAP_PART15)
        in->ccap15 = (uint16_t)j2k_be16(s->b + 4 + 2 * popcount32(pcap >> 18));
}

/* Main-header-only markers seen in a tile-part header, and the reverse. */
static int misplaced(const unsigned m, const int tile)
{
    if (tile)
        return m == J2K_SIZ || m == J2K_CAP || m == J2K_TLM || m == J2K_PLM || m == J2K_PPM ||
               m == J2K_CRG || m == J2K_CPF;
    return m == J2K_PLT || m == J2K_PPT;
}

/* Segments whose only rule here is a minimum length, and the flags they set. */
static void seg_simple(J2kWalk *w, const Seg *s, const unsigned m)
{
    QcJ2kInfo *in = &w->r->info;
    unsigned min = 2;
    switch (m) {
    case J2K_PLM:
        in->has_plm = 1;
        min = 3;
        break;
    case J2K_PPM:
        in->has_ppm = 1;
        min = 3;
        break;
    case J2K_COM:
        in->has_com = 1;
        min = 4;
        break;
    case J2K_CRG:
        in->has_crg = 1;
        if (s->len != 2 + 4u * in->csiz)
            qc_j2k_fail(w, s->pos + 2, "CRG length %u, %u components need %u", s->len, in->csiz,
                        2 + 4u * in->csiz);
        return;
    default: return; /* PLT, PPT, CPF, Part 2 and unknown segments: skipped by length */
    }
    if (s->len < min)
        qc_j2k_fail(w, s->pos + 2, "%s length %u, at least %u", qc_j2k_marker_name(m), s->len, min);
}

void qc_j2k_segment(J2kWalk *w, const unsigned m, const size_t pos, const size_t end,
                    const int tile)
{
    const QcJ2kInfo *in = &w->r->info;
    Seg s = {w->buf + pos + 4, (unsigned)(end - pos - 2), pos, in->csiz < 257 ? 1u : 2u,
             (in->rsiz & J2K_RSIZ_PART2) != 0};
    if (misplaced(m, tile)) {
        qc_j2k_fail(w, pos, "%s marker in a %s header", qc_j2k_marker_name(m),
                    tile ? "tile-part" : "main");
        return;
    }
    switch (m) {
    case J2K_COD: seg_cod(w, &s, tile); break;
    case J2K_COC: seg_coc(w, &s); break;
    case J2K_QCD: seg_qcd(w, &s, tile); break;
    case J2K_QCC: seg_qcc(w, &s); break;
    case J2K_RGN:
    case J2K_POC: seg_rgn_poc(w, &s, m); break;
    case J2K_TLM: seg_tlm(w, &s); break;
    case J2K_CAP: seg_cap(w, &s); break;
    default: seg_simple(w, &s, m); break;
    }
}
