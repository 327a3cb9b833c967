/* Unit tests of the libstemmer wrapper that index, query and snippets share. */
#include "check.h"
#include "xc.h"

int main(void)
{
    xc_stemmer *en = xc_stemmer_new("english");
    CHECK(en != NULL);
    CHECK_STR(xc_stemmer_stem(en, "suspends"), "suspend");
    CHECK_STR(xc_stemmer_stem(en, "suspended"), "suspend");
    CHECK_STR(xc_stemmer_stem(en, "military"), "militari");
    CHECK_STR(xc_stemmer_stem(en, "missions"), "mission");
    CHECK_STR(xc_stemmer_stem(en, ""), "");
    CHECK(xc_stemmer_stem(en, NULL) == NULL);
    xc_stemmer_free(en);

    xc_stemmer *fr = xc_stemmer_new("french");
    CHECK(fr != NULL);
    CHECK_STR(xc_stemmer_stem(fr, "continuellement"), "continuel");
    xc_stemmer_free(fr);

    xc_stemmer *none = xc_stemmer_new("none");
    CHECK(none != NULL);
    CHECK_STR(xc_stemmer_stem(none, "suspends"), "suspends");
    xc_stemmer_free(none);

    CHECK(xc_stemmer_new("klingon") == NULL);
    CHECK(xc_stemmer_new(NULL) == NULL);
    xc_stemmer_free(NULL);

    CHECK(xc_language_supported("english"));
    CHECK(xc_language_supported("en")); /* libstemmer's aliases work too */
    CHECK(xc_language_supported("none"));
    CHECK(!xc_language_supported("klingon"));
    CHECK(!xc_language_supported(""));
    int n = 0, has_english = 0;
    for (const char *const *l = xc_languages(); *l; l++, n++)
        if (strcmp(*l, "english") == 0)
            has_english = 1;
    CHECK(n > 10);
    CHECK(has_english);
    CHECK_STR(xc_status_name(XC_ERR_LOCKED), "locked");
    return check_done();
}
