// The SQLite implementation of Store: opening, creating and migrating the file, and every query.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <system_error>

#include "core/error.hpp"
#include "core/store/sqlite/db.hpp"
#include "core/store/sqlite/filter_sql.hpp"
#include "core/store/sqlite/id_set.hpp"
#include "core/store/sqlite/kb_store.hpp"
#include "core/store/sqlite/maintenance.hpp"
#include "core/store/sqlite/report_store.hpp"
#include "core/store/sqlite/sla_store.hpp"
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

// Splits a group_concat made with the unit separator, which names and tags cannot contain (they
// have no control characters), and sorts it.
std::vector<std::string> split_list(const std::optional<std::string>& joined) {
    std::vector<std::string> out;
    if (!joined) return out;
    std::size_t start = 0;
    for (;;) {
        const auto end = joined->find('\x1f', start);
        out.push_back(joined->substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    std::sort(out.begin(), out.end());
    return out;
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
    t.tags = split_list(s.opt_text(20));
    t.team = s.opt_text(21);
    t.escalations = s.int64(22);
    t.cc = split_list(s.opt_text(23));
    t.last_seen_at = s.opt_int64(24);
    return t;
}

#define HD_TICKET_COLUMNS(TAGS, CC)                                                                  \
    "t.id, t.type, t.title, t.description, t.status, t.priority, t.impact, t.urgency, t.category, t.tier, " \
    "t.assignee, t.requester, t.channel, t.created_at, t.updated_at, t.resolved_at, t.closed_at, "          \
    "t.resolution_code, t.dedup_key, t.occurrences, " TAGS ", t.team, t.escalations, " CC ", t.last_seen_at"
constexpr const char* kTicketColumns =
    HD_TICKET_COLUMNS("(SELECT group_concat(g.tag, char(31)) FROM ticket_tags g WHERE g.ticket_id = t.id)",
                      "(SELECT group_concat(c.name, char(31)) FROM ticket_cc c WHERE c.ticket_id = t.id)");
// The same columns with the tags and cc left NULL, which read_ticket takes as none.
constexpr const char* kTicketColumnsWithoutLists = HD_TICKET_COLUMNS("NULL", "NULL");
#undef HD_TICKET_COLUMNS

std::optional<std::string> opt_name(const auto& value) {
    if (!value) return std::nullopt;
    return std::string(to_string(*value));
}
// The same name as a view of hd's own constant, for Stmt::bind_static.
std::optional<std::string_view> opt_name_view(const auto& value) {
    if (!value) return std::nullopt;
    return to_string(*value);
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
        open_existing();
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
        if (!read_only_reason_.empty()) fail(ErrorKind::store, read_only_reason_ + "; nothing was written");
        db_->exec("BEGIN IMMEDIATE", "waiting for the write lock");
        in_tx_ = true;
    }
    void ready_to_commit() override { claim_new_store(); }

    void commit() override {
        if (!db_ || !in_tx_) return;
        claim_new_store();
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
    KbStore& kb() override { return *kb_; }
    ReportStore& reports() override { return *reports_; }
    SlaStore& sla() override { return *sla_; }

    std::vector<std::string> check(int tiers) override {
        if (!db_) return {};
        return sqlite::check_store(*db_, tiers);
    }
    void backup_to(const std::filesystem::path& path) override {
        if (!db_) fail(ErrorKind::not_found, "there is no store at " + options_.path.string() + " to back up");
        sqlite::backup_store(*db_, path);
    }
    void restore_from(const std::filesystem::path& path) override {
        sqlite::check_backup(path, latest_version());
        if (!db_) fail(ErrorKind::not_found, "there is no store at " + options_.path.string() + " (hd init makes one)");
        if (!read_only_reason_.empty()) fail(ErrorKind::store, read_only_reason_ + "; nothing was written");
        sqlite::restore_store(*db_, path);
        check_and_migrate(true);  // an older backup is brought up to this hd's schema
    }
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
            "dedup_key, occurrences, team, escalations, last_seen_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        bind_ticket(s, t);
        s.bind(22, t.last_seen_at ? *t.last_seen_at : t.created_at);
        s.run();
        const TicketId id = db_->last_insert_rowid();
        write_tags(id, t.tags);
        write_cc(id, t.cc);
        return id;
    }

    std::optional<Ticket> find_ticket(TicketId id) override {
        if (!db_) return std::nullopt;
        auto s = db_->prepare(std::string("SELECT ") + kTicketColumns + " FROM tickets t WHERE t.id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return read_ticket(s);
    }

    std::optional<Ticket> find_by_dedup_key(const std::string& key) override {
        if (!db_) return std::nullopt;
        auto s = db_->prepare(std::string("SELECT ") + kTicketColumns +
                              " FROM tickets t WHERE t.dedup_key = ? ORDER BY t.id DESC LIMIT 1");
        s.bind(1, std::string_view(key));
        if (!s.step()) return std::nullopt;
        return read_ticket(s);
    }

    void update_ticket(const Ticket& t) override {
        auto s = db_->prepare(
            "UPDATE tickets SET type=?, title=?, description=?, status=?, priority=?, impact=?, urgency=?, "
            "category=?, tier=?, assignee=?, requester=?, channel=?, created_at=?, updated_at=?, resolved_at=?, "
            "closed_at=?, resolution_code=?, dedup_key=?, occurrences=?, team=?, escalations=?, last_seen_at=? "
            "WHERE id=?");
        bind_ticket(s, t);
        s.bind(22, t.last_seen_at);
        s.bind(23, t.id);
        s.run();
        if (db_->changes() != 1) fail(ErrorKind::not_found, "no ticket #" + std::to_string(t.id));
        auto del = db_->prepare("DELETE FROM ticket_tags WHERE ticket_id = ?");
        del.bind(1, t.id).run();
        write_tags(t.id, t.tags);
        auto del_cc = db_->prepare("DELETE FROM ticket_cc WHERE ticket_id = ?");
        del_cc.bind(1, t.id).run();
        write_cc(t.id, t.cc);
    }

    std::vector<Ticket> list_tickets(const TicketQuery& q) override {
        std::vector<Ticket> out;
        if (!db_) return out;
        select_tickets(q.with_tags_and_cc ? kTicketColumns : kTicketColumnsWithoutLists, q,
                       [&out](Stmt& s) { out.push_back(read_ticket(s)); });
        return out;
    }

    std::vector<TicketTitle> ticket_titles(const TicketQuery& q) override {
        std::vector<TicketTitle> out;
        if (!db_) return out;
        select_tickets("t.id, t.title", q, [&out](Stmt& s) { out.push_back(TicketTitle{s.int64(0), s.text(1)}); });
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
            "INSERT INTO events (ticket_id, at, actor, kind, field, old_value, new_value, note, merged_from) "
            "VALUES (?,?,?,?,?,?,?,?,?)");
        s.bind(1, e.ticket).bind(2, e.at).bind(3, std::string_view(e.actor)).bind(4, std::string_view(e.kind));
        s.bind(5, e.field).bind(6, e.old_value).bind(7, e.new_value).bind(8, e.note).bind(9, e.merged_from);
        s.run();
        return db_->last_insert_rowid();
    }

    std::vector<Ticket> queue(int tier, std::optional<int> limit) override {
        std::vector<Ticket> out;
        if (!db_) return out;
        // The WHERE clause repeats the partial index tickets_queue's condition word for word, so the
        // query walks that index in order and stops at the limit.
        auto s = db_->prepare(std::string("SELECT ") + kTicketColumns +
                              " FROM tickets t WHERE t.tier = ? AND t.assignee IS NULL AND "
                              "(t.status = 'new' OR t.status = 'open' OR t.status = 'pending') "
                              "ORDER BY t.priority, t.created_at, t.id LIMIT ?");
        s.bind(1, std::int64_t{tier}).bind(2, std::int64_t{limit.value_or(-1)});
        while (s.step()) out.push_back(read_ticket(s));
        return out;
    }

    std::vector<TierCounts> tier_counts() override {
        std::vector<TierCounts> out;
        if (!db_) return out;
        auto s = db_->prepare(
            "SELECT tier, count(*), sum(assignee IS NULL) FROM tickets "
            "WHERE status IN ('new', 'open', 'pending') GROUP BY tier ORDER BY tier");
        while (s.step()) out.push_back(TierCounts{static_cast<int>(s.int64(0)), s.int64(1), s.int64(2)});
        return out;
    }

    void insert_agent(const Agent& a) override {
        auto s = db_->prepare(
            "INSERT INTO agents (name, tier, email, team, created_at, last_assigned_at) VALUES (?,?,?,?,?,?)");
        s.bind(1, std::string_view(a.name)).bind(2, std::int64_t{a.tier}).bind(3, a.email).bind(4, a.team);
        s.bind(5, a.created_at).bind(6, a.last_assigned_at);
        s.run();
    }

    std::optional<Agent> find_agent(const std::string& name) override {
        if (!db_) return std::nullopt;
        auto s = db_->prepare(
            "SELECT name, tier, email, team, created_at, last_assigned_at FROM agents WHERE name = ?");
        s.bind(1, std::string_view(name));
        if (!s.step()) return std::nullopt;
        return read_agent(s);
    }

    std::vector<Agent> list_agents() override {
        std::vector<Agent> out;
        if (!db_) return out;
        auto s = db_->prepare(
            "SELECT name, tier, email, team, created_at, last_assigned_at FROM agents ORDER BY tier, name");
        while (s.step()) out.push_back(read_agent(s));
        return out;
    }

    void update_agent(const Agent& a) override {
        auto s = db_->prepare("UPDATE agents SET tier = ?, email = ?, team = ?, last_assigned_at = ? WHERE name = ?");
        s.bind(1, std::int64_t{a.tier}).bind(2, a.email).bind(3, a.team).bind(4, a.last_assigned_at);
        s.bind(5, std::string_view(a.name));
        s.run();
    }

    void delete_agent(const std::string& name) override {
        auto s = db_->prepare("DELETE FROM agents WHERE name = ?");
        s.bind(1, std::string_view(name)).run();
    }

    std::int64_t count_agents() override {
        if (!db_) return 0;
        auto s = db_->prepare("SELECT count(*) FROM agents");
        return s.step() ? s.int64(0) : 0;
    }

    std::vector<AgentLoad> agent_loads(std::optional<int> tier) override {
        std::vector<AgentLoad> out;
        if (!db_) return out;
        auto s = db_->prepare(
            "SELECT a.name, a.tier, a.email, a.team, a.created_at, a.last_assigned_at, "
            "(SELECT count(*) FROM tickets t WHERE t.assignee = a.name AND t.status IN ('new', 'open', 'pending')) "
            "FROM agents a WHERE ?1 IS NULL OR a.tier = ?1 ORDER BY a.tier, a.name");
        s.bind(1, tier ? std::optional<std::int64_t>(*tier) : std::nullopt);
        while (s.step()) out.push_back(AgentLoad{read_agent(s), s.int64(6)});
        return out;
    }

    bool insert_link(const Link& l) override {
        auto s = db_->prepare(
            "INSERT OR IGNORE INTO ticket_links (from_id, to_id, kind, created_at, actor) VALUES (?,?,?,?,?)");
        s.bind(1, l.from).bind(2, l.to).bind(3, to_string(l.kind)).bind(4, l.created_at);
        s.bind(5, std::string_view(l.actor));
        s.run();
        return db_->changes() == 1;
    }

    bool delete_links(TicketId a, TicketId b) override {
        auto s = db_->prepare(
            "DELETE FROM ticket_links WHERE (from_id = ?1 AND to_id = ?2) OR (from_id = ?2 AND to_id = ?1)");
        s.bind(1, a).bind(2, b).run();
        return db_->changes() > 0;
    }

    std::vector<Link> links(TicketId id) override {
        std::vector<Link> out;
        if (!db_) return out;
        auto s = db_->prepare(
            "SELECT from_id, to_id, kind, created_at, actor FROM ticket_links WHERE from_id = ?1 "
            "UNION ALL SELECT from_id, to_id, kind, created_at, actor FROM ticket_links WHERE to_id = ?1 "
            "ORDER BY 4, 1, 2");
        s.bind(1, id);
        while (s.step())
            out.push_back(Link{s.int64(0), s.int64(1), parse_link_kind(s.text(2)).value_or(LinkKind::relates),
                               s.int64(3), s.text(4)});
        return out;
    }

    void move_comments(TicketId from, TicketId to) override {
        auto s = db_->prepare("UPDATE comments SET ticket_id = ? WHERE ticket_id = ?");
        s.bind(1, to).bind(2, from).run();
    }

    void copy_events(TicketId from, TicketId to) override {
        auto s = db_->prepare(
            "INSERT INTO events (ticket_id, at, actor, kind, field, old_value, new_value, note, merged_from) "
            "SELECT ?1, at, actor, kind, field, old_value, new_value, note, coalesce(merged_from, ?2) "
            "FROM events WHERE ticket_id = ?2 ORDER BY id");
        s.bind(1, to).bind(2, from).run();
    }

    std::vector<Event> events(TicketId id) override {
        std::vector<Event> out;
        if (!db_) return out;
        auto s = db_->prepare(
            "SELECT id, ticket_id, at, actor, kind, field, old_value, new_value, note, merged_from FROM events "
            "WHERE ticket_id = ? ORDER BY id");
        s.bind(1, id);
        while (s.step())
            out.push_back(Event{s.int64(0), s.int64(1), s.int64(2), s.text(3), s.text(4), s.opt_text(5),
                                s.opt_text(6), s.opt_text(7), s.opt_text(8), s.opt_int64(9)});
        return out;
    }

    void for_each_ticket_record(const TicketQuery& q, const std::function<void(const TicketRecord&)>& each) override {
        if (!db_) return;
        const auto where = sqlite::compile_filter(q.filter, q.include_closed);
        // Comments, events and links are read alongside the tickets, each in ticket order, so that one
        // pass of four cursors serves any number of tickets. A filter narrows them to its tickets.
        const auto narrowed = [&where](const char* column) {
            if (where.sql.empty()) return std::string();
            return std::string(" WHERE ") + column + " IN (SELECT t.id FROM tickets t " + where.sql + ")";
        };
        auto tickets = db_->prepare(std::string("SELECT ") + kTicketColumns + " FROM tickets t " + where.sql +
                                    " ORDER BY t.id");
        auto comments = db_->prepare("SELECT id, ticket_id, at, author, body, internal FROM comments" +
                                     narrowed("ticket_id") + " ORDER BY ticket_id, id");
        auto events = db_->prepare(
            "SELECT id, ticket_id, at, actor, kind, field, old_value, new_value, note, merged_from FROM events" +
            narrowed("ticket_id") + " ORDER BY ticket_id, id");
        auto links = db_->prepare("SELECT from_id, to_id, kind, created_at, actor FROM ticket_links" +
                                  narrowed("from_id") + " ORDER BY from_id, to_id, kind");
        for (Stmt* s : {&tickets, &comments, &events, &links}) s->bind_all(where.binds);
        bool more_comments = comments.step();
        bool more_events = events.step();
        bool more_links = links.step();
        TicketRecord r;
        while (tickets.step()) {
            r.ticket = read_ticket(tickets);
            const TicketId id = r.ticket.id;
            r.comments.clear();
            r.events.clear();
            r.links.clear();
            for (; more_comments && comments.int64(1) <= id; more_comments = comments.step())
                if (comments.int64(1) == id)
                    r.comments.push_back(Comment{comments.int64(0), id, comments.int64(2), comments.text(3),
                                                 comments.text(4), comments.int64(5) != 0});
            for (; more_events && events.int64(1) <= id; more_events = events.step())
                if (events.int64(1) == id)
                    r.events.push_back(Event{events.int64(0), id, events.int64(2), events.text(3), events.text(4),
                                             events.opt_text(5), events.opt_text(6), events.opt_text(7),
                                             events.opt_text(8), events.opt_int64(9)});
            for (; more_links && links.int64(0) <= id; more_links = links.step())
                if (links.int64(0) == id)
                    r.links.push_back(Link{id, links.int64(1), parse_link_kind(links.text(2)).value_or(LinkKind::relates),
                                           links.int64(3), links.text(4)});
            each(r);
        }
    }

    void insert_ticket_record(TicketRecord r) override {
        if (bulk_ && r.ticket.id > 0) {
            hold(std::move(r));
            return;
        }
        auto s = db_->prepare(
            "INSERT INTO tickets (type, title, description, status, priority, impact, urgency, category, tier, "
            "assignee, requester, channel, created_at, updated_at, resolved_at, closed_at, resolution_code, "
            "dedup_key, occurrences, team, escalations, last_seen_at, id) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING");
        bind_ticket_row(s, 0, r.ticket);
        if (r.ticket.id <= 0) s.bind_null(23);
        s.run();
        if (db_->changes() != 1)
            fail(ErrorKind::usage, "ticket #" + std::to_string(r.ticket.id) + " is in the store already");
        write_record_rows(r, r.ticket.id > 0 ? r.ticket.id : db_->last_insert_rowid());
    }

    bool ticket_exists(TicketId id) override {
        if (!db_) return false;
        auto s = db_->prepare("SELECT 1 FROM tickets WHERE id = ?");
        s.bind(1, id);
        return s.step();
    }

    HighestIds highest_ids() override {
        if (!db_) return {};
        auto s = db_->prepare(
            "SELECT coalesce((SELECT max(id) FROM tickets), 0), coalesce((SELECT max(id) FROM comments), 0), "
            "coalesce((SELECT max(id) FROM events), 0)");
        if (!s.step()) return {};
        return HighestIds{s.int64(0), s.int64(1), s.int64(2)};
    }

    void prepare_bulk_write(std::int64_t tickets) override {
        if (!db_) return;
        // 4 MiB, taken only as the transaction grows. The indexes are dropped and built again by sorting
        // (below), so the inserts touch little but the tables' last pages: 16 MiB bought no measurable
        // speed for 12 MB more (an import of 100,000 tickets peaks under 30 MB with 4 MiB, 190 MB with
        // 256). The sorter that builds the indexes again takes about as much, then spills to a file.
        db_->exec("PRAGMA cache_size = -4096", "preparing the store for a bulk import");
        bulk_ = true;
        waiting_.clear();
        taken_tickets_.clear();
        taken_comments_.clear();
        taken_events_.clear();
        high_ = highest_ids();
        dropped_indexes_.clear();
        std::int64_t held = 0;
        {
            auto count = db_->prepare("SELECT count(*) FROM tickets");
            if (count.step()) held = count.int64(0);
        }
        if (tickets < 1000 || tickets <= held) return;
        // Sorting the rows once per index beats keeping a dozen indexes up to date row by row, when
        // most rows are new (100,000 tickets with their events and tags: 0.8 s against 3 s). Only the
        // indexes of the schema go (not those behind a PRIMARY KEY or UNIQUE), and their own SQL builds
        // them again in finish_bulk_write, in the same transaction, in the order they were made: where
        // two indexes serve a query equally well, SQLite takes the one made last, so another order
        // would change plans. (Made in name order, an imported store answered completion from
        // tickets_by_status_tier_prio instead of the narrower tickets_by_status_id: 11.6 ms against 8.5.)
        {
            auto s = db_->prepare(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
                "('tickets', 'ticket_tags', 'ticket_cc', 'ticket_links', 'comments', 'events') ORDER BY rowid");
            while (s.step()) dropped_indexes_.emplace_back(s.text(0), s.text(1));
        }
        for (const auto& [name, sql] : dropped_indexes_)
            db_->exec("DROP INDEX \"" + name + "\"", "preparing the store for a bulk import");
    }

    void on_records_written(std::function<void(std::vector<TicketRecord>&)> written) override {
        written_ = std::move(written);
    }

    void finish_bulk_write() override {
        if (!db_) return;
        write_waiting();
        bulk_ = false;
        for (const auto& [name, sql] : dropped_indexes_) db_->exec(sql, "building the store's indexes again");
        dropped_indexes_.clear();
    }

private:
    // The query's tickets, filtered, sorted and cut, with these columns of `tickets t`: each row to `row`.
    void select_tickets(const char* columns, const TicketQuery& q, const std::function<void(Stmt&)>& row) {
        const auto where = sqlite::compile_filter(q.filter, q.include_closed);
        const std::string order = sqlite::compile_order_by(q.sort);
        std::string sql = std::string("SELECT ") + columns + " FROM tickets t ";
        if (q.limit)
            // Filter, sort and cut on the ids alone (an index often covers them), then read the rows
            // kept: the tags and cc subqueries run for those rows, not for every match. Completion
            // asks for 200 of the active tickets; reading all of them first cost 3 ms at 100,000.
            sql += "WHERE t.id IN (SELECT t.id FROM tickets t " + where.sql + " " + order + " LIMIT " +
                   std::to_string(*q.limit) + ") " + order;  // an int, never user text
        else
            sql += where.sql + " " + order;
        auto s = db_->prepare(sql);
        s.bind_all(where.binds);
        while (s.step()) row(s);
    }

    static Agent read_agent(const Stmt& s) {
        return Agent{s.text(0), static_cast<int>(s.int64(1)), s.opt_text(2), s.opt_text(3), s.int64(4), s.opt_int64(5)};
    }

    void bind_ticket(Stmt& s, const Ticket& t) {
        s.bind(1, to_string(t.type)).bind(2, std::string_view(t.title)).bind(3, t.description);
        s.bind(4, to_string(t.status)).bind(5, std::int64_t{t.priority.value});
        s.bind(6, opt_name(t.impact)).bind(7, opt_name(t.urgency)).bind(8, t.category);
        s.bind(9, std::int64_t{t.tier}).bind(10, t.assignee).bind(11, t.requester).bind(12, opt_name(t.channel));
        s.bind(13, t.created_at).bind(14, t.updated_at).bind(15, t.resolved_at).bind(16, t.closed_at);
        s.bind(17, opt_name(t.resolution_code)).bind(18, t.dedup_key).bind(19, t.occurrences);
        s.bind(20, t.team).bind(21, t.escalations);
    }

    // A bulk write holds records back to write kGroup tickets, their tags and their events with a
    // statement per table: each run of a statement has a cost of its own (5 % of the writing thread's
    // instructions against one row to a statement). So that an id in use is still refused with the
    // record that brings it, the ids are checked here: against the store for those up to the highest
    // it held when the bulk write began, and against those this bulk write took.
    void hold(TicketRecord r) {
        const auto take = [this](std::int64_t id, std::int64_t high, sqlite::IdSet& taken,
                                 const char* exists_sql) {
            if (!taken.insert(id)) return false;
            if (id > high) return true;
            auto s = db_->prepare(exists_sql);
            s.bind(1, id);
            return !s.step();
        };
        if (!take(r.ticket.id, high_.ticket, taken_tickets_, "SELECT 1 FROM tickets WHERE id = ?"))
            fail(ErrorKind::usage, "ticket #" + std::to_string(r.ticket.id) + " is in the store already");
        for (const auto& c : r.comments)
            if (c.id > 0 && !take(c.id, high_.comment, taken_comments_, "SELECT 1 FROM comments WHERE id = ?"))
                fail(ErrorKind::usage, "comment id " + std::to_string(c.id) + " is in the store already");
        for (const auto& e : r.events)
            if (e.id > 0 && !take(e.id, high_.event, taken_events_, "SELECT 1 FROM events WHERE id = ?"))
                fail(ErrorKind::usage, "event id " + std::to_string(e.id) + " is in the store already");
        waiting_.push_back(std::move(r));
        if (waiting_.size() == kGroup) write_waiting();
    }

    void write_waiting() {
        if (waiting_.empty()) return;
        static const RowsSql kTickets(
            "INSERT INTO tickets (type, title, description, status, priority, impact, urgency, category, tier, "
            "assignee, requester, channel, created_at, updated_at, resolved_at, closed_at, resolution_code, "
            "dedup_key, occurrences, team, escalations, last_seen_at, id) VALUES ",
            23);
        static const RowsSql kTags("INSERT OR IGNORE INTO ticket_tags (ticket_id, tag) VALUES ", 2);
        // No ON CONFLICT: hold checked the ids. OR FAIL, as any error ends the whole bulk write: SQLite
        // need not keep what each statement changed to undo it alone.
        static const RowsSql kEvents(
            "INSERT OR FAIL INTO events (id, ticket_id, at, actor, kind, field, old_value, new_value, note, "
            "merged_from) VALUES ",
            10);
        insert_rows(kTickets, waiting_.size(),
                    [&](Stmt& s, int base, std::size_t i) { bind_ticket_row(s, base, waiting_[i].ticket); });
        std::vector<std::pair<TicketId, const std::string*>> tags;
        std::vector<std::pair<TicketId, const Event*>> events;
        for (const auto& r : waiting_) {
            for (const auto& tag : r.ticket.tags) tags.emplace_back(r.ticket.id, &tag);
            for (const auto& e : r.events) events.emplace_back(r.ticket.id, &e);
        }
        insert_rows(kTags, tags.size(), [&](Stmt& s, int base, std::size_t i) {
            s.bind(base + 1, tags[i].first).bind_static(base + 2, *tags[i].second);
        });
        for (const auto& r : waiting_) {
            write_cc(r.ticket.id, r.ticket.cc);
            write_comments(r.ticket.id, r.comments);
        }
        insert_rows(kEvents, events.size(), [&](Stmt& s, int base, std::size_t i) {
            bind_event_row(s, base, *events[i].second, events[i].first);
        });
        if (written_) written_(waiting_);
        waiting_.clear();
    }

    // The SQL to insert k rows of `columns` values, for every k from 1 to kGroup: rows[k].
    struct RowsSql {
        RowsSql(std::string_view head, int n) : columns(n), rows(kGroup + 1) {  // head: "INSERT INTO t (...) VALUES "
            std::string values = "(?";
            for (int c = 1; c < columns; ++c) values += ",?";
            values += ")";
            rows[1] = std::string(head) + values;
            for (std::size_t k = 2; k <= kGroup; ++k) rows[k] = rows[k - 1] + "," + values;
        }
        int columns;
        std::vector<std::string> rows;
    };

    // Inserts n rows, kGroup to a statement and the rest with one statement of as many rows. Where
    // records bring a varying number of rows (in the peers' benchmark data, an open ticket has an
    // event fewer), the rest is most of a group: a statement a row for it made 26,000 runs of 30,000
    // tickets instead of 3,750 (the writing thread: 2.07 G instructions against 2.04 G).
    // bind(s, base, i) binds row i from parameter base + 1.
    template <class BindRow>
    void insert_rows(const RowsSql& sql, std::size_t n, BindRow bind) {
        for (std::size_t i = 0; i < n;) {
            const std::size_t k = std::min(kGroup, n - i);
            auto s = db_->prepare(sql.rows[k]);
            for (std::size_t j = 0; j < k; ++j) bind(s, static_cast<int>(j) * sql.columns, i + j);
            s.run();
            i += k;
        }
    }

    // What hangs off a ticket that is in the table: tags, cc, comments and events, with their ids
    // (0: assigned). An id in use is hd::Error(usage).
    void write_record_rows(const TicketRecord& r, TicketId id) {
        write_tags(id, r.ticket.tags);
        write_cc(id, r.ticket.cc);
        write_comments(id, r.comments);
        static const std::string kInsertEvent =
            "INSERT INTO events (id, ticket_id, at, actor, kind, field, old_value, new_value, note, merged_from) "
            "VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING";
        auto e = db_->prepare(kInsertEvent);
        for (const auto& event : r.events) {
            bind_event_row(e, 0, event, id);
            e.run();
            if (db_->changes() != 1)
                fail(ErrorKind::usage, "event id " + std::to_string(event.id) + " is in the store already");
        }
    }

    void write_comments(TicketId id, const std::vector<Comment>& comments) {
        if (comments.empty()) return;
        static const std::string kInsertComment =
            "INSERT INTO comments (id, ticket_id, at, author, body, internal) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT DO NOTHING";
        auto c = db_->prepare(kInsertComment);
        for (const auto& comment : comments) {
            c.bind(1, comment.id > 0 ? std::optional<std::int64_t>(comment.id) : std::nullopt).bind(2, id);
            c.bind(3, comment.at).bind(4, std::string_view(comment.author)).bind(5, std::string_view(comment.body));
            c.bind(6, std::int64_t{comment.internal ? 1 : 0});
            c.run();
            if (db_->changes() != 1)
                fail(ErrorKind::usage, "comment id " + std::to_string(comment.id) + " is in the store already");
        }
    }

    // The 10 columns of an event row of ticket `id`, from parameter base + 1; an id of 0 is assigned.
    // The texts are not copied: event must live until the statement runs.
    static void bind_event_row(Stmt& s, int base, const Event& event, TicketId id) {
        s.bind(base + 1, event.id > 0 ? std::optional<std::int64_t>(event.id) : std::nullopt).bind(base + 2, id);
        s.bind(base + 3, event.at).bind_static(base + 4, event.actor).bind_static(base + 5, event.kind);
        s.bind_static(base + 6, event.field).bind_static(base + 7, event.old_value);
        s.bind_static(base + 8, event.new_value).bind_static(base + 9, event.note).bind(base + 10, event.merged_from);
    }

    // The 23 columns of a ticket row, from parameter base + 1: bind_ticket's, then
    // last_seen_at and id. The texts are not copied: t must live until the statement runs.
    void bind_ticket_row(Stmt& s, int base, const Ticket& t) {
        s.bind_static(base + 1, to_string(t.type)).bind_static(base + 2, t.title).bind_static(base + 3, t.description);
        s.bind_static(base + 4, to_string(t.status)).bind(base + 5, std::int64_t{t.priority.value});
        s.bind_static(base + 6, opt_name_view(t.impact)).bind_static(base + 7, opt_name_view(t.urgency));
        s.bind_static(base + 8, t.category).bind(base + 9, std::int64_t{t.tier}).bind_static(base + 10, t.assignee);
        s.bind_static(base + 11, t.requester).bind_static(base + 12, opt_name_view(t.channel));
        s.bind(base + 13, t.created_at).bind(base + 14, t.updated_at);
        s.bind(base + 15, t.resolved_at).bind(base + 16, t.closed_at);
        s.bind_static(base + 17, opt_name_view(t.resolution_code)).bind_static(base + 18, t.dedup_key);
        s.bind(base + 19, t.occurrences).bind_static(base + 20, t.team);
        s.bind(base + 21, t.escalations).bind(base + 22, t.last_seen_at).bind(base + 23, t.id);
    }

    void write_cc(TicketId id, const std::vector<std::string>& names) {
        auto s = db_->prepare("INSERT OR IGNORE INTO ticket_cc (ticket_id, name) VALUES (?, ?)");
        for (const auto& name : names) {
            s.bind(1, id).bind(2, std::string_view(name));
            s.run();
        }
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
    // Opens the store file that is there. In WAL mode SQLite keeps two files beside the store,
    // PATH-wal (the latest commits) and PATH-shm (its index), and needs PATH-shm even to read. Who may
    // not write the store (or its directory, where those files go) must not make SQLite create them:
    // a reader of a read-only store would leave a PATH-shm with the store's read-only permissions,
    // which SQLite cannot then open for writing, and every later write by the store's owner would
    // fail ("read-only") until someone deleted it; and in a directory this user may not write to,
    // even reads fail (SQLITE_READONLY_DIRECTORY). Such a store is read as a snapshot instead.
    void open_existing() {
        const std::string path = options_.path.string();
        const bool shm_exists = ::access((path + "-shm").c_str(), F_OK) == 0;
        read_only_reason_ = why_read_only(shm_exists);
        if (read_only_reason_.empty()) {
            db_ = std::make_unique<Db>(path, Db::Mode::read_write, options_.lock_timeout_ms);
        } else if (shm_exists || !open_snapshot()) {
            // SQLite reads through the PATH-shm that is there (read-only if need be) and creates
            // nothing; but it must be able to read it and PATH-wal, which has the latest commits.
            for (const char* suffix : {"-shm", "-wal"})
                if (::access((path + suffix).c_str(), F_OK) == 0 && ::access((path + suffix).c_str(), R_OK) != 0)
                    fail(ErrorKind::store, "cannot read the store " + path + ": this user may not read " + path +
                                               suffix + ", where SQLite keeps its latest changes; give " +
                                               options_.path.filename().string() +
                                               "-wal and -shm the store's permissions (chmod --reference=" + path +
                                               " " + path + "-wal " + path + "-shm)");
            db_ = std::make_unique<Db>(path, Db::Mode::read_only, options_.lock_timeout_ms);
        }
        check_and_migrate(read_only_reason_.empty());
    }

    // Why this user cannot write the store, for the error of a write; empty when it can.
    std::string why_read_only(bool shm_exists) const {
        const std::string path = options_.path.string();
        if (::access(path.c_str(), W_OK) != 0) {
            if (errno == EROFS) return "the store " + path + " is on a read-only file system";
            return "the store " + path + " is read-only: this user may not write to the file";
        }
        std::string dir = options_.path.parent_path().string();
        if (dir.empty()) dir = ".";
        if (!shm_exists && ::access(dir.c_str(), W_OK | X_OK) != 0)
            return "the store " + path + " cannot be written: this user may not write to its directory " + dir +
                   ", where SQLite keeps " + options_.path.filename().string() + "-wal and -shm while it writes";
        return "";
    }

    // Opens the store as an immutable file (Db::Mode::snapshot): SQLite reads the file alone, with no
    // locks and no PATH-wal or PATH-shm. That is sound only while every commit is in the file itself
    // and no writer copies pages into it under this read. So: a read lock on the file's SHARED bytes
    // first, as SQLite's own readers hold, so that a writer that ends meanwhile and would checkpoint
    // on close (the sqlite3 shell, or any connection without SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE) cannot
    // take the exclusive lock that needs; then no PATH-shm may have appeared (a writer came: false,
    // and the store is read through it), and PATH-wal must be absent or empty (else it holds commits
    // that only a connection that may write can bring in: an error saying so). Not covered: a writer
    // whose WAL passes 1000 pages (a large import) checkpoints at its commit without that lock, so a
    // read at that very moment may see a mix of old and new pages.
    bool open_snapshot() {
        const std::string path = options_.path.string();
        snapshot_lock_.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (snapshot_lock_.fd < 0) return false;  // SQLite's own open says why
        struct flock shared {};
        shared.l_type = F_RDLCK;
        shared.l_whence = SEEK_SET;
        shared.l_start = 0x40000002;  // SQLite's SHARED_FIRST: PENDING_BYTE + 2 (os_unix.c)
        shared.l_len = 510;           // SHARED_SIZE
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.lock_timeout_ms);
        while (::fcntl(snapshot_lock_.fd, F_SETLK, &shared) != 0) {
            if (errno != EAGAIN && errno != EACCES) break;  // no locks here (ENOLCK): read without
            // A writer holds the exclusive lock for a moment, to checkpoint and remove PATH-wal.
            if (std::chrono::steady_clock::now() > give_up)
                fail(ErrorKind::store, "the store " + path + " is locked by a writer; try again, or raise store.lock_timeout");
            ::usleep(2000);
        }
        if (::access((path + "-shm").c_str(), F_OK) == 0) {
            snapshot_lock_.close();
            return false;
        }
        struct stat wal {};
        if (::stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size > 0)
            fail(ErrorKind::store, "cannot read the store " + path + ": " + options_.path.filename().string() +
                                       "-wal holds changes that only a user who may write the store (and its "
                                       "directory) can bring in; run any hd command as that user first");
        db_ = std::make_unique<Db>(path, Db::Mode::snapshot, options_.lock_timeout_ms);
        return true;
    }

    void stage_new_store() {
        made_directories_ = make_directories(options_.path.parent_path());
        staging_path_ = options_.path.string() + ".new-" + std::to_string(::getpid());
        remove_sqlite_files(staging_path_);  // left by a crashed process with a recycled pid
        create_private_file(staging_path_);
        db_ = std::make_unique<Db>(staging_path_.string(), false, options_.lock_timeout_ms);
        // Nobody else sees the staged file, and a crash before it is published leaves no store: it
        // needs no WAL and no syncs until publish, which switches it to WAL and syncs it once before
        // linking it into place. Its rollback journal stays in memory, so that a command that fails
        // still rolls back. The first command's pages are then written once, into the file, instead
        // of into the WAL and again by the checkpoint (a 100,000-ticket import that creates the store:
        // 57 MB less to write, and no fdatasync of a 57 MB WAL).
        db_->exec("PRAGMA journal_mode = MEMORY", "creating the store");
        db_->exec("PRAGMA synchronous = OFF", "creating the store");
        migrate(/*staged=*/true);
    }

    // Two hd that stage a new store at once race to link it into place, and the loser runs its command
    // again on the winner's store (StoreCreatedMeanwhile). That is sound only while the loser has
    // printed nothing, but a command reports before it commits (see Context::write): a loser whose
    // link failed after its report printed a second one after it, so that hd open -q printed "1\n4",
    // and #1 was another process's ticket. So the processes that stage a store take turns, from before
    // the report (ready_to_commit) until the link, holding an exclusive flock of the store's directory:
    // the second one finds the store there before it reports anything.
    void claim_new_store() {
        if (staging_path_.empty() || publish_lock_.fd >= 0) return;
        const std::string dir = options_.path.has_parent_path() ? options_.path.parent_path().string() : ".";
        publish_lock_.fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.lock_timeout_ms);
        while (publish_lock_.fd >= 0 && ::flock(publish_lock_.fd, LOCK_EX | LOCK_NB) != 0) {
            if (errno != EWOULDBLOCK && errno != EINTR) {
                publish_lock_.close();  // a file system without flock: the race as it was, and the link decides
                break;
            }
            if (std::chrono::steady_clock::now() > give_up)
                fail(ErrorKind::store, "another process is creating the store " + options_.path.string() +
                                           "; try again, or raise store.lock_timeout");
            ::usleep(1000);
        }
        if (std::filesystem::exists(options_.path)) {
            publish_lock_.close();
            throw StoreCreatedMeanwhile();
        }
    }

    void publish() {
        // WAL from now on, as for every store (see migrate); the file holds everything already (see
        // stage_new_store). Nothing was synced: it is, before the link makes it the store.
        db_->exec("PRAGMA journal_mode = WAL", "creating the store");
        db_.reset();
        if (const int fd = ::open(staging_path_.c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
            const bool synced = ::fsync(fd) == 0;
            const int err = errno;
            ::close(fd);
            if (!synced) fail(ErrorKind::store, "cannot create the store " + options_.path.string() + ": " + std::strerror(err));
        }
        const int rc = ::link(staging_path_.c_str(), options_.path.c_str());
        const int err = errno;
        remove_sqlite_files(staging_path_);
        staging_path_.clear();
        publish_lock_.close();
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

    // staged: the file is a new store not yet published, which switches it to WAL (stage_new_store).
    void migrate(bool staged = false) {
        if (!staged) {
            // WAL lets readers go on while one writer commits; it is a property of the file, set once.
            db_->exec("PRAGMA journal_mode = WAL", "switching the store to WAL mode");
            db_->exec("PRAGMA synchronous = NORMAL", "setting up the store");
        }
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
                    const std::string doing = "upgrading the store to schema " + std::to_string(m.version);
                    // A build of SQLite that defends its schema by default (SQLITE_DBCONFIG_DEFENSIVE)
                    // would refuse the edit and the new schema version: this connection allows them
                    // for that migration only.
                    int defensive = 0;
                    if (m.rewrites_schema) {
                        sqlite3_db_config(db_->handle(), SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
                        sqlite3_db_config(db_->handle(), SQLITE_DBCONFIG_DEFENSIVE, 0, nullptr);
                    }
                    db_->exec(std::string(m.sql), doing);
                    if (m.rewrites_schema) {
                        reload_rewritten_schema(doing);
                        sqlite3_db_config(db_->handle(), SQLITE_DBCONFIG_DEFENSIVE, defensive, nullptr);
                    }
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

    // After a migration edited sqlite_schema: a new schema version makes every connection read the
    // definitions again, this one first. A definition SQLite cannot parse fails here, inside the
    // migration's transaction, which then leaves the store as it was.
    void reload_rewritten_schema(const std::string& doing) {
        std::int64_t version = 0;
        {
            auto s = db_->prepare("PRAGMA schema_version");
            if (s.step()) version = s.int64(0);
        }
        db_->exec("PRAGMA schema_version = " + std::to_string(version + 1), doing);
        db_->exec("SELECT count(*) FROM sqlite_schema WHERE sql IS NOT NULL", doing);
    }

    StoreOptions options_;
    std::vector<std::pair<std::string, std::string>> dropped_indexes_;  // name, SQL: see prepare_bulk_write
    // A bulk write (between prepare_bulk_write and finish_bulk_write): see hold.
    static constexpr std::size_t kGroup = 32;
    bool bulk_ = false;
    std::vector<TicketRecord> waiting_;
    std::function<void(std::vector<TicketRecord>&)> written_;  // see Store::on_records_written
    HighestIds high_;
    sqlite::IdSet taken_tickets_, taken_comments_, taken_events_;
    std::unique_ptr<Db> db_;
    std::unique_ptr<KbStore> kb_ = sqlite::make_kb_store(db_);
    std::unique_ptr<ReportStore> reports_ = sqlite::make_report_store(db_);
    std::unique_ptr<SlaStore> sla_ = sqlite::make_sla_store(db_);
    bool in_tx_ = false;
    std::string read_only_reason_;  // why this user cannot write the store (see open_existing); empty if it can
    struct LockFd {  // a file held open for a lock on it, closed (and the lock let go) also on a throw
        int fd = -1;
        void close() {
            if (fd >= 0) ::close(fd);
            fd = -1;
        }
        ~LockFd() { close(); }
    } snapshot_lock_;
    LockFd publish_lock_;  // the directory's flock while this process publishes a new store (claim_new_store)
    std::filesystem::path staging_path_;  // set while a new store waits for its first commit
    std::vector<std::filesystem::path> made_directories_;
};

}  // namespace

int Store::current_schema_version() { return latest_version(); }

std::unique_ptr<Store> open_sqlite_store(const StoreOptions& options) { return std::make_unique<SqliteStore>(options); }

}  // namespace hd
