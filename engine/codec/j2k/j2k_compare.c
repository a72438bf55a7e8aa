// SPDX-License-Identifier: MIT
/* The codestream against the MXF picture descriptor and its JPEG 2000 sub-descriptor (primer
 * §3.8). A descriptor that disagrees with its essence misleads every downstream decoder set-up,
 * so each disagreeing field is its own problem, naming both values. */
#include <string.h>

#include "engine/codec/j2k/j2k_internal.h"

static void mismatch_u32(QcJ2kReport *r, const size_t at, const char *field, const uint32_t d,
                         const uint32_t c)
{
    if (d != c)
        qc_j2k_problem(r, QC_J2K_MISMATCH, at, "%s: descriptor %u, codestream %u", field,
                       (unsigned)d, (unsigned)c);
}

/* The picture descriptor proper: StoredWidth/Height, 3 components, depth, CDCI subsampling. */
static void compare_picture(QcJ2kReport *r, const QcMxfPictureInfo *d)
{
    const QcJ2kInfo *in = &r->info;
    const unsigned n = in->csiz < 16 ? in->csiz : 16;
    if (d->stored_width)
        mismatch_u32(r, j2k_siz_at(in, J2K_SIZ_X), "StoredWidth", d->stored_width,
                     in->xsiz - in->xosiz);
    if (d->stored_height)
        mismatch_u32(r, j2k_siz_at(in, J2K_SIZ_Y), "StoredHeight", d->stored_height,
                     in->ysiz - in->yosiz);
    /* IMF pictures are RGB or Y'CbCr, 4:4:4 or 4:2:2: three components either way */
    if (in->csiz != 3)
        qc_j2k_problem(r, QC_J2K_MISMATCH, j2k_siz_at(in, J2K_SIZ_C),
                       "components: descriptor (%s) 3, codestream %u", d->rgba ? "RGBA" : "CDCI",
                       in->csiz);
    for (unsigned i = 0; d->component_depth && i < n; i++) {
        const unsigned depth = (in->ssiz[i] & 0x7fu) + 1;
        if (depth != d->component_depth) {
            qc_j2k_problem(r, QC_J2K_MISMATCH, j2k_siz_at(in, J2K_SIZ_COMP + 3 * i),
                           "ComponentDepth: descriptor %u, codestream component %u is %u-bit",
                           (unsigned)d->component_depth, i, depth);
            break;
        }
    }
    if (d->rgba)
        return;
    /* colour difference components are the second and third */
    for (unsigned i = 1; d->horizontal_subsampling && i < n && i < 3; i++) {
        if (in->xrsiz[i] != d->horizontal_subsampling) {
            qc_j2k_problem(r, QC_J2K_MISMATCH, j2k_siz_at(in, J2K_SIZ_COMP + 3 * i + 1),
                           "HorizontalSubsampling: descriptor %u, codestream XRsiz%u %u",
                           (unsigned)d->horizontal_subsampling, i + 1, in->xrsiz[i]);
            break;
        }
    }
    for (unsigned i = 1; d->vertical_subsampling && i < n && i < 3; i++) {
        if (in->yrsiz[i] != d->vertical_subsampling) {
            qc_j2k_problem(r, QC_J2K_MISMATCH, j2k_siz_at(in, J2K_SIZ_COMP + 3 * i + 2),
                           "VerticalSubsampling: descriptor %u, codestream YRsiz%u %u",
                           (unsigned)d->vertical_subsampling, i + 1, in->yrsiz[i]);
            break;
        }
    }
}

/* PictureComponentSizing: the first component whose Ssiz/XRsiz/YRsiz differ. */
static void compare_sizing(QcJ2kReport *r, const QcMxfJ2kInfo *j)
{
    const QcJ2kInfo *in = &r->info;
    const unsigned n = in->csiz < 16 ? in->csiz : 16;
    if (!j->xrsiz[0])
        return; /* absent: XRsiz is never 0 in a real entry */
    for (unsigned i = 0; i < n; i++) {
        if (j->ssiz[i] != in->ssiz[i] || j->xrsiz[i] != in->xrsiz[i] ||
            j->yrsiz[i] != in->yrsiz[i]) {
            qc_j2k_problem(r, QC_J2K_MISMATCH, j2k_siz_at(in, J2K_SIZ_COMP + 3 * i),
                           "PictureComponentSizing[%u]: descriptor %02x %02x %02x, codestream "
                           "%02x %02x %02x",
                           i, j->ssiz[i], j->xrsiz[i], j->yrsiz[i], in->ssiz[i], in->xrsiz[i],
                           in->yrsiz[i]);
            return;
        }
    }
}

/* CodingStyleDefault / QuantizationDefault: the marker bodies, byte for byte. */
static void compare_bytes(QcJ2kReport *r, const size_t at, const char *field, const uint8_t *d,
                          const size_t dn, const uint8_t *c, const size_t cn)
{
    if (!d || !cn)
        return; /* absent in the descriptor, or no such marker (a structure problem already) */
    const size_t n = dn < cn ? dn : cn;
    for (size_t i = 0; i < n; i++) {
        if (d[i] != c[i]) {
            qc_j2k_problem(r, QC_J2K_MISMATCH, at + i,
                           "%s byte %zu: descriptor 0x%02x, codestream 0x%02x (%zu / %zu bytes)",
                           field, i, d[i], c[i], dn, cn);
            return;
        }
    }
    if (dn != cn)
        qc_j2k_problem(r, QC_J2K_MISMATCH, at, "%s: descriptor %zu bytes, codestream %zu", field,
                       dn, cn);
}

static void compare_subdescriptor(QcJ2kReport *r, const QcMxfJ2kInfo *j)
{
    const QcJ2kInfo *in = &r->info;
    if (j->rsiz != in->rsiz)
        qc_j2k_problem(r, QC_J2K_MISMATCH, j2k_siz_at(in, J2K_SIZ_RSIZ),
                       "Rsiz: descriptor 0x%04x, codestream 0x%04x", j->rsiz, in->rsiz);
    const struct {
        const char *name;
        uint32_t d, c;
    } f[8] = {
        {"Xsiz", j->xsiz, in->xsiz},       {"Ysiz", j->ysiz, in->ysiz},
        {"XOsiz", j->xosiz, in->xosiz},    {"YOsiz", j->yosiz, in->yosiz},
        {"XTsiz", j->xtsiz, in->xtsiz},    {"YTsiz", j->ytsiz, in->ytsiz},
        {"XTOsiz", j->xtosiz, in->xtosiz}, {"YTOsiz", j->ytosiz, in->ytosiz},
    };
    for (unsigned i = 0; i < 8; i++) /* consecutive 32-bit SIZ fields from Xsiz on */
        mismatch_u32(r, j2k_siz_at(in, J2K_SIZ_X + 4 * i), f[i].name, f[i].d, f[i].c);
    mismatch_u32(r, j2k_siz_at(in, J2K_SIZ_C), "Csiz", j->csiz, in->csiz);
    compare_sizing(r, j);
    compare_bytes(r, j2k_cod_at(in, 0), "CodingStyleDefault", j->cod, j->cod_length, in->cod,
                  in->cod_size);
    compare_bytes(r, in->qcd_offset + 4, "QuantizationDefault", j->qcd, j->qcd_length, in->qcd,
                  in->qcd_size);
}

void qc_j2k_compare(QcJ2kReport *r, const QcMxfPictureInfo *d)
{
    if (!d || !r->info.csiz)
        return; /* no descriptor, or SIZ was not read */
    compare_picture(r, d);
    if (d->j2k.present)
        compare_subdescriptor(r, &d->j2k);
}
