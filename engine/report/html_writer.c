// SPDX-License-Identifier: MIT
/* The report a person opens: one self-contained HTML file (no network, nothing external), the
 * verdict and what to fix first at the top, then the timelines, the measurements and every
 * finding. A content security policy keeps the page from fetching anything. */
#include <math.h>
#include <string.h>

#include "config.h"
#include "engine/report/html_internal.h"

static const char *const page_style =
    "body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1c1c1c;background:#f6f6f4}"
    "main{max-width:1200px;margin:0 auto;padding:0 20px 40px}"
    "header.verdict{padding:18px 20px;color:#fff}"
    "header.pass{background:#2e7d32}header.fail{background:#c62828}"
    "header.incomplete{background:#6d4c41}"
    "header h1{margin:0;font-size:30px;letter-spacing:.04em}header p{margin:4px 0 0}"
    "nav{background:#fff;border-bottom:1px solid #ddd;padding:8px 20px;position:sticky;top:0}"
    "nav a{margin-right:16px}"
    "section{background:#fff;border:1px solid #ddd;border-radius:6px;margin:18px 0;"
    "padding:6px 18px 14px}"
    "h2{font-size:19px;border-bottom:1px solid #eee;padding-bottom:4px}h3{font-size:16px}"
    "#tracks h3{border-top:1px solid #ddd;padding-top:12px}"
    "table{border-collapse:collapse;margin:6px 0}td,th{border-bottom:1px solid #e4e4e4;"
    "padding:3px 8px;text-align:left;vertical-align:top}th{background:#f0f0ee}"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}"
    ".tiles{display:flex;gap:12px;margin:10px 0}.tile{flex:1;border-radius:6px;padding:10px;"
    "color:#fff}.tile b{font-size:28px;display:block}"
    ".sev{display:inline-block;min-width:56px;text-align:center;border-radius:3px;color:#fff;"
    "font-size:12px;padding:1px 4px}"
    "code,.mono{font-family:ui-monospace,monospace;font-size:12.5px}"
    "svg{width:100%;height:auto;display:block;margin:6px 0}svg text{font:11px sans-serif}"
    ".gallery{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0;font-size:12px}"
    "figure img,.nopic{display:block;border:1px solid #ccc}"
    ".nopic{width:160px;height:90px;background:#333;color:#eee;font-size:12px;padding:6px;"
    "box-sizing:border-box}"
    "table.diff td{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}"
    ".absent{color:#999;font-style:italic}"
    "#findings-table.hide-blocker tr.sev-blocker,#findings-table.hide-issue tr.sev-issue,"
    "#findings-table.hide-fyi tr.sev-fyi{display:none}"
    "tr:target{outline:2px solid #1565c0}.muted{color:#666}";

/* Filters the findings table by severity; nothing else runs on the page. */
static const char *const page_script =
    "document.querySelectorAll('input[data-sev]').forEach(function(cb){"
    "cb.addEventListener('change',function(){"
    "document.getElementById('findings-table').classList.toggle('hide-'+cb.dataset.sev,"
    "!cb.checked);});});";

static const char *const status_name[] = {"pass", "fail", "incomplete"};

static void head(FILE *o, const QcReport *r)
{
    fprintf(o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
               "img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    fprintf(o, "<title>imfqc %s: %d blocker, %d issue, %d fyi", status_name[r->status],
            r->counts[QC_SEV_BLOCKER], r->counts[QC_SEV_ISSUE], r->counts[QC_SEV_FYI]);
    if (r->nb_tracks)
        fprintf(o, " - "), qc_html_text(o, qc_html_basename(r->tracks[0].path));
    fprintf(o, "</title>\n<style>%s</style></head>\n<body>\n", page_style);
}

static void verdict(FILE *o, const QcReport *r)
{
    static const char *const word[] = {"PASS", "FAIL", "INCOMPLETE"};
    fprintf(o, "<header class=\"verdict %s\" id=\"verdict\"><h1>%s</h1>\n", status_name[r->status],
            word[r->status]);
    fprintf(o, "<p>%d blocker%s, %d issue%s, %d fyi</p>\n", r->counts[QC_SEV_BLOCKER],
            r->counts[QC_SEV_BLOCKER] == 1 ? "" : "s", r->counts[QC_SEV_ISSUE],
            r->counts[QC_SEV_ISSUE] == 1 ? "" : "s", r->counts[QC_SEV_FYI]);
    if (r->interrupted)
        fprintf(o, "<p>Stopped by signal %d: everything below is partial.</p>\n", r->interrupted);
    for (int p = 0; p < r->nb_packages; p++) {
        fprintf(o, "<p>package <span class=\"mono\">");
        qc_html_text(o, r->packages[p].path);
        fprintf(o, "</span>%s</p>\n", r->packages[p].previous ? " (previous delivery)" : "");
    }
    if (!r->nb_packages)
        for (int t = 0; t < r->nb_tracks; t++) {
            fprintf(o, "<p class=\"mono\">");
            qc_html_text(o, r->tracks[t].path);
            fprintf(o, "</p>\n");
        }
    fprintf(o, "</header>\n<nav><a href=\"#summary\">Summary</a>");
    if (r->nb_compositions)
        fprintf(o, "<a href=\"#compositions\">Compositions</a>");
    if (r->nb_packages)
        fprintf(o, "<a href=\"#delivery\">Delivery</a>");
    fprintf(o, "<a href=\"#tracks\">Track files</a><a href=\"#findings\">Findings</a>"
               "<a href=\"#settings\">Settings</a></nav>\n<main>\n");
}

static void sev_badge(FILE *o, QcSeverity s)
{
    fprintf(o, "<span class=\"sev\" style=\"background:%s\">%s</span>", qc_html_sev_colour(s),
            qc_severity_name(s));
}

/* The few findings to act on first: blockers, else issues. */
static void fix_first(FILE *o, const QcReport *r)
{
    QcSeverity want = r->counts[QC_SEV_BLOCKER] ? QC_SEV_BLOCKER : QC_SEV_ISSUE;
    if (!r->counts[want])
        return;
    fprintf(o, "<h3>Fix first</h3>\n<table id=\"fix-first\">\n");
    int shown = 0;
    for (size_t i = 0; i < r->findings.count && shown < 20; i++) {
        const QcFinding *f = &r->findings.items[i];
        if (f->severity != want)
            continue;
        char at[48];
        qc_html_finding_at(r, f, at, sizeof(at));
        fprintf(o, "<tr><td>");
        sev_badge(o, f->severity);
        fprintf(o, "</td><td><a href=\"#f-%zu\"><code>%s</code></a></td><td class=\"mono\">%s"
                   "</td><td>",
                i + 1, qc_code_info(f->code)->name, at);
        qc_html_text(o, f->message);
        fprintf(o, "</td></tr>\n");
        shown++;
    }
    fprintf(o, "</table>\n");
    if (r->counts[want] > shown)
        fprintf(o, "<p class=\"muted\">%d more in <a href=\"#findings\">Findings</a>.</p>\n",
                r->counts[want] - shown);
}

static void summary(FILE *o, const QcReport *r)
{
    static const QcSeverity order[] = {QC_SEV_BLOCKER, QC_SEV_ISSUE, QC_SEV_FYI};
    fprintf(o, "<section id=\"summary\"><h2>Summary</h2>\n<div class=\"tiles\">");
    for (int k = 0; k < 3; k++)
        fprintf(o, "<div class=\"tile\" style=\"background:%s\"><b>%d</b>%s</div>",
                qc_html_sev_colour(order[k]), r->counts[order[k]], qc_severity_name(order[k]));
    fprintf(o, "</div>\n<table id=\"by-stage\"><tr><th>stage</th><th>blocker</th><th>issue</th>"
               "<th>fyi</th></tr>\n");
    for (int st = QC_STAGE_DELIVERY; st <= QC_STAGE_AQC; st++) {
        int n[QC_SEV_COUNT] = {0};
        for (size_t i = 0; i < r->findings.count; i++)
            if ((int)qc_code_info(r->findings.items[i].code)->stage == st)
                n[r->findings.items[i].severity]++;
        fprintf(o, "<tr><td>%s</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                   "<td class=\"num\">%d</td></tr>\n",
                qc_stage_name((QcStage)st), n[QC_SEV_BLOCKER], n[QC_SEV_ISSUE], n[QC_SEV_FYI]);
    }
    fprintf(o, "</table>\n");
    fix_first(o, r);
    fprintf(o, "</section>\n");
}

/* The timeline's own measurements (splices, loudness across resources), whatever they are. */
static void scalar_metrics(FILE *o, const QcMetrics *m)
{
    int any = 0;
    for (size_t i = 0; i < m->count; i++) {
        const QcMetric *e = &m->items[i];
        if (e->kind != QC_METRIC_DOUBLE && e->kind != QC_METRIC_INT)
            continue;
        fprintf(o, "%s", any++ ? " &middot; " : "<p class=\"muted\">");
        qc_html_text(o, e->group);
        fprintf(o, "%s", e->group[0] ? "." : "");
        qc_html_text(o, e->key);
        if (e->kind == QC_METRIC_INT)
            fprintf(o, " %lld", (long long)e->i[0]);
        else if (isfinite(e->d[0]))
            fprintf(o, " %.1f", e->d[0]);
        else
            fprintf(o, " &ndash;");
    }
    if (any)
        fprintf(o, "</p>\n");
}

static void compositions(FILE *o, const QcReport *r)
{
    if (!r->nb_compositions)
        return;
    fprintf(o, "<section id=\"compositions\"><h2>Compositions</h2>\n");
    for (int c = 0; c < r->nb_compositions; c++) {
        const QcCompositionReport *cp = &r->compositions[c];
        char tc[32], dur[32];
        qc_composition_timecode(cp, 0, tc, sizeof(tc));
        qc_html_clock(cp->rate_num > 0 ? (double)cp->duration * cp->rate_den / cp->rate_num : NAN,
                      1, dur, sizeof(dur));
        fprintf(o, "<h3 id=\"composition-%d\">", c + 1);
        qc_html_text(o, cp->title);
        fprintf(o, "</h3>\n<p class=\"muted mono\">%s &middot; %lld edit units at %d/%d (%s)%s%s"
                   "</p>\n",
                cp->id, (long long)cp->duration, cp->rate_num, cp->rate_den, dur,
                tc[0] ? " &middot; starts " : "", tc);
        qc_html_composition_timeline(o, r, c);
        scalar_metrics(o, &cp->metrics);
        fprintf(o, "<table><tr><th>track</th><th>sequence</th><th>status</th><th>resources</th>"
                   "</tr>\n");
        for (int t = 0; t < cp->nb_tracks; t++) {
            const QcVTrackReport *vt = &cp->tracks[t];
            fprintf(o, "<tr><td>%s</td><td>", vt->kind);
            qc_html_text(o, vt->sequence);
            fprintf(o, "</td><td>%s</td><td class=\"num\">%d</td></tr>\n", vt->status,
                    vt->nb_resources);
        }
        fprintf(o, "</table>\n");
    }
    fprintf(o, "</section>\n");
}

static void delivery(FILE *o, const QcReport *r)
{
    if (!r->nb_packages)
        return;
    fprintf(o, "<section id=\"delivery\"><h2>Delivery</h2>\n");
    for (int p = 0; p < r->nb_packages; p++) {
        const QcPackageReport *pk = &r->packages[p];
        fprintf(o, "<h3 class=\"mono\">");
        qc_html_text(o, pk->path);
        fprintf(o, "</h3>\n<table><tr><th>asset</th><th>type</th><th>bytes</th><th>digest</th>"
                   "</tr>\n");
        for (int a = 0; a < pk->nb_assets; a++) {
            const QcAssetReport *as = &pk->assets[a];
            int bad = strcmp(as->hash, "ok") && strcmp(as->hash, "none") &&
                      strcmp(as->hash, "skipped");
            fprintf(o, "<tr><td class=\"mono\">");
            qc_html_text(o, as->path ? qc_html_basename(as->path) : as->id);
            fprintf(o, "</td><td>%s</td><td class=\"num\">%lld</td><td%s>%s</td></tr>\n", as->type,
                    (long long)as->size,
                    bad ? " style=\"color:#c62828;font-weight:bold\"" : "", as->hash);
        }
        fprintf(o, "</table>\n");
    }
    fprintf(o, "</section>\n");
}

static void essence_line(FILE *o, const QcTrackReport *tr)
{
    const QcTrackInfo *i = &tr->info;
    char dur[32];
    qc_html_clock(i->duration >= 0 ? qc_track_seconds(i, i->duration) : NAN, 1, dur, sizeof(dur));
    fprintf(o, "<p class=\"muted\">");
    qc_html_text(o, i->codec);
    fprintf(o, " in ");
    qc_html_text(o, i->container);
    if (i->kind == QC_MEDIA_VIDEO)
        fprintf(o, ", %d&times;%d, %d bit, %d/%d fps, %lld frames (%s)", i->width, i->height,
                i->bits, i->rate_num, i->rate_den, (long long)i->duration, dur);
    else
        fprintf(o, ", %d Hz, %d channels, %d bit, %s", i->sample_rate, i->channels, i->bits, dur);
    if (tr->language[0])
        fprintf(o, ", language "), qc_html_text(o, tr->language);
    fprintf(o, "</p>\n");
}

static void tracks(FILE *o, const QcReport *r)
{
    fprintf(o, "<section id=\"tracks\"><h2>Track files</h2>\n");
    for (int t = 0; t < r->nb_tracks; t++) {
        const QcTrackReport *tr = &r->tracks[t];
        fprintf(o, "<h3 id=\"track-%d\" class=\"mono\">", t + 1);
        qc_html_text(o, tr->path);
        fprintf(o, "</h3>\n");
        if (!tr->opened) {
            fprintf(o, "<p><b>Not inspected:</b> ");
            qc_html_text(o, tr->error);
            fprintf(o, "</p>\n");
            continue;
        }
        essence_line(o, tr);
        if (tr->error[0])
            fprintf(o, "<p><b>Stopped early:</b> "), qc_html_text(o, tr->error), fprintf(o, "</p>");
        qc_html_track_timeline(o, r, t);
        if (tr->info.kind == QC_MEDIA_AUDIO) {
            qc_html_loudness_plot(o, r, t);
            qc_html_levels(o, r, t);
        } else {
            qc_html_pictures(o, r, t);
        }
    }
    fprintf(o, "</section>\n");
}

static void diff_table(FILE *o, const QcDiffTable *d)
{
    fprintf(o, "<table class=\"diff\"><tr><th>property</th><th>CPL</th><th>MXF</th></tr>\n");
    for (int i = 0; i < d->count; i++) {
        const QcDiffEntry *e = &d->items[i];
        fprintf(o, "<tr><td>");
        qc_html_text(o, e->path);
        const char *side[2] = {e->cpl, e->mxf};
        for (int k = 0; k < 2; k++) {
            fprintf(o, "</td><td>");
            if (side[k])
                qc_html_text(o, side[k]);
            else
                fprintf(o, "<span class=\"absent\">absent</span>");
        }
        fprintf(o, "</td></tr>\n");
    }
    fprintf(o, "</table>\n");
    if (d->more)
        fprintf(o, "<p class=\"muted\">%d more differences</p>\n", d->more);
}

static void finding_row(FILE *o, const QcReport *r, size_t i)
{
    const QcFinding *f = &r->findings.items[i];
    const QcTrackReport *tr = f->track >= 0 && f->track < r->nb_tracks ? &r->tracks[f->track] : NULL;
    char at[48], ch[32] = "";
    qc_html_finding_at(r, f, at, sizeof(at));
    if (tr && f->channel >= 0 && f->channel < QC_MAX_CHANNELS) {
        const char *n = qc_channel_label_name(tr->info.labels[f->channel]);
        snprintf(ch, sizeof(ch), "%s", n ? n : "");
        if (!n)
            snprintf(ch, sizeof(ch), "channel %d", f->channel + 1);
    }
    fprintf(o, "<tr id=\"f-%zu\" class=\"sev-%s\"><td class=\"num\">%zu</td><td>", i + 1,
            qc_severity_name(f->severity), i + 1);
    sev_badge(o, f->severity);
    fprintf(o, "</td><td><code>%s</code></td><td>%s</td><td class=\"mono\">",
            qc_code_info(f->code)->name, qc_stage_name(qc_code_info(f->code)->stage));
    if (tr)
        qc_html_text(o, qc_html_basename(tr->path));
    fprintf(o, "%s%s</td><td class=\"mono\">%s</td><td>", ch[0] ? " " : "", ch, at);
    qc_html_text(o, f->message);
    for (int d = 0; d < f->nb_details; d++)
        if (f->details[d].kind == QC_DETAIL_DIFF && f->details[d].i >= 0 &&
            f->details[d].i < r->nb_diffs)
            diff_table(o, &r->diffs[f->details[d].i]);
    fprintf(o, "</td></tr>\n");
}

static void findings(FILE *o, const QcReport *r)
{
    fprintf(o, "<section id=\"findings\"><h2>Findings (%zu)</h2>\n<p>Show:", r->findings.count);
    static const QcSeverity order[] = {QC_SEV_BLOCKER, QC_SEV_ISSUE, QC_SEV_FYI};
    for (int k = 0; k < 3; k++)
        fprintf(o, " <label><input type=\"checkbox\" checked data-sev=\"%s\"> %s (%d)</label>",
                qc_severity_name(order[k]), qc_severity_name(order[k]), r->counts[order[k]]);
    fprintf(o, "</p>\n<table id=\"findings-table\"><tr><th>#</th><th>severity</th><th>code</th>"
               "<th>stage</th><th>where</th><th>at</th><th>message</th></tr>\n");
    for (size_t i = 0; i < r->findings.count; i++)
        finding_row(o, r, i);
    fprintf(o, "</table>\n");
    if (!r->findings.count)
        fprintf(o, "<p>No findings.</p>\n");
    for (int t = 0; t < r->nb_tracks; t++)
        for (int c = 0; c < QC_CODE_COUNT; c++)
            if (r->tracks[t].suppressed[c]) {
                fprintf(o, "<p class=\"muted\">%lld more <code>%s</code> on ",
                        (long long)r->tracks[t].suppressed[c], qc_code_info(c)->name);
                qc_html_text(o, qc_html_basename(r->tracks[t].path));
                fprintf(o, " not listed (profile cap)</p>\n");
            }
    fprintf(o, "</section>\n");
}

static void settings(FILE *o, const QcReport *r)
{
    fprintf(o, "<section id=\"settings\"><h2>Settings</h2>\n<p>profile <b>");
    qc_html_text(o, r->profile);
    fprintf(o, "</b> &middot; decode %s &middot; %d threads &middot; kernels %s &middot; "
               "descriptors compared %s",
            r->fast_decode ? "fast" : "full", r->threads, r->cpu,
            r->descriptor_normalized ? "normalized" : "exact");
    if (r->expect_language[0])
        fprintf(o, " &middot; expected language "), qc_html_text(o, r->expect_language);
    if (r->max_findings_per_code > 0)
        fprintf(o, " &middot; at most %d findings per code and track file",
                r->max_findings_per_code);
    fprintf(o, "</p>\n");
    if (r->nb_severity) {
        fprintf(o, "<p>Severities set by the profile:");
        for (int i = 0; i < r->nb_severity; i++)
            fprintf(o, " <code>%s</code> %s", qc_code_info(r->severity[i].code)->name,
                    qc_severity_name(r->severity[i].severity));
        fprintf(o, "</p>\n");
    }
    fprintf(o, "<details><summary>Analyzer options</summary><table><tr><th>analyzer</th>"
               "<th>option</th><th>value</th></tr>\n");
    for (size_t i = 0; i < r->settings.count; i++) {
        const QcMetric *m = &r->settings.items[i];
        fprintf(o, "<tr><td>");
        qc_html_text(o, m->group);
        fprintf(o, "</td><td>");
        qc_html_text(o, m->key);
        if (m->kind == QC_METRIC_DOUBLE)
            fprintf(o, "</td><td class=\"num\">%g</td></tr>\n", m->d[0]);
        else if (m->kind == QC_METRIC_INT)
            fprintf(o, "</td><td class=\"num\">%lld</td></tr>\n", (long long)m->i[0]);
        else
            fprintf(o, "</td><td></td></tr>\n");
    }
    fprintf(o, "</table></details>\n</section>\n");
}

int qc_report_write_html(const QcReport *r, FILE *o)
{
    head(o, r);
    verdict(o, r);
    summary(o, r);
    compositions(o, r);
    delivery(o, r);
    tracks(o, r);
    findings(o, r);
    settings(o, r);
    fprintf(o, "<footer class=\"muted\">imfqc %s &middot; report schema %s</footer>\n</main>\n"
               "<script>%s</script>\n</body></html>\n",
            QC_VERSION, QC_REPORT_SCHEMA, page_script);
    return ferror(o) ? -1 : 0;
}
