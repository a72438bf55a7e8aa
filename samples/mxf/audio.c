// SPDX-License-Identifier: MIT
/*
 * Clip-wrapped WAVE PCM track files (ST 382 in ST 2067-5), 24-bit, with ST 377-4 MCA labels as
 * ST 2067-2 wants them: one soundfield group label carrying title, language and content kinds, and one
 * channel label per channel linked to it. The samples stream straight to disk; only the clip length is
 * patched at the end, in the 8-byte BER that asdcplib also reserves for it.
 */
#include <stdlib.h>
#include <string.h>

#include "mxfw_int.h"

#define CLIP_KL 24 /* key 16 + BER 0x87 + 7 length bytes */

typedef struct Label {
    const char *symbol, *name;
    uint8_t     kind, b11, b12; ///< UL bytes 10..12: 01 channel / 02 soundfield group, then the item
} Label;

/* ST 428-12 labels (…0d.03.02.0k.nn) and the ST 2067-8 additions (…0d.03.02.0k.20.nn), as in asdcplib. */
static const Label L_ = { "chL", "Left", 1, 0x01, 0 }, R_ = { "chR", "Right", 1, 0x02, 0 },
                   C_ = { "chC", "Center", 1, 0x03, 0 }, LFE_ = { "chLFE", "LFE", 1, 0x04, 0 },
                   LS_ = { "chLs", "Left Surround", 1, 0x05, 0 },
                   RS_ = { "chRs", "Right Surround", 1, 0x06, 0 },
                   LSS_ = { "chLss", "Left Side Surround", 1, 0x07, 0 },
                   RSS_ = { "chRss", "Right Side Surround", 1, 0x08, 0 },
                   LRS_ = { "chLrs", "Left Rear Surround", 1, 0x09, 0 },
                   RRS_ = { "chRrs", "Right Rear Surround", 1, 0x0a, 0 };

typedef struct Layout {
    Label        group;
    int          channels;
    const Label *ch[8];
} Layout;

static const Layout layouts[] = {
    [QC_MXFW_LAYOUT_MONO]   = { { "sgM", "1.0 Monaural", 2, 0x05, 0 }, 1, { &C_ } },
    [QC_MXFW_LAYOUT_STEREO] = { { "sgST", "Standard Stereo", 2, 0x20, 0x01 }, 2, { &L_, &R_ } },
    [QC_MXFW_LAYOUT_51]     = { { "sg51", "5.1", 2, 0x01, 0 }, 6, { &L_, &R_, &C_, &LFE_, &LS_, &RS_ } },
    [QC_MXFW_LAYOUT_71DS]   = { { "sg71", "7.1DS", 2, 0x02, 0 }, 8,
                                { &L_, &R_, &C_, &LFE_, &LSS_, &RSS_, &LRS_, &RRS_ } },
};

struct QcMxfwAudio {
    QcMxfwFile          file;
    QcMxfwMeta          meta;
    QcMxfwAudioSettings s;
    char                language[64], title[128];
    const Layout       *layout;
    uint64_t            clip_at; ///< file offset of the clip's key
    int64_t             frames;  ///< sample frames written
};

int qc_mxfw_layout_channels(const QcMxfwAudioLayout layout)
{
    return (unsigned)layout < sizeof(layouts) / sizeof(layouts[0]) ? layouts[layout].channels : 0;
}

const char *qc_mxfw_layout_symbol(const QcMxfwAudioLayout layout, const int ch)
{
    if (ch < 0 || ch >= qc_mxfw_layout_channels(layout))
        return NULL;
    return layouts[layout].ch[ch]->symbol;
}

void qc_mxfw_audio_default_settings(QcMxfwAudioSettings *s)
{
    memset(s, 0, sizeof(*s));
    s->sample_rate = 48000;
    s->layout = QC_MXFW_LAYOUT_51;
    s->alignment_dbfs = -20;
    s->seed = 1;
}

static void label_ul(const Label *l, uint8_t ul[16])
{
    static const uint8_t base[16] = { 0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01, 0x01, 0x0d,
                                      0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
    memcpy(ul, base, 16);
    ul[10] = l->kind;
    ul[11] = l->b11;
    ul[12] = l->b12;
}

static void label_common(QcMxfwMeta *m, const QcMxfwAudio *w, const Label *l, const int index)
{
    uint8_t id[16];
    label_ul(l, id);
    qc_mxfw_put_bytes(m, QC_MXFW_P_MCA_LABEL_DICTIONARY_ID, id, 16);
    qc_mxfw_uuid(w->s.seed, QC_MXFW_ID_LINK + (uint32_t)index, id);
    qc_mxfw_put_bytes(m, QC_MXFW_P_MCA_LINK_ID, id, 16);
    qc_mxfw_put_utf16(m, QC_MXFW_P_MCA_TAG_SYMBOL, l->symbol);
    qc_mxfw_put_utf16(m, QC_MXFW_P_MCA_TAG_NAME, l->name);
}

/* Sub-descriptor 0 and link 0 are the soundfield group; channel c is sub-descriptor and link c + 1. */
static int labelled_channels(const QcMxfwAudio *w)
{
    return w->layout->channels - (w->s.mca_defect == QC_MXFW_MCA_MISSING_CHANNEL);
}

static void mca_labels(QcMxfwMeta *m, const QcMxfwAudio *w)
{
    const Layout *lay = w->layout;
    const QcMxfwMcaDefect defect = w->s.mca_defect;
    uint8_t id[16], group_link[16];
    Label group = lay->group;
    if (defect == QC_MXFW_MCA_WRONG_GROUP)
        group = layouts[lay->channels == 6 ? 3 : 2].group; /* a group of another size */
    qc_mxfw_uuid(w->s.seed, QC_MXFW_ID_SUB, id);
    qc_mxfw_set_begin(m, QC_MXFW_SET_SOUNDFIELD_LABEL, id);
    label_common(m, w, &group, 0);
    qc_mxfw_put_bytes(m, QC_MXFW_P_RFC5646_LANGUAGE, (const uint8_t *)w->language, strlen(w->language));
    qc_mxfw_put_utf16(m, QC_MXFW_P_MCA_TITLE, w->title);
    qc_mxfw_put_utf16(m, QC_MXFW_P_MCA_TITLE_VERSION, "1");
    qc_mxfw_put_utf16(m, QC_MXFW_P_MCA_AUDIO_CONTENT_KIND, "PRM");  /* primary programme */
    qc_mxfw_put_utf16(m, QC_MXFW_P_MCA_AUDIO_ELEMENT_KIND, "FCMP"); /* full composite mix */
    if (defect != QC_MXFW_MCA_NO_GROUP)
        qc_mxfw_set_end(m);
    else
        qc_mxfw_set_discard(m);
    qc_mxfw_uuid(w->s.seed, QC_MXFW_ID_LINK, group_link);
    const int n = labelled_channels(w);
    for (int c = 0; c < n; c++) {
        const int last = c == n - 1;
        qc_mxfw_uuid(w->s.seed, QC_MXFW_ID_SUB + 1 + (uint32_t)c, id);
        qc_mxfw_set_begin(m, QC_MXFW_SET_CHANNEL_LABEL, id);
        label_common(m, w, lay->ch[c], c + 1);
        qc_mxfw_put_u32(m, QC_MXFW_P_MCA_CHANNEL_ID,
                        last && defect == QC_MXFW_MCA_DUPLICATE_ID ? 1u : (uint32_t)c + 1);
        if (last && defect == QC_MXFW_MCA_BROKEN_LINK)
            qc_mxfw_uuid(w->s.seed ^ 0x5a5a5a5aull, QC_MXFW_ID_LINK, group_link);
        qc_mxfw_put_bytes(m, QC_MXFW_P_SOUNDFIELD_GROUP_LINK_ID, group_link, 16);
        qc_mxfw_put_bytes(m, QC_MXFW_P_RFC5646_LANGUAGE, (const uint8_t *)w->language, strlen(w->language));
        qc_mxfw_set_end(m);
    }
}

static void descriptor(QcMxfwMeta *m, const void *ctx, const int64_t duration)
{
    const QcMxfwAudio *w = ctx;
    const int ch = w->layout->channels;
    const QcMxfwRational rate = { w->s.sample_rate, 1 };
    uint8_t id[16], subs[1 + QC_MXFW_MAX_CHANNELS][16];
    const int no_group = w->s.mca_defect == QC_MXFW_MCA_NO_GROUP;
    const int nsubs = 1 + labelled_channels(w) - no_group;
    for (int i = 0; i < nsubs; i++)
        qc_mxfw_uuid(w->s.seed, QC_MXFW_ID_SUB + (uint32_t)(i + no_group), subs[i]);
    qc_mxfw_uuid(w->s.seed, QC_MXFW_ID_DESC, id);
    qc_mxfw_set_begin(m, QC_MXFW_SET_WAVE, id);
    qc_mxfw_put_array16(m, QC_MXFW_P_SUB_DESCRIPTORS, (const uint8_t (*)[16])subs, (uint32_t)nsubs);
    qc_mxfw_put_u32(m, QC_MXFW_P_LINKED_TRACK_ID, QC_MXFW_FP_TRACK_ID);
    qc_mxfw_put_rational(m, QC_MXFW_P_SAMPLE_RATE, rate);
    qc_mxfw_put_u64(m, QC_MXFW_P_CONTAINER_DURATION, (uint64_t)duration);
    qc_mxfw_put_bytes(m, QC_MXFW_P_ESSENCE_CONTAINER, qc_mxfw_ec_wave_clip, 16);
    qc_mxfw_put_rational(m, QC_MXFW_P_AUDIO_SAMPLING_RATE, rate);
    qc_mxfw_put_u8(m, QC_MXFW_P_LOCKED, 0);
    qc_mxfw_put_u32(m, QC_MXFW_P_CHANNEL_COUNT, (uint32_t)ch);
    qc_mxfw_put_u32(m, QC_MXFW_P_QUANTIZATION_BITS, 24);
    qc_mxfw_put_u16(m, QC_MXFW_P_BLOCK_ALIGN, (unsigned)ch * 3);
    qc_mxfw_put_u32(m, QC_MXFW_P_AVG_BPS, (uint32_t)w->s.sample_rate * (uint32_t)ch * 3);
    if (w->s.mca_defect != QC_MXFW_MCA_NO_ASSIGNMENT)
        qc_mxfw_put_bytes(m, QC_MXFW_P_CHANNEL_ASSIGNMENT, qc_mxfw_imf_channel_assignment, 16);
    qc_mxfw_put_rational(m, QC_MXFW_P_REF_IMAGE_EDIT_RATE, w->s.ref_edit_rate);
    qc_mxfw_put_u8(m, QC_MXFW_P_REF_AUDIO_ALIGNMENT, (uint8_t)(int8_t)w->s.alignment_dbfs);
    qc_mxfw_set_end(m);
    mca_labels(m, w);
}

static void build_header(QcMxfwAudio *w)
{
    const QcMxfwTrackInfo t = { w->s.seed, w->s.timestamp, { w->s.sample_rate, 1 }, w->frames, 0x16010201,
                                qc_mxfw_ddef_sound, qc_mxfw_ec_wave_clip, descriptor, w };
    qc_mxfw_header_build(&w->meta, &t);
}

static int copy_text(char *dst, const size_t cap, const char *src, const char *what, QcMxfwErr *err)
{
    const size_t n = strlen(src);
    if (!n || n >= cap)
        return qc_mxfw_fail(err, QC_MXFW_ERR_INVAL, "%s must have 1 to %zu characters", what, cap - 1);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)src[i] < 0x20 || (unsigned char)src[i] > 0x7e)
            return qc_mxfw_fail(err, QC_MXFW_ERR_INVAL, "%s must be printable ASCII", what);
    memcpy(dst, src, n + 1);
    return 0;
}

static int check_settings(QcMxfwAudio *w, const QcMxfwAudioSettings *s, QcMxfwErr *err)
{
    if (!s->path || s->sample_rate <= 0 || !qc_mxfw_layout_channels(s->layout))
        return qc_mxfw_fail(err, QC_MXFW_ERR_INVAL, "bad audio settings (path, rate or layout)");
    if (s->alignment_dbfs < -128 || s->alignment_dbfs > 0)
        return qc_mxfw_fail(err, QC_MXFW_ERR_INVAL, "alignment level %d dBFS out of range",
                            s->alignment_dbfs);
    w->s = *s;
    w->layout = &layouts[s->layout];
    if (!w->s.ref_edit_rate.num || !w->s.ref_edit_rate.den)
        w->s.ref_edit_rate = (QcMxfwRational){ 24, 1 };
    int r = copy_text(w->language, sizeof(w->language), s->language ? s->language : "en", "language", err);
    return r ? r : copy_text(w->title, sizeof(w->title), s->title ? s->title : "imfqc synthetic programme",
                             "title", err);
}

int qc_mxfw_audio_open(QcMxfwAudio **out, const QcMxfwAudioSettings *s, QcMxfwErr *err)
{
    *out = NULL;
    QcMxfwAudio *w = calloc(1, sizeof(*w));
    if (!w)
        return qc_mxfw_fail(err, QC_MXFW_ERR_NOMEM, "out of memory");
    int r = check_settings(w, s, err);
    if (r) {
        free(w);
        return r;
    }
    r = qc_mxfw_file_open(&w->file, s->path, qc_mxfw_ec_wave_clip, err);
    if (!r) {
        build_header(w);
        r = qc_mxfw_file_header(&w->file, &w->meta, 0, err);
    }
    if (!r)
        r = qc_mxfw_file_body(&w->file, QC_MXFW_BODY_SID, 0, err);
    if (!r) {
        uint8_t kl[CLIP_KL] = { 0 };
        memcpy(kl, qc_mxfw_key_wave_clip, 16);
        kl[16] = 0x87; /* the length is unknown until close: reserve 7 bytes for it */
        w->clip_at = w->file.pos;
        r = qc_mxfw_file_write(&w->file, kl, sizeof(kl), err);
    }
    if (r) {
        qc_mxfw_file_abort(&w->file);
        qc_mxfw_meta_free(&w->meta);
        free(w);
        return r;
    }
    *out = w;
    return 0;
}

int qc_mxfw_audio_write(QcMxfwAudio *w, const uint8_t *pcm24, const size_t frames, QcMxfwErr *err)
{
    const int r = qc_mxfw_file_write(&w->file, pcm24, frames * (size_t)w->layout->channels * 3, err);
    if (!r)
        w->frames += (int64_t)frames;
    return r;
}

int qc_mxfw_audio_close(QcMxfwAudio **pw, QcMxfwErr *err)
{
    QcMxfwAudio *w = *pw;
    if (!w)
        return 0;
    *pw = NULL;
    uint8_t len[7];
    qc_mxfw_put_be(len, (uint64_t)w->frames * (uint64_t)w->layout->channels * 3, 7);
    int r = qc_mxfw_file_patch(&w->file, w->clip_at + 17, len, sizeof(len), err);
    if (!r) {
        QcMxfwBuf seg = { 0 };
        uint8_t id[16];
        qc_mxfw_uuid(w->s.seed, QC_MXFW_ID_INDEX, id);
        qc_mxfw_index_cbr(&seg, id, (QcMxfwRational){ w->s.sample_rate, 1 }, w->frames,
                          (uint32_t)w->layout->channels * 3);
        r = qc_mxfw_file_index(&w->file, &seg, err);
        qc_mxfw_buf_free(&seg);
    }
    if (!r) {
        build_header(w);
        r = qc_mxfw_file_finish(&w->file, &w->meta, err);
    }
    qc_mxfw_file_abort(&w->file);
    qc_mxfw_meta_free(&w->meta);
    free(w);
    return r;
}
