// SPDX-License-Identifier: MIT
/**
 * @file docs.h
 * The package documents as the engine keeps them: ASSETMAP (ST 429-9), Packing List (ST 429-8 /
 * ST 2067-2:2016) and what the checks need of them (imf-mxf-primer §8). Defects in a document
 * become findings (ASSETMAP_INVALID, PKL_INVALID) with the line and the element; parsing goes on
 * where it can.
 */
#ifndef QC_ENGINE_IMF_DOCS_H
#define QC_ENGINE_IMF_DOCS_H

#include <stdint.h>

#include "engine/core/finding.h"

#define QC_NS_AM "http://www.smpte-ra.org/schemas/429-9/2007/AM"
#define QC_NS_PKL_2007 "http://www.smpte-ra.org/schemas/429-8/2007/PKL"
#define QC_NS_PKL_2016 "http://www.smpte-ra.org/schemas/2067-2/2016/PKL"
#define QC_SHA1_URI "http://www.w3.org/2000/09/xmldsig#sha1"

typedef struct QcAmAsset {
    uint8_t id[16];
    char *path;       ///< Chunk/Path as written (first chunk), NULL when missing
    int packing_list; ///< PackingList true
    int64_t length;   ///< Chunk/Length, -1 when absent
    long line;
} QcAmAsset;

typedef struct QcAssetMap {
    uint8_t id[16];
    QcAmAsset *assets;
    int nb_assets;
} QcAssetMap;

typedef struct QcPklAsset {
    uint8_t id[16];
    uint8_t hash[20];
    int hash_ok;       ///< Hash is base64 of 20 bytes and the algorithm is SHA-1
    char hash_text[64];
    int64_t size;      ///< -1 when absent or malformed
    char type[64];     ///< MIME type before any ';' ("application/mxf", "text/xml")
    char original[256];
    long line;
} QcPklAsset;

typedef struct QcPkl {
    uint8_t id[16];
    char *file;        ///< the PKL's own path (resolved)
    QcPklAsset *assets;
    int nb_assets;
} QcPkl;

/**
 * Parses the ASSETMAP at @p path. Defects go to @p findings.
 * @return 0 (the map may be partial), 1 when nothing usable was found (a finding says why),
 *         QC_ERR_NOMEM.
 */
int qc_assetmap_load(QcAssetMap *am, const char *path, QcFindingList *findings);
void qc_assetmap_free(QcAssetMap *am);
const QcAmAsset *qc_assetmap_find(const QcAssetMap *am, const uint8_t id[16]);

/** Parses the PKL at @p path, as qc_assetmap_load. */
int qc_pkl_load(QcPkl *pkl, const char *path, QcFindingList *findings);
void qc_pkl_free(QcPkl *pkl);
const QcPklAsset *qc_pkl_find(const QcPkl *pkl, const uint8_t id[16]);

/** Adds a delivery finding of @p code about document @p file at @p line with a message.
 *  @return 0 or QC_ERR_NOMEM */
int qc_doc_finding(QcFindingList *l, QcCode code, const char *file, long line, const char *fmt,
                   ...) __attribute__((format(printf, 5, 6)));

#endif
