#define _POSIX_C_SOURCE 200809L
#include "batch.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

FILE *batch_open(const char *path)
{
    if (strcmp(path, "-") == 0)
        return stdin;
    return fopen(path, "r");
}

void batch_close(FILE *in)
{
    if (in && in != stdin)
        fclose(in);
}

/* A BEIR query line, {"_id": ID, "text": QUERY} (ID a string or a whole
 * number; "id" and "query" are read too): calls FN and returns its verdict
 * (0 or 1), or -1 with errno set when out of memory. Returns -2 when the
 * line is not such an object, which is then read as a plain line: a query
 * may well start with "{". */
static int json_line(const char *line, size_t len, batch_fn fn, void *ctx)
{
    json_error_t jerr;
    json_t *obj = json_loadb(line, len, 0, &jerr);
    json_t *id = json_object_get(obj, "_id"), *text = json_object_get(obj, "text");
    if (!id)
        id = json_object_get(obj, "id");
    if (!text)
        text = json_object_get(obj, "query");
    int rc = -2;
    char number[32];
    const char *qid = json_is_string(id) ? json_string_value(id) : NULL;
    if (json_is_integer(id)) {
        snprintf(number, sizeof number, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
        qid = number;
    }
    if (qid && *qid && json_is_string(text)) {
        /* Both may hold \u0000: repair turns NUL into a space. */
        char *q = utf8_repair(qid, strlen(qid), NULL);
        char *t = utf8_repair(json_string_value(text), json_string_length(text), NULL);
        if (q && t) {
            rc = fn(ctx, q, t) ? 1 : 0;
        } else {
            errno = ENOMEM;
            rc = -1;
        }
        free(q);
        free(t);
    }
    json_decref(obj);
    return rc;
}

/* Reads the next line of IN into *LINE (its first BATCH_MAX_LINE bytes;
 * the rest is read and dropped, *CUT set). Returns its length kept, or -1 at
 * the end of IN or on a read error (ferror says which). */
static ssize_t read_line(FILE *in, char *line, int *cut)
{
    size_t len = 0;
    int c;
    *cut = 0;
    while ((c = getc_unlocked(in)) != EOF && c != '\n') {
        if (len < BATCH_MAX_LINE)
            line[len++] = (char)c;
        else
            *cut = 1;
    }
    if (c == EOF && len == 0 && !*cut)
        return -1;
    line[len] = '\0';
    return (ssize_t)len;
}

int batch_each(FILE *in, batch_fn fn, void *ctx)
{
    /* One buffer for every line, whatever its length: a 1 GB line costs
     * reading, not memory. */
    char *line = malloc(BATCH_MAX_LINE + 1);
    if (!line) {
        errno = ENOMEM;
        return -1;
    }
    unsigned long lineno = 0;
    int rc = 0, cut;
    ssize_t got;

    errno = 0;
    while ((got = read_line(in, line, &cut)) >= 0) {
        size_t len = (size_t)got;
        lineno++;
        if (len > 0 && line[len - 1] == '\r')
            len--;

        if (len > 0 && line[0] == '{' && !cut) {
            int verdict = json_line(line, len, fn, ctx);
            if (verdict == -1) {
                free(line);
                return -1;
            }
            if (verdict == 1) {
                rc = 1;
                break;
            }
            if (verdict == 0) {
                errno = 0;
                continue;
            }
        }
        /* memchr, not strchr: the line may hold NUL bytes. */
        const char *tab = memchr(line, '\t', len);
        size_t id_len = tab ? (size_t)(tab - line) : 0;
        const char *query = tab ? tab + 1 : line;
        size_t query_len = tab ? len - id_len - 1 : len;
        const char *id = line;
        char number[24];
        if (id_len == 0) {
            id_len = (size_t)snprintf(number, sizeof number, "%lu", lineno);
            id = number;
        }

        char *qid = utf8_repair(id, id_len, NULL);
        char *text = utf8_repair(query, query_len, NULL);
        if (!qid || !text) {
            free(qid);
            free(text);
            free(line);
            errno = ENOMEM;
            return -1;
        }
        int stop = fn(ctx, qid, cut ? NULL : text);
        free(qid);
        free(text);
        if (stop) {
            rc = 1;
            break;
        }
        errno = 0;
    }
    if (rc == 0 && ferror(in)) {
        if (errno == 0)
            errno = EIO;
        rc = -1;
    }
    int saved = errno;
    free(line);
    errno = saved;
    return rc;
}
