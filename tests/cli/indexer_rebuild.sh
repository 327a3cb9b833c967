#!/bin/bash
# indexer: --rebuild puts a new index in place of the old in one step and
# cleans up after itself; interrupted runs keep what was committed (an
# interrupted rebuild keeps the old index); a second indexer on a locked
# index is refused, naming the first. The moments are made, not waited for:
# the first indexer is held at a named point (tests/lib.sh: hold).
. "$TESTS_LIB"
IDX="$WORK/idx"
C="$WORK/corpus"
mkdir -p "$C"
cp "$CORPUS"/*.txt "$CORPUS"/.sift-ids "$C/"
run "$INDEXER" --db "$IDX" "$C"
printf 'Extra Note\n\ntext\n' >"$WORK/extra.txt"
run "$INDEXER" --db "$IDX" "$WORK/extra.txt"
expect_out "6 documents in the index$" "before rebuild"
only_index() { # the lock, the stub, one generation; nothing beside
    [ "$(ls "$IDX" | sed 's/^gen-[0-9]*$/gen/' | tr '\n' ' ')" = "XAPIANDB gen sift.lock " ] ||
        fail "${1:-}: $IDX holds $(ls "$IDX" | tr '\n' ' ')"
}

# What killed writers left inside the index goes; the names beside it are
# none of the indexer's business (it writes nothing there).
mkdir -p "$IDX/gen-77" "$IDX/parts/0" "$IDX.rebuild-123" "$IDX.merge-456"
gen=$(gen_of "$IDX")
run "$INDEXER" --db "$IDX" --rebuild "$C"
expect_rc 0 "rebuild"
expect_out "^indexed 5 documents into $IDX: 5 added, 0 updated, 0 unchanged, 0 removed; 0 failed, 0 skipped, 0 warnings; 5 documents in the index$" "rebuild"
[ "$(gen_of "$IDX")" != "$gen" ] || fail "the index was not replaced"
[ -e "$gen" ] && fail "the old generation $gen is still there"
only_index "rebuild"
[ -d "$IDX.rebuild-123" ] && [ -d "$IDX.merge-456" ] || fail "removed folders beside the index"
rm -rf "$IDX".*

# Many files, so that a run commits more than once.
B="$WORK/big"
mkdir -p "$B"
for i in $(seq 1 3000); do
    printf 'Title number %d\n\nBody text about item %d.\n' "$i" "$i" >"$B/f$i.txt"
done

# Interrupting a rebuild (after it has committed 1000 documents of its own)
# leaves the old index as it was, and nothing of the new one.
hold commit "$INDEXER" --db "$IDX" --rebuild "$B" >"$WORK/int.out" 2>"$WORK/int.err"
pid=$HELD
kill -INT "$pid"
release commit
wait "$pid"
rc=$?
[ "$rc" -eq 130 ] || fail "interrupted rebuild: exit $rc"
grep -q "interrupted; the rebuild is abandoned" "$WORK/int.err" || fail "interrupted rebuild: $(cat "$WORK/int.err")"
only_index "interrupted rebuild"
run "$INDEXER" --db "$IDX" "$C"
expect_out "0 added, 0 updated, 5 unchanged, 0 removed;.* 5 documents in the index$" "old index kept after interrupted rebuild"

# Interrupting a run keeps what was committed; the next run finishes it.
rm -rf "$IDX"
hold commit "$INDEXER" --db "$IDX" "$B" >"$WORK/int.out" 2>"$WORK/int.err"
pid=$HELD
kill -INT "$pid"
release commit
wait "$pid"
rc=$?
[ "$rc" -eq 130 ] || fail "interrupted run: exit $rc: $(cat "$WORK/int.err")"
grep -q "interrupted; the files indexed so far are committed" "$WORK/int.err" || fail "interrupt message: $(cat "$WORK/int.err")"
run "$INDEXER" --db "$IDX" "$B"
expect_rc 0 "run after interruption"
added=$(sed -nE 's/.*: ([0-9]+) added, 0 updated, ([0-9]+) unchanged, 0 removed;.*/\1 \2/p' <<<"$OUT")
read -r a u <<<"$added"
[ -n "$added" ] && [ $((a + u)) -eq 3000 ] || fail "after interruption: $OUT"
[ "${u:-0}" -ge 1000 ] || fail "the 1000 documents committed before the interruption were not kept: $OUT"
expect_out "3000 documents in the index$" "after interruption"

# A second indexer while one holds the index (held after its first commit):
# refused at once, exit 2, naming the first; so is a rebuild.
rm -rf "$IDX"
run "$INDEXER" --db "$IDX" "$C"
hold commit "$INDEXER" --db "$IDX" "$B" >/dev/null 2>&1
pid=$HELD
run "$INDEXER" --db "$IDX" "$C"
expect_rc 2 "second indexer"
expect_err "^indexer: $IDX: index is locked by another indexer \(pid $pid\)$"
run "$INDEXER" --db "$IDX" --rebuild "$C"
expect_rc 2 "rebuild while locked"
expect_err "^indexer: $IDX: index is locked by another indexer \(pid $pid\)$" "rebuild while locked"
release commit
wait "$pid" || fail "the first indexer failed"

# Two rebuilds of a path that holds no index yet: the second is refused as
# locked, and says nothing of an old index.
hold commit "$INDEXER" --db "$WORK/fresh" --rebuild "$B" >/dev/null 2>&1
pid=$HELD
run "$INDEXER" --db "$WORK/fresh" --rebuild "$C"
expect_rc 2 "second rebuild of a new index"
expect_err "^indexer: $WORK/fresh: index is locked by another indexer \(pid $pid\)$" "second rebuild of a new index"
[ "$(wc -l <<<"$ERR")" -eq 1 ] || fail "second rebuild of a new index: $ERR"
release commit
wait "$pid" || fail "the first rebuild failed"
run "$SEARCH" --db "$WORK/fresh" --format trec -n 5000 title
[ "$(wc -l <<<"$OUT")" -eq 3000 ] || fail "the first rebuild's documents: $(wc -l <<<"$OUT")"
finish
