// SPDX-License-Identifier: MIT
/* Package documents are untrusted: any bytes as an ASSETMAP, a PKL and a CPL (with its
 * timeline built) give findings or nothing, never a crash, a hang or a read elsewhere. */
#include "engine/imf/composition.h"
#include "engine/imf/cpl.h"
#include "engine/imf/docs.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, ".xml");
    if (!path)
        return 0;
    QcFindingList l = {0};
    QcAssetMap am;
    if (qc_assetmap_load(&am, path, &l) >= 0)
        qc_assetmap_free(&am);
    QcPkl pkl;
    if (qc_pkl_load(&pkl, path, &l) >= 0)
        qc_pkl_free(&pkl);
    QcCpl cpl;
    int ret = qc_cpl_load(&cpl, path, &l);
    if (ret == 0) {
        QcComposition c;
        if (qc_composition_build(&c, &cpl, 0, &l) == 0) {
            uint8_t id[16] = {0};
            int64_t pos[4];
            if (c.nb_placements && c.placements[0].res->has_track_file)
                qc_composition_place(&c, c.placements[0].res->track_file, 24, 1, 5, pos, 4);
            qc_composition_place(&c, id, 48000, 1, 12345, pos, 4);
        }
        qc_composition_free(&c);
    }
    qc_cpl_free(&cpl);
    qc_finding_list_free(&l);
    return 0;
}
