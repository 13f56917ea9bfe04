// The filter language of `hd list`: parses `key:value` terms and bare words into a Filter, and sort specs.
#include "core/query/filter.hpp"

#include <algorithm>
#include <array>

#include "core/error.hpp"
#include "core/text/utf8.hpp"

namespace hd {
namespace {

struct KeyName {
    std::string_view name;
    FilterField field;
};

// Canonical names first, in the order errors and help list them; aliases after.
constexpr std::array<KeyName, 13> kCanonicalKeys = {{
    {"id", FilterField::id},
    {"status", FilterField::status},
    {"type", FilterField::type},
    {"prio", FilterField::priority},
    {"cat", FilterField::category},
    {"tier", FilterField::tier},
    {"assignee", FilterField::assignee},
    {"requester", FilterField::requester},
    {"channel", FilterField::channel},
    {"tag", FilterField::tag},
    {"age", FilterField::created},
    {"updated", FilterField::updated},
    {"sla", FilterField::sla},
}};
constexpr std::array<KeyName, 3> kKeyAliases = {{
    {"priority", FilterField::priority},
    {"category", FilterField::category},
    {"assigned", FilterField::assignee},
}};

constexpr std::array<std::string_view, 5> kStatuses = {"new", "open", "pending", "resolved", "closed"};
constexpr std::array<std::string_view, 4> kTypes = {"incident", "request", "problem", "change"};
constexpr std::array<std::string_view, 6> kChannels = {"phone", "email", "chat", "web", "cli", "monitoring"};
constexpr std::array<std::string_view, 2> kSlaStates = {"breached", "at-risk"};

struct SortName {
    std::string_view name;
    SortField field;
};
constexpr std::array<SortName, 11> kCanonicalSorts = {{
    {"id", SortField::id},
    {"priority", SortField::priority},
    {"status", SortField::status},
    {"type", SortField::type},
    {"title", SortField::title},
    {"category", SortField::category},
    {"tier", SortField::tier},
    {"assignee", SortField::assignee},
    {"requester", SortField::requester},
    {"created", SortField::created},
    {"updated", SortField::updated},
}};
constexpr std::array<SortName, 2> kSortAliases = {{
    {"prio", SortField::priority},
    {"cat", SortField::category},
}};

std::optional<SortField> find_sort_field(std::string_view lower_name) {
    for (const auto& s : kCanonicalSorts)
        if (lower_name == s.name) return s.field;
    for (const auto& s : kSortAliases)
        if (lower_name == s.name) return s.field;
    return std::nullopt;
}

// Enum words and keys are ASCII; lower-casing them byte by byte leaves any UTF-8 untouched.
std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

template <std::size_t N>
std::string join(const std::array<std::string_view, N>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

std::optional<FilterField> find_key(std::string_view key) {
    const std::string k = ascii_lower(key);
    for (const auto& [name, field] : kCanonicalKeys)
        if (k == name) return field;
    for (const auto& [name, field] : kKeyAliases)
        if (k == name) return field;
    return std::nullopt;
}

bool takes_comparison(FilterField f) {
    return f == FilterField::id || f == FilterField::priority || f == FilterField::tier ||
           f == FilterField::created || f == FilterField::updated;
}

std::vector<std::string> split_values(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const auto comma = text.find(',', start);
        out.emplace_back(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}

// A positive decimal that fits in int64; nullopt otherwise.
std::optional<std::int64_t> positive_number(std::string_view text) {
    if (text.empty()) return std::nullopt;
    std::int64_t n = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        if (__builtin_mul_overflow(n, std::int64_t{10}, &n) || __builtin_add_overflow(n, std::int64_t{c - '0'}, &n))
            return std::nullopt;
    }
    if (n <= 0) return std::nullopt;
    return n;
}

// P1..P4 or 1..4, any case. Kept here rather than calling parse_priority so the filter parser stands alone.
std::optional<std::int64_t> priority_value(std::string_view text) {
    if (!text.empty() && (text.front() == 'P' || text.front() == 'p')) text.remove_prefix(1);
    if (text.size() != 1 || text[0] < '1' || text[0] > '4') return std::nullopt;
    return text[0] - '0';
}

// Parses one term. Holds the term for error messages, which always name it.
class TermParser {
public:
    TermParser(std::string_view term, const FilterContext& ctx) : term_(term), ctx_(ctx) {}

    FilterCondition parse(FilterField field, std::string_view value) {
        FilterCondition c{field, Compare::eq, {}};
        if (value.empty()) fail_term("has no value after the colon");

        if (value.front() == '!') {
            c.op = Compare::ne;
            value.remove_prefix(1);
        } else if (value.starts_with("<=")) {
            c.op = Compare::le;
            value.remove_prefix(2);
        } else if (value.starts_with(">=")) {
            c.op = Compare::ge;
            value.remove_prefix(2);
        } else if (value.front() == '<') {
            c.op = Compare::lt;
            value.remove_prefix(1);
        } else if (value.front() == '>') {
            c.op = Compare::gt;
            value.remove_prefix(1);
        }
        const bool comparison = c.op != Compare::eq && c.op != Compare::ne;
        if (value.empty()) fail_term("has no value after the operator");
        if (comparison && !takes_comparison(field))
            fail_term("compares text; only id, prio, tier, age and updated take <, <=, > or >=");

        const auto items = split_values(value);
        for (const auto& item : items)
            if (item.empty()) fail_term("has an empty value in its comma-separated list");
        if (comparison && items.size() > 1) fail_term("compares with several values; a comparison takes one");

        if (field == FilterField::created || field == FilterField::updated) return time_condition(c, value);
        if (field == FilterField::sla) c.at = ctx_.now;
        for (const auto& item : items) c.values.push_back(value_of(field, item));
        return c;
    }

    [[noreturn]] void fail_term(const std::string& why) const {
        fail(ErrorKind::usage, "the filter term " + quoted(term_) + " " + why);
    }

private:
    FilterValue value_of(FilterField field, const std::string& item) const {
        switch (field) {
            case FilterField::id: {
                std::string_view v = item;
                if (v.starts_with('#')) v.remove_prefix(1);
                if (const auto n = positive_number(v)) return *n;
                fail_value("ticket id", item, "a positive number such as 42 or #42");
            }
            case FilterField::status: return enum_value(item, kStatuses, "status");
            case FilterField::type: return enum_value(item, kTypes, "type");
            case FilterField::channel:
                if (is_none(item)) return std::monostate{};
                return enum_value(item, kChannels, "channel");
            case FilterField::priority:
                if (const auto p = priority_value(item)) return *p;
                fail_value("priority", item, "P1, P2, P3, P4 (or 1..4)");
            case FilterField::category:
                if (is_none(item)) return std::monostate{};
                // Categories and tags are stored case-folded, so the filter folds the same way to match them.
                return casefold(item);
            case FilterField::tag:
                if (is_none(item)) return std::monostate{};  // tag:none: tickets without tags
                return casefold(item);
            case FilterField::tier: return tier_value(item);
            case FilterField::assignee:
            case FilterField::requester: return person_value(item);
            case FilterField::sla:
                return enum_value(item == "at_risk" ? std::string("at-risk") : item, kSlaStates, "SLA state");
            case FilterField::created:
            case FilterField::updated: break;  // handled by time_condition
        }
        fail_term("has a value of an unknown kind");
    }

    template <std::size_t N>
    std::string enum_value(const std::string& item, const std::array<std::string_view, N>& names,
                           std::string_view what) const {
        const std::string v = ascii_lower(item);
        if (std::find(names.begin(), names.end(), v) != names.end()) return v;
        fail_value(what, item, join(names));
    }

    FilterValue tier_value(const std::string& item) const {
        if (ctx_.tier_level) {
            if (const auto level = ctx_.tier_level(item)) return std::int64_t{*level};
            fail(ErrorKind::usage, "unknown tier " + quoted(item) + " in the filter term " + quoted(term_) +
                                       " (give a level such as 2, L2, or a tier's name)");
        }
        // Without a tier table, the numeric forms still work: "2" and "L2".
        std::string_view v = item;
        if (v.starts_with('L') || v.starts_with('l')) v.remove_prefix(1);
        if (const auto n = positive_number(v)) return *n;
        fail(ErrorKind::usage, "unknown tier " + quoted(item) + " in the filter term " + quoted(term_) +
                                   " (give a level such as 2 or L2)");
    }

    FilterValue person_value(const std::string& item) const {
        if (is_none(item)) return std::monostate{};
        if (ascii_lower(item) == "me") {
            if (ctx_.me.empty())
                fail_term("says 'me', but hd does not know who you are; use --as USER or set HD_USER");
            return ctx_.me;
        }
        return item;
    }

    // age: and updated: compare ages ("older than 3d") or instants ("after 2026-11-01"). An age turns into
    // an instant by subtracting it from now, which flips the comparison: older than 3d = created before now-3d.
    FilterCondition time_condition(FilterCondition c, std::string_view value) const {
        const bool is_age = c.field == FilterField::created;
        if (c.op == Compare::ne) fail_term("negates a time; use < or > instead of !");

        if (const auto d = parse_duration(value)) {
            if (c.op == Compare::eq) {
                // `age:3d` reads as "3 days old or more"; `updated:3d` has no such reading, so it is refused.
                if (!is_age)
                    fail_term("needs an operator: updated:<1d (updated within a day) or updated:>1w "
                              "(not updated for a week)");
                c.op = Compare::gt;
            }
            Timestamp at = 0;
            if (__builtin_sub_overflow(ctx_.now, *d, &at)) fail_term("names a time too far back");
            c.op = flipped(c.op);
            c.values = {at};
            return c;
        }
        if (const auto at = parse_rfc3339(value)) {
            if (c.op == Compare::eq)
                fail_term(std::string("needs an operator with a date: ") + (is_age ? "age" : "updated") +
                          ":>2026-11-01 (after) or " + (is_age ? "age" : "updated") + ":<2026-11-01 (before)");
            c.values = {*at};
            return c;
        }
        fail_term("has neither a duration (30s, 15m, 4h, 3d, 2w, 1h30m) nor a date (2026-11-23, "
                  "2026-11-23T10:00:00Z)");
    }

    static Compare flipped(Compare op) {
        switch (op) {
            case Compare::lt: return Compare::gt;
            case Compare::le: return Compare::ge;
            case Compare::gt: return Compare::lt;
            case Compare::ge: return Compare::le;
            default: return op;
        }
    }

    static bool is_none(const std::string& item) { return ascii_lower(item) == "none"; }

    [[noreturn]] void fail_value(std::string_view what, const std::string& item, const std::string& valid) const {
        fail(ErrorKind::usage, "unknown " + std::string(what) + " " + quoted(item) + " in the filter term " +
                                   quoted(term_) + " (valid: " + valid + ")");
    }

    std::string_view term_;
    const FilterContext& ctx_;
};

}  // namespace

bool Filter::names_status() const {
    return std::any_of(conditions.begin(), conditions.end(),
                       [](const FilterCondition& c) { return c.field == FilterField::status; });
}

Filter parse_filter(const std::vector<std::string>& terms, const FilterContext& ctx) {
    Filter f;
    for (const auto& term : terms) {
        if (term.empty()) continue;  // an empty argument ("") asks for nothing
        const auto colon = term.find(':');
        if (colon == std::string::npos) {
            // `breached` and `at-risk` stand for sla:breached and sla:at-risk.
            if (term == "breached" || term == "at-risk") {
                f.conditions.push_back(TermParser(term, ctx).parse(FilterField::sla, term));
                continue;
            }
            if (term.front() != '-') {
                f.words.push_back(term);
            } else if (term.size() > 1) {
                f.excluded_words.push_back(term.substr(1));
            } else {
                fail(ErrorKind::usage, "the filter term '-' excludes nothing; write -word to leave out tickets "
                                       "that mention word");
            }
            continue;
        }
        const std::string_view key = std::string_view(term).substr(0, colon);
        const auto field = find_key(key);
        if (!field) {
            // `-status:closed` looks like an excluded word but means a negated key; say how to write it.
            if (key.starts_with('-') && find_key(key.substr(1)))
                fail(ErrorKind::usage, "the filter term " + quoted(term) + " cannot be negated with '-'; write " +
                                           std::string(key.substr(1)) + ":!" + term.substr(colon + 1));
            fail(ErrorKind::usage,
                 "unknown filter key " + quoted(key) + " (known keys: " + joined(filter_keys()) + ")");
        }
        TermParser parser(term, ctx);
        f.conditions.push_back(parser.parse(*field, std::string_view(term).substr(colon + 1)));
    }
    return f;
}

std::vector<std::string> filter_keys() {
    std::vector<std::string> out;
    for (const auto& k : kCanonicalKeys) out.emplace_back(k.name);
    return out;
}

std::vector<std::string> filter_key_names() {
    auto out = filter_keys();
    for (const auto& k : kKeyAliases) out.emplace_back(k.name);
    return out;
}

std::vector<SortKey> parse_sort(std::string_view spec) {
    const auto fail_sort = [](const std::string& why) {
        fail(ErrorKind::usage, why + " (sort fields: " + joined(sort_fields()) +
                                   ", each with - in front for descending, comma-separated)");
    };
    if (spec.empty()) fail_sort("the sort order is empty");

    std::vector<SortKey> keys;
    for (const auto& item : split_values(spec)) {
        std::string_view name = item;
        SortKey key{SortField::id, false};
        if (name.starts_with('-')) {
            key.descending = true;
            name.remove_prefix(1);
        } else if (name.starts_with('+')) {
            name.remove_prefix(1);
        }
        if (name.empty()) fail_sort("the sort order " + quoted(spec) + " has an empty field");

        const std::string lower = ascii_lower(name);
        if (lower == "age") {
            // Sorting by age runs opposite to sorting by creation time: the youngest ticket has the smallest age.
            key.field = SortField::created;
            key.descending = !key.descending;
        } else if (const auto field = find_sort_field(lower)) {
            key.field = *field;
        } else {
            fail_sort("unknown sort field " + quoted(name));
        }
        keys.push_back(key);
    }
    return keys;
}

std::vector<std::string> sort_fields() {
    std::vector<std::string> out;
    for (const auto& s : kCanonicalSorts) out.emplace_back(s.name);
    return out;
}

}  // namespace hd
