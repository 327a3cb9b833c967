#include "idset.h"

#include "hash.h"

#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s)
{
    return (size_t)hash_fnv1a(s, strlen(s));
}

/* The slot that holds KEY, or the empty slot where it would go. */
static size_t slot(const idset *set, const char *key)
{
    size_t mask = set->cap - 1, i = hash(key) & mask;
    while (set->keys[i] && strcmp(set->keys[i], key) != 0)
        i = (i + 1) & mask;
    return i;
}

static int grow(idset *set)
{
    size_t cap = set->cap ? set->cap * 2 : 64;
    idset bigger = {calloc(cap, sizeof *bigger.keys), malloc(cap * sizeof *bigger.values), cap, 0};
    if (!bigger.keys || !bigger.values) {
        idset_free(&bigger);
        return -1;
    }
    for (size_t i = 0; i < set->cap; i++) {
        if (set->keys[i]) {
            size_t j = slot(&bigger, set->keys[i]);
            bigger.keys[j] = set->keys[i];
            bigger.values[j] = set->values[i];
            bigger.count++;
        }
    }
    idset_free(set);
    *set = bigger;
    return 0;
}

int idset_add(idset *set, const char *key, size_t value, size_t *old)
{
    /* Kept at most half full, so probes stay short. */
    if ((set->count + 1) * 2 > set->cap && grow(set) != 0)
        return -1;
    size_t i = slot(set, key);
    if (set->keys[i]) {
        if (old)
            *old = set->values[i];
        return 0;
    }
    set->keys[i] = key;
    set->values[i] = value;
    set->count++;
    return 1;
}

void idset_set(idset *set, const char *key, size_t value)
{
    size_t i = slot(set, key);
    if (set->keys[i])
        set->values[i] = value;
}

int idset_find(const idset *set, const char *key, size_t *value)
{
    if (set->cap == 0)
        return 0;
    size_t i = slot(set, key);
    if (!set->keys[i])
        return 0;
    if (value)
        *value = set->values[i];
    return 1;
}

void idset_free(idset *set)
{
    free(set->keys);
    free(set->values);
    set->keys = NULL;
    set->values = NULL;
    set->cap = set->count = 0;
}
