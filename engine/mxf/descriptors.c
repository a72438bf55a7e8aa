// SPDX-License-Identifier: MIT
#include "engine/mxf/descriptors.h"

#include <string.h>

#include "engine/mxf/model.h"
#include "engine/mxf/mxf_internal.h"

static uint32_t u32(const QcMxfSet *s, const char *name)
{
    uint64_t v;
    return qc_mxf_get_uint(s, name, &v) == 0 && v <= UINT32_MAX ? (uint32_t)v : 0;
}

static void read_j2k(const QcMxfSet *s, QcMxfJ2kInfo *j)
{
    j->present = 1;
    j->rsiz = (uint16_t)u32(s, "Rsiz");
    j->csiz = (uint16_t)u32(s, "Csiz");
    j->xsiz = u32(s, "Xsiz");
    j->ysiz = u32(s, "Ysiz");
    j->xosiz = u32(s, "XOsiz");
    j->yosiz = u32(s, "YOsiz");
    j->xtsiz = u32(s, "XTsiz");
    j->ytsiz = u32(s, "YTsiz");
    j->xtosiz = u32(s, "XTOsiz");
    j->ytosiz = u32(s, "YTOsiz");
    const QcMxfProperty *p = qc_mxf_get(s, "PictureComponentSizing");
    if (p && p->length >= 8 && qc_be32(p->value + 4) == 3) {
        uint32_t n = qc_be32(p->value);
        for (uint32_t i = 0; i < n && i < QC_J2K_MAX_COMPONENTS && 8 + 3 * i + 3 <= p->length;
             i++) {
            j->ssiz[i] = p->value[8 + 3 * i];
            j->xrsiz[i] = p->value[9 + 3 * i];
            j->yrsiz[i] = p->value[10 + 3 * i];
        }
    }
    if ((p = qc_mxf_get(s, "CodingStyleDefault")) != NULL) {
        j->cod = p->value;
        j->cod_length = p->length;
    }
    if ((p = qc_mxf_get(s, "QuantizationDefault")) != NULL) {
        j->qcd = p->value;
        j->qcd_length = p->length;
    }
}

static void find_j2k(const QcMxf *m, const QcMxfSet *d, QcMxfJ2kInfo *j)
{
    const uint8_t *refs;
    uint32_t n;
    if (qc_mxf_get_array16(d, "SubDescriptors", &refs, &n) < 0)
        return;
    for (uint32_t k = 0; k < n; k++) {
        const QcMxfSet *s = qc_mxf_set_by_uid(m, refs + 16 * k);
        if (s && qc_mxf_class_is(s->cls, "JPEG2000PictureSubDescriptor")) {
            read_j2k(s, j);
            return;
        }
    }
}

int qc_mxf_picture_info(const QcMxf *m, const QcMxfSet *d, QcMxfPictureInfo *o)
{
    memset(o, 0, sizeof(*o));
    if (!d || !qc_mxf_class_is(d->cls, "GenericPictureEssenceDescriptor"))
        return -1;
    o->rgba = qc_mxf_class_is(d->cls, "RGBAEssenceDescriptor");
    qc_mxf_get_rational(d, "SampleRate", &o->rate_num, &o->rate_den);
    if (qc_mxf_get_int(d, "ContainerDuration", &o->container_duration) < 0)
        o->container_duration = -1;
    o->stored_width = u32(d, "StoredWidth");
    o->stored_height = u32(d, "StoredHeight");
    o->sampled_width = u32(d, "SampledWidth");
    o->sampled_height = u32(d, "SampledHeight");
    o->display_width = u32(d, "DisplayWidth");
    o->display_height = u32(d, "DisplayHeight");
    qc_mxf_get_rational(d, "AspectRatio", &o->aspect_num, &o->aspect_den);
    uint64_t v;
    o->frame_layout = qc_mxf_get_uint(d, "FrameLayout", &v) == 0 ? (int)v : -1;
    o->component_depth = u32(d, "ComponentDepth");
    o->horizontal_subsampling = u32(d, "HorizontalSubsampling");
    o->vertical_subsampling = u32(d, "VerticalSubsampling");
    o->component_max_ref = u32(d, "ComponentMaxRef");
    o->component_min_ref = u32(d, "ComponentMinRef");
    const QcMxfProperty *layout = qc_mxf_get(d, "PixelLayout");
    if (o->rgba && layout && layout->length >= 2)
        o->component_depth = layout->value[1];
    o->has_coding = !qc_mxf_get_bytes(d, "PictureEssenceCoding", o->coding, 16);
    o->has_color_primaries = !qc_mxf_get_bytes(d, "ColorPrimaries", o->color_primaries, 16);
    o->has_transfer = !qc_mxf_get_bytes(d, "CaptureGamma", o->transfer, 16);
    o->has_coding_equations = !qc_mxf_get_bytes(d, "CodingEquations", o->coding_equations, 16);
    qc_mxf_get_bytes(d, "EssenceContainer", o->essence_container, 16);
    find_j2k(m, d, &o->j2k);
    return 0;
}

int qc_mxf_sound_info(const QcMxfSet *d, QcMxfSoundInfo *o)
{
    memset(o, 0, sizeof(*o));
    if (!d || !qc_mxf_class_is(d->cls, "GenericSoundEssenceDescriptor"))
        return -1;
    qc_mxf_get_rational(d, "AudioSamplingRate", &o->rate_num, &o->rate_den);
    o->channels = u32(d, "ChannelCount");
    o->bits = u32(d, "QuantizationBits");
    o->block_align = u32(d, "BlockAlign");
    o->avg_bps = u32(d, "AvgBps");
    if (qc_mxf_get_int(d, "ContainerDuration", &o->container_duration) < 0)
        o->container_duration = -1;
    qc_mxf_get_bytes(d, "EssenceContainer", o->essence_container, 16);
    return 0;
}
