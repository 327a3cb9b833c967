#define _POSIX_C_SOURCE 200809L
/*
 * print_paths.c - search -l (--files-with-matches): the path of the file
 * of each hit, one per line, each file once (as grep -l), in the order of
 * its best hit. A JSON Lines record or a message of an mbox gives its
 * collection's or mbox's path. For scripts: `search -l budget | xargs ...`.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "printer.h"

typedef struct paths_printer {
    printer base;
    FILE *out;
    char **seen; /* open addressing, the paths printed for this query */
    size_t cap, count;
} paths_printer;

static void forget(paths_printer *p)
{
    for (size_t i = 0; i < p->cap; i++)
        free(p->seen[i]);
    free(p->seen);
    p->seen = NULL;
    p->cap = p->count = 0;
}

/* Adds PATH to the set: 1 if it is new, 0 if seen, -1 when out of memory. */
static int remember(paths_printer *p, const char *path)
{
    if ((p->count + 1) * 2 > p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        char **seen = calloc(cap, sizeof *seen);
        if (!seen)
            return -1;
        for (size_t i = 0; i < p->cap; i++) {
            if (!p->seen[i])
                continue;
            size_t k = hash_fnv1a(p->seen[i], strlen(p->seen[i])) & (cap - 1);
            while (seen[k])
                k = (k + 1) & (cap - 1);
            seen[k] = p->seen[i];
        }
        free(p->seen);
        p->seen = seen;
        p->cap = cap;
    }
    size_t k = hash_fnv1a(path, strlen(path)) & (p->cap - 1);
    for (; p->seen[k]; k = (k + 1) & (p->cap - 1))
        if (strcmp(p->seen[k], path) == 0)
            return 0;
    if (!(p->seen[k] = strdup(path)))
        return -1;
    p->count++;
    return 1;
}

static int paths_begin(printer *self, const print_query *q)
{
    (void)q;
    forget((paths_printer *)self);
    return 0;
}

static int paths_hit(printer *self, const xc_hit *hit)
{
    paths_printer *p = (paths_printer *)self;
    if (!hit->path || !*hit->path)
        return 0; /* an index of another program: no file to name */
    int added = remember(p, hit->path);
    if (added < 0) {
        errno = ENOMEM;
        return -1;
    }
    if (added) {
        fputs(hit->path, p->out);
        fputc('\n', p->out);
    }
    return ferror(p->out) ? -1 : 0;
}

static int paths_end(printer *self)
{
    paths_printer *p = (paths_printer *)self;
    return ferror(p->out) ? -1 : 0;
}

static int paths_finish(printer *self)
{
    paths_printer *p = (paths_printer *)self;
    int rc = fflush(p->out) == 0 && !ferror(p->out) ? 0 : -1;
    int saved = errno;
    forget(p);
    free(p);
    errno = saved;
    return rc;
}

printer *print_paths_new(FILE *out)
{
    paths_printer *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->base = (printer){paths_begin, paths_hit, paths_end, paths_finish};
    p->out = out;
    return &p->base;
}
