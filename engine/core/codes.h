// SPDX-License-Identifier: MIT
/**
 * @file codes.h
 * The finding codes of design.md §9: one table gives each code its stage, family and default
 * severity, so the contract lives in one place.
 */
#ifndef QC_ENGINE_CORE_CODES_H
#define QC_ENGINE_CORE_CODES_H

typedef enum QcSeverity {
    QC_SEV_FYI = 0,
    QC_SEV_ISSUE = 1,
    QC_SEV_BLOCKER = 2,
} QcSeverity;

#define QC_SEV_COUNT 3

typedef enum QcStage {
    QC_STAGE_DELIVERY, ///< package, hashes, paths
    QC_STAGE_IAAS,     ///< essence inspection
    QC_STAGE_AQC,      ///< automated QC (descriptors, languages)
} QcStage;

typedef enum QcCode {
    QC_CODE_ASSETMAP_INVALID,
    QC_CODE_PKL_INVALID,
    QC_CODE_CPL_INVALID,
    QC_CODE_ASSET_MISSING,
    QC_CODE_ASSET_UNLISTED,
    QC_CODE_ASSET_SIZE_MISMATCH,
    QC_CODE_ASSET_HASH_MISMATCH,
    QC_CODE_ASSET_ID_MISMATCH,
    QC_CODE_ASSET_PATH_UNSAFE,
    QC_CODE_TRACK_FILE_UNRESOLVED,
    QC_CODE_TRACK_DROPPED,
    QC_CODE_CPL_TIMELINE,
    QC_CODE_CPL_CONSTRAINT,
    QC_CODE_MXF_INVALID,
    QC_CODE_MXF_NOT_IMF,
    QC_CODE_VIDEO_UNDECODABLE_FRAME,
    QC_CODE_VIDEO_CODESTREAM_MISMATCH,
    QC_CODE_VIDEO_PROFILE,
    QC_CODE_VIDEO_BLACK,
    QC_CODE_VIDEO_FREEZE,
    QC_CODE_AUDIO_TRUNCATED,
    QC_CODE_AUDIO_UNDECODABLE,
    QC_CODE_AUDIO_SILENCE,
    QC_CODE_AUDIO_DROPOUT,
    QC_CODE_AUDIO_DIGITAL_HIT,
    QC_CODE_AUDIO_CLIPPING,
    QC_CODE_AUDIO_DC_OFFSET,
    QC_CODE_AUDIO_PHASE,
    QC_CODE_AUDIO_CHANNEL_MAPPING,
    QC_CODE_AUDIO_LOUDNESS,
    QC_CODE_AUDIO_TRUE_PEAK,
    QC_CODE_ESSENCE_DESCRIPTOR_MISMATCH,
    QC_CODE_LANGUAGE_MISMATCH,
    QC_CODE_LANGUAGE_MISSING,
    QC_CODE_COUNT
} QcCode;

typedef struct QcCodeInfo {
    const char *name; ///< "AUDIO_SILENCE"
    QcStage stage;
    const char *family;  ///< Netflix-style family, or NULL
    QcSeverity severity; ///< default severity (analyzers may escalate per design.md §9)
} QcCodeInfo;

/** Table entry of @p code (never NULL for a valid code). */
const QcCodeInfo *qc_code_info(QcCode code);

/** Code by name; returns -1 when unknown. */
int qc_code_from_name(const char *name);

const char *qc_severity_name(QcSeverity s);

/** Severity by name ("fyi", "issue", "blocker"); returns -1 when unknown. */
int qc_severity_from_name(const char *name);

const char *qc_stage_name(QcStage s);

#endif
