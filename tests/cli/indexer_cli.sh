#!/bin/bash
# indexer: options, languages, usage errors and fatal errors (exit 2).
. "$TESTS_LIB"
IDX="$WORK/idx"

run "$INDEXER" --help
expect_rc 0 "--help"
expect_out "^Usage: indexer \[--db PATH\] \[--lang LANG\] \[--rebuild\] \[--shards N\] \[--jobs N\]$"
expect_out "^ +\[--read-memory MIB\] PATH\.\.\.$"
run "$INDEXER" --version
expect_rc 0 "--version"
expect_out "^indexer \(sift\) [0-9]+\.[0-9]+"

# Usage errors: exit 2, a message and the usage line, nothing indexed.
run "$INDEXER" --db "$IDX"
expect_rc 2 "no PATH"
expect_err "no PATH to index"
expect_err "^Usage: indexer"
run "$INDEXER" --db "$IDX" --frobnicate "$CORPUS"
expect_rc 2 "unknown option"
expect_err "unknown option --frobnicate"
run "$INDEXER" "$CORPUS" --db
expect_rc 2 "--db without value"
expect_err "missing value for --db"
[ -e "$IDX" ] && fail "usage errors created the index"

# Languages.
run "$INDEXER" --list-languages
expect_rc 0 "--list-languages"
expect_out "^english$"
expect_out "^french$"
run "$INDEXER" --lang list
expect_rc 0 "--lang list"
expect_out "^german$"
run "$INDEXER" --db "$IDX" --lang klingon "$CORPUS"
expect_rc 2 "unknown language"
expect_err "unknown language 'klingon'"
[ -e "$IDX" ] && fail "unknown language created the index"

run "$INDEXER" --db "$IDX" --lang french "$CORPUS"
expect_rc 0 "french"
expect_out "5 added.*5 documents in the index$" "french"
# The same language again, or none: fine.
run "$INDEXER" --db "$IDX" --lang french "$CORPUS"
expect_rc 0 "french again"
run "$INDEXER" --db "$IDX" "$CORPUS"
expect_rc 0 "no --lang keeps french"
# Another language on that index: refused, pointing at --rebuild.
run "$INDEXER" --db "$IDX" --lang german "$CORPUS"
expect_rc 2 "german on a french index"
expect_err "^indexer: $IDX: .*"
expect_err "run with --rebuild"
[ -z "$OUT" ] || fail "refused run printed a summary: $OUT"
# With --rebuild the language may change; without --lang, it is kept.
run "$INDEXER" --db "$IDX" --lang german --rebuild "$CORPUS"
expect_rc 0 "german with --rebuild"
run "$INDEXER" --db "$IDX" --rebuild "$CORPUS"
expect_rc 0 "rebuild keeps german"
run "$INDEXER" --db "$IDX" --lang german "$CORPUS"
expect_rc 0 "index is german now"
expect_out "5 unchanged" "german"
run "$INDEXER" --db "$IDX" --lang french "$CORPUS"
expect_rc 2 "french on the german index"

# --db pointing at something that is not an index: refused, untouched.
mkdir -p "$WORK/docs"
printf 'Precious\n' >"$WORK/docs/keep.txt"
run "$INDEXER" --db "$WORK/docs" --rebuild "$CORPUS"
expect_rc 2 "rebuild over a folder of documents"
expect_err "is not a sift index"
[ -f "$WORK/docs/keep.txt" ] || fail "rebuild deleted a folder that was not an index"
run "$INDEXER" --db "$WORK/docs" "$CORPUS"
expect_rc 2 "index into a folder of documents"
[ "$(ls "$WORK/docs")" = keep.txt ] || fail "wrote an index into a folder of documents: $(ls "$WORK/docs")"

# --commit-every N: a commit every N documents (Xapian's revision counts
# them); bad values are refused.
revision() { xapian-delve "$(gen_of "$1")" | sed -n 's/^revision = //p'; }
run "$INDEXER" --db "$WORK/every-default" "$CORPUS"
expect_rc 0 "default commits"
run "$INDEXER" --db "$WORK/every-2" --commit-every 2 "$CORPUS"
expect_rc 0 "--commit-every 2"
expect_out "5 added.*5 documents in the index$" "--commit-every 2"
[ "$(revision "$WORK/every-2")" -ge $(($(revision "$WORK/every-default") + 2)) ] ||
    fail "--commit-every 2: revision $(revision "$WORK/every-2"), default $(revision "$WORK/every-default")"
for bad in 0 -1 abc 1000001 ""; do
    run "$INDEXER" --db "$WORK/every-bad" --commit-every "$bad" "$CORPUS"
    expect_rc 2 "--commit-every '$bad'"
    expect_err "^indexer: --commit-every needs a whole number from 1 to 1000000, not" "--commit-every '$bad'"
done
[ -e "$WORK/every-bad" ] && fail "a refused --commit-every created an index"

# A damaged index: exit 2, and the advice to rebuild it.
run "$INDEXER" --db "$WORK/bad" "$CORPUS"
for f in "$(gen_of "$WORK/bad")"/*.glass; do printf 'garbage garbage garbage' >"$f"; done
printf 'garbage' >"$(gen_of "$WORK/bad")/iamglass"
run "$INDEXER" --db "$WORK/bad" "$CORPUS"
expect_rc 2 "damaged index"
expect_err "^indexer: $WORK/bad: the index is damaged .*rebuild it with: indexer --rebuild --db $WORK/bad"
run "$INDEXER" --db "$WORK/bad" --rebuild "$CORPUS"
expect_rc 0 "rebuild of a damaged index"
expect_err "warning: the index is damaged"
expect_out "5 added.*5 documents in the index$" "rebuilt"
finish
