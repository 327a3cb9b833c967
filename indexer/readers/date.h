/*
 * date.h - dates as the index stores them (xc.h, "date"): ISO 8601, in UTC
 * when the time is known ("2021-10-18T09:30:00Z"), else the day
 * ("2021-10-18"). Parsing is GLib's.
 */
#ifndef READERS_DATE_H
#define READERS_DATE_H

#include <time.h>

/* TEXT read as ISO 8601 (or a year-month-day day): a new string, or NULL if
 * it is not a date (or memory ran out). */
char *date_from_text(const char *text);

/* A new string for the time T (UTC), or NULL. */
char *date_from_unix(time_t t);

/* Writes TEXT's date as META's "date" (reader.h) if it is one. 0 or -1. */
struct reader_meta;
int date_add(struct reader_meta *meta, const char *text);

#endif
