/*
 * testpoint.h - named points where a test can hold a program still, to make
 * a race happen on purpose instead of by luck.
 *
 * With SIFT_TESTPOINT=NAME and SIFT_TESTPOINT_DIR=DIR in the environment, a
 * program that reaches testpoint("NAME") creates the file DIR/NAME and waits
 * until the test removes it (at most two minutes), then goes on; once a
 * process, so a point passed in a loop holds only the first time. Without
 * them (always, outside tests) testpoint() only compares a string.
 */
#ifndef COMMON_TESTPOINT_H
#define COMMON_TESTPOINT_H

#ifdef __cplusplus
extern "C" {
#endif

void testpoint(const char *name);

#ifdef __cplusplus
}
#endif

#endif
