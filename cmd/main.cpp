// The hd binary: builds the command line from the command list, runs it, and maps errors to exit codes.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/output/terminal.hpp"
#include "core/error.hpp"
#include "core/text/utf8.hpp"

namespace {

using AddCommand = void (*)(CLI::App&, hd::cmd::Context&);

// Every command, in the order `hd --help` lists them, with the names each adds. Only the command
// named on the command line is built: the whole tree costs about as much as opening the store, and
// one short process per command is the common case. A name missing or misplaced here only costs that
// speed: a word that names no command, or a group that does not define it, builds every command.
struct CommandGroup {
    std::initializer_list<std::string_view> names;
    AddCommand add;
};
const CommandGroup kCommands[] = {
    {{"init"}, hd::cmd::add_init},
    {{"open"}, hd::cmd::add_open},
    {{"list"}, hd::cmd::add_list},
    {{"show"}, hd::cmd::add_show},
    {{"log"}, hd::cmd::add_log},
    {{"edit"}, hd::cmd::add_edit},
    {{"comment"}, hd::cmd::add_comment},
    {{"assign"}, hd::cmd::add_assign},
    {{"take"}, hd::cmd::add_take},
    {{"start", "pend", "resolve", "close", "reopen"}, hd::cmd::add_lifecycle},
    {{"queue", "next"}, hd::cmd::add_queue},
    {{"escalate", "deescalate"}, hd::cmd::add_escalate},
    {{"link", "unlink", "merge"}, hd::cmd::add_link},
    {{"kb"}, hd::cmd::add_kb},
    {{"export"}, hd::cmd::add_export},
    {{"import"}, hd::cmd::add_import},
    {{"agent"}, hd::cmd::add_agent},
    {{"tier"}, hd::cmd::add_tier},
    {{"route"}, hd::cmd::add_route},
    {{"template"}, hd::cmd::add_template},
    {{"rate"}, hd::cmd::add_rate},
    {{"report"}, hd::cmd::add_report},
    {{"config"}, hd::cmd::add_config},
    {{"hook"}, hd::cmd::add_hook},
    {{"sla"}, hd::cmd::add_sla},
    {{"check", "backup", "restore"}, hd::cmd::add_maintenance},
    {{"completion"}, hd::cmd::add_completion},
    {{}, hd::cmd::add_help},  // hd help COMMAND reads the other commands: it needs them all
};

// The groups to build for a command line whose first command word is `word` (empty: none given).
// Help, completion and words that name no command get them all, for the list or the error message.
std::vector<AddCommand> commands_for(std::string_view word) {
    std::vector<AddCommand> all;
    for (const auto& group : kCommands) {
        for (std::string_view name : group.names)
            if (name == word) return {group.add};
        all.push_back(group.add);
    }
    return all;
}

// The words that are not options or their values, in order: the command's name and, for a family such
// as `hd kb`, the subcommand's, then the positionals.
std::vector<std::string> command_words(int argc, char** argv) {
    static const std::vector<std::string> kGlobalsWithValue = {"--db", "--config", "--as", "--color"};
    std::vector<std::string> words;
    for (int i = 1; i < argc && words.size() < 2; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") break;
        if (std::find(kGlobalsWithValue.begin(), kGlobalsWithValue.end(), arg) != kGlobalsWithValue.end()) {
            ++i;
            continue;
        }
        if (arg.empty() || arg[0] != '-') words.push_back(arg);
    }
    return words;
}

// Prepares argv for CLI11, which takes its arguments in reverse order:
// - values of options that may start with '-' (`--tag -triage` removes a tag, `--sort -updated` sorts
//   descending) are joined as `--tag=-triage`, or CLI11 would take them for options;
// - for `hd list` and `hd kb search`, the terms after `--` go to the context, since CLI11 ends a
//   positional list there.
std::vector<std::string> prepare_args(int argc, char** argv, hd::cmd::Context& ctx) {
    static const std::vector<std::string> kDashValued = {"--tag", "-t", "--sort"};
    const auto words = command_words(argc, argv);
    const bool list = !words.empty() && (words[0] == "list" || (words[0] == "kb" && words.size() > 1 && words[1] == "search"));
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") {
            if (list)
                ctx.terms_after_separator.assign(argv + i + 1, argv + argc);
            else
                for (; i < argc; ++i) args.emplace_back(argv[i]);
            break;
        }
        const bool dash_valued = std::find(kDashValued.begin(), kDashValued.end(), arg) != kDashValued.end();
        if (dash_valued && i + 1 < argc && argv[i + 1][0] == '-' && argv[i + 1][1] != '\0' && argv[i + 1][1] != '-') {
            args.push_back((arg == "-t" ? std::string("--tag") : arg) + "=" + argv[++i]);
            continue;
        }
        args.push_back(arg);
    }
    std::reverse(args.begin(), args.end());
    return args;
}

int report(std::ostream& err, const std::string& message, int code) {
    // Messages may quote user input: escape it like any other user text.
    err << "hd: error: " << hd::out::sanitize(message) << '\n';
    return code;
}

// The command line's top level: global options, and the given command groups.
void build(CLI::App& app, hd::cmd::Context& ctx, const std::vector<AddCommand>& commands) {
    app.set_version_flag("--version", "hd " HD_VERSION);
    app.require_subcommand(0, 1);
    app.fallthrough();
    app.footer(
        "Examples:\n"
        "  hd open \"Printer on floor 3 jams\" -c printer -p P2\n"
        "  hd list status:open 'prio:<=P2'\n"
        "  hd take 42 && hd resolve 42 --note \"Replaced the fuser\"\n"
        "\n"
        "Exit codes: 0 success, 1 other error, 2 usage or invalid input, 3 not found,\n"
        "4 refused by the workflow rules, 5 store error. See hd(1).");
    app.add_option("--db", ctx.global.db, "Store file (default $XDG_DATA_HOME/hd/hd.db)")->envname("HD_DB");
    app.add_option("--config", ctx.global.config, "Config file (default $XDG_CONFIG_HOME/hd/config.toml)")
        ->envname("HD_CONFIG");
    app.add_option("--as", ctx.global.as, "Act as this user (default: config user, else login name)")
        ->envname("HD_USER");
    app.add_flag("--json", ctx.global.json, "Print data as JSON");
    app.add_flag("-q,--quiet", ctx.global.quiet, "Print only ids (or nothing)");
    app.add_option("--color", ctx.global.color, "Colour: auto, always or never (NO_COLOR is honoured)")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    for (AddCommand add : commands) add(app, ctx);
}

constexpr const char* kDescription =
    "hd: a command-line IT helpdesk and service desk (tickets, support tiers, knowledge base)";

// `hd` alone or `hd --help`: the list of every command.
int print_help(hd::cmd::Context& ctx) {
    CLI::App full(kDescription, "hd");
    build(full, ctx, commands_for(""));
    std::cout << full.help();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    hd::cmd::Context ctx(std::cout, std::cerr);
    const bool completing = argc >= 2 && std::string(argv[1]) == "__complete";
    // The command word; when completing, only one the user has finished typing (a word follows it).
    const auto words = completing ? command_words(argc - 1, argv + 1) : command_words(argc, argv);
    const bool finished = !words.empty() && (!completing || words.size() > 1 || std::string(argv[argc - 1]) != words[0]);
    const std::string first = finished ? words[0] : "";

    // No command word: no command to build unless help is printed (print_help builds them all).
    auto app_ptr = std::make_unique<CLI::App>(kDescription, "hd");
    build(*app_ptr, ctx, first.empty() && !completing ? std::vector<AddCommand>{} : commands_for(first));
    const auto subcommands = app_ptr->get_subcommands({});
    const bool defined = std::any_of(subcommands.begin(), subcommands.end(),
                                     [&](const CLI::App* c) { return c->get_name() == first; });
    if (!first.empty() && !defined) {
        app_ptr = std::make_unique<CLI::App>(kDescription, "hd");
        build(*app_ptr, ctx, commands_for(""));
    }
    CLI::App& app = *app_ptr;

    if (completing) {
        // Before CLI11: the words are a partial command line, not one to run. The environment still
        // names the store and config, as it would for the command itself.
        for (auto [var, field] : {std::pair{"HD_DB", &ctx.global.db}, std::pair{"HD_CONFIG", &ctx.global.config},
                                  std::pair{"HD_USER", &ctx.global.as}})
            if (const char* v = std::getenv(var)) *field = v;
        try {
            return hd::cmd::complete_command_line(app, ctx, std::vector<std::string>(argv + 2, argv + argc));
        } catch (const std::exception&) {
            return 1;  // a completion that fails offers nothing, quietly
        }
    }

    try {
        // Every word hd stores or compares is UTF-8; refusing bad bytes here gives one clear error.
        for (int i = 1; i < argc; ++i)
            if (!hd::is_valid_utf8(argv[i]))
                return report(std::cerr, "argument " + std::to_string(i) + " is not valid UTF-8", 2);
        auto args = prepare_args(argc, argv, ctx);
        app.parse(args);
        if (app.get_subcommands().empty()) return print_help(ctx);
    } catch (const CLI::CallForHelp& e) {
        if (first.empty()) return print_help(ctx);
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::string hint = " (see hd --help)";
        if (!app.get_subcommands().empty()) hint = " (see hd " + app.get_subcommands().front()->get_name() + " --help)";
        return report(std::cerr, e.what() + hint, 2);
    } catch (const hd::Error& e) {
        return report(std::cerr, e.what(), e.exit_code());
    } catch (const std::exception& e) {
        return report(std::cerr, e.what(), 1);
    }
    std::cout.flush();
    if (!std::cout) return report(std::cerr, "cannot write to standard output", 1);
    return ctx.exit_code;
}
