// A thin RAII layer over the SQLite C API: a connection with a statement cache, and statements that
// reset themselves. Every SQLite error becomes an hd::Error(store) saying what hd was doing.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/sqlite/filter_sql.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace hd::sqlite {

class Db;

// A cached prepared statement in use: bind, step, read columns; reset and unbound on destruction.
class Stmt {
public:
    Stmt(Db& db, sqlite3_stmt* stmt);
    ~Stmt();
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int index, std::int64_t value);
    Stmt& bind(int index, std::string_view value);
    Stmt& bind(int index, const std::optional<std::string>& value);
    Stmt& bind(int index, std::optional<std::int64_t> value);
    Stmt& bind_null(int index);
    // Binds a text without copying it: SQLite reads it when the statement runs, so it must live
    // until run() or the last step() returns. For the many rows of a bulk write, where the copies
    // cost a malloc, a memcpy and a free each.
    Stmt& bind_static(int index, std::string_view value);
    Stmt& bind_static(int index, const std::string& value) { return bind_static(index, std::string_view(value)); }
    Stmt& bind_static(int index, const std::optional<std::string>& value);
    Stmt& bind_static(int index, std::optional<std::string_view> value);
    Stmt& bind(int index, const SqlValue& value);
    Stmt& bind_all(const std::vector<SqlValue>& values, int first_index = 1);

    bool step();  // true while a row is available
    void run();   // steps a statement that returns no rows
    void reset(); // ready to bind and step again, after reading some of its rows

    std::int64_t int64(int column) const;
    double double_value(int column) const;
    std::string text(int column) const;
    std::optional<std::string> opt_text(int column) const;
    std::optional<std::int64_t> opt_int64(int column) const;
    bool is_null(int column) const;

private:
    Db& db_;
    sqlite3_stmt* stmt_;
};

class Db {
public:
    // How a file is opened. snapshot: read-only, as a file that nobody changes (SQLite's immutable=1):
    // no locks, and none of SQLite's files beside it (-wal, -shm) opened or created; see
    // SqliteStore::open_snapshot for when that is sound. scratch: a private temporary database (the
    // path is ignored), deleted when closed.
    enum class Mode { read_write, read_only, snapshot, scratch };

    // Opens an existing file; read_only for a store hd may not write to.
    Db(const std::string& path, bool read_only, std::int64_t busy_timeout_ms);
    Db(const std::string& path, Mode mode, std::int64_t busy_timeout_ms);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    Stmt prepare(const std::string& sql);  // cached per connection
    void exec(const std::string& sql, std::string_view doing);  // no bound values, no rows
    std::int64_t last_insert_rowid() const;
    int changes() const;

    // Throws hd::Error(store) for an SQLite result code, worded for the user.
    [[noreturn]] void raise(int code, std::string_view doing) const;

    const std::string& path() const { return path_; }
    sqlite3* handle() { return db_; }
    std::int64_t busy_timeout_ms() const { return busy_timeout_ms_; }

    // SQLite's busy handler: waits for the lock in short, jittered sleeps (so that a hundred writers
    // started by the same cron minute do not wake in lockstep) until the lock timeout has passed.
    static int wait_for_lock(void* self, int attempt);

private:
    std::chrono::steady_clock::time_point busy_since_;
    std::minstd_rand jitter_{static_cast<std::minstd_rand::result_type>(std::random_device{}())};
    sqlite3* db_ = nullptr;
    std::string path_;
    std::int64_t busy_timeout_ms_;
    std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

}  // namespace hd::sqlite
