#define _POSIX_C_SOURCE 200809L
#include "wire.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

long long wire_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void put_u32(unsigned char *p, size_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static size_t get_u32(const unsigned char *p)
{
    return (size_t)p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 | (size_t)p[3] << 24;
}

static int reserve(wire_msg *m, size_t more)
{
    if (m->len + more <= m->cap)
        return 0;
    size_t cap = m->cap ? m->cap : 4096;
    while (cap < m->len + more)
        cap *= 2;
    char *b = realloc(m->buf, cap);
    if (!b)
        return -1;
    m->buf = b;
    m->cap = cap;
    return 0;
}

void wire_start(wire_msg *m, char tag)
{
    m->tag = tag;
    m->len = 0;
    m->at = 0;
}

int wire_add(wire_msg *m, const char *s, size_t n)
{
    if (n > WIRE_MAX || reserve(m, n + 5) != 0)
        return -1;
    put_u32((unsigned char *)m->buf + m->len, n);
    memcpy(m->buf + m->len + 4, s, n);
    m->buf[m->len + 4 + n] = '\0';
    m->len += n + 5;
    return 0;
}

int wire_add_str(wire_msg *m, const char *s)
{
    return wire_add(m, s ? s : "", s ? strlen(s) : 0);
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int wire_send(int fd, const wire_msg *m)
{
    unsigned char head[5];
    head[0] = (unsigned char)m->tag;
    put_u32(head + 1, m->len);
    return send_all(fd, (const char *)head, sizeof head) == 0 && send_all(fd, m->buf, m->len) == 0 ? 0 : -1;
}

/* Reads N bytes into P by DEADLINE: 1, 0 (closed before any byte), -1. */
static int recv_all(int fd, char *p, size_t n, long long deadline_ms)
{
    size_t got = 0;
    while (got < n) {
        if (deadline_ms) {
            long long left = deadline_ms - wire_now_ms();
            if (left <= 0) {
                errno = ETIMEDOUT;
                return -1;
            }
            struct pollfd pf = {fd, POLLIN, 0};
            int r = poll(&pf, 1, left > 60000 ? 60000 : (int)left);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0)
                return -1;
            if (r == 0)
                continue;
        }
        ssize_t r = read(fd, p + got, n - got);
        if (r < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (r < 0)
            return -1;
        if (r == 0) {
            if (got == 0)
                return 0;
            errno = EPROTO;
            return -1;
        }
        got += (size_t)r;
    }
    return 1;
}

int wire_recv(int fd, wire_msg *m, long long deadline_ms)
{
    unsigned char head[5];
    int r = recv_all(fd, (char *)head, sizeof head, deadline_ms);
    if (r <= 0)
        return r;
    size_t n = get_u32(head + 1);
    if (n > WIRE_MAX + 4096) {
        errno = EPROTO;
        return -1;
    }
    wire_start(m, (char)head[0]);
    if (reserve(m, n + 1) != 0) {
        errno = ENOMEM;
        return -1;
    }
    r = recv_all(fd, m->buf, n, deadline_ms);
    if (r == 0 && n > 0) {
        errno = EPROTO;
        return -1;
    }
    if (r < 0)
        return -1;
    m->len = n;
    return 1;
}

int wire_field(wire_msg *m, const char **s, size_t *n)
{
    if (m->at + 5 > m->len)
        return 0;
    size_t k = get_u32((const unsigned char *)m->buf + m->at);
    if (k > m->len - m->at - 5) {
        m->at = m->len;
        return 0;
    }
    m->buf[m->at + 4 + k] = '\0'; /* even from a reader gone wrong */
    *s = m->buf + m->at + 4;
    *n = k;
    m->at += k + 5;
    return 1;
}

void wire_free(wire_msg *m)
{
    free(m->buf);
    memset(m, 0, sizeof *m);
}
