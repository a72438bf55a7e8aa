// SPDX-License-Identifier: MIT
#include "cli/progress.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define BAR_WIDTH 30

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void emit_json(json_t *ev)
{
    char *s = json_dumps(ev, JSON_COMPACT);
    if (s) {
        fprintf(stderr, "%s\n", s);
        fflush(stderr);
        free(s);
    }
    json_decref(ev);
}

void qc_progress_init(QcProgress *p, QcProgressMode mode, const char *const *paths, int n)
{
    if (mode == QC_PROGRESS_AUTO)
        mode = isatty(STDERR_FILENO) ? QC_PROGRESS_BAR : QC_PROGRESS_NONE;
    p->mode = mode;
    p->paths = paths;
    p->last = 0;
    p->last_track = -1;
    if (mode == QC_PROGRESS_JSON)
        emit_json(json_pack("{s:s, s:i}", "event", "start", "tracks", n));
}

void qc_progress_update(void *opaque, int track, int nb_tracks, int64_t done, int64_t total)
{
    QcProgress *p = opaque;
    if (p->mode == QC_PROGRESS_NONE)
        return;
    double t = now();
    int finished = total > 0 && done >= total;
    /* 10 updates a second are plenty for a person or a log */
    if (track == p->last_track && !finished && t - p->last < 0.1)
        return;
    p->last = t;
    p->last_track = track;
    double frac = total > 0 ? (double)done / (double)total : -1;
    if (frac > 1)
        frac = 1;
    if (p->mode == QC_PROGRESS_JSON) {
        json_t *ev =
            json_pack("{s:s, s:i, s:i, s:s, s:I}", "event", "progress", "track", track, "tracks",
                      nb_tracks, "path", p->paths[track], "done", (json_int_t)done);
        if (!ev)
            return;
        json_object_set_new(ev, "total", total >= 0 ? json_integer(total) : json_null());
        json_object_set_new(ev, "fraction", frac >= 0 ? json_real(frac) : json_null());
        emit_json(ev);
        return;
    }
    int fill = frac >= 0 ? (int)(frac * BAR_WIDTH) : 0;
    fprintf(stderr, "\r[%d/%d] [", track + 1, nb_tracks);
    for (int i = 0; i < BAR_WIDTH; i++)
        fputc(i < fill ? '#' : ' ', stderr);
    if (frac >= 0)
        fprintf(stderr, "] %3d%% ", (int)(frac * 100));
    else
        fprintf(stderr, "] %lld samples ", (long long)done);
    fflush(stderr);
}

void qc_progress_done(QcProgress *p, const char *status)
{
    if (p->mode == QC_PROGRESS_BAR) {
        fprintf(stderr, "\r%*s\r", BAR_WIDTH + 24, "");
        fflush(stderr);
    } else if (p->mode == QC_PROGRESS_JSON) {
        emit_json(json_pack("{s:s, s:s}", "event", "done", "status", status));
    }
}
