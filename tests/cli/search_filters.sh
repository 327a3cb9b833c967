#!/bin/bash
# Dates on every document (a JSON Lines field, a text's dateline, Markdown
# front matter, else the file's modification time, marked so), the filters
# date:, type:, path: and author: in the query and as options, --sort,
# --facets, -c and -q; an unknown field gets a note, not a correction.
. "$TESTS_LIB"
D="$WORK/d"
mkdir -p "$D/reports/2022" "$D/reports/2021" "$D/notes"
touch "$D/.sift-ids" # IDs relative to it: reports/2022/a, news IDs as given
printf 'date 2022-03-01\nbudget alpha report\n' >"$D/reports/2022/a.txt"
printf -- '---\ntitle: Beta\ndate: 2021-10-19\nauthor: Sergey Lavrov\n---\nbudget beta\n' >"$D/reports/2021/b.md"
printf 'budget gamma\n' >"$D/notes/c.txt"
touch -d '2020-05-05 12:00:00Z' "$D/notes/c.txt"
cat >"$D/news.jsonl" <<'EOF'
{"id": "n1", "text": "budget one", "date": "2021-10-01T23:30:00-02:00", "author": "Jens Stoltenberg"}
{"id": "n2", "text": "budget two", "published": 1634601600}
{"id": "n3", "text": "budget three", "timestamp": 1634601600000}
{"id": "n4", "text": "budget four", "date": "yesterday"}
{"id": "n5", "text": "budget five", "timestamp": "1577836800"}
EOF
touch -d '2019-01-01 00:00:00Z' "$D/news.jsonl"
IDX="$WORK/idx"
run "$INDEXER" --db "$IDX" "$D" "$CORPUS"
expect_rc 0 "index"

ids() { # the source IDs of the hits of the search ARGS, sorted, on one line
    "$SEARCH" --db "$IDX" --format trec -n 100 "$@" | awk '{print $3}' | sort | tr '\n' ' ' | sed 's/ $//'
}
expect_ids() { # EXPECTED ARGS...
    local want=$1 got
    shift
    got=$(ids "$@")
    [ "$got" = "$want" ] || fail "$*: got [$got], expected [$want]"
}

# Dates: each document's own, in UTC; else its file's, marked.
dates=$("$SEARCH" --db "$IDX" --format json -n 100 budget | python3 -c '
import json, sys
for h in sorted(json.loads(sys.stdin.readline())["hits"], key=lambda h: h["id"]):
    print(h["id"], h.get("date"), h.get("date_source", "-"), h.get("author", "-"), h["type"])')
want="n1 2021-10-02T01:30:00Z - Jens Stoltenberg jsonl
n2 2021-10-19T00:00:00Z - - jsonl
n3 2021-10-19T00:00:00Z - - jsonl
n4 2019-01-01T00:00:00Z mtime - jsonl
n5 2020-01-01T00:00:00Z - - jsonl
notes/c 2020-05-05T12:00:00Z mtime - text
reports/2021/b.md 2021-10-19 - Sergey Lavrov markdown
reports/2022/a 2022-03-01 - - text"
[ "$dates" = "$want" ] || fail "dates: got
$dates
expected
$want"
# The corpus article that opens with a dateline.
expect_ids "004_75b0e0857699db2e" nato date:2021-10-19

# date: ranges, open ends, years and months; with words and alone.
expect_ids "n1 n2 n3 reports/2021/b.md" budget date:2021-10-01..2021-10-31
expect_ids "n1 n2 n3 reports/2021/b.md" budget date:2021-10
expect_ids "n1 n2 n3 reports/2021/b.md" budget date:2021
expect_ids "n2 n3 reports/2021/b.md reports/2022/a" budget date:2021-10-19..
expect_ids "n4 n5 notes/c" budget date:..2020
expect_ids "n4 n5" budget date:..2020-01-01
expect_ids "004_75b0e0857699db2e n1 n2 n3 reports/2021/b.md" date:2021
# Two of a field are OR-ed, different fields AND-ed.
expect_ids "n4 n5 reports/2022/a" budget date:2019 date:2020-01 date:2022
expect_ids "n4 n5" budget date:2019 date:2020-01 date:2022 type:jsonl
expect_ids "n4 n5 notes/c reports/2022/a" -- budget type:text type:jsonl -date:2021
# type:, with the extensions people type for it.
expect_ids "notes/c reports/2022/a" budget type:text
expect_ids "notes/c reports/2022/a" budget type:txt
expect_ids "reports/2021/b.md" type:md
# path: under the folder indexed, from its own name, absolute, a file.
expect_ids "reports/2022/a" budget path:reports/2022
expect_ids "reports/2021/b.md reports/2022/a" budget path:reports
expect_ids "reports/2021/b.md reports/2022/a" budget path:d/reports/
expect_ids "reports/2021/b.md reports/2022/a" budget "path:$D/reports"
expect_ids "n1 n2 n3 n4 n5" budget path:news.jsonl
expect_ids "" budget path:report
# author: any word of the name, folded.
expect_ids "reports/2021/b.md" budget author:lavrov
expect_ids "reports/2021/b.md" author:LAVROV
expect_ids "n1 reports/2021/b.md" author:lavrov author:jens
expect_ids "n1" author:lavrov author:jens type:jsonl
# The same as options.
expect_ids "reports/2022/a" budget --type text --date 2022
expect_ids "reports/2021/b.md reports/2022/a" --path reports
expect_ids "n1" --author "Jens Stoltenberg"

# A bad filter is refused, naming it; exit 2.
run "$SEARCH" --db "$IDX" budget date:soon
expect_rc 2 "date:soon"
expect_err "date:soon: not a date" "date:soon"
run "$SEARCH" --db "$IDX" budget date:2021-13
expect_rc 2 "date:2021-13"
# An unknown field: a note naming the fields, no "did you mean".
run "$SEARCH" --db "$IDX" --color never budget ext:md
expect_rc 0 "ext:md"
expect_err "note: 'ext:' is not a field \(the fields are title, id, date, type, path, author\)" "ext:md"
expect_no_out "did you mean" "ext:md"
run "$SEARCH" --db "$IDX" --format json budget ext:md
expect_out '"note":"'"'"'ext:'"'"' is not a field' "ext:md, JSON"

# --sort date and -date.
order=$("$SEARCH" --db "$IDX" --format trec --sort -date budget type:jsonl | awk '{print $3}' | tr '\n' ' ')
[[ "$order" = "n2 n3 n1 n5 n4 " || "$order" = "n3 n2 n1 n5 n4 " ]] || fail "--sort -date: $order"
order=$("$SEARCH" --db "$IDX" --format trec --sort date budget | awk '{print $3}' | tr '\n' ' ')
[[ "$order" = "n4 n5 notes/c n1 "* ]] || fail "--sort date: $order"
run "$SEARCH" --db "$IDX" --sort newest budget
expect_rc 2 "--sort newest"

# --facets over all matches, not the page; in JSON too.
run "$SEARCH" --db "$IDX" --color never -n 1 --facets type,year,author budget
expect_rc 0 "--facets"
expect_out "^type: jsonl 5, text 2, markdown 1$" "type facet"
expect_out "^year: 2019 1, 2020 2, 2021 4, 2022 1$" "year facet"
expect_out "^author: Jens Stoltenberg 1, Sergey Lavrov 1$" "author facet"
run "$SEARCH" --db "$IDX" --format json -n 1 --facets year,type budget path:reports
"$JSON_CHECK" --lines 1 <<<"$OUT" || fail "facets JSON: $OUT"
expect_out '"facets":\{"year":\{"2021":1,"2022":1\},"type":\{"markdown":1,"text":1\}\}' "facets JSON"
run "$SEARCH" --db "$IDX" --facets colour budget
expect_rc 2 "--facets colour"

# -c: the exact count; -q: nothing, the exit status.
run "$SEARCH" --db "$IDX" -c budget date:2021
expect_rc 0 "-c"
[ "$OUT" = "4" ] || fail "-c: $OUT"
run "$SEARCH" --db "$IDX" -c zzzxqj
expect_rc 1 "-c, no match"
[ "$OUT" = "0" ] || fail "-c, no match: $OUT"
run "$SEARCH" --db "$IDX" -q budget type:pdf
expect_rc 1 "-q, no match"
[ -z "$OUT$ERR" ] || fail "-q printed: $OUT$ERR"
run "$SEARCH" --db "$IDX" -q budget
expect_rc 0 "-q"
[ -z "$OUT$ERR" ] || fail "-q printed: $OUT$ERR"
finish
