// Where service-level clocks and breaches are kept (reached through Store::sla()).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/ticket.hpp"
#include "core/sla/clock.hpp"

namespace hd {

// A breach the sweep recorded: once per ticket and target (tier 0 for the SLA targets respond and
// resolve, the tier for the OLA targets pickup and hold).
struct SlaBreach {
    TicketId ticket = 0;
    std::string target;  // respond, resolve, pickup, hold
    int tier = 0;
    Timestamp due = 0;
    Timestamp recorded_at = 0;
    std::optional<std::string> action;  // what the sweep did: "escalate,hook"; unset: nothing
};

class SlaStore {
public:
    virtual ~SlaStore() = default;

    virtual void put_clock(TicketId id, const SlaClock& clock) = 0;
    virtual std::optional<SlaClock> find_clock(TicketId id) = 0;
    // Active tickets whose clock is missing or was computed under another fingerprint, by id.
    virtual std::vector<TicketId> stale_clocks(const std::string& fingerprint, int limit) = 0;
    // Running clocks past their due time at `now` with no breach recorded yet (ticket, target, tier,
    // due), by due time.
    virtual std::vector<SlaBreach> unrecorded_breaches(Timestamp now, int limit) = 0;
    // False when that breach was recorded already.
    virtual bool record_breach(const SlaBreach& breach) = 0;
    virtual std::vector<SlaBreach> breaches(TicketId id) = 0;
};

}  // namespace hd
