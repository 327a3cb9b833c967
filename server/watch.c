/*
 * watch.c - cutting off clients that take too long to send a request.
 *
 * libmicrohttpd closes a connection idle for SERVE_IDLE_SECONDS, but any
 * byte counts as activity: a client sending one byte a second would keep
 * its connection (and a slot of the connection limit) for ever. So each
 * connection also has a deadline: its request must have arrived whole
 * within SERVE_REQUEST_SECONDS (counted from its opening, or from the end
 * of its last answer plus the idle time). A thread checks the deadlines and
 * shuts down the socket of a late one; MHD then closes it as any connection
 * the client dropped. Connections whose answer is under way are left alone
 * (the handlers bound their own time). The list is under a mutex that MHD's
 * close notification takes too, before it closes the socket, so a socket
 * number is never shut down once it may have been reused.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "serve_limits.h"
#include "server.h"

typedef struct watched {
    struct watched *prev, *next;
    struct watch_list *list;
    int fd;
    double deadline;
    int answering;
    int cut;
} watched;

struct watch_list {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    watched *head;
    int stop;
    pthread_t thread;
    int started;
};

static void *watch_thread(void *arg)
{
    struct watch_list *w = arg;
    pthread_mutex_lock(&w->lock);
    while (!w->stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 200 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&w->wake, &w->lock, &until);
        double now = now_seconds();
        for (watched *x = w->head; x; x = x->next)
            if (!x->answering && !x->cut && now > x->deadline) {
                shutdown(x->fd, SHUT_RDWR);
                x->cut = 1;
            }
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

struct watch_list *watch_new(void)
{
    struct watch_list *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    if (pthread_create(&w->thread, NULL, watch_thread, w) != 0) {
        watch_free(w);
        return NULL;
    }
    w->started = 1;
    return w;
}

void watch_free(struct watch_list *w)
{
    if (!w)
        return;
    if (w->started) {
        pthread_mutex_lock(&w->lock);
        w->stop = 1;
        pthread_cond_signal(&w->wake);
        pthread_mutex_unlock(&w->lock);
        pthread_join(w->thread, NULL);
    }
    /* MHD has closed every connection (and told us) before this. */
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w);
}

void watch_notify(void *cls, struct MHD_Connection *c, void **socket_context, enum MHD_ConnectionNotificationCode code)
{
    struct watch_list *w = ((server *)cls)->watch;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        watched *x = calloc(1, sizeof *x);
        const union MHD_ConnectionInfo *info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (!x || !info) {
            free(x);
            *socket_context = NULL; /* unwatched: only MHD's idle time bounds it */
            return;
        }
        x->list = w;
        x->fd = info->connect_fd;
        x->deadline = now_seconds() + SERVE_REQUEST_SECONDS;
        pthread_mutex_lock(&w->lock);
        x->next = w->head;
        if (w->head)
            w->head->prev = x;
        w->head = x;
        pthread_mutex_unlock(&w->lock);
        *socket_context = x;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        watched *x = *socket_context;
        if (!x)
            return;
        pthread_mutex_lock(&w->lock);
        if (x->prev)
            x->prev->next = x->next;
        else
            w->head = x->next;
        if (x->next)
            x->next->prev = x->prev;
        pthread_mutex_unlock(&w->lock);
        free(x);
        *socket_context = NULL;
    }
}

static watched *watched_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? info->socket_context : NULL;
}

void watch_answering(struct MHD_Connection *c)
{
    watched *x = watched_of(c);
    if (!x)
        return;
    pthread_mutex_lock(&x->list->lock);
    x->answering = 1;
    pthread_mutex_unlock(&x->list->lock);
}

void watch_done(struct MHD_Connection *c)
{
    watched *x = watched_of(c);
    if (!x)
        return;
    pthread_mutex_lock(&x->list->lock);
    x->answering = 0;
    x->deadline = now_seconds() + SERVE_IDLE_SECONDS + SERVE_REQUEST_SECONDS;
    pthread_mutex_unlock(&x->list->lock);
}

unsigned watch_busy(struct watch_list *w)
{
    unsigned n = 0;
    pthread_mutex_lock(&w->lock);
    for (watched *x = w->head; x; x = x->next)
        n += x->answering && !x->cut;
    pthread_mutex_unlock(&w->lock);
    return n;
}
