// SPDX-License-Identifier: MIT
/* Shared by the files of the J2K checker: marker codes, the walk state, the problem sink. */
#ifndef QC_ENGINE_CODEC_J2K_J2K_INTERNAL_H
#define QC_ENGINE_CODEC_J2K_J2K_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/codec/j2k/j2k.h"

/* ITU-T T.800 Table A.2 (plus CAP and CPF from T.800 Amd / T.814) */
#define J2K_SOC 0xff4f
#define J2K_CAP 0xff50
#define J2K_SIZ 0xff51
#define J2K_COD 0xff52
#define J2K_COC 0xff53
#define J2K_TLM 0xff55
#define J2K_PLM 0xff57
#define J2K_PLT 0xff58
#define J2K_CPF 0xff59
#define J2K_QCD 0xff5c
#define J2K_QCC 0xff5d
#define J2K_RGN 0xff5e
#define J2K_POC 0xff5f
#define J2K_PPM 0xff60
#define J2K_PPT 0xff61
#define J2K_CRG 0xff63
#define J2K_COM 0xff64
#define J2K_SOT 0xff90
#define J2K_SOP 0xff91
#define J2K_EPH 0xff92
#define J2K_SOD 0xff93
#define J2K_EOC 0xffd9

/* SIZ fields, bytes from the SIZ marker (T.800 A.5.1); SIZ always starts 2 bytes into the
 * codestream, so these also place a SIZ problem found from the info alone */
enum {
    J2K_SIZ_L = 2,
    J2K_SIZ_RSIZ = 4,
    J2K_SIZ_X = 6,
    J2K_SIZ_Y = 10,
    J2K_SIZ_XO = 14,
    J2K_SIZ_YO = 18,
    J2K_SIZ_XT = 22,
    J2K_SIZ_YT = 26,
    J2K_SIZ_XTO = 30,
    J2K_SIZ_YTO = 34,
    J2K_SIZ_C = 38,
    J2K_SIZ_COMP = 40, /* then Ssiz, XRsiz, YRsiz per component */
};

/* COD body (QcJ2kInfo.cod) indices: Scod, SGcod, SPcod (T.800 A.6.1) */
enum {
    J2K_COD_SCOD = 0,
    J2K_COD_PROG = 1,
    J2K_COD_LAYERS = 2,
    J2K_COD_MCT = 4,
    J2K_COD_LEVELS = 5,
    J2K_COD_XCB = 6,
    J2K_COD_STYLE = 8,
    J2K_COD_TRANSFORM = 9,
    J2K_COD_PRECINCTS = 10,
};

#define J2K_PCAP_PART15 0x00020000u /* Pcap bit for Part i is 2^(32-i) */
#define J2K_RSIZ_CAP 0x4000u        /* Rsiz bit 14: a CAP marker describes the capabilities */
#define J2K_RSIZ_PART2 0x8000u

#if defined(__GNUC__) || defined(__clang__)
#define J2K_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define J2K_PRINTF(f, a)
#endif

/* One frame being walked. The codestream is [start, end) of buf; offsets are into buf. */
typedef struct J2kWalk {
    const uint8_t *buf;
    size_t start, end;
    QcJ2kReport *r;
    int broken; /* a QC_J2K_STRUCTURE problem was added */
    int siz_ok; /* SIZ read with a sane tile grid: nb_tiles can be trusted */
    int nb_cod, nb_qcd;
    int qcd_bands;      /* sub-bands the main QCD codes; -1 derived (style 1), -2 unusable */
    int tlm_bad;        /* a TLM segment could not be read: its entries are not compared */
    size_t first_sot;   /* end of the main header */
    size_t tiles_end;   /* where the tile-part walk stopped */
    int complete;       /* the tile-part walk reached EOC */
    size_t tlm_at[256]; /* TLM marker offset by Ztlm, 0 = none (offset 0 is always SOC) */
} J2kWalk;

static inline unsigned j2k_be16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static inline uint32_t j2k_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Buffer offset of a SIZ field, or of a COD body byte, of the codestream in @p in. */
static inline size_t j2k_siz_at(const QcJ2kInfo *in, const unsigned field)
{
    return in->codestream_offset + 2 + field;
}

static inline size_t j2k_cod_at(const QcJ2kInfo *in, const unsigned index)
{
    return in->cod_offset + 4 + index;
}

/* Keeps the problem when there is room, counts it otherwise. */
void qc_j2k_problem(QcJ2kReport *r, QcJ2kProblemKind kind, size_t offset, const char *fmt, ...)
    J2K_PRINTF(4, 5);
/* A QC_J2K_STRUCTURE problem, remembered in w->broken. */
void qc_j2k_fail(J2kWalk *w, size_t offset, const char *fmt, ...) J2K_PRINTF(3, 4);

/* "COD", "SOT"… for messages, or NULL for a code without a name here. */
const char *qc_j2k_marker_name(unsigned m);

/* One marker segment [pos, end) of the main header (tile = 0) or a tile-part header: content
 * against length, ranges, where it may appear; fills the info of the main-header ones. */
void qc_j2k_segment(J2kWalk *w, unsigned m, size_t pos, size_t end, int tile);

/* SOC, SIZ and the main header up to the first SOT. @return 0, or -1 when the walk cannot go
 * on to the tile-parts. */
int qc_j2k_walk_main(J2kWalk *w);

/* The tile-parts from w->first_sot to EOC, TLM and per-tile checks. */
void qc_j2k_walk_tiles(J2kWalk *w);

#endif
