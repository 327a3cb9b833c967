/*
 * test_title.c - the titles the indexer finds (indexer/title.c): the rules
 * on small texts, then the five corpus files (argv[1] is corpus/).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../indexer/title.h"
#include "check.h"

static char *title_of(const char *text)
{
    return title_find(text, strlen(text));
}

#define CHECK_TITLE(text, want)          \
    do {                                 \
        char *t_ = title_of(text);       \
        CHECK_STR(t_, want);             \
        free(t_);                        \
    } while (0)

static void rules(void)
{
    CHECK_TITLE("", "");
    CHECK_TITLE(" \n\t\n", "");
    CHECK_TITLE("Hello world\nbody", "Hello world");
    CHECK_TITLE("\n\n   Trimmed title \r\n", "Trimmed title");
    /* Numbers and symbols are passed over. */
    CHECK_TITLE("0 $\n2,500 $\n\nReal Title Here\n", "Real Title Here");
    CHECK_TITLE("2021-10-19\nAb\nAbc\n", "Abc");
    /* Letters must be at least half of the non-space characters. */
    CHECK_TITLE("ab1234\nabc 12\n", "abc 12");
    /* Letters beyond ASCII count; punctuation beyond ASCII does not. */
    CHECK_TITLE("“…” — ¿?\nÉté à Paris\n", "Été à Paris");
    CHECK_TITLE("Россия и НАТО\n", "Россия и НАТО");
    /* Tabs inside become spaces. */
    CHECK_TITLE("Tab\tinside\n", "Tab inside");
    /* Only the first TITLE_LINES non-blank lines are looked at. */
    CHECK_TITLE("1\n2\n3\n4\n5\n6\n7\n8\nToo late\n", "1");
    /* A long line is body text: no title below it, the first line is cut. */
    char text[1024];
    memset(text, 0, sizeof text);
    for (int i = 0; i < 30; i++)
        strcat(text, "word1234 ");
    strcat(text, "\nShort Title\n");
    CHECK_TITLE(text, "word1234 word1234 word1234 word1234 word1234 word1234 word1234 word1234 word1234…");
    /* Cut at a word boundary, never inside a UTF-8 sequence: 60 two-byte
     * letters with no space are cut to 40 whole letters (80 bytes). */
    char cyr[256] = "";
    for (int i = 0; i < 110; i++)
        strcat(cyr, "я");
    char want[256] = "";
    for (int i = 0; i < 40; i++)
        strcat(want, "я");
    strcat(want, "…");
    CHECK_TITLE(cyr, want);
    /* Not valid UTF-8: no crash, the bytes count as non-letters. */
    CHECK_TITLE("\xff\xfe\xff\nOK Title\n", "OK Title");
}

static char *slurp(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return NULL;
    }
    char *buf = malloc(1 << 20);
    *len = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
    fclose(f);
    return buf;
}

static void corpus(const char *dir)
{
    static const char *const cases[][2] = {
        {"000_e9927dfb07e16fa6.txt", "“Relationships have shrunk and shrunk”: Russia scraps its mission to NATO"},
        {"001_a799c388572c6ada.txt", "Moscow Severs Diplomatic Relations With NATO"},
        {"002_d89476b368179a38.txt", "Russia ends dialogue with NATO"},
        {"003_c354b11fcd484267.txt", "NATO Halves Russia’s Mission To The Alliance, Moscow Mulls How To Respond"},
        {"004_75b0e0857699db2e.txt", "date 2021-10-19 Russia announced on October 18, 2021, that it was suspending its…"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t len = 0;
        char *text = slurp(dir, cases[i][0], &len);
        CHECK(text != NULL);
        if (!text)
            continue;
        char *t = title_find(text, len);
        CHECK_STR(t, cases[i][1]);
        free(t);
        free(text);
    }
}

int main(int argc, char **argv)
{
    rules();
    if (argc > 1)
        corpus(argv[1]);
    else
        CHECK(!"usage: test_title CORPUS_DIR");
    return check_done();
}
