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

# finish: the last line of every test script.
finish() { if [ "$FAILED" -ne 0 ]; then exit 1; fi; echo "ok"; exit 0; }
