// hd template list|show: the config's ticket templates ([template.NAME]) and the --var each needs.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/output/json.hpp"
#include "cmd/output/table.hpp"
#include "cmd/output/terminal.hpp"
#include "cmd/output/ticket_view.hpp"
#include "core/rules/template.hpp"

namespace hd::cmd {
namespace {

using nlohmann::ordered_json;

std::string dump(const ordered_json& j) {
    return j.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

// config_json is the one place a template becomes JSON; list and show print its objects as they are.
ordered_json template_objects(const Config& config) {
    return ordered_json::parse(out::config_json(config))["templates"];
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

int run_list(Context& ctx) {
    const Config& config = ctx.config();
    if (ctx.global.json) {
        ctx.out() << dump(template_objects(config)) << '\n';
    } else if (ctx.global.quiet) {
        for (const auto& [name, t] : config.templates) ctx.out() << out::sanitize(name) << '\n';
    } else if (!config.templates.empty()) {
        out::Table table({{"NAME", false, false, 0}, {"PLACEHOLDERS", false, false, 1}, {"TITLE", false, true, 0}});
        for (const auto& [name, t] : config.templates) {
            const auto placeholders = template_placeholders(t);
            table.add_row({out::sanitize(name), placeholders.empty() ? "-" : out::sanitize(joined(placeholders)),
                           out::sanitize(t.title)});
        }
        table.render(ctx.out(), ctx.width(), ctx.style());
    } else if (ctx.stdout_is_terminal()) {
        ctx.err() << "No templates: add [template.NAME] tables to " << out::sanitize(ctx.config_path().string())
                  << " (see hd-config(5)).\n";
    }
    return 0;
}

int run_show(const std::string& name, Context& ctx) {
    const Config& config = ctx.config();
    const TemplateConfig& t = find_template(config, name);
    const auto placeholders = template_placeholders(t);
    if (ctx.global.json) {
        for (const auto& o : template_objects(config))
            if (o["name"] == t.name) ctx.out() << dump(o) << '\n';
        return 0;
    }
    if (ctx.global.quiet) {
        for (const auto& p : placeholders) ctx.out() << p << '\n';
        return 0;
    }
    const auto line = [&](std::string_view label, const std::optional<std::string>& value) {
        std::string text = value ? out::sanitize(*value, true) : "-";
        // A description's further lines line up under its first.
        for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 14))
            text.insert(at + 1, 13, ' ');
        ctx.out() << ctx.style().dim(std::string(label)) << std::string(13 - label.size(), ' ') << text << '\n';
    };
    const auto given = [](const auto& value) -> std::optional<std::string> {
        if (!value) return std::nullopt;
        return std::string(to_string(*value));
    };
    ctx.out() << ctx.style().bold(out::sanitize(t.name)) << "  "
              << ctx.style().dim("(from " + out::sanitize(t.origin) + ")") << '\n';
    line("title", t.title);
    line("description", t.description);
    line("type", given(t.type));
    line("category", t.category);
    line("priority", given(t.priority));
    line("tier", t.tier ? std::optional(out::tier_label(config, *t.tier)) : std::nullopt);
    line("tags", t.tags.empty() ? std::nullopt : std::optional(joined(t.tags)));
    line("assignee", t.assignee);
    line("requester", t.requester);
    line("channel", given(t.channel));
    line("dedup", t.dedup);
    line("placeholders", placeholders.empty() ? std::nullopt : std::optional(joined(placeholders)));
    return 0;
}

}  // namespace

void add_template(CLI::App& app, Context& ctx) {
    auto* c =
        app.add_subcommand("template", "The ticket templates of the config ([template.NAME]) for hd open --template");
    c->require_subcommand(1);
    c->footer(
        "Examples:\n"
        "  hd template list\n"
        "  hd template show disk-full\n"
        "  hd open --template disk-full --var host=web1 --var mount=/srv --var use=93");

    auto* l = c->add_subcommand("list", "Each template with its placeholders and title");
    l->callback([&ctx] { ctx.exit_code = run_list(ctx); });

    auto name = std::make_shared<std::string>();
    auto* s = c->add_subcommand("show", "Every field of a template, and the placeholders a --var must fill");
    s->add_option("name", *name, "Template name")->required();
    s->callback([name, &ctx] { ctx.exit_code = run_show(*name, ctx); });
}

}  // namespace hd::cmd
