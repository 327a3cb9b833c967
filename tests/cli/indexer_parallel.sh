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
# What a killed parallel build leaves (pid 999999 is not running) goes.
mkdir -p "$WORK/two.parts-999999/0" "$WORK/two.merge-999999"
run "$INDEXER" --db "$WORK/two" --jobs 2 "$C"
expect_rc 1 "two threads"
[ "$(sed "s#$WORK/two#IDX#" <<<"$OUT")" = "$one_summary" ] || fail "summaries differ: $one_summary / $OUT"
expect_out "1540 added, 0 updated, 0 unchanged, 0 removed; 2 failed, 0 skipped, 0 warnings; 1540 documents in the index$"
# Each bad line is reported once, by one of the threads.
[ "$(grep -c 'news.jsonl:1501: skipped' <<<"$ERR")" -eq 1 ] || fail "line 1501 reported $(grep -c 1501 <<<"$ERR") times"
[ "$(grep -c 'news.jsonl:1502: not indexed: same source ID "r7"' <<<"$ERR")" -eq 1 ] || fail "duplicate r7: $ERR"
xapian-check "$WORK/two" >/dev/null || fail "xapian-check of the merged index"
[ -z "$(ls -d "$WORK"/two.* 2>/dev/null)" ] || fail "parts left behind: $(ls -d "$WORK"/two.*)"

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
# A parallel rebuild swaps in a complete index.
run "$INDEXER" --db "$WORK/two" --jobs 2 --rebuild "$C"
expect_out "1541 added, .* 1541 documents in the index$" "parallel rebuild"
xapian-check "$WORK/two" >/dev/null || fail "xapian-check after a parallel rebuild"
run "$INDEXER" --jobs 0 "$C"
expect_rc 2 "--jobs 0"
finish
