/* SPDX-License-Identifier: MIT */
/* Parser of the golden .case files: one "key: value" per line, '#' starts a comment. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden_case.h"

typedef struct Ctx {
    const char *path;
    int         line;
    char       *err;
    int         errlen;
} Ctx;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int bad(const Ctx *x, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    snprintf(x->err, (size_t)x->errlen, "%s:%d: %s", x->path, x->line, msg);
    return -1;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

static int copy(const Ctx *x, char *dst, const size_t size, const char *src)
{
    if (strlen(src) >= size)
        return bad(x, "value too long");
    strcpy(dst, src);
    return 0;
}

/* "±" in UTF-8, or "+-". Returns the length of the marker at s, or 0. */
static int pm_marker(const char *s)
{
    if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xB1)
        return 2;
    if (s[0] == '+' && s[1] == '-')
        return 2;
    return 0;
}

/* "384000", "8.0s", with an optional "±4800" or "±0.1s". */
static int parse_pos(const char *s, GcPos *p)
{
    char *end;
    errno = 0;
    p->set = 1;
    p->tol = -1.0;
    p->value = strtod(s, &end);
    if (errno || end == s)
        return -1;
    p->seconds = *end == 's';
    end += p->seconds;
    const int m = pm_marker(end);
    if (m) {
        const char *t = end + m;
        p->tol = strtod(t, &end);
        if (end == t || p->tol < 0.0)
            return -1;
        p->tol_seconds = *end == 's';
        end += p->tol_seconds;
    }
    return *end ? -1 : 0;
}

static int parse_channel(const char *v, GcFindingRule *r)
{
    char *end;
    if (!strcmp(v, "null")) {
        r->ch_mode = GC_CH_NULL;
        return 0;
    }
    if (!strcmp(v, "any")) {
        r->ch_mode = GC_CH_ANY;
        return 0;
    }
    errno = 0;
    const long ch = strtol(v, &end, 10);
    if (errno || end == v || *end || ch < 0 || ch > 1024)
        return -1;
    r->ch_mode = GC_CH_NUM;
    r->ch = (int)ch;
    return 0;
}

static int parse_rule(const Ctx *x, GcCase *c, const GcRule rule, char *v)
{
    if (c->nrules == GC_MAX_EXPECT)
        return bad(x, "too many expect/allow/forbid lines");
    GcFindingRule *r = &c->rule[c->nrules++];
    memset(r, 0, sizeof(*r));
    r->rule = rule;
    r->line = x->line;
    snprintf(r->text, sizeof(r->text), "%s", v);
    int i = 0;
    for (char *tok = strtok(v, " \t"); tok; tok = strtok(NULL, " \t"), i++) {
        if (i == 0) {
            if (copy(x, r->code, sizeof(r->code), tok))
                return -1;
        } else if (!strncmp(tok, "ch=", 3)) {
            if (parse_channel(tok + 3, r))
                return bad(x, "bad channel '%s' (a number, null or any)", tok + 3);
        } else if (!strncmp(tok, "start=", 6)) {
            if (parse_pos(tok + 6, &r->start))
                return bad(x, "bad start '%s' (384000, 8.0s, 384000±48, 8.0s±0.1s)", tok + 6);
        } else if (!strncmp(tok, "dur=", 4)) {
            if (parse_pos(tok + 4, &r->duration))
                return bad(x, "bad dur '%s'", tok + 4);
        } else if (i == 1 && (!strcmp(tok, "blocker") || !strcmp(tok, "issue") || !strcmp(tok, "fyi"))) {
            strcpy(r->severity, tok);
        } else if (i == 1 && !strcmp(tok, "*")) {
            r->severity[0] = '\0';
        } else {
            return bad(x, "unexpected '%s' (CODE [blocker|issue|fyi|*] [ch=] [start=] [dur=])", tok);
        }
    }
    return i ? 0 : bad(x, "missing finding code");
}

/* "PATH VALUE ±TOL", "PATH VALUE +0.2/-0.4", "PATH < VALUE", "PATH > VALUE" */
static int parse_metric(const Ctx *x, GcCase *c, char *v)
{
    if (c->nmetrics == GC_MAX_METRIC)
        return bad(x, "too many metric lines");
    GcMetric *m = &c->metric[c->nmetrics++];
    memset(m, 0, sizeof(*m));
    m->line = x->line;
    snprintf(m->text, sizeof(m->text), "%s", v);
    char *rest = v + strcspn(v, " \t");
    if (*rest)
        *rest++ = '\0';
    if (copy(x, m->path, sizeof(m->path), v))
        return -1;
    rest = trim(rest);
    m->op = *rest == '<' ? GC_OP_LT : *rest == '>' ? GC_OP_GT : GC_OP_TOL;
    if (m->op != GC_OP_TOL)
        rest = trim(rest + 1);
    char *end;
    errno = 0;
    m->value = strtod(rest, &end);
    if (errno || end == rest)
        return bad(x, "metric needs a number after the path");
    end = trim(end);
    if (m->op != GC_OP_TOL)
        return *end ? bad(x, "nothing may follow '< VALUE' or '> VALUE'") : 0;
    const int pm = pm_marker(end);
    if (pm) {
        m->plus = m->minus = strtod(end + pm, &end);
    } else if (*end == '+') {
        m->plus = strtod(end + 1, &end);
        if (*end != '/' || end[1] != '-')
            return bad(x, "asymmetric tolerance is written +0.2/-0.4");
        m->minus = strtod(end + 2, &end);
    } else {
        return bad(x, "metric needs a tolerance: ±0.1 or +0.2/-0.4");
    }
    return *trim(end) || m->plus < 0.0 || m->minus < 0.0 ? bad(x, "bad tolerance") : 0;
}

static int parse_json(const Ctx *x, GcCase *c, char *v)
{
    if (c->njson == GC_MAX_JSON)
        return bad(x, "too many json lines");
    GcJson *j = &c->json[c->njson++];
    j->line = x->line;
    char *eq = strstr(v, "==");
    if (!eq)
        return bad(x, "json lines are 'PATH == JSON'");
    *eq = '\0';
    if (copy(x, j->path, sizeof(j->path), trim(v)) || copy(x, j->json, sizeof(j->json), trim(eq + 2)))
        return -1;
    return 0;
}

static int parse_exits(const Ctx *x, GcCase *c, char *v)
{
    c->nexits = 0;
    for (char *tok = strtok(v, "| \t"); tok; tok = strtok(NULL, "| \t")) {
        char *end;
        const long e = strtol(tok, &end, 10);
        if (*end || end == tok || e < 0 || e > 255 || c->nexits == GC_MAX_EXITS)
            return bad(x, "expect-exit takes codes separated by '|', e.g. 0|1");
        c->exits[c->nexits++] = (int)e;
    }
    return c->nexits ? 0 : bad(x, "expect-exit needs a code");
}

static int parse_make(const Ctx *x, GcCase *c, char *v)
{
    char *arg = v + strcspn(v, " \t");
    if (*arg)
        *arg++ = '\0';
    if (strcmp(v, "missing") && strcmp(v, "empty") && strcmp(v, "text") && strcmp(v, "wav-header"))
        return bad(x, "make: missing | empty | text | wav-header CHANNELS");
    strcpy(c->make, v);
    c->make_channels = strtol(trim(arg), NULL, 10);
    if (!strcmp(v, "wav-header") && (c->make_channels < 1 || c->make_channels > 65535))
        return bad(x, "wav-header needs a channel count 1..65535");
    return 0;
}

static int parse_line(const Ctx *x, GcCase *c, char *line)
{
    if (!strcmp(line, "expect-none-other")) {
        c->none_other = 1;
        return 0;
    }
    char *colon = strchr(line, ':');
    if (!colon)
        return bad(x, "expected 'key: value'");
    *colon = '\0';
    const char *key = trim(line);
    char *v = trim(colon + 1);
    if (!strcmp(key, "synth"))       return copy(x, c->synth, sizeof(c->synth), v);
    if (!strcmp(key, "make"))        return parse_make(x, c, v);
    if (!strcmp(key, "input"))       return copy(x, c->input, sizeof(c->input), v);
    if (!strcmp(key, "truncate"))    return copy(x, c->truncate, sizeof(c->truncate), v);
    if (!strcmp(key, "args"))        return copy(x, c->args, sizeof(c->args), v);
    if (!strcmp(key, "status"))      return copy(x, c->status, sizeof(c->status), v);
    if (!strcmp(key, "skip"))        return copy(x, c->skip, sizeof(c->skip), *v ? v : "no reason given");
    if (!strcmp(key, "expect-exit")) return parse_exits(x, c, v);
    if (!strcmp(key, "expect"))      return parse_rule(x, c, GC_EXPECT, v);
    if (!strcmp(key, "allow"))       return parse_rule(x, c, GC_ALLOW, v);
    if (!strcmp(key, "forbid"))      return parse_rule(x, c, GC_FORBID, v);
    if (!strcmp(key, "metric"))      return parse_metric(x, c, v);
    if (!strcmp(key, "json"))        return parse_json(x, c, v);
    if (!strcmp(key, "labels") || !strcmp(key, "about"))
        return 0; /* read by CMake, or prose */
    return bad(x, "unknown key '%s'", key);
}

static void case_name(GcCase *c, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(c->name, sizeof(c->name), "%s", base);
    char *dot = strstr(c->name, ".case");
    if (dot)
        *dot = '\0';
}

int gc_case_load(GcCase *c, const char *path, char *err, const int errlen)
{
    memset(c, 0, sizeof(*c));
    c->exits[0] = 0;
    c->nexits = 1;
    case_name(c, path);
    Ctx x = { path, 0, err, errlen };
    FILE *f = fopen(path, "r");
    if (!f)
        return bad(&x, "cannot open: %s", strerror(errno));
    char buf[1024];
    int r = 0;
    while (!r && fgets(buf, sizeof(buf), f)) {
        x.line++;
        if (!strchr(buf, '\n') && !feof(f)) {
            r = bad(&x, "line too long");
            break;
        }
        char *hash = strchr(buf, '#');
        if (hash)
            *hash = '\0';
        char *line = trim(buf);
        if (*line)
            r = parse_line(&x, c, line);
    }
    fclose(f);
    if (!r && !c->synth[0] && !c->make[0])
        r = bad(&x, "a case needs 'synth:' or 'make:'");
    if (!r && !c->input[0])
        snprintf(c->input, sizeof(c->input), "%.128s.wav", c->name);
    return r;
}
