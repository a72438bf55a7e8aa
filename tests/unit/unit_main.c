// SPDX-License-Identifier: MIT
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

int unit_passed, unit_failed;

const char *unit_tmpdir(void)
{
    static char dir[64];
    if (!dir[0]) {
        snprintf(dir, sizeof(dir), "/tmp/imfqc-unit-XXXXXX");
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            exit(2);
        }
    }
    return dir;
}

const char *unit_write_text(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof(path), "%s/%s", unit_tmpdir(), name);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

static const struct {
    const char *name;
    void (*fn)(void);
} tests[] = {
    {"options", test_options},
    {"profile", test_profile},
    {"findings", test_findings},
    {"metrics", test_metrics},
    {"wav_header", test_wav_header},
    {"args", test_args},
    {"name_uuid", test_name_uuid},
    {"pool", test_pool},
    {"pipeline", test_pipeline},
    {"report_json", test_report_json},
    {"truepeak", test_truepeak},
    {"mxf", test_mxf},
    {"lang", test_lang},
    {"mxf_roundtrip", test_mxf_roundtrip},
    {"mxf_damage", test_mxf_damage},
    {"picture_analyzers", test_picture_analyzers},
    {"sha1", test_sha1},
    {"file_hash", test_file_hash},
    {"safe_path", test_safe_path},
    {"regxml", test_regxml},
    {"imf", test_imf},
    {"html", test_html},
};

int main(int argc, char **argv)
{
    const char *only = argc > 1 ? argv[1] : NULL;
    for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
        if (only && strcmp(only, tests[i].name))
            continue;
        int before = unit_failed;
        tests[i].fn();
        printf("%-12s %s\n", tests[i].name, unit_failed == before ? "ok" : "FAILED");
    }
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", unit_tmpdir());
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", unit_tmpdir());
    printf("unit: %d passed, %d failed\n", unit_passed, unit_failed);
    return unit_failed ? 1 : 0;
}
