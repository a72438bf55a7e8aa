// SPDX-License-Identifier: MIT
/**
 * @file safe_path.h
 * ASSETMAP paths (imf-mxf-primer §8.3): what a package may name, and opening it without ever
 * leaving the package, lexically or through a symbolic link.
 */
#ifndef QC_ENGINE_IO_SAFE_PATH_H
#define QC_ENGINE_IO_SAFE_PATH_H

#include <stddef.h>

/**
 * Checks an ASSETMAP Path lexically: relative, segments of [A-Za-z0-9._-] only, no empty, "." or
 * ".." segment, no backslash, colon, '%' or control byte, at most 4096 bytes.
 * @return NULL when the path is acceptable, else a short reason for a person
 *         ("is absolute", "contains a \"..\" segment", …) in static storage.
 */
const char *qc_path_check(const char *path);

/**
 * Resolves @p rel under the package directory @p root: the lexical check above, then every
 * symbolic link on the way resolved and the result required to stay under @p root (compared as
 * canonical paths) and to be a regular file. Nothing is opened: a FIFO or a device is only
 * looked at with stat. The reasons read after "ASSETMAP path \"…\" ": "leads outside the
 * package through a symbolic link, to /etc/…", "does not exist", "is not a regular file (…)".
 * Case-insensitive file systems (primer §8.3 rule 4) are not detected here.
 * @param resolved receives the canonical path to open (malloc'ed) on success
 * @return 0; 1 when the path is unsafe (@p why says why; nothing was opened); 2 when the file
 *         does not exist or is not a regular file (@p why says which); QC_ERR_NOMEM.
 */
int qc_path_resolve(const char *root, const char *rel, char **resolved, char *why,
                    size_t why_size);

#endif
