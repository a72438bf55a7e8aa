// SPDX-License-Identifier: MIT
/*
 * Deliberate codestream damage for decoder-error tests. Each kind breaks a different layer: the main
 * header (nothing can be decoded), the end of the stream (a decoder in strict mode must refuse a frame
 * without EOC), the tile-part framing (a Psot no parser can honour) and the entropy-coded data (which
 * may or may not be detected, as in real transmission damage).
 */
#include <string.h>

#include "mxfw.h"
#include "synth_dsp.h"

#define SOT 0xff90
#define SOD 0xff93

int qc_mxfw_damage_parse(const char *name, QcMxfwDamage *out)
{
    static const char *const names[] = { "header", "truncate", "psot", "garbage" };
    for (int i = 0; i < 4; i++) {
        if (!strcmp(name, names[i])) {
            *out = (QcMxfwDamage)i;
            return 0;
        }
    }
    return QC_MXFW_ERR_INVAL;
}

/* Offset of the first SOT, found by walking the main-header marker segments; 0 if there is none. */
static size_t first_sot(const uint8_t *cs, const size_t size)
{
    size_t at = 2;
    while (at + 4 <= size) {
        const unsigned marker = (unsigned)cs[at] << 8 | cs[at + 1];
        if (marker == SOT)
            return at + 12 <= size ? at : 0;
        const size_t len = (size_t)cs[at + 2] << 8 | cs[at + 3];
        if (len < 2)
            return 0;
        at += 2 + len;
    }
    return 0;
}

/* Offset of the first byte after the first tile-part's SOD; 0 if there is none. */
static size_t tile_data(const uint8_t *cs, const size_t size, const size_t sot)
{
    size_t at = sot + 12;
    while (at + 4 <= size) {
        const unsigned marker = (unsigned)cs[at] << 8 | cs[at + 1];
        if (marker == SOD)
            return at + 2 < size ? at + 2 : 0;
        at += 2 + ((size_t)cs[at + 2] << 8 | cs[at + 3]);
    }
    return 0;
}

int qc_mxfw_damage_apply(uint8_t *cs, size_t *size, const QcMxfwDamage kind, const uint64_t seed)
{
    const size_t n = *size;
    if (n < 4 || cs[0] != 0xff || cs[1] != 0x4f)
        return QC_MXFW_ERR_CODEC;
    const size_t sot = first_sot(cs, n);
    const size_t data = sot ? tile_data(cs, n, sot) : 0;
    if (!data || n < data + 8)
        return QC_MXFW_ERR_CODEC;
    switch (kind) {
    case QC_MXFW_DAMAGE_HEADER:
        memset(cs, 0, sot);
        break;
    case QC_MXFW_DAMAGE_TRUNCATE:
        *size = data + (n - data) * 3 / 5; /* well before EOC, inside the entropy-coded data */
        break;
    case QC_MXFW_DAMAGE_PSOT: {
        const uint64_t psot = 2 * (uint64_t)(n - sot) + 4096;
        const uint32_t v = psot > 0xffffffffu ? 0xffffffffu : (uint32_t)psot;
        cs[sot + 6] = (uint8_t)(v >> 24);
        cs[sot + 7] = (uint8_t)(v >> 16);
        cs[sot + 8] = (uint8_t)(v >> 8);
        cs[sot + 9] = (uint8_t)v;
        break;
    }
    case QC_MXFW_DAMAGE_GARBAGE: {
        /* A quarter of the data from a third of the way in, leaving the last two bytes (EOC) alone. */
        const size_t len = n - 2 - data, from = data + len / 3;
        QcSynthRng rng = { qc_synth_mix64(seed ^ 0x4741524241474500ull) };
        for (size_t i = from; i < from + len / 4; i++)
            cs[i] = (uint8_t)qc_synth_rng_next(&rng);
        break;
    }
    default:
        return QC_MXFW_ERR_INVAL;
    }
    return 0;
}
