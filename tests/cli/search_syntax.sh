#!/bin/bash
# search: query syntax (AND OR NOT, phrases, NEAR, wildcards, title:, id:),
# checked against grep on the corpus, and broken syntax that must not fail.
. "$TESTS_LIB"
"$INDEXER" --db "$WORK/idx" "$CORPUS" >/dev/null || fail "indexer failed"
S=("$SEARCH" --db "$WORK/idx")

# ids QUERY: the source IDs search finds, sorted, space-separated.
ids() {
    run "${S[@]}" --format trec -n 100 "$@"
    [ "$RC" -le 1 ] || fail "search $*: exit $RC: $ERR"
    awk 'NF { print $3 }' <<<"$OUT" | sort | tr '\n' ' '
}
# have WORD: the corpus files holding WORD (grep -w, any case), as IDs.
have() { grep -ilw -- "$1" "$CORPUS"/* | sed 's,.*/,,; s,\.[^.]*$,,' | sort; }
list() { tr '\n' ' '; }
# same WHAT GOT WANT
same() { [ "$2" = "$3" ] || fail "$1: got [$2], expected [$3]"; }

same "NATO NOT Stoltenberg" "$(ids 'NATO NOT Stoltenberg')" \
    "$(comm -23 <(have nato) <(have stoltenberg) | list)"
same "Lavrov AND Kommersant" "$(ids 'Lavrov AND Kommersant')" \
    "$(comm -12 <(have lavrov) <(have kommersant) | list)"
same "Kommersant OR Belgian" "$(ids 'Kommersant OR Belgian')" \
    "$(sort -u <(have kommersant) <(have belgian) | list)"
# Words without an operator: any of them may match (OR), best first.
same "Kommersant Belgian" "$(ids 'Kommersant Belgian')" \
    "$(sort -u <(have kommersant) <(have belgian) | list)"

# An exact phrase: 002 has only "military liaison office".
phrase_docs=$(grep -il 'military liaison mission' "$CORPUS"/* | sed 's,.*/,,; s,\.[^.]*$,,' | sort | list)
same '"military liaison mission"' "$(ids '"military liaison mission"')" "$phrase_docs"
same "phrase spelled out" "$phrase_docs" \
    "000_e9927dfb07e16fa6 001_a799c388572c6ada 003_c354b11fcd484267 004_75b0e0857699db2e "
same '"military liaison office"' "$(ids '"military liaison office"')" "002_d89476b368179a38 "
# Phrases match by stem, as words do: "missions" finds "mission".
same '"military liaison missions"' "$(ids '"military liaison missions"')" "$phrase_docs"

# NEAR: both words within 10 of each other; 002 has "military liaison office".
near=$(ids 'military NEAR office')
[[ " $near" == *" 002_d89476b368179a38 "* ]] || fail "military NEAR office misses 002: $near"
for id in $near; do
    grep -qiw military "$CORPUS/$id".* && grep -qiw office "$CORPUS/$id".* ||
        fail "military NEAR office: $id lacks a word"
done

# A wildcard: every document with a word starting with "liais".
same "liais*" "$(ids 'liais*')" \
    "$(grep -ilwE 'liais[a-z]*' "$CORPUS"/* | sed 's,.*/,,; s,\.[^.]*$,,' | sort | list)"
run "${S[@]}" --format json 'liais*'
"$JSON_CHECK" --highlight-prefix liais <<<"$OUT" || fail "liais* highlights: $OUT"

# A wildcard reaches words whose stem is shorter than it: "suspending" is
# indexed as its stem "suspend", yet suspendi* finds it; and it finds by stem,
# so a document with only "suspended" is found too.
found=$(ids 'suspendi*')
for id in $(grep -ilwE 'suspendi[a-z]*' "$CORPUS"/* | sed 's,.*/,,; s,\.[^.]*$,,'); do
    [[ " $found" == *" $id "* ]] || fail "suspendi* misses $id: $found"
done
for id in $found; do
    grep -qiwE 'suspend[a-z]*' "$CORPUS/$id".* || fail "suspendi*: $id has no word starting with suspend"
done
[ -n "$found" ] || fail "suspendi* found nothing"
# Numbers are in no spelling table; their wildcard still works, by term.
same "202*" "$(ids '202*')" \
    "$(grep -ilE '(^|[^0-9a-z])202[0-9]' "$CORPUS"/* | sed 's,.*/,,; s,\.[^.]*$,,' | sort | list)"
same "title:halv*" "$(ids 'title:halv*')" "003_c354b11fcd484267 "
same "+liais* -kommersant" "$(ids '+liais* -kommersant')" \
    "$(comm -23 <(grep -ilwE 'liais[a-z]*' "$CORPUS"/* | sed 's,.*/,,; s,\.[^.]*$,,' | sort) <(have kommersant) | list)"
# A misspelt word beside a wildcard: the suggestion shows the wildcard as typed.
run "${S[@]}" --format json 'liais* missoin'
grep -q '"suggestion":"liais\* mission"' <<<"$OUT" || fail "suggestion with a wildcard: $OUT"

# Fields: title:word searches titles only; id: finds one document.
same "title:halves" "$(ids title:halves)" "003_c354b11fcd484267 "
same "id:" "$(ids id:003_c354b11fcd484267)" "003_c354b11fcd484267 "
same "id: unknown" "$(ids id:999_0000000000000000)" ""

# Broken syntax is read as plain words: exit 0 or 1, nothing on stderr.
for q in '"military liaison' 'NATO AND' 'AND' '(((' 'NOT' 'title:' 'NATO NEAR' ')' '"' '*'; do
    run "${S[@]}" --format json "$q"
    [ "$RC" -le 1 ] || fail "broken query [$q]: exit $RC"
    [ -z "$ERR" ] || fail "broken query [$q] wrote: $ERR"
    "$JSON_CHECK" --lines 1 <<<"$OUT" || fail "broken query [$q]: bad JSON: $OUT"
done
# The unbalanced quote still finds the words.
run "${S[@]}" --format json '"military liaison'
expect_rc 0 "unbalanced quote"
"$JSON_CHECK" --min-hits 1 <<<"$OUT" || fail "unbalanced quote found nothing"

# Several arguments are joined into one query.
same "joined words" "$(ids NATO NOT Stoltenberg)" "$(ids 'NATO NOT Stoltenberg')"

finish
