// Ticket records as JSON: the lines of hd export (written with nlohmann/json) and hd import (read
// with RapidJSON), and hd open --from-json.
#include "cmd/bulk/record_json.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <initializer_list>

#include "cmd/bulk/new_ticket_json.hpp"
#include "cmd/output/json_objects.hpp"
#include "core/rules/priority.hpp"
#include "core/text/utf8.hpp"

namespace hd::cmd::bulk {
namespace {

using nlohmann::ordered_json;

// ---- Writing: the objects of cmd/output/json_objects.hpp, as --json prints them ----------------------

using out::json::comment_object;
using out::json::event_object;
using out::json::ticket_object;

// ---- Reading ----------------------------------------------------------------------------------------
//
// Records are read with RapidJSON, not nlohmann: hd import spends most of its reading time parsing
// JSON, and RapidJSON's parser takes a fifth of nlohmann's time for the same lines (100,000 records of
// hd export: 0.43 s against 2.2 s on one core). nlohmann still writes the records, and still words the
// message for a line that is not JSON.

using JsonValue = rapidjson::Value;

// Iterative: the parser's own stack, not the call stack, holds the nesting, so a line of a million
// '[' cannot overflow it. UTF-8 is checked before parsing (is_valid_utf8 skips ASCII fast), not by
// the parser, which validates byte by byte at the cost of most of its speed.
constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag;

std::string_view str(const JsonValue& v) { return {v.GetString(), v.GetStringLength()}; }

std::string type_of(const JsonValue& v) {
    switch (v.GetType()) {
        case rapidjson::kNullType: return "null";
        case rapidjson::kObjectType: return "an object";
        case rapidjson::kArrayType: return "an array";
        case rapidjson::kStringType: return "text";
        case rapidjson::kFalseType:
        case rapidjson::kTrueType: return "true or false";
        case rapidjson::kNumberType: return v.IsDouble() ? "a fraction" : "a number";
    }
    return "a value";
}

[[noreturn]] void wrong_type(std::string_view path, std::string_view wanted, const JsonValue& v) {
    field_error(path, "must be " + std::string(wanted) + ", not " + type_of(v));
}

std::string_view text(std::string_view path, const JsonValue& v) {
    if (!v.IsString()) wrong_type(path, "text", v);
    return str(v);
}

std::optional<std::string_view> opt_text(std::string_view path, const JsonValue& v) {
    if (v.IsNull()) return std::nullopt;
    return text(path, v);
}

std::int64_t whole(std::string_view path, const JsonValue& v) {
    if (v.IsInt64()) return v.GetInt64();
    if (v.IsUint64()) field_error(path, "is too large");  // above 2^63 - 1
    wrong_type(path, "a whole number", v);
}

bool boolean(std::string_view path, const JsonValue& v) {
    if (!v.IsBool()) wrong_type(path, "true or false", v);
    return v.GetBool();
}

std::vector<std::string> texts(std::string_view path, const JsonValue& v) {
    std::vector<std::string> out;
    if (v.IsNull()) return out;
    if (!v.IsArray()) wrong_type(path, "an array of text", v);
    out.reserve(v.Size());
    for (const auto& item : v.GetArray()) {
        if (!item.IsString())
            field_error(path, "item " + std::to_string(out.size()) + " is " + type_of(item) + ", not text");
        out.emplace_back(str(item));
    }
    return out;
}

JsonValue::ConstArray array(std::string_view path, const JsonValue& v) {
    if (!v.IsArray()) wrong_type(path, "an array", v);
    return v.GetArray();
}

JsonValue::ConstObject object(std::string_view path, const JsonValue& v) {
    if (!v.IsObject()) wrong_type(path, "an object", v);
    return v.GetObject();
}

// RapidJSON keeps every member of an object, where nlohmann kept the last of a name given twice: a
// second "comments" would add to the first. A name of `names` given twice is refused instead; other
// names are left to the caller, which refuses them as unknown. (Linear: a hostile object of 100,000
// members costs no more than reading it. The record's own fields are checked in record_from_object.)
void names_once(std::string_view base, JsonValue::ConstObject o, std::initializer_list<std::string_view> names) {
    std::uint32_t seen = 0;
    for (auto m = o.begin(); m != o.end(); ++m) {
        const std::string_view key = str(m->name);
        std::uint32_t bit = 1;
        for (const std::string_view name : names) {
            if (key == name) {
                if (seen & bit) field_error(std::string(base) + "." + std::string(key), "given twice");
                seen |= bit;
                break;
            }
            bit <<= 1;
        }
    }
}

// path = base.key, in the caller's buffer: a new string for each member of each event cost a malloc
// and a free, the path being longer than a short string.
void member_path(std::string& path, std::string_view base, std::string_view key) {
    path.assign(base).append(1, '.').append(key);
}

// nlohmann's message without its prefix ("[json.exception.parse_error.101] parse error at line 1,
// column 5: ") and without the bytes it last read, which may be anything.
std::string parse_problem(const nlohmann::json::exception& e) {
    std::string what = e.what();
    if (const auto colon = what.find(": "); colon != std::string::npos && what.starts_with("[json.exception"))
        what = what.substr(colon + 2);
    if (const auto at = what.find("; last read:"); at != std::string::npos) what.erase(at);
    if (what.starts_with("syntax error while parsing value - ")) what.erase(0, 35);
    if (what.starts_with("syntax error while parsing object - ")) what.erase(0, 36);
    if (what.starts_with("syntax error while parsing array - ")) what.erase(0, 35);
    return what;
}

// Why `text` is not JSON, in nlohmann's words: they say more than RapidJSON's ("invalid literal",
// "ill-formed UTF-8 byte") and where, by line and column for a document of several lines. Called
// only once the text is refused; should nlohmann take it, `reason` is given.
[[noreturn]] void not_json(std::string_view text, bool one_line, const std::string& reason) {
    try {
        const auto taken = nlohmann::json::parse(text.begin(), text.end());
        (void)taken;
    } catch (const nlohmann::json::parse_error& e) {
        if (one_line) fail(ErrorKind::usage, "not valid JSON (at byte " + std::to_string(e.byte) + ": " + parse_problem(e) + ")");
        // The message says where (line and column) for a document of several lines.
        std::string what = e.what();
        if (const auto at = what.find("parse error at "); at != std::string::npos) what = what.substr(at + 15);
        if (const auto at = what.find("; last read:"); at != std::string::npos) what.erase(at);
        fail(ErrorKind::usage, "not valid JSON (" + what + ")");
    } catch (const nlohmann::json::out_of_range& e) {
        // A number too large for a double (1e999) is no parse_error but out_of_range (406); uncaught,
        // hd printed nlohmann's raw message with exit status 1 (found by fuzzing).
        fail(ErrorKind::usage, "not valid JSON (" + parse_problem(e) + ")");
    }
    fail(ErrorKind::usage, "not valid JSON (" + reason + ")");
}

// Parses text as one JSON document whose strings stay in `buffer`: the document is good as long as
// the buffer is neither changed nor gone. RapidJSON parses a NUL-terminated copy in place (insitu),
// and with SSE2 (see cmd/CMakeLists.txt) skips whitespace and copies strings 16 bytes at a time:
// the threads that read the peers' records ran a fifth fewer instructions than when RapidJSON parsed
// the text where it lies (1.53 G against 1.90 G for 30,000). The copy has room for the last
// 16-byte read past its end. A NUL byte, which would end the copy early, is never valid JSON.
rapidjson::Document parse_json(std::string_view text, bool one_line, std::string& buffer) {
    rapidjson::Document doc;
    if (!is_valid_utf8(text)) not_json(text, one_line, "not UTF-8");
    if (text.find('\0') != std::string_view::npos) not_json(text, one_line, "a NUL byte");
    buffer.reserve(text.size() + 16);
    buffer.assign(text);
    doc.ParseInsitu<kParseFlags>(buffer.data());
    if (doc.HasParseError()) {
        std::string why = rapidjson::GetParseError_En(doc.GetParseError());
        if (!why.empty() && why.back() == '.') why.pop_back();
        not_json(text, one_line, "at byte " + std::to_string(doc.GetErrorOffset() + 1) + ": " + why);
    }
    return doc;
}

enum class Field {
    id, type, title, description, status, priority, impact, urgency, category, tier, assignee, requester, channel,
    tags, created_at, updated_at, resolved_at, closed_at, resolution_code, dedup_key, occurrences, last_seen_at,
    team, cc, escalations, fcr, comments, events, links, articles, tier_path, sla, rating,
};

// A field by its name. hd export writes the fields in this order, so the one after the field found
// last (`next`) is tried first: a record's fields are found with one comparison each.
std::optional<Field> field_named(std::string_view name, std::size_t& next) {
    static constexpr std::array<std::pair<std::string_view, Field>, 34> kFields = {{
        {"id", Field::id}, {"type", Field::type}, {"title", Field::title}, {"description", Field::description},
        {"status", Field::status}, {"priority", Field::priority}, {"impact", Field::impact},
        {"urgency", Field::urgency}, {"category", Field::category}, {"tier", Field::tier},
        {"assignee", Field::assignee}, {"requester", Field::requester}, {"channel", Field::channel},
        {"tags", Field::tags}, {"created_at", Field::created_at}, {"updated_at", Field::updated_at},
        {"resolved_at", Field::resolved_at}, {"closed_at", Field::closed_at},
        {"resolution_code", Field::resolution_code}, {"dedup_key", Field::dedup_key},
        {"occurrences", Field::occurrences}, {"last_seen_at", Field::last_seen_at}, {"team", Field::team},
        {"cc", Field::cc}, {"escalations", Field::escalations}, {"fcr", Field::fcr}, {"comments", Field::comments},
        {"events", Field::events}, {"history", Field::events}, {"links", Field::links},
        {"articles", Field::articles}, {"tier_path", Field::tier_path},
        {"sla", Field::sla}, {"rating", Field::rating},
    }};
    if (next < kFields.size() && kFields[next].first == name) return kFields[next++].second;
    for (std::size_t i = 0; i < kFields.size(); ++i)
        if (kFields[i].first == name) {
            next = i + 1;
            return kFields[i].second;
        }
    return std::nullopt;
}

// The top-level fields of a record or a new ticket, each once (see names_once): `seen` holds a bit
// per Field met so far.
void field_once(std::uint64_t& seen, Field field, std::string_view key) {
    static_assert(static_cast<int>(Field::rating) < 64);
    const std::uint64_t bit = std::uint64_t{1} << static_cast<int>(field);
    if (seen & bit) field_error(key, "given twice");
    seen |= bit;
}

[[noreturn]] void unknown_field(const std::string& path) {
    field_error(path, "unknown field (a record holds the fields hd export writes; see hd-import(1))");
}

std::optional<Timestamp> opt_time_field(std::string_view path, const JsonValue& v) {
    const auto s = opt_text(path, v);
    if (!s) return std::nullopt;
    return time_field(path, *s);
}

std::optional<std::string> opt_name_field(std::string_view path, const JsonValue& v, std::string_view what) {
    const auto s = opt_text(path, v);
    if (!s) return std::nullopt;
    return name_field(path, *s, what);
}

std::optional<std::string> opt_text_field(std::string_view path, const JsonValue& v, std::string_view what,
                                          const Config& config) {
    const auto s = opt_text(path, v);
    if (!s) return std::nullopt;
    return text_field(path, *s, what, config);
}

Priority priority_value(std::string_view path, const JsonValue& v) {
    if (v.IsInt64()) {
        const auto n = v.GetInt64();
        if (n < 1 || n > 4) field_error(path, std::to_string(n) + " is not a priority (P1, P2, P3, P4)");
        return Priority{static_cast<int>(n)};
    }
    if (!v.IsString()) wrong_type(path, "a priority such as \"P2\"", v);
    return priority_field(path, str(v));
}

int tier_value(std::string_view path, const JsonValue& v, const Config& config) {
    if (v.IsInt64()) return tier_field(path, v.GetInt64(), config);
    if (!v.IsString()) wrong_type(path, "a tier such as 2 or \"L2\"", v);
    return tier_field(path, str(v), config);
}

Comment read_comment(const JsonValue& v, std::size_t index, const ImportDefaults& d, std::optional<TicketId>& ticket) {
    const std::string base = "comments[" + std::to_string(index) + "]";
    const auto members = object(base, v);
    names_once(base, members, {"id", "ticket", "at", "author", "internal", "body"});
    Comment c;
    bool has_at = false, has_author = false, has_body = false;
    std::string path;  // base.key, for messages: one buffer for all the members (see member_path)
    for (const auto& member : members) {
        const std::string_view key = str(member.name);
        const JsonValue& value = member.value;
        member_path(path, base, key);
        if (key == "id") {
            if (!value.IsNull()) c.id = count_field(path, whole(path, value), 1);
        } else if (key == "ticket") {
            if (!value.IsNull()) ticket = ticket_id_field(path, whole(path, value));
        } else if (key == "at") {
            c.at = time_field(path, text(path, value));
            has_at = true;
        } else if (key == "author") {
            c.author = name_field(path, text(path, value), "author");
            has_author = true;
        } else if (key == "internal") {
            c.internal = boolean(path, value);
        } else if (key == "body") {
            c.body = text_field(path, text(path, value), "comment", d.config);
            if (trim(c.body).empty()) field_error(path, "the comment is empty");
            has_body = true;
        } else {
            field_error(path, "unknown field (a comment has id, ticket, at, author, internal, body)");
        }
    }
    if (!has_body) field_error(base + ".body", "missing: a comment needs its text");
    if (!has_author) field_error(base + ".author", "missing: a comment needs its author");
    if (!has_at) field_error(base + ".at", "missing: a comment needs its time");
    return c;
}

Event read_event(const JsonValue& v, const std::string& base, const ImportDefaults& d, std::optional<TicketId>& ticket) {
    const auto members = object(base, v);
    names_once(base, members, {"id", "ticket", "at", "actor", "kind", "field", "from", "to", "note", "merged_from"});
    Event e;
    bool has_at = false, has_actor = false, has_kind = false;
    std::string path;  // base.key, for messages: one buffer for all the members (see member_path)
    for (const auto& member : members) {
        const std::string_view key = str(member.name);
        const JsonValue& value = member.value;
        member_path(path, base, key);
        if (key == "id") {
            if (!value.IsNull()) e.id = count_field(path, whole(path, value), 1);
        } else if (key == "ticket") {
            if (!value.IsNull()) ticket = ticket_id_field(path, whole(path, value));
        } else if (key == "at") {
            e.at = time_field(path, text(path, value));
            has_at = true;
        } else if (key == "actor") {
            e.actor = name_field(path, text(path, value), "actor");
            has_actor = true;
        } else if (key == "kind") {
            e.kind = name_field(path, text(path, value), "event kind");
            has_kind = true;
        } else if (key == "field") {
            e.field = opt_name_field(path, value, "field name");
        } else if (key == "from") {
            e.old_value = opt_text_field(path, value, "value", d.config);
        } else if (key == "to") {
            e.new_value = opt_text_field(path, value, "value", d.config);
        } else if (key == "note") {
            e.note = opt_text_field(path, value, "note", d.config);
        } else if (key == "merged_from") {
            if (!value.IsNull()) e.merged_from = ticket_id_field(path, whole(path, value));
        } else {
            field_error(path, "unknown field (an event has id, ticket, at, actor, kind, field, from, to, note, "
                              "merged_from)");
        }
    }
    if (!has_kind) field_error(base + ".kind", "missing: an event needs its kind");
    if (!has_actor) field_error(base + ".actor", "missing: an event needs its actor");
    if (!has_at) field_error(base + ".at", "missing: an event needs its time");
    return e;
}

// A link of the record, by the other ticket's id: from = the other ticket for an incoming one (its
// `to` is set to the record's id later, when that is known).
Link read_link(const JsonValue& v, std::size_t index, const ImportDefaults& d, bool& incoming) {
    const std::string base = "links[" + std::to_string(index) + "]";
    const auto members = object(base, v);
    names_once(base, members, {"kind", "ticket", "created_at", "actor", "direction"});
    Link l;
    l.created_at = d.now;
    l.actor = d.actor;
    bool has_kind = false, has_ticket = false;
    TicketId other = 0;
    incoming = false;
    std::string path;  // base.key, for messages: one buffer for all the members (see member_path)
    for (const auto& member : members) {
        const std::string_view key = str(member.name);
        const JsonValue& value = member.value;
        member_path(path, base, key);
        if (key == "kind") {
            l.kind = link_kind_field(path, text(path, value));
            has_kind = true;
        } else if (key == "ticket") {
            other = ticket_id_field(path, whole(path, value));
            has_ticket = true;
        } else if (key == "created_at") {
            l.created_at = time_field(path, text(path, value));
        } else if (key == "actor") {
            l.actor = name_field(path, text(path, value), "actor");
        } else if (key == "direction") {
            const std::string_view dir = text(path, value);
            if (dir != "out" && dir != "in")
                field_error(path, "'" + std::string(dir) + "' is not a direction (out, in)");
            incoming = dir == "in";
        } else {
            field_error(path, "unknown field (a link has kind, ticket, created_at, actor, and direction)");
        }
    }
    if (!has_kind) field_error(base + ".kind", "missing: a link needs its kind");
    if (!has_ticket) field_error(base + ".ticket", "missing: a link needs the ticket it points to");
    if (incoming)
        l.from = other;
    else
        l.to = other;
    return l;
}

TicketRecord record_from_object(const JsonValue& j, const ImportDefaults& d) {
    if (!j.IsObject()) fail(ErrorKind::usage, "a record is a JSON object ({...}), not " + type_of(j));
    TicketRecord r;
    Ticket& t = r.ticket;
    bool has_title = false, has_type = false, has_priority = false, has_created = false, has_updated = false,
         has_events = false;
    std::optional<TicketId> comment_ticket, event_ticket;
    std::vector<bool> incoming;
    std::uint64_t seen = 0;  // see field_once
    std::size_t next = 0;    // see field_named
    for (const auto& member : j.GetObject()) {
        const std::string key(str(member.name));
        const JsonValue& v = member.value;
        const auto field = field_named(key, next);
        if (!field) unknown_field(key);
        field_once(seen, *field, key);
        switch (*field) {
            case Field::id:
                if (!v.IsNull()) t.id = ticket_id_field(key, whole(key, v));
                break;
            case Field::type:
                t.type = type_field(key, text(key, v));
                has_type = true;
                break;
            case Field::title:
                t.title = title_field(key, text(key, v), d.config);
                has_title = true;
                break;
            case Field::description:
                if (const auto s = opt_text(key, v)) t.description = description_field(key, *s, d.config);
                break;
            case Field::status: t.status = status_field(key, text(key, v)); break;
            case Field::priority:
                if (!v.IsNull()) {
                    t.priority = priority_value(key, v);
                    has_priority = true;
                }
                break;
            case Field::impact:
                if (const auto s = opt_text(key, v)) t.impact = level_field(key, *s);
                break;
            case Field::urgency:
                if (const auto s = opt_text(key, v)) t.urgency = level_field(key, *s);
                break;
            case Field::category:
                if (const auto s = opt_text(key, v)) t.category = category_field(key, *s, d.config);
                break;
            case Field::tier: t.tier = tier_value(key, v, d.config); break;
            case Field::assignee: t.assignee = opt_name_field(key, v, "assignee"); break;
            case Field::requester: t.requester = opt_name_field(key, v, "requester"); break;
            case Field::team: t.team = opt_name_field(key, v, "team"); break;
            case Field::channel:
                if (const auto s = opt_text(key, v)) t.channel = channel_field(key, *s);
                break;
            case Field::tags: t.tags = tags_field(key, texts(key, v)); break;
            case Field::cc: t.cc = names_field(key, texts(key, v)); break;
            case Field::created_at:
                t.created_at = time_field(key, text(key, v));
                has_created = true;
                break;
            case Field::updated_at:
                t.updated_at = time_field(key, text(key, v));
                has_updated = true;
                break;
            case Field::resolved_at: t.resolved_at = opt_time_field(key, v); break;
            case Field::closed_at: t.closed_at = opt_time_field(key, v); break;
            case Field::last_seen_at: t.last_seen_at = opt_time_field(key, v); break;
            case Field::resolution_code:
                if (const auto s = opt_text(key, v)) t.resolution_code = resolution_field(key, *s);
                break;
            case Field::dedup_key: t.dedup_key = opt_name_field(key, v, "dedup key"); break;
            case Field::occurrences: t.occurrences = count_field(key, whole(key, v), 1); break;
            case Field::escalations: t.escalations = count_field(key, whole(key, v), 0); break;
            case Field::fcr:  // derived from status, tier and escalations
                if (!v.IsNull()) boolean(key, v);
                break;
            case Field::articles:  // the knowledge base's uses of the ticket are not imported
            case Field::tier_path:  // derived from the events
                array(key, v);
                break;
            case Field::sla:  // computed from the events and the config
                if (!v.IsObject()) wrong_type(key, "an object", v);
                break;
            case Field::rating:  // hd show's; ratings are not imported
                if (!v.IsNull() && !v.IsObject()) wrong_type(key, "an object or null", v);
                break;
            case Field::comments: {
                std::size_t i = 0;
                for (const auto& c : array(key, v)) r.comments.push_back(read_comment(c, i++, d, comment_ticket));
                break;
            }
            case Field::events: {
                std::size_t i = 0;
                for (const auto& e : array(key, v)) {
                    r.events.push_back(read_event(e, key + "[" + std::to_string(i++) + "]", d, event_ticket));
                }
                has_events = true;
                break;
            }
            case Field::links: {
                std::size_t i = 0;
                for (const auto& l : array(key, v)) {
                    bool in = false;
                    r.links.push_back(read_link(l, i++, d, in));
                    incoming.push_back(in);
                }
                break;
            }
        }
    }
    if (!has_title) field_error("title", "missing: every ticket needs a title");
    if (!has_type) t.type = d.config.default_type;
    if (!has_priority)
        t.priority = t.impact || t.urgency ? priority_from_matrix(t.impact, t.urgency) : d.config.default_priority;
    if (!has_created) t.created_at = d.now;
    if (!has_updated) t.updated_at = t.created_at;
    check_ticket(t, d.config);

    // What the comments and events say about their ticket must be this one.
    if (t.id > 0) {
        if (comment_ticket && *comment_ticket != t.id)
            field_error("comments", "a comment names ticket #" + std::to_string(*comment_ticket) + ", not #" +
                                        std::to_string(t.id) + " whose record holds it");
        if (event_ticket && *event_ticket != t.id)
            field_error("events", "an event names ticket #" + std::to_string(*event_ticket) + ", not #" +
                                      std::to_string(t.id) + " whose record holds it");
    }
    for (auto& c : r.comments) c.ticket = t.id;
    for (auto& e : r.events) e.ticket = t.id;
    for (std::size_t i = 0; i < r.links.size(); ++i) {
        Link& l = r.links[i];
        if (incoming[i])
            l.to = t.id;
        else
            l.from = t.id;
        if (t.id > 0 && l.from == l.to)
            field_error("links[" + std::to_string(i) + "].ticket", "a ticket cannot be linked to itself");
    }
    if (!has_events) {
        Event created;
        created.ticket = t.id;
        created.at = t.created_at;
        created.actor = d.actor;
        created.kind = "created";
        created.new_value = t.title;
        created.note = "imported";
        r.events.push_back(std::move(created));
    }
    return r;
}

// ---- The first pass: a record's id without reading the whole line ------------------------------------

struct Scanner {
    std::string_view s;
    std::size_t i = 0;

    void space() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) ++i;
    }
    bool eat(char c) {
        space();
        if (i < s.size() && s[i] == c) {
            ++i;
            return true;
        }
        return false;
    }
    // A string at i (after its opening quote was seen); false when it does not end.
    bool skip_string() {
        for (++i; i < s.size(); ++i) {
            if (s[i] == '\\')
                ++i;
            else if (s[i] == '"') {
                ++i;
                return true;
            }
        }
        return false;
    }
    // Any value: strings and nested arrays and objects are skipped whole, scalars up to , } or ].
    bool skip_value() {
        space();
        if (i >= s.size()) return false;
        if (s[i] == '"') return skip_string();
        if (s[i] == '{' || s[i] == '[') {
            int depth = 0;
            while (i < s.size()) {
                const char c = s[i];
                if (c == '"') {
                    if (!skip_string()) return false;
                    continue;
                }
                if (c == '{' || c == '[') ++depth;
                if (c == '}' || c == ']') --depth;
                ++i;
                if (depth == 0) return true;
            }
            return false;
        }
        while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']') ++i;
        return true;
    }
};

}  // namespace

std::string record_json(const TicketRecord& r) {
    ordered_json j = ticket_object(r.ticket);
    ordered_json& comments = j["comments"] = ordered_json::array();
    for (const auto& c : r.comments) comments.push_back(comment_object(c));
    ordered_json& events = j["events"] = ordered_json::array();
    for (const auto& e : r.events) events.push_back(event_object(e));
    ordered_json& links = j["links"] = ordered_json::array();
    for (const auto& l : r.links) {
        ordered_json o;
        o["kind"] = std::string(to_string(l.kind));
        o["ticket"] = l.to;
        o["created_at"] = format_rfc3339(l.created_at);
        o["actor"] = l.actor;
        links.push_back(std::move(o));
    }
    return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

TicketRecord record_from_json(std::string_view json, const ImportDefaults& defaults) {
    std::string buffer;
    return record_from_object(parse_json(json, true, buffer), defaults);
}

std::optional<TicketId> scan_record_id(std::string_view json) {
    Scanner sc{json};
    if (!sc.eat('{')) return std::nullopt;
    if (sc.eat('}')) return std::nullopt;
    for (;;) {
        sc.space();
        if (sc.i >= json.size() || json[sc.i] != '"') return std::nullopt;
        const std::size_t key_start = sc.i + 1;
        if (!sc.skip_string()) return std::nullopt;
        const std::string_view key = json.substr(key_start, sc.i - 1 - key_start);
        if (!sc.eat(':')) return std::nullopt;
        if (key == "id") {
            sc.space();
            const std::size_t start = sc.i;
            if (!sc.skip_value()) return std::nullopt;
            std::string_view number = json.substr(start, sc.i - start);
            while (!number.empty() && (number.back() == ' ' || number.back() == '\t' || number.back() == '\r'))
                number.remove_suffix(1);
            TicketId id = 0;
            const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), id);
            if (ec != std::errc{} || end != number.data() + number.size() || id < 1) return std::nullopt;
            return id;
        }
        if (!sc.skip_value()) return std::nullopt;
        if (sc.eat(',')) continue;
        return std::nullopt;  // the end of the object, or something read_ticket_record will name
    }
}

std::vector<TicketRecord> read_ticket_records(std::string_view jsonl, const ImportDefaults& defaults) {
    std::vector<TicketRecord> out;
    std::size_t line = 0;
    std::size_t start = 0;
    while (start < jsonl.size()) {
        ++line;
        auto end = jsonl.find('\n', start);
        if (end == std::string_view::npos) end = jsonl.size();
        const std::string_view text = jsonl.substr(start, end - start);
        start = end + 1;
        if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        try {
            out.push_back(record_from_json(text, defaults));
        } catch (const Error& e) {
            fail(e.kind(), "LINE " + std::to_string(line) + ": " + e.what());
        }
    }
    return out;
}

}  // namespace hd::cmd::bulk

namespace hd::cmd {
namespace {

using namespace bulk;

NewTicket new_ticket_from_object(const JsonValue& j, const Config& config) {
    if (!j.IsObject()) fail(ErrorKind::usage, "a ticket is a JSON object ({...}), not " + type_of(j));
    NewTicket n;
    bool has_title = false;
    std::uint64_t seen = 0;  // see field_once
    std::size_t next = 0;    // see field_named
    for (const auto& member : j.GetObject()) {
        const std::string key(str(member.name));
        const JsonValue& v = member.value;
        const auto field = field_named(key, next);
        if (!field) field_error(key, "unknown field (a new ticket takes the fields --json prints; see hd-open(1))");
        field_once(seen, *field, key);
        switch (*field) {
            case Field::title:
                n.title = text(key, v);
                has_title = true;
                break;
            case Field::description:
                if (const auto s = opt_text(key, v)) n.description = *s;
                break;
            case Field::type:
                if (const auto s = opt_text(key, v)) n.type = type_field(key, *s);
                break;
            case Field::priority:
                if (!v.IsNull()) n.priority = priority_value(key, v);
                break;
            case Field::impact:
                if (const auto s = opt_text(key, v)) n.impact = level_field(key, *s);
                break;
            case Field::urgency:
                if (const auto s = opt_text(key, v)) n.urgency = level_field(key, *s);
                break;
            case Field::category:
                if (const auto s = opt_text(key, v)) n.category = *s;
                break;
            case Field::tier:
                if (!v.IsNull()) n.tier = tier_value(key, v, config);
                break;
            case Field::assignee:
                if (const auto s = opt_text(key, v)) n.assignee = *s;
                break;
            case Field::team:
                if (const auto s = opt_text(key, v)) n.team = *s;
                break;
            case Field::requester:
                if (const auto s = opt_text(key, v)) n.requester = *s;
                break;
            case Field::channel:
                if (const auto s = opt_text(key, v)) n.channel = channel_field(key, *s);
                break;
            case Field::tags: n.tags = texts(key, v); break;
            default: break;  // printed by --json, but not something a new ticket takes: ignored
        }
    }
    if (!has_title) field_error("title", "missing: every ticket needs a title");
    return n;
}

}  // namespace

std::vector<NewTicket> new_tickets_from_json(std::string_view text, const Config& config) {
    std::string buffer;
    const rapidjson::Document j = bulk::parse_json(text, false, buffer);
    std::vector<NewTicket> out;
    if (!j.IsArray()) {
        out.push_back(new_ticket_from_object(j, config));
        return out;
    }
    out.reserve(j.Size());
    for (rapidjson::SizeType i = 0; i < j.Size(); ++i) {
        try {
            out.push_back(new_ticket_from_object(j[i], config));
        } catch (const Error& e) {
            fail(e.kind(), "[" + std::to_string(i) + "]: " + e.what());
        }
    }
    return out;
}

std::vector<NewTicket> new_tickets_from_json(std::string_view text) {
    static const Config defaults = default_config();
    return new_tickets_from_json(text, defaults);
}

}  // namespace hd::cmd
