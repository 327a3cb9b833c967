#!/bin/bash
# search --batch QUERIES --qrels QRELS: MAP, nDCG@10, P@10, R@100, MRR@10 over
# a collection small enough to compute every figure by hand; BEIR and TREC
# qrels alike; --per-query; --format json; -n; and the usage and file errors.
. "$TESTS_LIB"
C="$WORK/c"
mkdir -p "$C"
# Term frequencies fix the order: for "zebra", a (3 of 3 words) before b (1 of
# 1); for "lion", c before d; "flamingo" matches e only.
cat >"$C/docs.jsonl" <<'JSON'
{"_id": "a", "title": "", "text": "zebra zebra zebra"}
{"_id": "b", "title": "", "text": "zebra"}
{"_id": "c", "title": "", "text": "lion lion lion"}
{"_id": "d", "title": "", "text": "lion"}
{"_id": "e", "title": "", "text": "flamingo"}
JSON
"$INDEXER" --db "$WORK/idx" "$C" >/dev/null || fail "indexer failed"
S=("$SEARCH" --db "$WORK/idx")

# The rankings every figure below rests on.
run "${S[@]}" --format trec zebra
[ "$(awk '{ printf "%s ", $3 }' <<<"$OUT")" = "a b " ] || fail "zebra ranking: $OUT"
run "${S[@]}" --format trec lion
[ "$(awk '{ printf "%s ", $3 }' <<<"$OUT")" = "c d " ] || fail "lion ranking: $OUT"
run "${S[@]}" --format trec flamingo
[ "$(awk '{ printf "%s ", $3 }' <<<"$OUT")" = "e " ] || fail "flamingo ranking: $OUT"

# Queries: BEIR JSON lines and a QUERY_ID<TAB>query line; qx is not judged
# (it is run, but counts nowhere); q4 is judged but not in this file.
{ echo '{"_id": "q1", "text": "zebra"}'
  printf 'q2\tlion\n'
  echo '{"_id": "q3", "text": "flamingo"}'
  echo '{"_id": "qx", "text": "zebra"}'; } >"$WORK/queries"

# Judgments (BEIR, with its header):
#   q1: a 0 (judged, not relevant), b 1               ranking a b
#   q2: c 2, d 1, z 1 (z is not in the index: R = 3)  ranking c d
#   q3: e 1                                           ranking e
#   q4: a 1                                           never run
printf 'query-id\tcorpus-id\tscore\nq1\ta\t0\nq1\tb\t1\nq2\tc\t2\nq2\td\t1\nq2\tz\t1\nq3\te\t1\nq4\ta\t1\n' \
  >"$WORK/qrels.tsv"
# The same in TREC form.
printf 'q1 0 a 0\nq1 0 b 1\nq2 0 c 2\nq2 0 d 1\nq2 0 z 1\nq3 0 e 1\nq4 0 a 1\n' >"$WORK/qrels.trec"

# By hand (log2(2) = 1, log2(3) = 1.58496, log2(4) = 2):
#   q1: b relevant at rank 2 of R = 1.
#       AP = (1/2)/1 = 0.5; nDCG@10 = (1/log2(3)) / (1/log2(2)) = 0.6309;
#       P@10 = 1/10 = 0.1; R@100 = 1/1 = 1; MRR@10 = 1/2 = 0.5
#   q2: c (grade 2) at rank 1, d (grade 1) at rank 2, z never: R = 3.
#       AP = (1/1 + 2/2)/3 = 0.6667;
#       DCG = 2/log2(2) + 1/log2(3) = 2.6309; ideal (2, 1, 1) =
#       2/log2(2) + 1/log2(3) + 1/log2(4) = 3.1309; nDCG@10 = 0.8403;
#       P@10 = 2/10 = 0.2; R@100 = 2/3 = 0.6667; MRR@10 = 1/1 = 1
#   q3: e at rank 1 of R = 1: AP = 1, nDCG@10 = 1, P@10 = 0.1, R@100 = 1,
#       MRR@10 = 1
#   q4: not run: 0 on every measure
# Means over the 4 judged queries (3 of them run):
#   MAP     (0.5 + 0.6667 + 1 + 0)/4 = 2.1667/4 = 0.5417
#   nDCG@10 (0.6309 + 0.8403 + 1 + 0)/4 = 2.4712/4 = 0.6178
#   P@10    (0.1 + 0.2 + 0.1 + 0)/4 = 0.1
#   R@100   (1 + 0.6667 + 1 + 0)/4 = 0.6667
#   MRR@10  (0.5 + 1 + 1 + 0)/4 = 0.625
MEANS='queries  4 judged, 3 of them run
MAP      0.5417
nDCG@10  0.6178
P@10     0.1000
R@100    0.6667
MRR@10   0.6250'
TABLE=$(printf 'query\tMAP\tnDCG@10\tP@10\tR@100\tMRR@10\nq1\t0.5000\t0.6309\t0.1000\t1.0000\t0.5000\nq2\t0.6667\t0.8403\t0.2000\t0.6667\t1.0000\nq3\t1.0000\t1.0000\t0.1000\t1.0000\t1.0000')
JSON_ROWS='{"query":"q1","map":0.5000,"ndcg@10":0.6309,"p@10":0.1000,"recall@100":1.0000,"mrr@10":0.5000}
{"query":"q2","map":0.6667,"ndcg@10":0.8403,"p@10":0.2000,"recall@100":0.6667,"mrr@10":1.0000}
{"query":"q3","map":1.0000,"ndcg@10":1.0000,"p@10":0.1000,"recall@100":1.0000,"mrr@10":1.0000}'
JSON_MEANS='{"queries":3,"judged":4,"map":0.5417,"ndcg@10":0.6178,"p@10":0.1000,"recall@100":0.6667,"mrr@10":0.6250}'

for q in qrels.tsv qrels.trec; do
    # Text: the means only (the default format with --qrels, even in batch).
    run "${S[@]}" --batch "$WORK/queries" --qrels "$WORK/$q"
    expect_rc 0 "$q: text"
    [ -z "$ERR" ] || fail "$q: text: stderr: $ERR"
    [ "$OUT" = "$MEANS" ] || fail "$q: text means:
$OUT
expected:
$MEANS"
    # The explicit text format is the same.
    run "${S[@]}" --batch "$WORK/queries" --qrels "$WORK/$q" --format text
    [ "$OUT" = "$MEANS" ] || fail "$q: --format text: $OUT"

    # --per-query: the table (judged queries that were run, in run order:
    # no qx, no q4), then the means.
    run "${S[@]}" --batch "$WORK/queries" --qrels "$WORK/$q" --per-query
    expect_rc 0 "$q: --per-query"
    [ "$OUT" = "$TABLE"$'\n'"$MEANS" ] || fail "$q: --per-query:
$OUT
expected:
$TABLE
$MEANS"

    # JSON: the means as one object; with --per-query one object per query first.
    run "${S[@]}" --batch "$WORK/queries" --qrels "$WORK/$q" --format json
    expect_rc 0 "$q: json"
    [ "$OUT" = "$JSON_MEANS" ] || fail "$q: json: $OUT"
    run "${S[@]}" --batch "$WORK/queries" --qrels "$WORK/$q" --format json --per-query
    expect_rc 0 "$q: json --per-query"
    [ "$OUT" = "$JSON_ROWS"$'\n'"$JSON_MEANS" ] || fail "$q: json --per-query:
$OUT
expected:
$JSON_ROWS
$JSON_MEANS"
done
# Both layouts of the judgments give the very same output.
run "${S[@]}" --batch "$WORK/queries" --qrels "$WORK/qrels.tsv" --per-query
tsv=$OUT
run "${S[@]}" --batch "$WORK/queries" --qrels "$WORK/qrels.trec" --per-query
[ "$tsv" = "$OUT" ] || fail "BEIR and TREC qrels differ:
$tsv
---
$OUT"

# -n cuts every ranking: with -n 1, q1 returns only a (not relevant): all 0;
# q2 returns only c: AP = (1/1)/3 = 0.3333, DCG = 2, nDCG@10 = 2/3.1309 =
# 0.6388, P@10 = 0.1, R@100 = 1/3, MRR@10 = 1; q3 is unchanged.
run "${S[@]}" --batch "$WORK/queries" --qrels "$WORK/qrels.tsv" --per-query -n 1
expect_rc 0 "-n 1"
expect_out "^q1	0\.0000	0\.0000	0\.0000	0\.0000	0\.0000$" "-n 1, q1"
expect_out "^q2	0\.3333	0\.6388	0\.1000	0\.3333	1\.0000$" "-n 1, q2"
expect_out "^q3	1\.0000	1\.0000	0\.1000	1\.0000	1\.0000$" "-n 1, q3"
# Means: MAP (0 + 0.3333 + 1 + 0)/4 = 0.3333; MRR@10 (0 + 1 + 1 + 0)/4 = 0.5
expect_out "^MAP      0\.3333$" "-n 1, MAP"
expect_out "^MRR@10   0\.5000$" "-n 1, MRR@10"

# No judged query run at all: every judged query counts 0.
printf 'q9\tzebra\n' >"$WORK/unjudged"
run "${S[@]}" --batch "$WORK/unjudged" --qrels "$WORK/qrels.tsv" --per-query
expect_rc 0 "unjudged queries only"
[ "$OUT" = "queries  4 judged, 0 of them run
MAP      0.0000
nDCG@10  0.0000
P@10     0.0000
R@100    0.0000
MRR@10   0.0000" ] || fail "unjudged queries only: $OUT"

# Usage errors: exit 2, a message, nothing on stdout.
run "${S[@]}" --qrels "$WORK/qrels.tsv" zebra
expect_rc 2 "--qrels without --batch"
expect_err "^search: --qrels needs --batch" "--qrels without --batch"
[ -z "$OUT" ] || fail "--qrels without --batch wrote: $OUT"
run "${S[@]}" --batch "$WORK/queries" --per-query
expect_rc 2 "--per-query without --qrels"
expect_err "^search: --per-query needs --qrels" "--per-query without --qrels"
[ -z "$OUT" ] || fail "--per-query without --qrels wrote: $OUT"
run "${S[@]}" --batch "$WORK/queries" --qrels "$WORK/qrels.tsv" --format trec
expect_rc 2 "--qrels with --format trec"
expect_err "^search: --qrels .*trec" "--qrels with --format trec"
[ -z "$OUT" ] || fail "--qrels with --format trec wrote: $OUT"

# A missing qrels file: named in the message.
run "${S[@]}" --batch "$WORK/queries" --qrels "$WORK/nosuch.qrels"
expect_rc 2 "missing qrels"
expect_err "^search: $WORK/nosuch.qrels: No such file or directory$" "missing qrels"
[ -z "$OUT" ] || fail "missing qrels wrote: $OUT"

# Malformed lines: file and line number in the message.
printf 'query-id\tcorpus-id\tscore\nq1\ta\t0\nq1 b\n' >"$WORK/bad1"
run "${S[@]}" --batch "$WORK/queries" --qrels "$WORK/bad1"
expect_rc 2 "qrels line with two fields"
expect_err "^search: $WORK/bad1:3: malformed judgment" "qrels line with two fields"
[ -z "$OUT" ] || fail "malformed qrels wrote: $OUT"
printf 'q1 0 a 0\n\nq1 0 b high\n' >"$WORK/bad2"
run "${S[@]}" --batch "$WORK/queries" --qrels "$WORK/bad2"
expect_rc 2 "qrels grade not a number"
expect_err "^search: $WORK/bad2:3: malformed judgment \(grade \"high\" is not an integer\)$" \
    "qrels grade not a number"

finish
