// SPDX-License-Identifier: MIT
/*
 * The public API's contract, linked against the shared library so that only its exports are
 * reachable: settings refused at open with a message, the failed-open session, argument
 * checks, cancellation, the walkers against a WAV with one known click, and report writing.
 * Usage: session_test CLEAN.wav CLICK.wav WORKDIR
 */
#include <imfqc.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int failures;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

/* Opening with one bad setting fails with @p want and a message naming @p needle. */
static void refused(const QcSessionSettings *cfg, const int want, const char *needle)
{
    QcSession *s = NULL;
    int ret = qc_session_open(&s, cfg);
    CHECK(ret == want);
    CHECK(s != NULL);
    CHECK(strstr(qc_session_error(s), needle) != NULL);
    const char *path = "x.wav";
    CHECK(qc_session_inspect(s, &path, 1) == QC_API_ERR_INVAL);
    CHECK(qc_session_write_report(s, "x.json") == QC_API_ERR_INVAL);
    if (!strstr(qc_session_error(s), needle))
        fprintf(stderr, "  message: %s\n", qc_session_error(s));
    qc_session_close(&s);
    CHECK(s == NULL);
}

/* A profile file with @p text at @p dir/@p name; @return its path in @p path. */
static const char *profile_file(const char *dir, const char *name, const char *text, char *path,
                                const size_t size)
{
    snprintf(path, size, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

static void test_open(const char *dir)
{
    QcSessionSettings cfg;
    char path[1024];
    qc_session_default_settings(&cfg);
    cfg.profile = "no-such-profile";
    refused(&cfg, QC_API_ERR_INVAL, "no-such-profile");
    cfg.profile = profile_file(dir, "bad.json", "{\"analyzers\": {\"loudness\": {\"nope\": 1}}}",
                               path, sizeof(path));
    refused(&cfg, QC_API_ERR_INVAL, "nope");
    cfg.profile = profile_file(dir, "broken.json", "{\"name\": ", path, sizeof(path));
    refused(&cfg, QC_API_ERR_INVAL, "broken.json");
    cfg.profile = profile_file(dir, "house.json", "{\"name\": \"house\", \"base\": \"ebu-r128\"}",
                               path, sizeof(path));
    QcSession *s = NULL;
    CHECK(qc_session_open(&s, &cfg) == 0);
    qc_session_close(&s);
    qc_session_default_settings(&cfg);
    cfg.only = "loudness,no_such_analyzer";
    refused(&cfg, QC_API_ERR_INVAL, "no_such_analyzer");
    qc_session_default_settings(&cfg);
    cfg.threads = -1;
    refused(&cfg, QC_API_ERR_INVAL, "threads");
    qc_session_default_settings(&cfg);
    cfg.expect_language = "not a tag";
    refused(&cfg, QC_API_ERR_INVAL, "not a tag");
    qc_session_default_settings(&cfg);
    cfg.nb_previous = 1;
    refused(&cfg, QC_API_ERR_INVAL, "previous");
    CHECK(qc_session_open(NULL, &cfg) == QC_API_ERR_INVAL);
    CHECK(qc_session_open(&s, NULL) == QC_API_ERR_INVAL);
    qc_session_close(&s);
    qc_session_close(&s); /* NULL: a no-op */
    qc_session_close(NULL);
    CHECK(strcmp(qc_session_error(NULL), "out of memory") == 0);
    CHECK(strcmp(qc_version(), "0.1.0") >= 0 && qc_version()[0] != '\0');
}

static void test_before_inspect(QcSession *s)
{
    QcFindingInfo f;
    QcTrackFileInfo t;
    QcMetricInfo m;
    CHECK(qc_session_status(s) == QC_API_INCOMPLETE);
    CHECK(qc_session_finding_count(s) == 0);
    CHECK(qc_session_track_file_count(s) == 0);
    CHECK(qc_session_finding(s, 0, &f) == QC_API_ERR_INVAL);
    CHECK(qc_session_track_file(s, 0, &t) == QC_API_ERR_INVAL);
    CHECK(qc_session_metric(s, 0, 0, &m) == QC_API_ERR_INVAL);
    CHECK(qc_session_count(s, QC_API_ISSUE) == 0);
    CHECK(qc_session_write_report(s, "x.json") == QC_API_ERR_INVAL);
    CHECK(qc_session_inspect(s, NULL, 1) == QC_API_ERR_INVAL);
    const char *none[1] = {NULL};
    CHECK(qc_session_inspect(s, none, 1) == QC_API_ERR_INVAL);
    CHECK(qc_session_inspect(s, none, 0) == QC_API_ERR_INVAL);
}

static void check_click(const QcSession *s, const char *click)
{
    CHECK(qc_session_status(s) == QC_API_PASS);
    CHECK(qc_session_finding_count(s) == 1);
    CHECK(qc_session_count(s, QC_API_ISSUE) == 1);
    CHECK(qc_session_count(s, QC_API_BLOCKER) == 0);
    CHECK(qc_session_count(s, (QcApiSeverity)7) == 0);
    QcFindingInfo f;
    CHECK(qc_session_finding(s, 0, &f) == 0);
    CHECK(strcmp(f.code, "AUDIO_DIGITAL_HIT") == 0);
    CHECK(f.severity == QC_API_ISSUE && strcmp(f.severity_name, "issue") == 0);
    CHECK(strcmp(f.stage, "iaas") == 0);
    CHECK(f.channel == 2 && f.start_edit_unit == 144000);
    CHECK(fabs(f.start_seconds - 3.0) < 1e-9);
    CHECK(f.track_file == 0 && strcmp(f.track_file_path, click) == 0);
    CHECK(f.composition_id == NULL && f.timecode[0] == '\0' && f.composition_edit_unit == -1);
    CHECK(f.message[0] != '\0');
    CHECK(qc_session_finding(s, 1, &f) == QC_API_ERR_INVAL);
    CHECK(qc_session_finding(s, 0, NULL) == QC_API_ERR_INVAL);
}

static void check_track(const QcSession *s)
{
    CHECK(qc_session_track_file_count(s) == 1);
    QcTrackFileInfo t;
    CHECK(qc_session_track_file(s, 0, &t) == 0);
    CHECK(t.inspected == 1 && t.error[0] == '\0');
    CHECK(strcmp(t.kind, "audio") == 0 && strcmp(t.container, "wav") == 0);
    CHECK(t.sample_rate == 48000 && t.channels == 6 && t.bits == 24);
    CHECK(t.rate_num == 48000 && t.rate_den == 1 && t.duration == 6 * 48000);
    CHECK(t.nb_metrics > 0);
    int loudness = 0;
    for (size_t i = 0; i < t.nb_metrics; i++) {
        QcMetricInfo m;
        CHECK(qc_session_metric(s, 0, i, &m) == 0);
        CHECK(m.group && m.key && m.key[0]);
        CHECK((m.d != NULL) == (m.kind == QC_API_METRIC_DOUBLE || m.kind == QC_API_METRIC_DOUBLES));
        CHECK((m.i != NULL) == (m.kind == QC_API_METRIC_INT || m.kind == QC_API_METRIC_INTS));
        CHECK((m.s != NULL) == (m.kind == QC_API_METRIC_STRING));
        if (!strcmp(m.group, "loudness") && !strcmp(m.key, "integrated_lufs")) {
            loudness = 1;
            CHECK(m.kind == QC_API_METRIC_DOUBLE && m.count == 1);
            CHECK(m.d[0] > -30 && m.d[0] < -18);
        }
    }
    CHECK(loudness);
    QcMetricInfo m;
    CHECK(qc_session_metric(s, 0, t.nb_metrics, &m) == QC_API_ERR_INVAL);
    CHECK(qc_session_metric(s, 1, 0, &m) == QC_API_ERR_INVAL);
}

static void check_reports(QcSession *s, const char *dir)
{
    static const char *const names[] = {"r.json", "r.txt", "r.html"};
    for (int i = 0; i < 3; i++) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        CHECK(qc_session_write_report(s, path) == 0);
        struct stat st;
        CHECK(stat(path, &st) == 0 && st.st_size > 0);
    }
    char path[1024];
    snprintf(path, sizeof(path), "%s/r.pdf", dir);
    CHECK(qc_session_write_report(s, path) == QC_API_ERR_INVAL);
    CHECK(strstr(qc_session_error(s), "r.pdf") != NULL);
    snprintf(path, sizeof(path), "%s/no/such/dir/r.json", dir);
    CHECK(qc_session_write_report(s, path) == QC_API_ERR_IO);
    CHECK(qc_session_error(s)[0] != '\0');
}

static void test_inspect(const char *clean, const char *click, const char *dir)
{
    QcSessionSettings cfg;
    qc_session_default_settings(&cfg);
    cfg.threads = 2;
    QcSession *s = NULL;
    CHECK(qc_session_open(&s, &cfg) == 0);
    if (!s)
        return;
    CHECK(qc_session_error(s)[0] == '\0');
    test_before_inspect(s);
    CHECK(qc_session_inspect(s, &click, 1) == 0);
    check_click(s, click);
    check_track(s);
    check_reports(s, dir);
    /* a second run replaces the report */
    CHECK(qc_session_inspect(s, &clean, 1) == 0);
    CHECK(qc_session_status(s) == QC_API_PASS && qc_session_finding_count(s) == 0);
    /* a cancel before the run stops it at once, and the request is then cleared */
    qc_session_cancel(s);
    CHECK(qc_session_inspect(s, &click, 1) == QC_API_ERR_CANCELLED);
    CHECK(qc_session_status(s) == QC_API_INCOMPLETE);
    CHECK(qc_session_inspect(s, &click, 1) == 0);
    CHECK(qc_session_status(s) == QC_API_PASS);
    /* an input that cannot be opened is not an error: the run is incomplete */
    const char *missing = "no-such-file.wav";
    CHECK(qc_session_inspect(s, &missing, 1) == 0);
    CHECK(qc_session_status(s) == QC_API_INCOMPLETE);
    QcTrackFileInfo t;
    CHECK(qc_session_track_file(s, 0, &t) == 0);
    CHECK(!t.inspected && t.error[0] && strcmp(t.kind, "") == 0 && t.duration == -1);
    qc_session_close(&s);
    CHECK(s == NULL);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: session_test CLEAN.wav CLICK.wav WORKDIR\n");
        return 2;
    }
    test_open(argv[3]);
    test_inspect(argv[1], argv[2], argv[3]);
    if (failures)
        fprintf(stderr, "session_test: %d checks failed\n", failures);
    return failures ? 1 : 0;
}
