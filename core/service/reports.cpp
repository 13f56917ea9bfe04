// Completing the store's report rows: missing priorities and tiers, idle agents, order, totals.
#include "core/service/reports.hpp"

#include <algorithm>
#include <map>

namespace hd {

SummaryReport ReportService::summary(const Period& period) {
    return store_.reports().summary(period);
}

SlaReport ReportService::sla(const Period& period) {
    SlaReport r;
    for (int p = 1; p <= 4; ++p) {
        r.priorities.emplace_back();
        r.priorities.back().priority = p;
    }
    for (const auto& row : store_.reports().sla(period, now_))
        if (row.priority >= 1 && row.priority <= 4) r.priorities[static_cast<std::size_t>(row.priority - 1)] = row;
    for (const auto& row : r.priorities) r.total += row;
    return r;
}

std::vector<TierRow> ReportService::tiers(const Period& period) {
    std::map<int, TierRow> rows;
    for (const auto& t : config_.tiers) rows[t.level].tier = t.level;
    for (const auto& row : store_.reports().tiers(period)) rows[row.tier] = row;
    std::vector<TierRow> out;
    for (auto& [level, row] : rows) {
        if (const TierConfig* t = tier_by_level(config_, level)) row.name = t->name;
        out.push_back(row);
    }
    return out;
}

std::vector<AgentRow> ReportService::agents(const Period& period) {
    std::map<std::optional<std::string>, AgentRow> rows;
    for (const auto& a : store_.list_agents()) rows[a.name].agent = a.name;
    for (const auto& row : store_.reports().agents(period)) rows[row.agent] = row;
    std::vector<AgentRow> out;
    for (auto& [name, row] : rows) out.push_back(row);
    std::stable_sort(out.begin(), out.end(), [](const AgentRow& a, const AgentRow& b) {
        if (a.agent.has_value() != b.agent.has_value()) return a.agent.has_value();
        if (a.resolution.count != b.resolution.count) return a.resolution.count > b.resolution.count;
        if (a.backlog != b.backlog) return a.backlog > b.backlog;
        return a.agent < b.agent;
    });
    return out;
}

std::vector<CategoryRow> ReportService::categories(const Period& period) {
    auto out = store_.reports().categories(period);
    std::stable_sort(out.begin(), out.end(), [](const CategoryRow& a, const CategoryRow& b) {
        if (a.category.has_value() != b.category.has_value()) return a.category.has_value();
        if (a.opened != b.opened) return a.opened > b.opened;
        if (a.resolution.count != b.resolution.count) return a.resolution.count > b.resolution.count;
        return a.category < b.category;
    });
    return out;
}

std::vector<VolumeRow> ReportService::volume(const Period& period) {
    return store_.reports().volume(period);
}

CsatReport ReportService::csat(const Period& period) {
    return store_.reports().csat(period, kCsatComments);
}

}  // namespace hd
