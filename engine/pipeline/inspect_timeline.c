// SPDX-License-Identifier: MIT
/* What only the timeline shows: a click where two audio resources meet, a cut where two picture
 * resources meet (from the fingerprints the inspection already made: nothing is decoded twice),
 * the shot list on the composition, and the loudness of each audio virtual track as it plays. */
#include <ebur128.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/loudness.h"
#include "engine/codec/audio_source.h"
#include "engine/core/error.h"
#include "engine/core/grow.h"
#include "engine/io/base64.h"
#include "engine/mxf/ul.h"
#include "engine/pipeline/inspect_package.h"

#define SPLICE_WINDOW 64        ///< samples read on each side of an audio splice
#define MAX_PLAYS 100000        ///< repetitions expanded per virtual track (hostile RepeatCounts)
#define CUT_BITS 16             ///< fingerprint bits that differ across a cut (of 64)
#define CLICK_FLOOR 0.01        ///< −40 dBFS: the digital_hit analyzer's floor
#define CLICK_RATIO 10.0        ///< second difference against the local mean, as digital_hit

typedef struct Play {
    const uint8_t *tf; ///< track file id
    int64_t entry, duration; ///< resource edit units
    int64_t start;           ///< composition edit units
    const QcCplResource *res;
} Play;

/* The resources of virtual track @p t, repetitions expanded, in timeline order. */
static int plays_of(const QcComposition *c, int t, Play **out, int *n)
{
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    const QcVirtualTrack *v = &c->tracks[t];
    for (int i = 0; i < c->nb_placements && *n < MAX_PLAYS; i++) {
        const QcPlacement *p = &c->placements[i];
        if (p->track != t || !p->res->has_track_file)
            continue;
        for (int64_t k = 0; k < p->res->repeat && *n < MAX_PLAYS; k++) {
            if (qc_grow((void **)out, &cap, (size_t)*n + 1, sizeof(Play)) < 0)
                return QC_ERR_NOMEM;
            int64_t off = p->offset + k * p->res->duration;
            (*out)[(*n)++] = (Play){p->res->track_file, p->res->entry, p->res->duration,
                                    p->seg_start + qc_composition_units(c, off, v->rate_num,
                                                                        v->rate_den),
                                    p->res};
        }
    }
    return 0;
}

/* The report track that inspected track file @p tf, or -1. */
static int track_of(const QcPkgRun *run, const uint8_t *tf)
{
    for (int t = 0; t < run->r->nb_tracks && (size_t)t < run->origin_cap; t++) {
        const QcTrackOrigin *o = &run->origin[t];
        if (o->pkg >= 0 && !memcmp(run->pkgs[o->pkg].assets[o->asset].id, tf, 16) &&
            run->r->tracks[t].opened)
            return t;
    }
    return -1;
}

static const char *path_of(const QcPkgRun *run, int t)
{
    const QcTrackOrigin *o = &run->origin[t];
    return run->pkgs[o->pkg].assets[o->asset].path;
}

/* @p frames sample frames of track @p t from @p at, into @p buf. @return 0 or -1. */
static int read_at(const QcPkgRun *run, int t, int64_t at, float *buf, int frames)
{
    QcAudioSource *src = NULL;
    QcError e;
    qc_error_clear(&e);
    if (at < 0 || qc_audio_source_open(&src, path_of(run, t), run->s->cpu_flags, &e) < 0)
        return -1;
    int ret = qc_audio_source_seek(src, at) == 0 ? 0 : -1;
    for (int got = 0; !ret && got < frames;) {
        int n = qc_audio_source_read(src, buf + (size_t)got * src->info.channels, frames - got);
        if (n <= 0)
            ret = -1;
        got += n > 0 ? n : 0;
    }
    qc_audio_source_close(&src);
    return ret;
}

/* The click measure at the joint of two windows: the second difference across the splice
 * against the local mean and maxima of the rest, per channel; the loudest channel wins. */
static int splice_click(const float *x, int ch, int channels, double *ratio_db)
{
    const int n = 2 * SPLICE_WINDOW;
    double peak = 0, sum = 0, other = 0;
    int count = 0;
    for (int i = 2; i < n; i++) {
        double d2 = fabs((double)x[i * channels + ch] - 2.0 * x[(i - 1) * channels + ch] +
                         x[(i - 2) * channels + ch]);
        if (i == SPLICE_WINDOW || i == SPLICE_WINDOW + 1) {
            peak = fmax(peak, d2);
        } else {
            sum += d2;
            other = fmax(other, d2);
            count++;
        }
    }
    double mean = count ? sum / count : 0;
    if (peak < CLICK_FLOOR || peak < CLICK_RATIO * mean || peak < 2 * other)
        return 0;
    *ratio_db = mean > 0 ? 20 * log10(peak / mean) : 120;
    return 1;
}

static int audio_splice(QcPkgRun *run, int k, const Play *a, const Play *b)
{
    int ta = track_of(run, a->tf), tb = track_of(run, b->tf);
    if (ta < 0 || tb < 0)
        return 0;
    const QcTrackInfo *ia = &run->r->tracks[ta].info, *ib = &run->r->tracks[tb].info;
    if (ia->channels != ib->channels || ia->sample_rate != ib->sample_rate || ia->channels <= 0)
        return 0;
    int ch = ia->channels;
    float *x = malloc(sizeof(float) * 2 * SPLICE_WINDOW * (size_t)ch);
    if (!x)
        return QC_ERR_NOMEM;
    int ret = 0;
    /* resource edit units are samples for audio (EditRate = the sample rate) */
    if (!read_at(run, ta, a->entry + a->duration - SPLICE_WINDOW, x, SPLICE_WINDOW) &&
        !read_at(run, tb, b->entry, x + (size_t)SPLICE_WINDOW * ch, SPLICE_WINDOW)) {
        for (int c = 0; c < ch && ret >= 0; c++) {
            double db;
            if (!splice_click(x, c, ch, &db))
                continue;
            QcFinding f;
            qc_finding_init(&f, QC_CODE_AUDIO_DIGITAL_HIT);
            f.composition = k;
            f.comp_start = b->start;
            f.track = tb;
            f.start = b->entry;
            f.channel = c;
            const char *name = qc_channel_label_name(ib->labels[c]);
            char rid[48];
            qc_uuid_format(b->res->id, rid, sizeof(rid));
            qc_finding_message(&f,
                               "click of %.1f dB above the local level on %s where resource %s "
                               "begins: the splice joins two waveforms that do not meet",
                               db, name ? name : "?", rid);
            qc_finding_detail_string(&f, "splice_into", rid);
            ret = qc_finding_list_add(&run->r->findings, &f);
        }
    }
    free(x);
    return ret;
}

/* The 64-bit fingerprint of frame @p eu of track @p t, when the fingerprint analyzer ran. */
static int fingerprint(const QcPkgRun *run, int t, int64_t eu, uint64_t *out)
{
    const QcMetric *m = qc_metrics_get(&run->r->tracks[t].metrics, "", "fingerprint");
    if (!m || m->kind != QC_METRIC_STRING || !m->s || eu < 0)
        return -1;
    /* 8 bytes are 32/3 base64 characters: decode only the 12-character group holding the frame */
    size_t byte = (size_t)eu * 8, group = byte / 3 * 4, len = strlen(m->s);
    if (group + 16 > len && group + 12 > len)
        return -1;
    uint8_t *bytes;
    size_t n;
    size_t take = group + 16 <= len ? 16 : len - group;
    if (qc_base64_decode(m->s + group, take, &bytes, &n) < 0)
        return -1;
    size_t skip = byte - group / 4 * 3;
    int ok = skip + 8 <= n;
    uint64_t v = 0;
    for (int i = 0; ok && i < 8; i++)
        v = v << 8 | bytes[skip + i];
    free(bytes);
    *out = v;
    return ok ? 0 : -1;
}

static int add_cut(int64_t **list, size_t *n, size_t *cap, int64_t at)
{
    if (at <= 0)
        return 0; /* 0 is where the programme starts, not a change */
    if (qc_grow((void **)list, cap, *n + 1, sizeof(int64_t)) < 0)
        return QC_ERR_NOMEM;
    (*list)[(*n)++] = at;
    return 0;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The composition's shot list: the track files' scene changes inside what plays, and the
 * splices whose two sides differ like a cut. Splices are counted too. */
static int picture_timeline(QcPkgRun *run, int k, const Play *p, int n)
{
    int64_t *cuts = NULL;
    size_t nc = 0, cap = 0;
    int64_t splices = 0, splice_cuts = 0;
    int ret = 0;
    for (int i = 0; i < n && ret >= 0; i++) {
        int t = track_of(run, p[i].tf);
        const QcMetric *sc = t >= 0 ? qc_metrics_get(&run->r->tracks[t].metrics, "",
                                                     "scene_changes")
                                    : NULL;
        for (size_t j = 0; sc && sc->kind == QC_METRIC_INTS && j < sc->count && ret >= 0; j++)
            if (sc->i[j] > p[i].entry && sc->i[j] < p[i].entry + p[i].duration)
                ret = add_cut(&cuts, &nc, &cap, p[i].start + (sc->i[j] - p[i].entry));
        if (i == 0 || ret < 0 || (!memcmp(p[i - 1].tf, p[i].tf, 16) &&
                                  p[i - 1].entry + p[i - 1].duration == p[i].entry))
            continue; /* the same frames going on are no splice */
        splices++;
        int tp = track_of(run, p[i - 1].tf);
        uint64_t fa, fb;
        if (tp >= 0 && t >= 0 && !fingerprint(run, tp, p[i - 1].entry + p[i - 1].duration - 1, &fa) &&
            !fingerprint(run, t, p[i].entry, &fb) && __builtin_popcountll(fa ^ fb) >= CUT_BITS) {
            splice_cuts++;
            ret = add_cut(&cuts, &nc, &cap, p[i].start);
        }
    }
    QcMetrics *m = &run->r->compositions[k].metrics;
    if (ret >= 0 && nc > 1)
        qsort(cuts, nc, sizeof(*cuts), cmp_i64);
    if (ret >= 0)
        ret = qc_metrics_set_ints(m, "", "scene_changes", cuts, nc);
    if (ret >= 0)
        ret = qc_metrics_set_int(m, "splices", "picture", splices);
    if (ret >= 0)
        ret = qc_metrics_set_int(m, "splices", "picture_cuts", splice_cuts);
    free(cuts);
    return ret;
}

/* Feeds the samples one play contributes to @p st. @return 0, -1 when unreadable, or an error */
static int feed_play(const QcPkgRun *run, int t, const Play *p, ebur128_state *st, float *buf,
                     int chunk)
{
    QcAudioSource *src = NULL;
    QcError e;
    qc_error_clear(&e);
    if (qc_audio_source_open(&src, path_of(run, t), run->s->cpu_flags, &e) < 0)
        return e.code == QC_ERR_NOMEM ? QC_ERR_NOMEM : -1;
    int ret = qc_audio_source_seek(src, p->entry) == 0 ? 0 : -1;
    for (int64_t left = p->duration; !ret && left > 0;) {
        if (run->s->cancel && *run->s->cancel) {
            ret = QC_ERR_CANCELLED;
            break;
        }
        int n = qc_audio_source_read(src, buf, left < chunk ? (int)left : chunk);
        if (n <= 0) {
            ret = n < 0 && n == QC_ERR_NOMEM ? n : -1;
            break;
        }
        if (ebur128_add_frames_float(st, buf, (size_t)n) != EBUR128_SUCCESS)
            ret = QC_ERR_NOMEM;
        left -= n;
    }
    qc_audio_source_close(&src);
    return ret;
}

/* The loudness of an audio virtual track as the composition plays it (BS.1770, programme
 * gated). A track that plays one whole track file once has that file's numbers already. */
static int audio_loudness(QcPkgRun *run, int k, const Play *p, int n, const char *group)
{
    int t0 = n ? track_of(run, p[0].tf) : -1;
    if (t0 < 0)
        return 0;
    const QcTrackInfo *info = &run->r->tracks[t0].info;
    ebur128_state *st = ebur128_init((unsigned)info->channels, (unsigned long)info->sample_rate,
                                     EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_HISTOGRAM);
    const int chunk = 4800;
    float *buf = malloc(sizeof(float) * chunk * (size_t)info->channels);
    if (!st || !buf) {
        free(buf);
        if (st)
            ebur128_destroy(&st);
        return QC_ERR_NOMEM;
    }
    for (int c = 0; c < info->channels; c++)
        ebur128_set_channel(st, (unsigned)c, qc_loudness_ebur128_channel(info->labels[c]));
    int ret = 0, complete = 1;
    for (int i = 0; i < n && ret >= 0; i++) {
        int t = track_of(run, p[i].tf);
        if (t < 0 || run->r->tracks[t].info.channels != info->channels ||
            run->r->tracks[t].info.sample_rate != info->sample_rate) {
            complete = 0;
            continue;
        }
        ret = feed_play(run, t, &p[i], st, buf, chunk);
        complete &= ret == 0;
        ret = ret == -1 ? 0 : ret;
    }
    double lufs = NAN, lra = NAN;
    if (ret >= 0 && complete) {
        ebur128_loudness_global(st, &lufs);
        ebur128_loudness_range(st, &lra);
        QcMetrics *m = &run->r->compositions[k].metrics;
        if ((ret = qc_metrics_set_double(m, group, "integrated_lufs", lufs)) >= 0)
            ret = qc_metrics_set_double(m, group, "range_lu", lra);
    }
    ebur128_destroy(&st);
    free(buf);
    if (ret < 0 || !complete || !isfinite(lufs))
        return ret;
    const QcMetric *tg = qc_metrics_get(&run->r->settings, "loudness", "target_lufs");
    const QcMetric *tol = qc_metrics_get(&run->r->settings, "loudness", "tolerance_lu");
    if (!tg || !tol || fabs(lufs - tg->d[0]) <= tol->d[0])
        return 0;
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_LOUDNESS);
    f.composition = k;
    qc_finding_message(&f,
                       "the composition's %s plays at %.1f LUFS integrated, %.1f LU %s the "
                       "%.1f ± %.1f LUFS target (BS.1770, measured across its resources)",
                       group, lufs, fabs(lufs - tg->d[0]), lufs > tg->d[0] ? "above" : "below",
                       tg->d[0], tol->d[0]);
    qc_finding_detail_double(&f, "integrated_lufs", lufs);
    qc_finding_detail_double(&f, "target_lufs", tg->d[0]);
    return qc_finding_list_add(&run->r->findings, &f);
}

/* Whether @p p is one track file played whole, once: its own measurements are the track's. */
static int whole_file(const QcPkgRun *run, const Play *p, int n)
{
    int t = n == 1 ? track_of(run, p[0].tf) : -1;
    return t >= 0 && p[0].entry == 0 && p[0].duration == run->r->tracks[t].info.duration;
}

static int audio_timeline(QcPkgRun *run, int k, const Play *p, int n, int index)
{
    int64_t splices = 0;
    int ret = 0;
    for (int i = 1; i < n && ret >= 0; i++) {
        if (!memcmp(p[i - 1].tf, p[i].tf, 16) && p[i - 1].entry + p[i - 1].duration == p[i].entry)
            continue;
        splices++;
        ret = audio_splice(run, k, &p[i - 1], &p[i]);
    }
    char group[32];
    snprintf(group, sizeof(group), index ? "loudness_%d" : "loudness", index + 1);
    int wanted = 0;
    for (int a = 0; run->r->analyzers && a < run->r->nb_analyzers; a++)
        wanted |= !strcmp(run->r->analyzers[a], "loudness");
    if (ret >= 0)
        ret = qc_metrics_set_int(&run->r->compositions[k].metrics, "splices",
                                 index ? "audio_more" : "audio", splices);
    if (ret >= 0 && wanted && !whole_file(run, p, n))
        ret = audio_loudness(run, k, p, n, group);
    return ret;
}

int qc_pkg_timeline_checks(QcPkgRun *run)
{
    int ret = 0;
    for (int k = 0; k < run->r->nb_compositions && ret >= 0; k++) {
        const QcComposition *c = &run->comps[k];
        int audio_index = 0;
        for (int t = 0; t < c->nb_tracks && ret >= 0; t++) {
            if (run->s->cancel && *run->s->cancel)
                return QC_ERR_CANCELLED;
            if (c->tracks[t].kind != QC_SEQ_MAIN_IMAGE && c->tracks[t].kind != QC_SEQ_MAIN_AUDIO)
                continue;
            Play *p;
            int n;
            if ((ret = plays_of(c, t, &p, &n)) < 0)
                break;
            if (c->tracks[t].kind == QC_SEQ_MAIN_IMAGE)
                ret = picture_timeline(run, k, p, n);
            else
                ret = audio_timeline(run, k, p, n, audio_index++);
            free(p);
        }
    }
    return ret;
}
