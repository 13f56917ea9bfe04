// Routing rule matching: conditions, any-of lists, whole-word titles, first match wins, the reasons given.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/rules/routing.hpp"

using namespace hd;

namespace {

RouteRule rule(std::string name, int tier) {
    RouteRule r;
    r.name = std::move(name);
    r.tier = tier;
    return r;
}

Config with_routes(std::vector<RouteRule> routes) {
    Config config = default_config();
    config.routes = std::move(routes);
    return config;
}

RoutingInput ticket(std::string title, std::optional<std::string> category = std::nullopt,
                    TicketType type = TicketType::incident, std::optional<Channel> channel = std::nullopt) {
    RoutingInput input;
    input.title = std::move(title);
    input.category = std::move(category);
    input.type = type;
    input.channel = channel;
    return input;
}

}  // namespace

TEST_CASE("no rules, or no rule matching: tier 1 without team or agent") {
    const Config none = with_routes({});
    const RoutingDecision empty = route_ticket(none, ticket("Printer jammed", "printer"));
    CHECK(empty.rule == nullptr);
    CHECK(empty.tier == 1);
    CHECK_FALSE(empty.team);
    CHECK_FALSE(empty.agent);
    CHECK(empty.verdicts.empty());

    RouteRule network = rule("network", 2);
    network.categories = {"network"};
    network.team = "netops";
    const Config config = with_routes({network});
    const RoutingDecision d = route_ticket(config, ticket("Printer jammed", "printer"));
    CHECK(d.rule == nullptr);
    CHECK(d.tier == 1);
    CHECK_FALSE(d.team);
    CHECK_FALSE(d.agent);
    REQUIRE(d.verdicts.size() == 1);
    CHECK_FALSE(d.verdicts[0].matched);
    CHECK(d.verdicts[0].rule == &config.routes[0]);
}

TEST_CASE("the first matching rule wins, and verdicts stop at it") {
    RouteRule vpn = rule("vpn", 3);
    vpn.categories = {"vpn"};
    RouteRule network = rule("network", 2);
    network.categories = {"network"};
    network.team = "netops";
    network.agent = "alice";
    RouteRule also_network = rule("also network", 3);
    also_network.categories = {"network"};
    RouteRule everything = rule("everything", 2);
    const Config config = with_routes({vpn, network, also_network, everything});

    const RoutingDecision d = route_ticket(config, ticket("Wifi flaky", "network"));
    REQUIRE(d.rule == &config.routes[1]);
    CHECK(d.tier == 2);
    CHECK(d.team == "netops");
    CHECK(d.agent == "alice");
    REQUIRE(d.verdicts.size() == 2);
    CHECK_FALSE(d.verdicts[0].matched);
    CHECK(d.verdicts[0].rule == &config.routes[0]);
    CHECK(d.verdicts[1].matched);
    CHECK(d.verdicts[1].rule == &config.routes[1]);
}

TEST_CASE("a rule with no conditions matches every ticket") {
    const Config config = with_routes({rule("catch-all", 2)});
    for (const RoutingInput& input : {ticket(""), ticket("Anything", "printer", TicketType::change, Channel::phone)}) {
        const RoutingDecision d = route_ticket(config, input);
        REQUIRE(d.rule == &config.routes[0]);
        CHECK(d.tier == 2);
        REQUIRE(d.verdicts.size() == 1);
        CHECK(d.verdicts[0].reasons == std::vector<std::string>{"no conditions: matches every ticket"});
    }
}

TEST_CASE("category: any of the listed ones, compared casefolded") {
    RouteRule r = rule("network", 2);
    r.categories = {"network", "vpn", "réseau"};
    const Config config = with_routes({r});
    for (const char* category : {"network", "VPN", "Network", "RÉSEAU", "Réseau"}) {
        CAPTURE(category);
        CHECK(route_ticket(config, ticket("x", category)).tier == 2);
    }
    // A decomposed é (e + U+0301) is the same category as a composed one.
    CHECK(route_ticket(config, ticket("x", "re\xcc\x81seau")).tier == 2);
    for (const char* category : {"printer", "networks", "net", ""}) {
        CAPTURE(category);
        CHECK(route_ticket(config, ticket("x", category)).tier == 1);
    }
    CHECK(route_ticket(config, ticket("x")).tier == 1);  // no category at all

    const auto matched = route_ticket(config, ticket("x", "VPN")).verdicts.at(0).reasons;
    CHECK(matched == std::vector<std::string>{"category is VPN (wanted network, vpn or réseau)"});
    const auto other = route_ticket(config, ticket("x", "printer")).verdicts.at(0).reasons;
    CHECK(other == std::vector<std::string>{"category is printer, not network, vpn or réseau"});
    const auto missing = route_ticket(config, ticket("x")).verdicts.at(0).reasons;
    CHECK(missing == std::vector<std::string>{"ticket has no category (wanted network, vpn or réseau)"});
}

TEST_CASE("type: any of the listed ones") {
    RouteRule r = rule("requests", 2);
    r.types = {TicketType::request, TicketType::change};
    const Config config = with_routes({r});
    CHECK(route_ticket(config, ticket("x", std::nullopt, TicketType::request)).tier == 2);
    CHECK(route_ticket(config, ticket("x", std::nullopt, TicketType::change)).tier == 2);
    CHECK(route_ticket(config, ticket("x", std::nullopt, TicketType::incident)).tier == 1);
    CHECK(route_ticket(config, ticket("x", std::nullopt, TicketType::problem)).tier == 1);
    CHECK(route_ticket(config, ticket("x", std::nullopt, TicketType::incident)).verdicts.at(0).reasons ==
          std::vector<std::string>{"type is incident, not request or change"});
    CHECK(route_ticket(config, ticket("x", std::nullopt, TicketType::change)).verdicts.at(0).reasons ==
          std::vector<std::string>{"type is change (wanted request or change)"});
}

TEST_CASE("channel: any of the listed ones; a ticket without a channel does not match") {
    RouteRule r = rule("alerts", 3);
    r.channels = {Channel::monitoring};
    const Config config = with_routes({r});
    CHECK(route_ticket(config, ticket("x", std::nullopt, TicketType::incident, Channel::monitoring)).tier == 3);
    CHECK(route_ticket(config, ticket("x", std::nullopt, TicketType::incident, Channel::email)).tier == 1);
    CHECK(route_ticket(config, ticket("x")).tier == 1);
    CHECK(
        route_ticket(config, ticket("x", std::nullopt, TicketType::incident, Channel::email)).verdicts.at(0).reasons ==
        std::vector<std::string>{"channel is email, not monitoring"});
    CHECK(route_ticket(config, ticket("x")).verdicts.at(0).reasons ==
          std::vector<std::string>{"ticket has no channel (wanted monitoring)"});
    CHECK(route_ticket(config, ticket("x", std::nullopt, TicketType::incident, Channel::monitoring))
              .verdicts.at(0)
              .reasons == std::vector<std::string>{"channel is monitoring (wanted monitoring)"});
}

TEST_CASE("title words: any of them, whole words, in any case") {
    RouteRule r = rule("outages", 2);
    r.title_words = {"outage", "Down"};
    const Config config = with_routes({r});
    for (const char* title : {"Server down!", "down", "DOWN: web1", "Major OUTAGE in Paris", "web1 is down.", "(down)",
                              "site-down", "down_again? no: down"}) {
        CAPTURE(title);
        CHECK(route_ticket(config, ticket(title)).tier == 2);
    }
    for (const char* title : {"download fails", "Slowdown", "downtime planned", "outages", "", "d o w n"}) {
        CAPTURE(title);
        CHECK(route_ticket(config, ticket(title)).tier == 1);
    }
    CHECK(route_ticket(config, ticket("Server down!")).verdicts.at(0).reasons ==
          std::vector<std::string>{"title has the word \"Down\" (wanted \"outage\" or \"Down\")"});
    CHECK(route_ticket(config, ticket("download fails")).verdicts.at(0).reasons ==
          std::vector<std::string>{"title has none of the words \"outage\" or \"Down\""});

    RouteRule single = rule("vpn", 2);
    single.title_words = {"vpn"};
    CHECK(route_ticket(with_routes({single}), ticket("Printer")).verdicts.at(0).reasons ==
          std::vector<std::string>{"title does not have the word \"vpn\""});
}

TEST_CASE("whole-word matching treats non-ASCII letters as letters and folds their case") {
    CHECK(has_whole_word("Quên mật khẩu", "mật"));
    CHECK(has_whole_word("QUÊN MẬT KHẨU", "mật"));
    CHECK(has_whole_word("mật", "MẬT"));
    CHECK_FALSE(has_whole_word("mậtkhẩu", "mật"));
    CHECK_FALSE(has_whole_word("Kennwort vergessen", "wort"));
    CHECK(has_whole_word("Straße gesperrt", "STRASSE"));  // full case folding: ß is ss
    CHECK_FALSE(has_whole_word("écran", "cran"));         // é is a letter: no boundary before "cran"
    CHECK(has_whole_word("Server down!", "down"));
    CHECK_FALSE(has_whole_word("download", "down"));
    CHECK_FALSE(has_whole_word("anything", ""));
    CHECK(has_whole_word("error 404 on the portal", "404"));
    CHECK_FALSE(has_whole_word("error 4040", "404"));
    // A word of several words, or with punctuation at its edge.
    CHECK(has_whole_word("VPN not working since noon", "not working"));
    CHECK_FALSE(has_whole_word("VPN not workings", "not working"));
    CHECK(has_whole_word("see ticket#123", "#123"));
    CHECK(has_whole_word("e-mail bounces", "e-mail"));
    // A later occurrence is found when the first one is inside a longer word.
    CHECK(has_whole_word("downloads are down", "down"));
}

TEST_CASE("every condition must hold, and each gets its reason even after one fails") {
    RouteRule r = rule("network outages by email", 3);
    r.categories = {"network"};
    r.types = {TicketType::incident};
    r.channels = {Channel::email, Channel::chat};
    r.title_words = {"outage", "down"};
    r.team = "netops";
    const Config config = with_routes({r});

    const RoutingDecision all =
        route_ticket(config, ticket("Site down", "network", TicketType::incident, Channel::chat));
    CHECK(all.tier == 3);
    CHECK(all.team == "netops");
    REQUIRE(all.verdicts.size() == 1);
    CHECK(all.verdicts[0].matched);
    CHECK(all.verdicts[0].reasons ==
          std::vector<std::string>{"category is network (wanted network)", "type is incident (wanted incident)",
                                   "channel is chat (wanted email or chat)",
                                   "title has the word \"down\" (wanted \"outage\" or \"down\")"});

    // Only the category is wrong: no match, and still four reasons.
    const RoutingDecision one_off =
        route_ticket(config, ticket("Site down", "email", TicketType::incident, Channel::chat));
    CHECK(one_off.rule == nullptr);
    CHECK(one_off.tier == 1);
    CHECK_FALSE(one_off.team);
    REQUIRE(one_off.verdicts.size() == 1);
    CHECK_FALSE(one_off.verdicts[0].matched);
    REQUIRE(one_off.verdicts[0].reasons.size() == 4);
    CHECK(one_off.verdicts[0].reasons[0] == "category is email, not network");
    CHECK(one_off.verdicts[0].reasons[3] == "title has the word \"down\" (wanted \"outage\" or \"down\")");

    CHECK(route_ticket(config, ticket("Site down", "network", TicketType::request, Channel::chat)).tier == 1);
    CHECK(route_ticket(config, ticket("Site down", "network", TicketType::incident, Channel::phone)).tier == 1);
    CHECK(route_ticket(config, ticket("Site slow", "network", TicketType::incident, Channel::chat)).tier == 1);
}

TEST_CASE("a later rule catches what an earlier one lets pass; the decision points into the config") {
    Config config = default_config();
    RouteRule first = rule("route 1", 2);
    first.title_words = {"password"};
    first.agent = "bob";
    config.routes = {first, rule("route 2", 3)};
    const RoutingDecision reset = route_ticket(config, ticket("Password reset for carol"));
    CHECK(reset.rule == &config.routes[0]);
    CHECK(reset.tier == 2);
    CHECK(reset.agent == "bob");
    const RoutingDecision other = route_ticket(config, ticket("New laptop"));
    CHECK(other.rule == &config.routes[1]);
    CHECK(other.tier == 3);
    CHECK_FALSE(other.agent);
    REQUIRE(other.verdicts.size() == 2);
    CHECK(other.verdicts[0].reasons == std::vector<std::string>{"title does not have the word \"password\""});
}
