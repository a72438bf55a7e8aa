// SPDX-License-Identifier: MIT
/**
 * @file package.h
 * An IMF package (IMP) on disk: its ASSETMAP, Packing Lists, assets and CPLs, with the delivery
 * checks that need no essence (imf-mxf-primer Appendix A steps 1–3): paths, presence, sizes,
 * ids, unlisted files. Digests are checked by the caller, from the reads the inspection makes.
 */
#ifndef QC_ENGINE_IMF_PACKAGE_H
#define QC_ENGINE_IMF_PACKAGE_H

#include <stddef.h>
#include <stdint.h>

#include "engine/core/finding.h"
#include "engine/imf/cpl.h"
#include "engine/imf/docs.h"

typedef enum QcAssetKind {
    QC_ASSET_OTHER,
    QC_ASSET_MXF, ///< PKL type application/mxf
    QC_ASSET_CPL, ///< a text/xml asset whose root is a CompositionPlaylist
    QC_ASSET_PKL, ///< an ASSETMAP asset with PackingList true
} QcAssetKind;

typedef enum QcHashState {
    QC_HASH_UNCHECKED,
    QC_HASH_OK,
    QC_HASH_MISMATCH,
    QC_HASH_SKIPPED, ///< --no-hash, or the file could not be read
} QcHashState;

typedef struct QcAsset {
    uint8_t id[16];
    char *rel;      ///< the ASSETMAP path, NULL when the ASSETMAP does not map the id
    char *display;  ///< the package path as given + "/" + rel, for reports
    char *path;     ///< canonical path to open; NULL when unsafe, missing or unmapped
    int pkl;        ///< index of the PKL listing it, -1 when none does
    int pkl_asset;  ///< index in that PKL
    QcAssetKind kind;
    int unsafe;     ///< ASSET_PATH_UNSAFE: never opened
    int missing;    ///< listed but not on disk
    int64_t size;   ///< bytes on disk, -1 when unknown
    QcHashState hash;
    int cpl;        ///< index in the package's CPLs, for QC_ASSET_CPL
} QcAsset;

typedef struct QcPackage {
    char *root;      ///< the folder as given
    char *root_real; ///< its canonical path
    int previous;    ///< an earlier delivery (--previous): used to resolve and compare only
    QcAssetMap am;
    QcPkl *pkls;
    int nb_pkls;
    QcAsset *assets;
    int nb_assets;
    size_t assets_cap;
    QcCpl *cpls;
    int nb_cpls;
} QcPackage;

/** Whether @p dir looks like a package folder (has an ASSETMAP.xml or ASSETMAP). */
int qc_package_is_dir(const char *dir);

/**
 * Loads the package in folder @p dir and runs the checks that need no essence. Findings go to
 * @p findings (pass a scratch list for --previous packages, whose defects were someone else's).
 * @return 0 (possibly with findings), QC_ERR_IO when @p dir cannot be read, QC_ERR_NOMEM.
 */
int qc_package_load(QcPackage *p, const char *dir, int previous, QcFindingList *findings);

void qc_package_free(QcPackage *p);

/** The asset with id @p id, or NULL. */
QcAsset *qc_package_asset(const QcPackage *p, const uint8_t id[16]);

/** The PKL entry of asset @p a, or NULL when no PKL lists it. */
const QcPklAsset *qc_package_pkl_entry(const QcPackage *p, const QcAsset *a);

/**
 * Records the digest computed for asset @p a: ASSET_HASH_MISMATCH when it is not the PKL's.
 * @return 0 or QC_ERR_NOMEM.
 */
int qc_package_hash_result(const QcPackage *p, QcAsset *a, const uint8_t digest[20],
                           QcFindingList *findings);

/** An asset finding: code, message, and the asset's id and path as details. */
int qc_asset_finding(QcFindingList *l, QcCode code, const QcAsset *a, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
