/*
 * fuzz_batch.c - libFuzzer harness for search --batch input: the input is
 * written to a file and read with batch_open/batch_each/batch_close
 * (searcher/batch.c), and every query ID it yields goes through the TREC,
 * JSON and text printers with one made-up hit, as search does.
 *
 * Checked beyond the sanitizers (batch.h, print_trec.c): every call gets a
 * non-empty query ID and a query, both valid UTF-8; there are no more calls
 * than lines; batch_each returns 0; a TREC line is always one line of six
 * fields whatever the IDs hold; JSON reads back with the ID; the text
 * output cannot drive a terminal (fuzz_results.h).
 */
#include "fuzz.h" /* first: it sets the feature macros */

#include "batch.h"
#include "fuzz_results.h"

typedef struct state {
    unsigned long calls, lines;
} state;

/* What print_trec writes for QID and ID must be one line of 6 fields. */
static void check_trec(const char *qid, const char *id)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        fuzz_die("open_memstream");
    printer *p = print_trec_new(out, qid); /* the run tag may be anything too */
    FUZZ_CHECK(p != NULL, "print_trec_new failed");
    print_query q = {.qid = qid, .text = id, .nhits = 1, .lower = 1, .estimated = 1, .upper = 1,
                     .suggestion = ""};
    xc_hit hit = {.rank = 1, .id = id, .title = qid, .score = 1.5, .snippet = id};
    FUZZ_CHECK(p->begin(p, &q) == 0 && p->hit(p, &hit) == 0 && p->end(p) == 0 && p->finish(p) == 0,
               "the TREC printer failed");
    fclose(out);
    FUZZ_CHECK(len > 0 && buf[len - 1] == '\n' && memchr(buf, '\n', len) == buf + len - 1,
               "not one TREC line: %s", buf);
    size_t fields = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        FUZZ_CHECK(buf[i] != ' ' || (i > 0 && buf[i - 1] != ' '), "an empty field: %s", buf);
        FUZZ_CHECK((unsigned char)buf[i] > 0x20 || buf[i] == ' ', "a control byte in: %s", buf);
        fields += buf[i] != ' ' && (i == 0 || buf[i - 1] == ' ');
    }
    FUZZ_CHECK(fields == 6 && buf[0] != ' ' && buf[len - 2] != ' ', "%zu fields: %s", fields, buf);
    free(buf);
}

static int each(void *ctx, const char *qid, const char *query)
{
    state *st = ctx;
    st->calls++;
    FUZZ_CHECK(st->calls <= st->lines, "call %lu for %lu lines", st->calls, st->lines);
    FUZZ_CHECK(qid && *qid, "an empty query ID");
    FUZZ_CHECK(fuzz_valid_utf8(qid, strlen(qid)), "query ID not valid UTF-8");
    FUZZ_CHECK(query && fuzz_valid_utf8(query, strlen(query)), "query not valid UTF-8");
    check_trec(qid, query);
    /* The JSON and text printers, with the query as the hit's snippet. */
    print_query q = {.qid = qid, .text = query, .nhits = 1, .lower = 1, .estimated = 1,
                     .upper = 1, .suggestion = ""};
    xc_hit hit = {.rank = 1, .id = qid, .title = query, .score = 0.5, .snippet = query};
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        fuzz_die("open_memstream");
    printer *p = print_json_new(out);
    FUZZ_CHECK(p && p->begin(p, &q) == 0 && p->hit(p, &hit) == 0 && p->end(p) == 0 &&
                   p->finish(p) == 0,
               "the JSON printer failed");
    fclose(out);
    check_json(buf, len, query, 1);
    free(buf);
    out = open_memstream(&buf, &len);
    if (!out)
        fuzz_die("open_memstream");
    p = print_text_new(out, (int)(st->calls & 1), 20 + (int)(st->calls % 60));
    FUZZ_CHECK(p && p->begin(p, &q) == 0 && p->hit(p, &hit) == 0 && p->end(p) == 0 &&
                   p->finish(p) == 0,
               "the text printer failed");
    fclose(out);
    check_text(buf, len, (int)(st->calls & 1));
    free(buf);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path("queries.tsv");
    fuzz_write(path, data, size);
    state st = {0, 1};
    for (size_t i = 0; i < size; i++)
        st.lines += data[i] == '\n';
    FILE *in = batch_open(path);
    FUZZ_CHECK(in != NULL, "batch_open %s: %s", path, strerror(errno));
    int rc = batch_each(in, each, &st);
    FUZZ_CHECK(rc == 0, "batch_each returned %d: %s", rc, strerror(errno));
    batch_close(in);
    return 0;
}
