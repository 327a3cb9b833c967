#!/bin/bash
# search: usage errors, missing and damaged indexes, --help/--version, and
# a reader that goes away (| head).
. "$TESTS_LIB"
"$INDEXER" --db "$WORK/idx" "$CORPUS" >/dev/null || fail "indexer failed"
S=("$SEARCH" --db "$WORK/idx")

# bad_option ARGS... PATTERN: exit 2, a message matching PATTERN, no output.
bad_option() {
    local pattern=${*: -1}
    run "${S[@]}" "${@:1:$#-1}"
    expect_rc 2 "search ${*:1:$#-1}"
    expect_err "$pattern" "search ${*:1:$#-1}"
    [ -z "$OUT" ] || fail "search ${*:1:$#-1} wrote to stdout: $OUT"
}
bad_option -n abc nato '-n/--limit.*abc'
bad_option --limit=-1 nato '--limit.*-1'
bad_option -n 99999999999999999999 nato '--limit'
bad_option --offset x nato '--offset.*x'
bad_option --format xml nato '--format.*xml'
bad_option --color=sometimes nato '--color.*sometimes'
bad_option --run-tag 'a b' nato '--run-tag'
bad_option --bogus nato 'bogus'
bad_option -n 'requires an argument|-n'
bad_option '' 'empty query'
bad_option '   ' ' ' 'empty query'
bad_option 'no query'

run "${S[@]}" --help
expect_rc 0 "--help"
expect_out '^Usage: search'
expect_out '--batch'
run "$SEARCH" -h
expect_rc 0 "-h"
run "$SEARCH" --version
expect_rc 0 "--version"
expect_out '^search \(sift\) [0-9]'
run "$SEARCH" -V
expect_rc 0 "-V"
expect_out '^search \(sift\) [0-9]'

# Grep's exit codes.
run "${S[@]}" nato
expect_rc 0 "a match"
run "${S[@]}" zzzqqqxxy
expect_rc 1 "no match"

# No index: say where, and how to build one.
run "$SEARCH" --db "$WORK/nothing" nato
expect_rc 2 "missing index"
expect_err "^search: no index at $WORK/nothing \(build one with: indexer --db $WORK/nothing FOLDER\.\.\.\)$"
[ -z "$OUT" ] || fail "missing index wrote: $OUT"
# Without --db, the default path ($SIFT_DB here) is used.
run "$SEARCH" nato
expect_rc 2 "missing default index"
expect_err "no index at $SIFT_DB .*indexer"
SIFT_DB="$WORK/idx" run "$SEARCH" nato
expect_rc 0 "SIFT_DB"
# A missing batch file is reported before the index is even opened.
run "$SEARCH" --db "$WORK/nothing" --batch "$WORK/nofile"
expect_rc 2 "missing batch and index"
expect_err "No such file or directory"

# A damaged index: say so, and how to rebuild.
cp -r "$WORK/idx" "$WORK/broken"
echo garbage >"$(gen_of "$WORK/broken")/iamglass"
run "$SEARCH" --db "$WORK/broken" nato
expect_rc 2 "damaged index"
expect_err 'damaged.*indexer --rebuild'

# A reader that leaves early: no crash, no complaint.
for i in $(seq 1 3000); do printf 'q%d\tnato\n' "$i"; done >"$WORK/many"
for fmt in json text trec; do
    "${S[@]}" --batch "$WORK/many" --format "$fmt" 2>"$WORK/pipe-err" | head -n 1 >/dev/null
    rc=${PIPESTATUS[0]}
    [ "$rc" -le 2 ] || fail "--format $fmt | head: exit $rc (killed by a signal?)"
    [ ! -s "$WORK/pipe-err" ] || fail "--format $fmt | head: $(cat "$WORK/pipe-err")"
done
# A full disk is an error, said so.
if [ -w /dev/full ]; then
    "${S[@]}" nato >/dev/full 2>"$WORK/full-err"
    rc=$?
    [ "$rc" -eq 2 ] || fail ">/dev/full: exit $rc"
    grep -q 'No space left' "$WORK/full-err" || fail ">/dev/full: $(cat "$WORK/full-err")"
fi

finish
