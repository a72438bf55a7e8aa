// SPDX-License-Identifier: MIT
/* The WAVE header walk must stay inside the file for any chunk sizes. */
#include "engine/codec/audio_source.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, ".wav");
    if (path) {
        int align = size ? 1 + data[0] % 24 : 6;
        int64_t frames = qc_wav_declared_frames(path, align);
        if (frames < -1)
            abort();
    }
    return 0;
}
