#!/bin/bash
# search --batch streams: memory does not grow with the number of queries.
# One search process reads a FIFO; its peak memory (VmHWM) is taken after
# 2 000 queries and again after 12 000 more, and may grow by at most 4 MiB.
# (A million-line batch: bench/hostile-inputs.) Under AddressSanitizer, whose
# quarantine holds freed memory on purpose, only the answers are checked.
. "$TESTS_LIB"
IDX="$WORK/idx"
run "$INDEXER" --db "$IDX" "$CORPUS"
expect_rc 0 "index"

# Lines of unknown words (a spelling lookup each) with a matching one in ten.
lines() { # FROM TO
    awk -v a="$1" -v b="$2" 'BEGIN { for (i = a; i <= b; i++)
        if (i % 10 == 0) printf "q%d\tnato moscow\n", i; else printf "q%d\tzq%d xv%d\n", i, i, i * 7 }'
}
hwm() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
# wait_lines N: until the output holds N lines (the queries are answered).
wait_lines() {
    for _ in $(seq 1 1200); do
        [ "$(wc -l <"$WORK/out.jsonl")" -ge "$1" ] && return 0
        sleep 0.1
    done
    fail "only $(wc -l <"$WORK/out.jsonl") of $1 answers after 120 s"
    return 1
}

mkfifo "$WORK/fifo"
"$SEARCH" --db "$IDX" --batch "$WORK/fifo" -n 3 >"$WORK/out.jsonl" 2>"$WORK/err" &
pid=$!
exec 3>"$WORK/fifo"
lines 1 2000 >&3
wait_lines 2000 && first=$(hwm "$pid")
lines 2001 14000 >&3
wait_lines 14000 && second=$(hwm "$pid")
exec 3>&-
wait "$pid"
rc=$?
[ "$rc" -eq 0 ] || fail "search exited $rc: $(cat "$WORK/err")"
[ "$(grep -c '"qid":"q[0-9]*0","query":"nato moscow","matches_estimated":5' "$WORK/out.jsonl")" -eq 1400 ] ||
    fail "not every matching query was answered"
if ldd "$SEARCH" 2>/dev/null | grep -q libasan; then
    echo "AddressSanitizer build: peak memory $first kB, then $second kB (not checked)"
elif [ -n "${first:-}" ] && [ -n "${second:-}" ]; then
    echo "peak memory after 2 000 queries: $first kB; after 14 000: $second kB"
    [ $((second - first)) -le 4096 ] || fail "memory grew from $first kB to $second kB"
fi
finish
