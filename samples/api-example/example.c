// SPDX-License-Identifier: MIT
/*
 * imfqc-example [-o REPORT] PATH...: inspects PATHs through libimfqc and prints one line per
 * finding, then the counts. REPORT (.json, .txt or .html) also gets the full report.
 * Exit status as `imfqc inspect`: 0 no blocker, 1 a blocker, 2 usage, 3 could not inspect,
 * 130 interrupted.
 *
 *   cc example.c $(pkg-config --cflags --libs imfqc) -o imfqc-example
 */
#include <imfqc.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static QcSession *volatile running;

/* qc_session_cancel is async-signal-safe: Ctrl-C stops the run and keeps a partial report */
static void on_sigint(int sig)
{
    (void)sig;
    if (running)
        qc_session_cancel(running);
}

static void print_finding(const QcFindingInfo *f)
{
    printf("%-7s %-24s", f->severity_name, f->code);
    if (f->track_file_path)
        printf(" %s", f->track_file_path);
    if (f->channel >= 0)
        printf(" channel %d", f->channel);
    if (f->start_edit_unit >= 0)
        printf(" at %lld", (long long)f->start_edit_unit);
    if (!isnan(f->start_seconds))
        printf(" (%.3f s)", f->start_seconds);
    if (f->timecode[0])
        printf(" tc %s", f->timecode);
    printf(": %s\n", f->message);
}

/* A metric by name, for the loudness line: metrics are walked like findings. */
static int metric(const QcSession *s, size_t track, const char *group, const char *key,
                  QcMetricInfo *out)
{
    QcTrackFileInfo t;
    qc_session_track_file(s, track, &t);
    for (size_t i = 0; i < t.nb_metrics; i++)
        if (qc_session_metric(s, track, i, out) == 0 && !strcmp(out->group, group) &&
            !strcmp(out->key, key))
            return 1;
    return 0;
}

static void print_track_files(const QcSession *s)
{
    for (size_t i = 0; i < qc_session_track_file_count(s); i++) {
        QcTrackFileInfo t;
        QcMetricInfo m;
        qc_session_track_file(s, i, &t);
        if (!t.inspected)
            fprintf(stderr, "imfqc-example: %s: %s\n", t.path, t.error);
        else if (metric(s, i, "loudness", "integrated_lufs", &m) && m.kind == QC_API_METRIC_DOUBLE)
            printf("%s: %s, integrated loudness %.1f LUFS\n", t.path, t.kind, m.d[0]);
    }
}

int main(int argc, char **argv)
{
    int first = 1;
    const char *report = NULL;
    if (argc > 2 && !strcmp(argv[1], "-o")) {
        report = argv[2];
        first = 3;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: imfqc-example [-o REPORT.json|.txt|.html] PATH...\n");
        return 2;
    }

    QcSessionSettings settings;
    qc_session_default_settings(&settings); /* all analyzers, profile "default", all CPUs */
    QcSession *s;
    if (qc_session_open(&s, &settings) < 0) {
        fprintf(stderr, "imfqc-example: %s\n", qc_session_error(s));
        qc_session_close(&s);
        return 2;
    }
    running = s;
    signal(SIGINT, on_sigint);
    int ret = qc_session_inspect(s, (const char *const *)&argv[first], argc - first);
    running = NULL;
    if (ret < 0 && ret != QC_API_ERR_CANCELLED)
        fprintf(stderr, "imfqc-example: %s\n", qc_session_error(s));

    for (size_t i = 0; i < qc_session_finding_count(s); i++) {
        QcFindingInfo f;
        if (qc_session_finding(s, i, &f) == 0)
            print_finding(&f);
    }
    print_track_files(s);
    printf("%d blocker, %d issue, %d fyi\n", qc_session_count(s, QC_API_BLOCKER),
           qc_session_count(s, QC_API_ISSUE), qc_session_count(s, QC_API_FYI));

    QcApiStatus status = qc_session_status(s);
    if (report && qc_session_write_report(s, report) < 0) {
        fprintf(stderr, "imfqc-example: %s\n", qc_session_error(s));
        ret = -1;
    }
    qc_session_close(&s);
    if (ret == QC_API_ERR_CANCELLED)
        return 130;
    if (ret < 0 || status == QC_API_INCOMPLETE)
        return 3;
    return status == QC_API_FAIL ? 1 : 0;
}
