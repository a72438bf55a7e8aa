// SPDX-License-Identifier: MIT
/**
 * @file profile.h
 * Profiles: thresholds (analyzer options) and severities, by name or from a JSON file.
 *
 * JSON form:
 * {"name": "house", "base": "default",
 *  "analyzers": {"silence": {"threshold_dbfs": -55}, "loudness": {"target_lufs": -23}},
 *  "severity": {"AUDIO_DC_OFFSET": "issue"},
 *  "max_findings_per_code": 200}
 */
#ifndef QC_ENGINE_CORE_PROFILE_H
#define QC_ENGINE_CORE_PROFILE_H

#include "engine/core/codes.h"
#include "engine/core/error.h"

#define QC_PROFILE_MAX_OVERRIDES 128

typedef struct QcProfileOverride {
    char analyzer[32];
    char option[48];
    double value;
} QcProfileOverride;

typedef struct QcProfile {
    char name[64];
    int nb_overrides;
    QcProfileOverride overrides[QC_PROFILE_MAX_OVERRIDES];
    int severity[QC_CODE_COUNT]; ///< forced QcSeverity, or -1 to keep the analyzer's
    int max_findings_per_code;   ///< per track file; later ones are counted, not listed
} QcProfile;

/** Names of the built-in profiles, NULL-terminated. */
extern const char *const qc_profile_builtin_names[];

/**
 * Loads a built-in profile (@p name is one of qc_profile_builtin_names) or, failing that, the
 * JSON file at @p name.
 * @return 0, QC_ERR_INVAL (unknown name, malformed JSON, bad value: @p err says where),
 *         QC_ERR_IO (file unreadable).
 */
int qc_profile_load(QcProfile *p, const char *name, QcError *err);

/** Adds or replaces one option override. @return 0 or QC_ERR_LIMIT. */
int qc_profile_set(QcProfile *p, const char *analyzer, const char *option, double value);

#endif
