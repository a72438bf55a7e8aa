// SPDX-License-Identifier: MIT
/* Any bytes as one JPEG 2000 frame: the structural walk (raw or JP2-boxed), the profile rules
 * and the descriptor comparison. Problems are fine; reads outside the input, undefined
 * behaviour, hangs and any allocation are not. Seeds: `j2k_tests --write-corpus DIR`. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "engine/codec/j2k/j2k.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A 1920x1080 10-bit 4:2:2 IMF descriptor with a sub-descriptor, COD and QCD included. */
static void descriptor(QcMxfPictureInfo *d)
{
    static const uint8_t cod[] = {0x01, 0x04, 0x00, 0x01, 0x00, 0x05, 0x03, 0x03,
                                  0x00, 0x00, 0x77, 0x88, 0x88, 0x88, 0x88, 0x88};
    static const uint8_t qcd[] = {0x42, 0x48, 0x00, 0x47, 0xfe, 0x47, 0xfe, 0x47, 0xbc};
    memset(d, 0, sizeof(*d));
    d->rate_num = 24000;
    d->rate_den = 1001;
    d->stored_width = 1920;
    d->stored_height = 1080;
    d->component_depth = 10;
    d->horizontal_subsampling = 2;
    d->vertical_subsampling = 1;
    QcMxfJ2kInfo *j = &d->j2k;
    j->present = 1;
    j->rsiz = 0x0435;
    j->csiz = 3;
    j->xsiz = j->xtsiz = 1920;
    j->ysiz = j->ytsiz = 1080;
    for (int c = 0; c < 3; c++) {
        j->ssiz[c] = 9;
        j->xrsiz[c] = c ? 2 : 1;
        j->yrsiz[c] = 1;
    }
    j->cod = cod;
    j->cod_length = sizeof(cod);
    j->qcd = qcd;
    j->qcd_length = sizeof(qcd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QcMxfPictureInfo d;
    static int ready;
    if (!ready) {
        descriptor(&d);
        ready = 1;
    }
    QcJ2kReport r;
    int rc = qc_j2k_validate(data, size, &r);
    qc_j2k_check_profile(&r);
    qc_j2k_compare(&r, &d);
    /* the report must stay within its bounds whatever the input */
    if (rc < 0 || rc > 1 || r.nb_problems < 0 || r.nb_problems > QC_J2K_MAX_PROBLEMS ||
        r.info.codestream_offset > size || r.info.header_size > size ||
        r.info.cod_size > sizeof(r.info.cod) || r.info.qcd_size > sizeof(r.info.qcd))
        __builtin_trap();
    int structure = 0;
    for (int i = 0; i < r.nb_problems; i++) {
        if (r.problems[i].offset > size || !memchr(r.problems[i].message, 0, 192))
            __builtin_trap();
        structure |= r.problems[i].kind == QC_J2K_STRUCTURE;
    }
    /* 1 exactly when a structure problem was found (kept, or dropped for lack of room) */
    if ((structure && !rc) || (rc && !structure && !r.more_problems))
        __builtin_trap();
    (void)qc_j2k_frame_budget(r.info.rsiz, d.rate_num, d.rate_den);
    return 0;
}
