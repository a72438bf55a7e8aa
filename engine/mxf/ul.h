// SPDX-License-Identifier: MIT
/**
 * @file ul.h
 * SMPTE Universal Labels, UUIDs and UMIDs: comparison and text forms (imf-mxf-primer §1.2, §7.3).
 */
#ifndef QC_ENGINE_MXF_UL_H
#define QC_ENGINE_MXF_UL_H

#include <stddef.h>
#include <stdint.h>

/** Equal ignoring byte 7, the registry version, as every MXF reader does. */
int qc_ul_equal(const uint8_t *a, const uint8_t *b);

/** Equal on the first @p n bytes, ignoring byte 7. */
int qc_ul_prefix(const uint8_t *ul, const uint8_t *prefix, size_t n);

/** "urn:smpte:ul:060e2b34.0401010d.04010202.03010319" (needs 49 bytes). */
void qc_ul_format(const uint8_t *ul, char *out, size_t size);

/** "urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (needs 46 bytes). */
void qc_uuid_format(const uint8_t *uuid, char *out, size_t size);

/** "urn:smpte:umid:060a2b34.01010105.01010f20.13000000.xxxxxxxx…" (needs 96 bytes). */
void qc_umid_format(const uint8_t *umid, char *out, size_t size);

/** Whether all 16 bytes are zero. */
int qc_uuid_is_nil(const uint8_t *uuid);

#endif
