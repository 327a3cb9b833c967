#!/bin/bash
# A damaged index (a table file truncated, emptied, overwritten or gone, a
# garbled version file), or an index of an older sift, whose terms differ:
# search and indexer both say which it is and how to rebuild it, exit 2,
# never crash; indexer --rebuild then mends it.
. "$TESTS_LIB"
GOOD="$WORK/good"
run "$INDEXER" --db "$GOOD" "$CORPUS"
expect_rc 0 "good index"

damage() { # NAME HOW: a copy of the good index, damaged
    rm -rf "$WORK/$1"
    cp -r "$GOOD" "$WORK/$1"
    case $2 in
    truncate) truncate -s 5000 "$WORK/$1/postlist.glass" ;;
    empty) : >"$WORK/$1/docdata.glass" ;;
    random) head -c 100000 /dev/urandom >"$WORK/$1/termlist.glass" ;;
    version) printf 'garbage' >"$WORK/$1/iamglass" ;;
    gone) rm "$WORK/$1/postlist.glass" ;;
    older) xapian-metadata set "$WORK/$1" terms "" ;; # as before "terms" existed
    esac
}

for how in truncate empty random version gone older; do
    damage "$how" "$how"
    IDX="$WORK/$how"
    what="is damaged"
    [ "$how" = older ] && what="was built by an older sift"
    run "$SEARCH" --db "$IDX" nato
    expect_rc 2 "search, $how"
    expect_err "^search: the index at $IDX $what \(.+\); rebuild it with: indexer --rebuild --db $IDX " "search, $how"
    if [ "$how" != gone ]; then # Xapian's writer makes a missing table anew
        run "$INDEXER" --db "$IDX" "$CORPUS"
        expect_rc 2 "indexer, $how"
        expect_err "^indexer: $IDX: the index $what \(.+\); rebuild it with: indexer --rebuild --db $IDX " "indexer, $how"
    fi
    run "$INDEXER" --rebuild --db "$IDX" "$CORPUS"
    expect_rc 0 "rebuild, $how"
    [ "$how" = gone ] || expect_err "the index $what \(.+\); building a new one" "rebuild warning, $how"
    run "$SEARCH" --db "$IDX" --format trec nato
    expect_rc 0 "search after rebuild, $how"
    [ "$(wc -l <<<"$OUT")" -eq 5 ] || fail "after rebuild, $how: $OUT"
done
finish
