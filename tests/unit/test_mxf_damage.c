// SPDX-License-Identifier: MIT
/* Damage made at exact places in a writer-made track file: each defect must become the
 * MXF_INVALID finding that names it, and nothing may crash. */
#include <stdlib.h>
#include <string.h>

#include "engine/mxf/imf_rules.h"
#include "engine/mxf/model.h"
#include "mxfw.h"
#include "unit.h"

static char clean[256];

/* A short stereo track file to damage. */
static int make_clean(void)
{
    snprintf(clean, sizeof(clean), "%s/clean.mxf", unit_tmpdir());
    QcMxfwAudioSettings s;
    qc_mxfw_audio_default_settings(&s);
    s.path = clean;
    s.layout = QC_MXFW_LAYOUT_STEREO;
    QcMxfwAudio *w = NULL;
    QcMxfwErr err;
    static uint8_t pcm[4800 * 2 * 3];
    return qc_mxfw_audio_open(&w, &s, &err) || qc_mxfw_audio_write(w, pcm, 4800, &err) ||
           qc_mxfw_audio_close(&w, &err);
}

typedef struct Patch {
    int64_t offset;
    uint8_t bytes[16];
    size_t n;
} Patch;

/* Copies the clean file with @p p applied, opens and resolves it, and returns whether a finding
 * whose message contains @p expect was made. */
static int damaged_finds(const Patch *p, const char *expect)
{
    char path[300];
    snprintf(path, sizeof(path), "%s/damaged.mxf", unit_tmpdir());
    FILE *in = fopen(clean, "rb"), *out = fopen(path, "wb");
    if (!in || !out) {
        if (in)
            fclose(in);
        if (out)
            fclose(out);
        return 0;
    }
    int c;
    for (int64_t pos = 0; (c = fgetc(in)) != EOF; pos++) {
        if (pos >= p->offset && pos < p->offset + (int64_t)p->n)
            c = p->bytes[pos - p->offset];
        fputc(c, out);
    }
    fclose(in);
    fclose(out);
    QcMxf *m = NULL;
    QcError e;
    qc_error_clear(&e);
    if (qc_mxf_open(&m, path, &e) < 0)
        return 0;
    QcMxfModel model;
    qc_mxf_resolve(m, &model);
    qc_mxf_check_imf(m, &model);
    int found = 0;
    for (size_t i = 0; i < m->findings.count; i++)
        found |= strstr(m->findings.items[i].message, expect) != NULL;
    if (!found)
        for (size_t i = 0; i < m->findings.count; i++)
            fprintf(stderr, "  (got: %s)\n", m->findings.items[i].message);
    qc_mxf_close(&m);
    return found;
}

/* File offset of the IndexDuration value in the segment at @p seg, or -1. */
static int64_t index_duration_offset(int64_t seg)
{
    uint8_t b[256];
    FILE *f = fopen(clean, "rb");
    size_t n = f && fseek(f, (long)seg, SEEK_SET) == 0 ? fread(b, 1, sizeof(b), f) : 0;
    if (f)
        fclose(f);
    for (size_t i = 20; i + 4 <= n; i++)
        if (b[i] == 0x3f && b[i + 1] == 0x0d && b[i + 2] == 0 && b[i + 3] == 8)
            return seg + (int64_t)i + 4;
    return -1;
}

static const QcMxfProperty *prop(const QcMxfSet *s, const char *name)
{
    return qc_mxf_get(s, name);
}

void test_mxf_damage(void)
{
    CHECK(make_clean() == 0);
    QcMxf *m = NULL;
    QcError e;
    qc_error_clear(&e);
    CHECK(qc_mxf_open(&m, clean, &e) == 0);
    if (!m)
        return;
    const QcMxfSet *pf = qc_mxf_first_set(m, "Preface");
    const QcMxfSet *cs = qc_mxf_first_set(m, "ContentStorage");
    const QcMxfSet *ident = qc_mxf_first_set(m, "Identification");
    CHECK(pf && cs && ident);
    if (!pf || !cs || !ident) {
        qc_mxf_close(&m);
        return;
    }
    Patch p;
    /* a dangling strong reference: Preface → ContentStorage points nowhere */
    const QcMxfProperty *ref = prop(pf, "ContentStorage");
    p = (Patch){ref->offset, {0}, 16};
    memcpy(p.bytes, ref->value, 16);
    p.bytes[15] ^= 0xff;
    CHECK(damaged_finds(&p, "which no set has"));
    /* a cycle: the sound descriptor lists itself among its sub-descriptors */
    const QcMxfSet *wave = qc_mxf_first_set(m, "WaveAudioDescriptor");
    const QcMxfProperty *subs = wave ? prop(wave, "SubDescriptors") : NULL;
    CHECK(subs && subs->length >= 24);
    if (subs) {
        p = (Patch){subs->offset + 8, {0}, 16};
        memcpy(p.bytes, wave->uid, 16);
        CHECK(damaged_finds(&p, "back to itself (a cycle)"));
    }
    /* a duplicate InstanceUID: the Identification takes the ContentStorage's */
    const QcMxfProperty *uid = prop(ident, "InstanceUID");
    p = (Patch){uid->offset, {0}, 16};
    memcpy(p.bytes, cs->uid, 16);
    CHECK(damaged_finds(&p, "repeats InstanceUID"));
    /* a local tag the primer does not list: the Preface's Version item gets tag 0x8001 */
    const QcMxfProperty *ver = prop(pf, "Version");
    p = (Patch){ver->offset - 4, {0x80, 0x01}, 2};
    CHECK(damaged_finds(&p, "is not in the primer"));
    /* an item longer than its set */
    p = (Patch){ver->offset - 2, {0xff, 0xf0}, 2};
    CHECK(damaged_finds(&p, "runs past the end of its set"));
    /* a BER length far past the end of the file, in the first set's key-length */
    p = (Patch){pf->offset + 16, {0x88, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, 9};
    CHECK(damaged_finds(&p, "header metadata KLV"));
    /* a partition pack that says it is somewhere else */
    p = (Patch){m->parts[1].offset + 16 + 4 + 8 + 7, {0x01}, 1};
    CHECK(damaged_finds(&p, "ThisPartition"));
    /* the index segment's duration disagreeing with the track's: find IndexDuration (3f0d) */
    CHECK(m->nb_segments == 1);
    int64_t at = m->nb_segments ? index_duration_offset(m->segments[0].offset) : -1;
    CHECK(at > 0);
    p = (Patch){at, {0, 0, 0, 0, 0, 0, 0, 7}, 8};
    CHECK(damaged_finds(&p, "the durations disagree"));
    qc_mxf_close(&m);
}
