#include "index_table.h"

#include <stdlib.h>

#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

uint64_t hash_string(const char *s, uint64_t seed)
{
    uint64_t h = seed ? seed : FNV_OFFSET;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= FNV_PRIME;
    }
    return h;
}

void index_table_init(index_table *table)
{
    table->slots = NULL;
    table->mask = 0;
    table->used = 0;
}

void index_table_free(index_table *table)
{
    free(table->slots);
    index_table_init(table);
}

size_t index_table_find(const index_table *table, uint64_t hash, index_same_fn same,
                        const void *key, const void *owner)
{
    if (!table->slots)
        return INDEX_NONE;
    for (size_t i = hash & table->mask;; i = (i + 1) & table->mask) {
        const index_slot *slot = &table->slots[i];
        if (slot->index == INDEX_NONE)
            return INDEX_NONE;
        if (slot->hash == hash && same(key, slot->index, owner))
            return slot->index;
    }
}

/* Linear probing into SLOTS, which has a free slot. */
static void place(index_slot *slots, size_t mask, uint64_t hash, size_t index)
{
    size_t i = hash & mask;
    while (slots[i].index != INDEX_NONE)
        i = (i + 1) & mask;
    slots[i].hash = hash;
    slots[i].index = index;
}

static int grow(index_table *table)
{
    size_t count = table->slots ? (table->mask + 1) * 2 : 16;
    if (count > SIZE_MAX / sizeof(index_slot))
        return -1;
    index_slot *slots = malloc(count * sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < count; i++)
        slots[i].index = INDEX_NONE;
    if (table->slots) {
        for (size_t i = 0; i <= table->mask; i++)
            if (table->slots[i].index != INDEX_NONE)
                place(slots, count - 1, table->slots[i].hash, table->slots[i].index);
        free(table->slots);
    }
    table->slots = slots;
    table->mask = count - 1;
    return 0;
}

int index_table_add(index_table *table, uint64_t hash, size_t index)
{
    /* Kept at most half full, so probe runs stay short. */
    if (!table->slots || (table->used + 1) * 2 > table->mask + 1) {
        if (grow(table) != 0)
            return -1;
    }
    place(table->slots, table->mask, hash, index);
    table->used++;
    return 0;
}
