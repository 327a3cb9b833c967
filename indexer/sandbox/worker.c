#define _GNU_SOURCE /* prctl's PR_SET_PDEATHSIG, strsignal */
#include "worker.h"

#include <errno.h>
#include <fcntl.h>
#include <gmime/gmime.h>
#include <libxml/parser.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "convert.h"
#include "detect.h"
#include "reader.h"
#include "source.h"
#include "wire.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* What libmagic is shown of a file that is not read whole (an mbox). */
#define HEAD_BYTES 65536

typedef struct worker {
    int fd; /* the socket to the indexer */
    unsigned seconds;
    size_t memory;
    char *const *converters;
    size_t nconverters;
    wire_msg msg;
    const char *type; /* stored with the documents of the file being read */
    int broken;       /* the indexer is gone */
} worker;

/* Sends documents and warnings to the indexer as they come. */
typedef struct wire_out {
    reader_out base;
    worker *w;
} wire_out;

static int send_doc(reader_out *self, const reader_doc *doc)
{
    worker *w = ((wire_out *)self)->w;
    char line[32];
    snprintf(line, sizeof line, "%lu", doc->line);
    wire_start(&w->msg, 'D');
    int rc = wire_add_str(&w->msg, w->type) | wire_add_str(&w->msg, doc->title) |
             wire_add(&w->msg, doc->text, doc->len) | wire_add_str(&w->msg, line);
    for (size_t i = 0; doc->meta && i < doc->meta->n; i++)
        rc |= wire_add_str(&w->msg, doc->meta->pairs[i].key) | wire_add_str(&w->msg, doc->meta->pairs[i].value);
    if (rc == 0 && wire_send(w->fd, &w->msg) != 0)
        w->broken = 1;
    return rc || w->broken ? -1 : 0;
}

static void send_warning(reader_out *self, const char *message)
{
    worker *w = ((wire_out *)self)->w;
    wire_start(&w->msg, 'W');
    if (wire_add_str(&w->msg, message) == 0 && wire_send(w->fd, &w->msg) != 0)
        w->broken = 1;
}

static void send_end(worker *w, read_status st, const char *why)
{
    char code[2] = {(char)('0' + st), 0};
    wire_start(&w->msg, 'E');
    if (wire_add_str(&w->msg, code) != 0 || wire_add_str(&w->msg, why) != 0 || wire_send(w->fd, &w->msg) != 0)
        w->broken = 1;
}

/* Fault injection for the tests of the sandbox (tests/cli/indexer_sandbox.sh):
 * SIFT_READER_FAULT=WHAT:READER makes this process crash, hang or balloon
 * instead of running READER, as a broken parser would. */
static void inject_fault(const char *reader_name)
{
    const char *fault = getenv("SIFT_READER_FAULT");
    const char *colon = fault ? strchr(fault, ':') : NULL;
    if (!colon || strcmp(colon + 1, reader_name) != 0)
        return;
    if (strncmp(fault, "crash:", 6) == 0)
        abort(); /* SIGABRT: what AddressSanitizer leaves alone, unlike SIGSEGV */
    if (strncmp(fault, "hang:", 5) == 0)
        for (;;)
            pause();
    if (strncmp(fault, "balloon:", 8) == 0)
        for (;;) {
            char *p = malloc(1 << 20);
            if (!p)
                abort(); /* as g_malloc does */
            memset(p, 1, 1 << 20);
        }
}

/* Reads up to MAX bytes of FD (from its start) into a new buffer with a
 * NUL after them; *LEN the bytes read. 1 if the file is longer than MAX,
 * -1 on failure (errno). */
static int slurp(int fd, size_t max, char **out, size_t *len)
{
    int e = source_read_all(fd, max, max, out, len);
    if (e) {
        errno = e;
        return -1;
    }
    if (*len <= max)
        return 0;
    (*out)[*len = max] = '\0';
    return 1;
}

static read_status read_one(worker *w, const char *path, const char *hint_name, reader_out *out, char *why,
                            size_t whylen)
{
    reader_input in = {path, NULL, 0, -1, 0, why, whylen};
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        read_status s = reader_fail(&in, READ_FAILED, "cannot read: %s",
                                    fd < 0 ? strerror(errno) : "not a regular file");
        if (fd >= 0)
            close(fd);
        return s;
    }
    in.fd = fd;
    const char *command = convert_command(w->converters, w->nconverters, path);
    if (command) {
        const char *slash = strrchr(path, '/');
        w->type = strrchr(slash ? slash : path, '.') + 1;
        inject_fault("convert");
        read_status s = convert_run(command, path, w->seconds, w->memory, &in, out);
        close(fd);
        return s;
    }
    char *data = NULL;
    size_t len = 0;
    /* The head first: enough for libmagic, and all of most files. */
    int longer = slurp(fd, HEAD_BYTES, &data, &len);
    if (longer < 0) {
        close(fd);
        return reader_fail(&in, READ_FAILED, "cannot read: %s", strerror(errno));
    }
    const char *mime = NULL;
    const reader *r = detect_reader(path, data, len, *hint_name ? reader_named(hint_name) : NULL, &mime);
    read_status s;
    if (!r) {
        s = reader_fail(&in, READ_UNSUPPORTED, "binary file%s%s%s", mime ? " (" : "", mime ? mime : "",
                        mime ? ")" : "");
    } else if (r->streams) {
        free(data);
        data = NULL;
        lseek(fd, 0, SEEK_SET);
        w->type = r->type;
        inject_fault(r->name);
        s = r->read(&in, out);
    } else {
        if (longer) { /* the rest of it, within the cap */
            free(data);
            lseek(fd, 0, SEEK_SET);
            longer = slurp(fd, READER_MAX_FILE, &data, &len);
        }
        if (longer < 0) {
            data = NULL;
            s = reader_fail(&in, READ_FAILED, "cannot read: %s", strerror(errno));
        } else if (longer) {
            s = reader_fail(&in, READ_TOO_LARGE, "file too large (over %zu MiB)", READER_MAX_FILE >> 20);
        } else {
            in.data = data;
            in.len = len;
            w->type = r->type;
            inject_fault(r->name);
            s = r->read(&in, out);
        }
    }
    free(data);
    close(fd);
    return s;
}

static void limit_self(size_t memory)
{
    struct rlimit core = {0, 0};
    setrlimit(RLIMIT_CORE, &core);
#ifndef UNDER_ASAN
    struct rlimit as = {memory, memory};
    setrlimit(RLIMIT_AS, &as);
#else /* AddressSanitizer maps terabytes of shadow memory: the indexer's
       * watch on resident memory is the bound (sandbox.h) */
    (void)memory;
#endif
}

int worker_main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("sift-reader: the indexer's reader process, started by it: not for use by hand\n", stderr);
        return 2;
    }
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1)
        return 0; /* the indexer is gone already */
    signal(SIGINT, SIG_IGN); /* ^C is the indexer's to act on */
    signal(SIGHUP, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    worker w = {0};
    w.fd = 0;
    w.seconds = (unsigned)strtoul(argv[1], NULL, 10);
    w.memory = (size_t)strtoull(argv[2], NULL, 10) << 20;
    w.converters = argv + 3;
    w.nconverters = (size_t)(argc - 3);
    limit_self(w.memory);
    g_mime_init();
    wire_msg req = {0};
    char why[1024];
    wire_out out = {{send_doc, send_warning}, &w};
    while (!w.broken && wire_recv(w.fd, &req, 0) == 1) {
        const char *path = "", *hint = "";
        size_t n;
        if (req.tag != 'R' || !wire_field(&req, &path, &n) || !wire_field(&req, &hint, &n))
            break;
        why[0] = '\0';
        w.type = "";
        read_status st = read_one(&w, path, hint, &out.base, why, sizeof why);
        send_end(&w, st, why);
    }
    wire_free(&req);
    wire_free(&w.msg);
    detect_close();
    g_mime_shutdown();
    xmlCleanupParser();
    return 0;
}
