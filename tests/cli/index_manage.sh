#!/bin/bash
# Managing the index: search --stats (text and JSON) and --list, indexer
# --remove (by source ID, by file, by folder, also one that is gone) and
# --prune (documents whose files are gone), and --db A --db B searched as
# one index.
. "$TESTS_LIB"
D="$WORK/d"
mkdir -p "$D/keep" "$D/old/deep"
touch "$D/.sift-ids"
printf 'budget alpha\n' >"$D/keep/a.txt"
printf 'budget beta\n' >"$D/keep/b.txt"
printf 'budget gamma\n' >"$D/old/c.txt"
printf 'budget delta\n' >"$D/old/deep/d.txt"
printf '{"id": "r1", "text": "budget one"}\n{"id": "r2", "text": "budget two"}\n' >"$D/recs.jsonl"
IDX="$WORK/idx"
run "$INDEXER" --db "$IDX" "$D"
expect_rc 0 "index"
count() { "$SEARCH" --db "$IDX" -c budget; }

# --stats
run "$SEARCH" --db "$IDX" --stats
expect_rc 0 "--stats"
expect_out "^documents: 6 \(text 4, jsonl 2\)$" "--stats documents"
expect_out "^terms: +[0-9]+ distinct, [0-9]+ words indexed$" "--stats terms"
expect_out "^size: +[1-9][0-9]* bytes" "--stats size"
expect_out "^language: +english$" "--stats language"
expect_out "^updated: +20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T" "--stats updated"
expect_out "^  folder +$D  20" "--stats folders"
run "$SEARCH" --db "$IDX" --stats --format json
"$JSON_CHECK" --lines 1 <<<"$OUT" 2>/dev/null || python3 -c 'import json,sys; json.loads(sys.stdin.read())' <<<"$OUT" ||
    fail "--stats JSON: $OUT"
python3 -c '
import json, sys
s = json.loads(sys.stdin.read())
assert s["documents"] == 6 and s["types"] == {"text": 4, "jsonl": 2}, s
assert s["bytes"] > 0 and s["terms"] > 0 and s["language"] == "english", s
assert [r["path"] for r in s["indexed"]] == [sys.argv[1]] and s["indexed"][0]["kind"] == "folder", s
' "$D" <<<"$OUT" || fail "--stats JSON: $OUT"

# --list: every ID with its path
run "$SEARCH" --db "$IDX" --list
expect_rc 0 "--list"
[ "$(sort <<<"$OUT")" = "$(printf 'keep/a\t%s\nkeep/b\t%s\nold/c\t%s\nold/deep/d\t%s\nr1\t%s\nr2\t%s' \
    "$D/keep/a.txt" "$D/keep/b.txt" "$D/old/c.txt" "$D/old/deep/d.txt" "$D/recs.jsonl" "$D/recs.jsonl")" ] ||
    fail "--list: $OUT"
run "$SEARCH" --db "$IDX" --list --format json
[ "$(wc -l <<<"$OUT")" -eq 6 ] && grep -q '^{"id":"r1","path":"'"$D"'/recs.jsonl"}$' <<<"$OUT" ||
    fail "--list JSON: $OUT"

# --remove: an ID, a file, a folder; one unknown is named (exit 1) while
# the rest are removed.
run "$INDEXER" --db "$IDX" --remove r1 "$D/keep/b.txt" nosuchthing
expect_rc 1 "--remove, one unknown"
expect_out "^removed 2 documents from $IDX$" "--remove"
expect_err "nosuchthing: no such source ID" "--remove unknown"
[ "$(count)" = 4 ] || fail "after --remove: $(count)"
(cd "$D" && "$INDEXER" --db "$IDX" --remove old) >"$WORK/out" 2>&1 || fail "--remove old: $(cat "$WORK/out")"
grep -q "^removed 2 documents" "$WORK/out" || fail "--remove old: $(cat "$WORK/out")"
[ "$("$SEARCH" --db "$IDX" --format trec budget | awk '{print $3}' | sort | tr '\n' ' ')" = "keep/a r2 " ] ||
    fail "after --remove old: $("$SEARCH" --db "$IDX" --format trec budget)"
run "$INDEXER" --db "$IDX" --remove
expect_rc 2 "--remove without arguments"
run "$INDEXER" --db "$IDX" --remove ""
expect_rc 2 "--remove ''"
run "$INDEXER" --db "$WORK/none" --remove r2
expect_rc 2 "--remove, no index"

# --prune: the documents of files gone, wherever they are, counted.
run "$INDEXER" --db "$IDX" "$D"
[ "$(count)" = 6 ] || fail "indexed again: $(count)"
rm -r "$D/old" "$D/keep/b.txt"
run "$INDEXER" --db "$IDX" --prune
expect_rc 0 "--prune"
expect_out "^pruned 3 documents whose files are gone from $IDX$" "--prune"
[ "$(count)" = 3 ] || fail "after --prune: $(count)"
run "$INDEXER" --db "$IDX" --prune
expect_out "^pruned 0 documents" "--prune again"
# Removing a folder that is gone forgets it in --stats.
run "$INDEXER" --db "$IDX" --remove "$D"
expect_out "^removed 3 documents" "--remove the whole folder"
run "$SEARCH" --db "$IDX" --stats
expect_no_out "folder +$D" "--stats after removing the folder"

# --db A --db B: one ranking over both (the same counts and order as one
# index of everything), not the last one silently.
mkdir -p "$WORK/a" "$WORK/b"
cp "$CORPUS"/00[0-2]* "$WORK/a/"
cp "$CORPUS"/00[3-4]* "$WORK/b/"
"$INDEXER" --db "$WORK/ia" "$WORK/a" >/dev/null && "$INDEXER" --db "$WORK/ib" "$WORK/b" >/dev/null &&
    "$INDEXER" --db "$WORK/iab" "$WORK/a" "$WORK/b" >/dev/null || fail "indexing a and b"
both=$("$SEARCH" --db "$WORK/ia" --db "$WORK/ib" --format trec --rank bm25 russia mission | awk '{print $3, $5}')
one=$("$SEARCH" --db "$WORK/iab" --format trec --rank bm25 russia mission | awk '{print $3, $5}')
[ "$(wc -l <<<"$both")" -eq 5 ] && [ "$both" = "$one" ] || fail "--db A --db B: [$both] vs one index [$one]"
"$INDEXER" --db "$WORK/ifr" --lang french "$WORK/b" >/dev/null
run "$SEARCH" --db "$WORK/ia" --db "$WORK/ifr" russia
expect_rc 2 "--db of two languages"
expect_err "different languages" "--db of two languages"
finish
