/* search --stats and --list (stats.h). */
#include "stats.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "run.h"
#include "safe_text.h"

static json_t *counts_json(const xc_facet_value *v, size_t n)
{
    json_t *obj = json_object();
    for (size_t i = 0; obj && i < n; i++)
        json_object_set_new(obj, v[i].value, json_integer((json_int_t)v[i].count));
    return obj;
}

static int stats_json(const xc_index_stats *x, const char *db)
{
    json_t *roots = json_array();
    for (size_t i = 0; roots && i < x->nroots; i++)
        json_array_append_new(roots, json_pack("{s:s, s:s, s:s}", "path", x->roots[i].path, "kind",
                                               x->roots[i].folder ? "folder" : "file", "indexed", x->roots[i].when));
    json_t *obj = json_pack("{s:s, s:I, s:o, s:I, s:I, s:I, s:s, s:s, s:o}", "index", db, "documents",
                            (json_int_t)x->docs, "types", counts_json(x->types, x->ntypes), "terms",
                            (json_int_t)x->terms, "words", (json_int_t)x->words, "bytes", (json_int_t)x->bytes,
                            "language", x->lang, "updated", x->updated, "indexed", roots);
    if (obj && x->nlangs)
        json_object_set_new(obj, "languages", counts_json(x->langs, x->nlangs));
    char *line = obj ? json_dumps(obj, JSON_COMPACT) : NULL;
    json_decref(obj);
    if (!line) {
        fputs("search: out of memory\n", stderr);
        return 2;
    }
    puts(line);
    free(line);
    return 0;
}

static void put_counts(const xc_facet_value *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : " (", stdout);
        safe_fputs(v[i].value, stdout);
        printf(" %lu", v[i].count);
    }
    if (n)
        putchar(')');
    putchar('\n');
}

static int stats_text(const xc_index_stats *x, const char *db)
{
    fputs("index:     ", stdout);
    safe_fputs(db, stdout);
    printf("\ndocuments: %lu", x->docs);
    put_counts(x->types, x->ntypes);
    printf("terms:     %llu distinct, %llu words indexed\n", x->terms, x->words);
    printf("size:      %llu bytes (%.1f MiB)\n", x->bytes, (double)x->bytes / (1 << 20));
    printf("language:  %s", x->lang);
    put_counts(x->langs, x->nlangs);
    printf("updated:   %s\n", *x->updated ? x->updated : "unknown");
    printf("indexed:   %s\n", x->nroots ? "" : "(not recorded: an index made before sift recorded them)");
    for (size_t i = 0; i < x->nroots; i++) {
        printf("  %-7s ", x->roots[i].folder ? "folder" : "file");
        safe_fputs(x->roots[i].path, stdout);
        printf("  %s\n", x->roots[i].when);
    }
    return 0;
}

int print_stats(xc_searcher *searcher, const char *db, int json)
{
    xc_stats *stats;
    xc_status st = xc_searcher_stats(searcher, &stats);
    if (st != XC_OK) {
        say("%s: %s", db, xc_searcher_error(searcher));
        return 2;
    }
    int rc = json ? stats_json(xc_stats_view(stats), db) : stats_text(xc_stats_view(stats), db);
    xc_stats_free(stats);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno != EPIPE)
            say("cannot write output: %s", strerror(errno));
        return 2;
    }
    return rc;
}

typedef struct list_ctx {
    int json;
    unsigned long n;
    int failed;
} list_ctx;

static int list_one(void *ctx, const char *id, const char *path)
{
    list_ctx *l = ctx;
    l->n++;
    if (l->json) {
        json_t *obj = json_pack("{s:s, s:s}", "id", id, "path", path);
        char *line = obj ? json_dumps(obj, JSON_COMPACT) : NULL;
        json_decref(obj);
        if (!line) /* not UTF-8: an index another program wrote */
            return 0;
        puts(line);
        free(line);
    } else {
        safe_fputs(id, stdout);
        putchar('\t');
        safe_fputs(path, stdout);
        putchar('\n');
    }
    l->failed = ferror(stdout) != 0;
    return l->failed; /* a closed pipe (search --list | head) ends it */
}

int print_list(xc_searcher *searcher, const char *db, int json)
{
    list_ctx l = {json, 0, 0};
    xc_status st = xc_searcher_foreach(searcher, list_one, &l);
    if (st != XC_OK) {
        say("%s: %s", db, xc_searcher_error(searcher));
        return 2;
    }
    if (l.failed || fflush(stdout) != 0) {
        if (errno != EPIPE)
            say("cannot write output: %s", strerror(errno));
        return 2;
    }
    return l.n ? 0 : 1;
}
