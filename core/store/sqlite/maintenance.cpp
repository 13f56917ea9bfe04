#include "core/store/sqlite/maintenance.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <optional>

#include "core/error.hpp"
#include "core/store/sqlite/migrations.hpp"

namespace hd::sqlite {
namespace {

// A connection of its own to another file, closed on scope exit.
struct Handle {
    sqlite3* db = nullptr;
    ~Handle() { sqlite3_close_v2(db); }
};

std::string message_of(sqlite3* db) { return db ? sqlite3_errmsg(db) : "out of memory"; }

// Copies `from` (its main database) into `to`, all pages in one step: a consistent snapshot.
void copy_database(sqlite3* from, sqlite3* to, const std::string& doing) {
    sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
    if (!b) fail(ErrorKind::store, doing + ": " + message_of(to));
    int rc;
    // SQLITE_BUSY or LOCKED: another process holds a lock for a moment; the busy handler of the
    // store's connection does not cover the backup, so wait here, bounded.
    for (int attempt = 0; (rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED; ++attempt) {
        if (attempt == 3000) break;  // 30 s
        sqlite3_sleep(10);
    }
    const int finish = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) fail(ErrorKind::store, doing + ": " + sqlite3_errstr(rc));
    if (finish != SQLITE_OK) fail(ErrorKind::store, doing + ": " + message_of(to));
}

}  // namespace

std::vector<std::string> check_store(Db& db, int tiers) {
    std::vector<std::string> problems;
    {
        auto s = db.prepare("PRAGMA integrity_check");
        while (s.step())
            if (s.text(0) != "ok") problems.push_back("integrity: " + s.text(0));
    }
    {
        auto s = db.prepare("PRAGMA foreign_key_check");
        while (s.step())
            problems.push_back("foreign key: row " + s.opt_text(1).value_or("?") + " of " + s.text(0) +
                               " points at a missing row of " + s.text(2));
    }
    try {
        // With rank 1, FTS5 also compares its index with the articles it was built from. FTS5 checks
        // only through an INSERT, which a store this user may not write refuses: then a private copy
        // of the store is checked (a temporary file, deleted when closed).
        std::optional<Db> copy;
        if (sqlite3_db_readonly(db.handle(), "main") == 1) {
            copy.emplace(std::string(), Db::Mode::scratch, db.busy_timeout_ms());
            copy_database(db.handle(), copy->handle(), "copying the read-only store to check its search index");
        }
        (copy ? *copy : db).exec("INSERT INTO kb_fts (kb_fts, rank) VALUES ('integrity-check', 1)",
                                 "checking the search index");
    } catch (const Error& e) {
        problems.push_back(std::string("knowledge-base search index: ") + e.what() +
                           " (hd kb import the articles again, or restore a backup)");
    }
    {
        auto s = db.prepare(
            "SELECT t.id, t.status, e.new_value FROM tickets t JOIN events e ON e.id = "
            "(SELECT max(x.id) FROM events x WHERE x.ticket_id = t.id AND x.kind = 'status' AND x.merged_from IS NULL) "
            "WHERE e.new_value IS NOT t.status ORDER BY t.id");
        while (s.step())
            problems.push_back("ticket #" + std::to_string(s.int64(0)) + " is " + s.text(1) +
                               " but its last status event says " + s.opt_text(2).value_or("nothing"));
    }
    {
        auto s = db.prepare("SELECT id, tier FROM tickets WHERE tier < 1 OR tier > ? ORDER BY id");
        s.bind(1, std::int64_t{tiers});
        while (s.step())
            problems.push_back("ticket #" + std::to_string(s.int64(0)) + " is at tier L" + std::to_string(s.int64(1)) +
                               ", which the config does not have (L1 to L" + std::to_string(tiers) + ")");
    }
    {
        auto s = db.prepare(
            "SELECT from_id, to_id, kind FROM ticket_links l WHERE NOT EXISTS (SELECT 1 FROM tickets WHERE id = l.from_id) "
            "OR NOT EXISTS (SELECT 1 FROM tickets WHERE id = l.to_id)");
        while (s.step())
            problems.push_back("link #" + std::to_string(s.int64(0)) + " " + s.text(2) + " #" +
                               std::to_string(s.int64(1)) + " points at a missing ticket");
    }
    return problems;
}

void backup_store(Db& db, const std::filesystem::path& path) {
    const std::filesystem::path temporary = path.string() + ".hd-backup-" + std::to_string(::getpid());
    Handle to;
    if (sqlite3_open_v2(temporary.c_str(), &to.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        // The directory's reason ("Permission denied") rather than SQLite's "unable to open database file".
        std::string why = message_of(to.db);
        const std::string dir = path.has_parent_path() ? path.parent_path().string() : ".";
        if (::access(dir.c_str(), W_OK | X_OK) != 0) why = std::string(std::strerror(errno)) + " (directory " + dir + ")";
        fail(ErrorKind::store, "cannot create the backup " + path.string() + ": " + why);
    }
    try {
        copy_database(db.handle(), to.db, "copying the store to " + path.string());
        // A backup is one self-contained file, whatever journal mode the store uses.
        if (sqlite3_exec(to.db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr) != SQLITE_OK)
            fail(ErrorKind::store, "finishing the backup " + path.string() + ": " + message_of(to.db));
        sqlite3_close_v2(to.db);
        to.db = nullptr;
        std::error_code ec;
        std::filesystem::rename(temporary, path, ec);
        if (ec) fail(ErrorKind::store, "cannot write the backup " + path.string() + ": " + ec.message());
    } catch (...) {
        sqlite3_close_v2(to.db);
        to.db = nullptr;
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw;
    }
}

int check_backup(const std::filesystem::path& path, int latest_version) {
    const std::string name = path.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) fail(ErrorKind::usage, "no backup file " + name);
    Handle from;
    if (sqlite3_open_v2(name.c_str(), &from.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        fail(ErrorKind::usage, "cannot open " + name + ": " + message_of(from.db));
    const auto scalar = [&](const char* sql) -> std::string {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(from.db, sql, -1, &s, nullptr) != SQLITE_OK)
            fail(ErrorKind::usage, name + " is not an hd store (" + message_of(from.db) + ")");
        std::string out;
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
            out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
        return out;
    };
    const int version = std::stoi(scalar("PRAGMA user_version").empty() ? "0" : scalar("PRAGMA user_version"));
    if (scalar("PRAGMA application_id") != std::to_string(kApplicationId) ||
        scalar("SELECT count(*) FROM sqlite_master WHERE name = 'tickets'") != "1" || version < 1)
        fail(ErrorKind::usage, name + " is not an hd store");
    if (version > latest_version)
        fail(ErrorKind::usage, name + " is from a newer hd (schema " + std::to_string(version) + ", this hd knows " +
                                   std::to_string(latest_version) + ")");
    if (const std::string ok = scalar("PRAGMA integrity_check"); ok != "ok")
        fail(ErrorKind::usage, name + " is damaged: " + ok);
    return version;
}

void restore_store(Db& db, const std::filesystem::path& path) {
    Handle from;
    if (sqlite3_open_v2(path.c_str(), &from.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        fail(ErrorKind::usage, "cannot open " + path.string() + ": " + message_of(from.db));
    copy_database(from.db, db.handle(), "restoring " + path.string());
}

}  // namespace hd::sqlite
