# SPDX-License-Identifier: MIT
# Timing helpers shared by the bench scripts (POSIX sh, sourced: children_cpu needs the
# calling shell, and timed writes into the caller's $scratch).
# timing: GNU time when present, else the shell's times plus sampled /proc VmHWM
gnu_time=""
# BENCH_GNU_TIME=none forces the fallback (to test it); a path picks another GNU time
for t in "${BENCH_GNU_TIME:-/usr/bin/time}" "$(command -v gtime 2>/dev/null || true)"; do
    [ "$t" = none ] && break
    if [ -n "$t" ] && [ -x "$t" ] && "$t" -f %M -o /dev/null true 2>/dev/null; then
        gnu_time=$t
        break
    fi
done
if [ -n "$gnu_time" ]; then
    timer="gnu-time"
    rss_method="GNU time %M (max resident set, KiB)"
else
    timer="shell-times"
    rss_method="sampled /proc/PID/status VmHWM every 10-100 ms (a lower bound);\
 cpu_s includes the sampler's sleep processes"
    say "GNU time (/usr/bin/time, Debian package 'time') is absent: CPU from the shell's"
    say "'times', peak RSS sampled from /proc. Add 'time' to scripts/setup.sh for exact figures."
fi

# bench_scratch DIR PREFIX: a fresh $scratch folder DIR/PREFIX.XXXXXX, removed at exit unless
# keep=1, and the traps that stop the one timed child ($child) on the way out
bench_scratch() {
    mkdir -p "$1"
    scratch=$(mktemp -d "$1/$2.XXXXXX")
    child=""
    trap bench_cleanup EXIT
    trap 'kill_child; say interrupted; exit 130' INT
    trap 'kill_child; say terminated; exit 143' TERM
}
kill_child() {
    [ -n "$child" ] || return 0
    # GNU time does not forward SIGTERM: find the timed command by its parent pid first.
    for f in /proc/[0-9]*/stat; do
        line=$(cat "$f" 2>/dev/null) || continue
        rest=${line##*) }
        # shellcheck disable=SC2086
        set -- $rest
        [ "${2:-}" = "$child" ] && kill "${f#/proc/}" 2>/dev/null
    done
    kill "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
    child=""
}
bench_cleanup() {
    kill_child
    if [ "${keep:-0}" = 1 ]; then
        say "scratch kept in $scratch"
    else
        rm -rf "$scratch"
    fi
}

# bench_build: the whole tree with tests into $bdir, unless --no-build; the log on failure
bench_build() {
    [ "$build" = 1 ] || return 0
    say "building in $bdir (scripts/build.sh $bdir -DQC_BUILD_TESTS=ON)"
    if ! ./scripts/build.sh "$bdir" -DQC_BUILD_TESTS=ON >"$scratch/build.log" 2>&1; then
        tail -n 30 "$scratch/build.log" >&2
        die "build failed (log above; others may be mid-edit: retry in a minute, or --no-build)"
    fi
}

# json_num KEY FILE: the first number after "KEY": in a JSON text (pretty-printed or one line)
json_num() {
    sed -n "s/.*\"$1\": *\(-\{0,1\}[0-9][0-9.eE+-]*\).*/\1/p" "$2" | head -n 1
}

now_ns() { date +%s%N; }
# busy jiffies of the whole machine (all CPUs): shows whether other work shared the run
busy_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
clk_tck=$(getconf CLK_TCK 2>/dev/null || echo 100)
case $(now_ns) in *[!0-9]*) die "date +%s%N unsupported (needs GNU coreutils)" ;; esac

# children's user+sys seconds so far, from the shell's 'times' (second line). 'times' must run in
# this shell, not in a command substitution: a subshell starts with zero children's time.
children_cpu() {
    times >"$scratch/times.txt"
    awk 'NR == 2 {
        s = 0
        for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); s += a[1] * 60 + a[2] }
        printf "%.3f", s }' "$scratch/times.txt"
}

# sample_rss PID FILE: writes the largest VmHWM seen (KiB) to FILE until PID is gone; polls every
# 10 ms for the first 0.2 s (short runs), then every 0.1 s
sample_rss() {
    max=0 i=0
    while [ -r "/proc/$1/status" ]; do
        st="" hwm=""
        { while read -r k v _; do
            case $k in State:) st=$v ;; VmHWM:) hwm=$v ;; esac
        done <"/proc/$1/status"; } 2>/dev/null || true
        if [ -n "$hwm" ] && [ "$hwm" -gt "$max" ]; then
            max=$hwm
            echo "$max" >"$2"
        fi
        [ "$st" = Z ] && break
        i=$((i + 1))
        if [ "$i" -le 20 ]; then sleep 0.01; else sleep 0.1; fi
    done
}

# timed NAME REP CMD...: runs CMD with stdout/stderr into $scratch/NAME.REP.{out,err} and appends
# "wall cpu rss rc busy" to $scratch/NAME.samples, where busy is the machine's busy CPU-seconds
# over the run.
timed() {
    name=$1 rep=$2
    shift 2
    o=$scratch/$name.$rep
    rc=0
    j0=$(busy_jiffies)
    if [ -n "$gnu_time" ]; then
        t0=$(now_ns)
        "$gnu_time" -f '%U %S %M' -o "$o.time" "$@" >"$o.out" 2>"$o.err" &
        child=$!
        wait "$child" || rc=$?
        t1=$(now_ns)
        child=""
        # the last line: GNU time puts "Command exited with non-zero status" before it
        # shellcheck disable=SC2046
        set -- $(tail -n 1 "$o.time")
        cpu=$(awk -v u="$1" -v s="$2" 'BEGIN { printf "%.3f", u + s }')
        rss=$3
    else
        children_cpu >"$scratch/cpu0.txt"
        echo 0 >"$o.rss"
        t0=$(now_ns)
        "$@" >"$o.out" 2>"$o.err" &
        child=$!
        sample_rss "$child" "$o.rss" &
        sampler=$!
        wait "$child" || rc=$?
        t1=$(now_ns)
        child=""
        wait "$sampler" || true
        children_cpu >"$scratch/cpu1.txt"
        rss=$(cat "$o.rss")
        cpu=$(awk -v a="$(cat "$scratch/cpu0.txt")" -v b="$(cat "$scratch/cpu1.txt")" \
            'BEGIN { printf "%.3f", b - a }')
    fi
    j1=$(busy_jiffies)
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
    busy=$(awk -v a="$j0" -v b="$j1" -v t="$clk_tck" 'BEGIN { printf "%.2f", (b - a) / t }')
    echo "$wall $cpu $rss $rc $busy" >>"$scratch/$name.samples"
    return "$rc"
}

# median of the numbers on stdin, one a line ("null" when there are none)
median_in() {
    sort -g | awk '{ v[NR] = $1 }
        END { if (NR == 0) { print "null"; exit }
              m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
              print m + 0 }'
}
# median of column COL of a samples file (each column on its own)
median() { awk -v c="$2" '{ print $c }' "$1" | median_in; }
samples_list() {
    awk -v c="$2" '{ printf "%s%s", (NR > 1 ? ", " : ""), $c + 0 }' "$1"
}
