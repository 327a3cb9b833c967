# shellcheck shell=bash disable=SC2034,SC2154 # globals shared with the caller
# Shared by bench/speed and bench/scale (sourced, not run): building, timing,
# measuring one engine at a time. The caller sets root, build and work, and
# `set -euo pipefail` and LC_ALL=C before sourcing this.

# build_bench: a Release build of indexer, search and fts5-bench in $build
# (as bench/relevance does); sets indexer, search, fts5.
build_bench() {
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" -j"$(nproc)" --target indexer search >/dev/null
    # Its own step: without libsqlite3 CMake defines no such target.
    if ! cmake --build "$build" -j"$(nproc)" --target fts5-bench >/dev/null 2>&1; then
        echo "$prog: fts5-bench did not build (needs libsqlite3-dev; see cmake --build $build --target fts5-bench)" >&2
        exit 1
    fi
    indexer=$build/indexer search=$build/search fts5=$build/bench/fts5-bench
}

# need_gnu_time: peak memory comes from GNU time's %M.
need_gnu_time() {
    if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
        echo "$prog: needs GNU time as /usr/bin/time (Debian: apt-get install time)" >&2
        exit 1
    fi
}

# machine_line: what the numbers were taken on, and how busy it was.
machine_line() {
    local rev dirty=
    rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
    # GIT_OPTIONAL_LOCKS=0: status must not rewrite .git/index.
    if [[ -n $(GIT_OPTIONAL_LOCKS=0 git -C "$root" status --porcelain --untracked-files=no 2>/dev/null) ]]; then
        dirty=" (with uncommitted changes)"
    fi
    echo "machine: $(nproc) cores, $(uname -m), $(date -u +%F); commit $rev$dirty; load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
}

now() { date +%s.%N; }
progress() { echo "$prog: $(date -u +%T) $*" >&2; }

# fmt FORMAT EXPR [VAR=VALUE...]: awk arithmetic, printed with FORMAT; "-" if
# a variable is "-" or empty or a division by zero would happen.
fmt() {
    local f=$1 e=$2 a
    shift 2
    for a in "$@"; do
        [[ ${a#*=} == - || -z ${a#*=} ]] && { echo -; return; }
    done
    local vars=()
    for a in "$@"; do vars+=(-v "$a"); done
    awk "${vars[@]}" "BEGIN { x = ($e); if (x == \"inf\" || x != x) print \"-\"; else printf \"$f\", x }" 2>/dev/null || echo -
}

# field NAME LINE: the value after NAME in "name value name value ..."
field() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }' <<<"$2"; }

# timed OUT CMD...: runs CMD with stdout to OUT.out and stderr to OUT.err under
# GNU time; sets t_secs (wall clock, from date: finer than time's %e),
# t_kb (peak resident set, KiB) and t_rc (exit status).
timed() {
    local out=$1 t0 t1
    shift
    t0=$(now)
    /usr/bin/time -f %M -o "$out.time" "$@" >"$out.out" 2>"$out.err" && t_rc=0 || t_rc=$?
    t1=$(now)
    t_secs=$(awk -v s="$t0" -v e="$t1" 'BEGIN { printf "%.3f", e - s }')
    t_kb=$(tail -n 1 "$out.time")
    [[ $t_kb =~ ^[0-9]+$ ]] || t_kb=-
}

# failed WHAT OUT: say what failed, with its messages (the last 20 lines).
failed() {
    echo "$prog: $1 failed (exit $t_rc):" >&2
    tail -n 20 "$2.err" | sed 's/^/  /' >&2
}

# disk_bytes PATH: bytes on disk of a file or folder, as du -sb counts them.
disk_bytes() { du -sb "$1" | cut -f1; }

# Each measure_* sets, for the engine it measures, the globals
#   idx_s idx_kb idx_bytes  (index: seconds, peak KiB, bytes on disk)
#   q10_qps q1000_qps json10_qps p50 p99
# to numbers, or "-" where the step failed or the engine cannot say.
reset_results() { idx_s=- idx_kb=- idx_bytes=- q10_qps=- q1000_qps=- json10_qps=- p50=- p99=-; }

# batch_qps NQ OUT CMD...: queries/s of one batch process, wall clock with
# start-up included; "-" if it failed (exit 1 only says nothing matched).
batch_qps() {
    local nq=$1 out=$2
    shift 2
    timed "$out" "$@"
    if ((t_rc > 1)); then
        failed "$*" "$out"
        echo -
    else
        fmt %.0f 'n / s' n="$nq" s="$t_secs"
    fi
}

# sift_queries IDX NAME QUERIES NQ LIMITS RANK: QUERIES as one single-thread
# --batch process (--jobs 1) per word of LIMITS: 10 and 1000 (TREC output,
# no snippets: q10_qps, q1000_qps), json10 (JSON, top 10 with snippets:
# json10_qps); --rank RANK.
sift_queries() {
    local idx=$1 name=$2 queries=$3 nq=$4 limits=$5 rank=$6 lim qps
    for lim in $limits; do
        if [ "$lim" = json10 ]; then
            json10_qps=$(batch_qps "$nq" "$work/$name.sift-$rank-json10" \
                "$search" --db "$idx" --batch "$queries" --rank "$rank" --jobs 1 --format json -n 10)
            continue
        fi
        qps=$(batch_qps "$nq" "$work/$name.sift-$rank-q$lim" \
            "$search" --db "$idx" --batch "$queries" --rank "$rank" --jobs 1 --format trec -n "$lim")
        if ((lim == 10)); then q10_qps=$qps; else q1000_qps=$qps; fi
    done
}

# index_sift NAME CORPUS: sift's indexer on a new index, $work/NAME.sift;
# sets idx_s idx_kb idx_bytes. Fails (status 1, said on stderr) if it did.
index_sift() {
    local name=$1 corpus=$2 idx=$work/$1.sift
    rm -rf "$idx"
    timed "$work/$name.sift-index" "$indexer" --db "$idx" "$corpus"
    # Exit 1: some records skipped (the messages say which), the rest indexed.
    if ((t_rc > 1)); then
        failed "sift indexer on $name" "$work/$name.sift-index"
        return 1
    fi
    idx_s=$t_secs idx_kb=$t_kb idx_bytes=$(disk_bytes "$idx")
}

# query_sift NAME QUERIES NQ NSHOT [LIMITS]: on index_sift's index, QUERIES
# by sift_queries (LIMITS, default "10 1000 json10"; the default ranking),
# then the first NSHOT queries one `search` process each (text output with
# snippets, --color never) for p50/p99.
query_sift() {
    local name=$1 queries=$2 nq=$3 nshot=$4 limits=${5:-"10 1000 json10"}
    local idx=$work/$name.sift shot
    sift_queries "$idx" "$name" "$queries" "$nq" "$limits" full
    if shot=$(python3 "$root/bench/queries.py" oneshot "$queries" "$nshot" -- \
        "$search" --db "$idx" --color never --); then
        p50=$(field p50 "$shot") p99=$(field p99 "$shot")
    fi
    return 0
}

# measure_sift NAME CORPUS QUERIES NQ NSHOT [LIMITS]: index_sift, then
# query_sift.
measure_sift() {
    reset_results
    index_sift "$1" "$2" || return 0
    query_sift "$1" "$3" "$4" "$5" "${6:-}"
}

# index_fts5 NAME CORPUS: fts5-bench index into $work/NAME.fts5; sets
# idx_s idx_kb idx_bytes. Fails (status 1, said on stderr) if it did.
index_fts5() {
    local name=$1 corpus=$2 db=$work/$1.fts5
    rm -f "$db"
    timed "$work/$name.fts5-index" "$fts5" index "$db" "$corpus"
    if ((t_rc != 0)); then
        failed "fts5-bench index on $name" "$work/$name.fts5-index"
        return 1
    fi
    idx_s=$t_secs idx_kb=$t_kb idx_bytes=$(disk_bytes "$db")
}

# query_fts5 NAME QUERIES NQ [LIMITS]: fts5-bench search --limit 10 / 1000
# (whole process, wall clock, as for sift). p50/p99: fts5-bench's own
# per-query times of its top-10 run.
query_fts5() {
    local name=$1 queries=$2 nq=$3 limits=${4:-"10 1000"}
    local db=$work/$name.fts5 lim qps line
    for lim in $limits; do
        qps=$(batch_qps "$nq" "$work/$name.fts5-q$lim" \
            "$fts5" search "$db" "$queries" --limit "$lim")
        if ((lim == 10)); then q10_qps=$qps; else q1000_qps=$qps; fi
    done
    line=$(cat "$work/$name.fts5-q10.out" 2>/dev/null || true)
    p50=$(field p50 "$line") p99=$(field p99 "$line")
    : "${p50:=-}" "${p99:=-}"
    return 0
}

# measure_fts5 NAME CORPUS QUERIES NQ [LIMITS]: index_fts5, then query_fts5.
measure_fts5() {
    reset_results
    index_fts5 "$1" "$2" || return 0
    query_fts5 "$1" "$3" "$4" "${5:-}"
}

# xapian_python: a python3 that can import xapian (Debian's python3-xapian
# belongs to /usr/bin/python3, which a pyenv or venv python3 does not see).
xapian_python() {
    local py
    for py in python3 /usr/bin/python3; do
        if "$py" -c 'import xapian' >/dev/null 2>&1; then
            echo "$py"
            return 0
        fi
    done
    return 1
}

# index_xapian NAME CORPUS: bench/plain_xapian.py index (whole process, wall
# clock) into $work/NAME.xapian; sets idx_s idx_kb idx_bytes. Fails (status
# 1) if there is no Xapian for Python, or (said on stderr) if it failed.
index_xapian() {
    local name=$1 corpus=$2 db=$work/$1.xapian
    [[ -n $xpy ]] || return 1
    rm -rf "$db"
    timed "$work/$name.xapian-index" "$xpy" "$root/bench/plain_xapian.py" index "$db" "$corpus"
    if ((t_rc != 0)); then
        failed "plain_xapian.py index on $name" "$work/$name.xapian-index"
        return 1
    fi
    idx_s=$t_secs idx_kb=$t_kb idx_bytes=$(disk_bytes "$db")
}

# query_xapian NAME QUERIES: on index_xapian's index, search top 10 and top
# 1000; queries/s and p50/p99 (top 10) from its own clock, inside Python.
query_xapian() {
    local name=$1 queries=$2 db=$work/$1.xapian lim out
    for lim in 10 1000; do
        if out=$("$xpy" "$root/bench/plain_xapian.py" search "$db" "$queries" --limit "$lim" 2>"$work/$name.xapian-q.err"); then
            if ((lim == 10)); then
                q10_qps=$(fmt %.0f q q="$(field qps "$out")")
                p50=$(field p50 "$out") p99=$(field p99 "$out")
            else
                q1000_qps=$(fmt %.0f q q="$(field qps "$out")")
            fi
        else
            echo "$prog: plain_xapian.py search on $name failed:" >&2
            sed 's/^/  /' "$work/$name.xapian-q.err" >&2
        fi
    done
    return 0
}
