// SPDX-License-Identifier: MIT
/* MXF audio with our own reader: WAVE PCM essence (clip-wrapped as IMF AS-02 writes it, or
 * frame-wrapped) read with pread straight from the essence KLVs and converted by the PCM
 * kernels, with the channel labels from the MCA sub-descriptors. Other MXF essence (AES3,
 * compressed sound) goes to libavformat. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/codec/audio_source.h"
#include "engine/codec/mxf_labels.h"
#include "engine/mxf/imf_rules.h"
#include "engine/mxf/klv.h"
#include "engine/mxf/mca.h"
#include "engine/mxf/model.h"
#include "engine/mxf/ul.h"
#include "kernels/pcm.h"

#define READ_CHUNK (1 << 20)

typedef struct MxfImpl {
    QcMxf *m;
    QcPcmDSP pcm;
    uint32_t body_sid, track_number;
    int bytes; ///< per sample: 2, 3 or 4
    int block_align;
    int part;           ///< partition being read
    int64_t pos;        ///< next KLV to look at in it, or -1 before the first
    int64_t value_left; ///< bytes left in the current essence KLV
    int64_t value_pos;
    uint8_t *raw;
    int64_t declared; ///< samples the header says, or -1
    QcMcaInfo mca;    ///< what the analyzers see through QcTrackInfo.mca
} MxfImpl;

/* GC sound element, WAVE frame (01) or clip (02) wrapped, of our track. */
static int is_our_element(const MxfImpl *p, const uint8_t *key)
{
    static const uint8_t gc[12] = {0x06, 0x0e, 0x2b, 0x34, 0x01, 0x02,
                                   0x01, 0x01, 0x0d, 0x01, 0x03, 0x01};
    if (!qc_ul_prefix(key, gc, 12) || key[12] != 0x16 || (key[14] != 0x01 && key[14] != 0x02))
        return 0;
    uint32_t number =
        (uint32_t)key[12] << 24 | (uint32_t)key[13] << 16 | (uint32_t)key[14] << 8 | key[15];
    return !p->track_number || number == p->track_number;
}

/* Moves to the next essence KLV of our track; 0 when there is none left. */
static int next_element(QcAudioSource *s, MxfImpl *p)
{
    QcMxf *m = p->m;
    while (p->part < m->nb_parts) {
        const QcMxfPartition *pt = &m->parts[p->part];
        if (pt->body_sid != p->body_sid || pt->essence_start < 0) {
            p->part++;
            p->pos = -1;
            continue;
        }
        if (p->pos < 0)
            p->pos = pt->essence_start;
        QcKLV k;
        int st = qc_klv_read(m->file, p->pos, pt->end, &k);
        if (st < 0)
            return st;
        if (st == QC_KLV_OVERRUN && is_our_element(p, k.key)) {
            /* a clip cut short: read what is there, the duration check reports the rest */
            k.length = pt->end - qc_klv_value(&k);
            st = QC_KLV_OK;
            qc_mxf_defect(m, QC_CODE_MXF_INVALID, k.offset,
                          "essence KLV at byte %lld runs past "
                          "the end of its partition",
                          (long long)k.offset);
        }
        if (st != QC_KLV_OK) {
            p->part++;
            p->pos = -1;
            continue;
        }
        p->pos = qc_klv_end(&k);
        if (is_our_element(p, k.key)) {
            p->value_pos = qc_klv_value(&k);
            p->value_left = k.length - k.length % p->block_align;
            return 1;
        }
    }
    (void)s;
    return 0;
}

static int mxf_read(QcAudioSource *s, float *out, int max_frames)
{
    MxfImpl *p = s->impl;
    if (!p->value_left) {
        int ret = next_element(s, p);
        if (ret <= 0)
            return ret;
    }
    int64_t frames = p->value_left / p->block_align;
    if (frames > max_frames)
        frames = max_frames;
    if (frames * p->block_align > READ_CHUNK)
        frames = READ_CHUNK / p->block_align;
    size_t bytes = (size_t)(frames * p->block_align);
    int ret = qc_file_pread(p->m->file, p->raw, bytes, p->value_pos);
    if (ret < 0)
        return ret == QC_ERR_INVALID_DATA ? 0 : ret;
    size_t n = (size_t)frames * (size_t)s->info.channels;
    if (p->bytes == 2)
        p->pcm.s16le_to_f32(out, p->raw, n);
    else if (p->bytes == 3)
        p->pcm.s24le_to_f32(out, p->raw, n);
    else
        p->pcm.s32le_to_f32(out, p->raw, n);
    p->value_pos += (int64_t)bytes;
    p->value_left -= (int64_t)bytes;
    return (int)frames;
}

static void mxf_close(QcAudioSource *s)
{
    MxfImpl *p = s->impl;
    if (!p)
        return;
    s->file = NULL;
    qc_mxf_close(&p->m);
    free(p->raw);
    free(p);
    s->impl = NULL;
}

static const QcMxfTrack *sound_track(const QcMxfPackage *fp)
{
    for (int i = 0; fp && i < fp->nb_tracks; i++)
        if (fp->tracks[i].kind == QC_MXF_TRACK_SOUND)
            return &fp->tracks[i];
    return NULL;
}

/* Accepts the file when its sound is WAVE PCM our kernels unpack. @return 0, or
 * QC_ERR_UNSUPPORTED to let libavformat try. */
static int describe(QcAudioSource *s, MxfImpl *p, const QcMxfModel *model, QcError *err,
                    const char *path)
{
    const QcMxfTrack *t = sound_track(model->file_package);
    const QcMxfSet *d = t ? qc_mxf_track_descriptor(p->m, model->file_package, t) : NULL;
    int32_t num = 0, den = 0;
    uint64_t ch = 0, bits = 0, align = 0;
    if (!d || strcmp(d->cls ? d->cls->name : "", "WaveAudioDescriptor") ||
        qc_mxf_get_rational(d, "AudioSamplingRate", &num, &den) < 0 || den <= 0 || num % den ||
        qc_mxf_get_uint(d, "ChannelCount", &ch) < 0 ||
        qc_mxf_get_uint(d, "QuantizationBits", &bits) < 0 ||
        qc_mxf_get_uint(d, "BlockAlign", &align) < 0)
        return qc_error_set(err, QC_ERR_UNSUPPORTED, "%s: no WAVE PCM sound track", path);
    int bytes = (int)((bits + 7) / 8);
    if ((bytes != 2 && bytes != 3 && bytes != 4) || ch < 1 || ch > QC_MAX_CHANNELS ||
        align != ch * (uint64_t)bytes)
        return qc_error_set(err, QC_ERR_UNSUPPORTED,
                            "%s: %llu-bit × %llu channels in %llu-byte "
                            "blocks is not PCM this reader unpacks",
                            path, (unsigned long long)bits, (unsigned long long)ch,
                            (unsigned long long)align);
    p->bytes = bytes;
    p->block_align = (int)align;
    p->body_sid = model->body_sid;
    p->track_number = t->number;
    QcTrackInfo *i = &s->info;
    i->sample_rate = num / den;
    i->channels = (int)ch;
    i->bits = (int)bits;
    snprintf(i->codec, sizeof(i->codec), "pcm_s%dle", bytes * 8);
    snprintf(i->container, sizeof(i->container), "mxf");
    int64_t dur;
    if (t->rate_den > 0 && t->rate_num == i->sample_rate * t->rate_den && t->duration >= 0)
        p->declared = t->duration;
    else if (!qc_mxf_get_int(d, "ContainerDuration", &dur))
        p->declared = dur;
    i->duration = p->declared;
    i->labels_from_file = qc_mxf_channel_labels(p->m, d, i->channels, i->labels);
    qc_mca_read(p->m, d, &p->mca);
    i->mca = &p->mca;
    /* the IMF track file id is the file package UMID's material number (primer §5.4) */
    qc_uuid_format(model->file_package->umid + 16, i->id, sizeof(i->id));
    if (!i->labels_from_file)
        qc_channel_default_layout(i->channels, i->labels);
    return 0;
}

static int mxf_finish(QcAudioSource *s)
{
    MxfImpl *p = s->impl;
    if (p->declared >= 0 && s->delivered != p->declared)
        qc_mxf_defect(p->m, QC_CODE_MXF_INVALID, -1,
                      "the essence holds %lld samples, the header "
                      "metadata says %lld",
                      (long long)s->delivered, (long long)p->declared);
    int ret = qc_finding_list_extend(&s->findings, &p->m->findings);
    qc_finding_list_free(&p->m->findings);
    return ret;
}

/* From the start of the essence, element by element: one step for clip-wrapped IMF audio. */
static int mxf_seek(QcAudioSource *s, int64_t frame)
{
    MxfImpl *p = s->impl;
    p->part = 0;
    p->pos = -1;
    p->value_left = 0;
    while (frame >= 0) {
        int ret = next_element(s, p);
        if (ret <= 0)
            return ret < 0 ? ret : 1;
        int64_t frames = p->value_left / p->block_align;
        if (frame < frames) {
            p->value_pos += frame * p->block_align;
            p->value_left -= frame * p->block_align;
            return 0;
        }
        frame -= frames;
        p->value_left = 0;
    }
    return 1;
}

static const QcAudioSourceOps mxf_ops_full = {"mxf", mxf_read, mxf_close, mxf_finish, mxf_seek};

int qc_mxf_source_open(QcAudioSource *s, const char *path, QcError *err)
{
    MxfImpl *p = calloc(1, sizeof(*p));
    if (!p)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    p->pos = -1;
    p->declared = -1;
    s->impl = p;
    s->ops = &mxf_ops_full;
    QcError oe;
    qc_error_clear(&oe);
    int ret = qc_mxf_open(&p->m, path, &oe);
    if (ret == QC_ERR_INVALID_DATA)
        return qc_error_set(err, QC_ERR_UNSUPPORTED, "%s", oe.msg);
    if (ret < 0)
        return qc_error_set(err, ret, "%s", oe.msg);
    QcMxfModel model;
    if ((ret = qc_mxf_resolve(p->m, &model)) < 0 || (ret = qc_mxf_check_imf(p->m, &model)) < 0)
        return qc_error_set(err, ret, "%s: %s", path, qc_strerror(ret));
    if ((ret = describe(s, p, &model, err, path)) < 0)
        return ret;
    qc_pcm_dsp_init(&p->pcm, s->cpu_flags);
    s->file = p->m->file;
    p->raw = malloc(READ_CHUNK);
    return p->raw ? 0 : qc_error_set(err, QC_ERR_NOMEM, "out of memory");
}
