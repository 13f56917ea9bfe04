// hd hook run EVENT ID (run one hook by hand) and hd hook list (which hooks exist and may run).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/hooks.hpp"
#include "cmd/input.hpp"
#include "cmd/output/table.hpp"
#include "core/error.hpp"

namespace hd::cmd {
namespace {

struct HookRunOptions {
    std::string event;
    std::string id;
    bool dry_run = false;
};

std::string hook_names() {
    std::string names;
    for (std::string_view n : kHookNames) names += (names.empty() ? "" : ", ") + std::string(n);
    return names;
}

int run_run(const HookRunOptions& o, Context& ctx) {
    const auto name = parse_hook_name(o.event);
    if (!name) fail(ErrorKind::usage, "'" + o.event + "' is not a hook; hooks are " + hook_names());
    const TicketId id = parse_id(o.id);
    const std::string input = ctx.read([&](TicketService& tickets, Store& store) {
        tickets.get(id);  // not found is exit 3
        return hook_input(*name, store, id, {}, ctx.actor(), ctx.now());
    });
    if (o.dry_run) {
        ctx.out() << input;
        return 0;
    }
    const HookCheck hook = check_hook(ctx.hooks_dir(), *name);
    if (hook.state == HookState::missing)
        fail(ErrorKind::not_found, "there is no hook " + *name + " (no file " + out::sanitize(hook.path.string()) +
                                       "); see hd-hooks(5)");
    if (hook.state != HookState::ready) fail(ErrorKind::refused, "hook " + *name + " not run: " + hook.problem);
    ctx.flush_out();
    if (const auto problem = run_hook(hook, *name, id, input, ctx.hook_environment()))
        fail(ErrorKind::other, "hook " + *name + " for #" + std::to_string(id) + ' ' + *problem);
    return 0;
}

int run_list(Context& ctx) {
    const auto dir = ctx.hooks_dir();
    std::vector<std::pair<std::string, HookCheck>> hooks;
    for (std::string_view name : kHookNames) hooks.emplace_back(std::string(name), check_hook(dir, name));
    if (ctx.global.json) {
        nlohmann::ordered_json j = nlohmann::ordered_json::array();
        for (const auto& [name, check] : hooks)
            j.push_back({{"name", name},
                         {"path", check.path.string()},
                         {"state", std::string(to_string(check.state))},
                         {"problem", check.problem.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(check.problem)}});
        ctx.out() << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
        return 0;
    }
    if (ctx.global.quiet) {
        for (const auto& [name, check] : hooks)
            if (check.state == HookState::ready) ctx.out() << name << '\n';
        return 0;
    }
    ctx.out() << "Hooks in " << out::sanitize(dir.string()) << ":\n";
    out::Table table({{"HOOK", false, false, 0}, {"STATE", false, false, 0}, {"PROBLEM", false, true, 0}});
    for (const auto& [name, check] : hooks)
        table.add_row({name, std::string(to_string(check.state)), check.problem.empty() ? "" : check.problem});
    table.render(ctx.out(), ctx.width(), ctx.style());
    return 0;
}

}  // namespace

void add_hook(CLI::App& app, Context& ctx) {
    auto* hook = app.add_subcommand("hook", "Hooks: programs run after a change (see hd-hooks(5))");
    hook->require_subcommand(1);

    auto o = std::make_shared<HookRunOptions>();
    auto* run = hook->add_subcommand("run", "Run one hook by hand for a ticket as it is now");
    run->add_option("event", o->event, "The hook: on-open, on-change, on-escalate, on-resolve, on-close or on-breach")->required();
    run->add_option("id", o->id, "Ticket id")->required();
    run->add_flag("-n,--dry-run", o->dry_run, "Print the JSON the hook would read on stdin; run nothing");
    run->footer(
        "The hook reads the ticket on stdin, with no changes. Exit codes: 1 the hook failed, 3 no such\n"
        "hook or ticket, 4 the hook is refused (not executable, or writable by others).\n\n"
        "Examples:\n  hd hook run on-resolve 42\n  hd hook run on-change 42 --dry-run | jq .ticket.status");
    run->callback([o, &ctx] { ctx.exit_code = run_run(*o, ctx); });

    auto* list = hook->add_subcommand("list", "The hooks directory and each hook's state");
    list->footer(
        "States: ready, missing, not-executable, refused (owned by someone else, or writable by others).\n\n"
        "Examples:\n  hd hook list\n  hd hook list --json");
    list->callback([&ctx] { ctx.exit_code = run_list(ctx); });
}

}  // namespace hd::cmd
