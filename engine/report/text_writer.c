// SPDX-License-Identifier: MIT
/* The summary a person reads in a terminal: verdict first, then each file and its findings. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "engine/report/text_internal.h"

static void fmt_time(char *buf, size_t n, double s)
{
    if (!isfinite(s) || s < 0) {
        snprintf(buf, n, "-");
        return;
    }
    int h = (int)(s / 3600), m = (int)(fmod(s, 3600) / 60);
    snprintf(buf, n, "%02d:%02d:%06.3f", h, m, fmod(s, 60));
}

static void metric_line(FILE *o, const QcMetrics *m, const char *g, const char *k,
                        const char *label, const char *unit)
{
    const QcMetric *e = qc_metrics_get(m, g, k);
    if (!e || !e->count || !e->d)
        return;
    fprintf(o, "    %-22s", label);
    for (size_t i = 0; i < e->count; i++) {
        if (isfinite(e->d[i]))
            fprintf(o, "%s%.1f", i ? " " : "", e->d[i]);
        else
            fprintf(o, "%s-", i ? " " : "");
    }
    fprintf(o, " %s\n", unit);
}

static void track_block(FILE *o, const QcReport *r, int t)
{
    const QcTrackReport *tr = &r->tracks[t];
    fprintf(o, "\n%s\n", tr->path);
    if (!tr->opened) {
        fprintf(o, "  NOT INSPECTED: %s\n", tr->error);
        return;
    }
    const QcTrackInfo *i = &tr->info;
    char dur[32];
    fmt_time(dur, sizeof(dur), i->duration >= 0 ? qc_track_seconds(i, i->duration) : -1);
    if (i->kind == QC_MEDIA_VIDEO) {
        fprintf(o, "  %s in %s, %dx%d, %d bit, %d/%d fps, %lld frames, %s\n", i->codec,
                i->container, i->width, i->height, i->bits, i->rate_num, i->rate_den,
                (long long)i->duration, dur);
        if (tr->error[0])
            fprintf(o, "  stopped early: %s\n", tr->error);
        return;
    }
    fprintf(o, "  %s in %s, %d Hz, %d ch, %d bit, %s\n", i->codec, i->container, i->sample_rate,
            i->channels, i->bits, dur);
    fprintf(o, "  channels:");
    for (int c = 0; c < i->channels && c < QC_MAX_CHANNELS; c++) {
        const char *n = qc_channel_label_name(i->labels[c]);
        fprintf(o, " %s", n ? n : "?");
    }
    fprintf(o, "%s\n", i->labels_from_file ? "" : "  (assumed from the channel count)");
    if (tr->error[0])
        fprintf(o, "  stopped early: %s\n", tr->error);
    metric_line(o, &tr->metrics, "loudness", "integrated_lufs", "integrated loudness", "LUFS");
    metric_line(o, &tr->metrics, "loudness", "range_lu", "loudness range", "LU");
    metric_line(o, &tr->metrics, "loudness", "true_peak_dbtp", "true peak", "dBTP");
    metric_line(o, &tr->metrics, "levels", "peak_dbfs", "sample peak", "dBFS");
    metric_line(o, &tr->metrics, "levels", "rms_dbfs", "RMS", "dBFS");
}

static void finding_line(FILE *o, const QcReport *r, const QcFinding *f)
{
    const QcTrackReport *tr = f->track >= 0 ? &r->tracks[f->track] : NULL;
    char at[32] = "-";
    if (f->composition >= 0 && f->composition < r->nb_compositions && f->comp_start >= 0)
        qc_composition_timecode(&r->compositions[f->composition], f->comp_start, at, sizeof(at));
    else if (f->start >= 0 && tr)
        fmt_time(at, sizeof(at), qc_track_seconds(&tr->info, f->start));
    if (!at[0])
        snprintf(at, sizeof(at), "-");
    fprintf(o, "  %-7s %-12s %-20s %s\n", qc_severity_name(f->severity), at,
            qc_code_info(f->code)->name, f->message);
    /* a descriptor diff is what the engineer fixes from: one line per property */
    for (int d = 0; d < f->nb_details; d++) {
        if (f->details[d].kind != QC_DETAIL_DIFF || f->details[d].i < 0 ||
            f->details[d].i >= r->nb_diffs)
            continue;
        const QcDiffTable *t = &r->diffs[f->details[d].i];
        for (int i = 0; i < t->count; i++)
            fprintf(o, "          %s\n            CPL: %s\n            MXF: %s\n", t->items[i].path,
                    t->items[i].cpl ? t->items[i].cpl : "(absent)",
                    t->items[i].mxf ? t->items[i].mxf : "(absent)");
        if (t->more)
            fprintf(o, "          (%d more differences)\n", t->more);
    }
}

/* Findings of the delivery itself (documents, assets, timeline), under the package. */
static void delivery_block(FILE *o, const QcReport *r)
{
    for (int p = 0; p < r->nb_packages; p++) {
        const QcPackageReport *pk = &r->packages[p];
        int ok = 0, bad = 0;
        for (int a = 0; a < pk->nb_assets; a++) {
            ok += !strcmp(pk->assets[a].hash, "ok");
            bad += !strcmp(pk->assets[a].hash, "mismatch");
        }
        fprintf(o, "\npackage %s%s\n  %d assets, %d digests verified, %d wrong\n", pk->path,
                pk->previous ? " (previous delivery)" : "", pk->nb_assets, ok, bad);
    }
    for (int c = 0; c < r->nb_compositions; c++) {
        const QcCompositionReport *cp = &r->compositions[c];
        char tc[32];
        qc_composition_timecode(cp, 0, tc, sizeof(tc));
        fprintf(o, "\ncomposition \"%s\" %s\n  %lld edit units at %d/%d%s%s\n", cp->title, cp->id,
                (long long)cp->duration, cp->rate_num, cp->rate_den, tc[0] ? ", starts " : "", tc);
        for (int t = 0; t < cp->nb_tracks; t++)
            fprintf(o, "  %-6s %-10s %d resources  %s\n", cp->tracks[t].kind, cp->tracks[t].status,
                    cp->tracks[t].nb_resources, cp->tracks[t].sequence);
    }
    int any = 0;
    for (size_t i = 0; i < r->findings.count; i++) {
        if (r->findings.items[i].track >= 0)
            continue;
        if (!any++)
            fprintf(o, "\ndelivery findings:\n");
        finding_line(o, r, &r->findings.items[i]);
    }
}

int qc_report_write_text(const QcReport *r, FILE *o)
{
    static const char *const verdict[] = {"PASS", "FAIL", "INCOMPLETE"};
    fprintf(o, "imfqc %s  profile %s\n", QC_VERSION, r->profile);
    fprintf(o, "%s: %d blocker, %d issue, %d fyi\n", verdict[r->status], r->counts[QC_SEV_BLOCKER],
            r->counts[QC_SEV_ISSUE], r->counts[QC_SEV_FYI]);
    if (r->interrupted)
        fprintf(o, "interrupted by signal %d: the results below are partial\n", r->interrupted);
    delivery_block(o, r);
    for (int t = 0; t < r->nb_tracks; t++) {
        track_block(o, r, t);
        int any = 0;
        for (size_t i = 0; i < r->findings.count; i++) {
            if (r->findings.items[i].track != t)
                continue;
            if (!any++)
                fprintf(o, "  findings:\n");
            finding_line(o, r, &r->findings.items[i]);
        }
        if (!any && r->tracks[t].opened)
            fprintf(o, "  no findings\n");
        for (int c = 0; c < QC_CODE_COUNT; c++)
            if (r->tracks[t].suppressed[c])
                fprintf(o, "  (%lld more %s not listed)\n", (long long)r->tracks[t].suppressed[c],
                        qc_code_info(c)->name);
    }
    return ferror(o) ? -1 : 0;
}
