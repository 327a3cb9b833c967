#define _GNU_SOURCE /* strsignal, wait4 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wire.h"
#include "worker.h"

extern char **environ;

struct sandbox {
    char *const *converters;
    size_t nconverters;
    unsigned seconds;
    size_t memory_mib;
    pid_t pid;      /* the reader process, 0 if none */
    int fd;         /* our end of its socket */
    int reading;    /* between begin and the end of a file */
    const char *failed; /* why the current file ended early, or NULL */
    int over_memory;    /* it was killed for its resident memory */
    char why[512];
    wire_msg msg;
    xc_meta meta[READER_MAX_META];
};

sandbox *sandbox_new(char *const *converters, size_t n, unsigned seconds, size_t memory_mib)
{
    sandbox *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->converters = converters;
    s->nconverters = n;
    s->seconds = seconds ? seconds : SANDBOX_SECONDS;
    s->memory_mib = memory_mib ? memory_mib : SANDBOX_MEMORY_MIB;
    s->fd = -1;
    return s;
}

/* Kills the reader process (if it lives) and reaps it; with its peak
 * memory in *MAXRSS_KIB and its wait status in *STATUS. */
static void stop(sandbox *s, int kill_it, int *status, long *maxrss_kib)
{
    if (s->fd >= 0)
        close(s->fd); /* a live reader process exits at end of input */
    s->fd = -1;
    if (s->pid > 0) {
        if (kill_it)
            kill(s->pid, SIGKILL);
        struct rusage ru;
        int st = 0;
        memset(&ru, 0, sizeof ru);
        while (wait4(s->pid, &st, 0, &ru) < 0 && errno == EINTR)
            ;
        if (status)
            *status = st;
        if (maxrss_kib)
            *maxrss_kib = ru.ru_maxrss;
    }
    s->pid = 0;
}

void sandbox_free(sandbox *s)
{
    if (!s)
        return;
    /* Between files the reader process waits for a request: closing its
     * socket ends it. In the middle of one, it is killed. */
    stop(s, s->reading, NULL, NULL);
    wire_free(&s->msg);
    free(s);
}

/* The reader program (worker.h): beside the indexer's own file, or
 * installed in ../libexec/sift/ from it. */
static int program_path(char *buf, size_t size)
{
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0 || (size_t)n >= sizeof self - 1)
        return -1;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    const char *places[] = {"", "/../libexec/sift"};
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        snprintf(buf, size, "%s%s/%s", self, places[i], WORKER_PROGRAM);
        if (access(buf, X_OK) == 0)
            return 0;
    }
    return -1;
}

static int start(sandbox *s)
{
    char exe[4200], seconds[32], memory[32];
    if (program_path(exe, sizeof exe) != 0) {
        snprintf(s->why, sizeof s->why, "cannot start a reader process: no %s beside the indexer",
                 WORKER_PROGRAM);
        return -1;
    }
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        snprintf(s->why, sizeof s->why, "cannot start a reader process: %s", strerror(errno));
        return -1;
    }
    snprintf(seconds, sizeof seconds, "%u", s->seconds);
    snprintf(memory, sizeof memory, "%zu", s->memory_mib);
    size_t argc = 3 + s->nconverters;
    char **argv = calloc(argc + 1, sizeof *argv);
    posix_spawn_file_actions_t fa;
    int rc = argv ? posix_spawn_file_actions_init(&fa) : ENOMEM;
    if (rc == 0) {
        argv[0] = exe;
        argv[1] = seconds;
        argv[2] = memory;
        for (size_t i = 0; i < s->nconverters; i++)
            argv[3 + i] = s->converters[i];
        /* Its stdin is the socket; stdout and stderr go nowhere, so what
         * libraries print can neither garble the protocol nor the
         * indexer's messages (SIFT_READER_STDERR=1 keeps stderr). */
        posix_spawn_file_actions_adddup2(&fa, sv[1], 0);
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        if (!getenv("SIFT_READER_STDERR"))
            posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
        rc = posix_spawn(&s->pid, exe, &fa, NULL, argv, environ);
        posix_spawn_file_actions_destroy(&fa);
    }
    free(argv);
    close(sv[1]);
    if (rc != 0) {
        close(sv[0]);
        s->pid = 0;
        snprintf(s->why, sizeof s->why, "cannot start a reader process: %s", strerror(rc));
        return -1;
    }
    s->fd = sv[0];
    return 0;
}

void sandbox_begin(sandbox *s, const char *path, const char *hint)
{
    s->failed = NULL;
    s->reading = 1;
    if (s->pid == 0 && start(s) != 0) {
        s->failed = s->why;
        return;
    }
    wire_start(&s->msg, 'R');
    if (wire_add_str(&s->msg, path) != 0 || wire_add_str(&s->msg, hint ? hint : "") != 0) {
        s->failed = "out of memory";
        return;
    }
    if (wire_send(s->fd, &s->msg) != 0) {
        int status = 0;
        stop(s, 1, &status, NULL);
        snprintf(s->why, sizeof s->why, "the reader process is gone: %s", strerror(errno));
        s->failed = s->why;
    }
}

/* The reader process failed in the middle of a file (ERR: errno of the
 * read): kill it, and say what happened. */
static void died(sandbox *s, int err)
{
    int status = 0;
    long maxrss = 0;
    int timed_out = err == ETIMEDOUT;
    stop(s, 1, &status, &maxrss);
    if (s->over_memory)
        snprintf(s->why, sizeof s->why, "the reader used more than %zu MiB of memory: stopped", s->memory_mib);
    else if (timed_out)
        snprintf(s->why, sizeof s->why, "the reader took longer than %u s: stopped", s->seconds);
    else if (WIFSIGNALED(status) && (size_t)maxrss > s->memory_mib * 1024 / 2 && WTERMSIG(status) != SIGKILL)
        snprintf(s->why, sizeof s->why, "the reader ran out of memory (limit %zu MiB) and stopped",
                 s->memory_mib);
    else if (WIFSIGNALED(status))
        snprintf(s->why, sizeof s->why, "the reader crashed (signal %d, %s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else if (err == EPROTO)
        snprintf(s->why, sizeof s->why, "the reader process sent something broken: stopped");
    else
        snprintf(s->why, sizeof s->why, "the reader process stopped (exit status %d)",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    s->failed = s->why;
}

static void end(sandbox *s, sandbox_event *ev, read_status st, const char *why)
{
    s->reading = 0;
    ev->kind = SANDBOX_END;
    ev->status = st;
    ev->message = why;
}

/* A document message into EV; 0, or -1 if it is malformed. */
static int parse_doc(sandbox *s, sandbox_event *ev)
{
    const char *line = NULL, *key, *value;
    size_t n;
    if (!wire_field(&s->msg, &ev->type, &n) || !wire_field(&s->msg, &ev->title, &n) ||
        !wire_field(&s->msg, &ev->text, &ev->len) || !wire_field(&s->msg, &line, &n))
        return -1;
    ev->line = strtoul(line, NULL, 10);
    ev->nmeta = 0;
    while (ev->nmeta < READER_MAX_META && wire_field(&s->msg, &key, &n) && wire_field(&s->msg, &value, &n))
        s->meta[ev->nmeta++] = (xc_meta){key, value};
    ev->meta = s->meta;
    return 0;
}

/* The reader process's resident memory, in bytes (0 if unknown). */
static size_t resident(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/statm", (long)pid);
    FILE *f = fopen(path, "r");
    unsigned long pages = 0, rss = 0;
    if (f) {
        if (fscanf(f, "%lu %lu", &pages, &rss) != 2)
            rss = 0;
        fclose(f);
    }
    return (size_t)rss * (size_t)sysconf(_SC_PAGESIZE);
}

/* Waits until the reader process has something to say, or DEADLINE, and
 * looks at its memory ten times a second meanwhile: the address-space limit
 * it sets itself is the first bound, this the second (and the only one in
 * a build with AddressSanitizer, which cannot run under an address-space
 * limit). 0 when there is input; -1 with errno ETIMEDOUT, or with
 * S->over_memory set. */
static int wait_input(sandbox *s, long long deadline)
{
    for (;;) {
        long long left = deadline - wire_now_ms();
        if (left <= 0) {
            errno = ETIMEDOUT;
            return -1;
        }
        struct pollfd pf = {s->fd, POLLIN, 0};
        int r = poll(&pf, 1, left > 100 ? 100 : (int)left);
        if (r > 0)
            return 0;
        if (r < 0 && errno != EINTR)
            return -1;
        if (resident(s->pid) > s->memory_mib << 20) {
            s->over_memory = 1;
            errno = ENOMEM;
            return -1;
        }
    }
}

void sandbox_next(sandbox *s, sandbox_event *ev)
{
    memset(ev, 0, sizeof *ev);
    if (s->failed) {
        end(s, ev, READ_FAILED, s->failed);
        return;
    }
    /* A grace of two seconds over the reader process's own limit on a
     * converter, so that it can say what went wrong itself. */
    long long deadline = wire_now_ms() + 1000LL * s->seconds + 2000;
    s->over_memory = 0;
    int r = wait_input(s, deadline) == 0 ? wire_recv(s->fd, &s->msg, deadline) : -1;
    if (r <= 0) {
        died(s, r == 0 ? 0 : errno);
        end(s, ev, READ_FAILED, s->failed);
        return;
    }
    const char *field = "";
    size_t n;
    switch (s->msg.tag) {
    case 'D':
        if (parse_doc(s, ev) == 0) {
            ev->kind = SANDBOX_DOC;
            return;
        }
        break;
    case 'W':
        if (wire_field(&s->msg, &field, &n)) {
            ev->kind = SANDBOX_WARNING;
            ev->message = field;
            return;
        }
        break;
    case 'E': {
        const char *why = "";
        if (wire_field(&s->msg, &field, &n) && n == 1 && field[0] >= '0' && field[0] <= '0' + READ_FAILED) {
            wire_field(&s->msg, &why, &n);
            end(s, ev, (read_status)(field[0] - '0'), why);
            return;
        }
        break;
    }
    }
    died(s, EPROTO);
    end(s, ev, READ_FAILED, s->failed);
}
