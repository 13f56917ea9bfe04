// Which targets apply to a ticket: the most specific [sla...] section for its category, type and
// priority, field by field, and the [ola...] section of its tier. Plain lookups over the config.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/model/ticket.hpp"
#include "core/sla/calendar.hpp"

namespace hd {

struct SlaPolicy {
    std::string name;  // the most specific section that applies ("category.network.P2"); "" for none
    std::optional<Seconds> respond;
    std::optional<Seconds> resolve;
    std::string calendar = "24x7";
    std::vector<BreachAction> on_breach{BreachAction::hook};
};

struct OlaPolicy {
    std::optional<Seconds> pickup;
    std::optional<Seconds> hold;
    std::string calendar = "24x7";  // unset: the ticket's SLA calendar
    std::vector<BreachAction> on_breach{BreachAction::hook};
};

// [sla.category.C.P] > [sla.TYPE.P] > [sla.P] > [sla], each field from the first section that sets it.
SlaPolicy sla_policy(const ServiceLevels& levels, const Ticket& ticket);
// [ola.L<tier>] > [ola]; the calendar falls back to `sla_calendar`.
OlaPolicy ola_policy(const ServiceLevels& levels, int tier, const std::string& sla_calendar);

// A stable digest of everything that decides a clock (targets, calendars, at_risk): clocks computed
// under another digest are stale.
std::string service_levels_fingerprint(const ServiceLevels& levels);

// The calendars by name, each built on first use ("24x7" is built in).
class Calendars {
public:
    explicit Calendars(const ServiceLevels& levels) : levels_(levels) {}
    const Calendar& get(const std::string& name) const;

private:
    const ServiceLevels& levels_;
    mutable std::map<std::string, Calendar> built_;
};

}  // namespace hd
