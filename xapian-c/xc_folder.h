/*
 * xc_folder.h - the index as a folder on disk: the only place that knows it.
 *
 *   PATH/sift.lock   the writers' lock, and the mark of a sift index: a writer
 *                    holds an exclusive lock on it (an open file description
 *                    lock) from before it looks at anything until it is freed,
 *                    and writes its pid into it for the "locked by" message.
 *   PATH/XAPIANDB    Xapian's stub file naming the generation that is the
 *                    index: "auto gen-7", or one line per shard
 *                    ("auto gen-7/shard00", ...). Replaced by rename(2).
 *   PATH/gen-N/      a generation: a glass database, or a folder of shards.
 *   PATH/parts/      the parts of a parallel build, while it runs.
 *
 * A rebuild writes a new generation beside the published one and publishes
 * it by replacing the stub; then the old generation is deleted. Readers open
 * PATH, which Xapian resolves through the stub to one generation, whole:
 * a generation is never renamed, and its name is never used again once it
 * has been published, so a reader can never hold tables of two. A reader
 * that was reading the stub while it changed finds its generation gone and
 * opens again (xc_searcher.cc). Everything a writer makes lives inside PATH,
 * under the lock: no name beside the index that others could plant first.
 *
 * An index of the layout before this one (a glass database at PATH itself,
 * or shard folders listed in PATH/XAPIANDB) is "legacy": searchable, and
 * replaced in place by a rebuild.
 */
#ifndef XC_FOLDER_H
#define XC_FOLDER_H

#include <string>
#include <vector>

namespace xc {
namespace folder {

/* What a writer finds at an index path. */
enum class found { fresh, sift, legacy };

/* Creates DIR if it does not exist and says what it is: FRESH (nothing
 * yet: a new or empty folder), SIFT (a sift index), or LEGACY (a Xapian
 * database of the older layout, or another program's: the caller reads its
 * metadata to tell). Throws status_error NOT_SIFT when anything else is
 * there, PERM when the file system refuses. */
found classify(const std::string &dir);

/* A generation: its number (0: none) and the paths of its databases. */
struct generation {
    unsigned number = 0;
    std::vector<std::string> dbs;
};

/* The lock of an index folder, held by one writer from take() until it is
 * destroyed. */
class lock {
  public:
    lock() = default;
    lock(const lock &) = delete;
    lock &operator=(const lock &) = delete;
    ~lock();

    /* Takes the lock of DIR (classified: fresh, sift, or legacy that the
     * caller has decided to replace), creating sift.lock if need be. Throws
     * status_error LOCKED (naming the holder's pid) or PERM. */
    void take(const std::string &dir);

  private:
    int fd_ = -1;
};

/* 1 if DIR is a sift index folder (it has sift.lock). */
bool is_sift(const std::string &dir);

/* 1 if DIR is an index of any kind that must never be read as documents: a
 * sift index, or a Xapian database folder. */
bool is_index(const std::string &dir);

/* What a reader remembers of DIR's stub, to tell when a rebuild replaced
 * it: each publish renames a new file over it. */
struct stub_id {
    bool exists = false;
    unsigned long long dev = 0, ino = 0;
    long long mtime_ns = 0;
    bool operator==(const stub_id &o) const
    {
        return exists == o.exists && dev == o.dev && ino == o.ino && mtime_ns == o.mtime_ns;
    }
    bool operator!=(const stub_id &o) const { return !(*this == o); }
};
stub_id stub_identity(const std::string &dir);

/* 1 if DIR holds a database to read: a published generation, or the files
 * of the older layout. */
bool has_database(const std::string &dir);

/* The path of DIR's stub file. */
std::string stub_path(const std::string &dir);

/* The generation DIR's stub names (number 0 if there is no stub). Throws
 * status_error NOT_SIFT for a stub this layout did not write (remote
 * shards, say). */
generation published(const std::string &dir);

/* A new generation folder in DIR, numbered after every generation there,
 * with the paths of SHARDS databases in it (0 or 1: one, at the folder
 * itself). The databases are not created. */
generation create(const std::string &dir, unsigned shards);

/* Makes G the index: its stub is written aside, synced and renamed over the
 * old one. */
void publish(const std::string &dir, const generation &g);

/* Removes what writers killed before they finished left in DIR: every
 * generation but KEEP, and the parts of parallel builds. Only under the
 * lock. */
void remove_leftovers(const std::string &dir, unsigned keep);

/* Removes generation NUMBER from DIR (no-op for 0). */
void remove_generation(const std::string &dir, unsigned number);

/* Removes the files of the legacy layout from DIR, once a generation has
 * been published there: the glass database's files (its version file first,
 * so that readers stop choosing it), and the shard folders. */
void remove_legacy(const std::string &dir);

/* The folder for the parts of a parallel build in DIR (created). */
std::string parts_dir(const std::string &dir);

/* Removes a folder tree without following links. */
void remove_tree(const std::string &path);

} // namespace folder
} // namespace xc

#endif
