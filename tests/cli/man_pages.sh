#!/bin/bash
# The manual pages (man/) and the bash and fish completions (completions/)
# agree with the programs: every option --help prints is an entry of the
# page's OPTIONS, with its argument, and is offered by each completion; no
# page or completion names an option the programs lack; the pages render without
# groff warnings; sift(3) names only calls of xc.h, and its example
# compiles against the installed library through pkg-config and runs.
. "$TESTS_LIB"
: "${BUILD_DIR:?}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
MAN=$TOP/man
COMPLETION=$TOP/completions/sift.bash
FISH_COMPLETION=$TOP/completions/sift.fish
# Accepted, not listed by --help, so allowed in pages and completion; each
# is checked to work below.
ALIASES="--colour"

# help_entries PROG: one line "SHORT LONG ARG" per option line of --help
# ("-" for an absent part).
help_entries() {
    "$1" --help | awk '/^ +-/ {
        s = "-"; l = "-"; a = "-"
        for (i = 1; i <= NF; i++) {
            t = $i; sub(/,$/, "", t)
            if (t ~ /^-[A-Za-z]$/) s = t
            else if (t ~ /^--[a-z][a-z0-9-]*$/) { l = t; if ($(i + 1) ~ /^[A-Z][A-Z0-9_=]*$/) a = $(i + 1); break }
            else break
        }
        print s, l, a
    }'
}

# roff_text: man source on stdin as text, roughly: fonts and quotes of
# macros dropped, the arguments of two-font macros (.BR, .BI, ...) joined.
roff_text() {
    awk '{
        gsub(/\\f(\[[A-Z]*\]|[BIRP])/, ""); gsub(/\\-/, "-"); gsub(/\\\(dq/, "\"")
        gsub(/\\&/, ""); gsub(/\\e/, "\\"); gsub(/\\\(aq/, "\047")
        if ($0 !~ /^\.[A-Z][A-Z]?( |$)/) { print; next }
        m = substr($1, 2); rest = substr($0, length($1) + 2)
        n = 0; cur = ""; q = 0; have = 0
        for (i = 1; i <= length(rest); i++) {
            c = substr(rest, i, 1)
            if (c == "\"") { q = !q; have = 1; continue }
            if (c == " " && !q) { if (have) { arg[++n] = cur; cur = ""; have = 0 }; continue }
            cur = cur c; have = 1
        }
        if (have) arg[++n] = cur
        out = ""
        for (i = 1; i <= n; i++) out = out ((i > 1 && length(m) == 1) ? " " : "") arg[i]
        print out
    }'
}

# option_tags PAGE: the tag line of every entry (.TP) of the OPTIONS section.
option_tags() {
    awk '/^\.SH/ { in_opts = ($2 == "OPTIONS") } in_opts && prev == ".TP" { print } { prev = $0 }' "$1" | roff_text
}

# tokens: words on stdin (split at spaces and commas), one a line.
tokens() { tr ' ,' '\n\n' | grep -v '^$'; }

for alias in $ALIASES; do
    run "$SEARCH" "$alias=never" --version
    expect_rc 0 "search $alias (an alias that --help does not list)"
done

# The completion, as bash runs it: complete PROG WORDS... prints what it
# offers for the last word.
. "$COMPLETION"
complete_words() {
    local fn=$1
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMPREPLY=()
    "$fn"
    printf '%s\n' "${COMPREPLY[@]}"
}

ALL_OPTIONS=$({ "$INDEXER" --help; "$SEARCH" --help; } | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u)
for prog in indexer search; do
    case $prog in
    indexer) bin=$INDEXER ;;
    search) bin=$SEARCH ;;
    esac
    page=$MAN/$prog.1
    [ -f "$page" ] || { fail "no man page $page"; continue; }
    entries=$(help_entries "$bin")
    [ "$(wc -l <<<"$entries")" -ge 5 ] || fail "$prog --help: too few option lines read: $entries"
    tags=$(option_tags "$page")
    tag_options=$(tokens <<<"$tags" | grep -E '^-' | sed 's/=.*//' | sort -u)
    help_options=$(awk '{ if ($1 != "-") print $1; if ($2 != "-") print $2 }' <<<"$entries" | sort -u)
    offered=$(complete_words "_sift_$prog" "$bin" -)
    # fish's: the -s and -l of the file's "complete -c PROG" lines.
    fish_offered=$(grep -E "^complete -c $prog " "$FISH_COMPLETION" | grep -oE -- ' -[sl] [A-Za-z][a-z0-9-]*' |
        sed -E 's/^ -s /-/; s/^ -l /--/' | sort -u)
    # Every option of --help: an entry of the page, with its argument, and
    # offered by the completion.
    while read -r short long arg; do
        for opt in $short $long; do
            [ "$opt" = - ] && continue
            grep -qxF -- "$opt" <<<"$tag_options" || fail "$prog --help has $opt, $page has no entry for it"
            grep -qxF -- "$opt" <<<"$offered" || fail "$prog --help has $opt, the completion does not offer it"
            grep -qxF -- "$opt" <<<"$fish_offered" || fail "$prog --help has $opt, the fish completion does not offer it"
        done
        if [ "$long" != - ] && [ "$arg" != - ]; then
            grep -qE -- "(^|[ ,])$long[ =]$arg([ ,]|$)" <<<"$tags" ||
                fail "$page: $long is not shown with its argument $arg (as --help has it)"
        fi
    done <<<"$entries"
    # No stale options: an entry of the page that --help lacks, any option
    # named in the page that neither program has, one the completion offers.
    for opt in $tag_options; do
        grep -qxF -- "$opt" <<<"$help_options" || fail "$page has an entry for $opt, $prog --help does not list it"
    done
    # (what is quoted is another program's: unrtf --text)
    for opt in $(roff_text <"$page" | sed "s/'[^']*'//g" | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
        grep -qxF -- "$opt" <<<"$ALL_OPTIONS" || [[ " $ALIASES " == *" $opt "* ]] ||
            fail "$page names $opt, which neither indexer nor search has"
    done
    for opt in $offered $fish_offered; do
        grep -qxF -- "$opt" <<<"$help_options" || [[ " $ALIASES " == *" $opt "* ]] ||
            fail "a completion offers $opt for $prog, whose --help does not list it"
    done
done

# Values the completion offers, each accepted by the program.
"$INDEXER" --db "$WORK/idx" "$CORPUS" >/dev/null || fail "indexer failed"
for pair in --format:text,json,trec --color:auto,always,never --rank:full,bm25; do
    opt=${pair%%:*}
    want=$(tr , '\n' <<<"${pair#*:}")
    got=$(complete_words _sift_search "$SEARCH" "$opt" "")
    [ "$got" = "$want" ] || fail "completion of search $opt: $(echo $got), expected $(echo $want)"
    for value in $got; do
        run "$SEARCH" --db "$WORK/idx" "$opt" "$value" nato
        expect_rc 0 "search $opt $value"
    done
done
# --rank-params: the keys search lists when given a wrong one.
run "$SEARCH" --db "$WORK/idx" --rank-params nokey nato
want=$(grep -oE '[a-z-]+=' <<<"$ERR" | sort)
got=$(complete_words _sift_search "$SEARCH" --rank-params "" | sort)
[ -n "$want" ] && [ "$got" = "$want" ] || fail "completion of --rank-params: $(echo $got), search knows: $(echo $want)"
languages=$("$INDEXER" --list-languages)
want=$(printf 'auto\nnone\nlist\n%s\n' "$languages")
got=$(complete_words _sift_indexer "$INDEXER" --lang "")
[ "$got" = "$want" ] || fail "completion of indexer --lang: $(echo $got), expected $(echo $want)"
# Its list for when the program cannot be asked is --list-languages too.
got=$(complete_words _sift_indexer /nonexistent/indexer --lang "")
[ "$got" = "$want" ] || fail "completion of indexer --lang without the program: $(echo $got), expected $(echo $want)"
got=$(complete_words _sift_indexer "$INDEXER" --db = "$CORPUS")
[ "$got" = "$CORPUS" ] || fail "completion of indexer --db=$CORPUS: $got"

# fish itself, where it is installed: the file loads, and offers the
# options (the programs found in PATH, as they are when installed).
if command -v fish >/dev/null; then
    mkdir -p "$WORK/bin"
    ln -s "$INDEXER" "$WORK/bin/indexer"
    ln -s "$SEARCH" "$WORK/bin/search"
    run env PATH="$WORK/bin:$PATH" fish --no-config -c "source '$FISH_COMPLETION'
        complete -C'indexer --re'; complete -C'indexer --lang fren'; complete -C'search --format j'"
    expect_rc 0 "fish, with the completion"
    [ -z "$ERR" ] || fail "fish says: $ERR"
    expect_out '^--rebuild' "fish: indexer --re"
    expect_out '^french' "fish: indexer --lang fren"
    expect_out '^json' "fish: search --format j"
else
    echo "fish is not installed: its completion is checked as text only"
fi

# The pages render without warnings.
if command -v groff >/dev/null; then
    for page in "$MAN"/*.[13]; do
        warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
        [ -z "$warnings" ] || fail "groff warns about $page: $warnings"
    done
else
    echo "groff is not installed: the pages' rendering is not checked"
fi

# sift(3): every xc_ and XC_ name in it is in xc.h.
for name in $(grep -oE '\b(xc|XC)_[A-Za-z0-9_]+' "$MAN/sift.3" | sort -u); do
    grep -qE "\b$name\b" "$TOP/xapian-c/xc.h" || fail "sift.3 names $name, which xc.h does not have"
done

# Installed where man and bash-completion look; the example of sift(3)
# built as a user would, against the installed header and library.
run cmake --install "$BUILD_DIR" --prefix "$WORK/prefix"
expect_rc 0 "cmake --install"
for f in share/man/man1/indexer.1 share/man/man1/search.1 share/man/man3/sift.3 \
    share/bash-completion/completions/indexer share/bash-completion/completions/search \
    share/fish/vendor_completions.d/indexer.fish share/fish/vendor_completions.d/search.fish; do
    [ -f "$WORK/prefix/$f" ] || fail "cmake --install did not install $f"
done
awk '/^\.SH/ { in_ex = ($2 == "EXAMPLE") } in_ex && /^\.EE/ { exit } in_ex && go { print } in_ex && /^\.EX/ { go = 1 }' \
    "$MAN/sift.3" | roff_text >"$WORK/example.c"
grep -q 'int main' "$WORK/example.c" || fail "no example program found in sift.3"
pc=(pkg-config --define-variable=prefix="$WORK/prefix") # sift.pc names the configured prefix
export PKG_CONFIG_PATH="$WORK/prefix/lib/pkgconfig:$WORK/prefix/lib64/pkgconfig"
flags=()
grep -q '^SIFT_SANITIZE:BOOL=ON' "$BUILD_DIR/CMakeCache.txt" && flags=(-fsanitize=address,undefined)
# shellcheck disable=SC2046
run "${CC:-cc}" -std=c11 -Wall -Wextra -Werror "${flags[@]}" -o "$WORK/example" "$WORK/example.c" \
    $("${pc[@]}" --cflags --libs sift) -Wl,-rpath,"$("${pc[@]}" --variable=libdir sift)"
expect_rc 0 "the example of sift.3, compiled with pkg-config"
if [ -x "$WORK/example" ]; then
    run "$WORK/example" "$WORK/example-index" stem
    expect_rc 0 "the example of sift.3"
    expect_out '^1\. hello  Hello  \([0-9.]+\)$' "the example's first line"
    expect_out "^   Words, stemmed as the index's language says\.$" "the example's snippet"
fi
finish
