/*
 * cjk-icu DOCS QUERIES - which documents a query finds when text and query
 * are split into words by ICU's dictionary word break iterator, and a
 * document matches where the query's words stand together in its own (an
 * index of ICU words searched by phrase). DOCS: "ID<TAB>text" lines;
 * QUERIES: "query<TAB>..." lines ('#' lines skipped). Prints one line per
 * query: "query<TAB>ID ID ...". With --words, prints each document's words
 * instead. For bench/cjk-segmentation; not part of sift.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#define MAX_WORDS 4096
#define MAX_LINE 65536

typedef struct words {
    char *w[MAX_WORDS];
    int n;
} words;

/* Splits TEXT (UTF-8) into WORDS: ICU's word segments that hold a letter,
 * digit or ideograph (its rule status says which), spaces and punctuation
 * left out. Returns 0, or -1 if ICU fails. */
static int split(const char *text, words *out)
{
    UErrorCode err = U_ZERO_ERROR;
    static UChar buf[MAX_LINE];
    int32_t len = 0;
    out->n = 0;
    u_strFromUTF8(buf, MAX_LINE, &len, text, -1, &err);
    if (U_FAILURE(err))
        return -1;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "", buf, len, &err);
    if (U_FAILURE(err))
        return -1;
    int32_t start = ubrk_first(bi);
    for (int32_t end = ubrk_next(bi); end != UBRK_DONE; start = end, end = ubrk_next(bi)) {
        if (ubrk_getRuleStatus(bi) == UBRK_WORD_NONE || out->n == MAX_WORDS)
            continue;
        char word[1024];
        int32_t wlen = 0;
        u_strToUTF8(word, sizeof word, &wlen, buf + start, end - start, &err);
        if (U_FAILURE(err))
            break;
        out->w[out->n++] = strdup(word);
    }
    ubrk_close(bi);
    return U_FAILURE(err) ? -1 : 0;
}

static void drop(words *w)
{
    for (int i = 0; i < w->n; i++)
        free(w->w[i]);
    w->n = 0;
}

/* 1 if Q's words stand together, in order, somewhere in D's. */
static int has_phrase(const words *d, const words *q)
{
    for (int i = 0; q->n > 0 && i + q->n <= d->n; i++) {
        int j = 0;
        while (j < q->n && strcmp(d->w[i + j], q->w[j]) == 0)
            j++;
        if (j == q->n)
            return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int show_words = argc == 4 && strcmp(argv[1], "--words") == 0;
    if (argc != 3 + show_words) {
        fprintf(stderr, "usage: cjk-icu [--words] DOCS QUERIES\n");
        return 2;
    }
    FILE *df = fopen(argv[1 + show_words], "r"), *qf = fopen(argv[2 + show_words], "r");
    if (!df || !qf) {
        fprintf(stderr, "cjk-icu: cannot open %s\n", df ? argv[2 + show_words] : argv[1 + show_words]);
        return 2;
    }
    static char line[MAX_LINE];
    static char ids[256][128];
    static words docs[256];
    int ndocs = 0;
    while (ndocs < 256 && fgets(line, sizeof line, df)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        snprintf(ids[ndocs], sizeof ids[ndocs], "%.127s", line);
        if (split(tab + 1, &docs[ndocs]) != 0) {
            fprintf(stderr, "cjk-icu: ICU failed on document %s\n", line);
            return 1;
        }
        if (show_words) {
            printf("%s\t", ids[ndocs]);
            for (int i = 0; i < docs[ndocs].n; i++)
                printf("%s%s", i ? " | " : "", docs[ndocs].w[i]);
            printf("\n");
        }
        ndocs++;
    }
    while (!show_words && fgets(line, sizeof line, qf)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        line[strcspn(line, "\t")] = '\0';
        words q;
        if (split(line, &q) != 0)
            return 1;
        printf("%s\t", line);
        int first = 1;
        for (int d = 0; d < ndocs; d++)
            if (has_phrase(&docs[d], &q)) {
                printf("%s%s", first ? "" : " ", ids[d]);
                first = 0;
            }
        printf("\n");
        drop(&q);
    }
    for (int d = 0; d < ndocs; d++)
        drop(&docs[d]);
    fclose(df);
    fclose(qf);
    return 0;
}
