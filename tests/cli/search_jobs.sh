#!/bin/bash
# search --batch --jobs N: the same bytes, on stdout and stderr, and the same
# exit status as --jobs 1, in every format (json, text, trec, --qrels text
# and json), with blank, CRLF, BEIR and refused lines; stdin batches; each
# answer written as soon as it is ready (a co-process gets it); a reader that
# leaves (| head -1) stops every thread at once; --jobs validated.
. "$TESTS_LIB"
IDX="$WORK/idx"
C="$WORK/c"
mkdir -p "$C"

# A generated collection, so that there is work to share: 400 documents of
# 40 to 160 words from a vocabulary of 300 made-up words.
awk 'BEGIN {
    srand(7); split("ka lo mi ne ru ta ve zo pra ste qui bon dar fel gus", syl, " ")
    for (w = 1; w <= 300; w++) {
        word = ""; n = 2 + int(rand() * 2)
        for (j = 0; j < n; j++) word = word syl[1 + int(rand() * 15)]
        vocab[w] = word
    }
    for (d = 1; d <= 400; d++) {
        title = vocab[1 + int(rand() * 300)] " " vocab[1 + int(rand() * 300)]
        text = ""; n = 40 + int(rand() * 120)
        for (j = 0; j < n; j++) {
            w = 1 + int(rand() * rand() * 300) # skewed: some words everywhere
            text = text (j ? " " : "") vocab[w]
        }
        printf "{\"_id\": \"g%03d\", \"title\": \"%s\", \"text\": \"%s\"}\n", d, title, text
    }
    for (w = 1; w <= 300; w++) print vocab[w] > "/dev/stderr"
}' >"$C/gen.jsonl" 2>"$WORK/vocab"
run "$INDEXER" --db "$IDX" "$CORPUS" "$C"
expect_rc 0 "index"
S=("$SEARCH" --db "$IDX")

# 300 queries: one to four words, phrases, operators, misspellings (a
# suggestion, and the correction searched), known words of corpus/; blank
# and CRLF lines, BEIR records, IDs; a line over 16 KiB and one of over 1000
# distinct words (refused: their place is kept, exit 2 at the end).
awk -v vocab="$WORK/vocab" 'BEGIN {
    srand(11)
    while ((getline w < vocab) > 0) v[++n] = w
    for (i = 1; i <= 300; i++) {
        a = v[1 + int(rand() * n)]; b = v[1 + int(rand() * n)]; c = v[1 + int(rand() * n)]
        k = i % 12
        if (k == 0) print ""
        else if (k == 1) printf "q%d\t%s %s\n", i, a, b
        else if (k == 2) printf "\"%s %s\"\n", a, b
        else if (k == 3) printf "%s AND %s\r\n", a, b
        else if (k == 4) printf "{\"_id\": \"j%d\", \"text\": \"%s %s %s\"}\n", i, a, b, c
        else if (k == 5) printf "%s NOT %s\n", a, b
        else if (k == 6) printf "%s%s\n", substr(a, 1, 3), substr(a, 3)
        else if (k == 7) print "nato military liaison mission"
        else if (k == 8) printf "title:%s\n", a
        else if (k == 9) printf "%s*\n", substr(a, 1, 3)
        else if (k == 10) print "zzqvxw"
        else printf "%s %s %s %s\n", a, b, c, v[1 + int(rand() * n)]
        if (i == 100) { printf "long\tnato"; for (j = 0; j < 3000; j++) printf " lavrov%d", j % 3; print "" }
        if (i == 200) { printf "many\t"; for (j = 0; j < 1100; j++) printf "w%d ", j; print "" }
    }
}' >"$WORK/queries"

# same ARGS...: runs search --jobs 1, 2 and 4 on the batch with ARGS and
# checks that stdout, stderr and the exit status do not change; leaves the
# --jobs 1 run in $OUT, $ERR, $RC.
same() {
    local what="$*" j
    "${S[@]}" "$@" --jobs 1 >"$WORK/out1" 2>"$WORK/err1"
    local rc1=$?
    [ -s "$WORK/out1" ] || fail "$what: no output"
    for j in 2 4; do
        "${S[@]}" "$@" --jobs "$j" >"$WORK/out$j" 2>"$WORK/err$j"
        local rc=$?
        [ "$rc" -eq "$rc1" ] || fail "$what: --jobs $j exit status $rc, --jobs 1 $rc1"
        cmp -s "$WORK/out1" "$WORK/out$j" ||
            fail "$what: --jobs $j output differs: $(diff "$WORK/out1" "$WORK/out$j" | head -n 5)"
        cmp -s "$WORK/err1" "$WORK/err$j" ||
            fail "$what: --jobs $j stderr differs: $(diff "$WORK/err1" "$WORK/err$j" | head -n 5)"
    done
    RC=$rc1
    OUT=$(cat "$WORK/out1")
    ERR=$(cat "$WORK/err1")
}

same --batch "$WORK/queries"
expect_rc 2 "json (refused lines)"
[ "$(wc -l <<<"$OUT")" -eq 302 ] || fail "json: $(wc -l <<<"$OUT") answers, expected 302"
"$JSON_CHECK" --lines 302 <<<"$OUT" || fail "json: not valid JSON Lines"
expect_out '^\{"qid":"long",.*"error":"the query is too long' "json: long line"
expect_out '^\{"qid":"many",.*"error":' "json: too many words"
expect_out '"corrected":true' "json: a misspelt query corrected"
expect_err "^search: query long: " "json: long line"
expect_err "^search: query many: " "json: too many words"
[ "$(grep -c '"hits":\[\]' <<<"$OUT")" -lt 200 ] || fail "json: most queries found nothing"
same --batch "$WORK/queries" -n 3 --offset 2 --natural
same --batch "$WORK/queries" --format text --color=never
expect_out '^q1: [0-9]+ match'
same --batch "$WORK/queries" --format text --color=always
same --batch "$WORK/queries" --format trec
[ "$(wc -l <<<"$OUT")" -gt 1000 ] || fail "trec: $(wc -l <<<"$OUT") lines"
same --batch "$WORK/queries" --format trec -n 10 --run-tag jobs

# --qrels: the measures of every query, and the means, in text and JSON.
# Judgments from the run itself: hits ranked 2 and 5 relevant, and one
# document that no query finds.
awk '$4 == 2 || $4 == 5 { print $1, 0, $3, 1 } $4 == 1 { print $1, 0, "nowhere", 1 }' \
    <<<"$OUT" >"$WORK/qrels"
same --batch "$WORK/queries" --qrels "$WORK/qrels" --per-query
expect_out '^MAP +0\.[0-9]{4}$' "qrels text"
same --batch "$WORK/queries" --qrels "$WORK/qrels" --per-query --format json

# Exit status 0 and 1 too, not only 2.
grep -v -e '^long' -e '^many' "$WORK/queries" >"$WORK/fine"
same --batch "$WORK/fine"
expect_rc 0 "a batch that matches"
[ -z "$ERR" ] || fail "a batch that matches: $ERR"
printf 'zzqvxw\n\nqqqzzzyyx\n' >"$WORK/nomatch"
same --batch "$WORK/nomatch"
expect_rc 1 "a batch that matches nothing"
: >"$WORK/empty"
"${S[@]}" --batch "$WORK/empty" --jobs 4 >"$WORK/out" 2>&1
[ $? -eq 1 ] && [ ! -s "$WORK/out" ] || fail "empty batch, --jobs 4: $(cat "$WORK/out")"

# From stdin.
"${S[@]}" --batch "$WORK/queries" --jobs 1 >"$WORK/file.out" 2>/dev/null
bash -c '"$@" --batch - --jobs 4 <"'"$WORK/queries"'"' _ "${S[@]}" >"$WORK/stdin.out" 2>/dev/null
cmp -s "$WORK/file.out" "$WORK/stdin.out" || fail "stdin batch, --jobs 4: output differs"
cat "$WORK/queries" | "${S[@]}" --batch - --jobs 2 --format trec >"$WORK/pipe.out" 2>/dev/null
"${S[@]}" --batch "$WORK/queries" --jobs 1 --format trec >"$WORK/file.out" 2>/dev/null
cmp -s "$WORK/file.out" "$WORK/pipe.out" || fail "piped batch, --jobs 2: output differs"

# No index, or a damaged one: said before any output, as with --jobs 1.
run "$SEARCH" --db "$WORK/nowhere" --batch "$WORK/queries" --jobs 4
expect_rc 2 "no index"
expect_err "^search: no index at $WORK/nowhere"
[ -z "$OUT" ] || fail "no index: wrote $OUT"

# An index that fails in the middle of a batch (a damaged block of the
# posting lists, met by some queries only): the answers before the first
# failing query (at least the blank lines that start this batch, which are
# not searched), then its error, exit 2, whichever thread met it first.
{ printf '\n\n\n'; cat "$WORK/queries"; } >"$WORK/late"
blocks=$(($(stat -c %s "$(gen_of "$IDX")/postlist.glass") / 8192))
damaged=0 midway=0
for frac in 3 5 7 9; do
    rm -rf "$WORK/damaged"
    cp -r "$IDX" "$WORK/damaged"
    dd if=/dev/zero bs=8192 count=1 seek=$((blocks * frac / 10)) conv=notrunc \
        of="$(gen_of "$WORK/damaged")/postlist.glass" 2>/dev/null
    for fmt in trec json; do
        "$SEARCH" --db "$WORK/damaged" --batch "$WORK/late" --format "$fmt" --jobs 1 \
            >"$WORK/out1" 2>"$WORK/err1"
        rc1=$?
        "$SEARCH" --db "$WORK/damaged" --batch "$WORK/late" --format "$fmt" --jobs 4 \
            >"$WORK/out4" 2>"$WORK/err4"
        rc4=$?
        what="damaged block at $frac/10, $fmt"
        [ "$rc1" -eq "$rc4" ] || fail "$what: --jobs 4 exit status $rc4, --jobs 1 $rc1"
        cmp -s "$WORK/out1" "$WORK/out4" || fail "$what: --jobs 4 output differs"
        cmp -s "$WORK/err1" "$WORK/err4" || fail "$what: --jobs 4 stderr differs"
        if grep -q "is damaged" "$WORK/err1"; then
            damaged=$((damaged + 1))
            [ "$rc1" -eq 2 ] || fail "$what: exit status $rc1"
            [ "$(wc -l <"$WORK/out1")" -gt 3 ] && midway=$((midway + 1))
        fi
    done
done
echo "damaged index: $damaged of 8 runs met the damage, $midway after some searches"
[ "$damaged" -gt 0 ] || fail "no run met the damaged block"

# A co-process: each answer comes as soon as it is ready, while the batch is
# still open.
mkfifo "$WORK/fifo"
"${S[@]}" --batch "$WORK/fifo" --jobs 2 -n 1 >"$WORK/co.out" 2>"$WORK/co.err" &
pid=$!
exec 3>"$WORK/fifo"
answers() { # N: waits (10 s at most) for N answers
    for _ in $(seq 1 100); do
        [ "$(wc -l <"$WORK/co.out")" -ge "$1" ] && return 0
        sleep 0.1
    done
    fail "co-process: $(wc -l <"$WORK/co.out") answers, expected $1"
}
printf 'c1\tnato\n' >&3
answers 1
printf 'c2\tzzqvxw\nc3\tmission\n' >&3
answers 3
exec 3>&-
wait "$pid"
rc=$?
[ "$rc" -eq 0 ] || fail "co-process: exit $rc: $(cat "$WORK/co.err")"
"$JSON_CHECK" --lines 3 --qids c1,c2,c3 <"$WORK/co.out" || fail "co-process: $(cat "$WORK/co.out")"

# A reader that leaves early: every thread stops at once, quietly, exit 2
# (output failed), as with --jobs 1.
awk 'BEGIN { for (i = 1; i <= 20000; i++) print "nato military mission " i % 7 }' >"$WORK/big"
for fmt in json text trec; do
    timeout 10 "${S[@]}" --batch "$WORK/big" --jobs 2 --format "$fmt" 2>"$WORK/pipe-err" | head -n 1 >/dev/null
    rc=${PIPESTATUS[0]}
    [ "$rc" -eq 2 ] || fail "--format $fmt --jobs 2 | head -1: exit $rc (124: it hung)"
    [ ! -s "$WORK/pipe-err" ] || fail "--format $fmt --jobs 2 | head -1: $(cat "$WORK/pipe-err")"
done
# ... also when the batch comes from a pipe that has more to say.
timeout 10 bash -c 'yes nato | "$@" --batch - --jobs 4 | head -n 1' _ "${S[@]}" >/dev/null 2>"$WORK/pipe-err"
rc=$?
[ "$rc" -eq 0 ] || fail "yes | search --jobs 4 | head -1: exit $rc (124: it hung)"
[ ! -s "$WORK/pipe-err" ] || fail "yes | search --jobs 4 | head -1: $(cat "$WORK/pipe-err")"

# --jobs: a whole number, 1 or more; accepted and ignored with one query.
for bad in 0 -1 1.5 abc "" " 2" +2 99999999999999999999; do
    run "${S[@]}" --batch "$WORK/queries" --jobs "$bad"
    expect_rc 2 "--jobs '$bad'"
    grep -qxF "search: invalid value for -j/--jobs: '$bad' (expected a whole number, 1 or more)" <<<"$ERR" ||
        fail "--jobs '$bad': $ERR"
    [ -z "$OUT" ] || fail "--jobs '$bad': wrote $OUT"
done
run "${S[@]}" --jobs 3 --format trec nato
expect_rc 0 "--jobs with one query"
[ "$OUT" = "$("${S[@]}" --format trec nato)" ] || fail "--jobs with one query: $OUT"
run "${S[@]}" --batch "$WORK/nomatch" -j 1000
expect_rc 1 "-j 1000"
"$JSON_CHECK" --lines 3 --max-hits 0 <<<"$OUT" || fail "-j 1000: $OUT"
run "${S[@]}" --help
expect_out '^  -j, --jobs N ' "--help"

finish
