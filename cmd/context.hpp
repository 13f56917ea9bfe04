// What a command gets: global options, config, store, clock, identity, and where to write.
#pragma once

#include <cstdio>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cmd/hooks.hpp"
#include "cmd/output/terminal.hpp"
#include "core/config/config.hpp"
#include "core/events/journal.hpp"
#include "core/model/ticket.hpp"
#include "core/query/filter.hpp"
#include "core/service/tickets.hpp"
#include "core/store/store.hpp"

namespace hd::cmd {

struct GlobalOptions {
    std::string db;      // --db, HD_DB
    std::string config;  // --config, HD_CONFIG
    std::string as;      // --as, HD_USER
    bool json = false;
    bool quiet = false;
    std::string color = "auto";
};

class Context {
public:
    Context(std::ostream& out, std::ostream& err);

    GlobalOptions global;
    int exit_code = 0;
    // `hd list status:new -- -printer`: the filter terms after `--`, where `-word` excludes a word.
    // CLI11 would end its positional list at `--`, so main hands them over here.
    std::vector<std::string> terms_after_separator;
    // A config named by --config or HD_CONFIG must exist, except for `hd init`, which creates it.
    bool named_config_may_be_missing = false;

    std::ostream& out() { return out_; }
    std::ostream& err() { return err_; }

    const Config& config();
    std::filesystem::path config_path(bool* explicitly_given = nullptr) const;
    std::filesystem::path store_path();

    // The instant the command acts at: now, or HD_NOW for tests and what-if runs.
    Timestamp now();
    // --as, HD_USER, the config's user, else the login name.
    std::string actor();

    bool stdin_is_terminal() const;
    bool stdout_is_terminal() const;
    const out::Style& style();
    std::size_t width();
    FilterContext filter_context();

    // Runs `work` in one read transaction. The store is not created by reading.
    template <typename Work>
    auto read(Work&& work) {
        Store& store = open_store(false);
        Journal journal(store);
        TicketService tickets(store, journal, config(), now(), actor());
        Transaction tx(store, Transaction::Mode::read);
        return work(tickets, store);
    }

    // Runs `work` in one write transaction: it commits only when `work` returns; anything thrown
    // writes nothing. `work` may run twice (when two commands race to create the store, the loser
    // runs again on the winner's store), so it must not keep state across calls.
    // After the commit, and only then, it runs the hooks that the journal's events call for (see
    // hd-hooks(5)), with each ticket as the transaction left it; a failing hook is a warning.
    template <typename Work>
    auto write(Work&& work) {
        try {
            return write_once(work);
        } catch (const StoreCreatedMeanwhile&) {
            store_.reset();
            return write_once(work);
        }
    }

    // Like write, and `report(result)` prints what the command did before the commit: when standard
    // output cannot take it (a closed pipe, a full disk), the command fails and writes nothing, so a
    // script that retries never files twice. A commit that fails after the report exits non-zero.
    template <typename Work, typename Report>
    void write(Work&& work, Report&& report) {
        write([&](TicketService& tickets, Store& store) {
            auto result = work(tickets, store);
            refresh_clocks(store);
            store.ready_to_commit();
            prepare_hooks(store);  // before the report, so that nothing can fail after it but the commit
            report(result);
            flush_out();
            return 0;
        });
    }

    // Flushes stdout; hd::Error when it could not be written.
    void flush_out();

    Store& open_store(bool for_write);

    // Where hooks live: the config's hooks_dir, else $XDG_CONFIG_HOME/hd/hooks.
    std::filesystem::path hooks_dir();
    // What every hook gets: the store and config paths, and hook_timeout.
    HookEnvironment hook_environment();

private:
    // The hooks of the write transaction under way, if any.
    PendingHooks* pending_hooks_ = nullptr;
    struct PendingHooksScope {
        PendingHooks*& slot;
        PendingHooks* saved;
        PendingHooksScope(PendingHooks*& s, PendingHooks* hooks) : slot(s), saved(s) { s = hooks; }
        ~PendingHooksScope() { slot = saved; }
        PendingHooksScope(const PendingHooksScope&) = delete;
        PendingHooksScope& operator=(const PendingHooksScope&) = delete;
    };
    // Changes made by an hd that a hook runs run no hooks (HD_HOOK is set): a hook that comments on
    // its ticket must not call itself forever.
    static bool hooks_enabled();
    void prepare_hooks(Store& store);
    // Every ticket the write changed gets its service-level clocks computed again (once, before the
    // commit): see SlaService::refresh.
    void refresh_clocks(Store& store);
    std::set<TicketId> changed_tickets_;
    void run_hooks(PendingHooks& hooks);

    template <typename Work>
    auto write_once(Work& work) {
        Store& store = open_store(true);
        Journal journal(store);
        PendingHooks hooks;
        if (hooks_enabled()) journal.subscribe([&hooks](const Event& e) { hooks.add(e); });
        changed_tickets_.clear();
        journal.subscribe([this](const Event& e) { changed_tickets_.insert(e.ticket); });
        PendingHooksScope scope(pending_hooks_, &hooks);
        TicketService tickets(store, journal, config(), now(), actor());
        Transaction tx(store, Transaction::Mode::write);
        if constexpr (std::is_void_v<decltype(work(tickets, store))>) {
            work(tickets, store);
            refresh_clocks(store);
            prepare_hooks(store);
            tx.commit();
            run_hooks(hooks);
        } else {
            auto result = work(tickets, store);
            refresh_clocks(store);
            prepare_hooks(store);
            tx.commit();
            run_hooks(hooks);
            return result;
        }
    }

    std::ostream& out_;
    std::ostream& err_;
    std::optional<Config> config_;
    std::optional<Timestamp> now_;
    std::optional<std::string> actor_;
    std::optional<out::Style> style_;
    std::unique_ptr<Store> store_;
    bool store_writable_ = false;
};

}  // namespace hd::cmd
