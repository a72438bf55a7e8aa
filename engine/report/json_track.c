// SPDX-License-Identifier: MIT
/* One entry of track_files[]: what the file is (essence) and what was measured (metrics). */
#include <stdio.h>

#include "engine/report/json_internal.h"

static json_t *picture_essence(const QcTrackInfo *i)
{
    json_t *e = json_object();
    char rate[32];
    snprintf(rate, sizeof(rate), "%d/%d", i->rate_num, i->rate_den);
    json_object_set_new(e, "codec", json_string(i->codec));
    json_object_set_new(e, "container", json_string(i->container));
    json_object_set_new(e, "width", json_integer(i->width));
    json_object_set_new(e, "height", json_integer(i->height));
    json_object_set_new(e, "bits", i->bits ? json_integer(i->bits) : json_null());
    json_object_set_new(e, "edit_rate", json_string(rate));
    json_object_set_new(e, "duration", i->duration >= 0 ? json_integer(i->duration) : json_null());
    json_object_set_new(e, "color", json_string(i->full_range ? "rgb" : "ycbcr"));
    return e;
}

static json_t *essence(const QcTrackInfo *i)
{
    if (i->kind == QC_MEDIA_VIDEO)
        return picture_essence(i);
    json_t *e = json_object();
    json_object_set_new(e, "codec", json_string(i->codec));
    json_object_set_new(e, "container", json_string(i->container));
    json_object_set_new(e, "sample_rate", json_integer(i->sample_rate));
    json_object_set_new(e, "channels", json_integer(i->channels));
    json_object_set_new(e, "bits", i->bits ? json_integer(i->bits) : json_null());
    char rate[32];
    snprintf(rate, sizeof(rate), "%d/1", i->sample_rate);
    json_object_set_new(e, "edit_rate", json_string(rate));
    json_object_set_new(e, "duration", i->duration >= 0 ? json_integer(i->duration) : json_null());
    json_t *labels = json_array();
    int known = 0;
    for (int c = 0; c < i->channels && c < QC_MAX_CHANNELS; c++) {
        const char *n = qc_channel_label_name(i->labels[c]);
        known += n != NULL;
        json_array_append_new(labels, n ? json_string(n) : json_null());
    }
    json_object_set_new(e, "channel_labels", labels);
    json_object_set_new(e, "channel_labels_source",
                        json_string(i->labels_from_file ? "file"
                                    : known             ? "assumed"
                                                        : "none"));
    return e;
}

json_t *qc_json_track(const QcTrackReport *t)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(t->id));
    json_t *path = json_string(t->path);
    json_object_set_new(o, "path", path ? path : json_string("(path is not valid UTF-8)"));
    json_object_set_new(o, "kind", json_string(t->info.kind == QC_MEDIA_VIDEO ? "video" : "audio"));
    json_object_set_new(o, "inspected", json_boolean(t->opened && t->complete));
    json_object_set_new(o, "error", t->error[0] ? json_string(t->error) : json_null());
    json_t *e = t->opened ? essence(&t->info) : json_null();
    if (t->opened && t->info.kind == QC_MEDIA_AUDIO)
        json_object_set_new(e, "language", t->language[0] ? json_string(t->language) : json_null());
    json_object_set_new(o, "essence", e);
    json_object_set_new(o, "samples_analyzed", json_integer(t->samples_read));
    json_object_set_new(o, "metrics", qc_json_metrics(&t->metrics));
    json_t *sup = json_object();
    for (int c = 0; c < QC_CODE_COUNT; c++)
        if (t->suppressed[c])
            json_object_set_new(sup, qc_code_info(c)->name, json_integer(t->suppressed[c]));
    json_object_set_new(o, "findings_not_listed", sup);
    return o;
}
