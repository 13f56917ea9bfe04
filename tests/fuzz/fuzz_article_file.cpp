// Knowledge-base article files (hd kb import): YAML front matter between '---' lines, then Markdown.
// Besides not crashing, what parse_article_file reads must survive hd kb export: write_article_file
// of it must parse back to the same slug, title, tags, category, language, status and body (the
// promise in core/kb/article_file.hpp).
#include "core/kb/article_file.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace hd;

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += "[" + item + "]";
    return out;
}

std::string summary(const ArticleFile& f) {
    return "slug=" + f.slug.value_or("-") + " title=" + f.title.value_or("-") + " tags=" + joined(f.tags) +
           " category=" + f.category.value_or("-") + " lang=" + f.lang.value_or("-") +
           " status=" + (f.status ? std::string(to_string(*f.status)) : "-") + " body=" + f.body;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = fuzz::as_text(data, size);
    ArticleFile file;
    if (!fuzz::expect_usage([&] { file = parse_article_file(input, "fuzz.md"); })) return 0;

    // As hd kb import fills in what the file leaves out: the slug from the file name; the language by
    // detection (none here: write_article_file then writes no lang).
    Article article;
    article.slug = file.slug.value_or("fuzz");
    article.title = file.title.value_or("");
    article.body = file.body;
    article.lang = file.lang.value_or("");
    article.category = file.category;
    article.tags = file.tags;
    article.status = file.status.value_or(ArticleStatus::published);
    const std::string written = write_article_file(article);

    ArticleFile again;
    if (!fuzz::expect_usage([&] { again = parse_article_file(written, "exported.md"); }))
        fuzz::bug("an exported article does not import again\n  input: " + fuzz::printable(input) +
                  "\n  exported: " + fuzz::printable(written));
    ArticleFile expected = file;
    expected.slug = article.slug;
    if (!expected.status) expected.status = ArticleStatus::published;
    again.body_line = expected.body_line = 0;  // where the body starts is the writer's choice
    if (!again.status) again.status = ArticleStatus::published;
    if (summary(again) != summary(expected))
        fuzz::bug("an article changes on export and import\n  input: " + fuzz::printable(input) + "\n  first: " +
                  fuzz::printable(summary(expected)) + "\n  again: " + fuzz::printable(summary(again)));
    return 0;
}
