#include "spans.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

char *valid_utf8(const char *s)
{
    char *copy = utf8_repair(s ? s : "", s ? strlen(s) : 0, NULL);
    if (!copy)
        errno = ENOMEM;
    return copy;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static int is_continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

static int by_start(const void *a, const void *b)
{
    const xc_span *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

/* Where byte offset OFF of ORIG lands once ORIG is repaired: repair is
 * applied left to right, so the prefix maps onto the repaired prefix. */
static int map_offset(const char *orig, size_t off, size_t *mapped)
{
    char *prefix = utf8_repair(orig, off, NULL);
    if (!prefix)
        return -1;
    *mapped = strlen(prefix);
    free(prefix);
    return 0;
}

int clean_snippet_init(clean_snippet *out, const xc_hit *hit)
{
    const char *orig = hit->snippet ? hit->snippet : "";
    size_t orig_len = strlen(orig);
    int was_valid = utf8_valid_prefix(orig, orig_len) == orig_len;

    out->spans = NULL;
    out->nspans = 0;
    out->text = utf8_repair(orig, orig_len, NULL);
    if (!out->text)
        goto nomem;
    out->len = strlen(out->text);
    if (hit->nspans == 0 || !hit->spans)
        return 0;
    out->spans = malloc(hit->nspans * sizeof *out->spans);
    if (!out->spans)
        goto nomem;

    size_t n = 0;
    for (size_t i = 0; i < hit->nspans; i++) {
        size_t s = hit->spans[i].start, e = hit->spans[i].end;
        if (s > orig_len) s = orig_len;
        if (e > orig_len) e = orig_len;
        if (!was_valid && (map_offset(orig, s, &s) || map_offset(orig, e, &e)))
            goto nomem;
        /* Widen onto whole characters, then drop surrounding spaces. */
        while (s > 0 && is_continuation(out->text[s]))
            s--;
        while (e < out->len && is_continuation(out->text[e]))
            e++;
        while (s < e && is_space(out->text[s]))
            s++;
        while (e > s && is_space(out->text[e - 1]))
            e--;
        if (s < e)
            out->spans[n++] = (xc_span){s, e};
    }
    qsort(out->spans, n, sizeof *out->spans, by_start);
    /* Merge overlapping spans so printers can open and close marks in turn. */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m > 0 && out->spans[i].start <= out->spans[m - 1].end) {
            if (out->spans[i].end > out->spans[m - 1].end)
                out->spans[m - 1].end = out->spans[i].end;
        } else {
            out->spans[m++] = out->spans[i];
        }
    }
    out->nspans = m;
    return 0;

nomem:
    clean_snippet_free(out);
    errno = ENOMEM;
    return -1;
}

void clean_snippet_free(clean_snippet *snippet)
{
    free(snippet->text);
    free(snippet->spans);
    snippet->text = NULL;
    snippet->spans = NULL;
    snippet->nspans = 0;
}
