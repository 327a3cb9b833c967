#!/bin/bash
# search --serve, the JSON API: /api/search answers as search --format json
# (plus "took_ms"), /api/batch streams a line per query, /api/doc/ID,
# /api/stats, /healthz; errors are JSON with 400/404/405/413/414/503, never
# 500, whatever the parameters; a token when asked; SIGTERM stops it, exit
# 0, letting an answer under way finish.
. "$TESTS_LIB"
. "$(dirname "$TESTS_LIB")/serve_lib.sh"

IDX="$WORK/idx"
run "$INDEXER" --db "$IDX" "$CORPUS"
expect_rc 0 "index the corpus"
start_server --db "$IDX"

# /api/search: search --format json's object, plus took_ms.
get "/api/search?q=military+liaison+mission&limit=3"
expect_code 200 "/api/search"
expect_header '^Content-Type: application/json' "/api/search"
run "$SEARCH" --db "$IDX" --format json -n 3 military liaison mission
python3 - "$(cat "$WORK/body")" "$OUT" <<'PY' || fail "/api/search differs from search --format json"
import json, sys
api, cli = json.loads(sys.argv[1]), json.loads(sys.argv[2])
assert api.pop("took_ms") > 0, api
assert api == cli, (api, cli)
PY
# Every option has its parameter, read as the CLI reads it.
for p in "offset=2&limit=2:--offset 2 -n 2" "rank=bm25:--rank bm25" "natural=1:--natural" \
    "rank_params=feedback%3D0:--rank-params feedback=0" "correct=1&q=milatary:--correct"; do
    params=${p%%:*} args=${p#*:}
    [[ "$params" == *"q="* ]] || params="$params&q=mission+AND+nato"
    query=$(sed -nE 's/.*q=([^&]*).*/\1/p' <<<"$params" | sed 's/+/ /g')
    get "/api/search?$params"
    expect_code 200 "/api/search?$params"
    # shellcheck disable=SC2086 # ARGS are words
    run "$SEARCH" --db "$IDX" --format json $args -- "$query"
    python3 - "$(cat "$WORK/body")" "$OUT" <<'PY' || fail "/api/search?$params differs from search $args"
import json, sys
api, cli = json.loads(sys.argv[1]), json.loads(sys.argv[2])
api.pop("took_ms")
assert api == cli, (api, cli)
PY
done
get "/api/search?like=000_e9927dfb07e16fa6&limit=2"
expect_code 200 "like"
expect_out '^\{"query":"000_e9927dfb07e16fa6","like":true,' "like"

# Bad parameters: 400 with a JSON error naming what is wrong.
for bad in "q=" "q=+++" "limit=-1&q=x" "limit=1001&q=x" "limit=1e3&q=x" "offset=99999999999&q=x" \
    "rank=best&q=x" "natural=maybe&q=x" "timeout=0&q=x" "timeout=nan&q=x" "rank_params=window%3D-1&q=x" \
    "q=x&like=y" "q=x&evil=1" "q=%22unbalanced+AND" "q=*phone" "snippet=5000&q=x" "q=x&rank=bm25&rank_params=feedback%3D0"; do
    get "/api/search?$bad"
    if [ "$bad" = "q=%22unbalanced+AND" ]; then
        expect_code 200 "broken syntax is read as words"
        continue
    fi
    expect_code 400 "/api/search?$bad"
    expect_out '^\{"error":"[^"]+","status":400\}$' "/api/search?$bad"
done
get "/api/search?q=$(head -c 16385 /dev/zero | tr '\0' a)"
expect_code 400 "a query over 16 KiB"
expect_out 'too long' "a query over 16 KiB"
get "/api/search?q=$(head -c 70000 /dev/zero | tr '\0' a)"
expect_code 414 "a URL over 64 KiB"
# Invalid UTF-8 and NUL: repaired (as search's arguments), never refused
# with a 500 nor echoed raw.
get "/api/search?q=mission%ff%c3%28%ed%a0%80+nato"
expect_code 200 "invalid UTF-8"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert "\ufffd" in d["query"], d' "$WORK/body" ||
    fail "invalid UTF-8: not repaired: $OUT"
get "/api/search?q=nato%00%01%1b"
expect_code 200 "control bytes"
get "/api/search?q=%ff%fe"
expect_code 200 "a query of invalid bytes only"
get "/api/search?%ff=1&q=x"
expect_code 400 "a parameter name of invalid UTF-8"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$WORK/body" || fail "error with invalid UTF-8 not JSON: $OUT"

# Routes and methods: fixed, nothing served from a path.
for path in "/etc/passwd" "/../../../etc/passwd" "/static/../../etc/passwd" "/api" "/api/searchx" "/static/" "//api/search"; do
    get "$path"
    expect_code 404 "$path"
    [[ "$OUT" != *root:* ]] || fail "$path served a file"
done
get "/api/search?q=x" -X DELETE
expect_code 405 "DELETE"
expect_header '^Allow: GET, HEAD' "DELETE"
get "/api/batch"
expect_code 405 "GET /api/batch"
get "/api/search?q=nato" -I
expect_code 200 "HEAD"

# /api/doc/ID
get "/api/doc/000_e9927dfb07e16fa6"
expect_code 200 "/api/doc"
run "$SEARCH" --db "$IDX" --show 000_e9927dfb07e16fa6 --format json
[ "$(cat "$WORK/body")" = "$OUT" ] || fail "/api/doc differs from search --show --format json: $(head -c 300 "$WORK/body")"
get "/api/doc/nosuchid"
expect_code 404 "unknown ID"
expect_out "^\{\"error\":\"no document with source ID 'nosuchid' in the index\",\"status\":404\}$" "unknown ID"
get "/api/doc/"
expect_code 404 "no ID"
get "/api/doc/%ff%00x"
expect_code 404 "an ID of invalid bytes"

# /api/stats, /healthz
get "/api/stats"
expect_code 200 "/api/stats"
expect_out '^\{"documents":5,"language":"english"\}$' "/api/stats"
get "/healthz"
expect_code 200 "/healthz"

# /api/batch: a line per query, in order, with the URL's options.
printf 'q1\tmilitary liaison\n{"_id": "q2", "text": "nato"}\nmission\n\nq5\t"broken\nq6\tmil*ry\n' >"$WORK/batch"
get "/api/batch?limit=2" --data-binary @"$WORK/batch"
expect_code 200 "/api/batch"
expect_header '^Content-Type: application/x-ndjson' "/api/batch"
run "$SEARCH" --db "$IDX" --batch "$WORK/batch" -n 2 --jobs 1
python3 - "$WORK/body" "$OUT" <<'PY' || fail "/api/batch differs from search --batch: $(cat "$WORK/body")"
import json, sys
api = [json.loads(l) for l in open(sys.argv[1])]
cli = [json.loads(l) for l in sys.argv[2].splitlines()]
assert [a["qid"] for a in api] == ["q1", "q2", "3", "4", "q5", "q6"], api
for a, c in zip(api, cli):
    a.pop("took_ms", None)
    assert a == c, (a, c)
assert "error" in api[5], api[5]
PY
get "/api/batch?q=x" --data-binary @"$WORK/batch"
expect_code 400 "/api/batch with q"
get "/api/batch" --data-binary ""
expect_code 200 "empty batch"
[ -z "$OUT" ] || fail "empty batch: $OUT"
# Oversize bodies: by Content-Length, and chunked (no length given).
head -c $((1024 * 1024 + 1)) /dev/zero | tr '\0' 'a' >"$WORK/big"
get "/api/batch" --data-binary @"$WORK/big"
expect_code 413 "a body over 1 MiB"
curl -s --max-time 60 -o /dev/null -H "Transfer-Encoding: chunked" --data-binary @"$WORK/big" "$URL/api/batch"
grep -q '"/api/batch" 413\|^' "$SERVER_LOG" # (the client may see the close first)
seq 1 10001 >"$WORK/many"
get "/api/batch" --data-binary @"$WORK/many"
expect_code 413 "more than 10000 queries"
get "/healthz"
expect_code 200 "after the oversize bodies"

# The token: every route but /healthz wants it; a non-loopback address
# wants a token or --public.
stop_server
expect_rc 0 "SIGTERM"
printf 'short\n' >"$WORK/short-token"
run timeout 20 "$SEARCH" --db "$IDX" --serve 127.0.0.1:0 --token "$WORK/short-token"
expect_rc 2 "a short token"
expect_err "16 to 4096 characters" "a short token"
run timeout 20 "$SEARCH" --db "$IDX" --serve 127.0.0.1:0 --token "$WORK/nonexistent"
expect_rc 2 "no token file"
run timeout 20 "$SEARCH" --db "$IDX" --serve 0.0.0.0:0
expect_rc 2 "a non-loopback address without a token"
expect_err "not a loopback address: give --token FILE" "non-loopback"
for bad in "127.0.0.1:65536" "127.0.0.1:" "x:y" ":80" "-1" "127.0.0.1:8x"; do
    run timeout 20 "$SEARCH" --db "$IDX" --serve "$bad"
    expect_rc 2 "--serve $bad"
done
run timeout 20 "$SEARCH" --db "$IDX" --token "$WORK/short-token" nato
expect_rc 2 "--token without --serve"
run timeout 20 "$SEARCH" --db "$IDX" --serve 127.0.0.1:0 --format json
expect_rc 2 "--serve --format"
printf 'a-token-of-32-characters-0123456\n' >"$WORK/token"
start_server --db "$IDX" --token "$WORK/token"
get "/api/search?q=nato"
expect_code 401 "no token"
expect_header '^WWW-Authenticate: Bearer' "no token"
get "/api/search?q=nato" -H "Authorization: Bearer a-token-of-32-characters-012345"
expect_code 401 "a wrong token"
get "/?q=nato" -H "Authorization: Bearer a-token-of-32-characters-01234567"
expect_code 401 "a longer token"
get "/api/search?q=nato" -H "Authorization: Bearer a-token-of-32-characters-0123456"
expect_code 200 "the token"
get "/healthz"
expect_code 200 "/healthz without the token"
stop_server
expect_rc 0 "SIGTERM (token)"

# No index (yet): 503, and answers once there is one.
start_server --db "$WORK/later"
get "/api/search?q=nato"
expect_code 503 "no index"
expect_out '"status":503' "no index"
get "/healthz"
expect_code 503 "/healthz without an index"
get "/?q=nato"
expect_code 503 "the page without an index"
run "$INDEXER" --db "$WORK/later" "$CORPUS"
get "/api/search?q=nato"
expect_code 200 "the index made while serving"

# SIGTERM while an answer is under way: it finishes, then exit 0.
stop_server
expect_rc 0 "SIGTERM (later)"
mkdir -p "$WORK/points"
SIFT_TESTPOINT=searcher-search SIFT_TESTPOINT_DIR="$WORK/points" start_server --db "$IDX"
curl -sS --max-time 60 -o "$WORK/held.body" -w '%{http_code}' "$URL/api/search?q=nato" >"$WORK/held.code" &
client=$!
for _ in $(seq 1 6000); do [ -e "$WORK/points/searcher-search" ] && break; sleep 0.01; done
[ -e "$WORK/points/searcher-search" ] || fail "the search was not held"
kill -TERM "$SERVER"
for _ in $(seq 1 6000); do grep -q 'SIGTERM: stopping' "$SERVER_LOG" && break; sleep 0.01; done
rm -f "$WORK/points/searcher-search"
wait "$client"
[ "$(cat "$WORK/held.code")" = 200 ] || fail "the answer under way at SIGTERM: HTTP $(cat "$WORK/held.code")"
grep -q '"hits":\[{"rank":1' "$WORK/held.body" || fail "the answer under way at SIGTERM: $(cat "$WORK/held.body")"
wait "$SERVER"
RC=$?
expect_rc 0 "SIGTERM with an answer under way"
# SIGINT too.
start_server --db "$IDX"
kill -INT "$SERVER"
wait "$SERVER"
RC=$?
expect_rc 0 "SIGINT"
finish
