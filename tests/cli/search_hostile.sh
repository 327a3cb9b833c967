#!/bin/bash
# search: hostile queries are answered or refused with a clear message, in
# bounded time (each run under `timeout`), never with a crash.
. "$TESTS_LIB"
IDX="$WORK/idx"
run "$INDEXER" --db "$IDX" "$CORPUS"
expect_rc 0 "index"
S=(timeout 60 "$SEARCH" --db "$IDX")

# no_crash LABEL: the last run ended with 0, 1 or 2 (not a signal or timeout).
no_crash() { [ "$RC" -le 2 ] || fail "$1: exit status $RC (crash or timeout?)"; }

run "${S[@]}" ""
expect_rc 2 "empty query"
expect_err "empty query" "empty query"
run "${S[@]}" "   	  "
expect_rc 2 "blank query"

long=$(head -c 100000 /dev/zero | tr '\0' 'x')
run "${S[@]}" "$long"
expect_rc 2 "100 000 characters"
expect_err "^search: the query is too long: 100000 bytes, at most 16384$"

many=$(awk 'BEGIN { for (i = 0; i < 10000; i++) printf "w%d ", i }')
run "${S[@]}" --batch - <<<"many	${many:0:16000}"
expect_rc 2 "thousands of words"
expect_err "^search: query many: the query has [0-9]+ distinct words, at most 1000$"
expect_out '"qid":"many".*"error":"the query has' "its place in the output"

# Words within the limits, but many: answered.
some=$(awk 'BEGIN { for (i = 0; i < 900; i++) printf "nato%d moscow ", i }')
run "${S[@]}" --format trec "$some"
expect_rc 0 "900 words"

run "${S[@]}" --format trec "$(printf 'nato\001\002\033[31m moscow\177')"
expect_rc 0 "control characters"
run "${S[@]}" --format trec "$(printf 'nato \xff\xfe moscow \xc3')"
expect_rc 0 "invalid UTF-8"

# A wildcard that matches the whole vocabulary: capped, answered.
run "${S[@]}" --format trec -n 3 "*"
no_crash "a lone *"
run "${S[@]}" --format trec -n 3 "a* OR b* OR c* OR d* OR e* OR m* OR n* OR s* OR t*"
expect_rc 0 "wildcards over the whole vocabulary"

deep=$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "("; printf "nato"; for (i = 0; i < 5000; i++) printf ")" }')
run "${S[@]}" --format trec "$deep"
expect_rc 0 "5 000 nested brackets"
run "${S[@]}" --format trec "$(awk 'BEGIN { for (i = 0; i < 3000; i++) printf "(nato AND " }')"
no_crash "3 000 unclosed brackets"
run "${S[@]}" --format trec '"""' 'AND OR NOT' '-' '+' 'title:' 'id:' 'NEAR'
no_crash "syntax only"

# A search past its time limit stops with a message (exit 2).
run "${S[@]}" --timeout 0.000001 "nato moscow"
expect_rc 2 "timeout"
expect_err "^search: the search took longer than 1e-06 s and was stopped$"
run "${S[@]}" --timeout abc nato
expect_rc 2 "bad --timeout"
expect_err "invalid value for --timeout"
finish
