#!/usr/bin/env python3
"""Query sets and one-shot latency for bench/speed and bench/scale.

  queries.py titles CORPUS.jsonl[.gz] N [--seed S]
      N queries drawn from the corpus' own titles (records with a non-empty
      title; random.seed(S), default 1, then random.choice N times), written
      as "qNNNN<TAB>title" lines, whitespace runs folded to one space. The
      same corpus, N and seed give the same queries. A query ID is given so
      that no title is ever read as a JSON record by `search --batch` or
      fts5-bench.

  queries.py oneshot QUERIES N -- CMD [ARG...]
      runs CMD ARG... QUERY once per query, for the first N queries of
      QUERIES (the file above), one at a time, and prints
      "runs N p50 MS p99 MS max MS" (milliseconds). Each time is from just
      before the process is started to the last byte of its output (EOF on
      its stdout), as a user at a shell would feel it. Exit status 0 or 1 of
      CMD is fine (1: nothing matched); anything else stops with an error.

Percentiles are nearest-rank: p of n sorted times is the ceil(p/100 * n)-th.
Works with any python3 (no Xapian needed).
"""
import gzip
import json
import math
import random
import subprocess
import sys
import time


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = max(1, math.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[k - 1]


def cmd_titles(args):
    seed = 1
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i : i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    path, n = args[0], int(args[1])
    opener = gzip.open if path.endswith(".gz") else open
    titles = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            title = " ".join((json.loads(line).get("title") or "").split())
            if title:
                titles.append(title)
    if not titles:
        sys.exit("queries.py: %s: no record has a title" % path)
    random.seed(seed)
    out = sys.stdout
    for i in range(n):
        out.write("q%04d\t%s\n" % (i + 1, random.choice(titles)))


def read_queries(path, n=None):
    """The queries of a file of "qid<TAB>query" or "query" lines (the first N
    if N is given); blank lines are skipped. bench/plain_xapian.py reads its
    queries with this too."""
    queries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line:
                queries.append(line.split("\t", 1)[-1])
            if n is not None and len(queries) == n:
                break
    return queries


def cmd_oneshot(args):
    if len(args) < 4 or args[2] != "--":
        sys.exit(__doc__)
    qpath, n, cmd = args[0], int(args[1]), args[3:]
    queries = read_queries(qpath, n)
    times = []
    for q in queries:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd + [q], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # Read to EOF: the last byte of output is when the user has the answer.
        while p.stdout.read(65536):
            pass
        t1 = time.perf_counter()
        err = p.stderr.read()
        rc = p.wait()
        if rc not in (0, 1):
            sys.exit("queries.py: %s exited %d on %r: %s"
                     % (cmd[0], rc, q, err.decode("utf-8", "replace").strip()))
        times.append((t1 - t0) * 1000.0)
    times.sort()
    print("runs %d p50 %.1f p99 %.1f max %.1f"
          % (len(times), percentile(times, 50), percentile(times, 99), times[-1] if times else 0))


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("titles", "oneshot"):
        sys.exit(__doc__)
    (cmd_titles if sys.argv[1] == "titles" else cmd_oneshot)(sys.argv[2:])


if __name__ == "__main__":
    main()
