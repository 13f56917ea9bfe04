// The SQLite implementation of Store: opening, creating and migrating the file, and every query.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "core/error.hpp"
#include "core/store/sqlite/db.hpp"
#include "core/store/sqlite/filter_sql.hpp"
#include "core/store/sqlite/migrations.hpp"
#include "core/store/store.hpp"

namespace hd {
namespace {

using sqlite::Db;
using sqlite::Stmt;

int latest_version() { return sqlite::migrations().back().version; }

// Creates the missing directories of `dir` with mode 0700 (as the XDG spec asks of data directories)
// and returns the ones it made, deepest last, so that a failed first command can take them back.
std::vector<std::filesystem::path> make_directories(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> made;
    std::filesystem::path partial;
    for (const auto& part : dir) {
        partial /= part;
        if (::mkdir(partial.c_str(), 0700) == 0)
            made.push_back(partial);
        else if (errno != EEXIST)
            fail(ErrorKind::store, "cannot create the store's directory " + partial.string() + ": " + std::strerror(errno));
    }
    return made;
}

// Creates an empty file with mode 0600 before SQLite sees it, so the store is never readable by
// others, whatever the umask.
void create_private_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) fail(ErrorKind::store, "cannot create the store " + path.string() + ": " + std::strerror(errno));
    ::close(fd);
}

void remove_sqlite_files(const std::filesystem::path& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((path.string() + suffix).c_str());
}

Ticket read_ticket(const Stmt& s) {
    // Column order is kTicketColumns below.
    Ticket t;
    t.id = s.int64(0);
    t.type = parse_ticket_type(s.text(1)).value_or(TicketType::incident);
    t.title = s.text(2);
    t.description = s.opt_text(3);
    t.status = parse_status(s.text(4)).value_or(Status::new_);
    t.priority = Priority{static_cast<int>(s.int64(5))};
    if (auto v = s.opt_text(6)) t.impact = parse_level(*v);
    if (auto v = s.opt_text(7)) t.urgency = parse_level(*v);
    t.category = s.opt_text(8);
    t.tier = static_cast<int>(s.int64(9));
    t.assignee = s.opt_text(10);
    t.requester = s.opt_text(11);
    if (auto v = s.opt_text(12)) t.channel = parse_channel(*v);
    t.created_at = s.int64(13);
    t.updated_at = s.int64(14);
    t.resolved_at = s.opt_int64(15);
    t.closed_at = s.opt_int64(16);
    if (auto v = s.opt_text(17)) t.resolution_code = parse_resolution_code(*v);
    t.dedup_key = s.opt_text(18);
    t.occurrences = s.int64(19);
    if (auto tags = s.opt_text(20)) {
        // group_concat with the unit separator, which a tag cannot contain (tags have no controls).
        std::size_t start = 0;
        while (start <= tags->size()) {
            const auto end = tags->find('\x1f', start);
            t.tags.push_back(tags->substr(start, end == std::string::npos ? std::string::npos : end - start));
            if (end == std::string::npos) break;
            start = end + 1;
        }
        std::sort(t.tags.begin(), t.tags.end());
    }
    return t;
}

constexpr const char* kTicketColumns =
    "t.id, t.type, t.title, t.description, t.status, t.priority, t.impact, t.urgency, t.category, t.tier, "
    "t.assignee, t.requester, t.channel, t.created_at, t.updated_at, t.resolved_at, t.closed_at, "
    "t.resolution_code, t.dedup_key, t.occurrences, "
    "(SELECT group_concat(g.tag, char(31)) FROM ticket_tags g WHERE g.ticket_id = t.id)";

std::optional<std::string> opt_name(const auto& value) {
    if (!value) return std::nullopt;
    return std::string(to_string(*value));
}

class SqliteStore final : public Store {
public:
    explicit SqliteStore(const StoreOptions& options) : options_(options) {
        const bool present = std::filesystem::exists(options.path);
        if (!present && !options.create) return;  // nothing to read yet: an empty store
        if (!present) {
            stage_new_store();
            return;
        }
        const bool writable = ::access(options.path.c_str(), W_OK) == 0;
        db_ = std::make_unique<Db>(options.path.string(), !writable, options.lock_timeout_ms);
        check_and_migrate(writable);
    }

    ~SqliteStore() override {
        if (staging_path_.empty()) return;
        // The first command on a new store failed: take back the file and the directories it made.
        db_.reset();
        remove_sqlite_files(staging_path_);
        for (auto it = made_directories_.rbegin(); it != made_directories_.rend(); ++it) ::rmdir(it->c_str());
    }

    void begin_read() override {
        if (!db_) return;
        db_->exec("BEGIN", "starting a read");
        in_tx_ = true;
    }
    void begin_write() override {
        if (!db_) fail(ErrorKind::other, "internal: the store was opened for reading only");
        db_->exec("BEGIN IMMEDIATE", "waiting for the write lock");
        in_tx_ = true;
    }
    void commit() override {
        if (!db_ || !in_tx_) return;
        db_->exec("COMMIT", "committing");
        in_tx_ = false;
        if (!staging_path_.empty()) publish();
    }
    void rollback() noexcept override {
        if (!db_ || !in_tx_) return;
        sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        in_tx_ = false;
    }

    bool exists() const override { return db_ != nullptr; }
    std::string location() const override { return options_.path.string(); }

    int schema_version() override {
        if (!db_) return 0;
        auto s = db_->prepare("PRAGMA user_version");
        return s.step() ? static_cast<int>(s.int64(0)) : 0;
    }

    TicketId insert_ticket(const Ticket& t) override {
        auto s = db_->prepare(
            "INSERT INTO tickets (type, title, description, status, priority, impact, urgency, category, tier, "
            "assignee, requester, channel, created_at, updated_at, resolved_at, closed_at, resolution_code, "
            "dedup_key, occurrences, last_seen_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        bind_ticket(s, t);
        s.bind(20, t.created_at);
        s.run();
        const TicketId id = db_->last_insert_rowid();
        write_tags(id, t.tags);
        return id;
    }

    std::optional<Ticket> find_ticket(TicketId id) override {
        if (!db_) return std::nullopt;
        auto s = db_->prepare(std::string("SELECT ") + kTicketColumns + " FROM tickets t WHERE t.id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return read_ticket(s);
    }

    void update_ticket(const Ticket& t) override {
        auto s = db_->prepare(
            "UPDATE tickets SET type=?, title=?, description=?, status=?, priority=?, impact=?, urgency=?, "
            "category=?, tier=?, assignee=?, requester=?, channel=?, created_at=?, updated_at=?, resolved_at=?, "
            "closed_at=?, resolution_code=?, dedup_key=?, occurrences=? WHERE id=?");
        bind_ticket(s, t);
        s.bind(20, t.id);
        s.run();
        if (db_->changes() != 1) fail(ErrorKind::not_found, "no ticket #" + std::to_string(t.id));
        auto del = db_->prepare("DELETE FROM ticket_tags WHERE ticket_id = ?");
        del.bind(1, t.id).run();
        write_tags(t.id, t.tags);
    }

    std::vector<Ticket> list_tickets(const TicketQuery& q) override {
        std::vector<Ticket> out;
        if (!db_) return out;
        const auto where = sqlite::compile_filter(q.filter, q.include_closed);
        std::string sql = std::string("SELECT ") + kTicketColumns + " FROM tickets t " + where.sql + " " +
                          sqlite::compile_order_by(q.sort);
        if (q.limit) sql += " LIMIT " + std::to_string(*q.limit);  // an int, never user text
        auto s = db_->prepare(sql);
        s.bind_all(where.binds);
        while (s.step()) out.push_back(read_ticket(s));
        return out;
    }

    bool any_ticket(const TicketQuery& q) override {
        if (!db_) return false;
        const auto where = sqlite::compile_filter(q.filter, q.include_closed);
        auto s = db_->prepare("SELECT EXISTS (SELECT 1 FROM tickets t " + where.sql + ")");
        s.bind_all(where.binds);
        return s.step() && s.int64(0) != 0;
    }

    std::int64_t insert_comment(const Comment& c) override {
        auto s = db_->prepare("INSERT INTO comments (ticket_id, at, author, body, internal) VALUES (?,?,?,?,?)");
        s.bind(1, c.ticket).bind(2, c.at).bind(3, std::string_view(c.author)).bind(4, std::string_view(c.body));
        s.bind(5, std::int64_t{c.internal ? 1 : 0});
        s.run();
        return db_->last_insert_rowid();
    }

    std::vector<Comment> comments(TicketId id) override {
        std::vector<Comment> out;
        if (!db_) return out;
        auto s = db_->prepare(
            "SELECT id, ticket_id, at, author, body, internal FROM comments WHERE ticket_id = ? ORDER BY id");
        s.bind(1, id);
        while (s.step())
            out.push_back(Comment{s.int64(0), s.int64(1), s.int64(2), s.text(3), s.text(4), s.int64(5) != 0});
        return out;
    }

    std::int64_t insert_event(const Event& e) override {
        auto s = db_->prepare(
            "INSERT INTO events (ticket_id, at, actor, kind, field, old_value, new_value, note) "
            "VALUES (?,?,?,?,?,?,?,?)");
        s.bind(1, e.ticket).bind(2, e.at).bind(3, std::string_view(e.actor)).bind(4, std::string_view(e.kind));
        s.bind(5, e.field).bind(6, e.old_value).bind(7, e.new_value).bind(8, e.note);
        s.run();
        return db_->last_insert_rowid();
    }

    std::vector<Event> events(TicketId id) override {
        std::vector<Event> out;
        if (!db_) return out;
        auto s = db_->prepare(
            "SELECT id, ticket_id, at, actor, kind, field, old_value, new_value, note FROM events "
            "WHERE ticket_id = ? ORDER BY id");
        s.bind(1, id);
        while (s.step())
            out.push_back(Event{s.int64(0), s.int64(1), s.int64(2), s.text(3), s.text(4), s.opt_text(5),
                                s.opt_text(6), s.opt_text(7), s.opt_text(8)});
        return out;
    }

private:
    void bind_ticket(Stmt& s, const Ticket& t) {
        s.bind(1, to_string(t.type)).bind(2, std::string_view(t.title)).bind(3, t.description);
        s.bind(4, to_string(t.status)).bind(5, std::int64_t{t.priority.value});
        s.bind(6, opt_name(t.impact)).bind(7, opt_name(t.urgency)).bind(8, t.category);
        s.bind(9, std::int64_t{t.tier}).bind(10, t.assignee).bind(11, t.requester).bind(12, opt_name(t.channel));
        s.bind(13, t.created_at).bind(14, t.updated_at).bind(15, t.resolved_at).bind(16, t.closed_at);
        s.bind(17, opt_name(t.resolution_code)).bind(18, t.dedup_key).bind(19, t.occurrences);
    }

    void write_tags(TicketId id, const std::vector<std::string>& tags) {
        auto s = db_->prepare("INSERT OR IGNORE INTO ticket_tags (ticket_id, tag) VALUES (?, ?)");
        for (const auto& tag : tags) {
            s.bind(1, id).bind(2, std::string_view(tag));
            s.run();
        }
    }

    // A new store is built beside its final name and appears there whole, with its first command's
    // data, only when that command commits. So no process ever sees a half-made store, and a first
    // command that fails leaves nothing behind.
    void stage_new_store() {
        made_directories_ = make_directories(options_.path.parent_path());
        staging_path_ = options_.path.string() + ".new-" + std::to_string(::getpid());
        remove_sqlite_files(staging_path_);  // left by a crashed process with a recycled pid
        create_private_file(staging_path_);
        db_ = std::make_unique<Db>(staging_path_.string(), false, options_.lock_timeout_ms);
        migrate();
    }

    void publish() {
        db_.reset();  // closing the last connection checkpoints the WAL into the file
        const int rc = ::link(staging_path_.c_str(), options_.path.c_str());
        const int err = errno;
        remove_sqlite_files(staging_path_);
        staging_path_.clear();
        if (rc != 0 && err == EEXIST) throw StoreCreatedMeanwhile();
        if (rc != 0) fail(ErrorKind::store, "cannot create the store " + options_.path.string() + ": " + std::strerror(err));
        made_directories_.clear();
        db_ = std::make_unique<Db>(options_.path.string(), false, options_.lock_timeout_ms);
        db_->exec("PRAGMA foreign_keys = ON", "setting up the store");
    }

    // Checks that the file is an hd store this hd understands, and brings an older one up to date.
    void check_and_migrate(bool writable) {
        int app_id = 0;
        int version = 0;
        bool empty = false;
        // One snapshot, so that a store another hd upgrades meanwhile is seen wholly before or after.
        db_->exec("BEGIN", "reading the store's header");
        try {
            auto a = db_->prepare("PRAGMA application_id");
            if (a.step()) app_id = static_cast<int>(a.int64(0));
            auto v = db_->prepare("PRAGMA user_version");
            if (v.step()) version = static_cast<int>(v.int64(0));
            auto c = db_->prepare("SELECT count(*) FROM sqlite_schema");
            empty = c.step() && c.int64(0) == 0;
        } catch (...) {
            sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
        db_->exec("COMMIT", "reading the store's header");
        if (app_id == 0 && version == 0) {
            if (!empty)
                fail(ErrorKind::store, options_.path.string() + " is not an hd store (an SQLite database of something else)");
        } else if (app_id != sqlite::kApplicationId) {
            fail(ErrorKind::store, options_.path.string() + " is not an hd store (an SQLite database of something else)");
        }
        if (version > latest_version())
            fail(ErrorKind::store, options_.path.string() + " was written by a newer hd (schema " +
                                       std::to_string(version) + ", this hd knows up to " +
                                       std::to_string(latest_version()) + "); upgrade hd to use it");
        if (version == latest_version()) {
            db_->exec("PRAGMA foreign_keys = ON", "setting up the store");
            return;
        }
        if (!writable) {
            if (version == 0 && !options_.create) {
                db_.reset();  // an empty file nobody may write: read as an empty store
                return;
            }
            fail(ErrorKind::store, "the store " + options_.path.string() + " needs an upgrade but is read-only");
        }
        if (version == 0 && !options_.create) {
            db_.reset();  // an empty file: reads see an empty store; the first write creates the schema
            return;
        }
        migrate();
    }

    void migrate() {
        // WAL lets readers go on while one writer commits; it is a property of the file, set once.
        db_->exec("PRAGMA journal_mode = WAL", "switching the store to WAL mode");
        db_->exec("PRAGMA synchronous = NORMAL", "setting up the store");
        // Each migration in its own transaction; the version is re-read under the write lock because
        // another hd may have migrated while this one waited.
        for (const auto& m : sqlite::migrations()) {
            db_->exec("BEGIN IMMEDIATE", "waiting to upgrade the store");
            try {
                int version = 0;
                {
                    auto s = db_->prepare("PRAGMA user_version");
                    if (s.step()) version = static_cast<int>(s.int64(0));
                }
                if (version < m.version) {
                    db_->exec(std::string(m.sql), "upgrading the store to schema " + std::to_string(m.version));
                    db_->exec("PRAGMA user_version = " + std::to_string(m.version), "upgrading the store");
                    db_->exec("PRAGMA application_id = " + std::to_string(sqlite::kApplicationId),
                              "upgrading the store");
                }
                db_->exec("COMMIT", "upgrading the store");
            } catch (...) {
                sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
                throw;
            }
        }
        db_->exec("PRAGMA foreign_keys = ON", "setting up the store");
    }

    StoreOptions options_;
    std::unique_ptr<Db> db_;
    bool in_tx_ = false;
    std::filesystem::path staging_path_;  // set while a new store waits for its first commit
    std::vector<std::filesystem::path> made_directories_;
};

}  // namespace

int Store::current_schema_version() { return latest_version(); }

std::unique_ptr<Store> open_sqlite_store(const StoreOptions& options) { return std::make_unique<SqliteStore>(options); }

}  // namespace hd
