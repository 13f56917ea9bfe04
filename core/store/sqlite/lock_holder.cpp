// Reading /proc/locks to name the process that holds the store's write lock.
#include "core/store/sqlite/lock_holder.hpp"

#include <vector>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace hd::sqlite {
namespace {

struct FileId {
    unsigned long major = 0, minor = 0, inode = 0;
};

std::optional<FileId> file_id(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return FileId{::major(st.st_dev), ::minor(st.st_dev), static_cast<unsigned long>(st.st_ino)};
}

// "08:01:1234567" (hex major and minor, decimal inode) as /proc/locks writes it.
bool same_file(const std::string& field, const FileId& id) {
    unsigned long major = 0, minor = 0, inode = 0;
    char c1 = 0, c2 = 0;
    std::istringstream in(field);
    in >> std::hex >> major >> c1 >> minor >> c2 >> std::dec >> inode;
    return in && c1 == ':' && c2 == ':' && major == id.major && minor == id.minor && inode == id.inode;
}

std::string command_line(long pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string out;
    for (char c : raw) out += (c == '\0') ? ' ' : (static_cast<unsigned char>(c) < 0x20 ? '?' : c);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (out.size() > 80) out = out.substr(0, 77) + "...";
    return out;
}

}  // namespace

std::optional<std::string> describe_lock_holder(const std::string& db_path) {
    std::vector<FileId> files;
    for (const auto& p : {db_path, db_path + "-shm", db_path + "-wal"})
        if (auto id = file_id(p)) files.push_back(*id);
    std::ifstream locks("/proc/locks");
    std::string line;
    while (std::getline(locks, line)) {
        // "1: POSIX  ADVISORY  WRITE 4242 08:01:1234567 120 120"
        std::istringstream in(line);
        std::string n, kind, mode, access, file;
        long pid = 0;
        if (!(in >> n >> kind >> mode >> access >> pid >> file)) continue;
        if (kind != "POSIX" || access != "WRITE" || pid <= 0 || pid == ::getpid()) continue;
        for (const auto& id : files)
            if (same_file(file, id)) {
                const std::string cmd = command_line(pid);
                return "pid " + std::to_string(pid) + (cmd.empty() ? "" : ": " + cmd);
            }
    }
    return std::nullopt;
}

}  // namespace hd::sqlite
