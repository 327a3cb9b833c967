#define _POSIX_C_SOURCE 200809L /* getline, strdup */
#include "qrels_internal.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPECTED_LAYOUT                                                           \
    "expected \"query-id<TAB>corpus-id<TAB>score\" or \"qid iteration docid grade\""

/* ---- lookups ---------------------------------------------------------- */

static uint64_t judgment_hash(size_t query, const char *docid)
{
    /* The query index is mixed in after the docid, so one table holds all. */
    uint64_t h = hash_string(docid, 0);
    return (h ^ (uint64_t)query) * 0x9E3779B97F4A7C15ULL;
}

static int query_has_qid(const void *qid, size_t index, const void *owner)
{
    const eval_qrels *qrels = owner;
    return strcmp(qrels->queries[index].qid, qid) == 0;
}

typedef struct judgment_key {
    size_t query;
    const char *docid;
} judgment_key;

static int judgment_has_key(const void *key, size_t index, const void *owner)
{
    const judgment_key *k = key;
    const judgment *j = &((const eval_qrels *)owner)->judgments[index];
    return j->query == k->query && strcmp(j->docid, k->docid) == 0;
}

size_t qrels_find_query(const eval_qrels *qrels, const char *qid)
{
    return index_table_find(&qrels->query_by_qid, hash_string(qid, 0), query_has_qid, qid,
                            qrels);
}

size_t qrels_find_judgment(const eval_qrels *qrels, size_t query, const char *docid)
{
    judgment_key key = {query, docid};
    return index_table_find(&qrels->judgment_by_key, judgment_hash(query, docid),
                            judgment_has_key, &key, qrels);
}

size_t eval_qrels_count(const eval_qrels *qrels)
{
    return qrels->query_count;
}

void eval_qrels_free(eval_qrels *qrels)
{
    if (!qrels)
        return;
    for (size_t i = 0; i < qrels->query_count; i++)
        free(qrels->queries[i].qid);
    for (size_t i = 0; i < qrels->judgment_count; i++)
        free(qrels->judgments[i].docid);
    free(qrels->queries);
    free(qrels->judgments);
    index_table_free(&qrels->query_by_qid);
    index_table_free(&qrels->judgment_by_key);
    free(qrels);
}

/* ---- building --------------------------------------------------------- */

/* Makes room for one more element in *ITEMS (COUNT used of *CAPACITY). */
static int reserve(void **items, size_t *capacity, size_t count, size_t size)
{
    if (count < *capacity)
        return 0;
    size_t grown = *capacity ? *capacity * 2 : 64;
    if (grown > SIZE_MAX / size)
        return -1;
    void *bigger = realloc(*items, grown * size);
    if (!bigger)
        return -1;
    *items = bigger;
    *capacity = grown;
    return 0;
}

/* Index of QID, added if new; INDEX_NONE when out of memory. */
static size_t intern_query(eval_qrels *qrels, const char *qid)
{
    size_t found = qrels_find_query(qrels, qid);
    if (found != INDEX_NONE)
        return found;
    if (reserve((void **)&qrels->queries, &qrels->query_capacity, qrels->query_count,
                sizeof *qrels->queries) != 0)
        return INDEX_NONE;
    char *copy = strdup(qid);
    if (!copy)
        return INDEX_NONE;
    size_t index = qrels->query_count;
    if (index_table_add(&qrels->query_by_qid, hash_string(qid, 0), index) != 0) {
        free(copy);
        return INDEX_NONE;
    }
    qrels->queries[index] = (judged_query){.qid = copy};
    qrels->query_count++;
    return index;
}

/* Records one judgment; a later judgment of the same (query, document)
 * replaces the earlier, as in tools that read qrels into a dictionary
 * (trec_eval itself refuses such files). -1 when out of memory. */
static int add_judgment(eval_qrels *qrels, const char *qid, const char *docid, int grade)
{
    size_t query = intern_query(qrels, qid);
    if (query == INDEX_NONE)
        return -1;
    size_t found = qrels_find_judgment(qrels, query, docid);
    if (found != INDEX_NONE) {
        qrels->judgments[found].grade = grade;
        return 0;
    }
    if (reserve((void **)&qrels->judgments, &qrels->judgment_capacity, qrels->judgment_count,
                sizeof *qrels->judgments) != 0)
        return -1;
    char *copy = strdup(docid);
    if (!copy)
        return -1;
    size_t index = qrels->judgment_count;
    if (index_table_add(&qrels->judgment_by_key, judgment_hash(query, docid), index) != 0) {
        free(copy);
        return -1;
    }
    qrels->judgments[index] = (judgment){.query = query, .docid = copy, .grade = grade};
    qrels->judgment_count++;
    return 0;
}

/* Inserts a positive GRADE into TOP, the best EVAL_NDCG_DEPTH so far, best first. */
static void keep_top_grade(int *top, int grade)
{
    if (grade <= top[EVAL_NDCG_DEPTH - 1])
        return;
    size_t i = EVAL_NDCG_DEPTH - 1;
    for (; i > 0 && top[i - 1] < grade; i--)
        top[i] = top[i - 1];
    top[i] = grade;
}

/* R and the ideal DCG@10 of every query, once all lines are read (a later
 * line may change an earlier grade). -1 when out of memory. */
static int summarize_queries(eval_qrels *qrels)
{
    size_t n = qrels->query_count;
    int *top = calloc(n ? n : 1, EVAL_NDCG_DEPTH * sizeof *top);
    if (!top)
        return -1;
    for (size_t i = 0; i < qrels->judgment_count; i++) {
        const judgment *j = &qrels->judgments[i];
        if (j->grade >= 1) {
            qrels->queries[j->query].relevant++;
            keep_top_grade(&top[j->query * EVAL_NDCG_DEPTH], j->grade);
        }
    }
    for (size_t q = 0; q < n; q++) {
        double ideal = 0;
        for (size_t rank = 1; rank <= EVAL_NDCG_DEPTH; rank++)
            ideal += top[q * EVAL_NDCG_DEPTH + rank - 1] / log2((double)rank + 1);
        qrels->queries[q].ideal_dcg10 = ideal;
    }
    free(top);
    return 0;
}

/* ---- reading ---------------------------------------------------------- */

static void set_error(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static int parse_grade(const char *text, int *grade)
{
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno != 0 || value < INT_MIN || value > INT_MAX)
        return -1;
    *grade = (int)value;
    return 0;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static char *trim(char *s)
{
    while (is_blank(*s))
        s++;
    char *end = s + strlen(s);
    while (end > s && is_blank(end[-1]))
        end--;
    *end = '\0';
    return s;
}

/* Splits LINE in place. A line with exactly two tabs is a BEIR row, cut at the
 * tabs (so its ids may hold spaces); any other is cut at runs of white space.
 * Returns the number of fields, which may exceed MAX (only MAX are stored). */
static size_t split_fields(char *line, char **fields, size_t max)
{
    size_t tabs = 0;
    for (const char *p = line; *p; p++)
        tabs += *p == '\t';
    if (tabs == 2) {
        char *second = strchr(line, '\t');
        *second++ = '\0';
        char *third = strchr(second, '\t');
        *third++ = '\0';
        char *parts[3] = {trim(line), trim(second), trim(third)};
        for (size_t i = 0; i < 3 && i < max; i++)
            fields[i] = parts[i];
        return 3;
    }
    size_t count = 0;
    for (char *p = line;;) {
        while (is_blank(*p))
            p++;
        if (!*p)
            return count;
        char *start = p;
        while (*p && !is_blank(*p))
            p++;
        if (count < max)
            fields[count] = start;
        count++;
        if (*p)
            *p++ = '\0';
    }
}

typedef enum line_result { LINE_DONE, LINE_MALFORMED, LINE_BAD_GRADE, LINE_NO_MEMORY } line_result;

/* Reads one line of LEN bytes. MAY_BE_HEADER: it is the first non-blank line,
 * which a BEIR file may spend on column names. *GRADE_TEXT names a bad grade. */
static line_result read_line(eval_qrels *qrels, char *line, size_t len, int may_be_header,
                             const char **grade_text)
{
    if (strlen(line) != len)
        return LINE_MALFORMED; /* a NUL byte inside */
    char *fields[4];
    size_t count = split_fields(line, fields, 4);
    if (count != 3 && count != 4)
        return LINE_MALFORMED;
    const char *qid = fields[0];
    const char *docid = count == 3 ? fields[1] : fields[2];
    const char *grade_field = fields[count - 1];
    if (!*qid || !*docid || !*grade_field)
        return LINE_MALFORMED;
    int grade;
    if (parse_grade(grade_field, &grade) != 0) {
        if (count == 3 && may_be_header)
            return LINE_DONE;
        *grade_text = grade_field;
        return LINE_BAD_GRADE;
    }
    return add_judgment(qrels, qid, docid, grade) == 0 ? LINE_DONE : LINE_NO_MEMORY;
}

static int line_is_blank(const char *line)
{
    while (is_blank(*line))
        line++;
    return *line == '\0';
}

/* Reads every line of F into QRELS; 0 or -1 with ERR set. */
static int read_lines(eval_qrels *qrels, FILE *f, const char *path, char *err, size_t errlen)
{
    char *line = NULL;
    size_t capacity = 0;
    ssize_t len;
    size_t line_number = 0;
    int seen_content = 0;
    int status = 0;
    while (status == 0 && (len = getline(&line, &capacity, f)) != -1) {
        line_number++;
        if (line_is_blank(line) && strlen(line) == (size_t)len)
            continue;
        const char *grade_text = NULL;
        line_result result = read_line(qrels, line, (size_t)len, !seen_content, &grade_text);
        seen_content = 1;
        status = -1;
        if (result == LINE_MALFORMED)
            set_error(err, errlen, "%s:%zu: malformed judgment (" EXPECTED_LAYOUT ")", path,
                      line_number);
        else if (result == LINE_BAD_GRADE)
            set_error(err, errlen,
                      "%s:%zu: malformed judgment (grade \"%.40s\" is not an integer)", path,
                      line_number, grade_text);
        else if (result == LINE_NO_MEMORY)
            set_error(err, errlen, "%s: out of memory", path);
        else
            status = 0;
    }
    if (status == 0 && !feof(f)) { /* getline failed: a read error, or no memory */
        set_error(err, errlen, "%s: %s", path, strerror(errno));
        status = -1;
    }
    free(line);
    return status;
}

eval_qrels *eval_qrels_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        set_error(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    eval_qrels *qrels = calloc(1, sizeof *qrels);
    if (!qrels) {
        fclose(f);
        set_error(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    index_table_init(&qrels->query_by_qid);
    index_table_init(&qrels->judgment_by_key);
    int status = read_lines(qrels, f, path, err, errlen);
    fclose(f);
    if (status == 0 && summarize_queries(qrels) != 0) {
        set_error(err, errlen, "%s: out of memory", path);
        status = -1;
    }
    if (status != 0) {
        eval_qrels_free(qrels);
        return NULL;
    }
    return qrels;
}
