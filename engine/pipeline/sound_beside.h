// SPDX-License-Identifier: MIT
/* The sound of a file that also has pictures, inspected on a thread of its own while the picture
 * pipeline runs (design.md §6: audio runs alongside video). */
#ifndef QC_ENGINE_PIPELINE_SOUND_BESIDE_H
#define QC_ENGINE_PIPELINE_SOUND_BESIDE_H

#include "engine/codec/audio_source.h"
#include "engine/pipeline/inspect.h"

typedef struct QcSoundBeside QcSoundBeside;

/**
 * Starts inspecting @p *src (taken over, set to NULL) into track @p t of @p r, which the caller
 * has added and filled as for a sound inspected in turn. The sound writes into a report of its
 * own, merged by qc_sound_beside_finish, so the report and the finding events are those of a run
 * that inspects the pictures first and the sound after them.
 * @return 0 or QC_ERR_NOMEM (then nothing runs and the source is closed)
 */
int qc_sound_beside_start(QcSoundBeside **out, QcAudioSource **src, const QcInspectSettings *s,
                          QcReport *r, int t, QcError *err);

/**
 * @p s for the picture run beside the sound: the same, except that its progress callback also
 * hands on the sound's latest progress, so every callback still runs on the calling thread.
 * With @p b NULL (no sound beside), @p s as it is.
 */
void qc_sound_beside_settings(QcSoundBeside *b, const QcInspectSettings *s, QcInspectSettings *out);

/**
 * Waits for the sound, relaying its progress meanwhile, then moves its track report and findings
 * into @p r and frees @p *b. @return 0, or a fatal error of the sound's run (NOMEM)
 */
int qc_sound_beside_finish(QcSoundBeside **b, QcReport *r, QcError *err);

#endif
