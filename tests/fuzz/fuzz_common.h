// SPDX-License-Identifier: MIT
/* libFuzzer targets hand the engine files, as a user would: the bytes go to a private file. */
#ifndef QC_TESTS_FUZZ_FUZZ_COMMON_H
#define QC_TESTS_FUZZ_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Writes @p data to a per-process scratch file and returns its path, or NULL. */
static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *ext)
{
    static char path[64];
    snprintf(path, sizeof(path), "/tmp/imfqc-fuzz-%d%s", (int)getpid(), ext);
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    size_t n = fwrite(data, 1, size, f);
    fclose(f);
    return n == size ? path : NULL;
}

#endif
