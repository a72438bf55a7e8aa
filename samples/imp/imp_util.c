// SPDX-License-Identifier: MIT
/* Identifiers, dates and XML helpers shared by the imp writer's files. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "imp.h"
#include "synth_dsp.h"

void qc_imp_uuid(const uint64_t seed, const uint32_t slot, uint8_t out[16])
{
    /* A constant of our own keeps these apart from the track-file writer's UUIDs for the same seed.
     */
    const uint64_t hi = qc_synth_mix64(seed ^ ((uint64_t)slot << 32) ^ 0x494d502d504b4721ull);
    const uint64_t lo = qc_synth_mix64(hi ^ slot);
    for (int i = 0; i < 8; i++) {
        out[i] = (uint8_t)(hi >> (56 - 8 * i));
        out[8 + i] = (uint8_t)(lo >> (56 - 8 * i));
    }
    out[6] = (uint8_t)((out[6] & 0x0f) | 0x40); /* version 4 */
    out[8] = (uint8_t)((out[8] & 0x3f) | 0x80); /* RFC 4122 variant */
}

void qc_imp_uuid_text(const uint8_t id[16], char out[37])
{
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", id[0],
             id[1], id[2], id[3], id[4], id[5], id[6], id[7], id[8], id[9], id[10], id[11], id[12],
             id[13], id[14], id[15]);
}

void qc_imp_urn(const uint8_t id[16], char out[QC_IMP_URN_SIZE])
{
    memcpy(out, "urn:uuid:", 9);
    qc_imp_uuid_text(id, out + 9);
}

static int hex(const int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int qc_imp_urn_parse(const char *text, uint8_t out[16])
{
    while (isspace((unsigned char)*text))
        text++;
    if (strncasecmp(text, "urn:uuid:", 9))
        return -1;
    const char *p = text + 9;
    for (int i = 0; i < 16; i++) {
        if (*p == '-' && (i == 4 || i == 6 || i == 8 || i == 10))
            p++;
        const int a = hex((unsigned char)p[0]), b = a < 0 ? -1 : hex((unsigned char)p[1]);
        if (b < 0)
            return -1;
        out[i] = (uint8_t)(a << 4 | b);
        p += 2;
    }
    while (isspace((unsigned char)*p))
        p++;
    return *p ? -1 : 0;
}

void qc_imp_issue_date(const uint64_t seed, char out[32])
{
    /* Somewhere in 2024, to the second: plausible, and fixed by the seed. */
    const time_t t =
        (time_t)(1704067200 + qc_synth_mix64(seed ^ 0x4953535545ull) % (366u * 86400u));
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
}

xmlNodePtr qc_imp_xml_text(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text)
{
    return xmlNewTextChild(parent, ns, BAD_CAST name, BAD_CAST text);
}

xmlNodePtr qc_imp_xml_int(xmlNodePtr parent, xmlNsPtr ns, const char *name, const int64_t v)
{
    char s[24];
    snprintf(s, sizeof(s), "%" PRId64, v);
    return qc_imp_xml_text(parent, ns, name, s);
}

xmlNodePtr qc_imp_xml_rational(xmlNodePtr parent, xmlNsPtr ns, const char *name,
                               const QcImpRational r)
{
    char s[32];
    snprintf(s, sizeof(s), "%" PRId32 " %" PRId32, r.num, r.den);
    return qc_imp_xml_text(parent, ns, name, s);
}

xmlNodePtr qc_imp_xml_urn(xmlNodePtr parent, xmlNsPtr ns, const char *name, const uint8_t id[16])
{
    char s[QC_IMP_URN_SIZE];
    qc_imp_urn(id, s);
    return qc_imp_xml_text(parent, ns, name, s);
}

int qc_imp_xml_save(xmlDocPtr doc, const char *path)
{
    /* Through memory rather than xmlSaveFile: libxml2 would treat a path as a URI, and a short
     * write must be an error, not a truncated document that looks finished. */
    xmlChar *mem = NULL;
    int n = 0;
    xmlDocDumpFormatMemoryEnc(doc, &mem, &n, "UTF-8", 1);
    if (!mem) {
        fprintf(stderr, "imfqc-synth: %s: out of memory\n", path);
        return -1;
    }
    errno = 0;
    FILE *fp = fopen(path, "wb");
    int e = fp ? 0 : errno ? errno : EIO;
    if (fp && fwrite(mem, 1, (size_t)n, fp) != (size_t)n)
        e = errno ? errno : EIO;
    errno = 0;
    if (fp && fclose(fp) && !e)
        e = errno ? errno : EIO;
    xmlFree(mem);
    if (e)
        fprintf(stderr, "imfqc-synth: %s: %s\n", path, strerror(e));
    return e ? -1 : 0;
}

char *qc_imp_join(const char *a, const char *b)
{
    const size_t na = strlen(a), nb = strlen(b), sep = na && a[na - 1] == '/' ? 0 : 1;
    char *s = malloc(na + sep + nb + 1);
    if (s) {
        memcpy(s, a, na);
        s[na] = '/';
        memcpy(s + na + sep, b, nb + 1);
    }
    return s;
}
