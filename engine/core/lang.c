// SPDX-License-Identifier: MIT
/* RFC 5646 §2.1 syntax: language [-script] [-region] *(-variant) *(-extension) [-privateuse],
 * or a private-use or grandfathered tag. Well-formed only: no registry look-up. */
#include "engine/core/lang.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const grandfathered[] = {
    "en-GB-oed", "i-ami",     "i-bnn",     "i-default",  "i-enochian",  "i-hak",  "i-klingon",
    "i-lux",     "i-mingo",   "i-navajo",  "i-pwn",      "i-tao",       "i-tay",  "i-tsu",
    "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE", "art-lojban", "cel-gaulish", "no-bok", "no-nyn",
    "zh-guoyu",  "zh-hakka",  "zh-min",    "zh-min-nan", "zh-xiang",    NULL,
};

typedef struct Sub {
    const char *p;
    size_t n;
} Sub;

static int all(const Sub *s, int (*pred)(int))
{
    for (size_t i = 0; i < s->n; i++)
        if (!pred((unsigned char)s->p[i]))
            return 0;
    return 1;
}

/* Splits on '-'; an empty subtag or more than 64 subtags fails. */
static int split(const char *tag, Sub *subs, int max)
{
    int n = 0;
    const char *p = tag;
    for (;;) {
        const char *e = strchr(p, '-');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == 0 || len > 8 || n >= max)
            return -1;
        subs[n++] = (Sub){p, len};
        if (!e)
            return n;
        p = e + 1;
    }
}

/* "x-…": every following subtag 1 to 8 alphanumerics. */
static int private_use(const Sub *s, int i, int n)
{
    if (i + 1 >= n)
        return 0;
    for (int k = i + 1; k < n; k++)
        if (!all(&s[k], isalnum))
            return 0;
    return 1;
}

static int is_singleton(const Sub *s)
{
    return s->n == 1 && isalnum((unsigned char)s->p[0]) && tolower((unsigned char)s->p[0]) != 'x';
}

/* Extensions and private use, from subtag @p i on. */
static int tail(const Sub *s, int i, int n)
{
    char seen[36] = {0};
    while (i < n && is_singleton(&s[i])) {
        int c = tolower((unsigned char)s[i].p[0]);
        int slot = isdigit(c) ? c - '0' : c - 'a' + 10;
        if (seen[slot]++)
            return 0; /* an extension singleton may appear once */
        int k = i + 1;
        while (k < n && s[k].n >= 2 && all(&s[k], isalnum))
            k++;
        if (k == i + 1)
            return 0;
        i = k;
    }
    if (i < n && s[i].n == 1 && tolower((unsigned char)s[i].p[0]) == 'x')
        return private_use(s, i, n);
    return i == n;
}

int qc_lang_well_formed(const char *tag)
{
    if (!tag || !*tag)
        return 0;
    for (const char *const *g = grandfathered; *g; g++)
        if (!strcasecmp(*g, tag))
            return 1;
    Sub s[64];
    int n = split(tag, s, 64), i = 0;
    if (n < 1)
        return 0;
    if (s[0].n == 1 && tolower((unsigned char)s[0].p[0]) == 'x')
        return private_use(s, 0, n);
    if (!all(&s[0], isalpha) || s[0].n < 2)
        return 0;
    i = 1;
    if (s[0].n <= 3) /* up to three extlang subtags */
        for (int k = 0; k < 3 && i < n && s[i].n == 3 && all(&s[i], isalpha); k++)
            i++;
    if (i < n && s[i].n == 4 && all(&s[i], isalpha))
        i++;
    if (i < n && ((s[i].n == 2 && all(&s[i], isalpha)) || (s[i].n == 3 && all(&s[i], isdigit))))
        i++;
    while (i < n && all(&s[i], isalnum) &&
           (s[i].n >= 5 || (s[i].n == 4 && isdigit((unsigned char)s[i].p[0]))))
        i++;
    return tail(s, i, n);
}

int qc_lang_equal(const char *a, const char *b)
{
    return a && b && !strcasecmp(a, b);
}

int qc_lang_matches(const char *range, const char *tag)
{
    size_t n = strlen(range);
    return strlen(tag) >= n && !strncasecmp(range, tag, n) && (tag[n] == 0 || tag[n] == '-');
}
