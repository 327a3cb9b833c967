#!/bin/bash
# What others can plant in the folders indexed or the queries asked: escape
# sequences in file names and query IDs, links out of the folders, FIFOs put
# in a file's place, one ID repeated a thousand times, IDs that print alike,
# indexes inside the folders. Each gets a bounded, visible, named answer.
. "$TESTS_LIB"
IDX="$WORK/idx"
T="$WORK/tree"
mkdir -p "$T/sub"
: >"$T/.sift-ids" # IDs relative to $T (sourceid.h)
printf 'Plain note\n\nan ordinary walrus\n' >"$T/note.txt"

# Escape sequences in names (clear screen, OSC 52 clipboard) never reach
# stderr raw: shown as \xHH. (A binary file, so that it gets a message.)
evil=$(printf 'x\033[2J\033]52;c;ZXZpbA==\007.txt')
printf 'bin\0ary' >"$T/$evil"
run "$INDEXER" --db "$IDX" "$T"
expect_rc 1 "escape in a name"
grep -q $'\033' <<<"$ERR" && fail "an escape character reached stderr: $(cat -v <<<"$ERR")"
expect_err 'x\\x1B\[2J\\x1B\]52;c;ZXZpbA==\\x07\.txt: skipped: binary file' "escape in a name"
# ... and in a real terminal, neither.
if command -v script >/dev/null; then
    script -qec "$INDEXER --db $WORK/idx-tty $T" /dev/null >"$WORK/tty.out" 2>&1 </dev/null
    grep -q $'\033\\[2J' "$WORK/tty.out" && fail "the terminal got ESC[2J: $(cat -v "$WORK/tty.out")"
    grep -q 'x\\x1B\[2J' "$WORK/tty.out" || fail "the terminal did not show the name: $(cat -v "$WORK/tty.out")"
fi
rm -f "$T/$evil"

# Query IDs in a batch: the same on stderr, in TREC runs and in evaluation
# tables (one token, no control characters).
{ printf '%s\twalrus\n' "$(printf 'q\033[2J1')"; printf 'q2\t%s\n' "$(head -c 20000 /dev/zero | tr '\0' 'w')"; } >"$WORK/evil.q"
run "$SEARCH" --db "$IDX" --batch "$WORK/evil.q" --format trec
grep -q $'\033' <<<"$OUT$ERR" && fail "an escape reached the output: $(cat -v <<<"$OUT$ERR")"
expect_out '^q%1B\[2J1 Q0 note 1 ' "TREC query ID"
printf '%s\t0\tnote\t1\n' "$(printf 'q\033[2J1')" >"$WORK/evil.qrels"
run "$SEARCH" --db "$IDX" --batch "$WORK/evil.q" --qrels "$WORK/evil.qrels" --per-query
grep -q $'\033' <<<"$OUT$ERR" && fail "an escape reached the evaluation: $(cat -v <<<"$OUT$ERR")"

# TREC: no two documents print alike; "sp ace" and "sp_ace" stay apart.
printf '{"_id": "sp ace", "text": "zebra one"}\n{"_id": "sp_ace", "text": "zebra two"}\n{"_id": "100%%", "text": "zebra three"}\n' >"$WORK/ids.jsonl"
run "$INDEXER" --db "$WORK/ids" "$WORK/ids.jsonl"
run "$SEARCH" --db "$WORK/ids" --format trec zebra
[ "$(awk '{ print $3 }' <<<"$OUT" | sort | tr '\n' ' ')" = "100%25 sp%20ace sp_ace " ] || fail "TREC IDs: $OUT"

# Links: to a file inside the folders given, followed; out of them (here
# to a file of the work folder, standing for /etc/passwd), reported and not
# followed unless -L; under -L a link back to a folder being walked (a
# loop) is not entered.
printf 'Secret\n\nthe password is narwhal\n' >"$WORK/secret.txt"
ln -s "$WORK/secret.txt" "$T/sub/leak.txt"
ln -s ../note.txt "$T/sub/inside.txt"
ln -s .. "$T/sub/up"
rm -rf "$IDX"
run "$INDEXER" --db "$IDX" "$T"
expect_rc 1 "a link out of the folders"
expect_err "^indexer: $T/sub/leak.txt: skipped: a symbolic link out of the folders given \(-L follows it\)$"
expect_out "2 added, .*1 skipped \(link 1\)" "a link out of the folders"
run "$SEARCH" --db "$IDX" narwhal
expect_rc 1 "the linked file is not searchable"
run "$SEARCH" --db "$IDX" --format trec walrus
[ "$(wc -l <<<"$OUT")" -eq 2 ] || fail "the link inside was not followed: $OUT"
run "$INDEXER" --db "$WORK/idx-L" -L "$T"
expect_rc 0 "-L"
run "$SEARCH" --db "$WORK/idx-L" --format trec narwhal
expect_out "leak" "-L follows the link out"
run "$SEARCH" --db "$WORK/idx-L" --format trec walrus
[ "$(awk '{ print $3 }' <<<"$OUT" | sort | tr '\n' ' ')" = "note sub/inside " ] || fail "-L: the loop sub/up (back to the folder walked) was entered: $OUT"

# An index inside the folders indexed (this one, another, or one of an
# older sift) is never read as documents.
rm -rf "$IDX"
run "$INDEXER" --db "$T/in-idx" "$T"
run "$INDEXER" --db "$T/other" "$WORK/secret.txt"
cp -r "$(gen_of "$T/other")" "$T/old-layout"
run "$INDEXER" --db "$T/in-idx" "$T"
expect_rc 1 "indexes inside the folder"
expect_out "0 added, 0 updated, 2 unchanged" "indexes inside the folder"
run "$SEARCH" --db "$T/in-idx" --format trec narwhal
expect_rc 1 "another index's files were indexed"
rm -rf "$T/other" "$T/old-layout" "$T/in-idx"

# One ID repeated a thousand times: a few lines of messages, and a count.
awk 'BEGIN { for (i = 0; i < 1000; i++) printf "{\"_id\": \"same\", \"text\": \"record %d\"}\n", i }' >"$WORK/dup.jsonl"
run "$INDEXER" --db "$WORK/dup" "$WORK/dup.jsonl"
expect_rc 1 "a repeated ID"
[ "$(wc -l <<<"$ERR")" -le 21 ] || fail "a repeated ID: $(wc -l <<<"$ERR") lines of messages"
expect_err "dup.jsonl: 979 more messages about its lines not shown" "a repeated ID"
expect_out "1 added, .* 999 failed" "a repeated ID"

# A file replaced by a FIFO after the listing: reported, never waited on
# (the indexer is held once it has listed the files).
F="$WORK/fifo"
mkdir -p "$F"
printf '{"_id": "r1", "text": "record"}\n' >"$F/c.jsonl"
printf 'Text\n\nsome text\n' >"$F/t.txt"
hold listed timeout 60 "$INDEXER" --db "$WORK/fidx" "$F" >"$WORK/f.out" 2>"$WORK/f.err"
pid=$HELD
rm "$F/c.jsonl" "$F/t.txt"
mkfifo "$F/c.jsonl" "$F/t.txt"
release listed
wait "$pid"
RC=$? ERR=$(cat "$WORK/f.err")
expect_rc 1 "files replaced by FIFOs"
expect_err "^indexer: $F/c.jsonl: cannot read: not a regular file$" "collection replaced by a FIFO"
expect_err "^indexer: $F/t.txt: cannot read: not a regular file$" "text file replaced by a FIFO"
finish
