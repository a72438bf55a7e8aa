// SPDX-License-Identifier: MIT
/* Tile-parts (T.800 A.4.2–A.4.3): the SOT chain to EOC, each tile-part header up to SOD, TLM
 * entries against the real tile-part lengths, and per tile the TPsot/TNsot sequence and that
 * every tile is present. Per-tile state is kept for a window of tiles at a time on the stack
 * and the chain re-walked per window (at most 64 windows for the 65535 tiles T.800 allows), so
 * no tile count needs memory from the heap. */
#include <string.h>

#include "engine/codec/j2k/j2k_internal.h"

#define TILE_WINDOW 1024

/* The next TLM entry, TLM segments in Ztlm order. */
typedef struct TlmCursor {
    int z;           /* current segment's Ztlm, -1 before the first */
    size_t at, end;  /* next entry, end of the segment */
    unsigned st, sp; /* Ttlm bytes, Ptlm is 4 bytes when sp */
    uint32_t index;  /* entries read so far: the tile of an ST = 0 entry */
    int exhausted;
} TlmCursor;

static int tlm_next(const J2kWalk *w, TlmCursor *c, uint32_t *tile, uint32_t *len, size_t *at)
{
    const uint8_t *b = w->buf;
    while (c->at + c->st + (c->sp ? 4 : 2) > c->end) {
        do {
            if (++c->z > 255)
                return 0;
        } while (!w->tlm_at[c->z]);
        const size_t seg = w->tlm_at[c->z];
        c->st = (b[seg + 5] >> 4) & 3;
        c->sp = (b[seg + 5] >> 6) & 1;
        c->at = seg + 6;
        c->end = seg + 2 + j2k_be16(b + seg + 2);
    }
    /* ST = 0: tile-parts in tile order, one per tile (T.800 A.7.1) */
    *tile = c->st == 0 ? c->index : c->st == 1 ? b[c->at] : j2k_be16(b + c->at);
    *at = c->at + c->st;
    *len = c->sp ? j2k_be32(b + *at) : j2k_be16(b + *at);
    c->at += c->st + (c->sp ? 4 : 2);
    c->index++;
    return 1;
}

static void tlm_check(J2kWalk *w, TlmCursor *c, const size_t sot, const unsigned isot,
                      const size_t length)
{
    uint32_t tile, len;
    size_t at;
    if (!w->r->info.has_tlm || w->tlm_bad || c->exhausted)
        return;
    if (!tlm_next(w, c, &tile, &len, &at)) {
        c->exhausted = 1;
        qc_j2k_fail(w, sot, "TLM lists %u tile-parts, the codestream has more", c->index);
        return;
    }
    if (tile != isot)
        qc_j2k_fail(w, at - c->st, "TLM entry %u names tile %u; the tile-part at %zu is of tile %u",
                    c->index - 1, tile, sot, isot);
    else if (len != length)
        qc_j2k_fail(w, at, "TLM entry %u: %u bytes; the tile-part at %zu has %zu", c->index - 1,
                    len, sot, length);
}

/* Markers after SOT up to SOD, inside the tile-part. @return 0, or -1 when SOD is not found. */
static int walk_tile_header(J2kWalk *w, size_t p, const size_t tp_end)
{
    const uint8_t *b = w->buf;
    for (;;) {
        if (tp_end - p < 2) {
            qc_j2k_fail(w, p, "tile-part header without SOD");
            return -1;
        }
        const unsigned m = j2k_be16(b + p);
        if (m == J2K_SOD)
            return 0;
        const char *name = qc_j2k_marker_name(m);
        if (m < 0xff30 || m == J2K_SOT || m == J2K_SOC || m == J2K_EOC || m == J2K_SOP ||
            m == J2K_EPH) {
            qc_j2k_fail(w, p, "%s%s%02X%02X in a tile-part header, before SOD", name ? name : "",
                        name ? " " : "bytes ", b[p], b[p + 1]);
            return -1;
        }
        if (m <= 0xff3f) {
            p += 2;
            continue;
        }
        const unsigned len = tp_end - p >= 4 ? j2k_be16(b + p + 2) : 0;
        if (len < 2 || len > tp_end - p - 2) {
            qc_j2k_fail(w, p + 2, "marker %02X%02X in a tile-part header runs past the tile-part",
                        b[p], b[p + 1]);
            return -1;
        }
        qc_j2k_segment(w, m, p, p + 2 + len, 1);
        p += 2 + len;
    }
}

/* Where the tile-part at @p pos ends, or 0 with the problem reported. */
static size_t tile_part_end(J2kWalk *w, const size_t pos)
{
    const uint8_t *b = w->buf;
    const size_t e = w->end;
    const uint32_t psot = j2k_be32(b + pos + 6);
    if (psot == 0) {
        /* "to EOC": only the last tile-part may say so */
        if (e - pos >= 14 && j2k_be16(b + e - 2) == J2K_EOC)
            return e - 2;
        qc_j2k_fail(w, pos + 6, "Psot 0 (up to EOC), but the codestream does not end with EOC");
        return 0;
    }
    if (psot < 14) {
        qc_j2k_fail(w, pos + 6, "Psot %u: a tile-part takes at least 14 bytes", (unsigned)psot);
        return 0;
    }
    if (psot > e - pos) {
        qc_j2k_fail(w, pos + 6, "Psot %u runs %zu bytes past the end", (unsigned)psot,
                    (size_t)psot - (e - pos));
        return 0;
    }
    return pos + psot;
}

/* One SOT where one is due. @return the end of its tile-part, 0 to stop the walk. */
static size_t walk_sot(J2kWalk *w, const size_t pos, TlmCursor *tlm)
{
    const uint8_t *b = w->buf;
    QcJ2kInfo *in = &w->r->info;
    if (w->end - pos < 12) {
        qc_j2k_fail(w, pos, "SOT marker segment truncated");
        return 0;
    }
    if (j2k_be16(b + pos + 2) != 10) {
        qc_j2k_fail(w, pos + 2, "Lsot %u, not 10", j2k_be16(b + pos + 2));
        return 0;
    }
    const size_t tp_end = tile_part_end(w, pos);
    if (!tp_end)
        return 0;
    const unsigned isot = j2k_be16(b + pos + 4);
    if (w->siz_ok && isot >= in->nb_tiles)
        qc_j2k_fail(w, pos + 4, "Isot %u, but the image has only %u tile(s)", isot, in->nb_tiles);
    walk_tile_header(w, pos + 12, tp_end);
    tlm_check(w, tlm, pos, isot, tp_end - pos);
    in->nb_tile_parts++;
    return tp_end;
}

/* TPsot counts 0, 1, … per tile; TNsot, when not 0, is the same in every tile-part of a tile
 * and above TPsot. Tiles base .. base + count - 1 only. */
static void tile_window(J2kWalk *w, const uint32_t base, const uint32_t count, uint32_t *missing,
                        uint32_t *first_missing)
{
    uint8_t seen[TILE_WINDOW], tn[TILE_WINDOW], flagged[TILE_WINDOW];
    memset(seen, 0, count);
    memset(tn, 0, count);
    memset(flagged, 0, count);
    const uint8_t *b = w->buf;
    size_t pos = w->first_sot;
    for (uint32_t k = 0; k < w->r->info.nb_tile_parts; k++) {
        const uint32_t i = j2k_be16(b + pos + 4) - base, psot = j2k_be32(b + pos + 6);
        const unsigned tp = b[pos + 10], tnsot = b[pos + 11];
        if (i < count && !flagged[i]) {
            if (seen[i] == 255 || tp != seen[i]) {
                qc_j2k_fail(w, pos + 10, "tile %u: TPsot %u where %u is due", base + i, tp,
                            seen[i]);
                flagged[i] = 1;
            } else if (tnsot && ((tn[i] && tn[i] != tnsot) || tp >= tnsot)) {
                qc_j2k_fail(w, pos + 11, "tile %u: TNsot %u (TPsot %u, earlier TNsot %u)", base + i,
                            tnsot, tp, tn[i]);
                flagged[i] = 1;
            } else if (tnsot) {
                tn[i] = (uint8_t)tnsot;
            }
            seen[i]++;
        }
        pos = psot ? pos + psot : w->end - 2; /* the walk already checked every Psot */
    }
    if (!w->complete)
        return; /* the end of the walk was reported already; missing tiles would repeat it */
    for (uint32_t i = 0; i < count; i++) {
        if (!seen[i] && !(*missing)++)
            *first_missing = base + i;
        else if (seen[i] && !flagged[i] && tn[i] && seen[i] != tn[i])
            qc_j2k_fail(w, w->tiles_end, "tile %u: %u tile-parts, its TNsot says %u", base + i,
                        seen[i], tn[i]);
    }
}

static void check_tiles(J2kWalk *w)
{
    const uint32_t tiles = w->r->info.nb_tiles;
    uint32_t missing = 0, first = 0;
    for (uint32_t base = 0; base < tiles; base += TILE_WINDOW)
        tile_window(w, base, tiles - base < TILE_WINDOW ? tiles - base : TILE_WINDOW, &missing,
                    &first);
    if (missing)
        qc_j2k_fail(w, w->tiles_end, "%u of %u tiles have no tile-part (the first: tile %u)",
                    missing, tiles, first);
}

void qc_j2k_walk_tiles(J2kWalk *w)
{
    const uint8_t *b = w->buf;
    const size_t e = w->end;
    TlmCursor tlm = {.z = -1};
    size_t pos = w->first_sot;
    for (;;) {
        w->tiles_end = pos;
        if (e - pos < 2) {
            qc_j2k_fail(w, pos,
                        pos == e ? "the codestream ends without EOC"
                                 : "a stray byte at the end, no EOC");
            break;
        }
        const unsigned m = j2k_be16(b + pos);
        if (m == J2K_EOC) {
            w->r->info.has_eoc = 1;
            w->complete = 1;
            if (e - pos > 2)
                qc_j2k_fail(w, pos + 2, "%zu bytes after EOC", e - pos - 2);
            break;
        }
        if (m != J2K_SOT) {
            qc_j2k_fail(w, pos, "bytes %02X %02X where SOT or EOC is due", b[pos], b[pos + 1]);
            break;
        }
        const size_t next = walk_sot(w, pos, &tlm);
        if (!next)
            break;
        pos = next;
    }
    if (w->complete && w->r->info.has_tlm && !w->tlm_bad && !tlm.exhausted) {
        uint32_t tile, len;
        size_t at;
        if (tlm_next(w, &tlm, &tile, &len, &at))
            qc_j2k_fail(w, at, "TLM lists more tile-parts than the codestream's %u",
                        w->r->info.nb_tile_parts);
    }
    if (w->siz_ok)
        check_tiles(w);
}
