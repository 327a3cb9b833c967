#define _POSIX_C_SOURCE 200809L
#include "strvec.h"

#include <stdlib.h>
#include <string.h>

int strvec_push(strvec *list, char *s)
{
    if (!s)
        return -1;
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 16;
        char **v = realloc(list->v, cap * sizeof *v);
        if (!v) {
            free(s);
            return -1;
        }
        list->v = v;
        list->cap = cap;
    }
    list->v[list->n++] = s;
    return 0;
}

int strvec_push_copy(strvec *list, const char *s)
{
    return strvec_push(list, strdup(s));
}

static int by_bytes(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void strvec_sort(strvec *list)
{
    if (list->n > 1)
        qsort(list->v, list->n, sizeof *list->v, by_bytes);
}

void strvec_free(strvec *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->v[i]);
    free(list->v);
    list->v = NULL;
    list->n = list->cap = 0;
}
