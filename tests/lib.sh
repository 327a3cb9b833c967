# Sourced by every tests/cli/*.sh: a scratch folder, the programs, and checks
# that print what went wrong before failing.
set -u
: "${INDEXER:?} ${SEARCH:?} ${CORPUS:?}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sift-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# Never touch the user's default index.
export SIFT_DB="$WORK/default-index"
unset NO_COLOR
FAILED=0

fail() { echo "FAIL: $*" >&2; FAILED=1; }

# run CMD...: runs it, keeping stdout in $OUT, stderr in $ERR, status in $RC.
run() {
  "$@" >"$WORK/out" 2>"$WORK/err"
  RC=$?
  OUT=$(cat "$WORK/out")
  ERR=$(cat "$WORK/err")
}

expect_rc() { [ "$RC" -eq "$1" ] || fail "${2:-command}: exit status $RC, expected $1 (stderr: $ERR)"; }
expect_out() { grep -qE -- "$1" <<<"$OUT" || fail "${2:-stdout} does not match /$1/: $OUT"; }
expect_no_out() { ! grep -qE -- "$1" <<<"$OUT" || fail "${2:-stdout} matches /$1/: $OUT"; }
expect_err() { grep -qE -- "$1" <<<"$ERR" || fail "${2:-stderr} does not match /$1/: $ERR"; }

# gen N: N JSON Lines records {"id": "kNNNNN", "contents": "Title\n\nbody"} of
# 60-200 made-up words (syllable pairs, frequent ones more often), each with
# the title word "Market" and the body word "market". Same N, same bytes.
gen() {
    awk -v n="$1" 'BEGIN {
        srand(7)
        split("ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu " \
              "na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu", syl, " ")
        nv = 0
        for (i = 1; i <= 50; i++) for (j = 1; j <= 50; j++) for (k = 1; k <= 2; k++)
            vocab[++nv] = syl[i] syl[j] (k == 2 ? "n" : "")
        for (d = 0; d < n; d++) {
            title = "Market"
            for (w = 0; w < 4; w++) title = title " " vocab[int(rand() * rand() * nv) + 1]
            len = 60 + int(rand() * 140)
            body = ""
            for (w = 0; w < len; w++) {
                body = body (w ? " " : "") vocab[int(rand() * rand() * nv) + 1]
                if (w % 17 == 16) body = body "."
            }
            printf "{\"id\": \"k%05d\", \"contents\": \"%s\\n\\n%s market.\"}\n", d, title, body
        }
    }'
}
# finish: the last line of every test script.
finish() { if [ "$FAILED" -ne 0 ]; then exit 1; fi; echo "ok"; exit 0; }
# gen_of IDX: the folder of the generation that the index at IDX is now (the
# one its stub file names), where its database files are.
gen_of() { echo "$1/$(sed -nE 's|^auto (gen-[0-9]+).*|\1|p' "$1/XAPIANDB" | head -n 1)"; }
# hold POINT CMD...: runs CMD in the background with SIFT_TESTPOINT=POINT
# (common/testpoint.h) and returns once it waits there; $HELD is its pid.
# release POINT lets it go on.
hold() {
    local point=$1
    shift
    mkdir -p "$WORK/points"
    rm -f "$WORK/points/$point"
    SIFT_TESTPOINT=$point SIFT_TESTPOINT_DIR="$WORK/points" "$@" &
    HELD=$!
    local i
    for i in $(seq 1 12000); do
        [ -e "$WORK/points/$point" ] && return 0
        kill -0 "$HELD" 2>/dev/null || { fail "$* ended before reaching $point"; return 1; }
        sleep 0.01
    done
    fail "$* did not reach $point"
    return 1
}
release() { rm -f "$WORK/points/$1"; }
