// SPDX-License-Identifier: MIT
#include "engine/core/metrics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/error.h"
#include "engine/core/grow.h"

static void metric_clear(QcMetric *e)
{
    free(e->d);
    free(e->i);
    free(e->s);
    e->d = NULL;
    e->i = NULL;
    e->s = NULL;
    e->count = 0;
}

/* Finds or appends the entry; its old values are released. */
static QcMetric *slot(QcMetrics *m, const char *group, const char *key)
{
    for (size_t k = 0; k < m->count; k++) {
        QcMetric *e = &m->items[k];
        if (!strcmp(e->group, group) && !strcmp(e->key, key)) {
            metric_clear(e);
            return e;
        }
    }
    if (qc_grow((void **)&m->items, &m->capacity, m->count + 1, sizeof(*m->items)) < 0)
        return NULL;
    QcMetric *e = &m->items[m->count++];
    memset(e, 0, sizeof(*e));
    snprintf(e->group, sizeof(e->group), "%s", group);
    snprintf(e->key, sizeof(e->key), "%s", key);
    return e;
}

int qc_metrics_set_doubles(QcMetrics *m, const char *group, const char *key, const double *v,
                           size_t n)
{
    QcMetric *e = slot(m, group, key);
    if (!e)
        return QC_ERR_NOMEM;
    e->kind = QC_METRIC_DOUBLES;
    e->d = malloc((n ? n : 1) * sizeof(double));
    if (!e->d)
        return QC_ERR_NOMEM;
    if (n)
        memcpy(e->d, v, n * sizeof(double));
    e->count = n;
    return 0;
}

int qc_metrics_set_ints(QcMetrics *m, const char *group, const char *key, const int64_t *v,
                        size_t n)
{
    QcMetric *e = slot(m, group, key);
    if (!e)
        return QC_ERR_NOMEM;
    e->kind = QC_METRIC_INTS;
    e->i = malloc((n ? n : 1) * sizeof(int64_t));
    if (!e->i)
        return QC_ERR_NOMEM;
    if (n)
        memcpy(e->i, v, n * sizeof(int64_t));
    e->count = n;
    return 0;
}

int qc_metrics_set_double(QcMetrics *m, const char *group, const char *key, double v)
{
    int ret = qc_metrics_set_doubles(m, group, key, &v, 1);
    QcMetric *e = (QcMetric *)qc_metrics_get(m, group, key);
    if (e)
        e->kind = QC_METRIC_DOUBLE;
    return ret;
}

int qc_metrics_set_int(QcMetrics *m, const char *group, const char *key, int64_t v)
{
    int ret = qc_metrics_set_ints(m, group, key, &v, 1);
    QcMetric *e = (QcMetric *)qc_metrics_get(m, group, key);
    if (e)
        e->kind = QC_METRIC_INT;
    return ret;
}

int qc_metrics_set_string(QcMetrics *m, const char *group, const char *key, const char *v)
{
    QcMetric *e = slot(m, group, key);
    if (!e)
        return QC_ERR_NOMEM;
    e->kind = QC_METRIC_STRING;
    e->s = strdup(v);
    e->count = 1;
    return e->s ? 0 : QC_ERR_NOMEM;
}

const QcMetric *qc_metrics_get(const QcMetrics *m, const char *group, const char *key)
{
    for (size_t k = 0; k < m->count; k++)
        if (!strcmp(m->items[k].group, group) && !strcmp(m->items[k].key, key))
            return &m->items[k];
    return NULL;
}

void qc_metrics_free(QcMetrics *m)
{
    for (size_t k = 0; k < m->count; k++)
        metric_clear(&m->items[k]);
    free(m->items);
    memset(m, 0, sizeof(*m));
}
