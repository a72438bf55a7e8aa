// SPDX-License-Identifier: MIT
/* Timelines as inline SVG: lanes of a composition (virtual tracks, resources, shots) or of a
 * track file (its channels), each finding a mark coloured by severity that links to its row. */
#include <math.h>
#include <string.h>

#include "engine/report/html_internal.h"

#define TL_W 1000.0   ///< SVG user units
#define TL_LEFT 120.0 ///< label column
#define TL_PLOT (TL_W - TL_LEFT - 36) ///< room on the right for the last tick's label
#define LANE_H 22.0
#define LANE_GAP 6.0
#define AXIS_H 26.0

typedef struct Axis {
    double units;  ///< edit units the plot spans
    double rate;   ///< edit units per second
    const QcCompositionReport *comp; ///< labels in its timecode, or NULL: clock time
} Axis;

static double x_of(const Axis *a, double eu)
{
    double x = TL_LEFT + TL_PLOT * (a->units > 0 ? eu / a->units : 0);
    return x < TL_LEFT ? TL_LEFT : x > TL_LEFT + TL_PLOT ? TL_LEFT + TL_PLOT : x;
}

/* Ticks every 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min or 1 h: at most nine of them. */
double qc_html_tick_step(double secs)
{
    static const double steps[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
        if (secs / steps[i] <= 9)
            return steps[i];
    return 3600 * ceil(secs / 3600 / 9);
}

static void axis(FILE *o, const Axis *a, double y)
{
    double secs = a->units / a->rate, step = qc_html_tick_step(secs);
    fprintf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>\n",
            TL_LEFT, y, TL_LEFT + TL_PLOT, y);
    for (double s = 0; s <= secs + 1e-9; s += step) {
        double eu = s * a->rate, x = x_of(a, eu);
        char label[48] = "";
        if (a->comp)
            qc_composition_timecode(a->comp, (int64_t)llround(eu), label, sizeof(label));
        if (!label[0])
            qc_html_clock(s, 0, label, sizeof(label));
        fprintf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>"
                   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#555\">%s</text>\n",
                x, y, x, y + 4, x, y + 16, label);
    }
}

static void lane_label(FILE *o, double y, const char *label)
{
    fprintf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#eef1f4\"/>"
               "<text x=\"4\" y=\"%.1f\" fill=\"#333\">",
            TL_LEFT, y, TL_PLOT, LANE_H, y + LANE_H / 2 + 4);
    qc_html_text(o, label);
    fprintf(o, "</text>\n");
}

/* One finding: a mark from @p eu over @p len edit units (2 units wide at least), linked. */
static void mark(FILE *o, const QcReport *r, size_t i, const Axis *a, double eu, double len,
                 double y)
{
    const QcFinding *f = &r->findings.items[i];
    double x0 = x_of(a, eu), x1 = x_of(a, eu + (len > 0 ? len : 0));
    if (x1 - x0 < 2.5)
        x1 = x0 + 2.5;
    char at[48];
    qc_html_finding_at(r, f, at, sizeof(at));
    /* a finding over most of the lane (programme loudness, a long silence) is a band along its
     * foot, so that what happens at one place stays visible above it */
    int band = x1 - x0 > 0.4 * TL_PLOT;
    fprintf(o, "<a href=\"#f-%zu\"><rect class=\"mark\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
               "height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.85\"><title>%s %s %s: ",
            i + 1, x0, band ? y + LANE_H - 6 : y + 2, x1 - x0, band ? 5 : LANE_H - 4,
            qc_html_sev_colour(f->severity),
            qc_severity_name(f->severity), qc_code_info(f->code)->name, at);
    qc_html_text(o, f->message);
    fprintf(o, "</title></rect></a>\n");
}

/* Findings of track file @p t, in seconds of the track, as edit units of axis @p a. */
static double track_to_axis(const QcReport *r, int t, int64_t eu, const Axis *a)
{
    double s = qc_track_seconds(&r->tracks[t].info, eu);
    return isfinite(s) ? s * a->rate : 0;
}

static int plays(const QcVTrackReport *vt, int track)
{
    for (int k = 0; k < vt->nb_resources; k++)
        if (vt->resources[k].track == track && track >= 0)
            return 1;
    return 0;
}

static void vtrack_lane(FILE *o, const QcReport *r, int c, int v, const Axis *a, double y)
{
    const QcCompositionReport *cp = &r->compositions[c];
    const QcVTrackReport *vt = &cp->tracks[v];
    char label[64];
    snprintf(label, sizeof(label), "%s %d", vt->kind, v + 1);
    lane_label(o, y, label);
    /* resources: edit units at the track's rate, placed in composition edit units */
    double scale = vt->rate_num > 0 && cp->rate_den > 0
                       ? ((double)cp->rate_num * vt->rate_den) / ((double)cp->rate_den * vt->rate_num)
                       : 1;
    for (int k = 0; k < vt->nb_resources; k++) {
        const QcResourceReport *rs = &vt->resources[k];
        double x0 = x_of(a, (double)rs->start);
        double x1 = x_of(a, (double)rs->start + (double)rs->duration * (double)rs->repeat * scale);
        fprintf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                   "stroke=\"#fff\"><title>resource %d: track file ",
                x0, y + 1, x1 - x0 > 0.5 ? x1 - x0 : 0.5, LANE_H - 2, k % 2 ? "#c9d3dd" : "#d8e0e8",
                k + 1);
        qc_html_text(o, rs->track_file);
        fprintf(o, ", entry %lld, %lld edit units &times; %lld</title></rect>\n",
                (long long)rs->entry, (long long)rs->duration, (long long)rs->repeat);
    }
    for (size_t i = 0; i < r->findings.count; i++) {
        const QcFinding *f = &r->findings.items[i];
        if (f->composition != c || f->comp_start < 0 || !plays(vt, f->track))
            continue;
        mark(o, r, i, a, (double)f->comp_start, track_to_axis(r, f->track, f->duration, a), y);
    }
}

static void shot_ticks(FILE *o, const QcMetric *cuts, const Axis *a, double y)
{
    for (size_t k = 0; k < cuts->count; k++) {
        double x = x_of(a, (double)cuts->i[k]);
        fprintf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#37474f\" "
                   "stroke-width=\"1.5\"><title>new shot at edit unit %lld</title></line>\n",
                x, y + 2, x, y + LANE_H - 2, (long long)cuts->i[k]);
    }
}

void qc_html_composition_timeline(FILE *o, const QcReport *r, int c)
{
    const QcCompositionReport *cp = &r->compositions[c];
    if (cp->duration <= 0 || cp->rate_num <= 0 || cp->rate_den <= 0)
        return;
    Axis a = {(double)cp->duration, (double)cp->rate_num / cp->rate_den, cp};
    const QcMetric *cuts = qc_metrics_get(&cp->metrics, "", "scene_changes");
    int own = 0;
    for (size_t i = 0; i < r->findings.count; i++)
        own += r->findings.items[i].composition == c && r->findings.items[i].track < 0;
    int lanes = cp->nb_tracks + (own > 0) + (cuts && cuts->kind == QC_METRIC_INTS);
    double h = lanes * (LANE_H + LANE_GAP) + AXIS_H;
    fprintf(o, "<svg class=\"timeline\" id=\"timeline-composition-%d\" viewBox=\"0 0 %.0f %.0f\" "
               "role=\"img\" aria-label=\"composition timeline\">\n",
            c + 1, TL_W, h);
    double y = 0;
    for (int v = 0; v < cp->nb_tracks; v++, y += LANE_H + LANE_GAP)
        vtrack_lane(o, r, c, v, &a, y);
    if (cuts && cuts->kind == QC_METRIC_INTS) {
        lane_label(o, y, "shots");
        shot_ticks(o, cuts, &a, y);
        y += LANE_H + LANE_GAP;
    }
    if (own) {
        lane_label(o, y, "composition");
        for (size_t i = 0; i < r->findings.count; i++) {
            const QcFinding *f = &r->findings.items[i];
            if (f->composition == c && f->track < 0)
                mark(o, r, i, &a, f->comp_start > 0 ? (double)f->comp_start : 0, 0, y);
        }
        y += LANE_H + LANE_GAP;
    }
    axis(o, &a, y + 2);
    fprintf(o, "</svg>\n");
}

void qc_html_track_timeline(FILE *o, const QcReport *r, int t)
{
    const QcTrackReport *tr = &r->tracks[t];
    const QcTrackInfo *in = &tr->info;
    double rate = in->kind == QC_MEDIA_VIDEO ? (in->rate_den > 0 ? (double)in->rate_num / in->rate_den : 0)
                                             : (double)in->sample_rate;
    int64_t units = in->duration >= 0 ? in->duration : tr->samples_read;
    if (units <= 0 || !(rate > 0))
        return;
    Axis a = {(double)units, rate, NULL};
    int nch = in->kind == QC_MEDIA_AUDIO ? (in->channels < QC_MAX_CHANNELS ? in->channels : QC_MAX_CHANNELS) : 0;
    double h = (nch + 1) * (LANE_H + LANE_GAP) + AXIS_H;
    fprintf(o, "<svg class=\"timeline\" id=\"timeline-track-%d\" viewBox=\"0 0 %.0f %.0f\" "
               "role=\"img\" aria-label=\"track file timeline\">\n",
            t + 1, TL_W, h);
    /* lane 0 holds what concerns the whole track; lane c + 1 channel c */
    for (int lane = 0; lane <= nch; lane++) {
        double y = lane * (LANE_H + LANE_GAP);
        const char *n = lane ? qc_channel_label_name(in->labels[lane - 1]) : NULL;
        char label[32];
        if (lane)
            snprintf(label, sizeof(label), "%s", n ? n : "?");
        else
            snprintf(label, sizeof(label), "%s", nch ? "all channels" : "picture");
        if (lane && !n)
            snprintf(label, sizeof(label), "channel %d", lane);
        lane_label(o, y, label);
        const QcMetric *cuts = qc_metrics_get(&tr->metrics, "", "scene_changes");
        if (!nch && cuts && cuts->kind == QC_METRIC_INTS)
            shot_ticks(o, cuts, &a, y);
        for (size_t i = 0; i < r->findings.count; i++) {
            const QcFinding *f = &r->findings.items[i];
            int want = f->channel >= 0 && f->channel < nch ? f->channel + 1 : 0;
            if (f->track != t || f->start < 0 || want != lane)
                continue;
            mark(o, r, i, &a, (double)f->start, (double)f->duration, y);
        }
    }
    axis(o, &a, (nch + 1) * (LANE_H + LANE_GAP) + 2);
    fprintf(o, "</svg>\n");
}
