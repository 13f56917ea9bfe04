#include "core/sla/policy.hpp"

#include <cstdint>
#include <cstdio>

#include "core/error.hpp"

namespace hd {

SlaPolicy sla_policy(const ServiceLevels& levels, const Ticket& ticket) {
    const std::string p = to_string(ticket.priority);
    std::vector<std::pair<std::string, const SlaSection*>> chain;  // most specific first
    const auto add = [&](const std::string& key) {
        auto it = levels.policies.find(key);
        if (it != levels.policies.end()) chain.emplace_back(key, &it->second);
    };
    if (ticket.category) add("category." + *ticket.category + "." + p);
    add(std::string(to_string(ticket.type)) + "." + p);
    add(p);
    chain.emplace_back("", &levels.sla);

    SlaPolicy policy;
    bool calendar_set = false, actions_set = false;
    for (const auto& [key, section] : chain) {
        if (policy.name.empty() && (section->respond || section->resolve)) policy.name = key.empty() ? "sla" : key;
        if (!policy.respond && section->respond) policy.respond = section->respond;
        if (!policy.resolve && section->resolve) policy.resolve = section->resolve;
        if (!calendar_set && section->calendar) {
            policy.calendar = *section->calendar;
            calendar_set = true;
        }
        if (!actions_set && section->on_breach) {
            policy.on_breach = *section->on_breach;
            actions_set = true;
        }
    }
    return policy;
}

OlaPolicy ola_policy(const ServiceLevels& levels, int tier, const std::string& sla_calendar) {
    OlaPolicy policy;
    policy.calendar = sla_calendar;
    std::vector<const OlaSection*> chain;
    if (auto it = levels.olas.find(tier); it != levels.olas.end()) chain.push_back(&it->second);
    chain.push_back(&levels.ola);
    bool calendar_set = false, actions_set = false;
    for (const OlaSection* s : chain) {
        if (!policy.pickup && s->pickup) policy.pickup = s->pickup;
        if (!policy.hold && s->hold) policy.hold = s->hold;
        if (!calendar_set && s->calendar) {
            policy.calendar = *s->calendar;
            calendar_set = true;
        }
        if (!actions_set && s->on_breach) {
            policy.on_breach = *s->on_breach;
            actions_set = true;
        }
    }
    return policy;
}

namespace {

// FNV-1a, 64 bits: stable across builds and machines, unlike std::hash.
struct Digest {
    std::uint64_t h = 1469598103934665603ull;
    void add(std::string_view text) {
        for (unsigned char c : text) {
            h ^= c;
            h *= 1099511628211ull;
        }
        h ^= 0xff;  // a separator, so that "ab","c" differs from "a","bc"
        h *= 1099511628211ull;
    }
    void add_seconds(const std::optional<Seconds>& s) { add(s ? std::to_string(*s) : std::string("-")); }
    void add_name(const std::optional<std::string>& s) { add(s ? std::string_view(*s) : std::string_view("\x01-")); }
    void add_actions(const std::optional<std::vector<BreachAction>>& actions) {
        if (!actions) return add(std::string_view("-"));
        std::string text;
        for (BreachAction a : *actions) text += std::string(to_string(a)) + ",";
        add(std::string_view(text));
    }
};

}  // namespace

std::string service_levels_fingerprint(const ServiceLevels& levels) {
    Digest d;
    d.add(std::to_string(static_cast<int>(levels.at_risk * 1000000)));
    const auto sla = [&](const SlaSection& s) {
        d.add_seconds(s.respond), d.add_seconds(s.resolve), d.add_name(s.calendar), d.add_actions(s.on_breach);
    };
    sla(levels.sla);
    for (const auto& [key, s] : levels.policies) d.add(key), sla(s);
    const auto ola = [&](const OlaSection& s) {
        d.add_seconds(s.pickup), d.add_seconds(s.hold), d.add_name(s.calendar), d.add_actions(s.on_breach);
    };
    ola(levels.ola);
    for (const auto& [level, s] : levels.olas) d.add(std::to_string(level)), ola(s);
    for (const auto& [name, c] : levels.calendars) {
        d.add(name), d.add(c.hours), d.add(c.timezone);
        for (const auto& day : c.holidays) d.add(day);
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(d.h));
    return text;
}

const Calendar& Calendars::get(const std::string& name) const {
    if (auto it = built_.find(name); it != built_.end()) return it->second;
    if (name == "24x7") return built_.emplace(name, Calendar::always()).first->second;
    auto it = levels_.calendars.find(name);
    if (it == levels_.calendars.end()) fail(ErrorKind::usage, "no calendar '" + name + "' in the config");
    const CalendarConfig& c = it->second;
    return built_.emplace(name, Calendar::parse(c.hours, c.holidays, c.timezone)).first->second;
}

}  // namespace hd
