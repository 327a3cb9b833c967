#!/bin/bash
# indexer: --rebuild swaps a new index in atomically and cleans up after
# itself; interrupted runs keep what was committed; a second indexer on a
# locked index is refused.
. "$TESTS_LIB"
IDX="$WORK/idx"
C="$WORK/corpus"
mkdir -p "$C"
cp "$CORPUS"/*.txt "$CORPUS"/.sift-ids "$C/"
run "$INDEXER" --db "$IDX" "$C"
printf 'Extra Note\n\ntext\n' >"$WORK/extra.txt"
run "$INDEXER" --db "$IDX" "$WORK/extra.txt"
expect_out "6 documents in the index$" "before rebuild"

# A stale temporary folder of a dead indexer is removed; other things whose
# names look alike are left alone.
dead=999999
while kill -0 "$dead" 2>/dev/null; do dead=$((dead - 1)); done
cp -r "$IDX" "$IDX.rebuild-$dead"
mkdir -p "$IDX.rebuild-notapid" "$IDX.rebuild-$((dead - 1))x"

# The rebuild holds only what this run names.
ino=$(stat -c %i "$IDX/iamglass")
run "$INDEXER" --db "$IDX" --rebuild "$C"
expect_rc 0 "rebuild"
expect_out "^indexed 5 documents into $IDX: 5 added, 0 updated, 0 unchanged, 0 removed; 0 failed, 0 skipped, 0 warnings; 5 documents in the index$" "rebuild"
[ "$(stat -c %i "$IDX/iamglass")" != "$ino" ] || fail "the index was not replaced"
[ -e "$IDX.rebuild-$dead" ] && fail "stale $IDX.rebuild-$dead not removed"
[ -d "$IDX.rebuild-notapid" ] || fail "removed a folder that is not a rebuild"
[ -d "$IDX.rebuild-$((dead - 1))x" ] || fail "removed a folder that is not a rebuild (x)"
[ "$(ls -d "$IDX".rebuild-* | wc -l)" -eq 2 ] || fail "leftovers: $(ls -d "$IDX".*)"
rm -rf "$IDX".rebuild-*

# Many files, so that there is time to interrupt and to collide.
B="$WORK/big"
mkdir -p "$B"
for i in $(seq 1 20000); do
    printf 'Title number %d\n\nBody text about item %d.\n' "$i" "$i" >"$B/f$i.txt"
done

# Interrupting a rebuild leaves the old index as it was, and no temp folder.
"$INDEXER" --db "$IDX" --rebuild "$B" >"$WORK/int.out" 2>"$WORK/int.err" &
pid=$!
sleep 0.3
kill -INT "$pid" 2>/dev/null
wait "$pid"
rc=$?
if [ "$rc" -eq 130 ]; then
    grep -q "interrupted; the rebuild is abandoned" "$WORK/int.err" || fail "interrupted rebuild: $(cat "$WORK/int.err")"
    run "$INDEXER" --db "$IDX" "$C"
    expect_out "0 added, 0 updated, 5 unchanged, 0 removed;.* 5 documents in the index$" "old index kept after interrupted rebuild"
else
    echo "rebuild finished (rc $rc) before it could be interrupted; check skipped"
fi
ls -d "$IDX".rebuild-* >/dev/null 2>&1 && fail "interrupted rebuild left $(ls -d "$IDX".rebuild-*)"

# Interrupting a run keeps what was committed; the next run finishes it.
rm -rf "$IDX"
"$INDEXER" --db "$IDX" "$B" >"$WORK/int.out" 2>"$WORK/int.err" &
pid=$!
# Interrupted once its first commit is on disk (docdata.glass appears with
# it), however busy the machine.
for _ in $(seq 1 600); do [ -e "$IDX/docdata.glass" ] && break; sleep 0.05; done
kill -INT "$pid" 2>/dev/null
wait "$pid"
rc=$?
[ "$rc" -eq 130 ] || [ "$rc" -eq 0 ] || fail "interrupted run: exit $rc: $(cat "$WORK/int.err")"
[ "$rc" -eq 130 ] && { grep -q "interrupted; the files indexed so far are committed" "$WORK/int.err" || fail "interrupt message: $(cat "$WORK/int.err")"; }
run "$INDEXER" --db "$IDX" "$B"
expect_rc 0 "run after interruption"
added=$(sed -nE 's/.*: ([0-9]+) added, 0 updated, ([0-9]+) unchanged, 0 removed;.*/\1 \2/p' <<<"$OUT")
read -r a u <<<"$added"
[ -n "$added" ] && [ $((a + u)) -eq 20000 ] || fail "after interruption: $OUT"
[ "$rc" -eq 130 ] && [ "${u:-0}" -eq 0 ] && fail "nothing was committed before the interruption"
expect_out "20000 documents in the index$" "after interruption"

# A second indexer while one holds the index: refused, exit 2.
rm -rf "$IDX"
run "$INDEXER" --db "$IDX" "$C"
lock_ino=$(stat -c %i "$IDX/flintlock")
"$INDEXER" --db "$IDX" "$B" >/dev/null 2>&1 &
pid=$!
seen=0
for _ in $(seq 1 500); do
    if grep -q ":$lock_ino " /proc/locks 2>/dev/null; then
        kill -STOP "$pid" && seen=1
        break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.002
done
if [ "$seen" -eq 1 ]; then
    run "$INDEXER" --db "$IDX" "$C"
    rc2=$RC err2=$ERR
    run "$INDEXER" --db "$IDX" --rebuild "$C"
    kill -CONT "$pid"
    expect_rc 2 "rebuild while locked"
    expect_err "index is locked by another indexer" "rebuild while locked"
    RC=$rc2 ERR=$err2
    expect_rc 2 "second indexer"
    expect_err "^indexer: $IDX: index is locked by another indexer \(pid $pid\)$"
else
    echo "could not catch the first indexer holding the lock; check skipped"
fi
wait "$pid"
finish
