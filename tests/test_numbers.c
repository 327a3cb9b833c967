/* common/numbers.c: whole numbers as the programs read them, counts as
 * they print them. */
#include "check.h"
#include "numbers.h"

#include <limits.h>

int main(void)
{
    unsigned n = 7;
    CHECK(parse_whole("0", 10, &n) == 0 && n == 0);
    CHECK(parse_whole("10", 10, &n) == 0 && n == 10);
    CHECK(parse_whole("11", 10, &n) == -1);
    const char *bad[] = {"", " 1", "+1", "-1", "1x", "1.5", "99999999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(parse_whole(bad[i], UINT_MAX, &n) == -1);
    char out[32];
    CHECK_STR(format_count(0, out), "0");
    CHECK_STR(format_count(999, out), "999");
    CHECK_STR(format_count(1000, out), "1,000");
    CHECK_STR(format_count(1234567, out), "1,234,567");
    CHECK_STR(format_count(ULONG_MAX, out), "18,446,744,073,709,551,615");
    return check_done();
}
