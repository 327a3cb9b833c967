/*
 * hash.h - FNV-1a, 64 bits: one hash for every place that needs a stable
 * one (hash tables, record change markers, parts and shards by source ID),
 * the same on every run and every machine.
 */
#ifndef COMMON_HASH_H
#define COMMON_HASH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" { /* the binding layer picks shards with it */
#endif

/* FNV-1a of S[0..LEN). */
unsigned long long hash_fnv1a(const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif
