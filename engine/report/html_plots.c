// SPDX-License-Identifier: MIT
/* Measurements drawn for people: loudness over time against the target, levels and true peak
 * per channel against the profile's limits, and the pictures of a video track file. */
#include <math.h>
#include <string.h>

#include "engine/report/html_internal.h"

#define PW 1000.0
#define PX0 56.0  ///< plot area left edge
#define PX1 964.0 ///< plot area right edge, room for the last tick's label

static double setting(const QcReport *r, const char *analyzer, const char *option, double def)
{
    const QcMetric *m = qc_metrics_get(&r->settings, analyzer, option);
    if (m && m->kind == QC_METRIC_DOUBLE)
        return m->d[0];
    if (m && m->kind == QC_METRIC_INT)
        return (double)m->i[0];
    return def;
}

static const QcMetric *doubles(const QcMetrics *m, const char *group, const char *key)
{
    const QcMetric *e = qc_metrics_get(m, group, key);
    return e && (e->kind == QC_METRIC_DOUBLES || e->kind == QC_METRIC_DOUBLE) && e->d ? e : NULL;
}

static double scalar(const QcMetrics *m, const char *group, const char *key)
{
    const QcMetric *e = doubles(m, group, key);
    return e && e->count ? e->d[0] : NAN;
}

/* A series as polylines, broken where there is no value; values below @p lo sit on the floor. */
static void polyline(FILE *o, const QcMetric *s, double lo, double hi, double y0, double y1,
                     const char *colour, double width, const char *name)
{
    int open = 0;
    size_t n = s->count > 1 ? s->count - 1 : 1;
    for (size_t i = 0; i < s->count; i++) {
        double v = s->d[i];
        if (!isfinite(v)) {
            if (open)
                fprintf(o, "\"/>\n");
            open = 0;
            continue;
        }
        v = v < lo ? lo : v > hi ? hi : v;
        double x = PX0 + (PX1 - PX0) * (double)i / (double)n;
        double y = y1 - (y1 - y0) * (v - lo) / (hi - lo);
        if (!open)
            fprintf(o, "<polyline class=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" "
                       "points=\"",
                    name, colour, width);
        fprintf(o, "%.1f,%.1f ", x, y);
        open = 1;
    }
    if (open)
        fprintf(o, "\"/>\n");
}

static void y_grid(FILE *o, double lo, double hi, double step, double y0, double y1,
                   const char *unit)
{
    for (double v = lo; v <= hi + 1e-9; v += step) {
        double y = y1 - (y1 - y0) * (v - lo) / (hi - lo);
        fprintf(o, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>"
                   "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">%g%s</text>\n",
                PX0, y, PX1, y, PX0 - 4, y + 4, v, unit);
    }
}

static void x_time_axis(FILE *o, double secs, double y)
{
    double step = qc_html_tick_step(secs);
    for (double s = 0; secs > 0 && s <= secs + 1e-9; s += step) {
        double x = PX0 + (PX1 - PX0) * s / secs;
        char label[32];
        qc_html_clock(s, 0, label, sizeof(label));
        fprintf(o, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#555\">%s</text>\n",
                x, y, label);
    }
}

void qc_html_loudness_plot(FILE *o, const QcReport *r, int t)
{
    const QcMetrics *m = &r->tracks[t].metrics;
    const QcMetric *mom = doubles(m, "loudness_over_time", "momentary_lufs");
    const QcMetric *st = doubles(m, "loudness_over_time", "short_term_lufs");
    double step = scalar(m, "loudness_over_time", "step_s");
    if (!mom || !st || !(step > 0) || mom->count < 2)
        return;
    const double lo = -60, hi = 0, y0 = 8, y1 = 228;
    double target = scalar(m, "loudness", "target_lufs");
    double tol = setting(r, "loudness", "tolerance_lu", 2);
    double integrated = scalar(m, "loudness", "integrated_lufs");
    fprintf(o, "<h4>Loudness over time</h4>\n<svg class=\"loudness\" id=\"loudness-track-%d\" "
               "viewBox=\"0 0 %.0f 270\" role=\"img\" aria-label=\"loudness over time\">\n",
            t + 1, PW);
    y_grid(o, lo, hi, 10, y0, y1, "");
    if (isfinite(target)) {
        double ya = y1 - (y1 - y0) * (target + tol - lo) / (hi - lo);
        double yb = y1 - (y1 - y0) * (target - tol - lo) / (hi - lo);
        fprintf(o, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" fill=\"#81c784\" "
                   "fill-opacity=\"0.3\"><title>target %.1f &plusmn; %.1f LUFS</title></rect>\n",
                PX0, ya, PX1 - PX0, yb - ya, target, tol);
    }
    polyline(o, mom, lo, hi, y0, y1, "#90caf9", 1, "momentary");
    polyline(o, st, lo, hi, y0, y1, "#0d47a1", 1.6, "short-term");
    if (isfinite(integrated) && integrated >= lo) {
        double y = y1 - (y1 - y0) * (integrated - lo) / (hi - lo);
        fprintf(o, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#1b5e20\" "
                   "stroke-dasharray=\"6 4\"/><text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" "
                   "fill=\"#1b5e20\">integrated %.1f LUFS</text>\n",
                PX0, y, PX1, y, PX1, y - 4, integrated);
    }
    double secs = step * (double)(mom->count - 1);
    x_time_axis(o, secs, y1 + 16);
    fprintf(o, "<text x=\"%.0f\" y=\"262\" fill=\"#90caf9\">&#9632; momentary (400 ms)</text>"
               "<text x=\"%.0f\" y=\"262\" fill=\"#0d47a1\">&#9632; short-term (3 s)</text>"
               "<text x=\"%.0f\" y=\"262\" fill=\"#2e7d32\">&#9632; target band</text>"
               "<text x=\"%.0f\" y=\"262\" fill=\"#555\">LUFS; each point is the loudest of "
               "%.1f s</text>\n</svg>\n",
            PX0, PX0 + 150, PX0 + 290, PX0 + 420, step);
}

#define DB_LO -60.0 ///< left end of the level bars
#define DB_HI 3.0

static double xdb(double v)
{
    v = v < DB_LO ? DB_LO : v > DB_HI ? DB_HI : v;
    return PX0 + 80 + (PX1 - PX0 - 80) * (v - DB_LO) / (DB_HI - DB_LO);
}

static void level_row(FILE *o, int c, const char *name, double peak, double rms, double tp,
                      double y)
{
    fprintf(o, "<text x=\"%.0f\" y=\"%.1f\" fill=\"#333\">", PX0, y + 13);
    qc_html_text(o, name);
    fprintf(o, "</text>\n");
    if (isfinite(peak))
        fprintf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"#b0bec5\">"
                   "<title>channel %d sample peak %.1f dBFS</title></rect>\n",
                xdb(DB_LO), y, xdb(peak) - xdb(DB_LO), c + 1, peak);
    if (isfinite(rms))
        fprintf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"#455a64\">"
                   "<title>channel %d RMS %.1f dBFS</title></rect>\n",
                xdb(DB_LO), y + 4, xdb(rms) - xdb(DB_LO), c + 1, rms);
    if (isfinite(tp))
        fprintf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" "
                   "stroke-width=\"2.5\"><title>channel %d true peak %.1f dBTP</title></line>\n",
                xdb(tp), y - 2, xdb(tp), y + 18, c + 1, tp);
}

static void levels_table(FILE *o, const QcTrackReport *tr, const QcMetric *peak, const QcMetric *rms,
                         const QcMetric *tp, const QcMetric *dc)
{
    const QcMetric *cols[4] = {peak, tp, rms, dc};
    fprintf(o, "<table class=\"levels\"><tr><th>channel</th><th>sample peak dBFS</th>"
               "<th>true peak dBTP</th><th>RMS dBFS</th><th>DC offset</th></tr>\n");
    for (int c = 0; c < tr->info.channels && c < QC_MAX_CHANNELS; c++) {
        const char *n = qc_channel_label_name(tr->info.labels[c]);
        fprintf(o, "<tr><td>%d %s</td>", c + 1, n ? n : "");
        for (int k = 0; k < 4; k++) {
            const QcMetric *e = cols[k];
            if (e && (size_t)c < e->count && isfinite(e->d[c]))
                fprintf(o, k == 3 ? "<td class=\"num\">%.5f</td>" : "<td class=\"num\">%.1f</td>",
                        e->d[c]);
            else
                fprintf(o, "<td class=\"num\">&ndash;</td>");
        }
        fprintf(o, "</tr>\n");
    }
    fprintf(o, "</table>\n");
}

void qc_html_levels(FILE *o, const QcReport *r, int t)
{
    const QcTrackReport *tr = &r->tracks[t];
    const QcMetric *peak = doubles(&tr->metrics, "levels", "peak_dbfs");
    const QcMetric *rms = doubles(&tr->metrics, "levels", "rms_dbfs");
    const QcMetric *tp = doubles(&tr->metrics, "loudness", "true_peak_dbtp");
    const QcMetric *dc = doubles(&tr->metrics, "levels", "dc_offset");
    int n = tr->info.channels < QC_MAX_CHANNELS ? tr->info.channels : QC_MAX_CHANNELS;
    if (!peak && !rms && !tp)
        return;
    double h = n * 24 + 44;
    fprintf(o, "<h4>Levels and true peak per channel</h4>\n<svg class=\"levels\" id=\"levels-track-"
               "%d\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"levels per channel\">\n",
            t + 1, PW, h);
    double lim[2] = {setting(r, "true_peak", "fyi_dbtp", -2), setting(r, "true_peak", "issue_dbtp", -1)};
    for (double v = DB_LO; v <= DB_HI; v += 6) {
        fprintf(o, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#eee\"/>"
                   "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\" fill=\"#555\">%g</text>\n",
                xdb(v), xdb(v), h - 30, xdb(v), h - 16, v);
    }
    for (int k = 0; k < 2; k++)
        fprintf(o, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"%s\" "
                   "stroke-dasharray=\"4 3\"><title>true peak %s above %.1f dBTP</title></line>\n",
                xdb(lim[k]), xdb(lim[k]), h - 30, qc_html_sev_colour(k ? QC_SEV_ISSUE : QC_SEV_FYI),
                k ? "issue" : "fyi", lim[k]);
    for (int c = 0; c < n; c++) {
        const char *name = qc_channel_label_name(tr->info.labels[c]);
        char label[32];
        snprintf(label, sizeof(label), "%d %s", c + 1, name ? name : "");
        double pv = peak && (size_t)c < peak->count ? peak->d[c] : NAN;
        double rv = rms && (size_t)c < rms->count ? rms->d[c] : NAN;
        double tv = tp && (size_t)c < tp->count ? tp->d[c] : NAN;
        level_row(o, c, label, pv, rv, tv, 4 + c * 24);
    }
    fprintf(o, "<text x=\"%.0f\" y=\"%.0f\" fill=\"#555\">dBFS / dBTP: light = sample peak, dark "
               "= RMS, black tick = true peak, dashed = true-peak limits</text>\n</svg>\n",
            PX0, h - 2);
    levels_table(o, tr, peak, rms, tp, dc);
}

static void figure(FILE *o, const QcReport *r, const QcThumbnail *th)
{
    const QcTrackReport *tr = &r->tracks[th->track];
    char clock[32];
    qc_html_clock(qc_track_seconds(&tr->info, th->edit_unit), 1, clock, sizeof(clock));
    fprintf(o, "<figure class=\"%s\" id=\"frame-%d-%lld-%d\">", th->scene ? "shot" : "frame",
            th->track + 1, (long long)th->edit_unit, th->scene);
    if (th->png_base64)
        fprintf(o, "<img width=\"%d\" height=\"%d\" alt=\"frame %lld\" "
                   "src=\"data:image/png;base64,%s\">",
                th->width, th->height, (long long)th->edit_unit, th->png_base64);
    else
        fprintf(o, "<div class=\"nopic\" style=\"width:%dpx;height:%dpx\">no picture: the frame "
                   "does not decode</div>",
                th->width, th->height);
    fprintf(o, "<figcaption>frame %lld &middot; %s", (long long)th->edit_unit, clock);
    if (!th->scene)
        for (size_t i = 0; i < r->findings.count; i++) {
            const QcFinding *f = &r->findings.items[i];
            /* each finding once, even when its track file plays at several places */
            if (f->track == th->track && f->start == th->edit_unit &&
                (i == 0 || f->code != r->findings.items[i - 1].code ||
                 f->start != r->findings.items[i - 1].start))
                fprintf(o, "<br><a href=\"#f-%zu\" style=\"color:%s\">%s</a>", i + 1,
                        qc_html_sev_colour(f->severity), qc_code_info(f->code)->name);
        }
    fprintf(o, "</figcaption></figure>\n");
}

void qc_html_pictures(FILE *o, const QcReport *r, int t)
{
    const QcMetric *cuts = qc_metrics_get(&r->tracks[t].metrics, "", "scene_changes");
    int shots = 0, frames = 0;
    for (int i = 0; i < r->nb_thumbnails; i++) {
        shots += r->thumbnails[i].track == t && r->thumbnails[i].scene;
        frames += r->thumbnails[i].track == t && !r->thumbnails[i].scene;
    }
    if (cuts && cuts->kind == QC_METRIC_INTS)
        fprintf(o, "<p>%zu scene change%s.</p>\n", cuts->count, cuts->count == 1 ? "" : "s");
    for (int pass = 0; pass < 2; pass++) {
        if (!(pass ? shots : frames))
            continue;
        fprintf(o, "<h4>%s</h4>\n<div class=\"gallery\" id=\"%s-track-%d\">\n",
                pass ? "Shots" : "Frames with findings", pass ? "shots" : "frames", t + 1);
        for (int i = 0; i < r->nb_thumbnails; i++)
            if (r->thumbnails[i].track == t && r->thumbnails[i].scene == pass)
                figure(o, r, &r->thumbnails[i]);
        fprintf(o, "</div>\n");
    }
}
