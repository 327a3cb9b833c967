/*
 * front_matter.h - the metadata block at the top of a Markdown file, as
 * static site generators write it: YAML between "---" lines (read with
 * libyaml) or TOML between "+++" lines. Keys kept: title, date, tags
 * (also keywords, categories), author (also authors), description (also
 * summary).
 */
#ifndef READERS_FRONT_MATTER_H
#define READERS_FRONT_MATTER_H

#include <stddef.h>

#include "reader.h"

/* Front matter longer than this is taken for text, not metadata. */
#define FRONT_MATTER_MAX 65536

/* If TEXT[0..LEN) starts with front matter, reads it into META (and *TITLE,
 * a new string, if it has a title) and returns its length (what to skip);
 * else returns 0. -1 when memory ran out. */
long front_matter(const char *text, size_t len, reader_meta *meta, char **title);

#endif
