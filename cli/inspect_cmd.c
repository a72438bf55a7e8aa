// SPDX-License-Identifier: MIT
/* `imfqc inspect`: runs the engine, writes the reports, maps the outcome to the exit status. */
#include <libavutil/log.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analyzers/registry.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "engine/pipeline/inspect.h"
#include "engine/pipeline/thumbnails.h"
#include "engine/report/report_writer.h"
#include "kernels/cpu.h"

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
}

/* The first SIGINT/SIGTERM asks for a clean stop with a partial report; a second one kills. */
static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int setup(const QcCliArgs *a, QcProfile *profile, QcInspectSettings *s)
{
    QcError err;
    qc_error_clear(&err);
    if (a->cpu_mask) {
        unsigned mask;
        if (qc_cpu_parse_mask(a->cpu_mask, &mask) < 0) {
            fprintf(stderr, "imfqc: --cpu-mask: unknown name in \"%s\"\n", a->cpu_mask);
            return 2;
        }
        qc_cpu_set_mask(mask);
    }
    if (qc_profile_load(profile, a->profile ? a->profile : "default", &err) < 0) {
        fprintf(stderr, "imfqc: --profile: %s\n", err.msg);
        return 2;
    }
    qc_inspect_default_settings(s);
    s->analyzers = qc_analyzers;
    s->only = a->only;
    s->skip = a->skip;
    s->profile = profile;
    s->threads = a->threads ? a->threads : qc_cpu_count();
    s->cpu_flags = qc_cpu_flags();
    s->cancel = &stop_signal;
    s->fast_decode = a->decode && !strcmp(a->decode, "fast");
    s->no_hash = a->no_hash;
    s->descriptor_normalized = a->descriptor_compare && !strcmp(a->descriptor_compare, "normalized");
    s->expect_language = a->expect_language;
    s->previous = a->previous;
    s->nb_previous = a->nb_previous;
    if (qc_inspect_validate(s, &err) < 0) {
        fprintf(stderr, "imfqc: %s\n", err.msg);
        return 2;
    }
    return 0;
}

/* Pictures are decoded again only for a report people look at, and only a few of them. */
static void add_thumbnails(const QcCliArgs *a, QcReport *r)
{
    int html = 0;
    for (int i = 0; i < a->nb_reports; i++) {
        QcReportFormat fmt;
        html |= qc_report_format_from_path(a->reports[i], &fmt) == 0 && fmt == QC_FORMAT_HTML;
    }
    if (!html || r->interrupted)
        return;
    QcThumbnailSettings ts;
    qc_thumbnail_default_settings(&ts);
    ts.cancel = &stop_signal;
    QcError err;
    qc_error_clear(&err);
    if (qc_report_add_thumbnails(r, &ts, &err) < 0)
        fprintf(stderr, "imfqc: %s (the HTML report has fewer pictures)\n", err.msg);
}

static int write_reports(const QcCliArgs *a, QcReport *r)
{
    int ret = 0;
    add_thumbnails(a, r);
    for (int i = 0; i < a->nb_reports; i++) {
        QcReportFormat fmt;
        qc_report_format_from_path(a->reports[i], &fmt);
        QcError err;
        qc_error_clear(&err);
        if (qc_report_write_file(r, fmt, a->reports[i], &err) < 0) {
            fprintf(stderr, "imfqc: %s\n", err.msg);
            ret = 3;
        }
    }
    int fmt = a->format >= 0 ? a->format : isatty(STDOUT_FILENO) ? QC_FORMAT_TEXT : QC_FORMAT_JSON;
    if (qc_report_write(r, (QcReportFormat)fmt, stdout) < 0 || fflush(stdout) != 0)
        ret = 3;
    return ret;
}

static int exit_status(const QcReport *r, int engine_ret)
{
    if (r->interrupted)
        return 128 + r->interrupted;
    if (engine_ret < 0 && engine_ret != QC_ERR_CANCELLED)
        return 3;
    for (int t = 0; t < r->nb_tracks; t++)
        if (!r->tracks[t].opened || !r->tracks[t].complete)
            return 3;
    return r->counts[QC_SEV_BLOCKER] ? 1 : 0;
}

int qc_cli_inspect(const QcCliArgs *a)
{
    static QcProfile profile; /* large: keep it off the stack */
    QcInspectSettings s;
    int ret = setup(a, &profile, &s);
    if (ret)
        return ret;
    av_log_set_level(AV_LOG_QUIET); /* decoder complaints become findings, not noise */
    install_signals();
    QcReport report; /* filled by qc_inspect; the progress callbacks read its tracks */
    QcProgress prog;
    qc_progress_init(&prog, a->progress, &report, a->paths, a->nb_paths, &s);
    s.progress = qc_progress_update;
    s.on_finding = qc_progress_finding;
    s.opaque = &prog;

    QcError err;
    qc_error_clear(&err);
    double t0 = now();
    int eret = qc_inspect(a->paths, a->nb_paths, &s, &report, &err);
    report.elapsed_s = now() - t0;
    snprintf(report.cpu, sizeof(report.cpu), "%s", qc_cpu_name(s.cpu_flags));
    qc_progress_clear(&prog);
    if (eret < 0 && eret != QC_ERR_CANCELLED)
        fprintf(stderr, "imfqc: %s\n", err.msg);
    for (int t = 0; t < report.nb_tracks; t++)
        if (report.tracks[t].error[0])
            fprintf(stderr, "imfqc: %s\n", report.tracks[t].error);
    int wret = write_reports(a, &report);
    ret = exit_status(&report, eret);
    if (wret && !ret)
        ret = wret;
    qc_progress_done(&prog, &report, ret);
    qc_report_free(&report);
    return ret;
}
