// Shell completion: `hd completion bash|zsh|fish` prints a script; the scripts call the hidden
// `hd __complete WORD...`, which answers from the command definitions and, for ids and agents, from
// the store (bounded queries, so it stays fast on a large store).
#include <CLI/CLI.hpp>
#include <algorithm>

#include "cmd/commands.hpp"
#include "cmd/completion_scripts.hpp"
#include "cmd/context.hpp"
#include "cmd/output/terminal.hpp"
#include "core/error.hpp"

namespace hd::cmd {
namespace {

// Articles by number, with their titles, newest first (bounded, like ticket ids).
std::vector<std::string> article_refs(Context& ctx) {
    ArticleQuery q;
    q.sort = ArticleSort::updated;
    q.limit = 200;
    std::vector<std::string> out;
    for (const auto& a : ctx.read([&](TicketService&, Store& s) { return s.kb().list_articles(q); }))
        out.push_back(std::to_string(a.id) + '\t' + out::sanitize(a.title + " (" + a.lang + ")"));
    return out;
}

// Options whose values come from a fixed list or from the store.
std::vector<std::string> option_values(const std::string& option, Context& ctx) {
    if (option == "--type") return {"incident", "request", "problem", "change"};
    if (option == "-p" || option == "--priority") return {"P1", "P2", "P3", "P4"};
    if (option == "--impact" || option == "--urgency") return {"high", "medium", "low"};
    if (option == "--channel") return {"phone", "email", "chat", "web", "cli", "monitoring"};
    if (option == "--code") return {"fixed", "workaround", "duplicate", "no-fault"};
    if (option == "--color") return {"auto", "always", "never"};
    if (option == "--by") return {"day", "week", "month"};
    if (option == "-c" || option == "--category") return ctx.config().categories;
    if (option == "--tier" || option == "--to") {
        std::vector<std::string> out;
        for (const auto& t : ctx.config().tiers) out.push_back("L" + std::to_string(t.level));
        return out;
    }
    if (option == "--lang") return {"en", "vi", "pl", "ru", "de", "fr", "es"};
    if (option == "--kb") return article_refs(ctx);
    if (option == "--template") {
        std::vector<std::string> out;
        for (const auto& [name, t] : ctx.config().templates) out.push_back(name);
        return out;
    }
    if (option == "--assign" || option == "--reassign") {
        std::vector<std::string> out;
        for (const auto& a : ctx.read([](TicketService&, Store& s) { return s.list_agents(); })) out.push_back(a.name);
        return out;
    }
    return {};
}

bool takes_value(const CLI::App& cmd, const CLI::App& top, const std::string& word) {
    for (const CLI::App* app : {&cmd, &top})
        for (const CLI::Option* o : app->get_options())
            if (o->check_name(word)) return o->get_items_expected_min() > 0;
    return false;
}

void print(Context& ctx, const std::string& value, const std::string& description = "") {
    ctx.out() << value;
    if (!description.empty()) ctx.out() << '\t' << out::sanitize(description);
    ctx.out() << '\n';
}

}  // namespace

int complete_command_line(CLI::App& top, Context& ctx, const std::vector<std::string>& words) {
    // words: what follows `hd` on the command line; the last one is being typed (maybe "").
    const std::string current = words.empty() ? "" : words.back();
    CLI::App* cmd = &top;
    std::size_t positionals = 0;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        const std::string& w = words[i];
        if (!w.empty() && w[0] == '-') {
            if (w.find('=') == std::string::npos && takes_value(*cmd, top, w)) ++i;
            continue;
        }
        CLI::App* sub = nullptr;
        for (CLI::App* s : cmd->get_subcommands({}))
            if (s->get_name() == w) sub = s;
        if (sub)
            cmd = sub;
        else
            ++positionals;
    }
    const std::string previous = words.size() >= 2 ? words[words.size() - 2] : "";
    if (!previous.empty() && previous[0] == '-' && takes_value(*cmd, top, previous)) {
        for (const auto& v : option_values(previous, ctx)) print(ctx, v);
        return 0;
    }
    // --option=VALUE (fish and zsh pass it as one word; the bash script splits it itself).
    if (const auto eq = current.find('='); current.starts_with("--") && eq != std::string::npos) {
        const std::string option = current.substr(0, eq);
        if (takes_value(*cmd, top, option))
            for (const auto& v : option_values(option, ctx)) print(ctx, option + '=' + v);
        return 0;
    }
    if (!current.empty() && current[0] == '-') {
        // The command's own options, then the global ones.
        std::vector<const CLI::App*> apps{cmd};
        if (cmd != &top) apps.push_back(&top);
        for (const CLI::App* app : apps)
            for (const CLI::Option* o : app->get_options()) {
                if (o->get_group().empty()) continue;  // hidden
                for (const auto& l : o->get_lnames()) print(ctx, "--" + l, o->get_description());
                for (const auto& s : o->get_snames()) print(ctx, "-" + s, o->get_description());
            }
        return 0;
    }
    const auto subs = cmd->get_subcommands([](CLI::App* s) { return !s->get_group().empty(); });
    if (!subs.empty() && positionals == 0) {
        for (const CLI::App* s : subs) print(ctx, s->get_name(), s->get_description());
        return 0;
    }
    const std::string name = cmd->get_name();
    if (cmd == &top) return 0;
    // hd help COMMAND...: the commands, then the subcommands of the one named so far.
    if (name == "help" && cmd->get_parent() == &top) {
        const CLI::App* named = &top;
        bool after_help = false;
        for (std::size_t i = 0; i + 1 < words.size(); ++i) {
            if (!after_help) {
                after_help = words[i] == "help";
                continue;
            }
            if (words[i].empty() || words[i][0] == '-') continue;
            const CLI::App* sub = nullptr;
            for (const CLI::App* s : named->get_subcommands({}))
                if (s->get_name() == words[i]) sub = s;
            if (!sub) return 0;
            named = sub;
        }
        for (const CLI::App* s : named->get_subcommands({}))
            if (!s->get_group().empty()) print(ctx, s->get_name(), s->get_description());
        return 0;
    }
    // hd kb show|edit|publish|retire|history|link ARTICLE; hd kb link ARTICLE TICKET; hd kb suggest TICKET.
    const bool in_kb = cmd->get_parent() && cmd->get_parent()->get_name() == "kb";
    if (in_kb) {
        static const std::vector<std::string> kTakesArticle = {"show", "edit", "publish", "retire", "history", "link"};
        const bool article = std::find(kTakesArticle.begin(), kTakesArticle.end(), name) != kTakesArticle.end();
        if (article && positionals == 0) {
            for (const auto& line : article_refs(ctx)) ctx.out() << line << '\n';
            return 0;
        }
        if (!((name == "link" && positionals == 1) || (name == "suggest" && positionals == 0))) return 0;
    }
    if (name == "assign" && positionals >= 1) {
        for (const auto& v : option_values("--assign", ctx)) print(ctx, v);
    }
    // Ticket ids: the most recent ones the command can act on, with their titles.
    static const std::vector<std::string> kTakesIds = {"show", "log", "edit", "comment", "assign", "take", "start",
                                                       "pend", "resolve", "close", "reopen", "escalate", "deescalate",
                                                       "link", "unlink", "merge", "explain", "suggest", "rate"};
    // hd hook run EVENT ID: the hook names, then ticket ids.
    const bool hook_run = name == "run" && cmd->get_parent() && cmd->get_parent()->get_name() == "hook";
    if (hook_run && positionals == 0) {
        for (std::string_view hook : kHookNames) print(ctx, std::string(hook));
        return 0;
    }
    // hd report KIND.
    if (name == "report") {
        if (positionals == 0)
            for (const auto& kind : report_kinds()) print(ctx, kind);
        return 0;
    }
    // hd rate ID SCORE: ticket ids, then the scores.
    if (name == "rate" && positionals >= 1) {
        if (positionals == 1)
            for (const char* score : {"1", "2", "3", "4", "5"}) print(ctx, score);
        return 0;
    }
    // hd template show NAME: the config's templates.
    const bool template_show = name == "show" && cmd->get_parent() && cmd->get_parent()->get_name() == "template";
    if (template_show) {
        if (positionals == 0)
            for (const auto& v : option_values("--template", ctx)) print(ctx, v);
        return 0;
    }
    if (!hook_run && std::find(kTakesIds.begin(), kTakesIds.end(), name) == kTakesIds.end()) return 0;
    TicketQuery q;
    q.sort = {SortKey{SortField::id, true}};
    q.limit = 200;
    // The tickets the command can act on: solved ones to reopen, close or rate; active ones to work
    // on; for show, log, links and merges, any but the closed.
    static const std::vector<std::string> kTakesSolved = {"reopen", "close", "rate"};
    static const std::vector<std::string> kTakesAny = {"show", "log", "link", "unlink", "merge", "explain", "suggest"};
    const auto among = [&](const std::vector<std::string>& names) {
        return std::find(names.begin(), names.end(), name) != names.end();
    };
    if (among(kTakesSolved))
        q.filter.conditions.push_back({FilterField::status, Compare::eq, {std::string("resolved"), std::string("closed")}});
    else if (!hook_run && !among(kTakesAny))
        q.filter.conditions.push_back(
            {FilterField::status, Compare::eq, {std::string("new"), std::string("open"), std::string("pending")}});
    for (const auto& t : ctx.read([&](TicketService&, Store& s) { return s.ticket_titles(q); }))
        print(ctx, std::to_string(t.id), t.title);
    return 0;
}

void add_completion(CLI::App& app, Context& ctx) {
    auto shell = std::make_shared<std::string>();
    auto* c = app.add_subcommand("completion", "Print the completion script for bash, zsh or fish");
    c->add_option("shell", *shell, "bash, zsh or fish")->required();
    c->footer("Examples:\n  source <(hd completion bash)\n  hd completion fish > ~/.config/fish/completions/hd.fish");
    c->callback([shell, &ctx] {
        const char* script = completion_script(*shell);
        if (!script) fail(ErrorKind::usage, "no completion for '" + *shell + "' (bash, zsh or fish)");
        ctx.out() << script;
    });
}

}  // namespace hd::cmd
