/* Dates of documents: ISO 8601 text, epoch seconds, plain text datelines,
 * the file's modification time. */
#define _DEFAULT_SOURCE /* timegm */
#include "docdate.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int valid_day(int y, int m, int d)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    return !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

/* N digits at *P into *OUT, advancing *P. */
static int digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

static int utc_string(time_t t, char out[DOCDATE_SIZE])
{
    struct tm tm;
    if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 < 1 || tm.tm_year + 1900 > 9999)
        return -1;
    /* The moduli only tell the compiler how wide each field is. */
    snprintf(out, DOCDATE_SIZE, "%04d-%02d-%02dT%02d:%02d:%02dZ", (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100,
             tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100, tm.tm_sec % 100);
    return 0;
}

/* The date at the start of TEXT; *END: where it ends. */
static int parse_at(const char *text, const char **end, char out[DOCDATE_SIZE])
{
    const char *p = text;
    int y, mo, d, h = 0, mi = 0, s = 0;
    out[0] = '\0';
    if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' || digits(&p, 2, &d) ||
        !valid_day(y, mo, d))
        return -1;
    /* A bare day stays a day: there is no zone to make it a time in. */
    if (!((*p == 'T' || *p == 't' || *p == ' ') && isdigit((unsigned char)p[1]))) {
        snprintf(out, DOCDATE_SIZE, "%04d-%02d-%02d", y % 10000, mo % 100, d % 100);
        *end = p;
        return 0;
    }
    p++;
    if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
        return -1;
    const char *sec = p + 1;
    if (*p == ':' && digits(&sec, 2, &s) == 0) {
        p = sec;
        if (*p == '.' || *p == ',') /* fractions of a second: dropped */
            for (p++; isdigit((unsigned char)*p); p++)
                ;
    }
    if (h > 23 || mi > 59 || s > 60)
        return -1;
    long offset = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1, oh, om = 0;
        p++;
        if (digits(&p, 2, &oh))
            return -1;
        if (*p == ':')
            p++;
        if (isdigit((unsigned char)*p) && digits(&p, 2, &om))
            return -1;
        if (oh > 23 || om > 59)
            return -1;
        offset = sign * (oh * 3600L + om * 60L);
    }
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = s};
    *end = p;
    return utc_string(timegm(&tm) - offset, out);
}

int docdate_parse(const char *text, char out[DOCDATE_SIZE])
{
    while (*text == ' ' || *text == '\t')
        text++;
    const char *end;
    if (parse_at(text, &end, out) != 0)
        return -1;
    while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n')
        end++;
    if (*end) {
        out[0] = '\0';
        return -1;
    }
    return 0;
}

int docdate_from_epoch(double t, char out[DOCDATE_SIZE])
{
    out[0] = '\0';
    /* 0001-01-01 to 9999-12-31 */
    if (!(t >= -62135596800.0 && t <= 253402300799.0))
        return -1;
    return utc_string((time_t)t, out);
}

int docdate_dateline(const char *text, size_t len, char out[DOCDATE_SIZE])
{
    static const char *const words[] = {"date", "dated", "published"};
    out[0] = '\0';
    size_t at = 0;
    while (at < len && isspace((unsigned char)text[at]))
        at++;
    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        size_t n = strlen(words[w]);
        if (len - at < n + 11 || strncasecmp(text + at, words[w], n) != 0)
            continue;
        size_t p = at + n;
        if (text[p] == ':')
            p++;
        if (text[p] != ' ' && text[p] != '\t')
            continue;
        while (p < len && (text[p] == ' ' || text[p] == '\t'))
            p++;
        /* At most a date and time with a zone: copied, to be read NUL-ended. */
        char head[40];
        size_t k = len - p < sizeof head - 1 ? len - p : sizeof head - 1;
        memcpy(head, text + p, k);
        head[k] = '\0';
        const char *end;
        if (parse_at(head, &end, out) != 0)
            return -1;
        /* The date must stand alone: "date 2021-10-19 Russia ..." yes,
         * "date 2021-10-19x" no. */
        if (*end && !isspace((unsigned char)*end)) {
            out[0] = '\0';
            return -1;
        }
        return 0;
    }
    return -1;
}

size_t docdate_with_mtime(const xc_meta *meta, size_t nmeta, time_t mtime, xc_meta *out, char date[DOCDATE_SIZE])
{
    int dated = 0;
    for (size_t i = 0; i < nmeta; i++) {
        out[i] = meta[i];
        dated |= strcmp(meta[i].key, XC_META_DATE) == 0;
    }
    if (dated || docdate_from_epoch((double)mtime, date) != 0)
        return nmeta;
    out[nmeta] = (xc_meta){XC_META_DATE, date};
    out[nmeta + 1] = (xc_meta){DOCDATE_SOURCE, "mtime"};
    return nmeta + 2;
}
