#!/bin/bash
# indexer: source IDs (sourceid.h). A file's ID is its absolute path, the
# same whichever folder is named; under a folder holding a .sift-ids marker
# it is the path relative to that folder (after the marker's prefix) without
# ".txt", as corpus/'s articles keep their IDs. Files differing only by
# extension, and same-named files in different folders, are all indexed.
# Hidden files and symbolic links as before.
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
ids() { "$SEARCH" --db "$1" --format trec -n 100 "${@:2}" | awk '{print $3}' | sort | tr '\n' ' '; }

# top, sub/x, sub/deeper/y.tar.gz.md, filelink: not the hidden ones, nothing
# through the folder links. Each ID is the file's absolute path (a link's
# own place, not its target's).
run "$INDEXER" --db "$IDX" "$T"
expect_rc 0 "tree"
expect_out "^indexed 4 documents into $IDX: 4 added, .*0 failed, 0 skipped, 0 warnings; 4 documents in the index$" "tree"
[ "$(ids "$IDX" alpha OR bravo OR charlie OR echo)" = "$T/filelink.txt $T/sub/deeper/y.tar.gz.md $T/sub/x.txt $T/top.txt " ] ||
    fail "tree IDs: $(ids "$IDX" alpha OR bravo OR charlie OR echo)"
# The same files named through another folder, or one by one: the same IDs.
run "$INDEXER" --db "$IDX" "$T/sub"
expect_out "0 added, 0 updated, 2 unchanged, 0 removed; .* 4 documents in the index$" "a subfolder named"
run "$INDEXER" --db "$IDX" "$T/sub/x.txt"
expect_out "0 added, 0 updated, 1 unchanged" "a file named"
(cd "$T/sub" && "$INDEXER" --db "$IDX" ../sub/./x.txt) | grep -q "1 unchanged" || fail "a relative path"

# Files that differ only by extension, and same-named files in different
# folders given on one command line, are all indexed.
D="$WORK/dup"
mkdir -p "$D/a" "$D/b"
printf 'Report Text\n\nreport one\n' >"$D/a/report.txt"
printf '<html><head><title>Report Page</title></head><body>report two</body></html>' >"$D/a/report.html"
printf '# Report Notes\n\nreport three\n' >"$D/a/report.md"
printf '# Readme A\n\nreadme\n' >"$D/a/README.md"
printf '# Readme B\n\nreadme\n' >"$D/b/README.md"
run "$INDEXER" --db "$WORK/dupidx" "$D/a" "$D/b"
expect_rc 0 "same names"
expect_out "5 added, .*0 failed.*5 documents in the index$" "same names"
[ "$(ids "$WORK/dupidx" readme)" = "$D/a/README.md $D/b/README.md " ] || fail "README IDs: $(ids "$WORK/dupidx" readme)"

# A marker: IDs relative to its folder, without .txt, after its prefix;
# the same from a folder above it or from a file argument.
M="$WORK/m"
mkdir -p "$M/news/2021"
printf 'news/\n' >"$M/news/.sift-ids"
printf 'Marked Note\n\ngolf\n' >"$M/news/2021/oct.txt"
printf '# Marked Page\n\nhotel\n' >"$M/news/2021/oct.md"
run "$INDEXER" --db "$WORK/midx" "$M"
expect_out "2 added" "marked folder"
[ "$(ids "$WORK/midx" golf OR hotel)" = "news/2021/oct news/2021/oct.md " ] || fail "marked IDs: $(ids "$WORK/midx" golf OR hotel)"
run "$INDEXER" --db "$WORK/midx" "$M/news/2021/oct.txt" "$M/news/2021"
expect_out "0 added, 0 updated, 2 unchanged" "marked files named otherwise"
# corpus/ has a marker: its five articles keep their IDs, however named.
run "$INDEXER" --db "$WORK/cidx" "$CORPUS/"
run "$SEARCH" --db "$WORK/cidx" --color never "military liaison mission"
expect_out "^1\. 000_e9927dfb07e16fa6  " "corpus ID"
run "$INDEXER" --db "$WORK/cidx" "$CORPUS/../corpus/000_e9927dfb07e16fa6.txt"
expect_out "0 added, 0 updated, 1 unchanged" "corpus file by itself"
# Two copies of one marked folder are the same collection: the second's
# files are reported as holding the first's IDs.
cp -r "$M/news" "$WORK/copy"
run "$INDEXER" --db "$WORK/m2idx" "$M/news" "$WORK/copy"
expect_rc 1 "two copies"
expect_err "copy/2021/oct.txt: not indexed: same source ID \"news/2021/oct\" as $M/news/2021/oct.txt" "copy"

# An ID held in the index by another file that still exists is refused
# (a marked tree and its copy, in two runs).
run "$INDEXER" --db "$WORK/m3idx" "$M/news"
run "$INDEXER" --db "$WORK/m3idx" "$WORK/copy"
expect_rc 1 "ID held by another file"
expect_err "copy/2021/oct.md: not indexed: source ID \"news/2021/oct.md\" already belongs to $M/news/2021/oct.md" "held"
# Once the old file is gone, the same ID from a new place is an update.
rm -r "$M/news"
run "$INDEXER" --db "$WORK/m3idx" "$WORK/copy"
expect_rc 0 "moved"
expect_out "0 added, 2 updated" "moved"

# A path too long for an ID keeps its start and ends with a hash.
L="$WORK/long"
for i in $(seq 1 30); do L="$L/folder$i"; done
mkdir -p "$L"
printf 'Far Away\n\nkilo\n' >"$L/far.txt"
run "$INDEXER" --db "$WORK/lidx" "$WORK/long"
expect_rc 0 "long path"
id=$(ids "$WORK/lidx" kilo)
[[ $id =~ ^$WORK/long/folder1/.*~[0-9a-f]{16}\ $ ]] && [ ${#id} -le 218 ] || fail "long ID: $id"

# The index folder inside the indexed tree is not indexed.
mkdir -p "$WORK/self"
printf 'Self Note\n\ntext\n' >"$WORK/self/a.txt"
run "$INDEXER" --db "$WORK/self/idx" "$WORK/self"
expect_rc 0 "index inside the tree"
expect_out "1 added.*0 failed, 0 skipped.*1 document in the index$" "index inside the tree"
finish
