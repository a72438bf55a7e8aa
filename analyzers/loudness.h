// SPDX-License-Identifier: MIT
/* What the loudness analyzer shares with the timeline checks, which measure a composition's
 * loudness as it plays across resources. */
#ifndef QC_ANALYZERS_LOUDNESS_H
#define QC_ANALYZERS_LOUDNESS_H

#include "engine/core/track.h"

/** The libebur128 channel type (BS.1770 weighting) of a loudspeaker label. */
int qc_loudness_ebur128_channel(QcChannelLabel l);

#endif
