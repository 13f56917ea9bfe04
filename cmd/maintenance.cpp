// hd check (is the store sound?), hd backup FILE (a consistent copy while others write) and
// hd restore FILE (put a copy back).
#include <CLI/CLI.hpp>
#include <filesystem>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/output/json.hpp"
#include "core/error.hpp"

namespace hd::cmd {
namespace {

namespace fs = std::filesystem;

int run_check(Context& ctx) {
    Store& store = ctx.open_store(false);
    if (!store.exists()) fail(ErrorKind::not_found, "there is no store at " + store.location() + " yet");
    const auto problems = store.check(static_cast<int>(ctx.config().tiers.size()));
    if (ctx.global.json) {
        ctx.out() << out::check_json(store.location(), problems) << '\n';
    } else if (!ctx.global.quiet) {
        if (problems.empty()) ctx.out() << "The store " << store.location() << " is sound.\n";
        for (const auto& p : problems) ctx.out() << p << '\n';
    }
    if (!problems.empty())
        ctx.err() << "hd: error: the store " << store.location() << " has " << problems.size()
                  << (problems.size() == 1 ? " problem" : " problems") << " (listed above)\n";
    return problems.empty() ? 0 : static_cast<int>(ErrorKind::store);
}

struct CopyOptions {
    std::string file;
    bool force = false;
};

int run_backup(const CopyOptions& o, Context& ctx) {
    const fs::path target(o.file);
    std::error_code ec;
    if (fs::is_directory(target, ec)) fail(ErrorKind::usage, o.file + " is a directory; give the backup's file name");
    if (fs::exists(target, ec) && !o.force)
        fail(ErrorKind::usage, o.file + " exists already; give --force to replace it");
    if (!target.parent_path().empty() && !fs::is_directory(target.parent_path(), ec))
        fail(ErrorKind::usage, "no directory " + target.parent_path().string() + " for the backup");
    Store& store = ctx.open_store(false);
    if (fs::exists(target, ec) && fs::equivalent(target, store.location(), ec))
        fail(ErrorKind::usage, o.file + " is the store itself");
    store.backup_to(target);
    const auto bytes = fs::file_size(target, ec);
    if (ctx.global.json)
        ctx.out() << out::object_json({{"store", store.location()},
                                       {"backup", fs::absolute(target).string()},
                                       {"bytes", static_cast<std::int64_t>(ec ? 0 : bytes)}})
                  << '\n';
    else if (!ctx.global.quiet)
        ctx.out() << "Backed up " << store.location() << " to " << o.file << '\n';
    return 0;
}

int run_restore(const CopyOptions& o, Context& ctx) {
    Store& store = ctx.open_store(true);
    if (!o.force) {
        TicketQuery any;
        any.include_closed = true;
        store.begin_read();
        const bool has_tickets = store.any_ticket(any);
        store.rollback();
        if (has_tickets)
            fail(ErrorKind::usage, "the store " + store.location() +
                                       " holds tickets, which the backup would replace; give --force to restore");
    }
    store.restore_from(fs::path(o.file));
    if (ctx.global.json)
        ctx.out() << out::object_json({{"store", store.location()}, {"restored_from", fs::absolute(o.file).string()}})
                  << '\n';
    else if (!ctx.global.quiet)
        ctx.out() << "Restored " << store.location() << " from " << o.file << '\n';
    return 0;
}

}  // namespace

void add_maintenance(CLI::App& app, Context& ctx) {
    auto* c = app.add_subcommand("check", "Check the store: SQLite integrity, links, search index, ticket states");
    c->footer("Exit 0 when the store is sound, 5 when a problem was found (each is listed).\n\n"
              "Examples:\n  hd check\n  hd check --json | jq .problems");
    c->callback([&ctx] { ctx.exit_code = run_check(ctx); });

    auto backup = std::make_shared<CopyOptions>();
    auto* b = app.add_subcommand("backup", "Copy the store into FILE, consistently, while others keep writing");
    b->add_option("file", backup->file, "The backup file to write")->required();
    b->add_flag("--force", backup->force, "Replace FILE when it exists");
    b->footer("Examples:\n  hd backup ~/backups/hd-$(date +%F).db\n  hd backup /srv/hd.db --force -q");
    b->callback([backup, &ctx] { ctx.exit_code = run_backup(*backup, ctx); });

    auto restore = std::make_shared<CopyOptions>();
    auto* r = app.add_subcommand("restore", "Replace the store with a backup made by hd backup");
    r->add_option("file", restore->file, "The backup file to read")->required();
    r->add_flag("--force", restore->force, "Replace a store that holds tickets");
    r->footer("The backup is checked first (an hd store, not newer than this hd, sound); an older one is\n"
              "upgraded.\n\nExamples:\n  hd restore ~/backups/hd-2026-11-23.db --force");
    r->callback([restore, &ctx] { ctx.exit_code = run_restore(*restore, ctx); });
}

}  // namespace hd::cmd
