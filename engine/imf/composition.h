// SPDX-License-Identifier: MIT
/**
 * @file composition.h
 * The timeline of a CPL: virtual tracks made of the sequences that share a TrackId, resources
 * placed on the composition's edit units, and the checks only the timeline shows
 * (imf-mxf-primer §6.3–6.5): CPL_TIMELINE and CPL_CONSTRAINT.
 */
#ifndef QC_ENGINE_IMF_COMPOSITION_H
#define QC_ENGINE_IMF_COMPOSITION_H

#include <stdint.h>

#include "engine/core/finding.h"
#include "engine/imf/cpl.h"

typedef struct QcVirtualTrack {
    uint8_t id[16];             ///< TrackId
    QcSequenceKind kind;
    char name[64];              ///< sequence element name
    int32_t rate_num, rate_den; ///< the resources' edit rate (the first resource's)
    int64_t duration;           ///< composition edit units
    int nb_resources;           ///< over all segments
} QcVirtualTrack;

/** One resource on the timeline, with where it starts. */
typedef struct QcPlacement {
    const QcCplSequence *seq;
    const QcCplResource *res;
    int track;        ///< virtual track index
    int64_t start;    ///< composition edit units where its first repetition starts
    int64_t offset;   ///< resource edit units from the start of its sequence
    int64_t seg_start; ///< composition edit units where its segment starts
} QcPlacement;

typedef struct QcComposition {
    const QcCpl *cpl;
    QcVirtualTrack *tracks;
    int nb_tracks;
    QcPlacement *placements; ///< every resource of every virtual track, in timeline order per track
    int nb_placements;
    int64_t duration; ///< composition edit units (sum of the segment durations)
} QcComposition;

/**
 * Builds the timeline of @p cpl and checks it: resources past their IntrinsicDuration, edit
 * rates that differ within a track, durations that do not convert exactly, sequences of one
 * segment with different durations, a SourceEncoding no EssenceDescriptor has, segments with
 * different track sets, the MainImageSequence rules. Findings carry composition index
 * @p comp_index.
 * @return 0 or QC_ERR_NOMEM.
 */
int qc_composition_build(QcComposition *c, const QcCpl *cpl, int comp_index,
                         QcFindingList *findings);

void qc_composition_free(QcComposition *c);

/** Converts @p units at @p num/@p den to the composition's edit units (floor). */
int64_t qc_composition_units(const QcComposition *c, int64_t units, int32_t num, int32_t den);

/**
 * The composition positions where edit unit @p eu of track file @p tf (counted at
 * @p num/@p den, its own rate) plays, in timeline order, at most @p max of them.
 * @return how many positions there are in all (may exceed @p max).
 */
int qc_composition_place(const QcComposition *c, const uint8_t tf[16], int32_t num, int32_t den,
                         int64_t eu, int64_t *positions, int max);

/** Whether any resource of @p c plays track file @p tf. */
int qc_composition_uses(const QcComposition *c, const uint8_t tf[16]);

/** How many virtual tracks (TrackIds) @p a and @p b share: the earlier version of a timeline is
 *  the previous composition sharing the most. */
int qc_composition_shared_tracks(const QcComposition *a, const QcComposition *b);

/** Virtual track @p t of @p cur against @p prev (may be NULL): "new" when @p prev has no track
 *  with its TrackId, "unmodified" when both play the same track files with the same entry
 *  points, durations and repeats, else "modified". */
const char *qc_composition_track_status(const QcComposition *cur, int t, const QcComposition *prev);

/** The index of the virtual track with TrackId @p id, or -1. */
int qc_composition_track(const QcComposition *c, const uint8_t id[16]);

#endif
