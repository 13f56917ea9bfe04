// Hooks: which ones a change calls for, whether they may be trusted, and running them with a time limit.
#include "cmd/hooks.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "cmd/output/json.hpp"
#include "cmd/output/terminal.hpp"
#include "core/error.hpp"
#include "core/store/store.hpp"

extern char** environ;

namespace hd::cmd {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string shown(const fs::path& path) { return out::sanitize(path.string()); }

std::string user_name(uid_t uid) {
    if (const passwd* pw = getpwuid(uid); pw && pw->pw_name) return pw->pw_name;
    return "uid " + std::to_string(uid);
}

// Why a hook or the hooks directory cannot be trusted: someone else owns it or may write to it, and so
// could make hd run their code as you. Empty when it can be trusted.
std::string trust_problem(const struct stat& st, const fs::path& path) {
    if (st.st_uid != geteuid())
        return shown(path) + " is owned by " + user_name(st.st_uid) + ", not by you (" + user_name(geteuid()) + ")";
    if (st.st_mode & S_IWOTH) return shown(path) + " is world-writable (chmod go-w " + shown(path) + ")";
    if (st.st_mode & S_IWGRP) return shown(path) + " is group-writable (chmod g-w " + shown(path) + ")";
    return {};
}

// Milliseconds left until `deadline`, rounded up (so that a wait never ends just before it), capped
// for poll(2).
int remaining_ms(Clock::time_point deadline) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, INT_MAX));
}

// Writes all of `input` to the hook's stdin unless the hook stops reading (EPIPE: its business) or the
// deadline passes (false). SIGPIPE is held back meanwhile so that a hook that does not read its input
// cannot kill hd.
bool feed(int fd, const std::string& input, Clock::time_point deadline) {
    sigset_t pipe_signal, saved;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    sigprocmask(SIG_BLOCK, &pipe_signal, &saved);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    bool in_time = true;
    std::size_t written = 0;
    while (written < input.size()) {
        const ssize_t n = write(fd, input.data() + written, input.size() - written);
        if (n > 0) {
            written += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            const int ms = remaining_ms(deadline);
            if (ms == 0) {
                in_time = false;
                break;
            }
            pollfd p{fd, POLLOUT, 0};
            poll(&p, 1, ms);  // POLLERR when the hook closed its end: the next write says EPIPE
            continue;
        }
        break;  // EPIPE, or anything else: the hook gets what it got
    }
    close(fd);
    sigset_t pending;
    sigpending(&pending);
    if (sigismember(&pending, SIGPIPE) && !sigismember(&saved, SIGPIPE)) {
        const timespec now{0, 0};
        sigtimedwait(&pipe_signal, nullptr, &now);
    }
    sigprocmask(SIG_SETMASK, &saved, nullptr);
    return in_time;
}

// Waits for `pid` until the deadline; false when it is still running then. A pidfd (Linux 5.3) wakes
// us the moment the hook exits; without one, we look every few milliseconds.
bool wait_until(pid_t pid, Clock::time_point deadline, int& status) {
#ifdef SYS_pidfd_open
    const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    if (pidfd >= 0) {
        int r = 0;
        for (;;) {
            const int ms = remaining_ms(deadline);
            if (ms == 0) break;
            pollfd p{pidfd, POLLIN, 0};
            r = poll(&p, 1, ms);
            if (r < 0 && errno == EINTR) continue;
            if (r != 0) break;
        }
        close(pidfd);
        if (r == 0) return waitpid(pid, &status, WNOHANG) == pid;  // the deadline passed
        if (r > 0) {
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
            return true;
        }
        // poll failed: look every few milliseconds instead
    }
#endif
    auto pause = std::chrono::microseconds(200);
    for (;;) {
        const pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) return true;
        if (r < 0 && errno != EINTR) return true;  // not our child any more: nothing left to wait for
        const auto now = Clock::now();
        if (now >= deadline) return false;
        std::this_thread::sleep_for(std::min<Clock::duration>(pause, deadline - now));
        pause = std::min(pause * 2, std::chrono::microseconds(20000));
    }
}

std::string describe_status(int status) {
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) {
        const char* what = strsignal(WTERMSIG(status));
        return "was killed by signal " + std::to_string(WTERMSIG(status)) + (what ? std::string(" (") + what + ")" : "");
    }
    return "ended with wait status " + std::to_string(status);
}

}  // namespace

std::optional<std::string> parse_hook_name(std::string_view word) {
    for (std::string_view name : kHookNames)
        if (word == name || word == name.substr(3)) return std::string(name);
    return std::nullopt;
}

std::vector<std::string> hooks_for(const std::vector<Event>& events) {
    bool created = false, escalated = false, resolved = false, closed = false, breached = false;
    for (const auto& e : events) {
        // A breach the sweep recorded asks for the hook when its on_breach actions name it.
        if (e.kind == "breached" && e.new_value && e.new_value->find("hook") != std::string::npos) breached = true;
        if (e.kind == "created") created = true;
        if (e.kind == "escalated") escalated = true;
        if (e.kind == "status" && e.new_value == "resolved") resolved = true;
        if (e.kind == "status" && e.new_value == "closed") closed = true;
    }
    std::vector<std::string> out;
    if (events.empty()) return out;
    if (created) out.emplace_back("on-open");
    if (escalated) out.emplace_back("on-escalate");
    if (resolved) out.emplace_back("on-resolve");
    if (closed) out.emplace_back("on-close");
    if (breached) out.emplace_back("on-breach");
    if (!created) out.emplace_back("on-change");
    return out;
}

std::string_view to_string(HookState state) {
    switch (state) {
        case HookState::missing: return "missing";
        case HookState::ready: return "ready";
        case HookState::not_executable: return "not-executable";
        case HookState::refused: return "refused";
    }
    return "missing";
}

HookCheck check_hook(const fs::path& dir, std::string_view name) {
    HookCheck c;
    c.path = dir / std::string(name);
    struct stat st {};
    if (stat(c.path.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) return c;
        c.state = HookState::refused;
        c.problem = "cannot look at " + shown(c.path) + ": " + std::strerror(errno);
        return c;
    }
    struct stat dir_st {};
    if (stat(dir.c_str(), &dir_st) != 0) {
        c.state = HookState::refused;
        c.problem = "cannot look at " + shown(dir) + ": " + std::strerror(errno);
        return c;
    }
    if (auto problem = trust_problem(dir_st, dir); !problem.empty()) {
        c.state = HookState::refused;
        c.problem = "its directory " + problem;
        return c;
    }
    if (!S_ISREG(st.st_mode)) {
        c.state = HookState::refused;
        c.problem = shown(c.path) + " is not a regular file";
        return c;
    }
    if (auto problem = trust_problem(st, c.path); !problem.empty()) {
        c.state = HookState::refused;
        c.problem = problem;
        return c;
    }
    if (!(st.st_mode & S_IXUSR)) {
        c.state = HookState::not_executable;
        c.problem = shown(c.path) + " is not executable (chmod u+x " + shown(c.path) + ")";
        return c;
    }
    c.state = HookState::ready;
    return c;
}

std::string hook_input(std::string_view name, Store& store, TicketId ticket, const std::vector<Event>& changes,
                       std::string_view actor, Timestamp at) {
    using json = nlohmann::ordered_json;
    const auto t = store.find_ticket(ticket);
    if (!t) fail(ErrorKind::not_found, "no ticket #" + std::to_string(ticket));
    json j;
    j["event"] = std::string(name);
    j["ticket"] = json::parse(out::ticket_detail_json(*t, store.comments(ticket), store.links(ticket),
                                                       store.kb().ticket_articles(ticket), store.events(ticket),
                                                       false));
    j["changes"] = json::parse(out::events_json(changes));
    j["actor"] = std::string(actor);
    j["at"] = format_rfc3339(at);
    return j.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
}

std::optional<std::string> run_hook(const HookCheck& hook, std::string_view name, TicketId ticket,
                                    const std::string& input, const HookEnvironment& env) {
    // The environment: hd's own, with what the hook is about.
    std::vector<std::string> vars;
    const std::vector<std::string> ours = {"HD_EVENT=", "HD_TICKET=", "HD_HOOK=", "HD_DB=", "HD_CONFIG="};
    for (char** e = environ; e && *e; ++e) {
        const std::string_view entry(*e);
        const bool replaced = std::any_of(ours.begin(), ours.end(), [&](const std::string& prefix) {
            return entry.starts_with(prefix) && (prefix != "HD_CONFIG=" || !env.config.empty());
        });
        if (!replaced) vars.emplace_back(entry);
    }
    vars.push_back("HD_EVENT=" + std::string(name));
    vars.push_back("HD_TICKET=" + std::to_string(ticket));
    vars.push_back("HD_HOOK=" + hook.path.string());
    vars.push_back("HD_DB=" + env.store.string());
    if (!env.config.empty()) vars.push_back("HD_CONFIG=" + env.config);
    std::vector<char*> envp;
    for (auto& v : vars) envp.push_back(v.data());
    envp.push_back(nullptr);
    std::string path = hook.path.string();
    char* argv[] = {path.data(), nullptr};

    // hd must be able to wait for its own children, whatever it inherited.
    signal(SIGCHLD, SIG_DFL);

    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return std::string("could not be started: ") + std::strerror(errno);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO);  // never into hd's stdout
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setpgroup(&attr, 0);  // its own process group, so that a timeout kills all of it
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, path.c_str(), &actions, &attr, argv, envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    close(fds[0]);
    if (spawned != 0) {
        close(fds[1]);
        std::string why = std::strerror(spawned);
        if (spawned == ENOEXEC) why += " (does it start with #!?)";
        return "could not be started: " + why;
    }

    const auto deadline = Clock::now() + std::chrono::seconds(std::max<Seconds>(env.timeout, 0));
    int status = 0;
    const bool in_time = feed(fds[1], input, deadline) && wait_until(pid, deadline, status);
    if (!in_time) {
        kill(-pid, SIGKILL);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        return "ran past hook_timeout (" + format_duration(env.timeout) + ") and was killed";
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return std::nullopt;
    return describe_status(status);
}

void PendingHooks::add(const Event& event) {
    auto it = std::find_if(touched_.rbegin(), touched_.rend(), [&](const Touched& t) { return t.ticket == event.ticket; });
    if (it == touched_.rend()) {
        touched_.push_back(Touched{event.ticket, {}});
        touched_.back().events.push_back(event);
    } else {
        it->events.push_back(event);
    }
}

void PendingHooks::prepare(Store& store, const fs::path& dir, std::string_view actor, Timestamp at) {
    prepared_ = true;
    std::map<std::string, HookCheck> checks;  // each hook looked at once per command
    for (const auto& t : touched_)
        for (const auto& name : hooks_for(t.events)) {
            auto check = checks.find(name);
            if (check == checks.end()) check = checks.emplace(name, check_hook(dir, name)).first;
            if (check->second.state == HookState::missing) continue;
            Job job{name, check->second, t.ticket, {}};
            if (job.check.state == HookState::ready) job.input = hook_input(name, store, t.ticket, t.events, actor, at);
            jobs_.push_back(std::move(job));
        }
}

void PendingHooks::run(std::ostream& err, const HookEnvironment& env) {
    std::set<std::string> warned;
    for (const auto& job : jobs_) {
        if (job.check.state != HookState::ready) {
            if (warned.insert(job.name).second)
                err << "hd: warning: hook " << job.name << " not run: " << job.check.problem << '\n';
            continue;
        }
        err.flush();
        if (const auto problem = run_hook(job.check, job.name, job.ticket, job.input, env))
            err << "hd: warning: hook " << job.name << " for #" << job.ticket << ' ' << *problem
                << "; the change stands\n";
    }
    err.flush();
}

}  // namespace hd::cmd
