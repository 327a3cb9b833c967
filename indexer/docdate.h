/*
 * docdate.h - a document's date as the index stores it (xc.h, "date"): ISO
 * 8601, "2021-10-18T09:30:00Z" (UTC) when the time is known, else the day
 * "2021-10-18"; the same form the readers give (readers/date.c, which the
 * indexer does not link: GLib would cost every run its start-up).
 */
#ifndef DOCDATE_H
#define DOCDATE_H

#include <stddef.h>
#include <time.h>

#include "xc.h"

#define DOCDATE_SIZE 32

/* TEXT (whole, spaces around allowed) read as an ISO 8601 day
 * ("2021-10-18") or time ("2021-10-18T09:30:00+02:00", "...Z", "... 09:30",
 * no zone: UTC) into OUT. 0, or -1 if it is not one (OUT is then ""). */
int docdate_parse(const char *text, char out[DOCDATE_SIZE]);

/* Seconds since 1970 (UTC) into OUT. 0, or -1 if T is out of range (years
 * 1 to 9999). */
int docdate_from_epoch(double t, char out[DOCDATE_SIZE]);

/* The dateline a plain text may open with ("date 2021-10-19 ...",
 * "Date: 2021-10-19T10:00Z" on its first non-blank line) into OUT. 0, or -1
 * if TEXT[0..LEN) opens with none. */
int docdate_dateline(const char *text, size_t len, char out[DOCDATE_SIZE]);

/* The metadata a document is stored with: META's NMETA pairs, then, when
 * none is a "date", the file's modification time MTIME as its date, marked
 * as such ("date_source": "mtime"). OUT has room for NMETA + 2 pairs; DATE
 * holds the date's text while OUT is used. Returns the pairs in OUT. */
size_t docdate_with_mtime(const xc_meta *meta, size_t nmeta, time_t mtime, xc_meta *out, char date[DOCDATE_SIZE]);

#define DOCDATE_SOURCE "date_source"

#endif
