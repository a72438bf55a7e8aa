// SPDX-License-Identifier: MIT
/* Profile rules that the codestream alone decides (qc-domain §2.6). The IMF profiles follow
 * ISO/IEC 15444-1 Amd 8 as OpenJPEG's opj_j2k_is_imf_compliant enforces it; HTJ2K follows
 * ST 2067-21 Annex I as Photon's validateHTConstraints reads it. Offsets point at the field at
 * fault: SIZ always sits right after SOC, COD and CAP where the walk found them. */
#include "engine/codec/j2k/j2k_internal.h"

typedef struct ImfProfile {
    unsigned code;
    const char *name;
    int lossy;             /* 9-7, single tile; else 5-3, single or multi-tile */
    uint32_t max_w, max_h; /* largest picture */
    unsigned max_levels;   /* decomposition levels at the largest tiles */
} ImfProfile;

static const ImfProfile imf_profiles[] = {
    {0x0400, "IMF 2K", 1, 2048, 1556, 5},   {0x0500, "IMF 4K", 1, 4096, 3112, 6},
    {0x0600, "IMF 8K", 1, 8192, 6224, 7},   {0x0700, "IMF 2K_R", 0, 2048, 1556, 5},
    {0x0800, "IMF 4K_R", 0, 4096, 3112, 6}, {0x0900, "IMF 8K_R", 0, 8192, 6224, 7},
};

static unsigned comps(const QcJ2kInfo *in)
{
    return in->csiz < 16 ? in->csiz : 16;
}

/* Table A.53: the highest sublevel each mainlevel allows (mainlevel 0: unspecified). */
static void imf_levels(QcJ2kReport *r)
{
    static const unsigned max_sub[12] = {15, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    const QcJ2kInfo *in = &r->info;
    const unsigned main = in->rsiz & 0xf, sub = (in->rsiz >> 4) & 0xf;
    if (main > 11)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_siz_at(in, J2K_SIZ_RSIZ),
                       "Rsiz 0x%04x: IMF mainlevel %u, at most 11", in->rsiz, main);
    else if (sub > max_sub[main])
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_siz_at(in, J2K_SIZ_RSIZ),
                       "Rsiz 0x%04x: IMF sublevel %u above mainlevel %u's %u", in->rsiz, sub, main,
                       max_sub[main]);
}

/* XRsiz1 = 1, XRsiz2 in {1, 2} (4:4:4 or 4:2:2), XRsiz3 = XRsiz2, every YRsiz = 1. */
static void imf_components(QcJ2kReport *r, const char *name)
{
    const QcJ2kInfo *in = &r->info;
    if (in->csiz > 3)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_siz_at(in, J2K_SIZ_C), "%s: %u components, at most 3",
                       name, in->csiz);
    for (unsigned i = 0; i < comps(in); i++) {
        const size_t at = j2k_siz_at(in, J2K_SIZ_COMP + 3 * i);
        const unsigned depth = (in->ssiz[i] & 0x7fu) + 1, xr = in->xrsiz[i];
        if ((in->ssiz[i] & 0x80) || depth < 8 || depth > 16) {
            qc_j2k_problem(r, QC_J2K_PROFILE, at, "%s: component %u is %u-bit %s (8..16 unsigned)",
                           name, i, depth, (in->ssiz[i] & 0x80) ? "signed" : "unsigned");
            return;
        }
        if ((i == 0 && xr != 1) || (i == 1 && xr != 1 && xr != 2) ||
            (i >= 2 && xr != in->xrsiz[1]) || in->yrsiz[i] != 1) {
            qc_j2k_problem(r, QC_J2K_PROFILE, at + 1,
                           "%s: component %u subsampled %ux%u (4:4:4 or 4:2:2 only)", name, i, xr,
                           in->yrsiz[i]);
            return;
        }
    }
}

static void imf_grid(QcJ2kReport *r, const ImfProfile *p)
{
    const QcJ2kInfo *in = &r->info;
    if (in->xosiz || in->yosiz)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_siz_at(in, J2K_SIZ_XO),
                       "%s: image origin %u,%u, not 0,0", p->name, in->xosiz, in->yosiz);
    if (in->xtosiz || in->ytosiz)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_siz_at(in, J2K_SIZ_XTO),
                       "%s: tile origin %u,%u, not 0,0", p->name, in->xtosiz, in->ytosiz);
    const uint32_t w = in->xsiz - in->xosiz, h = in->ysiz - in->yosiz;
    if (w > p->max_w || h > p->max_h)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_siz_at(in, J2K_SIZ_X),
                       "%s: picture %ux%u above %ux%u", p->name, w, h, p->max_w, p->max_h);
    const int one_tile = in->xtsiz >= in->xsiz && in->ytsiz >= in->ysiz;
    /* reversible: square 1024 tiles, 2048 from 4K up, 4096 for 8K */
    const int square = in->xtsiz == in->ytsiz && p->max_w / 2 >= in->xtsiz &&
                       (in->xtsiz == 1024 || in->xtsiz == 2048 || in->xtsiz == 4096);
    if (!one_tile && (p->lossy || !square))
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_siz_at(in, J2K_SIZ_XT),
                       "%s: tiles %ux%u on a %ux%u image (%s)", p->name, in->xtsiz, in->ytsiz,
                       in->xsiz, in->ysiz,
                       p->lossy ? "one tile only"
                                : "one tile, or square 1024 / 2048 (4K, 8K) / 4096 (8K) tiles");
}

/* Decomposition levels: fixed per lossy profile; by tile width for the reversible ones, with no
 * rule below 1024-wide tiles (as OpenJPEG). @return the maximum, 0 for no rule. */
static unsigned imf_max_levels(const QcJ2kInfo *in, const ImfProfile *p)
{
    if (p->lossy)
        return p->max_levels;
    unsigned m = in->xtsiz >= 8192   ? 7
                 : in->xtsiz >= 4096 ? 6
                 : in->xtsiz >= 2048 ? 5
                 : in->xtsiz >= 1024 ? 4
                                     : 0;
    return m > p->max_levels ? p->max_levels : m;
}

/* Precincts 128x128 (PPx = PPy = 7) for the lowest resolution, 256x256 above. */
static void check_precincts(QcJ2kReport *r, const char *name)
{
    const QcJ2kInfo *in = &r->info;
    if (!(in->cod[J2K_COD_SCOD] & 1)) {
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_cod_at(in, J2K_COD_SCOD),
                       "%s: default precincts; 0x77 then 0x88 per resolution are required", name);
        return;
    }
    for (unsigned i = 0; i <= in->levels && J2K_COD_PRECINCTS + i < in->cod_size; i++) {
        const unsigned want = i ? 0x88 : 0x77, got = in->cod[J2K_COD_PRECINCTS + i];
        if (got != want) {
            qc_j2k_problem(r, QC_J2K_PROFILE, j2k_cod_at(in, J2K_COD_PRECINCTS + i),
                           "%s: resolution %u precincts 0x%02x, not 0x%02x", name, i, got, want);
            return;
        }
    }
}

static void imf_cod(QcJ2kReport *r, const ImfProfile *p)
{
    const QcJ2kInfo *in = &r->info;
    const char *n = p->name;
    if (in->xcb != 3 || in->ycb != 3)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_cod_at(in, J2K_COD_XCB),
                       "%s: code-blocks 2^%u x 2^%u, not 32x32", n, in->xcb + 2u, in->ycb + 2u);
    if (in->progression != 4)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_cod_at(in, J2K_COD_PROG),
                       "%s: progression %u, not CPRL (4)", n, in->progression);
    if (in->cblk_style)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_cod_at(in, J2K_COD_STYLE),
                       "%s: code-block style 0x%02x, no mode switch allowed", n, in->cblk_style);
    if (in->layers != 1)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_cod_at(in, J2K_COD_LAYERS),
                       "%s: %u quality layers, not 1", n, in->layers);
    if (in->transform != (p->lossy ? 0 : 1))
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_cod_at(in, J2K_COD_TRANSFORM),
                       "%s: %s wavelet, needs %s", n, in->transform ? "5-3" : "9-7",
                       p->lossy ? "9-7" : "5-3");
    const unsigned max = imf_max_levels(in, p);
    if (max && (in->levels < 1 || in->levels > max))
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_cod_at(in, J2K_COD_LEVELS),
                       "%s: %u decomposition levels, 1..%u allowed", n, in->levels, max);
    check_precincts(r, n);
}

static void imf_rules(QcJ2kReport *r, const ImfProfile *p)
{
    const QcJ2kInfo *in = &r->info;
    imf_levels(r);
    imf_components(r, p->name);
    imf_grid(r, p);
    if (in->has_rgn || in->has_poc)
        qc_j2k_problem(r, QC_J2K_PROFILE, in->codestream_offset, "%s: %s marker present", p->name,
                       in->has_rgn ? "RGN" : "POC");
    if (in->cod_size >= 10)
        imf_cod(r, p);
}

/* Annex I: zero origins, one tile, 1..4 components, 4:4:4 or 4:2:2, 8..16 bits alike. */
static void ht_siz(QcJ2kReport *r)
{
    const QcJ2kInfo *in = &r->info;
    if (in->xosiz || in->yosiz || in->xtosiz || in->ytosiz)
        qc_j2k_problem(r, QC_J2K_PROFILE,
                       j2k_siz_at(in, in->xosiz || in->yosiz ? J2K_SIZ_XO : J2K_SIZ_XTO),
                       "HTJ2K: image or tile origin not 0,0");
    if (in->xtsiz < in->xsiz || in->ytsiz < in->ysiz)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_siz_at(in, J2K_SIZ_XT),
                       "HTJ2K: tiles %ux%u; one tile must cover the %ux%u image", in->xtsiz,
                       in->ytsiz, in->xsiz, in->ysiz);
    if (in->csiz > 4)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_siz_at(in, J2K_SIZ_C), "HTJ2K: %u components, 1..4",
                       in->csiz);
    const unsigned n = comps(in), x1 = n > 1 ? in->xrsiz[1] : 1, x2 = n > 2 ? in->xrsiz[2] : 1;
    const int s422 = n > 2 && x1 == 2 && x2 == 2;
    for (unsigned i = 0; i < n; i++) {
        const size_t at = j2k_siz_at(in, J2K_SIZ_COMP + 3 * i);
        const int xr_ok = in->xrsiz[i] == 1 || ((i == 1 || i == 2) && s422);
        if (!xr_ok || in->yrsiz[i] != 1) {
            qc_j2k_problem(r, QC_J2K_PROFILE, at + 1,
                           "HTJ2K: component %u subsampled %ux%u (4:4:4 or 4:2:2 only)", i,
                           in->xrsiz[i], in->yrsiz[i]);
            break;
        }
    }
    for (unsigned i = 0; i < n; i++) {
        if (in->ssiz[i] < 7 || in->ssiz[i] > 15 || in->ssiz[i] != in->ssiz[0]) {
            qc_j2k_problem(r, QC_J2K_PROFILE, j2k_siz_at(in, J2K_SIZ_COMP + 3 * i),
                           "HTJ2K: component %u Ssiz 0x%02x (8..16-bit unsigned, all alike)", i,
                           in->ssiz[i]);
            break;
        }
    }
}

/* Rsiz bit 14 and the CAP marker announce each other; Annex I wants Part 15 alone. */
static int ht_cap(QcJ2kReport *r)
{
    const QcJ2kInfo *in = &r->info;
    if (!(in->rsiz & J2K_RSIZ_CAP))
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_siz_at(in, J2K_SIZ_RSIZ),
                       "HTJ2K: Rsiz 0x%04x without bit 14 (CAP marker present)", in->rsiz);
    if (!in->has_cap || in->pcap != J2K_PCAP_PART15) {
        qc_j2k_problem(r, QC_J2K_PROFILE,
                       in->has_cap ? in->cap_offset + 4 : j2k_siz_at(in, J2K_SIZ_RSIZ),
                       in->has_cap ? "HTJ2K: Pcap 0x%08x, only Part 15 (0x00020000) allowed"
                                   : "HTJ2K: no CAP marker (Pcap 0x%08x)",
                       (unsigned)in->pcap);
        return -1;
    }
    const size_t ccap = in->cap_offset + 8;
    const unsigned magb = in->ccap15 & 0x1f;
    if (in->ccap15 & 0xf000)
        qc_j2k_problem(r, QC_J2K_PROFILE, ccap,
                       "HTJ2K: Ccap15 0x%04x, bits 12-15 must be 0 (HT only, one set, no RGN)",
                       in->ccap15);
    /* MAGB 13 is B = 21, the most any Annex I configuration allows */
    if (magb > 13)
        qc_j2k_problem(r, QC_J2K_PROFILE, ccap, "HTJ2K: Ccap15 MAGB %u, parameter B above 21",
                       magb);
    return 0;
}

static void ht_cod(QcJ2kReport *r, const int cap_ok)
{
    const QcJ2kInfo *in = &r->info;
    const uint32_t side = in->xsiz > in->ysiz ? in->xsiz : in->ysiz;
    const unsigned max = side <= 2048 ? 5 : side <= 4096 ? 6 : side <= 8192 ? 7 : 32;
    if (in->cblk_style != 0x40)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_cod_at(in, J2K_COD_STYLE),
                       "HTJ2K: code-block style 0x%02x, not 0x40 (HT)", in->cblk_style);
    if (in->levels < 1 || in->levels > max)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_cod_at(in, J2K_COD_LEVELS),
                       "HTJ2K: %u decomposition levels, 1..%u for a %u-sample side", in->levels,
                       max, side);
    if (in->layers != 1)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_cod_at(in, J2K_COD_LAYERS),
                       "HTJ2K: %u quality layers, not 1", in->layers);
    if (in->xcb < 3 || in->xcb > 5 || in->ycb < 3 || in->ycb > 4)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_cod_at(in, J2K_COD_XCB),
                       "HTJ2K: code-blocks 2^%u x 2^%u (width 32..128, height 32..64)",
                       in->xcb + 2u, in->ycb + 2u);
    /* Ccap15 bit 5 clear says HTREV: only the reversible 5-3 path */
    if (cap_ok && !(in->ccap15 & 0x20) && in->transform != 1)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_cod_at(in, J2K_COD_TRANSFORM),
                       "HTJ2K: 9-7 wavelet, but Ccap15 signals HTREV (reversible only)");
    check_precincts(r, "HTJ2K");
}

static void ht_rules(QcJ2kReport *r)
{
    const QcJ2kInfo *in = &r->info;
    const int cap_ok = ht_cap(r) == 0;
    ht_siz(r);
    if (in->cod_size >= 10)
        ht_cod(r, cap_ok);
    if (!in->has_tlm)
        qc_j2k_problem(r, QC_J2K_PROFILE, in->codestream_offset + in->header_size,
                       "HTJ2K: no TLM marker in the main header");
}

void qc_j2k_check_profile(QcJ2kReport *r)
{
    const QcJ2kInfo *in = &r->info;
    if (!in->csiz)
        return; /* SIZ was not read: nothing to judge */
    if (in->htj2k) {
        ht_rules(r);
        return;
    }
    if (in->has_cap)
        qc_j2k_problem(r, QC_J2K_PROFILE, j2k_siz_at(in, J2K_SIZ_RSIZ),
                       "CAP marker present, but Rsiz 0x%04x lacks bit 14", in->rsiz);
    for (size_t i = 0; i < sizeof(imf_profiles) / sizeof(imf_profiles[0]); i++)
        if ((in->rsiz & 0xff00u) == imf_profiles[i].code)
            imf_rules(r, &imf_profiles[i]);
}
