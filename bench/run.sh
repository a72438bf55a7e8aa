#!/bin/sh
# SPDX-License-Identifier: MIT
# End-to-end audio benchmark: imfqc inspect beside FFmpeg's ebur128+silencedetect+astats chain on
# a synthesized 10-minute 5.1 24-bit 48 kHz programme, plus the per-kernel checkasm figures.
# Writes one JSON document (bench/README.md describes it) and a short table on stderr.
# POSIX sh (dash); needs only what scripts/setup.sh installs, plus GNU time when available.
#
# Usage: bench/run.sh [--seconds S] [--out FILE] [--reps N] [--keep] [--no-build]
#                     [--build-dir DIR]
set -eu
LC_ALL=C
export LC_ALL

usage() {
    sed -n '3,9s/^# \{0,1\}//p' "$0" >&2
    cat >&2 <<'EOF'

  --seconds S      programme duration (default 600)
  --out FILE       JSON result (default bench/results/audio.json)
  --reps N         repetitions of every run, median taken (default 3, odd is best)
  --keep           keep the scratch directory (programme, every run's output) under out/bench/
  --no-build       reuse the binaries in the build directory as they are
  --build-dir DIR  build directory (default build-bench)
EOF
    exit "${1:-2}"
}

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seconds=600
out=bench/results/audio.json
reps=3
keep=0
build=1
bdir="build-bench"
while [ $# -gt 0 ]; do
    case $1 in
    --seconds) [ $# -ge 2 ] || usage; seconds=$2; shift 2 ;;
    --out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
    --reps) [ $# -ge 2 ] || usage; reps=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-build) build=0; shift ;;
    --build-dir) [ $# -ge 2 ] || usage; bdir=$2; shift 2 ;;
    -h | --help) usage 0 ;;
    *) echo "bench: unknown argument '$1'" >&2; usage ;;
    esac
done
case $seconds in
'' | *[!0-9.]* | *.*.* | .) echo "bench: --seconds wants a number" >&2; exit 2 ;;
esac
case $reps in '' | *[!0-9]* | 0) echo "bench: --reps wants a positive integer" >&2; exit 2 ;; esac

rate=48000
channels=6
bits=24

say() { printf '%s\n' "bench: $*" >&2; }
die() { say "$*"; exit 1; }

command -v ffmpeg >/dev/null 2>&1 || die "ffmpeg not found (scripts/setup.sh installs it)"
command -v awk >/dev/null 2>&1 || die "awk not found"

# ---------------------------------------------------------------------------------------------
# scratch directory, cleanup, and the one child we may have running
. "$root/bench/lib.sh"
bench_scratch "$root/out/bench" run


# ---------------------------------------------------------------------------------------------
# build
imfqc=$bdir/imfqc
synth=$bdir/samples/imfqc-synth
checkasm=$bdir/tests/checkasm/checkasm
bench_build
for b in "$imfqc" "$synth"; do
    [ -x "$b" ] || die "$b missing: build first or drop --no-build"
done


json_str() {
    sed -n "s/.*\"$1\": *\"\([^\"]*\)\".*/\1/p" "$2" | head -n 1
}
# largest value of the array "KEY": [ ... ] in a pretty-printed report
json_array_max() {
    awk -v k="\"$1\":" '
        !on && index($0, k) { on = 1; sub(/.*\[/, "") }
        on { last = index($0, "]"); gsub(/[][,]/, " ")
             for (i = 1; i <= NF; i++) if (!n++ || $i + 0 > m) m = $i + 0
             if (last) exit }
        END { if (n) printf "%.10g\n", m }' "$2"
}
# JSON string escape (backslash, quote, control characters dropped)
jstr() { printf '%s' "$1" | tr -d '\000-\037' | sed 's/\\/\\\\/g; s/"/\\"/g'; }
num_or_null() { [ -n "$1" ] && echo "$1" || echo null; }

# ---------------------------------------------------------------------------------------------
# programme
wav=$scratch/programme.wav
say "synthesizing ${seconds} s, $channels ch, $bits-bit, $rate Hz programme"
"$synth" programme -o "$wav" --seconds "$seconds" --channels "$channels" --bits "$bits" \
    --rate "$rate" || die "imfqc-synth failed"
bytes=$(wc -c <"$wav" | tr -d ' ')
cat "$wav" >/dev/null # warm the page cache: every run reads from memory

# ---------------------------------------------------------------------------------------------
# the runs: every repetition runs each command once, in the same order, so slow phases of a noisy
# machine spread over all of them; the figures are medians
analyzers=$("$imfqc" analyzers | awk '/^[a-z0-9_]+ \(audio\)/ { print $1 }')
[ -n "$analyzers" ] ||
    analyzers="levels silence dropout digital_hit clipping dc_offset phase loudness true_peak"
insp="inspect --format json --progress none"
ff_chain="ebur128=peak=true,silencedetect,astats"
ff_opts="-nostdin -nostats -hide_banner"
loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)

run_imfqc() { # NAME REP ARGS...
    rn=$1 rr=$2
    shift 2
    rc=0
    # shellcheck disable=SC2086
    timed "$rn" "$rr" "$imfqc" $insp "$@" "$wav" || rc=$?
    [ "$rc" -le 1 ] || { cat "$scratch/$rn.$rr.err" >&2; die "imfqc $* failed (exit $rc)"; }
}
run_ffmpeg() { # NAME REP ARGS...
    rn=$1 rr=$2
    shift 2
    # shellcheck disable=SC2086
    timed "$rn" "$rr" ffmpeg $ff_opts -i "$wav" "$@" -f null - ||
        { tail -n 20 "$scratch/$rn.$rr.err" >&2; die "ffmpeg $* failed"; }
}

r=1
while [ "$r" -le "$reps" ]; do
    say "repetition $r/$reps"
    run_imfqc imfqc_t1 "$r" --threads 1
    run_imfqc imfqc_t2 "$r" --threads 2
    run_ffmpeg ffmpeg_chain "$r" -af "$ff_chain"
    run_ffmpeg ffmpeg_decode "$r"
    for a in $analyzers; do
        run_imfqc "only_$a" "$r" --threads 1 --only "$a"
    done
    r=$((r + 1))
done

# ---------------------------------------------------------------------------------------------
# checkasm per-kernel figures (a failure is reported, it does not void the end-to-end figures)
ca_rc=null
kernels=""
if [ -x "$checkasm" ]; then
    say "checkasm --bench"
    ca_rc=0
    "$checkasm" --bench >"$scratch/checkasm.out" 2>&1 || ca_rc=$?
    kernels=$(grep '^{"kernel"' "$scratch/checkasm.out" | sed 's/^/    /; $!s/$/,/')
    ca_seed=$(sed -n 's/.*random seed \([0-9]*\).*/\1/p' "$scratch/checkasm.out" | head -n 1)
    [ "$ca_rc" = 0 ] || say "checkasm failed (exit $ca_rc); its kernel lines are kept"
else
    say "$checkasm missing: configure with -DQC_BUILD_TESTS=ON for the kernel figures"
fi

# ---------------------------------------------------------------------------------------------
# figures
med_wall() { median "$scratch/$1.samples" 1; }
ff_wall=$(med_wall ffmpeg_chain)

# run_obj NAME INDENT COMMAND [ratio]: one run's JSON object
run_obj() {
    f=$scratch/$1.samples
    w=$(median "$f" 1)
    c=$(median "$f" 2)
    m=$(median "$f" 3)
    [ "$timer" = gnu-time ] || [ "$m" != 0 ] || m=null
    xr=$(awk -v s="$seconds" -v w="$w" 'BEGIN { printf "%.1f", s / w }')
    printf '{\n%s  "command": "%s",\n' "$2" "$(jstr "$3")"
    printf '%s  "wall_s": %s,\n' "$2" "$w"
    printf '%s  "cpu_s": %s,\n' "$2" "$c"
    printf '%s  "peak_rss_kib": %s,\n' "$2" "$m"
    printf '%s  "x_realtime": %s,\n' "$2" "$xr"
    printf '%s  "machine_busy_cpus": %s,\n' "$2" \
        "$(awk '{ printf "%.2f\n", $5 / $1 }' "$f" | median_in)"
    if [ "${4:-}" = ratio ]; then
        printf '%s  "ratio_vs_ffmpeg": %s,\n' "$2" \
            "$(awk -v a="$ff_wall" -v b="$w" 'BEGIN { printf "%.2f", a / b }')"
    fi
    case $1 in imfqc_* | only_*)
        se=$(for i in $(seq 1 "$reps"); do json_num elapsed_s "$scratch/$1.$i.out"; done |
            median_in)
        printf '%s  "self_elapsed_s": %s,\n' "$2" "$se"
        ;;
    esac
    printf '%s  "wall_s_samples": [%s],\n' "$2" "$(samples_list "$f" 1)"
    printf '%s  "cpu_s_samples": [%s]\n%s}' "$2" "$(samples_list "$f" 2)" "$2"
}

# cross-check: imfqc (threads 1, first repetition) against FFmpeg ebur128's summary and astats
rep1=$scratch/imfqc_t1.1.out
ffe=$scratch/ffmpeg_chain.1.err
q_i=$(json_num integrated_lufs "$rep1")
q_tp=$(json_num true_peak_max_dbtp "$rep1")
q_sp=$(json_array_max peak_dbfs "$rep1")
# shellcheck disable=SC2046
set -- $(awk '/Summary:/ { s = 1 }
    s && $1 == "I:" { i = $2 }
    s && $1 == "Peak:" { p = $2 }
    /Overall/ { o = 1 }
    o && /Peak level dB:/ { sp = $NF; o = 0 }
    function v(x) { return x == "" ? "null" : x }
    END { print v(i), v(p), v(sp) }' "$ffe")
f_i=$1 f_tp=$2 f_sp=$3
diff_of() {
    if [ -n "$1" ] && [ "$2" != null ]; then
        awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0.0005 && d > -0.0005) d = 0; printf "%.3f", d }'
    else
        echo null
    fi
}
d_i=$(diff_of "$q_i" "$f_i")
d_tp=$(diff_of "$q_tp" "$f_tp")
d_sp=$(diff_of "$q_sp" "$f_sp")
# --threads must not change the report (house style 6.5): compare all but timing and the echo
strip() { grep -v -e '"elapsed_s"' -e '"threads"' "$1"; }
same=false
strip "$scratch/imfqc_t1.1.out" >"$scratch/t1.cmp"
strip "$scratch/imfqc_t2.1.out" >"$scratch/t2.cmp"
cmp -s "$scratch/t1.cmp" "$scratch/t2.cmp" && same=true

t1_wall=$(med_wall imfqc_t1)
ratio1=$(awk -v a="$ff_wall" -v b="$t1_wall" 'BEGIN { printf "%.2f", a / b }')
target_met=$(awk -v r="$ratio1" 'BEGIN { print (r >= 3) ? "true" : "false" }')

model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
[ -n "$model" ] || model=$(uname -m)
v_imfqc=$("$imfqc" --version 2>&1 | head -n 1)
v_ff=$(ffmpeg -version 2>&1 | head -n 1 | sed 's/ Copyright.*//')
git_commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
git_dirty=false
[ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || git_dirty=true
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$bdir/CMakeCache.txt" 2>/dev/null)
cc_path=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$bdir/CMakeCache.txt" 2>/dev/null)
cc_ver=$("${cc_path:-cc}" --version 2>/dev/null | head -n 1)
q_cpu=$(json_str cpu "$rep1")
date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)
loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------
# the JSON document
mkdir -p "$(dirname "$out")"
tmp_out=$out.tmp.$$
{
    printf '{\n  "schema": "imfqc-bench-audio/1",\n  "date": "%s",\n' "$date_utc"
    printf '  "machine": {\n    "nproc": %s,\n' "$(nproc)"
    printf '    "model_name": "%s",\n' "$(jstr "$model")"
    printf '    "loadavg_at_start": "%s",\n' "$loadavg_start"
    printf '    "loadavg_at_end": "%s",\n' "$loadavg_end"
    printf '    "timer": "%s",\n' "$timer"
    printf '    "peak_rss_method": "%s"\n  },\n' "$(jstr "$rss_method")"
    printf '  "versions": {\n    "imfqc": "%s",\n' "$(jstr "$v_imfqc")"
    printf '    "ffmpeg": "%s",\n' "$(jstr "$v_ff")"
    printf '    "git_commit": "%s",\n    "git_dirty": %s,\n' "$git_commit" "$git_dirty"
    printf '    "build_type": "%s",\n' "$(jstr "$build_type")"
    printf '    "cc": "%s",\n' "$(jstr "$cc_ver")"
    printf '    "imfqc_cpu": "%s"\n  },\n' "$(jstr "$q_cpu")"
    printf '  "programme": {\n    "seconds": %s,\n    "channels": %s,\n    "rate": %s,\n' \
        "$seconds" "$channels" "$rate"
    printf '    "bits": %s,\n    "bytes": %s,\n' "$bits" "$bytes"
    printf '    "generator": "imfqc-synth programme --seconds %s --channels %s --bits %s --rate %s"\n' \
        "$seconds" "$channels" "$bits" "$rate"
    printf '  },\n  "method": {\n    "repetitions": %s,\n' "$reps"
    printf '    "statistic": "median of each figure on its own",\n'
    printf '    "order": "each repetition runs every command once, in the listed order",\n'
    printf '    "page_cache": "warm (file read once before the first run)",\n'
    printf '    "wall_clock": "date +%%s%%N around the process"\n  },\n'
    printf '  "runs": {\n'
    printf '    "imfqc_t1": '
    run_obj imfqc_t1 "    " "imfqc $insp --threads 1 FILE" ratio
    printf ',\n    "imfqc_t2": '
    run_obj imfqc_t2 "    " "imfqc $insp --threads 2 FILE" ratio
    printf ',\n    "ffmpeg_chain": '
    run_obj ffmpeg_chain "    " "ffmpeg $ff_opts -i FILE -af $ff_chain -f null -"
    printf ',\n    "ffmpeg_decode": '
    run_obj ffmpeg_decode "    " "ffmpeg $ff_opts -i FILE -f null -"
    for a in loudness true_peak; do
        printf ',\n    "imfqc_only_%s": ' "$a"
        run_obj "only_$a" "    " "imfqc $insp --threads 1 --only $a FILE"
    done
    printf '\n  },\n'
    printf '  "notes": [\n'
    printf '    "%s",\n' "FFmpeg threading is left at its default; its PCM decoder and this audio\
 filter chain run on one thread." \
        "ratio_vs_ffmpeg = ffmpeg_chain wall / this run's wall; x_realtime = programme seconds\
 / wall."
    printf '    "%s",\n' \
        "self_elapsed_s is imfqc's own run.elapsed_s; wall_s adds process start-up and exit."
    printf '    "%s"\n  ],\n' "machine_busy_cpus: CPUs busy on the whole machine during the run,\
 on average (/proc/stat); well above cpu_s / wall_s means other work competed."
    printf '  "analyzers": {'
    sep=""
    for a in $analyzers; do
        printf '%s\n    "%s": ' "$sep" "$a"
        run_obj "only_$a" "    " "imfqc $insp --threads 1 --only $a FILE"
        sep=","
    done
    printf '\n  },\n'
    printf '  "cross_check": {\n'
    printf '    "source": "%s",\n' "imfqc --threads 1 and the ffmpeg chain, first repetition;\
 FFmpeg prints 0.1 resolution"
    printf '    "integrated_lufs": {"imfqc": %s, "ffmpeg": %s, "diff": %s},\n' \
        "$(num_or_null "$q_i")" "$f_i" "$d_i"
    printf '    "true_peak_dbtp": {"imfqc": %s, "ffmpeg": %s, "diff": %s},\n' \
        "$(num_or_null "$q_tp")" "$f_tp" "$d_tp"
    printf '    "sample_peak_dbfs": {"imfqc": %s, "ffmpeg_astats": %s, "diff": %s},\n' \
        "$(num_or_null "$q_sp")" "$f_sp" "$d_sp"
    printf '    "report_same_for_threads_1_and_2": %s\n  },\n' "$same"
    printf '  "target": {\n    "goal": "imfqc --threads 1 at least 3x the speed of the ffmpeg chain",\n'
    printf '    "ratio": %s,\n    "met": %s\n  },\n' "$ratio1" "$target_met"
    printf '  "checkasm": {\n    "exit_status": %s,\n    "seed": %s\n  },\n' \
        "$ca_rc" "$(num_or_null "${ca_seed:-}")"
    printf '  "kernels": [\n%s\n  ]\n}\n' "$kernels"
} >"$tmp_out"
mv "$tmp_out" "$out"

# ---------------------------------------------------------------------------------------------
# the human table
{
    printf '\nimfqc bench: %s s, %s ch, %s-bit, %s Hz (%s bytes); median of %s; %s, nproc %s\n' \
        "$seconds" "$channels" "$bits" "$rate" "$bytes" "$reps" "$model" "$(nproc)"
    printf '%-38s %8s %8s %8s %10s %9s %8s\n' run "wall s" "cpu s" "rss MiB" "x realtime" \
        "ffmpeg/it" "box cpus"
    row() { # NAME LABEL
        f=$scratch/$1.samples
        w=$(median "$f" 1) c=$(median "$f" 2) m=$(median "$f" 3)
        b=$(awk '{ print $5 / $1 }' "$f" | median_in)
        awk -v l="$2" -v w="$w" -v c="$c" -v m="$m" -v s="$seconds" -v ff="$ff_wall" -v b="$b" \
            'BEGIN { printf "%-38s %8.3f %8.3f %8.1f %10.1f %8.2fx %8.2f\n",
                     l, w, c, m / 1024, s / w, ff / w, b }'
    }
    row imfqc_t1 "imfqc --threads 1 (all)"
    row imfqc_t2 "imfqc --threads 2 (all)"
    row ffmpeg_chain "ffmpeg ebur128+silence+astats"
    row ffmpeg_decode "ffmpeg decode only"
    for a in $analyzers; do row "only_$a" "imfqc --threads 1 --only $a"; done
    printf 'integrated: imfqc %s LUFS, ffmpeg %s (diff %s); ' "$q_i" "$f_i" "$d_i"
    printf 'true peak: imfqc %s dBTP, ffmpeg %s (diff %s)\n' "$q_tp" "$f_tp" "$d_tp"
    printf 'sample peak: imfqc %s dBFS, astats %s (diff %s); same report at 1 and 2 threads: %s\n' \
        "$q_sp" "$f_sp" "$d_sp" "$same"
    printf 'target imfqc 1 thread >= 3x ffmpeg chain: %sx, %s\n' "$ratio1" \
        "$([ "$target_met" = true ] && echo met || echo NOT met)"
    [ "$timer" = gnu-time ] || printf 'note: GNU time absent; install the Debian package "time"\n'
    # other processes' share of the machine: busy CPU-seconds not spent by the timed process
    cat "$scratch"/*.samples | awk '($5 - $2) / $1 >= 0.5 { k++ } END { if (k)
        printf "note: in %d of %d runs other processes kept 0.5 CPU or more busy (box cpus);" \
               " 2-thread figures suffer first\n", k, NR }'
    printf 'checkasm: exit %s, %s kernel lines; JSON in %s\n' "$ca_rc" \
        "$(printf '%s\n' "$kernels" | grep -c kernel)" "$out"
} >&2
