#!/bin/bash
# search: stem-aware highlighting, plain marks and colours, wrapping.
. "$TESTS_LIB"
"$INDEXER" --db "$WORK/idx" "$CORPUS" >/dev/null || fail "indexer failed"
S=("$SEARCH" --db "$WORK/idx")
ESC=$'\033'

# "suspend", a word the corpus never has as such, finds "suspends",
# "suspended" and "suspending" and marks them, without colour too.
run "${S[@]}" suspend
expect_rc 0 "suspend"
expect_out '\*\*suspen(ds|ded|ding)\*\*' "plain highlight of the stemmed form"
[[ "$OUT" != *"$ESC"* ]] || fail "piped output has escape sequences"
run "${S[@]}" --format json suspend
"$JSON_CHECK" --highlight-prefix suspen <<<"$OUT" || fail "json: no highlight reads suspen...: $OUT"

# --color=always: grep-like colours; matches bold red, reset after.
run "${S[@]}" --color=always suspend
grep -qE "$ESC\[1;31msuspen(ds|ded|ding)$ESC\[0m" <<<"$OUT" || fail "--color=always: no red match: $OUT"
[[ "$OUT" == *"$ESC[35m000_e9927dfb07e16fa6$ESC[0m"* ]] || fail "--color=always: ID not magenta"
[[ "$OUT" != *'**'* ]] || fail "--color=always still has ** marks"
run env NO_COLOR=1 "${S[@]}" --color=always suspend
[[ "$OUT" == *"$ESC["* ]] || fail "--color=always should win over NO_COLOR"
run "${S[@]}" --color always suspend
[[ "$OUT" == *"$ESC["* ]] || fail "--color always (separate argument)"
run "${S[@]}" --color=never suspend
[[ "$OUT" != *"$ESC"* ]] || fail "--color=never has escape sequences"
run env NO_COLOR=1 "${S[@]}" suspend
[[ "$OUT" != *"$ESC"* ]] || fail "NO_COLOR=1 has escape sequences"

# On a terminal (script(1) makes one): colour by default, none with
# NO_COLOR or --color=never.
if command -v script >/dev/null && script -qec true /dev/null >/dev/null 2>&1; then
    q=$(printf '%q ' "${S[@]}")
    tty_out() { script -qec "$1" /dev/null </dev/null 2>&1; }
    [[ "$(tty_out "$q suspend")" == *"$ESC[1;31m"* ]] || fail "terminal: no colour by default"
    [[ "$(tty_out "NO_COLOR=1 $q suspend")" != *"$ESC["* ]] || fail "terminal: NO_COLOR ignored"
    [[ "$(tty_out "NO_COLOR= $q suspend")" == *"$ESC[1;31m"* ]] || fail "terminal: empty NO_COLOR disables colour"
    [[ "$(tty_out "$q --color=never suspend")" != *"$ESC["* ]] || fail "terminal: --color=never ignored"
else
    echo "note: script(1) unusable, terminal checks skipped" >&2
fi

# A phrase is highlighted in the snippet.
run "${S[@]}" --format json '"military liaison mission"'
"$JSON_CHECK" --highlight-prefix military <<<"$OUT" || fail "phrase not highlighted: $OUT"

# Snippet lines (indented) wider than $1 characters: continuation bytes are
# dropped so that each UTF-8 character counts once, whatever the locale.
# (A hit's path line, "   /...", is never cut: it names a file.)
too_long() { LC_ALL=C tr -d '\200-\277' | awk -v w="$1" '/^   / && !/^   \// && length($0) > w'; }

# Wrapping follows $COLUMNS when not on a terminal; snippet lines indented.
for cols in 40 80 120; do
    run env COLUMNS=$cols "${S[@]}" --color=never -n 3 nato
    long=$(too_long "$cols" <<<"$OUT")
    [ -z "$long" ] || fail "COLUMNS=$cols: snippet lines too long: $long"
done
run env COLUMNS=40 "${S[@]}" --color=never -n 1 nato
[ "$(grep -c '^   [^ ]' <<<"$OUT")" -ge 3 ] || fail "COLUMNS=40: snippet not wrapped: $OUT"
# Colour codes do not count toward the width.
run env COLUMNS=60 "${S[@]}" --color=always -n 3 suspend
long=$(sed "s/$ESC\[[0-9;]*m//g" <<<"$OUT" | too_long 60)
[ -z "$long" ] || fail "colour codes counted as width: $long"

finish
