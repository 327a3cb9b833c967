// The index folder: lock, generations, stub (see xc_folder.h). POSIX calls
// behind a C++ face, so that callers get status_error like everything else.
#include "xc_folder.h"

#include "testpoint.h"
#include "xc_private.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <ftw.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace xc {
namespace folder {

namespace {

const char *const LOCK_NAME = "sift.lock";
const char *const STUB_NAME = "XAPIANDB"; // Xapian's name: a folder holding it opens as what it lists
const char *const GEN_PREFIX = "gen-";
const char *const PARTS_NAME = "parts";

// Xapian marks a database folder with one of these.
const char *const XAPIAN_MARKERS[] = {"iamglass", "iamhoney", "iamchert", "XAPIANDB"};

[[noreturn]] void fail(const std::string &what, int err)
{
    xc_status st = err == EACCES || err == EPERM || err == EROFS ? XC_ERR_PERM
                   : err == ENOMEM                               ? XC_ERR_NOMEM
                                                                 : XC_ERR_IO;
    throw status_error(st, what + ": " + std::strerror(err));
}

bool exists(const std::string &path)
{
    struct stat st;
    return lstat(path.c_str(), &st) == 0;
}

bool starts_with(const std::string &s, const char *prefix)
{
    return s.compare(0, std::strlen(prefix), prefix) == 0;
}

bool ends_with(const std::string &s, const char *suffix)
{
    size_t n = std::strlen(suffix);
    return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

// "gen-12" -> 12; 0 for any other name.
unsigned gen_number(const std::string &name)
{
    if (!starts_with(name, GEN_PREFIX))
        return 0;
    const std::string digits = name.substr(std::strlen(GEN_PREFIX));
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
        return 0;
    return static_cast<unsigned>(std::strtoul(digits.c_str(), nullptr, 10));
}

// The names in DIR, but . and ..
std::vector<std::string> names_in(const std::string &dir)
{
    DIR *d = opendir(dir.c_str());
    if (!d)
        fail("cannot read " + dir, errno);
    std::vector<std::string> names;
    while (struct dirent *de = readdir(d))
        if (std::strcmp(de->d_name, ".") != 0 && std::strcmp(de->d_name, "..") != 0)
            names.push_back(de->d_name);
    closedir(d);
    return names;
}

int remove_one(const char *path, const struct stat *, int, struct FTW *)
{
    return remove(path);
}

void sync_dir(const std::string &dir)
{
    int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

// The pid a writer wrote into the lock file FD, or 0.
long holder(int fd)
{
    char buf[32] = {0};
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    return n > 0 ? std::strtol(buf, nullptr, 10) : 0;
}

} // namespace

void remove_tree(const std::string &path)
{
    // FTW_DEPTH: contents before their folder; FTW_PHYS: links not followed.
    if (nftw(path.c_str(), remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0 && errno != ENOENT)
        fail("cannot remove " + path, errno);
}

std::string stub_path(const std::string &dir)
{
    return dir + "/" + STUB_NAME;
}

bool is_sift(const std::string &dir)
{
    return exists(dir + "/" + LOCK_NAME);
}

bool is_index(const std::string &dir)
{
    if (is_sift(dir))
        return true;
    for (const char *marker : XAPIAN_MARKERS)
        if (exists(dir + "/" + marker))
            return true;
    return false;
}

stub_id stub_identity(const std::string &dir)
{
    stub_id id;
    struct stat st;
    if (stat(stub_path(dir).c_str(), &st) == 0) {
        id.exists = true;
        id.dev = st.st_dev;
        id.ino = st.st_ino;
        id.mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    }
    return id;
}

bool has_database(const std::string &dir)
{
    for (const char *marker : XAPIAN_MARKERS)
        if (exists(dir + "/" + marker))
            return true;
    return false;
}

found classify(const std::string &dir)
{
    struct stat st;
    if (stat(dir.c_str(), &st) != 0) {
        if (errno != ENOENT)
            fail("cannot open " + dir, errno);
        if (mkdir(dir.c_str(), 0777) != 0 && errno != EEXIST)
            fail("cannot create " + dir, errno);
        if (stat(dir.c_str(), &st) != 0)
            fail("cannot open " + dir, errno);
    }
    if (!S_ISDIR(st.st_mode))
        throw status_error(XC_ERR_NOT_SIFT, "exists and is not a sift index");
    if (is_sift(dir))
        return found::sift;
    for (const char *marker : XAPIAN_MARKERS)
        if (exists(dir + "/" + marker))
            return found::legacy;
    if (!names_in(dir).empty())
        throw status_error(XC_ERR_NOT_SIFT, "exists and is not a sift index");
    return found::fresh;
}

lock::~lock()
{
    if (fd_ >= 0)
        close(fd_); // releases the lock
}

void lock::take(const std::string &dir)
{
    const std::string path = dir + "/" + LOCK_NAME;
    testpoint("writer-lock");
    // O_NOFOLLOW: a link planted in our place is not followed. Two writers
    // creating a new index open the same file; the lock decides between them.
    fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd_ < 0)
        fail("cannot open " + path, errno);
    // An open file description lock: it belongs to this open file, not to
    // the process (a POSIX lock would be dropped by any close of the file
    // anywhere in the process), and goes when the descriptor is closed,
    // also when the process dies.
    struct flock fl = {};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(fd_, F_OFD_SETLK, &fl) != 0) {
        int err = errno;
        long pid = holder(fd_);
        close(fd_);
        fd_ = -1;
        if (err != EAGAIN && err != EACCES)
            fail("cannot lock " + path, err);
        throw status_error(XC_ERR_LOCKED, pid > 0 ? "index is locked by another indexer (pid " +
                                                        std::to_string(pid) + ")"
                                                  : "index is locked by another indexer");
    }
    char pid[32];
    int n = std::snprintf(pid, sizeof pid, "%ld\n", static_cast<long>(getpid()));
    // Best effort: only the message of another writer depends on it.
    if (ftruncate(fd_, 0) != 0 || pwrite(fd_, pid, static_cast<size_t>(n), 0) != n) {
    }
}

generation published(const std::string &dir)
{
    generation g;
    std::ifstream stub(stub_path(dir));
    if (!stub)
        return g;
    std::string line;
    while (std::getline(stub, line)) {
        std::istringstream words(line);
        std::string type, rest;
        if (!(words >> type) || type[0] == '#')
            continue;
        std::getline(words >> std::ws, rest);
        const std::string gen = rest.substr(0, rest.find('/'));
        unsigned number = type == "auto" ? gen_number(gen) : 0;
        if (number == 0 || (g.number && number != g.number))
            throw status_error(XC_ERR_NOT_SIFT, stub_path(dir) + " was not written by sift ('" + line +
                                                    "'): the indexer writes only the databases it made");
        g.number = number;
        g.dbs.push_back(dir + "/" + rest);
    }
    if (g.number == 0)
        throw status_error(XC_ERR_CORRUPT, stub_path(dir) + " names no database");
    return g;
}

generation create(const std::string &dir, unsigned shards)
{
    unsigned last = 0;
    for (const std::string &name : names_in(dir))
        last = std::max(last, gen_number(name));
    generation g;
    g.number = last + 1;
    const std::string path = dir + "/" + GEN_PREFIX + std::to_string(g.number);
    // mkdir fails if anything (a link too) has the name: made here, by us.
    if (mkdir(path.c_str(), 0777) != 0)
        fail("cannot create " + path, errno);
    if (shards < 2) {
        g.dbs.push_back(path);
        return g;
    }
    for (unsigned i = 0; i < shards; i++) {
        char name[32];
        std::snprintf(name, sizeof name, "/shard%02u", i);
        g.dbs.push_back(path + name);
    }
    return g;
}

void publish(const std::string &dir, const generation &g)
{
    const std::string stub = stub_path(dir), tmp = stub + ".tmp";
    std::string text = "# sift index, generation " + std::to_string(g.number) +
                       ": written by the indexer (search --db " + dir + " opens it)\n";
    for (const std::string &db : g.dbs)
        text += "auto " + db.substr(dir.size() + 1) + "\n";
    int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0)
        fail("cannot write " + tmp, errno);
    bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && fsync(fd) == 0;
    int err = errno;
    close(fd);
    testpoint("publish");
    if (!ok || rename(tmp.c_str(), stub.c_str()) != 0) {
        err = ok ? errno : err;
        unlink(tmp.c_str());
        fail("cannot write " + stub, err);
    }
    sync_dir(dir);
}

void remove_generation(const std::string &dir, unsigned number)
{
    if (number)
        remove_tree(dir + "/" + GEN_PREFIX + std::to_string(number));
}

void remove_leftovers(const std::string &dir, unsigned keep)
{
    for (const std::string &name : names_in(dir)) {
        unsigned number = gen_number(name);
        if ((number && number != keep) || name == PARTS_NAME)
            remove_tree(dir + "/" + name);
        else if (name == std::string(STUB_NAME) + ".tmp")
            unlink((dir + "/" + name).c_str());
    }
}

void remove_legacy(const std::string &dir)
{
    // The version file first: from then on Xapian opens the folder by its
    // stub, and a reader that had chosen the old files finds them gone and
    // opens again.
    for (const char *marker : {"iamglass", "iamhoney", "iamchert"})
        unlink((dir + "/" + marker).c_str());
    for (const std::string &name : names_in(dir)) {
        const std::string path = dir + "/" + name;
        bool shard = starts_with(name, "shard") && name.size() > 5 &&
                     name.find_first_not_of("0123456789", 5) == std::string::npos;
        if (shard)
            remove_tree(path);
        else if (ends_with(name, ".glass") || name == "flintlock" || name == "sift-indexer.pid" ||
                 name == "sift-indexer.pid.tmp")
            unlink(path.c_str());
    }
}

std::string parts_dir(const std::string &dir)
{
    const std::string path = dir + "/" + PARTS_NAME;
    if (mkdir(path.c_str(), 0777) != 0 && errno != EEXIST)
        fail("cannot create " + path, errno);
    return path;
}

} // namespace folder
} // namespace xc
