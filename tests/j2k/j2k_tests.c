// SPDX-License-Identifier: MIT
/* j2k_tests [--write-corpus DIR]: runs every test, prints "j2k: N passed, M failed" and exits
 * nonzero on a failure. With --write-corpus it also writes each codestream it made (clean and
 * damaged) to DIR, the fuzzer's seed corpus. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* mkdir */
#endif
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "j2k_test.h"

int j2k_passed, j2k_failed;
const char *test_corpus_dir;

TestStream test_splice(const TestStream *t, const size_t at, const size_t cut, const uint8_t *ins,
                       const size_t add)
{
    TestStream o = {malloc(t->size - cut + add + 1), t->size - cut + add};
    if (!o.data) {
        o.size = 0;
        return o;
    }
    memcpy(o.data, t->data, at);
    if (add)
        memcpy(o.data + at, ins, add);
    memcpy(o.data + at + add, t->data + at + cut, t->size - at - cut);
    return o;
}

static unsigned rd16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

size_t test_find_marker(const TestStream *t, const unsigned m)
{
    size_t p = 2; /* after SOC */
    while (p + 4 <= t->size) {
        const unsigned code = rd16(t->data + p);
        if (code == m)
            return p;
        if (code == 0xff90)
            return 0;
        p += 2 + rd16(t->data + p + 2);
    }
    return 0;
}

size_t test_find_sot(const TestStream *t, const unsigned n)
{
    size_t p = 2;
    while (p + 4 <= t->size && rd16(t->data + p) != 0xff90)
        p += 2 + rd16(t->data + p + 2);
    for (unsigned k = 0; p + 12 <= t->size && rd16(t->data + p) == 0xff90; k++) {
        if (k == n)
            return p;
        const uint8_t *s = t->data + p + 6;
        p += (uint32_t)s[0] << 24 | (uint32_t)s[1] << 16 | (uint32_t)s[2] << 8 | s[3];
    }
    return 0;
}

void test_put16(uint8_t *p, const unsigned v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

void test_put32(uint8_t *p, const uint32_t v)
{
    test_put16(p, v >> 16);
    test_put16(p + 2, v & 0xffff);
}

void test_dump(const char *what, const QcJ2kReport *r)
{
    fprintf(stderr, "  %s: %d problem(s)%s\n", what, r->nb_problems,
            r->more_problems ? " and more" : "");
    for (int i = 0; i < r->nb_problems; i++)
        fprintf(stderr, "    [%d] kind %d at %u: %s\n", i, (int)r->problems[i].kind,
                r->problems[i].offset, r->problems[i].message);
}

int test_one_problem(const QcJ2kReport *r, const QcJ2kProblemKind kind, const size_t offset)
{
    const int ok = r->nb_problems == 1 && !r->more_problems && r->problems[0].kind == kind &&
                   r->problems[0].offset == offset;
    if (!ok) {
        fprintf(stderr, "  expected one problem of kind %d at %zu\n", (int)kind, offset);
        test_dump("got", r);
    }
    return ok;
}

void test_corpus_add(const char *name, const TestStream *t)
{
    if (!test_corpus_dir || !t->data)
        return;
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s.j2c", test_corpus_dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "j2k: cannot write %s\n", path);
        return;
    }
    fwrite(t->data, 1, t->size, f);
    fclose(f);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--write-corpus") && i + 1 < argc) {
            test_corpus_dir = argv[++i];
            if (mkdir(test_corpus_dir, 0777) < 0 && errno != EEXIST) {
                fprintf(stderr, "j2k: cannot create %s\n", test_corpus_dir);
                return 2;
            }
        } else {
            fprintf(stderr, "usage: %s [--write-corpus DIR]\n", argv[0]);
            return 2;
        }
    }
    test_validate_clean();
    test_validate_damage();
    test_profile();
    test_budget();
    test_compare();
    printf("j2k: %d passed, %d failed\n", j2k_passed, j2k_failed);
    return j2k_failed ? 1 : 0;
}
