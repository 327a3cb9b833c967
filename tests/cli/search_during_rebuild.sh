#!/bin/bash
# search while an indexer writes: during rebuilds (swapped in at the end) and
# incremental runs that update records (commits every 1000), every search,
# single or --batch, answers: exit 0 or 1, nothing on stderr, and always the
# whole collection (never a half-built index). A second indexer on an index
# that another holds, or is creating, is refused at once with exit 2, naming
# the holder.
. "$TESTS_LIB"

TOTAL=2000
IDX="$WORK/idx"
C="$WORK/c/corpus.jsonl"
mkdir -p "$WORK/c"
gen "$TOTAL" >"$WORK/base.jsonl"
cp "$WORK/base.jsonl" "$C"
run "$INDEXER" --db "$IDX" "$C"
expect_rc 0 "first index"
expect_out "; $TOTAL documents in the index$" "first index"

# edition V: the first corpus with every other record (odd or even, by V) changed.
edition() {
    awk -v v="$1" 'NR % 2 == v % 2 { sub(/ market\."}$/, " market edition" v ".\"}") } { print }' \
        "$WORK/base.jsonl" >"$C.tmp" && mv "$C.tmp" "$C"
}

# The writer: three rebuilds, and between them two runs that update records
# (1000, then all 2000: commits on the way and at the end). Each step's exit
# status and output go to writer.log.
(
    step() {
        "$INDEXER" --db "$IDX" "$@" >"$WORK/step.out" 2>"$WORK/step.err"
        local rc=$?
        echo "$rc $* | $(cat "$WORK/step.out") | $(cat "$WORK/step.err")"
    }
    step --rebuild "$C"
    edition 1
    step "$C"
    step --rebuild "$C"
    edition 2
    step "$C"
    step --rebuild "$C"
) >"$WORK/writer.log" 2>&1 &
writer=$!

# The readers, for as long as the writer runs.
awk '{ print "q" NR "\t" $0 }' <<'Q' >"$WORK/queries"
market
market edition1
"market edition2"
title:market
babe
bada bebe
kabon NOT dada
title:babe market
bab*
babe OR bebe OR bibe
Q
for _ in $(seq 1 10); do cat "$WORK/queries"; done >"$WORK/batch"
nbatch=$(wc -l <"$WORK/batch")
searches=0 batches=0
# check_search LABEL: exit 0 or 1 (not 2, not a signal), stderr empty.
check_search() {
    { [ "$RC" -eq 0 ] || [ "$RC" -eq 1 ]; } || fail "$1: exit $RC (stderr: $ERR)"
    [ -z "$ERR" ] || fail "$1: stderr: $ERR"
}
while kill -0 "$writer" 2>/dev/null; do
    # Every record has "market": the index searched always holds all of them.
    run "$SEARCH" --db "$IDX" --format trec -n 100000 market
    check_search "search market"
    [ "$(grep -c ' Q0 ' <<<"$OUT")" -eq "$TOTAL" ] ||
        fail "search market: $(grep -c ' Q0 ' <<<"$OUT") hits, not all $TOTAL records"
    while IFS=$'\t' read -r _ q; do
        run "$SEARCH" --db "$IDX" --format trec -n 5 -- "$q"
        check_search "search $q"
        searches=$((searches + 1))
    done <"$WORK/queries"
    run "$SEARCH" --db "$IDX" --batch "$WORK/batch" -n 3
    check_search "search --batch"
    [ "$(grep -c '^{"qid":' <<<"$OUT")" -eq "$nbatch" ] ||
        fail "search --batch: $(grep -c '^{"qid":' <<<"$OUT") answers to $nbatch queries"
    # "market": the upper bound is the number of documents, when all are there.
    [ "$(grep -c '^{"qid":"q1",.*"matches_upper":'"$TOTAL"',' <<<"$OUT")" -eq $((nbatch / 10)) ] ||
        fail "search --batch: market not in all $TOTAL: $(grep '^{"qid":"q1",' <<<"$OUT" | grep -v '"matches_upper":'"$TOTAL"',' | head -n 1)"
    searches=$((searches + 1 + nbatch)) batches=$((batches + 1))
    [ "$FAILED" -eq 0 ] || break
done
wait "$writer"
echo "$searches searches ($batches batches of $nbatch) while the writer ran"
[ "$batches" -ge 2 ] || fail "only $batches rounds of searches ran while the writer ran"

# The writer's steps all succeeded, with the expected counts.
expect_step() {
    sed -n "$1p" "$WORK/writer.log" | grep -qE -- "$2" || fail "writer step $1: $(sed -n "$1p" "$WORK/writer.log")"
}
[ "$(wc -l <"$WORK/writer.log")" -eq 5 ] || fail "writer: $(cat "$WORK/writer.log")"
for n in 1 3 5; do
    expect_step "$n" "^0 --rebuild .*: $TOTAL added, 0 updated, 0 unchanged, 0 removed;.* $TOTAL documents in the index \| $"
done
# Edition 1 changes the odd records; edition 2 the even ones, and puts the
# odd ones back.
expect_step 2 "^0 [^-].*: 0 added, 1000 updated, 1000 unchanged, 0 removed;.* $TOTAL documents in the index \| $"
expect_step 4 "^0 [^-].*: 0 added, $TOTAL updated, 0 unchanged, 0 removed;.* $TOTAL documents in the index \| $"
[ "$(ls "$IDX" | sed 's/^gen-[0-9]*$/gen/' | tr '\n' ' ')" = "XAPIANDB gen sift.lock " ] ||
    fail "after the writer, the index holds $(ls "$IDX" | tr '\n' ' ')"
run "$SEARCH" --db "$IDX" --format trec -n 5000 '"market edition2"'
[ "$(wc -l <<<"$OUT")" -eq $((TOTAL / 2)) ] || fail "after the writer: $(wc -l <<<"$OUT") records of edition 2"

# The races made on purpose (tests/lib.sh: hold). A reader that has opened
# the index, held before its first search while two rebuilds replace the
# generation it opened and delete it: it answers from the new index, whole.
head -n 300 "$WORK/base.jsonl" >"$WORK/small.jsonl"
hold searcher-search "$SEARCH" --db "$IDX" --format trec -n 100000 market >"$WORK/r.out" 2>"$WORK/r.err"
reader=$HELD
gen=$(gen_of "$IDX")
run "$INDEXER" --db "$IDX" --rebuild "$WORK/small.jsonl"
run "$INDEXER" --db "$IDX" --rebuild "$WORK/small.jsonl"
[ -e "$gen" ] && fail "the generation the reader opened was not deleted"
release searcher-search
wait "$reader" || fail "reader held across two rebuilds: exit $? ($(cat "$WORK/r.err"))"
[ "$(grep -c ' Q0 ' "$WORK/r.out")" -eq 300 ] || fail "reader held across two rebuilds: $(grep -c ' Q0 ' "$WORK/r.out") hits, not the new index's 300"
# The same in a batch: the first query is held; every query is answered.
hold searcher-search "$SEARCH" --db "$IDX" --batch "$WORK/batch" -n 3 >"$WORK/r.out" 2>"$WORK/r.err"
reader=$HELD
run "$INDEXER" --db "$IDX" --rebuild "$C"
release searcher-search
wait "$reader" || fail "batch held across a rebuild: exit $? ($(cat "$WORK/r.err"))"
[ "$(grep -c '^{"qid":"q1",.*"matches_upper":'"$TOTAL"',' "$WORK/r.out")" -eq $((nbatch / 10)) ] ||
    fail "batch held across a rebuild: $(head -c 300 "$WORK/r.out")"

# A second indexer while a first holds the index (held at its first commit,
# a rebuild): refused at once, exit 2, naming the first.
hold commit "$INDEXER" --db "$IDX" --rebuild "$C" >"$WORK/first.out" 2>"$WORK/first.err"
first=$HELD
for args in "$C" "--rebuild $C"; do
    # shellcheck disable=SC2086 # two words for the --rebuild case
    run timeout 10 "$INDEXER" --db "$IDX" $args
    expect_rc 2 "second indexer ($args)"
    expect_err "^indexer: $IDX: index is locked by another indexer \(pid $first\)$" "second indexer ($args)"
done
release commit
wait "$first" || fail "first indexer, held and released: exit $?: $(cat "$WORK/first.err")"
run "$SEARCH" --db "$IDX" --format trec -n 100000 market
[ "$(grep -c ' Q0 ' <<<"$OUT")" -eq "$TOTAL" ] || fail "after the lock test: $(grep -c ' Q0 ' <<<"$OUT") hits for market"

# Two indexers creating the same new index: the first is held after making
# the folder and before taking its lock; the second indexes meanwhile and
# exits 0; then the first goes on. Both runs' documents are in the index
# (the second once took the first's folder for a dead run's and deleted it).
N="$WORK/new"
awk 'NR <= 50' "$WORK/base.jsonl" | sed 's/"k0/"s0/' >"$WORK/s50.jsonl"
hold writer-lock "$INDEXER" --db "$N" "$WORK/small.jsonl" >"$WORK/first.out" 2>"$WORK/first.err"
first=$HELD
run timeout 10 "$INDEXER" --db "$N" "$WORK/s50.jsonl"
expect_rc 0 "second indexer while the first creates the index"
release writer-lock
wait "$first" || fail "first indexer: exit $?: $(cat "$WORK/first.err")"
run "$SEARCH" --db "$N" --format trec -n 100000 market
[ "$(grep -c ' Q0 ' <<<"$OUT")" -eq 350 ] || fail "two new-index writers: $(grep -c ' Q0 ' <<<"$OUT") documents, not 300 + 50"
# ... and held after taking the lock (its first commit not yet made): the
# second is refused, the first loses nothing.
rm -rf "$N"
hold commit "$INDEXER" --db "$N" "$WORK/small.jsonl" >"$WORK/first.out" 2>"$WORK/first.err"
first=$HELD
run timeout 10 "$INDEXER" --db "$N" "$WORK/s50.jsonl"
expect_rc 2 "second indexer while the first creates the index, locked"
expect_err "^indexer: $N: index is locked by another indexer \(pid $first\)$" "second indexer, new index"
release commit
wait "$first" || fail "first indexer, new index: exit $?"
run "$SEARCH" --db "$N" --format trec -n 100000 market
[ "$(grep -c ' Q0 ' <<<"$OUT")" -eq 300 ] || fail "new index, locked: $(grep -c ' Q0 ' <<<"$OUT") documents"

# A second indexer during the merge of a new parallel build: refused (the
# lock is held throughout; once the merge swapped the second's committed
# documents out and deleted them).
P="$WORK/par"
hold merge "$INDEXER" --db "$P" --jobs 2 "$WORK/small.jsonl" >"$WORK/first.out" 2>"$WORK/first.err"
first=$HELD
run timeout 10 "$INDEXER" --db "$P" "$WORK/s50.jsonl"
expect_rc 2 "second indexer during a merge"
expect_err "locked by another indexer \(pid $first\)" "second indexer during a merge"
release merge
wait "$first" || fail "parallel build: exit $?: $(cat "$WORK/first.err")"
run "$INDEXER" --db "$P" "$WORK/s50.jsonl"
expect_rc 0 "second indexer after the merge"
run "$SEARCH" --db "$P" --format trec -n 100000 market
[ "$(grep -c ' Q0 ' <<<"$OUT")" -eq 350 ] || fail "after the merge: $(grep -c ' Q0 ' <<<"$OUT") documents"
finish
