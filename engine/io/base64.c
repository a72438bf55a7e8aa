// SPDX-License-Identifier: MIT
#include "engine/io/base64.h"

#include <openssl/evp.h>
#include <stdlib.h>

char *qc_base64(const uint8_t *data, size_t n)
{
    if (n > (size_t)1 << 30)
        return NULL;
    char *out = malloc(4 * ((n + 2) / 3) + 1);
    if (out)
        EVP_EncodeBlock((unsigned char *)out, data, (int)n);
    return out;
}
