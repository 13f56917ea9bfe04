// hd link, hd unlink and hd merge: working tickets together.
#include <CLI/CLI.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/input.hpp"
#include "cmd/output/json.hpp"
#include "core/error.hpp"

namespace hd::cmd {
namespace {

struct LinkOptions {
    std::string a, b;
    bool relates = false, duplicate_of = false, caused_by = false, parent = false;
};

int run_link(const LinkOptions& o, Context& ctx) {
    const TicketId a = parse_id(o.a), b = parse_id(o.b);
    const int chosen = o.relates + o.duplicate_of + o.caused_by + o.parent;
    if (chosen > 1) fail(ErrorKind::usage, "give one of --relates, --duplicate-of, --caused-by, --parent");
    const LinkKind kind = o.duplicate_of ? LinkKind::duplicate_of
                          : o.caused_by  ? LinkKind::caused_by
                          : o.parent     ? LinkKind::parent
                                         : LinkKind::relates;
    ctx.write([&](TicketService& tickets, Store&) { tickets.link(a, b, kind); return 0; },
              [&](int) {
                  if (!ctx.global.quiet && !ctx.global.json)
                      ctx.out() << "Linked #" << a << " " << to_string(kind) << " #" << b << '\n';
              });
    return 0;
}

int run_unlink(const std::string& a_word, const std::string& b_word, Context& ctx) {
    const TicketId a = parse_id(a_word), b = parse_id(b_word);
    ctx.write([&](TicketService& tickets, Store&) { tickets.unlink(a, b); return 0; },
              [&](int) {
                  if (!ctx.global.quiet && !ctx.global.json) ctx.out() << "Unlinked #" << a << " and #" << b << '\n';
              });
    return 0;
}

int run_merge(const std::string& src_word, const std::string& into_word, Context& ctx) {
    const TicketId src = parse_id(src_word), into = parse_id(into_word);
    ctx.write([&](TicketService& tickets, Store&) { return tickets.merge(src, into); },
              [&](const Ticket& t) {
                  if (ctx.global.json)
                      ctx.out() << out::ticket_json(t) << '\n';
                  else if (!ctx.global.quiet)
                      ctx.out() << "Merged #" << src << " into #" << into << " (#" << src
                                << " resolved as a duplicate)\n";
              });
    return 0;
}

}  // namespace

void add_link(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<LinkOptions>();
    auto* c = app.add_subcommand("link", "Link ticket A to ticket B");
    c->add_option("a", o->a, "Ticket A")->required();
    c->add_option("b", o->b, "Ticket B")->required();
    c->add_flag("--relates", o->relates, "A relates to B (the default)");
    c->add_flag("--duplicate-of", o->duplicate_of, "A is a duplicate of B");
    c->add_flag("--caused-by", o->caused_by, "A was caused by B");
    c->add_flag("--parent", o->parent, "B is A's parent");
    c->footer("Examples:\n  hd link 42 40 --caused-by\n  hd link 43 41 --duplicate-of");
    c->callback([o, &ctx] { ctx.exit_code = run_link(*o, ctx); });

    auto ids = std::make_shared<std::pair<std::string, std::string>>();
    auto* u = app.add_subcommand("unlink", "Remove every link between tickets A and B");
    u->add_option("a", ids->first, "Ticket A")->required();
    u->add_option("b", ids->second, "Ticket B")->required();
    u->footer("Examples:\n  hd unlink 42 40");
    u->callback([ids, &ctx] { ctx.exit_code = run_unlink(ids->first, ids->second, ctx); });

    auto m_ids = std::make_shared<std::pair<std::string, std::string>>();
    auto* m = app.add_subcommand("merge", "Merge ticket SRC into INTO: its comments, history, tags, requesters and occurrences move");
    m->add_option("src", m_ids->first, "The ticket merged away (resolved as a duplicate)")->required();
    m->add_option("into", m_ids->second, "The ticket that remains")->required();
    m->footer("Examples:\n  hd merge 43 41");
    m->callback([m_ids, &ctx] { ctx.exit_code = run_merge(m_ids->first, m_ids->second, ctx); });
}

}  // namespace hd::cmd
