// The filter words of `hd kb list`: `lang:vi cat:network tag:vpn status:draft printer`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/store/kb_store.hpp"

namespace hd {

// Keys: lang, cat (category), tag, status; values separated by commas mean "any of"; `cat:none` is
// "no category". Other words must appear in the title. Throws hd::Error(usage) naming a bad term.
ArticleFilter parse_article_filter(const std::vector<std::string>& terms);

// "id", "title", "updated", "used", "lang" → the sort; hd::Error(usage) naming them otherwise.
ArticleSort parse_article_sort(std::string_view spec);

}  // namespace hd
