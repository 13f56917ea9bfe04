// The reports of `hd report`, complete: the store's aggregates with every priority and configured tier,
// every registered agent, and rows in the order a reader scans them (busiest first).
#pragma once

#include <vector>

#include "core/config/config.hpp"
#include "core/report/period.hpp"
#include "core/report/report.hpp"
#include "core/store/store.hpp"

namespace hd {

class ReportService {
public:
    // `now` is the instant of the "now" figures (backlog by tier and agent, open tickets at risk).
    ReportService(Store& store, const Config& config, Timestamp now) : store_(store), config_(config), now_(now) {}

    SummaryReport summary(const Period& period);
    SlaReport sla(const Period& period);                        // P1..P4 and the total
    std::vector<TierRow> tiers(const Period& period);           // each configured tier, by level
    std::vector<AgentRow> agents(const Period& period);         // most resolved first; unassigned last
    std::vector<CategoryRow> categories(const Period& period);  // most opened first; no category last
    std::vector<VolumeRow> volume(const Period& period);        // one row per bucket
    CsatReport csat(const Period& period);

private:
    Store& store_;
    const Config& config_;
    Timestamp now_;
};

}  // namespace hd
