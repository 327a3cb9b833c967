#include "sniff.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* How far in a page's start tag may be: after a BOM, blank lines, an XML
 * declaration and comments. */
#define HTML_PROBE 1024
/* Header lines looked at for a mail message. */
#define MAIL_LINES 64

static int starts(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && strncasecmp(s, prefix, n) == 0;
}

static size_t skip_space(const char *s, size_t len, size_t i)
{
    while (i < len && isspace((unsigned char)s[i]))
        i++;
    return i;
}

static int is_html(const char *s, size_t len)
{
    size_t i = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t limit = len < HTML_PROBE ? len : HTML_PROBE;
    for (;;) {
        i = skip_space(s, limit, i);
        if (starts(s + i, limit - i, "<?xml") || starts(s + i, limit - i, "<!--")) {
            const char *end = starts(s + i, limit - i, "<!--") ? "-->" : "?>";
            const char *close = NULL;
            for (size_t k = i; k + strlen(end) <= limit && !close; k++)
                if (memcmp(s + k, end, strlen(end)) == 0)
                    close = s + k;
            if (!close)
                return 0;
            i = (size_t)(close - s) + strlen(end);
            continue;
        }
        break;
    }
    const char *tags[] = {"<!doctype html", "<html", "<head", "<body"};
    for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
        size_t n = strlen(tags[t]);
        if (starts(s + i, limit - i, tags[t]) && i + n < limit &&
            (isspace((unsigned char)s[i + n]) || s[i + n] == '>'))
            return 1;
    }
    return 0;
}

/* A header line "Name: value": the name is printable ASCII without a
 * space or a colon. */
static int header_line(const char *s, size_t n, const char **name, size_t *name_len)
{
    size_t i = 0;
    while (i < n && s[i] > 32 && s[i] < 127 && s[i] != ':')
        i++;
    if (i == 0 || i >= n || s[i] != ':')
        return 0;
    *name = s;
    *name_len = i;
    return 1;
}

/* A message: its first lines up to a blank one are all headers (or their
 * continuations), with From: and one of Date:, Subject:, Message-ID:,
 * Received: among them. FROM_LINE: an mbox's "From " line comes first. */
static int is_mail(const char *s, size_t len, int from_line)
{
    size_t i = 0;
    if (from_line) {
        if (!starts(s, len, "From "))
            return 0;
        const char *nl = memchr(s, '\n', len);
        if (!nl)
            return 0;
        i = (size_t)(nl - s) + 1;
    }
    int from = 0, other = 0, headers = 0;
    for (int lines = 0; i < len && lines < MAIL_LINES; lines++) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (s + i)) : len - i;
        if (n > 0 && s[i + n - 1] == '\r')
            n--;
        if (n == 0)
            return headers >= 2 && from && other;
        const char *name;
        size_t nn;
        if (s[i] == ' ' || s[i] == '\t') {
            if (!headers)
                return 0;
        } else if (header_line(s + i, n, &name, &nn)) {
            headers++;
            if (nn == 4 && strncasecmp(name, "From", 4) == 0)
                from = 1;
            else if ((nn == 4 && strncasecmp(name, "Date", 4) == 0) ||
                     (nn == 7 && strncasecmp(name, "Subject", 7) == 0) ||
                     (nn == 10 && strncasecmp(name, "Message-ID", 10) == 0) ||
                     (nn == 8 && strncasecmp(name, "Received", 8) == 0))
                other = 1;
        } else {
            return 0;
        }
        if (!nl)
            break;
        i += (size_t)(nl - (s + i)) + 1;
    }
    return 0;
}

const char *sniff_text(const char *text, size_t len)
{
    if (starts(text, len, "%PDF-"))
        return "pdf";
    if (is_mail(text, len, 1))
        return "mbox";
    if (is_mail(text, len, 0))
        return "mail";
    if (is_html(text, len))
        return "html";
    return NULL;
}
