// hd comment: add a comment, or with --internal a note that reports to requesters leave out.
#include <CLI/CLI.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/input.hpp"
#include "cmd/output/json.hpp"

namespace hd::cmd {
namespace {

struct CommentOptions {
    std::string id;
    std::optional<std::string> text;
    bool internal = false;
};

int run(const CommentOptions& o, Context& ctx) {
    const TicketId id = parse_id(o.id);
    const Config& config = ctx.config();
    std::string body;
    if (o.text)
        body = text_or_stdin(*o.text, config.max_text_bytes, "comment");
    else
        body = edit_in_editor(ctx, "", "the comment is missing: give it as an argument, or - to read standard input");
    ctx.write([&](TicketService& tickets, Store&) { return tickets.comment(id, body, o.internal); },
              [&](const Comment& c) {
                  if (ctx.global.json)
                      ctx.out() << out::comment_json(c) << '\n';
                  else if (!ctx.global.quiet)
                      ctx.out() << (o.internal ? "Added an internal note to #" : "Commented on #") << id << '\n';
              });
    return 0;
}

}  // namespace

void add_comment(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<CommentOptions>();
    auto* c = app.add_subcommand("comment", "Add a comment to a ticket");
    c->add_option("id", o->id, "Ticket id")->required();
    c->add_option("text", o->text, "The comment; - reads standard input; none opens $EDITOR");
    c->add_flag("-i,--internal", o->internal, "An internal note, left out of what requesters see");
    c->footer(
        "Examples:\n"
        "  hd comment 42 \"Asked the user to restart the dock\"\n"
        "  journalctl -u nginx -n 50 | hd comment 42 - --internal");
    c->callback([o, &ctx] { ctx.exit_code = run(*o, ctx); });
}

}  // namespace hd::cmd
