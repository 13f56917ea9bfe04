// Tests of the filter → SQL compiler: the WHERE and ORDER BY text, the bound values, and real queries on SQLite.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <cctype>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/query/filter.hpp"
#include "core/store/sqlite/filter_sql.hpp"

using hd::Compare;
using hd::FilterField;
using hd::sqlite::SqlValue;

namespace {

constexpr hd::Timestamp kNow = 1'795'428'000;  // 2026-11-23T10:00:00Z
constexpr std::int64_t kDay = 86400;

hd::Filter parse(std::vector<std::string> terms) {
    hd::FilterContext ctx;
    ctx.me = "alice";
    ctx.now = kNow;
    return hd::parse_filter(terms, ctx);
}

hd::Filter with(FilterField field, Compare op, std::vector<hd::FilterValue> values) {
    hd::Filter f;
    f.conditions.push_back({field, op, std::move(values)});
    return f;
}

SqlValue text(const char* s) { return std::string(s); }
SqlValue num(std::int64_t n) { return n; }

constexpr const char* kOpenOnly = "(t.status = 'new' OR t.status = 'open' OR t.status = 'pending' OR t.status = 'resolved')";

// The test's stand-in for the hd_contains the store registers: ASCII case-insensitive, NULL haystack → 0.
void ascii_contains(sqlite3_context* ctx, int, sqlite3_value** argv) {
    const auto* hay = sqlite3_value_text(argv[0]);
    const auto* needle = sqlite3_value_text(argv[1]);
    if (!hay || !needle) return sqlite3_result_int(ctx, 0);
    std::string h(reinterpret_cast<const char*>(hay)), n(reinterpret_cast<const char*>(needle));
    for (auto* s : {&h, &n})
        for (char& c : *s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    sqlite3_result_int(ctx, h.find(n) != std::string::npos ? 1 : 0);
}

// An in-memory store with the tickets schema and five tickets that differ in every filtered column.
class TestDb {
public:
    TestDb() {
        REQUIRE(sqlite3_open(":memory:", &db_) == SQLITE_OK);
        sqlite3_create_function(db_, "hd_contains", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, ascii_contains,
                                nullptr, nullptr);
        exec(R"sql(
CREATE TABLE tickets(id INTEGER PRIMARY KEY, type TEXT NOT NULL, title TEXT NOT NULL, description TEXT,
  status TEXT NOT NULL, priority INTEGER NOT NULL, impact TEXT, urgency TEXT, category TEXT, tier INTEGER NOT NULL,
  assignee TEXT, requester TEXT, channel TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  resolved_at INTEGER, closed_at INTEGER, resolution_code TEXT, dedup_key TEXT,
  occurrences INTEGER NOT NULL DEFAULT 1, last_seen_at INTEGER);
CREATE TABLE ticket_tags(ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE, tag TEXT NOT NULL,
  PRIMARY KEY(ticket_id, tag)) WITHOUT ROWID;
CREATE INDEX ticket_tags_by_tag ON ticket_tags(tag, ticket_id);
)sql");
        const std::string now = std::to_string(kNow), day = std::to_string(kDay);
        exec("INSERT INTO tickets (id, type, title, description, status, priority, category, tier, assignee, "
             "requester, channel, created_at, updated_at) VALUES "
             "(1, 'incident', 'Printer jammed on floor 3', 'Toner is low too', 'open', 2, 'hardware', 1, 'alice', "
             "'bob', 'email', " + now + " - 5 * " + day + ", " + now + " - 1 * " + day + "),"
             "(2, 'request', 'New laptop for a new hire', NULL, 'new', 3, NULL, 1, NULL, "
             "'carol', NULL, " + now + " - 3600, " + now + " - 3600),"
             "(3, 'incident', 'VPN down', 'Users cannot connect', 'pending', 1, 'network', 2, 'bob', "
             "'alice', 'phone', " + now + " - 10 * " + day + ", " + now + " - 2 * " + day + "),"
             "(4, 'problem', 'Recurring printer errors', 'Root cause wanted', 'closed', 4, 'hardware', 3, 'dave', "
             "NULL, 'monitoring', " + now + " - 30 * " + day + ", " + now + " - 20 * " + day + "),"
             "(5, 'change', 'Replace the PRINTER driver', NULL, 'resolved', 2, 'network', 2, 'alice', "
             "'bob', 'web', " + now + " - 2 * " + day + ", " + now + " - 12 * 3600)");
        exec("INSERT INTO ticket_tags VALUES (1, 'printer'), (1, 'floor3'), (3, 'vpn'), (3, 'vip'), (4, 'printer')");
    }
    ~TestDb() { sqlite3_close(db_); }
    TestDb(const TestDb&) = delete;
    TestDb& operator=(const TestDb&) = delete;

    void exec(const std::string& sql) {
        char* message = nullptr;
        const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
        const std::string why = message ? message : "";
        sqlite3_free(message);
        REQUIRE_MESSAGE(rc == SQLITE_OK, why);
    }

    // The ids a filter selects, in the order the sort keys give.
    std::vector<std::int64_t> ids_of(const hd::Filter& f, bool include_closed = false,
                                  const std::vector<hd::SortKey>& sort = {}) {
        const auto where = hd::sqlite::compile_filter(f, include_closed);
        const std::string sql = "SELECT t.id FROM tickets t " + where.sql + " " + hd::sqlite::compile_order_by(sort);
        sqlite3_stmt* stmt = nullptr;
        const int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr);
        const std::string why = sql + ": " + sqlite3_errmsg(db_);
        REQUIRE_MESSAGE(rc == SQLITE_OK, why);
        REQUIRE(sqlite3_bind_parameter_count(stmt) == static_cast<int>(where.binds.size()));
        for (std::size_t i = 0; i < where.binds.size(); ++i) {
            const int index = static_cast<int>(i) + 1;
            const auto& v = where.binds[i];
            if (const auto* s = std::get_if<std::string>(&v))
                sqlite3_bind_text(stmt, index, s->c_str(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
            else if (const auto* n = std::get_if<std::int64_t>(&v))
                sqlite3_bind_int64(stmt, index, *n);
            else
                sqlite3_bind_null(stmt, index);
        }
        std::vector<std::int64_t> out;
        int step = 0;
        while ((step = sqlite3_step(stmt)) == SQLITE_ROW) out.push_back(sqlite3_column_int64(stmt, 0));
        sqlite3_finalize(stmt);
        CHECK(step == SQLITE_DONE);
        return out;
    }

    std::vector<std::int64_t> ids(std::vector<std::string> terms, bool include_closed = false,
                                  std::string_view sort = {}) {
        const auto keys = sort.empty() ? std::vector<hd::SortKey>{} : hd::parse_sort(sort);
        return ids_of(parse(std::move(terms)), include_closed, keys);
    }

private:
    sqlite3* db_ = nullptr;
};

using Ids = std::vector<std::int64_t>;

}  // namespace

TEST_CASE("an empty filter with closed tickets included has no WHERE clause") {
    const auto w = hd::sqlite::compile_filter({}, true);
    CHECK(w.sql.empty());
    CHECK(w.binds.empty());
}

TEST_CASE("closed tickets are hidden unless included") {
    const auto w = hd::sqlite::compile_filter({}, false);
    CHECK(w.sql == std::string("WHERE ") + kOpenOnly);
    CHECK(w.binds.empty());
}

TEST_CASE("a status condition replaces the hiding of closed tickets") {
    // States that are not closed: the not-closed condition comes along, which changes nothing but lets
    // the partial indexes on the tickets not closed serve the query.
    auto w = hd::sqlite::compile_filter(with(FilterField::status, Compare::eq, {"open", "pending"}), false);
    CHECK(w.sql == std::string("WHERE ") + kOpenOnly + " AND t.status IN (?,?)");
    CHECK(w.binds == std::vector<SqlValue>{text("open"), text("pending")});
    w = hd::sqlite::compile_filter(with(FilterField::status, Compare::eq, {"open"}), true);
    CHECK(w.sql == std::string("WHERE ") + kOpenOnly + " AND t.status = ?");
    // A term that lets closed tickets in stands alone, with or without --all.
    for (const bool include_closed : {false, true}) {
        w = hd::sqlite::compile_filter(with(FilterField::status, Compare::eq, {"resolved", "closed"}), include_closed);
        CHECK(w.sql == "WHERE t.status IN (?,?)");
        w = hd::sqlite::compile_filter(with(FilterField::status, Compare::ne, {"new"}), include_closed);
        CHECK(w.sql == "WHERE t.status != ?");
    }
}

TEST_CASE("one value is an equality, several an IN list") {
    auto w = hd::sqlite::compile_filter(with(FilterField::priority, Compare::eq, {std::int64_t{1}}), true);
    CHECK(w.sql == "WHERE t.priority = ?");
    CHECK(w.binds == std::vector<SqlValue>{num(1)});

    w = hd::sqlite::compile_filter(with(FilterField::tier, Compare::eq, {std::int64_t{2}, std::int64_t{3}}), true);
    CHECK(w.sql == "WHERE t.tier IN (?,?)");
    CHECK(w.binds == std::vector<SqlValue>{num(2), num(3)});
}

TEST_CASE("a null value tests for an unset column") {
    auto w = hd::sqlite::compile_filter(with(FilterField::category, Compare::eq, {std::monostate{}}), true);
    CHECK(w.sql == "WHERE t.category IS NULL");
    CHECK(w.binds.empty());

    w = hd::sqlite::compile_filter(with(FilterField::assignee, Compare::eq, {"alice", std::monostate{}}), true);
    CHECK(w.sql == "WHERE (t.assignee = ? OR t.assignee IS NULL)");
    CHECK(w.binds == std::vector<SqlValue>{text("alice")});

    w = hd::sqlite::compile_filter(with(FilterField::category, Compare::ne, {std::monostate{}}), true);
    CHECK(w.sql == "WHERE t.category IS NOT NULL");
}

TEST_CASE("negation keeps unset values of nullable columns") {
    // NOT IN is unknown on NULL, so without the IS NULL branch an unassigned ticket would vanish.
    auto w = hd::sqlite::compile_filter(with(FilterField::assignee, Compare::ne, {"bob"}), true);
    CHECK(w.sql == "WHERE (t.assignee IS NULL OR t.assignee != ?)");
    CHECK(w.binds == std::vector<SqlValue>{text("bob")});

    w = hd::sqlite::compile_filter(with(FilterField::channel, Compare::ne, {"email", "chat"}), true);
    CHECK(w.sql == "WHERE (t.channel IS NULL OR t.channel NOT IN (?,?))");

    w = hd::sqlite::compile_filter(with(FilterField::assignee, Compare::ne, {"bob", std::monostate{}}), true);
    CHECK(w.sql == "WHERE (t.assignee IS NOT NULL AND t.assignee != ?)");
    CHECK(w.binds == std::vector<SqlValue>{text("bob")});
}

TEST_CASE("negation of a column that is never null is a plain NOT IN") {
    const auto w = hd::sqlite::compile_filter(with(FilterField::status, Compare::ne, {"closed", "resolved"}), false);
    CHECK(w.sql == std::string("WHERE ") + kOpenOnly + " AND t.status NOT IN (?,?)");
    CHECK(w.binds == std::vector<SqlValue>{text("closed"), text("resolved")});
}

TEST_CASE("comparisons map to their operators on the right columns") {
    auto w = hd::sqlite::compile_filter(parse({"prio:<=P2"}), true);
    CHECK(w.sql == "WHERE t.priority <= ?");
    CHECK(w.binds == std::vector<SqlValue>{num(2)});

    w = hd::sqlite::compile_filter(parse({"age:>3d", "updated:<1d", "id:>=10", "tier:<3"}), true);
    CHECK(w.sql == "WHERE t.created_at < ? AND t.updated_at > ? AND t.id >= ? AND t.tier < ?");
    CHECK(w.binds == std::vector<SqlValue>{num(kNow - 3 * kDay), num(kNow - kDay), num(10), num(3)});
}

TEST_CASE("tags are matched through the tag table") {
    auto w = hd::sqlite::compile_filter(with(FilterField::tag, Compare::eq, {"vip", "printer"}), true);
    CHECK(w.sql == "WHERE t.id IN (SELECT g.ticket_id FROM ticket_tags g WHERE g.tag IN (?,?))");
    CHECK(w.binds == std::vector<SqlValue>{text("vip"), text("printer")});

    w = hd::sqlite::compile_filter(with(FilterField::tag, Compare::ne, {"vip"}), true);
    CHECK(w.sql == "WHERE NOT t.id IN (SELECT g.ticket_id FROM ticket_tags g WHERE g.tag = ?)");
    CHECK(w.binds == std::vector<SqlValue>{text("vip")});
}

TEST_CASE("words search title and description; excluded words are negated") {
    hd::Filter f;
    f.words = {"printer", "Floor"};
    f.excluded_words = {"toner"};
    const auto w = hd::sqlite::compile_filter(f, true);
    CHECK(w.sql == "WHERE (hd_contains(t.title, ?) OR hd_contains(t.description, ?))"
                   " AND (hd_contains(t.title, ?) OR hd_contains(t.description, ?))"
                   " AND NOT (hd_contains(t.title, ?) OR hd_contains(t.description, ?))");
    CHECK(w.binds == std::vector<SqlValue>{text("printer"), text("printer"), text("Floor"), text("Floor"),
                                           text("toner"), text("toner")});
}

TEST_CASE("binds follow the placeholders in order across clauses") {
    const auto w = hd::sqlite::compile_filter(parse({"tag:vip", "assignee:me,none", "prio:<P3", "vpn"}), false);
    CHECK(w.sql == std::string("WHERE ") + kOpenOnly +
                       " AND t.id IN (SELECT g.ticket_id FROM ticket_tags g WHERE g.tag = ?)"
                       " AND (t.assignee = ? OR t.assignee IS NULL) AND t.priority < ?"
                       " AND (hd_contains(t.title, ?) OR hd_contains(t.description, ?))");
    CHECK(w.binds == std::vector<SqlValue>{text("vip"), text("alice"), num(3), text("vpn"), text("vpn")});
}

TEST_CASE("user text never reaches the SQL string") {
    const std::string evil = "x'); DROP TABLE tickets; --";
    hd::Filter f = with(FilterField::assignee, Compare::eq, {evil});
    f.conditions.push_back({FilterField::tag, Compare::ne, {evil}});
    f.words = {evil};
    f.excluded_words = {evil};
    const auto w = hd::sqlite::compile_filter(f, false);
    CHECK(w.sql.find("DROP") == std::string::npos);
    CHECK(w.sql.find(evil) == std::string::npos);

    TestDb db;
    CHECK(db.ids_of(f).empty());
    CHECK(db.ids_of(hd::Filter{}, true).size() == 5);  // the table is still there
}

TEST_CASE("the default order is priority then id") {
    CHECK(hd::sqlite::compile_order_by({}) == "ORDER BY t.priority, t.id");
}

TEST_CASE("sort keys become ORDER BY terms ending with the id") {
    CHECK(hd::sqlite::compile_order_by({{hd::SortField::priority, false}}) == "ORDER BY t.priority ASC, t.id ASC");
    CHECK(hd::sqlite::compile_order_by(hd::parse_sort("-updated,prio")) ==
          "ORDER BY t.updated_at DESC, t.priority ASC, t.id ASC");
    CHECK(hd::sqlite::compile_order_by(hd::parse_sort("cat,assignee,requester,tier,-created")) ==
          "ORDER BY t.category ASC, t.assignee ASC, t.requester ASC, t.tier ASC, t.created_at DESC, t.id ASC");
}

TEST_CASE("sorting by id ends the order, since nothing can tie after it") {
    CHECK(hd::sqlite::compile_order_by(hd::parse_sort("-id,prio")) == "ORDER BY t.id DESC");
}

TEST_CASE("every sort field compiles to SQL that runs") {
    TestDb db;
    for (const auto& name : hd::sort_fields()) {
        CAPTURE(name);
        CHECK(db.ids_of(hd::Filter{}, true, hd::parse_sort(name)).size() == 5);
        CHECK(db.ids_of(hd::Filter{}, true, hd::parse_sort("-" + name)).size() == 5);
    }
}

TEST_CASE("queries on a real database return the right tickets") {
    TestDb db;
    CHECK(db.ids({}) == Ids{3, 1, 5, 2});              // closed #4 hidden; priority, then id
    CHECK(db.ids({}, true) == Ids{3, 1, 5, 2, 4});
    CHECK(db.ids({"status:closed"}) == Ids{4});         // naming a status shows closed tickets
    CHECK(db.ids({"status:!closed"}) == Ids{3, 1, 5, 2});
    CHECK(db.ids({"status:open,pending"}) == Ids{3, 1});
    CHECK(db.ids({"type:incident"}) == Ids{3, 1});
    CHECK(db.ids({"prio:<=P2"}) == Ids{3, 1, 5});
    CHECK(db.ids({"prio:>P2"}, true) == Ids{2, 4});
    CHECK(db.ids({"tier:2"}) == Ids{3, 5});
    CHECK(db.ids({"id:#2,3"}) == Ids{3, 2});
    CHECK(db.ids({"id:>=3"}, true) == Ids{3, 5, 4});
}

TEST_CASE("null and negated values select unset columns correctly on a real database") {
    TestDb db;
    CHECK(db.ids({"assignee:none"}) == Ids{2});
    CHECK(db.ids({"assignee:me"}) == Ids{1, 5});
    CHECK(db.ids({"assignee:me,none"}) == Ids{1, 5, 2});
    CHECK(db.ids({"assignee:!alice"}) == Ids{3, 2});           // the unassigned #2 is "not alice"
    CHECK(db.ids({"assignee:!alice,none"}) == Ids{3});
    CHECK(db.ids({"cat:none"}) == Ids{2});
    CHECK(db.ids({"cat:!none"}) == Ids{3, 1, 5});
    CHECK(db.ids({"cat:!hardware"}, true) == Ids{3, 5, 2});
    CHECK(db.ids({"channel:!email,phone"}) == Ids{5, 2});
    CHECK(db.ids({"requester:none"}, true) == Ids{4});
    CHECK(db.ids({"requester:bob"}) == Ids{1, 5});
}

TEST_CASE("tags select and exclude tickets on a real database") {
    TestDb db;
    CHECK(db.ids({"tag:printer"}, true) == Ids{1, 4});
    CHECK(db.ids({"tag:vip,floor3"}) == Ids{3, 1});
    CHECK(db.ids({"tag:!printer"}) == Ids{3, 5, 2});            // tickets without any tag are kept
    CHECK(db.ids({"tag:printer", "tag:floor3"}) == Ids{1});     // two terms: both must hold
}

TEST_CASE("ages and update times select by timestamp on a real database") {
    TestDb db;
    CHECK(db.ids({"age:>3d"}, true) == Ids{3, 1, 4});
    CHECK(db.ids({"age:3d"}, true) == Ids{3, 1, 4});
    CHECK(db.ids({"age:<1d"}) == Ids{2});
    CHECK(db.ids({"updated:<1d"}) == Ids{5, 2});
    CHECK(db.ids({"updated:>1w"}, true) == Ids{4});
    CHECK(db.ids({"updated:>2026-11-22"}) == Ids{1, 5, 2});
}

TEST_CASE("words match title or description, case-insensitively, on a real database") {
    TestDb db;
    CHECK(db.ids({"printer"}, true) == Ids{1, 5, 4});
    CHECK(db.ids({"toner"}) == Ids{1});                          // found in the description
    CHECK(db.ids({"printer", "-toner"}) == Ids{5});              // a NULL description does not hide #5
    CHECK(db.ids({"printer", "floor"}) == Ids{1});
    CHECK(db.ids({"-printer"}) == Ids{3, 2});
}

TEST_CASE("sort orders apply on a real database") {
    TestDb db;
    CHECK(db.ids({}, true, "-created") == Ids{2, 5, 1, 3, 4});
    CHECK(db.ids({}, true, "age") == Ids{2, 5, 1, 3, 4});       // youngest first
    CHECK(db.ids({}, true, "status") == Ids{2, 1, 3, 5, 4});    // lifecycle order, not alphabetical
    CHECK(db.ids({}, true, "prio,-id") == Ids{3, 5, 1, 2, 4});
    CHECK(db.ids({}, true, "title") == Ids{2, 1, 4, 5, 3});     // case-insensitive
}
