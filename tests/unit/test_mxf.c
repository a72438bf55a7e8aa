// SPDX-License-Identifier: MIT
/* The lowest layers of the MXF reader on hand-made bytes: BER lengths, KLV bounds, UL
 * matching, and files that are not MXF or stop short. Whole files are in tests/cli. */
#include <stdio.h>
#include <string.h>

#include "engine/mxf/klv.h"
#include "engine/mxf/mxf.h"
#include "engine/mxf/ul.h"
#include "unit.h"

static void test_ber(void)
{
    uint64_t v = 0;
    const uint8_t s[] = {0x7f};
    CHECK(qc_ber_decode(s, 1, &v) == 1 && v == 127);
    const uint8_t l4[] = {0x83, 0x01, 0x02, 0x03};
    CHECK(qc_ber_decode(l4, 4, &v) == 4 && v == 0x010203);
    const uint8_t l8[] = {0x88, 0, 0, 0, 1, 0, 0, 0, 0};
    CHECK(qc_ber_decode(l8, 9, &v) == 9 && v == 0x100000000ull);
    const uint8_t l9[] = {0x89, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    CHECK(qc_ber_decode(l9, 10, &v) == 0); /* more than 8 length bytes */
    const uint8_t indef[] = {0x80};
    CHECK(qc_ber_decode(indef, 1, &v) == 0);
    const uint8_t ff[] = {0xff};
    CHECK(qc_ber_decode(ff, 1, &v) == 0);
    CHECK(qc_ber_decode(l4, 3, &v) == 0); /* cut short */
    const uint8_t huge[] = {0x88, 0x80, 0, 0, 0, 0, 0, 0, 0};
    CHECK(qc_ber_decode(huge, 9, &v) == 0); /* does not fit Int64 */
}

static const char *write_bytes(const char *name, const uint8_t *b, size_t n)
{
    static char path[256];
    snprintf(path, sizeof(path), "%s/%s", unit_tmpdir(), name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(b, 1, n, f);
        fclose(f);
    }
    return path;
}

static void test_klv(void)
{
    uint8_t b[64];
    memset(b, 0, sizeof(b));
    const uint8_t key[16] = {0x06, 0x0e, 0x2b, 0x34, 0x01, 0x01, 0x01, 0x02,
                             0x03, 0x01, 0x02, 0x10, 0x01, 0x00, 0x00, 0x00};
    memcpy(b, key, 16);
    b[16] = 0x83;
    b[19] = 10; /* 10-byte value: fits */
    QcFile *f = NULL;
    QcError e;
    qc_error_clear(&e);
    CHECK(qc_file_open(&f, write_bytes("klv.bin", b, 40), &e) == 0);
    QcKLV k;
    CHECK(qc_klv_read(f, 0, qc_file_size(f), &k) == QC_KLV_OK);
    CHECK(k.kl_size == 20 && k.length == 10 && qc_klv_end(&k) == 30 && qc_klv_is_fill(k.key));
    CHECK(qc_klv_read(f, 0, 25, &k) == QC_KLV_OVERRUN); /* the container ends first */
    CHECK(qc_klv_read(f, 30, 40, &k) == QC_KLV_END);    /* 10 bytes: no room for a key */
    CHECK(qc_klv_read(f, 1, 40, &k) == QC_KLV_BAD_KEY);
    qc_file_close(&f);
    b[19] = 200; /* longer than the file */
    CHECK(qc_file_open(&f, write_bytes("klv2.bin", b, 40), &e) == 0);
    CHECK(qc_klv_read(f, 0, qc_file_size(f), &k) == QC_KLV_OVERRUN);
    qc_file_close(&f);
}

static void test_ul(void)
{
    uint8_t a[16] = {0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01, 0x01, 0x0d,
                     0x04, 0x01, 0x02, 0x02, 0x03, 0x01, 0x03, 0x19};
    uint8_t b[16];
    memcpy(b, a, 16);
    b[7] = 0x01;
    CHECK(qc_ul_equal(a, b));
    b[15] = 0x18;
    CHECK(!qc_ul_equal(a, b));
    char s[64];
    qc_ul_format(a, s, sizeof(s));
    CHECK(!strcmp(s, "urn:smpte:ul:060e2b34.0401010d.04010202.03010319"));
    qc_uuid_format(a, s, sizeof(s));
    CHECK(!strcmp(s, "urn:uuid:060e2b34-0401-010d-0401-020203010319"));
}

static void test_not_mxf(void)
{
    QcMxf *m = NULL;
    QcError e;
    qc_error_clear(&e);
    const uint8_t text[] = "this is not an MXF file at all, just text that is long enough";
    CHECK(qc_mxf_open(&m, write_bytes("text.mxf", text, sizeof(text)), &e) == QC_ERR_INVALID_DATA);
    CHECK(m == NULL && strstr(e.msg, "not an MXF file") != NULL);
    qc_error_clear(&e);
    CHECK(qc_mxf_open(&m, write_bytes("empty.mxf", text, 0), &e) == QC_ERR_INVALID_DATA);
    qc_error_clear(&e);
    CHECK(qc_mxf_open(&m, "/nonexistent/x.mxf", &e) == QC_ERR_IO);
}

void test_mxf(void)
{
    test_ber();
    test_klv();
    test_ul();
    test_not_mxf();
}
