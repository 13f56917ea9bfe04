// Hooks: executables in hooks_dir named after events (on-open, on-change, ...) that hd runs after a
// change has committed, with the event as JSON on their standard input. See hd-hooks(5).
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/ticket.hpp"
#include "core/model/time.hpp"

namespace hd {
class Store;
}

namespace hd::cmd {

// Every hook, in the order they run for one ticket: the specific ones first, on-change last.
inline constexpr std::array<std::string_view, 6> kHookNames = {"on-open",  "on-escalate", "on-resolve",
                                                               "on-close", "on-breach",   "on-change"};

// "on-resolve" or "resolve" → "on-resolve"; nullopt for any other word.
std::optional<std::string> parse_hook_name(std::string_view word);

// The hooks that one command's events on one ticket call for, in run order: created → on-open;
// escalated → on-escalate; status to resolved → on-resolve; status to closed → on-close; and
// on-change for every change to a ticket that the command did not create.
std::vector<std::string> hooks_for(const std::vector<Event>& events);

// What hd finds at hooks_dir/NAME. A hook runs only when it is `ready`: a regular, executable file
// owned by the user running hd and writable by nobody else, in a directory that is the same.
enum class HookState { missing, ready, not_executable, refused };
std::string_view to_string(HookState);

struct HookCheck {
    HookState state = HookState::missing;
    std::filesystem::path path;
    std::string problem;  // why it is not run: "is group-writable (chmod go-w PATH)"; empty when ready or missing
};
HookCheck check_hook(const std::filesystem::path& dir, std::string_view name);

// The document a hook reads on stdin: {"event", "ticket" (as hd show --json prints it), "changes"
// (events as hd log --json prints them), "actor", "at"}.
std::string hook_input(std::string_view name, Store& store, TicketId ticket, const std::vector<Event>& changes,
                       std::string_view actor, Timestamp at);

// What every hook gets besides its input: HD_DB, HD_CONFIG (when one was named), and its time limit.
struct HookEnvironment {
    std::filesystem::path store;
    std::string config;  // empty: not passed on
    Seconds timeout = 10;
};

// Runs a ready hook and waits for it, at most env.timeout seconds (then kills its process group).
// Its stdout and stderr go to hd's stderr. Returns what went wrong ("exited with status 2"), or
// nullopt when it exited with status 0.
std::optional<std::string> run_hook(const HookCheck& hook, std::string_view name, TicketId ticket,
                                    const std::string& input, const HookEnvironment& env);

// The hooks of one write transaction: `add` collects the events through the journal, `prepare` (in
// the transaction, after the work) finds the hooks and reads each ticket as it will be committed,
// and `run` (after the commit) runs them, warning on `err` about those that fail or are refused.
class PendingHooks {
public:
    void add(const Event& event);
    void prepare(Store& store, const std::filesystem::path& dir, std::string_view actor, Timestamp at);
    bool prepared() const { return prepared_; }
    void run(std::ostream& err, const HookEnvironment& env);

private:
    struct Touched {
        TicketId ticket = 0;
        std::vector<Event> events;
    };
    struct Job {
        std::string name;
        HookCheck check;
        TicketId ticket = 0;
        std::string input;
    };
    std::vector<Touched> touched_;
    std::vector<Job> jobs_;
    bool prepared_ = false;
};

}  // namespace hd::cmd
