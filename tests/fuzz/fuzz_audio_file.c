// SPDX-License-Identifier: MIT
/* Any bytes as an audio file through the whole inspection: the header checks, libsndfile or
 * FFmpeg, the pipeline and every analyzer. Nothing may crash, hang or leak. */
#include <libavutil/log.h>

#include "analyzers/registry.h"
#include "engine/pipeline/inspect.h"
#include "fuzz_common.h"
#include "kernels/cpu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QcProfile profile;
    static int ready;
    if (!ready) {
        av_log_set_level(AV_LOG_QUIET);
        QcError e;
        qc_error_clear(&e);
        qc_profile_load(&profile, "default", &e);
        ready = 1;
    }
    const char *path = fuzz_file(data, size, ".wav");
    if (!path)
        return 0;
    QcInspectSettings s;
    qc_inspect_default_settings(&s);
    s.analyzers = qc_analyzers;
    s.profile = &profile;
    s.threads = 1;
    QcReport r;
    QcError e;
    qc_error_clear(&e);
    qc_inspect(&path, 1, &s, &r, &e);
    qc_report_free(&r);
    return 0;
}
