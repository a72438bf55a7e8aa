// SPDX-License-Identifier: MIT
/*
 * The structural metadata both track-file kinds share: Preface, Identification, ContentStorage,
 * EssenceContainerData, a Material Package with one track and a File (Source) Package with one track
 * that points at the descriptor. Every value has a fixed width, so the header built when the file is
 * opened and the one built when it is closed have the same size and the rewrite stays in place.
 */
#include <string.h>

#include "mxfw_int.h"

#define DEFAULT_TIMESTAMP 1577836800 /* 2020-01-01T00:00:00Z: reproducible bytes unless a time is given */

static void uid(const QcMxfwTrackInfo *t, const uint32_t slot, uint8_t out[16])
{
    qc_mxfw_uuid(t->seed, slot, out);
}

static void preface(QcMxfwMeta *m, const QcMxfwTrackInfo *t, const int64_t when)
{
    uint8_t id[16], ref[1][16];
    uid(t, QC_MXFW_ID_PREFACE, id);
    qc_mxfw_set_begin(m, QC_MXFW_SET_PREFACE, id);
    qc_mxfw_put_timestamp(m, QC_MXFW_P_LAST_MODIFIED, when);
    qc_mxfw_put_u16(m, QC_MXFW_P_VERSION, 0x0103); /* ST 377-1:2011 */
    qc_mxfw_put_u32(m, QC_MXFW_P_OBJECT_MODEL_VERSION, 1);
    uid(t, QC_MXFW_ID_FP, ref[0]); /* ST 2067-5: the primary package is the top-level file package */
    qc_mxfw_put_bytes(m, QC_MXFW_P_PRIMARY_PACKAGE, ref[0], 16);
    uid(t, QC_MXFW_ID_IDENT, ref[0]);
    qc_mxfw_put_array16(m, QC_MXFW_P_IDENTIFICATIONS, (const uint8_t (*)[16])ref, 1);
    uid(t, QC_MXFW_ID_STORAGE, ref[0]);
    qc_mxfw_put_bytes(m, QC_MXFW_P_CONTENT_STORAGE, ref[0], 16);
    qc_mxfw_put_bytes(m, QC_MXFW_P_OPERATIONAL_PATTERN, qc_mxfw_op1a, 16);
    qc_mxfw_put_array16(m, QC_MXFW_P_ESSENCE_CONTAINERS, (const uint8_t (*)[16])t->ec, 1);
    qc_mxfw_put_array16(m, QC_MXFW_P_DM_SCHEMES, NULL, 0);
    qc_mxfw_set_end(m);
}

static void identification(QcMxfwMeta *m, const QcMxfwTrackInfo *t, const int64_t when)
{
    /* ProductVersion / ToolkitVersion: major, minor, patch, build, release (1 = released) */
    static const uint8_t version[10] = { 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 };
    uint8_t id[16];
    uid(t, QC_MXFW_ID_IDENT, id);
    qc_mxfw_set_begin(m, QC_MXFW_SET_IDENTIFICATION, id);
    uid(t, QC_MXFW_ID_GENERATION, id);
    qc_mxfw_put_bytes(m, QC_MXFW_P_THIS_GENERATION_UID, id, 16);
    qc_mxfw_put_utf16(m, QC_MXFW_P_COMPANY_NAME, "imfqc");
    qc_mxfw_put_utf16(m, QC_MXFW_P_PRODUCT_NAME, "imfqc-synth");
    qc_mxfw_put_bytes(m, QC_MXFW_P_PRODUCT_VERSION, version, 10);
    qc_mxfw_put_utf16(m, QC_MXFW_P_VERSION_STRING, "0.1.0");
    qc_mxfw_uuid(0x696d6671632d6d78ull, 0, id); /* one product UID for every file, whatever the seed */
    qc_mxfw_put_bytes(m, QC_MXFW_P_PRODUCT_UID, id, 16);
    qc_mxfw_put_timestamp(m, QC_MXFW_P_MODIFICATION_DATE, when);
    qc_mxfw_put_bytes(m, QC_MXFW_P_TOOLKIT_VERSION, version, 10);
    qc_mxfw_put_utf16(m, QC_MXFW_P_PLATFORM, "imfqc qc_mxf_writer");
    qc_mxfw_set_end(m);
}

static void storage(QcMxfwMeta *m, const QcMxfwTrackInfo *t)
{
    uint8_t id[16], refs[2][16], material[16], umid[32];
    uid(t, QC_MXFW_ID_STORAGE, id);
    qc_mxfw_set_begin(m, QC_MXFW_SET_CONTENT_STORAGE, id);
    uid(t, QC_MXFW_ID_MP, refs[0]);
    uid(t, QC_MXFW_ID_FP, refs[1]);
    qc_mxfw_put_array16(m, QC_MXFW_P_PACKAGES, (const uint8_t (*)[16])refs, 2);
    uid(t, QC_MXFW_ID_ECD, refs[0]);
    qc_mxfw_put_array16(m, QC_MXFW_P_ESSENCE_DATA, (const uint8_t (*)[16])refs, 1);
    qc_mxfw_set_end(m);

    qc_mxfw_set_begin(m, QC_MXFW_SET_ECD, refs[0]);
    uid(t, QC_MXFW_ID_TRACK_FILE, material);
    qc_mxfw_umid(material, umid);
    qc_mxfw_put_bytes(m, QC_MXFW_P_LINKED_PACKAGE_UID, umid, 32);
    qc_mxfw_put_u32(m, QC_MXFW_P_INDEX_SID, QC_MXFW_INDEX_SID);
    qc_mxfw_put_u32(m, QC_MXFW_P_BODY_SID, QC_MXFW_BODY_SID);
    qc_mxfw_set_end(m);
}

/* A track, its sequence and the sequence's one source clip. `src_umid` NULL ends the reference chain. */
static void track(QcMxfwMeta *m, const QcMxfwTrackInfo *t, const uint32_t first_slot, const uint32_t track_id,
                  const uint32_t track_number, const uint8_t *src_umid, const uint32_t src_track)
{
    static const uint8_t zero_umid[32];
    uint8_t id[16], ref[1][16];
    uid(t, first_slot, id);
    qc_mxfw_set_begin(m, QC_MXFW_SET_TRACK, id);
    qc_mxfw_put_u32(m, QC_MXFW_P_TRACK_ID, track_id);
    qc_mxfw_put_u32(m, QC_MXFW_P_TRACK_NUMBER, track_number);
    qc_mxfw_put_utf16(m, QC_MXFW_P_TRACK_NAME,
                      t->data_def == qc_mxfw_ddef_sound ? "Sound Track" : "Picture Track");
    qc_mxfw_put_rational(m, QC_MXFW_P_EDIT_RATE, t->edit_rate);
    qc_mxfw_put_u64(m, QC_MXFW_P_ORIGIN, 0);
    uid(t, first_slot + 1, ref[0]);
    qc_mxfw_put_bytes(m, QC_MXFW_P_SEQUENCE, ref[0], 16);
    qc_mxfw_set_end(m);

    qc_mxfw_set_begin(m, QC_MXFW_SET_SEQUENCE, ref[0]);
    qc_mxfw_put_bytes(m, QC_MXFW_P_DATA_DEFINITION, t->data_def, 16);
    qc_mxfw_put_u64(m, QC_MXFW_P_DURATION, (uint64_t)t->duration);
    uid(t, first_slot + 2, ref[0]);
    qc_mxfw_put_array16(m, QC_MXFW_P_STRUCTURAL_COMPONENTS, (const uint8_t (*)[16])ref, 1);
    qc_mxfw_set_end(m);

    qc_mxfw_set_begin(m, QC_MXFW_SET_SOURCE_CLIP, ref[0]);
    qc_mxfw_put_bytes(m, QC_MXFW_P_DATA_DEFINITION, t->data_def, 16);
    qc_mxfw_put_u64(m, QC_MXFW_P_DURATION, (uint64_t)t->duration);
    qc_mxfw_put_u64(m, QC_MXFW_P_START_POSITION, 0);
    qc_mxfw_put_bytes(m, QC_MXFW_P_SOURCE_PACKAGE_ID, src_umid ? src_umid : zero_umid, 32);
    qc_mxfw_put_u32(m, QC_MXFW_P_SOURCE_TRACK_ID, src_umid ? src_track : 0);
    qc_mxfw_set_end(m);
}

static void package(QcMxfwMeta *m, const QcMxfwTrackInfo *t, const int file, const int64_t when)
{
    uint8_t id[16], ref[1][16], material[16], umid[32], fp_umid[32];
    uid(t, QC_MXFW_ID_TRACK_FILE, material);
    qc_mxfw_umid(material, fp_umid);
    if (file) {
        memcpy(umid, fp_umid, 32);
    } else {
        /* The material package's UMID is not the track file's identity; it only has to be unique. */
        uid(t, QC_MXFW_ID_MATERIAL, material);
        qc_mxfw_umid(material, umid);
    }
    uid(t, file ? QC_MXFW_ID_FP : QC_MXFW_ID_MP, id);
    qc_mxfw_set_begin(m, file ? QC_MXFW_SET_SOURCE_PACKAGE : QC_MXFW_SET_MATERIAL_PACKAGE, id);
    qc_mxfw_put_bytes(m, QC_MXFW_P_PACKAGE_UID, umid, 32);
    qc_mxfw_put_utf16(m, QC_MXFW_P_PACKAGE_NAME, file ? "File Package" : "Material Package");
    qc_mxfw_put_timestamp(m, QC_MXFW_P_CREATION_DATE, when);
    qc_mxfw_put_timestamp(m, QC_MXFW_P_MODIFIED_DATE, when);
    uid(t, file ? QC_MXFW_ID_FP_TRACK : QC_MXFW_ID_MP_TRACK, ref[0]);
    qc_mxfw_put_array16(m, QC_MXFW_P_TRACKS, (const uint8_t (*)[16])ref, 1);
    if (file) {
        uid(t, QC_MXFW_ID_DESC, ref[0]);
        qc_mxfw_put_bytes(m, QC_MXFW_P_DESCRIPTOR, ref[0], 16);
    }
    qc_mxfw_set_end(m);
    if (file)
        track(m, t, QC_MXFW_ID_FP_TRACK, QC_MXFW_FP_TRACK_ID, t->track_number, NULL, 0);
    else
        track(m, t, QC_MXFW_ID_MP_TRACK, QC_MXFW_MP_TRACK_ID, 0, fp_umid, QC_MXFW_FP_TRACK_ID);
}

void qc_mxfw_header_build(QcMxfwMeta *m, const QcMxfwTrackInfo *t)
{
    const int64_t when = t->timestamp ? t->timestamp : DEFAULT_TIMESTAMP;
    qc_mxfw_meta_reset(m);
    preface(m, t, when);
    identification(m, t, when);
    storage(m, t);
    package(m, t, 0, when);
    package(m, t, 1, when);
    t->descriptor(m, t->ctx, t->duration);
}
