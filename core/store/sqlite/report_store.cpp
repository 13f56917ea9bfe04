// Ratings and report aggregates in SQLite. Every figure is one statement over an index range of the
// period (tickets_by_created, tickets_by_resolved, events_escalated_at, sla_breaches_by_recorded,
// ratings_by_rated_at) or over the active tickets (by status): GROUP BY for counts, window functions for
// medians. Parameters: ?1 since, ?2 until, ?3 the bucket origin or now.
#include "core/store/sqlite/report_store.hpp"

#include <cmath>
#include <map>
#include <string>

namespace hd::sqlite {
namespace {

constexpr const char* kActive = "('new', 'open', 'pending')";

// The tickets in the backlog at ?T: created before it, and either active and never resolved, or
// resolved at or after it. (A reopened ticket lost its resolved_at, so it counts from its creation.)
// Both halves walk small index ranges: the active tickets (by status; the unary + keeps SQLite from
// walking every ticket created before T instead), and those resolved since T.
std::string backlog_sql(const std::string& columns, int t) {
    const std::string T = "?" + std::to_string(t);
    return "SELECT " + columns + " FROM tickets WHERE status IN " + kActive +
           " AND resolved_at IS NULL AND +created_at < " + T + " UNION ALL SELECT " + columns +
           " FROM tickets WHERE resolved_at >= " + T + " AND created_at < " + T;
}

// The bucket of `column` as Period::bucket_index counts it, from the origin in ?3.
std::string bucket_sql(const Period& p, const std::string& column) {
    switch (p.by) {
        case Bucketing::day: return "((" + column + " - ?3) / 86400)";
        case Bucketing::week: return "((" + column + " - ?3) / 604800)";
        case Bucketing::month:
            return "(CAST(strftime('%Y', " + column + ", 'unixepoch') AS INTEGER) * 12 + CAST(strftime('%m', " +
                   column + ", 'unixepoch') AS INTEGER) - 1 - ?3)";
    }
    return "0";
}

std::optional<Seconds> rounded(const Stmt& s, int column) {
    if (s.is_null(column)) return std::nullopt;
    return static_cast<Seconds>(std::llround(s.double_value(column)));
}

std::int64_t tier_of(const std::optional<std::string>& key) {
    if (!key) return 0;
    try {
        return std::stoll(*key);
    } catch (...) {
        return 0;
    }
}

struct Grouped {
    DurationStats durations;
    std::int64_t flagged = 0;  // rows whose flag column is true
};

class SqliteReportStore final : public ReportStore {
public:
    explicit SqliteReportStore(std::unique_ptr<Db>& db) : db_(db) {}

    void put_rating(const Rating& r) override {
        auto s = db_->prepare(
            "INSERT INTO ratings (ticket_id, score, comment, rated_by, rated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (ticket_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, "
            "rated_by = excluded.rated_by, rated_at = excluded.rated_at");
        s.bind(1, r.ticket).bind(2, std::int64_t{r.score}).bind(3, r.comment).bind(4, std::string_view(r.rated_by));
        s.bind(5, r.rated_at);
        s.run();
    }

    std::optional<Rating> find_rating(TicketId ticket) override {
        if (!db_) return std::nullopt;
        auto s = db_->prepare("SELECT ticket_id, score, comment, rated_by, rated_at FROM ratings WHERE ticket_id = ?");
        s.bind(1, ticket);
        if (!s.step()) return std::nullopt;
        return read_rating(s);
    }

    SummaryReport summary(const Period& p) override {
        SummaryReport r;
        if (!db_) return r;
        {
            auto s = db_->prepare(
                "SELECT count(*), coalesce(sum(escalations > 0), 0) FROM tickets "
                "WHERE created_at >= ?1 AND created_at < ?2");
            bind_range(s, p);
            if (s.step()) {
                r.opened = s.int64(0);
                r.escalated = Ratio{s.int64(1), s.int64(0)};
            }
        }
        {
            const auto g = grouped(
                "SELECT NULL, resolved_at - created_at, tier = 1 AND escalations = 0 FROM tickets "
                "WHERE resolved_at >= ?1 AND resolved_at < ?2",
                p);
            if (!g.empty()) {
                r.resolution = g.begin()->second.durations;
                r.first_contact = Ratio{g.begin()->second.flagged, r.resolution.count};
            }
            r.resolved = r.resolution.count;
        }
        {
            std::string sql = "SELECT count(*)";
            for (const auto& band : age_bands()) {
                sql += ", coalesce(sum(age >= " + std::to_string(band.from);
                if (band.to) sql += " AND age < " + std::to_string(*band.to);
                sql += "), 0)";
            }
            sql += " FROM (SELECT ?2 - created_at AS age FROM (" + backlog_sql("created_at", 2) + "))";
            auto s = db_->prepare(sql);
            bind_range(s, p);
            if (s.step()) {
                r.backlog = s.int64(0);
                for (std::size_t i = 0; i < kAgeBands; ++i) r.backlog_by_age[i] = s.int64(static_cast<int>(i) + 1);
            }
        }
        {
            const auto g = grouped(
                "SELECT NULL, s.responded_at - t.created_at, 0 FROM tickets t "
                "JOIN ticket_sla s ON s.ticket_id = t.id "
                "WHERE t.created_at >= ?1 AND t.created_at < ?2 AND s.responded_at < ?2",
                p);
            if (!g.empty()) r.first_response = g.begin()->second.durations;
        }
        {
            // ticket_sla has no index on responded_at: this one walks the table (a narrow one) once.
            auto s = db_->prepare(
                "SELECT count(*), coalesce(sum(respond_met), 0) FROM ticket_sla "
                "WHERE responded_at >= ?1 AND responded_at < ?2 AND respond_met IS NOT NULL");
            bind_range(s, p);
            if (s.step()) r.respond_met = Ratio{s.int64(1), s.int64(0)};
        }
        {
            auto s = db_->prepare(
                "SELECT count(*), coalesce(sum(s.resolve_met), 0) FROM tickets t "
                "JOIN ticket_sla s ON s.ticket_id = t.id "
                "WHERE t.resolved_at >= ?1 AND t.resolved_at < ?2 AND s.resolve_met IS NOT NULL");
            bind_range(s, p);
            if (s.step()) r.resolve_met = Ratio{s.int64(1), s.int64(0)};
        }
        {
            auto s = db_->prepare(
                "SELECT count(*), coalesce(sum(score), 0), coalesce(sum(score >= " + std::to_string(kSatisfiedScore) +
                "), 0) FROM ratings WHERE rated_at >= ?1 AND rated_at < ?2");
            bind_range(s, p);
            if (s.step()) r.satisfaction = Satisfaction{s.int64(0), s.int64(1), s.int64(2)};
        }
        return r;
    }

    std::vector<SlaRow> sla(const Period& p, Timestamp now) override {
        std::map<int, SlaRow> rows;
        if (!db_) return {};
        const auto row = [&rows](std::int64_t priority) -> SlaRow& {
            SlaRow& r = rows[static_cast<int>(priority)];
            r.priority = static_cast<int>(priority);
            return r;
        };
        {
            // Walks ticket_sla (no index on responded_at) and looks up only the tickets that match:
            // CROSS JOIN keeps SQLite from walking every ticket and looking up its clock instead.
            auto s = db_->prepare(
                "SELECT t.priority, count(*), coalesce(sum(s.respond_met), 0) FROM ticket_sla s "
                "CROSS JOIN tickets t ON t.id = s.ticket_id WHERE s.responded_at >= ?1 AND s.responded_at < ?2 "
                "AND s.respond_met IS NOT NULL GROUP BY t.priority");
            bind_range(s, p);
            while (s.step()) row(s.int64(0)).respond = Ratio{s.int64(2), s.int64(1)};
        }
        {
            auto s = db_->prepare(
                "SELECT t.priority, count(*), coalesce(sum(s.resolve_met), 0) FROM tickets t "
                "JOIN ticket_sla s ON s.ticket_id = t.id WHERE t.resolved_at >= ?1 AND t.resolved_at < ?2 "
                "AND s.resolve_met IS NOT NULL GROUP BY t.priority");
            bind_range(s, p);
            while (s.step()) row(s.int64(0)).resolve = Ratio{s.int64(2), s.int64(1)};
        }
        {
            auto s = db_->prepare(
                "SELECT t.priority, sum(b.target = 'respond'), sum(b.target = 'resolve'), "
                "sum(b.target = 'pickup'), sum(b.target = 'hold') FROM sla_breaches b "
                "JOIN tickets t ON t.id = b.ticket_id WHERE b.recorded_at >= ?1 AND b.recorded_at < ?2 "
                "GROUP BY t.priority");
            bind_range(s, p);
            while (s.step()) {
                SlaRow& r = row(s.int64(0));
                r.respond_breaches = s.int64(1);
                r.resolve_breaches = s.int64(2);
                r.pickup_breaches = s.int64(3);
                r.hold_breaches = s.int64(4);
            }
        }
        {
            // A running clock has no stop (responded_at, resolve_met) and a due time (a paused one has none).
            auto s = db_->prepare(
                "SELECT priority, sum(breached), sum(NOT breached AND at_risk) FROM ("
                "SELECT t.priority, "
                "coalesce(s.responded_at IS NULL AND s.respond_due < ?1, 0) OR "
                "coalesce(s.resolve_met IS NULL AND s.resolve_due < ?1, 0) AS breached, "
                "coalesce(s.responded_at IS NULL AND s.respond_risk_at <= ?1 AND ?1 < s.respond_due, 0) OR "
                "coalesce(s.resolve_met IS NULL AND s.resolve_risk_at <= ?1 AND ?1 < s.resolve_due, 0) AS at_risk "
                "FROM tickets t JOIN ticket_sla s ON s.ticket_id = t.id WHERE t.status IN " +
                std::string(kActive) + ") GROUP BY priority HAVING sum(breached) > 0 OR sum(at_risk) > 0");
            s.bind(1, now);
            while (s.step()) {
                SlaRow& r = row(s.int64(0));
                r.open_breached = s.int64(1);
                r.open_at_risk = s.int64(2);
            }
        }
        std::vector<SlaRow> out;
        for (auto& [priority, r] : rows) out.push_back(r);
        return out;
    }

    std::vector<TierRow> tiers(const Period& p) override {
        std::map<std::int64_t, TierRow> rows;
        if (!db_) return {};
        const auto row = [&rows](std::int64_t tier) -> TierRow& {
            TierRow& r = rows[tier];
            r.tier = static_cast<int>(tier);
            return r;
        };
        for (const auto& [key, g] : grouped("SELECT tier, resolved_at - created_at, 0 FROM tickets "
                                            "WHERE resolved_at >= ?1 AND resolved_at < ?2",
                                            p))
            row(tier_of(key)).resolution = g.durations;
        {
            // Copies of events made by a merge (merged_from) happened once, on the other ticket.
            auto s = db_->prepare(
                "SELECT CAST(old_value AS INTEGER), count(*) FROM events WHERE kind = 'escalated' "
                "AND at >= ?1 AND at < ?2 AND merged_from IS NULL GROUP BY 1");
            bind_range(s, p);
            while (s.step()) row(s.int64(0)).escalated_out = s.int64(1);
        }
        {
            auto s = db_->prepare(std::string("SELECT tier, count(*) FROM tickets WHERE status IN ") + kActive +
                                  " GROUP BY tier");
            while (s.step()) row(s.int64(0)).backlog = s.int64(1);
        }
        {
            auto s = db_->prepare(
                "SELECT tier, sum(target = 'pickup'), sum(target = 'hold') FROM sla_breaches "
                "WHERE recorded_at >= ?1 AND recorded_at < ?2 AND target IN ('pickup', 'hold') "
                "GROUP BY tier");
            bind_range(s, p);
            while (s.step()) {
                TierRow& r = row(s.int64(0));
                r.pickup_breaches = s.int64(1);
                r.hold_breaches = s.int64(2);
            }
        }
        std::vector<TierRow> out;
        for (auto& [tier, r] : rows) out.push_back(r);
        return out;
    }

    std::vector<AgentRow> agents(const Period& p) override {
        std::map<std::optional<std::string>, AgentRow> rows;
        if (!db_) return {};
        const auto row = [&rows](const std::optional<std::string>& name) -> AgentRow& {
            AgentRow& r = rows[name];
            r.agent = name;
            return r;
        };
        for (const auto& [key, g] : grouped("SELECT assignee, resolved_at - created_at, tier = 1 AND escalations = 0 "
                                            "FROM tickets WHERE resolved_at >= ?1 AND resolved_at < ?2",
                                            p)) {
            AgentRow& r = row(key);
            r.resolution = g.durations;
            r.first_contact = Ratio{g.flagged, g.durations.count};
        }
        {
            auto s = db_->prepare(std::string("SELECT assignee, count(*) FROM tickets WHERE status IN ") + kActive +
                                  " GROUP BY assignee");
            while (s.step()) row(s.opt_text(0)).backlog = s.int64(1);
        }
        {
            auto s = db_->prepare(
                "SELECT t.assignee, count(*), sum(r.score), sum(r.score >= " + std::to_string(kSatisfiedScore) +
                ") FROM ratings r JOIN tickets t ON t.id = r.ticket_id "
                "WHERE r.rated_at >= ?1 AND r.rated_at < ?2 GROUP BY t.assignee");
            bind_range(s, p);
            while (s.step()) row(s.opt_text(0)).satisfaction = Satisfaction{s.int64(1), s.int64(2), s.int64(3)};
        }
        std::vector<AgentRow> out;
        for (auto& [name, r] : rows) out.push_back(r);
        return out;
    }

    std::vector<CategoryRow> categories(const Period& p) override {
        std::map<std::optional<std::string>, CategoryRow> rows;
        if (!db_) return {};
        const auto row = [&rows](const std::optional<std::string>& name) -> CategoryRow& {
            CategoryRow& r = rows[name];
            r.category = name;
            return r;
        };
        {
            auto s = db_->prepare(
                "SELECT category, count(*) FROM tickets WHERE created_at >= ?1 AND created_at < ?2 "
                "GROUP BY category");
            bind_range(s, p);
            while (s.step()) row(s.opt_text(0)).opened = s.int64(1);
        }
        for (const auto& [key, g] : grouped("SELECT category, resolved_at - created_at, 0 FROM tickets "
                                            "WHERE resolved_at >= ?1 AND resolved_at < ?2",
                                            p))
            row(key).resolution = g.durations;
        {
            auto s =
                db_->prepare("SELECT category, count(*) FROM (" + backlog_sql("category", 2) + ") GROUP BY category");
            bind_range(s, p);
            while (s.step()) row(s.opt_text(0)).backlog = s.int64(1);
        }
        {
            auto s = db_->prepare(
                "SELECT t.category, count(*), coalesce(sum(s.resolve_met), 0) FROM tickets t "
                "JOIN ticket_sla s ON s.ticket_id = t.id WHERE t.resolved_at >= ?1 AND t.resolved_at < ?2 "
                "AND s.resolve_met IS NOT NULL GROUP BY t.category");
            bind_range(s, p);
            while (s.step()) row(s.opt_text(0)).resolve_met = Ratio{s.int64(2), s.int64(1)};
        }
        std::vector<CategoryRow> out;
        for (auto& [name, r] : rows) out.push_back(r);
        return out;
    }

    std::vector<VolumeRow> volume(const Period& p) override {
        std::vector<VolumeRow> out;
        for (const auto& b : p.buckets) out.push_back(VolumeRow{b, 0, 0, 0});
        if (!db_) return out;
        // The backlog at each bucket's end is the backlog at --since, plus what each bucket up to it
        // brought in, less what it resolved. A ticket that is resolved or closed yet has no resolved_at
        // (only an import can make one) never counts in the backlog, so it adds nothing.
        std::vector<std::int64_t> change(out.size(), 0);
        {
            auto s = db_->prepare("SELECT " + bucket_sql(p, "created_at") +
                                  " AS k, count(*), "
                                  "sum(resolved_at IS NOT NULL OR status IN " +
                                  kActive +
                                  ") FROM tickets "
                                  "WHERE created_at >= ?1 AND created_at < ?2 GROUP BY k");
            bind_buckets(s, p);
            while (s.step())
                if (const auto k = index_of(s.int64(0), out.size())) {
                    out[*k].opened = s.int64(1);
                    change[*k] += s.int64(2);
                }
        }
        {
            auto s = db_->prepare("SELECT " + bucket_sql(p, "resolved_at") +
                                  " AS k, count(*) FROM tickets "
                                  "WHERE resolved_at >= ?1 AND resolved_at < ?2 GROUP BY k");
            bind_buckets(s, p);
            while (s.step())
                if (const auto k = index_of(s.int64(0), out.size())) {
                    out[*k].resolved = s.int64(1);
                    change[*k] -= s.int64(1);
                }
        }
        std::int64_t backlog = 0;
        {
            auto s = db_->prepare("SELECT count(*) FROM (" + backlog_sql("id", 1) + ")");
            bind_range(s, p);
            if (s.step()) backlog = s.int64(0);
        }
        for (std::size_t k = 0; k < out.size(); ++k) {
            backlog += change[k];
            out[k].backlog = backlog;
        }
        return out;
    }

    CsatReport csat(const Period& p, int comments) override {
        CsatReport r;
        for (const auto& b : p.buckets) r.buckets.push_back(CsatBucket{b, {}});
        if (!db_) return r;
        {
            auto s = db_->prepare("SELECT " + bucket_sql(p, "rated_at") +
                                  " AS k, score, count(*) FROM ratings "
                                  "WHERE rated_at >= ?1 AND rated_at < ?2 GROUP BY k, score");
            bind_buckets(s, p);
            while (s.step()) {
                const auto k = index_of(s.int64(0), r.buckets.size());
                const std::int64_t score = s.int64(1);
                if (!k || score < kLowestScore || score > kHighestScore) continue;
                r.buckets[*k].scores.counts[static_cast<std::size_t>(score - 1)] = s.int64(2);
                r.scores.counts[static_cast<std::size_t>(score - 1)] += s.int64(2);
            }
        }
        {
            auto s = db_->prepare(
                "SELECT ticket_id, score, comment, rated_by, rated_at FROM ratings "
                "WHERE rated_at >= ?1 AND rated_at < ?2 AND comment IS NOT NULL AND comment <> '' "
                "ORDER BY rated_at DESC, ticket_id DESC LIMIT ?3");
            bind_range(s, p);
            s.bind(3, std::int64_t{comments});
            while (s.step()) r.comments.push_back(read_rating(s));
        }
        return r;
    }

private:
    static Rating read_rating(const Stmt& s) {
        return Rating{s.int64(0), static_cast<int>(s.int64(1)), s.opt_text(2), s.text(3), s.int64(4)};
    }

    static std::optional<std::size_t> index_of(std::int64_t k, std::size_t size) {
        if (k < 0 || static_cast<std::size_t>(k) >= size) return std::nullopt;
        return static_cast<std::size_t>(k);
    }

    static void bind_range(Stmt& s, const Period& p) { s.bind(1, p.since).bind(2, p.until); }

    static void bind_buckets(Stmt& s, const Period& p) {
        bind_range(s, p);
        s.bind(3, p.by == Bucketing::month ? p.origin_month : p.origin);
    }

    // `inner` selects (group, seconds, flag) over the range (?1, ?2). Per group: how many rows, the mean
    // and median of the seconds, and how many rows have the flag. Counts, means and flags take one
    // GROUP BY pass; the medians one sorting pass that ranks each row in its group (a single window:
    // SQLite sorts once for both of its functions).
    std::map<std::optional<std::string>, Grouped> grouped(const std::string& inner, const Period& p) {
        std::map<std::optional<std::string>, Grouped> out;
        {
            auto s =
                db_->prepare("WITH v(g, d, f) AS (" + inner + ") SELECT g, count(*), avg(d), sum(f) FROM v GROUP BY g");
            bind_range(s, p);
            while (s.step()) {
                Grouped& g = out[s.opt_text(0)];
                g.durations.count = s.int64(1);
                g.durations.mean = rounded(s, 2);
                g.flagged = s.int64(3);
            }
        }
        if (out.empty()) return out;
        if (out.size() == 1) {
            // One group (or none): no window at all, but a sort that stops after the middle rows.
            auto& g = out.begin()->second;
            const std::int64_t n = g.durations.count;
            auto s = db_->prepare("WITH v(g, d, f) AS (" + inner +
                                  ") SELECT avg(d) FROM (SELECT d FROM v ORDER BY d "
                                  "LIMIT ?3 OFFSET ?4)");
            bind_range(s, p);
            s.bind(3, std::int64_t{2 - n % 2}).bind(4, (n - 1) / 2);
            if (s.step()) g.durations.median = rounded(s, 0);
            return out;
        }
        auto s = db_->prepare("WITH v(g, d, f) AS (" + inner +
                              "), "
                              "o AS (SELECT g, d, row_number() OVER w AS rn, "
                              "count(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS n "
                              "FROM v WINDOW w AS (PARTITION BY g ORDER BY d)) "
                              "SELECT g, avg(d) FROM o WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY g");
        bind_range(s, p);
        while (s.step()) out[s.opt_text(0)].durations.median = rounded(s, 1);
        return out;
    }

    std::unique_ptr<Db>& db_;
};

}  // namespace

std::unique_ptr<ReportStore> make_report_store(std::unique_ptr<Db>& db) {
    return std::make_unique<SqliteReportStore>(db);
}

}  // namespace hd::sqlite
