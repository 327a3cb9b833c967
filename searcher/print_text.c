/*
 * print_text.c - results for a person at a terminal.
 *
 *   3 matches for "military liaison mission" (showing 1-3)
 *
 *   1. 003_c354b11fcd484267  NATO Halves Russia’s Mission ...  (score 7.31)
 *      /home/me/sift/corpus/003_c354b11fcd484267.txt
 *      … steps will be taken in relation to the NATO **Military Liaison
 *      Mission** in Moscow, operating under …
 *
 * Widths are counted in code points, which is right for most scripts but
 * not for wide (CJK) characters or combining marks.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "numbers.h"
#include "printer.h"
#include "utf8.h"

#define SGR_MATCH "\033[1;31m"
#define SGR_ID "\033[35m"
#define SGR_TITLE "\033[1m"
#define SGR_PATH "\033[32m"
#define SGR_RESET "\033[0m"
#define PLAIN_MARK "**"
#define ELLIPSIS "\xE2\x80\xA6"

typedef struct text_printer {
    printer base;
    FILE *out;
    int color;
    int width;
    int queries; /* queries begun so far, for the blank line between them */
    const xc_results *results; /* of the query begun, for its facets */
} text_printer;

static int status(FILE *out)
{
    return ferror(out) ? -1 : 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Byte length of the UTF-8 character at S (S is valid UTF-8). */
static size_t char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Writes the character at S, of LEN bytes, so that document text can never
 * drive the terminal: C0 and C1 control characters become spaces or U+FFFD.
 * Each character still takes one column. */
static void put_char(FILE *out, const char *s, size_t len)
{
    unsigned char c = (unsigned char)s[0];
    if (len == 1 && (c < 0x20 || c == 0x7F))
        fputs(is_space((char)c) ? " " : "\xEF\xBF\xBD", out);
    else if (len == 2 && c == 0xC2 && (unsigned char)s[1] < 0xA0)
        fputs("\xEF\xBF\xBD", out);
    else
        fwrite(s, 1, len, out);
}

/* Writes S[0..LEN) (valid UTF-8) through put_char. */
static void put_text(FILE *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i += char_len(s + i))
        put_char(out, s + i, char_len(s + i));
}

static void open_sgr(text_printer *p, const char *sgr)
{
    if (p->color)
        fputs(sgr, p->out);
}

static void close_sgr(text_printer *p)
{
    if (p->color)
        fputs(SGR_RESET, p->out);
}

static int text_begin(printer *self, const print_query *q)
{
    text_printer *p = (text_printer *)self;
    FILE *out = p->out;
    p->results = q->results;
    if (p->queries++ > 0)
        fputc('\n', out);
    if (q->qid) {
        put_text(out, q->qid, strlen(q->qid));
        fputs(": ", out);
    }
    if (q->error)
        return status(out); /* refused or stopped: stderr says why */
    const char *text = q->text;
    if (q->corrected) {
        fputs("no matches for \"", out);
        put_text(out, q->text, strlen(q->text));
        fputs("\"; searched for \"", out);
        put_text(out, q->suggestion, strlen(q->suggestion));
        fputs("\" instead\n", out);
        text = q->suggestion;
    }
    if (q->nhits == 0 && q->lower == 0 && q->estimated == 0) {
        fputs(q->like ? "no documents like \"" : "no matches for \"", out);
        put_text(out, text, strlen(text));
        fputs("\"\n", out);
        return status(out);
    }
    if (q->lower != q->upper)
        fputs("about ", out);
    char count[32];
    fputs(format_count(q->estimated, count), out);
    if (q->like)
        fputs(q->estimated == 1 ? " document like \"" : " documents like \"", out);
    else
        fputs(q->estimated == 1 ? " match for \"" : " matches for \"", out);
    put_text(out, text, strlen(text));
    fputs("\" ", out);
    unsigned long first = (unsigned long)q->offset + 1;
    unsigned long last = (unsigned long)q->offset + q->nhits;
    if (q->nhits == 0 && q->offset > 0)
        fprintf(out, "(none shown after offset %u)\n", q->offset);
    else if (q->nhits == 0)
        fputs("(none shown)\n", out);
    else if (first == last)
        fprintf(out, "(showing %lu)\n", first);
    else
        fprintf(out, "(showing %lu-%lu)\n", first, last);
    if (!q->corrected && *q->suggestion) {
        fputs("did you mean: ", out);
        put_text(out, q->suggestion, strlen(q->suggestion));
        fputc('\n', out);
    }
    return status(out);
}

/* Writes TITLE cut to at most MAX columns, ending in "…" where cut. */
static void put_title(text_printer *p, const char *title, size_t max)
{
    while (is_space(*title)) /* indexers may keep a line's indentation */
        title++;
    size_t len = strlen(title);
    while (len > 0 && is_space(title[len - 1]))
        len--;
    size_t cols = utf8_count(title, len);
    if (cols > max) {
        size_t keep = 0;
        for (size_t n = 0; n + 1 < max; n++)
            keep += char_len(title + keep);
        len = keep;
    }
    open_sgr(p, SGR_TITLE);
    put_text(p->out, title, len);
    if (cols > max)
        fputs(ELLIPSIS, p->out);
    close_sgr(p);
}

/* Width of the word S[start..end) as printed, counting plain "**" marks. */
static size_t word_width(const text_printer *p, const xc_hit *hit,
                         size_t k, size_t start, size_t end)
{
    size_t width = utf8_count(hit->snippet + start, end - start);
    if (p->color)
        return width;
    for (; k < hit->nspans && hit->spans[k].start <= end; k++) {
        if (hit->spans[k].start >= start && hit->spans[k].start < end)
            width += strlen(PLAIN_MARK);
        if (hit->spans[k].end > start && hit->spans[k].end <= end)
            width += strlen(PLAIN_MARK);
    }
    return width;
}

static void mark_open(text_printer *p)
{
    fputs(p->color ? SGR_MATCH : PLAIN_MARK, p->out);
}

static void mark_close(text_printer *p)
{
    fputs(p->color ? SGR_RESET : PLAIN_MARK, p->out);
}

/* Writes the snippet word by word, wrapped at the printer's width, each line
 * indented by INDENT, with the highlighted spans marked. A colour is closed
 * at the end of a line and reopened after the indent, so that nothing bleeds
 * into the margin; plain "**" marks may simply span two lines. */
static void put_snippet(text_printer *p, const xc_hit *hit, size_t indent)
{
    FILE *out = p->out;
    const char *text = hit->snippet;
    size_t len = strlen(text);
    size_t width = (size_t)p->width;
    size_t col = indent, k = 0, pos = 0;
    int in_mark = 0, line_has_words = 0;

    fprintf(out, "%*s", (int)indent, "");
    while (pos < len) {
        while (pos < len && is_space(text[pos]))
            pos++;
        if (pos >= len)
            break;
        size_t end = pos;
        while (end < len && !is_space(text[end]))
            end++;

        size_t w = word_width(p, hit, k, pos, end);
        if (line_has_words && col + 1 + w > width) {
            if (in_mark && p->color)
                fputs(SGR_RESET, out);
            fprintf(out, "\n%*s", (int)indent, "");
            if (in_mark && p->color)
                fputs(SGR_MATCH, out);
            col = indent;
        } else if (line_has_words) {
            fputc(' ', out);
            col++;
        }
        for (size_t i = pos; i < end; i += char_len(text + i)) {
            if (in_mark && hit->spans[k].end == i) {
                mark_close(p);
                in_mark = 0;
                k++;
            }
            if (!in_mark && k < hit->nspans && hit->spans[k].start == i) {
                mark_open(p);
                in_mark = 1;
            }
            put_char(out, text + i, char_len(text + i));
        }
        if (in_mark && hit->spans[k].end == end) {
            mark_close(p);
            in_mark = 0;
            k++;
        }
        col += w;
        line_has_words = 1;
        pos = end;
    }
    if (in_mark) /* cannot happen with xc.h's spans; never leave colour on */
        mark_close(p);
    fputc('\n', out);
}

/* "  2021-10-19" after the path: the document's date (its day), when it
 * has one of its own (not its file's modification time). */
static void put_date(FILE *out, const xc_hit *hit)
{
    const char *date = NULL;
    for (size_t i = 0; hit->meta && i < hit->nmeta; i++) {
        if (strcmp(hit->meta[i].key, "date_source") == 0)
            return;
        if (strcmp(hit->meta[i].key, XC_META_DATE) == 0)
            date = hit->meta[i].value;
    }
    if (date)
        fprintf(out, "  %.10s", date);
}

static int text_hit(printer *self, const xc_hit *hit)
{
    text_printer *p = (text_printer *)self;
    FILE *out = p->out;
    const char *id = hit->id, *title = hit->title;
    char rank[32], score[64];
    int rank_len = snprintf(rank, sizeof rank, "%u. ", hit->rank);
    int score_len = snprintf(score, sizeof score, "(score %.2f)", hit->score);
    size_t id_cols = utf8_count(id, strlen(id));

    fputc('\n', out);
    fputs(rank, out);
    open_sgr(p, SGR_ID);
    put_text(out, id, strlen(id));
    close_sgr(p);
    fputs("  ", out);
    if (title[strspn(title, " \t\n\r\f\v")]) {
        /* Cut the title so the line fits, but keep a readable part of it
         * even when the ID alone fills the line. */
        long room = (long)p->width - rank_len - (long)id_cols - 2 - 2 - score_len;
        put_title(p, title, room < 16 ? 16 : (size_t)room);
        fputs("  ", out);
    }
    fputs(score, out);
    fputc('\n', out);
    /* Where it came from, when the ID does not already say it. */
    if (hit->path && *hit->path && (strcmp(hit->path, id) != 0 || hit->line)) {
        fprintf(out, "%*s", rank_len, "");
        open_sgr(p, SGR_PATH);
        put_text(out, hit->path, strlen(hit->path));
        if (hit->line)
            fprintf(out, ":%lu", hit->line);
        close_sgr(p);
        put_date(out, hit);
        fputc('\n', out);
    }
    if (*hit->snippet)
        put_snippet(p, hit, (size_t)rank_len);
    return status(out);
}

/* Under the hits: "type: pdf 3, html 2" per facet. */
static int text_end(printer *self)
{
    text_printer *p = (text_printer *)self;
    size_t nfacets = p->results ? xc_results_facets(p->results) : 0;
    if (nfacets)
        fputc('\n', p->out);
    for (size_t i = 0; i < nfacets; i++) {
        const xc_facet_value *v;
        size_t n;
        const char *name = xc_results_facet(p->results, i, &v, &n);
        fprintf(p->out, "%s:", name);
        for (size_t k = 0; k < n; k++) {
            fputs(k ? ", " : " ", p->out);
            put_text(p->out, v[k].value, strlen(v[k].value));
            fprintf(p->out, " %lu", v[k].count);
        }
        fputs(n ? "\n" : " (none)\n", p->out);
    }
    p->results = NULL;
    return status(p->out);
}

static int text_finish(printer *self)
{
    text_printer *p = (text_printer *)self;
    int rc = fflush(p->out) == 0 && !ferror(p->out) ? 0 : -1;
    int saved = errno;
    free(p);
    errno = saved;
    return rc;
}

printer *print_text_new(FILE *out, int color, int width)
{
    text_printer *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->base = (printer){text_begin, text_hit, text_end, text_finish};
    p->out = out;
    p->color = color;
    p->width = width;
    return &p->base;
}
