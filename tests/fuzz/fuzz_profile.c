// SPDX-License-Identifier: MIT
/* Profile files are user input: any JSON, or none, is a profile or a clear error. */
#include "engine/core/profile.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QcProfile p;
    const char *path = fuzz_file(data, size, ".json");
    if (path) {
        QcError e;
        qc_error_clear(&e);
        int ret = qc_profile_load(&p, path, &e);
        if (ret < 0 && !e.msg[0])
            abort(); /* an error always says why */
    }
    return 0;
}
