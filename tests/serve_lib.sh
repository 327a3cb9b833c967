# Sourced by tests/cli/serve_*.sh after lib.sh: a test server of its own.
#
# start_server ARGS...: runs `search --serve 127.0.0.1:0 ARGS` (the system
# picks a free port) in the background, under `timeout` so that it stops by
# itself whatever happens to the test; returns once it listens, with $URL,
# $PORT, $SERVER (the pid of timeout, which hands it signals on) and its
# stderr in $SERVER_LOG. Every server still running is killed at exit.
# stop_server: SIGTERM, then its exit status in $RC.
SERVER_LIFETIME=${SERVER_LIFETIME:-240}
SERVERS=()
trap 'for p in "${SERVERS[@]}"; do kill -KILL "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
command -v curl >/dev/null || { echo "SKIP: curl is not installed"; exit 0; }

start_server() {
    SERVER_LOG="$WORK/server.${#SERVERS[@]}.err"
    timeout -s TERM "$SERVER_LIFETIME" "$SEARCH" --serve 127.0.0.1:0 "$@" 2>"$SERVER_LOG" &
    SERVER=$!
    SERVERS+=("$SERVER")
    PORT=
    local i
    for i in $(seq 1 3000); do
        PORT=$(sed -nE 's|^search: serving .* on http://127\.0\.0\.1:([0-9]+)/ .*|\1|p' "$SERVER_LOG")
        [ -n "$PORT" ] && break
        kill -0 "$SERVER" 2>/dev/null || break
        sleep 0.01
    done
    if [ -z "$PORT" ]; then
        fail "search --serve $* did not start: $(cat "$SERVER_LOG")"
        finish
    fi
    URL="http://127.0.0.1:$PORT"
}

stop_server() {
    kill -TERM "$SERVER" 2>/dev/null
    wait "$SERVER"
    RC=$?
}

# get PATH [CURL ARGS...]: the answer's body in $OUT, status in $CODE, its
# headers in $WORK/headers. Never waits more than 60 s.
get() {
    local path=$1
    shift
    CODE=$(curl -sS --max-time 60 -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$@" "$URL$path" 2>"$WORK/curl.err")
    OUT=$(cat "$WORK/body" 2>/dev/null)
}
expect_code() { [ "$CODE" = "$1" ] || fail "${2:-request}: HTTP $CODE, expected $1: $OUT $(cat "$WORK/curl.err")"; }
expect_header() { grep -qiE -- "$1" "$WORK/headers" || fail "${2:-headers} lack /$1/: $(cat "$WORK/headers")"; }
