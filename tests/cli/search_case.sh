#!/bin/bash
# Capitals in queries: a query in capitals means what it means in lower case
# (stemmed, and AND/OR/NOT as words); in a query with lower-case letters
# AND/OR/NOT are operators; with --natural they are words everywhere.
. "$TESTS_LIB"
C="$WORK/c"
mkdir -p "$C"
: >"$C/.sift-ids" # IDs relative to $C (sourceid.h)
printf 'Wings and flutter\n\nflutter of wings at high speed\n' >"$C/1.txt"
printf 'Design analysis\n\nthe design of an aircraft\n' >"$C/2.txt"
printf 'Nothing here\n\nunrelated text about cats\n' >"$C/3.txt"
# "wing", never "wings": only stemming finds it for WINGS.
printf 'Glider wing\n\nthe design of a single wing for a glider\n' >"$C/4.txt"
"$INDEXER" --db "$WORK/idx" "$C" >/dev/null || fail "indexer failed"
S=("$SEARCH" --db "$WORK/idx")

# The source IDs of a TREC run, in rank order, on one line.
ids() { awk '{ printf "%s%s", sep, $3; sep = " " }' <<<"$OUT"; }
# expect_ids WANT WHAT ARGS...: the run of ARGS finds exactly WANT, in order.
expect_ids() {
    local want=$1 what=$2
    shift 2
    run "${S[@]}" --format trec "$@"
    [ "$(ids)" = "$want" ] || fail "$what: got [$(ids)], expected [$want]: $OUT"
}
# expect_set WANT WHAT ARGS...: the run of ARGS finds exactly WANT, any order.
expect_set() {
    local want=$1 what=$2
    shift 2
    run "${S[@]}" --format trec "$@"
    got=$(tr ' ' '\n' <<<"$(ids)" | sort | tr '\n' ' ')
    [ "$got" = "$want " ] || fail "$what: got [$(ids)], expected the set [$want]: $OUT"
}
# same_run WHAT QUERY1 QUERY2 [OPTIONS]: identical TREC output (IDs, order,
# scores), and not empty.
same_run() {
    local what=$1 q1=$2 q2=$3
    shift 3
    run "${S[@]}" --format trec "$@" -- "$q1"
    local a=$OUT
    run "${S[@]}" --format trec "$@" -- "$q2"
    [ -n "$a" ] || fail "$what: [$q1] found nothing"
    [ "$a" = "$OUT" ] || fail "$what: [$q1] and [$q2] rank differently:
$a
---
$OUT"
}

# An all-capitals query ranks exactly like its lower-case form.
same_run "capitals" "WING FLUTTER" "wing flutter"
expect_set "1 4" "WING FLUTTER" "WING FLUTTER"
# ... and is stemmed: WINGS finds document 4, which only says "wing".
same_run "capitals, plural" "WINGS" "wings"
expect_set "1 4" "WINGS" "WINGS"
expect_set "1 4" "Wings (capitalised)" "Wings"

# AND, OR and NOT in an all-capitals query are words (stopwords), as in the
# lower-case query.
same_run "DESIGN OR ANALYSIS" "DESIGN OR ANALYSIS" "design or analysis"
expect_set "2 4" "DESIGN OR ANALYSIS" "DESIGN OR ANALYSIS"
same_run "WINGS AND FLUTTER" "WINGS AND FLUTTER" "wings and flutter"
# As an operator, AND would keep only document 4.
same_run "WING AND DESIGN" "WING AND DESIGN" "wing and design"
expect_set "1 2 4" "WING AND DESIGN" "WING AND DESIGN"
# As an operator, NOT would drop documents 2 and 4, which hold "design".
same_run "FLUTTER NOT DESIGN" "FLUTTER NOT DESIGN" "flutter not design"
expect_set "1 2 4" "FLUTTER NOT DESIGN" "FLUTTER NOT DESIGN"

# With lower-case letters in the query, they are operators.
expect_ids "1" "flutter NOT design" "flutter NOT design"
expect_ids "1" "wings NOT design (4 has both)" "wings NOT design"
expect_ids "1" "Wings NOT Design" "Wings NOT Design"
expect_set "1 3 4" "wings OR cats" "wings OR cats"
expect_ids "4" "wing AND design" "wing AND design"
run "${S[@]}" --format trec "design AND cats"
expect_rc 1 "design AND cats"
[ -z "$OUT" ] || fail "design AND cats: $OUT"
# Each query word in capitals is still folded: FLUTTER finds "flutter".
expect_ids "1" "FLUTTER NOT design" "FLUTTER NOT design"

# --natural: NOT is a word (and a stopword), so nothing is excluded.
expect_set "1 2 4" "--natural flutter NOT design" --natural "flutter NOT design"
same_run "--natural, NOT" "flutter NOT design" "flutter not design" --natural
same_run "--natural, NOT vs capitals" "flutter NOT design" "FLUTTER NOT DESIGN" --natural
expect_set "1 2 4" "--natural wings NOT design" --natural "wings NOT design"
# ... and AND is a word too: no longer only document 4.
expect_set "1 2 4" "--natural wing AND design" --natural "wing AND design"
# ... and so is a field ("search --help": with --natural, "field: [has] no
# special meaning"): title:design is no longer about titles only, so
# document 4 ("design" in its text, not its title) is found too.
expect_ids "2" "title:design" "title:design"
expect_set "2 4" "--natural title:design" --natural "title:design"

# --natural applies to every query of a batch; without it, NOT excludes.
printf 'n1\tflutter NOT design\nn2\twings NOT design\n' >"$WORK/queries"
run "${S[@]}" --batch "$WORK/queries" --format trec --natural
expect_rc 0 "--natural --batch"
[ "$(awk '$1 == "n1" { print $3 }' <<<"$OUT" | sort | tr '\n' ' ')" = "1 2 4 " ] ||
    fail "--natural --batch n1: $OUT"
[ "$(awk '$1 == "n2" { print $3 }' <<<"$OUT" | sort | tr '\n' ' ')" = "1 2 4 " ] ||
    fail "--natural --batch n2: $OUT"
run "${S[@]}" --batch "$WORK/queries" --format trec
expect_rc 0 "--batch"
[ "$(awk '{ printf "%s:%s ", $1, $3 }' <<<"$OUT")" = "n1:1 n2:1 " ] ||
    fail "--batch without --natural: $OUT"
# The JSON of a natural batch finds the "design" documents too.
run "${S[@]}" --batch "$WORK/queries" --natural
"$JSON_CHECK" --lines 2 --qids n1,n2 --has-id 2 --min-hits 3 <<<"$OUT" ||
    fail "--natural --batch json: $OUT"

finish
