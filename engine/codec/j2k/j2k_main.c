// SPDX-License-Identifier: MIT
/* SOC, SIZ and the rest of the main header up to the first SOT (T.800 A.4–A.5). SIZ decides
 * how everything after it is read (component field width, tile count), so it is read here and
 * checked before any other segment. */
#include <string.h>

#include "engine/codec/j2k/j2k_internal.h"

static void read_siz_fields(J2kWalk *w, const uint8_t *s)
{
    QcJ2kInfo *in = &w->r->info;
    in->rsiz = (uint16_t)j2k_be16(s + J2K_SIZ_RSIZ);
    in->xsiz = j2k_be32(s + J2K_SIZ_X);
    in->ysiz = j2k_be32(s + J2K_SIZ_Y);
    in->xosiz = j2k_be32(s + J2K_SIZ_XO);
    in->yosiz = j2k_be32(s + J2K_SIZ_YO);
    in->xtsiz = j2k_be32(s + J2K_SIZ_XT);
    in->ytsiz = j2k_be32(s + J2K_SIZ_YT);
    in->xtosiz = j2k_be32(s + J2K_SIZ_XTO);
    in->ytosiz = j2k_be32(s + J2K_SIZ_YTO);
    in->csiz = (uint16_t)j2k_be16(s + J2K_SIZ_C);
}

/* Ssiz depth 1..38, XRsiz/YRsiz 1..255 for the components the segment holds; the first bad
 * one is reported (a damaged SIZ would otherwise list every component). @return 0 when sane. */
static int read_components(J2kWalk *w, const size_t pos, const unsigned count)
{
    QcJ2kInfo *in = &w->r->info;
    const uint8_t *c = w->buf + pos + J2K_SIZ_COMP;
    for (unsigned i = 0; i < count; i++, c += 3) {
        if (i < 16) {
            in->ssiz[i] = c[0];
            in->xrsiz[i] = c[1];
            in->yrsiz[i] = c[2];
        }
        if ((c[0] & 0x7f) + 1 > 38) {
            qc_j2k_fail(w, pos + J2K_SIZ_COMP + 3 * i, "SIZ component %u: bit depth %u above 38", i,
                        (c[0] & 0x7f) + 1u);
            return -1;
        }
        if (!c[1] || !c[2]) {
            qc_j2k_fail(w, pos + J2K_SIZ_COMP + 3 * i + (c[1] ? 2 : 1),
                        "SIZ component %u: subsampling %ux%u (XRsiz and YRsiz are 1..255)", i, c[1],
                        c[2]);
            return -1;
        }
    }
    return 0;
}

/* The reference grid and the tile grid (T.800 B.2–B.3). @return 0 when the tiles can be
 * counted. */
static int check_grid(J2kWalk *w, const size_t pos)
{
    const QcJ2kInfo *in = &w->r->info;
    if (in->xosiz >= in->xsiz)
        qc_j2k_fail(w, pos + J2K_SIZ_XO, "XOsiz %u not below Xsiz %u", in->xosiz, in->xsiz);
    else if (in->yosiz >= in->ysiz)
        qc_j2k_fail(w, pos + J2K_SIZ_YO, "YOsiz %u not below Ysiz %u", in->yosiz, in->ysiz);
    else if (!in->xtsiz || !in->ytsiz)
        qc_j2k_fail(w, pos + (in->xtsiz ? J2K_SIZ_YT : J2K_SIZ_XT), "tile size %ux%u", in->xtsiz,
                    in->ytsiz);
    else if (in->xtosiz > in->xosiz || in->ytosiz > in->yosiz)
        qc_j2k_fail(w, pos + (in->xtosiz > in->xosiz ? J2K_SIZ_XTO : J2K_SIZ_YTO),
                    "tile origin %u,%u beyond the image origin %u,%u", in->xtosiz, in->ytosiz,
                    in->xosiz, in->yosiz);
    else if ((uint64_t)in->xtosiz + in->xtsiz <= in->xosiz ||
             (uint64_t)in->ytosiz + in->ytsiz <= in->yosiz)
        qc_j2k_fail(w, pos + J2K_SIZ_XT, "the first tile (%u,%u + %ux%u) misses the image at %u,%u",
                    in->xtosiz, in->ytosiz, in->xtsiz, in->ytsiz, in->xosiz, in->yosiz);
    else
        return 0;
    return -1;
}

static int read_siz(J2kWalk *w, const size_t pos)
{
    const uint8_t *s = w->buf + pos;
    QcJ2kInfo *in = &w->r->info;
    if (w->end - pos < 4) {
        qc_j2k_fail(w, pos, "SIZ marker segment truncated");
        return -1;
    }
    const unsigned len = j2k_be16(s + J2K_SIZ_L);
    if (len < 41) {
        qc_j2k_fail(w, pos + J2K_SIZ_L, "SIZ length %u, at least 41 (38 + 3 per component)", len);
        return -1;
    }
    if (len > w->end - pos - 2) {
        qc_j2k_fail(w, pos + J2K_SIZ_L, "SIZ segment (%u bytes) runs past the end", len);
        return -1;
    }
    /* the info is filled only from a SIZ whose length and Csiz agree: the profile and
     * descriptor checks judge nothing a damaged SIZ says */
    const unsigned csiz = j2k_be16(s + J2K_SIZ_C);
    if (!csiz || csiz > 16384) {
        qc_j2k_fail(w, pos + J2K_SIZ_C, "Csiz %u outside 1..16384", csiz);
        return 0; /* the length still lets the walk go on */
    }
    if (len != 38 + 3u * csiz) {
        /* one of the two is wrong and nothing says which: the next marker cannot be found */
        qc_j2k_fail(w, pos + J2K_SIZ_L, "SIZ length %u, Csiz %u needs %u", len, csiz,
                    38 + 3u * csiz);
        return -1;
    }
    read_siz_fields(w, s);
    if (read_components(w, pos, in->csiz) < 0 || check_grid(w, pos) < 0)
        return 0;
    uint64_t tx = ((uint64_t)in->xsiz - in->xtosiz + in->xtsiz - 1) / in->xtsiz;
    uint64_t ty = ((uint64_t)in->ysiz - in->ytosiz + in->ytsiz - 1) / in->ytsiz;
    if (tx * ty > 65535) {
        /* Isot is 16 bits: T.800 caps the tile count at 65535 */
        qc_j2k_fail(w, pos + J2K_SIZ_XT, "%llu x %llu tiles, at most 65535 in all",
                    (unsigned long long)tx, (unsigned long long)ty);
        return 0;
    }
    in->nb_tiles = (uint32_t)(tx * ty);
    w->siz_ok = 1;
    return 0;
}

/* Markers that end or cannot be part of a main header: the walk cannot resynchronise after. */
static int misplaced_in_main(const unsigned m)
{
    return m == J2K_SOC || m == J2K_SIZ || m == J2K_SOD || m == J2K_SOP || m == J2K_EPH ||
           m == J2K_EOC;
}

/* After the main header: the required segments, and QCD's sub-band count against COD's
 * decomposition levels (T.800 A.6.4: Lqcd follows from NL). */
static void main_header_done(J2kWalk *w, const size_t pos)
{
    const QcJ2kInfo *in = &w->r->info;
    if (!w->nb_cod)
        qc_j2k_fail(w, pos, "no COD marker segment in the main header");
    if (!w->nb_qcd)
        qc_j2k_fail(w, pos, "no QCD marker segment in the main header");
    /* COC may give components other levels, and Part 2 decompositions other band counts */
    if (w->nb_cod == 1 && w->qcd_bands >= 0 && in->levels <= 32 && !in->has_coc &&
        !(in->rsiz & J2K_RSIZ_PART2) && in->cod_size >= 10 && w->qcd_bands != 3 * in->levels + 1)
        qc_j2k_fail(w, in->qcd_offset + 2,
                    "QCD codes %d sub-bands; COD's %u decomposition levels need %u", w->qcd_bands,
                    in->levels, 3u * in->levels + 1);
}

int qc_j2k_walk_main(J2kWalk *w)
{
    const uint8_t *b = w->buf;
    const size_t s = w->start, e = w->end;
    if (e - s < 2 || j2k_be16(b + s) != J2K_SOC) {
        qc_j2k_fail(w, s, "no SOC marker (FF4F) at the start of the codestream");
        return -1;
    }
    if (e - s < 4 || j2k_be16(b + s + 2) != J2K_SIZ) {
        qc_j2k_fail(w, s + 2, "SOC is not followed by SIZ (FF51)");
        return -1;
    }
    if (read_siz(w, s + 2) < 0)
        return -1;
    size_t pos = s + 4 + j2k_be16(b + s + 4);
    for (;;) {
        if (e - pos < 2) {
            qc_j2k_fail(w, pos, "the main header ends without a SOT marker");
            return -1;
        }
        const unsigned m = j2k_be16(b + pos);
        if (m == J2K_SOT)
            break;
        const char *name = qc_j2k_marker_name(m);
        if (m < 0xff30) {
            qc_j2k_fail(w, pos, "bytes %02X %02X where the main header needs a marker", b[pos],
                        b[pos + 1]);
            return -1;
        }
        if (misplaced_in_main(m)) {
            qc_j2k_fail(w, pos, "%s marker inside the main header", name);
            return -1;
        }
        if (m <= 0xff3f) { /* T.800 A.1.4: these have no segment */
            pos += 2;
            continue;
        }
        if (e - pos < 4) {
            qc_j2k_fail(w, pos, "marker %02X%02X truncated", b[pos], b[pos + 1]);
            return -1;
        }
        const unsigned len = j2k_be16(b + pos + 2);
        if (len < 2 || len > e - pos - 2) {
            qc_j2k_fail(w, pos + 2, "marker %02X%02X%s%s%s: segment length %u %s", b[pos],
                        b[pos + 1], name ? " (" : "", name ? name : "", name ? ")" : "", len,
                        len < 2 ? "below 2" : "runs past the end");
            return -1;
        }
        qc_j2k_segment(w, m, pos, pos + 2 + len, 0);
        pos += 2 + len;
    }
    w->first_sot = pos;
    w->r->info.header_size = pos - s;
    main_header_done(w, pos);
    return 0;
}
