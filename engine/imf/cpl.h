// SPDX-License-Identifier: MIT
/**
 * @file cpl.h
 * Composition Playlist (ST 2067-3, 2013 and 2016 namespaces): segments, sequences and resources
 * with their defaults applied (imf-mxf-primer §6). The document stays loaded: the
 * EssenceDescriptorList is compared with the track files' descriptors later.
 */
#ifndef QC_ENGINE_IMF_CPL_H
#define QC_ENGINE_IMF_CPL_H

#include <libxml/tree.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/core/finding.h"
#include "engine/core/timecode.h"

#define QC_NS_CPL_2013 "http://www.smpte-ra.org/schemas/2067-3/2013"
#define QC_NS_CPL_2016 "http://www.smpte-ra.org/schemas/2067-3/2016"

typedef enum QcSequenceKind {
    QC_SEQ_OTHER,      ///< a sequence the engine lists but does not inspect
    QC_SEQ_MAIN_IMAGE, ///< MainImageSequence
    QC_SEQ_MAIN_AUDIO, ///< MainAudioSequence
    QC_SEQ_MARKER,     ///< MarkerSequence
} QcSequenceKind;

typedef struct QcCplResource {
    uint8_t id[16];
    int32_t rate_num, rate_den; ///< EditRate, or the CPL's
    int64_t intrinsic;          ///< IntrinsicDuration, resource edit units
    int64_t entry;              ///< EntryPoint (0 when absent)
    int64_t duration;           ///< SourceDuration (IntrinsicDuration − EntryPoint when absent)
    int64_t repeat;             ///< RepeatCount (1 when absent)
    int has_track_file;         ///< a TrackFileResource (SourceEncoding and TrackFileId)
    uint8_t source_encoding[16];
    uint8_t track_file[16];
    long line;
} QcCplResource;

typedef struct QcCplSequence {
    QcSequenceKind kind;
    char name[64]; ///< element local name ("MainImageSequence")
    uint8_t id[16];
    uint8_t track_id[16]; ///< the virtual track
    int segment;          ///< index of its segment
    QcCplResource *resources;
    int nb_resources;
    long line;
} QcCplSequence;

typedef struct QcCplDescriptor {
    uint8_t id[16];
    xmlNode *node; ///< the RegXML element inside EssenceDescriptor (in the CPL's document)
    long line;
} QcCplDescriptor;

#define QC_CPL_MAX_LANGUAGES 16

typedef struct QcCplLanguage {
    char tag[64]; ///< LocaleList/Locale/LanguageList/Language, trimmed
    long line;
} QcCplLanguage;

typedef struct QcCpl {
    char *file; ///< path of the CPL
    xmlDocPtr doc;
    int is2016;
    uint8_t id[16];
    char title[256];
    int32_t rate_num, rate_den; ///< EditRate
    int has_timecode;
    int tc_drop;      ///< TimecodeDropFrame
    int tc_rate;      ///< TimecodeRate, frames per second (rounded)
    int64_t tc_start; ///< TimecodeStartAddress in timecode frames
    char app_id[256]; ///< ApplicationIdentification, "" when absent
    int nb_segments;
    QcCplSequence *sequences;
    int nb_sequences;
    size_t sequences_cap;
    QcCplDescriptor *descriptors;
    int nb_descriptors;
    QcCplLanguage languages[QC_CPL_MAX_LANGUAGES]; ///< the first ones the LocaleList names
    int nb_languages;
} QcCpl;

/**
 * Parses the CPL at @p path. Defects go to @p findings as CPL_INVALID with the line.
 * @return 0 (possibly partial); 1 when the document is well-formed XML with another root
 *         element (nothing is reported: it may be an OPL or a sidecar); 2 when it is not
 *         well-formed XML or a CPL too broken to use (a finding says why); QC_ERR_NOMEM.
 */
int qc_cpl_load(QcCpl *cpl, const char *path, QcFindingList *findings);

void qc_cpl_free(QcCpl *cpl);

#endif
