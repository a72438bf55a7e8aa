// SPDX-License-Identifier: MIT
/**
 * @file lang.h
 * RFC 5646 (BCP 47) language tags: well-formedness, and comparison as BCP 47 says
 * (case-insensitive).
 */
#ifndef QC_ENGINE_CORE_LANG_H
#define QC_ENGINE_CORE_LANG_H

/** Whether @p tag is a well-formed language tag (RFC 5646 §2.1, grandfathered tags included). */
int qc_lang_well_formed(const char *tag);

/** Whether two tags are the same tag (ASCII case-insensitive). */
int qc_lang_equal(const char *a, const char *b);

/** Whether tag @p tag falls under language range @p range (RFC 4647 basic filtering:
 *  "en" covers "en" and "en-US", not "eng"), case-insensitively. */
int qc_lang_matches(const char *range, const char *tag);

#endif
