// SPDX-License-Identifier: MIT
/* PNG through libavcodec's encoder: the report's thumbnails need no image library of their own. */
#include <libavcodec/avcodec.h>
#include <stdlib.h>
#include <string.h>

#include "engine/codec/picture_rgb.h"
#include "engine/core/error.h"

static int encode(AVCodecContext *c, AVFrame *fr, AVPacket *pkt, uint8_t **png, size_t *size)
{
    if (avcodec_send_frame(c, fr) < 0 || avcodec_send_frame(c, NULL) < 0 ||
        avcodec_receive_packet(c, pkt) < 0)
        return QC_ERR_INTERNAL;
    if (!(*png = malloc((size_t)pkt->size)))
        return QC_ERR_NOMEM;
    memcpy(*png, pkt->data, (size_t)pkt->size);
    *size = (size_t)pkt->size;
    return 0;
}

int qc_png_encode_rgb24(const uint8_t *rgb, int w, int h, uint8_t **png, size_t *size)
{
    const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_PNG);
    if (!codec)
        return QC_ERR_UNSUPPORTED;
    AVCodecContext *c = avcodec_alloc_context3(codec);
    AVFrame *fr = av_frame_alloc();
    AVPacket *pkt = av_packet_alloc();
    int ret = c && fr && pkt ? 0 : QC_ERR_NOMEM;
    if (!ret) {
        c->width = w;
        c->height = h;
        c->pix_fmt = AV_PIX_FMT_RGB24;
        c->time_base = (AVRational){1, 25};
        c->thread_count = 1;
        fr->format = AV_PIX_FMT_RGB24;
        fr->width = w;
        fr->height = h;
        if (avcodec_open2(c, codec, NULL) < 0 || av_frame_get_buffer(fr, 0) < 0)
            ret = QC_ERR_NOMEM;
    }
    for (int y = 0; !ret && y < h; y++)
        memcpy(fr->data[0] + (size_t)y * (size_t)fr->linesize[0], rgb + (size_t)y * (size_t)w * 3,
               (size_t)w * 3);
    if (!ret)
        ret = encode(c, fr, pkt, png, size);
    av_packet_free(&pkt);
    av_frame_free(&fr);
    avcodec_free_context(&c);
    return ret;
}
