// SPDX-License-Identifier: MIT
#include "analyzers/mca_rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine/core/lang.h"
#include "engine/mxf/ul.h"

/* ST 2067-2 §5.3.4.2: the IMF MCA labelling framework */
static const uint8_t imf_channel_assignment[16] = {0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01, 0x01, 0x0d,
                                                   0x04, 0x02, 0x02, 0x10, 0x04, 0x01, 0x00, 0x00};

/* Channel symbols each soundfield group needs (ST 428-12, ST 2067-8); order does not matter. */
static const struct {
    const char *sg;
    const char *channels;
} layouts[] = {
    {"sg51", "chL chR chC chLFE chLs chRs"},
    {"sg71", "chL chR chC chLFE chLss chRss chLrs chRrs"},
    {"sgSDS", "chL chR chC chLFE chLs chRs chLc chRc"},
    {"sg61", "chL chR chC chLFE chLs chRs chCs"},
    {"sgST", "chL chR"},
    {"sgLtRt", "chLt chRt"},
    {"sg30", "chL chR chC"},
    {"sg50", "chL chR chC chLs chRs"},
    {"sg70", "chL chR chC chLss chRss chLrs chRrs"},
    /* ST 428-12 "1.0 Monaural" is a single centre; some writers label it as M1 */
    {"sgM", "chC"},
    {"sgM", "chM1"},
};

static int blocker(QcAnalyzerCtx *a, int64_t offset, int channel, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int blocker(QcAnalyzerCtx *a, int64_t offset, int channel, const char *fmt, ...)
{
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_CHANNEL_MAPPING);
    f.severity = QC_SEV_BLOCKER;
    f.channel = channel;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f.message, sizeof(f.message), fmt, ap);
    va_end(ap);
    if (offset >= 0)
        qc_finding_detail_int(&f, "byte_offset", offset);
    return qc_analyzer_emit(a, &f);
}

/* Every channel label: an ID in 1..N used once, a channel symbol, a well-formed language. */
static int check_channels(QcAnalyzerCtx *a, const QcMcaInfo *mca, int *nb_channels)
{
    unsigned char used[QC_MAX_CHANNELS + 1] = {0};
    int ret = 0, n = 0;
    for (int i = 0; i < mca->nb_labels && ret >= 0; i++) {
        const QcMcaLabel *l = &mca->labels[i];
        if (l->kind != 0)
            continue;
        n++;
        if (l->channel_id < 1 || l->channel_id > mca->channel_count ||
            l->channel_id > QC_MAX_CHANNELS)
            ret = blocker(a, l->offset, -1, "channel label %s has MCAChannelID %u, outside 1..%u",
                          l->symbol, l->channel_id, mca->channel_count);
        else if (used[l->channel_id]++)
            ret = blocker(a, l->offset, (int)l->channel_id - 1,
                          "MCAChannelID %u is labelled twice (%s)", l->channel_id, l->symbol);
        if (ret >= 0 && strncmp(l->symbol, "ch", 2) != 0)
            ret = blocker(a, l->offset, -1,
                          "channel label symbol \"%s\" is not a channel (ch…) "
                          "symbol",
                          l->symbol);
    }
    char missing[256] = "";
    size_t pos = 0;
    int nmissing = 0;
    for (uint32_t id = 1; id <= mca->channel_count && id <= QC_MAX_CHANNELS; id++)
        if (!used[id] && nmissing++ < 16)
            pos +=
                (size_t)snprintf(missing + pos, pos < sizeof(missing) ? sizeof(missing) - pos : 0,
                                 "%s%u", pos ? ", " : "", id);
    if (ret >= 0 && nmissing)
        ret = blocker(a, mca->descriptor_offset, -1, "no channel label has MCAChannelID %s%s",
                      missing, nmissing > 16 ? ", …" : "");
    if (ret >= 0 && (uint32_t)n != mca->channel_count)
        ret = blocker(a, mca->descriptor_offset, -1,
                      "%d channel labels for %u channels: every "
                      "channel needs exactly one AudioChannelLabelSubDescriptor",
                      n, mca->channel_count);
    *nb_channels = n;
    return ret;
}

/* Whether the channel symbols are exactly those the group needs. */
static int layout_matches(const QcMcaInfo *mca, const char *need, char *found, size_t size)
{
    int n_need = 0, n_have = 0, matched = 0;
    size_t pos = 0;
    found[0] = '\0';
    for (int i = 0; i < mca->nb_labels; i++) {
        const QcMcaLabel *l = &mca->labels[i];
        if (l->kind != 0)
            continue;
        n_have++;
        pos += (size_t)snprintf(found + pos, pos < size ? size - pos : 0, "%s%s", pos ? " " : "",
                                l->symbol);
        char word[40];
        snprintf(word, sizeof(word), " %s ", l->symbol);
        char padded[128];
        snprintf(padded, sizeof(padded), " %s ", need);
        matched += strstr(padded, word) != NULL;
    }
    for (const char *p = need; *p; p++)
        n_need += p == need || p[-1] == ' ';
    return matched == n_need && n_have == n_need;
}

static int check_group(QcAnalyzerCtx *a, const QcMcaInfo *mca, const QcMcaLabel *sg)
{
    int ret = 0;
    if (!sg->has_link_id)
        ret = blocker(a, sg->offset, -1, "soundfield group %s has no MCALinkID", sg->symbol);
    for (int i = 0; i < mca->nb_labels && ret >= 0 && sg->has_link_id; i++) {
        const QcMcaLabel *l = &mca->labels[i];
        if (l->kind == 0 && (!l->has_group_link_id || memcmp(l->group_link_id, sg->link_id, 16)))
            ret = blocker(a, l->offset, l->channel_id ? (int)l->channel_id - 1 : -1,
                          "channel label %s does not link to soundfield group %s "
                          "(SoundfieldGroupLinkID %s)",
                          l->symbol, sg->symbol, l->has_group_link_id ? "differs" : "missing");
    }
    /* a known group must hold one of its layouts exactly */
    const char *need = NULL;
    int matched = 0;
    char found[512] = "";
    for (size_t k = 0; k < sizeof(layouts) / sizeof(layouts[0]); k++) {
        if (strcmp(layouts[k].sg, sg->symbol))
            continue;
        need = need ? need : layouts[k].channels;
        matched |= layout_matches(mca, layouts[k].channels, found, sizeof(found));
    }
    if (ret >= 0 && need && !matched)
        ret = blocker(a, sg->offset, -1, "soundfield group %s needs %s; the track is labelled %s",
                      sg->symbol, need, found[0] ? found : "(nothing)");
    return ret;
}

/* One finding per malformed tag, naming the labels that carry it. */
static int check_languages(QcAnalyzerCtx *a, const QcMcaInfo *mca)
{
    for (int i = 0; i < mca->nb_labels; i++) {
        const QcMcaLabel *l = &mca->labels[i];
        if (!l->language[0] || qc_lang_well_formed(l->language))
            continue;
        int seen_before = 0, count = 0;
        for (int k = 0; k < mca->nb_labels; k++)
            if (!strcmp(mca->labels[k].language, l->language)) {
                seen_before |= k < i;
                count++;
            }
        if (seen_before)
            continue;
        int ret = blocker(a, l->offset, -1,
                          "RFC 5646 language tag \"%s\" (on %d MCA label%s, "
                          "first %s) is not well formed: write it as BCP 47 says, e.g. en-US",
                          l->language, count, count > 1 ? "s" : "", l->symbol);
        if (ret < 0)
            return ret;
    }
    return 0;
}

int qc_mca_check(QcAnalyzerCtx *a, const QcMcaInfo *mca)
{
    int ret = 0, channels = 0;
    if (!mca->nb_labels)
        return blocker(a, mca->descriptor_offset, -1,
                       "the sound track carries no MCA labels: "
                       "IMF needs a soundfield group label and one channel label per channel "
                       "(ST 2067-2 §5.3.6)");
    if (!mca->has_channel_assignment ||
        !qc_ul_equal(mca->channel_assignment, imf_channel_assignment))
        ret = blocker(a, mca->descriptor_offset, -1,
                      "the sound descriptor's ChannelAssignment "
                      "is %s the IMF MCA labelling UL (ST 2067-2 §5.3.4.2)",
                      mca->has_channel_assignment ? "not" : "missing; it must be");
    if (ret >= 0)
        ret = check_channels(a, mca, &channels);
    const QcMcaLabel *sg = NULL;
    int groups = 0;
    for (int i = 0; i < mca->nb_labels; i++)
        if (mca->labels[i].kind == 1 && !groups++)
            sg = &mca->labels[i];
    if (ret >= 0 && groups != 1)
        ret = blocker(a, mca->descriptor_offset, -1,
                      "%d soundfield group labels: IMF needs "
                      "exactly one (ST 2067-2 §5.3.6.3)",
                      groups);
    if (ret >= 0 && sg)
        ret = check_group(a, mca, sg);
    if (ret >= 0)
        ret = check_languages(a, mca);
    return ret;
}
