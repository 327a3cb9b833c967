#!/bin/bash
# search --show ID: one stored document, as text (its fields, then its
# text) or one JSON object; exit 1 for an unknown ID, 2 for a usage error.
. "$TESTS_LIB"

IDX="$WORK/idx"
mkdir -p "$WORK/docs"
printf 'Title line here\n\nBody with \033]52;c;evil\007 control bytes.\nSecond line.\n' >"$WORK/docs/a.txt"
cat >"$WORK/docs/m.html" <<'H'
<html><head><title>Meeting notes</title><meta name="author" content="Alice Liddell">
<meta name="date" content="2021-10-18"></head><body><p>About the budget.</p></body></html>
H
run "$INDEXER" --db "$IDX" "$WORK/docs"
expect_rc 0 "index"
id_a=$("$SEARCH" --db "$IDX" --format trec title:title | awk '{ print $3 }')
[ -n "$id_a" ] || fail "no ID for a.txt"
id_m=$("$SEARCH" --db "$IDX" --format trec budget | awk '{ print $3 }')

run "$SEARCH" --db "$IDX" --show "$id_a"
expect_rc 0 "--show text"
expect_out "^ID: $id_a$" "--show text"
expect_out "^Title: Title line here$" "--show text"
expect_out "^Path: $WORK/docs/a.txt$" "--show text"
expect_out "^Second line\.$" "--show text keeps lines"
[[ "$OUT" != *$'\033'* && "$OUT" != *$'\007'* ]] || fail "--show text wrote control bytes: $(od -c <<<"$OUT" | head)"

run "$SEARCH" --db "$IDX" --show "$id_m" --format json
expect_rc 0 "--show json"
python3 - "$OUT" "$id_m" <<'PY' || fail "--show json: $OUT"
import json, sys
d = json.loads(sys.argv[1])
assert d["id"] == sys.argv[2], d
assert d["title"] == "Meeting notes", d
assert d["type"] == "html", d
assert d["author"] == "Alice Liddell" and d["date"].startswith("2021-10-18"), d
assert "About the budget." in d["text"], d
assert d["meta"]["author"] == "Alice Liddell", d
PY

run "$SEARCH" --db "$IDX" --show nosuchid
expect_rc 1 "--show unknown ID"
expect_err "^search: no document with source ID 'nosuchid' in the index$" "--show unknown ID"
[ -z "$OUT" ] || fail "--show unknown ID wrote: $OUT"

run "$SEARCH" --db "$IDX" --show "$id_a" some words
expect_rc 2 "--show with a query"
run "$SEARCH" --db "$IDX" --show "$id_a" --format trec
expect_rc 2 "--show --format trec"
run "$SEARCH" --db "$IDX" --show ""
expect_rc 2 "--show ''"
run "$SEARCH" --db "$WORK/none" --show "$id_a"
expect_rc 2 "--show without an index"
expect_err "no index at" "--show without an index"
finish
