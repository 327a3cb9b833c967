#!/bin/bash
# search --format json: one well-formed object per query, whatever the query
# or the documents hold (quotes, backslashes, control bytes, invalid UTF-8).
. "$TESTS_LIB"
mkdir -p "$WORK/corpus"
cp "$CORPUS"/* "$CORPUS"/.sift-ids "$WORK/corpus/"
# A document with hostile text: a terminal escape, control bytes, quotes,
# backslashes and invalid UTF-8 around a word we search for.
printf 'Zebrafish report\n\nThe zebrafish \033[31mred\033[0m tail \x01\x02 "quoted" back\\slash \xff\xfe bad bytes zebrafish again. \xc3\xa9t\xc3\xa9 zebrafish.\n' \
    >"$WORK/corpus/900_hostile.txt"
"$INDEXER" --db "$WORK/idx" "$WORK/corpus" >/dev/null || fail "indexer failed"
S=("$SEARCH" --db "$WORK/idx")

for q in nato '"military liaison mission"' 'liais*' suspend 'title:halves' zzzqqqxxy; do
    run "${S[@]}" --format json "$q"
    [ "$RC" -le 1 ] || fail "[$q]: exit $RC: $ERR"
    "$JSON_CHECK" --lines 1 <<<"$OUT" || fail "[$q]: bad JSON: $OUT"
    [[ "$OUT" != *'"qid"'* ]] || fail "[$q]: qid outside batch mode"
done
run "${S[@]}" --format json -n 3 nato
"$JSON_CHECK" --lines 1 --min-hits 3 --max-hits 3 <<<"$OUT" || fail "-n 3"
# The fields in the documented order.
grep -qE '^\{"query":"nato","matches_estimated":5,"matches_lower":5,"matches_upper":5,"offset":0,"suggestion":null,"corrected":false,"hits":\[\{"rank":1,"id":"[^"]+","title":"[^"]*","path":"/[^"]+","type":"text","date":"[^"]+",("date_source":"mtime",)?"meta":\{[^}]*\},"score":[0-9.e+-]+,"snippet":"[^"]*","highlights":\[\[' <<<"$OUT" ||
    fail "field order: $OUT"

# A query with quotes, a backslash, a control byte and an invalid byte:
# it comes back repaired (U+FFFD) and properly escaped.
q=$(printf 'nato \x01 \xff "x\\y')
run "${S[@]}" --format json "$q"
[ "$RC" -le 1 ] || fail "nasty query: exit $RC: $ERR"
[ -z "$ERR" ] || fail "nasty query wrote: $ERR"
"$JSON_CHECK" --lines 1 --query "$(printf 'nato \x01 \xef\xbf\xbd "x\\y')" <<<"$OUT" ||
    fail "nasty query: $OUT"
# The same query in text and TREC does not fail either.
run "${S[@]}" --format text "$q"
[ "$RC" -le 1 ] || fail "nasty query, text: exit $RC: $ERR"
[[ "$OUT" != *$'\x01'* ]] || fail "nasty query, text: raw control byte in output"

# The hostile document: valid JSON, highlights in code points.
run "${S[@]}" --format json zebrafish
expect_rc 0 "zebrafish"
"$JSON_CHECK" --lines 1 --first-id 900_hostile --highlight zebrafish <<<"$OUT" ||
    fail "hostile document: $OUT"
# In text, nothing from the document can reach the terminal as a control
# sequence, with or without colour.
run "${S[@]}" --color=never zebrafish
expect_rc 0 "zebrafish text"
expect_out '\*\*zebrafish\*\*'
[[ "$OUT" != *$'\033'* && "$OUT" != *$'\x01'* ]] || fail "control bytes reached the terminal: $OUT"
run "${S[@]}" --color=always zebrafish
[[ "$OUT" != *$'\033[31m'* ]] || fail "the document's escape sequence got through"

# Highlights count characters, not bytes: "été" before "zebrafish" must not
# shift the span (checked by json_check's range test and span text).
run "${S[@]}" --format json 'été zebrafish'
"$JSON_CHECK" --highlight zebrafish <<<"$OUT" || fail "multi-byte text shifts highlights: $OUT"

finish
