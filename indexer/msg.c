#include "msg.h"

#include <stdarg.h>
#include <stdio.h>

#include "progress.h"

static void say(const char *path, const char *kind, const char *fmt, va_list ap)
{
    progress_clear();
    fputs("indexer: ", stderr);
    if (path)
        fprintf(stderr, "%s: ", path);
    fputs(kind, stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void msg_error(const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(path, "", fmt, ap);
    va_end(ap);
}

void msg_warning(const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(path, "warning: ", fmt, ap);
    va_end(ap);
}
