// SPDX-License-Identifier: MIT
#include "engine/imf/xml.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/core/error.h"

/* No external entity, DTD or schema is ever fetched, whatever a document asks for. */
static xmlParserInputPtr refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

static void install_loader(void)
{
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_entity);
}

typedef struct RefuseState {
    int doctype;
    long line;
} RefuseState;

static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
    (void)name;
    (void)eid;
    (void)sid;
    xmlParserCtxtPtr ctxt = ctx;
    RefuseState *st = ctxt->_private;
    st->doctype = 1;
    st->line = xmlSAX2GetLineNumber(ctxt);
    xmlStopParser(ctxt);
}

int qc_xml_parse(const char *data, size_t size, const char *name, xmlDocPtr *doc, char *why,
                 size_t why_size)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install_loader);
    *doc = NULL;
    if (size > QC_XML_MAX_BYTES) {
        snprintf(why, why_size, "%zu bytes, more than the %d MiB an IMF XML document may have",
                 size, QC_XML_MAX_BYTES >> 20);
        return 1;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return QC_ERR_NOMEM;
    RefuseState st = {0, 0};
    ctxt->_private = &st;
    ctxt->sax->internalSubset = refuse_doctype;
    /* NONET and no NOENT/DTDLOAD: nothing is fetched and no entity is substituted; errors are
     * collected here instead of printed */
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
    xmlDocPtr d = xmlCtxtReadMemory(ctxt, data, (int)size, name, NULL, opts);
    int ret = 0;
    if (st.doctype) {
        snprintf(why, why_size, "line %ld: a DOCTYPE is not allowed in IMF XML (refused unread)",
                 st.line);
        ret = 1;
    } else if (!d || !ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        char msg[256] = "not well-formed XML";
        if (e && e->message) {
            snprintf(msg, sizeof(msg), "%s", e->message);
            size_t n = strlen(msg);
            while (n && isspace((unsigned char)msg[n - 1]))
                msg[--n] = 0;
        }
        snprintf(why, why_size, "line %d: %s", e ? e->line : 0, msg);
        ret = 1;
    } else if (!xmlDocGetRootElement(d)) {
        snprintf(why, why_size, "no root element");
        ret = 1;
    }
    xmlFreeParserCtxt(ctxt);
    if (ret)
        xmlFreeDoc(d);
    else
        *doc = d;
    return ret;
}

int qc_xml_read(const char *path, xmlDocPtr *doc, char *why, size_t why_size)
{
    *doc = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        snprintf(why, why_size, "cannot be read: %s", fd < 0 ? strerror(errno) : "not a file");
        if (fd >= 0)
            close(fd);
        return 2;
    }
    if (sb.st_size > QC_XML_MAX_BYTES) {
        close(fd);
        snprintf(why, why_size, "%lld bytes, more than the %d MiB an IMF XML document may have",
                 (long long)sb.st_size, QC_XML_MAX_BYTES >> 20);
        return 1;
    }
    size_t n = (size_t)sb.st_size;
    char *buf = malloc(n ? n : 1);
    if (!buf) {
        close(fd);
        return QC_ERR_NOMEM;
    }
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(fd, buf + done, n - done, (off_t)done);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        done += (size_t)r;
    }
    close(fd);
    int ret = done == n ? qc_xml_parse(buf, n, path, doc, why, why_size) : 2;
    if (done != n)
        snprintf(why, why_size, "cannot be read: short read");
    free(buf);
    return ret;
}

int qc_xml_is(const xmlNode *node, const char *ns, const char *name)
{
    if (!node || node->type != XML_ELEMENT_NODE || strcmp((const char *)node->name, name))
        return 0;
    if (!ns)
        return 1;
    return node->ns && node->ns->href && !strcmp((const char *)node->ns->href, ns);
}

static const char *ns_of(const xmlNode *n)
{
    return n->ns && n->ns->href ? (const char *)n->ns->href : "";
}

xmlNode *qc_xml_child(const xmlNode *parent, const char *name)
{
    if (!parent)
        return NULL;
    /* a CPL sequence is in the core-constraints namespace while its children are in the CPL's:
     * the root element's namespace is accepted too */
    const xmlNode *root = parent->doc ? xmlDocGetRootElement(parent->doc) : NULL;
    const char *alt = root ? ns_of(root) : ns_of(parent);
    for (xmlNode *c = parent->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name) &&
            (!strcmp(ns_of(c), ns_of(parent)) || !strcmp(ns_of(c), alt)))
            return c;
    return NULL;
}

xmlNode *qc_xml_next_same(const xmlNode *node)
{
    for (xmlNode *c = node->next; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, (const char *)node->name) &&
            !strcmp(ns_of(c), ns_of(node)))
            return c;
    return NULL;
}

int qc_xml_text(const xmlNode *node, char *out, size_t size)
{
    out[0] = 0;
    if (!node)
        return -1;
    size_t n = 0;
    for (const xmlNode *c = node->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            return -1;
        if ((c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) || !c->content)
            continue;
        for (const char *p = (const char *)c->content; *p && n + 1 < size; p++)
            out[n++] = *p;
    }
    out[n] = 0;
    qc_xml_trim(out);
    return 0;
}

void qc_xml_trim(char *s)
{
    size_t b = 0, n = strlen(s);
    while (b < n && isspace((unsigned char)s[b]))
        b++;
    while (n > b && isspace((unsigned char)s[n - 1]))
        n--;
    memmove(s, s + b, n - b);
    s[n - b] = 0;
}

int qc_xml_child_text(const xmlNode *parent, const char *name, char *out, size_t size)
{
    xmlNode *c = qc_xml_child(parent, name);
    if (!c) {
        out[0] = 0;
        return -1;
    }
    return qc_xml_text(c, out, size);
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int qc_uuid_parse(const char *text, uint8_t uuid[16])
{
    while (isspace((unsigned char)*text))
        text++;
    if (!strncasecmp(text, "urn:uuid:", 9))
        text += 9;
    static const int dash[] = {8, 13, 18, 23};
    int k = 0;
    for (int i = 0; i < 36; i++) {
        if (i == dash[0] || i == dash[1] || i == dash[2] || i == dash[3]) {
            if (text[i] != '-')
                return -1;
            continue;
        }
        int hi = hexval((unsigned char)text[i]);
        int lo = hi >= 0 ? hexval((unsigned char)text[i + 1]) : -1;
        if (lo < 0)
            return -1;
        uuid[k++] = (uint8_t)(hi << 4 | lo);
        i++;
    }
    for (const char *p = text + 36; *p; p++)
        if (!isspace((unsigned char)*p))
            return -1;
    return 0;
}

int qc_xml_parse_u64(const char *text, uint64_t *v)
{
    if (!isdigit((unsigned char)*text))
        return -1;
    errno = 0;
    char *end;
    unsigned long long x = strtoull(text, &end, 10);
    if (errno || *end)
        return -1;
    *v = x;
    return 0;
}

int qc_xml_parse_rational(const char *text, int32_t *num, int32_t *den)
{
    long long a, b;
    char tail;
    if (sscanf(text, "%lld %lld %c", &a, &b, &tail) != 2 || a <= 0 || b <= 0 || a > INT32_MAX ||
        b > INT32_MAX)
        return -1;
    *num = (int32_t)a;
    *den = (int32_t)b;
    return 0;
}

long qc_xml_line(const xmlNode *node)
{
    return node ? xmlGetLineNo(node) : 0;
}
