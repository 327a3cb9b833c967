#!/bin/bash
# search --batch: JSON Lines in input order with query IDs, TREC runs, text,
# stdin, empty lines, CRLF, and exit codes.
. "$TESTS_LIB"
"$INDEXER" --db "$WORK/idx" "$CORPUS" >/dev/null || fail "indexer failed"
S=("$SEARCH" --db "$WORK/idx")

# 5 lines: plain, with an ID, empty, CRLF with no match, with an ID.
printf 'military liaison mission\nq2\tNATO NOT Stoltenberg\n\nzzzqqqxxy\r\nq7\tmission\n' >"$WORK/queries"

run "${S[@]}" --batch "$WORK/queries"
expect_rc 0 "batch json"
"$JSON_CHECK" --lines 5 --qids 1,q2,3,4,q7 <<<"$OUT" || fail "batch json: $OUT"
line() { sed -n "$1p" <<<"$OUT"; }
"$JSON_CHECK" --min-hits 4 --query "military liaison mission" <<<"$(line 1)" || fail "line 1: $(line 1)"
"$JSON_CHECK" --min-hits 1 --max-hits 1 --first-id 000_e9927dfb07e16fa6 --query "NATO NOT Stoltenberg" \
    <<<"$(line 2)" || fail "line 2: $(line 2)"
"$JSON_CHECK" --max-hits 0 --query "" <<<"$(line 3)" || fail "empty line: $(line 3)"
"$JSON_CHECK" --max-hits 0 --query "zzzqqqxxy" <<<"$(line 4)" || fail "CRLF line: $(line 4)"
"$JSON_CHECK" --min-hits 1 --query "mission" <<<"$(line 5)" || fail "line 5: $(line 5)"
grep -q '^{"qid":"q7","query":"mission",' <<<"$(line 5)" || fail "qid not first: $(line 5)"
# -n and --offset apply to every query.
run "${S[@]}" --batch "$WORK/queries" -n 1 --offset 1
"$JSON_CHECK" --lines 5 --max-hits 1 <<<"$OUT" || fail "batch -n 1 --offset 1: $OUT"
grep -q '"rank":2' <<<"$OUT" || fail "batch --offset: $OUT"

# TREC: six fields, Q0, ranks 1.. per query, 6 decimals, the run tag.
run "${S[@]}" --batch "$WORK/queries" --format trec --run-tag myrun
expect_rc 0 "batch trec"
[ -n "$OUT" ] || fail "trec: no output"
bad=$(awk '
    NF != 6 || $2 != "Q0" || $6 != "myrun" || $5 !~ /^-?[0-9]+\.[0-9][0-9][0-9][0-9][0-9][0-9]$/ { print "bad line: " $0; next }
    $1 != q { q = $1; want = 1; if (seen[q]++) print "query split: " q }
    $4 != want { print "rank " $4 " (want " want "): " $0 }
    { want++; if (prev_q == q && $5 > prev_s + 0) print "score rises: " $0; prev_q = q; prev_s = $5 }
' <<<"$OUT")
[ -z "$bad" ] || fail "trec: $bad"
[ "$(awk '{ print $1 }' <<<"$OUT" | uniq | tr '\n' ' ')" = "1 q2 q7 " ] ||
    fail "trec: query order or empty queries: $(awk '{ print $1 }' <<<"$OUT" | uniq | tr '\n' ' ')"
[ "$(awk '$1 == "q2" { print $3 }' <<<"$OUT")" = 000_e9927dfb07e16fa6 ] || fail "trec q2: $OUT"
run "${S[@]}" --batch "$WORK/queries" --format trec
[ "$(awk '{ print $6 }' <<<"$OUT" | sort -u)" = sift ] || fail "default run tag: $OUT"
# A single query in TREC format gets the ID 1.
run "${S[@]}" --format trec nato
[ "$(awk '{ print $1 }' <<<"$OUT" | sort -u)" = 1 ] || fail "single trec qid: $OUT"

# Text format in batch: one header per query, with its ID.
run "${S[@]}" --batch "$WORK/queries" --format text --color=never
expect_rc 0 "batch text"
expect_out '^1: [0-9]+ matches for "military liaison mission"'
expect_out '^q2: 1 match for "NATO NOT Stoltenberg" \(showing 1\)$'
expect_out '^3: no matches for ""$'
expect_out '^4: no matches for "zzzqqqxxy"$'
expect_out '^q7: [0-9]+ matches for "mission"'

# From stdin, with a last line without newline.
run bash -c 'printf "nato\nq2\tlavrov" | "$@" --batch -' _ "${S[@]}"
expect_rc 0 "batch stdin"
"$JSON_CHECK" --lines 2 --qids 1,q2 --min-hits 1 <<<"$OUT" || fail "batch stdin: $OUT"

# Exit status: 1 when no query matched; 0 when one did.
printf 'zzzqqqxxy\n\nqqqzzzyyx\n' >"$WORK/nomatch"
run "${S[@]}" --batch "$WORK/nomatch"
expect_rc 1 "batch without matches"
"$JSON_CHECK" --lines 3 --max-hits 0 <<<"$OUT" || fail "batch without matches: $OUT"
: >"$WORK/empty"
run "${S[@]}" --batch "$WORK/empty"
expect_rc 1 "empty batch"
[ -z "$OUT" ] || fail "empty batch wrote: $OUT"

# Long lines are read whole: a query of 15 000 bytes is answered, and a line
# over XC_MAX_QUERY_BYTES is refused with its own message (and its place in
# the output kept) while the lines around it are answered; exit 2.
printf 'L\tnato%15000s lavrov\n' '' >"$WORK/long"
run "${S[@]}" --batch "$WORK/long"
expect_rc 0 "long line"
"$JSON_CHECK" --lines 1 --qids L --min-hits 1 <<<"$OUT" || fail "long line"
printf 'a\tnato\nL\tnato%200000s lavrov\nb\tlavrov\n' '' >"$WORK/long"
run "${S[@]}" --batch "$WORK/long"
expect_rc 2 "too long a line"
expect_err "^search: query L: the query is too long: 200011 bytes, at most 16384$" "too long a line"
"$JSON_CHECK" --lines 3 --qids a,L,b <<<"$OUT" || fail "too long a line"
expect_out '^\{"qid":"L",.*"error":"the query is too long' "too long a line: JSON says why"

# Unreadable batch files.
run "${S[@]}" --batch "$WORK/missing"
expect_rc 2 "missing batch file"
expect_err "^search: $WORK/missing: No such file or directory$"
run "${S[@]}" --batch "$WORK"
expect_rc 2 "batch file is a folder"
expect_err "^search: $WORK: "
# QUERY words and --batch together make no sense.
run "${S[@]}" --batch "$WORK/queries" nato
expect_rc 2 "query and --batch"

finish
