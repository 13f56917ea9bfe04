// Report periods and buckets, ratings, and every report's numbers from the SQLite store on a seeded
// store (tickets, events, ratings, SLA clocks and breaches written directly), checked by hand.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>

#include "core/config/config.hpp"
#include "core/report/period.hpp"
#include "core/service/reports.hpp"
#include "core/store/store.hpp"
#include "tests/unit/test_support.hpp"

using namespace hd;
namespace fs = std::filesystem;

using hd::test::kind_of;
using hd::test::TempDir;

namespace {

constexpr Seconds kHour = 3600;
constexpr Seconds kDay = 86400;
const Timestamp T0 = *parse_rfc3339("2026-11-01T00:00:00Z");  // a Sunday

std::unique_ptr<Store> open_store(const fs::path& p, bool create = true) {
    StoreOptions o;
    o.path = p;
    o.create = create;
    o.lock_timeout_ms = 2000;
    return open_sqlite_store(o);
}

void run_sql(const fs::path& p, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    if (err) MESSAGE(err);
    sqlite3_free(err);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

struct Seed {
    Timestamp created;
    std::optional<Timestamp> resolved;
    Status status;
    int priority;
    int tier;
    int escalations;
    std::optional<std::string> category;
    std::optional<std::string> assignee;
};

Ticket ticket(const Seed& s) {
    Ticket t;
    t.title = "ticket";
    t.created_at = t.updated_at = s.created;
    t.resolved_at = s.resolved;
    if (s.status == Status::closed) t.closed_at = *s.resolved + kHour;
    t.status = s.status;
    t.priority = Priority{s.priority};
    t.tier = s.tier;
    t.escalations = s.escalations;
    t.category = s.category;
    t.assignee = s.assignee;
    return t;
}

Event escalation(TicketId id, Timestamp at, int from, int to, std::optional<TicketId> merged_from = std::nullopt) {
    return Event{0,      id,         at, "bob", "escalated", std::nullopt, std::to_string(from), std::to_string(to),
                 "hard", merged_from};
}

std::string n(Timestamp t) {
    return std::to_string(t);
}

// The week of 2026-11-01 to 2026-11-08 (by day), with tickets before, in and after it. The comments at
// each ticket give what the reports should make of it (at --until = T0 + 7d).
struct SeededStore {
    TempDir dir;
    fs::path path = dir.path / "hd.db";
    std::unique_ptr<Store> store = open_store(path);
    Period week = make_period("2026-11-01", "2026-11-08", "", T0 + 7 * kDay);

    SeededStore() {
        const std::string network = "network", printer = "printer";
        const std::optional<std::string> none;
        {
            Transaction tx(*store, Transaction::Mode::write);
            const std::vector<Seed> seeds = {
                // 1: open since before the range: backlog, 9 days old (7-30d).
                {T0 - 2 * kDay, std::nullopt, Status::open, 2, 1, 0, printer, "alice"},
                // 2: opened and resolved in 2h at L1: first-contact.
                {T0 + kHour, T0 + 3 * kHour, Status::resolved, 1, 1, 0, network, "alice"},
                // 3: escalated once, resolved in 6h at L2 and closed.
                {T0 + kDay, T0 + kDay + 6 * kHour, Status::closed, 2, 2, 1, network, "bob"},
                // 4: resolved in 10h at L1: first-contact.
                {T0 + 2 * kDay, T0 + 2 * kDay + 10 * kHour, Status::resolved, 3, 1, 0, printer, "alice"},
                // 5: escalated twice, resolved in 48h at L3; no category.
                {T0 + 3 * kDay, T0 + 5 * kDay, Status::resolved, 3, 3, 2, none, "bob"},
                // 6: new, 12h old at the end: backlog (<1d).
                {T0 + 6 * kDay + 12 * kHour, std::nullopt, Status::new_, 4, 1, 0, printer, none},
                // 7: escalated, pending, 2 days old: backlog (1-3d).
                {T0 + 5 * kDay, std::nullopt, Status::pending, 2, 2, 1, network, "bob"},
                // 8: opened long before, resolved in the range after 46 days at L1.
                {T0 - 40 * kDay, T0 + 6 * kDay, Status::resolved, 4, 1, 0, printer, "carol"},
                // 9: opened and resolved before the range: in no figure.
                {T0 - 10 * kDay, T0 - 5 * kDay, Status::resolved, 3, 1, 0, network, "carol"},
                // 10: opened after the range: in no figure.
                {T0 + 8 * kDay, std::nullopt, Status::new_, 3, 1, 0, network, none},
                // 11: opened in the range, resolved after it: backlog at the end (3-7d), not now.
                {T0 + kDay, T0 + 8 * kDay, Status::resolved, 3, 1, 0, network, "carol"},
                // 12: open for 67 days: backlog (>30d).
                {T0 - 60 * kDay, std::nullopt, Status::open, 3, 1, 0, printer, none},
            };
            for (const auto& s : seeds) store->insert_ticket(ticket(s));
            store->insert_event(escalation(3, T0 + kDay + kHour, 1, 2));
            store->insert_event(escalation(5, T0 + 3 * kDay + kHour, 1, 2));
            store->insert_event(escalation(5, T0 + 4 * kDay, 2, 3));
            store->insert_event(escalation(7, T0 + 5 * kDay + kHour, 1, 2));
            store->insert_event(escalation(11, T0 + 2 * kDay, 1, 2, 3));  // a copy from a merge: not counted again
            store->insert_event(escalation(9, T0 - 6 * kDay, 1, 2));      // before the range
            auto& reports = store->reports();
            reports.put_rating(Rating{2, 5, "Great", "dora", T0 + 4 * kHour});
            reports.put_rating(Rating{3, 2, "Slow", "erin", T0 + 2 * kDay});
            reports.put_rating(Rating{4, 4, std::nullopt, "dora", T0 + 3 * kDay});
            reports.put_rating(Rating{8, 3, "ok", "fred", T0 + 6 * kDay + kHour});
            reports.put_rating(Rating{9, 1, "bad", "fred", T0 - 4 * kDay});  // before the range
            tx.commit();
        }
        const auto sla = [](TicketId id, std::string responded, std::string respond_met, std::string resolve_met,
                            std::string respond_due = "NULL", std::string respond_risk = "NULL",
                            std::string resolve_due = "NULL", std::string resolve_risk = "NULL") {
            return "INSERT INTO ticket_sla (ticket_id, policy, calendar, respond_target, responded_at, respond_due, "
                   "respond_risk_at, respond_met, resolve_target, resolve_due, resolve_risk_at, resolve_met, tier, "
                   "tier_since, fingerprint) VALUES (" +
                   std::to_string(id) + ", 'p', '24x7', 3600, " + responded + ", " + respond_due + ", " + respond_risk +
                   ", " + respond_met + ", 86400, " + resolve_due + ", " + resolve_risk + ", " + resolve_met +
                   ", 1, 0, 'f');\n";
        };
        run_sql(path,
                sla(2, n(T0 + kHour + 600), "1", "1") + sla(3, n(T0 + kDay + 1800), "1", "0") +
                    sla(4, n(T0 + 2 * kDay + kHour), "0", "1") + sla(5, n(T0 + 3 * kDay + 2 * kHour), "1", "0") +
                    // 7: no response and past its due time: breached now.
                    sla(7, "NULL", "NULL", "NULL", n(T0 + 5 * kDay + 4 * kHour), n(T0 + 5 * kDay + 3 * kHour)) +
                    // 6: past its at-risk time, not yet due: at risk now.
                    sla(6, "NULL", "NULL", "NULL", n(T0 + 7 * kDay + 2 * kHour), n(T0 + 6 * kDay + 20 * kHour)) +
                    // 1: responded long ago, resolution due later: neither.
                    sla(1, n(T0 - 2 * kDay + 60), "1", "NULL", "NULL", "NULL", n(T0 + 10 * kDay), n(T0 + 8 * kDay)) +
                    sla(8, n(T0 - 40 * kDay + 100), "1", "1") +
                    "INSERT INTO sla_breaches VALUES (3, 'resolve', 0, 0, " + n(T0 + kDay + 5 * kHour) + ", NULL);" +
                    "INSERT INTO sla_breaches VALUES (5, 'resolve', 0, 0, " + n(T0 + 4 * kDay) + ", NULL);" +
                    "INSERT INTO sla_breaches VALUES (4, 'respond', 0, 0, " + n(T0 + 2 * kDay + 2 * kHour) +
                    ", NULL);" + "INSERT INTO sla_breaches VALUES (7, 'pickup', 2, 0, " + n(T0 + 5 * kDay + kHour) +
                    ", NULL);" + "INSERT INTO sla_breaches VALUES (6, 'hold', 1, 0, " + n(T0 + 9 * kDay) + ", NULL);" +
                    "INSERT INTO sla_breaches VALUES (12, 'respond', 0, 0, " + n(T0 - 30 * kDay) + ", NULL);");
    }
};

}  // namespace

// ---- periods ----

TEST_CASE("a report period defaults to the last 30 days, by day, ending after the current second") {
    const Timestamp now = T0 + 10 * kHour;
    const Period p = make_period("", "", "", now);
    CHECK(p.until == now + 1);
    CHECK(p.since == now - 30 * kDay);
    CHECK(p.by == Bucketing::day);
    REQUIRE(p.buckets.size() == 31);  // a partial first day, 29 whole ones, and today so far
    CHECK(p.buckets.front().start == p.since);
    CHECK(p.buckets.front().end == start_of_day(p.since) + kDay);
    CHECK(p.buckets.back().end == p.until);
    CHECK(p.buckets.back().label == "2026-11-01");
}

TEST_CASE("--since and --until take durations back from now, dates and instants") {
    const Timestamp now = T0 + 10 * kHour;
    CHECK(make_period("2w", "1w", "", now).since == now - 14 * kDay);
    CHECK(make_period("2w", "1w", "", now).until == now - 7 * kDay);
    CHECK(make_period("2026-10-01", "2026-11-01T00:00:00Z", "", now).since == *parse_rfc3339("2026-10-01"));
    CHECK(make_period("2026-10-01", "2026-11-01T01:00:00+01:00", "", now).until == T0);
}

TEST_CASE("the bucket size follows the range's length unless --by says") {
    const Timestamp now = T0;
    CHECK(make_period("31d", "", "", now).by == Bucketing::day);
    CHECK(make_period("32d", "", "", now).by == Bucketing::week);
    CHECK(make_period("26w", "", "", now).by == Bucketing::week);
    CHECK(make_period("27w", "", "", now).by == Bucketing::month);
    CHECK(make_period("1d", "", "month", now).by == Bucketing::month);
}

TEST_CASE("weeks start on Monday and months on the first, in UTC; the ends are clipped to the range") {
    const Period weeks = make_period("2026-11-01", "2026-11-20", "week", T0 + 30 * kDay);
    REQUIRE(weeks.buckets.size() == 4);
    CHECK(weeks.buckets[0].label == "2026-10-26");  // the Monday before Sunday 1 November
    CHECK(weeks.buckets[0].start == T0);
    CHECK(weeks.buckets[1].start == *parse_rfc3339("2026-11-02"));
    CHECK(weeks.buckets[3].label == "2026-11-16");
    CHECK(weeks.buckets[3].end == *parse_rfc3339("2026-11-20"));

    const Period months = make_period("2025-12-15", "2026-03-01", "month", T0);
    REQUIRE(months.buckets.size() == 3);
    CHECK(months.buckets[0].label == "2025-12");
    CHECK(months.buckets[1].start == *parse_rfc3339("2026-01-01"));
    CHECK(months.buckets[2].label == "2026-02");
    CHECK(months.buckets[2].end == *parse_rfc3339("2026-03-01"));
}

TEST_CASE("bucket_index finds each instant's bucket") {
    for (const char* by : {"day", "week", "month"}) {
        const Period p = make_period("2025-11-17T13:00:00Z", "2026-11-03", by, T0);
        for (std::size_t i = 0; i < p.buckets.size(); ++i) {
            CHECK(bucket_index(p, p.buckets[i].start) == i);
            CHECK(bucket_index(p, p.buckets[i].end - 1) == i);
        }
    }
}

TEST_CASE("bad report ranges are refused as usage errors") {
    const Timestamp now = T0;
    CHECK(kind_of([&] { make_period("yesterday", "", "", now); }) == ErrorKind::usage);
    CHECK(kind_of([&] { make_period("", "2026-13-01", "", now); }) == ErrorKind::usage);
    CHECK(kind_of([&] { make_period("", "", "year", now); }) == ErrorKind::usage);
    CHECK(kind_of([&] { make_period("2026-11-01", "2026-11-01", "", now); }) == ErrorKind::usage);
    CHECK(kind_of([&] { make_period("1d", "2d", "", now); }) == ErrorKind::usage);           // since after until
    CHECK(kind_of([&] { make_period("2000-01-01", "", "day", now); }) == ErrorKind::usage);  // too many buckets
}

// ---- ratings ----

TEST_CASE("a rating is stored once per ticket: rating again replaces it") {
    SeededStore s;
    Transaction tx(*s.store, Transaction::Mode::write);
    auto& reports = s.store->reports();
    CHECK(reports.find_rating(2)->score == 5);
    CHECK(reports.find_rating(2)->comment == "Great");
    reports.put_rating(Rating{2, 3, std::nullopt, "dora", T0 + 5 * kHour});
    const auto r = reports.find_rating(2);
    REQUIRE(r);
    CHECK(r->score == 3);
    CHECK_FALSE(r->comment);
    CHECK(r->rated_at == T0 + 5 * kHour);
    CHECK_FALSE(reports.find_rating(6));
}

// ---- reports ----

TEST_CASE("summary: volume, backlog ages, times, first contact, escalation, compliance, satisfaction") {
    SeededStore s;
    Transaction tx(*s.store, Transaction::Mode::read);
    const SummaryReport r = s.store->reports().summary(s.week);
    CHECK(r.opened == 7);    // 2, 3, 4, 5, 6, 7, 11
    CHECK(r.resolved == 5);  // 2, 3, 4, 5, 8
    CHECK(r.backlog == 5);   // 1, 6, 7, 11, 12
    CHECK(r.backlog_by_age == std::array<std::int64_t, 5>{1, 1, 1, 1, 1});
    CHECK(r.first_response.count == 4);  // 600, 1800, 3600, 7200 s
    CHECK(r.first_response.mean == 3300);
    CHECK(r.first_response.median == 2700);  // the mean of the two middle ones
    CHECK(r.resolution.count == 5);
    CHECK(r.resolution.mean == (2 + 6 + 10 + 48 + 46 * 24) * kHour / 5);
    CHECK(r.resolution.median == 10 * kHour);
    CHECK(r.first_contact.part == 3);  // 2, 4, 8
    CHECK(r.first_contact.rate() == doctest::Approx(0.6));
    CHECK(r.escalated.part == 3);  // 3, 5, 7
    CHECK(r.escalated.whole == 7);
    CHECK(r.respond_met.part == 3);
    CHECK(r.respond_met.whole == 4);
    CHECK(r.resolve_met.part == 3);
    CHECK(r.resolve_met.whole == 5);
    CHECK(r.satisfaction.ratings == 4);
    CHECK(r.satisfaction.average() == doctest::Approx(3.5));
    CHECK(r.satisfaction.satisfied == 2);
}

TEST_CASE("sla: per priority, with the total; no response time makes no data, not 0 %") {
    SeededStore s;
    Transaction tx(*s.store, Transaction::Mode::read);
    const Config config = default_config();
    ReportService service(*s.store, config, T0 + 7 * kDay);
    const SlaReport r = service.sla(s.week);
    REQUIRE(r.priorities.size() == 4);
    const SlaRow& p1 = r.priorities[0];
    const SlaRow& p2 = r.priorities[1];
    const SlaRow& p3 = r.priorities[2];
    const SlaRow& p4 = r.priorities[3];
    CHECK(p1.respond.part == 1);
    CHECK(p1.respond.whole == 1);
    CHECK(p3.respond.part == 1);
    CHECK(p3.respond.whole == 2);
    CHECK_FALSE(p4.respond.rate());  // no response clock stopped for P4 in the range
    CHECK(p2.resolve.rate() == doctest::Approx(0.0));
    CHECK(p4.resolve.rate() == doctest::Approx(1.0));
    CHECK(p2.resolve_breaches == 1);
    CHECK(p2.pickup_breaches == 1);
    CHECK(p3.resolve_breaches == 1);
    CHECK(p3.respond_breaches == 1);
    CHECK(p4.hold_breaches == 0);  // recorded after the range
    CHECK(p2.open_breached == 1);  // 7
    CHECK(p4.open_at_risk == 1);   // 6
    CHECK(p2.open_at_risk == 0);
    CHECK(r.total.respond.part == 3);
    CHECK(r.total.respond.whole == 4);
    CHECK(r.total.resolve.part == 3);
    CHECK(r.total.resolve.whole == 5);
    CHECK(r.total.respond_breaches + r.total.resolve_breaches == 3);
    CHECK(r.total.open_breached == 1);
    CHECK(r.total.open_at_risk == 1);
}

TEST_CASE("tiers: resolved there, escalated out of it (merged copies once), backlog now, OLA breaches") {
    SeededStore s;
    Transaction tx(*s.store, Transaction::Mode::read);
    const Config config = default_config();
    ReportService service(*s.store, config, T0 + 7 * kDay);
    const auto rows = service.tiers(s.week);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].name == "Helpdesk");
    CHECK(rows[0].resolution.count == 3);  // 2, 4, 8
    CHECK(rows[0].resolution.median == 10 * kHour);
    CHECK(rows[0].escalated_out == 3);  // 3, 5, 7
    CHECK(rows[0].escalation().rate() == doctest::Approx(0.5));
    CHECK(rows[0].backlog == 4);  // 1, 6, 10, 12: active now, whenever opened
    CHECK(rows[1].resolution.count == 1);
    CHECK(rows[1].escalated_out == 1);  // 5
    CHECK(rows[1].backlog == 1);        // 7
    CHECK(rows[1].pickup_breaches == 1);
    CHECK(rows[2].name == "Experts");
    CHECK(rows[2].escalated_out == 0);
    CHECK(rows[2].escalation().rate() == doctest::Approx(0.0));
    CHECK(rows[0].hold_breaches == 0);
}

TEST_CASE("agents: resolved with times and first contact, backlog now, ratings; unassigned last") {
    SeededStore s;
    Transaction tx(*s.store, Transaction::Mode::read);
    const Config config = default_config();
    ReportService service(*s.store, config, T0 + 7 * kDay);
    const auto rows = service.agents(s.week);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].agent == "alice");  // 2 resolved, 1 in backlog
    CHECK(rows[0].resolution.count == 2);
    CHECK(rows[0].resolution.median == 6 * kHour);  // 2h and 10h
    CHECK(rows[0].first_contact.rate() == doctest::Approx(1.0));
    CHECK(rows[0].backlog == 1);
    CHECK(rows[0].satisfaction.average() == doctest::Approx(4.5));
    CHECK(rows[1].agent == "bob");
    CHECK(rows[1].resolution.median == 27 * kHour);  // 6h and 48h
    CHECK(rows[1].first_contact.rate() == doctest::Approx(0.0));
    CHECK(rows[1].satisfaction.ratings == 1);
    CHECK(rows[2].agent == "carol");
    CHECK(rows[2].resolution.count == 1);
    CHECK(rows[2].backlog == 0);
    CHECK_FALSE(rows[3].agent);
    CHECK(rows[3].backlog == 3);  // 6, 10, 12
    CHECK(rows[3].resolution.count == 0);
    CHECK_FALSE(rows[3].resolution.median);
}

TEST_CASE("categories: opened, resolved, backlog at the end, resolve compliance; no category last") {
    SeededStore s;
    Transaction tx(*s.store, Transaction::Mode::read);
    const Config config = default_config();
    ReportService service(*s.store, config, T0 + 7 * kDay);
    const auto rows = service.categories(s.week);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].category == "network");
    CHECK(rows[0].opened == 4);
    CHECK(rows[0].resolution.count == 2);
    CHECK(rows[0].resolution.median == 4 * kHour);
    CHECK(rows[0].backlog == 2);  // 7, 11
    CHECK(rows[0].resolve_met.rate() == doctest::Approx(0.5));
    CHECK(rows[1].category == "printer");
    CHECK(rows[1].opened == 2);
    CHECK(rows[1].backlog == 3);  // 1, 6, 12
    CHECK(rows[1].resolve_met.rate() == doctest::Approx(1.0));
    CHECK_FALSE(rows[2].category);
    CHECK(rows[2].opened == 1);
    CHECK(rows[2].resolution.median == 48 * kHour);
    CHECK(rows[2].resolve_met.rate() == doctest::Approx(0.0));
}

TEST_CASE("volume: opened and resolved per day, and the backlog at each day's end") {
    SeededStore s;
    Transaction tx(*s.store, Transaction::Mode::read);
    const auto rows = s.store->reports().volume(s.week);
    REQUIRE(rows.size() == 7);
    const std::vector<std::int64_t> opened{1, 2, 1, 1, 0, 1, 1}, resolved{1, 1, 1, 0, 0, 1, 1},
        backlog{3, 4, 4, 5, 5, 5, 5};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CAPTURE(i);
        CHECK(rows[i].opened == opened[i]);
        CHECK(rows[i].resolved == resolved[i]);
        CHECK(rows[i].backlog == backlog[i]);
    }
    CHECK(rows.back().backlog == s.store->reports().summary(s.week).backlog);
}

TEST_CASE("volume by month puts each instant where bucket_index does") {
    TempDir dir;
    auto store = open_store(dir.path / "hd.db");
    const std::vector<const char*> instants = {"2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "2026-01-31T12:00:00Z",
                                               "2026-02-28T23:59:59Z", "2026-03-01T00:00:00Z"};
    {
        Transaction tx(*store, Transaction::Mode::write);
        for (const char* at : instants)
            store->insert_ticket(
                ticket({*parse_rfc3339(at), std::nullopt, Status::new_, 3, 1, 0, std::nullopt, std::nullopt}));
        tx.commit();
    }
    Transaction tx(*store, Transaction::Mode::read);
    for (const char* by : {"month", "week", "day"}) {
        CAPTURE(by);
        const Period p = make_period("2025-12-20", "2026-03-02", by, T0);
        const auto rows = store->reports().volume(p);
        REQUIRE(rows.size() == p.buckets.size());
        std::vector<std::int64_t> expected(p.buckets.size(), 0);
        for (const char* at : instants) ++expected[bucket_index(p, *parse_rfc3339(at))];
        for (std::size_t i = 0; i < rows.size(); ++i) CHECK(rows[i].opened == expected[i]);
        CHECK(rows.back().backlog == 5);
    }
}

TEST_CASE("csat: scores overall and per bucket, and the latest comments first") {
    SeededStore s;
    Transaction tx(*s.store, Transaction::Mode::read);
    const CsatReport r = s.store->reports().csat(s.week, 2);
    CHECK(r.scores.counts == std::array<std::int64_t, 5>{0, 1, 1, 1, 1});
    CHECK(r.scores.satisfaction().average() == doctest::Approx(3.5));
    REQUIRE(r.buckets.size() == 7);
    CHECK(r.buckets[0].scores.counts[4] == 1);
    CHECK(r.buckets[2].scores.counts[1] == 1);
    CHECK(r.buckets[6].scores.counts[2] == 1);
    CHECK(r.buckets[1].scores.satisfaction().ratings == 0);
    REQUIRE(r.comments.size() == 2);
    CHECK(r.comments[0].ticket == 8);
    CHECK(r.comments[0].comment == "ok");
    CHECK(r.comments[1].ticket == 3);
}

TEST_CASE("a store that does not exist reports zeros and no data") {
    TempDir dir;
    auto store = open_store(dir.path / "absent.db", false);
    Transaction tx(*store, Transaction::Mode::read);
    const Period p = make_period("", "", "", T0);
    const SummaryReport r = store->reports().summary(p);
    CHECK(r.opened == 0);
    CHECK_FALSE(r.resolution.median);
    CHECK_FALSE(r.first_contact.rate());
    CHECK(store->reports().volume(p).size() == p.buckets.size());
    const Config config = default_config();
    ReportService service(*store, config, T0);
    CHECK(service.tiers(p).size() == 3);
    CHECK(service.sla(p).priorities.size() == 4);
    CHECK_FALSE(fs::exists(dir.path / "absent.db"));
}
