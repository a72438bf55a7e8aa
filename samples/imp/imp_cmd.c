// SPDX-License-Identifier: MIT
/*
 * imfqc-synth imp: writes CPL_<uuid>.xml, PKL_<uuid>.xml and ASSETMAP.xml into DIR around IMF track
 * files. Track files inside DIR become package assets; a track file elsewhere is only referenced by
 * the CPL, which is how a supplemental package is made. Every identifier and the IssueDate come
 * from
 * --seed, so the same arguments write the same bytes.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "imp.h"
#include "imp_cmd.h"
#include "synth_cmd.h"

const char qc_imp_cmd_usage[] =
    "\n"
    "imp -o DIR: an IMF package (CPL, PKL, ASSETMAP.xml) around IMF track files\n"
    "  --picture SPEC        a MainImageSequence resource, in the order given (repeatable)\n"
    "  --audio SPEC          a MainAudioSequence resource, in the order given (repeatable)\n"
    "                        SPEC = FILE[:ENTRY:DURATION[:REPEAT]], ENTRY and DURATION in the\n"
    "                        resource's edit units: frames; for audio, samples at the sample\n"
    "                        rate (EditRate \"48000 1\"). Without them the whole file plays once.\n"
    "                        Files inside DIR are package assets (PKL, ASSETMAP); files elsewhere\n"
    "                        are only referenced by the CPL (a supplemental package)\n"
    "  --title TEXT          ContentTitle (default: --like's, else \"imfqc synthetic "
    "composition\")\n"
    "  --edit-rate N[/D]     CPL EditRate (default: the picture's frame rate)\n"
    "  --timecode HH:MM:SS:FF  CompositionTimecode start, non-drop-frame (default 01:00:00:00)\n"
    "  --seed K              derives every UUID and the IssueDate (default 1); give each package\n"
    "                        of one title its own seed\n"
    "  --like CPL.xml        a new version of that CPL's timeline: its ContentTitle and its\n"
    "                        MainImageSequence and MainAudioSequence TrackIds (no --audio: the\n"
    "                        new version drops the audio track)\n"
    "  --defect NAME         one package defect (repeatable):\n"
    "                        hash, size: the first MXF asset's PKL Hash or Size is wrong\n"
    "                        missing: the first audio asset is listed, then deleted\n"
    "                        path-dotdot, path-absolute, path-symlink: the first audio asset's\n"
    "                          ASSETMAP Path is ../NAME, /etc/hostname, or escape.mxf, a symlink\n"
    "                          to /etc/hostname\n"
    "                        uuid: the first audio asset's Id (ASSETMAP, PKL, CPL) is not its\n"
    "                          file package's\n"
    "                        unresolved: the first picture resource's TrackFileId is in no "
    "package\n"
    "                        overrun: the first picture resource's SourceDuration ends 10 edit\n"
    "                          units past the file\n"
    "                        unlisted: DIR/notes.txt, listed nowhere\n"
    "                        cpl-id: the CPL's Id is not its PKL and ASSETMAP asset Id\n";

typedef struct Spec {
    QcImpKind kind;
    const char *text;
} Spec;

typedef struct ImpOpts {
    const char *dir, *title, *like, *timecode;
    QcImpRational edit_rate;
    uint64_t seed;
    unsigned defects;
    Spec spec[2 * QC_IMP_MAX_RESOURCES];
    int nspecs;
} ImpOpts;

static const struct {
    const char *name;
    unsigned bit;
} defect_names[] = {
    {"hash", QC_IMP_D_HASH},
    {"size", QC_IMP_D_SIZE},
    {"missing", QC_IMP_D_MISSING},
    {"path-dotdot", QC_IMP_D_PATH_DOTDOT},
    {"path-absolute", QC_IMP_D_PATH_ABSOLUTE},
    {"path-symlink", QC_IMP_D_PATH_SYMLINK},
    {"uuid", QC_IMP_D_UUID},
    {"unresolved", QC_IMP_D_UNRESOLVED},
    {"overrun", QC_IMP_D_OVERRUN},
    {"unlisted", QC_IMP_D_UNLISTED},
    {"cpl-id", QC_IMP_D_CPL_ID},
};

enum {
    O_TITLE = 256,
    O_EDIT_RATE,
    O_SEED,
    O_TIMECODE,
    O_LIKE,
    O_DEFECT,
    O_PICTURE,
    O_AUDIO,
    O_HELP
};

static const struct option imp_opts[] = {
    {"output", required_argument, NULL, 'o'},
    {"title", required_argument, NULL, O_TITLE},
    {"edit-rate", required_argument, NULL, O_EDIT_RATE},
    {"seed", required_argument, NULL, O_SEED},
    {"timecode", required_argument, NULL, O_TIMECODE},
    {"like", required_argument, NULL, O_LIKE},
    {"defect", required_argument, NULL, O_DEFECT},
    {"picture", required_argument, NULL, O_PICTURE},
    {"audio", required_argument, NULL, O_AUDIO},
    {"help", no_argument, NULL, O_HELP},
    {NULL, 0, NULL, 0},
};

static int defect_bit(const char *name, unsigned *bits)
{
    for (size_t i = 0; i < sizeof(defect_names) / sizeof(defect_names[0]); i++) {
        if (!strcmp(name, defect_names[i].name)) {
            *bits |= defect_names[i].bit;
            return 0;
        }
    }
    return 1;
}

static int take(ImpOpts *o, const int code, const char *arg)
{
    switch (code) {
    case 'o': o->dir = arg; return !*arg;
    case O_TITLE: o->title = arg; return 0;
    case O_EDIT_RATE: return qc_mxfw_cmd_rational(arg, &o->edit_rate.num, &o->edit_rate.den);
    case O_SEED: return qc_mxfw_cmd_seed(arg, &o->seed);
    case O_TIMECODE: o->timecode = arg; return 0;
    case O_LIKE: o->like = arg; return 0;
    case O_DEFECT: return defect_bit(arg, &o->defects);
    case O_PICTURE:
    case O_AUDIO:
        if (o->nspecs == 2 * QC_IMP_MAX_RESOURCES)
            return 1;
        o->spec[o->nspecs++] = (Spec){code == O_PICTURE ? QC_IMP_PICTURE : QC_IMP_AUDIO, arg};
        return 0;
    default: return 1;
    }
}

/* Returns -1 to go on, else an exit status. */
static int parse(ImpOpts *o, int argc, char **argv)
{
    optind = 1;
    opterr = 0;
    int code, idx = -1;
    while ((code = getopt_long(argc, argv, ":o:", imp_opts, &idx)) != -1) {
        if (code == '?')
            return qc_mxfw_cmd_die("unknown option '%s' (try --help)", argv[optind - 1]);
        if (code == ':')
            return qc_mxfw_cmd_die("option '%s' needs a value", argv[optind - 1]);
        if (code == O_HELP) {
            fputs(qc_imp_cmd_usage + 1, stdout);
            return 0;
        }
        const char *name = idx >= 0 ? imp_opts[idx].name : "?";
        if (take(o, code, optarg))
            return qc_mxfw_cmd_die("bad value '%s' for %s%s", optarg ? optarg : "",
                                   code == 'o' ? "-" : "--", code == 'o' ? "o" : name);
        idx = -1;
    }
    if (optind < argc)
        return qc_mxfw_cmd_die("unexpected argument '%s'", argv[optind]);
    if (!o->dir)
        return qc_mxfw_cmd_die("missing -o DIR");
    if (!o->nspecs)
        return qc_mxfw_cmd_die("no --picture or --audio resource");
    const unsigned paths =
        o->defects & (QC_IMP_D_PATH_DOTDOT | QC_IMP_D_PATH_ABSOLUTE | QC_IMP_D_PATH_SYMLINK);
    if (paths & (paths - 1))
        return qc_mxfw_cmd_die(
            "only one of the path-* defects at a time (they rewrite the same Path)");
    return -1;
}

/* ---------------------------------------------------------------------------------------------- */

/* FILE[:ENTRY:DURATION[:REPEAT]]: the numbers are taken from the right, so a FILE may hold ':'. */
static int split_spec(const char *spec, char **file, long long v[3], int *nv)
{
    long long tmp[3];
    const char *cut = spec + strlen(spec);
    *nv = 0;
    while (*nv < 3) {
        const char *p = cut;
        while (p > spec && isdigit((unsigned char)p[-1]))
            p--;
        if (p == cut || cut - p > 15 || p - 1 <= spec || p[-1] != ':')
            break;
        tmp[(*nv)++] = strtoll(p, NULL, 10);
        cut = p - 1;
    }
    if (*nv == 1) {
        *nv = 0; /* a lone number is part of the name */
        cut = spec + strlen(spec);
    }
    for (int i = 0; i < *nv; i++)
        v[i] = tmp[*nv - 1 - i];
    *file = strndup(spec, (size_t)(cut - spec));
    return *file ? 0 : qc_mxfw_cmd_die("out of memory");
}

/* The file entry for @p path: an earlier one naming the same file, or a new one. */
static int file_for(QcImp *imp, const char *path, const QcImpKind kind, xmlDocPtr doc, int *index)
{
    if (imp->nfiles == QC_IMP_MAX_FILES)
        return qc_mxfw_cmd_die("more than %d track files", QC_IMP_MAX_FILES);
    QcImpFile *f = &imp->files[imp->nfiles];
    const int r = qc_imp_track_open(imp, f, path, kind, doc);
    if (r) {
        qc_imp_track_free(f);
        return r;
    }
    for (int i = 0; i < imp->nfiles; i++) {
        const QcImpFile *g = &imp->files[i];
        if (!strcmp(g->real, f->real) && g->kind == kind) {
            qc_imp_track_free(f);
            *index = i;
            return 0;
        }
        if (!memcmp(g->id, f->id, 16)) {
            char urn[QC_IMP_URN_SIZE];
            qc_imp_urn(f->id, urn);
            qc_imp_track_free(f);
            return qc_mxfw_cmd_die(
                "%s and %s are both track file %s (write them with different --seed)", g->path,
                path, urn);
        }
    }
    qc_imp_uuid(imp->seed, QC_IMP_ID_DESC + (uint32_t)imp->nfiles, f->desc_id);
    *index = imp->nfiles++;
    return 0;
}

static int add_resource(QcImp *imp, const Spec *s, xmlDocPtr doc)
{
    char *file;
    long long v[3];
    int nv, fi = 0;
    int r = split_spec(s->text, &file, v, &nv);
    if (!r && imp->nres[s->kind] == QC_IMP_MAX_RESOURCES)
        r = qc_mxfw_cmd_die("more than %d resources on one track", QC_IMP_MAX_RESOURCES);
    if (!r)
        r = file_for(imp, file, s->kind, doc, &fi);
    free(file);
    if (r)
        return r;
    const QcImpFile *f = &imp->files[fi];
    QcImpResource *res = &imp->res[s->kind][imp->nres[s->kind]++];
    *res = (QcImpResource){fi, 0, f->duration, 1, {0}};
    if (nv >= 2) {
        res->entry = v[0];
        res->duration = v[1];
    }
    if (nv == 3)
        res->repeat = v[2];
    if (res->duration < 1 || res->repeat < 1 || res->entry > f->duration - res->duration)
        return qc_mxfw_cmd_die("%s: ENTRY %" PRId64 ", DURATION %" PRId64 ", REPEAT %" PRId64
                               ": not inside the file's %" PRId64
                               " edit units (DURATION and REPEAT >= 1)",
                               s->text, res->entry, res->duration, res->repeat, f->duration);
    return 0;
}

/* ---------------------------------------------------------------------------------------------- */

/* A track's length in CPL edit units; its resources share one edit rate (ST 2067-2:2016 6.2). */
static int track_length(const QcImp *imp, const QcImpKind k, int64_t *out)
{
    const QcImpRational r = imp->files[imp->res[k][0].file].rate;
    __int128 units = 0;
    for (int i = 0; i < imp->nres[k]; i++) {
        const QcImpResource *res = &imp->res[k][i];
        const QcImpRational ri = imp->files[res->file].rate;
        if ((int64_t)ri.num * r.den != (int64_t)r.num * ri.den)
            return qc_mxfw_cmd_die("%s: edit rate %d/%d, but the track's first resource has %d/%d",
                                   imp->files[res->file].path, ri.num, ri.den, r.num, r.den);
        units += (__int128)res->duration * res->repeat;
    }
    const QcImpRational e = imp->edit_rate;
    const __int128 p = units * e.num * r.den, q = (__int128)e.den * r.num;
    if (p % q)
        return qc_mxfw_cmd_die(
            "the %s track's %lld edit units at %d/%d are not whole edit units at %d/%d",
            k == QC_IMP_PICTURE ? "picture" : "audio", (long long)units, r.num, r.den, e.num,
            e.den);
    *out = (int64_t)(p / q);
    return 0;
}

static int parse_timecode(QcImp *imp, const char *text)
{
    const int rate = (imp->edit_rate.num + imp->edit_rate.den - 1) / imp->edit_rate.den;
    int *t = imp->tc, n = -1;
    if (!text)
        return 0;
    if (sscanf(text, "%2d:%2d:%2d:%3d%n", &t[0], &t[1], &t[2], &t[3], &n) != 4 ||
        n != (int)strlen(text) || t[0] < 0 || t[0] > 23 || t[1] < 0 || t[1] > 59 || t[2] < 0 ||
        t[2] > 59 || t[3] < 0 || t[3] >= rate)
        return qc_mxfw_cmd_die("bad --timecode '%s' (HH:MM:SS:FF, FF below %d)", text, rate);
    return 0;
}

/* The CPL EditRate, the composition length, and the timecode that counts it. */
static int plan_timing(QcImp *imp, const ImpOpts *o)
{
    if (o->edit_rate.num)
        imp->edit_rate = o->edit_rate;
    else if (imp->nres[QC_IMP_PICTURE])
        imp->edit_rate = imp->files[imp->res[QC_IMP_PICTURE][0].file].rate;
    else if (imp->files[imp->res[QC_IMP_AUDIO][0].file].ref_rate.num)
        imp->edit_rate = imp->files[imp->res[QC_IMP_AUDIO][0].file].ref_rate;
    else
        return qc_mxfw_cmd_die("no picture and no ReferenceImageEditRate: give --edit-rate");
    int64_t len[QC_IMP_KINDS] = {-1, -1};
    for (int k = 0; k < QC_IMP_KINDS; k++) {
        const int r = imp->nres[k] ? track_length(imp, (QcImpKind)k, &len[k]) : 0;
        if (r)
            return r;
    }
    if (len[0] >= 0 && len[1] >= 0 && len[0] != len[1])
        return qc_mxfw_cmd_die("the picture track lasts %" PRId64
                               " edit units and the audio track %" PRId64
                               ": a segment's sequences must be equally long (ST 2067-3 7.2)",
                               len[0], len[1]);
    imp->frames = len[0] >= 0 ? len[0] : len[1];
    return parse_timecode(imp, o->timecode);
}

static int first_file(const QcImp *imp, const QcImpKind kind, const int asset)
{
    for (int i = 0; i < imp->nfiles; i++)
        if (imp->files[i].kind == kind && (!asset || imp->files[i].rel))
            return i;
    return -1;
}

/* Identifiers, then the defects that change them or a resource. */
static int plan_ids(QcImp *imp)
{
    const unsigned d = imp->defects;
    const int audio = first_file(imp, QC_IMP_AUDIO, 1);
    const unsigned needs_audio = QC_IMP_D_MISSING | QC_IMP_D_PATH_DOTDOT | QC_IMP_D_PATH_ABSOLUTE |
                                 QC_IMP_D_PATH_SYMLINK | QC_IMP_D_UUID;
    if ((d & needs_audio) && audio < 0)
        return qc_mxfw_cmd_die("that --defect needs an audio track file inside %s", imp->dir);
    if ((d & (QC_IMP_D_HASH | QC_IMP_D_SIZE)) && first_file(imp, QC_IMP_PICTURE, 1) < 0 &&
        audio < 0)
        return qc_mxfw_cmd_die("that --defect needs a track file inside %s", imp->dir);
    if ((d & (QC_IMP_D_UNRESOLVED | QC_IMP_D_OVERRUN)) && !imp->nres[QC_IMP_PICTURE])
        return qc_mxfw_cmd_die("that --defect needs a --picture resource");
    qc_imp_uuid(imp->seed, QC_IMP_ID_CPL, imp->cpl_asset_id);
    qc_imp_uuid(imp->seed, d & QC_IMP_D_CPL_ID ? QC_IMP_ID_CPL_DEFECT : QC_IMP_ID_CPL, imp->cpl_id);
    qc_imp_uuid(imp->seed, QC_IMP_ID_PKL, imp->pkl_id);
    qc_imp_uuid(imp->seed, QC_IMP_ID_AM, imp->am_id);
    qc_imp_issue_date(imp->seed, imp->issue_date);
    if (d & QC_IMP_D_UUID)
        qc_imp_uuid(imp->seed, QC_IMP_ID_UUID_DEFECT, imp->files[audio].id);
    for (int k = 0; k < QC_IMP_KINDS; k++)
        for (int i = 0; i < imp->nres[k]; i++)
            memcpy(imp->res[k][i].track_file_id, imp->files[imp->res[k][i].file].id, 16);
    QcImpResource *pic = &imp->res[QC_IMP_PICTURE][0];
    if (d & QC_IMP_D_UNRESOLVED)
        qc_imp_uuid(imp->seed, QC_IMP_ID_UNRESOLVED, pic->track_file_id);
    if (d & QC_IMP_D_OVERRUN)
        pic->duration = imp->files[pic->file].duration - pic->entry + 10;
    return 0;
}

static int plan_names(QcImp *imp)
{
    char a[37], b[37], name[64];
    qc_imp_uuid_text(imp->cpl_asset_id, a);
    qc_imp_uuid_text(imp->pkl_id, b);
    snprintf(name, sizeof(name), "CPL_%s.xml", a);
    imp->cpl_path = qc_imp_join(imp->dir, name);
    snprintf(name, sizeof(name), "PKL_%s.xml", b);
    imp->pkl_path = qc_imp_join(imp->dir, name);
    imp->am_path = qc_imp_join(imp->dir, "ASSETMAP.xml");
    return imp->cpl_path && imp->pkl_path && imp->am_path ? 0 : qc_mxfw_cmd_die("out of memory");
}

/* ---------------------------------------------------------------------------------------------- */

static int open_dir(QcImp *imp)
{
    if (mkdir(imp->dir, 0777) && errno != EEXIST)
        return qc_mxfw_cmd_die("%s: %s", imp->dir, strerror(errno));
    struct stat st;
    if (stat(imp->dir, &st) || !S_ISDIR(st.st_mode))
        return qc_mxfw_cmd_die("%s: not a directory", imp->dir);
    if (!(imp->dir_real = realpath(imp->dir, NULL)))
        return qc_mxfw_cmd_die("%s: %s", imp->dir, strerror(errno));
    return 0;
}

static int read_inputs(QcImp *imp, const ImpOpts *o, xmlDocPtr doc)
{
    int r = open_dir(imp);
    for (int i = 0; !r && i < o->nspecs; i++)
        r = add_resource(imp, &o->spec[i], doc);
    int have[QC_IMP_KINDS] = {0, 0};
    char *title = NULL;
    if (!r && o->like)
        r = qc_imp_like(o->like, &title, imp->track_id, have);
    for (int k = 0; k < QC_IMP_KINDS; k++)
        if (!have[k])
            qc_imp_uuid(imp->seed, QC_IMP_ID_TRACK + (uint32_t)k, imp->track_id[k]);
    imp->title = strdup(o->title ? o->title : title ? title : "imfqc synthetic composition");
    free(title);
    if (!r && !imp->title)
        r = qc_mxfw_cmd_die("out of memory");
    return r;
}

/* The files the defects add to DIR. */
static int defect_files(const QcImp *imp)
{
    char *p = NULL;
    int r = 0;
    if (imp->defects & QC_IMP_D_PATH_SYMLINK) {
        struct stat st;
        p = qc_imp_join(imp->dir, "escape.mxf");
        if (p && !lstat(p, &st) && S_ISLNK(st.st_mode))
            unlink(p); /* left by an earlier run */
        if (!p || symlink("/etc/hostname", p))
            r = qc_mxfw_cmd_die("%s: %s", p ? p : "escape.mxf", strerror(p ? errno : ENOMEM));
        free(p);
    }
    if (!r && (imp->defects & QC_IMP_D_UNLISTED)) {
        p = qc_imp_join(imp->dir, "notes.txt");
        FILE *fp = p ? fopen(p, "w") : NULL;
        if (!fp || fputs("Notes that no PKL or ASSETMAP lists.\n", fp) < 0)
            r = qc_mxfw_cmd_die("%s: %s", p ? p : "notes.txt", strerror(errno ? errno : ENOMEM));
        if (fp && fclose(fp) && !r)
            r = qc_mxfw_cmd_die("%s: %s", p, strerror(errno));
        free(p);
    }
    return r;
}

static int write_package(QcImp *imp, xmlDocPtr doc)
{
    int r = qc_imp_cpl_write(imp, doc);
    if (!r)
        r = qc_imp_digest(imp->cpl_path, &imp->cpl_size, imp->cpl_hash);
    for (int i = 0; !r && i < imp->nfiles; i++)
        if (imp->files[i].rel)
            r = qc_imp_digest(imp->files[i].path, &imp->files[i].size, imp->files[i].hash);
    if (!r)
        r = defect_files(imp);
    if (!r)
        r = qc_imp_pkl_write(imp);
    const int gone = first_file(imp, QC_IMP_AUDIO, 1);
    if (!r && (imp->defects & QC_IMP_D_MISSING) && unlink(imp->files[gone].path))
        r = qc_mxfw_cmd_die("%s: %s", imp->files[gone].path, strerror(errno));
    return r;
}

int qc_imp_cmd(int argc, char **argv)
{
    ImpOpts *o = calloc(1, sizeof(*o));
    QcImp *imp = calloc(1, sizeof(*imp));
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    int r = o && imp && doc ? -1 : qc_mxfw_cmd_die("out of memory");
    if (r < 0) {
        o->seed = 1;
        r = parse(o, argc, argv);
    }
    if (r < 0) {
        imp->dir = o->dir;
        imp->seed = o->seed;
        imp->defects = o->defects;
        imp->tc[0] = 1;
        r = read_inputs(imp, o, doc);
        if (!r)
            r = plan_timing(imp, o);
        if (!r)
            r = plan_ids(imp);
        if (!r)
            r = plan_names(imp);
        if (!r && (r = write_package(imp, doc))) {
            const char *const made[] = {imp->cpl_path, imp->pkl_path, imp->am_path};
            for (int i = 0; i < 3; i++)
                unlink(made[i]); /* no package that looks finished */
        }
    }
    for (int i = 0; imp && i < imp->nfiles; i++)
        qc_imp_track_free(&imp->files[i]);
    if (imp) {
        free(imp->dir_real);
        free(imp->title);
        free(imp->cpl_path);
        free(imp->pkl_path);
        free(imp->am_path);
    }
    xmlFreeDoc(doc);
    free(imp);
    free(o);
    return r;
}
