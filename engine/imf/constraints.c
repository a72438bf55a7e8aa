// SPDX-License-Identifier: MIT
/* Core constraints and App 2E picture rules on MXF descriptors (primer §5.2–5.3). The colour
 * label values and combinations are those Photon's Colorimetry and asdcplib's MDD list. */
#include "engine/imf/constraints.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine/mxf/ul.h"

enum { P_PAL = 1, P_170M, P_709, P_2020, P_P3D65 };
enum { T_709 = 1, T_XVYCC, T_2020, T_PQ, T_HLG };
enum { E_601 = 1, E_709, E_2020NCL };

/* byte 13 of the colour ULs (04.01.01.01.0X.YY) names the value; byte 7 (version) is ignored */
static int label_code(const uint8_t *ul, uint8_t group)
{
    static const uint8_t prefix[12] = {0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01,
                                       0x01, 0x00, 0x04, 0x01, 0x01, 0x01};
    if (!qc_ul_prefix(ul, prefix, 12) || ul[12] != group || ul[14] || ul[15])
        return 0;
    return ul[13];
}

static int primaries(const uint8_t *ul)
{
    static const int map[] = {0, 0 /*170M*/, P_PAL, P_709, P_2020, 0, P_P3D65};
    int c = label_code(ul, 0x03);
    if (c == 1)
        return P_170M;
    return c > 0 && c < 7 ? map[c] : 0;
}

static int transfer(const uint8_t *ul)
{
    switch (label_code(ul, 0x01)) {
    case 0x02: return T_709;
    case 0x08: return T_XVYCC;
    case 0x09: return T_2020;
    case 0x0a: return T_PQ;
    case 0x0b: return T_HLG;
    default: return 0;
    }
}

static int equations(const uint8_t *ul)
{
    switch (label_code(ul, 0x02)) {
    case 0x01: return E_601;
    case 0x02: return E_709;
    case 0x06: return E_2020NCL;
    default: return 0;
    }
}

/* Color1..Color8 (ST 2067-21 Table 3 as Photon codes it); 0 = coding equations not constrained */
static const struct {
    int p, t, e;
} combos[] = {
    {P_PAL, T_709, E_601},   {P_170M, T_709, E_601},  {P_709, T_709, E_709},
    {P_709, T_XVYCC, E_709}, {P_2020, T_2020, E_2020NCL}, {P_P3D65, T_PQ, 0},
    {P_2020, T_PQ, E_2020NCL}, {P_2020, T_HLG, E_2020NCL},
};

static int add(QcConstraintBreach *out, int *n, int blocker, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int add(QcConstraintBreach *out, int *n, int blocker, const char *fmt, ...)
{
    if (*n >= QC_CONSTRAINT_MAX)
        return *n;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out[*n].message, sizeof(out[*n].message), fmt, ap);
    va_end(ap);
    out[*n].blocker = blocker;
    return ++*n;
}

static void check_colour(const QcMxfPictureInfo *pi, QcConstraintBreach *out, int *n)
{
    int p = pi->has_color_primaries ? primaries(pi->color_primaries) : 0;
    int t = pi->has_transfer ? transfer(pi->transfer) : 0;
    int e = pi->has_coding_equations ? equations(pi->coding_equations) : 0;
    if (!p || !t) {
        add(out, n, 1, "ColorPrimaries and TransferCharacteristic must name one of App 2E's "
                       "colorimetries (Color1-Color8); %s",
            !pi->has_color_primaries || !pi->has_transfer ? "one is missing" : "one is unknown");
        return;
    }
    for (size_t i = 0; i < sizeof(combos) / sizeof(combos[0]); i++)
        if (combos[i].p == p && combos[i].t == t &&
            (pi->rgba || !combos[i].e || combos[i].e == e))
            return;
    add(out, n, 1, "the ColorPrimaries / TransferCharacteristic%s labels form none of App 2E's "
                   "colorimetries Color1-Color8",
        pi->rgba ? "" : " / CodingEquations");
}

static void check_sampling(const QcMxfPictureInfo *pi, QcConstraintBreach *out, int *n)
{
    if (pi->rgba) {
        uint32_t depth = pi->component_depth, top = depth && depth < 32 ? (1u << depth) - 1 : 0;
        uint32_t lo = depth >= 8 ? 16u << (depth - 8) : 0, hi = depth >= 8 ? 235u << (depth - 8) : 0;
        int qe2 = pi->component_min_ref == 0 && pi->component_max_ref == top;
        int qe1 = pi->component_min_ref == lo && pi->component_max_ref == hi;
        if (top && !qe1 && !qe2)
            add(out, n, 1, "ComponentMinRef/ComponentMaxRef %u/%u are neither narrow (%u/%u) nor "
                           "full (0/%u) range for %u-bit RGB",
                pi->component_min_ref, pi->component_max_ref, lo, hi, top, depth);
        return;
    }
    if (!pi->component_depth)
        add(out, n, 1, "the CDCI descriptor has no ComponentDepth");
    if (!(pi->vertical_subsampling == 1 &&
          (pi->horizontal_subsampling == 1 || pi->horizontal_subsampling == 2)))
        add(out, n, 1, "Y'CbCr sub-sampling %u:%u is neither 4:2:2 nor 4:4:4",
            pi->horizontal_subsampling, pi->vertical_subsampling);
}

int qc_app2e_check_picture(const QcMxfPictureInfo *pi, int has_f2_offset, int has_line_map,
                           int32_t rate_num, int32_t rate_den, QcConstraintBreach *out)
{
    int n = 0;
    static const uint8_t j2k[14] = {0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01, 0x01,
                                    0x00, 0x04, 0x01, 0x02, 0x02, 0x03, 0x01};
    if (!pi->has_coding || !qc_ul_prefix(pi->coding, j2k, 14)) {
        char ul[64] = "none";
        if (pi->has_coding)
            qc_ul_format(pi->coding, ul, sizeof(ul));
        add(out, &n, 1, "PictureEssenceCoding %s is not JPEG 2000, which App 2E requires", ul);
    }
    if (!pi->stored_width || !pi->stored_height)
        add(out, &n, 1, "StoredWidth/StoredHeight are missing or zero");
    if ((pi->sampled_width && pi->sampled_width != pi->stored_width) ||
        (pi->sampled_height && pi->sampled_height != pi->stored_height))
        add(out, &n, 1, "SampledWidth/Height %ux%u differ from StoredWidth/Height %ux%u",
            pi->sampled_width, pi->sampled_height, pi->stored_width, pi->stored_height);
    if (has_f2_offset)
        add(out, &n, 1, "the descriptor has a StoredF2Offset, which App 2E forbids");
    if (!has_line_map)
        add(out, &n, 0, "the descriptor has no VideoLineMap, which App 2E requires");
    check_colour(pi, out, &n);
    check_sampling(pi, out, &n);
    /* FullFrame goes in the P1 container, SeparateFields in I1 (byte 14 of the EC label) */
    int kind = pi->essence_container[14];
    if ((pi->frame_layout == 0 && kind != 0x06) || (pi->frame_layout == 1 && kind != 0x03))
        add(out, &n, 0, "FrameLayout %s should be carried in the JPEG 2000 %s essence container "
                        "(byte 14 = %02x)",
            pi->frame_layout ? "SeparateFields" : "FullFrame", pi->frame_layout ? "I1" : "P1",
            kind);
    if (pi->frame_layout != 1 && rate_num > 0 &&
        (int64_t)pi->rate_num * rate_den != (int64_t)pi->rate_den * rate_num)
        add(out, &n, 1, "the descriptor's SampleRate %d/%d is not the resource's EditRate %d/%d",
            pi->rate_num, pi->rate_den, rate_num, rate_den);
    return n;
}

int qc_core_check_sound(const QcMxfSoundInfo *si, QcConstraintBreach *out)
{
    int n = 0;
    if (si->rate_den <= 0 || si->rate_num % si->rate_den ||
        (si->rate_num / si->rate_den != 48000 && si->rate_num / si->rate_den != 96000))
        add(out, &n, 1, "AudioSampleRate %d/%d: IMF audio is 48000/1 or 96000/1 (ST 2067-2)",
            si->rate_num, si->rate_den);
    if (si->bits != 24)
        add(out, &n, 1, "QuantizationBits %u: IMF audio is 24-bit (ST 2067-2)", si->bits);
    return n;
}
