// SPDX-License-Identifier: MIT
/* Per-frame byte budgets (qc-domain §2.6): the IMF sublevel's Mbit/s (OpenJPEG
 * OPJ_IMF_SUBLEVEL_*_MBITSSEC) or the Broadcast Contribution level's, spread over the frames of
 * one second and rounded down, as opj_compress sizes its codestreams. */
#include "engine/codec/j2k/j2k_internal.h"

/* Mbit/s of Broadcast Contribution levels 1..7; 0 = no cap (level 7 is reversible) */
static const unsigned broadcast_mbits[8] = {0, 200, 200, 200, 400, 800, 1600, 0};

static unsigned budget_mbits(const uint16_t rsiz)
{
    const unsigned profile = rsiz & 0xff00u;
    if (profile >= 0x0400 && profile <= 0x0900) {
        const unsigned sub = (rsiz >> 4) & 0xf;
        /* sublevel S allows 200 · 2^(S-1) Mbit/s; sublevel 0 has no cap */
        return sub >= 1 && sub <= 9 ? 200u << (sub - 1) : 0;
    }
    if (profile >= 0x0100 && profile <= 0x0300 && !(rsiz & 0x00f0)) {
        const unsigned level = rsiz & 0xf;
        /* levels 6 and 7 exist only in the multi-tile reversible profile */
        if (level > 7 || (level > 5 && profile != 0x0300))
            return 0;
        return broadcast_mbits[level];
    }
    return 0;
}

int64_t qc_j2k_frame_budget(const uint16_t rsiz, const int32_t rate_num, const int32_t rate_den)
{
    const unsigned mbits = budget_mbits(rsiz);
    if (!mbits || rate_num <= 0 || rate_den <= 0)
        return -1;
    /* 51200 Mbit/s / 8 · (2^31 - 1) stays below 2^64 */
    const uint64_t bytes_per_second = (uint64_t)mbits * 1000000u / 8u;
    const uint64_t budget = bytes_per_second * (uint64_t)rate_den / (uint64_t)rate_num;
    return budget > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)budget;
}
