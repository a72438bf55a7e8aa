// SPDX-License-Identifier: MIT
/* RegXML values (ST 2001-1 rules 4 and 5, imf-mxf-primer §7.3): each property's bytes as the
 * text, records, arrays or nested sets regxmllib writes for its type.
 *
 * Values are read like a stream, as regxmllib reads them, because damaged values must come out
 * the same way too: integers and enumerations take what is there ("NaN" or "ERROR" when
 * nothing is), every other fixed-size type that runs out stops the property with the comment
 * "Value too short". Only the bytes a type needs are consumed; extra bytes are ignored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/imf/regxml_internal.h"
#include "engine/mxf/mxf_internal.h"
#include "engine/mxf/ul.h"

typedef struct Reader {
    const uint8_t *p;
    uint32_t n, pos;
    int eof; ///< a fixed-size read ran past the end: the property stops here
} Reader;

static uint32_t left(const Reader *r)
{
    return r->eof ? 0 : r->n - r->pos;
}

static const uint8_t *take(Reader *r, const uint32_t k)
{
    if (left(r) < k) {
        r->eof = 1;
        return NULL;
    }
    const uint8_t *at = r->p + r->pos;
    r->pos += k;
    return at;
}

static void integer(QcRegxml *x, xmlNodePtr e, Reader *r, const unsigned size, const int is_signed)
{
    if (!e)
        return;
    uint8_t b[8] = {0};
    const unsigned got = left(r) < size ? left(r) : size;
    if (!got) {
        qc_regxml_text(x, e, "NaN");
        qc_regxml_comment(x, e, "No data");
        return;
    }
    memcpy(b, r->p + r->pos, got);
    r->pos += got;
    /* a short value is read into the high bytes, the rest zero, as a stream read leaves it */
    uint64_t u = 0;
    for (unsigned i = 0; i < size; i++)
        u = u << 8 | b[i];
    char text[64];
    if (is_signed && size < 8 && (u >> (8 * size - 1) & 1))
        snprintf(text, sizeof(text), "%lld", (long long)u - (long long)(1ull << (8 * size)));
    else if (is_signed)
        snprintf(text, sizeof(text), "%lld", (long long)u);
    else
        snprintf(text, sizeof(text), "%llu", (unsigned long long)u);
    qc_regxml_text(x, e, text);
    if (got < size) {
        snprintf(text, sizeof(text), "Incorrect field length: expected %u and parsed %u.", size,
                 got);
        qc_regxml_comment(x, e, text);
    }
}

/* A UInt8 enumeration: the register's name, "UNDEFINED" for a value it does not name, "ERROR"
 * when there is no byte (regxmllib's comments on those are overwritten by the text). */
static void named(QcRegxml *x, xmlNodePtr e, Reader *r, const QcMxfEnum en, const int boolean)
{
    if (!e)
        return;
    if (!left(r)) {
        qc_regxml_text(x, e, "ERROR");
        return;
    }
    const uint8_t v = r->p[r->pos++];
    const char *name = boolean ? (v ? "True" : "False") : qc_mxf_enum_name(en, v);
    qc_regxml_text(x, e, name ? name : "UNDEFINED");
}

/* Is @p c written as itself? Otherwise "$#xHH;" (ST 2001-1). U+FFFE and U+FFFF are escaped too,
 * which regxmllib does not do, because no XML document may contain them. */
static int plain(const uint32_t c)
{
    return (c == 0x09 || c == 0x0a || (c >= 0x20 && c <= 0x23) || c >= 0x25) && c != 0xfffe &&
           c != 0xffff;
}

static size_t put_utf8(char *o, const uint32_t c)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xc0 | c >> 6);
        o[1] = (char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xe0 | c >> 12);
        o[1] = (char)(0x80 | (c >> 6 & 0x3f));
        o[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    o[0] = (char)(0xf0 | c >> 18);
    o[1] = (char)(0x80 | (c >> 12 & 0x3f));
    o[2] = (char)(0x80 | (c >> 6 & 0x3f));
    o[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

/* The next character of a UTF-16BE or 7-bit value, decoded as Java's readers do: what is not
 * a character (a lone surrogate, an odd last byte, a byte above 0x7f) becomes U+FFFD. */
static uint32_t next_char(const uint8_t *p, const uint32_t n, uint32_t *i, const int utf16)
{
    if (!utf16) {
        const uint8_t b = p[(*i)++];
        return b < 0x80 ? b : 0xfffd;
    }
    if (n - *i < 2) {
        *i = n;
        return 0xfffd;
    }
    const uint32_t u = qc_be16(p + *i);
    *i += 2;
    if (u >= 0xd800 && u < 0xdc00 && n - *i >= 2) {
        const uint32_t lo = qc_be16(p + *i);
        if (lo >= 0xdc00 && lo < 0xe000) {
            *i += 2;
            return 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
        }
    }
    return u >= 0xd800 && u < 0xe000 ? 0xfffd : u;
}

/* Strings end at the first NUL; characters XML cannot carry are escaped and the element says so
 * with escape="true". */
static void string(QcRegxml *x, xmlNodePtr e, const uint8_t *p, const uint32_t n, const int utf16)
{
    char *text = malloc(8 * (size_t)n + 1); /* "$#xffff;" is the longest a code unit gets */
    if (!text) {
        x->oom = 1;
        return;
    }
    size_t pos = 0;
    int escaped = 0;
    for (uint32_t i = 0; i < n;) {
        const uint32_t c = next_char(p, n, &i, utf16);
        if (!c)
            break;
        if (plain(c)) {
            pos += put_utf8(text + pos, c);
        } else {
            pos += (size_t)snprintf(text + pos, 9, "$#x%x;", (unsigned)c);
            escaped = 1;
        }
    }
    text[pos] = '\0';
    if (pos)
        qc_regxml_text(x, e, text);
    free(text);
    xmlNsPtr base = escaped ? qc_regxml_baseline(x) : NULL;
    if (base && !xmlNewNsProp(e, base, BAD_CAST "escape", BAD_CAST "true"))
        x->oom = 1;
}

static void hex(QcRegxml *x, xmlNodePtr e, const uint8_t *p, const uint32_t n)
{
    static const char digits[] = "0123456789abcdef";
    char *text = malloc(2 * (size_t)n + 1);
    if (!text) {
        x->oom = 1;
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        text[2 * i] = digits[p[i] >> 4];
        text[2 * i + 1] = digits[p[i] & 15];
    }
    text[2 * n] = '\0';
    if (n)
        qc_regxml_text(x, e, text);
    free(text);
}

/* 16-byte identifiers: the UUID form, the UL form, or the AUID rule (UL unless the high bit
 * says the bytes are a half-swapped UUID). */
enum { ID_UUID, ID_UL, ID_AUID };

static void identifier(QcRegxml *x, xmlNodePtr e, Reader *r, const int form)
{
    const uint8_t *b = take(r, 16);
    char text[64];
    if (!b || !e)
        return;
    if (form == ID_UUID)
        qc_uuid_format(b, text, sizeof(text));
    else if (form == ID_UL)
        qc_ul_format(b, text, sizeof(text));
    else
        qc_regxml_auid(b, text, sizeof(text));
    qc_regxml_text(x, e, text);
}

static xmlNodePtr member(QcRegxml *x, xmlNodePtr parent, const char *name)
{
    return parent ? qc_regxml_child(x, parent, x->ns_type, name, NULL) : NULL;
}

/* Variable arrays and sets: UInt32 count, UInt32 item size, items. regxmllib steps through the
 * count with the size of the item type and ignores the declared size; so does this. Items made
 * of integers stop where the value ends (regxmllib would go on writing "NaN" up to the count),
 * which keeps a hostile count from growing the tree. */
static void array(QcRegxml *x, xmlNodePtr e, Reader *r, const QcMxfType t)
{
    const uint8_t *h = take(r, 8);
    if (!h)
        return;
    const uint32_t count = qc_be32(h);
    for (uint32_t i = 0; i < count && !r->eof && !x->oom; i++) {
        if (t == QC_MXF_STRONGREF_ARRAY || t == QC_MXF_STRONGREF_BATCH) {
            const uint8_t *uid = take(r, 16);
            if (uid)
                qc_regxml_reference(x, e, uid);
        } else if (t == QC_MXF_UL_BATCH || t == QC_MXF_UUID_ARRAY) {
            if (left(r) >= 16)
                identifier(x, member(x, e, t == QC_MXF_UL_BATCH ? "AUID" : "UUID"), r,
                           t == QC_MXF_UL_BATCH ? ID_AUID : ID_UUID);
            else
                r->eof = 1;
        } else if (!left(r)) {
            r->eof = 1;
        } else if (t == QC_MXF_I32_ARRAY) {
            integer(x, member(x, e, "Int32"), r, 4, 1);
        } else if (t == QC_MXF_U16_ARRAY) {
            integer(x, member(x, e, "UInt16"), r, 2, 0);
        } else { /* J2K_SIZING */
            xmlNodePtr s = member(x, e, "J2KComponentSizing");
            integer(x, member(x, s, "Ssiz"), r, 1, 0);
            integer(x, member(x, s, "XRSiz"), r, 1, 0);
            integer(x, member(x, s, "YRSiz"), r, 1, 0);
        }
    }
}

/* RGBALayout is a fixed array: all eight entries are written, the CompNull ones included. */
static void rgba_layout(QcRegxml *x, xmlNodePtr e, Reader *r)
{
    for (int i = 0; i < 8; i++) {
        xmlNodePtr c = member(x, e, "RGBAComponent");
        named(x, member(x, c, "Code"), r, QC_MXF_ENUM_RGBA_COMPONENT, 0);
        integer(x, member(x, c, "ComponentSize"), r, 1, 0);
    }
}

static void color_primary(QcRegxml *x, xmlNodePtr e, Reader *r)
{
    integer(x, member(x, e, "X"), r, 2, 0);
    integer(x, member(x, e, "Y"), r, 2, 0);
}

static void j2k_capabilities(QcRegxml *x, xmlNodePtr e, Reader *r)
{
    integer(x, member(x, e, "Pcap"), r, 4, 0);
    if (left(r) < 8) { /* the Ccapi array header: its element is not written without it */
        r->eof = 1;
        return;
    }
    array(x, member(x, e, "Ccapi"), r, QC_MXF_U16_ARRAY);
}

static void fixed_text(QcRegxml *x, xmlNodePtr e, Reader *r, const QcMxfType t)
{
    static const uint8_t size[] = {
        [QC_MXF_RATIONAL] = 8, [QC_MXF_TIMESTAMP] = 8, [QC_MXF_VERSION] = 2, [QC_MXF_UMID] = 32};
    const uint8_t *v = take(r, size[t]);
    char text[112];
    if (!v)
        return;
    if (t == QC_MXF_RATIONAL) {
        snprintf(text, sizeof(text), "%d/%d", (int32_t)qc_be32(v), (int32_t)qc_be32(v + 4));
    } else if (t == QC_MXF_VERSION) {
        snprintf(text, sizeof(text), "%u.%u", v[0], v[1]);
    } else if (t == QC_MXF_UMID) {
        qc_umid_format(v, text, sizeof(text));
    } else {
        int n = snprintf(text, sizeof(text), "%04u-%02u-%02uT%02u:%02u:%02u", qc_be16(v), v[2],
                         v[3], v[4], v[5], v[6]);
        /* the last byte counts quarter milliseconds; a whole second has no fraction */
        if (v[7])
            n += snprintf(text + n, sizeof(text) - (size_t)n, ".%03u", v[7] * 4u);
        snprintf(text + n, sizeof(text) - (size_t)n, "Z");
    }
    qc_regxml_text(x, e, text);
}

void qc_regxml_value(QcRegxml *x, xmlNodePtr e, const QcMxfProperty *p)
{
    Reader r = {p->value, p->length, 0, 0};
    const QcMxfType t = p->def->type;
    const QcMxfEnum en = qc_mxf_prop_enum(p->def);
    switch (t) {
    case QC_MXF_U8:
        if (en != QC_MXF_ENUM_NONE)
            named(x, e, &r, en, 0);
        else
            integer(x, e, &r, 1, 0);
        break;
    case QC_MXF_U16: integer(x, e, &r, 2, 0); break;
    case QC_MXF_U32: integer(x, e, &r, 4, 0); break;
    case QC_MXF_U64: integer(x, e, &r, 8, 0); break;
    case QC_MXF_I8: integer(x, e, &r, 1, 1); break;
    case QC_MXF_I16: integer(x, e, &r, 2, 1); break;
    case QC_MXF_I32: integer(x, e, &r, 4, 1); break;
    case QC_MXF_I64: integer(x, e, &r, 8, 1); break;
    case QC_MXF_BOOL: named(x, e, &r, QC_MXF_ENUM_NONE, 1); break;
    case QC_MXF_RATIONAL:
    case QC_MXF_TIMESTAMP:
    case QC_MXF_VERSION:
    case QC_MXF_UMID: fixed_text(x, e, &r, t); break;
    /* InstanceID, link IDs and GenerationUID (which regxmllib also writes as a UUID) */
    case QC_MXF_UUID: identifier(x, e, &r, ID_UUID); break;
    /* extendible enumerations are written as ULs; AUIDs and weak references to definitions
     * (ContainerFormat, Codec, DataDefinition) by the AUID rule */
    case QC_MXF_UL: identifier(x, e, &r, en == QC_MXF_ENUM_EXTENDIBLE ? ID_UL : ID_AUID); break;
    /* the only weak reference in the dictionary, PrimaryPackage, never hangs off a descriptor;
     * its target's InstanceUID is written as it is */
    case QC_MXF_WEAKREF: identifier(x, e, &r, ID_UUID); break;
    case QC_MXF_STRONGREF:
        if (take(&r, 16))
            qc_regxml_reference(x, e, p->value);
        break;
    case QC_MXF_STRONGREF_ARRAY:
    case QC_MXF_STRONGREF_BATCH:
    case QC_MXF_UL_BATCH:
    case QC_MXF_UUID_ARRAY:
    case QC_MXF_I32_ARRAY:
    case QC_MXF_U16_ARRAY:
    case QC_MXF_J2K_SIZING: array(x, e, &r, t); break;
    case QC_MXF_UTF16: string(x, e, p->value, p->length, 1); break;
    case QC_MXF_ISO7: string(x, e, p->value, p->length, 0); break;
    case QC_MXF_RGBA_LAYOUT: rgba_layout(x, e, &r); break;
    case QC_MXF_XY: color_primary(x, e, &r); break;
    case QC_MXF_XY3:
        for (int i = 0; i < 3; i++)
            color_primary(x, member(x, e, "ColorPrimary"), &r);
        break;
    case QC_MXF_J2K_CAP: j2k_capabilities(x, e, &r); break;
    case QC_MXF_BYTES: hex(x, e, p->value, p->length); break;
    }
    if (r.eof)
        qc_regxml_comment(x, e, "Value too short");
}
