// [sla], [calendar.NAME] and [ola]: service-level policies, business calendars and per-tier targets.
#include "core/config/service_levels.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "core/error.hpp"
#include "core/sla/calendar.hpp"
#include "core/text/utf8.hpp"

namespace hd {

std::string_view to_string(BreachAction action) {
    switch (action) {
        case BreachAction::escalate: return "escalate";
        case BreachAction::priority: return "priority";
        case BreachAction::hook: return "hook";
    }
    return "hook";
}

namespace config_detail {
namespace {

constexpr Seconds kMaxTarget = 366 * 86400;

class ServiceLevelReader {
public:
    ServiceLevelReader(const std::string& path_text, Config& config)
        : path_(path_text), config_(config), levels_(config.service_levels) {}

    void read(const toml::table& root) {
        // Calendars first: the policies name them.
        if (const auto* node = root.get("calendar")) read_calendars(*node);
        if (const auto* node = root.get("sla")) read_sla(*node);
        if (const auto* node = root.get("ola")) read_ola(*node);
        check_calendar(levels_.sla.calendar, root.get("sla"), "sla.calendar");
        for (const auto& [name, section] : levels_.policies) check_calendar(section.calendar, nullptr, "sla." + name);
        check_calendar(levels_.ola.calendar, root.get("ola"), "ola.calendar");
        for (const auto& [level, section] : levels_.olas)
            check_calendar(section.calendar, nullptr, "ola.L" + std::to_string(level));
    }

private:
    std::string where(const toml::node& node) const {
        return path_ + ":" + std::to_string(node.source().begin.line) + ":" + std::to_string(node.source().begin.column);
    }
    std::string line_of(const toml::node& node) const {
        return path_ + ":" + std::to_string(node.source().begin.line);
    }
    [[noreturn]] void invalid(const toml::node& node, const std::string& key, const std::string& problem) const {
        fail(ErrorKind::usage, where(node) + ": " + key + ": " + problem);
    }
    void unknown(const toml::key& key, const std::string& section) {
        config_.warnings.push_back(path_ + ":" + std::to_string(key.source().begin.line) + ":" +
                                   std::to_string(key.source().begin.column) + ": unknown key '" + section + "." +
                                   std::string(key.str()) + "' (ignored)");
    }
    const toml::table& table(const toml::node& node, const std::string& key) const {
        const auto* t = node.as_table();
        if (!t) invalid(node, key, "expected a table ([" + key + "])");
        return *t;
    }

    Seconds duration(const toml::node& node, const std::string& key) const {
        const auto* text = node.as_string();
        const auto seconds = text ? parse_duration(text->get()) : std::nullopt;
        if (!seconds || *seconds <= 0 || *seconds > kMaxTarget)
            invalid(node, key, "expected a duration from 1s to 366d such as \"4h\" or \"2d\"");
        return *seconds;
    }

    std::string name(const toml::node& node, const std::string& key, const std::string& expected) const {
        const auto* text = node.as_string();
        if (!text) invalid(node, key, "expected " + expected);
        std::string value = trim(text->get());
        if (value.empty() || has_control_chars(value, false)) invalid(node, key, "expected " + expected);
        return value;
    }

    // on_breach = "escalate" or ["escalate", "hook"]; [] does nothing but record the breach.
    std::vector<BreachAction> actions(const toml::node& node, const std::string& key) const {
        static const std::string expected = "\"escalate\", \"priority\" or \"hook\", or a list of them";
        std::vector<BreachAction> out;
        const auto one = [&](const toml::node& item) {
            const auto* text = item.as_string();
            if (!text) invalid(item, key, "expected " + expected);
            const std::string word = casefold(trim(text->get()));
            BreachAction a;
            if (word == "escalate")
                a = BreachAction::escalate;
            else if (word == "priority")
                a = BreachAction::priority;
            else if (word == "hook")
                a = BreachAction::hook;
            else
                invalid(item, key, "expected " + expected + ", got '" + word + "'");
            if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
        };
        if (const auto* array = node.as_array())
            for (const auto& item : *array) one(item);
        else
            one(node);
        return out;
    }

    void read_calendars(const toml::node& node) {
        for (const auto& [key, value] : table(node, "calendar")) {
            const std::string cal_name(key.str());
            const std::string section = "calendar." + cal_name;
            if (cal_name == "24x7") invalid(value, section, "24x7 is built in; give your calendar another name");
            CalendarConfig c;
            c.name = cal_name;
            c.origin = line_of(value);
            bool has_hours = false;
            for (const auto& [k, v] : table(value, section)) {
                const std::string_view field = k.str();
                if (field == "hours") {
                    c.hours = name(v, section + ".hours", "working hours such as \"Mon-Fri 09:00-17:00\"");
                    has_hours = true;
                } else if (field == "timezone") {
                    c.timezone = name(v, section + ".timezone", "a time-zone name such as \"Europe/Warsaw\"");
                } else if (field == "holidays") {
                    const auto* array = v.as_array();
                    if (!array) invalid(v, section + ".holidays", "expected a list of dates such as [\"2026-12-25\"]");
                    for (const auto& day : *array) {
                        if (const auto* date = day.as_date()) {
                            const auto& d = date->get();
                            char text[16];
                            std::snprintf(text, sizeof text, "%04u-%02u-%02u", unsigned(d.year), unsigned(d.month),
                                          unsigned(d.day));
                            c.holidays.emplace_back(text);
                        } else {
                            c.holidays.push_back(name(day, section + ".holidays", "a date such as \"2026-12-25\""));
                        }
                    }
                } else {
                    unknown(k, section);
                }
            }
            if (!has_hours) invalid(value, section, "needs hours, such as hours = \"Mon-Fri 09:00-17:00\"");
            try {
                (void)Calendar::parse(c.hours, c.holidays, c.timezone);  // checked now, built when clocks run
            } catch (const Error& e) {
                invalid(value, section, e.what());
            }
            levels_.calendars.insert_or_assign(cal_name, std::move(c));
        }
    }

    void check_calendar(const std::optional<std::string>& cal, const toml::node* node, const std::string& key) {
        if (!cal || *cal == "24x7" || levels_.calendars.count(*cal)) return;
        std::string known = "24x7";
        for (const auto& [n, c] : levels_.calendars) known += ", " + n;
        const std::string message = key + ": no calendar '" + *cal + "' (calendars: " + known + ")";
        if (node) fail(ErrorKind::usage, where(*node) + ": " + message);
        fail(ErrorKind::usage, path_ + ": " + message);
    }

    // The fields of one section; subtables are left to the caller (`nested` says which keys are).
    template <typename IsNested>
    SlaSection sla_section(const toml::node& node, const std::string& section, IsNested&& nested) {
        SlaSection s;
        s.origin = line_of(node);
        for (const auto& [k, v] : table(node, section)) {
            const std::string_view field = k.str();
            const std::string key = section + "." + std::string(field);
            if (field == "respond")
                s.respond = duration(v, key);
            else if (field == "resolve")
                s.resolve = duration(v, key);
            else if (field == "calendar")
                s.calendar = name(v, key, "a calendar name such as \"office\" or \"24x7\"");
            else if (field == "on_breach")
                s.on_breach = actions(v, key);
            else if (!nested(field))
                unknown(k, section);
        }
        if (s.respond && s.resolve && *s.respond > *s.resolve)
            invalid(node, section, "respond (" + format_duration(*s.respond) + ") is longer than resolve (" +
                                       format_duration(*s.resolve) + ")");
        return s;
    }

    static bool is_priority_key(std::string_view k) { return k.size() == 2 && k[0] == 'P' && k[1] >= '1' && k[1] <= '4'; }

    // [PREFIX.P1] .. [PREFIX.P4] under a type or a category.
    void priority_sections(const toml::node& node, const std::string& section, const std::string& prefix) {
        for (const auto& [k, v] : table(node, section)) {
            if (!is_priority_key(k.str())) {
                unknown(k, section);
                continue;
            }
            const std::string key = prefix + std::string(k.str());
            levels_.policies[key] = sla_section(v, "sla." + key, [](std::string_view) { return false; });
        }
    }

    void read_sla(const toml::node& node) {
        levels_.sla = sla_section(node, "sla", [](std::string_view k) {
            return k == "at_risk" || is_priority_key(k) || k == "category" || parse_ticket_type(k).has_value();
        });
        for (const auto& [k, v] : table(node, "sla")) {
            const std::string_view field = k.str();
            if (field == "at_risk") {
                levels_.at_risk = share(v, "sla.at_risk");
            } else if (is_priority_key(field)) {
                levels_.policies[std::string(field)] =
                    sla_section(v, "sla." + std::string(field), [](std::string_view) { return false; });
            } else if (field == "category") {
                for (const auto& [cat, tables] : table(v, "sla.category")) {
                    const std::string folded = casefold(std::string(cat.str()));
                    if (!config_.categories.empty() &&
                        std::find(config_.categories.begin(), config_.categories.end(), folded) ==
                            config_.categories.end())
                        invalid(tables, "sla.category." + std::string(cat.str()),
                                "'" + folded + "' is not one of the categories");
                    priority_sections(tables, "sla.category." + std::string(cat.str()), "category." + folded + ".");
                }
            } else if (auto type = parse_ticket_type(field); type && field == to_string(*type)) {
                priority_sections(v, "sla." + std::string(field), std::string(field) + ".");
            }
        }
    }

    // at_risk = 0.2 or "20%": a share strictly between 0 and 1.
    double share(const toml::node& node, const std::string& key) const {
        static const std::string expected = "expected a share between 0 and 1 such as 0.2 or \"20%\"";
        double value = -1;
        if (const auto* f = node.as_floating_point()) {
            value = f->get();
        } else if (const auto* text = node.as_string()) {
            std::string t = trim(text->get());
            if (!t.empty() && t.back() == '%') {
                t.pop_back();
                int percent = -1;
                const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), percent);
                if (ec == std::errc() && end == t.data() + t.size()) value = percent / 100.0;
            }
        }
        if (!(value > 0 && value < 1)) invalid(node, key, expected);
        return value;
    }

    OlaSection ola_section(const toml::node& node, const std::string& section, bool top) {
        OlaSection s;
        s.origin = line_of(node);
        for (const auto& [k, v] : table(node, section)) {
            const std::string_view field = k.str();
            const std::string key = section + "." + std::string(field);
            if (field == "pickup")
                s.pickup = duration(v, key);
            else if (field == "hold")
                s.hold = duration(v, key);
            else if (field == "calendar")
                s.calendar = name(v, key, "a calendar name such as \"office\" or \"24x7\"");
            else if (field == "on_breach")
                s.on_breach = actions(v, key);
            else if (!top || !v.is_table())
                unknown(k, section);
        }
        return s;
    }

    void read_ola(const toml::node& node) {
        levels_.ola = ola_section(node, "ola", true);
        for (const auto& [k, v] : table(node, "ola")) {
            if (!v.is_table()) continue;
            const auto level = find_tier(config_, k.str());
            if (!level)
                invalid(v, "ola." + std::string(k.str()),
                        "no tier '" + std::string(k.str()) + "' (name one as L1, 1 or by its name)");
            levels_.olas[*level] = ola_section(v, "ola." + std::string(k.str()), false);
        }
    }

    std::string path_;
    Config& config_;
    ServiceLevels& levels_;
};

}  // namespace

void read_service_levels(const toml::table& root, const std::string& path_text, Config& config) {
    ServiceLevelReader(path_text, config).read(root);
}

namespace {

std::string toml_string(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

// A name as a TOML key: bare when it may be, else quoted.
std::string toml_key(std::string_view name) {
    const bool bare = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
    return bare ? std::string(name) : toml_string(name);
}

std::string actions_toml(const std::vector<BreachAction>& actions) {
    std::string out = "[";
    for (std::size_t i = 0; i < actions.size(); ++i) out += (i ? ", " : "") + toml_string(to_string(actions[i]));
    return out + "]";
}

// "category.network.P2" → [sla.category.network.P2] with the category name quoted when needed.
std::string policy_header(const std::string& key) {
    if (key.rfind("category.", 0) == 0) {
        const std::size_t last = key.rfind('.');
        return "[sla.category." + toml_key(key.substr(9, last - 9)) + key.substr(last) + "]";
    }
    return "[sla." + key + "]";
}

template <typename Section>
void common_fields(std::string& out, const Section& s) {
    if (s.calendar) out += "calendar = " + toml_string(*s.calendar) + "\n";
    if (s.on_breach) out += "on_breach = " + actions_toml(*s.on_breach) + "\n";
}

std::string working_time(Seconds s) { return toml_string(format_hours(s)); }

std::string origin_of(const std::string& origin) {
    std::string out;
    for (char c : origin) out += (c == '\n' || c == '\r') ? ' ' : c;
    return "  # from " + (out.empty() ? std::string("default") : out);
}

}  // namespace

std::string describe_service_levels(const ServiceLevels& l) {
    std::string out;
    for (const auto& [name, c] : l.calendars) {
        out += "\n[calendar." + toml_key(name) + "]" + origin_of(c.origin) + "\n";
        out += "hours = " + toml_string(c.hours) + "\n";
        out += "holidays = [";
        for (std::size_t i = 0; i < c.holidays.size(); ++i) out += (i ? ", " : "") + toml_string(c.holidays[i]);
        out += "]\n";
        out += "timezone = " + toml_string(c.timezone) + "\n";
    }
    out += "\n[sla]" + origin_of(l.sla.origin) + "\n";
    char share[32];
    std::snprintf(share, sizeof share, "%g", l.at_risk);
    out += "at_risk = " + std::string(share) + "\n";
    if (l.sla.respond) out += "respond = " + working_time(*l.sla.respond) + "\n";
    if (l.sla.resolve) out += "resolve = " + working_time(*l.sla.resolve) + "\n";
    common_fields(out, l.sla);
    if (l.policies.empty()) out += "# no [sla.P1] ... [sla.P4]: no ticket has a response or resolution target\n";
    for (const auto& [key, s] : l.policies) {
        out += "\n" + policy_header(key) + origin_of(s.origin) + "\n";
        if (s.respond) out += "respond = " + working_time(*s.respond) + "\n";
        if (s.resolve) out += "resolve = " + working_time(*s.resolve) + "\n";
        common_fields(out, s);
    }
    const auto ola = [&](const OlaSection& s) {
        if (s.pickup) out += "pickup = " + working_time(*s.pickup) + "\n";
        if (s.hold) out += "hold = " + working_time(*s.hold) + "\n";
        common_fields(out, s);
    };
    if (!l.olas.empty() || l.ola.pickup || l.ola.hold || l.ola.calendar || l.ola.on_breach) {
        out += "\n[ola]" + origin_of(l.ola.origin) + "\n";
        ola(l.ola);
    }
    for (const auto& [level, s] : l.olas) {
        out += "\n[ola.L" + std::to_string(level) + "]" + origin_of(s.origin) + "\n";
        ola(s);
    }
    return out;
}

}  // namespace config_detail
}  // namespace hd
