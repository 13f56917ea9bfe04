// Reading ids, stdin and editor buffers.
#include "cmd/input.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cmd/context.hpp"
#include "core/error.hpp"

namespace hd::cmd {

TicketId parse_id(const std::string& word) {
    const auto id = parse_ticket_id(word);
    if (!id) fail(ErrorKind::usage, "'" + word + "' is not a ticket id (ids look like 42 or #42)");
    return *id;
}

std::vector<TicketId> parse_ids(const std::vector<std::string>& words) {
    std::vector<TicketId> ids;
    for (const auto& w : words) {
        const TicketId id = parse_id(w);
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    return ids;
}

std::string read_stdin(std::size_t limit, std::string_view what) {
    std::string data;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(ErrorKind::other, "cannot read the " + std::string(what) + " from standard input");
        }
        if (n == 0) break;
        data.append(buffer, static_cast<std::size_t>(n));
        if (data.size() > limit)
            fail(ErrorKind::usage, "the " + std::string(what) + " on standard input is larger than " +
                                       std::to_string(limit / 1024) + " KiB (limits.max_text)");
    }
    return data;
}

std::string text_or_stdin(const std::string& value, std::size_t limit, std::string_view what) {
    if (value != "-") return value;
    return read_stdin(limit, what);
}

std::string read_text_file(const std::string& path, std::size_t limit, std::string_view what) {
    if (path == "-") return read_stdin(limit, what);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) fail(ErrorKind::usage, "cannot read " + path + ": it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(ErrorKind::usage, "cannot read " + path + ": " + std::strerror(errno));
    std::string data;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        data.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (data.size() > limit)
            fail(ErrorKind::usage, path + " is larger than " + std::to_string(limit / 1024) + " KiB, the limit for " +
                                       std::string(what));
    }
    if (in.bad()) fail(ErrorKind::usage, "cannot read " + path + ": " + std::strerror(errno));
    return data;
}

std::string edit_in_editor(Context& ctx, const std::string& initial, std::string_view missing_what) {
    if (!ctx.stdin_is_terminal() || !ctx.stdout_is_terminal())
        fail(ErrorKind::usage, std::string(missing_what));
    std::string editor;
    for (const char* var : {"VISUAL", "EDITOR"})
        if (const char* v = std::getenv(var); v && *v) {
            editor = v;
            break;
        }
    if (editor.empty()) editor = "vi";

    char path[] = "/tmp/hd-edit-XXXXXX.txt";
    const int fd = ::mkstemps(path, 4);
    if (fd < 0) fail(ErrorKind::other, "cannot create a temporary file for the editor");
    {
        const ssize_t written = ::write(fd, initial.data(), initial.size());
        ::close(fd);
        if (written != static_cast<ssize_t>(initial.size())) {
            ::unlink(path);
            fail(ErrorKind::other, "cannot write the temporary file for the editor");
        }
    }
    // The editor command may carry arguments ("code --wait"), so the shell splits it, as git does;
    // the file name is passed as a positional parameter, never spliced into the command text.
    const pid_t pid = ::fork();
    if (pid == 0) {
        const std::string script = editor + " \"$1\"";
        ::execl("/bin/sh", "sh", "-c", script.c_str(), "sh", path, static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    if (pid < 0 || ::waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        ::unlink(path);
        fail(ErrorKind::usage, "the editor (" + editor + ") failed; nothing was changed");
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    ::unlink(path);
    return buffer.str();
}

}  // namespace hd::cmd
