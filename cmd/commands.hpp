// The command list: each add_X declares one command (or family) on the CLI and runs it against the
// context. Adding a command: its file in cmd/, one line here, one in main.cpp's table, a man page,
// completions and tests.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace hd::cmd {

class Context;

void add_init(CLI::App& app, Context& ctx);
void add_open(CLI::App& app, Context& ctx);
void add_show(CLI::App& app, Context& ctx);
void add_log(CLI::App& app, Context& ctx);
void add_list(CLI::App& app, Context& ctx);
void add_edit(CLI::App& app, Context& ctx);
void add_comment(CLI::App& app, Context& ctx);
void add_assign(CLI::App& app, Context& ctx);
void add_take(CLI::App& app, Context& ctx);
void add_lifecycle(CLI::App& app, Context& ctx);  // start, pend, resolve, close, reopen
void add_config(CLI::App& app, Context& ctx);
void add_agent(CLI::App& app, Context& ctx);
void add_tier(CLI::App& app, Context& ctx);
void add_route(CLI::App& app, Context& ctx);
void add_template(CLI::App& app, Context& ctx);   // template list, show
void add_queue(CLI::App& app, Context& ctx);      // queue, next
void add_escalate(CLI::App& app, Context& ctx);   // escalate, deescalate
void add_link(CLI::App& app, Context& ctx);       // link, unlink, merge
void add_kb(CLI::App& app, Context& ctx);         // kb add, show, edit, list, search, ...
void add_export(CLI::App& app, Context& ctx);
void add_import(CLI::App& app, Context& ctx);
void add_hook(CLI::App& app, Context& ctx);       // hook run, list
void add_rate(CLI::App& app, Context& ctx);
void add_report(CLI::App& app, Context& ctx);     // report summary, sla, tiers, ...
void add_sla(CLI::App& app, Context& ctx);        // sla, sla sweep
void add_maintenance(CLI::App& app, Context& ctx);  // check, backup, restore
void add_completion(CLI::App& app, Context& ctx);
void add_help(CLI::App& app, Context& ctx);        // help [COMMAND...]: man page or --help

// The kinds of `hd report` (for completion).
std::vector<std::string> report_kinds();

// `hd __complete WORD...` (hidden; called by the completion scripts): prints the candidates for the
// last word, one per line, with a tab and a description where there is one.
int complete_command_line(CLI::App& app, Context& ctx, const std::vector<std::string>& words);

}  // namespace hd::cmd
