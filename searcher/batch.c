#define _POSIX_C_SOURCE 200809L
#include "batch.h"

#include <errno.h>
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

int batch_each(FILE *in, batch_fn fn, void *ctx)
{
    char *line = NULL;
    size_t cap = 0;
    unsigned long lineno = 0;
    int rc = 0;
    ssize_t got;

    errno = 0;
    while ((got = getline(&line, &cap, in)) >= 0) {
        size_t len = (size_t)got;
        lineno++;
        if (len > 0 && line[len - 1] == '\n')
            len--;
        if (len > 0 && line[len - 1] == '\r')
            len--;

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
        int stop = fn(ctx, qid, text);
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
    } else if (rc == 0 && errno == ENOMEM) {
        rc = -1; /* getline could not grow the buffer */
    }
    int saved = errno;
    free(line);
    errno = saved;
    return rc;
}
