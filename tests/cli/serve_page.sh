#!/bin/bash
# search --serve, the page: GET /?q=... is a whole HTML page rendered by the
# server (hits with rank, title, ID, path, type, score and the snippet with
# <mark>; the match count, "did you mean", paging), every byte of a
# document or a query escaped, with Content-Security-Policy (no inline
# script) and nosniff; its style sheet and script from fixed routes.
. "$TESTS_LIB"
. "$(dirname "$TESTS_LIB")/serve_lib.sh"

IDX="$WORK/idx"
mkdir -p "$WORK/docs"
# Titles that are markup: shown as text, never run.
# (entities in the HTML: the title read is the markup itself)
printf '<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; liaison</title></head><body><p>liaison one</p></body></html>\n' \
    >"$WORK/docs/script.html"
printf '<html><head><title>&quot;&gt;&lt;img src=x onerror=alert(2)&gt; liaison</title></head><body><p>liaison two &amp; &lt;b&gt;</p></body></html>\n' \
    >"$WORK/docs/attr.html"
printf '<html><head><title>Dated</title><meta name="date" content="2021-10-18"></head><body><p>zeppelin dated</p></body></html>\n' \
    >"$WORK/docs/dated.html"
for i in $(seq 1 25); do printf 'Paging doc %d\n\nliaison paging words\n' "$i" >"$WORK/docs/p$i.txt"; done
run "$INDEXER" --db "$IDX" "$WORK/docs"
expect_rc 0 "index"
start_server --db "$IDX"

get "/?q=liaison"
expect_code 200 "page"
expect_header '^Content-Type: text/html; charset=utf-8' "page"
expect_header "^Content-Security-Policy: default-src 'none'; script-src 'self';" "page"
expect_header '^X-Content-Type-Options: nosniff' "page"
grep -qi "^Content-Security-Policy:.*unsafe-inline" "$WORK/headers" && fail "CSP allows inline code"
expect_out '^<!DOCTYPE html>$' "page"
expect_out '</html>$' "page"
# Markup from documents is text.
grep -q '<script>alert' "$WORK/body" && fail "a title's <script> is markup: $(grep -n alert "$WORK/body")"
grep -q '<img' "$WORK/body" && fail "a title's <img> is markup"
expect_out '&lt;script&gt;alert\(1\)&lt;/script&gt; liaison' "escaped <script> title"
expect_out '&quot;&gt;&lt;img src=x onerror=alert\(2\)&gt; liaison' "escaped attribute-breaking title"
expect_out '</mark> two &amp; &lt;b&gt;' "escaped snippet text"
# The only scripts: ours, from a file (none inline).
[ "$(grep -c '<script' "$WORK/body")" -eq 1 ] || fail "scripts on the page: $(grep '<script' "$WORK/body")"
expect_out '^<script src="/static/sift.js" defer></script>$' "the page's script"
# Hits: rank, title, ID, path, type, score, <mark>.
expect_out '<span class="rank">1\.</span>' "rank"
expect_out '<span class="path">'"$WORK"'/docs/' "path"
expect_out '<span class="type">html</span>' "type"
expect_out '<span class="score">score [0-9.]+</span>' "score"
expect_out '<mark>liaison</mark>' "highlight"
expect_out '<p class="count" role="status">27 matches for <q>liaison</q> \(showing 1–10\)</p>' "count"
expect_out '<label for="q">' "label"
# Paging: next, then previous and next, then previous only.
expect_out '<a rel="next" href="/\?q=liaison&amp;offset=10">' "next"
expect_no_out 'rel="prev"' "no previous on page 1"
get "/?q=liaison&offset=10"
expect_out '<ol class="hits" start="11">' "page 2"
expect_out 'rel="prev" href="/\?q=liaison"' "previous"
expect_out 'rel="next" href="/\?q=liaison&amp;offset=20"' "next on page 2"
get "/?q=liaison&offset=20"
expect_no_out 'rel="next"' "no next on the last page"
get "/?q=zeppelin"
expect_out '<time>2021-10-18' "the date of a hit"
# Did you mean, and a correction when nothing matched.
get "/?q=liaisn+paging"
expect_out 'Did you mean <a href="/\?q=liaison(\+|%20)paging">liaison paging</a>\?' "did you mean"
get "/?q=liaisn"
expect_out 'Nothing matched <q>liaisn</q>: showing results for <q>liaison</q>' "corrected"
# A hostile query is escaped wherever it shows (title, box, count).
get "/?q=%22%3E%3Cscript%3Ealert(3)%3C/script%3E"
expect_code 200 "hostile query"
grep -q '<script>alert(3)' "$WORK/body" && fail "the query's <script> is markup"
expect_out 'value="&quot;&gt;&lt;script&gt;alert\(3\)&lt;/script&gt;"' "the box escapes the query"
get "/?q=mission%ff%fe"
expect_code 200 "invalid UTF-8 query"
python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$WORK/body" || fail "page not UTF-8"
get "/?q=x&limit=abc"
expect_code 400 "a bad parameter"
expect_out 'class="error" role="alert">invalid value for limit' "a bad parameter"
get "/"
expect_code 200 "no query"
expect_out 'autofocus' "no query: the box has focus"
# The assets: fixed routes, right types, nothing else under /static/.
get "/static/sift.css"
expect_code 200 "css"
expect_header '^Content-Type: text/css' "css"
expect_out ':focus-visible' "css focus style"
get "/static/sift.js"
expect_code 200 "js"
expect_header '^Content-Type: text/javascript' "js"
get "/static/sift.js.map"
expect_code 404 "no other asset"
stop_server
expect_rc 0 "SIGTERM"
finish
