// The SQLite connection, statement cache and error wording.
#include "core/store/sqlite/db.hpp"

#include <cerrno>
#include "core/store/sqlite/fts_tokenizer.hpp"
#include "core/store/sqlite/lock_holder.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <thread>

#include "core/error.hpp"
#include "core/model/time.hpp"
#include "core/text/utf8.hpp"

namespace hd::sqlite {
namespace {

// hd_contains(haystack, needle): case-insensitive (Unicode case folding) substring test, used by the
// bare words of a filter. NULL haystack is no match.
void hd_contains(sqlite3_context* ctx, int, sqlite3_value** argv) {
    const auto* hay = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const auto* needle = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
    if (!hay || !needle) {
        sqlite3_result_int(ctx, 0);
        return;
    }
    const std::string_view h(hay, sqlite3_value_bytes(argv[0]));
    const std::string_view n(needle, sqlite3_value_bytes(argv[1]));
    const bool ascii_needle = std::all_of(n.begin(), n.end(), [](unsigned char c) { return c < 0x80; });
    if (ascii_needle) {
        // The common case, and a full scan runs it on every ticket: compare bytes, folding ASCII
        // letters only, with no allocation.
        const auto lower = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; };
        const auto it = std::search(h.begin(), h.end(), n.begin(), n.end(),
                                    [&](char a, char b) { return lower(a) == lower(b); });
        sqlite3_result_int(ctx, it != h.end() || n.empty() ? 1 : 0);
        return;
    }
    sqlite3_result_int(ctx, casefold(h).find(casefold(n)) != std::string::npos ? 1 : 0);
}

}  // namespace

Stmt::Stmt(Db& db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}

Stmt::~Stmt() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

Stmt& Stmt::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}
Stmt& Stmt::bind(int index, std::string_view value) {
    sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}
Stmt& Stmt::bind(int index, const std::optional<std::string>& value) {
    return value ? bind(index, std::string_view(*value)) : bind_null(index);
}
Stmt& Stmt::bind(int index, std::optional<std::int64_t> value) {
    return value ? bind(index, *value) : bind_null(index);
}
Stmt& Stmt::bind_null(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}
Stmt& Stmt::bind_static(int index, std::string_view value) {
    sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
    return *this;
}
Stmt& Stmt::bind_static(int index, const std::optional<std::string>& value) {
    return value ? bind_static(index, std::string_view(*value)) : bind_null(index);
}
Stmt& Stmt::bind_static(int index, std::optional<std::string_view> value) {
    return value ? bind_static(index, *value) : bind_null(index);
}
Stmt& Stmt::bind(int index, const SqlValue& value) {
    if (const auto* s = std::get_if<std::string>(&value)) return bind(index, std::string_view(*s));
    if (const auto* i = std::get_if<std::int64_t>(&value)) return bind(index, *i);
    return bind_null(index);
}
Stmt& Stmt::bind_all(const std::vector<SqlValue>& values, int first_index) {
    for (std::size_t i = 0; i < values.size(); ++i) bind(first_index + static_cast<int>(i), values[i]);
    return *this;
}

bool Stmt::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_.raise(rc, "running a query");
}

void Stmt::run() {
    while (step()) {
    }
    // Ready for the next bind-and-run of the same statement (as in a loop over tags).
    sqlite3_reset(stmt_);
}

void Stmt::reset() { sqlite3_reset(stmt_); }

std::int64_t Stmt::int64(int column) const { return sqlite3_column_int64(stmt_, column); }
double Stmt::double_value(int column) const { return sqlite3_column_double(stmt_, column); }
std::string Stmt::text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, sqlite3_column_bytes(stmt_, column)) : std::string();
}
std::optional<std::string> Stmt::opt_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}
std::optional<std::int64_t> Stmt::opt_int64(int column) const {
    if (is_null(column)) return std::nullopt;
    return int64(column);
}
bool Stmt::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

Db::Db(const std::string& path, bool read_only, std::int64_t busy_timeout_ms)
    : Db(path, read_only ? Mode::read_only : Mode::read_write, busy_timeout_ms) {}

Db::Db(const std::string& path, Mode mode, std::int64_t busy_timeout_ms) : path_(path), busy_timeout_ms_(busy_timeout_ms) {
    // No memory statistics: SQLite otherwise takes a global mutex around every allocation to count
    // it, 4 % of hd import's writing thread, for numbers hd never reads. It must be said before
    // SQLite initializes, that is before the process's first connection; said later, it is refused
    // and changes nothing.
    static const int kNoMemoryStatistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)kNoMemoryStatistics;
    int flags = (mode == Mode::read_write   ? SQLITE_OPEN_READWRITE
                 : mode == Mode::scratch    ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                            : SQLITE_OPEN_READONLY) |
                SQLITE_OPEN_NOMUTEX;
    std::string name = mode == Mode::scratch ? std::string() : path;
    if (mode == Mode::snapshot) {
        // A URI, so that immutable=1 can be given: the path with the characters that a URI gives a
        // meaning to escaped.
        name = "file:";
        for (const unsigned char c : path) {
            if (c == '%' || c == '?' || c == '#' || c < 0x21 || c >= 0x7f) {
                static const char* const kHex = "0123456789ABCDEF";
                name += '%';
                name += kHex[c >> 4];
                name += kHex[c & 15];
            } else {
                name += static_cast<char>(c);
            }
        }
        name += "?immutable=1";
        flags |= SQLITE_OPEN_URI;
    }
    const int rc = sqlite3_open_v2(name.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        // SQLite hands back a handle even when opening fails, and no destructor runs for a
        // constructor that throws: close it here, once raise has read its message.
        try {
            raise(rc, "opening the store");
        } catch (...) {
            sqlite3_close_v2(db_);
            db_ = nullptr;
            throw;
        }
    }
    sqlite3_extended_result_codes(db_, 1);
    // Closing the last connection would checkpoint the WAL into the file and delete it, and every hd
    // process is the last connection: three more fsyncs, two unlinks and a new WAL on each command.
    // The WAL stays instead; commits checkpoint it once it reaches 1000 pages (wal_autocheckpoint).
    sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    sqlite3_busy_handler(db_, &Db::wait_for_lock, this);
    sqlite3_create_function(db_, "hd_contains", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, hd_contains,
                            nullptr, nullptr);
    // The knowledge base's full-text index needs hd's tokenizer on every connection that touches it.
    register_fts_tokenizer(db_);
}

int Db::wait_for_lock(void* self, int attempt) {
    auto& db = *static_cast<Db*>(self);
    const auto now = std::chrono::steady_clock::now();
    if (attempt == 0) db.busy_since_ = now;
    if (now - db.busy_since_ >= std::chrono::milliseconds(db.busy_timeout_ms_)) return 0;  // give up: SQLITE_BUSY
    // 0.2 ms to 2^attempt ms, at most 10 ms: short waits keep the lock busy when it is freed.
    const int cap_us = 1000 * (1 << std::min(attempt, 3)) + 2000 * (attempt > 3);
    std::uniform_int_distribution<int> wait_us(200, std::min(cap_us, 10000));
    std::this_thread::sleep_for(std::chrono::microseconds(wait_us(db.jitter_)));
    return 1;
}

Db::~Db() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
}

Stmt Db::prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
        sqlite3_stmt* stmt = nullptr;
        const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                          &stmt, nullptr);
        if (rc != SQLITE_OK) raise(rc, "preparing a query");
        it = cache_.emplace(sql, stmt).first;
    }
    return Stmt(*this, it->second);
}

void Db::exec(const std::string& sql, std::string_view doing) {
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) raise(rc, doing);
}

std::int64_t Db::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Db::changes() const { return sqlite3_changes(db_); }

void Db::raise(int code, std::string_view doing) const {
    const std::string where = " (store " + path_ + ")";
    const std::string what(doing);
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED: {
            const auto holder = describe_lock_holder(path_);
            fail(ErrorKind::store, "the store is locked by another process" + (holder ? " (" + *holder + ")" : "") +
                                       "; gave up " + what + " after " + format_duration(busy_timeout_ms_ / 1000) + where +
                                       "; try again, or raise store.lock_timeout");
        }
        case SQLITE_FULL:
            fail(ErrorKind::store, "the disk is full; nothing was written" + where);
        case SQLITE_READONLY:
            fail(ErrorKind::store, "the store is read-only; cannot write" + where);
        case SQLITE_NOTADB:
            fail(ErrorKind::store, path_ + " is not an hd store (not an SQLite database)");
        case SQLITE_CORRUPT:
            fail(ErrorKind::store, "the store is corrupt" + where + "; restore it from a backup");
        case SQLITE_CANTOPEN:
            fail(ErrorKind::store, "cannot open the store" + where + ": " +
                                       (db_ ? sqlite3_errmsg(db_) : "unable to open database file"));
        case SQLITE_IOERR: {
            // SQLite reports a failed write as an I/O error; the system's errno says why.
            const int err = db_ ? sqlite3_system_errno(db_) : 0;
            if (err == ENOSPC || err == EDQUOT)
                fail(ErrorKind::store, "the disk is full; nothing was written" + where);
            if (err == EFBIG)
                fail(ErrorKind::store, "the store reached the largest file size allowed (ulimit -f); nothing was written" +
                                           where);
            if (err == EROFS)
                fail(ErrorKind::store, "the store is on a read-only file system; cannot write" + where);
            fail(ErrorKind::store, "I/O error " + what + where + ": " + (db_ ? sqlite3_errmsg(db_) : "disk I/O error"));
        }
        default:
            fail(ErrorKind::store, "store error " + what + where + ": " +
                                       (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code)));
    }
}

}  // namespace hd::sqlite
