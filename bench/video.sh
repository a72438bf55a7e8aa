#!/bin/sh
# SPDX-License-Identifier: MIT
# Video benchmark: imfqc inspect (full and fast decode) on JPEG 2000 IMF track files beside the
# decode floor (the engine's MXF reader + plain OpenJPEG, one frame per thread) and FFmpeg's
# native and libopenjpeg decoders with scdet, at 1 and 2 threads, on four synthetic files (1080p
# and 2160p, lossy and lossless). Writes one JSON document (bench/README.md describes it) and a
# table on stderr. POSIX sh (dash); needs what scripts/setup.sh installs, plus GNU time if present.
#
# Usage: bench/video.sh [--out FILE] [--frames N] [--reps N] [--keep] [--no-build] [--remake]
#                       [--build-dir DIR]
set -eu
LC_ALL=C
export LC_ALL

usage() {
    sed -n '3,10s/^# \{0,1\}//p' "$0" >&2
    cat >&2 <<'EOF'

  --out FILE       JSON result (default bench/results/video.json)
  --frames N       frames of the 1080p lossy file (default 48); 2160p lossy gets N/2,
                   1080p lossless N/4, 2160p lossless N/6 (at least 4 each), and the
                   duration check uses a second 1080p lossy file of 2N frames
  --reps N         repetitions of a run that takes under --long seconds (default 3)
  --long S         a run whose first sample takes S seconds or more is not repeated (30)
  --keep           keep the scratch directory (every run's output) under out/bench/video/
  --no-build       reuse the binaries in the build directory as they are
  --remake         write the track files again even if they are there
  --build-dir DIR  build directory (default build-bench)
EOF
    exit "${1:-2}"
}

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

out=bench/results/video.json
frames=48
reps=3
long=30
keep=0
build=1
remake=0
bdir="build-bench"
while [ $# -gt 0 ]; do
    case $1 in
    --out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
    --frames) [ $# -ge 2 ] || usage; frames=$2; shift 2 ;;
    --reps) [ $# -ge 2 ] || usage; reps=$2; shift 2 ;;
    --long) [ $# -ge 2 ] || usage; long=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-build) build=0; shift ;;
    --remake) remake=1; shift ;;
    --build-dir) [ $# -ge 2 ] || usage; bdir=$2; shift 2 ;;
    -h | --help) usage 0 ;;
    *) echo "bench: unknown argument '$1'" >&2; usage ;;
    esac
done
case $frames in '' | *[!0-9]* | 0 | 1) echo "bench: --frames wants an integer >= 2" >&2; exit 2 ;; esac
case $reps in '' | *[!0-9]* | 0) echo "bench: --reps wants a positive integer" >&2; exit 2 ;; esac
case $long in '' | *[!0-9]* | 0) echo "bench: --long wants a positive integer" >&2; exit 2 ;; esac

say() { printf '%s\n' "bench: $*" >&2; }
die() { say "$*"; exit 1; }

command -v ffmpeg >/dev/null 2>&1 || die "ffmpeg not found (scripts/setup.sh installs it)"
command -v awk >/dev/null 2>&1 || die "awk not found"

# ---------------------------------------------------------------------------------------------
# scratch directory (per-run outputs), cleanup, and the one child we may have running
work=out/bench/video
. "$root/bench/lib.sh"
bench_scratch "$root/$work" run


# ---------------------------------------------------------------------------------------------
# build
imfqc=$bdir/imfqc
maker=$bdir/bench/video_make
loop=$bdir/bench/j2k_decode_loop
bench_build
for b in "$imfqc" "$maker" "$loop"; do
    [ -x "$b" ] || die "$b missing: build first or drop --no-build"
done
have_libopenjpeg=0
ffmpeg -hide_banner -decoders 2>/dev/null | grep -q ' libopenjpeg ' && have_libopenjpeg=1
[ "$have_libopenjpeg" = 1 ] || say "this ffmpeg has no libopenjpeg decoder: those rows are skipped"

json_str() { sed -n "s/.*\"$1\": *\"\([^\"]*\)\".*/\1/p" "$2" | head -n 1; }
# the numbers of the array "KEY": [ ... ], comma-separated
json_array() {
    awk -v k="\"$1\":" '
        !on && index($0, k) { on = 1; sub(/.*\[/, "") }
        on { last = index($0, "]"); sub(/\].*/, ""); gsub(/[,]/, " ")
             for (i = 1; i <= NF; i++) printf "%s%s", (n++ ? ", " : ""), $i
             if (last) exit }' "$2"
}
jstr() { printf '%s' "$1" | tr -d '\000-\037' | sed 's/\\/\\\\/g; s/"/\\"/g'; }
num_or_null() { [ -n "$1" ] && echo "$1" || echo null; }

# ---------------------------------------------------------------------------------------------
# the track files: made once and kept in out/bench/video/ (git-ignored); a file is made again
# when its record is missing, the generator is newer, or --remake
atleast4() { [ "$1" -ge 4 ] && echo "$1" || echo 4; }
n_a=$frames
n_c=$(atleast4 $((frames / 2)))
n_b=$(atleast4 $((frames / 4)))
n_d=$(atleast4 $((frames / 6)))
n_a2=$((2 * frames))
# a hard cut every third of the file (the 2N file keeps the N file's cut, so its first N frames
# are the N file's): three scenes, one dark, one bright, one dark again
third() { echo $((($1 + 2) / 3)); }
cut_a=$(third "$n_a")
files="1080p_lossy 1080p_lossless 2160p_lossy 2160p_lossless"
spec() { # KEY -> "frames size cut [--lossless]"
    case $1 in
    1080p_lossy) echo "$n_a 1920x1080 $cut_a" ;;
    1080p_lossy_2n) echo "$n_a2 1920x1080 $cut_a" ;;
    1080p_lossless) echo "$n_b 1920x1080 $(third "$n_b") --lossless" ;;
    2160p_lossy) echo "$n_c 3840x2160 $(third "$n_c")" ;;
    2160p_lossless) echo "$n_d 3840x2160 $(third "$n_d") --lossless" ;;
    esac
}

make_file() { # KEY
    # shellcheck disable=SC2046
    set -- $(spec "$1")
    p=$work/${2}_${1}f${4:+_lossless}_cut$3.mxf
    if [ "$remake" = 1 ] || [ ! -s "$p" ] || [ ! -s "$p.json" ] ||
        [ -n "$(find "$maker" -newer "$p.json" 2>/dev/null)" ]; then
        say "writing $p"
        rm -f "$p.json"
        # shellcheck disable=SC2086
        "$maker" "$p" "$1" --size "$2" --cut "$3" ${4:-} >"$p.json.tmp" ||
            die "video_make failed for $p"
        mv "$p.json.tmp" "$p.json"
    fi
    echo "$p"
}
for k in $files 1080p_lossy_2n; do
    p=$(make_file "$k")
    eval "path_$k=\$p"
done
pathof() { eval "echo \$path_$1"; }
framesof() { json_num frames "$(pathof "$1").json"; }
# warm the page cache: every run reads from memory
for k in $files 1080p_lossy_2n; do cat "$(pathof "$k")" >/dev/null; done

# ---------------------------------------------------------------------------------------------
# the runs
insp="inspect --format json --progress none"
ff_opts="-nostdin -nostats -hide_banner"
tools="full fast floor floor_fast ffmpeg_native ffmpeg_libopenjpeg ffprobe"
[ "$have_libopenjpeg" = 1 ] || tools="full fast floor floor_fast ffmpeg_native ffprobe"
loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)
t_start=$(now_ns)

command_of() { # TOOL THREADS FILE (the words of the command)
    case $1 in
    full) echo "$imfqc $insp --threads $2 $3" ;;
    fast) echo "$imfqc $insp --threads $2 --decode fast $3" ;;
    floor) echo "$loop $3 $2" ;;
    floor_fast) echo "$loop $3 $2 auto" ;;
    ffmpeg_native) echo "ffmpeg $ff_opts -threads $2 -i $3 -vf scdet -f null -" ;;
    ffmpeg_libopenjpeg) echo "ffmpeg $ff_opts -c:v libopenjpeg -threads $2 -i $3 -vf scdet -f null -" ;;
    ffprobe) echo "ffprobe -v error -show_entries stream=codec_name $3" ;;
    esac
}

run_one() { # KEY TOOL THREADS REP
    name=$1.$2.t$3
    f=$(pathof "$1")
    rc=0
    # shellcheck disable=SC2046
    timed "$name" "$4" $(command_of "$2" "$3" "$f") || rc=$?
    case $2 in
    full | fast) [ "$rc" -le 1 ] || { tail -n 20 "$scratch/$name.$4.err" >&2; die "imfqc failed (exit $rc) on $f"; } ;;
    *) [ "$rc" = 0 ] || { tail -n 20 "$scratch/$name.$4.err" >&2; die "$2 failed (exit $rc) on $f"; } ;;
    esac
}

r=1
while [ "$r" -le "$reps" ]; do
    say "repetition $r/$reps"
    for k in $files; do
        for t in 1 2; do
            for tool in $tools; do
                [ "$tool" != ffprobe ] || [ "$t" = 1 ] || continue
                s=$scratch/$k.$tool.t$t.samples
                # a run of --long seconds or more is measured once
                if [ "$r" -gt 1 ] && [ "$(awk 'NR == 1 { print ($1 >= L) }' L="$long" "$s")" = 1 ]; then
                    continue
                fi
                run_one "$k" "$tool" "$t" "$r"
            done
        done
    done
    r=$((r + 1))
done
say "duration check: full mode on $n_a2 frames (once per thread count)"
for t in 1 2; do run_one 1080p_lossy_2n full "$t" 1; done
t_end=$(now_ns)

# ---------------------------------------------------------------------------------------------
# figures: one line per row into rows.txt, "key tool threads frames wall cpu rss busy n self"
: >"$scratch/rows.txt"
for k in $files 1080p_lossy_2n; do
    n=$(framesof "$k")
    for t in 1 2; do
        for tool in $tools; do
            s=$scratch/$k.$tool.t$t.samples
            [ -s "$s" ] || continue
            self=null
            case $tool in
            full | fast) self=$(for o in "$scratch/$k.$tool.t$t".*.out; do json_num elapsed_s "$o"; done | median_in) ;;
            floor | floor_fast) self=$(for o in "$scratch/$k.$tool.t$t".*.out; do json_num seconds "$o"; done | median_in) ;;
            esac
            echo "$k $tool $t $n $(median "$s" 1) $(median "$s" 2) $(median "$s" 3)" \
                "$(awk '{ printf "%.2f\n", $5 / $1 }' "$s" | median_in) $(wc -l <"$s" | tr -d ' ') $self" \
                >>"$scratch/rows.txt"
        done
    done
done

row_json() { # KEY TOOL THREADS -> one JSON object, or nothing
    s=$scratch/$1.$2.t$3.samples
    [ -s "$s" ] || return 0
    f=$(pathof "$1")
    awk -v k="$1" -v tool="$2" -v t="$3" '$1 == k && $2 == tool && $3 == t {
        printf "{\"file\": \"%s\", \"tool\": \"%s\", \"threads\": %d, \"frames\": %d, ", k, tool, t, $4
        printf "\"wall_s\": %s, \"fps\": %s, \"cpu_s\": %s, \"cpu_s_per_frame\": %s, ", $5,
               tool == "ffprobe" ? "null" : sprintf("%.3f", $4 / $5), $6,
               tool == "ffprobe" ? "null" : sprintf("%.4f", $6 / $4)
        printf "\"peak_rss_kib\": %s, \"machine_busy_cpus\": %s, \"samples\": %d, ", $7, $8, $9
        if ($10 != "null") printf "\"self_s\": %s, \"self_fps\": %.3f, ", $10, $4 / $10
        else printf "\"self_s\": null, \"self_fps\": null, "
    }' "$scratch/rows.txt"
    printf '"command": "%s", ' "$(jstr "$(command_of "$2" "$3" "$f")")"
    printf '"wall_s_samples": [%s], "cpu_s_samples": [%s], "rss_kib_samples": [%s]}' \
        "$(samples_list "$s" 1)" "$(samples_list "$s" 2)" "$(samples_list "$s" 3)"
}

# targets: awk over rows.txt; each check is one JSON object per line into targets.txt
awk -v files="$files" '
    { fps[$1 "," $2 "," $3] = $4 / $5; rss[$1 "," $2 "," $3] = $7; n[$1] = $4
      sfps[$1 "," $2 "," $3] = ($10 == "null") ? "" : $4 / $10 }
    function emit(group, k, t, a, b, goal, extra,   r) {
        if (a == "" || b == "" || b == 0) return
        r = a / b
        # "ahead of" FFmpeg+libopenjpeg is a strict comparison; the other goals are minimums
        printf "%s {\"file\": \"%s\", \"threads\": %s, \"ratio\": %.3f, \"goal\": %s, \"met\": %s%s}\n",
               group, k, t, r, goal, (r > goal || (r == goal && group != "full_vs_ffmpeg_libopenjpeg")) ? "true" : "false", extra
    }
    END {
        nf = split(files, F, " ")
        for (i = 1; i <= nf; i++) {
            k = F[i]
            for (t = 1; t <= 2; t++) {
                full = fps[k ",full," t]
                x = ""
                if (sfps[k ",full," t] != "" && sfps[k ",floor," t] != "")
                    x = sprintf(", \"ratio_self_timed\": %.3f", sfps[k ",full," t] / sfps[k ",floor," t])
                emit("full_vs_floor", k, t, full, fps[k ",floor," t], 0.95, x)
                emit("full_vs_ffmpeg_native", k, t, full, fps[k ",ffmpeg_native," t], 2, "")
                emit("full_vs_ffmpeg_libopenjpeg", k, t, full, fps[k ",ffmpeg_libopenjpeg," t], 1, "")
                x = ""
                if (fps[k ",floor_fast," t] != "" && fps[k ",floor," t] != "")
                    x = sprintf(", \"floor_fast_vs_floor\": %.3f", fps[k ",floor_fast," t] / fps[k ",floor," t])
                if (k ~ /^1080p/) emit("fast_vs_full", k, t, fps[k ",fast," t], full, 6, x)
            }
            x = ""
            if (fps[k ",floor,2"] != "" && fps[k ",floor,1"] != "")
                x = sprintf(", \"floor_ratio\": %.3f", fps[k ",floor,2"] / fps[k ",floor,1"])
            emit("full_scaling", k, "\"2 vs 1\"", fps[k ",full,2"], fps[k ",full,1"], 1.9, x)
        }
        for (t = 1; t <= 2; t++) {
            a = rss["1080p_lossy,full," t]; b = rss["1080p_lossy_2n,full," t]
            if (a == "" || b == "") continue
            printf "rss_vs_duration {\"threads\": %d, \"frames_n\": %d, \"peak_rss_kib_n\": %d, \"frames_2n\": %d, \"peak_rss_kib_2n\": %d, \"growth_kib_per_frame\": %.1f, \"goal\": \"2N frames within 5 %% of N\", \"met\": %s}\n",
                   t, n["1080p_lossy"], a, n["1080p_lossy_2n"], b, (b - a) / (n["1080p_lossy_2n"] - n["1080p_lossy"]),
                   (b <= a * 1.05) ? "true" : "false"
        }
    }' "$scratch/rows.txt" >"$scratch/targets.txt"

group_json() { # GROUP -> the group's objects, comma-separated, indented
    awk -v g="$1" '$1 == g { sub(/^[^ ]* /, ""); printf "%s\n      %s", (n++ ? "," : ""), $0 }' \
        "$scratch/targets.txt"
}
all_met=$(awk '/"met": false/ { bad = 1 } END { print bad ? "false" : "true" }' "$scratch/targets.txt")

# cross-checks: scene changes (imfqc, threads 1, first repetition) against scdet's, and the same
# report at 1 and 2 threads (house style 6.5)
strip() { grep -v -e '"elapsed_s"' -e '"threads"' "$1"; }
cross_json() { # KEY
    q=$scratch/$1.full.t1.1.out
    rate=24
    sc=$(json_array scene_changes "$q")
    ffn=$(sed -n 's/.*lavfi\.scd\.time: *\([0-9.]*\).*/\1/p' "$scratch/$1.ffmpeg_native.t1.1.err" |
        awk -v r="$rate" '{ printf "%s%d", (n++ ? ", " : ""), $1 * r + 0.5 }')
    same_full=false same_fast=false
    strip "$scratch/$1.full.t1.1.out" >"$scratch/a.cmp"
    strip "$scratch/$1.full.t2.1.out" >"$scratch/b.cmp"
    cmp -s "$scratch/a.cmp" "$scratch/b.cmp" && same_full=true
    strip "$scratch/$1.fast.t1.1.out" >"$scratch/a.cmp"
    strip "$scratch/$1.fast.t2.1.out" >"$scratch/b.cmp"
    cmp -s "$scratch/a.cmp" "$scratch/b.cmp" && same_fast=true
    printf '"%s": {"status": "%s", "imfqc_scene_changes": [%s], "ffmpeg_scdet_frames": [%s], ' \
        "$1" "$(json_str status "$q")" "$sc" "$ffn"
    printf '"fast_scene_changes": [%s], ' "$(json_array scene_changes "$scratch/$1.fast.t1.1.out")"
    printf '"report_same_for_threads_1_and_2": {"full": %s, "fast": %s}}' "$same_full" "$same_fast"
}

model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
[ -n "$model" ] || model=$(uname -m)
v_imfqc=$("$imfqc" --version 2>&1 | head -n 1)
v_ff=$(ffmpeg -version 2>&1 | head -n 1 | sed 's/ Copyright.*//')
v_opj=$(pkg-config --modversion libopenjp2 2>/dev/null || echo unknown)
git_commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
git_dirty=false
[ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || git_dirty=true
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$bdir/CMakeCache.txt" 2>/dev/null)
cc_path=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$bdir/CMakeCache.txt" 2>/dev/null)
cc_ver=$("${cc_path:-cc}" --version 2>/dev/null | head -n 1)
q_cpu=$(json_str cpu "$scratch/1080p_lossy.full.t1.1.out")
date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)
loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)
bench_s=$(awk -v a="$t_start" -v b="$t_end" 'BEGIN { printf "%.0f", (b - a) / 1e9 }')

# ---------------------------------------------------------------------------------------------
# the JSON document
mkdir -p "$(dirname "$out")"
tmp_out=$out.tmp.$$
{
    printf '{\n  "schema": "imfqc-bench-video/1",\n  "date": "%s",\n' "$date_utc"
    printf '  "machine": {\n    "nproc": %s,\n' "$(nproc)"
    printf '    "model_name": "%s",\n' "$(jstr "$model")"
    printf '    "loadavg_at_start": "%s",\n    "loadavg_at_end": "%s",\n' "$loadavg_start" "$loadavg_end"
    printf '    "timer": "%s",\n' "$timer"
    printf '    "peak_rss_method": "%s"\n  },\n' "$(jstr "$rss_method")"
    printf '  "versions": {\n    "imfqc": "%s",\n' "$(jstr "$v_imfqc")"
    printf '    "ffmpeg": "%s",\n    "openjpeg": "%s",\n' "$(jstr "$v_ff")" "$(jstr "$v_opj")"
    printf '    "git_commit": "%s",\n    "git_dirty": %s,\n' "$git_commit" "$git_dirty"
    printf '    "build_type": "%s",\n' "$(jstr "$build_type")"
    printf '    "cc": "%s",\n' "$(jstr "$cc_ver")"
    printf '    "imfqc_cpu": "%s"\n  },\n' "$(jstr "$q_cpu")"
    printf '  "method": {\n    "repetitions": %s,\n' "$reps"
    printf '    "repeat_rule": "a run whose first sample takes %s s or more is measured once",\n' "$long"
    printf '    "statistic": "median of each figure on its own",\n'
    printf '    "order": "each repetition runs every file x threads x tool once, in a fixed order",\n'
    printf '    "page_cache": "warm (every file read once before the first run)",\n'
    printf '    "wall_clock": "date +%%s%%N around the process; fps = frames / wall_s",\n'
    printf '    "measured_seconds": %s\n  },\n' "$bench_s"
    printf '  "files": {'
    sep=""
    for k in $files 1080p_lossy_2n; do
        printf '%s\n    "%s": %s' "$sep" "$k" "$(cat "$(pathof "$k").json")"
        sep=","
    done
    printf '\n  },\n  "tools": {\n'
    printf '    "full": "imfqc inspect, all analyzers, full-resolution decode",\n'
    printf '    "fast": "imfqc inspect --decode fast (reduced-resolution decode near the 480-pixel thumbnail)",\n'
    printf '    "floor": "bench/j2k_decode_loop: engine MXF reader + plain OpenJPEG, one frame per thread, nothing else",\n'
    printf '    "floor_fast": "the floor at the reduction --decode fast picks",\n'
    printf '    "ffmpeg_native": "FFmpeg jpeg2000 decoder + scdet",\n'
    printf '    "ffmpeg_libopenjpeg": "FFmpeg libopenjpeg decoder + scdet",\n'
    printf '    "ffprobe": "%s"\n  },\n' "ffprobe on the file: what opening it through libavformat costs\
 (avformat_find_stream_info decodes a first picture); imfqc paid this before 1e92b71"
    printf '  "rows": ['
    sep=""
    for k in $files 1080p_lossy_2n; do
        for t in 1 2; do
            for tool in $tools; do
                j=$(row_json "$k" "$tool" "$t")
                [ -n "$j" ] || continue
                printf '%s\n    %s' "$sep" "$j"
                sep=","
            done
        done
    done
    printf '\n  ],\n  "targets": {\n'
    printf '    "all_met": %s,\n' "$all_met"
    printf '    "full_vs_floor": [%s\n    ],\n' "$(group_json full_vs_floor)"
    printf '    "full_scaling": [%s\n    ],\n' "$(group_json full_scaling)"
    printf '    "full_vs_ffmpeg_native": [%s\n    ],\n' "$(group_json full_vs_ffmpeg_native)"
    printf '    "full_vs_ffmpeg_libopenjpeg": [%s\n    ],\n' "$(group_json full_vs_ffmpeg_libopenjpeg)"
    printf '    "fast_vs_full": [%s\n    ],\n' "$(group_json fast_vs_full)"
    printf '    "rss_vs_duration": [%s\n    ]\n  },\n' "$(group_json rss_vs_duration)"
    printf '  "cross_check": {'
    sep=""
    for k in $files; do
        printf '%s\n    %s' "$sep" "$(cross_json "$k")"
        sep=","
    done
    printf '\n  },\n  "notes": [\n'
    printf '    "%s",\n' "ratios compare process wall fps of two rows with the same file and threads;\
 ratio_self_timed compares the programs' own timers (imfqc run.elapsed_s, the floor's seconds)"
    printf '    "%s",\n' "full_vs_ffmpeg_libopenjpeg: goal is to be ahead (ratio above 1)"
    printf '    "%s"\n  ]\n}\n' "machine_busy_cpus: CPUs busy on the whole machine during the run\
 (/proc/stat); well above cpu_s / wall_s means other work competed, and 2-thread rows suffer first"
} >"$tmp_out"
mv "$tmp_out" "$out"

# ---------------------------------------------------------------------------------------------
# the human table
{
    printf '\nimfqc video bench: median of up to %s; %s, nproc %s; load %s -> %s; %s s measured\n' \
        "$reps" "$model" "$(nproc)" "$loadavg_start" "$loadavg_end" "$bench_s"
    for k in $files 1080p_lossy_2n; do
        awk -v k="$k" '{
            match($0, /"frames": [0-9]+/); fr = substr($0, RSTART + 10, RLENGTH - 10)
            match($0, /"bytes_per_frame": [0-9]+/); b = substr($0, RSTART + 19, RLENGTH - 19)
            match($0, /"mbit_per_s_at_24": [0-9.]+/); m = substr($0, RSTART + 20, RLENGTH - 20)
            printf "  %-16s %4d frames, %5.0f kB/frame, %5.0f Mb/s at 24 fps\n", k, fr, b / 1000, m
        }' "$(pathof "$k").json"
    done
    printf '%-16s %-19s %3s %6s %8s %7s %9s %8s %8s %2s\n' file tool thr frames "wall s" fps \
        "cpu s/fr" "rss MiB" "box cpu" n
    awk '$2 == "ffprobe" { printf "%-16s %-19s %3s %6s %8.3f %7s %9s %8.1f %8.2f %2d\n",
                           $1, $2, "-", "-", $5, "-", "-", $7 / 1024, $8, $9; next }
        { printf "%-16s %-19s %3d %6d %8.3f %7.2f %9.4f %8.1f %8.2f %2d\n",
           $1, $2, $3, $4, $5, $4 / $5, $6 / $4, $7 / 1024, $8, $9 }' "$scratch/rows.txt"
    printf '\ntargets (ratio of process-wall fps; goal in brackets):\n'
    awk '{ g = $1; sub(/^[^ ]* /, "")
           f = $0; sub(/.*"file": "/, "", f); sub(/".*/, "", f)
           t = $0; sub(/.*"threads": /, "", t); sub(/[,}].*/, "", t)
           r = $0; sub(/.*"ratio": /, "", r); sub(/,.*/, "", r)
           goal = $0; sub(/.*"goal": /, "", goal); sub(/,.*/, "", goal)
           met = ($0 ~ /"met": true/) ? "met" : "MISSED"
           if (g == "rss_vs_duration") {
               a = $0; sub(/.*"peak_rss_kib_n": /, "", a); sub(/,.*/, "", a)
               b = $0; sub(/.*"peak_rss_kib_2n": /, "", b); sub(/,.*/, "", b)
               printf "  %-28s threads %s: %.1f MiB at N, %.1f MiB at 2N  %s\n", g, t, a / 1024, b / 1024, met
           } else
               printf "  %-28s %-16s threads %-7s %7.3f  [%s]  %s\n", g, f, t, r, goal, met
         }' "$scratch/targets.txt"
    for k in $files; do
        printf '  scene changes %-16s imfqc [%s]  ffmpeg scdet [%s]\n' "$k" \
            "$(json_array scene_changes "$scratch/$k.full.t1.1.out")" \
            "$(sed -n 's/.*lavfi\.scd\.time: *\([0-9.]*\).*/\1/p' "$scratch/$k.ffmpeg_native.t1.1.err" |
                awk '{ printf "%s%d", (n++ ? ", " : ""), $1 * 24 + 0.5 }')"
    done
    [ "$timer" = gnu-time ] || printf 'note: GNU time absent; install the Debian package "time"\n'
    cat "$scratch"/*.samples | awk '($5 - $2) / $1 >= 0.5 { k++ } END { if (k)
        printf "note: in %d of %d runs other processes kept 0.5 CPU or more busy (box cpu);" \
               " 2-thread figures suffer first\n", k, NR }'
    printf 'JSON in %s\n' "$out"
} >&2
