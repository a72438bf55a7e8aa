// SPDX-License-Identifier: MIT
#include "engine/mxf/mca.h"

#include <string.h>

#include "engine/mxf/model.h"

static void read_label(const QcMxfSet *s, int kind, QcMcaLabel *l)
{
    uint64_t v;
    memset(l, 0, sizeof(*l));
    l->kind = kind;
    l->offset = s->offset;
    if (!qc_mxf_get_uint(s, "MCAChannelID", &v) && v <= UINT32_MAX)
        l->channel_id = (uint32_t)v;
    qc_mxf_get_string(s, "MCATagSymbol", l->symbol, sizeof(l->symbol));
    qc_mxf_get_string(s, "MCATagName", l->name, sizeof(l->name));
    qc_mxf_get_string(s, "RFC5646SpokenLanguage", l->language, sizeof(l->language));
    qc_mxf_get_string(s, "MCATitle", l->title, sizeof(l->title));
    qc_mxf_get_string(s, "MCATitleVersion", l->title_version, sizeof(l->title_version));
    qc_mxf_get_string(s, "MCAAudioContentKind", l->content_kind, sizeof(l->content_kind));
    qc_mxf_get_string(s, "MCAAudioElementKind", l->element_kind, sizeof(l->element_kind));
    l->has_dict_id = !qc_mxf_get_bytes(s, "MCALabelDictionaryID", l->dict_id, 16);
    l->has_link_id = !qc_mxf_get_bytes(s, "MCALinkID", l->link_id, 16);
    l->has_group_link_id = !qc_mxf_get_bytes(s, "SoundfieldGroupLinkID", l->group_link_id, 16);
}

void qc_mca_read(const QcMxf *m, const QcMxfSet *desc, QcMcaInfo *out)
{
    memset(out, 0, sizeof(*out));
    if (!desc)
        return;
    out->descriptor_offset = desc->offset;
    uint64_t v;
    if (!qc_mxf_get_uint(desc, "ChannelCount", &v) && v <= UINT32_MAX)
        out->channel_count = (uint32_t)v;
    out->has_channel_assignment =
        !qc_mxf_get_bytes(desc, "ChannelAssignment", out->channel_assignment, 16);
    const uint8_t *refs;
    uint32_t n;
    if (qc_mxf_get_array16(desc, "SubDescriptors", &refs, &n) < 0)
        return;
    for (uint32_t k = 0; k < n && out->nb_labels < QC_MCA_MAX_LABELS; k++) {
        const QcMxfSet *s = qc_mxf_set_by_uid(m, refs + 16 * k);
        int kind = !s                                                                     ? -1
                   : qc_mxf_class_is(s->cls, "AudioChannelLabelSubDescriptor")            ? 0
                   : qc_mxf_class_is(s->cls, "SoundfieldGroupLabelSubDescriptor")         ? 1
                   : qc_mxf_class_is(s->cls, "GroupOfSoundfieldGroupsLabelSubDescriptor") ? 2
                                                                                          : -1;
        if (kind >= 0)
            read_label(s, kind, &out->labels[out->nb_labels++]);
    }
}
