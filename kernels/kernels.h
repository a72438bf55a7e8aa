// SPDX-License-Identifier: MIT
/**
 * @file
 * Convenience header: CPU flags and every kernel family.
 */
#ifndef QC_KERNELS_KERNELS_H
#define QC_KERNELS_KERNELS_H

#include "kernels/corr.h"
#include "kernels/cpu.h"
#include "kernels/discont.h"
#include "kernels/level.h"
#include "kernels/pcm.h"
#include "kernels/picture.h"
#include "kernels/truepeak.h"
#include "kernels/zerorun.h"

#endif // QC_KERNELS_KERNELS_H
