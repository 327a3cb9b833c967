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
    /* Every stemmer stems the folded word; "none" shows the folding. */
    CHECK_STR(xc_stemmer_stem(none, "Café"), "cafe");
    CHECK_STR(xc_stemmer_stem(none, "cafe\xcc\x81"), "cafe");   /* combining acute */
    CHECK_STR(xc_stemmer_stem(none, "Müller"), "muller");
    CHECK_STR(xc_stemmer_stem(none, "straße"), "strasse");
    CHECK_STR(xc_stemmer_stem(none, "ΣΟΦΟΣ"), "σοφοσ");
    CHECK_STR(xc_stemmer_stem(none, "σοφός"), "σοφοσ");          /* final sigma, tonos */
    CHECK_STR(xc_stemmer_stem(none, "\xef\xac\x81nance"), "finance"); /* fi ligature */
    CHECK_STR(xc_stemmer_stem(none, "ＮＡＴＯ"), "nato");          /* full width */
    CHECK_STR(xc_stemmer_stem(none, "ёлки"), "елки");
    CHECK_STR(xc_stemmer_stem(none, "новый"), "новый");          /* й keeps its breve */
    CHECK_STR(xc_stemmer_stem(none, "が"), "が");                /* voicing mark stays */
    CHECK_STR(xc_stemmer_stem(none, "हिंदी"), "हिंदी");          /* vowel signs stay */
    CHECK_STR(xc_stemmer_stem(none, "l'économie"), "economie"); /* elision */
    CHECK_STR(xc_stemmer_stem(none, "dell'arte"), "arte");
    CHECK_STR(xc_stemmer_stem(none, "jusqu'ici"), "ici");
    CHECK_STR(xc_stemmer_stem(none, "russia's"), "russia");     /* possessive */
    CHECK_STR(xc_stemmer_stem(none, "don't"), "don't");         /* not an elision */
    CHECK_STR(xc_stemmer_stem(none, "l'"), "l'");
    CHECK_STR(xc_stemmer_stem(none, "\xff\xfe"), "\xff\xfe");    /* invalid UTF-8 kept */
    xc_stemmer_free(none);
    /* Folded before stemming: accented and plain forms stem alike. */
    fr = xc_stemmer_new("french");
    CHECK_STR(xc_stemmer_stem(fr, "universités"), "universit");
    CHECK_STR(xc_stemmer_stem(fr, "universites"), "universit");
    CHECK_STR(xc_stemmer_stem(fr, "l'économie"), "econom");
    xc_stemmer_free(fr);
    xc_stemmer *de = xc_stemmer_new("de");
    CHECK_STR(xc_stemmer_stem(de, "Häuser"), "haus");
    xc_stemmer_free(de);

    CHECK(xc_stemmer_new("klingon") == NULL);
    CHECK(xc_stemmer_new(NULL) == NULL);
    xc_stemmer_free(NULL);

    CHECK(xc_language_supported("english"));
    CHECK(xc_language_supported("en")); /* libstemmer's aliases work too */
    CHECK(xc_language_supported("none"));
    CHECK(xc_language_supported("auto")); /* each document its own */
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
