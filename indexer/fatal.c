#include "fatal.h"

#include "lockpid.h"
#include "msg.h"

int fatal_index(const char *db, const xc_writer *writer, xc_status status,
                const char *doing, int wrote)
{
    const char *why = writer ? xc_writer_error(writer) : "";
    if (status == XC_ERR_LOCKED) {
        long pid = lockpid_read(db);
        if (pid > 0)
            msg_error(db, "index is locked by another indexer (pid %ld)", pid);
        else
            msg_error(db, "index is locked by another indexer");
        return EXIT_FATAL;
    }
    const char *wrong = xc_status_rebuild(status);
    if (wrong) {
        msg_error(db, "the index %s (%s); rebuild it with: indexer --rebuild --db %s PATH...", wrong, why,
                  db);
        return EXIT_FATAL;
    }
    if (status == XC_ERR_NOMEM && !*why)
        why = "out of memory";
    msg_error(db, "%s: %s%s", doing, why,
              wrote ? "; the index still holds its last committed state" : "");
    return EXIT_FATAL;
}
