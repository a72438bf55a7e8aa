// SPDX-License-Identifier: MIT
/* Shared between the package loader's files. */
#ifndef QC_ENGINE_IMF_PACKAGE_INTERNAL_H
#define QC_ENGINE_IMF_PACKAGE_INTERNAL_H

#include "engine/imf/package.h"

/** ASSET_UNLISTED for every regular file under the package that no asset names.
 *  @return 0 or QC_ERR_NOMEM */
int qc_package_find_unlisted(const QcPackage *p, QcFindingList *findings);

#endif
