#!/bin/bash
# indexer: hostile files of every format (tests/formats/make_fixtures.py
# hostile): truncated, encrypted, bombs, deeply nested, wrong extensions.
# Each is named with its reason and counted, or read as what it is; the
# rest of the folder is indexed; nothing hangs or crashes the run.
. "$TESTS_LIB"
python3 "$MAKE_FIXTURES" "$WORK/f" hostile || { fail "make_fixtures.py failed"; finish; }
H="$WORK/f/hostile"
IDX="$WORK/idx"
run "$INDEXER" --db "$IDX" "$H"
expect_rc 1 "hostile files"
# Wrong extensions: read as what they are.
has() { # WORD FILE: WORD is found, in FILE
    local got
    got=$("$SEARCH" --db "$IDX" -l "$1")
    [ "$got" = "$H/$2" ] || fail "$1: found in [$got], expected $2"
}
has_not() { [ -z "$("$SEARCH" --db "$IDX" -l "$1")" ] || fail "$1 is indexed"; }
has wrongextprobe page-as.txt
has_not zzscriptword
has noextensionprobe pdf-without-extension
has misnamedprobe docx-named.pdf
# Truncated: what can be read is, or the file is named.
has cutpageprobe truncated.html
has unclosedprobe truncated.md
expect_err "^indexer: $H/truncated.pdf: not indexed: not a valid PDF: " "truncated PDF"
expect_err "^indexer: $H/truncated.docx: not indexed: not a valid zip file: " "truncated DOCX"
has cutmailprobe truncated.eml
# Encrypted, and a scan without text: "no text".
expect_err "^indexer: $H/encrypted.pdf: skipped: no text: the PDF is encrypted$" "encrypted PDF"
expect_err "^indexer: $H/scanned.pdf: skipped: no text: the pages hold no text layer \(a scan\?\)$" "scan"
has_not secretprobe
# Bombs: a zip member past the cap, a YAML alias bomb (aliases never
# expanded), more attachments than the cap (the first 64 read).
expect_err "^indexer: $H/bomb.docx: skipped: unpacks to more than 256 MiB$" "zip bomb"
has yamlbombprobe yaml-bomb.md
has attachprobe0 many-attachments.eml
has attachprobe63 many-attachments.eml
has_not attachprobe64
expect_err "^indexer: $H/many-attachments.eml: warning: message 1: 6 attachments not read \(over a cap\)$" "attachment cap"
# Deeply nested: past 256 levels, the rest is not read (HTML, XML: said);
# Markdown and PDF nest without harm; MIME parts past 16 levels are not read.
expect_err "^indexer: $H/nested.html: not indexed: elements nested more than 256 deep$" "nested HTML"
expect_err "^indexer: $H/nested.docx: not indexed: word/document.xml is not valid XML \(or nested more than 256 deep\)$" "nested DOCX"
has shallowmarkdownprobe nested.md
has nestedpdfprobe nested.pdf
has_not deepmimeprobe
"$SEARCH" --db "$IDX" --format json "title:nested title:parts" | "$JSON_CHECK" --has-id "$H/nested.eml" ||
    fail "the nested message itself is indexed"
expect_out "^indexed 12 documents into $IDX: 12 added, 0 updated, 0 unchanged, 0 removed; 4 failed, 3 skipped \(too large 1, no text 2\), 1 warning; 12 documents in the index$"
finish
