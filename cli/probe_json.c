// SPDX-License-Identifier: MIT
/* The probe document: partitions, RIP, packages and tracks, every descriptor with every property
 * (RegXML names) and its RegXML fragment as a CPL carries it, index segments, a track_files
 * entry shaped like the report's, and the structural findings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/probe.h"
#include "config.h"
#include "engine/imf/regxml.h"
#include "engine/mxf/imf_rules.h"
#include "engine/mxf/model.h"
#include "engine/mxf/ul.h"

static json_t *ul_json(const uint8_t *ul)
{
    char buf[64];
    qc_ul_format(ul, buf, sizeof(buf));
    return json_string(buf);
}

static json_t *partition(const QcMxfPartition *p)
{
    static const char *const kinds[] = {"", "", "header", "body", "footer"};
    json_t *ec = json_array();
    for (uint32_t i = 0; i < p->nb_ec && i < QC_MXF_MAX_EC; i++)
        json_array_append_new(ec, ul_json(p->ec[i]));
    json_t *o =
        json_pack("{s:I, s:s, s:b, s:b, s:s, s:i, s:I, s:I, s:I, s:I, s:I, s:i, s:I, s:i}",
                  "offset", (json_int_t)p->offset, "kind", kinds[p->kind], "closed", p->closed,
                  "complete", p->complete, "version",
                  p->minor == 3   ? "1.3"
                  : p->minor == 2 ? "1.2"
                                  : "other",
                  "kag_size", (int)p->kag, "previous_partition", (json_int_t)p->previous,
                  "footer_partition", (json_int_t)p->footer, "header_byte_count",
                  (json_int_t)p->header_bytes, "index_byte_count", (json_int_t)p->index_bytes,
                  "index_sid", (json_int_t)p->index_sid, "body_sid", (int)p->body_sid,
                  "body_offset", (json_int_t)p->body_offset, "minor_version", (int)p->minor);
    json_object_set_new(o, "operational_pattern", ul_json(p->op));
    json_object_set_new(o, "essence_containers", ec);
    json_object_set_new(o, "essence_start",
                        p->essence_start >= 0 ? json_integer(p->essence_start) : json_null());
    return o;
}

static const char *track_kind(QcMxfTrackKind k)
{
    static const char *const names[] = {"other", "picture", "sound", "data", "timecode"};
    return names[k];
}

static json_t *package(const QcMxfPackage *pkg)
{
    char umid[112], name[256] = "";
    qc_umid_format(pkg->umid, umid, sizeof(umid));
    qc_mxf_get_string(pkg->set, "Name", name, sizeof(name));
    json_t *tracks = json_array();
    for (int i = 0; i < pkg->nb_tracks; i++) {
        const QcMxfTrack *t = &pkg->tracks[i];
        char rate[32];
        snprintf(rate, sizeof(rate), "%d/%d", t->rate_num, t->rate_den);
        json_array_append_new(
            tracks, json_pack("{s:i, s:I, s:s, s:s, s:I, s:o}", "id", (int)t->id, "number",
                              (json_int_t)t->number, "kind", track_kind(t->kind), "edit_rate", rate,
                              "origin", (json_int_t)t->origin, "duration",
                              t->duration >= 0 ? json_integer(t->duration) : json_null()));
    }
    return json_pack("{s:s, s:s, s:s, s:o}", "kind", pkg->material ? "material" : "source", "id",
                     umid, "name", name, "tracks", tracks);
}

/* A descriptor and its sub-descriptors, depth-bounded so a reference cycle cannot recurse. */
static json_t *set_json(const QcMxf *m, const QcMxfSet *s, int depth)
{
    char uid[48];
    qc_uuid_format(s->uid, uid, sizeof(uid));
    json_t *props = json_object(), *unknown = json_array(), *subs = json_array();
    for (uint32_t i = 0; i < s->nb_props; i++) {
        const QcMxfProperty *p = &s->props[i];
        const char *name = p->def ? p->def->name : "";
        /* sub-descriptors, and the children of a MultipleDescriptor, nest under their owner */
        if (!strcmp(name, "SubDescriptors") || !strcmp(name, "SubDescriptorUIDs")) {
            const uint8_t *refs;
            uint32_t n = 0;
            if (qc_mxf_get_array16(s, name, &refs, &n) < 0)
                n = 0;
            for (uint32_t k = 0; depth < 4 && k < n; k++) {
                const QcMxfSet *sub = qc_mxf_set_by_uid(m, refs + 16 * k);
                if (sub && sub != s)
                    json_array_append_new(subs, set_json(m, sub, depth + 1));
            }
        }
        if (p->def) {
            json_object_set_new(props, p->def->regxml, qc_probe_value(p));
            continue;
        }
        char tag[8];
        snprintf(tag, sizeof(tag), "0x%04x", p->tag);
        json_t *u = json_pack("{s:o, s:s, s:o}", "ul", ul_json(p->ul), "tag", tag, "value",
                              qc_probe_value(p));
        json_array_append_new(unknown, u);
    }
    json_t *o = json_pack("{s:s, s:s, s:s, s:o}", "class", s->cls ? s->cls->name : "unknown",
                          "regxml_class", s->cls ? s->cls->regxml : "unknown", "instance_id", uid,
                          "properties", props);
    if (!s->cls)
        json_object_set_new(o, "key", ul_json(s->key));
    json_object_set_new(o, "unknown_properties", unknown);
    json_object_set_new(o, "sub_descriptors", subs);
    return o;
}

/* The descriptor as a CPL's EssenceDescriptor should carry it; null if it cannot be rendered. */
static json_t *regxml_json(const QcMxf *m, const QcMxfSet *desc)
{
    char *text = NULL;
    QcError err;
    qc_error_clear(&err);
    if (qc_regxml_descriptor_text(m, desc, &text, &err) < 0)
        return json_null();
    json_t *j = json_string(text);
    free(text);
    return j ? j : json_null();
}

static json_t *segments(const QcMxf *m)
{
    json_t *a = json_array();
    for (int i = 0; i < m->nb_segments; i++) {
        const QcMxfIndexSegment *s = &m->segments[i];
        char rate[32];
        snprintf(rate, sizeof(rate), "%d/%d", s->rate_num, s->rate_den);
        json_t *deltas = json_array();
        for (uint32_t d = 0; d < s->nb_deltas && d < QC_MXF_MAX_DELTAS; d++)
            json_array_append_new(deltas, json_pack("{s:i, s:i, s:I}", "pos_table_index",
                                                    s->deltas[d].pos_table_index, "slice",
                                                    s->deltas[d].slice, "element_delta",
                                                    (json_int_t)s->deltas[d].element_delta));
        json_t *o = json_pack("{s:I, s:i, s:i, s:s, s:I, s:I, s:i, s:i}", "offset",
                              (json_int_t)s->offset, "index_sid", (int)s->index_sid, "body_sid",
                              (int)s->body_sid, "edit_rate", rate, "start", (json_int_t)s->start,
                              "duration", (json_int_t)s->duration, "edit_unit_byte_count",
                              (int)s->edit_unit_byte_count, "entries", (int)s->nb_entries);
        json_object_set_new(o, "delta_entries", deltas);
        json_array_append_new(a, o);
    }
    return a;
}

/* track_files[] as the report has it: the essence of the file package's first picture or
 * sound track. */
static json_t *track_file(const QcMxf *m, const QcMxfModel *model)
{
    const QcMxfPackage *fp = model->file_package;
    json_t *o = json_object();
    char id[48] = "";
    if (fp)
        qc_uuid_format(fp->umid + 16, id, sizeof(id));
    json_object_set_new(o, "id", fp ? json_string(id) : json_null());
    json_t *path = json_string(m->path);
    json_object_set_new(o, "path", path ? path : json_null());
    const QcMxfTrack *t = NULL;
    for (int i = 0; fp && i < fp->nb_tracks && !t; i++)
        if (fp->tracks[i].kind == QC_MXF_TRACK_PICTURE || fp->tracks[i].kind == QC_MXF_TRACK_SOUND)
            t = &fp->tracks[i];
    json_object_set_new(o, "kind",
                        !t                                ? json_null()
                        : t->kind == QC_MXF_TRACK_PICTURE ? json_string("video")
                                                          : json_string("audio"));
    json_t *e = json_object();
    const QcMxfSet *d = t ? qc_mxf_track_descriptor(m, fp, t) : NULL;
    if (t) {
        char rate[32];
        snprintf(rate, sizeof(rate), "%d/%d", t->rate_num, t->rate_den);
        json_object_set_new(e, "edit_rate", json_string(rate));
        json_object_set_new(e, "duration",
                            t->duration >= 0 ? json_integer(t->duration) : json_null());
    }
    uint64_t v;
    int32_t num, den;
    if (d && !qc_mxf_get_uint(d, "StoredWidth", &v))
        json_object_set_new(e, "width", json_integer((json_int_t)v));
    if (d && !qc_mxf_get_uint(d, "StoredHeight", &v))
        json_object_set_new(e, "height", json_integer((json_int_t)v));
    if (d && !qc_mxf_get_rational(d, "AudioSamplingRate", &num, &den) && den > 0)
        json_object_set_new(e, "sample_rate", json_integer(num / den));
    if (d && !qc_mxf_get_uint(d, "ChannelCount", &v))
        json_object_set_new(e, "channels", json_integer((json_int_t)v));
    if (d && !qc_mxf_get_uint(d, "QuantizationBits", &v))
        json_object_set_new(e, "bits", json_integer((json_int_t)v));
    if (d && !qc_mxf_get_uint(d, "ComponentDepth", &v))
        json_object_set_new(e, "bits", json_integer((json_int_t)v));
    static const uint8_t j2k[14] = {0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01, 0x01,
                                    0x01, 0x04, 0x01, 0x02, 0x02, 0x03, 0x01};
    uint8_t coding[16];
    if (d && !qc_mxf_get_bytes(d, "PictureEssenceCoding", coding, 16) &&
        qc_ul_prefix(coding, j2k, 14))
        json_object_set_new(e, "codec", json_string("jpeg2000"));
    else if (d && qc_mxf_class_is(d->cls, "WaveAudioDescriptor"))
        json_object_set_new(e, "codec", json_string("pcm_s24le"));
    json_object_set_new(o, "essence", e);
    return o;
}

static json_t *findings(const QcMxf *m)
{
    json_t *a = json_array();
    for (size_t i = 0; i < m->findings.count; i++) {
        const QcFinding *f = &m->findings.items[i];
        const QcCodeInfo *ci = qc_code_info(f->code);
        json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "code", ci->name, "severity",
                              qc_severity_name(f->severity), "stage", qc_stage_name(ci->stage),
                              "message", f->message);
        if (f->nb_details && f->details[0].kind == QC_DETAIL_INT)
            json_object_set_new(o, "details",
                                json_pack("{s:I}", f->details[0].key, (json_int_t)f->details[0].i));
        json_array_append_new(a, o);
    }
    return a;
}

json_t *qc_probe_json(QcMxf *m)
{
    QcMxfModel model;
    qc_mxf_resolve(m, &model);
    qc_mxf_check_imf(m, &model);
    json_t *root =
        json_pack("{s:s, s:{s:s, s:s}, s:s, s:I}", "schema", "imfqc-probe/1", "tool", "name",
                  "imfqc", "version", QC_VERSION, "path", m->path, "size", (json_int_t)m->size);
    json_t *parts = json_array(), *rip = json_array(), *pkgs = json_array(), *descs = json_array();
    for (int i = 0; i < m->nb_parts; i++)
        json_array_append_new(parts, partition(&m->parts[i]));
    for (int i = 0; i < m->nb_rip; i++)
        json_array_append_new(rip, json_pack("{s:i, s:I}", "body_sid", (int)m->rip[i].body_sid,
                                             "offset", (json_int_t)m->rip[i].offset));
    for (int i = 0; i < model.nb_packages; i++) {
        json_array_append_new(pkgs, package(&model.packages[i]));
        const QcMxfSet *d = model.packages[i].descriptor;
        if (!d)
            continue;
        json_t *o = set_json(m, d, 0);
        json_object_set_new(o, "regxml", regxml_json(m, d));
        json_array_append_new(descs, o);
    }
    json_object_set_new(root, "partitions", parts);
    json_object_set_new(root, "random_index_pack",
                        m->nb_rip ? rip : (json_decref(rip), json_null()));
    json_object_set_new(root, "packages", pkgs);
    json_object_set_new(root, "descriptors", descs);
    json_object_set_new(root, "index_segments", segments(m));
    json_t *tf = json_array();
    json_array_append_new(tf, track_file(m, &model));
    json_object_set_new(root, "track_files", tf);
    json_object_set_new(root, "findings", findings(m));
    return root;
}
