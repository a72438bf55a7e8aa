// SPDX-License-Identifier: MIT
/* The JSON writer: schema fields, escaping of hostile strings, non-finite numbers as null,
 * atomic file writes. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>

#include "engine/report/report_writer.h"
#include "unit.h"

static void build(QcReport *r)
{
    memset(r, 0, sizeof(*r));
    snprintf(r->profile, sizeof(r->profile), "default");
    r->threads = 2;
    r->nb_tracks = 1;
    r->tracks = calloc(1, sizeof(QcTrackReport));
    QcTrackReport *t = &r->tracks[0];
    t->path = strdup("dir/\"quoted\"\n\xff\xfe.wav"); /* not UTF-8, with a quote and a newline */
    snprintf(t->id, sizeof(t->id), "urn:uuid:00000000-0000-5000-8000-000000000000");
    t->opened = t->complete = 1;
    t->info.sample_rate = 48000;
    t->info.channels = 2;
    t->info.bits = 24;
    t->info.duration = 480000;
    t->info.labels[0] = QC_CH_L;
    t->info.labels[1] = QC_CH_R;
    double tp[2] = {-3.5, -INFINITY};
    qc_metrics_set_doubles(&t->metrics, "loudness", "true_peak_dbtp", tp, 2);
    qc_metrics_set_double(&t->metrics, "loudness", "integrated_lufs", NAN);
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_DIGITAL_HIT);
    f.track = 0;
    f.channel = 1;
    f.start = 48000;
    f.duration = 1;
    qc_finding_message(&f, "a \"click\" \\ with\ttabs");
    qc_finding_detail_channels(&f, "channels", 0x5);
    qc_finding_list_add(&r->findings, &f);
    qc_finding_init(&f, QC_CODE_AUDIO_SILENCE);
    f.track = 0;
    f.severity = QC_SEV_BLOCKER;
    f.start = 0;
    f.duration = 480000;
    qc_finding_list_add(&r->findings, &f);
    qc_report_finalize(r);
}

void test_report_json(void)
{
    QcReport r;
    build(&r);
    CHECK(r.status == QC_STATUS_FAIL && r.counts[QC_SEV_BLOCKER] == 1 &&
          r.counts[QC_SEV_ISSUE] == 1);
    char path[256];
    snprintf(path, sizeof(path), "%s/report.json", unit_tmpdir());
    QcError e;
    qc_error_clear(&e);
    CHECK(qc_report_write_file(&r, QC_FORMAT_JSON, path, &e) == 0);
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    CHECK(root != NULL);
    if (root) {
        CHECK(!strcmp(json_string_value(json_object_get(root, "schema")), "imfqc-report/1"));
        CHECK(!strcmp(json_string_value(json_object_get(root, "status")), "fail"));
        json_t *fs = json_object_get(root, "findings");
        CHECK(json_array_size(fs) == 2);
        json_t *f0 = json_array_get(fs, 0), *f1 = json_array_get(fs, 1);
        CHECK(!strcmp(json_string_value(json_object_get(f0, "code")), "AUDIO_SILENCE"));
        CHECK(json_is_null(json_object_get(f0, "channel")));
        CHECK(!strcmp(json_string_value(json_object_get(f1, "message")),
                      "a \"click\" \\ with\ttabs"));
        CHECK(json_integer_value(json_object_get(f1, "channel")) == 1);
        json_t *st = json_object_get(f1, "start");
        CHECK(json_integer_value(json_object_get(st, "edit_unit")) == 48000);
        CHECK(fabs(json_real_value(json_object_get(st, "seconds")) - 1.0) < 1e-12);
        json_t *ch = json_object_get(json_object_get(f1, "details"), "channels");
        CHECK(json_array_size(ch) == 2 && json_integer_value(json_array_get(ch, 1)) == 2);
        json_t *t0 = json_array_get(json_object_get(root, "track_files"), 0);
        CHECK(json_is_string(json_object_get(t0, "path")));
        json_t *loud = json_object_get(json_object_get(t0, "metrics"), "loudness");
        CHECK(json_is_null(json_object_get(loud, "integrated_lufs")));
        CHECK(json_is_null(json_array_get(json_object_get(loud, "true_peak_dbtp"), 1)));
        json_decref(root);
    }
    /* no temporary file is left beside the report */
    DIR *d = opendir(unit_tmpdir());
    int temps = 0;
    for (struct dirent *de; d && (de = readdir(d));)
        temps += strstr(de->d_name, ".tmp.") != NULL;
    if (d)
        closedir(d);
    CHECK(temps == 0);
    qc_error_clear(&e);
    CHECK(qc_report_write_file(&r, QC_FORMAT_TEXT, "/nonexistent-dir/r.txt", &e) == QC_ERR_IO);
    CHECK(strstr(e.msg, "/nonexistent-dir/r.txt") != NULL);
    FILE *mem = fopen("/dev/null", "w");
    CHECK(qc_report_write(&r, QC_FORMAT_TEXT, mem) == 0);
    fclose(mem);
    qc_report_free(&r);
}
