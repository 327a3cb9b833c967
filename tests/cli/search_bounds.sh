#!/bin/bash
# Bounds a user cannot talk the programs past: a page of 4 294 967 295 hits,
# an offset near 2^32, a batch line of 300 MB; and an index the user may not
# write or read, called that.
. "$TESTS_LIB"
IDX="$WORK/idx"
run "$INDEXER" --db "$IDX" "$CORPUS"
expect_rc 0 "index"

# -n and --offset are cut to the index: no memory reserved for 2^32 hits.
run "$SEARCH" --db "$IDX" --format trec -n 4294967295 nato
expect_rc 0 "-n 4294967295"
[ "$(wc -l <<<"$OUT")" -eq 5 ] || fail "-n 4294967295: $OUT"
run "$SEARCH" --db "$IDX" --offset 4294966296 nato
expect_rc 0 "--offset 4294966296"
expect_out "^5 matches for \"nato\" \(none shown after offset 4294966296\)$" "--offset 4294966296"
run "$SEARCH" --db "$IDX" --format trec --offset 3 -n 4294967295 nato
[ "$(awk '{ print $4 }' <<<"$OUT" | tr '\n' ' ')" = "4 5 " ] || fail "--offset 3 -n 4294967295: $OUT"

# A 300 MB batch line: refused as the one query it is, without holding it:
# the answers around it come, and memory stays that of a small batch.
hwm() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
mkfifo "$WORK/fifo"
"$SEARCH" --db "$IDX" --batch "$WORK/fifo" -n 1 >"$WORK/out" 2>"$WORK/err" &
pid=$!
exec 3>"$WORK/fifo"
printf 'a\tnato\n' >&3
for _ in $(seq 1 600); do [ -s "$WORK/out" ] && break; sleep 0.05; done
small=$(hwm "$pid")
{ printf 'L\t'; head -c 300000000 /dev/zero | tr '\0' 'x'; printf '\nb\tnato\n'; } >&3
for _ in $(seq 1 1200); do [ "$(wc -l <"$WORK/out")" -ge 3 ] && break; sleep 0.05; done
big=$(hwm "$pid")
exec 3>&-
wait "$pid"
RC=$? OUT=$(cat "$WORK/out") ERR=$(cat "$WORK/err")
expect_rc 2 "a 300 MB line"
"$JSON_CHECK" --lines 3 --qids a,L,b <<<"$OUT" || fail "a 300 MB line: the answers"
expect_out '^\{"qid":"L",.*"error":"the line is longer than 256 KiB: not read"' "a 300 MB line"
expect_err "^search: query L: the line is longer than 256 KiB: not read$" "a 300 MB line"
if ldd "$SEARCH" 2>/dev/null | grep -q libasan; then
    echo "AddressSanitizer build: peak memory $small kB, then $big kB (not checked)"
else
    echo "peak memory before the 300 MB line: $small kB; after: $big kB"
    [ $((big - small)) -le 8192 ] || fail "a 300 MB line took memory: $small kB, then $big kB"
fi

# Permissions: an index the user may not write is "permission denied", with
# its path (not "locked", not "no index"); search still reads it. One the
# user may not read either: search says permission denied too. (Run as
# nobody when the tests run as root, who may write anything.)
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv >/dev/null || { echo "no setpriv: permission checks skipped"; finish; }
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    chmod 755 "$WORK"
else
    chmod -R a-w "$IDX"
fi
chmod -R go+rX,go-w "$IDX"
run "${as_user[@]}" "$INDEXER" --db "$IDX" "$CORPUS"
expect_rc 2 "indexer on an index it may not write"
expect_err "^indexer: $IDX: permission denied \(cannot open $IDX/sift.lock: Permission denied\)$" "indexer, read-only index"
run "${as_user[@]}" "$SEARCH" --db "$IDX" --format trec nato
expect_rc 0 "search of an index it may read"
[ "$(wc -l <<<"$OUT")" -eq 5 ] || fail "search of a read-only index: $OUT"
chmod -R go-rwx "$IDX"
[ "$(id -u)" -eq 0 ] || chmod -R a-r "$IDX"
run "${as_user[@]}" "$SEARCH" --db "$IDX" nato
expect_rc 2 "search of an index it may not read"
expect_err "^search: $IDX: permission denied" "search, unreadable index"
chmod -R u+rwX "$IDX"
finish
