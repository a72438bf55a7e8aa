// SPDX-License-Identifier: MIT
/* A large frame-wrapped JPEG 2000 track file for the extraction benchmark, quickly: a few
 * distinct frames are encoded once and written over and over (the reader's work does not depend
 * on what the codestreams show).
 * Usage: mxf_make OUT.mxf FRAMES [WIDTH HEIGHT] */
#include <stdio.h>
#include <stdlib.h>

#include "mxfw.h"

#define DISTINCT 6

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: mxf_make OUT.mxf FRAMES [WIDTH HEIGHT]\n");
        return 2;
    }
    int frames = atoi(argv[2]), w = argc > 4 ? atoi(argv[3]) : 1920,
        h = argc > 4 ? atoi(argv[4]) : 1080;
    if (frames < 1 || w < 16 || h < 16 || w > 8192 || h > 8192)
        return 2;
    uint16_t *planes = malloc(sizeof(uint16_t) * 3 * (size_t)w * (size_t)h);
    uint8_t *cs[DISTINCT] = {0};
    size_t size[DISTINCT];
    QcMxfwErr err;
    for (int k = 0; planes && k < DISTINCT; k++) {
        unsigned x = 12345u + (unsigned)k;
        for (size_t i = 0; i < 3 * (size_t)w * (size_t)h; i++) {
            x = x * 1103515245u + 12345u; /* grain on a gradient: entropy like real pictures */
            planes[i] = (uint16_t)(((i % (size_t)w) * 1023 / (size_t)w + (x >> 22) % 64) & 1023);
        }
        size_t plane = (size_t)w * (size_t)h;
        QcMxfwPicture pic = {w, h, 10, 3, {planes, planes + plane, planes + 2 * plane}, (size_t)w};
        QcMxfwJ2kParams prm = {0, 40, 1, {24, 1}};
        if (qc_mxfw_j2k_encode(&pic, &prm, &cs[k], &size[k], &err) != 0) {
            fprintf(stderr, "mxf_make: encoding failed: %s\n", err.msg);
            return 1;
        }
    }
    QcMxfwVideoSettings s;
    qc_mxfw_video_default_settings(&s);
    s.path = argv[1];
    QcMxfwVideo *v = NULL;
    int ret = qc_mxfw_video_open(&v, &s, &err);
    for (int i = 0; !ret && i < frames; i++)
        ret = qc_mxfw_video_write(v, cs[i % DISTINCT], size[i % DISTINCT], &err);
    if (!ret)
        ret = qc_mxfw_video_close(&v, &err);
    if (ret)
        fprintf(stderr, "mxf_make: %s\n", err.msg);
    for (int k = 0; k < DISTINCT; k++)
        free(cs[k]);
    free(planes);
    return ret ? 1 : 0;
}
