#!/bin/bash
# indexer: a file or folder it may not read is reported by name and counted
# as failed; everything else is indexed, and documents already in the index
# from an unreadable folder are kept, not removed.
# Permissions do not stop root, so as root the indexer runs as "nobody".
. "$TESTS_LIB"
C="$WORK/corpus"
IDX="$WORK/idx"
mkdir -p "$C/sub"
cp "$CORPUS"/*.txt "$C/"
printf 'Sub Note\n\ntext\n' >"$C/sub/note.txt"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv >/dev/null || { echo "root without setpriv: skipped"; finish; }
    # The build folder may not be reachable by nobody: use a copy.
    cp "$INDEXER" "$WORK/indexer"
    INDEXER="$WORK/indexer"
    chmod 755 "$WORK"
    chown -R 65534:65534 "$C"
    mkdir "$IDX" && chown 65534:65534 "$IDX"
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
index() { run "${as_user[@]}" "$INDEXER" --db "$IDX" "$C"; }

index
expect_rc 0 "readable corpus"
expect_out "6 documents in the index$"

# An unreadable file that is new: named, counted as failed, the rest indexed.
printf 'Locked Away\n\nsecret\n' >"$C/locked.txt"
[ -z "${as_user[*]}" ] || chown 65534:65534 "$C/locked.txt"
chmod 000 "$C/locked.txt"
printf 'Fine Newcomer\n\ntext\n' >"$C/newcomer.txt"
[ -z "${as_user[*]}" ] || chown 65534:65534 "$C/newcomer.txt"
index
expect_rc 1 "unreadable file"
expect_err "^indexer: $C/locked.txt: cannot read: Permission denied$"
expect_out "1 added, 0 updated, 6 unchanged, 0 removed; 1 failed, 0 skipped, 0 warnings; 7 documents in the index$"

# An unreadable folder: reported; what the index holds from it stays.
chmod 000 "$C/sub"
index
chmod 755 "$C/sub"
expect_rc 1 "unreadable folder"
expect_err "^indexer: $C/sub: cannot read folder: Permission denied$"
expect_out "0 removed; 2 failed, 0 skipped, 0 warnings; 7 documents in the index$"

# Readable again: the file is added, nothing else changes.
chmod 644 "$C/locked.txt"
index
expect_rc 0 "readable again"
expect_out "1 added, 0 updated, 7 unchanged, 0 removed; 0 failed.* 8 documents in the index$"
finish
