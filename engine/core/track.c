// SPDX-License-Identifier: MIT
#include "engine/core/track.h"

#include <math.h>
#include <stddef.h>

static const char *const label_names[QC_CH_LABEL_COUNT] = {
    [QC_CH_UNKNOWN] = NULL, [QC_CH_L] = "L",     [QC_CH_R] = "R",     [QC_CH_C] = "C",
    [QC_CH_LFE] = "LFE",    [QC_CH_LS] = "Ls",   [QC_CH_RS] = "Rs",   [QC_CH_LSS] = "Lss",
    [QC_CH_RSS] = "Rss",    [QC_CH_LRS] = "Lrs", [QC_CH_RRS] = "Rrs", [QC_CH_LC] = "Lc",
    [QC_CH_RC] = "Rc",      [QC_CH_CS] = "Cs",   [QC_CH_M] = "M",     [QC_CH_LT] = "Lt",
    [QC_CH_RT] = "Rt",      [QC_CH_TOP] = "Top",
};

const char *qc_channel_label_name(QcChannelLabel l)
{
    return (unsigned)l < QC_CH_LABEL_COUNT ? label_names[l] : NULL;
}

int qc_channel_default_layout(int channels, QcChannelLabel *labels)
{
    /* WAVE channel-mask order, which is also how most stems and printmasters are laid out */
    static const QcChannelLabel l51[6] = {QC_CH_L, QC_CH_R, QC_CH_C, QC_CH_LFE, QC_CH_LS, QC_CH_RS};
    static const QcChannelLabel l71[8] = {QC_CH_L,   QC_CH_R,   QC_CH_C,   QC_CH_LFE,
                                          QC_CH_LRS, QC_CH_RRS, QC_CH_LSS, QC_CH_RSS};
    const QcChannelLabel *src = NULL;
    switch (channels) {
    case 1: labels[0] = QC_CH_M; return 1;
    case 2:
        labels[0] = QC_CH_L;
        labels[1] = QC_CH_R;
        return 1;
    case 6: src = l51; break;
    case 8: src = l71; break;
    default:
        for (int c = 0; c < channels && c < QC_MAX_CHANNELS; c++)
            labels[c] = QC_CH_UNKNOWN;
        return 0;
    }
    for (int c = 0; c < channels; c++)
        labels[c] = src[c];
    return 1;
}

double qc_track_seconds(const QcTrackInfo *t, int64_t eu)
{
    if (t->kind == QC_MEDIA_VIDEO)
        return t->rate_num > 0 && t->rate_den > 0 ? (double)eu * t->rate_den / t->rate_num : NAN;
    return t->sample_rate > 0 ? (double)eu / t->sample_rate : NAN;
}
