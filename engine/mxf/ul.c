// SPDX-License-Identifier: MIT
#include "engine/mxf/ul.h"

#include <stdio.h>
#include <string.h>

int qc_ul_prefix(const uint8_t *ul, const uint8_t *prefix, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (i != 7 && ul[i] != prefix[i])
            return 0;
    return 1;
}

int qc_ul_equal(const uint8_t *a, const uint8_t *b)
{
    return qc_ul_prefix(a, b, 16);
}

static void hex_groups(const uint8_t *b, size_t n, char *out, size_t size, const char *prefix)
{
    size_t pos = (size_t)snprintf(out, size, "%s", prefix);
    for (size_t i = 0; i < n && pos + 3 < size; i++) {
        if (i && i % 4 == 0)
            out[pos++] = '.';
        pos += (size_t)snprintf(out + pos, size - pos, "%02x", b[i]);
    }
}

void qc_ul_format(const uint8_t *ul, char *out, size_t size)
{
    hex_groups(ul, 16, out, size, "urn:smpte:ul:");
}

void qc_umid_format(const uint8_t *umid, char *out, size_t size)
{
    hex_groups(umid, 32, out, size, "urn:smpte:umid:");
}

void qc_uuid_format(const uint8_t *u, char *out, size_t size)
{
    snprintf(out, size,
             "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", u[0],
             u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13],
             u[14], u[15]);
}

int qc_uuid_is_nil(const uint8_t *uuid)
{
    static const uint8_t zero[16];
    return !memcmp(uuid, zero, 16);
}
