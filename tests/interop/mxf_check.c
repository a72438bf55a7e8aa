// SPDX-License-Identifier: MIT
/*
 * mxf_check: byte-level checks of an AS-02 track file, written without the writer's or the engine's code
 * so that both sides of a mistake cannot agree by construction.
 *   - the RIP is the last KLV, and each of its offsets holds a partition pack with that ThisPartition
 *     and BodySID; PreviousPartition chains through the RIP order; every FooterPartition names the footer;
 *   - the header partition starts at byte 0 with a primer right after the pack, and HeaderByteCount and
 *     IndexByteCount end exactly at KLV boundaries (the next partition, for KAG 1);
 *   - every VBR index entry's StreamOffset, resolved through the body partitions' BodyOffsets, lands on
 *     an essence key of the file package's track; a CBR segment covers the clip value exactly;
 *   - the essence KLV count agrees with the index and with --frames;
 *   - the primer has unique tags, dynamic ones >= 0x8000, and every set item's tag is in it.
 * Usage: mxf_check [--list] [--frames N] FILE.mxf   (exit 0 = all good, 1 = a check failed, 2 = usage)
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARTS 4096

typedef struct Part {
    uint64_t at, this_, prev, footer, hbc, ibc, body_offset;
    uint32_t index_sid, body_sid, rip_sid;
    uint8_t  kind;
} Part;

typedef struct File {
    const uint8_t *d;
    uint64_t       n;
    Part           part[MAX_PARTS];
    int            nparts;
    int            list;
    int            failures;
    uint64_t       index_frames, essence_klvs, cbr_bytes, clip_bytes;
    int            cbr;
} File;

static void fail(File *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("mxf_check: FAIL: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    f->failures++;
}

static uint64_t be(const uint8_t *p, const int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

static const uint8_t UL_HEAD[4] = { 0x06, 0x0e, 0x2b, 0x34 };
static const uint8_t PP_PREFIX[13] = { 0x06, 0x0e, 0x2b, 0x34, 0x02, 0x05, 0x01, 0x01,
                                       0x0d, 0x01, 0x02, 0x01, 0x01 };
static const uint8_t PRIMER[16] = { 0x06, 0x0e, 0x2b, 0x34, 0x02, 0x05, 0x01, 0x01,
                                    0x0d, 0x01, 0x02, 0x01, 0x01, 0x05, 0x01, 0x00 };
static const uint8_t RIP_KEY[16] = { 0x06, 0x0e, 0x2b, 0x34, 0x02, 0x05, 0x01, 0x01,
                                     0x0d, 0x01, 0x02, 0x01, 0x01, 0x11, 0x01, 0x00 };
static const uint8_t INDEX_KEY[16] = { 0x06, 0x0e, 0x2b, 0x34, 0x02, 0x53, 0x01, 0x01,
                                       0x0d, 0x01, 0x02, 0x01, 0x01, 0x10, 0x01, 0x00 };
static const uint8_t GC_ELEMENT[12] = { 0x06, 0x0e, 0x2b, 0x34, 0x01, 0x02, 0x01, 0x01,
                                        0x0d, 0x01, 0x03, 0x01 };

/* KLV at `at`: returns the value offset and length, or 0 when it does not fit in [at, end). */
static int klv(const File *f, const uint64_t at, const uint64_t end, uint64_t *value, uint64_t *len)
{
    if (at + 17 > end || memcmp(f->d + at, UL_HEAD, 4))
        return 0;
    const uint8_t b = f->d[at + 16];
    uint64_t l = b, hdr = 17;
    if (b & 0x80) {
        const int nb = b & 0x7f;
        if (nb < 1 || nb > 8 || at + 17 + (uint64_t)nb > end)
            return 0;
        l = be(f->d + at + 17, nb);
        hdr += (uint64_t)nb;
    }
    if (l > end - at - hdr)
        return 0;
    *value = at + hdr;
    *len = l;
    return 1;
}

static int read_rip(File *f)
{
    if (f->n < 48)
        return fail(f, "file too short"), 0;
    const uint64_t total = be(f->d + f->n - 4, 4);
    uint64_t v, l;
    if (total > f->n || total < 24 || !klv(f, f->n - total, f->n, &v, &l) ||
        memcmp(f->d + f->n - total, RIP_KEY, 16) || v + l != f->n || (l - 4) % 12)
        return fail(f, "no RIP at the end (overall length %" PRIu64 ")", total), 0;
    f->nparts = (int)((l - 4) / 12);
    if (f->nparts < 3 || f->nparts > MAX_PARTS)
        return fail(f, "RIP lists %d partitions", f->nparts), 0;
    for (int i = 0; i < f->nparts; i++) {
        f->part[i].rip_sid = (uint32_t)be(f->d + v + 12 * (uint64_t)i, 4);
        f->part[i].at = be(f->d + v + 12 * (uint64_t)i + 4, 8);
    }
    return 1;
}

static void read_pack(File *f, Part *p, const int i)
{
    uint64_t v, l;
    if (p->at >= f->n || !klv(f, p->at, f->n, &v, &l) || memcmp(f->d + p->at, PP_PREFIX, 13) || l < 88) {
        fail(f, "RIP entry %d (offset %" PRIu64 ") is not a partition pack", i, p->at);
        return;
    }
    const uint8_t *q = f->d + v;
    p->kind = f->d[p->at + 13];
    p->this_ = be(q + 8, 8);
    p->prev = be(q + 16, 8);
    p->footer = be(q + 24, 8);
    p->hbc = be(q + 32, 8);
    p->ibc = be(q + 40, 8);
    p->index_sid = (uint32_t)be(q + 48, 4);
    p->body_offset = be(q + 52, 8);
    p->body_sid = (uint32_t)be(q + 60, 4);
    if (be(q, 2) != 1 || be(q + 2, 2) != 3 || be(q + 4, 4) != 1)
        fail(f, "partition %d: version %u.%u, KAG %u (want 1.3, KAG 1)", i, (unsigned)be(q, 2),
             (unsigned)be(q + 2, 2), (unsigned)be(q + 4, 4));
    if (f->d[p->at + 14] != 0x04)
        fail(f, "partition %d: status %02x, want 04 (closed complete)", i, f->d[p->at + 14]);
    if (p->this_ != p->at)
        fail(f, "partition %d: ThisPartition %" PRIu64 " at offset %" PRIu64, i, p->this_, p->at);
    if (p->body_sid != p->rip_sid)
        fail(f, "partition %d: BodySID %u, RIP says %u", i, p->body_sid, p->rip_sid);
    if (f->list)
        printf("%10" PRIu64 "  %-6s BodySID %u IndexSID %u BodyOffset %" PRIu64 " HeaderByteCount %" PRIu64
               " IndexByteCount %" PRIu64 " Previous %" PRIu64 " Footer %" PRIu64 "\n",
               p->at, p->kind == 2 ? "header" : p->kind == 3 ? "body" : p->kind == 4 ? "footer" : "?",
               p->body_sid, p->index_sid, p->body_offset, p->hbc, p->ibc, p->prev, p->footer);
}

static void check_chain(File *f)
{
    const Part *foot = &f->part[f->nparts - 1];
    if (f->part[0].at != 0 || f->part[0].kind != 2 || !f->part[0].hbc)
        fail(f, "the first partition is not a header with metadata at byte 0");
    if (foot->kind != 4 || foot->body_sid || foot->index_sid || foot->body_offset)
        fail(f, "the last partition is not a plain footer");
    for (int i = 0; i < f->nparts; i++) {
        const Part *p = &f->part[i];
        if (p->footer != foot->at)
            fail(f, "partition %d: FooterPartition %" PRIu64 ", footer is at %" PRIu64, i, p->footer,
                 foot->at);
        if (p->prev != (i ? f->part[i - 1].at : 0))
            fail(f, "partition %d: PreviousPartition %" PRIu64 ", want %" PRIu64, i, p->prev,
                 i ? f->part[i - 1].at : 0);
        if (i && p->at <= f->part[i - 1].at)
            fail(f, "partition %d: offsets do not increase", i);
        if ((p->body_sid != 0) + (p->ibc != 0) + (p->hbc != 0) > 1)
            fail(f, "partition %d: more than one kind of content (ST 2067-5)", i);
    }
}

/* Header metadata: primer tags unique, dynamic >= 0x8000, every set item tag in the primer. */
static void check_header(File *f, const uint64_t from, const uint64_t end)
{
    uint64_t v, l;
    if (!klv(f, from, end, &v, &l) || memcmp(f->d + from, PRIMER, 16) || l < 8 || be(f->d + v + 4, 4) != 18 ||
        8 + 18 * be(f->d + v, 4) != l)
        return fail(f, "no well-formed primer right after the header pack");
    static uint8_t seen[65536];
    memset(seen, 0, sizeof(seen));
    const uint64_t count = be(f->d + v, 4);
    unsigned dynamic = 0;
    for (uint64_t i = 0; i < count; i++) {
        const unsigned tag = (unsigned)be(f->d + v + 8 + 18 * i, 2);
        if (seen[tag]++)
            fail(f, "primer: tag %04x twice", tag);
        dynamic += tag >= 0x8000;
    }
    /* This writer hands dynamic tags out downwards from 0xffff without gaps. */
    for (unsigned t = 0x10000 - dynamic; t <= 0xffff; t++)
        if (!seen[t])
            fail(f, "primer: dynamic tags are not 0xffff down to %04x", 0x10000 - dynamic);
    uint64_t at = v + l, sets = 0;
    while (at < end && klv(f, at, end, &v, &l)) {
        if (f->d[at + 4] == 0x02 && f->d[at + 5] == 0x53) {
            sets++;
            for (uint64_t q = v; q + 4 <= v + l;) {
                const unsigned tag = (unsigned)be(f->d + q, 2), n = (unsigned)be(f->d + q + 2, 2);
                if (!seen[tag])
                    fail(f, "set at %" PRIu64 ": tag %04x not in the primer", at, tag);
                q += 4 + n;
                if (q > v + l)
                    fail(f, "set at %" PRIu64 ": item overruns the set", at);
            }
        }
        at = v + l;
    }
    if (at != end)
        fail(f, "header metadata does not end on a KLV boundary (%" PRIu64 " vs %" PRIu64 ")", at, end);
    if (f->list)
        printf("            header metadata: primer %" PRIu64 " tags, %" PRIu64 " sets\n", count, sets);
}

/* Essence of one body partition: KLVs of one GC element key from the pack's end to the next partition. */
static void walk_essence(File *f, const int i, uint8_t key[16], int *have_key)
{
    const Part *p = &f->part[i];
    uint64_t v, l, at;
    klv(f, p->at, f->n, &v, &l);
    at = v + l;
    const uint64_t end = f->part[i + 1].at;
    while (at < end) {
        if (!klv(f, at, end, &v, &l) || memcmp(f->d + at, GC_ELEMENT, 12)) {
            fail(f, "partition %d: no essence element at %" PRIu64, i, at);
            return;
        }
        if (!*have_key) {
            memcpy(key, f->d + at, 16);
            *have_key = 1;
        } else if (memcmp(key, f->d + at, 16)) {
            fail(f, "partition %d: a second essence key at %" PRIu64, i, at);
        }
        f->essence_klvs++;
        f->clip_bytes = l;
        at = v + l;
    }
}

/* File offset of essence-stream offset s, through the body partitions' BodyOffsets. */
static uint64_t resolve(const File *f, const uint64_t s, uint64_t *end)
{
    int best = -1;
    for (int i = 0; i < f->nparts - 1; i++)
        if (f->part[i].body_sid == 1 && f->part[i].body_offset <= s &&
            (best < 0 || f->part[i].body_offset >= f->part[best].body_offset))
            best = i;
    if (best < 0)
        return 0;
    uint64_t v, l;
    klv(f, f->part[best].at, f->n, &v, &l);
    *end = f->part[best + 1].at;
    return v + l + (s - f->part[best].body_offset);
}

static void check_entries(File *f, const uint8_t *q, const uint64_t len, const uint8_t key[16],
                          uint64_t *last)
{
    const uint64_t n = be(q, 4), size = be(q + 4, 4);
    if (size < 11 || 8 + n * size != len)
        return fail(f, "IndexEntryArray: %" PRIu64 " entries of %" PRIu64 " bytes in %" PRIu64, n, size, len);
    for (uint64_t e = 0; e < n; e++) {
        const uint8_t *x = q + 8 + e * size;
        const uint64_t s = be(x + 3, 8);
        uint64_t end = 0;
        const uint64_t at = resolve(f, s, &end);
        if (x[2] != 0x80 || (*last != UINT64_MAX && s <= *last))
            fail(f, "index entry %" PRIu64 ": flags %02x, offset %" PRIu64 " after %" PRIu64,
                 f->index_frames + e, x[2], s, *last);
        if (!at || at + 16 > end || memcmp(f->d + at, key, 16))
            fail(f, "index entry %" PRIu64 ": stream offset %" PRIu64 " -> file offset %" PRIu64
                 " is not an essence key", f->index_frames + e, s, at);
        *last = s;
    }
}

static void check_segment(File *f, const uint64_t v, const uint64_t l, const uint8_t key[16], uint64_t *last)
{
    uint64_t start = UINT64_MAX, duration = 0, eubc = 0, sid[2] = { 0, 0 };
    for (uint64_t q = v; q + 4 <= v + l;) {
        const unsigned tag = (unsigned)be(f->d + q, 2), n = (unsigned)be(f->d + q + 2, 2);
        const uint8_t *x = f->d + q + 4;
        if (tag == 0x3f0c) start = be(x, 8);
        else if (tag == 0x3f0d) duration = be(x, 8);
        else if (tag == 0x3f05) eubc = be(x, 4);
        else if (tag == 0x3f06) sid[0] = be(x, 4);
        else if (tag == 0x3f07) sid[1] = be(x, 4);
        else if (tag == 0x3f0a) check_entries(f, x, n, key, last);
        q += 4 + n;
    }
    if (sid[0] != 129 || sid[1] != 1 || start != f->index_frames)
        fail(f, "index segment: IndexSID %" PRIu64 " BodySID %" PRIu64 " start %" PRIu64 " (want 129, 1, %"
             PRIu64 ")", sid[0], sid[1], start, f->index_frames);
    if (eubc) {
        f->cbr = 1;
        f->cbr_bytes = eubc * duration;
    }
    f->index_frames += duration;
}

static void check_index(File *f, const int i, const uint8_t key[16], uint64_t *last)
{
    const Part *p = &f->part[i];
    uint64_t v, l;
    klv(f, p->at, f->n, &v, &l);
    uint64_t at = v + l;
    const uint64_t end = at + p->ibc;
    if (end != f->part[i + 1].at)
        fail(f, "partition %d: IndexByteCount %" PRIu64 " does not reach the next partition", i, p->ibc);
    while (at < end && klv(f, at, end, &v, &l) && !memcmp(f->d + at, INDEX_KEY, 16)) {
        check_segment(f, v, l, key, last);
        at = v + l;
    }
    if (at != end)
        fail(f, "partition %d: index segments end at %" PRIu64 ", not %" PRIu64, i, at, end);
}

static void check_body(File *f, const long long frames)
{
    uint8_t key[16];
    int have_key = 0;
    for (int i = 0; i + 1 < f->nparts; i++)
        if (f->part[i].body_sid == 1)
            walk_essence(f, i, key, &have_key);
    if (!have_key)
        return fail(f, "no essence");
    uint64_t last = UINT64_MAX;
    for (int i = 0; i + 1 < f->nparts; i++)
        if (f->part[i].ibc)
            check_index(f, i, key, &last);
    if (f->cbr && (f->essence_klvs != 1 || f->cbr_bytes != f->clip_bytes))
        fail(f, "clip: %" PRIu64 " essence KLVs, index covers %" PRIu64 " of %" PRIu64 " bytes",
             f->essence_klvs, f->cbr_bytes, f->clip_bytes);
    if (!f->cbr && f->index_frames != f->essence_klvs)
        fail(f, "%" PRIu64 " frames indexed, %" PRIu64 " in the file", f->index_frames, f->essence_klvs);
    if (frames >= 0 && f->index_frames != (uint64_t)frames)
        fail(f, "index duration %" PRIu64 ", expected %lld", f->index_frames, frames);
    if (f->list)
        printf("            essence key %02x%02x%02x%02x: %" PRIu64 " KLVs, index duration %" PRIu64
               " (%s)\n", key[12], key[13], key[14], key[15], f->essence_klvs, f->index_frames,
               f->cbr ? "CBR" : "VBR");
}

int main(int argc, char **argv)
{
    static File f;
    long long frames = -1;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--list"))
            f.list = 1;
        else if (!strcmp(argv[i], "--frames") && i + 1 < argc)
            frames = atoll(argv[++i]);
        else
            path = argv[i];
    }
    FILE *fp = path ? fopen(path, "rb") : NULL;
    if (!fp) {
        fprintf(stderr, "usage: mxf_check [--list] [--frames N] FILE.mxf\n");
        return 2;
    }
    fseeko(fp, 0, SEEK_END);
    f.n = (uint64_t)ftello(fp);
    fseeko(fp, 0, SEEK_SET);
    uint8_t *d = malloc(f.n ? f.n : 1);
    if (!d || fread(d, 1, f.n, fp) != f.n) {
        fprintf(stderr, "mxf_check: cannot read %s\n", path);
        return 2;
    }
    fclose(fp);
    f.d = d;
    if (read_rip(&f)) {
        for (int i = 0; i < f.nparts; i++)
            read_pack(&f, &f.part[i], i);
        if (!f.failures) {
            check_chain(&f);
            uint64_t v, l;
            klv(&f, 0, f.n, &v, &l);
            check_header(&f, v + l, v + l + f.part[0].hbc);
            if (v + l + f.part[0].hbc != f.part[1].at)
                fail(&f, "HeaderByteCount does not reach the next partition");
            check_body(&f, frames);
        }
    }
    free(d);
    if (f.failures)
        return 1;
    printf("mxf_check: %s: OK (%d partitions)\n", path, f.nparts);
    return 0;
}
