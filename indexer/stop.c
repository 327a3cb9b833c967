#define _POSIX_C_SOURCE 200809L
#include "stop.h"

#include <signal.h>
#include <stdatomic.h>
#include <string.h>

/* Atomic, not only volatile sig_atomic_t: the threads of a parallel build
 * read it too. */
static atomic_int caught;
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "a signal handler may only touch lock-free atomics");

static void on_signal(int sig)
{
    if (caught) {
        signal(sig, SIG_DFL);
        raise(sig);
    }
    caught = sig;
}

void stop_catch(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

int stop_signal(void)
{
    return caught;
}
