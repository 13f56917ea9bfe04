// hd kb add, edit, publish, retire, link: changing the knowledge base.
#include <CLI/CLI.hpp>

#include "cmd/context.hpp"
#include "cmd/input.hpp"
#include "cmd/kb_commands.hpp"
#include "cmd/output/article_view.hpp"
#include "cmd/output/kb_json.hpp"
#include "core/error.hpp"
#include "core/kb/article_file.hpp"
#include "core/service/kb.hpp"

namespace hd::cmd {
namespace {

struct ArticleOptions {
    std::string ref, title, file, slug, lang, category, ticket;
    std::vector<std::string> tags;
    bool draft = false;
    bool title_given = false, file_given = false, slug_given = false, lang_given = false, category_given = false;
};

const char* kNoBody = "give the article's text with -f FILE.md or -f - (standard input); the editor needs a terminal";

void print_article_result(Context& ctx, const Article& a, const std::string& verb) {
    if (ctx.global.json)
        ctx.out() << out::article_json(a, false) << '\n';
    else if (ctx.global.quiet)
        ctx.out() << a.id << '\n';
    else
        ctx.out() << verb << ' ' << out::article_label(a.id) << ' ' << out::sanitize(a.slug) << " (" << a.lang << ", "
                  << to_string(a.status) << "): " << out::sanitize(a.title) << '\n';
}

int run_add(const ArticleOptions& o, Context& ctx) {
    NewArticle in;
    in.title = o.title;
    const std::size_t limit = ctx.config().max_article_bytes;
    if (o.file_given)
        in.body = read_text_file(o.file, limit, "an article");
    else
        in.body = edit_in_editor(ctx, "", kNoBody);
    if (o.slug_given) in.slug = o.slug;
    if (o.lang_given) in.lang = o.lang;
    if (o.category_given) in.category = o.category;
    in.tags = o.tags;
    in.draft = o.draft;
    ctx.write(
        [&](TicketService& tickets, Store& store) { return KbService(store, tickets, ctx.config(), ctx.now()).add(in); },
        [&](const Article& a) { print_article_result(ctx, a, "Added"); });
    return 0;
}

// The editor form is the file form of `hd kb export`: front matter, then the Markdown.
ArticleEdit edit_from_file(const ArticleFile& f) {
    ArticleEdit e;
    e.title = f.title.value_or("");
    e.body = f.body;
    if (f.slug) e.slug = *f.slug;
    if (f.lang) e.lang = *f.lang;
    e.category = f.category.value_or("");
    e.tags = f.tags;
    return e;
}

int run_edit(const ArticleOptions& o, Context& ctx) {
    ArticleEdit e;
    if (o.title_given) e.title = o.title;
    if (o.file_given) e.body = read_text_file(o.file, ctx.config().max_article_bytes, "an article");
    if (o.slug_given) e.slug = o.slug;
    if (o.lang_given) e.lang = o.lang;
    if (o.category_given) e.category = o.category;
    for (const auto& t : o.tags) (t.size() > 1 && t[0] == '-' ? e.remove_tags : e.add_tags).push_back(t[0] == '-' ? t.substr(1) : t);

    if (e.empty()) {
        const Article current = ctx.read([&](TicketService& tickets, Store& store) {
            return KbService(store, tickets, ctx.config(), ctx.now()).find(o.ref);
        });
        const std::string edited = edit_in_editor(
            ctx, write_article_file(current),
            "nothing to change: give options such as --title or -f FILE.md (the editor needs a terminal)");
        e = edit_from_file(parse_article_file(edited, "the edited article"));
        e.lang = e.lang.value_or(current.lang);
    }

    using Edited = std::pair<Article, bool>;
    ctx.write(
        [&](TicketService& tickets, Store& store) {
            KbService kb(store, tickets, ctx.config(), ctx.now());
            const Article a = kb.find(o.ref);  // --lang here sets the language: name a translation by its number
            bool changed = false;
            Article after = kb.edit(a.id, e, &changed);
            return Edited{std::move(after), changed};
        },
        [&](const Edited& r) {
            if (ctx.global.json)
                ctx.out() << out::article_json(r.first, false) << '\n';
            else if (ctx.global.quiet)
                ctx.out() << r.first.id << '\n';
            else
                ctx.out() << (r.second ? "Updated " : "No change to ") << out::article_label(r.first.id) << " (version "
                          << r.first.version << ")\n";
        });
    return 0;
}

template <typename Change>
int run_change(const ArticleOptions& o, Context& ctx, const std::string& verb, Change change) {
    ctx.write(
        [&](TicketService& tickets, Store& store) {
            KbService kb(store, tickets, ctx.config(), ctx.now());
            return change(kb, kb.find(o.ref, o.lang_given ? std::optional(o.lang) : std::nullopt).id);
        },
        [&](const Article& a) { print_article_result(ctx, a, verb); });
    return 0;
}

int run_link(const ArticleOptions& o, Context& ctx) {
    const TicketId ticket = parse_id(o.ticket);
    using Linked = std::pair<Article, bool>;
    ctx.write(
        [&](TicketService& tickets, Store& store) {
            KbService kb(store, tickets, ctx.config(), ctx.now());
            const Article a = kb.find(o.ref, o.lang_given ? std::optional(o.lang) : std::nullopt);
            const bool added = kb.use(a.id, ticket, ArticleUseKind::linked);
            return Linked{kb.get(a.id), added};
        },
        [&](const Linked& r) {
            if (ctx.global.json)
                ctx.out() << out::article_json(r.first, false) << '\n';
            else if (ctx.global.quiet)
                ctx.out() << r.first.id << '\n';
            else if (r.second)
                ctx.out() << "Linked " << out::article_label(r.first.id) << " to #" << ticket << '\n';
            else
                ctx.out() << out::article_label(r.first.id) << " is already tied to #" << ticket << '\n';
        });
    return 0;
}

// Options shared by add and edit.
void add_article_options(CLI::App* c, const std::shared_ptr<ArticleOptions>& o) {
    c->add_option("-f,--file", o->file, "The Markdown text from FILE; - reads standard input")
        ->each([o](const std::string&) { o->file_given = true; });
    c->add_option("-c,--category", o->category, "Category")->each([o](const std::string&) { o->category_given = true; });
    c->add_option("--lang", o->lang, "Language: en, vi, pl, ru, de, fr, es, ... (detected when not given)")
        ->each([o](const std::string&) { o->lang_given = true; });
    c->add_option("--slug", o->slug, "The article's id outside hd (default: made from the title)")
        ->each([o](const std::string&) { o->slug_given = true; });
}

}  // namespace

void add_kb_write_commands(CLI::App& kb, Context& ctx) {
    auto add = std::make_shared<ArticleOptions>();
    auto* a = kb.add_subcommand("add", "Add an article (tier 2 and up publish; tier 1 adds drafts)");
    a->add_option("title", add->title, "The article's title")->required();
    add_article_options(a, add);
    a->add_option("-t,--tag", add->tags, "Tag (repeatable)")->allow_extra_args(false);
    a->add_flag("--draft", add->draft, "Add it as a draft, not yet found by search");
    a->footer(
        "Examples:\n"
        "  hd kb add \"Reset your password\" -f reset-password.md -t password -c accounts\n"
        "  pandoc -t gfm page.html | hd kb add \"Printer jams\" -f - --lang en\n"
        "  hd kb add \"Đổi mật khẩu\" -f doi-mat-khau.md --draft");
    a->callback([add, &ctx] { ctx.exit_code = run_add(*add, ctx); });

    auto edit = std::make_shared<ArticleOptions>();
    auto* e = kb.add_subcommand("edit", "Change an article; without options, in $EDITOR (a new version)");
    e->add_option("article", edit->ref, "Article number (12, KB12) or id (slug)")->required();
    e->add_option("--title", edit->title, "New title")->each([edit](const std::string&) { edit->title_given = true; });
    add_article_options(e, edit);
    e->add_option("-t,--tag", edit->tags, "Add a tag; -TAG removes it (repeatable)")->allow_extra_args(false);
    e->footer(
        "Examples:\n"
        "  hd kb edit reset-password\n"
        "  hd kb edit KB12 -f reset-password.md\n"
        "  hd kb edit 12 --title \"Reset a forgotten password\" -t sso -t -legacy");
    e->callback([edit, &ctx] { ctx.exit_code = run_edit(*edit, ctx); });

    auto pub = std::make_shared<ArticleOptions>();
    auto* p = kb.add_subcommand("publish", "Publish a draft (or bring back a retired article)");
    p->add_option("article", pub->ref, "Article number or id")->required();
    p->add_option("--lang", pub->lang, "The language, when the id names several")
        ->each([pub](const std::string&) { pub->lang_given = true; });
    p->footer("Examples:\n  hd kb publish KB12");
    p->callback([pub, &ctx] {
        ctx.exit_code = run_change(*pub, ctx, "Published", [](KbService& kb, ArticleId id) { return kb.publish(id); });
    });

    auto ret = std::make_shared<ArticleOptions>();
    auto* r = kb.add_subcommand("retire", "Retire an article: kept with its history, no longer found");
    r->add_option("article", ret->ref, "Article number or id")->required();
    r->add_option("--lang", ret->lang, "The language, when the id names several")
        ->each([ret](const std::string&) { ret->lang_given = true; });
    r->footer("Examples:\n  hd kb retire old-vpn-client");
    r->callback([ret, &ctx] {
        ctx.exit_code = run_change(*ret, ctx, "Retired", [](KbService& kb, ArticleId id) { return kb.retire(id); });
    });

    auto link = std::make_shared<ArticleOptions>();
    auto* l = kb.add_subcommand("link", "Point a ticket at an article (counts as a use)");
    l->add_option("article", link->ref, "Article number or id")->required();
    l->add_option("ticket", link->ticket, "Ticket id")->required();
    l->add_option("--lang", link->lang, "The language, when the id names several")
        ->each([link](const std::string&) { link->lang_given = true; });
    l->footer("Examples:\n  hd kb link reset-password 42\n  hd resolve 42 --note \"Reset it\" --kb reset-password");
    l->callback([link, &ctx] { ctx.exit_code = run_link(*link, ctx); });
}

}  // namespace hd::cmd
