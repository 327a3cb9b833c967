#define _POSIX_C_SOURCE 200809L /* nanosleep */
#include "testpoint.h"

#include <stdatomic.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void testpoint(const char *name)
{
    const char *wanted = getenv("SIFT_TESTPOINT");
    const char *dir = getenv("SIFT_TESTPOINT_DIR");
    static atomic_flag held = ATOMIC_FLAG_INIT; /* once a process */
    if (!wanted || !dir || strcmp(wanted, name) != 0 || atomic_flag_test_and_set(&held))
        return;
    char flag[4096];
    if (snprintf(flag, sizeof flag, "%s/%s", dir, name) >= (int)sizeof flag)
        return;
    int fd = open(flag, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (write(fd, pid, (size_t)n) != n) {
        /* the test reads the pid only for its messages */
    }
    close(fd);
    const struct timespec tick = {0, 5 * 1000 * 1000};
    for (int i = 0; i < 2 * 60 * 200 && access(flag, F_OK) == 0; i++)
        nanosleep(&tick, NULL);
}
