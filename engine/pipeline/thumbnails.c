// SPDX-License-Identifier: MIT
#include "engine/pipeline/thumbnails.h"

#include <stdlib.h>
#include <string.h>

#include "engine/codec/j2k/j2k.h"
#include "engine/codec/lavf_video.h"
#include "engine/codec/picture_rgb.h"
#include "engine/codec/video_source.h"
#include "engine/core/grow.h"
#include "engine/io/base64.h"

void qc_thumbnail_default_settings(QcThumbnailSettings *s)
{
    *s = (QcThumbnailSettings){24, 48, 320, 160, NULL};
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Distinct frames of the video findings on track @p t, the earliest @p max of them. */
static int finding_frames(const QcReport *r, int t, int max, int64_t **out, int *n)
{
    int64_t *eu = malloc(sizeof(*eu) * (r->findings.count + 1));
    if (!eu)
        return QC_ERR_NOMEM;
    int k = 0;
    int64_t frames = r->tracks[t].info.duration;
    for (size_t i = 0; i < r->findings.count; i++) {
        const QcFinding *f = &r->findings.items[i];
        if (f->track == t && f->start >= 0 && (frames < 0 || f->start < frames))
            eu[k++] = f->start;
    }
    qsort(eu, (size_t)k, sizeof(*eu), cmp_i64);
    int d = 0;
    for (int i = 0; i < k; i++)
        if (!d || eu[d - 1] != eu[i])
            eu[d++] = eu[i];
    *out = eu;
    *n = d < max ? d : max;
    return 0;
}

/* The shot list, thinned evenly to @p max frames when longer. */
static int scene_frames(const QcReport *r, int t, int max, int64_t **out, int *n)
{
    const QcMetric *m = qc_metrics_get(&r->tracks[t].metrics, "", "scene_changes");
    size_t count = m && m->kind == QC_METRIC_INTS ? m->count : 0;
    int64_t *eu = malloc(sizeof(*eu) * ((size_t)max + 1));
    if (!eu)
        return QC_ERR_NOMEM;
    int k = 0;
    eu[k++] = 0; /* the first shot starts at frame 0, which the shot list leaves out */
    for (int i = 0; i < max - 1 && (size_t)i < count; i++) {
        size_t pick = count <= (size_t)max - 1 ? (size_t)i : (size_t)i * count / ((size_t)max - 1);
        eu[k++] = m->i[pick];
    }
    *out = eu;
    *n = k;
    return 0;
}

/* Levels to discard so the decoded width stays at or above @p width. */
static int reduce_for(const QcJ2kInfo *info, int width)
{
    int r = 0;
    uint32_t w = info->xsiz - info->xosiz;
    while (r < info->levels && (int)(w >> (r + 1)) >= width)
        r++;
    return r;
}

/* A source of pictures by edit unit: the engine's JPEG 2000 MXF reader, or FFmpeg. */
typedef struct PicSource {
    QcVideoSource *mxf;
    QcLavfVideo *lavf;
    const QcTrackInfo *info;
    uint8_t *buf;
    size_t cap;
} PicSource;

/* The RGB thumbnail of a decoded picture, as base64 PNG in @p th. */
static int encode_thumbnail(const QcPicture *pic, int rgb, int full_range, QcThumbnail *th,
                            int width)
{
    uint8_t *pixels = NULL, *png = NULL;
    size_t png_size = 0;
    int ret = qc_picture_to_rgb24(pic, rgb, full_range, width, &pixels, &th->width, &th->height);
    if (!ret)
        ret = qc_png_encode_rgb24(pixels, th->width, th->height, &png, &png_size);
    if (!ret && !(th->png_base64 = qc_base64(png, png_size)))
        ret = QC_ERR_NOMEM;
    free(pixels);
    free(png);
    return ret == QC_ERR_NOMEM ? ret : 0;
}

static int make_one_lavf(PicSource *ps, QcThumbnail *th, int width)
{
    QcPicture pic;
    int rgb = 0;
    int ret = qc_lavf_video_picture_at(ps->lavf, th->edit_unit, &pic, &rgb);
    if (ret != 0)
        return ret == QC_ERR_NOMEM ? ret : 0;
    ret = encode_thumbnail(&pic, rgb, ps->info->full_range, th, width);
    qc_lavf_picture_free(&pic);
    return ret;
}

/* Decodes one frame into @p th's picture; leaves it empty when the frame will not decode. */
static int make_one(PicSource *ps, QcThumbnail *th, int width)
{
    if (ps->lavf)
        return make_one_lavf(ps, th, width);
    QcVideoSource *src = ps->mxf;
    uint8_t **buf = &ps->buf;
    size_t *cap = &ps->cap;
    size_t size = 0;
    char why[256];
    if (qc_video_source_read(src, th->edit_unit, buf, cap, &size, why, sizeof(why)) != 0)
        return 0;
    QcJ2kReport rep;
    qc_j2k_validate(*buf, size, &rep);
    size_t off = rep.info.codestream_offset;
    if (off >= size)
        return 0;
    QcJ2kLimits lim = {(uint32_t)src->info.width, (uint32_t)src->info.height, 0};
    QcPicture pic;
    int st = qc_j2k_decode(*buf + off, size - off, reduce_for(&rep.info, width), &lim, &pic, why,
                           sizeof(why));
    if (st == QC_ERR_NOMEM)
        return st;
    if (st != QC_J2K_DECODED && st != QC_J2K_DAMAGED)
        return 0;
    /* JPEG 2000 in IMF: RGB when full range without subsampling, else Y'CbCr */
    int rgb = pic.planes >= 3 && src->info.full_range && pic.dx[1] <= 1 && pic.dy[1] <= 1;
    int ret = encode_thumbnail(&pic, rgb, src->info.full_range, th, width);
    qc_picture_free(&pic);
    return ret;
}

static int add_frames(QcReport *r, PicSource *ps, int t, const int64_t *eu, int n, int scene,
                      int width, const QcThumbnailSettings *s)
{
    int ret = 0;
    const QcTrackInfo *in = ps->info;
    for (int i = 0; i < n && !ret; i++) {
        if (s->cancel && *s->cancel)
            break;
        ret = qc_grow((void **)&r->thumbnails, &r->thumbnails_cap, (size_t)r->nb_thumbnails + 1,
                      sizeof(*r->thumbnails));
        if (ret)
            break;
        QcThumbnail *th = &r->thumbnails[r->nb_thumbnails++];
        /* the size it would have: a frame that does not decode keeps its place in the page */
        *th = (QcThumbnail){.track = t, .edit_unit = eu[i], .scene = scene, .width = width,
                            .height = in->width > 0 ? width * in->height / in->width : width * 9 / 16};
        ret = make_one(ps, th, width);
    }
    return ret;
}

static int open_pictures(PicSource *ps, const char *path)
{
    QcError oerr;
    qc_error_clear(&oerr);
    int ret = qc_video_source_open(&ps->mxf, path, &oerr);
    if (!ret) {
        ps->info = &ps->mxf->info;
        return 0;
    }
    if (ret != QC_ERR_UNSUPPORTED)
        return ret;
    qc_error_clear(&oerr);
    ret = qc_lavf_video_open(&ps->lavf, path, 1, &oerr);
    if (!ret)
        ps->info = qc_lavf_video_info(ps->lavf);
    return ret;
}

static int track_thumbnails(QcReport *r, int t, const QcThumbnailSettings *s)
{
    PicSource ps = {0};
    int ret = open_pictures(&ps, r->tracks[t].path);
    if (ret < 0)
        return ret == QC_ERR_NOMEM ? ret : 0;
    int64_t *eu = NULL;
    int n = 0;
    ret = finding_frames(r, t, s->max_findings, &eu, &n);
    if (!ret)
        ret = add_frames(r, &ps, t, eu, n, 0, s->finding_width, s);
    free(eu);
    eu = NULL;
    if (!ret && s->max_scenes > 0)
        ret = scene_frames(r, t, s->max_scenes, &eu, &n);
    if (!ret && eu)
        ret = add_frames(r, &ps, t, eu, n, 1, s->scene_width, s);
    free(eu);
    free(ps.buf);
    qc_video_source_close(&ps.mxf);
    qc_lavf_video_close(&ps.lavf);
    return ret;
}

int qc_report_add_thumbnails(QcReport *r, const QcThumbnailSettings *s, QcError *err)
{
    for (int t = 0; t < r->nb_tracks; t++) {
        const QcTrackReport *tr = &r->tracks[t];
        if (!tr->opened || tr->info.kind != QC_MEDIA_VIDEO || !tr->path)
            continue;
        int ret = track_thumbnails(r, t, s);
        if (ret < 0)
            return qc_error_set(err, ret, "%s: thumbnails: %s", tr->path, qc_strerror(ret));
    }
    return 0;
}
