// SPDX-License-Identifier: MIT
#include "engine/codec/lavf_video.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/pixdesc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct QcLavfVideo {
    AVFormatContext *fmt;
    AVCodecContext *dec;
    AVPacket *pkt;
    AVFrame *frame;
    int stream, eof, flushed;
    int64_t next_eu;
    QcTrackInfo info;
};

const QcTrackInfo *qc_lavf_video_info(const QcLavfVideo *v)
{
    return &v->info;
}

static int open_decoder(QcLavfVideo *v, int threads, const char *path, QcError *err)
{
    AVStream *st = v->fmt->streams[v->stream];
    const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
    if (!codec)
        return qc_error_set(err, QC_ERR_UNSUPPORTED, "%s: no decoder for %s", path,
                            avcodec_get_name(st->codecpar->codec_id));
    if (!(v->dec = avcodec_alloc_context3(codec)) ||
        avcodec_parameters_to_context(v->dec, st->codecpar) < 0)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    v->dec->thread_count = threads;
    if (avcodec_open2(v->dec, codec, NULL) < 0)
        return qc_error_set(err, QC_ERR_UNSUPPORTED, "%s: cannot open the %s decoder", path,
                            codec->name);
    QcTrackInfo *i = &v->info;
    AVRational rate = st->avg_frame_rate.num ? st->avg_frame_rate : st->r_frame_rate;
    i->kind = QC_MEDIA_VIDEO;
    i->rate_num = rate.num;
    i->rate_den = rate.den;
    i->width = v->dec->width;
    i->height = v->dec->height;
    const AVPixFmtDescriptor *pd = av_pix_fmt_desc_get(v->dec->pix_fmt);
    i->bits = pd ? pd->comp[0].depth : 0;
    i->full_range =
        v->dec->color_range == AVCOL_RANGE_JPEG || (pd && pd->flags & AV_PIX_FMT_FLAG_RGB);
    i->duration = st->nb_frames > 0 ? st->nb_frames : -1;
    snprintf(i->codec, sizeof(i->codec), "%s", codec->name);
    snprintf(i->container, sizeof(i->container), "%s", v->fmt->iformat->name);
    return 0;
}

int qc_lavf_video_open(QcLavfVideo **out, const char *path, int threads, QcError *err)
{
    *out = NULL;
    QcLavfVideo *v = calloc(1, sizeof(*v));
    if (!v)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    int ret = 0;
    if (avformat_open_input(&v->fmt, path, NULL, NULL) < 0 ||
        avformat_find_stream_info(v->fmt, NULL) < 0 ||
        (v->stream = av_find_best_stream(v->fmt, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0)) < 0 ||
        (v->fmt->streams[v->stream]->disposition & AV_DISPOSITION_ATTACHED_PIC))
        ret = qc_error_set(err, QC_ERR_UNSUPPORTED, "%s: no video stream", path);
    if (!ret && !((v->pkt = av_packet_alloc()) && (v->frame = av_frame_alloc())))
        ret = qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    if (!ret)
        ret = open_decoder(v, threads, path, err);
    if (ret < 0) {
        qc_lavf_video_close(&v);
        return ret;
    }
    *out = v;
    return 0;
}

/* Luma of one source row into @p y (values at the format's depth). */
static void luma_row(const AVFrame *f, const AVPixFmtDescriptor *pd, int row, uint16_t *y,
                     uint16_t *tmp)
{
    if (!(pd->flags & AV_PIX_FMT_FLAG_RGB)) {
        av_read_image_line2(y, (const uint8_t **)f->data, f->linesize, pd, 0, row, 0, f->width, 0,
                            2);
        return;
    }
    /* RGB: BT.709 weights, as the JPEG 2000 path's thumbnails use */
    uint16_t *r = tmp, *g = tmp + f->width, *b = tmp + 2 * f->width;
    av_read_image_line2(r, (const uint8_t **)f->data, f->linesize, pd, 0, row, 0, f->width, 0, 2);
    av_read_image_line2(g, (const uint8_t **)f->data, f->linesize, pd, 0, row, 1, f->width, 0, 2);
    av_read_image_line2(b, (const uint8_t **)f->data, f->linesize, pd, 0, row, 2, f->width, 0, 2);
    for (int x = 0; x < f->width; x++)
        y[x] = (uint16_t)((54u * r[x] + 183u * g[x] + 19u * b[x] + 128) >> 8);
}

static int thumbnail(const AVFrame *f, uint8_t *thumb, int max_side, int *tw, int *th)
{
    const AVPixFmtDescriptor *pd = av_pix_fmt_desc_get(f->format);
    if (!pd || f->width < 1 || f->height < 1 || (pd->flags & AV_PIX_FMT_FLAG_HWACCEL))
        return -1;
    int longest = f->width > f->height ? f->width : f->height;
    int factor = (longest + max_side - 1) / max_side;
    *tw = f->width / factor;
    *th = f->height / factor;
    int depth = pd->comp[0].depth;
    uint16_t *line = malloc(sizeof(uint16_t) * 4 * (size_t)f->width);
    uint32_t *acc = calloc((size_t)*tw, sizeof(uint32_t));
    if (!line || !acc) {
        free(line);
        free(acc);
        return QC_ERR_NOMEM;
    }
    uint32_t n = (uint32_t)factor * (uint32_t)factor, scale = depth > 8 ? 1u << (depth - 8) : 1;
    for (int ty = 0; ty < *th; ty++) {
        memset(acc, 0, sizeof(uint32_t) * (size_t)*tw);
        for (int k = 0; k < factor; k++) {
            luma_row(f, pd, ty * factor + k, line, line + f->width);
            for (int x = 0; x < *tw * factor; x++)
                acc[x / factor] += line[x];
        }
        for (int x = 0; x < *tw; x++) {
            uint32_t v = (acc[x] + n * scale / 2) / (n * scale);
            thumb[ty * *tw + x] = (uint8_t)(v > 255 ? 255 : v);
        }
    }
    free(line);
    free(acc);
    return 0;
}

/* Gives the decoder the stream's next packet, or the drain request once the file ends.
 * @return 0, or -1 when the decoder refused the packet */
static int feed(QcLavfVideo *v)
{
    if (v->eof) {
        avcodec_send_packet(v->dec, NULL);
        return 0;
    }
    if (av_read_frame(v->fmt, v->pkt) < 0) {
        v->eof = 1;
        return 0;
    }
    int ret = v->pkt->stream_index == v->stream ? avcodec_send_packet(v->dec, v->pkt) : 0;
    av_packet_unref(v->pkt);
    return ret < 0 ? -1 : 0;
}

int qc_lavf_video_next(QcLavfVideo *v, uint8_t *thumb, int max_side, int *tw, int *th, int64_t *eu,
                       char *msg, int msg_size)
{
    for (;;) {
        int ret = avcodec_receive_frame(v->dec, v->frame);
        if (ret == 0) {
            *eu = v->next_eu++;
            int t = thumbnail(v->frame, thumb, max_side, tw, th);
            av_frame_unref(v->frame);
            if (t == QC_ERR_NOMEM)
                return t;
            if (t < 0)
                snprintf(msg, (size_t)msg_size, "pixel format not read by the engine");
            return t < 0 ? 2 : 1;
        }
        if (ret == AVERROR_EOF)
            return 0;
        if (ret != AVERROR(EAGAIN)) {
            *eu = v->next_eu++;
            av_strerror(ret, msg, (size_t)msg_size);
            return 2;
        }
        if (feed(v) < 0) {
            *eu = v->next_eu++;
            snprintf(msg, (size_t)msg_size, "FFmpeg could not decode the packet");
            return 2;
        }
    }
}

void qc_lavf_video_close(QcLavfVideo **pv)
{
    QcLavfVideo *v = *pv;
    if (!v)
        return;
    avcodec_free_context(&v->dec);
    avformat_close_input(&v->fmt);
    av_packet_free(&v->pkt);
    av_frame_free(&v->frame);
    free(v);
    *pv = NULL;
}

/* The decoded frame's components as int32 planes (the layout qc_picture_to_rgb24 reads). */
static int frame_to_picture(const AVFrame *f, QcPicture *pic, int *rgb)
{
    const AVPixFmtDescriptor *pd = av_pix_fmt_desc_get(f->format);
    if (!pd || f->width < 1 || f->height < 1 || (pd->flags & AV_PIX_FMT_FLAG_HWACCEL))
        return 1;
    memset(pic, 0, sizeof(*pic));
    pic->width = f->width;
    pic->height = f->height;
    pic->planes = pd->nb_components < 3 ? 1 : 3;
    pic->bits = pd->comp[0].depth;
    *rgb = (pd->flags & AV_PIX_FMT_FLAG_RGB) != 0;
    for (int k = 0; k < pic->planes; k++) {
        int chroma = k > 0 && !*rgb;
        pic->dx[k] = chroma ? 1 << pd->log2_chroma_w : 1;
        pic->dy[k] = chroma ? 1 << pd->log2_chroma_h : 1;
        pic->w[k] = AV_CEIL_RSHIFT(f->width, chroma ? pd->log2_chroma_w : 0);
        pic->h[k] = AV_CEIL_RSHIFT(f->height, chroma ? pd->log2_chroma_h : 0);
        int32_t *p = malloc(sizeof(int32_t) * (size_t)pic->w[k] * (size_t)pic->h[k]);
        if (!p) {
            qc_lavf_picture_free(pic);
            return QC_ERR_NOMEM;
        }
        pic->plane[k] = p;
        for (int y = 0; y < pic->h[k]; y++)
            av_read_image_line2(p + (size_t)y * (size_t)pic->w[k], (const uint8_t **)f->data,
                                f->linesize, pd, 0, y, k, pic->w[k], 0, 4);
    }
    return 0;
}

void qc_lavf_picture_free(QcPicture *pic)
{
    for (int k = 0; k < QC_J2K_MAX_PLANES; k++)
        free((void *)pic->plane[k]);
    memset(pic, 0, sizeof(*pic));
}

int qc_lavf_video_picture_at(QcLavfVideo *v, int64_t eu, QcPicture *pic, int *rgb)
{
    AVStream *st = v->fmt->streams[v->stream];
    AVRational rate = {v->info.rate_num, v->info.rate_den};
    if (rate.num <= 0 || rate.den <= 0)
        return 1;
    int64_t start = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
    int64_t want = start + av_rescale_q(eu, av_inv_q(rate), st->time_base);
    if (av_seek_frame(v->fmt, v->stream, want, AVSEEK_FLAG_BACKWARD) < 0)
        return 1;
    avcodec_flush_buffers(v->dec);
    v->eof = 0;
    /* decode forward from the key frame before it; a bound on packets, in case it never comes */
    for (int guard = 0; guard < 100000; guard++) {
        int ret = avcodec_receive_frame(v->dec, v->frame);
        if (ret == 0) {
            int64_t ts = v->frame->best_effort_timestamp;
            int64_t at =
                ts == AV_NOPTS_VALUE ? -1 : av_rescale_q(ts - start, st->time_base, av_inv_q(rate));
            if (at < eu) {
                av_frame_unref(v->frame);
                continue;
            }
            int got = at == eu ? frame_to_picture(v->frame, pic, rgb) : 1;
            av_frame_unref(v->frame);
            return got;
        }
        if (ret == AVERROR_EOF || (ret != AVERROR(EAGAIN)))
            return 1;
        feed(v); /* a packet that will not decode: the frame after it may still come */
    }
    return 1;
}
