// SPDX-License-Identifier: MIT
/**
 * @file profile.h
 * Profiles: thresholds (analyzer options) and severities, by name or from a JSON file.
 *
 * JSON form (every key optional, no other key allowed):
 * {"name": "house", "description": "what it is for", "base": "default",
 *  "analyzers": {"silence": {"threshold_dbfs": -55}, "loudness": {"target_lufs": -23}},
 *  "severity": {"AUDIO_DC_OFFSET": "issue"},
 *  "max_findings_per_code": 200}
 *
 * Loading checks the shape, the codes and the severities; analyzer and option names and option
 * ranges belong to the analyzers, so qc_inspect_validate() checks those. Every error message
 * starts with the file and the key path ("house.json: severity.AUDIO_FOO: …").
 */
#ifndef QC_ENGINE_CORE_PROFILE_H
#define QC_ENGINE_CORE_PROFILE_H

#include <stddef.h>

#include "engine/core/codes.h"
#include "engine/core/error.h"

#define QC_PROFILE_MAX_OVERRIDES 128
#define QC_PROFILE_MAX_ANALYZERS 64

typedef struct QcProfileOverride {
    char analyzer[32];
    char option[48];
    double value;
    int boolean; ///< the file said true or false (only a boolean option takes that)
} QcProfileOverride;

typedef struct QcProfile {
    char name[64];
    char source[256]; ///< the file it was read from, as given; "" for a built-in profile
    int nb_overrides;
    QcProfileOverride overrides[QC_PROFILE_MAX_OVERRIDES];
    int nb_analyzers;
    char analyzers[QC_PROFILE_MAX_ANALYZERS][32]; ///< every analyzer the file names, even bare
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

/** What error messages about @p p start with: its file, or "profile NAME" for a built-in. */
const char *qc_profile_where(const QcProfile *p, char *buf, size_t size);

#endif
