/*
 * msg.h - what the indexer tells the user on stderr, one line each:
 * "indexer: PATH: message" for errors, "indexer: PATH: warning: message"
 * for warnings. The progress line is cleared first so the two never mix.
 */
#ifndef INDEXER_MSG_H
#define INDEXER_MSG_H

#if defined(__GNUC__)
#define MSG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define MSG_PRINTF(f, a)
#endif

/* "indexer: PATH: ..." (PATH may be NULL: "indexer: ..."). */
void msg_error(const char *path, const char *fmt, ...) MSG_PRINTF(2, 3);

/* "indexer: PATH: warning: ...". */
void msg_warning(const char *path, const char *fmt, ...) MSG_PRINTF(2, 3);

/* Between these two, on this thread, at most LIMIT messages are shown; the
 * rest are only counted: msg_limit_end returns how many were not shown.
 * For the lines of one collection, where one mistake repeated a million
 * times must not become a million lines. Failures of the index itself
 * (msg_fatal) are always shown. */
void msg_limit_begin(unsigned long limit);
unsigned long msg_limit_end(void);

/* As msg_error, never held back by msg_limit_begin. */
void msg_fatal(const char *path, const char *fmt, ...) MSG_PRINTF(2, 3);

#endif
