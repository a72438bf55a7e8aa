// SPDX-License-Identifier: MIT
#include "engine/codec/video_source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/mxf/imf_rules.h"
#include "engine/mxf/ul.h"

static const uint8_t j2k_coding[14] = {0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01, 0x01,
                                       0x01, 0x04, 0x01, 0x02, 0x02, 0x03, 0x01};

static const QcMxfTrack *picture_track(const QcMxfPackage *fp)
{
    for (int i = 0; fp && i < fp->nb_tracks; i++)
        if (fp->tracks[i].kind == QC_MXF_TRACK_PICTURE)
            return &fp->tracks[i];
    return NULL;
}

/* The track info the analyzers see: frame rate, size, duration, range. */
static void describe(QcVideoSource *s, const QcMxfTrack *t)
{
    QcTrackInfo *i = &s->info;
    const QcMxfPictureInfo *p = &s->picture;
    i->kind = QC_MEDIA_VIDEO;
    i->rate_num = t->rate_num;
    i->rate_den = t->rate_den;
    /* seconds in the report come from sample_rate for audio; video keeps it 0 */
    i->width = (int)p->stored_width;
    i->height = (int)p->stored_height;
    i->full_range = p->rgba;
    i->bits = (int)p->component_depth;
    i->channels = 0;
    i->duration = s->frames;
    snprintf(i->codec, sizeof(i->codec), "jpeg2000");
    snprintf(i->container, sizeof(i->container), "mxf");
    qc_uuid_format(s->model.file_package->umid + 16, i->id, sizeof(i->id));
}

int qc_video_source_open(QcVideoSource **out, const char *path, QcError *err)
{
    *out = NULL;
    QcVideoSource *s = calloc(1, sizeof(*s));
    if (!s)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    QcError oe;
    qc_error_clear(&oe);
    int ret = qc_mxf_open(&s->mxf, path, &oe);
    if (ret == 0)
        ret = qc_mxf_resolve(s->mxf, &s->model);
    if (ret == 0)
        ret = qc_mxf_check_imf(s->mxf, &s->model);
    const QcMxfTrack *t = ret == 0 ? picture_track(s->model.file_package) : NULL;
    const QcMxfSet *d = t ? qc_mxf_track_descriptor(s->mxf, s->model.file_package, t) : NULL;
    if (ret == QC_ERR_INVALID_DATA ||
        (ret == 0 && (!d || qc_mxf_picture_info(s->mxf, d, &s->picture) < 0 ||
                      !s->picture.has_coding || !qc_ul_prefix(s->picture.coding, j2k_coding, 14))))
        ret = QC_ERR_UNSUPPORTED;
    if (ret < 0) {
        /* an MXF picture track in another coding: say which, the caller may report it */
        char coding[64] = "no coding label";
        if (ret == QC_ERR_UNSUPPORTED && d && s->picture.has_coding)
            qc_ul_format(s->picture.coding, coding, sizeof(coding));
        if (ret == QC_ERR_UNSUPPORTED && d)
            qc_error_set(err, ret,
                         "%s: the MXF picture essence (%s) is not JPEG 2000, which is "
                         "what this engine decodes",
                         path, coding);
        else
            qc_error_set(err, ret, "%s: %s", path,
                         ret == QC_ERR_UNSUPPORTED ? "no JPEG 2000 picture track" : oe.msg);
        qc_video_source_close(&s);
        return ret;
    }
    s->stream = (QcMxfStream){s->model.index_sid, s->model.body_sid, t->number};
    s->frames = qc_mxf_index_duration(s->mxf, s->model.index_sid);
    if (s->frames <= 0 && t->duration > 0)
        s->frames = t->duration;
    describe(s, t);
    for (int k = 0; k < s->model.file_package->nb_tracks; k++)
        s->has_sound |= s->model.file_package->tracks[k].kind == QC_MXF_TRACK_SOUND;
    ret = qc_finding_list_extend(&s->findings, &s->mxf->findings);
    qc_finding_list_free(&s->mxf->findings);
    *out = s;
    return ret < 0 ? qc_error_set(err, ret, "out of memory") : 0;
}

int qc_video_source_read(QcVideoSource *s, int64_t eu, uint8_t **buf, size_t *cap, size_t *size,
                         char *why, size_t why_size)
{
    QcMxfUnit u;
    int ret = qc_mxf_locate_unit(s->mxf, &s->stream, eu, &u);
    if (ret == 1 || ret == 2) {
        snprintf(why, why_size,
                 ret == 1 ? "the index does not give frame %lld"
                          : "the index points where frame %lld has no essence",
                 (long long)eu);
        return 1;
    }
    if (ret < 0)
        return ret;
    if (u.size <= 0 || u.size > QC_VIDEO_MAX_FRAME_BYTES) {
        snprintf(why, why_size, "frame %lld is %lld bytes long", (long long)eu, (long long)u.size);
        return 1;
    }
    if ((size_t)u.size > *cap) {
        uint8_t *n = realloc(*buf, (size_t)u.size);
        if (!n)
            return QC_ERR_NOMEM;
        *buf = n;
        *cap = (size_t)u.size;
    }
    ret = qc_file_pread(s->mxf->file, *buf, (size_t)u.size, u.value_offset);
    if (ret == QC_ERR_INVALID_DATA) {
        snprintf(why, why_size, "frame %lld runs past the end of the file", (long long)eu);
        return 1;
    }
    *size = (size_t)u.size;
    return ret;
}

void qc_video_source_close(QcVideoSource **ps)
{
    QcVideoSource *s = *ps;
    if (!s)
        return;
    qc_mxf_close(&s->mxf);
    qc_finding_list_free(&s->findings);
    free(s);
    *ps = NULL;
}
