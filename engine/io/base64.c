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

int qc_base64_decode(const char *text, size_t len, uint8_t **out, size_t *n)
{
    *out = NULL;
    if (len % 4 || len > (size_t)1 << 30)
        return -1;
    uint8_t *buf = malloc(len / 4 * 3 + 1);
    if (!buf)
        return -1;
    int got = EVP_DecodeBlock(buf, (const unsigned char *)text, (int)len);
    if (got < 0) {
        free(buf);
        return -1;
    }
    /* EVP_DecodeBlock counts padding as zero bytes */
    size_t pad = len && text[len - 1] == '=' ? 1 + (len > 1 && text[len - 2] == '=') : 0;
    *out = buf;
    *n = (size_t)got - pad;
    return 0;
}
