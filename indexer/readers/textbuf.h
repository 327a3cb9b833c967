/*
 * textbuf.h - the text a reader builds, bounded: past READER_MAX_TEXT bytes
 * it is cut (at a character boundary) and says so.
 */
#ifndef READERS_TEXTBUF_H
#define READERS_TEXTBUF_H

#include <stddef.h>

typedef struct textbuf {
    char *s;      /* NUL-terminated once anything was added; may be NULL */
    size_t len, cap;
    int cut;      /* text was dropped at the cap */
    int nomem;    /* an append failed for want of memory */
} textbuf;

/* Appends S[0..N) as it is. */
void tb_add(textbuf *t, const char *s, size_t n);
/* Appends S[0..N) with every run of whitespace as one space, and no space
 * at a line's start (markup text: HTML, XML). */
void tb_add_words(textbuf *t, const char *s, size_t n);
/* Ends the current paragraph: the next text starts a new line. */
void tb_break(textbuf *t);
/* Separates what comes next from what came before by a space. */
void tb_space(textbuf *t);
/* The text ("" if none): owned by T. */
const char *tb_text(const textbuf *t);
/* 1 if the text holds anything but whitespace. */
int tb_has_words(const textbuf *t);
void tb_free(textbuf *t);

#endif
