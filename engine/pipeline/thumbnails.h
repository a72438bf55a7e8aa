// SPDX-License-Identifier: MIT
/**
 * @file thumbnails.h
 * Pictures for the HTML report: the frames where video findings are, and the first frame of
 * each new shot. They are decoded again after the inspection, at reduced resolution and only
 * for reports people open, so the inspection itself still decodes every frame once.
 */
#ifndef QC_ENGINE_PIPELINE_THUMBNAILS_H
#define QC_ENGINE_PIPELINE_THUMBNAILS_H

#include <signal.h>

#include "engine/core/error.h"
#include "engine/core/report.h"

typedef struct QcThumbnailSettings {
    int max_findings;  ///< finding frames per track file (the first ones in time)
    int max_scenes;    ///< shot-strip frames per track file (spread over the shot list)
    int finding_width; ///< pixels
    int scene_width;   ///< pixels
    const volatile sig_atomic_t *cancel; ///< stop early when set, may be NULL
} QcThumbnailSettings;

/** 24 finding frames 320 pixels wide, 48 shots 160 pixels wide. */
void qc_thumbnail_default_settings(QcThumbnailSettings *s);

/**
 * Adds thumbnails to @p r for every picture track file that was inspected (JPEG 2000 MXF
 * through the engine's reader, anything else through FFmpeg, seeking by frame rate). A frame
 * that cannot be read or decoded gets an entry without a picture.
 * @return 0 or QC_ERR_NOMEM (what was gathered stays in the report)
 */
int qc_report_add_thumbnails(QcReport *r, const QcThumbnailSettings *s, QcError *err);

#endif
