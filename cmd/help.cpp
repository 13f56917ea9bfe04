// hd help [COMMAND...]: the manual page of a command (hd-kb-search for `hd help kb search`) when it is
// installed and stdout is a terminal, shown by man(1) (which honours MANPAGER and PAGER); otherwise
// the command's --help text on stdout.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "core/error.hpp"

extern char** environ;

namespace hd::cmd {
namespace {

struct HelpOptions {
    std::vector<std::string> words;
};

// Runs `man ARGS...` with stdin, stdout and stderr inherited, or all three on /dev/null when quiet;
// returns its exit status, or -1 when man cannot be run at all.
int run_man(const std::vector<std::string>& args, bool quiet) {
    std::vector<std::string> argv_strings{"man"};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (quiet)
        for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO})
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, "man", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return -1;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int run(const HelpOptions& o, CLI::App& top, Context& ctx) {
    const CLI::App* cmd = &top;
    std::string path = "hd";
    for (const auto& word : o.words) {
        const CLI::App* sub = nullptr;
        for (const CLI::App* s : cmd->get_subcommands({}))
            if (s->get_name() == word) sub = s;
        if (!sub) fail(ErrorKind::usage, "no command '" + path + " " + word + "' (see hd --help)");
        cmd = sub;
        path += " " + word;
    }
    std::string page = path;
    std::replace(page.begin(), page.end(), ' ', '-');
    if (ctx.stdout_is_terminal() && run_man({"-w", page}, true) == 0) {
        ctx.out().flush();
        const int rc = run_man({page}, false);
        if (rc >= 0) return rc;
    }
    ctx.out() << cmd->get_formatter()->make_help(cmd, path, CLI::AppFormatMode::Normal);
    return 0;
}

}  // namespace

void add_help(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<HelpOptions>();
    auto* c = app.add_subcommand("help", "Show the manual page of hd or of a command (else its --help)");
    c->add_option("command", o->words, "A command, such as: kb search");
    c->fallthrough(false);
    c->footer("Examples:\n  hd help\n  hd help kb search\n  MANPAGER=cat hd help open");
    c->callback([o, &app, &ctx] { ctx.exit_code = run(*o, app, ctx); });
}

}  // namespace hd::cmd
