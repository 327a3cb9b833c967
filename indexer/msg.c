#include "msg.h"

#include <stdarg.h>
#include <stdio.h>

#include "progress.h"
#include "safe_text.h"

/* File names and what they hold go out through safe_text: an escape
 * sequence in a name must not drive the user's terminal. */
static void say(const char *path, const char *kind, const char *fmt, va_list ap)
{
    progress_clear();
    fputs("indexer: ", stderr);
    if (path) {
        safe_fputs(path, stderr);
        fputs(": ", stderr);
    }
    fputs(kind, stderr);
    safe_vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

/* The limit of this thread (the parts of a parallel build each read their
 * own records). */
static _Thread_local struct {
    int on;
    unsigned long limit, shown, held;
} limit;

void msg_limit_begin(unsigned long n)
{
    limit.on = 1;
    limit.limit = n;
    limit.shown = limit.held = 0;
}

unsigned long msg_limit_end(void)
{
    limit.on = 0;
    return limit.held;
}

static int held_back(void)
{
    if (!limit.on || limit.shown++ < limit.limit)
        return 0;
    limit.held++;
    return 1;
}

void msg_error(const char *path, const char *fmt, ...)
{
    if (held_back())
        return;
    va_list ap;
    va_start(ap, fmt);
    say(path, "", fmt, ap);
    va_end(ap);
}

void msg_warning(const char *path, const char *fmt, ...)
{
    if (held_back())
        return;
    va_list ap;
    va_start(ap, fmt);
    say(path, "warning: ", fmt, ap);
    va_end(ap);
}

void msg_fatal(const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(path, "", fmt, ap);
    va_end(ap);
}
