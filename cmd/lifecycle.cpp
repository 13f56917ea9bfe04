// The lifecycle moves: hd start, pend, resolve, close, reopen. Several ids move together or not at all.
#include <CLI/CLI.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/ticket_output.hpp"
#include "cmd/input.hpp"
#include "cmd/options.hpp"
#include "cmd/output/json.hpp"
#include "core/service/kb.hpp"

namespace hd::cmd {
namespace {

struct MoveOptions {
    std::vector<std::string> ids;
    std::optional<std::string> note;  // --note for resolve, --reason for pend and reopen
    std::string code;
    std::string kb;  // resolve --kb: the article that solved it
};

const char* past_tense(Move m) {
    switch (m) {
        case Move::start: return "Started";
        case Move::pend: return "Pending";
        case Move::resolve: return "Resolved";
        case Move::close: return "Closed";
        case Move::reopen: return "Reopened";
    }
    return "Moved";
}

int run(Move move, const MoveOptions& o, Context& ctx) {
    const auto ids = parse_ids(o.ids);
    std::optional<ResolutionCode> code;
    if (!o.code.empty()) code = resolution_code_option(o.code);
    std::optional<std::string> note;
    if (o.note) note = text_or_stdin(*o.note, ctx.config().max_text_bytes, move == Move::resolve ? "note" : "reason");
    ctx.write(
        [&](TicketService& tickets, Store& store) {
            std::vector<Ticket> out;
            for (TicketId id : ids) out.push_back(tickets.move(id, move, note, code));
            if (!o.kb.empty()) {
                KbService kb(store, tickets, ctx.config(), ctx.now());
                const Article article = kb.find(o.kb);
                for (TicketId id : ids) kb.use(article.id, id, ArticleUseKind::solved);
            }
            return out;
        },
        [&](const std::vector<Ticket>& changed) {
            if (ctx.global.json)
                print_changed_json(ctx, changed);
            else if (!ctx.global.quiet)
                for (const auto& t : changed) {
                    ctx.out() << past_tense(move) << " #" << t.id;
                    if (move == Move::resolve && t.resolution_code)
                        ctx.out() << " (" << to_string(*t.resolution_code) << ")";
                    ctx.out() << '\n';
                }
        });
    return 0;
}

CLI::App* add_move(CLI::App& app, Context& ctx, Move move, const char* help, const char* footer) {
    auto o = std::make_shared<MoveOptions>();
    auto* c = app.add_subcommand(std::string(to_string(move)), help);
    c->add_option("ids", o->ids, "Ticket ids")->required();
    switch (move) {
        case Move::resolve:
            c->add_option("-n,--note", o->note, "What solved it (required); - reads standard input")->required();
            c->add_option("--code", o->code, "fixed (default), workaround, duplicate or no-fault");
            c->add_option("--kb", o->kb, "The knowledge-base article that solved it (number or id)");
            break;
        case Move::pend:
            c->add_option("-r,--reason", o->note, "What the ticket waits for; - reads standard input");
            break;
        case Move::reopen:
            c->add_option("-r,--reason", o->note, "Why it is not solved (required); - reads standard input")->required();
            break;
        default: break;
    }
    c->footer(footer);
    c->callback([o, &ctx, move] { ctx.exit_code = run(move, *o, ctx); });
    return c;
}

}  // namespace

void add_lifecycle(CLI::App& app, Context& ctx) {
    add_move(app, ctx, Move::start, "Start work on tickets (new or pending → open)",
             "Examples:\n  hd start 42\n  hd start 42 43");
    add_move(app, ctx, Move::pend, "Put tickets on hold, waiting for someone or something",
             "Examples:\n  hd pend 42 --reason \"Waiting for the user to reboot\"");
    add_move(app, ctx, Move::resolve, "Mark tickets solved, saying how",
             "Examples:\n  hd resolve 42 --note \"Reinstalled the printer driver\"\n"
             "  hd resolve 42 43 --note \"Same outage as #41\" --code duplicate\n"
             "  hd resolve 42 --note \"Reset the password\" --kb reset-password");
    add_move(app, ctx, Move::close, "Close resolved tickets for good",
             "Examples:\n  hd close 42\n  hd list status:resolved updated:'>7d' -q | xargs -r hd close");
    add_move(app, ctx, Move::reopen, "Reopen resolved tickets: the problem is back",
             "Examples:\n  hd reopen 42 --reason \"Printer jams again\"");
}

}  // namespace hd::cmd
