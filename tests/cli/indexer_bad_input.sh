#!/bin/bash
# indexer: each kind of bad input is named on stderr and counted in the
# summary; the good files are still indexed and committed; exit status 1
# (0 when there are only warnings).
. "$TESTS_LIB"
IDX="$WORK/idx"
C="$WORK/corpus"
mkdir -p "$C"
cp "$CORPUS"/*.txt "$C/"
run "$INDEXER" --db "$IDX" "$C"
expect_rc 0 "good corpus"

# Latin-1 (no UTF-8 in it at all): read as Windows-1252, with a warning;
# exit 0. (tests/cli/indexer_hostile.sh has mixed and UTF-16 files.)
printf 'Caf\xe9 Latin-1 Title\n\nna\xefve r\xe9sum\xe9\n' >"$C/latin1.txt"
run "$INDEXER" --db "$IDX" "$C"
expect_rc 0 "invalid UTF-8 is only a warning"
expect_err "^indexer: $C/latin1.txt: warning: not UTF-8: read as Windows-1252 \(Latin-1\)$"
expect_out "1 added, 0 updated, 5 unchanged, 0 removed; 0 failed, 0 skipped, 1 warning; 6 documents in the index$" "latin1"

# A UTF-8 byte order mark is dropped, not a warning.
printf '\xef\xbb\xbfBOM Title\n\ntext\n' >"$C/bom.txt"
run "$INDEXER" --db "$IDX" "$C"
expect_rc 0 "BOM"
[ -z "$ERR" ] || fail "BOM: unexpected stderr: $ERR"
expect_out "1 added.*0 warnings; 7 documents" "BOM"

# The bad ones, all at once, next to a new good one.
printf 'Binary\0\1\2\3 data\n' >"$C/binary.txt"
: >"$C/empty.txt"
printf '  \n\t\n\n' >"$C/blank.txt"
truncate -s 300M "$C/huge.txt" # sparse: nothing is read, the size says it
printf 'Fine Newcomer\n\ntext\n' >"$C/newcomer.txt"
run "$INDEXER" --db "$IDX" "$C" "$WORK/missing.txt"
expect_rc 1 "bad inputs"
expect_err "^indexer: $C/binary.txt: skipped: binary file$"
expect_err "^indexer: $C/empty.txt: skipped: empty file$"
expect_err "^indexer: $C/blank.txt: skipped: empty file$"
expect_err "^indexer: $C/huge.txt: skipped: file too large \(300 MiB > 256 MiB\)$"
expect_err "^indexer: $WORK/missing.txt: No such file or directory$"
expect_out "^indexed 8 documents into $IDX: 1 added, 0 updated, 7 unchanged, 0 removed; 1 failed, 4 skipped \(empty 2, binary 1, too large 1\), 0 warnings; 8 documents in the index$" "bad inputs"
[ "$(grep -c '^indexer: ' <<<"$ERR")" -eq 5 ] || fail "one message per bad input expected: $ERR"

# A file that was indexed and then fails to read keeps its old version.
rm -f "$C/binary.txt" "$C/empty.txt" "$C/blank.txt" "$C/huge.txt"
run "$INDEXER" --db "$IDX" "$C"
expect_rc 0 "cleaned up"
docs=$(grep -oE '[0-9]+ documents in the index' <<<"$OUT")
printf 'Now\0binary\n' >"$C/newcomer.txt"
run "$INDEXER" --db "$IDX" "$C"
expect_rc 1 "indexed file became binary"
expect_err "newcomer.txt: skipped: binary file"
expect_out "0 removed; 0 failed, 1 skipped \(binary 1\), 0 warnings; $docs$" "old version kept"

# Only bad input: nothing indexed, exit 1, the index is unchanged.
run "$INDEXER" --db "$IDX" "$WORK/nothing-here"
expect_rc 1 "only a missing path"
expect_out "^indexed 0 documents into $IDX: 0 added, 0 updated, 0 unchanged, 0 removed; 1 failed, 0 skipped, 0 warnings; [0-9]+ documents in the index$"
finish
