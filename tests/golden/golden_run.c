/* SPDX-License-Identifier: MIT */
/*
 * golden_run: one golden test. Synthesizes the input named by a .case file, runs
 * `imfqc inspect --format json --threads N` with N = 1 and N = 2, and checks
 *   - the exit code, and that both runs agree on it, the findings, the metrics, the summary and the status;
 *   - the report contract (schema, status versus exit code, summary counts);
 *   - the expected findings (code, severity, channel, start and duration within tolerances), forbidden
 *     findings, and with expect-none-other that nothing else was reported;
 *   - metrics within tolerance and JSON values that must match exactly;
 *   - and, when tests/golden/ref/<case>.json exists, the exact findings (drift fails) and the exact metric
 *     values (drift is flagged, not failed: the tolerance above is the pass criterion).
 * --set-exact-output (or IMFQC_GOLDEN_SET_EXACT_OUTPUT=1) rewrites that reference from what was observed.
 *
 * Exit status: 0 pass, 1 fail, 2 usage or harness error, 77 skipped (ctest SKIP_RETURN_CODE).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "golden_case.h"
#include "golden_input.h"

#define EXIT_SKIP    77
#define EXIT_HARNESS 2
#define MAX_ARGS     96
#define MAX_FINDINGS 4096
#define PATH_LEN     4096


typedef struct Opts {
    const char *imfqc, *synth, *case_path, *workdir;
    char        refdir[PATH_LEN];
    int         set_exact;
    int         keep;      ///< keep the synthesized input after a pass (it can be tens of MB)
} Opts;

typedef struct Run {
    int     threads;
    int     exit_code;  ///< -1 when killed by a signal
    int     signal;
    char    out[PATH_LEN], err[PATH_LEN];
    json_t *report;     ///< NULL when stdout held no JSON
} Run;

typedef struct Finding {
    const char *code, *severity, *message;
    int         ch_null;
    long long   ch, start, dur;
    int         has_dur;
    int         matched; ///< index of the expect rule + 1, or 0
    int         allowed;
} Finding;

static int problems;

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

PRINTF_LIKE(1, 2) static void problem(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("FAIL: ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    problems++;
}

PRINTF_LIKE(1, 2) static int harness_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "golden_run: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    return EXIT_HARNESS;
}

static void run_imfqc(const GcCase *c, const Opts *o, const char *input, Run *r)
{
    char args[GC_TEXT], threads[16], *argv[MAX_ARGS];
    snprintf(args, sizeof(args), "%s", c->args);
    snprintf(threads, sizeof(threads), "%d", r->threads);
    char *fixed[] = { (char *)o->imfqc, "inspect", "--format", "json", "--threads", threads };
    memcpy(argv, fixed, sizeof(fixed));
    int n = gc_split_args(args, argv, 6, MAX_ARGS - 1);
    if (n < 0) {
        problem("too many words in 'args:'");
        n = 6;
    }
    argv[n++] = (char *)input;
    argv[n] = NULL;
    snprintf(r->out, sizeof(r->out), "%s/report.t%d.json", o->workdir, r->threads);
    snprintf(r->err, sizeof(r->err), "%s/stderr.t%d.txt", o->workdir, r->threads);
    const int e = gc_spawn(argv, r->out, r->err);
    r->exit_code = e < 0 ? -1 : e;
    r->signal = e < 0 ? -1 - e : 0;
    json_error_t jerr;
    r->report = json_load_file(r->out, 0, &jerr);
}

/* ---------------------------------------------------------------------------------------------- */
/* Report access */

static int jnum(const json_t *v, double *out)
{
    if (!json_is_number(v))
        return 0;
    *out = json_number_value(v);
    return 1;
}

static json_t *audio_track(json_t *report)
{
    json_t *tfs = json_object_get(report, "track_files"), *t;
    size_t i;
    json_array_foreach(tfs, i, t) {
        if (json_is_string(json_object_get(t, "kind"))
            && !strcmp(json_string_value(json_object_get(t, "kind")), "audio"))
            return t;
    }
    return json_array_get(tfs, 0);
}

static double sample_rate(json_t *report)
{
    double rate;
    json_t *ess = json_object_get(audio_track(report), "essence");
    return jnum(json_object_get(ess, "sample_rate"), &rate) && rate > 0 ? rate : 48000.0;
}

/* "a.b.0.c" from the first audio track file's metrics, or from the report root with a "$." prefix. */
static json_t *resolve(json_t *report, const char *path)
{
    json_t *cur = json_object_get(audio_track(report), "metrics");
    if (!strncmp(path, "$.", 2)) {
        cur = report;
        path += 2;
    }
    char buf[256];
    snprintf(buf, sizeof(buf), "%s", path);
    for (char *seg = strtok(buf, "."); seg && cur; seg = strtok(NULL, ".")) {
        if (json_is_array(cur))
            cur = json_array_get(cur, strtoul(seg, NULL, 10));
        else
            cur = json_object_get(cur, seg);
    }
    return cur;
}

static int load_findings(json_t *report, Finding *f, const int max)
{
    json_t *arr = json_object_get(report, "findings"), *o;
    size_t i;
    int n = 0;
    json_array_foreach(arr, i, o) {
        if (n == max)
            break;
        Finding *x = &f[n++];
        memset(x, 0, sizeof(*x));
        double v;
        x->code = json_string_value(json_object_get(o, "code"));
        x->severity = json_string_value(json_object_get(o, "severity"));
        x->message = json_string_value(json_object_get(o, "message"));
        x->code = x->code ? x->code : "(no code)";
        x->severity = x->severity ? x->severity : "(no severity)";
        x->ch_null = !jnum(json_object_get(o, "channel"), &v);
        x->ch = x->ch_null ? -1 : (long long)v;
        x->start = jnum(json_object_get(json_object_get(o, "start"), "edit_unit"), &v) ? (long long)v : -1;
        x->has_dur = jnum(json_object_get(json_object_get(o, "duration"), "edit_units"), &v);
        x->dur = x->has_dur ? (long long)v : -1;
    }
    return n;
}

static void print_finding(const char *prefix, const Finding *f, const double rate)
{
    printf("%s%s %s ch=", prefix, f->code, f->severity);
    if (f->ch_null)
        printf("null");
    else
        printf("%lld", f->ch);
    printf(" start=%lld (%.6f s)", f->start, (double)f->start / rate);
    if (f->has_dur)
        printf(" dur=%lld (%.6f s)", f->dur, (double)f->dur / rate);
    if (f->message)
        printf("  \"%s\"", f->message);
    printf("\n");
}

/* ---------------------------------------------------------------------------------------------- */
/* Checks */

static void check_exit(const GcCase *c, const Run *r)
{
    if (r->signal) {
        problem("imfqc --threads %d was killed by signal %d (a crash is never acceptable)", r->threads,
                r->signal);
        return;
    }
    char want[64] = "";
    for (int i = 0; i < c->nexits; i++) {
        if (c->exits[i] == r->exit_code)
            return;
        snprintf(want + strlen(want), sizeof(want) - strlen(want), "%s%d", i ? " or " : "", c->exits[i]);
    }
    problem("imfqc --threads %d exited with %d, expected %s", r->threads, r->exit_code, want);
}

static void check_contract(const GcCase *c, const Run *r)
{
    if (!r->report) {
        if (r->exit_code == 0 || r->exit_code == 1)
            problem("--threads %d: exit %d but stdout is not a JSON report (%s)", r->threads, r->exit_code,
                    r->out);
        return;
    }
    const char *schema = json_string_value(json_object_get(r->report, "schema"));
    const char *status = json_string_value(json_object_get(r->report, "status"));
    if (!schema || strcmp(schema, "imfqc-report/1"))
        problem("--threads %d: schema is \"%s\", expected \"imfqc-report/1\"", r->threads,
                schema ? schema : "");
    const char *want = r->exit_code == 0 ? "pass" : r->exit_code == 1 ? "fail" : NULL;
    if (want && (!status || strcmp(status, want)))
        problem("--threads %d: status \"%s\" does not match exit code %d", r->threads, status ? status : "",
                r->exit_code);
    if (c->status[0] && (!status || strcmp(status, c->status)))
        problem("--threads %d: status \"%s\", expected \"%s\"", r->threads, status ? status : "", c->status);
    static const char *const sev[3] = { "blocker", "issue", "fyi" };
    json_t *summary = json_object_get(r->report, "summary"), *f;
    for (int s = 0; s < 3; s++) {
        long long count = 0;
        size_t i;
        json_array_foreach(json_object_get(r->report, "findings"), i, f) {
            const char *fs = json_string_value(json_object_get(f, "severity"));
            count += fs && !strcmp(fs, sev[s]);
        }
        double v;
        if (!jnum(json_object_get(summary, sev[s]), &v) || (long long)v != count)
            problem("--threads %d: summary.%s does not equal the %lld %s findings", r->threads, sev[s], count,
                    sev[s]);
    }
}

static void differ(const char *what, json_t *a, json_t *b)
{
    size_t i = 0;
    if (json_is_array(a) && json_is_array(b)) { /* show the first element that differs, not the arrays */
        while (i < json_array_size(a) && i < json_array_size(b) && json_equal(json_array_get(a, i),
                                                                             json_array_get(b, i)))
            i++;
        problem("--threads 1 and --threads 2 differ in %s, from element %zu (of %zu and %zu)", what, i,
                json_array_size(a), json_array_size(b));
        a = json_array_get(a, i);
        b = json_array_get(b, i);
    } else {
        problem("--threads 1 and --threads 2 differ in %s", what);
    }
    char *x = a ? json_dumps(a, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    char *y = b ? json_dumps(b, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    printf("  threads 1: %.2000s\n  threads 2: %.2000s\n", x ? x : "(none)", y ? y : "(none)");
    free(x);
    free(y);
}

/* The report must be identical for any --threads (design.md §6), settings.threads aside. */
static void check_same(const Run *a, const Run *b)
{
    if (a->exit_code != b->exit_code || a->signal != b->signal)
        problem("exit codes differ: %d with --threads 1, %d with --threads 2", a->exit_code, b->exit_code);
    if (!a->report || !b->report) {
        if (a->report || b->report)
            problem("only one of the two runs printed a JSON report");
        return;
    }
    static const char *const keys[] = { "status", "summary", "findings" };
    for (int k = 0; k < 3; k++) {
        json_t *x = json_object_get(a->report, keys[k]), *y = json_object_get(b->report, keys[k]);
        if (!json_equal(x, y) && (x || y))
            differ(keys[k], x, y);
    }
    json_t *ta = json_object_get(a->report, "track_files"), *tb = json_object_get(b->report, "track_files");
    if (json_array_size(ta) != json_array_size(tb)) {
        differ("track_files", ta, tb);
        return;
    }
    for (size_t i = 0; i < json_array_size(ta); i++) {
        json_t *x = json_object_get(json_array_get(ta, i), "metrics");
        json_t *y = json_object_get(json_array_get(tb, i), "metrics");
        if (!json_equal(x, y) && (x || y))
            differ("track_files[].metrics", x, y);
    }
}

static const char *skip_ws(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

static int pos_ok(const GcPos *p, const long long v, const double rate)
{
    if (!p->set)
        return 1;
    if (v < 0)
        return 0;
    const double want = p->seconds ? p->value * rate : p->value;
    const double tol = p->tol < 0.0 ? 0.1 * rate : p->tol_seconds ? p->tol * rate : p->tol;
    return fabs((double)v - want) <= tol + 1e-6;
}

static int rule_matches(const GcFindingRule *r, const Finding *f, const double rate)
{
    if (strcmp(r->code, f->code))
        return 0;
    if (r->severity[0] && strcmp(r->severity, f->severity))
        return 0;
    if (r->ch_mode == GC_CH_NULL && !f->ch_null)
        return 0;
    if (r->ch_mode == GC_CH_NUM && (f->ch_null || f->ch != r->ch))
        return 0;
    if (!pos_ok(&r->start, f->start, rate))
        return 0;
    return !r->duration.set || (f->has_dur && pos_ok(&r->duration, f->dur, rate));
}

static void expect_one(const GcCase *c, const int i, Finding *f, const int n, const double rate)
{
    const GcFindingRule *r = &c->rule[i];
    for (int j = 0; j < n; j++) {
        if (!f[j].matched && rule_matches(r, &f[j], rate)) {
            f[j].matched = i + 1;
            return;
        }
    }
    problem("expected finding not reported: %s  (line %d)", r->text, r->line);
    for (int j = 0; j < n; j++)
        if (!strcmp(f[j].code, r->code))
            print_finding("  nearest candidate: ", &f[j], rate);
}

static void check_findings(const GcCase *c, Finding *f, const int n, const double rate)
{
    /* Placed expectations claim their findings first, so a looser rule cannot steal one. */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < c->nrules; i++)
            if (c->rule[i].rule == GC_EXPECT && c->rule[i].start.set == !pass)
                expect_one(c, i, f, n, rate);
    for (int j = 0; j < n; j++) {
        for (int i = 0; i < c->nrules; i++) {
            const GcFindingRule *r = &c->rule[i];
            if (!rule_matches(r, &f[j], rate))
                continue;
            if (r->rule == GC_ALLOW)
                f[j].allowed = 1;
            if (r->rule == GC_FORBID) {
                problem("forbidden finding reported (forbid: %s, line %d):", r->text, r->line);
                print_finding("  ", &f[j], rate);
            }
        }
        if (c->none_other && !f[j].matched && !f[j].allowed) {
            problem("unexpected finding (expect-none-other):");
            print_finding("  ", &f[j], rate);
        }
    }
}

static void check_metrics(const GcCase *c, json_t *report)
{
    for (int i = 0; i < c->nmetrics; i++) {
        const GcMetric *m = &c->metric[i];
        double v;
        if (!jnum(resolve(report, m->path), &v)) {
            problem("metric %s is missing or not a number (line %d)", m->path, m->line);
            continue;
        }
        int ok;
        switch (m->op) {
        case GC_OP_LT: ok = v < m->value; break;
        case GC_OP_GT: ok = v > m->value; break;
        default: ok = v >= m->value - m->minus - 1e-9 && v <= m->value + m->plus + 1e-9; break;
        }
        if (!ok)
            problem("metric %s = %.4f, expected %s (line %d)", m->path, v, skip_ws(m->text + strlen(m->path)),
                    m->line);
        else
            printf("ok: metric %s = %.4f (%s)\n", m->path, v, skip_ws(m->text + strlen(m->path)));
    }
}

static void check_json(const GcCase *c, json_t *report)
{
    for (int i = 0; i < c->njson; i++) {
        const GcJson *j = &c->json[i];
        json_error_t err;
        json_t *want = json_loads(j->json, JSON_DECODE_ANY, &err);
        if (!want) {
            problem("line %d: expected value is not JSON: %s", j->line, err.text);
            continue;
        }
        json_t *got = resolve(report, j->path);
        if (!json_equal(want, got)) {
            char *g = got ? json_dumps(got, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
            problem("%s = %s, expected %s (line %d)", j->path, g ? g : "(missing)", j->json, j->line);
            free(g);
        }
        json_decref(want);
    }
}

/* ---------------------------------------------------------------------------------------------- */
/* Exact reference (FATE-style tests/golden/ref/<case>.json) */

static json_t *observed(const GcCase *c, const Run *r, const Finding *f, const int n)
{
    json_t *o = json_object(), *arr = json_array(), *met = json_object();
    json_object_set_new(o, "case", json_string(c->name));
    json_object_set_new(o, "exit", json_integer(r->signal ? -r->signal : r->exit_code));
    for (int i = 0; i < n; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "code", json_string(f[i].code));
        json_object_set_new(x, "severity", json_string(f[i].severity));
        json_object_set_new(x, "channel", f[i].ch_null ? json_null() : json_integer(f[i].ch));
        json_object_set_new(x, "start", json_integer(f[i].start));
        json_object_set_new(x, "duration", f[i].has_dur ? json_integer(f[i].dur) : json_null());
        json_array_append_new(arr, x);
    }
    for (int i = 0; r->report && i < c->nmetrics; i++) {
        json_t *v = resolve(r->report, c->metric[i].path);
        if (v)
            json_object_set_new(met, c->metric[i].path, json_deep_copy(v));
    }
    json_object_set_new(o, "findings", arr);
    json_object_set_new(o, "metrics", met);
    return o;
}

/* The shortest text that reads back as the same double: refs stay readable and still compare exactly. */
static char *dump_value(json_t *v)
{
    if (!json_is_real(v))
        return json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    char buf[64];
    const double x = json_real_value(v);
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(buf, sizeof(buf), "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    if (!strpbrk(buf, ".eEn")) /* keep it a JSON real */
        strcat(buf, ".0");
    return strdup(buf);
}

/* One finding per line, so a reference diff reads like a findings diff. */
static int write_ref(const char *path, json_t *ref)
{
    char tmp[PATH_LEN + 512];
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return -1;
    json_t *arr = json_object_get(ref, "findings"), *v;
    const char *key;
    size_t i;
    fprintf(f, "{\n  \"case\": \"%s\",\n  \"exit\": %lld,\n  \"findings\": [", 
            json_string_value(json_object_get(ref, "case")),
            (long long)json_integer_value(json_object_get(ref, "exit")));
    json_array_foreach(arr, i, v) {
        char *s = json_dumps(v, JSON_PRESERVE_ORDER);
        fprintf(f, "%s\n    %s", i ? "," : "", s);
        free(s);
    }
    fprintf(f, "%s],\n  \"metrics\": {", json_array_size(arr) ? "\n  " : "");
    i = 0;
    json_object_foreach(json_object_get(ref, "metrics"), key, v) {
        char *s = dump_value(v);
        fprintf(f, "%s\n    \"%s\": %s", i++ ? "," : "", key, s);
        free(s);
    }
    fprintf(f, "%s}\n}\n", i ? "\n  " : "");
    if (fclose(f))
        return -1;
    return rename(tmp, path);
}

static void diff_findings(json_t *ref, json_t *now)
{
    json_t *v;
    size_t i;
    problem("findings drifted from the exact reference (refresh with --set-exact-output if intended):");
    json_array_foreach(ref, i, v) {
        int found = 0;
        for (size_t j = 0; j < json_array_size(now) && !found; j++)
            found = json_equal(v, json_array_get(now, j));
        char *s = json_dumps(v, JSON_COMPACT);
        printf("  %c ref %s\n", found ? ' ' : '-', s);
        free(s);
    }
    json_array_foreach(now, i, v) {
        int found = 0;
        for (size_t j = 0; j < json_array_size(ref) && !found; j++)
            found = json_equal(v, json_array_get(ref, j));
        char *s = json_dumps(v, JSON_COMPACT);
        if (!found)
            printf("  + now %s\n", s);
        free(s);
    }
}

static void compare_ref(json_t *ref, json_t *now)
{
    if (!json_equal(json_object_get(ref, "exit"), json_object_get(now, "exit")))
        problem("exit code drifted from the exact reference: %lld then, %lld now",
                (long long)json_integer_value(json_object_get(ref, "exit")),
                (long long)json_integer_value(json_object_get(now, "exit")));
    if (!json_equal(json_object_get(ref, "findings"), json_object_get(now, "findings")))
        diff_findings(json_object_get(ref, "findings"), json_object_get(now, "findings"));
    const char *key;
    json_t *v, *nm = json_object_get(now, "metrics");
    json_object_foreach(json_object_get(ref, "metrics"), key, v) {
        json_t *w = json_object_get(nm, key);
        char *a = dump_value(v);
        char *b = w ? dump_value(w) : NULL;
        if (json_equal(v, w))
            printf("exact: metric %s = %s\n", key, a);
        else
            printf("DRIFT: metric %s = %s, reference %s (flagged; the tolerance decides pass or fail)\n", key,
                   b ? b : "(missing)", a);
        free(a);
        free(b);
    }
}

static void reference(const GcCase *c, const Opts *o, const Run *r, const Finding *f, const int n)
{
    char path[PATH_LEN + 256];
    snprintf(path, sizeof(path), "%s/%s.json", o->refdir, c->name);
    json_t *now = observed(c, r, f, n);
    if (o->set_exact) {
        if (gc_mkdirs(o->refdir) || write_ref(path, now))
            problem("cannot write the reference %s: %s", path, strerror(errno));
        else
            printf("wrote exact reference %s\n", path);
    } else {
        json_error_t err;
        json_t *ref = json_load_file(path, 0, &err);
        if (ref)
            compare_ref(ref, now);
        else if (access(path, F_OK) == 0)
            problem("unreadable reference %s: %s", path, err.text);
        else
            printf("no exact reference (%s): tolerance checks only\n", path);
        json_decref(ref);
    }
    json_decref(now);
}

/* ---------------------------------------------------------------------------------------------- */

static void print_observed(const GcCase *c, const Run *r, const Finding *f, const int n, const double rate)
{
    printf("---- observed findings, --threads 1 (= expected, ~ allowed, + other):\n");
    for (int j = 0; j < n; j++)
        print_finding(f[j].matched ? "  = " : f[j].allowed ? "  ~ " : "  + ", &f[j], rate);
    if (!n)
        printf("  (none)\n");
    printf("---- expected:\n");
    for (int i = 0; i < c->nrules; i++) {
        static const char *const kind[] = { "expect", "allow", "forbid" };
        printf("  %s: %s\n", kind[c->rule[i].rule], c->rule[i].text);
    }
    printf("---- report: %s\n", r->out);
    gc_print_file("imfqc stderr, --threads 1", r->err, 3000);
}

static int usage(void)
{
    fprintf(stderr, "usage: golden_run --imfqc PATH --synth PATH --case FILE.case --workdir DIR\n"
                    "                  [--refdir DIR] [--set-exact-output] [--keep]\n"
                    "IMFQC_GOLDEN_SET_EXACT_OUTPUT=1 in the environment acts as --set-exact-output,\n"
                    "IMFQC_GOLDEN_KEEP=1 as --keep (keep the synthesized input after a pass).\n");
    return EXIT_HARNESS;
}

static int parse_opts(Opts *o, const int argc, char **argv)
{
    memset(o, 0, sizeof(*o));
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--set-exact-output") || !strcmp(a, "--keep")) {
            o->set_exact |= a[2] == 's';
            o->keep |= a[2] == 'k';
            continue;
        }
        if (!v)
            return -1;
        if (!strcmp(a, "--imfqc"))
            o->imfqc = v;
        else if (!strcmp(a, "--synth"))
            o->synth = v;
        else if (!strcmp(a, "--case"))
            o->case_path = v;
        else if (!strcmp(a, "--workdir"))
            o->workdir = v;
        else if (!strcmp(a, "--refdir"))
            snprintf(o->refdir, sizeof(o->refdir), "%s", v);
        else
            return -1;
        i++;
    }
    if (!o->imfqc || !o->synth || !o->case_path || !o->workdir)
        return -1;
    const char *env = getenv("IMFQC_GOLDEN_SET_EXACT_OUTPUT");
    o->set_exact |= env && *env && strcmp(env, "0");
    env = getenv("IMFQC_GOLDEN_KEEP");
    o->keep |= env && *env && strcmp(env, "0");
    if (!o->refdir[0]) { /* cases/x.case -> ref/ beside cases/ */
        const char *slash = strrchr(o->case_path, '/');
        const int dir = slash ? (int)(slash - o->case_path) : 0;
        snprintf(o->refdir, sizeof(o->refdir), "%.*s%sref", dir, o->case_path, dir ? "/../" : "../");
    }
    return 0;
}

static int run_case(const GcCase *c, const Opts *o)
{
    char input[PATH_LEN + 256];
    snprintf(input, sizeof(input), "%s/%s", o->workdir, c->input);
    if (gc_make_input(c, o->synth, o->workdir, input))
        return harness_error("could not prepare the input %s", input);
    Run runs[2] = { { .threads = 1 }, { .threads = 2 } };
    for (int i = 0; i < 2; i++) {
        run_imfqc(c, o, input, &runs[i]);
        check_exit(c, &runs[i]);
        check_contract(c, &runs[i]);
    }
    check_same(&runs[0], &runs[1]);
    json_t *rep = runs[0].report;
    Finding *f = calloc(MAX_FINDINGS, sizeof(*f));
    if (!f)
        return harness_error("out of memory");
    const int n = rep ? load_findings(rep, f, MAX_FINDINGS) : 0;
    const double rate = rep ? sample_rate(rep) : 48000.0;
    if (rep) {
        check_findings(c, f, n, rate);
        check_metrics(c, rep);
        check_json(c, rep);
    } else if (c->nmetrics || c->njson || c->none_other) {
        problem("no JSON report, so no finding or metric could be checked");
    } else {
        for (int i = 0; i < c->nrules; i++)
            if (c->rule[i].rule == GC_EXPECT)
                problem("no JSON report, so the expected %s was not found", c->rule[i].code);
    }
    reference(c, o, &runs[0], f, n);
    if (problems)
        print_observed(c, &runs[0], f, n, rate);
    else if (!o->keep && c->synth[0] && !c->make[0])
        unlink(input);
    free(f);
    json_decref(runs[0].report);
    json_decref(runs[1].report);
    return 0;
}

int main(int argc, char **argv)
{
    Opts o;
    if (parse_opts(&o, argc, argv))
        return usage();
    static GcCase c;
    char err[1024];
    if (gc_case_load(&c, o.case_path, err, sizeof(err)))
        return harness_error("%s", err);
    printf("golden %s\n", c.name);
    if (c.skip[0]) {
        printf("SKIP: %s\n", c.skip);
        return EXIT_SKIP;
    }
    if (gc_mkdirs(o.workdir))
        return harness_error("cannot create %s: %s", o.workdir, strerror(errno));
    const int r = run_case(&c, &o);
    if (r)
        return r;
    if (problems) {
        printf("FAIL %s: %d problem(s)\n", c.name, problems);
        return 1;
    }
    printf("PASS %s\n", c.name);
    return 0;
}
