// Routing rule matching, with a readable reason for every condition checked.
#include "core/rules/routing.hpp"

#include <algorithm>
#include <string_view>

#include "core/text/utf8.hpp"

namespace hd {
namespace {

bool is_word_byte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x80 || (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z');
}

// "network", "network or vpn", "network, vpn or email".
template <typename T, typename Text>
std::string any_of(const std::vector<T>& values, Text text) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
        out += text(values[i]);
    }
    return out;
}

std::string in_quotes(std::string_view text) {
    return "\"" + std::string(text) + "\"";
}

std::string same(const std::string& text) {
    return text;
}

// Appends the reason for one condition; returns whether it held.
bool check_category(const RouteRule& rule, const RoutingInput& input, std::vector<std::string>& reasons) {
    const std::string wanted = any_of(rule.categories, same);
    if (!input.category || input.category->empty()) {
        reasons.push_back("ticket has no category (wanted " + wanted + ")");
        return false;
    }
    const std::string folded = casefold(*input.category);
    const bool held = std::any_of(rule.categories.begin(), rule.categories.end(),
                                  [&](const std::string& category) { return casefold(category) == folded; });
    reasons.push_back(held ? "category is " + *input.category + " (wanted " + wanted + ")"
                           : "category is " + *input.category + ", not " + wanted);
    return held;
}

bool check_type(const RouteRule& rule, const RoutingInput& input, std::vector<std::string>& reasons) {
    const std::string wanted = any_of(rule.types, [](TicketType t) { return std::string(to_string(t)); });
    const std::string type(to_string(input.type));
    const bool held = std::find(rule.types.begin(), rule.types.end(), input.type) != rule.types.end();
    reasons.push_back(held ? "type is " + type + " (wanted " + wanted + ")" : "type is " + type + ", not " + wanted);
    return held;
}

bool check_channel(const RouteRule& rule, const RoutingInput& input, std::vector<std::string>& reasons) {
    const std::string wanted = any_of(rule.channels, [](Channel c) { return std::string(to_string(c)); });
    if (!input.channel) {
        reasons.push_back("ticket has no channel (wanted " + wanted + ")");
        return false;
    }
    const std::string channel(to_string(*input.channel));
    const bool held = std::find(rule.channels.begin(), rule.channels.end(), *input.channel) != rule.channels.end();
    reasons.push_back(held ? "channel is " + channel + " (wanted " + wanted + ")"
                           : "channel is " + channel + ", not " + wanted);
    return held;
}

// has_whole_word on text and word already casefolded.
bool has_folded_word(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) return false;
    // Only an edge of the word that is a word character needs a boundary: "#123" is found in "a#123".
    const bool check_before = is_word_byte(needle.front());
    const bool check_after = is_word_byte(needle.back());
    for (std::size_t at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + 1)) {
        const std::size_t end = at + needle.size();
        if (check_before && at > 0 && is_word_byte(haystack[at - 1])) continue;
        if (check_after && end < haystack.size() && is_word_byte(haystack[end])) continue;
        return true;
    }
    return false;
}

bool check_title(const RouteRule& rule, const RoutingInput& input, std::vector<std::string>& reasons) {
    const std::string folded_title = casefold(input.title);
    for (const std::string& word : rule.title_words) {
        if (has_folded_word(folded_title, casefold(word))) {
            reasons.push_back("title has the word " + in_quotes(word) + " (wanted " +
                              any_of(rule.title_words, in_quotes) + ")");
            return true;
        }
    }
    if (rule.title_words.size() == 1)
        reasons.push_back("title does not have the word " + in_quotes(rule.title_words.front()));
    else
        reasons.push_back("title has none of the words " + any_of(rule.title_words, in_quotes));
    return false;
}

RuleVerdict judge(const RouteRule& rule, const RoutingInput& input) {
    RuleVerdict verdict;
    verdict.rule = &rule;
    // Every condition is checked, not only up to the first that fails, so that an explanation is complete.
    bool held = true;
    if (!rule.categories.empty() && !check_category(rule, input, verdict.reasons)) held = false;
    if (!rule.types.empty() && !check_type(rule, input, verdict.reasons)) held = false;
    if (!rule.channels.empty() && !check_channel(rule, input, verdict.reasons)) held = false;
    if (!rule.title_words.empty() && !check_title(rule, input, verdict.reasons)) held = false;
    verdict.matched = held;
    if (verdict.reasons.empty()) verdict.reasons.push_back("no conditions: matches every ticket");
    return verdict;
}

}  // namespace

bool has_whole_word(std::string_view text, std::string_view word) {
    return has_folded_word(casefold(text), casefold(word));
}

RoutingDecision route_ticket(const Config& config, const RoutingInput& input) {
    RoutingDecision decision;
    for (const RouteRule& rule : config.routes) {
        decision.verdicts.push_back(judge(rule, input));
        if (!decision.verdicts.back().matched) continue;
        decision.rule = &rule;
        decision.tier = rule.tier;
        decision.team = rule.team;
        decision.agent = rule.agent;
        break;
    }
    return decision;
}

}  // namespace hd
