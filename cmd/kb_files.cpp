// hd kb import and export: articles as Markdown files with front matter, both ways.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>

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

namespace fs = std::filesystem;

bool is_markdown(const fs::path& p) {
    const auto ext = p.extension().string();
    return ext == ".md" || ext == ".markdown";
}

bool is_hidden(const fs::path& relative) {
    for (const auto& part : relative)
        if (!part.empty() && part.string()[0] == '.') return true;
    return false;
}

bool starts_with_front_matter(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    return text.substr(0, 4) == "---\n" || text.substr(0, 5) == "---\r\n" || text == "---";
}

std::string without_extension(const fs::path& p) {
    fs::path q = p;
    q.replace_extension();
    return q.generic_string();
}

// Reads and parses every file before anything is written: a bad file stops the import with its name
// and line. In a folder, Markdown files without front matter (a README, say) are skipped with a note;
// a file named on the command line must have it.
std::vector<ImportFile> read_import_files(const std::vector<std::string>& paths, Context& ctx) {
    std::vector<ImportFile> out;
    const std::size_t limit = ctx.config().max_article_bytes + 64 * 1024;  // the front matter on top
    auto add = [&](const fs::path& file, const std::string& name, const std::string& default_slug, bool in_folder) {
        const std::string text = read_text_file(file.string(), limit, "an article");
        if (in_folder && !starts_with_front_matter(text)) {
            if (!ctx.global.quiet) ctx.err() << "hd: skipped " << name << ": no front matter\n";
            return;
        }
        out.push_back(ImportFile{name, default_slug, parse_article_file(text, name)});
    };
    for (const auto& given : paths) {
        std::error_code ec;
        const fs::path root(given);
        if (fs::is_directory(root, ec)) {
            std::vector<fs::path> files;
            for (fs::recursive_directory_iterator it(root, ec), end; it != end && !ec; it.increment(ec)) {
                const fs::path relative = fs::relative(it->path(), root, ec);
                if (is_hidden(relative)) {
                    if (it->is_directory()) it.disable_recursion_pending();
                    continue;
                }
                if (it->is_regular_file() && is_markdown(it->path())) files.push_back(it->path());
            }
            if (ec) fail(ErrorKind::usage, "cannot read the folder " + given + ": " + ec.message());
            std::sort(files.begin(), files.end());
            for (const auto& f : files)
                add(f, f.string(), without_extension(fs::relative(f, root)), true);
        } else if (fs::exists(root, ec)) {
            add(root, given, without_extension(root.filename()), false);
        } else {
            fail(ErrorKind::usage, "cannot read " + given + ": no such file or folder");
        }
    }
    return out;
}

int run_import(const std::vector<std::string>& paths, Context& ctx) {
    const auto files = read_import_files(paths, ctx);
    ctx.write(
        [&](TicketService& tickets, Store& store) {
            return KbService(store, tickets, ctx.config(), ctx.now()).import(files);
        },
        [&](const ImportResult& r) {
            if (ctx.global.json) {
                ctx.out() << out::import_json(r) << '\n';
            } else if (ctx.global.quiet) {
                for (const auto& a : r.added) ctx.out() << a.id << '\n';
                for (const auto& a : r.updated) ctx.out() << a.id << '\n';
            } else {
                ctx.out() << "Imported " << files.size() << " file" << (files.size() == 1 ? "" : "s") << ": "
                          << r.added.size() << " added, " << r.updated.size() << " updated, " << r.unchanged
                          << " unchanged\n";
            }
        });
    return 0;
}

// Writes DIR/LANG/SLUG.md for every article (retired ones too, with their status), replacing files of
// the same name and leaving others alone.
int run_export(const std::string& dir, Context& ctx) {
    const auto articles = ctx.read([&](TicketService&, Store& store) { return store.kb().all_articles(); });
    std::error_code ec;
    for (const auto& a : articles) {
        const fs::path path = fs::path(dir) / a.lang / (a.slug + ".md");
        fs::create_directories(path.parent_path(), ec);
        if (ec) fail(ErrorKind::other, "cannot create " + path.parent_path().string() + ": " + ec.message());
        std::ofstream f(path, std::ios::binary | std::ios::trunc);
        const std::string text = write_article_file(a);
        f.write(text.data(), static_cast<std::streamsize>(text.size()));
        f.close();
        if (!f) fail(ErrorKind::other, "cannot write " + path.string());
    }
    if (ctx.global.json)
        ctx.out() << out::articles_json(articles) << '\n';
    else if (!ctx.global.quiet)
        ctx.out() << "Exported " << articles.size() << " article" << (articles.size() == 1 ? "" : "s") << " to " << dir
                  << '\n';
    return 0;
}

}  // namespace

void add_kb_file_commands(CLI::App& kb, Context& ctx) {
    auto paths = std::make_shared<std::vector<std::string>>();
    auto* i = kb.add_subcommand("import", "Add or update articles from Markdown files with front matter");
    i->add_option("paths", *paths, "Files and folders (folders are read recursively for *.md)")->required();
    i->footer(
        "Front matter keys: id, title, tags, category, language (or lang), status; others are ignored.\n"
        "An article is matched by id and language: importing a file again updates its article.\n"
        "The whole import is one change: a bad file is named, with its line, and nothing is written.\n"
        "Examples:\n"
        "  hd kb import docs/kb/\n"
        "  hd kb import vpn.md printer.md\n"
        "  hd kb export backup/ && hd --db new.db kb import backup/");
    i->callback([paths, &ctx] { ctx.exit_code = run_import(*paths, ctx); });

    auto dir = std::make_shared<std::string>();
    auto* e = kb.add_subcommand("export", "Write every article to DIR/LANG/ID.md, as hd kb import reads them");
    e->add_option("dir", *dir, "The folder to write (created when missing)")->required();
    e->footer("Examples:\n  hd kb export kb-backup/\n  hd kb export /tmp/kb && git -C /tmp/kb diff --stat");
    e->callback([dir, &ctx] { ctx.exit_code = run_export(*dir, ctx); });
}

}  // namespace hd::cmd
