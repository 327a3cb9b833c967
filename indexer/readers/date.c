#define _POSIX_C_SOURCE 200809L
#include "date.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"

static char *utc_string(GDateTime *dt)
{
    GDateTime *utc = g_date_time_to_utc(dt);
    if (!utc)
        return NULL;
    char buf[32];
    int year = g_date_time_get_year(utc);
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, g_date_time_get_month(utc),
             g_date_time_get_day_of_month(utc), g_date_time_get_hour(utc), g_date_time_get_minute(utc),
             g_date_time_get_second(utc));
    g_date_time_unref(utc);
    return strdup(buf);
}

char *date_from_text(const char *text)
{
    while (*text == ' ' || *text == '\t')
        text++;
    /* A bare day: kept as a day (no zone to turn it into a time). */
    int y, m, d, used = 0;
    if (sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 && used == 10 &&
        (text[10] == '\0' || text[10] == ' ') && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        char buf[16];
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        return strdup(buf);
    }
    /* A time without a zone is taken as UTC: the best guess there is. */
    GTimeZone *utc = g_time_zone_new_utc();
    GDateTime *dt = g_date_time_new_from_iso8601(text, utc);
    g_time_zone_unref(utc);
    if (!dt)
        return NULL;
    char *s = utc_string(dt);
    g_date_time_unref(dt);
    return s;
}

char *date_from_unix(time_t t)
{
    GDateTime *dt = g_date_time_new_from_unix_utc((gint64)t);
    if (!dt)
        return NULL;
    char *s = utc_string(dt);
    g_date_time_unref(dt);
    return s;
}

int date_add(reader_meta *meta, const char *text)
{
    if (!text || meta_get(meta, XC_META_DATE))
        return 0;
    char *date = date_from_text(text);
    int rc = date ? meta_add(meta, XC_META_DATE, date) : 0;
    free(date);
    return rc;
}
