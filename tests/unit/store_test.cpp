// The SQLite store on a temporary file: creation, migrations, refusals, and round-trips.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "tests/unit/test_support.hpp"
#include "core/store/sqlite/filter_sql.hpp"
#include "core/store/sqlite/fts_tokenizer.hpp"
#include "core/store/sqlite/migrations.hpp"
#include "core/store/store.hpp"

using namespace hd;
namespace fs = std::filesystem;

using hd::test::kind_of;
using hd::test::TempDir;

namespace {

std::unique_ptr<Store> open_store(const fs::path& p, bool create = true) {
    StoreOptions o;
    o.path = p;
    o.create = create;
    o.lock_timeout_ms = 2000;
    return open_sqlite_store(o);
}

// A store exists once its first write commits.
std::unique_ptr<Store> create_store(const fs::path& p) {
    auto store = open_store(p);
    Transaction tx(*store, Transaction::Mode::write);
    tx.commit();
    return store;
}

void run_sql(const fs::path& p, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    sqlite3_free(err);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

std::string file_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

Ticket sample(std::string title) {
    Ticket t;
    t.title = std::move(title);
    t.priority = Priority{2};
    t.category = "network";
    t.tags = {"vpn", "sales"};
    t.created_at = t.updated_at = 1'700'000'000;
    return t;
}

}  // namespace

TEST_CASE("a new store is created with mode 0600 in a new directory, at the current schema") {
    TempDir dir;
    const auto p = dir.path / "deep" / "er" / "hd.db";
    auto store = create_store(p);
    CHECK(store->exists());
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(store->schema_version() == Store::current_schema_version());
}

TEST_CASE("reading a store that does not exist sees nothing and creates nothing") {
    TempDir dir;
    const auto p = dir.path / "absent.db";
    auto store = open_store(p, false);
    CHECK_FALSE(store->exists());
    Transaction tx(*store, Transaction::Mode::read);
    CHECK_FALSE(store->find_ticket(1));
    CHECK(store->list_tickets({}).empty());
    CHECK_FALSE(fs::exists(p));
}

TEST_CASE("tickets, tags, comments and events round-trip") {
    TempDir dir;
    auto store = open_store(dir.path / "hd.db");
    TicketId id = 0;
    {
        Transaction tx(*store, Transaction::Mode::write);
        id = store->insert_ticket(sample("VPN drops"));
        store->insert_comment(Comment{0, id, 1'700'000'100, "alice", "looking", true});
        store->insert_event(Event{0, id, 1'700'000'000, "alice", "created", std::nullopt, std::nullopt, "VPN drops", std::nullopt, std::nullopt});
        tx.commit();
    }
    Transaction tx(*store, Transaction::Mode::read);
    const auto t = store->find_ticket(id);
    REQUIRE(t);
    CHECK(t->title == "VPN drops");
    CHECK(t->priority.value == 2);
    CHECK(t->tags == std::vector<std::string>{"sales", "vpn"});
    CHECK_FALSE(t->description);
    const auto comments = store->comments(id);
    REQUIRE(comments.size() == 1);
    CHECK(comments[0].internal);
    CHECK(store->events(id).size() == 1);
}

TEST_CASE("ticket titles come in the query's order and limit, like the tickets themselves") {
    TempDir dir;
    auto store = open_store(dir.path / "hd.db");
    {
        Transaction tx(*store, Transaction::Mode::write);
        for (const char* title : {"first", "second", "third", "fourth"}) store->insert_ticket(sample(title));
        Ticket closed = sample("closed one");
        closed.status = Status::closed;
        store->insert_ticket(closed);
        tx.commit();
    }
    Transaction tx(*store, Transaction::Mode::read);
    TicketQuery q;
    q.sort = {SortKey{SortField::id, true}};
    q.limit = 3;
    const auto titles = store->ticket_titles(q);
    const auto tickets = store->list_tickets(q);
    REQUIRE(titles.size() == 3);
    REQUIRE(tickets.size() == 3);
    for (std::size_t i = 0; i < titles.size(); ++i) {
        CHECK(titles[i].id == tickets[i].id);
        CHECK(titles[i].title == tickets[i].title);
    }
    CHECK(titles[0].title == "fourth");  // newest first; the closed ticket is hidden
    CHECK(titles[2].title == "second");
    CHECK(store->ticket_titles(TicketQuery{}).size() == 4);
}

TEST_CASE("a list without tags and cc has the same tickets with every other field, and empty tags and cc") {
    TempDir dir;
    auto store = open_store(dir.path / "hd.db");
    {
        Transaction tx(*store, Transaction::Mode::write);
        Ticket t = sample("VPN drops");
        t.cc = {"bob", "carol"};
        t.assignee = "alice";
        store->insert_ticket(t);
        store->insert_ticket(sample("Printer jams"));
        tx.commit();
    }
    Transaction tx(*store, Transaction::Mode::read);
    TicketQuery q;
    const auto full = store->list_tickets(q);
    q.with_tags_and_cc = false;
    const auto bare = store->list_tickets(q);
    REQUIRE(full.size() == 2);
    REQUIRE(bare.size() == 2);
    CHECK(full[0].tags == std::vector<std::string>{"sales", "vpn"});
    CHECK(full[0].cc == std::vector<std::string>{"bob", "carol"});
    for (std::size_t i = 0; i < full.size(); ++i) {
        CHECK(bare[i].tags.empty());
        CHECK(bare[i].cc.empty());
        Ticket with_lists = bare[i];
        with_lists.tags = full[i].tags;
        with_lists.cc = full[i].cc;
        CHECK(with_lists == full[i]);
    }
}

TEST_CASE("a bulk write builds the indexes it dropped again, in the order they were made") {
    TempDir dir;
    const auto p = dir.path / "hd.db";
    auto store = create_store(p);
    // Their order on a table decides SQLite's choice between two that serve a query equally well.
    const auto index_names = [&p] {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
        sqlite3_stmt* s = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'tickets' ORDER BY rowid", -1, &s,
                                   nullptr) == SQLITE_OK);
        std::vector<std::string> names;
        while (sqlite3_step(s) == SQLITE_ROW) names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
        sqlite3_finalize(s);
        sqlite3_close(db);
        return names;
    };
    const auto before = index_names();
    REQUIRE(before.size() > 10);
    {
        Transaction tx(*store, Transaction::Mode::write);
        store->prepare_bulk_write(2000);  // enough to drop the indexes and build them again
        for (TicketId id = 1; id <= 2000; ++id) {
            TicketRecord r;
            r.ticket = sample("bulk " + std::to_string(id));
            r.ticket.id = id;
            store->insert_ticket_record(std::move(r));
        }
        store->finish_bulk_write();
        tx.commit();
    }
    CHECK(index_names() == before);
    Transaction tx(*store, Transaction::Mode::read);
    CHECK(store->ticket_titles(TicketQuery{}).size() == 2000);
}

TEST_CASE("a bulk write hands its records, once written, to on_records_written while it is set") {
    TempDir dir;
    auto store = create_store(dir.path / "hd.db");
    std::vector<TicketId> handed;
    Transaction tx(*store, Transaction::Mode::write);
    store->prepare_bulk_write(100);
    store->on_records_written([&](std::vector<TicketRecord>& records) {
        for (auto& r : records) {
            CHECK(r.ticket.title == "bulk " + std::to_string(r.ticket.id));  // whole, not moved from
            handed.push_back(r.ticket.id);
        }
    });
    for (TicketId id = 1; id <= 70; ++id) {
        TicketRecord r;
        r.ticket = sample("bulk " + std::to_string(id));
        r.ticket.id = id;
        store->insert_ticket_record(std::move(r));
    }
    // Written 32 at a time: the 64 of two groups so far, each after it was in the store.
    REQUIRE(handed.size() == 64);
    for (std::size_t i = 0; i < handed.size(); ++i) CHECK(handed[i] == static_cast<TicketId>(i + 1));
    CHECK(store->ticket_exists(64));
    store->on_records_written(nullptr);
    store->finish_bulk_write();  // writes the last 6, now without handing them over
    tx.commit();
    CHECK(handed.size() == 64);
    Transaction read(*store, Transaction::Mode::read);
    CHECK(store->ticket_titles(TicketQuery{}).size() == 70);
}

TEST_CASE("a first write that fails leaves no store and no directories behind") {
    TempDir dir;
    const auto p = dir.path / "new" / "dir" / "hd.db";
    {
        auto store = open_store(p);
        Transaction tx(*store, Transaction::Mode::write);
        store->insert_ticket(sample("never committed"));
    }
    CHECK_FALSE(fs::exists(dir.path / "new"));
}

TEST_CASE("a write that is not committed leaves nothing behind") {
    TempDir dir;
    auto store = open_store(dir.path / "hd.db");
    {
        Transaction tx(*store, Transaction::Mode::write);
        store->insert_ticket(sample("gone"));
    }
    Transaction tx(*store, Transaction::Mode::read);
    CHECK(store->list_tickets({}).empty());
}

TEST_CASE("the audit log cannot be rewritten") {
    TempDir dir;
    const auto p = dir.path / "hd.db";
    {
        auto store = open_store(p);
        Transaction tx(*store, Transaction::Mode::write);
        const auto id = store->insert_ticket(sample("x"));
        store->insert_event(Event{0, id, 1, "a", "created", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt});
        tx.commit();
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE events SET actor = 'mallory'", nullptr, nullptr, nullptr) != SQLITE_OK);
    sqlite3_close(db);
}

// A connection of the test's own, which can write the knowledge base: its full-text index needs
// hd's tokenizer, as on the store's connections.
sqlite3* open_raw(const fs::path& p) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
    sqlite::register_fts_tokenizer(db);
    return db;
}

// Runs SQL on the file; SQLite's result code.
int sql_result(const fs::path& p, const std::string& sql) {
    sqlite3* db = open_raw(p);
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
}

// A column (the first unless told) of every row the query returns, a line each.
std::string sql_text(const fs::path& p, const std::string& sql, int column = 0) {
    sqlite3* db = open_raw(p);
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
    std::string out;
    while (sqlite3_step(s) == SQLITE_ROW) out += std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, column))) + "\n";
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

TEST_CASE("a store of schema 5 is upgraded in place: its tickets stay, and the checks refuse what they refused") {
    TempDir dir;
    const auto p = dir.path / "hd.db";
    // The store as hd wrote it before schema 6, with an unassigned open ticket in tier 2's queue.
    std::string schema5 = "BEGIN;";
    for (const auto& m : sqlite::migrations())
        if (m.version <= 5) schema5 += std::string(m.sql);
    schema5 += "PRAGMA user_version = 5; PRAGMA application_id = " + std::to_string(sqlite::kApplicationId) + "; COMMIT;";
    REQUIRE(sql_result(p, schema5) == SQLITE_OK);
    REQUIRE(sql_result(p, "INSERT INTO tickets (type, title, status, priority, tier, created_at, updated_at) VALUES "
               "('incident', 'printer on fire', 'open', 1, 2, 1700000000, 1700000000), "
               "('request', 'new laptop', 'closed', 3, 1, 1700000000, 1700000000)") == SQLITE_OK);
    {
        auto store = open_store(p);
        CHECK(store->schema_version() == Store::current_schema_version());
        Transaction tx(*store, Transaction::Mode::read);
        const auto queue = store->queue(2, 10);
        REQUIRE(queue.size() == 1);
        CHECK(queue[0].title == "printer on fire");
    }
    CHECK(sql_text(p, "PRAGMA integrity_check") == "ok\n");
    CHECK(sql_text(p, "SELECT count(*) FROM tickets") == "2\n");
    // The conditions are comparisons now (see migration 6), in the tables and in tickets_queue.
    CHECK(sql_text(p, "SELECT name FROM sqlite_schema WHERE name IN ('tickets', 'ticket_links', 'kb_articles', "
                      "'sla_breaches', 'tickets_queue') AND sql LIKE '% IN (''%'") == "");
    // Schema 7: the audit log's index by kind and time holds escalations alone.
    CHECK(sql_text(p, "SELECT name FROM sqlite_schema WHERE name LIKE 'events_%' AND type = 'index' ORDER BY name") ==
          "events_by_ticket\nevents_escalated_at\n");
    // Schema 8: tickets_by_team (read by nothing), tickets_by_prio and tickets_by_tier_prio are gone;
    // status-tier-priority, type and channel index the tickets not closed alone, assignee the assigned.
    CHECK(sql_text(p, "SELECT name FROM sqlite_schema WHERE name IN ('tickets_by_team', 'tickets_by_prio', "
                      "'tickets_by_tier_prio')") == "");
    CHECK(sql_text(p, "SELECT count(*) FROM sqlite_schema WHERE name IN ('tickets_by_type', 'tickets_by_channel', "
                      "'tickets_by_status_tier_prio') AND sql LIKE '% WHERE status = ''new'' OR %'") == "3\n");
    CHECK(sql_text(p, "SELECT count(*) FROM sqlite_schema WHERE name = 'tickets_by_assignee' "
                      "AND sql LIKE '% WHERE assignee IS NOT NULL'") == "1\n");
    CHECK(sql_text(p, "EXPLAIN QUERY PLAN SELECT id FROM tickets t WHERE t.tier = 2 AND t.assignee IS NULL AND "
                      "(t.status = 'new' OR t.status = 'open' OR t.status = 'pending') "
                      "ORDER BY t.priority, t.created_at, t.id", 3)
              .find("USING INDEX tickets_queue") != std::string::npos);
    for (const char* bad : {"UPDATE tickets SET status = 'bogus'", "UPDATE tickets SET type = 'chore'",
                            "UPDATE tickets SET impact = 'huge'", "UPDATE tickets SET urgency = 'now'",
                            "INSERT INTO ticket_links VALUES (1, 2, 'likes', 1, 'a')",
                            "INSERT INTO kb_articles (slug, lang, title, body, body_text, status, created_by, created_at, "
                            "updated_by, updated_at) VALUES ('s', 'en', 't', 'b', 'b', 'lost', 'a', 1, 'a', 1)",
                            "INSERT INTO sla_breaches (ticket_id, target, due, recorded_at) VALUES (1, 'lunch', 1, 1)"}) {
        CAPTURE(bad);
        CHECK(sql_result(p, bad) == SQLITE_CONSTRAINT);
    }
    for (const char* good : {"UPDATE tickets SET status = 'pending', type = 'change', impact = 'low', urgency = NULL",
                             "INSERT INTO ticket_links VALUES (1, 2, 'duplicate-of', 1, 'a')",
                             "INSERT INTO kb_articles (slug, lang, title, body, body_text, status, created_by, created_at, "
                             "updated_by, updated_at) VALUES ('s', 'en', 't', 'b', 'b', 'retired', 'a', 1, 'a', 1)",
                             "INSERT INTO sla_breaches (ticket_id, target, due, recorded_at) VALUES (1, 'hold', 1, 1)"}) {
        CAPTURE(good);
        CHECK(sql_result(p, good) == SQLITE_OK);
    }
}

TEST_CASE("a store written by a newer hd is refused and left untouched") {
    TempDir dir;
    const auto p = dir.path / "hd.db";
    create_store(p).reset();
    run_sql(p, "PRAGMA user_version = 999");
    const std::string before = file_bytes(p);
    CHECK(kind_of([&] { open_store(p); }) == ErrorKind::store);
    CHECK(kind_of([&] { open_store(p, false); }) == ErrorKind::store);
    CHECK(file_bytes(p) == before);
}

TEST_CASE("a file that is not SQLite is refused and left untouched") {
    TempDir dir;
    const auto p = dir.path / "notes.txt";
    std::ofstream(p) << "these are not the tickets you are looking for\n";
    const std::string before = file_bytes(p);
    CHECK(kind_of([&] { open_store(p); }) == ErrorKind::store);
    CHECK(file_bytes(p) == before);
}

TEST_CASE("an SQLite database of another program is refused") {
    TempDir dir;
    const auto p = dir.path / "other.db";
    run_sql(p, "CREATE TABLE recipes (name TEXT)");
    CHECK(kind_of([&] { open_store(p); }) == ErrorKind::store);
}

TEST_CASE("an empty file becomes a store on the first write") {
    TempDir dir;
    const auto p = dir.path / "empty.db";
    std::ofstream{p};
    CHECK_FALSE(open_store(p, false)->exists());
    CHECK(create_store(p)->schema_version() == Store::current_schema_version());
}

TEST_CASE("the store is in WAL mode with foreign keys on") {
    TempDir dir;
    const auto p = dir.path / "hd.db";
    create_store(p).reset();
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, nullptr);
    REQUIRE(sqlite3_step(s) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) == "wal");
    sqlite3_finalize(s);
    sqlite3_close(db);
}

namespace {

// The query plan of `SELECT t.id FROM tickets t` under the filter, one line a step.
std::string plan_of(sqlite3* db, const Filter& f, bool include_closed) {
    const auto where = sqlite::compile_filter(f, include_closed);
    const std::string sql = "EXPLAIN QUERY PLAN SELECT t.id FROM tickets t " + where.sql;
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
    std::string plan;
    while (sqlite3_step(s) == SQLITE_ROW) plan += std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 3))) + "\n";
    sqlite3_finalize(s);
    return plan;
}

bool scans_tickets(const std::string& plan) {
    return plan.find("SCAN t\n") != std::string::npos || plan.find("SCAN t USING") != std::string::npos;
}

Filter one_condition(FilterCondition c) {
    Filter f;
    f.conditions.push_back(std::move(c));
    return f;
}

}  // namespace

TEST_CASE("every filter key is served by an index on the tickets not closed, and the history keys on all") {
    TempDir dir;
    const auto p = dir.path / "hd.db";
    create_store(p).reset();
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
    // hd_contains is registered by the store's connections; bare words are the one full scan.
    struct Case {
        const char* key;
        FilterCondition condition;
        bool history;  // served with closed tickets included too (see migration 8)
    };
    const std::vector<Case> cases = {
        {"status", {FilterField::status, Compare::eq, {std::string("open")}}, true},
        {"type", {FilterField::type, Compare::eq, {std::string("request")}}, false},
        {"priority", {FilterField::priority, Compare::le, {std::int64_t{2}}}, false},
        {"category", {FilterField::category, Compare::eq, {std::string("network")}}, true},
        {"tier", {FilterField::tier, Compare::eq, {std::int64_t{2}}}, false},
        {"assignee", {FilterField::assignee, Compare::eq, {std::string("alice")}}, true},
        {"requester", {FilterField::requester, Compare::eq, {std::string("bob")}}, true},
        {"channel", {FilterField::channel, Compare::eq, {std::string("email")}}, false},
        {"tag", {FilterField::tag, Compare::eq, {std::string("vpn")}}, true},
        {"created", {FilterField::created, Compare::lt, {std::int64_t{1'700'000'000}}}, true},
        {"updated", {FilterField::updated, Compare::gt, {std::int64_t{1'700'000'000}}}, true},
        {"id", {FilterField::id, Compare::eq, {std::int64_t{5}}}, true},
    };
    for (const auto& c : cases) {
        const std::string key = c.key;
        CAPTURE(key);
        const Filter f = one_condition(c.condition);
        const std::string open_plan = plan_of(db, f, false);
        CAPTURE(open_plan);
        CHECK_FALSE(scans_tickets(open_plan));
        if (c.history) {
            const std::string all_plan = plan_of(db, f, true);
            CAPTURE(all_plan);
            CHECK_FALSE(scans_tickets(all_plan));
        }
    }
    // The partial indexes serve what they hold: the default status condition repeats theirs, and comes
    // along with status terms that leave closed tickets out.
    Filter bench_list;  // make bench-peers: hd list status:open tier:2 prio:P1
    bench_list.conditions = {{FilterField::status, Compare::eq, {std::string("open")}},
                             {FilterField::tier, Compare::eq, {std::int64_t{2}}},
                             {FilterField::priority, Compare::eq, {std::int64_t{1}}}};
    CHECK(plan_of(db, bench_list, false).find("tickets_by_status_tier_prio (status=? AND tier=? AND priority=?)") !=
          std::string::npos);
    CHECK(plan_of(db, one_condition({FilterField::assignee, Compare::eq, {std::string("alice")}}), true)
              .find("tickets_by_assignee") != std::string::npos);
    CHECK(plan_of(db, one_condition({FilterField::type, Compare::eq, {std::string("change")}}), false)
              .find("tickets_by_type") != std::string::npos);
    CHECK(plan_of(db, one_condition({FilterField::channel, Compare::eq, {std::string("email"), std::string("web")}}),
                  false)
              .find("tickets_by_channel") != std::string::npos);
    sqlite3_close(db);
}
