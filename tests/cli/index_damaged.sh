#!/bin/bash
# A damaged index (a table file truncated, emptied, overwritten or gone, a
# garbled version file), or an index of an older sift, whose terms differ:
# search and indexer both say which it is and how to rebuild it, exit 2,
# never crash; indexer --rebuild then mends it. An index in the folder
# layout of an older sift is rebuilt in place; another program's Xapian
# database is refused by both, and never replaced.
. "$TESTS_LIB"
GOOD="$WORK/good"
run "$INDEXER" --db "$GOOD" "$CORPUS"
expect_rc 0 "good index"

damage() { # NAME HOW: a copy of the good index, damaged
    rm -rf "$WORK/$1"
    cp -r "$GOOD" "$WORK/$1"
    local gen
    gen=$(gen_of "$WORK/$1")
    case $2 in
    truncate) truncate -s 5000 "$gen/postlist.glass" ;;
    empty) : >"$gen/docdata.glass" ;;
    random) head -c 100000 /dev/urandom >"$gen/termlist.glass" ;;
    version) printf 'garbage' >"$gen/iamglass" ;;
    gone) rm "$gen/postlist.glass" ;;
    older) xapian-metadata set "$gen" terms "" ;; # as before "terms" existed
    paths) xapian-metadata set "$gen" terms folded-stem-all-z-cjk ;; # before hits carried paths (issue 13)
    unfolded) xapian-metadata set "$gen" terms stem-all-z/2 ;; # before accents were folded (issue 15)
    nofilters) xapian-metadata set "$gen" terms folded-stem-all-z-cjk/2 ;; # before dates and filters (issue 14)
    esac
}

for how in truncate empty random version gone older paths unfolded nofilters; do
    damage "$how" "$how"
    IDX="$WORK/$how"
    what="is damaged"
    case $how in older | paths | unfolded | nofilters) what="was built by an older sift" ;; esac
    run "$SEARCH" --db "$IDX" nato
    expect_rc 2 "search, $how"
    expect_err "^search: the index at $IDX $what \(.+\); rebuild it with: indexer --rebuild --db $IDX " "search, $how"
    run "$INDEXER" --db "$IDX" "$CORPUS"
    expect_rc 2 "indexer, $how"
    expect_err "^indexer: $IDX: the index $what \(.+\); rebuild it with: indexer --rebuild --db $IDX " "indexer, $how"
    run "$INDEXER" --rebuild --db "$IDX" "$CORPUS"
    expect_rc 0 "rebuild, $how"
    expect_err "the index $what \(.+\); building a new one" "rebuild warning, $how"
    run "$SEARCH" --db "$IDX" --format trec nato
    expect_rc 0 "search after rebuild, $how"
    [ "$(wc -l <<<"$OUT")" -eq 5 ] || fail "after rebuild, $how: $OUT"
    [ "$(ls "$IDX")" = "$(printf 'XAPIANDB\ngen-2\nsift.lock')" ] || fail "after rebuild, $how: $(ls "$IDX")"
done

# The folder layout of an older sift (a Xapian database at the path itself,
# or shard folders listed by its stub file): searchable as it is; the
# indexer wants a rebuild, which puts the new layout in its place.
run "$INDEXER" --db "$WORK/sharded" --shards 2 "$CORPUS"
mkdir "$WORK/oldshards"
cp -r "$(gen_of "$WORK/sharded")/shard00" "$(gen_of "$WORK/sharded")/shard01" "$WORK/oldshards/"
printf 'auto shard00\nauto shard01\n' >"$WORK/oldshards/XAPIANDB"
cp -r "$(gen_of "$GOOD")" "$WORK/oldplain"
for old in oldplain oldshards; do
    IDX="$WORK/$old"
    run "$SEARCH" --db "$IDX" --format trec nato
    expect_rc 0 "search, $old"
    [ "$(wc -l <<<"$OUT")" -eq 5 ] || fail "search, $old: $OUT"
    run "$INDEXER" --db "$IDX" "$CORPUS"
    expect_rc 2 "indexer, $old"
    expect_err "^indexer: $IDX: the index was built by an older sift \(its folder has the layout of an older sift\); rebuild it with: indexer --rebuild --db $IDX " "indexer, $old"
    run "$INDEXER" --rebuild --db "$IDX" "$CORPUS"
    expect_rc 0 "rebuild, $old"
    expect_err "was built by an older sift .*building a new one" "rebuild, $old"
    [ "$(ls "$IDX")" = "$(printf 'XAPIANDB\ngen-1\nsift.lock')" ] || fail "after rebuild, $old: $(ls "$IDX")"
    run "$SEARCH" --db "$IDX" --format trec nato
    [ "$(wc -l <<<"$OUT")" -eq 5 ] || fail "search after rebuild, $old: $OUT"
done
grep -c '^auto gen-1/shard0[01]$' "$WORK/oldshards/XAPIANDB" | grep -qx 2 || fail "shards not kept: $(cat "$WORK/oldshards/XAPIANDB")"

# Another program's Xapian database (no language recorded: omega's
# scriptindex, say): refused by both programs, and by --rebuild, untouched.
cp -r "$(gen_of "$GOOD")" "$WORK/foreign"
xapian-metadata set "$WORK/foreign" lang ""
before=$(cd "$WORK/foreign" && ls -l --time-style=+%s.%N && cat ./*)
run "$SEARCH" --db "$WORK/foreign" nato
expect_rc 2 "search, foreign"
expect_err "^search: $WORK/foreign: holds a Xapian database that sift did not make$" "search, foreign"
for opt in "" --rebuild; do
    run "$INDEXER" $opt --db "$WORK/foreign" "$CORPUS"
    expect_rc 2 "indexer $opt, foreign"
    expect_err "^indexer: $WORK/foreign: holds a Xapian database that sift did not make; it is left as it is \(give another --db\)$" "indexer $opt, foreign"
done
[ "$before" = "$(cd "$WORK/foreign" && ls -l --time-style=+%s.%N && cat ./*)" ] || fail "the foreign database was changed"
finish
