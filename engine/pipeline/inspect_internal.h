// SPDX-License-Identifier: MIT
/* Shared between the inspection driver and its per-media runners. */
#ifndef QC_ENGINE_PIPELINE_INSPECT_INTERNAL_H
#define QC_ENGINE_PIPELINE_INSPECT_INTERNAL_H

#include "engine/codec/audio_source.h"
#include "engine/pipeline/inspect.h"

/** Runs the selected audio analyzers over @p src into track @p t of @p r.
 *  @return 0, QC_ERR_CANCELLED (partial results kept), or a fatal error (NOMEM). */
int qc_inspect_audio_track(QcAudioSource *src, const QcInspectSettings *s, QcReport *r, int t,
                           QcError *err);

int qc_inspect_selected(const QcInspectSettings *s, const QcAnalyzer *a);
int qc_inspect_apply_options(const QcInspectSettings *s, const QcAnalyzer *a, void *priv,
                             QcError *err);

#endif
