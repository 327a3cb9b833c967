#!/bin/bash
# indexer: hostile corpus files. Each gets what the README's "Bad input" table
# says, a message naming it where one is due, and everything else is indexed.
# (Files of 200 MB and of 10 million words: bench/hostile-inputs.)
. "$TESTS_LIB"
IDX="$WORK/idx"
C="$WORK/c"
mkdir -p "$C"
: >"$C/.sift-ids" # IDs relative to $C (sourceid.h)
printf 'Plain title\n\na good file about otters\n' >"$C/good.txt"

# UTF-16 with a byte order mark, both byte orders: converted, no warning.
printf 'Zebra notes\n\nUTF-16 text about zebras and caf\xc3\xa9s\n' | iconv -f UTF-8 -t UTF-16LE \
  | { printf '\xff\xfe'; cat; } >"$C/utf16le.txt"
printf 'Giraffe notes\n\nbig-endian giraffes\n' | iconv -f UTF-8 -t UTF-16BE \
  | { printf '\xfe\xff'; cat; } >"$C/utf16be.txt"
# UTF-8 with one stray Latin-1 byte: repaired, warned.
printf 'Mixed\n\nna\xc3\xafve and caf\xe9 walrus\n' >"$C/mixed.txt"
# An executable: binary, skipped.
cp "$(type -P true)" "$C/program"
# One long line (5 MB of words, no newline) and a file of a million words.
awk 'BEGIN { for (i = 0; i < 700000; i++) printf "w%d ", i % 5000; printf "needle" }' >"$C/oneline.txt"
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "%c ", 97 + i % 26 }' >"$C/words.txt"
# A symbolic link loop, and a link to a folder (neither is followed).
ln -s . "$C/loop"
ln -s "$C" "$C/self"
# Folders 110 and 150 levels deep, a file at each bottom. The deeper one's
# source ID (its path) is over 216 bytes: shortened, with a hash at its end.
deep="$C/deep" deeper="$C/deeper"
for i in $(seq 1 110); do deep="$deep/d"; done
for i in $(seq 1 150); do deeper="$deeper/d"; done
mkdir -p "$deep" "$deeper"
printf 'Deep file\n\nat the bottom of the pit a narwhal\n' >"$deep/bottom.txt"
printf 'Deeper file\n\nfurther down\n' >"$deeper/bottom.txt"

run "$INDEXER" --db "$IDX" "$C"
expect_rc 1 "hostile corpus"
expect_err "^indexer: $C/program: skipped: binary file( \(.*\))?$" "ELF"
expect_err "^indexer: $C/mixed.txt: warning: invalid UTF-8: 1 byte replaced with U\+FFFD$" "mixed"
expect_out "^indexed 8 documents into $IDX: 8 added, 0 updated, 0 unchanged, 0 removed; 0 failed, 1 skipped \(binary 1\), 1 warning; 8 documents in the index$"
grep -q "utf16" <<<"$ERR" && fail "UTF-16 warned: $ERR"

run "$SEARCH" --db "$IDX" --format trec zebras cafés
expect_out "^1 Q0 utf16le 1 " "UTF-16LE text is searchable"
run "$SEARCH" --db "$IDX" --format trec giraffes
expect_out "^1 Q0 utf16be 1 " "UTF-16BE"
run "$SEARCH" --db "$IDX" --color never zebras
expect_out "1\. utf16le  Zebra notes" "UTF-16 title"
run "$SEARCH" --db "$IDX" --format trec walrus
expect_out " mixed " "repaired file"
run "$SEARCH" --db "$IDX" --format trec needle
expect_out " oneline " "the end of a 5 MB line"
run "$SEARCH" --db "$IDX" --format trec narwhal
expect_out " deep/(d/)+~[0-9a-f]{16} " "110 levels down (an ID over 216 bytes, shortened)"
run "$SEARCH" --db "$IDX" --format trec further
expect_out "^1 Q0 deeper/(d/)+d?~[0-9a-f]{16} 1 " "150 levels down: a shortened ID"
[ "$(grep -c . <<<"$(cd "$WORK" && "$SEARCH" --db "$IDX" --format trec -n 100 otters)")" -eq 1 ] ||
    fail "a link to a folder was followed: good.txt indexed twice"
# A file that vanishes between listing and reading: the indexer is paused
# once it has listed the files and committed the first 1 000 records of a
# collection listed before it; the file is deleted; the run goes on.
V="$WORK/v"
mkdir -p "$V"
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "{\"id\": \"a%d\", \"contents\": \"alpha record %d\"}\n", i, i }' >"$V/a.jsonl"
printf 'Vanishing\n\nsoon gone\n' >"$V/z.txt"
hold commit "$INDEXER" --db "$WORK/vidx" --jobs 1 "$V" >"$WORK/v.out" 2>"$WORK/v.err"
pid=$HELD
rm "$V/z.txt"
release commit
wait "$pid"
RC=$? OUT=$(cat "$WORK/v.out") ERR=$(cat "$WORK/v.err")
expect_rc 1 "a file vanished"
expect_err "^indexer: $V/z.txt: cannot read: No such file or directory$" "vanished file"
expect_out "3000 added, .*1 failed.*; 3000 documents in the index$" "the rest indexed"
finish
