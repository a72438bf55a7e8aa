// SPDX-License-Identifier: MIT
/* packages[] and compositions[] of the JSON report: what was delivered and how it plays. */
#include <stdio.h>

#include "engine/report/json_internal.h"

json_t *qc_json_package(const QcPackageReport *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(p->id));
    json_object_set_new(o, "path", qc_json_str(p->path));
    json_object_set_new(o, "previous", json_boolean(p->previous));
    json_t *as = json_array();
    for (int i = 0; i < p->nb_assets; i++) {
        const QcAssetReport *a = &p->assets[i];
        json_t *j = json_object();
        json_object_set_new(j, "id", json_string(a->id));
        json_object_set_new(j, "path", a->path ? qc_json_str(a->path) : json_null());
        json_object_set_new(j, "type", json_string(a->type));
        json_object_set_new(j, "size", a->size >= 0 ? json_integer(a->size) : json_null());
        json_object_set_new(j, "hash", json_string(a->hash));
        json_array_append_new(as, j);
    }
    json_object_set_new(o, "assets", as);
    return o;
}

static json_t *resource(const QcReport *r, const QcCompositionReport *c, const QcResourceReport *x)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(x->id));
    json_object_set_new(o, "track_file", x->track_file[0] ? json_string(x->track_file) : json_null());
    json_object_set_new(o, "inspected", json_boolean(x->track >= 0 && x->track < r->nb_tracks));
    json_object_set_new(o, "entry_point", json_integer(x->entry));
    json_object_set_new(o, "source_duration", json_integer(x->duration));
    json_object_set_new(o, "repeat_count", json_integer(x->repeat));
    json_object_set_new(o, "start", json_integer(x->start));
    char tc[32];
    qc_composition_timecode(c, x->start, tc, sizeof(tc));
    json_object_set_new(o, "timecode", tc[0] ? json_string(tc) : json_null());
    return o;
}

json_t *qc_json_composition(const QcReport *r, const QcCompositionReport *c)
{
    json_t *o = json_object();
    char rate[48];
    json_object_set_new(o, "id", json_string(c->id));
    json_object_set_new(o, "title", qc_json_str(c->title));
    json_object_set_new(o, "path", c->path ? qc_json_str(c->path) : json_null());
    snprintf(rate, sizeof(rate), "%d/%d", c->rate_num, c->rate_den);
    json_object_set_new(o, "edit_rate", json_string(rate));
    json_object_set_new(o, "duration", json_integer(c->duration));
    json_object_set_new(o, "seconds",
                        c->rate_num > 0 ? json_real((double)c->duration * c->rate_den / c->rate_num)
                                        : json_null());
    char tc[32];
    qc_composition_timecode(c, 0, tc, sizeof(tc));
    json_object_set_new(o, "timecode_start", tc[0] ? json_string(tc) : json_null());
    json_t *ts = json_array();
    for (int t = 0; t < c->nb_tracks; t++) {
        const QcVTrackReport *v = &c->tracks[t];
        json_t *j = json_object();
        json_object_set_new(j, "id", json_string(v->id));
        json_object_set_new(j, "kind", json_string(v->kind));
        json_object_set_new(j, "sequence", json_string(v->sequence));
        json_object_set_new(j, "status", json_string(v->status));
        snprintf(rate, sizeof(rate), "%d/%d", v->rate_num, v->rate_den);
        json_object_set_new(j, "edit_rate", json_string(rate));
        json_object_set_new(j, "duration", json_integer(v->duration));
        json_t *rs = json_array();
        for (int i = 0; i < v->nb_resources; i++)
            json_array_append_new(rs, resource(r, c, &v->resources[i]));
        json_object_set_new(j, "resources", rs);
        json_array_append_new(ts, j);
    }
    json_object_set_new(o, "tracks", ts);
    json_object_set_new(o, "metrics", qc_json_metrics(&c->metrics));
    return o;
}
