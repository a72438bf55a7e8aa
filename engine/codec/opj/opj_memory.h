// SPDX-License-Identifier: MIT
/**
 * @file opj_memory.h
 * OpenJPEG streams over memory: a codestream read from a buffer (decoding), and one written to a
 * growable buffer (encoding; OpenJPEG seeks back at the end to fill in TLM, so the buffer has a
 * cursor). A leaf library on libopenjp2 alone, shared by the engine, the sample writer, the tests
 * and the benchmarks.
 */
#ifndef QC_ENGINE_CODEC_OPJ_OPJ_MEMORY_H
#define QC_ENGINE_CODEC_OPJ_OPJ_MEMORY_H

#include <stddef.h>
#include <stdint.h>

typedef struct QcOpjInput {
    const uint8_t *data;
    size_t size, pos;
} QcOpjInput;

typedef struct QcOpjOutput {
    uint8_t *data; ///< malloc'ed; the caller frees it
    size_t size;   ///< bytes written (the furthest the cursor reached)
    size_t cap, pos;
    int failed;    ///< an allocation failed
} QcOpjOutput;

/** An opj_stream_t reading @p n bytes of @p data through @p in (which must outlive it), or
 *  NULL when out of memory. */
void *qc_opj_input_stream(QcOpjInput *in, const uint8_t *data, size_t n);

/** An opj_stream_t writing into @p out (zeroed first; it must outlive the stream), or NULL. */
void *qc_opj_output_stream(QcOpjOutput *out);

#endif
