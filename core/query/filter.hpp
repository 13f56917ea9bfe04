// The filter language of `hd list`: words such as `status:open prio:<=P2 age:>3d printer` parsed into an AST.
// The store turns the AST into SQL; nothing here knows about SQL.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/model/time.hpp"

namespace hd {

enum class FilterField {
    id,
    status,
    type,
    priority,   // numbers 1..4
    category,
    tier,       // numbers (levels)
    assignee,
    requester,
    channel,
    tag,
    created,    // timestamps (from age:)
    updated,    // timestamps (from updated:)
    sla,        // "breached", "at-risk": service-level states at FilterCondition::at
};

enum class Compare { eq, ne, lt, le, gt, ge };

// A null value means "unset": `assignee:none`, `cat:none`.
using FilterValue = std::variant<std::monostate, std::string, std::int64_t>;

// One `key:value` term. With eq/ne, several values mean "any of" / "none of" (`status:open,pending`).
// With lt/le/gt/ge there is exactly one value. Text values are already normalised (lower case for
// enums, case-folded for categories and tags as the store keeps them, as typed for people).
// created/updated hold instants: `age:>3d` becomes created < now-3d.
struct FilterCondition {
    FilterField field;
    Compare op = Compare::eq;
    std::vector<FilterValue> values;
    Timestamp at = 0;  // sla: the instant the states are judged at (now)
};

struct Filter {
    std::vector<FilterCondition> conditions;   // all must hold
    std::vector<std::string> words;            // each must appear in title or description (case-insensitive)
    std::vector<std::string> excluded_words;   // `-word`: must appear in neither
    bool names_status() const;                 // true when a status: condition is present
};

// What the parser needs from the outside world.
struct FilterContext {
    std::string me;                                                    // for assignee:me, requester:me
    Timestamp now = 0;                                                 // for age: and updated:
    std::function<std::optional<int>(std::string_view)> tier_level;    // "2", "L2", "Support" → 2
};

// Parses the words of a filter. Throws hd::Error(usage) naming the bad term, and for an unknown key
// naming every key that exists.
Filter parse_filter(const std::vector<std::string>& terms, const FilterContext& ctx);

// The keys the language knows, by their canonical names (id, status, type, prio, cat, tier, assignee,
// requester, channel, tag, age, updated), for errors and help.
std::vector<std::string> filter_keys();
// Every spelling a key accepts: the canonical names, then the aliases (priority, category, assigned), for
// completions.
std::vector<std::string> filter_key_names();

enum class SortField { id, priority, status, type, title, category, tier, assignee, requester, created, updated };
struct SortKey {
    SortField field;
    bool descending = false;
};

// "prio", "-updated", "priority,-created" → sort keys. Throws hd::Error(usage) naming the fields that exist.
// Aliases: prio, cat, and age, which sorts by creation time the other way round (youngest first).
std::vector<SortKey> parse_sort(std::string_view spec);
std::vector<std::string> sort_fields();  // the canonical names

}  // namespace hd
