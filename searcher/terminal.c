#define _POSIX_C_SOURCE 200809L
#include "terminal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int color_when_parse(const char *s, color_when *when)
{
    if (strcmp(s, "auto") == 0)
        *when = COLOR_AUTO;
    else if (strcmp(s, "always") == 0)
        *when = COLOR_ALWAYS;
    else if (strcmp(s, "never") == 0)
        *when = COLOR_NEVER;
    else
        return -1;
    return 0;
}

int terminal_use_color(color_when when, FILE *out)
{
    if (when != COLOR_AUTO)
        return when == COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color)
        return 0;
    return isatty(fileno(out));
}

int terminal_width(FILE *out)
{
    enum { MIN_WIDTH = 20, DEFAULT_WIDTH = 80, MAX_WIDTH = 10000 };
    long width = 0;
    struct winsize ws;
    int fd = fileno(out);
    if (fd >= 0 && isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        width = ws.ws_col;
    if (width == 0) {
        const char *columns = getenv("COLUMNS");
        if (columns && *columns) {
            char *end;
            long n = strtol(columns, &end, 10);
            if (*end == '\0' && n > 0)
                width = n;
        }
    }
    if (width == 0)
        width = DEFAULT_WIDTH;
    if (width < MIN_WIDTH)
        width = MIN_WIDTH;
    if (width > MAX_WIDTH)
        width = MAX_WIDTH;
    return (int)width;
}
