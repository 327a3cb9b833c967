#!/bin/bash
# indexer: source IDs (name without extension, sub/name in subfolders),
# duplicate IDs, IDs held by another file, hidden files and symbolic links.
. "$TESTS_LIB"
IDX="$WORK/idx"
T="$WORK/tree"
mkdir -p "$T/sub/deeper" "$T/.hidden" "$WORK/other"
printf 'Top Level\n\nalpha\n' >"$T/top.txt"
printf 'In A Subfolder\n\nbravo\n' >"$T/sub/x.txt"
printf 'Deeper Down\n\ncharlie\n' >"$T/sub/deeper/y.tar.gz.md"
printf 'Hidden File\n\ndelta\n' >"$T/.secret.txt"
printf 'Hidden Folder\n\necho\n' >"$T/.hidden/z.txt"
printf 'Outside Linked\n\nfoxtrot\n' >"$WORK/other/linked.txt"
ln -s "$WORK/other" "$T/dirlink"                 # not followed
ln -s .hidden/z.txt "$T/filelink.txt"            # followed: it stays in the tree
ln -s "$T" "$T/sub/loop"                         # would loop if followed

# top, sub/x, sub/deeper/y.tar.gz, filelink; not the hidden ones, nothing
# through the folder links.
run "$INDEXER" --db "$IDX" "$T"
expect_rc 0 "tree"
expect_out "^indexed 4 documents into $IDX: 4 added, .*0 failed, 0 skipped, 0 warnings; 4 documents in the index$" "tree"
run "$INDEXER" --db "$IDX" "$T"
expect_out "4 unchanged, 0 removed" "tree again"

# A file whose ID the index holds for another, still existing, file is
# refused with both paths named. This shows which IDs the tree got.
C="$WORK/clash"
mkdir -p "$C/sub/deeper"
for f in top.md sub/x.md sub/deeper/y.tar.gz.txt filelink.md; do
    printf 'Clash\n\ntext\n' >"$C/$f"
done
run "$INDEXER" --db "$IDX" "$C"
expect_rc 1 "IDs held by other files"
expect_err "clash/top.md: not indexed: source ID \"top\" already belongs to $T/top.txt"
expect_err "clash/sub/x.md: not indexed: source ID \"sub/x\" already belongs to $T/sub/x.txt"
expect_err "clash/sub/deeper/y.tar.gz.txt: not indexed: source ID \"sub/deeper/y.tar.gz\" already belongs to $T/sub/deeper/y.tar.gz.md"
# A link to a file is stored where it was found, not where it points.
expect_err "clash/filelink.md: not indexed: source ID \"filelink\" already belongs to $T/filelink.txt"
expect_out "0 added.*; 4 failed, .*; 4 documents in the index$" "IDs held"
# A file argument's ID is its name, whatever folder it is in.
run "$INDEXER" --db "$IDX" "$C/sub/x.md"
expect_rc 0 "file argument x.md (ID x is free)"
expect_out "1 added.*5 documents in the index$" "file argument"
rm -rf "$C"

# Once the old file is gone, the same ID from a new place is an update.
mv "$T/top.txt" "$WORK/top.txt"
run "$INDEXER" --db "$IDX" "$WORK/top.txt"
expect_rc 0 "moved file"
expect_out "0 added, 1 updated" "moved file"

# Two files with one ID in one run: the first in order keeps it, the others
# are refused, naming both paths.
D="$WORK/dup"
mkdir -p "$D/a" "$D/b"
printf 'Same Name Text\n\none\n' >"$D/a/note.txt"
printf 'Same Name Markdown\n\ntwo\n' >"$D/a/note.md"
printf 'Other Folder\n\nthree\n' >"$D/b/note.txt"
run "$INDEXER" --db "$WORK/dupidx" "$D/a" "$D/b"
expect_rc 1 "duplicates"
expect_err "a/note.txt: not indexed: same source ID \"note\" as $D/a/note.md"
expect_err "b/note.txt: not indexed: same source ID \"note\" as $D/a/note.md"
expect_out "1 added.*2 failed.*1 document in the index$" "duplicates"
# The same file named twice is not a duplicate.
run "$INDEXER" --db "$WORK/dupidx2" "$D/b/note.txt" "$D/b"
expect_rc 0 "same file twice"
expect_out "1 added.*0 failed" "same file twice"
# A file added beside an indexed one does not take its ID.
run "$INDEXER" --db "$WORK/dupidx3" "$D/b"
printf 'Newcomer\n\nfour\n' >"$D/b/note.md"
run "$INDEXER" --db "$WORK/dupidx3" "$D/b"
expect_rc 1 "newcomer"
expect_err "b/note.md: not indexed: same source ID \"note\" as $D/b/note.txt"
expect_out "0 added, 0 updated, 1 unchanged" "newcomer"

# The index folder inside the indexed tree is not indexed.
mkdir -p "$WORK/self"
printf 'Self Note\n\ntext\n' >"$WORK/self/a.txt"
run "$INDEXER" --db "$WORK/self/idx" "$WORK/self"
expect_rc 0 "index inside the tree"
expect_out "1 added.*0 failed, 0 skipped.*1 document in the index$" "index inside the tree"
finish
