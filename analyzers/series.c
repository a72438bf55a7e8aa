// SPDX-License-Identifier: MIT
#include "analyzers/series.h"

#include <math.h>

void qc_series_init(QcSeries *s)
{
    s->count = 0;
    s->step = 1;
    s->pending = 0;
    s->cur = -INFINITY;
}

static double max2(double a, double b)
{
    return a > b || isnan(b) ? a : b;
}

void qc_series_add(QcSeries *s, double value)
{
    s->cur = max2(s->cur, value);
    if (++s->pending < s->step)
        return;
    if (s->count == QC_SERIES_MAX) {
        for (int i = 0; i < QC_SERIES_MAX / 2; i++)
            s->v[i] = max2(s->v[2 * i], s->v[2 * i + 1]);
        s->count = QC_SERIES_MAX / 2;
        s->step *= 2;
        /* the point just closed covers half of the new step: keep building it */
        if (s->pending < s->step)
            return;
    }
    s->v[s->count++] = s->cur;
    s->cur = -INFINITY;
    s->pending = 0;
}

int qc_series_store(const QcSeries *s, QcMetrics *m, const char *group, const char *key,
                    double (*map)(double), double period_s)
{
    double out[QC_SERIES_MAX + 1];
    int n = 0;
    for (int i = 0; i < s->count; i++)
        out[n++] = map ? map(s->v[i]) : s->v[i];
    if (s->pending)
        out[n++] = map ? map(s->cur) : s->cur;
    int ret = qc_metrics_set_double(m, group, "step_s", period_s * (double)s->step);
    return ret ? ret : qc_metrics_set_doubles(m, group, key, out, (size_t)n);
}
