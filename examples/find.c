/*
 * find.c - libsift from a C program: indexes the plain text files of a
 * folder, then searches them, printing each hit's rank, ID and snippet
 * with the matched words in [brackets].
 *
 *   cc find.c $(pkg-config --cflags --libs sift) -o find
 *   ./find INDEX FOLDER "military liaison mission"
 *
 * Only sift.h is used: what the indexer does beyond this (formats, the
 * reader process, incremental runs) is the indexer's, not the library's.
 */
#include <sift.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_FILE (16 << 20) /* bytes read of one file */

/* The whole file at PATH as a string the caller frees, or NULL. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = malloc(MAX_FILE + 1);
    size_t n = text ? fread(text, 1, MAX_FILE, f) : 0;
    fclose(f);
    if (text)
        text[n] = '\0';
    return text;
}

/* Puts every regular file of FOLDER into the index at INDEX; 0 on success. */
static int index_folder(const char *index, const char *folder)
{
    xc_writer *w = xc_writer_new();
    if (!w || xc_writer_open(w, index, NULL) != XC_OK) {
        fprintf(stderr, "find: %s: %s\n", index, w ? xc_writer_error(w) : "out of memory");
        xc_writer_free(w);
        return -1;
    }
    DIR *d = opendir(folder);
    if (!d) {
        perror(folder);
        xc_writer_free(w);
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", folder, e->d_name);
        if (e->d_name[0] == '.' || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        char *text = slurp(path);
        xc_doc doc = {.id = e->d_name, .title = "", .text = text ? text : "", .path = path,
                      .signature = "", .type = "text"};
        xc_status st_put = xc_writer_put(w, &doc);
        if (st_put != XC_OK) {
            fprintf(stderr, "find: %s: %s\n", path, xc_writer_error(w));
            rc = -1;
        }
        free(text);
    }
    closedir(d);
    if (rc == 0 && xc_writer_commit(w) != XC_OK) {
        fprintf(stderr, "find: %s: %s\n", index, xc_writer_error(w));
        rc = -1;
    }
    xc_writer_free(w);
    return rc;
}

/* Prints the hit's snippet with its spans in brackets. */
static void print_snippet(const xc_hit *h)
{
    size_t at = 0;
    for (size_t k = 0; k < h->nspans; k++) {
        printf("%.*s[%.*s]", (int)(h->spans[k].start - at), h->snippet + at,
               (int)(h->spans[k].end - h->spans[k].start), h->snippet + h->spans[k].start);
        at = h->spans[k].end;
    }
    printf("%s\n", h->snippet + at);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: find INDEX FOLDER QUERY\n");
        return 2;
    }
    if (index_folder(argv[1], argv[2]) != 0)
        return 2;
    xc_searcher *s = xc_searcher_new();
    xc_results *r = NULL;
    xc_search_opts opts = {.limit = 10, .snippet_bytes = 200};
    if (!s || xc_searcher_open(s, argv[1]) != XC_OK || xc_search(s, argv[3], &opts, &r) != XC_OK) {
        fprintf(stderr, "find: %s\n", s ? xc_searcher_error(s) : "out of memory");
        xc_searcher_free(s);
        return 2;
    }
    for (size_t i = 0; i < xc_results_size(r); i++) {
        const xc_hit *h = xc_results_hit(r, i);
        printf("%u %s ", h->rank, h->id);
        print_snippet(h);
    }
    int found = xc_results_size(r) > 0;
    xc_results_free(r);
    xc_searcher_free(s);
    return found ? 0 : 1;
}
