/*
 * indexer - adds text files and JSON Lines collections to the sift index,
 * or brings it up to date.
 *
 * main.c turns the command line into a run_config and hands it to run().
 */
#define _GNU_SOURCE /* getopt_long */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "numbers.h"
#include "fatal.h"
#include "manage.h"
#include "run.h"
#include "safe_text.h"
#include "xc.h"

/* SIFT_VERSION comes from project() in CMakeLists.txt. */

static const char usage[] =
    "Usage: indexer [--db PATH] [--lang LANG] [--rebuild] [--shards N] [--jobs N]\n"
    "               [--commit-every N] [-L] [--convert EXT=COMMAND]... [--read-timeout S]\n"
    "               [--read-memory MIB] PATH...\n"
    "       indexer [--db PATH] --remove ID|PATH...\n"
    "       indexer [--db PATH] --prune\n";

static const char help[] =
    "Adds the documents in PATH (files, and folders recursively) to the sift\n"
    "index, or brings it up to date: new files are added, changed ones\n"
    "updated, unchanged ones skipped without reading, and documents whose\n"
    "files are gone from these folders removed. Hidden files and folders, and\n"
    "search indexes, are skipped; symbolic links are followed to files inside\n"
    "the folders given, no further (unless -L). A *.jsonl or *.jsonl.gz\n"
    "file is a collection, one document per line: BEIR {\"_id\", \"title\", \"text\"}\n"
    "or Anserini {\"id\", \"contents\"}; the record's ID is its source ID.\n"
    "Besides text: HTML, Markdown, mail (.eml, mbox, Maildir), PDF, DOCX, PPTX,\n"
    "XLSX, ODT, ODP, ODS and EPUB, each read in a separate, limited process.\n"
    "\n"
    "Options:\n"
    "  --db PATH          the index (default: $SIFT_DB, else\n"
    "                     $XDG_DATA_HOME/sift/index, else ~/.local/share/sift/index)\n"
    "  --lang LANG        stemming language of a new index (default: english;\n"
    "                     auto: each document's own, as detected);\n"
    "                     an existing index keeps its own unless --rebuild\n"
    "  --rebuild          build a new index from PATH only and swap it in when done\n"
    "  --shards N         a new (or rebuilt) index split into N shards (in the index\n"
    "                     folder, gen-N/shard00 ..., named by its stub file\n"
    "                     PATH/XAPIANDB: search --db PATH searches them all; see\n"
    "                     the README: Scaling out)\n"
    "  --jobs N           threads that build a new (or rebuilt) index, which is\n"
    "                     then merged and compacted (default: one per core, for\n"
    "                     4 MiB of input or more; 1: no threads)\n"
    "  --commit-every N   commit every N documents (default 1000): what a crash\n"
    "                     can lose, and what the indexer holds in memory\n"
    "  -L, --follow       follow every symbolic link, to files and folders,\n"
    "                     wherever it leads (loops are not entered twice)\n"
    "  --convert EXT=COMMAND  read files ending in .EXT with COMMAND FILE, which\n"
    "                     prints their text (repeatable; run by /bin/sh)\n"
    "  --read-timeout S   stop a reader that gives nothing for S seconds\n"
    "                     (default 60)\n"
    "  --read-memory MIB  a reader's (and converter's) memory (default 2048)\n"
    "  --remove ID|PATH...  remove documents: by source ID, or every document\n"
    "                     of a file or folder (which need not exist any more)\n"
    "  --prune            remove every document whose file is gone\n"
    "  --list-languages   list the languages (also: --lang list)\n"
    "  -h, --help         show this help\n"
    "  -V, --version      show the version\n"
    "\n"
    "Exit status: 0 all indexed (warnings allowed); 1 some files could not be\n"
    "indexed (the rest was); 2 bad usage, or the index could not be opened or\n"
    "written (it still holds its last committed state).\n";

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "indexer: %s%s", what, arg ? " " : "");
    if (arg)
        safe_fputs(arg, stderr); /* argv may hold escape sequences */
    fprintf(stderr, "\n%sTry 'indexer --help' for more.\n", usage);
    return EXIT_FATAL;
}

/* A whole number from 1 to MAX, digits only, into *OUT. 0, or -1. */
static int parse_count(const char *s, unsigned max, unsigned *out)
{
    return *s == '0' ? -1 : parse_whole(s, max, out);
}

static int list_languages(void)
{
    for (const char *const *l = xc_languages(); *l; l++)
        puts(*l);
    return 0;
}

/* The --convert values (static: reachable until exit, whichever way main
 * returns). */
static char **converters;

/* A --convert value: EXT=COMMAND, EXT without a dot, slash or space. */
static int valid_converter(const char *s)
{
    const char *eq = strchr(s, '=');
    if (!eq || eq == s || !eq[1])
        return 0;
    for (const char *c = s; c < eq; c++)
        if (*c == '.' || *c == '/' || *c == ' ')
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    enum { OPT_DB = 256, OPT_LANG, OPT_REBUILD, OPT_LIST, OPT_JOBS, OPT_SHARDS, OPT_COMMIT, OPT_CONVERT,
           OPT_READ_TIMEOUT, OPT_READ_MEMORY, OPT_REMOVE, OPT_PRUNE };
    static const struct option options[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"lang", required_argument, NULL, OPT_LANG},
        {"rebuild", no_argument, NULL, OPT_REBUILD},
        {"list-languages", no_argument, NULL, OPT_LIST},
        {"jobs", required_argument, NULL, OPT_JOBS},
        {"shards", required_argument, NULL, OPT_SHARDS},
        {"commit-every", required_argument, NULL, OPT_COMMIT},
        {"follow", no_argument, NULL, 'L'},
        {"convert", required_argument, NULL, OPT_CONVERT},
        {"read-timeout", required_argument, NULL, OPT_READ_TIMEOUT},
        {"read-memory", required_argument, NULL, OPT_READ_MEMORY},
        {"remove", no_argument, NULL, OPT_REMOVE},
        {"prune", no_argument, NULL, OPT_PRUNE},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    run_config cfg = {0};
    int remove = 0, prune = 0;
    /* The --convert values, gathered in place of argv's first entries:
     * getopt only moves the options it has read past. */
    converters = calloc((size_t)argc, sizeof *converters);
    if (!converters) {
        fputs("indexer: out of memory\n", stderr);
        return EXIT_FATAL;
    }
    cfg.converters = converters;
    opterr = 0; /* our own messages, without argv[0]'s full path */
    int c;
    while ((c = getopt_long(argc, argv, ":hVL", options, NULL)) != -1) {
        switch (c) {
        case OPT_DB:
            if (!*optarg)
                return usage_error("--db needs a path", NULL);
            cfg.db = optarg;
            break;
        case OPT_LANG:
            cfg.lang = optarg;
            break;
        case OPT_REBUILD:
            cfg.rebuild = 1;
            break;
        case OPT_REMOVE:
            remove = 1;
            break;
        case OPT_PRUNE:
            prune = 1;
            break;
        case OPT_LIST:
            return list_languages();
        case OPT_SHARDS:
            if (parse_count(optarg, 1000, &cfg.shards) != 0)
                return usage_error("--shards needs a whole number from 1 to 1000, not", optarg);
            break;
        case OPT_JOBS:
            if (parse_count(optarg, 1024, &cfg.jobs) != 0)
                return usage_error("--jobs needs a whole number from 1 to 1024, not", optarg);
            break;
        case OPT_COMMIT:
            if (parse_count(optarg, 1000000, &cfg.commit_every) != 0)
                return usage_error("--commit-every needs a whole number from 1 to 1000000, not", optarg);
            break;
        case 'L':
            cfg.follow = 1;
            break;
        case OPT_CONVERT:
            if (!valid_converter(optarg))
                return usage_error("--convert needs EXT=COMMAND (an extension without a dot), not", optarg);
            converters[cfg.nconverters++] = optarg;
            break;
        case OPT_READ_TIMEOUT:
            if (parse_count(optarg, 86400, &cfg.read_timeout) != 0)
                return usage_error("--read-timeout needs a whole number of seconds from 1 to 86400, not", optarg);
            break;
        case OPT_READ_MEMORY:
            if (parse_count(optarg, 1048576, &cfg.read_memory) != 0 || cfg.read_memory < 64)
                return usage_error("--read-memory needs a whole number of MiB from 64 to 1048576, not", optarg);
            break;
        case 'h':
            fputs(usage, stdout);
            fputs(help, stdout);
            return 0;
        case 'V':
            puts("indexer (sift) " SIFT_VERSION);
            return 0;
        case ':':
            return usage_error("missing value for", argv[optind - 1]);
        default:
            return usage_error("unknown option", argv[optind - 1]);
        }
    }
    if (cfg.lang && strcmp(cfg.lang, "list") == 0)
        return list_languages();
    if (cfg.lang && !xc_language_supported(cfg.lang)) {
        fputs("indexer: unknown language '", stderr);
        safe_fputs(cfg.lang, stderr);
        fputs("' (see indexer --list-languages)\n", stderr);
        return EXIT_FATAL;
    }
    if (remove || prune) {
        if (remove && prune)
            return usage_error("--remove and --prune are two runs: give one", NULL);
        if (cfg.rebuild || cfg.lang || cfg.shards || cfg.jobs || cfg.nconverters)
            return usage_error("--remove and --prune take no indexing options", NULL);
        if (prune && optind < argc)
            return usage_error("--prune takes no PATH; unexpected", argv[optind]);
        if (remove && optind == argc)
            return usage_error("--remove needs an ID or PATH", NULL);
        for (int i = optind; i < argc; i++)
            if (!*argv[i])
                return usage_error("--remove needs an ID or PATH, not an empty argument", NULL);
        return prune ? manage_prune(cfg.db) : manage_remove(cfg.db, argv + optind, (size_t)(argc - optind));
    }
    if (optind == argc)
        return usage_error("no PATH to index", NULL);
    cfg.paths = argv + optind;
    cfg.npaths = (size_t)(argc - optind);
    cfg.progress = isatty(STDERR_FILENO);
    return run(&cfg);
}
