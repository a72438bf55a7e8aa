// SPDX-License-Identifier: MIT
#include "engine/core/finding.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/error.h"
#include "engine/core/grow.h"

void qc_finding_init(QcFinding *f, QcCode code)
{
    memset(f, 0, sizeof(*f));
    f->code = code;
    f->severity = qc_code_info(code)->severity;
    f->track = -1;
    f->composition = -1;
    f->comp_start = -1;
    f->channel = -1;
    f->start = -1;
}

void qc_finding_message(QcFinding *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->message, sizeof(f->message), fmt, ap);
    va_end(ap);
}

static QcDetail *detail_slot(QcFinding *f, const char *key, QcDetailKind kind)
{
    if (f->nb_details >= QC_DETAIL_MAX)
        return NULL;
    QcDetail *d = &f->details[f->nb_details++];
    memset(d, 0, sizeof(*d));
    snprintf(d->key, sizeof(d->key), "%s", key);
    d->kind = kind;
    return d;
}

void qc_finding_detail_int(QcFinding *f, const char *key, int64_t v)
{
    QcDetail *d = detail_slot(f, key, QC_DETAIL_INT);
    if (d)
        d->i = v;
}

void qc_finding_detail_double(QcFinding *f, const char *key, double v)
{
    QcDetail *d = detail_slot(f, key, QC_DETAIL_DOUBLE);
    if (d)
        d->d = v;
}

void qc_finding_detail_string(QcFinding *f, const char *key, const char *v)
{
    QcDetail *d = detail_slot(f, key, QC_DETAIL_STRING);
    if (d)
        snprintf(d->s, sizeof(d->s), "%s", v);
}

void qc_finding_detail_channels(QcFinding *f, const char *key, uint64_t mask)
{
    QcDetail *d = detail_slot(f, key, QC_DETAIL_CHANNELS);
    if (d)
        d->mask = mask;
}

void qc_finding_detail_diff(QcFinding *f, const char *key, int64_t index)
{
    QcDetail *d = detail_slot(f, key, QC_DETAIL_DIFF);
    if (d)
        d->i = index;
}

int qc_finding_list_add(QcFindingList *l, const QcFinding *f)
{
    if (qc_grow((void **)&l->items, &l->capacity, l->count + 1, sizeof(*l->items)) < 0)
        return QC_ERR_NOMEM;
    l->items[l->count++] = *f;
    return 0;
}

int qc_finding_list_extend(QcFindingList *l, const QcFindingList *src)
{
    for (size_t i = 0; i < src->count; i++) {
        int ret = qc_finding_list_add(l, &src->items[i]);
        if (ret < 0)
            return ret;
    }
    return 0;
}

#define CMP(a, b)                                                                                  \
    do {                                                                                           \
        if ((a) != (b))                                                                            \
            return (a) < (b) ? -1 : 1;                                                             \
    } while (0)

static int finding_cmp(const void *pa, const void *pb)
{
    const QcFinding *a = pa, *b = pb;
    CMP(a->composition, b->composition);
    CMP(a->track, b->track);
    CMP(a->start, b->start);
    CMP(a->code, b->code);
    /* whole-track findings (-1) before channel findings */
    CMP(a->channel, b->channel);
    CMP(a->duration, b->duration);
    CMP(a->severity, b->severity);
    CMP(a->comp_start, b->comp_start);
    return strcmp(a->message, b->message);
}

void qc_finding_list_sort(QcFindingList *l)
{
    if (l->count > 1)
        qsort(l->items, l->count, sizeof(*l->items), finding_cmp);
}

void qc_finding_list_free(QcFindingList *l)
{
    free(l->items);
    memset(l, 0, sizeof(*l));
}
