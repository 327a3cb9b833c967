#!/usr/bin/env python3
"""Xapian used plainly: the baseline of bench/speed and bench/scale.

  plain_xapian.py index DB CORPUS.jsonl[.gz]
      a fresh index of every record; prints "docs N seconds S"
  plain_xapian.py search DB QUERIES [--limit N]
      every query, top N (default 10); prints
      "queries N seconds S qps Q p50 MS p99 MS" (milliseconds)

What "plainly" means (the speed issue's baseline: "one process, default
settings, no compaction"):
- index: one WritableDatabase (DB_CREATE_OR_OVERWRITE, glass, the default
  backend), one TermGenerator with Xapian::Stem("english") and STEM_SOME;
  per record: index_text(title), increase_termpos(), index_text(text); the
  ID as the boolean term "Q" + _id; data = the text; added with
  replace_document("Q" + _id, doc); commit() once at the end (Xapian still
  flushes by itself every XAPIAN_FLUSH_THRESHOLD documents, 10 000 by
  default: that is its default behaviour); no compaction, no spelling table,
  no values. Records are BEIR {"_id", "title", "text"} or Anserini
  {"id", "contents"}; a record without an ID is skipped.
- search: QueryParser with the english stemmer, STEM_SOME, the database set,
  default flags; Enquire.get_mset(0, N) with Xapian's default BM25 weights;
  the document IDs of the hits are read (no data, no snippets). A query the
  parser refuses (Xapian::QueryParserError) is parsed again with no flags
  (plain words) and counted on stderr.
- times are Python's perf_counter inside the process: index from opening the
  database to the end of the commit (JSON parsing included), search per query
  from parse_query to the last hit read. The interpreter's start and
  `import xapian` are not counted.
QUERIES: lines "qid<TAB>query" or "query" (as bench/queries.py writes them).
Percentiles are nearest-rank.

Needs the Xapian Python bindings: Debian's python3-xapian
(`apt-get install python3-xapian`; bench/speed installed it on the machine
it was written on). They belong to the system's /usr/bin/python3: a python3
from pyenv or a venv does not see them, so the bench scripts look for a
python3 that can `import xapian`.
"""
import gzip
import json
import sys
import time

import xapian

from queries import percentile, read_queries  # bench/queries.py, beside this file


def text_of(rec, key):
    v = rec.get(key)
    return v if isinstance(v, str) else ""


def cmd_index(dbpath, corpus):
    opener = gzip.open if corpus.endswith(".gz") else open
    start = time.perf_counter()
    db = xapian.WritableDatabase(dbpath, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
    docs = skipped = 0
    with opener(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            rid = rec.get("_id", rec.get("id"))
            if rid is None or rid == "":
                skipped += 1
                continue
            rid = str(rid)
            title = text_of(rec, "title")
            text = text_of(rec, "text") if "text" in rec else text_of(rec, "contents")
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(title)
            tg.increase_termpos()
            tg.index_text(text)
            idterm = "Q" + rid
            doc.add_boolean_term(idterm)
            doc.set_data(text)
            db.replace_document(idterm, doc)
            docs += 1
    db.commit()
    seconds = time.perf_counter() - start
    db.close()
    if skipped:
        print("plain_xapian.py: %s: %d records without an ID skipped" % (corpus, skipped),
              file=sys.stderr)
    print("docs %d seconds %.3f" % (docs, seconds))


def cmd_search(dbpath, qpath, limit):
    queries = read_queries(qpath)
    db = xapian.Database(dbpath)
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(db)
    enquire = xapian.Enquire(db)
    times = []
    refused = hits = 0
    for q in queries:
        t0 = time.perf_counter()
        try:
            query = qp.parse_query(q)
        except xapian.QueryParserError:
            refused += 1
            query = qp.parse_query(q, 0)
        enquire.set_query(query)
        mset = enquire.get_mset(0, limit)
        for m in mset:
            hits += m.docid > 0
        times.append(time.perf_counter() - t0)
    total = sum(times)
    if refused:
        print("plain_xapian.py: %d queries refused by the parser, run as plain words" % refused,
              file=sys.stderr)
    ms = sorted(t * 1000.0 for t in times)
    print("queries %d seconds %.3f qps %.1f p50 %.2f p99 %.2f"
          % (len(queries), total, len(queries) / total if total > 0 else 0.0,
             percentile(ms, 50), percentile(ms, 99)))


def main():
    args = sys.argv[1:]
    if len(args) == 3 and args[0] == "index":
        cmd_index(args[1], args[2])
    elif len(args) in (3, 5) and args[0] == "search":
        limit = 10
        if len(args) == 5:
            if args[3] != "--limit":
                sys.exit(__doc__)
            limit = int(args[4])
        cmd_search(args[1], args[2], limit)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
