// SPDX-License-Identifier: MIT
/* Reads every edit unit of an MXF track file's essence with the engine's reader (index →
 * offset → pread into one caller buffer) and reports the throughput as JSON; --list prints each
 * unit's size instead, so tests can compare with FFmpeg's packets.
 * Usage: mxf_read [--list] FILE.mxf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/mxf/essence.h"
#include "engine/mxf/model.h"

#define MAX_UNIT (256 << 20)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    int list = argc > 2 && !strcmp(argv[1], "--list");
    const char *path = argv[argc - 1];
    if (argc < 2) {
        fprintf(stderr, "usage: mxf_read [--list] FILE.mxf\n");
        return 2;
    }
    QcMxf *m = NULL;
    QcError err;
    qc_error_clear(&err);
    if (qc_mxf_open(&m, path, &err) < 0) {
        fprintf(stderr, "mxf_read: %s\n", err.msg);
        return 3;
    }
    QcMxfModel model;
    qc_mxf_resolve(m, &model);
    uint8_t *buf = malloc(MAX_UNIT);
    int64_t units = qc_mxf_index_duration(m, model.index_sid), bytes = 0, n = 0;
    /* the file package's first picture or sound track */
    QcMxfStream st = {model.index_sid, model.body_sid, 0};
    for (int i = 0; model.file_package && i < model.file_package->nb_tracks; i++) {
        const QcMxfTrack *t = &model.file_package->tracks[i];
        if (!st.track_number && (t->kind == QC_MXF_TRACK_PICTURE || t->kind == QC_MXF_TRACK_SOUND))
            st.track_number = t->number;
    }
    int status = 0;
    double t0 = now();
    QcMxfUnit first;
    int cbr = 0;
    for (int i = 0; i < m->nb_segments; i++)
        cbr |= m->segments[i].index_sid == st.index_sid && m->segments[i].edit_unit_byte_count;
    if (buf && !list && cbr && qc_mxf_locate_unit(m, &st, 0, &first) == 0) {
        /* clip-wrapped: one KLV holds every edit unit; read it in 1 MiB pieces */
        for (int64_t off = 0; off < first.size; off += 1 << 20) {
            int64_t len = first.size - off < (1 << 20) ? first.size - off : (1 << 20);
            if (qc_file_pread(m->file, buf, (size_t)len, first.value_offset + off) < 0) {
                status = 1;
                break;
            }
            bytes += len;
        }
        units = 0;
        n = 1;
    }
    for (int64_t eu = 0; buf && eu < units; eu++, n++) {
        size_t size = 0;
        int ret = qc_mxf_read_unit(m, &st, eu, buf, MAX_UNIT, &size);
        if (ret != 0) {
            fprintf(stderr, "mxf_read: edit unit %lld: %s\n", (long long)eu,
                    ret == 1   ? "not indexed"
                    : ret == 2 ? "no essence there"
                               : qc_strerror(ret));
            status = 1;
            break;
        }
        bytes += (int64_t)size;
        if (list)
            printf("%zu\n", size);
    }
    double dt = now() - t0;
    if (!list)
        printf("{\"units\": %lld, \"bytes\": %lld, \"seconds\": %.6f, \"mb_per_s\": %.1f}\n",
               (long long)n, (long long)bytes, dt, dt > 0 ? bytes / dt / 1e6 : 0.0);
    free(buf);
    qc_mxf_close(&m);
    return status;
}
