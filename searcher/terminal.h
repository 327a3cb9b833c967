/*
 * terminal.h - what the text output may assume about where it goes.
 */
#ifndef SEARCHER_TERMINAL_H
#define SEARCHER_TERMINAL_H

#include <stdio.h>

typedef enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color_when;

/* Parses "auto", "always" or "never"; returns 0, or -1 if S is none. */
int color_when_parse(const char *s, color_when *when);

/* Whether to colour output to OUT: ALWAYS and NEVER decide alone; AUTO means
 * OUT is a terminal and NO_COLOR is unset or empty (https://no-color.org). */
int terminal_use_color(color_when when, FILE *out);

/* Columns to wrap at: the terminal's width when OUT is one, else $COLUMNS,
 * else 80. Never less than 20, so indented text always has some room. */
int terminal_width(FILE *out);

#endif
