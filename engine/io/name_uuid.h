// SPDX-License-Identifier: MIT
/**
 * @file name_uuid.h
 * Name-based UUIDs (RFC 4122 version 5, SHA-1) for track files that carry no UUID of their own
 * (WAV, MOV): the same file gets the same id in every report.
 */
#ifndef QC_ENGINE_IO_NAME_UUID_H
#define QC_ENGINE_IO_NAME_UUID_H

/** Writes "urn:uuid:xxxxxxxx-…" for @p name into @p out (≥ 46 bytes). @return 0 or QC_ERR_* */
int qc_name_uuid(const char *name, char *out, unsigned size);

#endif
