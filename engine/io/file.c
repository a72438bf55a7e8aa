// SPDX-License-Identifier: MIT
#include "engine/io/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct QcFile {
    int fd;
    int64_t size;
};

int qc_file_open(QcFile **out, const char *path, QcError *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return qc_error_set(err, QC_ERR_IO, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return qc_error_set(err, QC_ERR_IO, "%s: not a regular file", path);
    }
    QcFile *f = malloc(sizeof(*f));
    if (!f) {
        close(fd);
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    }
    f->fd = fd;
    f->size = (int64_t)st.st_size;
    *out = f;
    return 0;
}

int64_t qc_file_size(const QcFile *f)
{
    return f->size;
}

int qc_file_pread(QcFile *f, void *buf, size_t n, int64_t offset)
{
    if (offset < 0 || offset > f->size || (int64_t)n > f->size - offset)
        return QC_ERR_INVALID_DATA;
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(f->fd, (char *)buf + done, n - done, (off_t)(offset + (int64_t)done));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return QC_ERR_IO; /* the file shrank under us, or the disk failed */
        done += (size_t)r;
    }
    return 0;
}

void qc_file_close(QcFile **pf)
{
    if (!*pf)
        return;
    close((*pf)->fd);
    free(*pf);
    *pf = NULL;
}
