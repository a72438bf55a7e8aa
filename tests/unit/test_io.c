// SPDX-License-Identifier: MIT
/* The WAVE header reader, CLI argument parsing and name-based UUIDs. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "engine/codec/audio_source.h"
#include "engine/io/name_uuid.h"
#include "unit.h"

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put64(unsigned char *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

/* RIFF (or RF64 with a ds64 chunk) + fmt + a data chunk declaring @p declared bytes, followed by
 * @p present bytes of samples. */
static const char *make_wav(const char *name, int rf64, uint32_t declared, uint64_t ds64_data,
                            size_t present)
{
    static char path[256];
    snprintf(path, sizeof(path), "%s/%s", unit_tmpdir(), name);
    unsigned char h[128];
    size_t n = 0;
    memcpy(h, rf64 ? "RF64" : "RIFF", 4);
    put32(h + 4, rf64 ? 0xFFFFFFFFu : 36 + declared);
    memcpy(h + 8, "WAVE", 4);
    n = 12;
    if (rf64) {
        memcpy(h + n, "ds64", 4);
        put32(h + n + 4, 28);
        put64(h + n + 8, 0);
        put64(h + n + 16, ds64_data);
        put64(h + n + 24, 0);
        put32(h + n + 32, 0);
        n += 36;
    }
    memcpy(h + n, "fmt ", 4);
    put32(h + n + 4, 16);
    unsigned char fmt[16] = {1, 0, 2, 0, 0x80, 0xBB, 0, 0, 0, 0x65, 0x04, 0, 6, 0, 24, 0};
    memcpy(h + n + 8, fmt, 16);
    n += 24;
    memcpy(h + n, "data", 4);
    put32(h + n + 4, declared);
    n += 8;
    FILE *f = fopen(path, "wb");
    if (!f)
        return path;
    fwrite(h, 1, n, f);
    for (size_t i = 0; i < present; i++)
        fputc(0, f);
    fclose(f);
    return path;
}

void test_wav_header(void)
{
    /* block_align 6 = stereo 24-bit */
    CHECK(qc_wav_declared_frames(make_wav("ok.wav", 0, 600, 0, 600), 6) == 100);
    CHECK(qc_wav_declared_frames(make_wav("trunc.wav", 0, 600000, 0, 600), 6) == 100000);
    CHECK(qc_wav_declared_frames(make_wav("stream.wav", 0, 0xFFFFFFFFu, 0, 600), 6) == -1);
    CHECK(qc_wav_declared_frames(make_wav("zero.wav", 0, 0, 0, 600), 6) == -1);
    CHECK(qc_wav_declared_frames(make_wav("rf64.wav", 1, 0xFFFFFFFFu, 6000000000ull, 60), 6) ==
          1000000000);
    CHECK(qc_wav_declared_frames(make_wav("ok2.wav", 0, 600, 0, 600), 0) == -1);
    CHECK(qc_wav_declared_frames("/nonexistent/x.wav", 6) == -1);
    char path[256];
    snprintf(path, sizeof(path), "%s/junk.wav", unit_tmpdir());
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs("RIFF\x10\0\0\0WAVEjunk\xff\xff\xff\x7f", f); /* a chunk running past the end */
        fclose(f);
    }
    CHECK(qc_wav_declared_frames(path, 6) == -1);
}

static int parse(QcCliArgs *a, const char *line)
{
    static char buf[512];
    char *argv[32];
    int argc = 0;
    snprintf(buf, sizeof(buf), "%s", line);
    for (char *t = strtok(buf, " "); t && argc < 31; t = strtok(NULL, " "))
        argv[argc++] = t;
    argv[argc] = NULL;
    FILE *saved = stderr;
    stderr = fopen("/dev/null", "w");
    int ret = qc_cli_parse(argc, argv, a);
    fclose(stderr);
    stderr = saved;
    return ret;
}

void test_args(void)
{
    QcCliArgs a;
    CHECK(parse(&a, "imfqc inspect --threads 2 --format=json --report r.json x.wav y.wav") == 0);
    CHECK(a.cmd == QC_CMD_INSPECT && a.threads == 2 && a.format == 1 && a.nb_reports == 1);
    CHECK(a.nb_paths == 2 && !strcmp(a.paths[1], "y.wav"));
    free(a.paths);
    CHECK(parse(&a, "imfqc inspect --only silence,loudness --progress json -- -odd.wav") == 0);
    CHECK(a.progress == QC_PROGRESS_JSON && !strcmp(a.only, "silence,loudness"));
    CHECK(a.nb_paths == 1 && !strcmp(a.paths[0], "-odd.wav"));
    free(a.paths);
    const char *bad[] = {"imfqc",
                         "imfqc frobnicate",
                         "imfqc inspect",
                         "imfqc inspect --threads 0 x.wav",
                         "imfqc inspect --threads two x.wav",
                         "imfqc inspect --format xml x.wav",
                         "imfqc inspect --report r.pdf x.wav",
                         "imfqc inspect --progress loud x.wav",
                         "imfqc inspect --decode slow x.wav",
                         "imfqc inspect --bogus x.wav",
                         "imfqc inspect x.wav --threads",
                         "imfqc analyzers x.wav"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int ret = parse(&a, bad[i]);
        if (ret != 2)
            fprintf(stderr, "accepted: %s\n", bad[i]);
        CHECK(ret == 2);
        free(a.paths);
    }
    CHECK(parse(&a, "imfqc --version") == 0 && a.cmd == QC_CMD_VERSION);
    free(a.paths);
    CHECK(parse(&a, "imfqc inspect --help") == 0 && a.cmd == QC_CMD_HELP);
    free(a.paths);
}

void test_name_uuid(void)
{
    char a[64], b[64], c[64];
    CHECK(qc_name_uuid("/media/a.wav", a, sizeof(a)) == 0);
    CHECK(qc_name_uuid("/media/a.wav", b, sizeof(b)) == 0);
    CHECK(qc_name_uuid("/media/b.wav", c, sizeof(c)) == 0);
    CHECK(!strcmp(a, b) && strcmp(a, c) != 0);
    CHECK(strlen(a) == 45 && !strncmp(a, "urn:uuid:", 9));
    CHECK(a[9 + 14] == '5');                  /* version 5 */
    CHECK(strchr("89ab", a[9 + 19]) != NULL); /* RFC 4122 variant */
    CHECK(qc_name_uuid("x", a, 20) < 0);
}
