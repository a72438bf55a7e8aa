// SPDX-License-Identifier: MIT
/* libsndfile backend. Integer PCM in little-endian containers is read raw and converted by our
 * unpack kernels (exact for 16 and 24 bit); everything else goes through sf_readf_float. */
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>

#include "engine/codec/audio_source.h"
#include "kernels/cpu.h"
#include "kernels/pcm.h"

typedef struct SndImpl {
    SNDFILE *sf;
    int raw_bytes; ///< bytes per sample on the raw path, 0 on the float path
    QcPcmDSP pcm;
    unsigned char *raw; ///< raw read buffer
    size_t raw_size;
    int64_t frames_read;
} SndImpl;

static int snd_read(QcAudioSource *s, float *out, int max_frames)
{
    SndImpl *p = s->impl;
    const int ch = s->info.channels;
    if (!p->raw_bytes) {
        sf_count_t got = sf_readf_float(p->sf, out, max_frames);
        if (got < 0)
            return QC_ERR_IO;
        p->frames_read += got;
        return (int)got;
    }
    size_t want = (size_t)max_frames * (size_t)ch * (size_t)p->raw_bytes;
    if (want > p->raw_size) {
        unsigned char *n = realloc(p->raw, want);
        if (!n)
            return QC_ERR_NOMEM;
        p->raw = n;
        p->raw_size = want;
    }
    sf_count_t bytes = sf_read_raw(p->sf, p->raw, (sf_count_t)want);
    if (bytes < 0)
        return QC_ERR_IO;
    size_t frames = (size_t)bytes / ((size_t)ch * (size_t)p->raw_bytes);
    size_t n = frames * (size_t)ch;
    if (p->raw_bytes == 2)
        p->pcm.s16le_to_f32(out, p->raw, n);
    else if (p->raw_bytes == 3)
        p->pcm.s24le_to_f32(out, p->raw, n);
    else
        p->pcm.s32le_to_f32(out, p->raw, n);
    p->frames_read += (int64_t)frames;
    return (int)frames;
}

static void snd_close(QcAudioSource *s)
{
    SndImpl *p = s->impl;
    if (!p)
        return;
    if (p->sf)
        sf_close(p->sf);
    free(p->raw);
    free(p);
    s->impl = NULL;
}

static const QcAudioSourceOps snd_ops = {"sndfile", snd_read, snd_close, NULL, NULL};

static QcChannelLabel label_from_sf(int m, int has_side)
{
    switch (m) {
    case SF_CHANNEL_MAP_MONO: return QC_CH_M;
    case SF_CHANNEL_MAP_LEFT:
    case SF_CHANNEL_MAP_FRONT_LEFT: return QC_CH_L;
    case SF_CHANNEL_MAP_RIGHT:
    case SF_CHANNEL_MAP_FRONT_RIGHT: return QC_CH_R;
    case SF_CHANNEL_MAP_CENTER:
    case SF_CHANNEL_MAP_FRONT_CENTER: return QC_CH_C;
    case SF_CHANNEL_MAP_LFE: return QC_CH_LFE;
    /* With side channels present the rear pair are rear surrounds (7.1DS); alone they are the
     * 5.1 surrounds, as WAVE masks written by most DAWs say "back" for Ls/Rs. */
    case SF_CHANNEL_MAP_REAR_LEFT: return has_side ? QC_CH_LRS : QC_CH_LS;
    case SF_CHANNEL_MAP_REAR_RIGHT: return has_side ? QC_CH_RRS : QC_CH_RS;
    case SF_CHANNEL_MAP_REAR_CENTER: return QC_CH_CS;
    case SF_CHANNEL_MAP_SIDE_LEFT: return QC_CH_LSS;
    case SF_CHANNEL_MAP_SIDE_RIGHT: return QC_CH_RSS;
    case SF_CHANNEL_MAP_FRONT_LEFT_OF_CENTER: return QC_CH_LC;
    case SF_CHANNEL_MAP_FRONT_RIGHT_OF_CENTER: return QC_CH_RC;
    case SF_CHANNEL_MAP_TOP_CENTER:
    case SF_CHANNEL_MAP_TOP_FRONT_LEFT:
    case SF_CHANNEL_MAP_TOP_FRONT_RIGHT:
    case SF_CHANNEL_MAP_TOP_FRONT_CENTER:
    case SF_CHANNEL_MAP_TOP_REAR_LEFT:
    case SF_CHANNEL_MAP_TOP_REAR_RIGHT:
    case SF_CHANNEL_MAP_TOP_REAR_CENTER: return QC_CH_TOP;
    }
    return QC_CH_UNKNOWN;
}

static void read_layout(SNDFILE *sf, QcTrackInfo *t)
{
    int map[QC_MAX_CHANNELS];
    if (t->channels <= QC_MAX_CHANNELS &&
        sf_command(sf, SFC_GET_CHANNEL_MAP_INFO, map, (int)sizeof(int) * t->channels) == SF_TRUE) {
        int has_side = 0;
        for (int c = 0; c < t->channels; c++)
            has_side |= map[c] == SF_CHANNEL_MAP_SIDE_LEFT || map[c] == SF_CHANNEL_MAP_SIDE_RIGHT;
        int known = 0;
        for (int c = 0; c < t->channels; c++) {
            t->labels[c] = label_from_sf(map[c], has_side);
            known += t->labels[c] != QC_CH_UNKNOWN;
        }
        if (known) {
            t->labels_from_file = 1;
            return;
        }
    }
    qc_channel_default_layout(t->channels, t->labels);
}

static void describe_format(const SF_INFO *si, QcTrackInfo *t, int *raw_bytes)
{
    int major = si->format & SF_FORMAT_TYPEMASK, sub = si->format & SF_FORMAT_SUBMASK;
    SF_FORMAT_INFO fi = {.format = major};
    const char *cont = "sndfile";
    if (sf_command(NULL, SFC_GET_FORMAT_INFO, &fi, sizeof(fi)) == 0 && fi.extension)
        cont = fi.extension;
    snprintf(t->container, sizeof(t->container), "%s", cont);
    int le = major == SF_FORMAT_WAV || major == SF_FORMAT_WAVEX || major == SF_FORMAT_W64 ||
             major == SF_FORMAT_RF64;
    const char *endian = le ? "le" : "be";
    *raw_bytes = 0;
    switch (sub) {
    case SF_FORMAT_PCM_S8:
        t->bits = 8;
        snprintf(t->codec, sizeof(t->codec), "pcm_s8");
        break;
    case SF_FORMAT_PCM_U8:
        t->bits = 8;
        snprintf(t->codec, sizeof(t->codec), "pcm_u8");
        break;
    case SF_FORMAT_PCM_16:
        t->bits = 16;
        *raw_bytes = le ? 2 : 0;
        break;
    case SF_FORMAT_PCM_24:
        t->bits = 24;
        *raw_bytes = le ? 3 : 0;
        break;
    case SF_FORMAT_PCM_32:
        t->bits = 32;
        *raw_bytes = le ? 4 : 0;
        break;
    case SF_FORMAT_FLOAT:
        t->bits = 32;
        t->is_float = 1;
        break;
    case SF_FORMAT_DOUBLE:
        t->bits = 64;
        t->is_float = 1;
        break;
    default:
        t->bits = 0;
        snprintf(t->codec, sizeof(t->codec), "sndfile_0x%04x", sub);
        break;
    }
    if (sub == SF_FORMAT_PCM_16 || sub == SF_FORMAT_PCM_24 || sub == SF_FORMAT_PCM_32)
        snprintf(t->codec, sizeof(t->codec), "pcm_s%d%s", t->bits, endian);
    else if (t->is_float)
        snprintf(t->codec, sizeof(t->codec), "pcm_f%d%s", t->bits, endian);
}

int qc_sndfile_source_open(QcAudioSource *s, const char *path, QcError *err)
{
    SF_INFO si = {0};
    SNDFILE *sf = sf_open(path, SFM_READ, &si);
    if (!sf) {
        int e = sf_error(NULL);
        qc_error_set(err, QC_ERR_UNSUPPORTED, "%s: %s", path, sf_error_number(e));
        return QC_ERR_UNSUPPORTED;
    }
    SndImpl *p = calloc(1, sizeof(*p));
    if (!p) {
        sf_close(sf);
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    }
    p->sf = sf;
    s->impl = p;
    s->ops = &snd_ops;
    QcTrackInfo *t = &s->info;
    t->sample_rate = si.samplerate;
    t->channels = si.channels;
    t->duration = si.frames;
    describe_format(&si, t, &p->raw_bytes);
    if (t->channels < 1 || t->channels > QC_MAX_CHANNELS)
        return qc_error_set(err, QC_ERR_LIMIT, "%s: %d channels is outside 1..%d", path,
                            t->channels, QC_MAX_CHANNELS);
    read_layout(sf, t);
    qc_pcm_dsp_init(&p->pcm, s->cpu_flags);

    if (p->raw_bytes) {
        int64_t declared = qc_wav_declared_frames(path, p->raw_bytes * t->channels);
        if (declared > si.frames) {
            QcFinding f;
            qc_finding_init(&f, QC_CODE_AUDIO_TRUNCATED);
            f.start = si.frames;
            f.duration = declared - si.frames;
            qc_finding_message(&f,
                               "the file ends %.3f s early: its header declares %lld samples "
                               "per channel, the file holds %lld; re-export or re-transfer it",
                               (double)(declared - si.frames) / si.samplerate, (long long)declared,
                               (long long)si.frames);
            qc_finding_detail_int(&f, "declared_samples", declared);
            qc_finding_detail_int(&f, "present_samples", si.frames);
            if (qc_finding_list_add(&s->findings, &f) < 0)
                return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
        }
    }
    return 0;
}
