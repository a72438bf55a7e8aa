// SPDX-License-Identifier: MIT
#include "engine/codec/audio_source.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int check_limits(const QcTrackInfo *t, const char *path, QcError *err)
{
    if (t->channels < 1 || t->channels > QC_MAX_CHANNELS)
        return qc_error_set(err, QC_ERR_LIMIT, "%s: %d channels is outside 1..%d", path,
                            t->channels, QC_MAX_CHANNELS);
    if (t->sample_rate < 1000 || t->sample_rate > QC_MAX_SAMPLE_RATE)
        return qc_error_set(err, QC_ERR_LIMIT, "%s: sample rate %d Hz is outside 1000..%d", path,
                            t->sample_rate, QC_MAX_SAMPLE_RATE);
    return 0;
}

int qc_audio_source_open(QcAudioSource **out, const char *path, unsigned cpu_flags, QcError *err)
{
    *out = NULL;
    struct stat st;
    if (stat(path, &st) != 0)
        return qc_error_set(err, QC_ERR_IO, "%s: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return qc_error_set(err, QC_ERR_IO, "%s: not a regular file", path);
    if (st.st_size == 0)
        return qc_error_set(err, QC_ERR_INVALID_DATA, "%s: the file is empty", path);

    QcAudioSource *s = calloc(1, sizeof(*s));
    if (!s)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    s->cpu_flags = cpu_flags;
    s->info.kind = QC_MEDIA_AUDIO;
    s->info.duration = -1;

    QcError probe;
    qc_error_clear(&probe);
    int ret = qc_mxf_source_open(s, path, &probe);
    if (ret == QC_ERR_UNSUPPORTED) {
        if (s->ops && s->ops->close)
            s->ops->close(s);
        s->ops = NULL;
        memset(&s->info, 0, sizeof(s->info));
        s->info.kind = QC_MEDIA_AUDIO;
        s->info.duration = -1;
        qc_error_clear(&probe);
        ret = qc_sndfile_source_open(s, path, &probe);
    }
    if (ret == QC_ERR_UNSUPPORTED) {
        /* keep libsndfile's reason: for a damaged WAV it says more than FFmpeg does */
        char snd_msg[sizeof(probe.msg)];
        snprintf(snd_msg, sizeof(snd_msg), "%s", probe.msg);
        if (s->ops && s->ops->close)
            s->ops->close(s);
        s->ops = NULL;
        qc_error_clear(&probe);
        ret = qc_lavf_source_open(s, path, &probe);
        if (ret == QC_ERR_INVALID_DATA) {
            char lavf_msg[sizeof(probe.msg)];
            snprintf(lavf_msg, sizeof(lavf_msg), "%s", probe.msg);
            qc_error_clear(&probe);
            /* libsndfile's message starts with the path, which lavf_msg already names */
            const char *reason = snd_msg;
            size_t plen = strlen(path);
            if (!strncmp(snd_msg, path, plen) && strlen(snd_msg) >= plen + 2)
                reason = snd_msg + plen + 2;
            qc_error_set(&probe, ret, "%.300s (libsndfile: %.150s)", lavf_msg, reason);
        }
    }
    if (ret == 0)
        ret = check_limits(&s->info, path, &probe);
    if (ret < 0) {
        qc_error_set(err, ret, "%s", probe.msg);
        qc_audio_source_close(&s);
        return ret;
    }
    *out = s;
    return 0;
}

/* Floating-point files can hold NaN and infinities, which no analyzer can measure: they are
 * counted, replaced by silence, and reported once. */
static void sanitize(QcAudioSource *s, float *x, int frames)
{
    size_t n = (size_t)frames * (size_t)s->info.channels;
    for (size_t i = 0; i < n; i++) {
        if (isfinite(x[i]))
            continue;
        int64_t at = s->delivered + (int64_t)(i / (size_t)s->info.channels);
        if (!s->nonfinite++)
            s->nonfinite_first = at;
        s->nonfinite_last = at;
        x[i] = 0.0f;
    }
}

int qc_audio_source_read(QcAudioSource *s, float *interleaved, int max_frames)
{
    int got = s->ops->read(s, interleaved, max_frames);
    if (got > 0) {
        if (s->info.is_float)
            sanitize(s, interleaved, got);
        s->delivered += got;
    }
    return got;
}

int qc_audio_source_seek(QcAudioSource *s, int64_t frame)
{
    if (!s->ops || !s->ops->seek)
        return QC_ERR_UNSUPPORTED;
    return frame < 0 ? 1 : s->ops->seek(s, frame);
}

int qc_audio_source_finish(QcAudioSource *s)
{
    if (s->ops && s->ops->finish) {
        int ret = s->ops->finish(s);
        if (ret < 0)
            return ret;
    }
    if (!s->nonfinite)
        return 0;
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_UNDECODABLE);
    f.start = s->nonfinite_first;
    f.duration = s->nonfinite_last - s->nonfinite_first + 1;
    qc_finding_message(&f,
                       "%lld samples are not numbers (NaN or infinite) between %.3f s and "
                       "%.3f s; they were measured as silence: re-render the file",
                       (long long)s->nonfinite, (double)s->nonfinite_first / s->info.sample_rate,
                       (double)s->nonfinite_last / s->info.sample_rate);
    qc_finding_detail_int(&f, "nonfinite_samples", s->nonfinite);
    s->nonfinite = 0;
    return qc_finding_list_add(&s->findings, &f);
}

void qc_audio_source_close(QcAudioSource **ps)
{
    QcAudioSource *s = *ps;
    if (!s)
        return;
    if (s->ops && s->ops->close)
        s->ops->close(s);
    qc_finding_list_free(&s->findings);
    free(s);
    *ps = NULL;
}
