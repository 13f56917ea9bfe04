#include "core/store/sqlite/sla_store.hpp"

namespace hd::sqlite {
namespace {

std::optional<std::int64_t> opt_bool(const std::optional<bool>& b) {
    if (!b) return std::nullopt;
    return *b ? 1 : 0;
}

std::optional<bool> read_bool(const Stmt& s, int column) {
    const auto v = s.opt_int64(column);
    if (!v) return std::nullopt;
    return *v != 0;
}

class SqliteSlaStore final : public SlaStore {
public:
    explicit SqliteSlaStore(std::unique_ptr<Db>& db) : db_(db) {}

    void put_clock(TicketId id, const SlaClock& c) override {
        auto s = db_->prepare(
            "INSERT OR REPLACE INTO ticket_sla (ticket_id, policy, calendar, respond_target, responded_at, "
            "respond_due, respond_risk_at, respond_left, respond_met, resolve_target, resolve_due, resolve_risk_at, "
            "resolve_left, resolve_met, paused, tier, tier_since, picked_up_at, pickup_due, hold_due, fingerprint) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        s.bind(1, id);
        s.bind(2, c.policy.empty() ? std::optional<std::string>() : std::optional<std::string>(c.policy));
        s.bind(3, std::string_view(c.calendar));
        s.bind(4, c.respond_target).bind(5, c.responded_at).bind(6, c.respond_due).bind(7, c.respond_risk_at);
        s.bind(8, c.respond_left).bind(9, opt_bool(c.respond_met));
        s.bind(10, c.resolve_target).bind(11, c.resolve_due).bind(12, c.resolve_risk_at).bind(13, c.resolve_left);
        s.bind(14, opt_bool(c.resolve_met)).bind(15, std::int64_t{c.paused ? 1 : 0});
        s.bind(16, std::int64_t{c.tier}).bind(17, c.tier_since).bind(18, c.picked_up_at).bind(19, c.pickup_due);
        s.bind(20, c.hold_due).bind(21, std::string_view(c.fingerprint));
        s.run();
    }

    std::optional<SlaClock> find_clock(TicketId id) override {
        if (!db_) return std::nullopt;
        auto s = db_->prepare(
            "SELECT policy, calendar, respond_target, responded_at, respond_due, respond_risk_at, respond_left, "
            "respond_met, resolve_target, resolve_due, resolve_risk_at, resolve_left, resolve_met, paused, tier, "
            "tier_since, picked_up_at, pickup_due, hold_due, fingerprint FROM ticket_sla WHERE ticket_id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        SlaClock c;
        c.policy = s.opt_text(0).value_or("");
        c.calendar = s.text(1);
        c.respond_target = s.opt_int64(2), c.responded_at = s.opt_int64(3), c.respond_due = s.opt_int64(4);
        c.respond_risk_at = s.opt_int64(5), c.respond_left = s.opt_int64(6), c.respond_met = read_bool(s, 7);
        c.resolve_target = s.opt_int64(8), c.resolve_due = s.opt_int64(9), c.resolve_risk_at = s.opt_int64(10);
        c.resolve_left = s.opt_int64(11), c.resolve_met = read_bool(s, 12);
        c.paused = s.int64(13) != 0;
        c.tier = static_cast<int>(s.int64(14));
        c.tier_since = s.int64(15);
        c.picked_up_at = s.opt_int64(16), c.pickup_due = s.opt_int64(17), c.hold_due = s.opt_int64(18);
        c.fingerprint = s.text(19);
        return c;
    }

    std::vector<TicketId> stale_clocks(const std::string& fingerprint, int limit) override {
        std::vector<TicketId> out;
        if (!db_) return out;
        auto s = db_->prepare(
            "SELECT t.id FROM tickets t LEFT JOIN ticket_sla s ON s.ticket_id = t.id "
            "WHERE t.status IN ('new', 'open', 'pending') AND (s.ticket_id IS NULL OR s.fingerprint <> ?) "
            "ORDER BY t.id LIMIT ?");
        s.bind(1, std::string_view(fingerprint)).bind(2, std::int64_t{limit});
        while (s.step()) out.push_back(s.int64(0));
        return out;
    }

    std::vector<SlaBreach> unrecorded_breaches(Timestamp now, int limit) override {
        std::vector<SlaBreach> out;
        if (!db_) return out;
        // Each arm matches a partial index of migration 4.
        auto s = db_->prepare(
            "SELECT * FROM ("
            " SELECT s.ticket_id, 'respond', 0, s.respond_due FROM ticket_sla s"
            "  WHERE s.responded_at IS NULL AND s.respond_met IS NULL AND s.respond_due <= ?1"
            "  AND NOT EXISTS (SELECT 1 FROM sla_breaches b WHERE b.ticket_id = s.ticket_id AND b.target = 'respond'"
            "                  AND b.tier = 0)"
            " UNION ALL"
            " SELECT s.ticket_id, 'resolve', 0, s.resolve_due FROM ticket_sla s"
            "  WHERE s.resolve_met IS NULL AND s.resolve_due <= ?1"
            "  AND NOT EXISTS (SELECT 1 FROM sla_breaches b WHERE b.ticket_id = s.ticket_id AND b.target = 'resolve'"
            "                  AND b.tier = 0)"
            " UNION ALL"
            " SELECT s.ticket_id, 'pickup', s.tier, s.pickup_due FROM ticket_sla s"
            "  WHERE s.picked_up_at IS NULL AND s.pickup_due <= ?1"
            "  AND NOT EXISTS (SELECT 1 FROM sla_breaches b WHERE b.ticket_id = s.ticket_id AND b.target = 'pickup'"
            "                  AND b.tier = s.tier)"
            " UNION ALL"
            " SELECT s.ticket_id, 'hold', s.tier, s.hold_due FROM ticket_sla s"
            "  WHERE s.hold_due <= ?1"
            "  AND NOT EXISTS (SELECT 1 FROM sla_breaches b WHERE b.ticket_id = s.ticket_id AND b.target = 'hold'"
            "                  AND b.tier = s.tier)"
            ") ORDER BY 4, 1 LIMIT ?2");
        s.bind(1, now).bind(2, std::int64_t{limit});
        while (s.step()) {
            SlaBreach b;
            b.ticket = s.int64(0);
            b.target = s.text(1);
            b.tier = static_cast<int>(s.int64(2));
            b.due = s.int64(3);
            out.push_back(std::move(b));
        }
        return out;
    }

    bool record_breach(const SlaBreach& b) override {
        auto s = db_->prepare(
            "INSERT OR IGNORE INTO sla_breaches (ticket_id, target, tier, due, recorded_at, action) "
            "VALUES (?,?,?,?,?,?)");
        s.bind(1, b.ticket).bind(2, std::string_view(b.target)).bind(3, std::int64_t{b.tier}).bind(4, b.due);
        s.bind(5, b.recorded_at).bind(6, b.action);
        s.run();
        return db_->changes() == 1;
    }

    std::vector<SlaBreach> breaches(TicketId id) override {
        std::vector<SlaBreach> out;
        if (!db_) return out;
        auto s = db_->prepare(
            "SELECT target, tier, due, recorded_at, action FROM sla_breaches WHERE ticket_id = ? "
            "ORDER BY recorded_at, target");
        s.bind(1, id);
        while (s.step()) {
            SlaBreach b;
            b.ticket = id;
            b.target = s.text(0);
            b.tier = static_cast<int>(s.int64(1));
            b.due = s.int64(2);
            b.recorded_at = s.int64(3);
            b.action = s.opt_text(4);
            out.push_back(std::move(b));
        }
        return out;
    }

private:
    std::unique_ptr<Db>& db_;
};

}  // namespace

std::unique_ptr<SlaStore> make_sla_store(std::unique_ptr<Db>& db) { return std::make_unique<SqliteSlaStore>(db); }

}  // namespace hd::sqlite
