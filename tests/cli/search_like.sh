#!/bin/bash
# search --like SOURCE_ID: documents like one in the index, never itself; its
# errors; and spelling: the run is the query as typed. A query that matches
# nothing is searched again as corrected only for one query in text output
# (which says so) or with --correct; elsewhere the correction is a
# suggestion. The exit status is the typed query's: 1 if it matched nothing.
# A partly misspelt query gets a "did you mean".
. "$TESTS_LIB"
C="$WORK/c"
mkdir -p "$C"
# 30 records on three topics, 10 each: v1..v10 volcanoes, m1..m10 music,
# f1..f10 football. Each holds 5 of its topic's 6 words (a different 5 by
# its number) and 2 filler words shared across topics, so that documents
# differ but a topic's words tell its documents apart.
filler=(morning evening yesterday report people history famous village river mountain
        weather journey story season ancient modern)
gen() { # PREFIX FILLER_OFFSET WORD1..WORD6
    local p=$1 off=$2 i k text
    shift 2
    local words=("$@")
    for i in $(seq 1 10); do
        text=""
        for k in 0 1 2 3 4; do text+="${words[$(((i + k) % 6))]} "; done
        text+="${filler[$(((i * 3 + off) % 16))]} ${filler[$(((i * 5 + off) % 16))]}"
        printf '{"_id": "%s%d", "title": "", "text": "%s"}\n' "$p" "$i" "$text"
    done
}
{ gen v 0 volcano lava eruption magma crater ash
  gen m 5 violin orchestra symphony concerto cello conductor
  gen f 11 football goal striker league referee stadium; } >"$C/topics.jsonl"
run "$INDEXER" --db "$WORK/idx" "$C"
expect_out "^indexed 30 documents" "indexer"
S=("$SEARCH" --db "$WORK/idx")

# The source IDs of a TREC run, in rank order, on one line.
ids() { awk '{ printf "%s%s", sep, $3; sep = " " }' <<<"$OUT"; }

# --like: five documents on the same topic, never the document itself.
for id in v1 v6 m4 f10; do
    run "${S[@]}" --like "$id" --format trec -n 5
    expect_rc 0 "--like $id"
    [ "$(wc -l <<<"$OUT")" -eq 5 ] || fail "--like $id: not 5 hits: $OUT"
    others=$(awk -v t="${id:0:1}" 'substr($3, 1, 1) != t' <<<"$OUT")
    [ -z "$others" ] || fail "--like $id: other topics: $others"
    awk -v id="$id" '$3 == id { bad = 1 } END { exit !bad }' <<<"$OUT" && fail "--like $id: found itself: $OUT"
    [ "$(awk '{ printf "%s ", $4 }' <<<"$OUT")" = "1 2 3 4 5 " ] || fail "--like $id: ranks: $OUT"
done
# Even asked for everything, v1 never finds itself; the best 9 are on topic.
run "${S[@]}" --like v1 --format trec -n 100
awk '$3 == "v1" { bad = 1 } END { exit !bad }' <<<"$OUT" && fail "--like v1 -n 100: found itself: $OUT"
[ "$(head -9 <<<"$OUT" | awk '{ print substr($3, 1, 1) }' | sort -u)" = v ] ||
    fail "--like v1 -n 100: the best 9 are not all volcanoes: $OUT"

# --offset pages through the same ranking.
run "${S[@]}" --like v1 --format trec -n 4
first4=$(ids)
run "${S[@]}" --like v1 --format trec -n 2 --offset 2
[ "$(ids)" = "$(cut -d' ' -f3-4 <<<"$first4")" ] || fail "--like --offset: [$(ids)] after [$first4]"
expect_out "^1 Q0 [a-z0-9]+ 3 " "--like --offset: ranks go on"

# JSON: "like": true after the query, which is the source ID.
run "${S[@]}" --like v1 --format json -n 5
expect_rc 0 "--like json"
"$JSON_CHECK" --lines 1 --query v1 --min-hits 5 --max-hits 5 --no-id v1 <<<"$OUT" ||
    fail "--like json: $OUT"
grep -q '^{"query":"v1","like":true,"matches_estimated":' <<<"$OUT" || fail "--like json: no \"like\":true: $OUT"
run "${S[@]}" --format json volcano
[[ "$OUT" != *'"like"'* ]] || fail "\"like\" in the JSON of a plain query: $OUT"
# Text says what it shows.
run "${S[@]}" --like v1 -n 3 --color never
expect_rc 0 "--like text"
expect_out '^(about )?[0-9]+ documents like "v1" \(showing 1-3\)$' "--like text header"
expect_no_out '^[0-9]+\. v1 ' "--like text: itself"

# --like errors: an unknown ID (named, on stderr; nothing on stdout), query
# words or --batch beside it, an empty ID.
run "${S[@]}" --like nosuchid
expect_rc 2 "--like unknown ID"
expect_err "^search: .*'nosuchid'" "--like unknown ID"
[ -z "$OUT" ] || fail "--like unknown ID wrote: $OUT"
run "${S[@]}" --like nosuchid --format json
expect_rc 2 "--like unknown ID, json"
[ -z "$OUT" ] || fail "--like unknown ID, json wrote: $OUT"
run "${S[@]}" --like v1 volcano
expect_rc 2 "--like and query words"
expect_err "^search: give one of QUERY words, --batch FILE, --like SOURCE_ID, --show SOURCE_ID, --serve \[HOST:\]PORT, --stats or --list$" "--like and query words"
expect_err "^Try 'search --help'" "--like and query words"
[ -z "$OUT" ] || fail "--like and query words wrote: $OUT"
printf 'volcano\n' >"$WORK/queries"
run "${S[@]}" --like v1 --batch "$WORK/queries"
expect_rc 2 "--like and --batch"
expect_err "^search: give one of" "--like and --batch"
run "${S[@]}" --like ""
expect_rc 2 "--like ''"
expect_err "^search: invalid value for --like" "--like ''"

# Spelling. "vulcano" is in no document: "volcano" is searched instead, and
# said so; v1 and v7 lack "volcano", so 8 documents match.
run "${S[@]}" --color never vulcano
expect_rc 1 "vulcano: the query as typed matched nothing"
[ "$(head -1 <<<"$OUT")" = 'no matches for "vulcano"; searched for "volcano" instead' ] ||
    fail "vulcano: first line: $OUT"
expect_out '^8 matches for "volcano" \(showing 1-8\)$' "vulcano: count"
expect_out '^1\. v[0-9]+  ' "vulcano: hits"
expect_no_out "did you mean" "vulcano"
# JSON and TREC: the correction is a suggestion, the run the typed query's.
run "${S[@]}" --format json vulcano
expect_rc 1 "vulcano json"
"$JSON_CHECK" --lines 1 --query vulcano --max-hits 0 <<<"$OUT" || fail "vulcano json: $OUT"
grep -q '"suggestion":"volcano","corrected":false,"hits":\[\]' <<<"$OUT" || fail "vulcano json: $OUT"
run "${S[@]}" --format trec vulcano
expect_rc 1 "vulcano trec"
[ -z "$OUT" ] || fail "vulcano trec: the correction's hits: $OUT"
# --correct asks for the correction's hits; the exit status stays 1.
run "${S[@]}" --format json --correct vulcano
expect_rc 1 "vulcano json --correct"
"$JSON_CHECK" --lines 1 --query vulcano --min-hits 8 --max-hits 8 <<<"$OUT" || fail "vulcano --correct: $OUT"
grep -q '"suggestion":"volcano","corrected":true,"hits":\[{' <<<"$OUT" || fail "vulcano --correct: $OUT"
# The same run as the corrected query's.
run "${S[@]}" --format trec --correct vulcano
typo=$OUT
run "${S[@]}" --format trec volcano
expect_rc 0 "volcano"
[ -n "$OUT" ] && [ "$typo" = "$OUT" ] || fail "vulcano and volcano rank differently: $typo --- $OUT"
# Capitals are folded before correcting.
run "${S[@]}" --color never VULCANO
expect_rc 1 "VULCANO"
expect_out '^no matches for "VULCANO"; searched for "volcano" instead$' "VULCANO"

# One known word, one misspelt: the known word's hits, and a suggestion.
run "${S[@]}" --color never "volcano orchestrs"
expect_rc 0 "volcano orchestrs"
expect_out '^8 matches for "volcano orchestrs"' "volcano orchestrs: header"
expect_out '^did you mean: volcano orchestra$' "volcano orchestrs: suggestion"
expect_no_out 'searched for' "volcano orchestrs"
expect_no_out '^[0-9]+\. m[0-9]+ ' "volcano orchestrs: not corrected, no music"
run "${S[@]}" --format json "volcano orchestrs"
"$JSON_CHECK" --lines 1 --min-hits 1 --query "volcano orchestrs" <<<"$OUT" || fail "volcano orchestrs json: $OUT"
grep -q '"suggestion":"volcano orchestra","corrected":false,' <<<"$OUT" || fail "volcano orchestrs json: $OUT"

# All words misspelt: the whole corrected query is searched.
run "${S[@]}" --color never "vulcano orchestrs"
expect_rc 1 "vulcano orchestrs"
expect_out '^no matches for "vulcano orchestrs"; searched for "volcano orchestra" instead$'
expect_out '^16 matches for "volcano orchestra"'

# Every word known: no suggestion.
run "${S[@]}" --format json "volcano orchestra"
expect_rc 0 "volcano orchestra"
grep -q '"suggestion":null,"corrected":false,' <<<"$OUT" || fail "volcano orchestra json: $OUT"
run "${S[@]}" --color never "volcano orchestra"
expect_no_out 'did you mean|searched for' "volcano orchestra text"
# Nothing near: no suggestion, no match.
run "${S[@]}" --format json zzzqqqxxy
expect_rc 1 "zzzqqqxxy"
grep -q '"suggestion":null,"corrected":false,"hits":\[\]' <<<"$OUT" || fail "zzzqqqxxy json: $OUT"

# In a batch, each line gets its own suggestion, and only with --correct is
# it searched; one typed query matched, so the exit status is 0.
printf 'q1\tvulcano\nq2\tvolcano\n' >"$WORK/queries"
run "${S[@]}" --batch "$WORK/queries"
expect_rc 0 "batch spelling"
"$JSON_CHECK" --lines 2 --qids q1,q2 <<<"$OUT" || fail "batch spelling: $OUT"
[ "$(grep -c '"suggestion":"volcano","corrected":false,"hits":\[\]' <<<"$OUT")" -eq 1 ] || fail "batch spelling q1: $OUT"
[ "$(grep -c '"suggestion":null,"corrected":false,"hits":\[{' <<<"$OUT")" -eq 1 ] || fail "batch spelling q2: $OUT"
run "${S[@]}" --batch "$WORK/queries" --correct
expect_rc 0 "batch spelling --correct"
"$JSON_CHECK" --lines 2 --qids q1,q2 --min-hits 8 <<<"$OUT" || fail "batch --correct: $OUT"
[ "$(grep -c '"suggestion":"volcano","corrected":true' <<<"$OUT")" -eq 1 ] || fail "batch --correct q1: $OUT"
# A batch whose every query matched nothing as typed exits 1, corrected or not.
printf 'q1\tvulcano\n' >"$WORK/typo"
run "${S[@]}" --batch "$WORK/typo" --correct
expect_rc 1 "batch of a typo, --correct"
run "${S[@]}" --batch "$WORK/typo" --format trec
expect_rc 1 "batch of a typo, trec"
[ -z "$OUT" ] || fail "batch trec of a typo: $OUT"

# A word that matches by its stem is not misspelt: the corpus has
# "suspends" and "suspended" but never "suspend", and Xapian's spelling table
# alone would suggest "suspends".
run "$INDEXER" --db "$WORK/news" "$CORPUS"
run "$SEARCH" --db "$WORK/news" --format json suspend
expect_rc 0 "suspend"
expect_out '"suggestion":null,"corrected":false' "suspend is not misspelt"

finish
