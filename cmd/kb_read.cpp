// hd kb show, list, history, search, suggest: reading the knowledge base.
#include <CLI/CLI.hpp>

#include "cmd/context.hpp"
#include "cmd/input.hpp"
#include "cmd/kb_commands.hpp"
#include "cmd/output/article_view.hpp"
#include "cmd/output/format.hpp"
#include "cmd/output/kb_json.hpp"
#include "core/error.hpp"
#include "core/query/article_filter.hpp"
#include "core/service/kb.hpp"

namespace hd::cmd {
namespace {

struct ReadOptions {
    std::string ref, lang, category, sort, ticket;
    std::vector<std::string> words;
    int limit = -1;  // -1: not given
    bool raw = false, drafts = false;
    std::optional<std::string> format;  // search only
};

std::optional<std::string> given(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }

out::ViewOptions view_of(Context& ctx) { return out::ViewOptions{ctx.config(), ctx.now(), ctx.width(), ctx.style()}; }

int run_show(const ReadOptions& o, Context& ctx) {
    const Article a = ctx.read([&](TicketService& tickets, Store& store) {
        return KbService(store, tickets, ctx.config(), ctx.now()).find(o.ref, given(o.lang));
    });
    if (ctx.global.json)
        ctx.out() << out::article_json(a, true) << '\n';
    else if (ctx.global.quiet)
        ctx.out() << a.id << '\n';
    else if (o.raw)
        // As stored, for pipes; a terminal still gets control characters escaped.
        ctx.out() << (ctx.stdout_is_terminal() ? out::sanitize(a.body, true) : a.body)
                  << (a.body.empty() || a.body.back() == '\n' ? "" : "\n");
    else
        out::print_article(ctx.out(), a, view_of(ctx));
    return 0;
}

int run_list(const ReadOptions& o, Context& ctx) {
    ArticleQuery q;
    q.filter = parse_article_filter(o.words);
    if (!o.sort.empty()) q.sort = parse_article_sort(o.sort);
    if (o.limit == 0 || o.limit < -1) fail(ErrorKind::usage, "--limit must be at least 1");
    if (o.limit > 0) q.limit = o.limit;
    const auto articles = ctx.read([&](TicketService&, Store& store) { return store.kb().list_articles(q); });
    if (ctx.global.json)
        ctx.out() << out::articles_json(articles) << '\n';
    else if (ctx.global.quiet)
        for (const auto& a : articles) ctx.out() << a.id << '\n';
    else if (!articles.empty())
        out::print_article_table(ctx.out(), articles, view_of(ctx));
    else if (ctx.stdout_is_terminal())
        ctx.err() << "No articles match. Add one with hd kb add TITLE -f FILE.md, or hd kb import DIR.\n";
    return 0;
}

int run_history(const ReadOptions& o, Context& ctx) {
    const auto versions = ctx.read([&](TicketService& tickets, Store& store) {
        KbService kb(store, tickets, ctx.config(), ctx.now());
        return kb.history(kb.find(o.ref, given(o.lang)).id);
    });
    if (ctx.global.json)
        ctx.out() << out::versions_json(versions) << '\n';
    else if (ctx.global.quiet)
        for (const auto& v : versions) ctx.out() << v.version << '\n';
    else
        out::print_versions(ctx.out(), versions, view_of(ctx));
    return 0;
}

void print_hits(Context& ctx, const std::vector<ArticleHit>& hits, const char* none) {
    if (ctx.global.json)
        ctx.out() << out::hits_json(hits) << '\n';
    else if (ctx.global.quiet)
        for (const auto& h : hits) ctx.out() << h.article.id << '\n';
    else if (!hits.empty())
        out::print_hits(ctx.out(), hits, view_of(ctx));
    else if (ctx.stdout_is_terminal())
        ctx.err() << none << '\n';
}

int run_search(const ReadOptions& o, Context& ctx) {
    out::require_one_output_form(
        {{"--json", ctx.global.json}, {"-q", ctx.global.quiet}, {"--format", o.format.has_value()}});
    std::optional<out::FormatTemplate> format;
    if (o.format) format.emplace(*o.format, out::hit_field_names());
    SearchRequest r;
    for (const auto& w : o.words) r.query += (r.query.empty() ? "" : " ") + w;
    for (const auto& w : ctx.terms_after_separator) r.query += (r.query.empty() ? "" : " ") + w;
    r.lang = given(o.lang);
    r.category = given(o.category);
    r.include_drafts = o.drafts;
    r.limit = o.limit == -1 ? 10 : o.limit;
    const auto hits = ctx.read([&](TicketService& tickets, Store& store) {
        return KbService(store, tickets, ctx.config(), ctx.now()).search(r);
    });
    if (format)
        for (const auto& h : hits) ctx.out() << format->render(out::hit_fields(h)) << '\n';
    else
        print_hits(ctx, hits, "No articles match.");
    return 0;
}

int run_suggest(const ReadOptions& o, Context& ctx) {
    const TicketId id = parse_id(o.ticket);
    if (o.limit == 0 || o.limit < -1) fail(ErrorKind::usage, "--limit must be at least 1");
    const auto hits = ctx.read([&](TicketService& tickets, Store& store) {
        return KbService(store, tickets, ctx.config(), ctx.now()).suggest(tickets.get(id), o.limit == -1 ? 5 : o.limit);
    });
    print_hits(ctx, hits, "No article looks like it solves this ticket.");
    return 0;
}

CLI::Option* add_lang(CLI::App* c, const std::shared_ptr<ReadOptions>& o, const char* help) {
    return c->add_option("--lang", o->lang, help);
}

}  // namespace

void add_kb_read_commands(CLI::App& kb, Context& ctx) {
    auto show = std::make_shared<ReadOptions>();
    auto* s = kb.add_subcommand("show", "Show an article, rendered for the terminal");
    s->add_option("article", show->ref, "Article number (12, KB12) or id (slug)")->required();
    add_lang(s, show, "The language, when the id names several");
    s->add_flag("--raw", show->raw, "Print the Markdown as it is stored");
    s->footer("Examples:\n  hd kb show reset-password\n  hd kb show net-wireless --lang pl\n  hd kb show 12 --raw > a.md");
    s->callback([show, &ctx] { ctx.exit_code = run_show(*show, ctx); });

    auto list = std::make_shared<ReadOptions>();
    auto* l = kb.add_subcommand("list", "List articles, filtered by lang:, cat:, tag:, status: and title words");
    l->add_option("filter", list->words, "Filter terms: lang:vi cat:network tag:vpn status:draft, or title words");
    l->add_option("--sort", list->sort, "id (default), title, updated, used or lang");
    l->add_option("--limit", list->limit, "Show at most N articles");
    l->footer("Examples:\n  hd kb list lang:pl\n  hd kb list status:draft\n  hd kb list --sort used --limit 10");
    l->callback([list, &ctx] { ctx.exit_code = run_list(*list, ctx); });

    auto hist = std::make_shared<ReadOptions>();
    auto* h = kb.add_subcommand("history", "An article's versions: who changed it, and when");
    h->add_option("article", hist->ref, "Article number or id")->required();
    add_lang(h, hist, "The language, when the id names several");
    h->footer("Examples:\n  hd kb history reset-password");
    h->callback([hist, &ctx] { ctx.exit_code = run_history(*hist, ctx); });

    auto search = std::make_shared<ReadOptions>();
    auto* q = kb.add_subcommand("search", "Search the articles (any language, with or without diacritics)");
    q->add_option("query", search->words, "Words, \"a phrase\", prefix*, OR, NOT, -word, (groups); after --, words may start with -");
    add_lang(q, search, "Only articles in this language");
    q->add_option("-c,--category", search->category, "Only articles in this category");
    q->add_option("--limit", search->limit, "At most N results (default 10)");
    q->add_flag("--drafts", search->drafts, "Include drafts");
    q->add_option("--format", search->format, "One line per result from TEMPLATE: {field} as in --json, \\t, \\n")
        ->type_name("TEMPLATE");
    q->footer(
        "Examples:\n"
        "  hd kb search reset password\n"
        "  hd kb search '\"reset password\" OR passwd' --lang en\n"
        "  hd kb search mat khau            # finds \"mật khẩu\"\n"
        "  hd kb search 'vpn* NOT android' --limit 3 --json\n"
        "  hd kb search printer --format '{id}\\t{slug}\\t{title}'");
    q->callback([search, &ctx] { ctx.exit_code = run_search(*search, ctx); });

    auto sug = std::make_shared<ReadOptions>();
    auto* g = kb.add_subcommand("suggest", "The articles most likely to solve a ticket");
    g->add_option("ticket", sug->ticket, "Ticket id")->required();
    g->add_option("--limit", sug->limit, "At most N articles (default 5)");
    g->footer("Examples:\n  hd kb suggest 42\n  hd kb suggest 42 -q | head -1 | xargs -I{} hd kb show {}");
    g->callback([sug, &ctx] { ctx.exit_code = run_suggest(*sug, ctx); });
}

}  // namespace hd::cmd
