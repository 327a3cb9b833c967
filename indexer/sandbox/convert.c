#define _POSIX_C_SOURCE 200809L
#include "convert.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "textbuf.h"
#include "utf8.h"
#include "wire.h"

const char *convert_command(char *const *converters, size_t n, const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(slash ? slash + 1 : name, '.');
    if (!dot)
        return NULL;
    size_t len = strlen(dot + 1);
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(converters[i], '=');
        if (eq && (size_t)(eq - converters[i]) == len && strncasecmp(converters[i], dot + 1, len) == 0)
            return eq + 1;
    }
    return NULL;
}

/* In the child: limits, pipes, and the shell. Never returns. */
static void child(const char *command, const char *path, unsigned seconds, size_t memory, int out, int err)
{
    setpgid(0, 0);
    struct rlimit cpu = {seconds, seconds + 1}, core = {0, 0};
    setrlimit(RLIMIT_CPU, &cpu);
    setrlimit(RLIMIT_CORE, &core);
    if (memory) {
        struct rlimit as = {memory, memory};
        setrlimit(RLIMIT_AS, &as);
    }
    int null = open("/dev/null", O_RDONLY);
    if (null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
        _exit(127);
    signal(SIGINT, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    char script[64 + 4096];
    snprintf(script, sizeof script, "%s \"$1\"", command);
    execl("/bin/sh", "sh", "-c", script, "sh", path, (char *)NULL);
    _exit(127);
}

/* Reads the converter's stdout into TEXT and its stderr's start into ERR
 * until both close, or the deadline passes (1). */
static int drain(int out, int err, long long deadline, textbuf *text, char *errbuf, size_t errlen)
{
    size_t errn = 0;
    struct pollfd pf[2] = {{out, POLLIN, 0}, {err, POLLIN, 0}};
    while (pf[0].fd >= 0 || pf[1].fd >= 0) {
        long long left = deadline - wire_now_ms();
        if (left <= 0)
            return 1;
        int r = poll(pf, 2, (int)(left > 1000 ? 1000 : left));
        if (r < 0 && errno != EINTR)
            return 1;
        for (int k = 0; k < 2 && r > 0; k++) {
            if (pf[k].fd < 0 || !pf[k].revents)
                continue;
            char buf[65536];
            ssize_t got = read(pf[k].fd, buf, sizeof buf);
            if (got <= 0) {
                pf[k].fd = -1;
                continue;
            }
            if (k == 0) {
                tb_add(text, buf, (size_t)got);
                if (text->cut || text->nomem)
                    return 0; /* enough: the command is stopped below */
            } else if (errn + 1 < errlen) {
                size_t take = (size_t)got < errlen - 1 - errn ? (size_t)got : errlen - 1 - errn;
                memcpy(errbuf + errn, buf, take);
                errn += take;
                errbuf[errn] = '\0';
            }
        }
    }
    return 0;
}

read_status convert_run(const char *command, const char *path, unsigned seconds, size_t memory,
                        const reader_input *in, reader_out *out)
{
    int po[2], pe[2];
    if (pipe(po) != 0)
        return reader_fail(in, READ_FAILED, "cannot run the converter: %s", strerror(errno));
    if (pipe(pe) != 0) {
        close(po[0]);
        close(po[1]);
        return reader_fail(in, READ_FAILED, "cannot run the converter: %s", strerror(errno));
    }
    pid_t pid = fork(); /* the reader process is one thread: fork is safe */
    if (pid == 0) {
        close(po[0]);
        close(pe[0]);
        child(command, path, seconds, memory, po[1], pe[1]);
    }
    close(po[1]);
    close(pe[1]);
    textbuf text = {0};
    char err[512] = "";
    int late = pid > 0 && drain(po[0], pe[0], wire_now_ms() + 1000LL * seconds, &text, err, sizeof err);
    close(po[0]);
    close(pe[0]);
    if (pid < 0) {
        tb_free(&text);
        return reader_fail(in, READ_FAILED, "cannot run the converter: %s", strerror(errno));
    }
    kill(-pid, SIGKILL); /* the whole group: what it started, too */
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    read_status st;
    char *nl = strchr(err, '\n');
    if (nl)
        *nl = '\0';
    if (late)
        st = reader_fail(in, READ_FAILED, "the converter took longer than %u s: stopped", seconds);
    else if (!text.cut && WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
        st = reader_fail(in, READ_FAILED, "the converter was killed by signal %d (%s)", WTERMSIG(status),
                         strsignal(WTERMSIG(status)));
    else if (!text.cut && WIFEXITED(status) && WEXITSTATUS(status) != 0)
        st = reader_fail(in, READ_FAILED, "the converter failed (exit status %d)%s%s", WEXITSTATUS(status),
                         *err ? ": " : "", err);
    else if (text.nomem)
        st = reader_fail(in, READ_FAILED, "out of memory");
    else {
        size_t bad = 0;
        char *clean = utf8_repair(tb_text(&text), text.len, &bad);
        if (!clean) {
            st = reader_fail(in, READ_FAILED, "out of memory");
        } else {
            textbuf t = {clean, strlen(clean), strlen(clean) + 1, text.cut, 0};
            st = reader_emit(in, out, NULL, &t, NULL);
            free(clean);
        }
    }
    tb_free(&text);
    return st;
}
