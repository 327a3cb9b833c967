#!/bin/bash
# indexer: JSON Lines collections (BEIR and Anserini layouts, plain and
# gzip), one document per record with the record's ID as source ID; bad lines
# reported with their line number and skipped; incremental runs per record.
. "$TESTS_LIB"
IDX="$WORK/idx"
C="$WORK/c"
mkdir -p "$C"
: >"$C/.sift-ids" # IDs relative to $C (sourceid.h)

cat >"$C/beir.jsonl" <<'JSON'
{"_id": "doc1", "title": "Military liaison missions", "text": "The mission in Moscow was closed."}
{"_id": 42, "title": "", "text": "Numbered record\n\nits title is its first line"}

not json at all
{"_id": "doc1", "text": "a second doc1"}
{"title": "no id", "text": "x"}
{"_id": "empty"}
{"_id": ["list"], "text": "x"}
JSON
printf '{"_id": "latin", "text": "caf\xe9 au lait"}\n' >>"$C/beir.jsonl"
printf '{"id": "ans1", "contents": "Anserini contents about reindeer herding"}\n{"id": "ans2", "contents": "Zebra crossings"}' \
  | gzip >"$C/anserini.jsonl.gz"
printf 'Plain text file\n\nabout zebra stripes\n' >"$C/plain.txt"

run "$INDEXER" --db "$IDX" "$C"
expect_rc 1 "mixed collection"
expect_err "^indexer: $C/beir.jsonl:4: skipped: not valid JSON" "line 4"
expect_err "^indexer: $C/beir.jsonl:5: not indexed: same source ID \"doc1\" as an earlier line$" "line 5"
expect_err "^indexer: $C/beir.jsonl:6: skipped: no \"_id\" or \"id\" field$" "line 6"
expect_err "^indexer: $C/beir.jsonl:7: skipped: record \"empty\" has no text$" "line 7"
expect_err "^indexer: $C/beir.jsonl:8: skipped: \"_id\" is neither a string nor a whole number$" "line 8"
expect_err "^indexer: $C/beir.jsonl:9: warning: invalid UTF-8: 1 byte replaced with U\+FFFD$" "line 9"
expect_out "^indexed 6 documents into $IDX: 6 added, 0 updated, 0 unchanged, 0 removed; 4 failed, 1 skipped \(empty 1\), 1 warning; 6 documents in the index$"

# Source IDs are the records' own; titles come from the record or its text.
run "$SEARCH" --db "$IDX" --format trec "military liaison"
expect_out "^1 Q0 doc1 1 " "BEIR _id"
run "$SEARCH" --db "$IDX" --color never numbered
expect_out "1\. 42  Numbered record" "integer id, title from text"
run "$SEARCH" --db "$IDX" --format trec reindeer
expect_out "^1 Q0 ans1 1 " "Anserini id, gzip"
run "$SEARCH" --db "$IDX" --format trec zebra
expect_out " ans2 " "last line without newline"
expect_out " plain " "text files beside collections"

# Unchanged records are not written again; a changed one is updated, a
# removed one removed, a new one added.
run "$INDEXER" --db "$IDX" "$C"
expect_out "0 added, 0 updated, 6 unchanged, 0 removed" "rerun"
{ echo '{"_id": "doc1", "title": "Military liaison missions", "text": "Reopened in Potsdam."}'
  echo '{"_id": "new", "text": "a new record"}'
  printf '{"_id": "latin", "text": "caf\xe9 au lait"}\n'; } >"$C/beir.jsonl"
run "$INDEXER" --db "$IDX" "$C"
expect_rc 0 "after the fix"
# ("latin" moved from line 9 to line 3: stored again, with its new line.)
expect_out "1 added, 2 updated, 3 unchanged, 1 removed; 0 failed" "record changes"
run "$SEARCH" --db "$IDX" --format trec potsdam
expect_out " doc1 " "updated record"

# A cut-short gzip file: what was read is indexed, the rest of what the index
# holds from that file is kept, and the error names the file.
for i in $(seq 1 3000); do echo "{\"id\": \"g$i\", \"contents\": \"gzip record $i $RANDOM $RANDOM\"}"; done \
  | gzip >"$WORK/big.jsonl.gz"
run "$INDEXER" --db "$WORK/gz" "$WORK/big.jsonl.gz"
expect_out "3000 added" "gzip"
head -c 20000 "$WORK/big.jsonl.gz" >"$WORK/cut.jsonl.gz"
mv "$WORK/cut.jsonl.gz" "$WORK/big.jsonl.gz"
run "$INDEXER" --db "$WORK/gz" "$WORK/big.jsonl.gz"
expect_rc 1 "truncated gzip"
expect_err "^indexer: $WORK/big.jsonl.gz: cannot read past line [0-9]+: the compressed file is cut short$"
expect_out "0 removed; 1 failed.*; 3000 documents in the index$" "truncated gzip keeps the rest"
finish
