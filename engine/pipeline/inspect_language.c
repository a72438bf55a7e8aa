// SPDX-License-Identifier: MIT
/* Languages (qc-domain §4.5): the tag a track file's audio carries, against the one the
 * delivery expects. Tags compare as BCP 47 says: case-insensitively, a range "en" covering
 * "en-US" (RFC 4647 basic filtering). */
#include <stdio.h>
#include <string.h>

#include "engine/core/error.h"
#include "engine/core/lang.h"
#include "engine/mxf/mca.h"
#include "engine/pipeline/inspect_internal.h"

void qc_inspect_track_language(QcTrackReport *tr, const struct QcMcaInfo *mca)
{
    tr->language[0] = 0;
    if (!mca)
        return;
    /* the soundfield group's tag is the track's (ST 2067-2: channel tags are ignored) */
    for (int pass = 0; pass < 2 && !tr->language[0]; pass++)
        for (int i = 0; i < mca->nb_labels && !tr->language[0]; i++)
            if ((pass == 0 ? mca->labels[i].kind == 1 : mca->labels[i].kind == 0) &&
                mca->labels[i].language[0])
                snprintf(tr->language, sizeof(tr->language), "%s", mca->labels[i].language);
}

int qc_inspect_expect_language(const QcInspectSettings *s, QcReport *r, int t)
{
    const QcTrackReport *tr = &r->tracks[t];
    if (!s->expect_language || !tr->opened || tr->info.kind != QC_MEDIA_AUDIO)
        return 0;
    QcFinding f;
    if (!tr->language[0]) {
        qc_finding_init(&f, QC_CODE_LANGUAGE_MISSING);
        qc_finding_message(&f,
                           "the audio carries no language tag (MCA RFC5646SpokenLanguage); the "
                           "delivery expects \"%s\"",
                           s->expect_language);
    } else if (!qc_lang_matches(s->expect_language, tr->language)) {
        qc_finding_init(&f, QC_CODE_LANGUAGE_MISMATCH);
        qc_finding_message(&f, "the audio is tagged \"%s\"; the delivery expects \"%s\"",
                           tr->language, s->expect_language);
        qc_finding_detail_string(&f, "language", tr->language);
    } else {
        return 0;
    }
    f.track = t;
    qc_finding_detail_string(&f, "expected", s->expect_language);
    return qc_finding_list_add(&r->findings, &f);
}
