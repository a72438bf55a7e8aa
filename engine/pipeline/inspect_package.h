// SPDX-License-Identifier: MIT
/* State of one package-set inspection, shared by its files. */
#ifndef QC_ENGINE_PIPELINE_INSPECT_PACKAGE_H
#define QC_ENGINE_PIPELINE_INSPECT_PACKAGE_H

#include "engine/imf/composition.h"
#include "engine/imf/package.h"
#include "engine/mxf/model.h"
#include "engine/pipeline/inspect_internal.h"

typedef struct QcTrackOrigin {
    int pkg, asset; ///< -1 for a track that came from no package asset
} QcTrackOrigin;

/** A track file's header metadata, parsed once for all the metadata checks. */
typedef struct QcPkgHeader {
    const QcAsset *asset;
    QcMxf *mxf;        ///< NULL when the file is not readable MXF
    QcMxfModel model;
    int resolved;      ///< model is valid
} QcPkgHeader;

typedef struct QcPkgRun {
    const QcInspectSettings *s;
    QcReport *r;
    QcPackage *pkgs; ///< the current packages first, then the previous ones
    int nb_pkgs, nb_current;
    char **cpl_only; ///< per package: the canonical path of the one CPL given, or NULL (all)
    QcComposition *comps; ///< one per report composition
    int *comp_pkg;        ///< package of each composition
    QcComposition *prev;  ///< compositions of the previous deliveries
    int nb_prev;
    QcTrackOrigin *origin; ///< per report track: the asset it came from
    size_t origin_cap;
    /* one allocation each: a model points into itself (file_package), so it never moves */
    QcPkgHeader **headers; ///< opened by qc_pkg_header, released once the file was inspected
    int nb_headers;
    size_t headers_cap;
} QcPkgRun;

/** Inspects every track file of the current packages that a selected composition may use,
 *  hashing it from the same reads, and every other asset's digest. */
int qc_pkg_inspect_assets(QcPkgRun *run, QcError *err);

/** Places the track files' findings on the compositions that play them, and checks the
 *  resources against what the track files really hold. */
int qc_pkg_place_findings(QcPkgRun *run);

/** The header metadata of asset @p a (parsed on first use), or NULL when it is not readable
 *  MXF or out of memory. */
const QcPkgHeader *qc_pkg_header(QcPkgRun *run, const QcAsset *a);

/** Closes the header of @p a, once nothing more will ask for it. */
void qc_pkg_header_release(QcPkgRun *run, const QcAsset *a);

/** Closes what qc_pkg_header opened. */
void qc_pkg_headers_close(QcPkgRun *run);

/** CPL_CONSTRAINT: core constraints on main audio, App 2E on main pictures (App 2E CPLs).
 *  @return 0 or QC_ERR_NOMEM */
int qc_pkg_check_constraints(QcPkgRun *run);

/** ESSENCE_DESCRIPTOR_MISMATCH: every CPL EssenceDescriptor against the descriptor of each
 *  track file played with it (RegXML, exact or normalized), and descriptors no resource uses.
 *  @return 0 or QC_ERR_NOMEM */
int qc_pkg_check_descriptors(QcPkgRun *run);

/** The CPL's LocaleList languages: well-formed (CPL_INVALID) and covering the main audio's
 *  tags (LANGUAGE_MISMATCH, issue). Runs after the track files were inspected.
 *  @return 0 or QC_ERR_NOMEM */
int qc_pkg_check_languages(QcPkgRun *run);

/** What only the timeline shows: clicks at audio splices, cuts at picture splices, the
 *  composition's shot list and the loudness of each audio virtual track as it plays.
 *  @return 0, QC_ERR_CANCELLED or QC_ERR_NOMEM */
int qc_pkg_timeline_checks(QcPkgRun *run);

#endif
