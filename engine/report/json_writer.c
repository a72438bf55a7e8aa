// SPDX-License-Identifier: MIT
/* The JSON report. Every string goes through jansson, so file names and messages with quotes,
 * control characters or invalid UTF-8 cannot break the document. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "engine/report/json_internal.h"

static json_t *jnum(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

/* jansson rejects invalid UTF-8; a path from the file system may be anything */
json_t *qc_json_str(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    size_t n = strlen(s);
    char *clean = malloc(n + 1);
    if (!clean)
        return json_null();
    for (size_t i = 0; i <= n; i++)
        clean[i] = (unsigned char)s[i] < 0x80 ? s[i] : '?';
    j = json_string(clean);
    free(clean);
    return j ? j : json_null();
}

#define jstr qc_json_str

static json_t *metric_value(const QcMetric *m)
{
    switch (m->kind) {
    case QC_METRIC_DOUBLE: return jnum(m->d[0]);
    case QC_METRIC_INT: return json_integer(m->i[0]);
    case QC_METRIC_STRING: return jstr(m->s);
    case QC_METRIC_DOUBLES: {
        json_t *a = json_array();
        for (size_t i = 0; i < m->count; i++)
            json_array_append_new(a, jnum(m->d[i]));
        return a;
    }
    case QC_METRIC_INTS: {
        json_t *a = json_array();
        for (size_t i = 0; i < m->count; i++)
            json_array_append_new(a, json_integer(m->i[i]));
        return a;
    }
    }
    return json_null();
}

json_t *qc_json_metrics(const QcMetrics *m)
{
    json_t *o = json_object();
    for (size_t i = 0; i < m->count; i++) {
        /* an empty group puts the key at the top of metrics (scene_changes, fingerprint) */
        if (!m->items[i].group[0]) {
            json_object_set_new(o, m->items[i].key, metric_value(&m->items[i]));
            continue;
        }
        json_t *g = json_object_get(o, m->items[i].group);
        if (!g) {
            g = json_object();
            json_object_set_new(o, m->items[i].group, g);
        }
        json_object_set_new(g, m->items[i].key, metric_value(&m->items[i]));
    }
    return o;
}

static json_t *channels_array(uint64_t mask)
{
    json_t *a = json_array();
    for (int c = 0; c < 64; c++)
        if (mask >> c & 1)
            json_array_append_new(a, json_integer(c));
    return a;
}

static json_t *diff_table(const QcReport *r, int64_t index)
{
    json_t *a = json_array();
    if (index < 0 || index >= r->nb_diffs)
        return a;
    const QcDiffTable *t = &r->diffs[index];
    for (int i = 0; i < t->count; i++) {
        json_t *e = json_object();
        json_object_set_new(e, "path", jstr(t->items[i].path));
        json_object_set_new(e, "cpl", t->items[i].cpl ? jstr(t->items[i].cpl) : json_null());
        json_object_set_new(e, "mxf", t->items[i].mxf ? jstr(t->items[i].mxf) : json_null());
        json_array_append_new(a, e);
    }
    return a;
}

static json_t *details(const QcReport *r, const QcFinding *f)
{
    json_t *o = json_object();
    for (int i = 0; i < f->nb_details; i++) {
        const QcDetail *d = &f->details[i];
        json_t *v = d->kind == QC_DETAIL_DIFF     ? diff_table(r, d->i)
                    : d->kind == QC_DETAIL_INT    ? json_integer(d->i)
                    : d->kind == QC_DETAIL_DOUBLE ? jnum(d->d)
                    : d->kind == QC_DETAIL_STRING ? jstr(d->s)
                                                  : channels_array(d->mask);
        json_object_set_new(o, d->key, v);
    }
    return o;
}

static json_t *finding(const QcReport *r, const QcFinding *f)
{
    const QcCodeInfo *ci = qc_code_info(f->code);
    const QcTrackReport *t = f->track >= 0 && f->track < r->nb_tracks ? &r->tracks[f->track] : NULL;
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(ci->name));
    json_object_set_new(o, "severity", json_string(qc_severity_name(f->severity)));
    json_object_set_new(o, "stage", json_string(qc_stage_name(ci->stage)));
    json_object_set_new(o, "family", ci->family ? json_string(ci->family) : json_null());
    json_object_set_new(o, "message", jstr(f->message));
    json_object_set_new(o, "track_file", t ? json_string(t->id) : json_null());
    const QcCompositionReport *c = f->composition >= 0 && f->composition < r->nb_compositions
                                       ? &r->compositions[f->composition]
                                       : NULL;
    json_object_set_new(o, "composition", c ? json_string(c->id) : json_null());
    json_object_set_new(o, "channel", f->channel >= 0 ? json_integer(f->channel) : json_null());
    if (f->start >= 0 || (c && f->comp_start >= 0)) {
        json_t *st = json_object();
        json_object_set_new(st, "edit_unit", f->start >= 0 ? json_integer(f->start) : json_null());
        json_object_set_new(st, "seconds", t && f->start >= 0
                                               ? jnum(qc_track_seconds(&t->info, f->start))
                                               : json_null());
        char tc[32] = "";
        if (c && f->comp_start >= 0)
            qc_composition_timecode(c, f->comp_start, tc, sizeof(tc));
        json_object_set_new(st, "timecode", tc[0] ? json_string(tc) : json_null());
        if (c && f->comp_start >= 0)
            json_object_set_new(st, "composition_edit_unit", json_integer(f->comp_start));
        json_object_set_new(o, "start", st);
        json_t *du = json_object();
        json_object_set_new(du, "edit_units", json_integer(f->duration));
        json_object_set_new(du, "seconds",
                            t ? jnum(qc_track_seconds(&t->info, f->duration)) : json_null());
        json_object_set_new(o, "duration", du);
    } else {
        json_object_set_new(o, "start", json_null());
        json_object_set_new(o, "duration", json_null());
    }
    json_object_set_new(o, "details", details(r, f));
    return o;
}

static json_t *settings(const QcReport *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "profile", jstr(r->profile));
    json_object_set_new(o, "decode", json_string(r->fast_decode ? "fast" : "full"));
    json_object_set_new(o, "threads", json_integer(r->threads));
    json_object_set_new(o, "descriptor_compare",
                        json_string(r->descriptor_normalized ? "normalized" : "exact"));
    json_object_set_new(o, "expect_language",
                        r->expect_language[0] ? jstr(r->expect_language) : json_null());
    /* every analyzer that ran has an entry, even one without options */
    json_t *an = qc_json_metrics(&r->settings);
    for (int i = 0; i < r->nb_analyzers; i++)
        if (!json_object_get(an, r->analyzers[i]))
            json_object_set_new(an, r->analyzers[i], json_object());
    json_object_set_new(o, "analyzers", an);
    json_t *sev = json_object();
    for (int i = 0; i < r->nb_severity; i++)
        json_object_set_new(sev, qc_code_info(r->severity[i].code)->name,
                            json_string(qc_severity_name(r->severity[i].severity)));
    json_object_set_new(o, "severity", sev);
    json_object_set_new(o, "max_findings_per_code", r->max_findings_per_code > 0
                                                        ? json_integer(r->max_findings_per_code)
                                                        : json_null());
    return o;
}

json_t *qc_report_to_json(const QcReport *r)
{
    static const char *const status[] = {"pass", "fail", "incomplete"};
    json_t *root = json_object();
    json_object_set_new(root, "schema", json_string(QC_REPORT_SCHEMA));
    json_t *tool = json_object();
    json_object_set_new(tool, "name", json_string("imfqc"));
    json_object_set_new(tool, "version", json_string(QC_VERSION));
    json_object_set_new(root, "tool", tool);
    json_object_set_new(root, "status", json_string(status[r->status]));
    json_object_set_new(root, "settings", settings(r));
    json_t *sum = json_object();
    json_object_set_new(sum, "blocker", json_integer(r->counts[QC_SEV_BLOCKER]));
    json_object_set_new(sum, "issue", json_integer(r->counts[QC_SEV_ISSUE]));
    json_object_set_new(sum, "fyi", json_integer(r->counts[QC_SEV_FYI]));
    json_object_set_new(root, "summary", sum);
    json_t *pk = json_array();
    for (int i = 0; i < r->nb_packages; i++)
        json_array_append_new(pk, qc_json_package(&r->packages[i]));
    json_object_set_new(root, "packages", pk);
    json_t *cs = json_array();
    for (int i = 0; i < r->nb_compositions; i++)
        json_array_append_new(cs, qc_json_composition(r, &r->compositions[i]));
    json_object_set_new(root, "compositions", cs);
    json_t *tracks = json_array();
    for (int t = 0; t < r->nb_tracks; t++)
        json_array_append_new(tracks, qc_json_track(&r->tracks[t]));
    json_object_set_new(root, "track_files", tracks);
    json_t *fs = json_array();
    for (size_t i = 0; i < r->findings.count; i++)
        json_array_append_new(fs, finding(r, &r->findings.items[i]));
    json_object_set_new(root, "findings", fs);
    json_t *run = json_object();
    json_object_set_new(run, "elapsed_s", json_real(r->elapsed_s));
    json_object_set_new(run, "cpu", json_string(r->cpu));
    json_object_set_new(run, "interrupted_by_signal",
                        r->interrupted ? json_integer(r->interrupted) : json_null());
    json_object_set_new(root, "run", run);
    return root;
}
