// SPDX-License-Identifier: MIT
/* The pieces behind the HTML report: the bounded series loudness keeps over time, pictures to
 * RGB, and the page itself with hostile strings escaped. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/series.h"
#include "engine/codec/picture_rgb.h"
#include "engine/report/report_writer.h"
#include "unit.h"

static void test_series_bounds(void)
{
    static QcSeries s;
    qc_series_init(&s);
    for (int i = 0; i < 1000; i++)
        qc_series_add(&s, i);
    CHECK(s.count == 1000 && s.step == 1 && s.v[999] == 999);
    /* 3000 inputs: merged twice, each point the largest (= last) input of its 4 */
    for (int i = 1000; i < 3000; i++)
        qc_series_add(&s, i);
    CHECK(s.step == 4 && s.count == 750 && s.pending == 0);
    CHECK(s.v[0] == 3 && s.v[1] == 7 && s.v[749] == 2999);
    /* a partial point is stored too, and the step in seconds */
    qc_series_add(&s, -5);
    QcMetrics m = {0};
    CHECK(qc_series_store(&s, &m, "g", "k", NULL, 0.1) == 0);
    const QcMetric *k = qc_metrics_get(&m, "g", "k"), *st = qc_metrics_get(&m, "g", "step_s");
    CHECK(k && k->count == 751 && k->d[750] == -5);
    CHECK(st && fabs(st->d[0] - 0.4) < 1e-12);
    qc_metrics_free(&m);
    /* a feature: 2 h of 100 ms blocks stays within the bound */
    qc_series_init(&s);
    for (int i = 0; i < 72000; i++)
        qc_series_add(&s, i % 600 == 0 ? 10 : 0);
    CHECK(s.count <= QC_SERIES_MAX && s.count > QC_SERIES_MAX / 2 && s.step == 128);
    CHECK(s.v[0] == 10); /* a peak is never averaged away */
}

static void picture(QcPicture *p, int32_t *planes, int bits, int32_t a, int32_t b, int32_t c)
{
    memset(p, 0, sizeof(*p));
    p->width = p->height = 4;
    p->planes = 3;
    p->bits = bits;
    for (int k = 0; k < 3; k++) {
        p->w[k] = p->h[k] = 4;
        p->dx[k] = p->dy[k] = 1;
        for (int i = 0; i < 16; i++)
            planes[k * 16 + i] = k == 0 ? a : k == 1 ? b : c;
        p->plane[k] = planes + k * 16;
    }
}

static void test_picture_rgb(void)
{
    int32_t planes[48];
    QcPicture p;
    uint8_t *rgb = NULL;
    int w = 0, h = 0;
    /* 10-bit narrow-range white and black, then full-range RGB red, scaled 4:1 */
    picture(&p, planes, 10, 940, 512, 512);
    CHECK(qc_picture_to_rgb24(&p, 0, 0, 2, &rgb, &w, &h) == 0 && w == 2 && h == 2);
    CHECK(rgb && rgb[0] == 255 && rgb[1] == 255 && rgb[2] == 255);
    free(rgb);
    picture(&p, planes, 10, 64, 512, 512);
    CHECK(qc_picture_to_rgb24(&p, 0, 0, 4, &rgb, &w, &h) == 0 && w == 4);
    CHECK(rgb && rgb[0] == 0 && rgb[1] == 0 && rgb[2] == 0);
    free(rgb);
    picture(&p, planes, 12, 4095, 0, 0);
    CHECK(qc_picture_to_rgb24(&p, 1, 1, 1, &rgb, &w, &h) == 0 && w == 1 && h == 1);
    CHECK(rgb && rgb[0] == 255 && rgb[1] == 0 && rgb[2] == 0);
    free(rgb);
    /* the PNG encoder gives a PNG */
    uint8_t px[12] = {255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9}, *png = NULL;
    size_t n = 0;
    CHECK(qc_png_encode_rgb24(px, 2, 2, &png, &n) == 0 && n > 8 && !memcmp(png, "\x89PNG", 4));
    free(png);
}

static void test_html_page(void)
{
    QcReport r;
    memset(&r, 0, sizeof(r));
    snprintf(r.profile, sizeof(r.profile), "default");
    r.nb_tracks = 1;
    r.tracks = calloc(1, sizeof(QcTrackReport));
    r.tracks[0].path = strdup("dir/<b>evil</b>.wav");
    r.tracks[0].opened = r.tracks[0].complete = 1;
    r.tracks[0].info.kind = QC_MEDIA_AUDIO;
    r.tracks[0].info.sample_rate = 48000;
    r.tracks[0].info.channels = 1;
    r.tracks[0].info.duration = 480000;
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_DIGITAL_HIT);
    f.track = 0;
    f.channel = 0;
    f.start = 96000;
    qc_finding_message(&f, "<script>alert(1)</script> & \"more\"");
    qc_finding_list_add(&r.findings, &f);
    qc_report_finalize(&r);
    char *buf = NULL;
    size_t size = 0;
    FILE *o = open_memstream(&buf, &size);
    CHECK(o && qc_report_write(&r, QC_FORMAT_HTML, o) == 0);
    fclose(o);
    CHECK(buf && strstr(buf, "<!DOCTYPE html>") && strstr(buf, "</html>"));
    CHECK(!strstr(buf, "<script>alert") && strstr(buf, "&lt;script&gt;alert(1)&lt;/script&gt; "
                                                       "&amp; &quot;more&quot;"));
    CHECK(!strstr(buf, "<b>evil") && strstr(buf, "dir/&lt;b&gt;evil&lt;/b&gt;.wav"));
    CHECK(strstr(buf, "<tr id=\"f-1\" class=\"sev-issue\"") && !strstr(buf, "id=\"f-2\""));
    CHECK(strstr(buf, "0:00:02.000") != NULL); /* the click's place, in the row */
    CHECK(strstr(buf, "default-src 'none'") != NULL);
    free(buf);
    QcReportFormat fmt;
    CHECK(qc_report_format_from_path("a/b.html", &fmt) == 0 && fmt == QC_FORMAT_HTML);
    qc_report_free(&r);
}

void test_html(void)
{
    test_series_bounds();
    test_picture_rgb();
    test_html_page();
}
