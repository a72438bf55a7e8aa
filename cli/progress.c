// SPDX-License-Identifier: MIT
#include "cli/progress.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "engine/report/report_writer.h"

#define BAR_WIDTH 20
#define MIN_INTERVAL 0.1 ///< seconds: 10 updates a second are plenty for a person or a log

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static json_t *jnum(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

/* Rates and times to a tenth, shares to 1e-4: more digits would only be noise in a log. */
static json_t *jround(double v, double step)
{
    return isfinite(v) && v >= 0 ? json_real(round(v / step) * step) : json_null();
}

/* One compact object per line, flushed: a service reads events as they happen. */
static void emit_json(json_t *ev)
{
    char *s = ev ? json_dumps(ev, JSON_COMPACT | JSON_REAL_PRECISION(12)) : NULL;
    if (s) {
        fprintf(stderr, "%s\n", s);
        fflush(stderr);
        free(s);
    }
    json_decref(ev);
}

static const QcTrackReport *track_of(const QcReport *r, int track)
{
    return r && track >= 0 && track < r->nb_tracks ? &r->tracks[track] : NULL;
}

/* Edit units per second of programme: frames for pictures, samples for sound; 0 when unknown. */
static double programme_rate(const QcTrackInfo *i)
{
    if (i->kind == QC_MEDIA_VIDEO)
        return i->rate_num > 0 && i->rate_den > 0 ? (double)i->rate_num / i->rate_den : 0;
    return i->sample_rate > 0 ? i->sample_rate : 0;
}

void qc_progress_init(QcProgress *p, QcProgressMode mode, const QcReport *report,
                      const char *const *paths, int nb_paths, const QcInspectSettings *s)
{
    if (mode == QC_PROGRESS_AUTO)
        mode = isatty(STDERR_FILENO) ? QC_PROGRESS_BAR : QC_PROGRESS_NONE;
    memset(p, 0, sizeof(*p));
    p->mode = mode;
    p->report = report;
    for (int i = 0; i < QC_PROGRESS_LANES; i++)
        p->lanes[i].track = -1;
    /* a bar asked for in a pipe (a CI log) has no terminal to ask: $COLUMNS, or 80 */
    struct winsize ws;
    const char *env = getenv("COLUMNS");
    int cols = env ? atoi(env) : 0;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        cols = ws.ws_col;
    p->columns = cols >= 40 && cols <= 400 ? cols : 80;
    if (mode != QC_PROGRESS_JSON)
        return;
    json_t *ev = json_object(), *ps = json_array(), *set = json_object();
    for (int i = 0; i < nb_paths; i++)
        json_array_append_new(ps, qc_json_str(paths[i]));
    json_object_set_new(set, "profile", qc_json_str(s->profile ? s->profile->name : "default"));
    json_object_set_new(set, "threads", json_integer(s->threads));
    json_object_set_new(set, "decode", json_string(s->fast_decode ? "fast" : "full"));
    json_object_set_new(ev, "event", json_string("start"));
    json_object_set_new(ev, "version", json_string(QC_VERSION));
    json_object_set_new(ev, "paths", ps);
    json_object_set_new(ev, "settings", set);
    emit_json(ev);
}

/* "1:02:03" or "2:03". */
static const char *clock_text(double s, char *buf, size_t size)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, size, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, size, "%ld:%02ld", t / 60, t % 60);
    return buf;
}

/* What follows the bar, each part when known: the position (and the speed for pictures), the
 * speed against real time, and the time left; every part but the first starts with spaces. */
static void bar_parts(const QcTrackInfo *i, int64_t done, int64_t total, double rate, double eta,
                      char pos[96], char rt[48], char left[48])
{
    double prate = programme_rate(i);
    rt[0] = left[0] = 0;
    if (i->kind == QC_MEDIA_VIDEO) {
        int n = total > 0 ? snprintf(pos, 96, "%lld/%lld frames", (long long)done, (long long)total)
                          : snprintf(pos, 96, "%lld frames", (long long)done);
        if (rate > 0)
            snprintf(pos + n, (size_t)(96 - n), "  %.1f fps", rate);
    } else if (prate > 0 && total > 0) {
        snprintf(pos, 96, "%.1f/%.1f s", done / prate, total / prate);
    } else if (prate > 0) {
        snprintf(pos, 96, "%.1f s", done / prate);
    } else {
        snprintf(pos, 96, "%lld samples", (long long)done);
    }
    if (rate > 0 && prate > 0)
        snprintf(rt, 48, "  (%.1fx realtime)", rate / prate);
    char clock[32];
    if (eta >= 0)
        snprintf(left, 48, "  ETA %s", clock_text(eta, clock, sizeof(clock)));
}

/* One line, redrawn in place. In a narrow terminal the ×realtime part gives way first, then the
 * start of the name, then the bar: the numbers stay. */
static void draw_bar(QcProgress *p, const QcTrackReport *tr, int track, int nb_tracks, int64_t done,
                     int64_t total, double rate, double eta)
{
    char head[32], bar[BAR_WIDTH + 16] = "", pos[96], rt[48], left[48], line[512];
    bar_parts(&tr->info, done, total, rate, eta, pos, rt, left);
    snprintf(head, sizeof(head), "[%d/%d] ", track + 1, nb_tracks > track ? nb_tracks : track + 1);
    if (total > 0) {
        double frac = done >= total ? 1 : (double)done / (double)total;
        int fill = (int)(frac * BAR_WIDTH);
        char *b = bar;
        *b++ = ' ';
        *b++ = '[';
        for (int i = 0; i < BAR_WIDTH; i++)
            *b++ = i < fill ? '#' : ' ';
        snprintf(b, sizeof(bar) - (size_t)(b - bar), "] %3d%%", (int)(frac * 100));
    }
    const char *slash = strrchr(tr->path, '/');
    const char *name = slash && slash[1] ? slash + 1 : tr->path;
    const int width = p->columns - 1, nlen = (int)strlen(name), blen = (int)strlen(bar);
    const int fixed = (int)(strlen(head) + 2 + strlen(pos) + strlen(left));
    if (fixed + nlen + blen + (int)strlen(rt) > width)
        rt[0] = 0;
    const int rest = fixed + (int)strlen(rt);
    if (rest + 8 + blen > width)
        bar[0] = 0;
    int room = width - rest - (int)strlen(bar);
    if (nlen > room && room >= 8)
        snprintf(line, sizeof(line), "%s...%s%s  %s%s%s", head, name + nlen - (room - 3), bar, pos,
                 rt, left);
    else
        snprintf(line, sizeof(line), "%s%s%s  %s%s%s", head, name, bar, pos, rt, left);
    if ((int)strlen(line) > width)
        line[width] = 0;
    fprintf(stderr, "\r\033[K%s", line);
    fflush(stderr);
    p->drawn = 1;
}

static void emit_progress(const QcTrackReport *tr, int track, int nb_tracks, int64_t done,
                          int64_t total, double rate, double eta)
{
    json_t *ev = json_object();
    json_object_set_new(ev, "event", json_string("progress"));
    json_object_set_new(ev, "track", json_integer(track));
    json_object_set_new(ev, "tracks", json_integer(nb_tracks));
    json_object_set_new(ev, "path", qc_json_str(tr->path));
    json_object_set_new(ev, "done", json_integer(done));
    json_object_set_new(ev, "total", total >= 0 ? json_integer(total) : json_null());
    json_object_set_new(ev, "unit",
                        json_string(tr->info.kind == QC_MEDIA_VIDEO ? "frames" : "samples"));
    double frac = total > 0 ? (done >= total ? 1 : (double)done / (double)total) : NAN;
    json_object_set_new(ev, "fraction", jround(frac, 1e-4));
    json_object_set_new(ev, "rate", rate > 0 ? jround(rate, 0.1) : json_null());
    json_object_set_new(ev, "eta_s", jround(eta, 0.1));
    emit_json(ev);
}

/* The lane of @p track: its own, else a free one, else the one updated longest ago. */
static QcProgressLane *lane_of(QcProgress *p, int track, double t)
{
    QcProgressLane *oldest = &p->lanes[0];
    for (int i = 0; i < QC_PROGRESS_LANES; i++)
        if (p->lanes[i].track == track)
            return &p->lanes[i];
    for (int i = 0; i < QC_PROGRESS_LANES; i++) {
        QcProgressLane *l = &p->lanes[i];
        if (l->track < 0 || l->last < oldest->last)
            oldest = l;
        if (l->track < 0)
            break;
    }
    *oldest = (QcProgressLane){track, t, 0, 0};
    return oldest;
}

/* Whether a track file before @p track is still running: then the bar stays with it, and the
 * track file beside it shows only in the JSON events and in the report. */
static int earlier_running(const QcProgress *p, int track)
{
    for (int i = 0; i < QC_PROGRESS_LANES; i++) {
        const QcProgressLane *l = &p->lanes[i];
        const QcTrackReport *tr = track_of(p->report, l->track);
        if (l->track >= 0 && l->track < track && !l->finished && tr && !tr->complete &&
            !tr->error[0])
            return 1;
    }
    return 0;
}

void qc_progress_update(void *opaque, int track, int nb_tracks, int64_t done, int64_t total)
{
    QcProgress *p = opaque;
    const QcTrackReport *tr = track_of(p->report, track);
    if (p->mode == QC_PROGRESS_NONE || !tr)
        return;
    double t = now();
    QcProgressLane *l = lane_of(p, track, t);
    int finished = total > 0 && done >= total;
    if (l->last > 0 && !finished && t - l->last < MIN_INTERVAL)
        return;
    l->last = t;
    l->finished = finished;
    double elapsed = t - l->start;
    double rate = elapsed > 0 && done > 0 ? (double)done / elapsed : 0;
    double eta = total > 0 && rate > 0 ? (double)(total > done ? total - done : 0) / rate : -1;
    if (p->mode == QC_PROGRESS_JSON)
        emit_progress(tr, track, nb_tracks, done, total, rate, eta);
    else if (!earlier_running(p, track))
        draw_bar(p, tr, track, nb_tracks, done, total, rate, eta);
}

void qc_progress_finding(void *opaque, const QcReport *r, const QcFinding *f)
{
    QcProgress *p = opaque;
    if (p->mode != QC_PROGRESS_JSON)
        return;
    const QcCodeInfo *ci = qc_code_info(f->code);
    const QcTrackReport *tr = track_of(r, f->track);
    const QcCompositionReport *c = f->composition >= 0 && f->composition < r->nb_compositions
                                       ? &r->compositions[f->composition]
                                       : NULL;
    json_t *ev = json_object();
    json_object_set_new(ev, "event", json_string("finding"));
    json_object_set_new(ev, "code", json_string(ci->name));
    json_object_set_new(ev, "severity", json_string(qc_severity_name(f->severity)));
    json_object_set_new(ev, "stage", json_string(qc_stage_name(ci->stage)));
    json_object_set_new(ev, "track", tr ? json_integer(f->track) : json_null());
    json_object_set_new(ev, "path", tr ? qc_json_str(tr->path) : json_null());
    json_object_set_new(ev, "track_file", tr ? qc_json_str(tr->id) : json_null());
    json_object_set_new(ev, "composition", c ? qc_json_str(c->id) : json_null());
    json_object_set_new(ev, "channel", f->channel >= 0 ? json_integer(f->channel) : json_null());
    json_t *start = json_null();
    if (f->start >= 0) {
        start = json_object();
        json_object_set_new(start, "edit_unit", json_integer(f->start));
        json_object_set_new(start, "seconds",
                            tr ? jnum(qc_track_seconds(&tr->info, f->start)) : json_null());
    }
    json_object_set_new(ev, "start", start);
    json_object_set_new(ev, "message", qc_json_str(f->message));
    emit_json(ev);
}

void qc_progress_clear(QcProgress *p)
{
    if (p->mode == QC_PROGRESS_BAR && p->drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    p->drawn = 0;
}

void qc_progress_done(QcProgress *p, const QcReport *r, int exit_code)
{
    static const char *const status[] = {"pass", "fail", "incomplete"};
    qc_progress_clear(p);
    if (p->mode != QC_PROGRESS_JSON)
        return;
    json_t *ev = json_object(), *sum = json_object();
    json_object_set_new(sum, "blocker", json_integer(r->counts[QC_SEV_BLOCKER]));
    json_object_set_new(sum, "issue", json_integer(r->counts[QC_SEV_ISSUE]));
    json_object_set_new(sum, "fyi", json_integer(r->counts[QC_SEV_FYI]));
    json_object_set_new(ev, "event", json_string("done"));
    json_object_set_new(ev, "status", json_string(status[r->status]));
    json_object_set_new(ev, "summary", sum);
    json_object_set_new(ev, "exit_code", json_integer(exit_code));
    emit_json(ev);
}
