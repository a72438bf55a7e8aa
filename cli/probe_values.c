// SPDX-License-Identifier: MIT
/* Property values as JSON, formatted as RegXML writes them (imf-mxf-primer §7.3): ULs, UUIDs
 * and UMIDs as URNs, rationals as "num/den", DataValue as hex; numbers stay numbers. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/probe.h"
#include "engine/mxf/mxf_internal.h"
#include "engine/mxf/ul.h"

static json_t *hex(const uint8_t *p, uint32_t n)
{
    char buf[2 * 256 + 1];
    uint32_t m = n < 256 ? n : 256; /* long blobs are cut: probe is for reading, not dumping */
    for (uint32_t i = 0; i < m; i++)
        snprintf(buf + 2 * i, 3, "%02x", p[i]);
    buf[2 * m] = '\0';
    return json_string(buf);
}

static json_t *urn(const uint8_t *p, QcMxfType t)
{
    char buf[112];
    if (t == QC_MXF_UMID)
        qc_umid_format(p, buf, sizeof(buf));
    else if (t == QC_MXF_UL || t == QC_MXF_UL_BATCH)
        qc_ul_format(p, buf, sizeof(buf));
    else
        qc_uuid_format(p, buf, sizeof(buf));
    return json_string(buf);
}

static json_t *integer(const uint8_t *p, uint32_t n, int is_signed)
{
    uint64_t u = 0;
    for (uint32_t i = 0; i < n; i++)
        u = u << 8 | p[i];
    if (is_signed && n < 8 && (u >> (8 * n - 1) & 1))
        return json_integer((json_int_t)(u - (1ull << (8 * n))));
    return json_integer((json_int_t)u);
}

static json_t *array(const QcMxfProperty *p, QcMxfType item)
{
    if (p->length < 8)
        return NULL;
    uint32_t n = qc_be32(p->value), size = qc_be32(p->value + 4);
    if ((uint64_t)n * size + 8 != p->length || !size)
        return NULL;
    json_t *a = json_array();
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = p->value + 8 + (size_t)i * size;
        if (item == QC_MXF_J2K_SIZING && size == 3)
            json_array_append_new(
                a, json_pack("{s:i, s:i, s:i}", "Ssiz", e[0], "XRSiz", e[1], "YRSiz", e[2]));
        else if (size == 16 || size == 32)
            json_array_append_new(a, urn(e, item));
        else
            json_array_append_new(a, integer(e, size, item == QC_MXF_I32_ARRAY));
    }
    return a;
}

static json_t *text(const QcMxfProperty *p, int utf16)
{
    char buf[1024];
    size_t pos = 0;
    for (uint32_t i = 0; i + (utf16 ? 1u : 0u) < p->length && pos + 4 < sizeof(buf);
         i += utf16 ? 2 : 1) {
        unsigned c = utf16 ? qc_be16(p->value + i) : p->value[i];
        if (!c)
            break;
        if (c < 0x20 || (c >= 0xd800 && c < 0xe000) || (!utf16 && c >= 0x80))
            c = '?';
        if (c < 0x80) {
            buf[pos++] = (char)c;
        } else if (c < 0x800) {
            buf[pos++] = (char)(0xc0 | c >> 6);
            buf[pos++] = (char)(0x80 | (c & 0x3f));
        } else {
            buf[pos++] = (char)(0xe0 | c >> 12);
            buf[pos++] = (char)(0x80 | (c >> 6 & 0x3f));
            buf[pos++] = (char)(0x80 | (c & 0x3f));
        }
    }
    buf[pos] = '\0';
    return json_string(buf);
}

static json_t *rgba_layout(const QcMxfProperty *p)
{
    json_t *a = json_array();
    for (uint32_t i = 0; i + 1 < p->length && p->value[i]; i += 2) {
        char code[8];
        unsigned c = p->value[i];
        snprintf(code, sizeof(code), c >= 0x20 && c < 0x7f ? "%c" : "0x%02x", c);
        json_array_append_new(
            a, json_pack("{s:s, s:i}", "Code", code, "ComponentSize", p->value[i + 1]));
    }
    return a;
}

static json_t *fixed(const QcMxfProperty *p, QcMxfType t)
{
    const uint8_t *v = p->value;
    char buf[64];
    switch (t) {
    case QC_MXF_U8:
    case QC_MXF_U16:
    case QC_MXF_U32:
    case QC_MXF_U64: return p->length <= 8 ? integer(v, p->length, 0) : NULL;
    case QC_MXF_I8:
    case QC_MXF_I16:
    case QC_MXF_I32:
    case QC_MXF_I64: return p->length <= 8 ? integer(v, p->length, 1) : NULL;
    case QC_MXF_BOOL: return p->length == 1 ? json_boolean(v[0]) : NULL;
    case QC_MXF_RATIONAL:
        if (p->length != 8)
            return NULL;
        snprintf(buf, sizeof(buf), "%d/%d", (int32_t)qc_be32(v), (int32_t)qc_be32(v + 4));
        return json_string(buf);
    case QC_MXF_VERSION:
        if (p->length != 2)
            return NULL;
        snprintf(buf, sizeof(buf), "%u.%u", v[0], v[1]);
        return json_string(buf);
    case QC_MXF_TIMESTAMP:
        if (p->length != 8)
            return NULL;
        snprintf(buf, sizeof(buf), "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ", qc_be16(v), v[2], v[3],
                 v[4], v[5], v[6], v[7] * 4u);
        return json_string(buf);
    default: return NULL;
    }
}

json_t *qc_probe_value(const QcMxfProperty *p)
{
    QcMxfType t = p->def ? p->def->type : QC_MXF_BYTES;
    json_t *j = NULL;
    switch (t) {
    case QC_MXF_UUID:
    case QC_MXF_UL:
    case QC_MXF_STRONGREF:
    case QC_MXF_WEAKREF: j = p->length == 16 ? urn(p->value, t) : NULL; break;
    case QC_MXF_UMID: j = p->length == 32 ? urn(p->value, t) : NULL; break;
    case QC_MXF_STRONGREF_ARRAY:
    case QC_MXF_STRONGREF_BATCH:
    case QC_MXF_UUID_ARRAY: j = array(p, QC_MXF_UUID); break;
    case QC_MXF_UL_BATCH:
    case QC_MXF_I32_ARRAY:
    case QC_MXF_U16_ARRAY:
    case QC_MXF_J2K_SIZING: j = array(p, t); break;
    case QC_MXF_UTF16: j = text(p, 1); break;
    case QC_MXF_ISO7: j = text(p, 0); break;
    case QC_MXF_RGBA_LAYOUT: j = rgba_layout(p); break;
    case QC_MXF_BYTES:
    case QC_MXF_XY:
    case QC_MXF_XY3:
    case QC_MXF_J2K_CAP: j = hex(p->value, p->length); break;
    default: j = fixed(p, t); break;
    }
    /* a value whose size does not fit its type is shown raw */
    return j ? j : hex(p->value, p->length);
}
