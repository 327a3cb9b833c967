/*
 * json_check - checks search's JSON Lines output (read from stdin).
 *
 * Every line must be one JSON object of the documented shape:
 *   {["qid": string,] "query": string, "matches_estimated": int,
 *    "matches_lower": int, "matches_upper": int, "offset": int,
 *    "hits": [{"rank": int, "id": string, "title": string, "path": string,
 *              ["line": int >= 1,] ["type": string,] ["meta": {string: string},]
 *              "score": number, "snippet": string,
 *              "highlights": [[start, end], ...]}]}
 * with ranks offset+1, offset+2, ..., lower <= estimated <= upper, and
 * highlights in code points: 0 <= start < end <= length of snippet, in
 * increasing order without overlaps.
 *
 * Options assert more:
 *   --lines N          exactly N objects
 *   --min-hits N       every object has at least N hits
 *   --max-hits N       every object has at most N hits
 *   --first-id ID      the first object's first hit has this ID
 *   --has-id ID        some hit of some object has this ID
 *   --no-id ID         no hit of any object has this ID
 *   --highlight TEXT   some highlighted span's text, lower-cased, is TEXT
 *   --highlight-prefix TEXT   ... starts with TEXT
 *   --qids A,B,...     the objects' "qid" values, in this order
 *   --query TEXT       the first object's "query" is TEXT
 *   --fields           prints the first hit's id|title|type|path|line|
 *                      author|date ("" and 0 where absent), then checks
 * Exit status: 0 if all is well, 1 (with messages on stderr) if not, 2 on
 * bad usage. Prints nothing on success.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

typedef struct checks {
    long lines, min_hits, max_hits; /* -1: not asked */
    const char *first_id, *has_id, *no_id;
    const char *highlight, *highlight_prefix;
    const char *qids, *query;
    int fields;
} checks;

typedef struct progress {
    long objects;
    int failed;
    int first_id_seen, has_id_seen, highlight_seen;
    const char *next_qid; /* into checks.qids */
} progress;

static progress st;

static void fail(long line, const char *fmt, const char *detail)
{
    fprintf(stderr, "json_check: line %ld: ", line);
    fprintf(stderr, fmt, detail);
    fputc('\n', stderr);
    st.failed = 1;
}

static size_t count_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* Byte offset of code point CP in S (valid UTF-8 of LEN bytes). */
static size_t char_offset(const char *s, size_t len, size_t cp)
{
    size_t i = 0;
    for (; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && cp-- == 0)
            break;
    return i;
}

static int is_int(const json_t *j)
{
    return json_is_integer(j);
}

/* Checks a hit's highlights, and notes whether one matches --highlight. */
static void check_highlights(long line, const checks *c, const char *snippet,
                             size_t len, json_t *list)
{
    size_t nchars = count_chars(snippet, len);
    json_int_t prev_end = 0;
    size_t i;
    json_t *pair;
    if (!json_is_array(list)) {
        fail(line, "%s", "highlights is not an array");
        return;
    }
    json_array_foreach(list, i, pair) {
        json_t *a = json_array_get(pair, 0), *b = json_array_get(pair, 1);
        if (!json_is_array(pair) || json_array_size(pair) != 2 || !is_int(a) ||
            !is_int(b)) {
            fail(line, "%s", "a highlight is not an [start, end] integer pair");
            return;
        }
        json_int_t start = json_integer_value(a), end = json_integer_value(b);
        if (start < 0 || start >= end || (size_t)end > nchars) {
            fail(line, "highlight out of range of the snippet: %s", snippet);
            return;
        }
        if (start < prev_end) {
            fail(line, "%s", "highlights overlap or are out of order");
            return;
        }
        prev_end = end;

        size_t from = char_offset(snippet, len, (size_t)start);
        size_t to = char_offset(snippet, len, (size_t)end);
        char *text = strndup(snippet + from, to - from);
        if (!text) {
            fail(line, "%s", "out of memory");
            return;
        }
        for (char *p = text; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (c->highlight && strcmp(text, c->highlight) == 0)
            st.highlight_seen = 1;
        if (c->highlight_prefix &&
            strncmp(text, c->highlight_prefix, strlen(c->highlight_prefix)) == 0)
            st.highlight_seen = 1;
        free(text);
    }
}

static void check_hit(long line, const checks *c, json_t *hit, size_t index,
                      json_int_t rank)
{
    json_t *j;
    if (!json_is_object(hit)) {
        fail(line, "%s", "a hit is not an object");
        return;
    }
    j = json_object_get(hit, "rank");
    if (!is_int(j) || json_integer_value(j) != rank) {
        char want[64];
        snprintf(want, sizeof want, "%lld", (long long)rank);
        fail(line, "hit rank is not %s", want);
    }
    j = json_object_get(hit, "id");
    const char *id = json_string_value(j);
    if (!id || !*id) {
        fail(line, "%s", "hit id is not a non-empty string");
        id = "";
    }
    if (!json_is_string(json_object_get(hit, "title")))
        fail(line, "%s", "hit title is not a string");
    if (!json_is_string(json_object_get(hit, "path")))
        fail(line, "%s", "hit path is not a string");
    j = json_object_get(hit, "line");
    if (j && (!is_int(j) || json_integer_value(j) < 1))
        fail(line, "%s", "hit line is not a whole number from 1");
    j = json_object_get(hit, "type");
    if (j && !json_is_string(j))
        fail(line, "%s", "hit type is not a string");
    json_t *meta = json_object_get(hit, "meta");
    if (meta && !json_is_object(meta))
        fail(line, "%s", "hit meta is not an object");
    const char *key;
    json_t *value;
    json_object_foreach(meta, key, value) if (!json_is_string(value)) fail(line, "meta %s is not a string", key);
    if (c->fields && st.objects == 1 && index == 0) {
        json_t *l = json_object_get(hit, "line");
        printf("%s|%s|%s|%s|%lld|%s|%s\n", id, json_string_value(json_object_get(hit, "title")),
               json_string_value(json_object_get(hit, "type")) ? json_string_value(json_object_get(hit, "type")) : "",
               json_string_value(json_object_get(hit, "path")) ? json_string_value(json_object_get(hit, "path")) : "",
               l ? (long long)json_integer_value(l) : 0LL,
               json_string_value(json_object_get(meta, "author")) ? json_string_value(json_object_get(meta, "author")) : "",
               json_string_value(json_object_get(meta, "date")) ? json_string_value(json_object_get(meta, "date")) : "");
    }
    if (!json_is_number(json_object_get(hit, "score")))
        fail(line, "%s", "hit score is not a number");
    j = json_object_get(hit, "snippet");
    if (!json_is_string(j)) {
        fail(line, "%s", "hit snippet is not a string");
        return;
    }
    check_highlights(line, c, json_string_value(j), json_string_length(j),
                     json_object_get(hit, "highlights"));

    if (st.objects == 1 && index == 0 && c->first_id) {
        st.first_id_seen = 1;
        if (strcmp(id, c->first_id) != 0)
            fail(line, "first hit is %s", id);
    }
    if (c->has_id && strcmp(id, c->has_id) == 0)
        st.has_id_seen = 1;
    if (c->no_id && strcmp(id, c->no_id) == 0)
        fail(line, "hit %s should not be there", id);
}

/* The next name in the comma-separated --qids list, copied into BUF. */
static const char *next_qid(char *buf, size_t size)
{
    if (!st.next_qid)
        return NULL;
    const char *comma = strchr(st.next_qid, ',');
    size_t n = comma ? (size_t)(comma - st.next_qid) : strlen(st.next_qid);
    if (n >= size)
        n = size - 1;
    memcpy(buf, st.next_qid, n);
    buf[n] = '\0';
    st.next_qid = comma ? comma + 1 : NULL;
    return buf;
}

static void check_object(long line, const checks *c, json_t *obj)
{
    if (!json_is_object(obj)) {
        fail(line, "%s", "not a JSON object");
        return;
    }
    const char *first_key = json_object_iter_key(json_object_iter(obj));
    json_t *qid = json_object_get(obj, "qid");
    if (qid && (!json_is_string(qid) || strcmp(first_key, "qid") != 0))
        fail(line, "%s", "qid is not a string, or not the first key");
    if (c->qids) {
        char want[256];
        const char *w = next_qid(want, sizeof want);
        if (!w)
            fail(line, "%s", "more objects than --qids names");
        else if (!json_is_string(qid) || strcmp(json_string_value(qid), w) != 0)
            fail(line, "qid is not %s", w);
    }

    json_t *query = json_object_get(obj, "query");
    if (!json_is_string(query))
        fail(line, "%s", "query is not a string");
    else if (st.objects == 1 && c->query &&
             strcmp(json_string_value(query), c->query) != 0)
        fail(line, "query is %s", json_string_value(query));

    json_t *est = json_object_get(obj, "matches_estimated");
    json_t *lo = json_object_get(obj, "matches_lower");
    json_t *hi = json_object_get(obj, "matches_upper");
    json_t *off = json_object_get(obj, "offset");
    if (!is_int(est) || !is_int(lo) || !is_int(hi) || !is_int(off)) {
        fail(line, "%s", "matches_estimated/lower/upper or offset is not an integer");
        return;
    }
    json_int_t offset = json_integer_value(off);
    if (offset < 0 || json_integer_value(lo) < 0 ||
        json_integer_value(lo) > json_integer_value(est) ||
        json_integer_value(est) > json_integer_value(hi))
        fail(line, "%s", "not 0 <= matches_lower <= matches_estimated <= matches_upper");

    json_t *hits = json_object_get(obj, "hits");
    if (!json_is_array(hits)) {
        fail(line, "%s", "hits is not an array");
        return;
    }
    long n = (long)json_array_size(hits);
    if (n > 0 && json_integer_value(hi) < offset + n)
        fail(line, "%s", "matches_upper is below the number of hits");
    char count[32];
    snprintf(count, sizeof count, "%ld", n);
    if (c->min_hits >= 0 && n < c->min_hits)
        fail(line, "only %s hits", count);
    if (c->max_hits >= 0 && n > c->max_hits)
        fail(line, "%s hits, too many", count);
    size_t i;
    json_t *hit;
    json_array_foreach(hits, i, hit)
        check_hit(line, c, hit, i, offset + 1 + (json_int_t)i);
}

static long number(const char *opt, const char *s)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (!*s || *end || n < 0) {
        fprintf(stderr, "json_check: %s wants a number, not '%s'\n", opt, s);
        exit(2);
    }
    return n;
}

int main(int argc, char **argv)
{
    checks c = {.lines = -1, .min_hits = -1, .max_hits = -1};
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(opt, "--fields") == 0) {
            c.fields = 1;
            continue;
        }
        if (!val) {
            fprintf(stderr, "json_check: %s needs a value\n", opt);
            return 2;
        }
        i++;
        if (strcmp(opt, "--lines") == 0) c.lines = number(opt, val);
        else if (strcmp(opt, "--min-hits") == 0) c.min_hits = number(opt, val);
        else if (strcmp(opt, "--max-hits") == 0) c.max_hits = number(opt, val);
        else if (strcmp(opt, "--first-id") == 0) c.first_id = val;
        else if (strcmp(opt, "--has-id") == 0) c.has_id = val;
        else if (strcmp(opt, "--no-id") == 0) c.no_id = val;
        else if (strcmp(opt, "--highlight") == 0) c.highlight = val;
        else if (strcmp(opt, "--highlight-prefix") == 0) c.highlight_prefix = val;
        else if (strcmp(opt, "--qids") == 0) c.qids = val;
        else if (strcmp(opt, "--query") == 0) c.query = val;
        else {
            fprintf(stderr, "json_check: unknown option %s\n", opt);
            return 2;
        }
    }
    st.next_qid = c.qids;

    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&buf, &cap, stdin)) >= 0) {
        st.objects++;
        if (len > 0 && buf[len - 1] == '\n')
            buf[--len] = '\0';
        json_error_t err;
        json_t *obj = json_loadb(buf, (size_t)len, JSON_REJECT_DUPLICATES, &err);
        if (!obj) {
            fail(st.objects, "does not parse: %s", err.text);
            continue;
        }
        check_object(st.objects, &c, obj);
        json_decref(obj);
    }
    free(buf);

    char n[32];
    snprintf(n, sizeof n, "%ld", st.objects);
    if (c.lines >= 0 && st.objects != c.lines)
        fail(st.objects, "%s objects in all, not as many as --lines says", n);
    if (c.first_id && !st.first_id_seen)
        fail(st.objects, "no first hit, expected %s", c.first_id);
    if (c.has_id && !st.has_id_seen)
        fail(st.objects, "no hit has ID %s", c.has_id);
    if ((c.highlight || c.highlight_prefix) && !st.highlight_seen)
        fail(st.objects, "no highlight reads %s",
             c.highlight ? c.highlight : c.highlight_prefix);
    if (st.next_qid)
        fail(st.objects, "fewer objects than --qids names (next: %s)", st.next_qid);
    return st.failed ? 1 : 0;
}
