#!/bin/bash
# search --rank full|bm25: bm25 finds the same documents and counts as the
# default ranking (feedback never adds one) in another order; scores never
# rise down a ranking and equal scores come in source ID order, also when a
# tie straddles the page boundary, in an index, its shards, both modes;
# --jobs; an unknown mode is a usage error.
. "$TESTS_LIB"
gen 400 >"$WORK/g.jsonl"
run "$INDEXER" --db "$WORK/idx" "$WORK/g.jsonl"
expect_rc 0 "index"
S=("$SEARCH" --db "$WORK/idx")

# Queries of frequent and rarer made-up words (gen's vocabulary).
printf 'q1\tbaba\nq2\tbaba bebe\nq3\tbobo dadan kiki\nq4\tmarket baba\nq5\tlala nunu\nq6\t"baba bebe"\nq7\tbaba NOT bebe\nq8\ttitle:market kaka\n' >"$WORK/q"

# sorted_docs: "qid doc" of every hit of a TREC run in $OUT, sorted.
sorted_docs() { awk '{ print $1, $3 }' <<<"$OUT" | sort; }
# counts: "matches_lower estimated upper" of every JSON line in $OUT.
counts() { grep -oE '"matches_(lower|estimated|upper)":[0-9]+' <<<"$OUT" | tr '\n' ' '; }

run "${S[@]}" --batch "$WORK/q" --format trec -n 1000 --jobs 1
expect_rc 0 "full"
full=$OUT
full_docs=$(sorted_docs)
run "${S[@]}" --batch "$WORK/q" --format trec -n 1000 --jobs 1 --rank bm25
expect_rc 0 "bm25"
bm25=$OUT
[ -n "$bm25" ] || fail "bm25 found nothing"
[ "$(sorted_docs)" = "$full_docs" ] || fail "bm25 finds other documents than full"
[ "$bm25" != "$full" ] || fail "bm25 ranks every query as full does"
# The top 10 differ for at least one query (feedback and the boost reorder).
top10() { awk '$4 <= 10 { print $1, $3 }' <<<"$1"; }
[ "$(top10 "$bm25")" != "$(top10 "$full")" ] || fail "bm25 and full have the same top 10s"
# Exact counts (a match that looks at every document) are the same.
# (Estimates depend on how deep a match looks: -n 10 in one mode and 100, the
# rescoring window, in the other.)
run "${S[@]}" --batch "$WORK/q" --format json -n 500
full_counts=$(counts)
run "${S[@]}" --batch "$WORK/q" --format json -n 500 --rank bm25
expect_rc 0 "bm25 json"
[ -n "$(counts)" ] && [ "$(counts)" = "$full_counts" ] || fail "counts differ: [$(counts)] vs [$full_counts]"
"$JSON_CHECK" --lines 8 <<<"$OUT" || fail "bm25 json is not valid"

# check_order LABEL: in the TREC run $OUT, scores never rise within a query
# and equal scores are in source ID order.
check_order() {
    local bad
    bad=$(awk '$1 == q && ($5 > s || ($5 == s && $3 < id)) { print; exit }
               { q = $1; s = $5; id = $3 }' <<<"$OUT")
    [ -z "$bad" ] || fail "$1: out of order at: $bad"
}
OUT=$bm25 check_order "bm25"
OUT=$full check_order "full"

# Five identical documents (equal scores), added out of ID order, and one
# that holds the word more often. Over a page boundary the tie is settled by
# source ID, not by the order of adding (document numbers).
{
    for id in t3 t5 t1 t4 t2; do printf '{"id": "%s", "contents": "Tied\\n\\nzebrafish quagga"}\n' "$id"; done
    printf '{"id": "t0", "contents": "Zebrafish\\n\\nzebrafish zebrafish okapi"}\n'
    gen 50
} >"$WORK/tie.jsonl"
"$INDEXER" --db "$WORK/tie" "$WORK/tie.jsonl" >/dev/null 2>&1 || fail "tie index"
"$INDEXER" --db "$WORK/tie-sh" --shards 3 "$WORK/tie.jsonl" >/dev/null 2>&1 || fail "tie shards"
for db in tie tie-sh; do
    for mode in full bm25; do
        l="$db --rank $mode"
        run "$SEARCH" --db "$WORK/$db" --rank "$mode" --format trec -n 10 zebrafish
        expect_rc 0 "$l"
        check_order "$l"
        [ "$(awk '{ printf "%s ", $3 }' <<<"$OUT")" = "t0 t1 t2 t3 t4 t5 " ] || fail "$l: $OUT"
        scores=$(awk 'NR > 1 { print $5 }' <<<"$OUT" | sort -u | wc -l)
        [ "$scores" -eq 1 ] || fail "$l: t1-t5 do not tie: $OUT"
        # Five tied matches, the page holds two.
        run "$SEARCH" --db "$WORK/$db" --rank "$mode" --format trec -n 2 quagga
        [ "$(awk '{ printf "%s ", $3 }' <<<"$OUT")" = "t1 t2 " ] || fail "$l -n 2 quagga: $OUT"
        run "$SEARCH" --db "$WORK/$db" --rank "$mode" --format trec -n 3 zebrafish
        [ "$(awk '{ printf "%s ", $3 }' <<<"$OUT")" = "t0 t1 t2 " ] || fail "$l -n 3: $OUT"
        run "$SEARCH" --db "$WORK/$db" --rank "$mode" --format trec --offset 2 -n 2 zebrafish
        [ "$(awk '{ printf "%s:%s ", $3, $4 }' <<<"$OUT")" = "t2:3 t3:4 " ] || fail "$l --offset 2 -n 2: $OUT"
        run "$SEARCH" --db "$WORK/$db" --rank "$mode" --format json -n 2 quagga
        [ "$(counts)" = '"matches_estimated":5 "matches_lower":5 "matches_upper":5 ' ] || fail "$l counts: $(counts)"
    done
done

# --jobs gives the same output; --natural and the text format work.
run "${S[@]}" --batch "$WORK/q" --format trec -n 1000 --jobs 3 --rank bm25
[ "$OUT" = "$bm25" ] || fail "--jobs 3 answers differently"
run "${S[@]}" --rank bm25 --natural --color never "baba NOT bebe"
expect_rc 0 "natural"
expect_out '^(about )?[0-9]+ matches for "baba NOT bebe"' "natural"

# Spelling behaves as in the default ranking.
run "$SEARCH" --db "$WORK/tie" --rank bm25 --color never zebrafisk
expect_rc 1 "corrected"
expect_out 'searched for "zebrafish" instead' "corrected"

# --rank-params: the default ranking's settings, for measuring; refused
# with --rank bm25 and when malformed, naming what is wrong.
run "${S[@]}" --format trec -n 1000 --rank-params feedback=0 --batch "$WORK/q"
[ "$OUT" = "$bm25" ] || fail "feedback=0 ranks otherwise than --rank bm25"
run "${S[@]}" --format trec --rank-params feedback=0.5,window=50,weighting=dph,expansion=bo1 baba
expect_rc 0 "rank-params"
for bad in feedback=x feedback=-1 weighting=lm window feedback=101; do
    run "${S[@]}" --rank-params "$bad" baba
    expect_rc 2 "--rank-params $bad"
    expect_err "invalid value for --rank-params: '$bad'|no key=value" "--rank-params $bad"
done
run "${S[@]}" --rank bm25 --rank-params feedback=0.3 baba
expect_rc 2 "--rank-params with --rank bm25"

# An unknown mode: a usage error that names it.
run "${S[@]}" --rank bm42 baba
expect_rc 2 "unknown mode"
expect_err "--rank: 'bm42'" "unknown mode"
[ -z "$OUT" ] || fail "unknown mode printed: $OUT"
finish
