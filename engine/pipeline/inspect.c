// SPDX-License-Identifier: MIT
#include "engine/pipeline/inspect.h"
#include "engine/pipeline/inspect_internal.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/codec/audio_source.h"
#include "engine/codec/lavf_video.h"
#include "engine/codec/video_source.h"
#include "engine/core/grow.h"
#include "engine/imf/package.h"
#include "engine/io/name_uuid.h"
#include "engine/pipeline/audio_pipeline.h"
#include "engine/pipeline/sound_beside.h"
#include "kernels/cpu.h"

void qc_inspect_default_settings(QcInspectSettings *s)
{
    memset(s, 0, sizeof(*s));
    s->threads = 1;
    s->cpu_flags = qc_cpu_flags();
}

/* Whether @p name is an item of the comma-separated @p list. */
static int list_has(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; p && *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && !strncmp(p, name, n))
            return 1;
        p = e ? e + 1 : NULL;
    }
    return 0;
}

int qc_inspect_selected(const QcInspectSettings *s, const QcAnalyzer *a)
{
    return (!s->only || list_has(s->only, a->name)) && !list_has(s->skip, a->name);
}

static const QcAnalyzer *find(const QcInspectSettings *s, const char *name, size_t len)
{
    for (const QcAnalyzer *const *a = s->analyzers; *a; a++)
        if (strlen((*a)->name) == len && !strncmp((*a)->name, name, len))
            return *a;
    return NULL;
}

static int validate_list(const QcInspectSettings *s, const char *list, const char *what,
                         QcError *err)
{
    for (const char *p = list; p && *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (!find(s, p, len))
            return qc_error_set(err, QC_ERR_INVAL,
                                "%s: unknown analyzer \"%.*s\" (see `imfqc "
                                "analyzers`)",
                                what, (int)len, p);
        p = e ? e + 1 : NULL;
    }
    return 0;
}

/* "a, b, c": what a message offers instead of a name it did not know. */
static const char *analyzer_names(const QcInspectSettings *s, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = 0;
    for (const QcAnalyzer *const *a = s->analyzers; *a && n < size; a++)
        n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", (*a)->name);
    return buf;
}

static const char *option_names(const QcOption *opts, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = 0;
    for (const QcOption *o = opts; o && o->name && n < size; o++)
        n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", o->name);
    return buf;
}

/* The option one profile override sets, after checking the value against the option's type and
 * range; the message names the profile file and the key path, as a person wrote it. */
static int check_override(const QcInspectSettings *s, const QcAnalyzer *a,
                          const QcProfileOverride *o, const QcOption **out, QcError *err)
{
    char where[300], names[512];
    qc_profile_where(s->profile, where, sizeof(where));
    const QcOption *opt = qc_option_find(a->options, o->option);
    const double v = o->value;
    if (!opt && !a->options)
        return qc_error_set(err, QC_ERR_INVAL, "%s: analyzers.%s.%s: %s has no options", where,
                            a->name, o->option, a->name);
    if (!opt)
        return qc_error_set(err, QC_ERR_INVAL, "%s: analyzers.%s.%s: unknown option of %s (%s)",
                            where, a->name, o->option, a->name,
                            option_names(a->options, names, sizeof(names)));
    if (opt->type == QC_OPT_BOOL && !o->boolean && v != 0 && v != 1)
        return qc_error_set(err, QC_ERR_INVAL, "%s: analyzers.%s.%s: must be true or false, not %g",
                            where, a->name, o->option, v);
    if (opt->type != QC_OPT_BOOL && o->boolean)
        return qc_error_set(err, QC_ERR_INVAL,
                            "%s: analyzers.%s.%s: must be a number, not a boolean", where, a->name,
                            o->option);
    if (!isfinite(v) || v < opt->min || v > opt->max)
        return qc_error_set(err, QC_ERR_INVAL, "%s: analyzers.%s.%s: %g is out of range [%g, %g]",
                            where, a->name, o->option, v, opt->min, opt->max);
    if (opt->type == QC_OPT_INT && v != floor(v))
        return qc_error_set(err, QC_ERR_INVAL, "%s: analyzers.%s.%s: %g is not an integer", where,
                            a->name, o->option, v);
    *out = opt;
    return 0;
}

/* Sets an analyzer's options: defaults, then the profile's overrides (checked). */
int qc_inspect_apply_options(const QcInspectSettings *s, const QcAnalyzer *a, void *priv,
                             QcError *err)
{
    qc_options_set_defaults(a->options, priv);
    for (int i = 0; s->profile && i < s->profile->nb_overrides; i++) {
        const QcProfileOverride *o = &s->profile->overrides[i];
        const QcOption *opt;
        if (strcmp(o->analyzer, a->name))
            continue;
        int ret = check_override(s, a, o, &opt, err);
        if (ret < 0 || (ret = qc_option_set(opt, priv, o->value, err)) < 0)
            return ret;
    }
    return 0;
}

int qc_inspect_validate(const QcInspectSettings *s, QcError *err)
{
    int ret = validate_list(s, s->only, "--only", err);
    if (!ret)
        ret = validate_list(s, s->skip, "--skip", err);
    char where[300], names[512];
    for (int i = 0; !ret && s->profile && i < s->profile->nb_analyzers; i++)
        if (!find(s, s->profile->analyzers[i], strlen(s->profile->analyzers[i])))
            ret = qc_error_set(err, QC_ERR_INVAL, "%s: analyzers.%s: unknown analyzer (%s)",
                               qc_profile_where(s->profile, where, sizeof(where)),
                               s->profile->analyzers[i], analyzer_names(s, names, sizeof(names)));
    for (int i = 0; !ret && s->profile && i < s->profile->nb_overrides; i++) {
        const QcProfileOverride *o = &s->profile->overrides[i];
        const QcAnalyzer *a = find(s, o->analyzer, strlen(o->analyzer));
        const QcOption *opt;
        if (a)
            ret = check_override(s, a, o, &opt, err);
        else
            ret = qc_error_set(err, QC_ERR_INVAL, "%s: analyzers.%s: unknown analyzer (%s)",
                               qc_profile_where(s->profile, where, sizeof(where)), o->analyzer,
                               analyzer_names(s, names, sizeof(names)));
    }
    return ret;
}

/* Records the analyzers and the option values in force, for the report's settings echo. */
static int echo_settings(const QcInspectSettings *s, QcReport *r, QcError *err)
{
    int n = 0;
    for (const QcAnalyzer *const *a = s->analyzers; *a; a++)
        n += qc_inspect_selected(s, *a);
    r->analyzers = calloc((size_t)n + 1, sizeof(char *));
    if (!r->analyzers)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    for (const QcAnalyzer *const *a = s->analyzers; *a; a++) {
        if (!qc_inspect_selected(s, *a))
            continue;
        if (!(r->analyzers[r->nb_analyzers++] = strdup((*a)->name)))
            return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
        void *priv = calloc(1, (*a)->priv_size ? (*a)->priv_size : 1);
        if (!priv)
            return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
        int ret = qc_inspect_apply_options(s, *a, priv, err);
        for (const QcOption *o = (*a)->options; !ret && o && o->name; o++)
            ret = qc_metrics_set_double(&r->settings, (*a)->name, o->name, qc_option_get(o, priv));
        free(priv);
        if (ret < 0)
            return ret;
    }
    return 0;
}

static void identify(QcTrackReport *tr, const char *path)
{
    char abs[PATH_MAX];
    const char *name = realpath(path, abs) ? abs : path;
    if (qc_name_uuid(name, tr->id, sizeof(tr->id)) < 0)
        snprintf(tr->id, sizeof(tr->id), "urn:uuid:00000000-0000-0000-0000-000000000000");
}

QcTrackReport *qc_inspect_add_track(QcReport *r, const char *display)
{
    if (qc_grow((void **)&r->tracks, &r->tracks_cap, (size_t)r->nb_tracks + 1,
                sizeof(*r->tracks)) < 0)
        return NULL;
    QcTrackReport *tr = &r->tracks[r->nb_tracks++];
    memset(tr, 0, sizeof(*tr));
    if (r->tracks_expected < r->nb_tracks)
        r->tracks_expected = r->nb_tracks;
    if (!(tr->path = strdup(display)))
        return NULL;
    identify(tr, display);
    return tr;
}

static int hook_opened(const QcFileHooks *h, struct QcFile *f)
{
    return h && h->opened && f ? h->opened(h->opaque, f) : 0;
}

static int hook_done(const QcFileHooks *h, struct QcFile *f)
{
    return h && h->done && f ? h->done(h->opaque, f) : 0;
}

/* What a sound track entry says before its run: the source's description, id and language. */
static void sound_entry(QcTrackReport *tr, const QcAudioSource *src)
{
    tr->opened = 1;
    tr->info = src->info;
    if (src->info.id[0])
        snprintf(tr->id, sizeof(tr->id), "%s", src->info.id);
    qc_inspect_track_language(tr, src->info.mca);
    tr->info.mca = NULL; /* owned by the source, closed before the report is written */
}

/* Starts the sound of @p path beside its pictures when it may: a stand-alone file (a package's
 * track file is hashed from the reads of one source at a time) and more than one thread, so that
 * --threads 1 keeps one core busy. @return 1 when the sound runs, 0 when it does not (see
 * @p *tried: the file was opened for sound and has none), or a fatal error. */
static int start_sound_beside(const char *path, const char *display, const QcFileHooks *hooks,
                              const QcInspectSettings *s, QcReport *r, QcSoundBeside **beside,
                              int *tried, QcError *err)
{
    *tried = 0;
    if (hooks || s->threads < 2)
        return 0;
    QcError oe;
    qc_error_clear(&oe);
    QcAudioSource *src = NULL;
    int ret = qc_audio_source_open(&src, path, s->cpu_flags, &oe);
    *tried = 1;
    if (ret == QC_ERR_NOMEM)
        return qc_error_set(err, ret, "%s", oe.msg);
    if (ret < 0)
        return 0;
    QcTrackReport *tr = qc_inspect_add_track(r, display);
    if (!tr) {
        qc_audio_source_close(&src);
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    }
    sound_entry(tr, src);
    ret = qc_sound_beside_start(beside, &src, s, r, r->nb_tracks - 1, err);
    return ret < 0 ? ret : 1;
}

/* After the pictures: their findings are announced, then the sound's once it has finished. */
static int finish_sound_beside(QcSoundBeside **beside, int ret, const QcInspectSettings *s,
                               QcReport *r, QcError *err)
{
    qc_inspect_announce(s, r);
    QcError serr;
    qc_error_clear(&serr);
    int sret = qc_sound_beside_finish(beside, r, &serr);
    if (ret >= 0 && sret < 0)
        return qc_error_set(err, sret, "%s", serr.msg);
    return ret;
}

/* Pictures FFmpeg decodes (ProRes, H.264, …): 2 when the file had a video stream and its sound
 * is done, 1 when it had one, 0 when it had none, or a fatal error. */
static int inspect_lavf_pictures(const char *path, const char *display, const QcFileHooks *hooks,
                                 const QcInspectSettings *s, QcReport *r, QcError *err)
{
    QcError oe;
    qc_error_clear(&oe);
    QcLavfVideo *src = NULL;
    int ret = qc_lavf_video_open(&src, path, s->threads, &oe);
    if (ret == QC_ERR_NOMEM)
        return qc_error_set(err, ret, "%s", oe.msg);
    if (ret < 0)
        return 0;
    QcTrackReport *tr = qc_inspect_add_track(r, display);
    ret = tr ? 0 : qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    int t = r->nb_tracks - 1, tried = 0;
    QcSoundBeside *beside = NULL;
    if (tr) {
        tr->opened = 1;
        tr->info = *qc_lavf_video_info(src);
        ret = start_sound_beside(path, display, hooks, s, r, &beside, &tried, err);
    }
    if (ret >= 0) {
        QcInspectSettings vs;
        qc_sound_beside_settings(beside, s, &vs);
        ret = qc_inspect_lavf_video_track(src, &vs, r, t, err);
    }
    qc_lavf_video_close(&src);
    ret = finish_sound_beside(&beside, ret, s, r, err);
    return ret < 0 ? ret : tried ? 2 : 1;
}

/* The pictures of @p path, when it has a JPEG 2000 picture track. @return 2 when it had one and
 * its sound is done (or it has none), 1 when it also has sound, 0 when it had none, or a fatal
 * error. */
static int inspect_pictures(const char *path, const char *display, const QcFileHooks *hooks,
                            const QcInspectSettings *s, QcReport *r, QcError *err, char *note,
                            size_t note_size)
{
    QcError oe;
    qc_error_clear(&oe);
    QcVideoSource *src = NULL;
    int vret = qc_video_source_open(&src, path, &oe);
    if (vret == QC_ERR_NOMEM)
        return qc_error_set(err, vret, "%s", oe.msg);
    if (vret < 0 && strstr(oe.msg, "is not JPEG 2000"))
        snprintf(note, note_size, "%s", oe.msg);
    if (vret < 0)
        return inspect_lavf_pictures(path, display, hooks, s, r, err);
    QcTrackReport *tr = qc_inspect_add_track(r, display);
    int ret = tr ? 0 : qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    int t = r->nb_tracks - 1, tried = 0;
    QcSoundBeside *beside = NULL;
    if (tr) {
        tr->opened = 1;
        tr->info = src->info;
        snprintf(tr->id, sizeof(tr->id), "%s", src->info.id);
        if (src->has_sound)
            ret = start_sound_beside(path, display, hooks, s, r, &beside, &tried, err);
        if (ret >= 0)
            ret = hook_opened(hooks, src->mxf->file);
        if (ret >= 0) {
            QcInspectSettings vs;
            qc_sound_beside_settings(beside, s, &vs);
            ret = qc_inspect_video_track(src, &vs, r, t, err);
        }
        int hret = hook_done(hooks, src->mxf->file);
        ret = ret < 0 ? ret : hret;
    }
    /* a picture track file without sound is done: probing it for sound through libavformat
     * would decode a picture only to find none */
    int sound = src->has_sound && !tried;
    qc_video_source_close(&src);
    ret = finish_sound_beside(&beside, ret, s, r, err);
    return ret < 0 ? ret : sound ? 1 : 2;
}

/* The sound of @p path. When the file had pictures, having no sound is not an error. */
static int inspect_sound(const char *path, const char *display, const QcFileHooks *hooks,
                         int had_pictures, const char *note, const QcInspectSettings *s,
                         QcReport *r, QcError *err)
{
    QcError oe;
    qc_error_clear(&oe);
    QcAudioSource *src = NULL;
    int oret = qc_audio_source_open(&src, path, s->cpu_flags, &oe);
    if (oret == QC_ERR_NOMEM)
        return qc_error_set(err, oret, "%s", oe.msg);
    if (oret < 0 && had_pictures)
        return 0;
    QcTrackReport *tr = qc_inspect_add_track(r, display);
    if (!tr) {
        qc_audio_source_close(&src);
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    }
    if (oret < 0) {
        /* an MXF file whose pictures the engine does not decode says so, not "not a media file" */
        snprintf(tr->error, sizeof(tr->error), "%s", note && note[0] ? note : oe.msg);
        return 0;
    }
    sound_entry(tr, src);
    int ret = hook_opened(hooks, src->file);
    if (ret >= 0)
        ret = qc_inspect_audio_track(src, s, r, r->nb_tracks - 1, err);
    if (ret >= 0 && qc_inspect_expect_language(s, r, r->nb_tracks - 1) < 0)
        ret = qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    int hret = hook_done(hooks, src->file);
    qc_audio_source_close(&src);
    return ret < 0 ? ret : hret;
}

int qc_inspect_one(const char *path, const char *display, const QcFileHooks *hooks,
                   const QcInspectSettings *s, QcReport *r, QcError *err)
{
    char note[512] = "";
    int ret = inspect_pictures(path, display, hooks, s, r, err, note, sizeof(note));
    qc_inspect_announce(s, r);
    if (ret == 0 || ret == 1) {
        ret = inspect_sound(path, display, hooks, ret == 1, note, s, r, err);
        qc_inspect_announce(s, r);
    }
    return ret < 0 ? ret : 0;
}

/* Whether @p path belongs to the package path: a package folder, or a CPL beside an ASSETMAP. */
static int is_package_input(const char *path)
{
    if (qc_package_is_dir(path))
        return 1;
    size_t n = strlen(path);
    if (n < 4 || strcasecmp(path + n - 4, ".xml"))
        return 0;
    char dir[PATH_MAX];
    snprintf(dir, sizeof(dir), "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    return qc_package_is_dir(slash ? dir : ".");
}

int qc_inspect(const char *const *paths, int nb_paths, const QcInspectSettings *s, QcReport *r,
               QcError *err)
{
    memset(r, 0, sizeof(*r));
    snprintf(r->profile, sizeof(r->profile), "%s", s->profile ? s->profile->name : "default");
    for (int c = 0; s->profile && c < QC_CODE_COUNT; c++)
        if (s->profile->severity[c] >= 0)
            r->severity[r->nb_severity++] =
                (QcSeverityOverride){(QcCode)c, (QcSeverity)s->profile->severity[c]};
    r->max_findings_per_code = s->profile ? s->profile->max_findings_per_code : 200;
    r->threads = s->threads;
    r->fast_decode = s->fast_decode;
    r->descriptor_normalized = s->descriptor_normalized;
    snprintf(r->expect_language, sizeof(r->expect_language), "%s",
             s->expect_language ? s->expect_language : "");
    r->cpu_flags = s->cpu_flags;
    int ret = echo_settings(s, r, err);
    /* package folders and CPLs first, all at once (a package set); then the other files */
    const char **pkg = calloc((size_t)nb_paths + 1, sizeof(char *));
    const char **files = calloc((size_t)nb_paths + 1, sizeof(char *));
    if (!pkg || !files) {
        free(pkg);
        free(files);
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    }
    int nb_pkg = 0, nb_files = 0;
    for (int i = 0; i < nb_paths; i++) {
        if (is_package_input(paths[i]))
            pkg[nb_pkg++] = paths[i];
        else
            files[nb_files++] = paths[i];
    }
    r->tracks_expected = nb_files; /* packages add their track files once they are read */
    if (ret >= 0 && (nb_pkg || s->nb_previous))
        ret = qc_inspect_packages(pkg, nb_pkg, s, r, err);
    free(pkg);
    for (int i = 0; i < nb_files && ret >= 0; i++) {
        if (s->cancel && *s->cancel) {
            QcTrackReport *tr = qc_inspect_add_track(r, files[i]);
            if (tr)
                snprintf(tr->error, sizeof(tr->error), "not inspected: the run was interrupted");
            else
                ret = qc_error_set(err, QC_ERR_NOMEM, "out of memory");
            continue;
        }
        ret = qc_inspect_one(files[i], files[i], NULL, s, r, err);
    }
    free(files);
    if (s->cancel && *s->cancel)
        r->interrupted = (int)*s->cancel;
    qc_inspect_announce(s, r);
    qc_report_finalize(r);
    if (ret >= 0 && r->interrupted)
        ret = QC_ERR_CANCELLED;
    return ret;
}
