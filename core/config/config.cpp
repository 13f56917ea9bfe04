// Reads config.toml into hd::Config (toml++ stays in core/config/) and writes configs back as TOML.
#include "core/config/config.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <span>
#include <sstream>
#include <string_view>
#include <system_error>
#include <utility>

#include <toml++/toml.h>

#include "core/config/service_levels.hpp"
#include "core/error.hpp"
#include "core/rules/template.hpp"
#include "core/text/utf8.hpp"

namespace hd {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kKiB = 1024;
constexpr std::size_t kMiB = 1024 * 1024;
constexpr Seconds kMaxLockTimeout = 3600;
constexpr Seconds kMaxHookTimeout = 3600;
constexpr std::int64_t kMaxTitleBytes = 10000;
constexpr std::int64_t kMaxTextBytes = 64 * kMiB;
constexpr int kMinTiers = 2;
constexpr int kMaxTiers = 9;

// Every key whose origin is tracked; config.hpp documents the names.
constexpr std::string_view kOriginKeys[] = {
    "user",
    "categories",
    "store.path",
    "store.lock_timeout",
    "defaults.type",
    "defaults.priority",
    "defaults.channel",
    "limits.max_title",
    "limits.max_text",
    "limits.max_article",
    "tier",
    "route",
    "template",
    "dedup_on_resolved",
    "dedup_on_closed",
    "hooks_dir",
    "hook_timeout",
};

constexpr std::string_view kTopLevelKeys[] = {
    "user",     "categories", "store",        "defaults",          "limits",         "tier", "route",
    "template", "hooks_dir",  "hook_timeout", "dedup_on_resolved", "dedup_on_closed"};
constexpr std::string_view kStoreKeys[] = {"path", "lock_timeout"};
constexpr std::string_view kDefaultsKeys[] = {"type", "priority", "channel"};
constexpr std::string_view kLimitsKeys[] = {"max_title", "max_text", "max_article"};
constexpr std::string_view kTierKeys[] = {"level", "name", "description"};
constexpr std::string_view kRouteKeys[] = {"name",        "category", "type", "channel",
                                           "title_words", "tier",     "team", "agent"};
constexpr std::string_view kTemplateKeys[] = {"title", "description", "type",      "category", "priority", "tier",
                                              "tags",  "assignee",    "requester", "channel",  "dedup"};

// Sections read elsewhere ([sla], [calendar], [ola]: service_levels.cpp) or by later features
// ([kb], [report]). This reader accepts them silently, so that a config written for a later hd does
// not warn here.
constexpr std::string_view kLaterFeatureTables[] = {"sla", "calendar", "ola", "kb", "report"};

constexpr std::string_view kDefaultStorePathHint = "$XDG_DATA_HOME/hd/hd.db";
constexpr std::string_view kDefaultHooksDirHint = "$XDG_CONFIG_HOME/hd/hooks";

template <typename Range>
bool contains(const Range& range, std::string_view word) {
    return std::find(std::begin(range), std::end(range), word) != std::end(range);
}

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Escapes a string as a TOML basic string body; also what makes file text safe to show on a terminal.
std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (byte < 0x20 || byte == 0x7f) {
                    static constexpr char kHex[] = "0123456789ABCDEF";
                    out += "\\u00";
                    out += kHex[byte >> 4];
                    out += kHex[byte & 0xf];
                } else {
                    out += c;
                }
        }
    }
    return out;
}

std::string quote(std::string_view text) { return "\"" + escape(text) + "\""; }

// A comment must stay on its line whatever an origin holds.
std::string comment_safe(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// The closest known key, when the unknown one looks like a typo of it.
std::optional<std::string_view> suggestion(std::string_view unknown, std::span<const std::string_view> known,
                                           std::span<const std::string_view> more) {
    std::optional<std::string_view> best;
    std::size_t best_distance = 3;  // more than two edits away is a different word, not a typo
    for (auto words : {known, more}) {
        for (std::string_view candidate : words) {
            const std::size_t d = edit_distance(unknown, candidate);
            if (d < best_distance) {
                best_distance = d;
                best = candidate;
            }
        }
    }
    return best;
}

// What a wrong value was, for "expected ..., got ..." messages.
std::string describe_value(const toml::node& node) {
    if (auto s = node.as_string()) return quote(s->get());
    if (auto i = node.as_integer()) return std::to_string(i->get());
    if (auto b = node.as_boolean()) return b->get() ? "true" : "false";
    if (auto f = node.as_floating_point()) {
        std::ostringstream os;
        os << f->get();
        return os.str();
    }
    if (node.is_array()) return "an array";
    if (node.is_table()) return "a table";
    return "a date or time";
}

std::string format_size(std::size_t bytes) {
    if (bytes % kMiB == 0) return "\"" + std::to_string(bytes / kMiB) + "MiB\"";
    if (bytes % kKiB == 0) return "\"" + std::to_string(bytes / kKiB) + "KiB\"";
    return std::to_string(bytes);
}

// Always a plain single-unit form, which any duration parser reads back.
std::string format_lock_timeout(Seconds s) {
    if (s != 0 && s % 3600 == 0) return std::to_string(s / 3600) + "h";
    if (s != 0 && s % 60 == 0) return std::to_string(s / 60) + "m";
    return std::to_string(s) + "s";
}

// "512KiB", "1 MiB", "1000000" (bytes), case-insensitive units; nullopt when malformed or overflowing.
std::optional<std::uint64_t> parse_size(std::string_view text) {
    const std::string trimmed = trim(text);
    std::string_view rest = trimmed;
    std::size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits == 0) return std::nullopt;
    std::uint64_t number = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + digits, number);
    if (ec != std::errc{} || end != rest.data() + digits) return std::nullopt;
    rest.remove_prefix(digits);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    std::string unit(rest);
    std::transform(unit.begin(), unit.end(), unit.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
    std::uint64_t multiplier = 0;
    if (unit.empty() || unit == "b")
        multiplier = 1;
    else if (unit == "kib")
        multiplier = kKiB;
    else if (unit == "mib")
        multiplier = kMiB;
    else if (unit == "kb")
        multiplier = 1000;
    else if (unit == "mb")
        multiplier = 1000 * 1000;
    else
        return std::nullopt;
    if (number > std::numeric_limits<std::uint64_t>::max() / multiplier) return std::nullopt;
    return number * multiplier;
}

// Reads one parsed file over a Config, collecting warnings and failing on the first bad value.
class Reader {
public:
    Reader(const fs::path& path, Config& config) : path_(path), path_text_(path.string()), config_(config) {}

    void read(const toml::table& root) {
        for (const auto& [key, node] : in_file_order(root)) {
            const std::string_view name = key->str();
            if (name == "user")
                read_user(*key, *node);
            else if (name == "categories")
                read_categories(*key, *node);
            else if (name == "store")
                read_store(*key, *node);
            else if (name == "defaults")
                read_defaults(*key, *node);
            else if (name == "limits")
                read_limits(*key, *node);
            else if (name == "tier")
                read_tiers(*key, *node);
            else if (name == "route")
                read_routes(*key, *node);
            else if (name == "template")
                read_templates(*key, *node);
            else if (name == "dedup_on_resolved")
                read_dedup_on_resolved(*key, *node);
            else if (name == "dedup_on_closed")
                read_dedup_on_closed(*key, *node);
            else if (name == "hooks_dir")
                read_hooks_dir(*key, *node);
            else if (name == "hook_timeout")
                read_hook_timeout(*key, *node);
            else if (contains(kLaterFeatureTables, name))
                continue;  // read by later features
            else
                unknown(*key, "", kTopLevelKeys, kLaterFeatureTables);
        }
        // Tiers and categories may come after the routes and templates that name them: check those
        // against the effective values once everything is read.
        resolve_routes();
        resolve_templates();
    }

private:
    using Entry = std::pair<const toml::key*, const toml::node*>;

    // toml++ tables are ordered by key; warnings read better in the order of the file.
    static std::vector<Entry> in_file_order(const toml::table& table) {
        std::vector<Entry> entries;
        for (const auto& [key, node] : table) entries.emplace_back(&key, &node);
        std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
            const auto& x = a.first->source().begin;
            const auto& y = b.first->source().begin;
            return std::pair(x.line, x.column) < std::pair(y.line, y.column);
        });
        return entries;
    }

    std::string where(const toml::source_region& source) const {
        return path_text_ + ":" + std::to_string(source.begin.line) + ":" + std::to_string(source.begin.column);
    }

    void set_origin(std::string_view key, const toml::key& from) {
        config_.origins[std::string(key)] = path_text_ + ":" + std::to_string(from.source().begin.line);
    }

    [[noreturn]] void bad(const toml::node& node, std::string_view key, std::string_view expected) const {
        fail(ErrorKind::usage, where(node.source()) + ": " + std::string(key) + ": expected " + std::string(expected) +
                                   ", got " + describe_value(node));
    }

    [[noreturn]] void invalid(const toml::node& node, std::string_view key, std::string_view problem) const {
        fail(ErrorKind::usage, where(node.source()) + ": " + std::string(key) + ": " + std::string(problem));
    }

    void unknown(const toml::key& key, std::string_view section, std::span<const std::string_view> known,
                 std::span<const std::string_view> more = {}) {
        const std::string name =
            section.empty() ? std::string(key.str()) : std::string(section) + "." + std::string(key.str());
        std::string message = where(key.source()) + ": unknown key '" + escape(name) + "' (ignored)";
        if (auto near = suggestion(key.str(), known, more))
            message += "; did you mean '" + (section.empty() ? std::string() : std::string(section) + ".") +
                       std::string(*near) + "'?";
        config_.warnings.push_back(std::move(message));
    }

    const toml::table& expect_table(const toml::node& node, std::string_view key) const {
        const auto* table = node.as_table();
        if (!table) bad(node, key, "a table ([" + std::string(key) + "])");
        return *table;
    }

    // A one-line name: trimmed, non-empty, no control characters.
    std::string expect_name(const toml::node& node, std::string_view key, std::string_view expected) const {
        const auto* value = node.as_string();
        if (!value) bad(node, key, expected);
        std::string text = trim(value->get());
        if (text.empty() || has_control_chars(text, false)) bad(node, key, expected);
        return text;
    }

    void read_user(const toml::key& key, const toml::node& node) {
        config_.user = expect_name(node, "user", "a user name such as \"alice\"");
        set_origin("user", key);
    }

    void read_categories(const toml::key& key, const toml::node& node) {
        const auto* array = node.as_array();
        if (!array) bad(node, "categories", "a list of names such as [\"access\", \"hardware\"]");
        std::vector<std::string> categories;
        for (const auto& element : *array) {
            std::string name = casefold(expect_name(element, "categories", "a non-empty category name"));
            if (std::find(categories.begin(), categories.end(), name) != categories.end()) {
                config_.warnings.push_back(where(element.source()) + ": categories: '" + escape(name) +
                                           "' is listed twice (ignored)");
                continue;
            }
            categories.push_back(std::move(name));
        }
        config_.categories = std::move(categories);
        set_origin("categories", key);
    }

    void read_store(const toml::key&, const toml::node& node) {
        for (const auto& [key, value] : in_file_order(expect_table(node, "store"))) {
            if (key->str() == "path") {
                config_.store_path = file_path(*value, "store.path", "a file path such as \"~/helpdesk/hd.db\"");
                set_origin("store.path", *key);
            } else if (key->str() == "lock_timeout") {
                static constexpr std::string_view expected = "a duration from 0s to 1h such as \"10s\"";
                const auto* text = value->as_string();
                if (!text) bad(*value, "store.lock_timeout", expected);
                const auto seconds = parse_duration(text->get());
                if (!seconds || *seconds < 0 || *seconds > kMaxLockTimeout) bad(*value, "store.lock_timeout", expected);
                config_.lock_timeout = *seconds;
                set_origin("store.lock_timeout", *key);
            } else {
                unknown(*key, "store", kStoreKeys);
            }
        }
    }

    // ~ is expanded with $HOME; a relative path is taken from the config file's directory, because
    // cron jobs and scripts run hd from any directory and must still find the same store (or hooks).
    std::string file_path(const toml::node& node, std::string_view key, std::string_view expected) const {
        const std::string text = expect_name(node, key, expected);
        fs::path result;
        if (text == "~" || text.starts_with("~/")) {
            const char* home = std::getenv("HOME");
            if (!home || !*home) invalid(node, key, "cannot expand ~ because $HOME is not set; write the full path");
            result = text == "~" ? fs::path(home) : fs::path(home) / text.substr(2);
        } else if (text.starts_with("~")) {
            invalid(node, key, "only ~ and ~/ are expanded (to $HOME); write the full path instead of " + quote(text));
        } else {
            result = fs::path(text);
        }
        if (result.is_relative()) {
            std::error_code ec;
            fs::path base = fs::absolute(path_, ec).parent_path();
            if (ec) base = path_.parent_path();
            result = base / result;
        }
        return result.string();
    }

    void read_dedup_on_resolved(const toml::key& key, const toml::node& node) {
        static constexpr std::string_view expected = "one of \"reopen\", \"new\", \"append\"";
        const auto* text = node.as_string();
        if (!text) bad(node, "dedup_on_resolved", expected);
        const std::string value = casefold(trim(text->get()));
        if (value == "reopen")
            config_.dedup_on_resolved = DedupOnResolved::reopen;
        else if (value == "new")
            config_.dedup_on_resolved = DedupOnResolved::new_ticket;
        else if (value == "append")
            config_.dedup_on_resolved = DedupOnResolved::append;
        else
            bad(node, "dedup_on_resolved", expected);
        set_origin("dedup_on_resolved", key);
    }

    void read_dedup_on_closed(const toml::key& key, const toml::node& node) {
        static constexpr std::string_view expected = "one of \"new\", \"reopen\"";
        const auto* text = node.as_string();
        if (!text) bad(node, "dedup_on_closed", expected);
        const std::string value = casefold(trim(text->get()));
        if (value == "new")
            config_.dedup_on_closed = DedupOnClosed::new_ticket;
        else if (value == "reopen")
            config_.dedup_on_closed = DedupOnClosed::reopen;
        else
            bad(node, "dedup_on_closed", expected);
        set_origin("dedup_on_closed", key);
    }

    void read_hooks_dir(const toml::key& key, const toml::node& node) {
        config_.hooks_dir = file_path(node, "hooks_dir", "a directory such as \"~/.config/hd/hooks\"");
        set_origin("hooks_dir", key);
    }

    void read_hook_timeout(const toml::key& key, const toml::node& node) {
        static constexpr std::string_view expected = "a duration from 1s to 1h such as \"10s\"";
        const auto* text = node.as_string();
        if (!text) bad(node, "hook_timeout", expected);
        const auto seconds = parse_duration(text->get());
        if (!seconds || *seconds < 1 || *seconds > kMaxHookTimeout) bad(node, "hook_timeout", expected);
        config_.hook_timeout = *seconds;
        set_origin("hook_timeout", key);
    }

    void read_defaults(const toml::key&, const toml::node& node) {
        for (const auto& [key, value] : in_file_order(expect_table(node, "defaults"))) {
            const std::string_view name = key->str();
            if (name == "type") {
                const std::string expected = "one of " + ticket_type_names();
                const auto* text = value->as_string();
                if (!text) bad(*value, "defaults.type", expected);
                const auto type = parse_ticket_type(text->get());
                if (!type) bad(*value, "defaults.type", expected);
                config_.default_type = *type;
                set_origin("defaults.type", *key);
            } else if (name == "priority") {
                static constexpr std::string_view expected = "a priority from \"P1\" (most urgent) to \"P4\"";
                const auto* text = value->as_string();
                if (!text) bad(*value, "defaults.priority", expected);
                const auto priority = parse_priority(text->get());
                if (!priority) bad(*value, "defaults.priority", expected);
                config_.default_priority = *priority;
                set_origin("defaults.priority", *key);
            } else if (name == "channel") {
                const std::string expected = "one of " + channel_names();
                const auto* text = value->as_string();
                if (!text) bad(*value, "defaults.channel", expected);
                const auto channel = parse_channel(text->get());
                if (!channel) bad(*value, "defaults.channel", expected);
                config_.default_channel = *channel;
                set_origin("defaults.channel", *key);
            } else {
                unknown(*key, "defaults", kDefaultsKeys);
            }
        }
    }

    std::size_t read_size(const toml::node& value, std::string_view key) {
        static constexpr std::string_view expected =
            "a size from 1 byte to 64MiB such as \"1MiB\", \"512KiB\" or 65536";
        std::optional<std::uint64_t> bytes;
        if (const auto* number = value.as_integer()) {
            if (number->get() >= 0) bytes = static_cast<std::uint64_t>(number->get());
        } else if (const auto* text = value.as_string()) {
            bytes = parse_size(text->get());
        }
        if (!bytes || *bytes < 1 || *bytes > static_cast<std::uint64_t>(kMaxTextBytes)) bad(value, key, expected);
        return static_cast<std::size_t>(*bytes);
    }

    void read_limits(const toml::key&, const toml::node& node) {
        for (const auto& [key, value] : in_file_order(expect_table(node, "limits"))) {
            const std::string_view name = key->str();
            if (name == "max_title") {
                static constexpr std::string_view expected = "a number of bytes from 1 to 10000";
                const auto* number = value->as_integer();
                if (!number || number->get() < 1 || number->get() > kMaxTitleBytes)
                    bad(*value, "limits.max_title", expected);
                config_.max_title_bytes = static_cast<std::size_t>(number->get());
                set_origin("limits.max_title", *key);
            } else if (name == "max_text") {
                config_.max_text_bytes = read_size(*value, "limits.max_text");
                set_origin("limits.max_text", *key);
            } else if (name == "max_article") {
                config_.max_article_bytes = read_size(*value, "limits.max_article");
                set_origin("limits.max_article", *key);
            } else {
                unknown(*key, "limits", kLimitsKeys);
            }
        }
    }

    // [[tier]] replaces the default tiers as a whole: a partial merge would leave levels undefined.
    void read_tiers(const toml::key& key, const toml::node& node) {
        const auto* array = node.as_array();
        if (!array || !array->is_array_of_tables())
            bad(node, "tier", "[[tier]] tables, each with a level, a name and a description");
        const int count = static_cast<int>(array->size());
        if (count < kMinTiers || count > kMaxTiers)
            invalid(node, "tier", "expected 2 to 9 [[tier]] tables, got " + std::to_string(count));

        std::vector<TierConfig> tiers;
        std::vector<const toml::table*> sources;
        for (const auto& element : *array) {
            const auto& table = *element.as_table();
            TierConfig tier;
            const toml::node* level = nullptr;
            const toml::node* name = nullptr;
            for (const auto& [field, value] : in_file_order(table)) {
                if (field->str() == "level")
                    level = value;
                else if (field->str() == "name")
                    name = value;
                else if (field->str() == "description") {
                    const auto* text = value->as_string();
                    if (!text || has_control_chars(text->get(), true)) bad(*value, "tier.description", "a text");
                    tier.description = trim(text->get());
                } else {
                    unknown(*field, "tier", kTierKeys);
                }
            }
            if (!level)
                invalid(table, "tier",
                        "missing key 'level' (1 for the first tier, up to " + std::to_string(count) + ")");
            if (!name) invalid(table, "tier", "missing key 'name', such as \"Helpdesk\"");

            const std::string levels = "a level from 1 to " + std::to_string(count) + " (one per [[tier]])";
            const auto* number = level->as_integer();
            if (!number || number->get() < 1 || number->get() > count) bad(*level, "tier.level", levels);
            tier.level = static_cast<int>(number->get());
            for (std::size_t i = 0; i < tiers.size(); ++i)
                if (tiers[i].level == tier.level)
                    invalid(*level, "tier.level",
                            "level " + std::to_string(tier.level) + " is already used at line " +
                                std::to_string(sources[i]->source().begin.line) + "; levels must be 1 to " +
                                std::to_string(count) + ", once each");

            tier.name = expect_name(*name, "tier.name", "a non-empty name such as \"Helpdesk\"");
            // find_tier reads "2" and "L2" as levels, so such a name could never be found by name.
            const std::string_view name_text = tier.name;
            if (all_digits(name_text) || (name_text.size() > 1 && (name_text[0] == 'L' || name_text[0] == 'l') &&
                                          all_digits(name_text.substr(1))))
                invalid(*name, "tier.name",
                        quote(tier.name) + " reads as a tier level; choose a word such as \"Support\"");
            for (std::size_t i = 0; i < tiers.size(); ++i)
                if (casefold(tiers[i].name) == casefold(tier.name))
                    invalid(*name, "tier.name",
                            quote(tier.name) + " is already the name of the tier at line " +
                                std::to_string(sources[i]->source().begin.line));
            tiers.push_back(std::move(tier));
            sources.push_back(&table);
        }
        std::sort(tiers.begin(), tiers.end(),
                  [](const TierConfig& a, const TierConfig& b) { return a.level < b.level; });
        config_.tiers = std::move(tiers);
        set_origin("tier", key);
    }

    // A [[route]]'s values that can be checked only once the whole file is read, because the tiers
    // and categories may be defined after it.
    struct RouteChecks {
        const toml::node* tier = nullptr;
        std::vector<const toml::node*> categories;  // one per entry of RouteRule::categories
    };

    // A single value or a non-empty array of values; each is given to `each`.
    template <typename Each>
    void one_or_many(const toml::node& node, std::string_view key, std::string_view expected, Each&& each) const {
        if (const auto* array = node.as_array()) {
            if (array->empty()) bad(node, key, expected);
            for (const auto& element : *array) each(element);
        } else {
            each(node);
        }
    }

    // [[route]] replaces nothing: with no route, every new ticket starts at tier 1.
    void read_routes(const toml::key& key, const toml::node& node) {
        const auto* array = node.as_array();
        if (!array || !array->is_array_of_tables())
            bad(node, "route", "[[route]] tables, each with a tier and the conditions a new ticket must meet");

        std::vector<RouteRule> routes;
        std::vector<RouteChecks> checks;
        for (const auto& element : *array) {
            const auto& table = *element.as_table();
            RouteRule rule;
            RouteChecks check;
            const toml::node* name_node = nullptr;
            rule.name = "route " + std::to_string(routes.size() + 1);
            rule.origin = path_text_ + ":" + std::to_string(table.source().begin.line);
            for (const auto& [field, value] : in_file_order(table)) {
                const std::string_view name = field->str();
                if (name == "name") {
                    rule.name = expect_name(*value, "route.name", "a non-empty name such as \"network outages\"");
                    name_node = value;
                } else if (name == "category") {
                    static constexpr std::string_view expected =
                        "a category or a non-empty list of categories such as [\"network\", \"email\"]";
                    one_or_many(*value, "route.category", expected, [&](const toml::node& item) {
                        std::string category = casefold(expect_name(item, "route.category", expected));
                        if (contains(rule.categories, category)) return;
                        rule.categories.push_back(std::move(category));
                        check.categories.push_back(&item);
                    });
                } else if (name == "type") {
                    const std::string expected = "one of " + ticket_type_names() + ", or a non-empty list of them";
                    one_or_many(*value, "route.type", expected, [&](const toml::node& item) {
                        const auto* text = item.as_string();
                        if (!text) bad(item, "route.type", expected);
                        const auto type = parse_ticket_type(trim(text->get()));
                        if (!type) bad(item, "route.type", expected);
                        if (std::find(rule.types.begin(), rule.types.end(), *type) == rule.types.end())
                            rule.types.push_back(*type);
                    });
                } else if (name == "channel") {
                    const std::string expected = "one of " + channel_names() + ", or a non-empty list of them";
                    one_or_many(*value, "route.channel", expected, [&](const toml::node& item) {
                        const auto* text = item.as_string();
                        if (!text) bad(item, "route.channel", expected);
                        const auto channel = parse_channel(trim(text->get()));
                        if (!channel) bad(item, "route.channel", expected);
                        if (std::find(rule.channels.begin(), rule.channels.end(), *channel) == rule.channels.end())
                            rule.channels.push_back(*channel);
                    });
                } else if (name == "title_words") {
                    static constexpr std::string_view expected =
                        "a word or a non-empty list of words such as [\"outage\", \"down\"]";
                    one_or_many(*value, "route.title_words", expected, [&](const toml::node& item) {
                        std::string word = expect_name(item, "route.title_words", expected);
                        for (const std::string& known : rule.title_words)
                            if (casefold(known) == casefold(word)) return;
                        rule.title_words.push_back(std::move(word));
                    });
                } else if (name == "tier") {
                    check.tier = value;
                } else if (name == "team") {
                    rule.team = expect_name(*value, "route.team", "a team name such as \"network\"");
                } else if (name == "agent") {
                    rule.agent = expect_name(*value, "route.agent", "an agent name such as \"alice\"");
                } else {
                    unknown(*field, "route", kRouteKeys);
                }
            }
            if (!check.tier)
                invalid(table, "route",
                        "missing key 'tier' (where a matching ticket starts: a level such as 2, \"L2\" or a "
                        "tier's name)");
            for (std::size_t i = 0; i < routes.size(); ++i)
                if (name_node && casefold(routes[i].name) == casefold(rule.name))
                    config_.warnings.push_back(where(name_node->source()) + ": route.name: '" + escape(rule.name) +
                                               "' is also the name of the route at line " +
                                               std::to_string((*array)[i].source().begin.line));
            routes.push_back(std::move(rule));
            checks.push_back(std::move(check));
        }
        config_.routes = std::move(routes);
        route_checks_ = std::move(checks);
        set_origin("route", key);
    }

    void resolve_routes() {
        for (std::size_t i = 0; i < route_checks_.size(); ++i) {
            RouteRule& rule = config_.routes[i];
            const RouteChecks& check = route_checks_[i];
            if (!config_.categories.empty()) {
                for (std::size_t j = 0; j < rule.categories.size(); ++j) {
                    if (contains(config_.categories, rule.categories[j])) continue;
                    std::string known;
                    for (const std::string& category : config_.categories)
                        known += (known.empty() ? "" : ", ") + category;
                    invalid(
                        *check.categories[j], "route.category",
                        "'" + escape(rule.categories[j]) + "' is not one of the categories (" + escape(known) + ")");
                }
            }
            rule.tier = tier_value(*check.tier, "route.tier");
        }
    }

    // A tier named by its level (2), label ("L2") or name ("Support"), as [[route]] and templates take it.
    int tier_value(const toml::node& node, std::string_view key) const {
        std::string names;
        for (const TierConfig& tier : config_.tiers) names += (names.empty() ? "" : ", ") + tier.name;
        const std::string expected = "a tier from 1 to " + std::to_string(config_.tiers.size()) +
                                     ": its level, \"L2\" or its name (" + escape(names) + ")";
        if (const auto* number = node.as_integer()) {
            const std::int64_t level = number->get();
            if (level >= 1 && level <= kMaxTiers && tier_by_level(config_, static_cast<int>(level)))
                return static_cast<int>(level);
        } else if (const auto* text = node.as_string()) {
            if (auto level = find_tier(config_, text->get())) return *level;
        }
        bad(node, key, expected);
    }

    // A template's values that can be checked only once the whole file is read (see RouteChecks).
    struct TemplateChecks {
        std::string name;
        const toml::node* tier = nullptr;
        const toml::node* category = nullptr;  // only when it has no placeholder
    };

    // A text that may hold {var} placeholders: their syntax is checked here, so that a broken template
    // is found when the config is read, not when a cron job first uses it.
    void check_placeholders(const toml::node& node, std::string_view key, std::string_view text) const {
        try {
            (void)placeholders_in(text);
        } catch (const Error& e) {
            invalid(node, key, e.what());
        }
    }

    // [template.NAME] tables, one per template. Names are typed on command lines (and are TOML bare
    // keys when hd config prints them): letters, digits, '_' and '-'.
    void read_templates(const toml::key& key, const toml::node& node) {
        const auto* table = node.as_table();
        if (!table) bad(node, "template", "[template.NAME] tables, each with at least a title");
        std::map<std::string, TemplateConfig> templates;
        std::vector<TemplateChecks> checks;
        for (const auto& [name_key, value] : in_file_order(*table)) {
            const std::string name(name_key->str());
            const std::string section = "template." + name;
            if (!is_placeholder_name(name))
                fail(ErrorKind::usage, where(name_key->source()) + ": template: " + quote(name) +
                                           " is not a template name: use letters, digits, '_' and '-' (such as "
                                           "[template.disk-full])");
            const auto* fields = value->as_table();
            if (!fields) bad(*value, section, "a table ([" + section + "]) with at least a title");
            TemplateConfig t;
            TemplateChecks check;
            t.name = name;
            check.name = name;
            t.origin = path_text_ + ":" + std::to_string(name_key->source().begin.line);
            const toml::node* title = nullptr;
            for (const auto& [field, item] : in_file_order(*fields)) {
                const std::string_view field_name = field->str();
                const std::string field_key = section + "." + std::string(field_name);
                if (field_name == "title") {
                    title = item;
                    t.title =
                        expect_name(*item, field_key, "a one-line title such as \"Disk {mount} on {host} is full\"");
                    check_placeholders(*item, field_key, t.title);
                } else if (field_name == "description") {
                    const auto* text = item->as_string();
                    if (!text || has_control_chars(text->get(), true)) bad(*item, field_key, "a text");
                    t.description = trim(text->get());
                    check_placeholders(*item, field_key, *t.description);
                    if (t.description->empty()) t.description.reset();
                } else if (field_name == "type") {
                    const std::string expected = "one of " + ticket_type_names();
                    const auto* text = item->as_string();
                    if (!text) bad(*item, field_key, expected);
                    t.type = parse_ticket_type(trim(text->get()));
                    if (!t.type) bad(*item, field_key, expected);
                } else if (field_name == "priority") {
                    static constexpr std::string_view expected = "a priority from \"P1\" (most urgent) to \"P4\"";
                    const auto* text = item->as_string();
                    if (!text) bad(*item, field_key, expected);
                    t.priority = parse_priority(trim(text->get()));
                    if (!t.priority) bad(*item, field_key, expected);
                } else if (field_name == "channel") {
                    const std::string expected = "one of " + channel_names();
                    const auto* text = item->as_string();
                    if (!text) bad(*item, field_key, expected);
                    t.channel = parse_channel(trim(text->get()));
                    if (!t.channel) bad(*item, field_key, expected);
                } else if (field_name == "tier") {
                    check.tier = item;
                } else if (field_name == "category") {
                    t.category = expect_name(*item, field_key, "a category such as \"hardware\"");
                    check_placeholders(*item, field_key, *t.category);
                    if (placeholders_in(*t.category).empty()) {
                        t.category = casefold(*t.category);
                        check.category = item;
                    }
                } else if (field_name == "tags") {
                    static constexpr std::string_view expected =
                        "a tag or a list of tags, each one word, such as [\"disk\", \"monitoring\"]";
                    if (const auto* array = item->as_array(); array && array->empty()) continue;  // tags = []
                    one_or_many(*item, field_key, expected, [&](const toml::node& element) {
                        const std::string tag = expect_name(element, field_key, expected);
                        if (tag.find_first_of(" ,\t") != std::string::npos)
                            invalid(element, field_key, quote(tag) + " is not one word; a tag has no spaces or commas");
                        check_placeholders(element, field_key, tag);
                        if (!contains(t.tags, tag)) t.tags.push_back(tag);
                    });
                } else if (field_name == "assignee") {
                    t.assignee = expect_name(*item, field_key, "an agent name such as \"alice\"");
                    check_placeholders(*item, field_key, *t.assignee);
                } else if (field_name == "requester") {
                    t.requester = expect_name(*item, field_key, "a name or address such as \"ops@example.com\"");
                    check_placeholders(*item, field_key, *t.requester);
                } else if (field_name == "dedup") {
                    t.dedup = expect_name(*item, field_key, "a dedup key such as \"disk-{host}\"");
                    check_placeholders(*item, field_key, *t.dedup);
                } else {
                    unknown(*field, section, kTemplateKeys);
                }
            }
            if (!title)
                invalid(*fields, section,
                        "missing key 'title' (the new ticket's title, such as \"Disk {mount} on {host} is full\")");
            templates.emplace(name, std::move(t));
            checks.push_back(std::move(check));
        }
        config_.templates = std::move(templates);
        template_checks_ = std::move(checks);
        set_origin("template", key);
    }

    void resolve_templates() {
        for (const TemplateChecks& check : template_checks_) {
            TemplateConfig& t = config_.templates.at(check.name);
            const std::string section = "template." + check.name;
            if (check.tier) t.tier = tier_value(*check.tier, section + ".tier");
            if (check.category && !config_.categories.empty() && !contains(config_.categories, *t.category)) {
                std::string known;
                for (const std::string& category : config_.categories) known += (known.empty() ? "" : ", ") + category;
                invalid(*check.category, section + ".category",
                        "'" + escape(*t.category) + "' is not one of the categories (" + escape(known) + ")");
            }
        }
    }

    fs::path path_;
    std::string path_text_;
    Config& config_;
    std::vector<RouteChecks> route_checks_;        // one per config_.routes entry read from this file
    std::vector<TemplateChecks> template_checks_;  // one per template read from this file
};

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int error = errno;
        fail(ErrorKind::usage,
             "cannot read config file " + path.string() + ": " + (error ? std::strerror(error) : "cannot open it"));
    }
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) {
        const int error = errno;
        fail(ErrorKind::usage,
             "cannot read config file " + path.string() + ": " + (error ? std::strerror(error) : "read error"));
    }
    return text;
}

[[noreturn]] void malformed(const fs::path& path, const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    fail(ErrorKind::usage, "cannot read config " + path.string() + ":" + std::to_string(begin.line) + ":" +
                               std::to_string(begin.column) + ": " + std::string(error.description()));
}

toml::table parse(const fs::path& path, const std::string& text) {
#if TOML_EXCEPTIONS
    try {
        return toml::parse(std::string_view(text), std::string_view(path.string()));
    } catch (const toml::parse_error& error) {
        malformed(path, error);
    }
#else
    auto result = toml::parse(std::string_view(text), std::string_view(path.string()));
    if (!result) malformed(path, result.error());
    return std::move(result).table();
#endif
}

// One value as a TOML string, several as an array of strings.
template <typename T, typename Text>
std::string toml_list(const std::vector<T>& values, Text text) {
    if (values.size() == 1) return quote(text(values.front()));
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + quote(text(values[i]));
    return out + "]";
}

std::string origin_comment(const Config& config, std::string_view key) {
    const auto found = config.origins.find(std::string(key));
    const std::string origin = found == config.origins.end() ? "default" : comment_safe(found->second);
    return "  # from " + origin + "\n";
}

}  // namespace

std::string_view to_string(DedupOnResolved policy) {
    switch (policy) {
        case DedupOnResolved::reopen:
            return "reopen";
        case DedupOnResolved::new_ticket:
            return "new";
        case DedupOnResolved::append:
            return "append";
    }
    return "reopen";
}

std::string_view to_string(DedupOnClosed policy) {
    return policy == DedupOnClosed::reopen ? "reopen" : "new";
}

Config default_config() {
    Config config;
    config.tiers = {
        {1, "Helpdesk",
         "First point of contact: records, classifies and resolves common requests with known procedures"},
        {2, "Support", "In-depth support: root cause, configuration, integration; keeps the knowledge base current"},
        {3, "Experts",
         "Severe and complex incidents, system design, fixes that stop a class of incidents from recurring"},
    };
    config.categories = {"access", "account", "email", "hardware", "network", "printer", "software", "other"};
    for (std::string_view key : kOriginKeys) config.origins[std::string(key)] = "default";
    return config;
}

Config load_config(const std::filesystem::path& path, bool must_exist) {
    Config config = default_config();
    config.path = path;

    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) {
        if (must_exist) fail(ErrorKind::usage, "config file " + path.string() + " does not exist");
        return config;
    }
    if (ec) fail(ErrorKind::usage, "cannot read config file " + path.string() + ": " + ec.message());
    if (fs::is_directory(status))
        fail(ErrorKind::usage, "config file " + path.string() + " is a directory; give the path of a TOML file");

    const std::string text = read_file(path);
    const toml::table root = parse(path, text);
    Reader(path, config).read(root);
    config_detail::read_service_levels(root, path.string(), config);
    config.loaded = true;
    return config;
}

std::string default_config_text() {
    const Config defaults = default_config();
    std::string out;
    out +=
        "# hd configuration (TOML). Lines starting with '#' are comments: remove the '# ' in front of a\n"
        "# key to change its value. The values shown are the defaults.\n"
        "\n"
        "# Who you are when neither --as nor HD_USER says (default: your login name).\n"
        "# user = \"alice\"\n"
        "\n"
        "# The categories a ticket may have. An empty list [] allows any category.\n"
        "categories = [";
    for (std::size_t i = 0; i < defaults.categories.size(); ++i) out += (i ? ", " : "") + quote(defaults.categories[i]);
    out +=
        "]\n"
        "\n"
        "# What `hd open --dedup KEY` does when the ticket filed with that key is resolved: \"reopen\" it,\n"
        "# file a \"new\" ticket linked to it, or \"append\" an occurrence and leave it resolved.\n"
        "# dedup_on_resolved = \"" +
        std::string(to_string(defaults.dedup_on_resolved)) +
        "\"\n"
        "# ... and when it is closed: file a \"new\" ticket linked to it, or \"reopen\" it.\n"
        "# dedup_on_closed = \"" +
        std::string(to_string(defaults.dedup_on_closed)) +
        "\"\n"
        "\n"
        "# Hooks: executables named after events (on-open, on-change, ...) that hd runs after a change.\n"
        "# The directory they are in (default: " +
        std::string(kDefaultHooksDirHint) +
        "); ~ means your home directory.\n"
        "# hooks_dir = \"~/.config/hd/hooks\"\n"
        "# How long a hook may run before it is killed (1s to 1h).\n"
        "# hook_timeout = \"" +
        format_lock_timeout(defaults.hook_timeout) +
        "\"\n"
        "\n"
        "[store]\n"
        "# The database file (default: $XDG_DATA_HOME/hd/hd.db, that is ~/.local/share/hd/hd.db).\n"
        "# ~ means your home directory; a relative path is taken from this file's directory.\n"
        "# path = \"~/helpdesk/hd.db\"\n"
        "# How long a command waits for another writer to finish before giving up (0s to 1h).\n"
        "# lock_timeout = \"" +
        format_lock_timeout(defaults.lock_timeout) +
        "\"\n"
        "\n"
        "[defaults]\n"
        "# The type of a new ticket: " +
        ticket_type_names() +
        ".\n"
        "# type = \"" +
        std::string(to_string(defaults.default_type)) +
        "\"\n"
        "# The priority of a new ticket, from P1 (most urgent) to P4, when neither given nor derived.\n"
        "# priority = \"" +
        to_string(defaults.default_priority) +
        "\"\n"
        "# The channel a new ticket came through (default: none): " +
        channel_names() +
        ".\n"
        "# channel = \"email\"\n"
        "\n"
        "[limits]\n"
        "# The longest title, in bytes (1 to 10000).\n"
        "# max_title = " +
        std::to_string(defaults.max_title_bytes) +
        "\n"
        "# The longest description or comment: bytes, or a size with B, KiB, MiB, KB or MB (up to 64MiB).\n"
        "# max_text = " +
        format_size(defaults.max_text_bytes) +
        "\n"
        "# The longest knowledge-base article, the same way.\n"
        "# max_article = " +
        format_size(defaults.max_article_bytes) +
        "\n"
        "\n"
        "# Support tiers, lowest first. [[tier]] tables replace the built-in tiers as a whole: 2 to 9 tiers\n"
        "# with levels 1 to N. Commands take a tier as its level (2), label (L2) or name (Support).\n";
    for (const TierConfig& tier : defaults.tiers) {
        out += "[[tier]]\n";
        out += "level = " + std::to_string(tier.level) + "\n";
        out += "name = " + quote(tier.name) + "\n";
        out += "description = " + quote(tier.description) + "\n\n";
    }
    out +=
        "# Templates: `hd open --template NAME --var KEY=VALUE ...` files a ticket from [template.NAME].\n"
        "# title (required), description, category, tags, assignee, requester and dedup (the --dedup key)\n"
        "# may hold {KEY} placeholders, each filled by a --var; {{ and }} are literal braces. type,\n"
        "# priority, tier and channel are fixed values. hd open's own options override any field.\n"
        "# [template.disk-full]\n"
        "# title = \"Disk {mount} on {host} is {use}% full\"\n"
        "# description = \"Free space on {host} or grow the volume.\"\n"
        "# type = \"incident\"\n"
        "# category = \"hardware\"\n"
        "# priority = \"P2\"\n"
        "# tier = 1\n"
        "# tags = [\"disk\", \"monitoring\"]\n"
        "# channel = \"monitoring\"\n"
        "# dedup = \"disk-{host}-{mount}\"\n"
        "\n"
        "# Routing: the tier a new ticket starts at, and optionally its team or agent. The first [[route]]\n"
        "# whose conditions all hold wins; when none does, the ticket starts at tier 1. Each condition is\n"
        "# a value or a list of values, any of which matches:\n"
        "#   category      one of the categories above\n"
        "#   type          " +
        ticket_type_names() +
        "\n"
        "#   channel       " +
        channel_names() +
        "\n"
        "#   title_words   whole words of the title, in any case\n"
        "# A route without conditions matches every ticket. tier (required) is a level (2), label (\"L2\")\n"
        "# or tier name (\"Support\"). `hd route test` shows which route a ticket would take.\n"
        "# [[route]]\n"
        "# name = \"network outages\"\n"
        "# category = [\"network\", \"email\"]\n"
        "# title_words = [\"outage\", \"down\"]\n"
        "# tier = \"L2\"\n"
        "# team = \"network\"\n"
        "#\n"
        "# [[route]]\n"
        "# name = \"monitoring alerts\"\n"
        "# channel = \"monitoring\"\n"
        "# type = \"incident\"\n"
        "# tier = 2\n"
        "\n"
        "# Service levels (hd-sla(1)): response and resolution targets per priority, counted in the\n"
        "# working hours of a calendar and paused while a ticket is pending; [sla.request.P3] and\n"
        "# [sla.category.network.P2] override them for a type or a category. `hd sla sweep` (from cron)\n"
        "# records breaches and applies on_breach: \"escalate\", \"priority\" and/or \"hook\" (on-breach).\n"
        "# [calendar.office]\n"
        "# hours = \"Mon-Fri 09:00-17:00\"\n"
        "# holidays = [\"2026-12-25\", \"2026-12-26\"]\n"
        "# timezone = \"Europe/Warsaw\"\n"
        "#\n"
        "# [sla]\n"
        "# calendar = \"office\"     # the built-in \"24x7\" counts every hour\n"
        "# at_risk = \"20%\"\n"
        "# on_breach = [\"hook\"]\n"
        "#\n"
        "# [sla.P1]\n"
        "# respond = \"15m\"\n"
        "# resolve = \"4h\"\n"
        "# calendar = \"24x7\"\n"
        "# on_breach = [\"escalate\", \"hook\"]\n"
        "#\n"
        "# [sla.P3]\n"
        "# respond = \"4h\"\n"
        "# resolve = \"24h\"         # working hours: three office days\n"
        "#\n"
        "# Per-tier targets: how long a ticket may wait unassigned in a tier (pickup), and how long a\n"
        "# tier may keep it (hold).\n"
        "# [ola.L1]\n"
        "# pickup = \"30m\"\n"
        "# hold = \"4h\"\n";
    return out;
}

std::string describe_config(const Config& config) {
    std::string out;
    out += "# The effective hd configuration";
    if (!config.path.empty())
        out += " (file " + comment_safe(config.path.string()) + (config.loaded ? ")" : ", absent)");
    out += ". Each value says where it came from.\n\n";

    if (config.user)
        out += "user = " + quote(*config.user) + origin_comment(config, "user");
    else
        out += "# user = (login name)" + origin_comment(config, "user");

    out += "categories = [";
    for (std::size_t i = 0; i < config.categories.size(); ++i) out += (i ? ", " : "") + quote(config.categories[i]);
    out += "]" + origin_comment(config, "categories");
    out += "dedup_on_resolved = " + quote(to_string(config.dedup_on_resolved)) +
           origin_comment(config, "dedup_on_resolved");
    out += "dedup_on_closed = " + quote(to_string(config.dedup_on_closed)) + origin_comment(config, "dedup_on_closed");
    if (config.hooks_dir)
        out += "hooks_dir = " + quote(*config.hooks_dir) + origin_comment(config, "hooks_dir");
    else
        out += "# hooks_dir = (" + std::string(kDefaultHooksDirHint) + ")" + origin_comment(config, "hooks_dir");
    out +=
        "hook_timeout = \"" + format_lock_timeout(config.hook_timeout) + "\"" + origin_comment(config, "hook_timeout");

    out += "\n[store]\n";
    if (config.store_path)
        out += "path = " + quote(*config.store_path) + origin_comment(config, "store.path");
    else
        out += "# path = (" + std::string(kDefaultStorePathHint) + ")" + origin_comment(config, "store.path");
    out += "lock_timeout = \"" + format_lock_timeout(config.lock_timeout) + "\"" +
           origin_comment(config, "store.lock_timeout");

    out += "\n[defaults]\n";
    out += "type = " + quote(to_string(config.default_type)) + origin_comment(config, "defaults.type");
    out += "priority = " + quote(to_string(config.default_priority)) + origin_comment(config, "defaults.priority");
    if (config.default_channel)
        out += "channel = " + quote(to_string(*config.default_channel)) + origin_comment(config, "defaults.channel");
    else
        out += "# channel = (none)" + origin_comment(config, "defaults.channel");

    out += "\n[limits]\n";
    out += "max_title = " + std::to_string(config.max_title_bytes) + origin_comment(config, "limits.max_title");
    out += "max_text = " + format_size(config.max_text_bytes) + origin_comment(config, "limits.max_text");
    out += "max_article = " + format_size(config.max_article_bytes) + origin_comment(config, "limits.max_article");

    for (const TierConfig& tier : config.tiers) {
        out += "\n[[tier]]" + origin_comment(config, "tier");
        out += "level = " + std::to_string(tier.level) + "\n";
        out += "name = " + quote(tier.name) + "\n";
        out += "description = " + quote(tier.description) + "\n";
    }

    if (config.routes.empty()) out += "\n# no [[route]]: every new ticket starts at tier 1\n";
    for (const RouteRule& route : config.routes) {
        out += "\n[[route]]  # from " + comment_safe(route.origin.empty() ? "default" : route.origin) + "\n";
        out += "name = " + quote(route.name) + "\n";
        if (!route.categories.empty())
            out += "category = " + toml_list(route.categories, [](const std::string& c) { return c; }) + "\n";
        if (!route.types.empty())
            out += "type = " + toml_list(route.types, [](TicketType t) { return std::string(to_string(t)); }) + "\n";
        if (!route.channels.empty())
            out += "channel = " + toml_list(route.channels, [](Channel c) { return std::string(to_string(c)); }) + "\n";
        if (!route.title_words.empty())
            out += "title_words = " + toml_list(route.title_words, [](const std::string& w) { return w; }) + "\n";
        out += "tier = " + std::to_string(route.tier) + "\n";
        if (route.team) out += "team = " + quote(*route.team) + "\n";
        if (route.agent) out += "agent = " + quote(*route.agent) + "\n";
    }

    if (config.templates.empty()) out += "\n# no [template.NAME]: hd open --template has none to use\n";
    for (const auto& [name, t] : config.templates) {
        // Names are letters, digits, '_' and '-': TOML bare keys.
        out += "\n[template." + name + "]  # from " + comment_safe(t.origin.empty() ? "default" : t.origin) + "\n";
        out += "title = " + quote(t.title) + "\n";
        if (t.description) out += "description = " + quote(*t.description) + "\n";
        if (t.type) out += "type = " + quote(to_string(*t.type)) + "\n";
        if (t.category) out += "category = " + quote(*t.category) + "\n";
        if (t.priority) out += "priority = " + quote(to_string(*t.priority)) + "\n";
        if (t.tier) out += "tier = " + std::to_string(*t.tier) + "\n";
        if (!t.tags.empty()) {
            out += "tags = [";
            for (std::size_t i = 0; i < t.tags.size(); ++i) out += (i ? ", " : "") + quote(t.tags[i]);
            out += "]\n";
        }
        if (t.assignee) out += "assignee = " + quote(*t.assignee) + "\n";
        if (t.requester) out += "requester = " + quote(*t.requester) + "\n";
        if (t.channel) out += "channel = " + quote(to_string(*t.channel)) + "\n";
        if (t.dedup) out += "dedup = " + quote(*t.dedup) + "\n";
    }
    out += config_detail::describe_service_levels(config.service_levels);
    return out;
}

std::optional<int> find_tier(const Config& config, std::string_view text) {
    const std::string wanted = trim(text);
    std::string_view digits;
    if (all_digits(wanted))
        digits = wanted;
    else if (wanted.size() > 1 && (wanted[0] == 'L' || wanted[0] == 'l') &&
             all_digits(std::string_view(wanted).substr(1)))
        digits = std::string_view(wanted).substr(1);
    if (!digits.empty()) {
        int level = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), level);
        if (ec != std::errc{} || end != digits.data() + digits.size() || !tier_by_level(config, level))
            return std::nullopt;
        return level;
    }
    if (wanted.empty()) return std::nullopt;
    const std::string folded = casefold(wanted);
    for (const TierConfig& tier : config.tiers)
        if (casefold(tier.name) == folded) return tier.level;
    return std::nullopt;
}

const TierConfig* tier_by_level(const Config& config, int level) {
    for (const TierConfig& tier : config.tiers)
        if (tier.level == level) return &tier;
    return nullptr;
}

}  // namespace hd
