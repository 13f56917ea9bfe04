// The filter language of hd list, hd export and hd sla (`status:open prio:<=P2 age:>3d printer`) and the
// --sort spec: parsed, compiled to SQL, and the SQL run on hd's schema, as `hd list` does.
// Input: the terms, separated by spaces or line breaks (as the shell would split them); the whole input
// is also tried as a --sort spec.
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/query/filter.hpp"
#include "core/store/sqlite/filter_sql.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace hd;

// A fixed "now" keeps every run of an input the same: 2026-11-23T10:00:00Z.
constexpr Timestamp kNow = 1795428000;

std::vector<std::string> terms_of(std::string_view text) {
    std::vector<std::string> terms;
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t end = text.find_first_of(" \n", at);
        if (end == std::string_view::npos) end = text.size();
        terms.emplace_back(text.substr(at, end - at));  // empty terms too: hd list "" is allowed
        at = end + 1;
    }
    return terms;
}

// As cmd/context.cpp answers, with the built-in tiers: a level, "L2", or a name.
std::optional<int> tier_level(std::string_view text) {
    static const Config config = default_config();
    return find_tier(config, text);
}

void check_filter(std::string_view input, bool with_tiers) {
    FilterContext ctx;
    ctx.me = with_tiers ? "alice" : "";  // also the error for `assignee:me` when nobody is known
    ctx.now = kNow;
    if (with_tiers) ctx.tier_level = tier_level;
    Filter filter;
    if (!fuzz::expect_usage([&] { filter = parse_filter(terms_of(input), ctx); })) return;
    for (bool include_closed : {false, true}) {
        sqlite::SqlWhere where;
        // The compiler checks again what the parser should never let through; a usage error there means
        // the two disagree, which is worth knowing but is still a clean refusal.
        if (!fuzz::expect_usage([&] { where = sqlite::compile_filter(filter, include_closed); })) continue;
        fuzz::run_sql("SELECT t.id FROM tickets t " + where.sql + " " + sqlite::compile_order_by({}), where.binds,
                      input);
    }
}

void check_sort(std::string_view input) {
    std::vector<SortKey> keys;
    if (!fuzz::expect_usage([&] { keys = parse_sort(input); })) return;
    fuzz::run_sql("SELECT t.id FROM tickets t " + sqlite::compile_order_by(keys), {}, input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = fuzz::as_text(data, size);
    check_filter(input, true);
    check_filter(input, false);
    check_sort(input);
    return 0;
}
