// The `hd kb` family, declared in three files by what they do: writing articles, reading them, and
// moving them in and out as files. cmd/kb.cpp puts them under `hd kb`.
#pragma once

namespace CLI {
class App;
}

namespace hd::cmd {

class Context;

void add_kb_write_commands(CLI::App& kb, Context& ctx);  // add, edit, publish, retire, link
void add_kb_read_commands(CLI::App& kb, Context& ctx);   // show, list, history, search, suggest
void add_kb_file_commands(CLI::App& kb, Context& ctx);   // import, export

}  // namespace hd::cmd
