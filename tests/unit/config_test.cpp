// Unit tests of core/config: defaults, reading each key, validation errors, warnings, and round-trips.
#include <doctest/doctest.h>

#include "tests/unit/test_support.hpp"
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/error.hpp"

namespace fs = std::filesystem;
using hd::Config;

using hd::test::TempDir;

namespace {

Config load_text(const TempDir& dir, const std::string& text) {
    return hd::load_config(dir.write("config.toml", text), true);
}

// The message of the usage error the action throws; fails the test if it throws nothing else.
std::string usage_error(const std::function<void()>& action) {
    try {
        action();
    } catch (const hd::Error& e) {
        CHECK(e.kind() == hd::ErrorKind::usage);
        return e.what();
    }
    FAIL("expected a usage error");
    return {};
}

std::string load_error(const TempDir& dir, const std::string& text) {
    return usage_error([&] { (void)load_text(dir, text); });
}

// Sets an environment variable for one scope.
struct ScopedEnv {
    std::string name;
    std::optional<std::string> saved;
    ScopedEnv(std::string n, const char* value) : name(std::move(n)) {
        if (const char* old = std::getenv(name.c_str())) saved = old;
        if (value)
            ::setenv(name.c_str(), value, 1);
        else
            ::unsetenv(name.c_str());
    }
    ~ScopedEnv() {
        if (saved)
            ::setenv(name.c_str(), saved->c_str(), 1);
        else
            ::unsetenv(name.c_str());
    }
};

void check_same_values(const Config& a, const Config& b) {
    CHECK(a.user == b.user);
    CHECK(a.store_path == b.store_path);
    CHECK(a.lock_timeout == b.lock_timeout);
    CHECK(a.categories == b.categories);
    CHECK(a.default_type == b.default_type);
    CHECK(a.default_priority == b.default_priority);
    CHECK(a.default_channel == b.default_channel);
    CHECK(a.max_title_bytes == b.max_title_bytes);
    CHECK(a.max_text_bytes == b.max_text_bytes);
    REQUIRE(a.tiers.size() == b.tiers.size());
    for (std::size_t i = 0; i < a.tiers.size(); ++i) {
        CHECK(a.tiers[i].level == b.tiers[i].level);
        CHECK(a.tiers[i].name == b.tiers[i].name);
        CHECK(a.tiers[i].description == b.tiers[i].description);
    }
    REQUIRE(a.routes.size() == b.routes.size());
    for (std::size_t i = 0; i < a.routes.size(); ++i) {
        CAPTURE(i);
        CHECK(a.routes[i].name == b.routes[i].name);
        CHECK(a.routes[i].categories == b.routes[i].categories);
        CHECK(a.routes[i].types == b.routes[i].types);
        CHECK(a.routes[i].channels == b.routes[i].channels);
        CHECK(a.routes[i].title_words == b.routes[i].title_words);
        CHECK(a.routes[i].tier == b.routes[i].tier);
        CHECK(a.routes[i].team == b.routes[i].team);
        CHECK(a.routes[i].agent == b.routes[i].agent);
    }
    CHECK(a.dedup_on_resolved == b.dedup_on_resolved);
    CHECK(a.dedup_on_closed == b.dedup_on_closed);
    CHECK(a.hooks_dir == b.hooks_dir);
    CHECK(a.hook_timeout == b.hook_timeout);
    REQUIRE(a.templates.size() == b.templates.size());
    for (const auto& [key, x] : a.templates) {
        const auto& name = key;  // CAPTURE's lambda cannot capture a structured binding in clang before 16
        CAPTURE(name);
        REQUIRE(b.templates.count(name) == 1);
        const hd::TemplateConfig& y = b.templates.at(name);
        CHECK(x.name == y.name);
        CHECK(x.title == y.title);
        CHECK(x.description == y.description);
        CHECK(x.type == y.type);
        CHECK(x.category == y.category);
        CHECK(x.priority == y.priority);
        CHECK(x.tier == y.tier);
        CHECK(x.tags == y.tags);
        CHECK(x.assignee == y.assignee);
        CHECK(x.requester == y.requester);
        CHECK(x.channel == y.channel);
        CHECK(x.dedup == y.dedup);
    }
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the defaults are three tiers, eight categories, P3 incidents and a 30s lock timeout") {
    const Config c = hd::default_config();
    REQUIRE(c.tiers.size() == 3);
    CHECK(c.tiers[0].level == 1);
    CHECK(c.tiers[0].name == "Helpdesk");
    CHECK(c.tiers[0].description ==
          "First point of contact: records, classifies and resolves common requests with known procedures");
    CHECK(c.tiers[1].level == 2);
    CHECK(c.tiers[1].name == "Support");
    CHECK(c.tiers[1].description ==
          "In-depth support: root cause, configuration, integration; keeps the knowledge base current");
    CHECK(c.tiers[2].level == 3);
    CHECK(c.tiers[2].name == "Experts");
    CHECK(c.tiers[2].description ==
          "Severe and complex incidents, system design, fixes that stop a class of incidents from recurring");
    CHECK(c.categories == std::vector<std::string>{"access", "account", "email", "hardware", "network", "printer",
                                                   "software", "other"});
    CHECK_FALSE(c.user);
    CHECK_FALSE(c.store_path);
    CHECK(c.lock_timeout == 30);
    CHECK(c.default_type == hd::TicketType::incident);
    CHECK(c.default_priority == hd::Priority{3});
    CHECK_FALSE(c.default_channel);
    CHECK(c.max_title_bytes == 500);
    CHECK(c.max_text_bytes == 1024 * 1024);
    CHECK(c.routes.empty());
    CHECK(c.templates.empty());
    CHECK(c.dedup_on_resolved == hd::DedupOnResolved::reopen);
    CHECK(c.dedup_on_closed == hd::DedupOnClosed::new_ticket);
    CHECK_FALSE(c.hooks_dir);
    CHECK(c.hook_timeout == 10);
    CHECK(c.warnings.empty());
    CHECK_FALSE(c.loaded);
    for (const char* key : {"user", "categories", "store.path", "store.lock_timeout", "defaults.type",
                            "defaults.priority", "defaults.channel", "limits.max_title", "limits.max_text", "tier",
                            "route", "template", "dedup_on_resolved", "dedup_on_closed", "hooks_dir",
                            "hook_timeout"}) {
        CAPTURE(key);
        REQUIRE(c.origins.count(key) == 1);
        CHECK(c.origins.at(key) == "default");
    }
}

TEST_CASE("every key of the file is read, and its origin is the file and line") {
    TempDir dir;
    const std::string text =
        "user = \"alice\"\n"                         // 1
        "categories = [\"Access\", \"hardware\"]\n"  // 2
        "[store]\n"                                  // 3
        "path = \"/srv/hd/tickets.db\"\n"            // 4
        "lock_timeout = \"2m\"\n"                    // 5
        "[defaults]\n"                               // 6
        "type = \"request\"\n"                       // 7
        "priority = \"P2\"\n"                        // 8
        "channel = \"email\"\n"                      // 9
        "[limits]\n"                                 // 10
        "max_title = 200\n"                          // 11
        "max_text = \"512KiB\"\n";                   // 12
    const fs::path path = dir.write("config.toml", text);
    const Config c = hd::load_config(path, true);
    CHECK(c.loaded);
    CHECK(c.path == path);
    CHECK(c.warnings.empty());
    CHECK(c.user == "alice");
    CHECK(c.categories == std::vector<std::string>{"access", "hardware"});
    CHECK(c.store_path == "/srv/hd/tickets.db");
    CHECK(c.lock_timeout == 120);
    CHECK(c.default_type == hd::TicketType::request);
    CHECK(c.default_priority == hd::Priority{2});
    CHECK(c.default_channel == hd::Channel::email);
    CHECK(c.max_title_bytes == 200);
    CHECK(c.max_text_bytes == 512 * 1024);
    CHECK(c.tiers.size() == 3);  // no [[tier]]: the defaults stay

    const std::string p = path.string();
    CHECK(c.origins.at("user") == p + ":1");
    CHECK(c.origins.at("categories") == p + ":2");
    CHECK(c.origins.at("store.path") == p + ":4");
    CHECK(c.origins.at("store.lock_timeout") == p + ":5");
    CHECK(c.origins.at("defaults.type") == p + ":7");
    CHECK(c.origins.at("defaults.priority") == p + ":8");
    CHECK(c.origins.at("defaults.channel") == p + ":9");
    CHECK(c.origins.at("limits.max_title") == p + ":11");
    CHECK(c.origins.at("limits.max_text") == p + ":12");
    CHECK(c.origins.at("tier") == "default");
}

TEST_CASE("keys left out keep their defaults and default origins") {
    TempDir dir;
    const Config c = load_text(dir, "[defaults]\npriority = \"p1\"\n");
    CHECK(c.default_priority == hd::Priority{1});
    CHECK(c.default_type == hd::TicketType::incident);
    CHECK(c.origins.at("defaults.type") == "default");
    check_same_values(load_text(dir, ""), hd::default_config());
}

TEST_CASE("store.path expands ~ with HOME and reads a relative path from the config file's directory") {
    TempDir dir;
    {
        ScopedEnv home("HOME", "/home/alice");
        CHECK(load_text(dir, "[store]\npath = \"~/helpdesk/hd.db\"\n").store_path == "/home/alice/helpdesk/hd.db");
        CHECK(load_text(dir, "[store]\npath = \"~\"\n").store_path == "/home/alice");
        CHECK(contains(load_error(dir, "[store]\npath = \"~bob/hd.db\"\n"), "store.path"));
    }
    {
        ScopedEnv home("HOME", nullptr);
        const std::string message = load_error(dir, "[store]\npath = \"~/hd.db\"\n");
        CHECK(contains(message, "config.toml:2:8: store.path"));
        CHECK(contains(message, "HOME"));
    }
    CHECK(load_text(dir, "[store]\npath = \"data/hd.db\"\n").store_path == (dir.path / "data/hd.db").string());
    CHECK(contains(load_error(dir, "[store]\npath = \"\"\n"), "store.path: expected a file path"));
}

TEST_CASE("categories are trimmed, lower-cased and kept once each; an empty name is refused") {
    TempDir dir;
    const Config c = load_text(dir, "categories = [\" VPN \", \"Email\", \"email\", \"Réseau\"]\n");
    CHECK(c.categories == std::vector<std::string>{"vpn", "email", "réseau"});
    REQUIRE(c.warnings.size() == 1);
    CHECK(contains(c.warnings[0], "config.toml:1:33: categories: 'email' is listed twice (ignored)"));

    CHECK(load_text(dir, "categories = []\n").categories.empty());
    CHECK(contains(load_error(dir, "categories = [\"a\", \"  \"]\n"),
                   "config.toml:1:20: categories: expected a non-empty category name, got \"  \""));
    CHECK(contains(load_error(dir, "categories = [\"a\", 2]\n"), "config.toml:1:20: categories: expected"));
    CHECK(contains(load_error(dir, "categories = \"access\"\n"), "config.toml:1:14: categories: expected a list"));
}

TEST_CASE("limits.max_text takes bytes or a size with a unit, from 1 byte to 64MiB") {
    TempDir dir;
    auto max_text = [&](const std::string& value) {
        return load_text(dir, "[limits]\nmax_text = " + value + "\n").max_text_bytes;
    };
    CHECK(max_text("65536") == 65536);
    CHECK(max_text("\"1MiB\"") == 1024 * 1024);
    CHECK(max_text("\"64MiB\"") == 64 * 1024 * 1024);
    CHECK(max_text("\"512KiB\"") == 512 * 1024);
    CHECK(max_text("\"100KB\"") == 100000);
    CHECK(max_text("\"2MB\"") == 2000000);
    CHECK(max_text("\"300B\"") == 300);
    CHECK(max_text("\"1 MiB\"") == 1024 * 1024);
    for (const char* bad : {"0", "-1", "\"65MiB\"", "67108865", "\"1GiB\"", "\"MiB\"", "\"\"", "1.5", "true",
                            "\"99999999999999999999MiB\""}) {
        CAPTURE(bad);
        CHECK(contains(load_error(dir, std::string("[limits]\nmax_text = ") + bad + "\n"),
                       "config.toml:2:12: limits.max_text: expected a size from 1 byte to 64MiB"));
    }
}

TEST_CASE("limits.max_title is an integer from 1 to 10000") {
    TempDir dir;
    CHECK(load_text(dir, "[limits]\nmax_title = 10000\n").max_title_bytes == 10000);
    CHECK(load_text(dir, "[limits]\nmax_title = 1\n").max_title_bytes == 1);
    for (const char* bad : {"0", "10001", "\"500\"", "-3"}) {
        CAPTURE(bad);
        CHECK(contains(load_error(dir, std::string("[limits]\nmax_title = ") + bad + "\n"),
                       "config.toml:2:13: limits.max_title: expected a number of bytes from 1 to 10000, got "));
    }
}

TEST_CASE("[[tier]] tables replace the default tiers, sorted by level") {
    TempDir dir;
    const std::string text =
        "[[tier]]\nlevel = 2\nname = \"Second line\"\ndescription = \"Deeper\"\n"
        "[[tier]]\nlevel = 1\nname = \"Front desk\"\n";
    const Config c = load_text(dir, text);
    REQUIRE(c.tiers.size() == 2);
    CHECK(c.tiers[0].level == 1);
    CHECK(c.tiers[0].name == "Front desk");
    CHECK(c.tiers[0].description.empty());
    CHECK(c.tiers[1].level == 2);
    CHECK(c.tiers[1].name == "Second line");
    CHECK(c.tiers[1].description == "Deeper");
    CHECK(c.origins.at("tier") == (dir.path / "config.toml").string() + ":1");
    CHECK(c.warnings.empty());

    std::string nine;
    for (int level = 1; level <= 9; ++level)
        nine +=
            "[[tier]]\nlevel = " + std::to_string(level) + "\nname = \"T" + std::string(1, char('a' + level)) + "\"\n";
    CHECK(load_text(dir, nine).tiers.size() == 9);
}

TEST_CASE("tiers must be 2 to 9, with levels 1..N once each and distinct names") {
    TempDir dir;
    auto tier = [](int level, const std::string& name) {
        return "[[tier]]\nlevel = " + std::to_string(level) + "\nname = \"" + name + "\"\n";
    };
    CHECK(contains(load_error(dir, tier(1, "Only")), "config.toml:1:1: tier: expected 2 to 9 [[tier]] tables, got 1"));
    std::string ten;
    for (int level = 1; level <= 10; ++level) ten += tier(level, "T" + std::to_string(level) + "x");
    CHECK(contains(load_error(dir, ten), "config.toml:1:1: tier: expected 2 to 9 [[tier]] tables, got 10"));

    // Levels 1, 3: level 3 is out of range for two tiers.
    CHECK(contains(load_error(dir, tier(1, "A") + tier(3, "B")),
                   "config.toml:5:9: tier.level: expected a level from 1 to 2 (one per [[tier]]), got 3"));
    CHECK(contains(load_error(dir, tier(0, "A") + tier(1, "B")), "config.toml:2:9: tier.level: expected a level"));
    CHECK(contains(load_error(dir, tier(1, "A") + tier(1, "B")),
                   "config.toml:5:9: tier.level: level 1 is already used at line 1"));
    CHECK(contains(load_error(dir, tier(1, "Support") + tier(2, "SUPPORT")),
                   "config.toml:6:8: tier.name: \"SUPPORT\" is already the name of the tier at line 1"));
    CHECK(contains(load_error(dir, tier(1, "A") + tier(2, " ")), "config.toml:6:8: tier.name: expected a non-empty"));
    CHECK(contains(load_error(dir, tier(1, "A") + tier(2, "L3")),
                   "config.toml:6:8: tier.name: \"L3\" reads as a tier level"));
    CHECK(contains(load_error(dir, tier(1, "A") + "[[tier]]\nname = \"B\"\n"),
                   "config.toml:4:1: tier: missing key 'level'"));
    CHECK(
        contains(load_error(dir, tier(1, "A") + "[[tier]]\nlevel = 2\n"), "config.toml:4:1: tier: missing key 'name'"));
    CHECK(contains(load_error(dir, "[[tier]]\nlevel = \"1\"\nname = \"A\"\n" + tier(2, "B")),
                   "config.toml:2:9: tier.level: expected a level from 1 to 2 (one per [[tier]]), got \"1\""));
    CHECK(contains(load_error(dir, "tier = 3\n"), "config.toml:1:8: tier: expected [[tier]] tables"));
}

TEST_CASE("[[route]] tables are read in file order, with every key, names and origins") {
    TempDir dir;
    const std::string text =
        "categories = [\"network\", \"Réseau\", \"access\"]\n"                 // 1
        "[[route]]\n"                                                          // 2
        "name = \"network outages\"\n"                                         // 3
        "category = [\"Network\", \"RÉSEAU\", \"network\"]\n"                  // 4
        "type = [\"incident\", \"Problem\"]\n"                                 // 5
        "channel = [\"email\", \"monitoring\"]\n"                              // 6
        "title_words = [\"outage\", \" Down \", \"DOWN\", \"not working\"]\n"  // 7
        "tier = \"L3\"\n"                                                      // 8
        "team = \"netops\"\n"                                                  // 9
        "agent = \"alice\"\n"                                                  // 10
        "[[route]]\n"                                                          // 11
        "category = \"access\"\n"                                              // 12
        "type = \"request\"\n"                                                 // 13
        "channel = \"web\"\n"                                                  // 14
        "title_words = \"password\"\n"                                         // 15
        "tier = 2\n"                                                           // 16
        "[[route]]\n"                                                          // 17
        "tier = \"support\"\n";                                                // 18
    const Config c = load_text(dir, text);
    const std::string p = (dir.path / "config.toml").string();
    CHECK(c.warnings.empty());
    REQUIRE(c.routes.size() == 3);

    const hd::RouteRule& first = c.routes[0];
    CHECK(first.name == "network outages");
    CHECK(first.categories == std::vector<std::string>{"network", "réseau"});
    CHECK(first.types == std::vector<hd::TicketType>{hd::TicketType::incident, hd::TicketType::problem});
    CHECK(first.channels == std::vector<hd::Channel>{hd::Channel::email, hd::Channel::monitoring});
    CHECK(first.title_words == std::vector<std::string>{"outage", "Down", "not working"});
    CHECK(first.tier == 3);
    CHECK(first.team == "netops");
    CHECK(first.agent == "alice");
    CHECK(first.origin == p + ":2");

    const hd::RouteRule& second = c.routes[1];
    CHECK(second.name == "route 2");
    CHECK(second.categories == std::vector<std::string>{"access"});
    CHECK(second.types == std::vector<hd::TicketType>{hd::TicketType::request});
    CHECK(second.channels == std::vector<hd::Channel>{hd::Channel::web});
    CHECK(second.title_words == std::vector<std::string>{"password"});
    CHECK(second.tier == 2);
    CHECK_FALSE(second.team);
    CHECK_FALSE(second.agent);
    CHECK(second.origin == p + ":11");

    const hd::RouteRule& third = c.routes[2];
    CHECK(third.name == "route 3");
    CHECK(third.categories.empty());
    CHECK(third.types.empty());
    CHECK(third.channels.empty());
    CHECK(third.title_words.empty());
    CHECK(third.tier == 2);
    CHECK(third.origin == p + ":17");

    CHECK(c.origins.at("route") == p + ":2");
}

TEST_CASE("a route's tier and categories are checked against tiers defined anywhere in the file") {
    TempDir dir;
    const std::string p = (dir.path / "config.toml").string();
    const std::string tiers = "[[tier]]\nlevel = 1\nname = \"Desk\"\n[[tier]]\nlevel = 2\nname = \"Lab\"\n";
    // The tiers come after the route that names them.
    const Config c = load_text(dir, "[[route]]\ntier = \"lab\"\n" + tiers);
    REQUIRE(c.routes.size() == 1);
    CHECK(c.routes[0].tier == 2);
    CHECK(load_text(dir, "[[route]]\ntier = \"L2\"\n" + tiers).routes.at(0).tier == 2);
    CHECK(load_text(dir, "[[route]]\ntier = 1\n" + tiers).routes.at(0).tier == 1);
    // Three is a default tier, but not one of the two tiers of this file.
    CHECK(load_error(dir, "[[route]]\ntier = 3\n" + tiers) ==
          p + ":2:8: route.tier: expected a tier from 1 to 2: its level, \"L2\" or its name (Desk, Lab), got 3");
    CHECK(contains(load_error(dir, "[[route]]\ntier = \"Support\"\n" + tiers),
                   ":2:8: route.tier: expected a tier from 1 to 2"));
    CHECK(contains(load_error(dir, "[[route]]\ntier = \"L3\"\n" + tiers), ":2:8: route.tier: expected a tier"));

    // With the default tiers.
    for (const char* bad : {"0", "4", "-1", "99999999999", "\"L4\"", "\"Wizards\"", "\"\"", "true", "2.0", "[2]"}) {
        CAPTURE(bad);
        CHECK(contains(load_error(dir, std::string("[[route]]\nname = \"x\"\ntier = ") + bad + "\n"),
                       "config.toml:3:8: route.tier: expected a tier from 1 to 3: its level, \"L2\" or its name "
                       "(Helpdesk, Support, Experts), got "));
    }
    CHECK(load_error(dir, "[[route]]\nname = \"x\"\n[[route]]\ntier = 2\n") ==
          p + ":1:1: route: missing key 'tier' (where a matching ticket starts: a level such as 2, \"L2\" or a "
              "tier's name)");

    // Categories: one of the config's, when it lists any.
    CHECK(load_error(dir,
                     "categories = [\"access\", \"email\"]\n[[route]]\ncategory = [\"email\", \"VPN\"]\ntier = 2\n") ==
          p + ":3:22: route.category: 'vpn' is not one of the categories (access, email)");
    CHECK(contains(load_error(dir, "[[route]]\ncategory = \"vpn\"\ntier = 2\n"),
                   ":2:12: route.category: 'vpn' is not one of the categories (access, account, email,"));
    CHECK(load_text(dir, "categories = []\n[[route]]\ncategory = \"VPN\"\ntier = 2\n").routes.at(0).categories ==
          std::vector<std::string>{"vpn"});
}

TEST_CASE("a route value of the wrong type names the key, its location and what is expected") {
    TempDir dir;
    const std::string p = (dir.path / "config.toml").string();
    auto route = [&](const std::string& line) { return load_error(dir, "[[route]]\ntier = 2\n" + line + "\n"); };
    CHECK(route("type = \"bug\"") ==
          p + ":3:8: route.type: expected one of incident, request, problem, change, or a non-empty list of them, "
              "got \"bug\"");
    CHECK(contains(route("type = [\"request\", 3]"), ":3:20: route.type: expected one of incident"));
    CHECK(contains(route("type = []"), ":3:8: route.type: expected one of incident"));
    CHECK(contains(route("channel = \"fax\""), ":3:11: route.channel: expected one of phone, email"));
    CHECK(contains(route("channel = 1"), ":3:11: route.channel: expected one of phone"));
    CHECK(contains(route("category = []"), ":3:12: route.category: expected a category or a non-empty list"));
    CHECK(contains(route("category = [\" \"]"), ":3:13: route.category: expected a category"));
    CHECK(contains(route("title_words = [\"down\", \"\"]"),
                   ":3:24: route.title_words: expected a word or a non-empty list"));
    CHECK(contains(route("title_words = []"), ":3:15: route.title_words: expected a word"));
    CHECK(contains(route("title_words = 5"), ":3:15: route.title_words: expected a word"));
    CHECK(contains(route("name = \"\""), ":3:8: route.name: expected a non-empty name"));
    CHECK(contains(route("team = 1"), ":3:8: route.team: expected a team name"));
    CHECK(contains(route("agent = [\"a\"]"), ":3:9: route.agent: expected an agent name"));
    CHECK(contains(route("agent = \"a\\u0007\""), ":3:9: route.agent: expected an agent name"));
    CHECK(load_error(dir, "route = 3\n") ==
          p + ":1:9: route: expected [[route]] tables, each with a tier and the conditions a new ticket must meet, "
              "got 3");
    CHECK(contains(load_error(dir, "[route]\ntier = 2\n"), ":1:1: route: expected [[route]] tables"));
}

TEST_CASE("an unknown key in a route is a warning; a name used twice is a warning") {
    TempDir dir;
    const std::string p = (dir.path / "config.toml").string();
    const Config c = load_text(dir,
                               "[[route]]\nname = \"A\"\ntier = 2\ncategroy = \"network\"\n"
                               "[[route]]\nname = \"a\"\ntier = 3\npriority = \"P1\"\n");
    REQUIRE(c.warnings.size() == 3);
    CHECK(c.warnings[0] == p + ":4:1: unknown key 'route.categroy' (ignored); did you mean 'route.category'?");
    CHECK(c.warnings[1] == p + ":8:1: unknown key 'route.priority' (ignored)");
    CHECK(c.warnings[2] == p + ":6:8: route.name: 'a' is also the name of the route at line 1");
    REQUIRE(c.routes.size() == 2);
    CHECK(c.routes[0].categories.empty());  // the misspelt key was not read
}

TEST_CASE("a malformed file is a usage error naming the file, line and column") {
    TempDir dir;
    const fs::path path = dir.write("config.toml", "user = \"alice\"\n[store\npath = 1\n");
    const std::string message = usage_error([&] { (void)hd::load_config(path, false); });
    CHECK(message.rfind("cannot read config " + path.string() + ":2:", 0) == 0);
    CHECK(message.size() > ("cannot read config " + path.string() + ":2:1: ").size());

    CHECK(load_error(dir, "user = \"a\"\nuser = \"b\"\n").rfind("cannot read config " + path.string() + ":2:", 0) == 0);
    CHECK(contains(load_error(dir, "user = \"\xff\"\n"), "cannot read config " + path.string() + ":1:"));
}

TEST_CASE("a value of the wrong type or out of range names the key, its location and what is expected") {
    TempDir dir;
    const std::string p = (dir.path / "config.toml").string();
    CHECK(load_error(dir, "[store]\nlock_timeout = 5\n") ==
          p + ":2:16: store.lock_timeout: expected a duration from 0s to 1h such as \"10s\", got 5");
    CHECK(load_error(dir, "[store]\nlock_timeout = \"5x\"\n") ==
          p + ":2:16: store.lock_timeout: expected a duration from 0s to 1h such as \"10s\", got \"5x\"");
    CHECK(contains(load_error(dir, "[store]\nlock_timeout = \"2h\"\n"), "store.lock_timeout: expected"));
    CHECK(load_text(dir, "[store]\nlock_timeout = \"0s\"\n").lock_timeout == 0);
    CHECK(load_text(dir, "[store]\nlock_timeout = \"1h\"\n").lock_timeout == 3600);

    CHECK(load_error(dir, "[defaults]\npriority = \"P9\"\n") ==
          p + ":2:12: defaults.priority: expected a priority from \"P1\" (most urgent) to \"P4\", got \"P9\"");
    CHECK(load_error(dir, "[defaults]\ntype = \"bug\"\n") ==
          p + ":2:8: defaults.type: expected one of incident, request, problem, change, got \"bug\"");
    CHECK(contains(load_error(dir, "[defaults]\nchannel = \"fax\"\n"),
                   ":2:11: defaults.channel: expected one of phone, email"));
    CHECK(contains(load_error(dir, "[defaults]\ntype = 1\n"), ":2:8: defaults.type: expected one of incident"));
    CHECK(load_error(dir, "user = 3\n") == p + ":1:8: user: expected a user name such as \"alice\", got 3");
    CHECK(load_error(dir, "store = \"x\"\n") == p + ":1:9: store: expected a table ([store]), got \"x\"");
    CHECK(
        contains(load_error(dir, "defaults = [1]\n"), ":1:12: defaults: expected a table ([defaults]), got an array"));
    CHECK(contains(load_error(dir, "limits = 2024-01-01\n"), ":1:10: limits: expected a table ([limits]), got a date"));
    // Control characters in a value are shown escaped, never raw.
    CHECK(contains(load_error(dir, "[defaults]\ntype = \"\\u001b[31m\"\n"), "got \"\\u001B[31m\""));
}

TEST_CASE("an unknown key is a warning naming its location, also inside a known table") {
    TempDir dir;
    const std::string p = (dir.path / "config.toml").string();
    const Config c =
        load_text(dir, "colour = true\n[stroe]\npath = \"x\"\n[store]\npth = \"y\"\n[limits]\nwhatever = 1\n");
    REQUIRE(c.warnings.size() == 4);
    CHECK(c.warnings[0] == p + ":1:1: unknown key 'colour' (ignored)");
    CHECK(c.warnings[1] == p + ":2:2: unknown key 'stroe' (ignored); did you mean 'store'?");
    CHECK(c.warnings[2] == p + ":5:1: unknown key 'store.pth' (ignored); did you mean 'store.path'?");
    CHECK(c.warnings[3] == p + ":7:1: unknown key 'limits.whatever' (ignored)");
    CHECK_FALSE(c.store_path);  // the misspelt keys were not read

    const Config tiers =
        load_text(dir, "[[tier]]\nlevel = 1\nname = \"A\"\ncolor = \"red\"\n[[tier]]\nlevel = 2\nname = \"B\"\n");
    REQUIRE(tiers.warnings.size() == 1);
    CHECK(tiers.warnings[0] == p + ":4:1: unknown key 'tier.color' (ignored)");
}

TEST_CASE("sections read by later features are accepted silently") {
    TempDir dir;
    const std::string text =
        "[kb]\nlanguage = \"en\"\n"
        "[[report]]\nweeks = 4\n";
    const Config c = load_text(dir, text);
    CHECK(c.warnings.empty());
    check_same_values(c, hd::default_config());
}

TEST_CASE("service levels: calendars, policies by priority, type and category, OLAs") {
    TempDir dir;
    const std::string p = (dir.path / "config.toml").string();
    const Config c = load_text(dir,
                               "[calendar.office]\nhours = \"Mon-Fri 09:00-17:00\"\nholidays = [\"2026-12-25\", 2026-12-26]\n"
                               "timezone = \"Europe/Warsaw\"\n"
                               "[sla]\ncalendar = \"office\"\nat_risk = \"10%\"\non_breach = [\"escalate\", \"hook\"]\n"
                               "[sla.P1]\nrespond = \"15m\"\nresolve = \"4h\"\ncalendar = \"24x7\"\nresponse = \"1m\"\n"
                               "[sla.request.P3]\nresolve = \"40h\"\n"
                               "[sla.category.Network.P2]\nrespond = \"30m\"\n"
                               "[ola]\nhold = \"8h\"\n[ola.L1]\npickup = \"30m\"\non_breach = \"priority\"\n");
    const hd::ServiceLevels& l = c.service_levels;
    REQUIRE(l.calendars.count("office") == 1);
    CHECK(l.calendars.at("office").holidays == std::vector<std::string>{"2026-12-25", "2026-12-26"});
    CHECK(l.calendars.at("office").timezone == "Europe/Warsaw");
    CHECK(l.sla.calendar == "office");
    CHECK(l.at_risk == doctest::Approx(0.1));
    CHECK(l.sla.on_breach == std::vector<hd::BreachAction>{hd::BreachAction::escalate, hd::BreachAction::hook});
    CHECK(l.policies.at("P1").respond == 900);
    CHECK(l.policies.at("P1").calendar == "24x7");
    CHECK(l.policies.at("request.P3").resolve == 40 * 3600);
    CHECK(l.policies.at("category.network.P2").respond == 1800);  // categories fold like tickets'
    CHECK(l.ola.hold == 8 * 3600);
    CHECK(l.olas.at(1).pickup == 1800);
    CHECK(l.olas.at(1).on_breach == std::vector<hd::BreachAction>{hd::BreachAction::priority});
    REQUIRE(c.warnings.size() == 1);
    CHECK(c.warnings[0] == p + ":13:1: unknown key 'sla.P1.response' (ignored)");
}

TEST_CASE("service levels: bad values name the file, line and key") {
    TempDir dir;
    const auto error_of = [&](const std::string& text) {
        try {
            load_text(dir, text);
        } catch (const hd::Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error_of("[calendar.office]\nhours = \"Mon-Fry 09:00-17:00\"\n").find("Mon-Fry") != std::string::npos);
    CHECK(error_of("[calendar.office]\ntimezone = \"UTC\"\n").find("needs hours") != std::string::npos);
    CHECK(error_of("[sla.P1]\nrespond = \"1h\"\ncalendar = \"office\"\n").find("no calendar 'office'") !=
          std::string::npos);
    CHECK(error_of("[sla]\nat_risk = 0\n").find("sla.at_risk") != std::string::npos);
    CHECK(error_of("[sla.P2]\nrespond = \"2h\"\nresolve = \"1h\"\n").find("longer than resolve") !=
          std::string::npos);
    CHECK(error_of("[sla.P2]\nresolve = \"0s\"\n").find("sla.P2.resolve") != std::string::npos);
    CHECK(error_of("[sla]\non_breach = [\"page\"]\n").find("'page'") != std::string::npos);
    CHECK(error_of("[ola.L9]\npickup = \"1h\"\n").find("no tier 'L9'") != std::string::npos);
    CHECK(error_of("[calendar.24x7]\nhours = \"Mon 09:00-10:00\"\n").find("built in") != std::string::npos);
}

TEST_CASE("[hooks] and [dedup] are not tables: their keys are top-level, so such a table is an unknown key") {
    TempDir dir;
    const std::string p = (dir.path / "config.toml").string();
    const Config c = load_text(dir, "[hooks]\ndir = \"x\"\n[dedup]\non_resolved = \"new\"\n");
    REQUIRE(c.warnings.size() == 2);
    CHECK(c.warnings[0] == p + ":1:2: unknown key 'hooks' (ignored)");
    CHECK(c.warnings[1] == p + ":3:2: unknown key 'dedup' (ignored)");
    CHECK_FALSE(c.hooks_dir);
}

TEST_CASE("the default config text loads to exactly the defaults, without warnings") {
    TempDir dir;
    const std::string text = hd::default_config_text();
    const Config c = load_text(dir, text);
    CHECK(c.warnings.empty());
    check_same_values(c, hd::default_config());
    // Every key is there to be found and changed, most of them commented out.
    for (const char* line : {"# user = ", "categories = [", "# dedup_on_resolved = \"reopen\"",
                             "# dedup_on_closed = \"new\"", "# hooks_dir = ", "# hook_timeout = \"10s\"", "[store]",
                             "# path = ", "# lock_timeout = \"30s\"", "# [template.disk-full]", "# dedup = ",
                             "[defaults]", "# type = \"incident\"", "# priority = \"P3\"", "# channel = ", "[limits]",
                             "# max_title = 500", "# max_text = \"1MiB\"", "[[tier]]", "name = \"Helpdesk\"",
                             "# [[route]]", "# title_words = ", "# tier = "}) {
        CAPTURE(line);
        CHECK(contains(text, line));
    }
    CHECK(c.routes.empty());
    CHECK(c.origins.at("route") == "default");
}

TEST_CASE("the example routes of the default config text load once uncommented") {
    TempDir dir;
    std::string text;
    std::istringstream in(hd::default_config_text());
    bool in_route = false;
    for (std::string line; std::getline(in, line);) {
        if (line == "# [[route]]") in_route = true;
        if (line.empty()) in_route = false;  // the routes' example ends at the blank line
        if (in_route && line.rfind("# ", 0) == 0) line = line.substr(2);
        if (in_route && line == "#") line.clear();
        text += line + "\n";
    }
    const Config c = load_text(dir, text);
    CHECK(c.warnings.empty());
    REQUIRE(c.routes.size() == 2);
    CHECK(c.routes[0].name == "network outages");
    CHECK(c.routes[0].tier == 2);
    CHECK_FALSE(c.routes[0].title_words.empty());
    CHECK(c.routes[1].tier == 2);
    CHECK(c.routes[1].channels == std::vector<hd::Channel>{hd::Channel::monitoring});
}

TEST_CASE("describe_config is TOML that loads back to the same values, each value with its origin") {
    TempDir dir;
    SUBCASE("the defaults") {
        const std::string text = hd::describe_config(hd::default_config());
        CHECK(contains(text, "# user = (login name)"));
        CHECK(contains(text, "# path = ("));
        CHECK(contains(text, "lock_timeout = \"30s\"  # from default\n"));
        CHECK(contains(text, "dedup_on_resolved = \"reopen\"  # from default\n"));
        CHECK(contains(text, "dedup_on_closed = \"new\"  # from default\n"));
        CHECK(contains(text, "# hooks_dir = ($XDG_CONFIG_HOME/hd/hooks)  # from default\n"));
        CHECK(contains(text, "hook_timeout = \"10s\"  # from default\n"));
        CHECK(contains(text, "# no [template.NAME]"));
        CHECK(contains(text, "max_text = \"1MiB\"  # from default\n"));
        CHECK(contains(text, "[[tier]]  # from default\n"));
        const Config back = load_text(dir, text);
        CHECK(back.warnings.empty());
        check_same_values(back, hd::default_config());
    }
    SUBCASE("a config from a file") {
        const fs::path source = dir.write(
            "source.toml",
            "user = \"bob \\\"the admin\\\"\"\ncategories = []\n[store]\npath = \"/var/lib/hd/hd.db\"\n"
            "lock_timeout = \"90s\"\n[defaults]\ntype = \"change\"\npriority = \"P4\"\nchannel = \"monitoring\"\n"
            "[limits]\nmax_title = 80\nmax_text = 1000\n"
            "[[tier]]\nlevel = 1\nname = \"Desk\"\ndescription = \"Line one\\nline two\"\n"
            "[[tier]]\nlevel = 2\nname = \"Lab\"\n");
        const Config original = hd::load_config(source, true);
        const std::string text = hd::describe_config(original);
        CHECK(contains(text, "user = \"bob \\\"the admin\\\"\"  # from " + source.string() + ":1\n"));
        CHECK(contains(text, "max_title = 80  # from " + source.string() + ":11\n"));
        CHECK(contains(text, "[[tier]]  # from " + source.string() + ":13\n"));
        const Config back = load_text(dir, text);
        CHECK(back.warnings.empty());
        check_same_values(back, original);
    }
    SUBCASE("routes") {
        const fs::path source = dir.write(
            "source.toml",
            "categories = [\"network\", \"réseau\", \"access\"]\n"
            "[[route]]\nname = \"say \\\"down\\\"\"\ncategory = [\"network\", \"Réseau\"]\ntype = \"incident\"\n"
            "channel = [\"email\", \"chat\"]\ntitle_words = [\"down\", \"not working\"]\ntier = \"Experts\"\n"
            "team = \"netops\"\nagent = \"alice\"\n"
            "[[route]]\ntier = 2\ntitle_words = \"password\"\n"
            "[[route]]\ntier = 1\n");
        const Config original = hd::load_config(source, true);
        REQUIRE(original.routes.size() == 3);
        const std::string text = hd::describe_config(original);
        CHECK(contains(text, "[[route]]  # from " + source.string() + ":2\n"));
        CHECK(contains(text, "[[route]]  # from " + source.string() + ":11\n"));
        CHECK(contains(text, "name = \"route 2\"\n"));
        CHECK(contains(text, "tier = 3\n"));
        const Config back = load_text(dir, text);
        CHECK(back.warnings.empty());
        check_same_values(back, original);
    }
    SUBCASE("no routes") {
        const std::string text = hd::describe_config(hd::default_config());
        CHECK(contains(text, "# no [[route]]: every new ticket starts at tier 1\n"));
    }
}

TEST_CASE("a missing file gives the defaults, unless it must exist") {
    TempDir dir;
    const fs::path path = dir.path / "absent.toml";
    const Config c = hd::load_config(path, false);
    CHECK_FALSE(c.loaded);
    CHECK(c.path == path);
    check_same_values(c, hd::default_config());
    CHECK(c.origins.at("user") == "default");
    CHECK(usage_error([&] { (void)hd::load_config(path, true); }) ==
          "config file " + path.string() + " does not exist");
}

TEST_CASE("a directory or an unreadable file is a usage error") {
    TempDir dir;
    CHECK(contains(usage_error([&] { (void)hd::load_config(dir.path, false); }), dir.path.string()));
    if (::geteuid() != 0) {  // root reads any file, whatever its mode
        const fs::path path = dir.write("locked.toml", "user = \"a\"\n");
        fs::permissions(path, fs::perms::none);
        CHECK(contains(usage_error([&] { (void)hd::load_config(path, false); }),
                       "cannot read config file " + path.string()));
    }
}

TEST_CASE("find_tier takes a level, an L label or a name in any case") {
    const Config c = hd::default_config();
    CHECK(hd::find_tier(c, "2") == 2);
    CHECK(hd::find_tier(c, "L2") == 2);
    CHECK(hd::find_tier(c, "l3") == 3);
    CHECK(hd::find_tier(c, "Support") == 2);
    CHECK(hd::find_tier(c, "support") == 2);
    CHECK(hd::find_tier(c, "HELPDESK") == 1);
    CHECK_FALSE(hd::find_tier(c, "0"));
    CHECK_FALSE(hd::find_tier(c, "4"));
    CHECK_FALSE(hd::find_tier(c, "L4"));
    CHECK_FALSE(hd::find_tier(c, "L"));
    CHECK_FALSE(hd::find_tier(c, ""));
    CHECK_FALSE(hd::find_tier(c, "99999999999999999999"));
    CHECK_FALSE(hd::find_tier(c, "Wizards"));
    CHECK_FALSE(hd::find_tier(c, "-1"));

    REQUIRE(hd::tier_by_level(c, 3) != nullptr);
    CHECK(hd::tier_by_level(c, 3)->name == "Experts");
    CHECK(hd::tier_by_level(c, 4) == nullptr);
    CHECK(hd::tier_by_level(c, 0) == nullptr);
}

TEST_CASE("dedup policies, hooks_dir and hook_timeout are read, each with its origin") {
    TempDir dir;
    const std::string p = (dir.path / "config.toml").string();
    const Config c = load_text(dir,
                               "dedup_on_resolved = \"append\"\n"        // 1
                               "dedup_on_closed = \"Reopen\"\n"          // 2
                               "hooks_dir = \"/etc/hd/hooks\"\n"         // 3
                               "hook_timeout = \"1m30s\"\n"              // 4
                               "[store]\nlock_timeout = \"10s\"\n");     // 5, 6
    CHECK(c.warnings.empty());
    CHECK(c.dedup_on_resolved == hd::DedupOnResolved::append);
    CHECK(c.dedup_on_closed == hd::DedupOnClosed::reopen);
    CHECK(c.hooks_dir == "/etc/hd/hooks");
    CHECK(c.hook_timeout == 90);
    CHECK(c.lock_timeout == 10);
    CHECK(c.origins.at("dedup_on_resolved") == p + ":1");
    CHECK(c.origins.at("dedup_on_closed") == p + ":2");
    CHECK(c.origins.at("hooks_dir") == p + ":3");
    CHECK(c.origins.at("hook_timeout") == p + ":4");
    CHECK(load_text(dir, "dedup_on_resolved = \"new\"\n").dedup_on_resolved == hd::DedupOnResolved::new_ticket);
    CHECK(load_text(dir, "dedup_on_resolved = \"reopen\"\n").dedup_on_resolved == hd::DedupOnResolved::reopen);
    CHECK(load_text(dir, "dedup_on_closed = \"new\"\n").dedup_on_closed == hd::DedupOnClosed::new_ticket);
    CHECK(load_text(dir, "hook_timeout = \"1s\"\n").hook_timeout == 1);
    CHECK(load_text(dir, "hook_timeout = \"1h\"\n").hook_timeout == 3600);
    CHECK(hd::to_string(hd::DedupOnResolved::new_ticket) == "new");
    CHECK(hd::to_string(hd::DedupOnClosed::new_ticket) == "new");
}

TEST_CASE("a bad dedup policy, hooks_dir or hook_timeout names the key, its location and what is expected") {
    TempDir dir;
    const std::string p = (dir.path / "config.toml").string();
    CHECK(load_error(dir, "dedup_on_resolved = \"ignore\"\n") ==
          p + ":1:21: dedup_on_resolved: expected one of \"reopen\", \"new\", \"append\", got \"ignore\"");
    CHECK(load_error(dir, "dedup_on_resolved = 1\n") ==
          p + ":1:21: dedup_on_resolved: expected one of \"reopen\", \"new\", \"append\", got 1");
    CHECK(load_error(dir, "dedup_on_closed = \"append\"\n") ==
          p + ":1:19: dedup_on_closed: expected one of \"new\", \"reopen\", got \"append\"");
    CHECK(load_error(dir, "hook_timeout = \"0s\"\n") ==
          p + ":1:16: hook_timeout: expected a duration from 1s to 1h such as \"10s\", got \"0s\"");
    for (const char* bad : {"\"2h\"", "\"soon\"", "10", "\"\""}) {
        CAPTURE(bad);
        CHECK(contains(load_error(dir, std::string("hook_timeout = ") + bad + "\n"),
                       ":1:16: hook_timeout: expected a duration from 1s to 1h"));
    }
    CHECK(contains(load_error(dir, "hooks_dir = \"\"\n"), ":1:13: hooks_dir: expected a directory"));
    CHECK(contains(load_error(dir, "hooks_dir = [\"a\"]\n"), ":1:13: hooks_dir: expected a directory"));
    // A policy written inside a table is that table's key, as TOML says: a warning, not a silent default.
    const Config c = load_text(dir, "[store]\ndedup_on_resolved = \"new\"\n");
    REQUIRE(c.warnings.size() == 1);
    CHECK(contains(c.warnings[0], ":2:1: unknown key 'store.dedup_on_resolved' (ignored)"));
}

TEST_CASE("hooks_dir expands ~ with HOME and reads a relative path from the config file's directory") {
    TempDir dir;
    {
        ScopedEnv home("HOME", "/home/alice");
        CHECK(load_text(dir, "hooks_dir = \"~/hooks\"\n").hooks_dir == "/home/alice/hooks");
        CHECK(contains(load_error(dir, "hooks_dir = \"~bob/hooks\"\n"), "hooks_dir: only ~ and ~/ are expanded"));
    }
    CHECK(load_text(dir, "hooks_dir = \"hooks\"\n").hooks_dir == (dir.path / "hooks").string());
}

TEST_CASE("[template.NAME] tables are read with every key, an origin each, and the tiers of the file") {
    TempDir dir;
    const std::string p = (dir.path / "config.toml").string();
    const std::string text =
        "categories = [\"hardware\", \"software\"]\n"                     // 1
        "[template.disk-full]\n"                                           // 2
        "title = \" Disk {mount} on {host} is {use}% full \"\n"           // 3
        "description = \"\"\"\n{mount}: free space.\n{{literal}}\n\"\"\"\n"  // 4-7
        "type = \"incident\"\n"                                            // 8
        "category = \"Hardware\"\n"                                        // 9
        "priority = \"p2\"\n"                                              // 10
        "tier = \"Lab\"\n"                                                 // 11
        "tags = [\"disk\", \"Host-{host}\", \"disk\"]\n"                   // 12
        "assignee = \"alice\"\n"                                           // 13
        "requester = \"{host}@example.com\"\n"                             // 14
        "channel = \"monitoring\"\n"                                       // 15
        "dedup = \"disk-{host}-{mount}\"\n"                                // 16
        "[template.weekly]\n"                                              // 17
        "title = \"Weekly check\"\n"                                       // 18
        "tags = \"routine\"\n"                                             // 19
        "category = \"{kind}\"\n"                                          // 20
        "[[tier]]\nlevel = 1\nname = \"Desk\"\n"
        "[[tier]]\nlevel = 2\nname = \"Lab\"\n";
    const Config c = load_text(dir, text);
    CHECK(c.warnings.empty());
    REQUIRE(c.templates.size() == 2);
    const hd::TemplateConfig& t = c.templates.at("disk-full");
    CHECK(t.name == "disk-full");
    CHECK(t.title == "Disk {mount} on {host} is {use}% full");
    CHECK(t.description == "{mount}: free space.\n{{literal}}");
    CHECK(t.type == hd::TicketType::incident);
    CHECK(t.category == "hardware");
    CHECK(t.priority == hd::Priority{2});
    CHECK(t.tier == 2);
    CHECK(t.tags == std::vector<std::string>{"disk", "Host-{host}"});
    CHECK(t.assignee == "alice");
    CHECK(t.requester == "{host}@example.com");
    CHECK(t.channel == hd::Channel::monitoring);
    CHECK(t.dedup == "disk-{host}-{mount}");
    CHECK(t.origin == p + ":2");

    const hd::TemplateConfig& w = c.templates.at("weekly");
    CHECK(w.title == "Weekly check");
    CHECK(w.tags == std::vector<std::string>{"routine"});
    CHECK(w.category == "{kind}");  // filled, then checked, when the ticket is filed
    CHECK_FALSE(w.description);
    CHECK_FALSE(w.type);
    CHECK_FALSE(w.priority);
    CHECK_FALSE(w.tier);
    CHECK_FALSE(w.channel);
    CHECK_FALSE(w.dedup);
    CHECK(w.origin == p + ":17");
    CHECK(c.origins.at("template") == p + ":2");
    CHECK(load_text(dir, "[template.x]\ntitle = \"X\"\ntier = 3\n").templates.at("x").tier == 3);
    CHECK(load_text(dir, "[template.x]\ntitle = \"X\"\ntags = []\n").templates.at("x").tags.empty());
}

TEST_CASE("a bad template value names the file, line and column, the template and the key") {
    TempDir dir;
    const std::string p = (dir.path / "config.toml").string();
    auto in_template = [&](const std::string& lines) {
        return load_error(dir, "[template.disk]\ntitle = \"Disk\"\n" + lines + "\n");
    };
    CHECK(in_template("type = \"bug\"") ==
          p + ":3:8: template.disk.type: expected one of incident, request, problem, change, got \"bug\"");
    CHECK(in_template("priority = \"P5\"") ==
          p + ":3:12: template.disk.priority: expected a priority from \"P1\" (most urgent) to \"P4\", got \"P5\"");
    CHECK(contains(in_template("channel = \"fax\""), p + ":3:11: template.disk.channel: expected one of phone"));
    CHECK(in_template("tier = 4") == p + ":3:8: template.disk.tier: expected a tier from 1 to 3: its level, \"L2\" or "
                                         "its name (Helpdesk, Support, Experts), got 4");
    CHECK(contains(in_template("tier = \"Wizards\""), p + ":3:8: template.disk.tier: expected a tier"));
    CHECK(in_template("tags = [\"disk\", \"two words\"]") ==
          p + ":3:17: template.disk.tags: \"two words\" is not one word; a tag has no spaces or commas");
    CHECK(contains(in_template("tags = [\"a,b\"]"), p + ":3:9: template.disk.tags: \"a,b\" is not one word"));
    CHECK(contains(in_template("tags = [1]"), p + ":3:9: template.disk.tags: expected a tag or a list of tags"));
    CHECK(in_template("category = \"vpn\"") ==
          p + ":3:12: template.disk.category: 'vpn' is not one of the categories (access, account, email, hardware, "
              "network, printer, software, other)");
    CHECK(contains(in_template("assignee = \"\""), p + ":3:12: template.disk.assignee: expected an agent name"));
    CHECK(contains(in_template("requester = 5"), p + ":3:13: template.disk.requester: expected a name or address"));
    CHECK(contains(in_template("dedup = \"a\\nb\""), p + ":3:9: template.disk.dedup: expected a dedup key"));
    CHECK(contains(in_template("description = 3"), p + ":3:15: template.disk.description: expected a text"));
    CHECK(in_template("dedup = \"disk-{host\"") ==
          p + ":3:9: template.disk.dedup: the '{' at character 6 is not closed; write '{{' for a literal brace");
    CHECK(contains(load_error(dir, "[template.disk]\ntitle = \"Disk } full\"\n"),
                   p + ":2:9: template.disk.title: the '}' at character 6 has no '{'"));
    CHECK(contains(load_error(dir, "[template.disk]\ntitle = \"Disk\"\ndescription = \"{\\\"json\\\": 1}\"\n"),
                   p + ":3:15: template.disk.description: '{\"json\": 1}' at character 1 is not a placeholder"));
    CHECK(contains(in_template("tags = [\"{a\"]"), p + ":3:9: template.disk.tags: the '{' at character 1"));

    CHECK(load_error(dir, "[template.disk]\ndescription = \"x\"\n") ==
          p + ":1:1: template.disk: missing key 'title' (the new ticket's title, such as \"Disk {mount} on {host} is "
              "full\")");
    CHECK(contains(load_error(dir, "[template.disk]\ntitle = \"  \"\n"),
                   p + ":2:9: template.disk.title: expected a one-line title"));
    CHECK(contains(load_error(dir, "[template.disk]\ntitle = \"a\\nb\"\n"),
                   p + ":2:9: template.disk.title: expected a one-line title"));
    CHECK(contains(load_error(dir, "[template]\ndisk = 3\n"),
                   p + ":2:8: template.disk: expected a table ([template.disk]) with at least a title, got 3"));
    CHECK(contains(load_error(dir, "template = 3\n"),
                   p + ":1:12: template: expected [template.NAME] tables, each with at least a title, got 3"));
    CHECK(contains(load_error(dir, "[template.\"disk full\"]\ntitle = \"x\"\n"),
                   p + ":1:11: template: \"disk full\" is not a template name"));
}

TEST_CASE("a template's tier and category are checked against the tiers and categories of the whole file") {
    TempDir dir;
    const std::string tiers = "[[tier]]\nlevel = 1\nname = \"Desk\"\n[[tier]]\nlevel = 2\nname = \"Lab\"\n";
    CHECK(load_text(dir, "[template.x]\ntitle = \"X\"\ntier = \"lab\"\n" + tiers).templates.at("x").tier == 2);
    CHECK(contains(load_error(dir, "[template.x]\ntitle = \"X\"\ntier = 3\n" + tiers),
                   ":3:8: template.x.tier: expected a tier from 1 to 2"));
    CHECK(load_text(dir, "categories = []\n[template.x]\ntitle = \"X\"\ncategory = \"VPN\"\n")
              .templates.at("x")
              .category == "vpn");
    CHECK(load_text(dir, "categories = [\"vpn\"]\n[template.x]\ntitle = \"X\"\ncategory = \"{kind}\"\n")
              .templates.at("x")
              .category == "{kind}");
}

TEST_CASE("an unknown key in a template is a warning, with the key it looks like") {
    TempDir dir;
    const std::string p = (dir.path / "config.toml").string();
    const Config c = load_text(dir, "[template.disk]\ntitle = \"Disk\"\ntagz = [\"disk\"]\nimpact = \"high\"\n");
    REQUIRE(c.warnings.size() == 2);
    CHECK(c.warnings[0] == p + ":3:1: unknown key 'template.disk.tagz' (ignored); did you mean 'template.disk.tags'?");
    CHECK(c.warnings[1] == p + ":4:1: unknown key 'template.disk.impact' (ignored)");
    CHECK(c.templates.at("disk").tags.empty());
}

TEST_CASE("describe_config prints the templates and the new keys as TOML that loads back the same") {
    TempDir dir;
    const fs::path source = dir.write(
        "source.toml",
        "dedup_on_resolved = \"append\"\ndedup_on_closed = \"reopen\"\nhooks_dir = \"/srv/hooks\"\n"
        "hook_timeout = \"2m\"\n"
        "[template.disk-full]\ntitle = \"Disk {mount} \\\"{host}\\\"\"\ndescription = \"Line one\\nline {{two}}\"\n"
        "type = \"incident\"\ncategory = \"hardware\"\npriority = \"P2\"\ntier = \"Experts\"\n"
        "tags = [\"disk\", \"host-{host}\"]\nassignee = \"alice\"\nrequester = \"ops\"\nchannel = \"monitoring\"\n"
        "dedup = \"disk-{host}-{mount}\"\n"
        "[template.plain]\ntitle = \"Plain\"\ntags = \"one\"\n");
    const Config original = hd::load_config(source, true);
    const std::string text = hd::describe_config(original);
    CHECK(contains(text, "dedup_on_resolved = \"append\"  # from " + source.string() + ":1\n"));
    CHECK(contains(text, "hooks_dir = \"/srv/hooks\"  # from " + source.string() + ":3\n"));
    CHECK(contains(text, "hook_timeout = \"2m\"  # from " + source.string() + ":4\n"));
    CHECK(contains(text, "[template.disk-full]  # from " + source.string() + ":5\n"));
    CHECK(contains(text, "tier = 3\n"));
    CHECK(contains(text, "tags = [\"disk\", \"host-{host}\"]\n"));
    CHECK(contains(text, "[template.plain]  # from " + source.string() + ":17\n"));
    const Config back = load_text(dir, text);
    CHECK(back.warnings.empty());
    check_same_values(back, original);
}

TEST_CASE("the example template of the default config text loads once uncommented") {
    TempDir dir;
    std::string text;
    std::istringstream in(hd::default_config_text());
    bool in_template = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("# [template.", 0) == 0) in_template = true;
        if (in_template && line.empty()) in_template = false;
        if (in_template) line = line.substr(2);
        text += line + "\n";
    }
    const Config c = load_text(dir, text);
    CHECK(c.warnings.empty());
    REQUIRE(c.templates.size() == 1);
    const hd::TemplateConfig& t = c.templates.begin()->second;
    CHECK(t.name == "disk-full");
    CHECK(t.dedup == "disk-{host}-{mount}");
    CHECK(t.tier == 1);
    CHECK(t.tags == std::vector<std::string>{"disk", "monitoring"});
}

TEST_CASE("the example service levels of the default config text load once uncommented") {
    TempDir dir;
    std::string text;
    std::istringstream in(hd::default_config_text());
    bool in_example = false;
    for (std::string line; std::getline(in, line);) {
        if (line == "# [calendar.office]") in_example = true;
        // Every commented line but the two of prose before [ola.L1].
        if (in_example && line.rfind("# ", 0) == 0 && line.rfind("# Per-tier", 0) != 0 &&
            line.rfind("# tier may", 0) != 0)
            line = line.substr(2);
        if (in_example && line == "#") line.clear();
        text += line + "\n";
    }
    const Config c = load_text(dir, text);
    CHECK(c.warnings.empty());
    const hd::ServiceLevels& l = c.service_levels;
    CHECK(l.calendars.at("office").timezone == "Europe/Warsaw");
    CHECK(l.policies.at("P1").resolve == 4 * 3600);
    CHECK(l.policies.at("P3").resolve == 24 * 3600);
    CHECK(l.olas.at(1).hold == 4 * 3600);
}
