// SPDX-License-Identifier: MIT
#include "engine/codec/mxf_labels.h"

#include <string.h>

#include "engine/mxf/model.h"

QcChannelLabel qc_mca_symbol_label(const char *symbol)
{
    static const struct {
        const char *symbol;
        QcChannelLabel label;
    } map[] = {
        {"chL", QC_CH_L},     {"chR", QC_CH_R},     {"chC", QC_CH_C},     {"chLFE", QC_CH_LFE},
        {"chLs", QC_CH_LS},   {"chRs", QC_CH_RS},   {"chLss", QC_CH_LSS}, {"chRss", QC_CH_RSS},
        {"chLrs", QC_CH_LRS}, {"chRrs", QC_CH_RRS}, {"chLc", QC_CH_LC},   {"chRc", QC_CH_RC},
        {"chCs", QC_CH_CS},   {"chM1", QC_CH_M},    {"chM2", QC_CH_M},    {"chLt", QC_CH_LT},
        {"chRt", QC_CH_RT},
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (!strcmp(map[i].symbol, symbol))
            return map[i].label;
    return QC_CH_UNKNOWN;
}

int qc_mxf_channel_labels(const QcMxf *m, const QcMxfSet *desc, int channels,
                          QcChannelLabel *labels)
{
    const uint8_t *refs;
    uint32_t n;
    int found = 0, order = 0;
    if (!desc || qc_mxf_get_array16(desc, "SubDescriptors", &refs, &n) < 0)
        return 0;
    for (uint32_t k = 0; k < n; k++) {
        const QcMxfSet *sub = qc_mxf_set_by_uid(m, refs + 16 * k);
        if (!sub || !qc_mxf_class_is(sub->cls, "AudioChannelLabelSubDescriptor"))
            continue;
        char symbol[64];
        uint64_t id;
        /* MCAChannelID is 1-based; without it, labels follow the order they are listed in */
        int c = qc_mxf_get_uint(sub, "MCAChannelID", &id) == 0 ? (int)id - 1 : order;
        order++;
        if (c < 0 || c >= channels || c >= QC_MAX_CHANNELS ||
            qc_mxf_get_string(sub, "MCATagSymbol", symbol, sizeof(symbol)) < 0)
            continue;
        labels[c] = qc_mca_symbol_label(symbol);
        found = 1;
    }
    return found;
}
