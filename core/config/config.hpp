// The configuration as plain structs. TOML (toml++) stays inside config.cpp.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/ticket.hpp"
#include "core/model/time.hpp"

namespace hd {

struct TierConfig {
    int level = 1;
    std::string name;         // "Helpdesk"
    std::string description;  // "First point of contact: ..."
};

// A routing rule ([[route]]): where a new ticket starts. Every condition that is set must hold;
// a rule with no condition matches everything. The first matching rule wins.
struct RouteRule {
    std::string name;                      // name = "..." or "route N" (1-based, in file order)
    std::vector<std::string> categories;   // category = "network" or ["network", "vpn"]; any of (casefolded)
    std::vector<TicketType> types;         // type = "request" or [...]; any of
    std::vector<Channel> channels;         // channel = "monitoring" or [...]; any of
    std::vector<std::string> title_words;  // title_words = ["outage", "down"]: any of, case-insensitive, whole words
    int tier = 1;                          // tier = 2 (also "L2" or a tier's name): required
    std::optional<std::string> team;       // team = "network"
    std::optional<std::string> agent;      // agent = "alice"
    std::string origin;                    // "PATH:LINE", for `hd route explain`
};

// A ticket template ([template.NAME]): what `hd open --template NAME --var k=v` fills in. Text fields
// may hold {var} placeholders; hd open's own options override any field.
struct TemplateConfig {
    std::string name;
    std::string title;                       // required
    std::optional<std::string> description;
    std::optional<TicketType> type;
    std::optional<std::string> category;
    std::optional<Priority> priority;
    std::optional<int> tier;                 // tier = 2, "L2" or a tier's name
    std::vector<std::string> tags;
    std::optional<std::string> assignee;
    std::optional<std::string> requester;
    std::optional<Channel> channel;
    std::optional<std::string> dedup;        // dedup = "disk-{host}": the --dedup key
    std::string origin;                      // "PATH:LINE"
};

// What `hd open --dedup KEY` does when the ticket with that key is resolved, or closed.
enum class DedupOnResolved { reopen, new_ticket, append };
enum class DedupOnClosed { new_ticket, reopen };
std::string_view to_string(DedupOnResolved policy);  // "reopen", "new", "append": as the config spells them
std::string_view to_string(DedupOnClosed policy);    // "new", "reopen"

// Service levels ([sla], [calendar.NAME], [ola]): see hd-config(5) and core/sla/.
enum class BreachAction { escalate, priority, hook };
std::string_view to_string(BreachAction action);  // "escalate", "priority", "hook"

// [calendar.NAME]: working hours in a time zone, with holidays (checked when the config is read).
struct CalendarConfig {
    std::string name;
    std::string hours;                  // "Mon-Fri 09:00-17:00"
    std::vector<std::string> holidays;  // "2026-12-25"
    std::string timezone = "UTC";       // IANA name
    std::string origin;                 // "PATH:LINE"
};

// One [sla...] section. An unset field is taken from the next less specific section:
// [sla.category.C.P] > [sla.TYPE.P] > [sla.P] > [sla].
struct SlaSection {
    std::optional<Seconds> respond;
    std::optional<Seconds> resolve;
    std::optional<std::string> calendar;
    std::optional<std::vector<BreachAction>> on_breach;
    std::string origin;
};

// One [ola...] section: [ola.L1] (by level) over [ola].
struct OlaSection {
    std::optional<Seconds> pickup;  // longest a ticket may wait unassigned in the tier's queue
    std::optional<Seconds> hold;    // longest the tier may keep it before it is resolved or escalated
    std::optional<std::string> calendar;
    std::optional<std::vector<BreachAction>> on_breach;
    std::string origin;
};

struct ServiceLevels {
    SlaSection sla;                              // [sla]: calendar and on_breach for every policy
    double at_risk = 0.2;                        // [sla] at_risk: less than this share of a target left
    std::map<std::string, SlaSection> policies;  // "P1", "request.P3", "category.network.P2"
    OlaSection ola;                              // [ola]
    std::map<int, OlaSection> olas;              // [ola.L1], by tier level
    std::map<std::string, CalendarConfig> calendars;
    bool empty() const { return policies.empty() && olas.empty() && !sla.respond && !sla.resolve; }
};

struct Config {
    // Who I am when neither --as nor HD_USER says.
    std::optional<std::string> user;

    // [store]
    std::optional<std::string> store_path;  // path = "..."; ~ expanded
    Seconds lock_timeout = 30;              // lock_timeout = "30s": how long a writer waits for the lock

    // [[tier]]: ordered by level, levels 1..N contiguous, 2 to 9 tiers.
    std::vector<TierConfig> tiers;

    // [[route]], in file order.
    std::vector<RouteRule> routes;

    // categories = [...]: when non-empty, a ticket's category must be one of these.
    std::vector<std::string> categories;

    // [defaults]
    TicketType default_type = TicketType::incident;
    Priority default_priority{3};
    std::optional<Channel> default_channel;

    // [template.NAME], by name.
    std::map<std::string, TemplateConfig> templates;

    // dedup_on_resolved = "reopen" | "new" | "append"; dedup_on_closed = "new" | "reopen".
    DedupOnResolved dedup_on_resolved = DedupOnResolved::reopen;
    DedupOnClosed dedup_on_closed = DedupOnClosed::new_ticket;

    // hooks_dir = "..." (~ expanded); unset: $XDG_CONFIG_HOME/hd/hooks. hook_timeout = "10s".
    std::optional<std::string> hooks_dir;
    Seconds hook_timeout = 10;

    // [sla], [calendar.NAME], [ola].
    ServiceLevels service_levels;

    // [limits]
    std::size_t max_title_bytes = 500;
    std::size_t max_text_bytes = 1024 * 1024;  // description or comment; max_text = "1MiB"
    std::size_t max_article_bytes = 16 * 1024 * 1024;  // a knowledge-base article's body; max_article = "16MiB"

    // Where each effective value came from: key ("store.lock_timeout", "tier", "categories") →
    // "default" or "PATH:LINE".
    std::map<std::string, std::string> origins;

    // Problems that do not stop hd, such as an unknown key ("PATH:3:1: unknown key 'stroe' (ignored)").
    std::vector<std::string> warnings;

    std::filesystem::path path;  // the file read (or that would have been read)
    bool loaded = false;         // false when the file did not exist and defaults apply
};

// The built-in defaults: tiers L1 Helpdesk, L2 Support, L3 Experts; a handful of categories.
Config default_config();

// Reads PATH over the defaults. A missing file gives the defaults (loaded = false) unless
// must_exist, then hd::Error(usage). A malformed file, or a value of the wrong type or range,
// throws hd::Error(usage) naming the file, line and column. Unknown keys become warnings.
Config load_config(const std::filesystem::path& path, bool must_exist);

// The commented default config that `hd init` writes.
std::string default_config_text();

// The effective configuration as TOML, each value followed by a comment saying where it came from.
std::string describe_config(const Config& config);

// The tier with this level, name ("Support", any case) or label ("L2", "2"), else nullopt.
std::optional<int> find_tier(const Config& config, std::string_view text);
const TierConfig* tier_by_level(const Config& config, int level);

}  // namespace hd
