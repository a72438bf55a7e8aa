// SPDX-License-Identifier: MIT
/**
 * @file imfqc.h
 * The imfqc library: inspect IMF deliveries and masters from a program, as `imfqc inspect` does.
 *
 * A session holds the settings of a run and the result of its last inspection:
 * @code
 * QcSessionSettings cfg;
 * qc_session_default_settings(&cfg);
 * QcSession *s;
 * if (qc_session_open(&s, &cfg) < 0) { puts(qc_session_error(s)); qc_session_close(&s); return; }
 * if (qc_session_inspect(s, paths, nb_paths) == 0)
 *     for (size_t i = 0; i < qc_session_finding_count(s); i++) { QcFindingInfo f; ... }
 * qc_session_close(&s);
 * @endcode
 *
 * Every function that can fail returns 0 or a negative QcApiError. A defect in the input is a
 * finding, never an error: an error is what stops the engine (memory, I/O, bad arguments).
 *
 * Strings and arrays handed out by a session are borrowed: they stay valid until the next
 * qc_session_inspect() or qc_session_close() on that session.
 *
 * Threads: a session is used by one thread at a time; qc_session_cancel() alone may be called
 * from any thread or a signal handler. Run one inspection per process at a time: one run
 * already spreads over every core, and libraries the engine uses set up process-wide tables
 * when a run starts.
 *
 * FFmpeg decoders (non-IMF inputs) log through av_log(); a host that wants them quiet calls
 * av_log_set_level(AV_LOG_QUIET) itself, since the level is process-wide and the host's own.
 */
#ifndef QC_IMFQC_H
#define QC_IMFQC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks the functions the shared library exports (it is built with -fvisibility=hidden). */
#if defined(__GNUC__)
#define QC_API __attribute__((visibility("default")))
#else
#define QC_API
#endif

/** Error codes, pinned: a value never changes meaning (the engine's own codes, same values). */
typedef enum QcApiError {
    QC_API_OK = 0,
    QC_API_ERR_NOMEM = -1,        ///< allocation failed
    QC_API_ERR_IO = -2,           ///< a file could not be read or written
    QC_API_ERR_INVALID_DATA = -3, ///< an input the engine cannot open at all
    QC_API_ERR_UNSUPPORTED = -4,  ///< a valid input the engine does not handle
    QC_API_ERR_LIMIT = -5,        ///< a value beyond the engine's sane limits
    QC_API_ERR_CANCELLED = -6,    ///< stopped by qc_session_cancel()
    QC_API_ERR_INVAL = -7,        ///< bad argument or setting (a usage error)
    QC_API_ERR_INTERNAL = -8,     ///< a bug: an invariant failed
} QcApiError;

/** Severity of a finding; a profile may change any code's severity. */
typedef enum QcApiSeverity {
    QC_API_FYI = 0,     ///< for information
    QC_API_ISSUE = 1,   ///< worth a look, does not fail the delivery
    QC_API_BLOCKER = 2, ///< fails the delivery
} QcApiSeverity;

/** Outcome of an inspection, as the report's "status". */
typedef enum QcApiStatus {
    QC_API_PASS = 0,       ///< inspected, no blocker
    QC_API_FAIL = 1,       ///< inspected, at least one blocker
    QC_API_INCOMPLETE = 2, ///< cancelled, an input could not be inspected, or nothing run yet
} QcApiStatus;

typedef enum QcApiMetricKind {
    QC_API_METRIC_DOUBLE = 0,  ///< one value in d[0]
    QC_API_METRIC_INT = 1,     ///< one value in i[0]
    QC_API_METRIC_DOUBLES = 2, ///< count values in d (NaN where nothing was measured)
    QC_API_METRIC_INTS = 3,    ///< count values in i
    QC_API_METRIC_STRING = 4,  ///< s
} QcApiMetricKind;

/** One inspection context: settings, the last report, the last error message. */
typedef struct QcSession QcSession;

/** What qc_session_open() copies; the caller's strings may be freed once it returns. */
typedef struct QcSessionSettings {
    int threads;                 ///< worker threads, 1 to 1024; 0: the CPUs this process may use
    const char *profile;         ///< "default", "ebu-r128" or a JSON profile file; NULL: "default"
    const char *only;            ///< analyzers to run, comma-separated; NULL: all
    const char *skip;            ///< analyzers not to run, comma-separated; NULL: none
    int fast_decode;             ///< 1: pictures decoded at reduced resolution (`--decode fast`)
    int no_hash;                 ///< 1: skip the PKL SHA-1 digest checks
    int descriptor_normalized;   ///< 1: CPL descriptors compared forgiving UL version and case
    const char *expect_language; ///< RFC 5646 tag the audio must carry (e.g. "en"), or NULL
    const char *const *previous; ///< earlier deliveries (IMP folders or CPLs), or NULL
    int nb_previous;             ///< entries in previous
    /**
     * Progress, or NULL: @p done of @p total edit units (-1: unknown) of track file @p track
     * (0-based, of the @p nb_tracks known so far), first with done 0 when its run begins.
     * Called often during qc_session_inspect(), on the thread that called it: keep it short,
     * and do not call into the session from it. With threads > 1 the sound of a file that also
     * has pictures runs beside them, so the calls for those two track files interleave.
     */
    void (*progress)(void *opaque, int track, int nb_tracks, int64_t done, int64_t total);
    void *opaque;      ///< handed to progress
    void *reserved[8]; ///< zero: room for new settings without changing the struct's size
} QcSessionSettings;

/** One finding, as the report's findings[] entry (schema imfqc-report/1). */
typedef struct QcFindingInfo {
    const char *code; ///< "AUDIO_DIGITAL_HIT": the names are the stable contract
    QcApiSeverity severity;
    const char *severity_name;     ///< "fyi", "issue", "blocker"
    const char *stage;             ///< "delivery", "iaas", "aqc"
    const char *family;            ///< "IMF_ESSENCE_COMPONENT_ERROR", or NULL
    const char *message;           ///< what happened and what to fix, for a person
    int track_file;                ///< index for qc_session_track_file(), or -1
    const char *track_file_path;   ///< as given or resolved; NULL when track_file is -1
    const char *track_file_id;     ///< "urn:uuid:…", "" when the file has none; NULL as above
    const char *composition_id;    ///< the CPL's "urn:uuid:…", or NULL
    int channel;                   ///< 0-based channel, or -1 (the whole track, or none)
    int64_t start_edit_unit;       ///< track-file edit units (frames; samples for audio), or -1
    double start_seconds;          ///< seconds from the start of the track file, or NaN
    int64_t composition_edit_unit; ///< where the composition plays it, or -1
    char timecode[32];             ///< composition timecode ("01:00:33:08"), or ""
    int64_t duration_edit_units;   ///< track-file edit units; 0 for a point
    double duration_seconds;       ///< seconds, or NaN when the rate is unknown
} QcFindingInfo;

/** One track file the run read (or tried to). */
typedef struct QcTrackFileInfo {
    const char *path;       ///< as given, or resolved through the package
    const char *id;         ///< the file's own "urn:uuid:…", or ""
    const char *kind;       ///< "audio" or "video"; "" when it could not be opened
    int inspected;          ///< 1: opened and every edit unit analysed
    const char *error;      ///< why it was not inspected, or ""
    const char *codec;      ///< "pcm_s24le", "jpeg2000", …; "" when not opened
    const char *container;  ///< "wav", "mxf", …; "" when not opened
    int sample_rate;        ///< audio: Hz
    int channels;           ///< audio: channel count
    int bits;               ///< bits per stored sample, 0 when not PCM or unknown
    int width, height;      ///< video: stored picture size, pixels
    int rate_num, rate_den; ///< edit rate (audio: sample_rate/1)
    int64_t duration;       ///< edit units (samples for audio), or -1 when unknown
    size_t nb_metrics;      ///< entries for qc_session_metric()
} QcTrackFileInfo;

/** One measurement of a track file: `metrics.<group>.<key>` in the JSON report. */
typedef struct QcMetricInfo {
    const char *group; ///< "loudness", "levels", …; "" for top-level keys (scene_changes)
    const char *key;   ///< "integrated_lufs", …
    QcApiMetricKind kind;
    size_t count;     ///< values in d or i; 1 for single values
    const double *d;  ///< QC_API_METRIC_DOUBLE(S), else NULL
    const int64_t *i; ///< QC_API_METRIC_INT(S), else NULL
    const char *s;    ///< QC_API_METRIC_STRING, else NULL
} QcMetricInfo;

/** The library version, "0.1.0". Never NULL. */
QC_API const char *qc_version(void);

/** Fills @p s with the defaults: every analyzer, profile "default", all usable CPUs. */
QC_API void qc_session_default_settings(QcSessionSettings *s);

/**
 * Opens a session: loads the profile and checks every name and value of @p settings.
 *
 * On failure *@p out still receives a session that holds the message, for
 * qc_session_error() and then qc_session_close(); other calls on it return
 * QC_API_ERR_INVAL. *@p out is NULL only when memory ran out.
 *
 * @return 0;
 *         QC_API_ERR_INVAL (unknown profile or analyzer name, profile value out of range,
 *         malformed profile JSON or language tag, threads out of range, @p out or
 *         @p settings NULL);
 *         QC_API_ERR_IO (the profile file cannot be read);
 *         QC_API_ERR_NOMEM.
 */
QC_API int qc_session_open(QcSession **out, const QcSessionSettings *settings);

/**
 * Inspects @p paths (IMP folders, CPLs, MXF, WAV/AIFF or other media files) as one run and
 * keeps its report, replacing the previous one. An input that cannot be opened is not an
 * error: its track file carries the reason and the status is QC_API_INCOMPLETE. The report
 * is kept even when an error or a cancellation cut the run short.
 *
 * @return 0;
 *         QC_API_ERR_CANCELLED (qc_session_cancel(): the partial report is kept);
 *         QC_API_ERR_NOMEM;
 *         QC_API_ERR_INVAL (no path, a NULL path, or a session whose open failed).
 */
QC_API int qc_session_inspect(QcSession *s, const char *const *paths, int nb_paths);

/**
 * Asks the run in progress, or the next one, to stop; qc_session_inspect() then returns
 * QC_API_ERR_CANCELLED and clears the request (an HTML qc_session_write_report() stops its
 * pictures and clears it too). Async-signal-safe and thread-safe: it only stores a flag the
 * engine polls. The report records it as an interruption by SIGINT (2),
 * the same as Ctrl-C on the command line.
 */
QC_API void qc_session_cancel(QcSession *s);

/** The message of the last call on @p s that failed, or "". For NULL: "out of memory". */
QC_API const char *qc_session_error(const QcSession *s);

/** Outcome of the last inspection; QC_API_INCOMPLETE before the first. */
QC_API QcApiStatus qc_session_status(const QcSession *s);

/** Findings of severity @p severity in the last inspection; 0 for an unknown severity. */
QC_API int qc_session_count(const QcSession *s, QcApiSeverity severity);

/** Findings of the last inspection, sorted by (composition, track file, start, code, channel). */
QC_API size_t qc_session_finding_count(const QcSession *s);

/**
 * Fills @p out with finding @p i (0 ≤ i < qc_session_finding_count()).
 * @return 0, or QC_API_ERR_INVAL (@p i out of range, @p s or @p out NULL).
 */
QC_API int qc_session_finding(const QcSession *s, size_t i, QcFindingInfo *out);

/** Track files of the last inspection, in report order. */
QC_API size_t qc_session_track_file_count(const QcSession *s);

/**
 * Fills @p out with track file @p i (0 ≤ i < qc_session_track_file_count()).
 * @return 0, or QC_API_ERR_INVAL (@p i out of range, @p s or @p out NULL).
 */
QC_API int qc_session_track_file(const QcSession *s, size_t i, QcTrackFileInfo *out);

/**
 * Fills @p out with metric @p i of track file @p track_file, in report order
 * (0 ≤ i < QcTrackFileInfo.nb_metrics).
 * @return 0, or QC_API_ERR_INVAL (an index out of range, @p s or @p out NULL).
 */
QC_API int qc_session_metric(const QcSession *s, size_t track_file, size_t i, QcMetricInfo *out);

/**
 * Writes the last inspection's report to @p path, in the format its extension names: .json
 * (schema imfqc-report/1), .txt (the text summary) or .html (one self-contained page). For the
 * first HTML report of a run the pictures of video findings and shots are decoded again, which
 * qc_session_cancel() also stops. The file is replaced atomically: a reader sees the old file
 * or the whole new one.
 * @return 0;
 *         QC_API_ERR_INVAL (unknown extension, nothing inspected yet, @p path NULL);
 *         QC_API_ERR_IO (the file cannot be written; qc_session_error() names it);
 *         QC_API_ERR_NOMEM.
 */
QC_API int qc_session_write_report(QcSession *s, const char *path);

/** Frees the session and its report, and sets *@p s to NULL. NULL and *s NULL are no-ops. */
QC_API void qc_session_close(QcSession **s);

#ifdef __cplusplus
}
#endif

#endif
