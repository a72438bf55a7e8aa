// SPDX-License-Identifier: MIT
/* The composition timeline (primer §6.5): virtual tracks, resources placed in composition edit
 * units, and the checks on them. Products of durations and rates use 128-bit intermediates. */
#include "engine/imf/composition.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/error.h"
#include "engine/core/grow.h"
#include "engine/mxf/ul.h"

typedef __int128 i128;

typedef struct Ctx {
    QcComposition *c;
    int comp;
    QcFindingList *findings;
} Ctx;

static int report(Ctx *x, QcCode code, QcSeverity sev, int64_t at, long line, const char *fmt,
                  ...) __attribute__((format(printf, 6, 7)));
static int report(Ctx *x, QcCode code, QcSeverity sev, int64_t at, long line, const char *fmt, ...)
{
    QcFinding f;
    qc_finding_init(&f, code);
    f.severity = sev;
    f.composition = x->comp;
    f.comp_start = at;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f.message, sizeof(f.message), fmt, ap);
    va_end(ap);
    const char *base = strrchr(x->c->cpl->file, '/');
    qc_finding_detail_string(&f, "document", base ? base + 1 : x->c->cpl->file);
    if (line > 0)
        qc_finding_detail_int(&f, "line", line);
    return qc_finding_list_add(x->findings, &f);
}

int64_t qc_composition_units(const QcComposition *c, int64_t units, int32_t num, int32_t den)
{
    i128 n = (i128)units * c->cpl->rate_num * den;
    i128 d = (i128)c->cpl->rate_den * num;
    return d > 0 ? (int64_t)(n / d) : 0;
}

static int exact_units(const QcComposition *c, int64_t units, int32_t num, int32_t den)
{
    i128 n = (i128)units * c->cpl->rate_num * den;
    i128 d = (i128)c->cpl->rate_den * num;
    return d > 0 && n % d == 0;
}

static int find_track(const QcComposition *c, const uint8_t id[16])
{
    for (int i = 0; i < c->nb_tracks; i++)
        if (!memcmp(c->tracks[i].id, id, 16))
            return i;
    return -1;
}

static int collect_tracks(QcComposition *c)
{
    size_t cap = 0;
    for (int i = 0; i < c->cpl->nb_sequences; i++) {
        const QcCplSequence *s = &c->cpl->sequences[i];
        int t = find_track(c, s->track_id);
        if (t < 0) {
            if (qc_grow((void **)&c->tracks, &cap, (size_t)c->nb_tracks + 1, sizeof(*c->tracks)) <
                0)
                return QC_ERR_NOMEM;
            QcVirtualTrack *v = &c->tracks[c->nb_tracks++];
            memset(v, 0, sizeof(*v));
            memcpy(v->id, s->track_id, 16);
            v->kind = s->kind;
            snprintf(v->name, sizeof(v->name), "%s", s->name);
            if (s->nb_resources) {
                v->rate_num = s->resources[0].rate_num;
                v->rate_den = s->resources[0].rate_den;
            }
            t = c->nb_tracks - 1;
        }
        if (!c->tracks[t].rate_num && s->nb_resources) {
            c->tracks[t].rate_num = s->resources[0].rate_num;
            c->tracks[t].rate_den = s->resources[0].rate_den;
        }
        c->tracks[t].nb_resources += s->nb_resources;
    }
    return 0;
}

/* Every segment has the same set of virtual tracks as the first (ST 2067-3 §6.9.3). */
static int check_segments(Ctx *x)
{
    const QcCpl *cpl = x->c->cpl;
    for (int t = 0; t < x->c->nb_tracks; t++) {
        for (int seg = 0; seg < cpl->nb_segments; seg++) {
            int found = 0;
            for (int i = 0; i < cpl->nb_sequences && !found; i++)
                found = cpl->sequences[i].segment == seg &&
                        !memcmp(cpl->sequences[i].track_id, x->c->tracks[t].id, 16);
            if (found)
                continue;
            char id[48];
            qc_uuid_format(x->c->tracks[t].id, id, sizeof(id));
            int ret = report(x, QC_CODE_CPL_CONSTRAINT, QC_SEV_BLOCKER, -1, 0,
                             "segment %d has no %s of virtual track %s; every segment must carry "
                             "the same virtual tracks",
                             seg + 1, x->c->tracks[t].name, id);
            if (ret < 0)
                return ret;
        }
    }
    return 0;
}

static int has_descriptor(const QcCpl *cpl, const uint8_t id[16])
{
    for (int i = 0; i < cpl->nb_descriptors; i++)
        if (!memcmp(cpl->descriptors[i].id, id, 16))
            return 1;
    return 0;
}

/* The checks one resource needs on its own, at composition position @p at. */
static int check_resource(Ctx *x, const QcVirtualTrack *v, const QcCplResource *r, int64_t at)
{
    char id[48];
    qc_uuid_format(r->id, id, sizeof(id));
    int ret = 0;
    if (r->entry > r->intrinsic || r->duration > r->intrinsic - r->entry)
        ret = report(x, QC_CODE_CPL_TIMELINE, QC_SEV_BLOCKER, at, r->line,
                     "resource %s plays edit units %lld to %lld of a track file whose "
                     "IntrinsicDuration is %lld: it runs past the end",
                     id, (long long)r->entry, (long long)(r->entry + r->duration),
                     (long long)r->intrinsic);
    if (!ret && r->duration == 0)
        ret = report(x, QC_CODE_CPL_TIMELINE, QC_SEV_ISSUE, at, r->line,
                     "resource %s has SourceDuration 0 and plays nothing", id);
    if (!ret && (r->rate_num != v->rate_num || r->rate_den != v->rate_den))
        ret = report(x, QC_CODE_CPL_TIMELINE, QC_SEV_BLOCKER, at, r->line,
                     "resource %s has EditRate %d/%d but the other resources of its %s have "
                     "%d/%d; one virtual track has one edit rate",
                     id, r->rate_num, r->rate_den, v->name, v->rate_num, v->rate_den);
    if (!ret && r->has_track_file && !has_descriptor(x->c->cpl, r->source_encoding)) {
        char enc[48];
        qc_uuid_format(r->source_encoding, enc, sizeof(enc));
        ret = report(x, QC_CODE_CPL_TIMELINE, QC_SEV_BLOCKER, at, r->line,
                     "resource %s names SourceEncoding %s, which no EssenceDescriptor of the "
                     "EssenceDescriptorList has",
                     id, enc);
    }
    if (!ret && v->kind == QC_SEQ_MAIN_IMAGE &&
        ((int64_t)r->rate_num * x->c->cpl->rate_den != (int64_t)r->rate_den * x->c->cpl->rate_num))
        ret = report(x, QC_CODE_CPL_CONSTRAINT, QC_SEV_BLOCKER, at, r->line,
                     "MainImageSequence resource %s has EditRate %d/%d; it must be the "
                     "composition's %d/%d (ST 2067-2)",
                     id, r->rate_num, r->rate_den, x->c->cpl->rate_num, x->c->cpl->rate_den);
    return ret;
}

/* Places the resources of one sequence from @p seg_start on; its duration in composition edit
 * units goes to *@p dur, and whether it converts exactly to *@p exact. */
static int place_sequence(Ctx *x, const QcCplSequence *s, int64_t seg_start, size_t *cap,
                          int64_t *dur, int *exact)
{
    QcComposition *c = x->c;
    int t = find_track(c, s->track_id);
    const QcVirtualTrack *v = &c->tracks[t];
    int64_t offset = 0; /* resource edit units */
    for (int i = 0; i < s->nb_resources; i++) {
        const QcCplResource *r = &s->resources[i];
        if (qc_grow((void **)&c->placements, cap, (size_t)c->nb_placements + 1,
                    sizeof(*c->placements)) < 0)
            return QC_ERR_NOMEM;
        int64_t at = seg_start + qc_composition_units(c, offset, v->rate_num, v->rate_den);
        c->placements[c->nb_placements++] = (QcPlacement){s, r, t, at, offset, seg_start};
        int ret = check_resource(x, v, r, at);
        if (ret < 0)
            return ret;
        /* clamped so that no later product overflows, whatever a hostile CPL says */
        i128 end = (i128)offset + (i128)r->duration * r->repeat;
        offset = end > INT64_MAX / 4 ? INT64_MAX / 4 : (int64_t)end;
    }
    *exact = exact_units(c, offset, v->rate_num, v->rate_den);
    *dur = qc_composition_units(c, offset, v->rate_num, v->rate_den);
    return 0;
}

/* The sequence a segment's duration comes from: its MainImageSequence, else its first sequence
 * that is not markers; NULL for a segment of markers only. */
static const QcCplSequence *segment_reference(const QcCpl *cpl, int seg)
{
    const QcCplSequence *ref = NULL;
    for (int i = 0; i < cpl->nb_sequences; i++) {
        const QcCplSequence *s = &cpl->sequences[i];
        if (s->segment == seg && s->kind != QC_SEQ_MARKER &&
            (!ref || (s->kind == QC_SEQ_MAIN_IMAGE && ref->kind != QC_SEQ_MAIN_IMAGE)))
            ref = s;
    }
    return ref;
}

/* Places one sequence and checks that it converts to whole composition edit units. */
static int place_checked(Ctx *x, int seg, const QcCplSequence *s, int64_t seg_start, size_t *cap,
                         int64_t *dur)
{
    int exact, ret = place_sequence(x, s, seg_start, cap, dur, &exact);
    if (ret < 0)
        return ret;
    QcVirtualTrack *v = &x->c->tracks[find_track(x->c, s->track_id)];
    v->duration += *dur;
    if (exact)
        return 0;
    return report(x, QC_CODE_CPL_TIMELINE, QC_SEV_BLOCKER, seg_start, s->line,
                  "segment %d: the %s at %d/%d does not last a whole number of composition edit "
                  "units at %d/%d",
                  seg + 1, s->name, v->rate_num, v->rate_den, x->c->cpl->rate_num,
                  x->c->cpl->rate_den);
}

/* One segment: its reference sequence placed first, then the others, each compared with it;
 * the reference's duration is the segment's. A virtual track has one sequence per segment, so
 * each track's placements stay in timeline order. */
static int place_segment(Ctx *x, int seg, int64_t seg_start, size_t *cap, int64_t *seg_dur)
{
    const QcCpl *cpl = x->c->cpl;
    const QcCplSequence *ref = segment_reference(cpl, seg);
    int64_t ref_dur = 0, dur;
    int ret = ref ? place_checked(x, seg, ref, seg_start, cap, &ref_dur) : 0;
    for (int i = 0; ret >= 0 && i < cpl->nb_sequences; i++) {
        const QcCplSequence *s = &cpl->sequences[i];
        if (s->segment != seg || s == ref || (ret = place_checked(x, seg, s, seg_start, cap, &dur)) < 0)
            continue;
        if (s->kind != QC_SEQ_MARKER && dur != ref_dur)
            ret = report(x, QC_CODE_CPL_TIMELINE, QC_SEV_BLOCKER, seg_start, s->line,
                         "segment %d: the %s lasts %lld edit units but the %s lasts %lld; all "
                         "sequences of a segment have one duration",
                         seg + 1, s->name, (long long)dur, ref->name, (long long)ref_dur);
    }
    *seg_dur = ref_dur;
    return ret < 0 ? ret : 0;
}

static int check_main_image(Ctx *x)
{
    int n = 0;
    for (int t = 0; t < x->c->nb_tracks; t++)
        n += x->c->tracks[t].kind == QC_SEQ_MAIN_IMAGE;
    if (n == 1)
        return 0;
    return report(x, QC_CODE_CPL_CONSTRAINT, QC_SEV_BLOCKER, -1, 0,
                  "the composition has %d MainImageSequence virtual tracks; ST 2067-2 requires "
                  "exactly one",
                  n);
}

int qc_composition_build(QcComposition *c, const QcCpl *cpl, int comp_index,
                         QcFindingList *findings)
{
    memset(c, 0, sizeof(*c));
    c->cpl = cpl;
    Ctx x = {c, comp_index, findings};
    int ret = collect_tracks(c);
    if (ret >= 0)
        ret = check_segments(&x);
    if (ret >= 0)
        ret = check_main_image(&x);
    size_t cap = 0;
    for (int seg = 0; ret >= 0 && seg < cpl->nb_segments; seg++) {
        int64_t d = 0;
        ret = place_segment(&x, seg, c->duration, &cap, &d);
        c->duration += d;
    }
    return ret < 0 ? ret : 0;
}

void qc_composition_free(QcComposition *c)
{
    free(c->tracks);
    free(c->placements);
    memset(c, 0, sizeof(*c));
}

int qc_composition_uses(const QcComposition *c, const uint8_t tf[16])
{
    for (int i = 0; i < c->nb_placements; i++)
        if (c->placements[i].res->has_track_file && !memcmp(c->placements[i].res->track_file, tf, 16))
            return 1;
    return 0;
}

int qc_composition_place(const QcComposition *c, const uint8_t tf[16], int32_t num, int32_t den,
                         int64_t eu, int64_t *positions, int max)
{
    int n = 0;
    for (int i = 0; i < c->nb_placements; i++) {
        const QcPlacement *p = &c->placements[i];
        const QcCplResource *r = p->res;
        if (!r->has_track_file || memcmp(r->track_file, tf, 16) || num <= 0 || den <= 0)
            continue;
        /* the finding's edit unit in the resource's edit rate */
        int64_t u = (int64_t)((i128)eu * r->rate_num * den / ((i128)r->rate_den * num));
        if (u < r->entry || u - r->entry >= r->duration)
            continue;
        const QcVirtualTrack *v = &c->tracks[p->track];
        /* a RepeatCount may be huge: fill what fits, count the rest */
        int64_t fill = n < max ? (r->repeat < max - n ? r->repeat : max - n) : 0;
        for (int64_t k = 0; k < fill; k++) {
            int64_t off = p->offset + k * r->duration + (u - r->entry);
            positions[n + k] = p->seg_start + qc_composition_units(c, off, v->rate_num, v->rate_den);
        }
        n = r->repeat > INT32_MAX - n ? INT32_MAX : n + (int)r->repeat;
    }
    return n;
}
