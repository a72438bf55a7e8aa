// SPDX-License-Identifier: MIT
/*
 * imfqc-synth imp: an IMF package (CPL, PKL, ASSETMAP) around existing IMF track files, with
 * optional package defects for the inspector's tests. imp_cmd.c parses the command line and runs
 * the steps; imp_track.c reads the track files; imp_cpl.c writes the CPL and reads a --like CPL;
 * imp_pkl.c writes the PKL and the ASSETMAP; imp_util.c holds identifiers, dates and XML helpers.
 */
#ifndef QC_SAMPLES_IMP_IMP_H
#define QC_SAMPLES_IMP_IMP_H

#include <libxml/tree.h>
#include <stdint.h>

#define QC_IMP_MAX_FILES 64
#define QC_IMP_MAX_RESOURCES 256
#define QC_IMP_B64_SIZE 29 ///< base64 SHA-1: 28 characters and the NUL
#define QC_IMP_URN_SIZE 46 ///< "urn:uuid:" + 36 + NUL

/* The CPL and core-constraint versions written: ST 2067-3:2016 with ST 2067-2:2016, so the App 2E
 * identification that names 2067-2:2016 (imf-mxf-primer §6.1). */
#define QC_IMP_NS_CPL "http://www.smpte-ra.org/schemas/2067-3/2016"
#define QC_IMP_NS_CC "http://www.smpte-ra.org/schemas/2067-2/2016"
#define QC_IMP_NS_PKL "http://www.smpte-ra.org/schemas/2067-2/2016/PKL"
#define QC_IMP_NS_AM "http://www.smpte-ra.org/schemas/429-9/2007/AM"
#define QC_IMP_NS_XSI "http://www.w3.org/2001/XMLSchema-instance"
#define QC_IMP_APP_ID "http://www.smpte-ra.org/schemas/2067-21/2016"
#define QC_IMP_SHA1_ALGORITHM "http://www.w3.org/2000/09/xmldsig#sha1"

typedef enum QcImpKind { QC_IMP_PICTURE, QC_IMP_AUDIO, QC_IMP_KINDS } QcImpKind;

/* Each --defect sets one bit. */
typedef enum QcImpDefect {
    QC_IMP_D_HASH = 1 << 0,          ///< first MXF asset: PKL Hash of other bytes
    QC_IMP_D_SIZE = 1 << 1,          ///< first MXF asset: PKL Size one more than the file
    QC_IMP_D_MISSING = 1 << 2,       ///< first audio asset: listed, then deleted
    QC_IMP_D_PATH_DOTDOT = 1 << 3,   ///< first audio asset: ASSETMAP Path "../<name>"
    QC_IMP_D_PATH_ABSOLUTE = 1 << 4, ///< first audio asset: ASSETMAP Path "/etc/hostname"
    QC_IMP_D_PATH_SYMLINK = 1 << 5,  ///< first audio asset: Path "escape.mxf", a symlink out of DIR
    QC_IMP_D_UUID = 1 << 6,          ///< first audio asset: package Id is not the file package's
    QC_IMP_D_UNRESOLVED = 1 << 7,    ///< first picture resource: TrackFileId nothing holds
    QC_IMP_D_OVERRUN = 1 << 8,       ///< first picture resource: SourceDuration 10 past the end
    QC_IMP_D_UNLISTED = 1 << 9,      ///< notes.txt in DIR, listed nowhere
    QC_IMP_D_CPL_ID = 1 << 10,       ///< the CPL's Id is not its asset Id
} QcImpDefect;

typedef struct QcImpRational {
    int32_t num, den;
} QcImpRational;

/* One distinct track file (several resources may play it). */
typedef struct QcImpFile {
    char *path; ///< as given on the command line
    char *real; ///< canonical path: two specs naming it are one file
    char *rel;  ///< ASSETMAP path relative to DIR; NULL outside DIR (CPL only)
    QcImpKind kind;
    uint8_t id[16];             ///< the Id the package uses for it (defect uuid aside: the
                                ///< file package's material number, primer §5.4)
    uint8_t desc_id[16];        ///< its EssenceDescriptor Id (SourceEncoding)
    QcImpRational rate;         ///< resource EditRate: frames, or audio samples, per second
    int64_t duration;           ///< IntrinsicDuration, edit units of `rate`
    QcImpRational ref_rate;     ///< audio: ReferenceImageEditRate, 0/0 when absent
    xmlNodePtr descriptor;      ///< RegXML element, unlinked until the CPL takes it
    int64_t size;               ///< bytes (package assets)
    char hash[QC_IMP_B64_SIZE]; ///< base64 SHA-1 (package assets)
} QcImpFile;

typedef struct QcImpResource {
    int file;                  ///< index into QcImp.files
    int64_t entry, duration;   ///< EntryPoint, SourceDuration: edit units of the file's rate
    int64_t repeat;            ///< RepeatCount
    uint8_t track_file_id[16]; ///< normally the file's id
} QcImpResource;

typedef struct QcImp {
    const char *dir;
    char *dir_real;          ///< canonical DIR
    char *title;             ///< ContentTitle
    QcImpRational edit_rate; ///< CPL EditRate
    uint64_t seed;
    int tc[4];        ///< CompositionTimecode start: h, m, s, frames
    unsigned defects; ///< QcImpDefect bits
    QcImpFile files[QC_IMP_MAX_FILES];
    int nfiles;
    QcImpResource res[QC_IMP_KINDS][QC_IMP_MAX_RESOURCES];
    int nres[QC_IMP_KINDS];
    uint8_t track_id[QC_IMP_KINDS][16]; ///< virtual TrackIds
    int64_t frames;                     ///< composition duration, CPL edit units
    uint8_t cpl_id[16];                 ///< the CPL's own Id
    uint8_t cpl_asset_id[16];           ///< its PKL/ASSETMAP Id
    uint8_t pkl_id[16], am_id[16];
    char issue_date[32];
    char *cpl_path, *pkl_path, *am_path; ///< written so far, for the clean-up on failure
    int64_t cpl_size;
    char cpl_hash[QC_IMP_B64_SIZE];
} QcImp;

/* Identifier slots under the seed: every UUID of a package comes from (seed, slot). */
enum {
    QC_IMP_ID_CPL = 1,
    QC_IMP_ID_PKL,
    QC_IMP_ID_AM,
    QC_IMP_ID_SEGMENT,
    QC_IMP_ID_CPL_DEFECT,
    QC_IMP_ID_UUID_DEFECT,
    QC_IMP_ID_UNRESOLVED,
    QC_IMP_ID_SEQUENCE = 16,  ///< + kind
    QC_IMP_ID_TRACK = 32,     ///< + kind: virtual TrackIds not taken from --like
    QC_IMP_ID_DESC = 64,      ///< + file
    QC_IMP_ID_RESOURCE = 256, ///< + kind * QC_IMP_MAX_RESOURCES + resource
};

/* imp_util.c */
/** The UUID (RFC 4122 version 4 layout) for @p slot under @p seed. */
void qc_imp_uuid(uint64_t seed, uint32_t slot, uint8_t out[16]);
/** "urn:uuid:xxxxxxxx-…" (lower case). */
void qc_imp_urn(const uint8_t id[16], char out[QC_IMP_URN_SIZE]);
/** The 36-character UUID text alone, for file names. */
void qc_imp_uuid_text(const uint8_t id[16], char out[37]);
/** Parses "urn:uuid:…" (surrounding whitespace allowed, any hex case). @return 0 or -1. */
int qc_imp_urn_parse(const char *text, uint8_t out[16]);
/** xs:dateTime for the seed: a fixed instant, so the same seed writes the same bytes. */
void qc_imp_issue_date(uint64_t seed, char out[32]);
/** Adds element @p name in namespace @p ns with text @p text (escaped) under @p parent.
 *  @return the element, or NULL when out of memory. */
xmlNodePtr qc_imp_xml_text(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text);
/** The same with a decimal integer, a rational "num den", or a URN. */
xmlNodePtr qc_imp_xml_int(xmlNodePtr parent, xmlNsPtr ns, const char *name, int64_t v);
xmlNodePtr qc_imp_xml_rational(xmlNodePtr parent, xmlNsPtr ns, const char *name, QcImpRational r);
xmlNodePtr qc_imp_xml_urn(xmlNodePtr parent, xmlNsPtr ns, const char *name, const uint8_t id[16]);
/** Writes @p doc to @p path, indented UTF-8 with an XML declaration. @return 0 or -1 (message
 *  printed). */
int qc_imp_xml_save(xmlDocPtr doc, const char *path);
/** malloc'ed "a/b" (no second '/' when @p a ends in one). NULL when out of memory. */
char *qc_imp_join(const char *a, const char *b);

/* imp_track.c */
/** Reads track file @p path for a resource of @p kind into @p f (a fresh entry), the RegXML
 *  descriptor built in @p doc. @return 0, or 2 after printing a message. */
int qc_imp_track_open(QcImp *imp, QcImpFile *f, const char *path, QcImpKind kind, xmlDocPtr doc);
/** Frees what @p f holds. */
void qc_imp_track_free(QcImpFile *f);
/** Size and base64 SHA-1 of @p path. @return 0, or 2 after printing a message. */
int qc_imp_digest(const char *path, int64_t *size, char hash[QC_IMP_B64_SIZE]);

/* imp_cpl.c */
/** Reads ContentTitle and the MainImageSequence/MainAudioSequence TrackIds of @p path (a missing
 *  one leaves @p have[kind] at 0). @p title is malloc'ed. @return 0, or 2 after a message. */
int qc_imp_like(const char *path, char **title, uint8_t track_id[QC_IMP_KINDS][16],
                int have[QC_IMP_KINDS]);
/** Writes the CPL in @p doc (which holds the descriptors) to imp->cpl_path. @return 0 or 2. */
int qc_imp_cpl_write(QcImp *imp, xmlDocPtr doc);

/* imp_pkl.c */
/** Writes the PKL and ASSETMAP.xml. @return 0 or 2. */
int qc_imp_pkl_write(QcImp *imp);

#endif /* QC_SAMPLES_IMP_IMP_H */
