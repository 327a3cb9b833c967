/*
 * idset.h - a hash map from source ID to a number (an index into the list of
 * files), to find two files that claim the same ID and to know which IDs
 * this run has seen. Keys are borrowed: they must outlive the set.
 */
#ifndef INDEXER_IDSET_H
#define INDEXER_IDSET_H

#include <stddef.h>

typedef struct idset {
    const char **keys;
    size_t *values;
    size_t cap, count; /* cap is 0 or a power of two */
} idset;

/* Adds KEY with VALUE. Returns 1 if added, 0 if KEY was there already (its
 * value is left alone and stored in *OLD, if not NULL), -1 if out of memory. */
int idset_add(idset *set, const char *key, size_t value, size_t *old);

/* Changes the value of KEY, which must be in SET. */
void idset_set(idset *set, const char *key, size_t value);

/* 1 and *VALUE (if not NULL) if KEY is in SET, else 0. */
int idset_find(const idset *set, const char *key, size_t *value);

/* Frees the table, not the keys. Accepts a zeroed set. */
void idset_free(idset *set);

#endif
