// JSON documents for --json (nlohmann/json), from the objects of json_objects.hpp.
#include "cmd/output/json.hpp"

#include "cmd/output/json_objects.hpp"

#include "core/rules/template.hpp"

namespace hd::out {
namespace json {

ordered_json opt(const std::optional<std::string>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }
ordered_json opt_time(const std::optional<Timestamp>& v) {
    return v ? ordered_json(format_rfc3339(*v)) : ordered_json(nullptr);
}

// Text is validated as UTF-8 on the way in; replacing keeps a damaged store printable anyway.
std::string dump(const ordered_json& j) { return j.dump(2, ' ', false, ordered_json::error_handler_t::replace); }

ordered_json comment_object(const Comment& c) {
    ordered_json j;
    j["id"] = c.id;
    j["ticket"] = c.ticket;
    j["at"] = format_rfc3339(c.at);
    j["author"] = c.author;
    j["internal"] = c.internal;
    j["body"] = c.body;
    return j;
}

ordered_json event_object(const Event& e) {
    ordered_json j;
    j["id"] = e.id;
    j["ticket"] = e.ticket;
    j["at"] = format_rfc3339(e.at);
    j["actor"] = e.actor;
    j["kind"] = e.kind;
    j["field"] = opt(e.field);
    j["from"] = opt(e.old_value);
    j["to"] = opt(e.new_value);
    j["note"] = opt(e.note);
    j["merged_from"] = e.merged_from ? ordered_json(*e.merged_from) : ordered_json(nullptr);
    return j;
}

ordered_json ticket_object(const Ticket& t) {
    ordered_json j;
    j["id"] = t.id;
    j["type"] = std::string(to_string(t.type));
    j["title"] = t.title;
    j["description"] = opt(t.description);
    j["status"] = std::string(to_string(t.status));
    j["priority"] = to_string(t.priority);
    j["impact"] = opt_enum(t.impact);
    j["urgency"] = opt_enum(t.urgency);
    j["category"] = opt(t.category);
    j["tier"] = t.tier;
    j["assignee"] = opt(t.assignee);
    j["requester"] = opt(t.requester);
    j["channel"] = opt_enum(t.channel);
    j["tags"] = t.tags;
    j["created_at"] = format_rfc3339(t.created_at);
    j["updated_at"] = format_rfc3339(t.updated_at);
    j["resolved_at"] = opt_time(t.resolved_at);
    j["closed_at"] = opt_time(t.closed_at);
    j["resolution_code"] = opt_enum(t.resolution_code);
    j["dedup_key"] = opt(t.dedup_key);
    j["occurrences"] = t.occurrences;
    j["last_seen_at"] = opt_time(t.last_seen_at);
    j["team"] = opt(t.team);
    j["cc"] = t.cc;
    j["escalations"] = t.escalations;
    const auto fcr = t.first_contact_resolution();
    j["fcr"] = fcr ? ordered_json(*fcr) : ordered_json(nullptr);
    return j;
}


// One JSON object as text fields (see ticket_fields in json.hpp).
FlatRecord flatten(const ordered_json& object) {
    const auto text = [](const ordered_json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
    FlatRecord out;
    out.reserve(object.size());
    for (const auto& [name, value] : object.items()) {
        std::string flat;
        if (value.is_array())
            for (std::size_t i = 0; i < value.size(); ++i) flat += (i ? "," : "") + text(value[i]);
        else if (!value.is_null())
            flat = text(value);
        out.emplace_back(name, std::move(flat));
    }
    return out;
}

}  // namespace json

using namespace json;

namespace {

ordered_json agent_object(const Agent& a) {
    ordered_json j;
    j["name"] = a.name;
    j["tier"] = a.tier;
    j["email"] = opt(a.email);
    j["team"] = opt(a.team);
    j["created_at"] = format_rfc3339(a.created_at);
    j["last_assigned_at"] = opt_time(a.last_assigned_at);
    return j;
}

}  // namespace

FlatRecord ticket_fields(const Ticket& t) { return flatten(ticket_object(t)); }

std::vector<std::string> ticket_field_names() {
    std::vector<std::string> names;
    for (auto& [name, value] : ticket_fields(Ticket{})) names.push_back(std::move(name));
    return names;
}

std::string ticket_json(const Ticket& t, const std::vector<Comment>* comments, const std::vector<Event>* history) {
    ordered_json j = ticket_object(t);
    if (comments) {
        j["comments"] = ordered_json::array();
        for (const auto& c : *comments) j["comments"].push_back(comment_object(c));
    }
    if (history) {
        j["history"] = ordered_json::array();
        for (const auto& e : *history) j["history"].push_back(event_object(e));
    }
    return dump(j);
}

std::string ticket_detail_json(const Ticket& t, const std::vector<Comment>& comments, const std::vector<Link>& links,
                               const std::vector<TicketArticle>& articles, const std::vector<Event>& events,
                               bool with_history, const std::string* sla_json, const Rating* rating,
                               bool with_rating) {
    ordered_json j = ticket_object(t);
    j["comments"] = ordered_json::array();
    for (const auto& c : comments) j["comments"].push_back(comment_object(c));
    j["links"] = ordered_json::array();
    for (const auto& l : links) {
        const bool outgoing = l.from == t.id;
        j["links"].push_back({{"kind", std::string(to_string(l.kind))},
                              {"direction", outgoing ? "out" : "in"},
                              {"ticket", outgoing ? l.to : l.from},
                              {"created_at", format_rfc3339(l.created_at)},
                              {"actor", l.actor}});
    }
    j["articles"] = ordered_json::array();
    for (const auto& a : articles)
        j["articles"].push_back({{"id", a.use.article},
                                 {"slug", a.slug},
                                 {"title", a.title},
                                 {"lang", a.lang},
                                 {"kind", std::string(to_string(a.use.kind))},
                                 {"at", format_rfc3339(a.use.at)},
                                 {"actor", a.use.by}});
    j["tier_path"] = ordered_json::array();
    for (const auto& e : events)
        if ((e.kind == "escalated" || e.kind == "deescalated") && !e.merged_from)
            j["tier_path"].push_back({{"from", std::stoi(e.old_value.value_or("0"))},
                                      {"to", std::stoi(e.new_value.value_or("0"))},
                                      {"at", format_rfc3339(e.at)},
                                      {"actor", e.actor},
                                      {"reason", opt(e.note)}});
    if (sla_json) j["sla"] = ordered_json::parse(*sla_json);
    if (with_rating)
        j["rating"] = rating ? ordered_json{{"score", rating->score},
                                            {"comment", opt(rating->comment)},
                                            {"rated_by", rating->rated_by},
                                            {"rated_at", format_rfc3339(rating->rated_at)}}
                             : ordered_json(nullptr);
    if (with_history) {
        j["history"] = ordered_json::array();
        for (const auto& e : events) j["history"].push_back(event_object(e));
    }
    return dump(j);
}

std::string agents_json(const std::vector<AgentLoad>& agents) {
    ordered_json j = ordered_json::array();
    for (const auto& row : agents) {
        ordered_json a = agent_object(row.agent);
        a["active_tickets"] = row.active_tickets;
        j.push_back(a);
    }
    return dump(j);
}

std::string agent_json(const Agent& agent) { return dump(agent_object(agent)); }

std::string filed_ticket_json(const Ticket& t, bool deduplicated) {
    ordered_json j = ticket_object(t);
    j["deduplicated"] = deduplicated;
    return dump(j);
}

std::string tickets_json(const std::vector<Ticket>& tickets) {
    ordered_json j = ordered_json::array();
    for (const auto& t : tickets) j.push_back(ticket_object(t));
    return dump(j);
}

std::string events_json(const std::vector<Event>& events) {
    ordered_json j = ordered_json::array();
    for (const auto& e : events) j.push_back(event_object(e));
    return dump(j);
}

std::string comment_json(const Comment& c) { return dump(comment_object(c)); }

std::string object_json(const std::vector<std::pair<std::string, JsonScalar>>& fields) {
    ordered_json j = ordered_json::object();
    // Not a structured binding: clang before 16 cannot capture one in a lambda.
    for (const auto& field : fields)
        std::visit([&j, &field](const auto& value) { j[field.first] = value; }, field.second);
    return dump(j);
}

std::string check_json(const std::string& store, const std::vector<std::string>& problems) {
    ordered_json j;
    j["store"] = store;
    j["ok"] = problems.empty();
    j["problems"] = problems;
    return dump(j);
}

std::string config_json(const Config& c) {
    ordered_json j;
    j["path"] = c.path.string();
    j["loaded"] = c.loaded;
    j["user"] = opt(c.user);
    j["store"] = {{"path", opt(c.store_path)}, {"lock_timeout", format_duration(c.lock_timeout)}};
    j["tiers"] = ordered_json::array();
    for (const auto& t : c.tiers)
        j["tiers"].push_back({{"level", t.level}, {"name", t.name}, {"description", t.description}});
    j["categories"] = c.categories;
    j["defaults"] = {{"type", std::string(to_string(c.default_type))},
                     {"priority", to_string(c.default_priority)},
                     {"channel", opt_enum(c.default_channel)}};
    j["limits"] = {{"max_title", c.max_title_bytes}, {"max_text", c.max_text_bytes}, {"max_article", c.max_article_bytes}};
    j["dedup_on_resolved"] = std::string(to_string(c.dedup_on_resolved));
    j["dedup_on_closed"] = std::string(to_string(c.dedup_on_closed));
    j["hooks_dir"] = opt(c.hooks_dir);
    j["hook_timeout"] = format_duration(c.hook_timeout);
    // Service levels: durations as seconds, as hd sla --json gives its targets.
    const auto seconds = [](const std::optional<Seconds>& s) { return s ? ordered_json(*s) : ordered_json(nullptr); };
    const auto actions = [](const std::optional<std::vector<BreachAction>>& a) {
        if (!a) return ordered_json(nullptr);
        ordered_json out = ordered_json::array();
        for (BreachAction x : *a) out.push_back(std::string(to_string(x)));
        return out;
    };
    const ServiceLevels& l = c.service_levels;
    ordered_json calendars = ordered_json::object();
    for (const auto& [name, cal] : l.calendars)
        calendars[name] = {{"hours", cal.hours}, {"holidays", cal.holidays}, {"timezone", cal.timezone}};
    j["calendars"] = calendars;
    ordered_json policies = ordered_json::object();
    for (const auto& [key, p] : l.policies)
        policies[key] = {{"respond_seconds", seconds(p.respond)}, {"resolve_seconds", seconds(p.resolve)},
                         {"calendar", opt(p.calendar)}, {"on_breach", actions(p.on_breach)}};
    j["sla"] = {{"at_risk", l.at_risk},
                {"respond_seconds", seconds(l.sla.respond)},
                {"resolve_seconds", seconds(l.sla.resolve)},
                {"calendar", opt(l.sla.calendar)},
                {"on_breach", actions(l.sla.on_breach)},
                {"policies", policies}};
    ordered_json olas = ordered_json::object();
    for (const auto& [level, o] : l.olas)
        olas["L" + std::to_string(level)] = {{"pickup_seconds", seconds(o.pickup)}, {"hold_seconds", seconds(o.hold)},
                                             {"calendar", opt(o.calendar)}, {"on_breach", actions(o.on_breach)}};
    j["ola"] = {{"pickup_seconds", seconds(l.ola.pickup)}, {"hold_seconds", seconds(l.ola.hold)},
                {"calendar", opt(l.ola.calendar)}, {"on_breach", actions(l.ola.on_breach)}, {"tiers", olas}};
    // The one place a template becomes JSON: hd template list/show print these objects.
    j["templates"] = ordered_json::array();
    for (const auto& [name, t] : c.templates) {
        ordered_json o;
        o["name"] = name;
        o["title"] = t.title;
        o["description"] = opt(t.description);
        o["type"] = opt_enum(t.type);
        o["category"] = opt(t.category);
        o["priority"] = t.priority ? ordered_json(to_string(*t.priority)) : ordered_json(nullptr);
        o["tier"] = t.tier ? ordered_json(*t.tier) : ordered_json(nullptr);
        o["tags"] = t.tags;
        o["assignee"] = opt(t.assignee);
        o["requester"] = opt(t.requester);
        o["channel"] = opt_enum(t.channel);
        o["dedup"] = opt(t.dedup);
        o["placeholders"] = template_placeholders(t);
        o["origin"] = t.origin;
        j["templates"].push_back(std::move(o));
    }
    j["origins"] = c.origins;
    j["warnings"] = c.warnings;
    return dump(j);
}

}  // namespace hd::out
