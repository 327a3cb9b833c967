/* Managing the index without reading files: indexer --remove and --prune. */
#define _GNU_SOURCE /* realpath of a path that may be gone */
#include "manage.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dbpath.h"
#include "fatal.h"
#include "msg.h"
#include "strvec.h"
#include "xc.h"

/* Opens the existing index DB (NULL: the default) into *W, its path in
 * *PATH. 0, or the exit status after saying why. */
static int open_existing(const char *db, char **path, xc_writer **w)
{
    *w = NULL;
    *path = db ? strdup(db) : dbpath_default();
    if (!*path) {
        msg_error(NULL, db ? "out of memory" : "no index path: give --db PATH or set SIFT_DB or HOME");
        return EXIT_FATAL;
    }
    if (!xc_is_index(*path)) {
        msg_error(*path, "no index here");
        return EXIT_FATAL;
    }
    if (!(*w = xc_writer_new())) {
        msg_error(NULL, "out of memory");
        return EXIT_FATAL;
    }
    xc_open_opts opts = {0};
    xc_status st = xc_writer_open(*w, *path, &opts);
    return st == XC_OK ? 0 : fatal_index(*path, *w, st, "cannot open the index", 0);
}

/* PATH made absolute without resolving what is gone: realpath when it
 * exists, else the current folder + PATH, "." and ".." parts taken out. */
static char *absolute(const char *path)
{
    char *real = realpath(path, NULL);
    if (real)
        return real;
    char cwd[PATH_MAX];
    if (path[0] != '/' && !getcwd(cwd, sizeof cwd))
        return NULL;
    size_t n = strlen(path) + (path[0] == '/' ? 0 : strlen(cwd) + 1) + 2;
    char *joined = malloc(n), *out = malloc(n);
    if (!joined || !out) {
        free(joined);
        free(out);
        return NULL;
    }
    snprintf(joined, n, "%s%s%s", path[0] == '/' ? "" : cwd, path[0] == '/' ? "" : "/", path);
    size_t len = 0;
    for (char *part = strtok(joined, "/"); part; part = strtok(NULL, "/")) {
        if (strcmp(part, ".") == 0)
            continue;
        if (strcmp(part, "..") == 0) {
            while (len > 0 && out[--len] != '/')
                ;
            continue;
        }
        len += (size_t)sprintf(out + len, "/%s", part);
    }
    if (len == 0)
        out[len++] = '/';
    out[len] = '\0';
    free(joined);
    return out;
}

/* 1 if the stored PATH is UNDER (a file, or a folder holding it). */
static int is_under(const char *path, const char *under)
{
    size_t n = strlen(under);
    if (n == 1 && under[0] == '/')
        return path[0] == '/';
    return strncmp(path, under, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

typedef struct pick {
    char *const *paths; /* absolute; NULL entries are skipped */
    size_t npaths;
    size_t *found;      /* per path: documents under it */
    int prune;          /* pick documents whose files are gone */
    strvec ids;
    int nomem;
} pick;

static int visit(void *ctx, const char *id, const char *path)
{
    pick *p = ctx;
    int take = 0;
    if (p->prune) {
        struct stat st;
        /* Gone: not there at all. A file we may not read is still there. */
        take = *path && stat(path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR);
    }
    for (size_t i = 0; i < p->npaths; i++)
        if (p->paths[i] && *path && is_under(path, p->paths[i])) {
            p->found[i]++;
            take = 1;
        }
    if (take && strvec_push_copy(&p->ids, id) != 0)
        p->nomem = 1;
    return p->nomem;
}

/* Removes P's documents (and with FORGET, the folders recorded under each
 * path) and commits; prints what was done. */
static int remove_picked(const char *db, xc_writer *w, pick *p, unsigned long *removed)
{
    xc_status st = xc_writer_foreach(w, visit, p);
    if (st != XC_OK)
        return fatal_index(db, w, st, "cannot read the index", 0);
    if (p->nomem) {
        msg_error(NULL, "out of memory");
        return EXIT_FATAL;
    }
    for (size_t i = 0; i < p->ids.n; i++) {
        if ((st = xc_writer_remove(w, p->ids.v[i])) != XC_OK)
            return fatal_index(db, w, st, "cannot remove a document", 1);
        (*removed)++;
    }
    for (size_t i = 0; i < p->npaths; i++)
        if (p->paths[i] && (st = xc_writer_forget_root(w, p->paths[i])) != XC_OK)
            return fatal_index(db, w, st, "cannot forget a folder", 1);
    return 0;
}

static const char *plural(unsigned long n)
{
    return n == 1 ? "" : "s";
}

int manage_remove(const char *db, char *const *args, size_t n)
{
    char *path;
    xc_writer *w;
    int rc = open_existing(db, &path, &w);
    char **abs = calloc(n, sizeof *abs);
    size_t *found = calloc(n, sizeof *found);
    int *by_id = calloc(n, sizeof *by_id);
    unsigned long removed = 0;
    int missing = 0;
    pick p = {abs, n, found, 0, {0}, 0};
    if (rc == 0 && (!abs || !found || !by_id)) {
        msg_error(NULL, "out of memory");
        rc = EXIT_FATAL;
    }
    /* A source ID in the index is removed as such; anything else is a
     * file or folder, whose documents are removed. */
    for (size_t i = 0; rc == 0 && i < n; i++) {
        int known = 0;
        xc_status st = *args[i] ? xc_writer_lookup(w, args[i], &known, NULL, NULL) : XC_ERR_ARG;
        if (st == XC_OK && known) {
            if ((st = xc_writer_remove(w, args[i])) != XC_OK)
                rc = fatal_index(path, w, st, "cannot remove a document", 0);
            by_id[i] = 1;
            removed++;
        } else if (!(abs[i] = absolute(args[i]))) {
            msg_error(args[i], "cannot make it an absolute path: %s", strerror(errno));
            rc = EXIT_FATAL;
        }
    }
    if (rc == 0)
        rc = remove_picked(path, w, &p, &removed);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (!by_id[i] && !found[i]) {
            msg_error(args[i], "no such source ID, nor documents from that file or folder, in the index");
            missing = 1;
        }
    xc_status st = rc == 0 ? xc_writer_commit(w) : XC_OK;
    if (st != XC_OK)
        rc = fatal_index(path, w, st, "cannot commit", 1);
    if (rc == 0) {
        printf("removed %lu document%s from %s\n", removed, plural(removed), path);
        rc = missing ? EXIT_INPUT : 0;
    }
    for (size_t i = 0; abs && i < n; i++)
        free(abs[i]);
    free(abs);
    free(found);
    free(by_id);
    strvec_free(&p.ids);
    xc_writer_free(w);
    free(path);
    return rc;
}

int manage_prune(const char *db)
{
    char *path;
    xc_writer *w;
    int rc = open_existing(db, &path, &w);
    pick p = {NULL, 0, NULL, 1, {0}, 0};
    unsigned long removed = 0;
    if (rc == 0)
        rc = remove_picked(path, w, &p, &removed);
    xc_status st = rc == 0 ? xc_writer_commit(w) : XC_OK;
    if (st != XC_OK)
        rc = fatal_index(path, w, st, "cannot commit", 1);
    if (rc == 0)
        printf("pruned %lu document%s whose files are gone from %s\n", removed, plural(removed), path);
    strvec_free(&p.ids);
    xc_writer_free(w);
    free(path);
    return rc;
}
