#!/bin/bash
# indexer: a reader that crashes, hangs or balloons costs that one file
# (the reader process, sandbox.h, is killed and started again); converters
# (--convert) run with the same limits. The faults are made by the reader
# process itself on request (SIFT_READER_FAULT, worker.c), as a broken
# parser would behave.
. "$TESTS_LIB"
python3 "$MAKE_FIXTURES" "$WORK/f" good || { fail "make_fixtures.py failed"; finish; }
D="$WORK/d"
mkdir -p "$D"
G="$WORK/f/good"
cp "$G/report.pdf" "$D/a.pdf"
cp "$G/report.pdf" "$D/b.pdf"
cp "$G/page.html" "$G/memo.docx" "$G/plain.txt" "$D/"

for fault in crash hang balloon; do
    IDX="$WORK/idx-$fault"
    # (Only the hang waits for the time limit: the others get a generous one,
    # however busy the machine.)
    limit=60
    [ "$fault" = hang ] && limit=2
    run env SIFT_READER_FAULT="$fault:pdf" "$INDEXER" --db "$IDX" --read-timeout "$limit" --read-memory 256 "$D"
    expect_rc 1 "$fault"
    case $fault in
    crash) why="the reader crashed \(signal 6, Aborted\)" ;;
    hang) why="the reader took longer than 2 s: stopped" ;;
    balloon) why="the reader (ran out of memory \(limit 256 MiB\) and stopped|used more than 256 MiB of memory: stopped)" ;;
    esac
    expect_err "^indexer: $D/a.pdf: not indexed: $why$" "$fault: a.pdf"
    expect_err "^indexer: $D/b.pdf: not indexed: $why$" "$fault: b.pdf (a new reader process)"
    expect_out "^indexed 3 documents into $IDX: 3 added, .*; 2 failed, 0 skipped, 0 warnings; 3 documents in the index$" "$fault"
    for word in hazelnutprobe beechnutprobe peachprobe; do
        [ -n "$("$SEARCH" --db "$IDX" -l "$word")" ] || fail "$fault: $word not indexed"
    done
done
# A fault in a file changed since it was indexed keeps its old document.
IDX="$WORK/idx-keep"
"$INDEXER" --db "$IDX" "$D" >/dev/null
touch -d '2001-01-01' "$D/a.pdf"
run env SIFT_READER_FAULT=crash:pdf "$INDEXER" --db "$IDX" "$D"
expect_out "0 removed; 1 failed, .*; 5 documents in the index$" "failed update"
[ "$("$SEARCH" --db "$IDX" -l hickoryprobe | wc -l)" -eq 2 ] || fail "the old a.pdf is gone"

# Converters: the command's output is the text; a failure, a hang and a
# memory hog are each named; other files go on.
C="$WORK/c"
mkdir -p "$C"
printf 'lower case words and a plumprobe\n' >"$C/a.up"
printf 'anything\n' >"$C/b.fail"
printf 'anything\n' >"$C/c.slow"
printf 'anything\n' >"$C/d.hog"
printf 'Kept Title\n\nfigprobe\n' >"$C/e.txt"
IDX="$WORK/idx-convert"
# (A generous time limit for those that finish, however busy the machine;
# the slow one alone under a short one.)
run "$INDEXER" --db "$IDX" --read-timeout 60 --read-memory 128 --convert 'up=tr a-z A-Z <' \
    --convert 'fail=echo broken converter >&2; exit 3; :' \
    --convert 'hog=python3 -c "x = bytearray(1 << 30)" #' "$C"
expect_rc 1 "converters"
expect_err "^indexer: $C/b.fail: not indexed: the converter failed \(exit status 3\): broken converter$" "failing converter"
expect_err "^indexer: $C/d.hog: not indexed: the converter failed \(exit status 1\): " "memory hog"
expect_out "3 added, .*; 2 failed, " "converters (c.slow, without its converter, is text)"
run "$INDEXER" --db "$WORK/idx-slow" --read-timeout 2 --convert 'slow=sleep 60; :' "$C/c.slow"
expect_rc 1 "slow converter"
expect_err "^indexer: $C/c.slow: not indexed: the converter took longer than 2 s: stopped$" "slow converter"
run "$SEARCH" --db "$IDX" --format json plumprobe
expect_out "\"title\":\"LOWER CASE WORDS AND A PLUMPROBE\",\"path\":\"$C/a.up\",\"type\":\"up\"" "converted text"
[ -n "$("$SEARCH" --db "$IDX" -l figprobe)" ] || fail "a text file beside the converters"
run "$INDEXER" --db "$IDX" --convert '.up=cat' "$C"
expect_rc 2 "--convert with a dot"
expect_err "--convert needs EXT=COMMAND" "bad --convert"
finish
