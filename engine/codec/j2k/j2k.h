// SPDX-License-Identifier: MIT
/**
 * @file j2k.h
 * Cheap structural checks of one JPEG 2000 frame (ITU-T T.800 marker syntax), the IMF / HTJ2K
 * profile rules that depend on the codestream alone (qc-domain §2.6), the per-frame byte budget
 * of an IMF sublevel, and the codestream against the MXF picture descriptor (primer §3.8).
 *
 * Nothing here allocates: a QcJ2kReport lives on the caller's stack and is filled in place, so
 * the checks can run on every frame, on any decode worker. Nothing reads outside the buffer.
 * Problem offsets count bytes from the start of the buffer given to qc_j2k_validate (for a
 * JP2-boxed frame that includes the boxes; codestream_offset says where the codestream starts).
 */
#ifndef QC_ENGINE_CODEC_J2K_J2K_H
#define QC_ENGINE_CODEC_J2K_J2K_H

#include <stddef.h>
#include <stdint.h>

#include "engine/mxf/descriptors.h"

/** What the main header and the tile-parts say. Code-block sizes are the COD values as coded:
 *  a code-block is 2^(xcb+2) samples wide. */
typedef struct QcJ2kInfo {
    uint16_t rsiz;
    uint32_t xsiz, ysiz, xosiz, yosiz, xtsiz, ytsiz, xtosiz, ytosiz; ///< SIZ, reference grid
    uint16_t csiz;                                                   ///< components
    uint8_t ssiz[16], xrsiz[16], yrsiz[16]; ///< first 16 components: depth − 1 (bit 7 signed)
    uint8_t progression;                    ///< COD: 0 LRCP … 4 CPRL
    uint16_t layers;
    uint8_t mct, levels, xcb, ycb, cblk_style, transform; ///< transform: 0 9-7, 1 5-3
    uint8_t cod[64];
    size_t cod_size; ///< main-header COD body from Scod (no marker, no Lcod), bytes
    uint8_t qcd[256];
    size_t qcd_size; ///< main-header QCD body from Sqcd, bytes
    int has_cap;
    uint32_t pcap;
    uint16_t ccap15; ///< CAP (Part 15); ccap15 is 0 unless Pcap announces Part 15
    int htj2k;       ///< Pcap bit 17 (Part 15) or Rsiz bit 14
    int has_tlm, has_coc, has_qcc, has_rgn, has_poc, has_ppm, has_plm, has_crg, has_com;
    uint32_t nb_tiles;      ///< from the SIZ tile grid
    uint32_t nb_tile_parts; ///< tile-parts walked before the end or the first broken one
    int has_eoc;
    size_t header_size;       ///< SOC .. first SOT, bytes
    int jp2;                  ///< the frame is a JP2 file (boxes), not a raw codestream
    size_t codestream_offset; ///< where the raw codestream starts inside a JP2 (0 for raw)
    size_t cap_offset, cod_offset, qcd_offset; ///< buffer offsets of the main-header markers, 0
                                               ///< when absent: where profile problems point
} QcJ2kInfo;

typedef enum QcJ2kProblemKind {
    QC_J2K_STRUCTURE, ///< the codestream syntax is broken: a decoder may fail
    QC_J2K_MISMATCH,  ///< the codestream disagrees with the MXF descriptor
    QC_J2K_PROFILE,   ///< sound syntax, but not what the signalled profile allows
} QcJ2kProblemKind;

typedef struct QcJ2kProblem {
    QcJ2kProblemKind kind;
    uint32_t offset; ///< bytes from the start of the buffer (the field at fault)
    char message[192];
} QcJ2kProblem;

#define QC_J2K_MAX_PROBLEMS 8

typedef struct QcJ2kReport {
    QcJ2kInfo info;
    int nb_problems;   ///< kept (≤ QC_J2K_MAX_PROBLEMS)
    int more_problems; ///< found but not kept
    QcJ2kProblem problems[QC_J2K_MAX_PROBLEMS];
} QcJ2kReport;

/**
 * Walks the frame: SOC, SIZ, every main-header marker segment (its length inside the buffer and
 * consistent with its content), COD and QCD present, each tile-part (SOT, Psot, TPsot/TNsot,
 * SOD), every tile seen, TLM lengths against the real tile-part lengths, EOC last. A JP2 file is
 * accepted (its jp2c box is validated) with a QC_J2K_PROFILE problem, since IMF carries raw
 * codestreams. Clears @p r first.
 * @return 0 when the structure is sound (profile problems may be listed), 1 when a
 *         QC_J2K_STRUCTURE problem was found.
 */
int qc_j2k_validate(const uint8_t *cs, size_t n, QcJ2kReport *r);

/**
 * Adds QC_J2K_PROFILE problems for the rules of the Rsiz the codestream signals: the IMF
 * profiles (Rsiz 0x04xx..0x09xx, ISO/IEC 15444-1 Amd 8 as OpenJPEG enforces them) and HTJ2K
 * (ST 2067-21 Annex I). Other Rsiz values get no rule. Does nothing before SIZ was read.
 */
void qc_j2k_check_profile(QcJ2kReport *r);

/**
 * The per-frame byte budget of the IMF sublevel (or Broadcast Contribution level) in @p rsiz at
 * @p rate_num / @p rate_den frames per second: Mbit/s × 10^6 / 8 / fps, rounded down.
 * @return bytes, or -1 when @p rsiz carries no budget (sublevel 0, reversible broadcast level
 *         7, other profiles) or the rate is not positive.
 */
int64_t qc_j2k_frame_budget(uint16_t rsiz, int32_t rate_num, int32_t rate_den);

/**
 * Adds one QC_J2K_MISMATCH problem per descriptor field the codestream disagrees with: stored
 * size, component count (3 in IMF), bit depth, CDCI subsampling, and every field of the JPEG
 * 2000 sub-descriptor when present. Fields the descriptor leaves out (0 / NULL) are not
 * compared. Does nothing when @p d is NULL or SIZ was not read.
 */
void qc_j2k_compare(QcJ2kReport *r, const QcMxfPictureInfo *d);

#endif
