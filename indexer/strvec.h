/*
 * strvec.h - a growable list of owned strings.
 */
#ifndef INDEXER_STRVEC_H
#define INDEXER_STRVEC_H

#include <stddef.h>

typedef struct strvec {
    char **v;
    size_t n, cap;
} strvec;

/* Appends S, taking ownership of it (S is freed if the append fails).
 * Returns 0, or -1 when out of memory (or S is NULL). */
int strvec_push(strvec *list, char *s);

/* Appends a copy of S. Returns 0 or -1. */
int strvec_push_copy(strvec *list, const char *s);

/* Sorts by strcmp (byte order, the same on every system). */
void strvec_sort(strvec *list);

/* Frees the strings and the list. Accepts a zeroed list. */
void strvec_free(strvec *list);

#endif
