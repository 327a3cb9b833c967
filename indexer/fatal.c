#include "fatal.h"

#include "msg.h"

int fatal_index(const char *db, const xc_writer *writer, xc_status status,
                const char *doing, int wrote)
{
    const char *why = writer ? xc_writer_error(writer) : "";
    switch (status) {
    case XC_ERR_LOCKED: /* the message names the holder */
        msg_fatal(db, "%s", why);
        return EXIT_FATAL;
    case XC_ERR_NOT_SIFT:
        msg_fatal(db, "%s; it is left as it is (give another --db)", why);
        return EXIT_FATAL;
    case XC_ERR_PERM:
        msg_fatal(db, "permission denied (%s)", why);
        return EXIT_FATAL;
    default:
        break;
    }
    const char *wrong = xc_status_rebuild(status);
    if (wrong) {
        msg_fatal(db, "the index %s (%s); rebuild it with: indexer --rebuild --db %s PATH...", wrong, why,
                  db);
        return EXIT_FATAL;
    }
    if (status == XC_ERR_NOMEM && !*why)
        why = "out of memory";
    msg_fatal(db, "%s: %s%s", doing, why,
              wrote ? "; the index still holds its last committed state" : "");
    return EXIT_FATAL;
}
