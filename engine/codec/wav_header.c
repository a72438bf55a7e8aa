// SPDX-License-Identifier: MIT
/* The data size a WAVE header declares. libsndfile quietly clamps a truncated file's length to
 * what is present; a master that ends early must be a finding, so we read the declaration. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "engine/codec/audio_source.h"

#define MAX_CHUNKS 4096

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
    return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

int64_t qc_wav_declared_frames(const char *path, int block_align)
{
    if (block_align <= 0)
        return -1;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    unsigned char h[12];
    int64_t result = -1;
    if (fread(h, 1, 12, f) != 12 || memcmp(h + 8, "WAVE", 4) != 0 ||
        (memcmp(h, "RIFF", 4) != 0 && memcmp(h, "RF64", 4) != 0))
        goto done;
    int rf64 = !memcmp(h, "RF64", 4);
    uint64_t ds64_data = 0;
    for (int n = 0; n < MAX_CHUNKS; n++) {
        unsigned char c[8];
        if (fread(c, 1, 8, f) != 8)
            break;
        uint64_t size = le32(c + 4);
        if (!memcmp(c, "ds64", 4) && rf64 && size >= 24) {
            unsigned char d[24];
            if (fread(d, 1, 24, f) != 24)
                break;
            ds64_data = le64(d + 8);
            size -= 24;
        } else if (!memcmp(c, "data", 4)) {
            if (size == 0xFFFFFFFFu && rf64)
                size = ds64_data;
            /* 0 and 0xFFFFFFFF are what streaming writers leave: the length is unknown */
            if (size != 0 && size != 0xFFFFFFFFu)
                result = (int64_t)(size / (uint64_t)block_align);
            break;
        }
        if (fseeko(f, (off_t)(size + (size & 1)), SEEK_CUR) != 0)
            break;
    }
done:
    fclose(f);
    return result;
}
