/*
 * numbers.h - numbers read from and written for people: command-line and
 * URL values, counts in messages. One place, so that the indexer, search
 * and the server accept and print them alike.
 */
#ifndef COMMON_NUMBERS_H
#define COMMON_NUMBERS_H

/* S, digits only (no sign, no space: strtoul alone would take " 1", "+1"
 * and "-1"), as a number from 0 to MAX into *OUT. 0, or -1 if it is not. */
int parse_whole(const char *s, unsigned long max, unsigned *out);

/* N with thousands separators ("1,200") into OUT, which holds 32 bytes;
 * returns OUT. */
char *format_count(unsigned long n, char out[32]);

#endif
