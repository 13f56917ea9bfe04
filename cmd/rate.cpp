// hd rate: the requester's satisfaction with a resolved or closed ticket, 1 to 5, with a comment.
#include <CLI/CLI.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/input.hpp"
#include "cmd/output/report_view.hpp"
#include "core/error.hpp"

namespace hd::cmd {
namespace {

struct RateOptions {
    std::string id;
    std::string score;
    std::optional<std::string> comment;
};

int run(const RateOptions& o, Context& ctx) {
    const TicketId id = parse_id(o.id);
    const auto score = parse_score(o.score);
    if (!score)
        fail(ErrorKind::usage, "score: '" + o.score +
                                   "' is not valid (expected a whole number from 1, very dissatisfied, "
                                   "to 5, very satisfied)");
    std::optional<std::string> comment;
    if (o.comment) comment = text_or_stdin(*o.comment, ctx.config().max_text_bytes, "comment");
    ctx.write([&](TicketService& tickets, Store&) { return tickets.rate(id, *score, comment); },
              [&](const Rating& r) {
                  if (ctx.global.json)
                      ctx.out() << out::rating_json(r) << '\n';
                  else if (!ctx.global.quiet)
                      ctx.out() << "Rated #" << r.ticket << ' ' << r.score << "/5\n";
              });
    return 0;
}

}  // namespace

void add_rate(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<RateOptions>();
    auto* c = app.add_subcommand("rate", "Record the requester's satisfaction with a resolved ticket, 1 to 5");
    c->add_option("id", o->id, "Ticket id (resolved or closed)")->required();
    c->add_option("score", o->score, "1 (very dissatisfied) to 5 (very satisfied)")->required();
    c->add_option("-m,--comment", o->comment, "What the requester said; - reads standard input");
    c->footer(
        "Rating again replaces the earlier rating. hd report csat sums them up.\n\n"
        "Examples:\n"
        "  hd rate 42 5\n"
        "  hd rate 42 2 --comment \"Took three days to call back\"");
    c->callback([o, &ctx] { ctx.exit_code = run(*o, ctx); });
}

}  // namespace hd::cmd
