// hd kb: the knowledge base. The subcommands live in kb_write.cpp, kb_read.cpp and kb_files.cpp.
#include <CLI/CLI.hpp>

#include "cmd/commands.hpp"
#include "cmd/kb_commands.hpp"

namespace hd::cmd {

void add_kb(CLI::App& app, Context& ctx) {
    auto* kb = app.add_subcommand("kb", "The knowledge base: articles, search, suggestions");
    kb->require_subcommand(1);
    kb->footer(
        "Examples:\n"
        "  hd kb search \"reset password\"\n"
        "  hd kb add \"Connect to the VPN\" -f vpn.md -t vpn -c network\n"
        "  hd kb show reset-password\n"
        "  hd kb suggest 42\n"
        "  hd kb import docs/kb/\n"
        "See hd-kb(1) and hd-kb-search(1).");
    add_kb_write_commands(*kb, ctx);
    add_kb_read_commands(*kb, ctx);
    add_kb_file_commands(*kb, ctx);
}

}  // namespace hd::cmd
