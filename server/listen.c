/*
 * listen.c - search --serve: checks the address and the token, starts
 * libmicrohttpd (a pool of threads, each polling its share of the
 * connections and searching with its own searcher), and on SIGTERM or
 * SIGINT stops taking connections, lets the answers under way finish (up to
 * SERVE_STOP_SECONDS), and stops.
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "run.h"
#include "serve_limits.h"
#include "server.h"

/* Splits "[HOST:]PORT" ("8080", "127.0.0.1:8080", "[::1]:8080") and
 * resolves it into *ADDR. Returns 0, or -1 after saying why. */
static int resolve(const char *spec, struct sockaddr_storage *addr, socklen_t *len)
{
    char host[256] = "127.0.0.1";
    const char *port = spec;
    const char *colon = strrchr(spec, ':');
    if (colon) {
        size_t n = (size_t)(colon - spec);
        const char *h = spec;
        if (n >= 2 && h[0] == '[' && h[n - 1] == ']') { /* [IPv6]:PORT */
            h++;
            n -= 2;
        }
        if (n == 0 || n >= sizeof host) {
            say("--serve: bad address '%s' (expected [HOST:]PORT)", spec);
            return -1;
        }
        memcpy(host, h, n);
        host[n] = '\0';
        port = colon + 1;
    }
    char *end;
    unsigned long p = strtoul(port, &end, 10);
    if (!*port || *end || *port < '0' || *port > '9' || p > 65535) {
        say("--serve: bad port in '%s' (expected [HOST:]PORT, PORT from 0 to 65535)", spec);
        return -1;
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_NUMERICSERV | AI_ADDRCONFIG}, *found = NULL;
    int rc = getaddrinfo(host, port, &hints, &found);
    if (rc != 0 || !found) {
        say("--serve: cannot resolve '%s': %s", host, gai_strerror(rc));
        return -1;
    }
    memcpy(addr, found->ai_addr, found->ai_addrlen);
    *len = found->ai_addrlen;
    freeaddrinfo(found);
    return 0;
}

static int is_loopback(const struct sockaddr_storage *a)
{
    if (a->ss_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)a)->sin_addr.s_addr) >> 24) == 127;
    if (a->ss_family == AF_INET6) {
        const struct in6_addr *x = &((const struct sockaddr_in6 *)a)->sin6_addr;
        if (IN6_IS_ADDR_LOOPBACK(x))
            return 1;
        if (IN6_IS_ADDR_V4MAPPED(x))
            return x->s6_addr[12] == 127;
    }
    return 0;
}

/* The first line of FILE (at most SERVE_MAX_TOKEN_BYTES, no spaces), or
 * NULL after saying why. */
static char *read_token(const char *file)
{
    FILE *in = fopen(file, "r");
    if (!in) {
        say("--token %s: %s", file, strerror(errno));
        return NULL;
    }
    char *token = calloc(1, SERVE_MAX_TOKEN_BYTES + 2);
    if (!token || !fgets(token, SERVE_MAX_TOKEN_BYTES + 2, in)) {
        say("--token %s: %s", file, token ? "the file is empty" : "out of memory");
        fclose(in);
        free(token);
        return NULL;
    }
    fclose(in);
    token[strcspn(token, "\r\n")] = '\0';
    size_t n = strlen(token);
    if (n > SERVE_MAX_TOKEN_BYTES || n < 16 || strpbrk(token, " \t")) {
        say("--token %s: the token (its first line) must be 16 to %d characters without spaces", file,
            SERVE_MAX_TOKEN_BYTES);
        free(token);
        return NULL;
    }
    return token;
}

static void free_searcher(void *s)
{
    xc_searcher_free(s);
}

static unsigned default_threads(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores < 2 ? 2 : cores > 64 ? 64 : (unsigned)cores;
}

int serve_main(const serve_config *cfg)
{
    struct sockaddr_storage addr;
    socklen_t addr_len;
    if (resolve(cfg->listen, &addr, &addr_len) != 0)
        return -1;
    server srv = {.cfg = cfg,
                  .search_seconds = cfg->timeout > 0 && cfg->timeout < SERVE_SEARCH_SECONDS ? cfg->timeout
                                                                                          : SERVE_SEARCH_SECONDS};
    if (cfg->token_file && !(srv.token = read_token(cfg->token_file)))
        return -1;
    if (!is_loopback(&addr) && !srv.token && !cfg->public_) {
        say("--serve %s: not a loopback address: give --token FILE (requests must then carry it), or "
            "--public to serve anyone who can reach it",
            cfg->listen);
        return -1;
    }
    /* Signals are taken by sigwait below: blocked in every thread, those
     * MHD starts included. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    if (pthread_key_create(&srv.searcher, free_searcher) != 0 || !(srv.watch = watch_new())) {
        say("out of memory");
        free(srv.token);
        return -1;
    }
    unsigned threads = cfg->threads ? cfg->threads : default_threads();
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC;
    if (addr.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, route, &srv,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_IDLE_SECONDS,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVE_MAX_HEADER_BYTES,
        MHD_OPTION_URI_LOG_CALLBACK, request_begin, &srv,
        MHD_OPTION_NOTIFY_COMPLETED, request_end, &srv,
        MHD_OPTION_NOTIFY_CONNECTION, watch_notify, &srv,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
        MHD_OPTION_END);
    if (!d) {
        say("--serve %s: cannot listen there (%s)", cfg->listen, errno ? strerror(errno) : "libmicrohttpd refused");
        watch_free(srv.watch);
        pthread_key_delete(srv.searcher);
        free(srv.token);
        return -1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char shown[INET6_ADDRSTRLEN] = "?";
    const void *ip = addr.ss_family == AF_INET6 ? (const void *)&((struct sockaddr_in6 *)&addr)->sin6_addr
                                                : (const void *)&((struct sockaddr_in *)&addr)->sin_addr;
    inet_ntop(addr.ss_family, ip, shown, sizeof shown);
    /* Tests read the port from this line (PORT 0 picks a free one). */
    fprintf(stderr, "search: serving %s on http://%s%s%s:%u/ with %u threads\n", cfg->db,
            addr.ss_family == AF_INET6 ? "[" : "", shown, addr.ss_family == AF_INET6 ? "]" : "",
            info ? (unsigned)info->port : 0u, threads);
    fflush(stderr);

    int sig = 0;
    while (sigwait(&stop, &sig) != 0)
        ;
    fprintf(stderr, "search: %s: stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    /* No new connections; the answers under way finish. */
    MHD_socket listener = MHD_quiesce_daemon(d);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    double until = now_seconds() + SERVE_STOP_SECONDS;
    while (watch_busy(srv.watch) > 0 && now_seconds() < until)
        nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    MHD_stop_daemon(d); /* its threads' searchers are freed as they end */
    watch_free(srv.watch);
    pthread_key_delete(srv.searcher);
    free(srv.token);
    return 0;
}
