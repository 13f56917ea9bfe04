// Resolving the context: XDG paths, the config, the store, the clock and who is acting.
#include "cmd/context.hpp"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include "core/error.hpp"
#include "core/rules/fields.hpp"
#include "core/service/sla.hpp"

namespace hd::cmd {
namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

std::filesystem::path home_dir() {
    if (auto h = env("HOME"); !h.empty()) return h;
    if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir) return pw->pw_dir;
    return "/";
}

// XDG base directories: the variable when set to an absolute path, else the spec's default.
std::filesystem::path xdg_dir(const char* variable, const char* fallback_under_home) {
    const std::string v = env(variable);
    if (!v.empty() && v[0] == '/') return v;
    return home_dir() / fallback_under_home;
}

}  // namespace

Context::Context(std::ostream& out, std::ostream& err) : out_(out), err_(err) {}

std::filesystem::path Context::config_path(bool* explicitly_given) const {
    if (explicitly_given) *explicitly_given = !global.config.empty();
    if (!global.config.empty()) return global.config;
    return xdg_dir("XDG_CONFIG_HOME", ".config") / "hd" / "config.toml";
}

const Config& Context::config() {
    if (!config_) {
        bool explicit_path = false;
        const auto path = config_path(&explicit_path);
        config_ = load_config(path, explicit_path && !named_config_may_be_missing);
        for (const auto& w : config_->warnings) err_ << "hd: warning: " << w << '\n';
    }
    return *config_;
}

std::filesystem::path Context::store_path() {
    if (!global.db.empty()) return global.db;
    if (config().store_path) return *config().store_path;
    return xdg_dir("XDG_DATA_HOME", ".local/share") / "hd" / "hd.db";
}

Store& Context::open_store(bool for_write) {
    if (store_ && (store_writable_ || !for_write)) return *store_;
    store_.reset();
    StoreOptions options;
    options.path = store_path();
    options.lock_timeout_ms = config().lock_timeout * 1000;
    options.create = for_write;
    store_ = open_sqlite_store(options);
    store_writable_ = for_write;
    return *store_;
}

Timestamp Context::now() {
    if (!now_) {
        const std::string fixed = env("HD_NOW");
        if (!fixed.empty()) {
            const auto t = parse_rfc3339(fixed);
            if (!t) fail(ErrorKind::usage, "HD_NOW='" + fixed + "' is not an RFC 3339 time such as 2026-11-23T10:00:00Z");
            now_ = *t;
        } else {
            now_ = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
        }
    }
    return *now_;
}

std::string Context::actor() {
    if (!actor_) {
        std::string name = global.as;
        if (name.empty() && config().user) name = *config().user;
        if (name.empty()) name = env("LOGNAME");
        if (name.empty()) name = env("USER");
        if (name.empty())
            if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name) name = pw->pw_name;
        if (name.empty()) name = "uid" + std::to_string(getuid());
        actor_ = checked_name(name, "user name (--as, HD_USER)");
    }
    return *actor_;
}

void Context::flush_out() {
    out_.flush();
    if (!out_) fail(ErrorKind::other, "cannot write to standard output; nothing was changed");
}

bool Context::stdin_is_terminal() const { return isatty(STDIN_FILENO) == 1; }
bool Context::stdout_is_terminal() const { return isatty(STDOUT_FILENO) == 1; }

const out::Style& Context::style() {
    if (!style_) {
        bool on = false;
        if (global.color == "always")
            on = true;
        else if (global.color == "auto")
            on = stdout_is_terminal() && env("NO_COLOR").empty() && env("TERM") != "dumb";
        style_.emplace(on);
    }
    return *style_;
}

std::size_t Context::width() {
    // A pipe gets whole lines: truncating there would lose text that a script or pager wants.
    return out::terminal_width(stdout_is_terminal() ? 80 : 4096);
}

std::filesystem::path Context::hooks_dir() {
    if (const auto& dir = config().hooks_dir) {
        // The config reader expands ~; a path given some other way may still carry it.
        if (*dir == "~") return home_dir();
        if (dir->starts_with("~/")) return home_dir() / dir->substr(2);
        return *dir;
    }
    return xdg_dir("XDG_CONFIG_HOME", ".config") / "hd" / "hooks";
}

HookEnvironment Context::hook_environment() {
    HookEnvironment e;
    std::error_code ec;
    e.store = std::filesystem::absolute(store_path(), ec);
    if (ec) e.store = store_path();
    if (!global.config.empty()) {
        const auto config_file = std::filesystem::absolute(global.config, ec);
        e.config = ec ? global.config : config_file.string();
    }
    e.timeout = config().hook_timeout;
    return e;
}

bool Context::hooks_enabled() { return env("HD_HOOK").empty(); }

void Context::refresh_clocks(Store& store) {
    if (changed_tickets_.empty()) return;
    SlaService(store, config(), now()).refresh(changed_tickets_);
    changed_tickets_.clear();
}

void Context::prepare_hooks(Store& store) {
    if (!pending_hooks_ || pending_hooks_->prepared()) return;
    pending_hooks_->prepare(store, hooks_dir(), actor(), now());
}

void Context::run_hooks(PendingHooks& hooks) {
    // The change has committed: nothing from here on may fail the command.
    try {
        hooks.run(err_, hook_environment());
    } catch (const std::exception& e) {
        err_ << "hd: warning: hooks not run: " << out::sanitize(e.what()) << '\n';
    }
}

FilterContext Context::filter_context() {
    FilterContext f;
    f.me = actor();
    f.now = now();
    const Config& cfg = config();
    f.tier_level = [&cfg](std::string_view text) { return find_tier(cfg, text); };
    return f;
}

}  // namespace hd::cmd
