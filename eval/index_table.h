/*
 * index_table.h - an open-addressing hash table of indexes into an array the
 * caller owns (the keys live there; the table keeps only hash and index).
 *
 * Written by hand because no C hash table library is in use in the project,
 * and glibc's hsearch has one table per process.
 */
#ifndef EVAL_INDEX_TABLE_H
#define EVAL_INDEX_TABLE_H

#include <stddef.h>
#include <stdint.h>

#define INDEX_NONE SIZE_MAX

typedef struct index_slot {
    uint64_t hash;
    size_t index; /* INDEX_NONE when the slot is empty */
} index_slot;

typedef struct index_table {
    index_slot *slots;
    size_t mask; /* slot count - 1; the count is a power of two */
    size_t used;
} index_table;

/* Tells whether the caller's entry INDEX has the key KEY. */
typedef int (*index_same_fn)(const void *key, size_t index, const void *owner);

/* An empty table (no memory until the first add). */
void index_table_init(index_table *table);
void index_table_free(index_table *table);

/* The index of the entry with HASH whose key SAME matches KEY, or INDEX_NONE. */
size_t index_table_find(const index_table *table, uint64_t hash, index_same_fn same,
                        const void *key, const void *owner);

/* Adds INDEX under HASH; the caller has checked it is not there yet.
 * Returns -1 when out of memory (the table is left as it was). */
int index_table_add(index_table *table, uint64_t hash, size_t index);

/* FNV-1a of the string S, continuing from SEED (0 to start afresh). */
uint64_t hash_string(const char *s, uint64_t seed);

#endif
