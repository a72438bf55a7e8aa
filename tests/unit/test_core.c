// SPDX-License-Identifier: MIT
/* Options, profiles, findings and metrics: the core model. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "engine/core/lang.h"
#include "engine/core/options.h"
#include "engine/core/profile.h"
#include "unit.h"

typedef struct Opts {
    double level;
    int count;
    int flag;
} Opts;

static const QcOption opts[] = {
    {"level", "a level", offsetof(Opts, level), QC_OPT_DOUBLE, -60, -140, 0, "dBFS"},
    {"count", "a count", offsetof(Opts, count), QC_OPT_INT, 3, 1, 10, ""},
    {"flag", "a flag", offsetof(Opts, flag), QC_OPT_BOOL, 1, 0, 1, ""},
    {0},
};

void test_options(void)
{
    Opts o;
    memset(&o, 0xff, sizeof(o));
    qc_options_set_defaults(opts, &o);
    CHECK(o.level == -60 && o.count == 3 && o.flag == 1);
    QcError e;
    qc_error_clear(&e);
    CHECK(qc_option_set(&opts[0], &o, -50, &e) == 0 && o.level == -50);
    CHECK(qc_option_set(&opts[0], &o, 1, &e) == QC_ERR_INVAL && o.level == -50);
    CHECK(strstr(e.msg, "level") != NULL);
    qc_error_clear(&e);
    CHECK(qc_option_set(&opts[1], &o, 2.5, &e) == QC_ERR_INVAL && o.count == 3);
    qc_error_clear(&e);
    CHECK(qc_option_set(&opts[1], &o, NAN, &e) == QC_ERR_INVAL);
    CHECK(qc_option_find(opts, "flag") == &opts[2] && qc_option_find(opts, "nope") == NULL);
    CHECK(qc_option_get(&opts[1], &o) == 3);
}

void test_profile(void)
{
    static QcProfile p;
    QcError e;
    qc_error_clear(&e);
    CHECK(qc_profile_load(&p, "default", &e) == 0 && p.nb_overrides == 0);
    CHECK(p.severity[QC_CODE_AUDIO_SILENCE] == -1);
    CHECK(qc_profile_load(&p, "ebu-r128", &e) == 0 && !strcmp(p.name, "ebu-r128"));
    int found = 0;
    for (int i = 0; i < p.nb_overrides; i++)
        found += !strcmp(p.overrides[i].option, "target_lufs") && p.overrides[i].value == -23;
    CHECK(found == 1);

    const char *good = unit_write_text("good.json", "{\"name\":\"house\",\"base\":\"ebu-r128\","
                                               "\"analyzers\":{\"silence\":{\"threshold_dbfs\":-55,"
                                               "\"per_channel\":false}},"
                                               "\"severity\":{\"AUDIO_DC_OFFSET\":\"issue\"},"
                                               "\"max_findings_per_code\":5}");
    qc_error_clear(&e);
    CHECK(qc_profile_load(&p, good, &e) == 0);
    CHECK(!strcmp(p.name, "house") && p.max_findings_per_code == 5);
    CHECK(p.severity[QC_CODE_AUDIO_DC_OFFSET] == QC_SEV_ISSUE);
    CHECK(p.nb_overrides == 6); /* 4 from ebu-r128, 2 from the file */

    qc_error_clear(&e);
    CHECK(qc_profile_load(&p, unit_write_text("bad1.json", "{\"severity\":{\"NOPE\":\"fyi\"}}"), &e) ==
          QC_ERR_INVAL);
    CHECK(strstr(e.msg, "NOPE") != NULL);
    qc_error_clear(&e);
    CHECK(qc_profile_load(&p, unit_write_text("bad2.json", "{\"severity\":{\"AUDIO_SILENCE\":\"x\"}}"),
                          &e) == QC_ERR_INVAL);
    qc_error_clear(&e);
    CHECK(qc_profile_load(&p, unit_write_text("bad3.json", "{\n\"analyzers\": [1,\n"), &e) ==
          QC_ERR_INVAL);
    CHECK(strstr(e.msg, ":2:") != NULL || strstr(e.msg, ":3:") != NULL); /* line is named */
    qc_error_clear(&e);
    CHECK(qc_profile_load(&p, "no-such-profile", &e) == QC_ERR_INVAL);
    /* a misspelt key would leave a threshold at its default without a word: refused, by path */
    qc_error_clear(&e);
    const char *typo = unit_write_text("bad4.json", "{\"analyzer\":{}}");
    CHECK(qc_profile_load(&p, typo, &e) == QC_ERR_INVAL);
    CHECK(strstr(e.msg, "bad4.json: analyzer: unknown key") != NULL);
    qc_error_clear(&e);
    CHECK(qc_profile_load(&p, unit_write_text("bad5.json", "{\"max_findings_per_code\":0}"), &e) ==
          QC_ERR_INVAL);
    CHECK(strstr(e.msg, "max_findings_per_code: 0 is out of range") != NULL);
    /* analyzer names are the engine's to check, so a bare one is kept for it */
    qc_error_clear(&e);
    CHECK(qc_profile_load(&p, unit_write_text("bare.json", "{\"analyzers\":{\"silense\":{}}}"),
                          &e) == 0);
    CHECK(p.nb_analyzers == 1 && !strcmp(p.analyzers[0], "silense") && p.nb_overrides == 0);
    CHECK(p.source[0] && strstr(p.source, "bare.json") != NULL);
}

void test_findings(void)
{
    QcFindingList l = {0};
    QcFinding f;
    int64_t starts[] = {500, 100, 100, 100, -1};
    int chans[] = {0, 2, -1, 2, -1};
    QcCode codes[] = {QC_CODE_AUDIO_SILENCE, QC_CODE_AUDIO_DIGITAL_HIT, QC_CODE_AUDIO_DIGITAL_HIT,
                      QC_CODE_AUDIO_DROPOUT, QC_CODE_AUDIO_TRUNCATED};
    for (int i = 0; i < 5; i++) {
        qc_finding_init(&f, codes[i]);
        f.track = 0;
        f.start = starts[i];
        f.channel = chans[i];
        CHECK(qc_finding_list_add(&l, &f) == 0);
    }
    qc_finding_list_sort(&l);
    CHECK(l.count == 5);
    CHECK(l.items[0].start == -1);
    CHECK(l.items[1].code == QC_CODE_AUDIO_DROPOUT && l.items[1].start == 100);
    CHECK(l.items[2].code == QC_CODE_AUDIO_DIGITAL_HIT && l.items[2].channel == -1);
    CHECK(l.items[3].channel == 2 && l.items[4].start == 500);
    qc_finding_list_sort(&l); /* sorting sorted findings changes nothing */
    CHECK(l.items[4].code == QC_CODE_AUDIO_SILENCE && l.items[0].start == -1);
    qc_finding_list_free(&l);

    qc_finding_init(&f, QC_CODE_AUDIO_DC_OFFSET);
    CHECK(f.severity == QC_SEV_FYI && f.channel == -1 && f.start == -1);
    for (int i = 0; i < QC_DETAIL_MAX + 2; i++)
        qc_finding_detail_int(&f, "k", i);
    CHECK(f.nb_details == QC_DETAIL_MAX);

    /* the per-code cap keeps the first findings and counts the rest */
    QcAnalyzerCtx a;
    memset(&a, 0, sizeof(a));
    a.max_findings_per_code = 3;
    qc_finding_init(&f, QC_CODE_AUDIO_DIGITAL_HIT);
    for (int i = 0; i < 10; i++) {
        f.start = i;
        CHECK(qc_analyzer_emit(&a, &f) == 0);
    }
    CHECK(a.findings.count == 3 && a.findings.items[2].start == 2);
    CHECK(a.suppressed[QC_CODE_AUDIO_DIGITAL_HIT] == 7);
    qc_finding_list_free(&a.findings);

    CHECK(qc_code_from_name("AUDIO_SILENCE") == QC_CODE_AUDIO_SILENCE);
    CHECK(qc_code_from_name("audio_silence") == -1);
    CHECK(!strcmp(qc_code_info(QC_CODE_ASSET_HASH_MISMATCH)->family, "IMF_PKL_ERROR"));
    for (int c = 0; c < QC_CODE_COUNT; c++)
        CHECK(qc_code_info((QcCode)c)->name != NULL);
}

void test_metrics(void)
{
    QcMetrics m = {0};
    double v[3] = {1, -INFINITY, 3};
    CHECK(qc_metrics_set_double(&m, "loudness", "integrated_lufs", -24) == 0);
    CHECK(qc_metrics_set_doubles(&m, "loudness", "true_peak_dbtp", v, 3) == 0);
    CHECK(qc_metrics_set_double(&m, "loudness", "integrated_lufs", -23) == 0);
    CHECK(m.count == 2);
    const QcMetric *e = qc_metrics_get(&m, "loudness", "integrated_lufs");
    CHECK(e && e->kind == QC_METRIC_DOUBLE && e->d[0] == -23);
    e = qc_metrics_get(&m, "loudness", "true_peak_dbtp");
    CHECK(e && e->count == 3 && isinf(e->d[1]));
    CHECK(qc_metrics_set_string(&m, "x", "s", "text") == 0);
    CHECK(!strcmp(qc_metrics_get(&m, "x", "s")->s, "text"));
    qc_metrics_free(&m);
    CHECK(m.count == 0);
}

void test_lang(void)
{
    const char *good[] = {
        "en",        "en-US",     "zh-Hant-TW",     "es-419", "sl-rozaj-biske", "de-CH-1901",
        "x-private", "en-GB-oed", "cmn-Hans",       "yue",    "EN-us",          "en-a-bbb-x-a-ccc",
        "zh-yue-HK", "i-klingon", "fr-CA-x-netflix"};
    const char *bad[] = {"",      "e",          "en_US", "toolongsub", "en--US", "en-",
                         "123",   "en-US-",     "en-a",  "de-419-DE",  "en-x",   "en-a-bb-a-cc",
                         "en US", "ja-Jpan-JP-"};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        if (!qc_lang_well_formed(good[i]))
            fprintf(stderr, "rejected: %s\n", good[i]);
        CHECK(qc_lang_well_formed(good[i]));
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (qc_lang_well_formed(bad[i]))
            fprintf(stderr, "accepted: %s\n", bad[i]);
        CHECK(!qc_lang_well_formed(bad[i]));
    }
    CHECK(qc_lang_equal("en-GB", "en-gb") && !qc_lang_equal("en", "en-GB"));
}
