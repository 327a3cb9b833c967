#!/bin/bash
# indexer --shards N: an index split into shards by a hash of the source ID,
# listed in a Xapian stub file, searched as one; the same shards served by
# two xapian-tcpsrv processes give the same answers as the unsharded index;
# a shard that is down is named in the error.
. "$TESTS_LIB"
C="$WORK/c"
mkdir -p "$C"
cp "$CORPUS"/*.txt "$C/"
# Varied words, so that equal scores (ranked by document number, which
# differs between a sharded and an unsharded index) are rare.
awk 'BEGIN { srand(11); for (i = 0; i < 600; i++) {
    t = ""; for (k = 0; k < 40; k++) t = t " w" int(rand() * rand() * 3000)
    printf "{\"_id\": \"g%d\", \"title\": \"w%d w%d\", \"text\": \"%s\"}\n", i, i, i * 7, t } }' >"$C/g.jsonl"

run "$INDEXER" --db "$WORK/one" "$C"
expect_rc 0 "unsharded"
run "$INDEXER" --db "$WORK/sh" --shards 2 "$C"
expect_rc 0 "two shards"
expect_out "605 added, .* 605 documents in the index$" "two shards"
G=$(gen_of "$WORK/sh")
[ -f "$WORK/sh/XAPIANDB" ] && [ -d "$G/shard00" ] && [ -d "$G/shard01" ] || fail "layout: $(ls -R "$WORK/sh")"
for s in shard00 shard01; do xapian-check "$G/$s" >/dev/null || fail "xapian-check $s"; done
[ "$(grep -c '^auto gen-1/shard0[01]$' "$WORK/sh/XAPIANDB")" -eq 2 ] || fail "stub: $(cat "$WORK/sh/XAPIANDB")"

# The same answers: the same documents, in the same order, with the same
# scores, for queries whose feedback terms (Xapian's ESet, weighed shard by
# shard) come out the same; and the same documents for every query.
printf 'q1\tmilitary liaison mission\nq2\tnato NOT moscow\nq3\tembassy closed\n' >"$WORK/q"
printf 'q1\tmilitary liaison mission\nq2\tw5 w17 w250\nq3\ttitle:w12\nq4\tnato NOT moscow\nq5\tw3*\n' >"$WORK/all"
same_answers() { # LABEL DB
    run "$SEARCH" --db "$2" --batch "$WORK/q" --format trec -n 20
    expect_rc 0 "$1"
    [ "$OUT" = "$want" ] || fail "$1 answers differently: $(diff <(echo "$want") <(echo "$OUT") | head -5)"
    run "$SEARCH" --db "$2" --batch "$WORK/all" --format trec -n 2000
    [ "$(awk '{ print $1, $3 }' <<<"$OUT" | sort)" = "$want_all" ] || fail "$1 matches other documents"
}
run "$SEARCH" --db "$WORK/one" --batch "$WORK/q" --format trec -n 20
expect_rc 0 "unsharded batch"
want=$OUT
run "$SEARCH" --db "$WORK/one" --batch "$WORK/all" --format trec -n 2000
want_all=$(awk '{ print $1, $3 }' <<<"$OUT" | sort)
same_answers "the sharded index" "$WORK/sh"

# Updates land in the shard that holds the old version: no duplicates.
sed -i 's/"title": "w5 w35"/"title": "w5 w35 updated"/' "$C/g.jsonl"
run "$INDEXER" --db "$WORK/sh" "$C"
expect_out "0 added, 1 updated, 604 unchanged, 0 removed; .* 605 documents in the index$" "update"
run "$INDEXER" --db "$WORK/sh" --shards 3 "$C"
expect_rc 2 "another shard count"
expect_err "the index has 2 shards"
run "$INDEXER" --db "$WORK/sh" --rebuild "$C"
expect_out "605 added.* 605 documents in the index$" "rebuild keeps the shards"
[ -d "$(gen_of "$WORK/sh")/shard01" ] || fail "the rebuild lost the shards"
"$INDEXER" --db "$WORK/one" "$C" >/dev/null 2>&1

# The same shards served by xapian-tcpsrv, named in a stub file.
serve() { # SHARD: starts a server on a free port, prints the port
    for _ in $(seq 1 20); do
        local port=$((20000 + RANDOM % 30000))
        # Its own session: stopped, xapian-tcpsrv signals its whole process
        # group (its connection children), which would include this script.
        setsid xapian-tcpsrv --port "$port" --interface 127.0.0.1 "$1" >"$WORK/srv.$port" 2>&1 &
        local pid=$!
        for _ in $(seq 1 50); do
            # Listening once a connection is accepted (its log is buffered).
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
                echo "$port $pid"
                return 0
            fi
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill "$pid" 2>/dev/null
    done
    return 1
}
read -r port0 pid0 < <(serve "$(gen_of "$WORK/sh")/shard00") || fail "cannot start xapian-tcpsrv"
read -r port1 pid1 < <(serve "$(gen_of "$WORK/sh")/shard01") || fail "cannot start xapian-tcpsrv"
trap 'kill $pid0 $pid1 2>/dev/null; rm -rf "$WORK"' EXIT
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$port0" "$port1" >"$WORK/remote.stub"
run "$SEARCH" --db "$WORK/one" --batch "$WORK/q" --format trec -n 20
want=$OUT
run "$SEARCH" --db "$WORK/one" --batch "$WORK/all" --format trec -n 2000
want_all=$(awk '{ print $1, $3 }' <<<"$OUT" | sort)
same_answers "remote shards" "$WORK/remote.stub"
run "$SEARCH" --db "$WORK/remote.stub" --color never "military liaison"
expect_out "\*\*military liaison\*\*" "snippets over the network"
run "$INDEXER" --db "$WORK/remote.stub" "$C"
expect_rc 2 "the indexer does not write a stub file"

kill "$pid1"
while kill -0 "$pid1" 2>/dev/null; do sleep 0.1; done
run "$SEARCH" --db "$WORK/remote.stub" nato
expect_rc 2 "a shard is down"
expect_err "cannot reach a remote shard: .*127\.0\.0\.1:$port1" "names the shard that is down"
finish
