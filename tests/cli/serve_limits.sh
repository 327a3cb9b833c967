#!/bin/bash
# search --serve under pressure: slow clients (one byte at a time) are cut
# off and never keep others waiting, many connections at once, requests
# while an indexer commits and rebuilds the index (never an error, always a
# whole index; a commit is seen by the next request), SIGTERM exit 0 after.
. "$TESTS_LIB"
. "$(dirname "$TESTS_LIB")/serve_lib.sh"

TOTAL=2000
IDX="$WORK/idx"
gen "$TOTAL" >"$WORK/c.jsonl"
run "$INDEXER" --db "$IDX" "$WORK/c.jsonl"
expect_rc 0 "index"
start_server --db "$IDX" --threads 2

# Slow clients: more of them than threads, each sending a request one byte
# every 0.5 s. Meanwhile others are answered; each slow one is cut off
# (SERVE_REQUEST_SECONDS, 10 s) long before it could finish (its request
# would take 200 s), and well within 90 s whatever the load.
python3 - "$PORT" >"$WORK/slow.out" 2>&1 <<'PY' &
import socket, sys, threading, time
port = int(sys.argv[1])
req = b"GET /api/search?q=" + b"market" * 60 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
out = []
def slow(i):
    s = socket.create_connection(("127.0.0.1", port))
    t0 = time.monotonic()
    try:
        for b in req:
            s.send(bytes([b]))
            time.sleep(0.5)
            if time.monotonic() - t0 > 90:
                out.append("slow %d: still open after 90 s" % i)
                return
        out.append("slow %d: sent its whole request" % i)
    except OSError:
        pass
    # Cut off: the peer closed (reads give EOF or reset).
    try:
        s.settimeout(5)
        data = s.recv(100)
    except OSError:
        data = b""
    out.append("slow %d: cut after %.0f s%s" % (i, time.monotonic() - t0, " (" + data[:40].decode(errors="replace") + ")" if data else ""))
ts = [threading.Thread(target=slow, args=(i,)) for i in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("\n".join(sorted(out)))
PY
slow=$!
sleep 1 # (only so that the slow clients have begun; nothing depends on it)
for i in $(seq 1 20); do
    get "/api/search?q=market&limit=1"
    expect_code 200 "request $i among slow clients"
done
wait "$slow"
[ "$(grep -c ': cut after' "$WORK/slow.out")" -eq 4 ] || fail "slow clients: $(cat "$WORK/slow.out")"

# Many connections: 300 open and idle at once, and 200 requests 32 at a
# time, all answered.
python3 - "$PORT" "$URL" >"$WORK/many.out" 2>&1 <<'PY'
import socket, sys, urllib.request, concurrent.futures
port, url = int(sys.argv[1]), sys.argv[2]
idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(300)]
def one(i):
    with urllib.request.urlopen(url + "/api/search?limit=2&q=market+" + str(i), timeout=60) as r:
        return r.status
with concurrent.futures.ThreadPoolExecutor(32) as ex:
    codes = list(ex.map(one, range(200)))
print("codes", sorted(set(codes)), len(codes))
for s in idle: s.close()
PY
grep -q '^codes \[200\] 200$' "$WORK/many.out" || fail "many connections: $(cat "$WORK/many.out")"
# Past the connection limit (512): refused at once, the server goes on.
python3 - "$PORT" >"$WORK/flood.out" 2>&1 <<'PY'
import socket, sys
port = int(sys.argv[1])
socks = []
for _ in range(700):
    try:
        socks.append(socket.create_connection(("127.0.0.1", port), timeout=5))
    except OSError as e:
        print("connect:", e); break
print("opened", len(socks))
for s in socks: s.close()
PY
get "/healthz"
expect_code 200 "after 700 connections"

# During rebuilds and commits: every request answered 200, always the whole
# collection (every record has "market").
(
    for _ in 1 2 3; do
        "$INDEXER" --db "$IDX" --rebuild "$WORK/c.jsonl" >/dev/null 2>>"$WORK/writer.err" || echo "rebuild failed" >>"$WORK/writer.err"
    done
) &
writer=$!
n=0
while kill -0 "$writer" 2>/dev/null; do
    get "/api/search?q=market&limit=1&rank=bm25"
    expect_code 200 "search during a rebuild"
    grep -q "\"matches_upper\":$TOTAL," "$WORK/body" || fail "during a rebuild, not the whole index: $(head -c 200 "$WORK/body")"
    get "/api/stats"
    expect_code 200 "stats during a rebuild"
    expect_out "^\{\"documents\":$TOTAL," "stats during a rebuild"
    n=$((n + 1))
    [ "$FAILED" -eq 0 ] || break
done
wait "$writer"
[ ! -s "$WORK/writer.err" ] || fail "the writer: $(cat "$WORK/writer.err")"
echo "$n rounds of requests during three rebuilds"
[ "$n" -ge 1 ] || fail "no request ran during the rebuilds"
# A commit is seen by the next request (the index is reopened per request).
printf '{"id": "new1", "contents": "Fresh\\n\\nzyxwvut appears"}\n' >"$WORK/new.jsonl"
run "$INDEXER" --db "$IDX" "$WORK/new.jsonl"
expect_rc 0 "add one"
get "/api/search?q=zyxwvut"
expect_code 200 "after a commit"
expect_out '"hits":\[\{"rank":1,"id":"new1",' "the committed document"
get "/api/doc/new1"
expect_code 200 "the committed document by ID"
get "/api/stats"
expect_out "^\{\"documents\":$((TOTAL + 1))," "stats after a commit"
stop_server
expect_rc 0 "SIGTERM after all that"
finish
