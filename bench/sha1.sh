#!/bin/sh
# SPDX-License-Identifier: MIT
# SHA-1 of package assets: the engine's qc_sha1_fd beside `openssl speed -evp sha1` and sha1sum on
# a random file in the page cache, and the cost of the hash that follows an inspection's reads
# (qc_file_hash_begin/_end) for a reader taking 512 KiB pieces, free-running and paced like a
# decoder. Median of N repetitions, as JSON (bench/results/sha1.json) and a table on stderr.
#
# Usage: bench/sha1.sh [--out FILE] [--size-mib N] [--reps N] [--pace MB_PER_S] [--no-build]
#                      [--build-dir DIR]
set -eu
LC_ALL=C
export LC_ALL

usage() {
    sed -n '3,9s/^# \{0,1\}//p' "$0" >&2
    cat >&2 <<'EOF'

  --out FILE       JSON result (default bench/results/sha1.json)
  --size-mib N     size of the test file (default 1024)
  --reps N         repetitions of every run, median taken (default 3)
  --pace MB_PER_S  rate of the paced reader (default 1000)
  --no-build       reuse DIR/bench/sha1_file as it is
  --build-dir DIR  build directory (default build-bench)
EOF
    exit "${1:-2}"
}

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

out=bench/results/sha1.json
size_mib=1024
reps=3
pace=1000
build=1
bdir="build-bench"
while [ $# -gt 0 ]; do
    case $1 in
    --out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
    --size-mib) [ $# -ge 2 ] || usage; size_mib=$2; shift 2 ;;
    --reps) [ $# -ge 2 ] || usage; reps=$2; shift 2 ;;
    --pace) [ $# -ge 2 ] || usage; pace=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --build-dir) [ $# -ge 2 ] || usage; bdir=$2; shift 2 ;;
    -h | --help) usage 0 ;;
    *) echo "bench: unknown argument '$1'" >&2; usage ;;
    esac
done
for v in "$size_mib" "$reps" "$pace"; do
    case $v in '' | *[!0-9]* | 0) echo "bench: --size-mib, --reps and --pace want positive integers" >&2; exit 2 ;; esac
done

say() { printf '%s\n' "bench: $*" >&2; }
die() { say "$*"; exit 1; }
command -v openssl >/dev/null 2>&1 || die "openssl not found"
command -v sha1sum >/dev/null 2>&1 || die "sha1sum not found"

# scratch under out/ (git-ignored), removed at exit: the test file is large
. "$root/bench/lib.sh"
bench_scratch "$root/out/bench" sha1

tool=$bdir/bench/sha1_file
if [ "$build" = 1 ]; then
    # only this target: the rest of the tree may be mid-edit
    say "building sha1_file in $bdir"
    { cmake -S . -B "$bdir" -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
        cmake --build "$bdir" -j "$(nproc)" --target sha1_file; } >"$scratch/build.log" 2>&1 ||
        { tail -n 30 "$scratch/build.log" >&2; die "build failed"; }
fi
[ -x "$tool" ] || die "$tool missing: build first or drop --no-build"

file=$scratch/random.bin
# qc_sha1_fd hashes the file this many times per sample, a few seconds as openssl speed runs
times=$(( (6144 + size_mib - 1) / size_mib ))
say "writing $size_mib MiB of random bytes"
head -c "$((size_mib * 1048576))" /dev/urandom >"$file"
bytes=$(wc -c <"$file" | tr -d ' ')
cat "$file" >/dev/null # warm the page cache: the figures measure hashing, not the disk
cat "$file" >/dev/null

now_ns() { date +%s%N; }
# json field KEY of the one-line document in FILE
field() { sed -n "s/.*\"$1\": \"\{0,1\}\([^\",}]*\).*/\1/p" "$2"; }
loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)

r=1
while [ "$r" -le "$reps" ]; do
    say "repetition $r/$reps"
    "$tool" hash "$file" "$times" >"$scratch/hash.$r"
    openssl speed -evp sha1 -bytes 16384 -seconds 3 >"$scratch/openssl.$r" 2>&1
    openssl speed -elapsed -evp sha1 -bytes 16384 -seconds 3 >"$scratch/openssl_wall.$r" 2>&1
    t0=$(now_ns)
    sha1sum "$file" >"$scratch/sha1sum.$r"
    t1=$(now_ns)
    echo "$t0 $t1" >"$scratch/sha1sum_t.$r"
    "$tool" read "$file" >"$scratch/read.$r"
    "$tool" follow "$file" >"$scratch/follow.$r"
    "$tool" read "$file" "$pace" >"$scratch/read_paced.$r"
    "$tool" follow "$file" "$pace" >"$scratch/follow_paced.$r"
    r=$((r + 1))
done
loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)

# med NAME KEY: median of KEY over the repetitions of run NAME
med() { for i in $(seq 1 "$reps"); do field "$2" "$scratch/$1.$i"; done | median_in; }
ours=$(med hash mb_per_s)
ours_cpu=$(med hash mb_per_cpu_s)
hash_s=$(awk -v t="$(med hash total_s)" -v n="$times" 'BEGIN { printf "%.4f", t / n }')
# openssl prints "sha1   2136042.15k": thousands of bytes per second, of user CPU time unless
# -elapsed is given
ossl_rate() {
    for i in $(seq 1 "$reps"); do
        awk '$1 == "sha1" { v = $2; sub("k", "", v); printf "%.0f\n", v / 1000 }' "$scratch/$1.$i"
    done | median_in
}
ossl=$(ossl_rate openssl)
ossl_wall=$(ossl_rate openssl_wall)
sum=$(for i in $(seq 1 "$reps"); do
    awk -v b="$bytes" '{ printf "%.0f\n", b / (($2 - $1) / 1e3) }' "$scratch/sha1sum_t.$i"
done | median_in)
ratio=$(awk -v a="$ours_cpu" -v b="$ossl" 'BEGIN { printf "%.3f", a / b }')
ratio_wall=$(awk -v a="$ours" -v b="$ossl_wall" 'BEGIN { printf "%.3f", a / b }')
met=$(awk -v r="$ratio" -v w="$ratio_wall" 'BEGIN { print (r >= 0.9 && w >= 0.9) ? "true" : "false" }')

# every digest must agree: ours, the follower's (both paces), sha1sum's
want=$(cut -d' ' -f1 "$scratch/sha1sum.1")
agree=true
for i in $(seq 1 "$reps"); do
    for n in hash follow follow_paced; do
        [ "$(field sha1 "$scratch/$n.$i")" = "$want" ] || agree=false
    done
done
[ "$agree" = true ] || say "DIGESTS DISAGREE: see $scratch (kept)"

# run_obj NAME: the medians of one reader run
run_obj() {
    printf '{"reader_s": %s, "total_s": %s, "cpu_s": %s}' \
        "$(med "$1" reader_s)" "$(med "$1" total_s)" "$(med "$1" cpu_s)"
}
rd=$(med read reader_s)
fr=$(med follow reader_s)
ft=$(med follow total_s)
pt=$(med read_paced total_s)
fpt=$(med follow_paced total_s)
fpr=$(med follow_paced reader_s)
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (a / b - 1) * 100 }'; }

model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mkdir -p "$(dirname "$out")"
tmp_out=$out.tmp.$$
{
    printf '{\n  "schema": "imfqc-bench-sha1/1",\n'
    printf '  "date": "%s",\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf '  "machine": {"nproc": %s, "model_name": "%s", ' "$(nproc)" "$model"
    printf '"loadavg_at_start": "%s", "loadavg_at_end": "%s"},\n' "$loadavg_start" "$loadavg_end"
    printf '  "versions": {"openssl": "%s", "sha1sum": "%s"},\n' "$(openssl version)" \
        "$(sha1sum --version | head -n 1)"
    printf '  "file": {"bytes": %s, "content": "random", "page_cache": "warm"},\n' "$bytes"
    printf '  "method": "median of %s repetitions; each repetition runs every command once, in order",\n' \
        "$reps"
    printf '  "hash_mb_per_s": {\n'
    printf '    "imfqc_qc_sha1_fd_wall": %s,\n' "$ours"
    printf '    "imfqc_qc_sha1_fd_cpu": %s,\n' "$ours_cpu"
    printf '    "openssl_speed_evp_sha1_16384": %s,\n' "$ossl"
    printf '    "openssl_speed_elapsed_evp_sha1_16384": %s,\n' "$ossl_wall"
    printf '    "sha1sum_wall": %s\n  },\n' "$sum"
    printf '  "qc_sha1_fd_times_per_sample": %s,\n' "$times"
    printf '  "ratio_to_openssl": %s,\n' "$ratio"
    printf '  "ratio_to_openssl_elapsed": %s,\n' "$ratio_wall"
    printf '  "target": {"goal": "qc_sha1_fd at least 0.9 of openssl speed, by CPU time and by wall time", "met": %s},\n' "$met"
    printf '  "digests_agree": %s,\n' "$agree"
    printf '  "follower": {\n'
    printf '    "piece_bytes": 524288,\n'
    printf '    "hash_alone_s": %s,\n' "$hash_s"
    printf '    "read_alone": %s,\n' "$(run_obj read)"
    printf '    "read_with_hash": %s,\n' "$(run_obj follow)"
    printf '    "reader_slowdown_pct": %s,\n' "$(pct "$fr" "$rd")"
    printf '    "total_vs_hash_alone_pct": %s,\n' "$(pct "$ft" "$hash_s")"
    printf '    "paced_mb_per_s": %s,\n' "$pace"
    printf '    "paced_read_alone": %s,\n' "$(run_obj read_paced)"
    printf '    "paced_read_with_hash": %s,\n' "$(run_obj follow_paced)"
    printf '    "paced_overhead_pct": %s,\n' "$(pct "$fpt" "$pt")"
    printf '    "paced_wait_in_end_s": %s\n  },\n' \
        "$(awk -v a="$fpt" -v b="$fpr" 'BEGIN { printf "%.4f", a - b }')"
    printf '  "notes": [\n'
    printf '    "reader_s: until the last 512 KiB read returned; total_s: through qc_file_hash_end.",\n'
    printf '    "%s",\n' "ratio_to_openssl compares CPU-time rates (openssl speed divides by its\
 user CPU time, qc_sha1_fd by user+system); ratio_to_openssl_elapsed compares wall-clock rates."
    printf '    "%s",\n' "The free-running reader copies from the page cache far faster than SHA-1\
 runs, so its total is the hash time; the paced reader stands for an inspection that decodes as it\
 reads."
    printf '    "%s"\n' "sha1sum is timed as a process (date +%s%N around it); the others time\
 themselves."
    printf '  ]\n}\n'
} >"$tmp_out"
mv "$tmp_out" "$out"
[ "$agree" = true ] || trap - EXIT

{
    printf '\nSHA-1 of %s bytes (warm cache), median of %s; %s, nproc %s\n' "$bytes" "$reps" \
        "$model" "$(nproc)"
    printf '  by CPU time: qc_sha1_fd %s MB/s, openssl speed %s MB/s (ratio %s)\n' "$ours_cpu" \
        "$ossl" "$ratio"
    printf '  by wall time: qc_sha1_fd %s MB/s, openssl speed -elapsed %s MB/s (ratio %s), sha1sum %s MB/s\n' \
        "$ours" "$ossl_wall" "$ratio_wall" "$sum"
    printf '  target 0.9 of openssl: %s\n' "$met"
    printf '  follower, free reader: read alone %s s, read with hash %s s (+%s %%), total %s s vs hash alone %s s\n' \
        "$rd" "$fr" "$(pct "$fr" "$rd")" "$ft" "$hash_s"
    printf '  follower, reader paced at %s MB/s: alone %s s, with hash %s s (+%s %%)\n' \
        "$pace" "$pt" "$fpt" "$(pct "$fpt" "$pt")"
    printf '  digests agree: %s; JSON in %s\n' "$agree" "$out"
} >&2
