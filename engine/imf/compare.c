// SPDX-License-Identifier: MIT
/* A composition against the previous delivery of the same timeline: which virtual tracks are
 * new, which changed, which stayed as they were. */
#include <string.h>

#include "engine/imf/composition.h"

int qc_composition_track(const QcComposition *c, const uint8_t id[16])
{
    for (int i = 0; i < c->nb_tracks; i++)
        if (!memcmp(c->tracks[i].id, id, 16))
            return i;
    return -1;
}

int qc_composition_shared_tracks(const QcComposition *a, const QcComposition *b)
{
    int n = 0;
    for (int i = 0; i < a->nb_tracks; i++)
        n += qc_composition_track(b, a->tracks[i].id) >= 0;
    return n;
}

static int same_resource(const QcCplResource *a, const QcCplResource *b)
{
    return a->has_track_file == b->has_track_file &&
           (!a->has_track_file || !memcmp(a->track_file, b->track_file, 16)) &&
           a->entry == b->entry && a->duration == b->duration && a->repeat == b->repeat &&
           (int64_t)a->rate_num * b->rate_den == (int64_t)b->rate_num * a->rate_den;
}

const char *qc_composition_track_status(const QcComposition *cur, int t, const QcComposition *prev)
{
    int pt = prev ? qc_composition_track(prev, cur->tracks[t].id) : -1;
    if (pt < 0)
        return "new";
    /* both placement lists are in timeline order per track: walk them side by side */
    for (int i = 0, j = 0;; i++, j++) {
        while (i < cur->nb_placements && cur->placements[i].track != t)
            i++;
        while (j < prev->nb_placements && prev->placements[j].track != pt)
            j++;
        if (i >= cur->nb_placements || j >= prev->nb_placements)
            return i >= cur->nb_placements && j >= prev->nb_placements ? "unmodified" : "modified";
        const QcPlacement *a = &cur->placements[i], *b = &prev->placements[j];
        if (!same_resource(a->res, b->res) || a->start != b->start)
            return "modified";
    }
}
