#define _POSIX_C_SOURCE 200809L /* vsnprintf */
#include "safe_text.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

int safe_fputs(const char *s, FILE *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    int rc = 0;
    for (size_t i = 0; i < len && rc >= 0;) {
        size_t ok = utf8_valid_prefix((const char *)p + i, len - i);
        /* Printable runs go out as they are; each control character and
         * each byte of invalid UTF-8 as \xHH. */
        size_t run = 0;
        while (run < ok) {
            unsigned char c = p[i + run];
            if (c < 0x20 || c == 0x7F || (c == 0xC2 && p[i + run + 1] < 0xA0))
                break;
            run++;
        }
        if (run && fwrite(p + i, 1, run, out) != run)
            rc = EOF;
        i += run;
        if (i >= len || rc < 0)
            break;
        unsigned char c = p[i];
        size_t bad = c == 0xC2 && run < ok ? 2 : 1; /* a C1 control is two bytes */
        for (size_t k = 0; k < bad && rc >= 0; k++)
            rc = fprintf(out, "\\x%02X", p[i + k]);
        i += bad;
    }
    return rc < 0 ? EOF : 0;
}

int safe_vfprintf(FILE *out, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    char small[512];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    int rc = EOF;
    if (n >= 0 && (size_t)n < sizeof small) {
        rc = safe_fputs(small, out);
    } else if (n >= 0) {
        char *big = malloc((size_t)n + 1);
        if (big) {
            vsnprintf(big, (size_t)n + 1, fmt, again);
            rc = safe_fputs(big, out);
            free(big);
        }
    }
    va_end(again);
    return rc;
}

int safe_put_token(const char *s, FILE *out)
{
    const unsigned char *p = (const unsigned char *)s;
    int rc = 0;
    for (size_t i = 0; p[i] && rc != EOF; i++) {
        int c1 = p[i] == 0xC2 && p[i + 1] >= 0x80 && p[i + 1] < 0xA0;
        if (p[i] <= 0x20 || p[i] == 0x7F || p[i] == '%' || c1) {
            rc = fprintf(out, "%%%02X", p[i]);
            if (c1 && rc != EOF)
                rc = fprintf(out, "%%%02X", p[++i]);
        } else {
            rc = putc(p[i], out);
        }
    }
    return rc == EOF ? EOF : 0;
}
