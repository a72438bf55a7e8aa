// SPDX-License-Identifier: MIT
/* Development check against regxmllib's reference output: renders the file package's
 * descriptor of an MXF file as RegXML and compares it, exactly, with the descriptor element
 * regxmllib wrote for the same file. Prints the differences; exit 0 on a match, 1 otherwise,
 * 2 when the inputs cannot be read.
 * Usage: regxml_check FILE.mxf REFERENCE.xml */
#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>

#include "engine/imf/descriptor_compare.h"
#include "engine/imf/regxml.h"
#include "engine/imf/xml.h"
#include "engine/mxf/model.h"

/* The best match for @p ours among the reference's EssenceDescription children. */
static int best_diff(const xmlNode *n, const xmlNode *ours, QcDescDiff *best, int *found)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp((const char *)n->name, "EssenceDescription"))
            for (const xmlNode *c = n->children; c; c = c->next) {
                if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name,
                                                          (const char *)ours->name))
                    continue;
                QcDescDiff d;
                if (qc_descriptor_compare(c, ours, 0, &d) < 0)
                    return -1;
                if (!*found || d.total < best->total) {
                    qc_desc_diff_free(best);
                    *best = d;
                    *found = 1;
                } else {
                    qc_desc_diff_free(&d);
                }
            }
        if (best_diff(n->children, ours, best, found) < 0)
            return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: regxml_check FILE.mxf REFERENCE.xml\n");
        return 2;
    }
    QcMxf *m = NULL;
    QcError e;
    qc_error_clear(&e);
    QcMxfModel model;
    xmlDocPtr ref = NULL, doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr ours = NULL;
    char why[512];
    if (qc_mxf_open(&m, argv[1], &e) < 0 || qc_mxf_resolve(m, &model) < 0 ||
        !model.file_package || !model.file_package->descriptor ||
        qc_regxml_descriptor(m, model.file_package->descriptor, doc, &ours, &e) < 0 ||
        qc_xml_read(argv[2], &ref, why, sizeof(why)) != 0) {
        fprintf(stderr, "regxml_check: %s: cannot render or read the reference\n", argv[1]);
        return 2;
    }
    xmlDocSetRootElement(doc, ours);
    QcDescDiff d = {0};
    int found = 0;
    best_diff(xmlDocGetRootElement(ref), ours, &d, &found);
    int ret = !found || d.total ? 1 : 0;
    printf("%s: %s", argv[1], !found ? "no descriptor of that class in the reference\n"
                               : d.total ? "" : "matches regxmllib\n");
    if (found && d.total)
        printf("%d differences\n", d.total);
    for (int i = 0; i < d.count; i++)
        printf("  %s\n    regxmllib: %s\n    imfqc:     %s\n", d.items[i].path,
               d.items[i].cpl ? d.items[i].cpl : "(absent)",
               d.items[i].mxf ? d.items[i].mxf : "(absent)");
    qc_desc_diff_free(&d);
    xmlFreeDoc(ref);
    xmlFreeDoc(doc);
    qc_mxf_close(&m);
    return ret;
}
