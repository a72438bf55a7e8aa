// SPDX-License-Identifier: MIT
#include "engine/codec/audio_source.h"

#include <errno.h>
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

int qc_audio_source_open(QcAudioSource **out, const char *path, unsigned cpu_flags,
                         QcError *err)
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
    int ret = qc_sndfile_source_open(s, path, &probe);
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

int qc_audio_source_read(QcAudioSource *s, float *interleaved, int max_frames)
{
    return s->ops->read(s, interleaved, max_frames);
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
