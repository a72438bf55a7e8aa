// SPDX-License-Identifier: MIT
/**
 * @file report.h
 * The report model (schema imfqc-report/1, design.md §8) that the writers serialise.
 */
#ifndef QC_ENGINE_CORE_REPORT_H
#define QC_ENGINE_CORE_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "engine/core/finding.h"
#include "engine/core/metrics.h"
#include "engine/core/track.h"

#define QC_REPORT_SCHEMA "imfqc-report/1"

typedef enum QcReportStatus {
    QC_STATUS_PASS,       ///< inspected, no blocker
    QC_STATUS_FAIL,       ///< inspected, at least one blocker
    QC_STATUS_INCOMPLETE, ///< stopped early or an input could not be inspected
} QcReportStatus;

typedef struct QcTrackReport {
    char id[48];          ///< urn:uuid:…
    char *path;           ///< as given on the command line
    QcTrackInfo info;     ///< valid when opened
    int opened;           ///< 0: the file could not be inspected (see error)
    int complete;         ///< every sample was read and analysed
    int64_t samples_read; ///< samples per channel analysed
    char error[512];      ///< why it could not be inspected, or ""
    char language[64];    ///< audio: RFC 5646 tag of the soundfield group (MCA), or ""
    QcMetrics metrics;
    int64_t suppressed[QC_CODE_COUNT]; ///< findings counted past the per-code cap
} QcTrackReport;

/** One asset of a package, as the delivery checks found it. */
typedef struct QcAssetReport {
    char id[48];
    char *path;      ///< the package folder as given + the ASSETMAP path, or NULL when unmapped
    char type[32];   ///< "mxf", "cpl", "pkl", "other"
    int64_t size;    ///< bytes on disk, -1 when unknown
    const char *hash; ///< "ok", "mismatch", "skipped", "missing", "unsafe", "none" (no PKL entry)
} QcAssetReport;

typedef struct QcPackageReport {
    char id[48]; ///< the first PKL's Id, or the ASSETMAP's
    char *path;  ///< as given
    int previous; ///< an earlier delivery given with --previous (not inspected)
    QcAssetReport *assets;
    int nb_assets;
} QcPackageReport;

typedef struct QcResourceReport {
    char id[48];
    char track_file[48];          ///< TrackFileId, "" for a marker resource
    int track;                    ///< index into the report's track files, -1 when not inspected
    int64_t entry, duration, repeat; ///< resource edit units
    int64_t start;                ///< composition edit units where it begins
} QcResourceReport;

typedef struct QcVTrackReport {
    char id[48];       ///< TrackId
    char kind[16];     ///< "video", "audio", "marker", "other"
    char sequence[64]; ///< the sequence element's name
    char status[16];   ///< "new", "modified", "unmodified" against --previous (else "new")
    int32_t rate_num, rate_den; ///< the resources' edit rate
    int64_t duration;  ///< composition edit units
    QcResourceReport *resources;
    int nb_resources;
} QcVTrackReport;

typedef struct QcCompositionReport {
    char id[48];
    char title[256];
    char *path;                 ///< the CPL file
    int32_t rate_num, rate_den; ///< EditRate
    int64_t duration;           ///< composition edit units
    int tc_rate, tc_drop;       ///< CompositionTimecode (tc_rate 0: none, 01:00:00:00 assumed no)
    int64_t tc_start;           ///< TimecodeStartAddress in timecode frames
    QcVTrackReport *tracks;
    int nb_tracks;
    QcMetrics metrics;          ///< timeline measurements (composition loudness, splices)
} QcCompositionReport;

/** The composition timecode of composition edit unit @p eu into @p out ("" without timecode). */
void qc_composition_timecode(const QcCompositionReport *c, int64_t eu, char *out, size_t size);

/** One property that differs between a CPL and a track file (NULL: absent on that side). */
typedef struct QcDiffEntry {
    char *path, *cpl, *mxf;
} QcDiffEntry;

typedef struct QcDiffTable {
    QcDiffEntry *items;
    int count;
    int more; ///< differences found beyond those listed
} QcDiffTable;

/** A picture of a frame for people (HTML report): where a video finding is, or a new shot. */
typedef struct QcThumbnail {
    int track;          ///< index into the report's track files
    int64_t edit_unit;  ///< frame of the track file
    int scene;          ///< 1: a scene change of the shot strip; 0: a finding's frame
    int width, height;  ///< pixels (what the picture would have had when there is none)
    char *png_base64;   ///< the PNG, base64; NULL when the frame could not be decoded
} QcThumbnail;

/** A finding code whose severity the profile set. */
typedef struct QcSeverityOverride {
    QcCode code;
    QcSeverity severity;
} QcSeverityOverride;

typedef struct QcReport {
    QcReportStatus status;
    char profile[64];
    int threads;
    int fast_decode;          ///< --decode fast
    int descriptor_normalized; ///< --descriptor-compare normalized
    char expect_language[64];  ///< --expect-language, "" when not given
    unsigned cpu_flags;
    char cpu[64];       ///< SIMD level used, e.g. "avx2"
    QcMetrics settings; ///< analyzer options in force: group = analyzer, key = option
    QcSeverityOverride severity[QC_CODE_COUNT]; ///< the profile's severities that ran
    int nb_severity;
    int max_findings_per_code; ///< the profile's cap per code and track file (0: not recorded)
    char **analyzers;   ///< names of the analyzers that ran
    int nb_analyzers;
    QcTrackReport *tracks;
    int nb_tracks;
    size_t tracks_cap;
    QcPackageReport *packages;
    int nb_packages;
    QcCompositionReport *compositions;
    int nb_compositions;
    QcDiffTable *diffs; ///< what QC_DETAIL_DIFF details point at
    int nb_diffs;
    size_t diffs_cap;
    QcThumbnail *thumbnails;  ///< gathered only for reports people look at (HTML)
    int nb_thumbnails;
    size_t thumbnails_cap;
    QcFindingList findings;   ///< sorted
    int counts[QC_SEV_COUNT]; ///< findings per severity
    double elapsed_s;         ///< wall time (a timing field: not part of reproducibility)
    int interrupted;          ///< signal number that stopped the run, or 0
    int tracks_expected;       ///< while inspecting: track files known so far (≥ nb_tracks)
    size_t findings_announced; ///< while inspecting: findings handed to on_finding so far
} QcReport;

/** Recomputes counts and status from the findings and the tracks. */
void qc_report_finalize(QcReport *r);

void qc_report_free(QcReport *r);

#endif
