#include "numbers.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int parse_whole(const char *s, unsigned long max, unsigned *out)
{
    if (*s < '0' || *s > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long n = strtoul(s, &end, 10);
    if (*end != '\0' || errno != 0 || n > max)
        return -1;
    *out = (unsigned)n;
    return 0;
}

char *format_count(unsigned long n, char out[32])
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%lu", n);
    size_t o = 0;
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    return out;
}
