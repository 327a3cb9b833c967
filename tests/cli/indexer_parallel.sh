#!/bin/bash
# indexer --jobs N: a new index built by N threads in parts, merged and
# compacted, holds the same documents and answers queries as one built on a
# single core; a rebuild can be parallel too; the summary counts are the same.
. "$TESTS_LIB"
C="$WORK/c"
mkdir -p "$C/texts"
awk 'BEGIN { srand(7); split("market shares oil price bank rate trade wheat corn gold dollar yen", w, " ");
    for (i = 1; i <= 1500; i++) {
        t = ""; for (k = 0; k < 30; k++) t = t " " w[1 + int(rand() * 12)]
        printf "{\"_id\": \"r%d\", \"title\": \"report %d\", \"text\": \"%s\"}\n", i, i, t }
    print "not json"
    print "{\"_id\": \"r7\", \"text\": \"a duplicate\"}" }' >"$C/news.jsonl"
for i in $(seq 1 40); do printf 'Note %d\n\nthe harvest of wheat and corn, note %d\n' "$i" "$i" >"$C/texts/n$i.txt"; done

run "$INDEXER" --db "$WORK/one" --jobs 1 "$C"
expect_rc 1 "one core"
one_summary=$(sed "s#$WORK/one#IDX#" <<<"$OUT")
# What a killed parallel build leaves in the folder (its parts, the
# generation it merged into) goes.
mkdir -p "$WORK/two/parts/0" "$WORK/two/gen-7"
: >"$WORK/two/sift.lock"
only_index() { # DB: nothing but the lock, the stub and one generation
    [ "$(ls "$1" | sed 's/^gen-[0-9]*$/gen/' | tr '\n' ' ')" = "XAPIANDB gen sift.lock " ] ||
        fail "$1 holds $(ls "$1" | tr '\n' ' ')"
    [ -z "$(ls -d "$1".* 2>/dev/null)" ] || fail "left beside $1: $(ls -d "$1".*)"
}
run "$INDEXER" --db "$WORK/two" --jobs 2 "$C"
expect_rc 1 "two threads"
[ "$(sed "s#$WORK/two#IDX#" <<<"$OUT")" = "$one_summary" ] || fail "summaries differ: $one_summary / $OUT"
expect_out "1540 added, 0 updated, 0 unchanged, 0 removed; 2 failed, 0 skipped, 0 warnings; 1540 documents in the index$"
# Each bad line is reported once, by one of the threads.
[ "$(grep -c 'news.jsonl:1501: skipped' <<<"$ERR")" -eq 1 ] || fail "line 1501 reported $(grep -c 1501 <<<"$ERR") times"
[ "$(grep -c 'news.jsonl:1502: not indexed: same source ID "r7"' <<<"$ERR")" -eq 1 ] || fail "duplicate r7: $ERR"
xapian-check "$(gen_of "$WORK/two")" >/dev/null || fail "xapian-check of the merged index"
only_index "$WORK/two"

# Same answers: the same documents match. (Scores may differ a little:
# documents are renumbered by the merge, equal BM25 scores then rank in
# another order, and feedback learns from the best five.)
for q in "wheat corn" "oil price" "report 77" "title:report" "harvest"; do
    a=$("$SEARCH" --db "$WORK/one" --format trec -n 2000 "$q" | awk '{ print $3 }' | sort)
    b=$("$SEARCH" --db "$WORK/two" --format trec -n 2000 "$q" | awk '{ print $3 }' | sort)
    [ -n "$a" ] && [ "$a" = "$b" ] || fail "'$q' differs between one core and two threads"
done
# The spelling table was filled from the merged vocabulary.
run "$SEARCH" --db "$WORK/two" --format json harvst
expect_out '"suggestion":"harvest","corrected":true' "spelling after a parallel build"

# Incremental runs on the merged index work as on any other.
printf 'Note new\n\nbarley\n' >"$C/texts/new.txt"
run "$INDEXER" --db "$WORK/two" --jobs 2 "$C"
expect_out "1 added, 0 updated, 1540 unchanged, 0 removed" "incremental after a parallel build"
# A parallel rebuild swaps in a complete index, and removes what a rebuild
# killed while its parts were written left (its generation and its parts).
mkdir -p "$WORK/two/gen-99" "$WORK/two/parts/1"
run "$INDEXER" --db "$WORK/two" --jobs 2 --rebuild "$C"
expect_out "1541 added, .* 1541 documents in the index$" "parallel rebuild"
only_index "$WORK/two"
xapian-check "$(gen_of "$WORK/two")" >/dev/null || fail "xapian-check after a parallel rebuild"
run "$INDEXER" --jobs 0 "$C"
expect_rc 2 "--jobs 0"

# The collections of a parallel build are read by one thread for all parts
# (feed.c). Three parts, two collections sharing an ID, a .gz cut short, a
# record larger than what waits for one part (8 MiB): the same documents,
# counts and messages (each said once) as on one core.
D="$WORK/d"
mkdir -p "$D"
cp "$C/news.jsonl" "$D/a.jsonl"
printf '{"_id": "r9", "text": "in two files"}\n{"_id": "b1", "text": "second file"}\n' >"$D/b.jsonl"
gen 400 | gzip -c | head -c 20000 >"$D/cut.jsonl.gz"
awk 'BEGIN { printf "{\"_id\": \"big\", \"text\": \""; for (i = 0; i < 900000; i++) printf "wheat bin "; print "bigword\"}" }' >"$D/big.jsonl"
run "$INDEXER" --db "$WORK/d1" --jobs 1 "$D"
d1_out=$(sed "s#$WORK/d1#IDX#" <<<"$OUT") d1_err=$(sort <<<"$ERR")
grep -q "cut.jsonl.gz: cannot read past line" <<<"$ERR" || fail "the cut .gz is not reported: $ERR"
run "$INDEXER" --db "$WORK/d3" --jobs 3 "$D"
[ "$(sed "s#$WORK/d3#IDX#" <<<"$OUT")" = "$d1_out" ] || fail "three parts: $OUT / one core: $d1_out"
[ "$(sort <<<"$ERR")" = "$d1_err" ] || fail "messages differ: three parts: $ERR / one core: $d1_err"
xapian-check "$(gen_of "$WORK/d3")" >/dev/null || fail "xapian-check of the three-part index"
for q in bigword "second file" "wheat corn"; do
    a=$("$SEARCH" --db "$WORK/d1" --format trec -n 5000 "$q" | awk '{ print $3 }' | sort)
    b=$("$SEARCH" --db "$WORK/d3" --format trec -n 5000 "$q" | awk '{ print $3 }' | sort)
    [ -n "$a" ] && [ "$a" = "$b" ] || fail "'$q' differs between one core and three parts"
done

# SIGTERM during a parallel build (one part held at its first commit): it
# stops (the reader thread too), commits what is done and says so; the next
# run finishes the job.
gen 6000 >"$WORK/many.jsonl"
hold commit "$INDEXER" --db "$WORK/t" --jobs 2 "$WORK/many.jsonl" >"$WORK/t.out" 2>"$WORK/t.err"
pid=$HELD
kill -TERM "$pid"
release commit
wait "$pid" && rc=0 || rc=$?
[ "$rc" -eq 143 ] || fail "SIGTERM, parallel: exit $rc ($(cat "$WORK/t.err"))"
grep -q "interrupted" "$WORK/t.err" || fail "SIGTERM, parallel: $(cat "$WORK/t.err")"
xapian-check "$(gen_of "$WORK/t")" >/dev/null || fail "xapian-check after SIGTERM, parallel"
run "$INDEXER" --db "$WORK/t" "$WORK/many.jsonl"
expect_out "6000 documents in the index$" "run after SIGTERM, parallel"
finish
