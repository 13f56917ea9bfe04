// Ticket templates ([template.NAME] in the config): {var} placeholders filled from `--var KEY=VALUE`.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/model/ticket.hpp"

namespace hd {

// The values given with --var, by placeholder name.
using TemplateVars = std::map<std::string, std::string>;

// What a template fills in once every placeholder has its value. The fields are as the template has
// them (nullopt, or empty tags, where it sets nothing); hd open's options then override them, and the
// ticket service checks them like any typed value.
struct ExpandedTemplate {
    std::string title;
    std::optional<std::string> description;
    std::optional<TicketType> type;
    std::optional<std::string> category;
    std::optional<Priority> priority;
    std::optional<int> tier;
    std::vector<std::string> tags;
    std::optional<std::string> assignee;
    std::optional<std::string> requester;
    std::optional<Channel> channel;
    std::optional<std::string> dedup;  // the dedup key
};

// A placeholder's name: one or more ASCII letters, digits, '_' or '-'.
bool is_placeholder_name(std::string_view name);

// Each argument is KEY=VALUE: KEY a placeholder name, VALUE any text (it may be empty or hold '=').
// An argument without '=', an invalid KEY, or a KEY given twice is an hd::Error(usage) naming it.
TemplateVars parse_template_vars(const std::vector<std::string>& args);

// The placeholders of one text, in order of first use, each once. "{{" and "}}" are literal braces.
// An unclosed '{', a lone '}' or braces around something that is not a name is an hd::Error(usage)
// saying where in the text (the caller names the template and field).
std::vector<std::string> placeholders_in(std::string_view text);

// Every placeholder of a template, in order of first use through title, description, category, tags,
// assignee, requester and dedup; each once.
std::vector<std::string> template_placeholders(const TemplateConfig& t);

// The template with this name (exact), else hd::Error(usage) naming it and the known ones.
const TemplateConfig& find_template(const Config& config, std::string_view name);

// Fills the template's placeholders. Errors are hd::Error(usage): a var the template does not use (naming
// it and the placeholders), placeholders without a value (naming them and the template), a malformed text.
ExpandedTemplate expand_template(const TemplateConfig& t, const TemplateVars& vars);

// find_template, parse_template_vars and expand_template: `hd open --template NAME --var K=V...`.
ExpandedTemplate expand_template(const Config& config, std::string_view name, const std::vector<std::string>& var_args);

}  // namespace hd
