// SPDX-License-Identifier: MIT
#include "analyzers/analyzer.h"

#include <math.h>
#include <stdio.h>

int qc_analyzer_emit(QcAnalyzerCtx *a, const QcFinding *f)
{
    unsigned code = (unsigned)f->code;
    if (code >= QC_CODE_COUNT)
        return 0;
    if (a->max_findings_per_code > 0 && a->emitted[code] >= a->max_findings_per_code) {
        a->suppressed[code]++;
        return 0;
    }
    a->emitted[code]++;
    return qc_finding_list_add(&a->findings, f);
}

int64_t qc_seconds_to_samples(const QcAnalyzerCtx *a, double seconds)
{
    return (int64_t)llround(seconds * a->track->sample_rate);
}

const char *qc_channel_name(const QcAnalyzerCtx *a, int channel, char *buf, size_t size)
{
    const char *n = NULL;
    if (channel >= 0 && channel < a->track->channels && channel < QC_MAX_CHANNELS)
        n = qc_channel_label_name(a->track->labels[channel]);
    if (n)
        snprintf(buf, size, "%s", n);
    else
        snprintf(buf, size, "channel %d", channel + 1);
    return buf;
}

double qc_db(double amplitude)
{
    return amplitude > 0 ? 20.0 * log10(amplitude) : -INFINITY;
}
