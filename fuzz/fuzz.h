/*
 * fuzz.h - what the three libFuzzer harnesses share: a scratch folder that
 * lives as long as the process, writing an input to a file in it, and
 * FUZZ_CHECK, which turns a broken promise of a header (xc.h, title.h, ...)
 * into a crash libFuzzer reports and saves, like a sanitizer finding.
 *
 * Header-only (static functions) so that each harness is one .c file.
 */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700 /* nftw */

#include <errno.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "utf8.h"

/* Aborts (a finding) when COND is false, saying which promise was broken. */
#define FUZZ_CHECK(cond, ...)                                                   \
    do {                                                                        \
        if (!(cond)) {                                                          \
            fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s: ", __FILE__,         \
                    __LINE__, #cond);                                           \
            fprintf(stderr, __VA_ARGS__);                                       \
            fputc('\n', stderr);                                                \
            abort();                                                            \
        }                                                                       \
    } while (0)

/* Setup that cannot go on (no temp folder, no index): not a finding. */
static inline void fuzz_die(const char *what)
{
    fprintf(stderr, "fuzz: %s: %s\n", what, strerror(errno));
    exit(2);
}

static char fuzz_dir[4096]; /* the scratch folder; "" until made */

static inline int fuzz_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

/* Removes the scratch folder. Only the process that made it does, so that
 * the children of libFuzzer's -fork mode leave their parent's alone. */
static pid_t fuzz_dir_owner;
static inline void fuzz_cleanup(void)
{
    if (fuzz_dir[0] && getpid() == fuzz_dir_owner)
        nftw(fuzz_dir, fuzz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The scratch folder, made on the first call under $TMPDIR (or /tmp) and
 * removed at exit. A crash leaves it behind: sift-fuzz-* in the temp folder. */
static inline const char *fuzz_scratch(void)
{
    if (fuzz_dir[0])
        return fuzz_dir;
    const char *tmp = getenv("TMPDIR");
    snprintf(fuzz_dir, sizeof fuzz_dir, "%s/sift-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(fuzz_dir)) {
        fuzz_dir[0] = '\0';
        fuzz_die("cannot make a temp folder");
    }
    fuzz_dir_owner = getpid();
    atexit(fuzz_cleanup);
    return fuzz_dir;
}

/* A path NAME in the scratch folder, in a static buffer. */
static inline const char *fuzz_path(const char *name)
{
    static char path[4096 + 64];
    snprintf(path, sizeof path, "%s/%s", fuzz_scratch(), name);
    return path;
}

/* Writes DATA[0..SIZE) to PATH, replacing what was there. */
static inline void fuzz_write(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        fuzz_die(path);
    if ((size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        fuzz_die(path);
}

/* 1 if S[0..LEN) is valid UTF-8. */
static inline int fuzz_valid_utf8(const char *s, size_t len)
{
    return utf8_valid_prefix(s, len) == len;
}

#endif
