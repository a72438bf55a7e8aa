// SPDX-License-Identifier: MIT
/*
 * What the package needs from each track file, read through the engine's own MXF reader: the file
 * package's material number (the track file Id, primer §5.4), the essence track's rate and
 * duration, and the RegXML form of its descriptor; and, for package assets, size and SHA-1.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/imf/regxml.h"
#include "engine/io/sha1.h"
#include "engine/mxf/model.h"
#include "imp.h"
#include "synth_cmd.h"

/* An ASSETMAP path the writer will put its name to: the ST 429-9 Annex A character set, no "." or
 * ".." segment (primer §8.3). A defect is only ever written on purpose, through --defect. */
static int path_ok(const char *rel)
{
    const char *seg = rel;
    for (const char *p = rel;; p++) {
        if (*p == '/' || !*p) {
            const size_t n = (size_t)(p - seg);
            if (!n || (n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
                return 0;
            if (!*p)
                return 1;
            seg = p + 1;
        } else if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-",
                           *p)) {
            return 0;
        }
    }
}

/* Canonical path of @p path without resolving its last component, so a symlink placed in DIR counts
 * as in DIR (its target is what the package then carries). */
static char *canonical(const char *path)
{
    char *a = strdup(path), *b = strdup(path);
    char *dir = a ? realpath(dirname(a), NULL) : NULL;
    char *out = dir && b ? qc_imp_join(dir, basename(b)) : NULL;
    free(dir);
    free(a);
    free(b);
    return out;
}

/* Where the file sits: in DIR (a package asset, with its relative path) or elsewhere (CPL only). */
static int locate(const QcImp *imp, QcImpFile *f)
{
    struct stat st;
    if (stat(f->path, &st))
        return qc_mxfw_cmd_die("%s: %s", f->path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return qc_mxfw_cmd_die("%s: not a regular file", f->path);
    if (!(f->real = canonical(f->path)))
        return qc_mxfw_cmd_die("%s: %s", f->path, strerror(errno ? errno : ENOMEM));
    /* DIR "/" is the one canonical path that ends in '/' */
    const size_t n = strlen(imp->dir_real), skip = imp->dir_real[n - 1] == '/' ? n : n + 1;
    if (strncmp(f->real, imp->dir_real, n) || (skip > n && f->real[n] != '/'))
        return 0;
    const char *rel = f->real + skip;
    if (!path_ok(rel))
        return qc_mxfw_cmd_die(
            "%s: '%s' cannot be an ASSETMAP path (letters, digits, '.', '_', '-' only)", f->path,
            rel);
    if (!(f->rel = strdup(rel)))
        return qc_mxfw_cmd_die("out of memory");
    return 0;
}

static const QcMxfTrack *essence_track(const QcMxfPackage *p, const QcImpKind kind)
{
    const QcMxfTrackKind want = kind == QC_IMP_PICTURE ? QC_MXF_TRACK_PICTURE : QC_MXF_TRACK_SOUND;
    for (int i = 0; p && i < p->nb_tracks; i++)
        if (p->tracks[i].kind == want)
            return &p->tracks[i];
    return NULL;
}

/* Rate and IntrinsicDuration in the resource's edit units: frames for pictures; for audio, samples
 * at the sample rate, whatever edit rate the file's track uses (ST 2067-2 resources count samples).
 */
static int timing(QcImpFile *f, const QcMxfTrack *t, const QcMxfSet *d)
{
    int64_t dur = t->duration;
    if (dur < 0 && qc_mxf_get_int(d, "ContainerDuration", &dur))
        return qc_mxfw_cmd_die("%s: the track's duration is unknown", f->path);
    if (t->rate_num <= 0 || t->rate_den <= 0)
        return qc_mxfw_cmd_die("%s: the track has no edit rate", f->path);
    f->rate = (QcImpRational){t->rate_num, t->rate_den};
    f->duration = dur;
    if (f->kind == QC_IMP_PICTURE)
        return 0;
    int32_t num, den;
    if (qc_mxf_get_rational(d, "AudioSamplingRate", &num, &den) || num <= 0 || den <= 0)
        return qc_mxfw_cmd_die("%s: the sound descriptor has no AudioSamplingRate", f->path);
    if (qc_mxf_get_rational(d, "ReferenceImageEditRate", &f->ref_rate.num, &f->ref_rate.den) ||
        f->ref_rate.num <= 0 || f->ref_rate.den <= 0)
        f->ref_rate = (QcImpRational){0, 0};
    /* 128-bit products: no product of two 32-bit rates and a duration can overflow */
    const __int128 p = (__int128)dur * num * t->rate_den, q = (__int128)den * t->rate_num;
    if (p % q)
        return qc_mxfw_cmd_die(
            "%s: %lld edit units at %d/%d are not a whole number of samples at %d/%d", f->path,
            (long long)dur, t->rate_num, t->rate_den, num, den);
    f->rate = (QcImpRational){num, den};
    f->duration = (int64_t)(p / q);
    return 0;
}

static int describe(QcImpFile *f, QcMxf *m, xmlDocPtr doc)
{
    QcMxfModel model;
    if (qc_mxf_resolve(m, &model))
        return qc_mxfw_cmd_die("%s: out of memory", f->path);
    const QcMxfPackage *fp = model.file_package;
    const QcMxfTrack *t = essence_track(fp, f->kind);
    if (!t)
        return qc_mxfw_cmd_die("%s: no %s track in the file package", f->path,
                               f->kind == QC_IMP_PICTURE ? "picture" : "sound");
    const QcMxfSet *d = qc_mxf_track_descriptor(m, fp, t);
    if (!d)
        d = fp->descriptor;
    if (!d)
        return qc_mxfw_cmd_die("%s: the file package has no essence descriptor", f->path);
    memcpy(f->id, fp->umid + 16, 16);
    int r = timing(f, t, d);
    if (r)
        return r;
    QcError err;
    qc_error_clear(&err);
    if (qc_regxml_descriptor(m, d, doc, &f->descriptor, &err) < 0)
        return qc_mxfw_cmd_die("%s: RegXML descriptor: %s", f->path,
                               err.msg[0] ? err.msg : qc_strerror(err.code));
    return 0;
}

int qc_imp_track_open(QcImp *imp, QcImpFile *f, const char *path, const QcImpKind kind,
                      xmlDocPtr doc)
{
    memset(f, 0, sizeof(*f));
    f->kind = kind;
    if (!(f->path = strdup(path)))
        return qc_mxfw_cmd_die("out of memory");
    int r = locate(imp, f);
    if (r)
        return r;
    QcError err;
    qc_error_clear(&err);
    QcMxf *m = NULL;
    if (qc_mxf_open(&m, path, &err) < 0)
        return qc_mxfw_cmd_die("%s", err.msg[0] ? err.msg : qc_strerror(err.code));
    r = describe(f, m, doc);
    qc_mxf_close(&m);
    return r;
}

void qc_imp_track_free(QcImpFile *f)
{
    free(f->path);
    free(f->real);
    free(f->rel);
    xmlFreeNode(f->descriptor);
    memset(f, 0, sizeof(*f));
}

int qc_imp_digest(const char *path, int64_t *size, char hash[QC_IMP_B64_SIZE])
{
    const int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st)) {
        const int e = errno;
        if (fd >= 0)
            close(fd);
        return qc_mxfw_cmd_die("%s: %s", path, strerror(e));
    }
    uint8_t d[QC_SHA1_SIZE];
    QcError err;
    qc_error_clear(&err);
    const int r = qc_sha1_fd(fd, d, NULL, &err);
    close(fd);
    if (r < 0)
        return qc_mxfw_cmd_die("%s: %s", path, err.msg[0] ? err.msg : qc_strerror(r));
    *size = (int64_t)st.st_size;
    qc_sha1_to_base64(d, hash);
    return 0;
}
