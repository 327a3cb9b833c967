/*
 * search - query a sift index from the command line.
 *
 *   search [OPTIONS] QUERY...      one query, words joined with spaces
 *   search [OPTIONS] --batch FILE  one query per line ("-" = stdin)
 *   search [OPTIONS] --show ID     one stored document
 *   search [OPTIONS] --serve [HOST:]PORT   the HTTP server (server/)
 *
 * main() turns argv into one config, opens the index once, and feeds every
 * query's results to a printer (printer.h), which alone knows the format.
 * Running a query is run.h; a batch with --jobs N > 1 is parallel.h.
 * Exit status as grep: 0 something matched, 1 nothing matched, 2 error;
 * what counts is the query as typed, never its spelling correction.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "numbers.h"
#include "batch.h"
#include "dbpath.h"
#include "parallel.h"
#include "print_doc.h"
#include "printer.h"
#include "rank_params.h"
#include "run.h"
#include "safe_text.h"
#include "stats.h"
#include "serve.h"
#include "terminal.h"
#include "utf8.h"
#include "xc.h"

/* SIFT_VERSION comes from project() in CMakeLists.txt. */

enum { EXIT_MATCH = 0, EXIT_NO_MATCH = 1, EXIT_TROUBLE = 2 };

enum {
    DEFAULT_LIMIT = 10,
    DEFAULT_TREC_LIMIT = 1000, /* trec_eval looks deep into each ranking */
    SNIPPET_BYTES = 160,       /* about two lines of text */
    MAX_JOBS = 256,            /* more --jobs than this run as this many */
};

typedef enum output_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_TREC, FORMAT_PATHS, FORMAT_COUNT, FORMAT_QUIET } output_format;

/* Everything the command line says, after defaults. */
typedef struct config {
    char *db;              /* owned */
    unsigned limit;
    unsigned offset;
    output_format format;
    color_when color;
    const char *batch;     /* in argv; NULL: query from the arguments */
    const char *run_tag;   /* in argv, or a literal */
    const char *qrels;     /* in argv; NULL: print hits, not measures */
    int per_query;         /* --per-query */
    int natural;           /* --natural: no query syntax */
    xc_rank_mode rank;     /* --rank: full (default) or bm25 */
    xc_rank_params params; /* --rank-params, over the defaults */
    int correct;           /* --correct: search a correction if nothing matched */
    double timeout;        /* --timeout: seconds per query; 0: default */
    const char *like;      /* in argv: --like SOURCE_ID */
    const char *show;      /* in argv: --show SOURCE_ID */
    const char *serve;     /* in argv: --serve [HOST:]PORT */
    const char *token;     /* in argv: --token FILE */
    int public_;           /* --public */
    unsigned threads;      /* --threads: the server's (0: its default) */
    int access_log;        /* --access-log */
    unsigned jobs;         /* --jobs: batch queries searched at a time */
    char *query;           /* owned: joined arguments, valid UTF-8 */
    xc_sort sort;          /* --sort */
    const char *facets;    /* in argv: --facets LIST */
    const char **more;     /* owned array (of argv): --db given again */
    size_t nmore;
    int stats;             /* --stats */
    int list;              /* --list */
    char *filters;         /* owned: --date, --type, --path, --author as
                              query filters ("type:pdf path:\"a b\""), or NULL */
} config;

static void usage(FILE *out)
{
    fputs(
        "Usage: search [OPTIONS] QUERY...\n"
        "       search [OPTIONS] --batch FILE\n"
        "       search [OPTIONS] --like SOURCE_ID\n"
        "       search [--db PATH] --stats | --list\n"
        "       search [OPTIONS] --show SOURCE_ID\n"
        "       search [OPTIONS] --serve [HOST:]PORT\n"
        "Search the sift index. QUERY words are joined into one query in Xapian\n"
        "syntax: AND OR NOT, \"exact phrase\", NEAR, liais*, title:word, id:SOURCE_ID.\n"
        "Put -- before a query that starts with '-'.\n"
        "\n"
        "Options:\n"
        "      --db PATH          index to search (default: $SIFT_DB, else\n"
        "                         $XDG_DATA_HOME/sift/index, else\n"
        "                         ~/.local/share/sift/index); given again, the\n"
        "                         indexes are searched as one (one ranking)\n"
        "      --stats            what the index holds: documents by type, terms,\n"
        "                         size, language, folders indexed, last update\n"
        "      --list             every document: its source ID and path\n"
        "  -n, --limit N          show at most N hits per query (default 10;\n"
        "                         1000 with --format trec; all with -l)\n"
        "  -l, --files-with-matches  print the path of each matching document's\n"
        "                         file, each file once (as grep -l)\n"
        "      --offset N         skip the first N hits (default 0)\n"
        "      --format FORMAT    text, json (JSON Lines) or trec (default: text;\n"
        "                         json with --batch)\n"
        "      --color WHEN       auto, always or never (default auto: colour on\n"
        "                         a terminal unless NO_COLOR is set)\n"
        "      --batch FILE       run one query per line of FILE (- = stdin); a\n"
        "                         line may be QUERY_ID<TAB>query, or a BEIR\n"
        "                         queries.jsonl record {\"_id\": ..., \"text\": ...}\n"
        "  -j, --jobs N           with --batch: search N queries at a time, on N\n"
        "                         threads (default: the number of processors);\n"
        "                         the output is the same, in input order\n"
        "      --run-tag TAG      run tag for --format trec (default: sift)\n"
        "      --like SOURCE_ID   documents like that one (its most telling words)\n"
        "      --show SOURCE_ID   print that document: its fields, then its text\n"
        "                         (--format json: one JSON object)\n"
        "Filters (also in the query: date:2021-10, type:pdf, path:FOLDER, author:NAME;\n"
        "a query of filters alone lists what they match):\n"
        "      --date RANGE       2021, 2021-10, 2021-10-19, FROM..TO, FROM.., ..TO\n"
        "      --type TYPE        text, html, markdown, pdf, mail, docx, jsonl, ...\n"
        "      --path PATH        the documents of that file or folder (absolute,\n"
        "                         or relative to the folders indexed)\n"
        "      --author NAME      documents by NAME (words of the author or From)\n"
        "      --sort ORDER       relevance (default), date (oldest first) or\n"
        "                         -date (newest first)\n"
        "      --facets LIST      count the matches per value of each of " XC_FACETS ",\n"
        "                         comma separated, shown under the hits\n"
        "  -c, --count            print only the number of matching documents\n"
        "  -q, --quiet            print nothing: the exit status says if any matched\n"
        "      --timeout SECONDS  stop a query that runs longer (default 10)\n"
        "      --natural          read queries as natural language: AND, OR, NOT,\n"
        "                         quotes, brackets and field: have no special meaning\n"
        "      --rank MODE        full (default): BM25 and pseudo relevance\n"
        "                         feedback, the best ranking, two matches a\n"
        "                         query; bm25: BM25 alone, one match a query\n"
        "                         (about twice as fast; same documents)\n"
        "      --rank-params LIST for measuring rankings (bench/loco): change the\n"
        "                         default ranking's settings, key=value,... (see\n"
        "                         docs/ranking.md)\n"
        "      --correct          when a query matches nothing, search its spelling\n"
        "                         correction instead (the default for one query\n"
        "                         in text output; elsewhere it is only suggested)\n"
        "      --qrels FILE       with --batch: score the run against the relevance\n"
        "                         judgments in FILE (BEIR qrels.tsv or TREC qrels)\n"
        "                         and print MAP, nDCG@10, P@10, R@100, MRR@10\n"
        "                         (1000 hits a query unless -n is given)\n"
        "      --per-query        with --qrels: print the measures of every query\n"
        "      --serve [HOST:]PORT  answer over HTTP: a search page at /, a JSON API\n"
        "                         at /api/ (docs/serve.md); HOST 127.0.0.1 unless\n"
        "                         given; stops on SIGTERM or SIGINT\n"
        "      --token FILE       with --serve: every request must carry the token\n"
        "                         in FILE (Authorization: Bearer TOKEN)\n"
        "      --public           with --serve: listen on a non-loopback HOST\n"
        "                         without a token\n"
        "      --threads N        with --serve: N threads, each with its own\n"
        "                         searcher (default: processors, at least 2)\n"
        "      --access-log       with --serve: one line per request on stderr\n"
        "  -h, --help             show this help and exit\n"
        "  -V, --version          show the version and exit\n"
        "\n"
        "Exit status: 0 if something matched, 1 if nothing did (whatever a\n"
        "spelling correction found), 2 on error.\n",
        out);
}

/* Reports a usage error (printf-style) and returns -1. */
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("search: ", stderr);
    safe_vfprintf(stderr, fmt, ap);
    fputs("\nTry 'search --help' for more information.\n", stderr);
    va_end(ap);
    return -1;
}

/* A usage error about the value of option NAME. */
static int bad_value(const char *name, const char *value, const char *expected)
{
    return usage_error("invalid value for %s: '%s' (expected %s)", name, value,
                       expected);
}


/* The arguments joined with spaces, repaired to valid UTF-8. */
static char *join_query(int argc, char **argv)
{
    size_t len = 0;
    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *joined = malloc(len + 1);
    if (!joined)
        return NULL;
    size_t at = 0;
    for (int i = 0; i < argc; i++) {
        size_t n = strlen(argv[i]);
        if (i > 0)
            joined[at++] = ' ';
        memcpy(joined + at, argv[i], n);
        at += n;
    }
    char *valid = utf8_repair(joined, at, NULL);
    free(joined);
    return valid;
}

/* Appends NAME:"VALUE" to the filters *LIST (a new string). 0 or -1. */
static int add_filter(char **list, const char *name, const char *value)
{
    size_t old = *list ? strlen(*list) + 1 : 0;
    size_t n = old + strlen(name) + strlen(value) + 4;
    char *grown = realloc(*list, n);
    if (!grown)
        return -1;
    if (!old)
        grown[0] = '\0';
    snprintf(grown + strlen(grown), n - strlen(grown), "%s%s:\"%s\"", old ? " " : "", name, value);
    *list = grown;
    return 0;
}

/* The query words joined, with the filters of the options after them. */
static char *with_filters(char *words, const char *filters)
{
    if (!filters)
        return words;
    size_t n = (words ? strlen(words) : 0) + strlen(filters) + 2;
    char *all = malloc(n);
    if (all)
        snprintf(all, n, "%s%s%s", words ? words : "", words && *words ? " " : "", filters);
    free(words);
    return all;
}

/* Fills CFG from argv. Returns 0 to run, 1 when --help or --version has
 * been answered, -1 after a usage error has been reported. */
static int parse_args(int argc, char **argv, config *cfg)
{
    enum { OPT_DB = 256, OPT_OFFSET, OPT_FORMAT, OPT_COLOR, OPT_BATCH,
           OPT_RUN_TAG, OPT_NATURAL, OPT_QRELS, OPT_PER_QUERY, OPT_LIKE, OPT_TIMEOUT, OPT_RANK,
           OPT_RANK_PARAMS, OPT_CORRECT, OPT_SORT, OPT_FACETS, OPT_DATE, OPT_TYPE, OPT_PATH, OPT_AUTHOR, OPT_STATS, OPT_LIST,
           OPT_SHOW, OPT_SERVE, OPT_TOKEN, OPT_PUBLIC, OPT_THREADS, OPT_ACCESS_LOG };
    static const struct option options[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"limit", required_argument, NULL, 'n'},
        {"files-with-matches", no_argument, NULL, 'l'},
        {"offset", required_argument, NULL, OPT_OFFSET},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"color", required_argument, NULL, OPT_COLOR},
        {"colour", required_argument, NULL, OPT_COLOR},
        {"batch", required_argument, NULL, OPT_BATCH},
        {"jobs", required_argument, NULL, 'j'},
        {"run-tag", required_argument, NULL, OPT_RUN_TAG},
        {"natural", no_argument, NULL, OPT_NATURAL},
        {"rank", required_argument, NULL, OPT_RANK},
        {"rank-params", required_argument, NULL, OPT_RANK_PARAMS},
        {"correct", no_argument, NULL, OPT_CORRECT},
        {"like", required_argument, NULL, OPT_LIKE},
        {"show", required_argument, NULL, OPT_SHOW},
        {"serve", required_argument, NULL, OPT_SERVE},
        {"token", required_argument, NULL, OPT_TOKEN},
        {"public", no_argument, NULL, OPT_PUBLIC},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"access-log", no_argument, NULL, OPT_ACCESS_LOG},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"qrels", required_argument, NULL, OPT_QRELS},
        {"per-query", no_argument, NULL, OPT_PER_QUERY},
        {"sort", required_argument, NULL, OPT_SORT},
        {"stats", no_argument, NULL, OPT_STATS},
        {"list", no_argument, NULL, OPT_LIST},
        {"facets", required_argument, NULL, OPT_FACETS},
        {"date", required_argument, NULL, OPT_DATE},
        {"type", required_argument, NULL, OPT_TYPE},
        {"path", required_argument, NULL, OPT_PATH},
        {"author", required_argument, NULL, OPT_AUTHOR},
        {"count", no_argument, NULL, 'c'},
        {"quiet", no_argument, NULL, 'q'},
        {"silent", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int limit_given = 0, format_given = 0, params_given = 0;
    const char *db = NULL;

    *cfg = (config){.limit = DEFAULT_LIMIT, .format = FORMAT_TEXT,
                    .color = COLOR_AUTO, .run_tag = "sift", .params = xc_rank_params_default()};
    int c;
    while ((c = getopt_long(argc, argv, "n:j:hlVcq", options, NULL)) != -1) {
        switch (c) {
        case 'c':
            cfg->format = FORMAT_COUNT;
            format_given = 1;
            break;
        case 'q':
            cfg->format = FORMAT_QUIET;
            format_given = 1;
            break;
        case OPT_SORT:
            if (strcmp(optarg, "relevance") == 0)
                cfg->sort = XC_SORT_RELEVANCE;
            else if (strcmp(optarg, "date") == 0)
                cfg->sort = XC_SORT_DATE;
            else if (strcmp(optarg, "-date") == 0)
                cfg->sort = XC_SORT_DATE_DESC;
            else
                return bad_value("--sort", optarg, "relevance, date or -date");
            break;
        case OPT_FACETS:
            if (!*optarg)
                return bad_value("--facets", optarg, "a list of " XC_FACETS);
            cfg->facets = optarg;
            break;
        case OPT_DATE:
        case OPT_TYPE:
        case OPT_PATH:
        case OPT_AUTHOR: {
            static const char *const names[] = {"date", "type", "path", "author"};
            const char *name = names[c - OPT_DATE];
            if (!*optarg || strchr(optarg, '"'))
                return usage_error("invalid value for --%s: '%s'", name, optarg);
            if (add_filter(&cfg->filters, name, optarg) != 0) {
                fputs("search: out of memory\n", stderr);
                return -1;
            }
            break;
        }
        case 'l':
            cfg->format = FORMAT_PATHS;
            format_given = 1;
            break;
        case OPT_DB:
            if (!*optarg)
                return bad_value("--db", optarg, "a path");
            if (!db) {
                db = optarg;
                break;
            }
            if (!cfg->more && !(cfg->more = calloc((size_t)argc, sizeof *cfg->more))) {
                fputs("search: out of memory\n", stderr);
                return -1;
            }
            cfg->more[cfg->nmore++] = optarg;
            break;
        case OPT_STATS:
            cfg->stats = 1;
            break;
        case OPT_LIST:
            cfg->list = 1;
            break;
        case 'n':
            if (parse_whole(optarg, UINT_MAX, &cfg->limit) != 0)
                return bad_value("-n/--limit", optarg, "a whole number, 0 or more");
            limit_given = 1;
            break;
        case OPT_OFFSET:
            if (parse_whole(optarg, UINT_MAX, &cfg->offset) != 0)
                return bad_value("--offset", optarg, "a whole number, 0 or more");
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                cfg->format = FORMAT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                cfg->format = FORMAT_JSON;
            else if (strcmp(optarg, "trec") == 0)
                cfg->format = FORMAT_TREC;
            else
                return bad_value("--format", optarg, "text, json or trec");
            format_given = 1;
            break;
        case OPT_COLOR:
            if (color_when_parse(optarg, &cfg->color) != 0)
                return bad_value("--color", optarg, "auto, always or never");
            break;
        case OPT_BATCH:
            cfg->batch = optarg;
            break;
        case 'j':
            if (parse_whole(optarg, UINT_MAX, &cfg->jobs) != 0 || cfg->jobs == 0)
                return bad_value("-j/--jobs", optarg, "a whole number, 1 or more");
            break;
        case OPT_RUN_TAG:
            /* TREC lines are split at whitespace, so a tag must be a word. */
            if (!*optarg || strpbrk(optarg, " \t\n\r\f\v"))
                return bad_value("--run-tag", optarg, "one word without spaces");
            cfg->run_tag = optarg;
            break;
        case OPT_NATURAL:
            cfg->natural = 1;
            break;
        case OPT_RANK:
            if (strcmp(optarg, "full") == 0)
                cfg->rank = XC_RANK_FULL;
            else if (strcmp(optarg, "bm25") == 0)
                cfg->rank = XC_RANK_BM25;
            else
                return bad_value("--rank", optarg, "full or bm25");
            break;
        case OPT_RANK_PARAMS: {
            char why[400];
            if (rank_params_parse(optarg, &cfg->params, why, sizeof why) != 0)
                return usage_error("invalid value for --rank-params: %s", why);
            params_given = 1;
            break;
        }
        case OPT_CORRECT:
            cfg->correct = 1;
            break;
        case OPT_TIMEOUT: {
            char *end;
            errno = 0;
            cfg->timeout = strtod(optarg, &end);
            if (*end || errno || !(cfg->timeout > 0) || cfg->timeout > 1e6)
                return bad_value("--timeout", optarg, "a number of seconds above 0");
            break;
        }
        case OPT_LIKE:
            if (!*optarg)
                return bad_value("--like", optarg, "a source ID");
            cfg->like = optarg;
            break;
        case OPT_SHOW:
            if (!*optarg)
                return bad_value("--show", optarg, "a source ID");
            cfg->show = optarg;
            break;
        case OPT_SERVE:
            cfg->serve = optarg;
            break;
        case OPT_TOKEN:
            cfg->token = optarg;
            break;
        case OPT_PUBLIC:
            cfg->public_ = 1;
            break;
        case OPT_THREADS:
            if (parse_whole(optarg, UINT_MAX, &cfg->threads) != 0 || cfg->threads == 0 || cfg->threads > MAX_JOBS)
                return bad_value("--threads", optarg, "a whole number from 1 to 256");
            break;
        case OPT_ACCESS_LOG:
            cfg->access_log = 1;
            break;
        case OPT_QRELS:
            cfg->qrels = optarg;
            break;
        case OPT_PER_QUERY:
            cfg->per_query = 1;
            break;
        case 'h':
            usage(stdout);
            return 1;
        case 'V':
            printf("search (sift) %s\n", SIFT_VERSION);
            return 1;
        default: /* getopt_long has said what is wrong */
            fputs("Try 'search --help' for more information.\n", stderr);
            return -1;
        }
    }

    if ((cfg->batch != NULL) + (optind < argc || cfg->filters) + (cfg->like != NULL) + (cfg->show != NULL) +
            (cfg->serve != NULL) + cfg->stats + cfg->list > 1)
        return usage_error("give one of QUERY words, --batch FILE, --like SOURCE_ID, --show SOURCE_ID, "
                           "--serve [HOST:]PORT, --stats or --list");
    if ((cfg->token || cfg->public_ || cfg->threads || cfg->access_log) && !cfg->serve)
        return usage_error("--token, --public, --threads and --access-log go with --serve");
    if (cfg->stats || cfg->list) {
        /* no query */
    } else if (cfg->show || cfg->serve) {
        if (cfg->qrels || cfg->format == FORMAT_TREC || cfg->format == FORMAT_PATHS)
            return usage_error("--show and --serve print no runs: leave out --qrels, -l and --format trec");
        if (cfg->serve && format_given)
            return usage_error("--serve answers in JSON and HTML: leave out --format");
    } else if (cfg->like) {
        if (!(cfg->query = strdup(cfg->like))) {
            fputs("search: out of memory\n", stderr);
            return -1;
        }
    } else if (!cfg->batch) {
        if (optind == argc && !cfg->filters)
            return usage_error("no query given");
        cfg->query = with_filters(optind < argc ? join_query(argc - optind, argv + optind) : NULL, cfg->filters);
        if (!cfg->query) {
            fputs("search: out of memory\n", stderr);
            return -1;
        }
        if (query_is_blank(cfg->query))
            return usage_error("empty query");
    }
    if (cfg->filters && (cfg->like || cfg->natural))
        return usage_error("--date, --type, --path and --author filter a query: not with --like or --natural");
    if (cfg->filters && cfg->batch)
        return usage_error("with --batch, put filters in each query (type:pdf date:2021)");
    if (cfg->sort != XC_SORT_RELEVANCE && cfg->like)
        return usage_error("--sort orders a query's matches: not with --like");
    if (params_given && cfg->rank == XC_RANK_BM25)
        return usage_error("--rank-params sets the default ranking (--rank full), not --rank bm25");
    if (cfg->qrels && !cfg->batch)
        return usage_error("--qrels needs --batch FILE: measures are taken over many queries");
    if (cfg->per_query && !cfg->qrels)
        return usage_error("--per-query needs --qrels FILE");
    if (cfg->qrels && cfg->format == FORMAT_TREC)
        return usage_error("--qrels prints measures, as text or json, not a trec run");
    if (cfg->batch && !format_given && !cfg->qrels)
        cfg->format = FORMAT_JSON; /* batch output is for programs */
    if ((cfg->format == FORMAT_TREC || cfg->qrels) && !limit_given)
        cfg->limit = DEFAULT_TREC_LIMIT;
    if (cfg->format == FORMAT_PATHS && cfg->qrels)
        return usage_error("-l prints paths, not measures: leave out --qrels");
    if (cfg->format == FORMAT_PATHS && !limit_given)
        cfg->limit = UINT_MAX; /* every match, as grep -l; cut to fit below */
    if (cfg->jobs == 0) { /* not given: one per processor */
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        cfg->jobs = cores < 1 ? 1 : cores > MAX_JOBS ? MAX_JOBS : (unsigned)cores;
    }
    if (cfg->jobs > MAX_JOBS) /* threads beyond the processors only cost */
        cfg->jobs = MAX_JOBS;
    if (cfg->limit > UINT_MAX - cfg->offset) /* keep ranks from wrapping */
        cfg->limit = UINT_MAX - cfg->offset;

    cfg->db = db ? strdup(db) : dbpath_default();
    if (!cfg->db) {
        if (db)
            fputs("search: out of memory\n", stderr);
        else
            fputs("search: no index path: use --db PATH, or set SIFT_DB or HOME\n",
                  stderr);
        return -1;
    }
    return 0;
}

static void config_free(config *cfg)
{
    free(cfg->more);
    free(cfg->db);
    free(cfg->query);
    free(cfg->filters);
}

/* batch_each's callback for --jobs 1: each line searched, then printed. */
static int run_batch_line(void *ctx, const char *qid, const char *query)
{
    run_state *st = ctx;
    answer ans;
    answer_query(st->searcher, &st->opts, st->like, query, &ans);
    return print_answer(st, qid, query, &ans, 1) != 0;
}

/* The printer for CFG; with --qrels it takes QRELS, which is then NULL. */
static printer *make_printer(const config *cfg, eval_qrels **qrels)
{
    if (*qrels) {
        printer *p = print_eval_new(stdout, *qrels, cfg->per_query, cfg->format == FORMAT_JSON);
        if (p)
            *qrels = NULL;
        return p;
    }
    switch (cfg->format) {
    case FORMAT_JSON:
        return print_json_new(stdout);
    case FORMAT_TREC:
        return print_trec_new(stdout, cfg->run_tag);
    case FORMAT_PATHS:
        return print_paths_new(stdout);
    case FORMAT_COUNT:
        return print_count_new(stdout);
    case FORMAT_QUIET:
        return print_quiet_new();
    case FORMAT_TEXT:
        break;
    }
    return print_text_new(stdout, terminal_use_color(cfg->color, stdout),
                          terminal_width(stdout));
}

/* search --show ID: 0 printed, 1 no such document, 2 error. */
static int show(const config *cfg)
{
    xc_searcher *s = open_index(cfg->db, cfg->more, cfg->nmore);
    if (!s)
        return EXIT_TROUBLE;
    xc_stored_doc *doc = NULL;
    xc_status rc = xc_searcher_get_doc(s, cfg->show, &doc);
    int status = EXIT_MATCH;
    if (rc == XC_ERR_NO_DOC) {
        say("%s", xc_searcher_error(s));
        status = EXIT_NO_MATCH;
    } else if (rc != XC_OK) {
        say("%s: %s", cfg->db, xc_searcher_error(s));
        status = EXIT_TROUBLE;
    } else if (print_doc(doc, cfg->format == FORMAT_JSON, stdout) != 0) {
        if (errno != EPIPE)
            say("cannot write output: %s", strerror(errno));
        status = EXIT_TROUBLE;
    }
    xc_stored_doc_free(doc);
    xc_searcher_free(s);
    return status;
}

int main(int argc, char **argv)
{
    /* A closed pipe then shows up as EPIPE on write, and we stop cleanly. */
    signal(SIGPIPE, SIG_IGN);

    config cfg;
    int parsed = parse_args(argc, argv, &cfg);
    if (parsed != 0) {
        config_free(&cfg);
        return parsed > 0 ? EXIT_MATCH : EXIT_TROUBLE;
    }

    if (cfg.serve) {
        serve_config sc = {.db = cfg.db, .more = (const char *const *)cfg.more, .nmore = cfg.nmore, .listen = cfg.serve, .token_file = cfg.token, .public_ = cfg.public_,
                           .threads = cfg.threads, .access_log = cfg.access_log, .timeout = cfg.timeout};
        int rc = serve_main(&sc);
        config_free(&cfg);
        return rc == 0 ? EXIT_MATCH : EXIT_TROUBLE;
    }
    if (cfg.show) {
        int rc = show(&cfg);
        config_free(&cfg);
        return rc;
    }

    int status = EXIT_TROUBLE;
    FILE *batch = NULL;
    eval_qrels *qrels = NULL;
    /* -c and -q show no hits: -q needs one to know, -c the exact count. */
    const int no_hits = cfg.format == FORMAT_COUNT || cfg.format == FORMAT_QUIET;
    run_state st = {
        .db = cfg.db,
        .more = cfg.more,
        .nmore = cfg.nmore,
        .like = cfg.like != NULL,
        .quiet = cfg.format == FORMAT_QUIET,
        .opts = {.offset = no_hits ? 0 : cfg.offset,
                 .limit = cfg.format == FORMAT_COUNT ? 0 : cfg.format == FORMAT_QUIET ? 1 : cfg.limit,
                 .snippet_bytes = cfg.format == FORMAT_TREC || cfg.format == FORMAT_PATHS || cfg.qrels || no_hits
                                      ? 0 : SNIPPET_BYTES,
                 .sort = cfg.sort,
                 .facets = cfg.facets,
                 .exact = cfg.format == FORMAT_COUNT,
                 /* -c and -q: the same documents, without the reordering */
                 .natural = cfg.natural, .time_limit = cfg.timeout, .rank = no_hits ? XC_RANK_BM25 : cfg.rank,
                 /* TREC runs and --qrels measures name no titles */
                 .skip_titles = cfg.format == FORMAT_TREC || cfg.qrels != NULL || no_hits,
                 /* The run is the query as typed: a correction replaces it
                  * only when asked, or for one query read by a person, to
                  * whom the text output says so. */
                 .correct = !no_hits && (cfg.correct || (!cfg.batch && !cfg.like && cfg.format == FORMAT_TEXT)),
                 .params = &cfg.params},
    };

    /* The batch file first: a typo there should not wait for the index. */
    if (cfg.batch && !(batch = batch_open(cfg.batch))) {
        say("%s: %s", cfg.batch, strerror(errno));
        goto done;
    }
    if (cfg.qrels) {
        char why[512];
        if (!(qrels = eval_qrels_load(cfg.qrels, why, sizeof why))) {
            say("%s", why);
            goto done;
        }
    }
    if (!(st.searcher = open_index(cfg.db, cfg.more, cfg.nmore)))
        goto done;
    if (cfg.stats || cfg.list) {
        int json = cfg.format == FORMAT_JSON;
        status = cfg.stats ? print_stats(st.searcher, cfg.db, json) : print_list(st.searcher, cfg.db, json);
        goto done;
    }
    if (!(st.out = make_printer(&cfg, &qrels))) {
        fputs("search: out of memory\n", stderr);
        goto done;
    }

    if (batch) {
        int rc = cfg.jobs > 1 ? parallel_batch(batch, &st, cfg.jobs)
                              : batch_each(batch, run_batch_line, &st);
        if (rc < 0) {
            say("%s: %s", cfg.batch, strerror(errno));
            st.failed = 1;
        }
    } else {
        answer ans;
        answer_query(st.searcher, &st.opts, st.like, cfg.query, &ans);
        print_answer(&st, NULL, cfg.query, &ans, 0);
    }

    printer *out = st.out;
    st.out = NULL;
    if (out->finish(out) != 0 && !st.failed)
        output_failed(&st);
    if (!st.failed && !st.refused)
        status = st.matched ? EXIT_MATCH : EXIT_NO_MATCH;

done:
    if (st.out)
        st.out->finish(st.out);
    xc_searcher_free(st.searcher);
    eval_qrels_free(qrels);
    batch_close(batch);
    config_free(&cfg);
    return status;
}
