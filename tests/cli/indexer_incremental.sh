#!/bin/bash
# indexer: a fresh index, then incremental runs (unchanged, updated, removed,
# added), then --rebuild; the summary line counts each.
. "$TESTS_LIB"
IDX="$WORK/idx"
C="$WORK/corpus"
mkdir -p "$C"
cp "$CORPUS"/*.txt "$CORPUS"/.sift-ids "$C/"

summary() { # added updated unchanged removed docs
    expect_out "^indexed [0-9]+ documents? into $IDX: $1 added, $2 updated, $3 unchanged, $4 removed; 0 failed, 0 skipped, 0 warnings; $5 documents? in the index$" "${6:-summary}"
}

# A fresh index, in a folder whose parents do not exist yet.
run "$INDEXER" --db "$WORK/deep/er/idx" "$CORPUS"
expect_rc 0 "fresh index in new folders"
[ -f "$WORK/deep/er/idx/XAPIANDB" ] || fail "index not created under missing parents"

run "$INDEXER" --db "$IDX" "$C"
expect_rc 0 "fresh"
summary 5 0 0 0 5 "fresh"
expect_out "^indexed 5 documents into"
[ -z "$ERR" ] || fail "fresh run printed to stderr in a pipe: $ERR"

# Nothing changed: nothing read, nothing written.
run "$INDEXER" --db "$IDX" "$C"
expect_rc 0 "re-run"
summary 0 0 5 0 5 "re-run"

# Same size, new content and mtime: updated.
f="$C/002_d89476b368179a38.txt"
sed -i 's/Russia ends dialogue/Russia ENDS dialogue/' "$f"
touch -d '2001-02-03 04:05:06' "$f"
run "$INDEXER" --db "$IDX" "$C"
expect_rc 0 "modified"
summary 0 1 4 0 5 "modified"
# Only the mtime changed: read again, updated (the signature is size+mtime).
touch -d '2002-02-03 04:05:06' "$f"
run "$INDEXER" --db "$IDX" "$C"
summary 0 1 4 0 5 "touched"

# A deleted file is removed from the index.
rm "$C/001_a799c388572c6ada.txt"
run "$INDEXER" --db "$IDX" "$C"
expect_rc 0 "deleted"
summary 0 0 4 1 4 "deleted"

# A new file is added.
printf 'Brand New Article\n\nAbout zeppelins.\n' >"$C/005_new.txt"
run "$INDEXER" --db "$IDX" "$C"
expect_rc 0 "added"
summary 1 0 4 0 5 "added"

# A file argument outside the folder adds to the same index; indexing the
# folder again does not remove it (it is outside the folder's scope).
printf 'Lonely Note\n\nText.\n' >"$WORK/lonely.txt"
run "$INDEXER" --db "$IDX" "$WORK/lonely.txt"
summary 1 0 0 0 6 "file argument"
run "$INDEXER" --db "$IDX" "$C"
summary 0 0 5 0 6 "folder after file argument"
# Deleting that file and naming it again removes it ... only if it exists:
# a missing PATH removes nothing (and is an error).
rm "$WORK/lonely.txt"
run "$INDEXER" --db "$IDX" "$WORK/lonely.txt"
expect_rc 1 "missing file argument"
expect_out "0 removed; 1 failed.*; 6 documents in the index$" "missing file argument"
# A missing folder removes nothing either.
run "$INDEXER" --db "$IDX" "$WORK/no-such-folder"
expect_rc 1 "missing folder"
expect_err "no-such-folder: No such file or directory"
expect_out "0 removed; 1 failed.*6 documents in the index$" "missing folder"

# A moved folder: the new paths take over the IDs (old files are gone).
mv "$C" "$WORK/moved"
run "$INDEXER" --db "$IDX" "$WORK/moved"
expect_rc 0 "moved folder"
summary 0 5 0 0 6 "moved folder"

# --rebuild: a new index from these paths only, swapped in.
run "$INDEXER" --db "$IDX" --rebuild "$WORK/moved"
expect_rc 0 "rebuild"
summary 5 0 0 0 5 "rebuild"
[ "$(ls "$IDX")" = "$(printf 'XAPIANDB\ngen-2\nsift.lock')" ] || fail "after the rebuild: $(ls "$IDX")"
ls -d "$IDX".* >/dev/null 2>&1 && fail "rebuild left something beside the index: $(ls -d "$IDX".*)"
run "$INDEXER" --db "$IDX" "$WORK/moved"
summary 0 0 5 0 5 "after rebuild"

# --rebuild where there is no index yet.
run "$INDEXER" --db "$WORK/new-idx" --rebuild "$CORPUS"
expect_rc 0 "rebuild without index"
expect_out "5 added.*5 documents in the index$" "rebuild without index"

# SIFT_DB is the default index.
SIFT_DB="$WORK/env-idx" run "$INDEXER" "$CORPUS"
expect_rc 0 "SIFT_DB"
expect_out "into $WORK/env-idx: 5 added" "SIFT_DB"
finish
