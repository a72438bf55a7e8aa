// SPDX-License-Identifier: MIT
/* libavformat/libavcodec backend: audio in any container FFmpeg opens (MOV, MXF, MP4, …).
 * Decoded frames are converted to interleaved float here; no resampling, no remixing. */
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <stdlib.h>
#include <string.h>

#include "engine/codec/audio_source.h"

#define MAX_DECODE_ERRORS 64

typedef struct LavfImpl {
    AVFormatContext *fmt;
    AVCodecContext *dec;
    AVPacket *pkt;
    AVFrame *frame;
    int stream;
    float *fifo; ///< decoded, not yet delivered, interleaved
    size_t fifo_frames, fifo_pos, fifo_cap;
    int64_t delivered; ///< samples per channel handed out so far
    int eof, flushed;
    int decode_errors;
} LavfImpl;

/* One channel of a decoded frame into the interleaved float FIFO; the format switch sits
 * outside the sample loop. */
static void convert_channel(float *dst, int stride, const AVFrame *fr, int ch, int channels)
{
    const int planar = av_sample_fmt_is_planar(fr->format);
    const uint8_t *base = planar ? fr->extended_data[ch] : fr->extended_data[0];
    const int step = planar ? 1 : channels, first = planar ? 0 : ch, n = fr->nb_samples;
#define CONVERT(type, expr)                                                                        \
    do {                                                                                           \
        const type *src = (const type *)base + first;                                              \
        for (int i = 0; i < n; i++) {                                                              \
            type v = src[(size_t)i * step];                                                        \
            dst[(size_t)i * stride] = (float)(expr);                                               \
        }                                                                                          \
    } while (0)
    switch (av_get_packed_sample_fmt(fr->format)) {
    case AV_SAMPLE_FMT_U8: CONVERT(uint8_t, (v - 128) / 128.0); break;
    case AV_SAMPLE_FMT_S16: CONVERT(int16_t, v / 32768.0); break;
    case AV_SAMPLE_FMT_S32: CONVERT(int32_t, v / 2147483648.0); break;
    case AV_SAMPLE_FMT_S64: CONVERT(int64_t, (double)v / 9223372036854775808.0); break;
    case AV_SAMPLE_FMT_FLT: CONVERT(float, v); break;
    case AV_SAMPLE_FMT_DBL: CONVERT(double, v); break;
    default: CONVERT(uint8_t, 0 * v); break;
    }
#undef CONVERT
}

static int append_frame(QcAudioSource *s, LavfImpl *p, const AVFrame *fr)
{
    const int ch = s->info.channels;
    if (fr->ch_layout.nb_channels != ch || fr->nb_samples <= 0)
        return 0; /* a mid-stream layout change is reported by the caller as undecodable */
    size_t need = p->fifo_frames + (size_t)fr->nb_samples;
    if (need > p->fifo_cap) {
        size_t cap = need * 2;
        float *n = realloc(p->fifo, cap * (size_t)ch * sizeof(float));
        if (!n)
            return QC_ERR_NOMEM;
        p->fifo = n;
        p->fifo_cap = cap;
    }
    float *dst = p->fifo + p->fifo_frames * (size_t)ch;
    for (int c = 0; c < ch; c++)
        convert_channel(dst + c, ch, fr, c, ch);
    p->fifo_frames = need;
    return 0;
}

static void decode_error(QcAudioSource *s, LavfImpl *p, int averr)
{
    if (++p->decode_errors > MAX_DECODE_ERRORS)
        return;
    char msg[128];
    av_strerror(averr, msg, sizeof(msg));
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_UNDECODABLE);
    f.start = p->delivered + (int64_t)p->fifo_frames;
    qc_finding_message(&f, "audio could not be decoded near sample %lld: %s", (long long)f.start,
                       msg);
    qc_finding_list_add(&s->findings, &f);
}

/* Decodes until the FIFO holds something or the stream ends. */
static int fill(QcAudioSource *s, LavfImpl *p)
{
    while (p->fifo_frames == p->fifo_pos && !p->flushed) {
        int ret = avcodec_receive_frame(p->dec, p->frame);
        if (ret == 0) {
            if (p->fifo_pos) {
                size_t left = p->fifo_frames - p->fifo_pos;
                memmove(p->fifo, p->fifo + p->fifo_pos * s->info.channels,
                        left * s->info.channels * sizeof(float));
                p->fifo_frames = left;
                p->fifo_pos = 0;
            }
            if (p->frame->ch_layout.nb_channels != s->info.channels)
                decode_error(s, p, AVERROR_INVALIDDATA);
            ret = append_frame(s, p, p->frame);
            av_frame_unref(p->frame);
            if (ret < 0)
                return ret;
            continue;
        }
        if (ret == AVERROR_EOF) {
            p->flushed = 1;
            break;
        }
        if (ret != AVERROR(EAGAIN)) {
            decode_error(s, p, ret);
            continue;
        }
        if (p->eof) {
            avcodec_send_packet(p->dec, NULL);
            continue;
        }
        ret = av_read_frame(p->fmt, p->pkt);
        if (ret < 0) {
            p->eof = 1;
            continue;
        }
        if (p->pkt->stream_index == p->stream) {
            ret = avcodec_send_packet(p->dec, p->pkt);
            if (ret < 0 && ret != AVERROR(EAGAIN))
                decode_error(s, p, ret);
        }
        av_packet_unref(p->pkt);
    }
    return 0;
}

static int lavf_read(QcAudioSource *s, float *out, int max_frames)
{
    LavfImpl *p = s->impl;
    int ret = fill(s, p);
    if (ret < 0)
        return ret;
    size_t avail = p->fifo_frames - p->fifo_pos;
    size_t n = avail < (size_t)max_frames ? avail : (size_t)max_frames;
    if (n == 0)
        return 0; /* end of stream; the FIFO may never have been allocated */
    const size_t ch = (size_t)s->info.channels;
    memcpy(out, p->fifo + p->fifo_pos * ch, n * ch * sizeof(float));
    p->fifo_pos += n;
    if (p->fifo_pos == p->fifo_frames)
        p->fifo_pos = p->fifo_frames = 0;
    p->delivered += (int64_t)n;
    return (int)n;
}

static void lavf_close(QcAudioSource *s)
{
    LavfImpl *p = s->impl;
    if (!p)
        return;
    avcodec_free_context(&p->dec);
    avformat_close_input(&p->fmt);
    av_packet_free(&p->pkt);
    av_frame_free(&p->frame);
    free(p->fifo);
    free(p);
    s->impl = NULL;
}

static const QcAudioSourceOps lavf_ops = {"lavf", lavf_read, lavf_close, NULL, NULL};

static QcChannelLabel label_from_av(enum AVChannel c)
{
    switch (c) {
    case AV_CHAN_FRONT_LEFT: return QC_CH_L;
    case AV_CHAN_FRONT_RIGHT: return QC_CH_R;
    case AV_CHAN_FRONT_CENTER: return QC_CH_C;
    case AV_CHAN_LOW_FREQUENCY: return QC_CH_LFE;
    case AV_CHAN_BACK_LEFT: return QC_CH_LRS;
    case AV_CHAN_BACK_RIGHT: return QC_CH_RRS;
    case AV_CHAN_SIDE_LEFT: return QC_CH_LSS;
    case AV_CHAN_SIDE_RIGHT: return QC_CH_RSS;
    case AV_CHAN_FRONT_LEFT_OF_CENTER: return QC_CH_LC;
    case AV_CHAN_FRONT_RIGHT_OF_CENTER: return QC_CH_RC;
    case AV_CHAN_BACK_CENTER: return QC_CH_CS;
    case AV_CHAN_STEREO_LEFT: return QC_CH_LT;
    case AV_CHAN_STEREO_RIGHT: return QC_CH_RT;
    default:
        return c >= AV_CHAN_TOP_CENTER && c <= AV_CHAN_TOP_BACK_RIGHT ? QC_CH_TOP : QC_CH_UNKNOWN;
    }
}

static void read_layout(const AVChannelLayout *lay, QcTrackInfo *t)
{
    if (lay->order == AV_CHANNEL_ORDER_UNSPEC) {
        qc_channel_default_layout(t->channels, t->labels);
        return;
    }
    int has_back = 0, has_side = 0;
    for (int c = 0; c < t->channels; c++) {
        enum AVChannel ac = av_channel_layout_channel_from_index(lay, (unsigned)c);
        t->labels[c] = label_from_av(ac);
        has_back |= ac == AV_CHAN_BACK_LEFT;
        has_side |= ac == AV_CHAN_SIDE_LEFT;
    }
    /* A lone surround pair is Ls/Rs, whichever name the container gave it */
    for (int c = 0; c < t->channels; c++) {
        if (has_back != has_side) {
            if (t->labels[c] == QC_CH_LRS || t->labels[c] == QC_CH_LSS)
                t->labels[c] = QC_CH_LS;
            if (t->labels[c] == QC_CH_RRS || t->labels[c] == QC_CH_RSS)
                t->labels[c] = QC_CH_RS;
        }
    }
    t->labels_from_file = 1;
}

static int open_decoder(QcAudioSource *s, LavfImpl *p, const char *path, QcError *err)
{
    AVStream *st = p->fmt->streams[p->stream];
    const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
    if (!codec)
        return qc_error_set(err, QC_ERR_UNSUPPORTED, "%s: no decoder for audio codec %s", path,
                            avcodec_get_name(st->codecpar->codec_id));
    p->dec = avcodec_alloc_context3(codec);
    if (!p->dec || avcodec_parameters_to_context(p->dec, st->codecpar) < 0)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    p->dec->thread_count = 1;
    if (avcodec_open2(p->dec, codec, NULL) < 0)
        return qc_error_set(err, QC_ERR_INVALID_DATA, "%s: cannot open the %s decoder", path,
                            codec->name);
    QcTrackInfo *t = &s->info;
    t->sample_rate = p->dec->sample_rate;
    t->channels = p->dec->ch_layout.nb_channels;
    if (t->channels < 1 || t->channels > QC_MAX_CHANNELS)
        return qc_error_set(err, QC_ERR_LIMIT, "%s: %d channels is outside 1..%d", path,
                            t->channels, QC_MAX_CHANNELS);
    t->bits = st->codecpar->bits_per_raw_sample ? st->codecpar->bits_per_raw_sample
                                                : st->codecpar->bits_per_coded_sample;
    /* any decoder that outputs floating point can hand out NaN */
    enum AVSampleFormat packed = av_get_packed_sample_fmt(p->dec->sample_fmt);
    t->is_float = packed == AV_SAMPLE_FMT_FLT || packed == AV_SAMPLE_FMT_DBL;
    snprintf(t->codec, sizeof(t->codec), "%s", codec->name);
    snprintf(t->container, sizeof(t->container), "%s", p->fmt->iformat->name);
    if (st->duration > 0)
        t->duration = av_rescale_q(st->duration, st->time_base, (AVRational){1, t->sample_rate});
    else if (p->fmt->duration > 0)
        t->duration = av_rescale(p->fmt->duration, t->sample_rate, AV_TIME_BASE);
    read_layout(&p->dec->ch_layout, t);
    return 0;
}

int qc_lavf_source_open(QcAudioSource *s, const char *path, QcError *err)
{
    LavfImpl *p = calloc(1, sizeof(*p));
    if (!p)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    s->impl = p;
    s->ops = &lavf_ops;
    char msg[128];
    int ret = avformat_open_input(&p->fmt, path, NULL, NULL);
    if (ret < 0) {
        av_strerror(ret, msg, sizeof(msg));
        return qc_error_set(err, QC_ERR_INVALID_DATA, "%s: not a media file FFmpeg can open (%s)",
                            path, msg);
    }
    if (avformat_find_stream_info(p->fmt, NULL) < 0)
        return qc_error_set(err, QC_ERR_INVALID_DATA, "%s: cannot read stream information", path);
    p->stream = av_find_best_stream(p->fmt, AVMEDIA_TYPE_AUDIO, -1, -1, NULL, 0);
    if (p->stream < 0)
        return qc_error_set(err, QC_ERR_UNSUPPORTED, "%s: no audio stream", path);
    p->pkt = av_packet_alloc();
    p->frame = av_frame_alloc();
    if (!p->pkt || !p->frame)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    return open_decoder(s, p, path, err);
}
