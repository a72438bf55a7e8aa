// SPDX-License-Identifier: MIT
/* The sound runs on one thread of its own with one worker (the pictures keep --threads), into a
 * private one-track report: nothing it writes is shared with the picture run, and its findings
 * join the report only after the pictures', as they would in a run of one after the other. Its
 * progress is kept as the latest (done, total) and handed to the caller's callback from the
 * calling thread, between picture steps and while waiting for the sound at the end; the event
 * that says the sound began (done 0) follows the pictures' own. */
#include "engine/pipeline/sound_beside.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "engine/pipeline/inspect_internal.h"

struct QcSoundBeside {
    const QcInspectSettings *outer; ///< the caller's settings and callbacks
    const QcReport *report;         ///< the caller's report: read on the calling thread only
    QcInspectSettings s;            ///< the sound's: one worker, progress recorded here
    QcAudioSource *src;
    QcReport r; ///< private: the sound's one track and its findings
    QcError err;
    int track; ///< the sound's index in the caller's report
    pthread_t thread;
    int joinable;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int64_t done, total; ///< latest progress, under lock
    int pending;         ///< progress not yet handed on
    int64_t duration;    ///< the sound's samples, for the event that says it began
    int announced;       ///< that event was handed on (calling thread only)
    int finished, ret;   ///< under lock
};

/* On the sound's thread: keep the latest progress for the calling thread to hand on. */
static void record(void *opaque, int track, int nb_tracks, int64_t done, int64_t total)
{
    (void)track;
    (void)nb_tracks;
    QcSoundBeside *b = opaque;
    if (done == 0)
        return; /* the start is handed on from the calling thread, after the pictures' own */
    pthread_mutex_lock(&b->lock);
    b->done = done;
    b->total = total;
    b->pending = 1;
    pthread_cond_signal(&b->changed);
    pthread_mutex_unlock(&b->lock);
}

/* On the calling thread: hands on the sound's latest progress, if any came since last time. */
static void relay(QcSoundBeside *b)
{
    if (!b->announced && b->outer->progress)
        b->outer->progress(b->outer->opaque, b->track, b->report->tracks_expected, 0, b->duration);
    b->announced = 1;
    pthread_mutex_lock(&b->lock);
    int pending = b->pending;
    int64_t done = b->done, total = b->total;
    b->pending = 0;
    pthread_mutex_unlock(&b->lock);
    if (pending && b->outer->progress)
        b->outer->progress(b->outer->opaque, b->track, b->report->tracks_expected, done, total);
}

/* The picture run's progress callback: the pictures' own, then the sound's. */
static void relay_both(void *opaque, int track, int nb_tracks, int64_t done, int64_t total)
{
    QcSoundBeside *b = opaque;
    if (b->outer->progress)
        b->outer->progress(b->outer->opaque, track, nb_tracks, done, total);
    relay(b);
}

static void *run(void *opaque)
{
    QcSoundBeside *b = opaque;
    int ret = qc_inspect_audio_track(b->src, &b->s, &b->r, 0, &b->err);
    if (ret >= 0 && qc_inspect_expect_language(&b->s, &b->r, 0) < 0)
        ret = qc_error_set(&b->err, QC_ERR_NOMEM, "out of memory");
    pthread_mutex_lock(&b->lock);
    b->ret = ret;
    b->finished = 1;
    pthread_cond_signal(&b->changed);
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

static void destroy(QcSoundBeside *b)
{
    qc_audio_source_close(&b->src);
    qc_report_free(&b->r);
    pthread_cond_destroy(&b->changed);
    pthread_mutex_destroy(&b->lock);
    free(b);
}

int qc_sound_beside_start(QcSoundBeside **out, QcAudioSource **src, const QcInspectSettings *s,
                          QcReport *r, int t, QcError *err)
{
    *out = NULL;
    QcSoundBeside *b = calloc(1, sizeof(*b));
    if (!b) {
        qc_audio_source_close(src);
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    }
    pthread_mutex_init(&b->lock, NULL);
    pthread_cond_init(&b->changed, NULL);
    b->src = *src;
    *src = NULL;
    b->outer = s;
    b->report = r;
    b->track = t;
    b->duration = b->src->info.duration;
    b->s = *s;
    b->s.threads = 1;
    b->s.progress = record;
    b->s.on_finding = NULL;
    b->s.opaque = b;
    qc_error_clear(&b->err);
    QcTrackReport *tr = qc_inspect_add_track(&b->r, r->tracks[t].path);
    if (!tr) {
        destroy(b);
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    }
    char *path = tr->path;
    *tr = r->tracks[t];
    tr->path = path;
    memset(&tr->metrics, 0, sizeof(tr->metrics));
    b->joinable = pthread_create(&b->thread, NULL, run, b) == 0;
    if (!b->joinable)
        run(b); /* no thread to be had: the sound runs now, before the pictures */
    *out = b;
    return 0;
}

void qc_sound_beside_settings(QcSoundBeside *b, const QcInspectSettings *s, QcInspectSettings *out)
{
    *out = *s;
    if (!b)
        return;
    out->progress = relay_both;
    out->opaque = b;
}

int qc_sound_beside_finish(QcSoundBeside **pb, QcReport *r, QcError *err)
{
    QcSoundBeside *b = *pb;
    *pb = NULL;
    if (!b)
        return 0;
    pthread_mutex_lock(&b->lock);
    while (!b->finished) {
        if (b->pending) {
            pthread_mutex_unlock(&b->lock);
            relay(b);
            pthread_mutex_lock(&b->lock);
            continue;
        }
        pthread_cond_wait(&b->changed, &b->lock);
    }
    pthread_mutex_unlock(&b->lock);
    if (b->joinable)
        pthread_join(b->thread, NULL);
    relay(b);
    /* the sound's track report replaces the entry the caller made for it */
    QcTrackReport *tr = &r->tracks[b->track];
    free(tr->path);
    qc_metrics_free(&tr->metrics);
    *tr = b->r.tracks[0];
    memset(&b->r.tracks[0], 0, sizeof(b->r.tracks[0]));
    int ret = b->ret;
    if (ret < 0)
        qc_error_set(err, ret, "%s", b->err.msg);
    else if ((ret = qc_inspect_merge_findings(r, b->track, &b->r.findings)) < 0)
        qc_error_set(err, ret, "out of memory");
    destroy(b);
    return ret;
}
