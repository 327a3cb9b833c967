#!/bin/bash
# indexer: kill -9 at random moments never damages the index. After every
# kill xapian-check passes, search answers, and the index holds what its last
# commit held (a multiple of 1000 documents, the commit interval, or all of
# them); a kill before the first commit leaves no index, an empty folder or
# an empty index, and the next run can use whichever it is. A run without a
# kill then finishes the job with every record exactly once. SIGTERM commits
# what was indexed, says so, and exits 143.
# KILL_SEED=N replays the kill moments of an earlier run (printed below).
. "$TESTS_LIB"
for tool in xapian-check xapian-delve; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool not found (Debian: xapian-tools)" >&2; exit 1; }
done
seed=${KILL_SEED:-$RANDOM}
RANDOM=$seed
echo "kill seed $seed"

TOTAL=3000
C="$WORK/corpus.jsonl"
gen "$TOTAL" >"$C"
[ "$(cut -d'"' -f4 "$C" | sort -u | wc -l)" -eq "$TOTAL" ] || fail "the corpus does not have $TOTAL distinct IDs"

# count DB: the documents in DB, by xapian-delve ("" if it cannot tell).
count() { xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p'; }
# delay: 0.05-1.5 s.
delay() { local ms=$((50 + RANDOM % 1451)); printf '%d.%03d' $((ms / 1000)) $((ms % 1000)); }
# wait_count DB N PID: until DB holds N documents or PID has ended.
wait_count() {
    local c
    while kill -0 "$3" 2>/dev/null; do
        c=$(count "$1")
        [ "${c:-0}" -ge "$2" ] && return
        sleep 0.05
    done
}

# check_killed LABEL DB PREV [any]: DB after a kill, when PREV documents were
# committed before it; sets COUNT to what DB holds now. Acceptable: nothing
# at DB, an empty folder or one of Xapian's files without its version file
# (only while nothing was committed: the kill came before or while the index
# was created), or an index that xapian-check passes,
# holding PREV or more documents, a multiple of 1000 or all (any number with
# "any": SIGTERM commits what is done), the first ones of the corpus, that
# search reads without complaint.
check_killed() {
    local label=$1 db=$2 prev=$3 any=${4:-}
    COUNT=$prev
    if [ ! -e "$db" ] || { [ -d "$db" ] && [ -z "$(ls -A "$db")" ]; }; then
        [ "$prev" -eq 0 ] || fail "$label: the index is gone, after $prev documents were committed"
        COUNT=0
        return
    fi
    if [ ! -e "$db/XAPIANDB" ]; then
        # Killed before the first commit: the lock file, perhaps the
        # generation being written. The next run removes the rest.
        if [ "$prev" -eq 0 ] && [ -d "$db" ] && ! ls -A "$db" | grep -qvE '^(sift\.lock|gen-[0-9]+)$'; then
            COUNT=0
        else
            fail "$label: $db is not an index (after $prev documents committed): it holds $(ls -A "$db" | tr '\n' ' ')"
        fi
        return
    fi
    run xapian-check "$(gen_of "$db")"
    [ "$RC" -eq 0 ] || fail "$label: xapian-check exit $RC: $(tail -n 5 <<<"$OUT") $ERR"
    COUNT=$(count "$db")
    if ! [[ $COUNT =~ ^[0-9]+$ ]]; then
        fail "$label: xapian-delve cannot count the documents"
        COUNT=$prev
        return
    fi
    [ -n "$any" ] || ((COUNT % 1000 == 0 || COUNT == TOTAL)) ||
        fail "$label: $COUNT documents: neither a multiple of 1000 (a commit) nor all $TOTAL"
    ((COUNT >= prev)) || fail "$label: $COUNT documents, fewer than the $prev committed before"
    # Every record has "market": 0 with documents, 1 (no match) without.
    run "$SEARCH" --db "$db" --format trec -n 1 market
    if ((COUNT > 0)); then
        expect_rc 0 "$label: search"
        expect_out "^1 Q0 k[0-9]{5} 1 " "$label: search"
    else
        expect_rc 1 "$label: search of an empty index"
    fi
    [ -z "$ERR" ] || fail "$label: search wrote on stderr: $ERR"
    # Records are committed in file order: the first COUNT are in, the next
    # one is not.
    local k
    for k in 0 $((COUNT - 1)) $COUNT; do
        ((k >= 0 && k < TOTAL)) || continue
        run "$SEARCH" --db "$db" --format trec -n 2 "id:$(printf k%05d "$k")"
        if ((k < COUNT)); then
            [ "$RC" -eq 0 ] && [ "$(awk '{ print $3 }' <<<"$OUT")" = "$(printf k%05d "$k")" ] ||
                fail "$label: record $((k + 1)) of the $COUNT committed not found by id: (exit $RC: $OUT $ERR)"
        else
            [ "$RC" -eq 1 ] && [ -z "$OUT" ] ||
                fail "$label: record $((k + 1)), after the $COUNT committed, found by id: (exit $RC: $OUT $ERR)"
        fi
    done
}

# 1. Killed the moment the index folder appears (before its first commit:
# the folder holds the lock file, maybe a generation being written): the
# next run must build the index there. (Until 483a0af it refused the folder
# for good: "exists and is not a sift index; give another --db", exit 2.)
E="$WORK/early"
head -n 50 "$C" >"$WORK/small.jsonl"
"$INDEXER" --db "$E" "$C" >/dev/null 2>&1 &
pid=$!
until [ -e "$E" ] || ! kill -0 "$pid" 2>/dev/null; do :; done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check_killed "killed while creating the index" "$E" 0
run "$INDEXER" --db "$E" "$WORK/small.jsonl"
expect_rc 0 "run after a kill while creating the index"
expect_out "; 50 documents in the index$" "run after a kill while creating the index"

# 2. kill -9 at random moments; each run picks up where the last commit left.
# Half the runs are let commit once more first, so that kills come at every
# stage whatever the machine's speed.
IDX="$WORK/idx"
prev=0 kills=0
for round in 1 2 3 4 5; do
    d=$(delay) more=$((RANDOM % 2 * 1000))
    "$INDEXER" --db "$IDX" "$C" >"$WORK/run.out" 2>"$WORK/run.err" &
    pid=$!
    ((more)) && wait_count "$IDX" $((prev + more)) "$pid"
    sleep "$d"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    label="kill $round (${d}s after the index held $((prev + more)) documents)"
    if [ "$rc" -eq 137 ]; then
        kills=$((kills + 1))
        check_killed "$label" "$IDX" "$prev"
        echo "$label: killed; $COUNT documents in the index"
        prev=$COUNT
    elif [ "$rc" -eq 0 ]; then
        # Finished first: then it must be complete; start again from nothing.
        grep -q "; $TOTAL documents in the index$" "$WORK/run.out" || fail "$label: finished with $(cat "$WORK/run.out")"
        check_killed "$label (finished)" "$IDX" "$prev"
        [ "$COUNT" -eq "$TOTAL" ] || fail "$label: finished, but $COUNT documents"
        echo "$label: finished before the kill; starting again"
        rm -rf "$IDX"
        prev=0
    else
        fail "$label: exit $rc before the kill: $(cat "$WORK/run.err")"
    fi
done
echo "$kills of 5 runs killed; $prev documents committed"

# 3. A run without a kill: every record once. Committed records are
# unchanged, the rest added; the index passes xapian-check, holds exactly
# TOTAL documents, and each ID finds exactly one of them (so none twice).
run "$INDEXER" --db "$IDX" "$C"
expect_rc 0 "final run"
expect_out ": $((TOTAL - prev)) added, 0 updated, $prev unchanged, 0 removed; 0 failed, 0 skipped, 0 warnings; $TOTAL documents in the index$" "final run"
run xapian-check "$(gen_of "$IDX")"
[ "$RC" -eq 0 ] || fail "final run: xapian-check exit $RC: $(tail -n 5 <<<"$OUT") $ERR"
[ "$(count "$IDX")" = "$TOTAL" ] || fail "final run: xapian-delve counts $(count "$IDX"), expected $TOTAL"
cut -d'"' -f4 "$C" | awk '{ print $0 "\tid:" $0 }' >"$WORK/ids.q"
run "$SEARCH" --db "$IDX" --batch "$WORK/ids.q" --format trec -n 2
expect_rc 0 "one query per ID"
bad=$(awk '$1 != $3 || seen[$1]++ { print; n++ } n == 5 { exit }' <<<"$OUT")
[ -z "$bad" ] || fail "an ID query found another document or two: $bad"
[ "$(wc -l <<<"$OUT")" -eq "$TOTAL" ] || fail "ID queries: $(wc -l <<<"$OUT") hits for $TOTAL IDs"

# 4. SIGTERM after the first commit: committed, said so, exit 143; the next
# run finds exactly what the index held unchanged and adds the rest.
T="$WORK/term"
"$INDEXER" --db "$T" "$C" >"$WORK/term.out" 2>"$WORK/term.err" &
pid=$!
wait_count "$T" 1000 "$pid"
kill -TERM "$pid" 2>/dev/null
wait "$pid"
rc=$?
if [ "$rc" -eq 143 ]; then
    grep -q "^indexer: interrupted; the files indexed so far are committed" "$WORK/term.err" ||
        fail "SIGTERM: message: $(cat "$WORK/term.err")"
    check_killed "SIGTERM" "$T" 1000 any
    # What it committed need not be a multiple of 1000; only a count it
    # reports (if it ever reports one) must be the index's.
    n=$(sed -nE 's/.*[^0-9]([0-9]+) documents in the index.*/\1/p' "$WORK/term.out" "$WORK/term.err" | head -n 1)
    [ -z "$n" ] || [ "$n" = "$COUNT" ] || fail "SIGTERM: reported $n documents, the index holds $COUNT"
    run "$INDEXER" --db "$T" "$C"
    expect_rc 0 "run after SIGTERM"
    expect_out ": $((TOTAL - COUNT)) added, 0 updated, $COUNT unchanged, 0 removed;.* $TOTAL documents in the index$" "run after SIGTERM"
elif [ "$rc" -eq 0 ]; then
    echo "the run finished before SIGTERM could stop it; check skipped"
else
    fail "SIGTERM: exit $rc, expected 143 (stderr: $(cat "$WORK/term.err"))"
fi
finish
