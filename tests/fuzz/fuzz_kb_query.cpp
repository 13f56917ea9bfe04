// What users type into hd kb search and hd kb list. to_fts5_query promises a query that can never be
// an FTS5 syntax error: the result is run against the real index (hd's tokenizer, the kb_fts table)
// as the store runs it, and any SQLite error is a bug. Also suggestion_query (ticket text → the
// articles that may answer it) and the hd kb list filter words and --sort.
#include <string>
#include <vector>

#include "core/kb/search_query.hpp"
#include "core/query/article_filter.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace hd;

// The MATCH of the store's search (core/store/sqlite/kb_store.cpp), on the empty index: FTS5 still
// parses the query and runs each term through the tokenizer.
void match(const std::string& fts, std::string_view input) {
    fuzz::run_sql("SELECT rowid FROM kb_fts WHERE kb_fts MATCH ? ORDER BY rank", {fts}, input);
}

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    for (std::string_view line : fuzz::lines(text)) words.emplace_back(line);
    return words;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = fuzz::as_text(data, size);
    std::string fts;
    if (fuzz::expect_usage([&] { fts = to_fts5_query(input); })) match(fts, input);
    const std::string suggestion = suggestion_query(input);
    if (!suggestion.empty()) match(suggestion, input);

    // hd kb list: one word per line here, since its words may hold spaces.
    fuzz::expect_usage([&] { (void)parse_article_filter(words_of(input)); });
    fuzz::expect_usage([&] { (void)parse_article_sort(input); });
    return 0;
}
