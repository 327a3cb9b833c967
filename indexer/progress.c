#define _POSIX_C_SOURCE 200809L
#include "progress.h"

#include <stdio.h>
#include <time.h>

static struct {
    int enabled;
    int shown;                   /* a line is on screen */
    double start, last_draw;     /* seconds, monotonic */
    size_t total;
    unsigned long long total_bytes;
} p;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Redraws are throttled: a terminal drawing thousands of lines a second
 * would cost more than the indexing. */
static int due(void)
{
    double t = now();
    if (p.shown && t - p.last_draw < 0.1)
        return 0;
    p.last_draw = t;
    return 1;
}

void progress_enable(int enabled)
{
    p.enabled = enabled;
    p.start = now();
}

void progress_scan(size_t found)
{
    if (!p.enabled || !due())
        return;
    fprintf(stderr, "\r\033[Klisting files: %zu found", found);
    fflush(stderr);
    p.shown = 1;
}

void progress_begin(size_t total, unsigned long long total_bytes)
{
    p.total = total;
    p.total_bytes = total_bytes;
    p.start = now();
    p.shown = 0;
}

void progress_step(size_t done, unsigned long long done_bytes)
{
    if (!p.enabled || !due())
        return;
    double elapsed = now() - p.start;
    double mb_s = elapsed > 0 ? (double)done_bytes / 1e6 / elapsed : 0;
    fprintf(stderr, "\r\033[Kindexing: %zu/%zu files, %.1f MB/s", done, p.total, mb_s);
    /* The time left is guessed from the bytes, once there is a rate. */
    if (elapsed >= 1 && done_bytes > 0 && done_bytes < p.total_bytes) {
        double left = elapsed * (double)(p.total_bytes - done_bytes) / (double)done_bytes;
        unsigned long s = (unsigned long)(left + 0.5);
        fprintf(stderr, ", ETA %lu:%02lu", s / 60, s % 60);
    }
    fflush(stderr);
    p.shown = 1;
}

void progress_note(const char *what)
{
    if (!p.enabled)
        return;
    fprintf(stderr, "\r\033[K%s", what);
    fflush(stderr);
    p.shown = 1;
}

void progress_clear(void)
{
    if (!p.shown)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p.shown = 0;
}
