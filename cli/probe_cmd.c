// SPDX-License-Identifier: MIT
/* `imfqc probe FILE.mxf`: the probe document on stdout; exit 0, or 3 when the file cannot be
 * read as MXF at all. Structural defects are findings in the document, not errors. */
#include <jansson.h>
#include <stdio.h>

#include "cli/commands.h"
#include "cli/probe.h"

int qc_cli_probe(const QcCliArgs *args)
{
    int status = 0;
    for (int i = 0; i < args->nb_paths; i++) {
        QcMxf *m = NULL;
        QcError err;
        qc_error_clear(&err);
        if (qc_mxf_open(&m, args->paths[i], &err) < 0) {
            fprintf(stderr, "imfqc: %s\n", err.msg);
            status = 3;
            continue;
        }
        json_t *doc = qc_probe_json(m);
        if (!doc || json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) != 0)
            status = 3;
        fputc('\n', stdout);
        json_decref(doc);
        qc_mxf_close(&m);
    }
    return status;
}
