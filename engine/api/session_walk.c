// SPDX-License-Identifier: MIT
/* Findings, track files and metrics of a session's report, as plain public structs that point
 * into the report (nothing is copied, so nothing is freed by the caller). The values and their
 * "none" markers follow the JSON writer, so a program and the report it writes agree. */
#include <math.h>
#include <string.h>

#include "engine/api/session_internal.h"

QC_API size_t qc_session_finding_count(const QcSession *s)
{
    return s && s->has_report ? s->report.findings.count : 0;
}

static const QcTrackReport *finding_track(const QcReport *r, const QcFinding *f)
{
    return f->track >= 0 && f->track < r->nb_tracks ? &r->tracks[f->track] : NULL;
}

static const QcCompositionReport *finding_composition(const QcReport *r, const QcFinding *f)
{
    return f->composition >= 0 && f->composition < r->nb_compositions
               ? &r->compositions[f->composition]
               : NULL;
}

QC_API int qc_session_finding(const QcSession *s, const size_t i, QcFindingInfo *out)
{
    if (!s || !out || i >= qc_session_finding_count(s))
        return QC_API_ERR_INVAL;
    const QcReport *r = &s->report;
    const QcFinding *f = &r->findings.items[i];
    const QcCodeInfo *ci = qc_code_info(f->code);
    const QcTrackReport *t = finding_track(r, f);
    const QcCompositionReport *c = finding_composition(r, f);
    memset(out, 0, sizeof(*out));
    out->code = ci->name;
    out->severity = (QcApiSeverity)f->severity;
    out->severity_name = qc_severity_name(f->severity);
    out->stage = qc_stage_name(ci->stage);
    out->family = ci->family;
    out->message = f->message;
    out->track_file = t ? f->track : -1;
    out->track_file_path = t ? t->path : NULL;
    out->track_file_id = t ? t->id : NULL;
    out->composition_id = c ? c->id : NULL;
    out->channel = f->channel >= 0 ? f->channel : -1;
    out->start_edit_unit = f->start >= 0 ? f->start : -1;
    out->start_seconds = t && f->start >= 0 ? qc_track_seconds(&t->info, f->start) : NAN;
    out->composition_edit_unit = c && f->comp_start >= 0 ? f->comp_start : -1;
    if (c && f->comp_start >= 0)
        qc_composition_timecode(c, f->comp_start, out->timecode, sizeof(out->timecode));
    out->duration_edit_units = f->duration;
    out->duration_seconds = t ? qc_track_seconds(&t->info, f->duration) : NAN;
    return 0;
}

QC_API size_t qc_session_track_file_count(const QcSession *s)
{
    return s && s->has_report ? (size_t)s->report.nb_tracks : 0;
}

QC_API int qc_session_track_file(const QcSession *s, const size_t i, QcTrackFileInfo *out)
{
    if (!s || !out || i >= qc_session_track_file_count(s))
        return QC_API_ERR_INVAL;
    const QcTrackReport *t = &s->report.tracks[i];
    const QcTrackInfo *ti = &t->info;
    memset(out, 0, sizeof(*out));
    out->path = t->path;
    out->id = t->id;
    out->inspected = t->opened && t->complete;
    out->error = t->error;
    out->nb_metrics = t->metrics.count;
    out->duration = -1;
    if (!t->opened) {
        out->kind = out->codec = out->container = "";
        return 0;
    }
    out->kind = ti->kind == QC_MEDIA_VIDEO ? "video" : "audio";
    out->codec = ti->codec;
    out->container = ti->container;
    out->bits = ti->bits;
    out->duration = ti->duration >= 0 ? ti->duration : -1;
    if (ti->kind == QC_MEDIA_VIDEO) {
        out->width = ti->width;
        out->height = ti->height;
        out->rate_num = ti->rate_num;
        out->rate_den = ti->rate_den;
    } else {
        out->sample_rate = ti->sample_rate;
        out->channels = ti->channels;
        out->rate_num = ti->sample_rate;
        out->rate_den = 1;
    }
    return 0;
}

QC_API int qc_session_metric(const QcSession *s, const size_t track_file, const size_t i,
                             QcMetricInfo *out)
{
    if (!s || !out || track_file >= qc_session_track_file_count(s))
        return QC_API_ERR_INVAL;
    const QcMetrics *m = &s->report.tracks[track_file].metrics;
    if (i >= m->count)
        return QC_API_ERR_INVAL;
    const QcMetric *e = &m->items[i];
    memset(out, 0, sizeof(*out));
    out->group = e->group;
    out->key = e->key;
    out->count = e->count;
    switch (e->kind) {
    case QC_METRIC_DOUBLE: out->kind = QC_API_METRIC_DOUBLE; break;
    case QC_METRIC_INT: out->kind = QC_API_METRIC_INT; break;
    case QC_METRIC_DOUBLES: out->kind = QC_API_METRIC_DOUBLES; break;
    case QC_METRIC_INTS: out->kind = QC_API_METRIC_INTS; break;
    case QC_METRIC_STRING: out->kind = QC_API_METRIC_STRING; break;
    }
    /* the header promises NULL in the members the kind does not name */
    if (e->kind == QC_METRIC_DOUBLE || e->kind == QC_METRIC_DOUBLES)
        out->d = e->d;
    else if (e->kind == QC_METRIC_INT || e->kind == QC_METRIC_INTS)
        out->i = e->i;
    else
        out->s = e->s;
    return 0;
}
