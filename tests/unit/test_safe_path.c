// SPDX-License-Identifier: MIT
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/io/safe_path.h"
#include "unit.h"

static void expect_rejected(const char *path, const char *reason_part)
{
    const char *why = qc_path_check(path);
    CHECK(why != NULL);
    if (why && reason_part && !strstr(why, reason_part)) {
        CHECK(!"reason names the rule");
        fprintf(stderr, "  \"%s\": reason \"%s\" lacks \"%s\"\n", path, why, reason_part);
    }
}

static void test_path_check(void)
{
    expect_rejected("../a", "\"..\"");
    expect_rejected("a/..", "\"..\"");
    expect_rejected("a/../../b", "\"..\"");
    expect_rejected("/etc/passwd", "absolute");
    expect_rejected("a//b", "empty segment");
    expect_rejected("a/", "empty segment");
    expect_rejected("./a", "\".\"");
    expect_rejected("a/./b", "\".\"");
    expect_rejected("a\\b", "backslash");
    expect_rejected("..\\a", "backslash");
    expect_rejected("C:x", "colon");
    expect_rejected("file://host/a.mxf", "colon");
    expect_rejected("a%2e", "'%'");
    expect_rejected("%2e%2e/a", "'%'");
    expect_rejected("", "empty");
    expect_rejected(NULL, "empty");
    expect_rejected("a\nb", "control");
    expect_rejected("a\x7f", "control");
    expect_rejected("a b.mxf", "space");
    expect_rejected("caf\xc3\xa9.mxf", "outside");
    expect_rejected("a*b", "outside");
    char *longp = malloc(5000);
    CHECK(longp != NULL);
    if (longp) {
        memset(longp, 'a', 4999);
        longp[4999] = 0;
        expect_rejected(longp, "longer");
        longp[4096] = 0; /* exactly the limit */
        CHECK(qc_path_check(longp) == NULL);
        free(longp);
    }
    CHECK(qc_path_check("a.mxf") == NULL);
    CHECK(qc_path_check("sub/dir/CPL_x.xml") == NULL);
    CHECK(qc_path_check("..a/b..") == NULL); /* dots inside a name are only dots */
    CHECK(qc_path_check("A-Z_a-z.0-9") == NULL);
}

static int resolve(const char *root, const char *rel, char **out, char *why)
{
    *out = NULL;
    return qc_path_resolve(root, rel, out, why, 256);
}

static void touch(const char *path)
{
    FILE *fp = fopen(path, "w");
    CHECK(fp != NULL);
    if (fp) {
        fputs("x", fp);
        fclose(fp);
    }
}

static void test_path_resolve(void)
{
    char pkg[512], p[1024], q[1024], why[256];
    snprintf(pkg, sizeof(pkg), "%s/pkg", unit_tmpdir());
    CHECK(mkdir(pkg, 0755) == 0);
    snprintf(p, sizeof(p), "%s/sub", pkg);
    CHECK(mkdir(p, 0755) == 0);
    snprintf(p, sizeof(p), "%s/a.mxf", pkg);
    touch(p);
    snprintf(p, sizeof(p), "%s/sub/b.mxf", pkg);
    touch(p);
    snprintf(p, sizeof(p), "%s/outside.mxf", unit_tmpdir());
    touch(p);

    char *r = NULL;
    CHECK(resolve(pkg, "a.mxf", &r, why) == 0);
    char *canon_pkg = realpath(pkg, NULL);
    snprintf(q, sizeof(q), "%s/a.mxf", canon_pkg ? canon_pkg : "?");
    CHECK(r && strcmp(r, q) == 0);
    free(r);
    CHECK(resolve(pkg, "sub/b.mxf", &r, why) == 0 && r);
    free(r);

    CHECK(resolve(pkg, "missing.mxf", &r, why) == 2 && !r && strstr(why, "does not exist"));
    CHECK(resolve(pkg, "a.mxf/x", &r, why) == 2 && !r && strstr(why, "does not exist"));
    CHECK(resolve(pkg, "sub", &r, why) == 2 && !r && strstr(why, "not a regular file"));
    CHECK(resolve(pkg, "../outside.mxf", &r, why) == 1 && !r && strstr(why, "\"..\""));
    CHECK(resolve(pkg, "/etc/hostname", &r, why) == 1 && !r && strstr(why, "absolute"));

    /* links: inside is fine, out is not, and a link to nothing does not exist */
    snprintf(p, sizeof(p), "%s/in_link.mxf", pkg);
    CHECK(symlink("sub/b.mxf", p) == 0);
    CHECK(resolve(pkg, "in_link.mxf", &r, why) == 0 && r && strstr(r, "/sub/b.mxf"));
    free(r);
    snprintf(p, sizeof(p), "%s/sub/up_link.mxf", pkg);
    CHECK(symlink("../a.mxf", p) == 0); /* a ".." inside a link target that stays inside */
    CHECK(resolve(pkg, "sub/up_link.mxf", &r, why) == 0 && r);
    free(r);
    snprintf(p, sizeof(p), "%s/host.txt", pkg);
    CHECK(symlink("/etc/hostname", p) == 0);
    CHECK(resolve(pkg, "host.txt", &r, why) == 1 && !r && strstr(why, "/etc/hostname"));
    snprintf(p, sizeof(p), "%s/sibling.mxf", pkg);
    CHECK(symlink("../outside.mxf", p) == 0);
    CHECK(resolve(pkg, "sibling.mxf", &r, why) == 1 && !r && strstr(why, "outside.mxf"));
    snprintf(p, sizeof(p), "%s/etc", pkg);
    CHECK(symlink("/etc", p) == 0);
    CHECK(resolve(pkg, "etc/hostname", &r, why) == 1 && !r && strstr(why, "/etc/hostname"));
    snprintf(p, sizeof(p), "%s/dangling.mxf", pkg);
    CHECK(symlink("nothing-here.mxf", p) == 0);
    CHECK(resolve(pkg, "dangling.mxf", &r, why) == 2 && !r && strstr(why, "does not exist"));
    snprintf(p, sizeof(p), "%s/self", pkg);
    CHECK(symlink(".", p) == 0);
    CHECK(resolve(pkg, "self", &r, why) == 2 && !r && strstr(why, "not a regular file"));
    CHECK(resolve(pkg, "self/a.mxf", &r, why) == 0 && r);
    free(r);
    snprintf(p, sizeof(p), "%s/loop", pkg);
    CHECK(symlink("loop", p) == 0);
    CHECK(resolve(pkg, "loop", &r, why) == 2 && !r);
    CHECK(resolve(pkg, "dev_null", &r, why) == 2 && !r);
    snprintf(p, sizeof(p), "%s/dev_null", pkg);
    CHECK(symlink("/dev/null", p) == 0);
    CHECK(resolve(pkg, "dev_null", &r, why) == 1 && !r && strstr(why, "/dev/null"));
    snprintf(p, sizeof(p), "%s/fifo", pkg);
    CHECK(mkfifo(p, 0644) == 0); /* resolving must not open it: that would block */
    CHECK(resolve(pkg, "fifo", &r, why) == 2 && !r && strstr(why, "not a regular file"));

    /* the root itself through a link, and a root that does not exist */
    snprintf(q, sizeof(q), "%s/pkg_link", unit_tmpdir());
    CHECK(symlink("pkg", q) == 0);
    CHECK(resolve(q, "in_link.mxf", &r, why) == 0 && r);
    free(r);
    snprintf(q, sizeof(q), "%s/no_pkg", unit_tmpdir());
    CHECK(resolve(q, "a.mxf", &r, why) == 2 && !r && why[0]);
    CHECK(qc_path_resolve("/", "etc/hostname", &r, NULL, 0) == 0 && r);
    free(r);
    free(canon_pkg);
}

void test_safe_path(void)
{
    test_path_check();
    test_path_resolve();
}
