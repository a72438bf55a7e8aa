// SPDX-License-Identifier: MIT
#include "engine/io/safe_path.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/core/error.h"

#define PATH_LIMIT 4096

static int path_char_ok(const unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

/* The specific reasons first, so that a person reading the finding sees what to fix. */
static const char *char_reason(const unsigned char c)
{
    if (c == '\\')
        return "contains a backslash";
    if (c == ':')
        return "contains a colon (a drive letter or a URL)";
    if (c == '%')
        return "contains a '%' escape (paths are not URL-decoded)";
    if (c < 0x20 || c == 0x7f)
        return "contains a control byte";
    if (c == ' ')
        return "contains a space";
    return "contains a character outside [A-Za-z0-9._-]";
}

const char *qc_path_check(const char *path)
{
    if (!path || !path[0])
        return "is empty";
    if (strnlen(path, PATH_LIMIT + 1) > PATH_LIMIT)
        return "is longer than 4096 bytes";
    if (path[0] == '/')
        return "is absolute";
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        if (*p != '/' && !path_char_ok(*p))
            return char_reason(*p);
    for (const char *seg = path;;) {
        const char *slash = strchr(seg, '/');
        const size_t len = slash ? (size_t)(slash - seg) : strlen(seg);
        if (len == 0)
            return "contains an empty segment";
        if (len == 1 && seg[0] == '.')
            return "contains a \".\" segment";
        if (len == 2 && seg[0] == '.' && seg[1] == '.')
            return "contains a \"..\" segment";
        if (!slash)
            return NULL;
        seg = slash + 1;
    }
}

static void say(char *why, const size_t why_size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(char *why, const size_t why_size, const char *fmt, ...)
{
    if (!why || !why_size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, why_size, fmt, ap);
    va_end(ap);
}

/* realpath failed on the package path: 2 with a reason, or QC_ERR_NOMEM. */
static int missing(const char *joined, const int e, char *why, const size_t why_size)
{
    if (e == ENOMEM)
        return QC_ERR_NOMEM;
    struct stat st;
    if (e == ENOENT || e == ENOTDIR) {
        if (lstat(joined, &st) == 0 && S_ISLNK(st.st_mode))
            say(why, why_size, "does not exist (a symbolic link to nothing)");
        else
            say(why, why_size, "does not exist");
    } else {
        say(why, why_size, "cannot be resolved: %s", strerror(e));
    }
    return 2;
}

int qc_path_resolve(const char *root, const char *rel, char **resolved, char *why,
                    const size_t why_size)
{
    *resolved = NULL;
    say(why, why_size, "%s", "");
    const char *bad = qc_path_check(rel);
    if (bad) {
        say(why, why_size, "%s", bad);
        return 1;
    }
    char *croot = realpath(root, NULL);
    if (!croot) {
        if (errno == ENOMEM)
            return QC_ERR_NOMEM;
        say(why, why_size, "the package directory %s cannot be resolved: %s", root,
            strerror(errno));
        return 2;
    }
    const size_t rlen = strlen(croot);
    char *joined = malloc(rlen + 1 + strlen(rel) + 1);
    if (!joined) {
        free(croot);
        return QC_ERR_NOMEM;
    }
    sprintf(joined, "%s/%s", croot, rel);
    /* realpath only looks at names and links: nothing is opened, a FIFO or device included. */
    char *canon = realpath(joined, NULL);
    const int e = errno;
    int ret = 0;
    struct stat st;
    /* inside means croot, a slash, then at least one byte; "/" as the root is its own slash */
    const size_t plen = rlen == 1 ? 0 : rlen;
    if (!canon) {
        ret = missing(joined, e, why, why_size);
    } else if (strncmp(canon, croot, plen) != 0 || canon[plen] != '/' || !canon[plen + 1]) {
        ret = strcmp(canon, croot) == 0 ? 2 : 1;
        if (ret == 1)
            say(why, why_size, "leads outside the package through a symbolic link, to %s", canon);
        else
            say(why, why_size, "is not a regular file (it is the package directory)");
    } else if (stat(canon, &st) != 0) {
        ret = missing(canon, errno, why, why_size);
    } else if (!S_ISREG(st.st_mode)) {
        ret = 2;
        say(why, why_size, "is not a regular file (%s)",
            S_ISDIR(st.st_mode) ? "a directory" : "a device, FIFO or socket");
    }
    free(joined);
    free(croot);
    if (ret == 0)
        *resolved = canon;
    else
        free(canon);
    return ret;
}
