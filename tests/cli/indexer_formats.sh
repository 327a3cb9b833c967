#!/bin/bash
# indexer: every format it reads (tests/formats/make_fixtures.py good), each
# with its text, title, type and metadata, back to its file; markup,
# scripts and comments not indexed; mbox messages as documents of their own,
# incremental runs over them; search -l.
. "$TESTS_LIB"
python3 "$MAKE_FIXTURES" "$WORK/f" good || { fail "make_fixtures.py failed"; finish; }
G="$WORK/f/good"
IDX="$WORK/idx"
run "$INDEXER" --db "$IDX" "$G"
expect_rc 0 "every format"
expect_out "^indexed 19 documents into $IDX: 19 added, .* 0 failed, 0 skipped, 0 warnings; 19 documents in the index$"

# A parallel build (a reader process per part) holds the same documents.
run "$INDEXER" --db "$WORK/pidx" --jobs 2 "$G"
expect_out "19 added, .* 0 failed, 0 skipped, 0 warnings; 19 documents in the index$" "--jobs 2"
[ "$("$SEARCH" --db "$WORK/pidx" -l "probe*" OR pistachioprobe OR peachprobe | sort)" = \
  "$("$SEARCH" --db "$IDX" -l "probe*" OR pistachioprobe OR peachprobe | sort)" ] || fail "--jobs 2: other files"

# hit WORD: the first hit's fields for WORD, as "id|title|type|path|line|
# author|date" (json_check --fields).
hit() {
    "$SEARCH" --db "$IDX" --format json "$1" | "$JSON_CHECK" --fields
}
expect_hit() { # WORD EXPECTED
    local got
    got=$(hit "$1")
    [ "$got" = "$2" ] || fail "$1: got [$got], expected [$2]"
}
expect_hit hazelnutprobe "$G/page.html|Café Society & Co|html|$G/page.html|0|Jeanne Dupont|2021-10-18T07:30:00Z"
expect_hit walnutprobe "$G/notes.md|Meeting with the ministry|markdown|$G/notes.md|0|Maria Rossi|2022-03-04"
expect_hit almondprobe "$G/toml.md|Toml Front Matter|markdown|$G/toml.md|0|Tom L|2020-01-02"
# A document without a date of its own is dated by its file.
mtime() { date -u -r "$1" +%Y-%m-%dT%H:%M:%SZ; }
expect_hit pecanprobe "$G/heading.markdown|The Heading|markdown|$G/heading.markdown|0||$(mtime "$G/heading.markdown")"
expect_hit cashewprobe "$G/message.eml|Café meeting|mail|$G/message.eml|0|Alice Example <alice@example.com>|2021-10-18T07:30:00Z"
expect_hit macadamiaprobe "$G/inbox.mbox|First message|mail|$G/inbox.mbox|0|Alice Example <alice@example.com>|2021-10-18T07:30:00Z"
expect_hit pistachioprobe "$G/inbox.mbox#2|Second message|mail|$G/inbox.mbox|0|Alice Example <alice@example.com>|2021-10-18T07:30:00Z"
expect_hit chestnutprobe "$G/inbox.mbox#3|Third message|mail|$G/inbox.mbox|0|Alice Example <alice@example.com>|2021-10-18T07:30:00Z"
M="$G/Maildir/cur/1634550000.M1P1.host:2,S"
expect_hit brazilnutprobe "$M|Maildir message|mail|$M|0|Alice Example <alice@example.com>|2021-10-18T07:30:00Z"
# RFC 2047 in From and Subject, the plain part of an alternative, and the
# text of an attached DOCX, all in one message.
W="$G/with-attachment.eml"
expect_hit zanzibarplain "$W|Café budget review|mail|$W|0|André Martin <andre@example.com>|2021-09-14T10:00:00Z"
expect_hit peanutprobe "$W|Café budget review|mail|$W|0|André Martin <andre@example.com>|2021-09-14T10:00:00Z"
expect_hit boss "$W|Café budget review|mail|$W|0|André Martin <andre@example.com>|2021-09-14T10:00:00Z"
expect_hit hickoryprobe "$G/report.pdf|Annual Report|pdf|$G/report.pdf|0|Paul Pdf|2021-10-18T09:30:00Z"
expect_hit butternutprobe "$G/report.pdf|Annual Report|pdf|$G/report.pdf|0|Paul Pdf|2021-10-18T09:30:00Z"
expect_hit beechnutprobe "$G/memo.docx|Memo Title|docx|$G/memo.docx|0|Dora Docx|2021-10-18T09:30:00Z"
expect_hit kolaprobe "$G/slides.pptx|Slides Title|pptx|$G/slides.pptx|0|Carol|2021-10-18T09:30:00Z"
expect_hit acornprobe "$G/sheet.xlsx|Sheet Title|xlsx|$G/sheet.xlsx|0|Dave|2021-10-18T09:30:00Z"
expect_hit pinenutprobe "$G/letter.odt|Letter Title|odt|$G/letter.odt|0|Olga Odt|2020-02-29T12:00:00Z"
expect_hit gingkoprobe "$G/deck.odp|Deck Title|odp|$G/deck.odp|0|Pat|2020-02-29T12:00:00Z"
expect_hit candleprobe "$G/table.ods|Table Title|ods|$G/table.ods|0|Sam|2020-02-29T12:00:00Z"
expect_hit coconutprobe "$G/book.epub|Book Title|epub|$G/book.epub|0|Erin|2019-05-01"
expect_hit peachprobe "$G/plain.txt|Plain Title|text|$G/plain.txt|0||$(mtime "$G/plain.txt")"

# What a reader does not see is not indexed: scripts, styles, comments,
# link targets, the HTML part of an alternative that has a plain one.
for word in zzscriptword zzstyleword zzcommentword linkurlword zanzibarhtmlonly; do
    [ -z "$(hit "$word")" ] || fail "$word is indexed"
done
# Text in reading order: slides by number (10 after 2), the spine's order
# of chapters, words across runs of a DOCX joined, ODF spaces and tabs.
run "$SEARCH" --db "$IDX" --format json kolaprobe
expect_out '"snippet":"first slide second slide tenth slide kolaprobe' "slide order"
run "$SEARCH" --db "$IDX" --format json coconutprobe
expect_out '"snippet":"chapter one chapter zero coconutprobe' "spine order"
run "$SEARCH" --db "$IDX" --format json beechnutprobe
expect_out '"snippet":"Memo about the beechnutprobe project' "runs joined"
run "$SEARCH" --db "$IDX" --format json pinenutprobe
expect_out 'Dear reader, the pinenutprobe arrived' "ODF spaces"
# Entities and the declared charset (Latin-1) decoded; metadata in JSON.
run "$SEARCH" --db "$IDX" --format json hazelnutprobe
expect_out 'The café serves hazelnutprobe lattés.daily' "entities and charset"
expect_out '"meta":\{"language":"fr","author":"Jeanne Dupont","description":"A page about cafés","tags":"coffee, paris","date":"2021-10-18T07:30:00Z"\}' "HTML metadata"
run "$SEARCH" --db "$IDX" --format json walnutprobe
expect_out '"tags":"budget, ministry"' "front matter list"
[[ "$OUT" != *"title:"* && "$OUT" != *"**"* ]] || fail "markup indexed: $OUT"
# Metadata words are searchable (the author, the recipients).
expect_hit Rossi "$G/notes.md|Meeting with the ministry|markdown|$G/notes.md|0|Maria Rossi|2022-03-04"

# Text output shows the file of a message; search -l names each file once.
run "$SEARCH" --db "$IDX" --color never pistachioprobe
expect_out "^   $G/inbox.mbox  2021-10-18$" "path line of a message, with its date"
run "$SEARCH" --db "$IDX" -l macadamiaprobe OR pistachioprobe OR chestnutprobe OR hickoryprobe
[ "$OUT" = "$(printf '%s\n' "$G/inbox.mbox" "$G/report.pdf" | sort)" ] || [ "$(sort <<<"$OUT")" = "$(printf '%s\n' "$G/inbox.mbox" "$G/report.pdf")" ] ||
    fail "-l: $OUT"
run "$SEARCH" --db "$IDX" -l nosuchwordanywhere
expect_rc 1 "-l without a match"
[ -z "$OUT" ] || fail "-l without a match printed: $OUT"

# Incremental runs: nothing changed, nothing read (an mbox counts once); a
# message appended is
# added (the others stored again, the file having changed); a message gone
# from the mbox is removed, and the mbox's other messages stay.
run "$INDEXER" --db "$IDX" "$G"
expect_out "0 added, 0 updated, 17 unchanged, 0 removed; .* 19 documents in the index$" "rerun"
{ printf 'From x@example.com Tue Oct 19 09:00:00 2021\n'
  printf 'From: x@example.com\nSubject: Fourth message\n\nfilbertprobe four\n\n'; } >>"$G/inbox.mbox"
run "$INDEXER" --db "$IDX" "$G"
expect_out "1 added, 3 updated, 16 unchanged, 0 removed" "a message appended"
expect_hit filbertprobe "$G/inbox.mbox#4|Fourth message|mail|$G/inbox.mbox|0|x@example.com|$(mtime "$G/inbox.mbox")"
python3 - "$G/inbox.mbox" <<'PY'
import sys
p = sys.argv[1]
msgs = open(p).read().split("\nFrom ")
open(p, "w").write("\nFrom ".join(msgs[:-1]) + "\n")
PY
run "$INDEXER" --db "$IDX" "$G"
expect_out "0 added, 3 updated, 16 unchanged, 1 removed; .* 19 documents in the index$" "a message gone"
[ -z "$(hit filbertprobe)" ] || fail "the removed message is still found"

# An mbox is streamed: the reader process's peak resident memory (read
# while the indexer holds still after the file) is about the same for 2 MB
# and for 20 MB of messages.
mbox() { # FILE MESSAGES: messages of 100 KB
    python3 - "$1" "$2" <<'PY'
import sys
line = "word " * 19 + "budget\n"
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write("From s%d@example.com Mon Oct 18 09:30:00 2021\nFrom: s%d@example.com\nSubject: M%d\n\n" % (i, i, i))
        f.write(line * 1000 + "\n")
PY
}
reader_peak() { # MBOX: the reader's peak resident KiB, indexing it
    # (Under AddressSanitizer, freed memory waits in a quarantine of up to
    # 256 MB before reuse: kept small here, or it would look like growth.)
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1" \
        hold read "$INDEXER" --db "$WORK/bidx-$(basename "$1")" "$1" >"$WORK/big.out" 2>&1
    local reader
    reader=$(pgrep -P "$HELD" sift-reader)
    awk '/^VmHWM/ { print $2 }' "/proc/$reader/status" 2>/dev/null
    release read
    wait "$HELD"
}
mkdir -p "$WORK/big"
mbox "$WORK/big/small.mbox" 20
mbox "$WORK/big/big.mbox" 200
small=$(reader_peak "$WORK/big/small.mbox")
big=$(reader_peak "$WORK/big/big.mbox")
grep -q "200 added" "$WORK/big.out" || fail "big mbox: $(cat "$WORK/big.out")"
[ -n "$small" ] && [ -n "$big" ] && [ $((big - small)) -lt 20000 ] ||
    fail "the reader peaked at ${small:-?} KiB for 2 MB of mail, ${big:-?} KiB for 20 MB"

# JSON Lines records carry their line.
printf '{"id": "r1", "contents": "first record"}\n{"id": "r2", "contents": "quincerecord"}\n' >"$WORK/c.jsonl"
"$INDEXER" --db "$WORK/jidx" "$WORK/c.jsonl" >/dev/null
run "$SEARCH" --db "$WORK/jidx" --format json quincerecord
expect_out "\"id\":\"r2\",\"title\":\"quincerecord\",\"path\":\"$WORK/c.jsonl\",\"line\":2,\"type\":\"jsonl\"" "a record's line"
run "$SEARCH" --db "$WORK/jidx" --color never quincerecord
expect_out "^   $WORK/c.jsonl:2$" "a record's path and line in text"
finish
