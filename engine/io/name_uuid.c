// SPDX-License-Identifier: MIT
#include "engine/io/name_uuid.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "engine/core/error.h"

/* our own namespace UUID, so ids never collide with other name-based schemes */
static const unsigned char ns_imfqc[16] = {0x5b, 0x0c, 0x9e, 0x3a, 0x71, 0x24, 0x4f, 0x1d,
                                           0x9a, 0x47, 0x2e, 0x61, 0xc3, 0x08, 0xd5, 0x6f};

int qc_name_uuid(const char *name, char *out, unsigned size)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx)
        return QC_ERR_NOMEM;
    int ok = EVP_DigestInit_ex(ctx, EVP_sha1(), NULL) &&
             EVP_DigestUpdate(ctx, ns_imfqc, sizeof(ns_imfqc)) &&
             EVP_DigestUpdate(ctx, name, strlen(name)) && EVP_DigestFinal_ex(ctx, md, &len);
    EVP_MD_CTX_free(ctx);
    if (!ok || len < 16 || size < 46)
        return QC_ERR_INTERNAL;
    md[6] = (unsigned char)((md[6] & 0x0f) | 0x50);
    md[8] = (unsigned char)((md[8] & 0x3f) | 0x80);
    snprintf(out, size,
             "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", md[0],
             md[1], md[2], md[3], md[4], md[5], md[6], md[7], md[8], md[9], md[10], md[11], md[12],
             md[13], md[14], md[15]);
    return 0;
}
