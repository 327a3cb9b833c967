#!/bin/bash
# search: ranking, the text header and count, paging with -n/--offset, and
# grep-like exit codes for matches and no matches.
. "$TESTS_LIB"
"$INDEXER" --db "$WORK/idx" "$CORPUS" >/dev/null || fail "indexer failed"
S=("$SEARCH" --db "$WORK/idx")

# rank_of ID: the rank of ID in $OUT (TREC run lines), or 999 if absent.
rank_of() { awk -v id="$1" '$3 == id { r = $4 } END { print r ? r : 999 }' <<<"$OUT"; }

# Every document with the exact phrase ranks above the one that only has
# "military liaison office" (by BM25 and feedback alone).
run "${S[@]}" --format trec "military liaison mission"
expect_rc 0 "phrase words"
low=$(rank_of 002_d89476b368179a38)
for id in 000_e9927dfb07e16fa6 001_a799c388572c6ada 003_c354b11fcd484267 004_75b0e0857699db2e; do
    r=$(rank_of "$id")
    [ "$r" -lt "$low" ] || fail "$id ranks $r, not above 002 (rank $low)"
done

# The proximity boost is off by default (it lost on the judged collections:
# docs/ranking.md) and on when asked for: words that stand together in the
# query then count as a phrase, also when the query has a hyphenated word, a
# quoted part or a negated word (Xapian cannot nest those in a phrase).
q='NATO-Russia military liaison mission'
run "${S[@]}" --format trec "$q"
plain=$OUT
run "${S[@]}" --format trec --rank-params proximity-words=3 "$q"
[ "$OUT" = "$plain" ] || fail "[$q]: boosted, yet longer than 3 words"
run "${S[@]}" --format trec --rank-params proximity-words=8 "$q"
[ "$OUT" != "$plain" ] || fail "[$q]: not boosted with proximity-words=8"
for q in 'NATO-Russia military liaison mission' '"Foreign Minister" military liaison mission' \
    'military liaison mission -Eurasia'; do
    run "${S[@]}" --format trec --rank-params proximity-words=8 "$q"
    expect_rc 0 "[$q]"
    low=$(rank_of 002_d89476b368179a38)
    [ "$low" -ne 999 ] || fail "[$q]: 002 not found: $OUT"
    for id in 000_e9927dfb07e16fa6 003_c354b11fcd484267 004_75b0e0857699db2e; do
        r=$(rank_of "$id")
        [ "$r" -lt "$low" ] || fail "[$q]: $id ranks $r, not above 002 (rank $low)"
    done
done

# The same ranking in JSON: 002 is not among the first four hits.
run "${S[@]}" --format json -n 4 "military liaison mission"
expect_rc 0 "json ranking"
"$JSON_CHECK" --lines 1 --min-hits 4 --max-hits 4 --no-id 002_d89476b368179a38 <<<"$OUT" ||
    fail "json: 002 among the first 4 hits: $OUT"

# Text: header with the count, then ranked hits with ID, title and score.
run "${S[@]}" --color=never "military liaison mission"
expect_rc 0 "text"
header=$(head -n 1 <<<"$OUT")
grep -qE '^[0-9]+ matches for "military liaison mission" \(showing 1-[0-9]+\)$' <<<"$header" ||
    fail "header: $header"
count=${header%% *}
[ "$count" -ge 4 ] || fail "header counts $count matches, expected at least 4"
hits=$(grep -cE '^[0-9]+\. [0-9]{3}_[0-9a-f]{16} .*\(score [0-9]+\.[0-9]{2}\)$' <<<"$OUT")
[ "$hits" -eq "$count" ] || fail "$hits hit lines for $count matches: $OUT"
expect_out '^1\. 00[0134]_' "first hit"
# A blank line between hits.
[ "$(grep -c '^$' <<<"$OUT")" -ge "$count" ] || fail "no blank lines between hits: $OUT"
# Snippets are indented.
expect_out '^   .*\*\*' "indented snippet with marks"

# Exactly one match, singular, and the title.
run "${S[@]}" --color=never title:halves
expect_rc 0 "title:halves"
expect_out '^1 match for "title:halves" \(showing 1\)$' "singular header"
expect_out '^1\. 003_c354b11fcd484267  .*Halves.*\(score ' "hit line with title"

# Paging: -n limits, --offset skips, and ranks count from the offset.
run "${S[@]}" --format trec -n 10 nato
all=$OUT
[ "$(wc -l <<<"$all")" -eq 5 ] || fail "nato: expected 5 hits: $all"
second=$(awk '$4 == 2 { print $3 }' <<<"$all")
run "${S[@]}" --format trec -n 2 nato
[ "$(wc -l <<<"$OUT")" -eq 2 ] || fail "-n 2 gave: $OUT"
run "${S[@]}" --format trec --limit 1 --offset 1 nato
[ "$(wc -l <<<"$OUT")" -eq 1 ] || fail "--limit 1 --offset 1 gave: $OUT"
[ "$(awk '{ print $4, $3 }' <<<"$OUT")" = "2 $second" ] ||
    fail "offset 1 should start at rank 2 with $second: $OUT"
run "${S[@]}" --format json --offset 1 -n 2 nato
"$JSON_CHECK" --first-id "$second" --min-hits 2 --max-hits 2 <<<"$OUT" || fail "json paging: $OUT"
grep -q '"offset":1' <<<"$OUT" || fail "json offset: $OUT"
run "${S[@]}" --color=never --offset 3 -n 10 nato
expect_out '^5 matches for "nato" \(showing 4-5\)$' "paged header"
expect_out '^4\. ' "rank 4 shown"
expect_no_out '^[123]\. ' "ranks before the offset"
# Past the end: the count is still given, nothing shown, still a match.
run "${S[@]}" --color=never --offset 50 nato
expect_rc 0 "offset past the end"
expect_out '^5 matches for "nato" \(none shown after offset 50\)$'
# -n 0: only the count.
run "${S[@]}" --color=never -n 0 nato
expect_out '^5 matches for "nato" \(none shown\)$'

# No match: exit 1 and a clear header.
run "${S[@]}" --color=never zzzqqqxxy
expect_rc 1 "no match"
expect_out '^no matches for "zzzqqqxxy"$'
[ -z "$ERR" ] || fail "no match wrote to stderr: $ERR"
run "${S[@]}" --format json zzzqqqxxy
expect_rc 1 "no match json"
"$JSON_CHECK" --lines 1 --max-hits 0 <<<"$OUT" || fail "no match json: $OUT"

finish
