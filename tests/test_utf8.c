/* Unit tests of common/utf8: validation and repair. */
#include "check.h"
#include "utf8.h"

#include <stdlib.h>

static void repairs(const char *in, size_t len, const char *want, size_t want_bad)
{
    size_t bad = 99;
    char *out = utf8_repair(in, len, &bad);
    CHECK_STR(out, want);
    CHECK(bad == want_bad);
    free(out);
}

int main(void)
{
    CHECK(utf8_valid_prefix("abc", 3) == 3);
    CHECK(utf8_valid_prefix("caf\xc3\xa9", 5) == 5);
    CHECK(utf8_valid_prefix("caf\xc3", 4) == 3);          /* truncated sequence */
    CHECK(utf8_valid_prefix("\xc0\xaf", 2) == 0);         /* overlong '/' */
    CHECK(utf8_valid_prefix("\xed\xa0\x80", 3) == 0);     /* surrogate */
    CHECK(utf8_valid_prefix("\xf4\x90\x80\x80", 4) == 0); /* above U+10FFFF */
    CHECK(utf8_valid_prefix("\xf0\x9f\x98\x80", 4) == 4); /* emoji */

    repairs("plain", 5, "plain", 0);
    repairs("caf\xe9!", 5, "caf\xef\xbf\xbd!", 1); /* Latin-1 e-acute */
    repairs("a\0b", 3, "a b", 1);
    repairs("\xff\xfe", 2, "\xef\xbf\xbd\xef\xbf\xbd", 2);
    repairs("", 0, "", 0);

    CHECK(utf8_count("caf\xc3\xa9", 5) == 4);
    CHECK(utf8_count("\xe2\x80\xa6x", 4) == 2);
    return check_done();
}
