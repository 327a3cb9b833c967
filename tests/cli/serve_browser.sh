#!/bin/bash
# search --serve in a real browser: headless Chromium loads
# /?q=military+liaison+mission on the corpus and gets the five results in
# search's order, each with its highlights in <mark>; the form's own
# submission (GET /?q=WORDS, what typing a query into the box and pressing
# Enter sends: it is not typed here, the URL is loaded) gives results too.
# Screenshots, wide and phone-sized, are kept in the build folder:
# serve_browser.png, serve_browser_phone.png.
. "$TESTS_LIB"
. "$(dirname "$TESTS_LIB")/serve_lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
    # CI installs it (scripts/deps --test); a developer may not have it.
    echo "SKIP: chromium is not installed (Debian: apt-get install chromium)"
    [ -z "${CI:-}" ] || { echo "FAIL: CI must have chromium" >&2; exit 1; }
    exit 0
fi
# chromium URL ARGS...: headless, its own profile, stopped after 120 s.
chromium() {
    local url=$1
    shift
    timeout -s KILL 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --no-first-run --user-data-dir="$WORK/profile" --virtual-time-budget=5000 "$@" "$url" 2>>"$WORK/chromium.err"
}

IDX="$WORK/idx"
run "$INDEXER" --db "$IDX" "$CORPUS"
expect_rc 0 "index the corpus"
start_server --db "$IDX"

chromium "$URL/?q=military+liaison+mission" --dump-dom >"$WORK/dom.html"
[ -s "$WORK/dom.html" ] || fail "chromium gave no DOM: $(tail -5 "$WORK/chromium.err")"
run "$SEARCH" --db "$IDX" --format trec -n 10 military liaison mission
expected=$(awk '{ print $3 }' <<<"$OUT" | tr '\n' ' ')
python3 - "$WORK/dom.html" "$expected" <<'PY' || fail "the page in chromium: $(head -c 3000 "$WORK/dom.html")"
import sys
from html.parser import HTMLParser
class Hits(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hits, self.where = [], None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "li" and a.get("class") == "hit":
            self.hits.append({"id": "", "marks": []})
        elif self.hits and tag == "span" and a.get("class") == "id":
            self.where = "id"
        elif self.hits and tag == "mark":
            self.where = "mark"
            self.hits[-1]["marks"].append("")
    def handle_endtag(self, tag):
        if tag in ("span", "mark"):
            self.where = None
    def handle_data(self, data):
        if self.where == "id":
            self.hits[-1]["id"] += data
        elif self.where == "mark":
            self.hits[-1]["marks"][-1] += data
p = Hits()
p.feed(open(sys.argv[1], encoding="utf-8").read())
ids = [h["id"] for h in p.hits]
expected = sys.argv[2].split()
assert len(ids) == 5, ids
assert ids == expected, (ids, expected)
for h in p.hits:
    words = " ".join(h["marks"]).lower()
    assert h["marks"] and any(w in words for w in ("military", "liaison", "mission")), h
print("chromium: 5 hits in search's order, each highlighted")
PY
grep -q '<p class="count" role="status">5 matches for <q>military liaison mission</q>' "$WORK/dom.html" ||
    fail "the match count in chromium"

# The form, as submitted: GET /?q=WORDS from the box.
chromium "$URL/?q=belgian+embassy" --dump-dom >"$WORK/dom2.html"
grep -q 'value="belgian embassy"' "$WORK/dom2.html" || fail "the box does not hold the query submitted"
grep -q '<mark>[Bb]elgian' "$WORK/dom2.html" || fail "no results for the query submitted: $(head -c 2000 "$WORK/dom2.html")"

# Screenshots, kept as test artifacts.
OUTDIR=${BUILD_DIR:-$WORK}
rm -f "$OUTDIR/serve_browser.png" "$OUTDIR/serve_browser_phone.png"
chromium "$URL/?q=military+liaison+mission" --screenshot="$OUTDIR/serve_browser.png" --window-size=1280,1000 --hide-scrollbars
chromium "$URL/?q=military+liaison+mission" --screenshot="$OUTDIR/serve_browser_phone.png" --window-size=390,844 --hide-scrollbars
for png in serve_browser.png serve_browser_phone.png; do
    [ "$(head -c 8 "$OUTDIR/$png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
        fail "no screenshot $OUTDIR/$png: $(tail -5 "$WORK/chromium.err")"
done
# The page asked for nothing outside the server (the CSP would have
# refused it, and chromium says so on stderr).
grep -qi "Content Security Policy" "$WORK/chromium.err" && fail "CSP violations: $(grep -i 'Content Security' "$WORK/chromium.err")"
stop_server
expect_rc 0 "SIGTERM"
finish
