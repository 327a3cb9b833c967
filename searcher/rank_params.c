#define _POSIX_C_SOURCE 200809L
#include "numbers.h"
#include "rank_params.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const WEIGHTINGS[] = {"bm25", "bm25plus", "dph", "inl2", "pl2", "tfidf"};
static const char *const EXPANSIONS[] = {"trad", "bo1"};
#define COUNT(a) ((int)(sizeof(a) / sizeof *(a)))

/* The index of VALUE in NAMES[0..N), or -1. */
static int name_index(const char *value, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(value, names[i]) == 0)
            return i;
    return -1;
}

static int parse_share(const char *value, double *out)
{
    char *end;
    errno = 0;
    double x = strtod(value, &end);
    if (end == value || *end || errno || !(x >= 0 && x <= 100))
        return -1;
    *out = x;
    return 0;
}

/* Sets KEY to VALUE in *P; -1 if either is wrong. */
static int set_param(const char *key, const char *value, xc_rank_params *p)
{
    int i;
    if (strcmp(key, "weighting") == 0) {
        if ((i = name_index(value, WEIGHTINGS, COUNT(WEIGHTINGS))) < 0)
            return -1;
        p->weighting = (xc_weighting)i;
        return 0;
    }
    if (strcmp(key, "expansion") == 0) {
        if ((i = name_index(value, EXPANSIONS, COUNT(EXPANSIONS))) < 0)
            return -1;
        p->expansion = (xc_expansion)i;
        return 0;
    }
    if (strcmp(key, "feedback") == 0)
        return parse_share(value, &p->feedback);
    if (strcmp(key, "proximity-weight") == 0)
        return parse_share(value, &p->proximity_weight);
    if (strcmp(key, "feedback-docs") == 0)
        return parse_whole(value, UINT_MAX, &p->feedback_docs);
    if (strcmp(key, "feedback-terms") == 0)
        return parse_whole(value, UINT_MAX, &p->feedback_terms);
    if (strcmp(key, "proximity-words") == 0)
        return parse_whole(value, UINT_MAX, &p->proximity_words);
    if (strcmp(key, "window") == 0)
        return parse_whole(value, UINT_MAX, &p->window);
    return -1;
}

int rank_params_parse(const char *spec, xc_rank_params *p, char *why, size_t whylen)
{
    char *copy = strdup(spec);
    if (!copy) {
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    int rc = 0;
    char *save = NULL;
    for (char *item = strtok_r(copy, ",", &save); item && rc == 0; item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (eq)
            *eq = '\0';
        if (!eq || set_param(item, eq + 1, p) != 0) {
            if (eq)
                *eq = '=';
            snprintf(why, whylen, "'%s' is not one of weighting=bm25|bm25plus|dph|inl2|pl2|tfidf, "
                     "expansion=trad|bo1, feedback=0..100, feedback-docs=N, feedback-terms=N, "
                     "proximity-words=N, proximity-weight=0..100, window=N", item);
            rc = -1;
        }
    }
    if (rc == 0 && !strpbrk(spec, "=")) {
        snprintf(why, whylen, "no key=value in '%s'", spec);
        rc = -1;
    }
    free(copy);
    return rc;
}
