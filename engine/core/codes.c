// SPDX-License-Identifier: MIT
#include "engine/core/codes.h"

#include <string.h>

#define D QC_STAGE_DELIVERY
#define I QC_STAGE_IAAS
#define A QC_STAGE_AQC

static const QcCodeInfo code_table[QC_CODE_COUNT] = {
    [QC_CODE_ASSETMAP_INVALID] = {"ASSETMAP_INVALID", D, "IMF_AM_ERROR", QC_SEV_BLOCKER},
    [QC_CODE_PKL_INVALID] = {"PKL_INVALID", D, "IMF_PKL_ERROR", QC_SEV_BLOCKER},
    [QC_CODE_CPL_INVALID] = {"CPL_INVALID", D, "IMF_CPL_ERROR", QC_SEV_BLOCKER},
    [QC_CODE_ASSET_MISSING] = {"ASSET_MISSING", D, "IMF_PKL_ERROR", QC_SEV_BLOCKER},
    [QC_CODE_ASSET_UNLISTED] = {"ASSET_UNLISTED", D, "IMF_AM_ERROR", QC_SEV_FYI},
    [QC_CODE_ASSET_SIZE_MISMATCH] = {"ASSET_SIZE_MISMATCH", D, "IMF_PKL_ERROR", QC_SEV_BLOCKER},
    [QC_CODE_ASSET_HASH_MISMATCH] = {"ASSET_HASH_MISMATCH", D, "IMF_PKL_ERROR", QC_SEV_BLOCKER},
    [QC_CODE_ASSET_ID_MISMATCH] = {"ASSET_ID_MISMATCH", D, "UUID_ERROR", QC_SEV_BLOCKER},
    [QC_CODE_ASSET_PATH_UNSAFE] = {"ASSET_PATH_UNSAFE", D, "URI_ERROR", QC_SEV_BLOCKER},
    [QC_CODE_TRACK_FILE_UNRESOLVED] = {"TRACK_FILE_UNRESOLVED", D, "IMF_CPL_ERROR", QC_SEV_BLOCKER},
    [QC_CODE_TRACK_DROPPED] = {"TRACK_DROPPED", D, "IMF_CPL_ERROR", QC_SEV_BLOCKER},
    [QC_CODE_CPL_TIMELINE] = {"CPL_TIMELINE", D, "IMF_CPL_ERROR", QC_SEV_BLOCKER},
    [QC_CODE_CPL_CONSTRAINT] = {"CPL_CONSTRAINT", D, "IMF_CORE_CONSTRAINTS_ERROR", QC_SEV_ISSUE},
    [QC_CODE_MXF_INVALID] = {"MXF_INVALID", I, "IMF_ESSENCE_COMPONENT_ERROR", QC_SEV_BLOCKER},
    [QC_CODE_MXF_NOT_IMF] = {"MXF_NOT_IMF", I, "IMF_ESSENCE_COMPONENT_ERROR", QC_SEV_ISSUE},
    [QC_CODE_VIDEO_UNDECODABLE_FRAME] = {"VIDEO_UNDECODABLE_FRAME", I,
                                         "IMF_ESSENCE_COMPONENT_ERROR", QC_SEV_BLOCKER},
    [QC_CODE_VIDEO_CODESTREAM_MISMATCH] = {"VIDEO_CODESTREAM_MISMATCH", I,
                                           "IMF_ESSENCE_COMPONENT_ERROR", QC_SEV_BLOCKER},
    [QC_CODE_VIDEO_PROFILE] = {"VIDEO_PROFILE", I, "IMF_ESSENCE_COMPONENT_ERROR", QC_SEV_ISSUE},
    [QC_CODE_VIDEO_BLACK] = {"VIDEO_BLACK", I, NULL, QC_SEV_ISSUE},
    [QC_CODE_VIDEO_FREEZE] = {"VIDEO_FREEZE", I, NULL, QC_SEV_ISSUE},
    [QC_CODE_AUDIO_TRUNCATED] = {"AUDIO_TRUNCATED", I, "IMF_ESSENCE_COMPONENT_ERROR",
                                 QC_SEV_BLOCKER},
    [QC_CODE_AUDIO_UNDECODABLE] = {"AUDIO_UNDECODABLE", I, "IMF_ESSENCE_COMPONENT_ERROR",
                                   QC_SEV_BLOCKER},
    [QC_CODE_AUDIO_SILENCE] = {"AUDIO_SILENCE", I, NULL, QC_SEV_FYI},
    [QC_CODE_AUDIO_DROPOUT] = {"AUDIO_DROPOUT", I, NULL, QC_SEV_ISSUE},
    [QC_CODE_AUDIO_DIGITAL_HIT] = {"AUDIO_DIGITAL_HIT", I, NULL, QC_SEV_ISSUE},
    [QC_CODE_AUDIO_CLIPPING] = {"AUDIO_CLIPPING", I, NULL, QC_SEV_ISSUE},
    [QC_CODE_AUDIO_DC_OFFSET] = {"AUDIO_DC_OFFSET", I, NULL, QC_SEV_FYI},
    [QC_CODE_AUDIO_PHASE] = {"AUDIO_PHASE", I, NULL, QC_SEV_ISSUE},
    [QC_CODE_AUDIO_CHANNEL_MAPPING] = {"AUDIO_CHANNEL_MAPPING", I, "IMF_ESSENCE_METADATA_ERROR",
                                       QC_SEV_BLOCKER},
    [QC_CODE_AUDIO_LOUDNESS] = {"AUDIO_LOUDNESS", I, NULL, QC_SEV_ISSUE},
    [QC_CODE_AUDIO_TRUE_PEAK] = {"AUDIO_TRUE_PEAK", I, NULL, QC_SEV_FYI},
    [QC_CODE_ESSENCE_DESCRIPTOR_MISMATCH] = {"ESSENCE_DESCRIPTOR_MISMATCH", A, "IMF_CPL_ERROR",
                                             QC_SEV_BLOCKER},
    [QC_CODE_LANGUAGE_MISMATCH] = {"LANGUAGE_MISMATCH", A, "IMF_ESSENCE_METADATA_ERROR",
                                   QC_SEV_BLOCKER},
    [QC_CODE_LANGUAGE_MISSING] = {"LANGUAGE_MISSING", A, "IMF_ESSENCE_METADATA_ERROR",
                                  QC_SEV_ISSUE},
};

const QcCodeInfo *qc_code_info(QcCode code)
{
    if ((unsigned)code >= QC_CODE_COUNT)
        return &code_table[QC_CODE_MXF_INVALID];
    return &code_table[code];
}

int qc_code_from_name(const char *name)
{
    for (int i = 0; i < QC_CODE_COUNT; i++)
        if (!strcmp(code_table[i].name, name))
            return i;
    return -1;
}

static const char *const severity_names[QC_SEV_COUNT] = {"fyi", "issue", "blocker"};

const char *qc_severity_name(QcSeverity s)
{
    return (unsigned)s < QC_SEV_COUNT ? severity_names[s] : "fyi";
}

int qc_severity_from_name(const char *name)
{
    for (int i = 0; i < QC_SEV_COUNT; i++)
        if (!strcmp(severity_names[i], name))
            return i;
    return -1;
}

const char *qc_stage_name(QcStage s)
{
    switch (s) {
    case QC_STAGE_DELIVERY: return "delivery";
    case QC_STAGE_IAAS: return "iaas";
    case QC_STAGE_AQC: return "aqc";
    }
    return "iaas";
}
