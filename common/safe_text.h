/*
 * safe_text.h - writing text that came from outside (file names, query IDs,
 * messages quoting them) to a terminal without letting it drive the
 * terminal: an escape sequence in a file name must not clear the screen or
 * set the clipboard (OSC 52).
 */
#ifndef COMMON_SAFE_TEXT_H
#define COMMON_SAFE_TEXT_H

#include <stdarg.h>
#include <stdio.h>

/* Writes S to OUT with every control character (C0 but for none, DEL, C1)
 * and every byte of invalid UTF-8 written as \xHH, visible and inert, as
 * `ls -b` does. Returns 0, or EOF on a write error. */
int safe_fputs(const char *s, FILE *out);

/* Formats FMT with AP, then writes the result as safe_fputs does. */
int safe_vfprintf(FILE *out, const char *fmt, va_list ap);

/* Writes S as one token of a space-separated line (TREC runs, evaluation
 * tables): bytes up to 0x20, DEL, C1 controls and '%' as %HH, as in URLs,
 * so that the token holds no whitespace and two different strings never
 * print alike ("sp ace" is sp%20ace, "sp_ace" stays). Returns 0, or EOF. */
int safe_put_token(const char *s, FILE *out);

#endif
