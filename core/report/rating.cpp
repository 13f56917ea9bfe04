// Scores as people type them.
#include "core/report/rating.hpp"

namespace hd {

std::optional<int> parse_score(std::string_view text) {
    if (text.size() != 1 || text[0] < '0' + kLowestScore || text[0] > '0' + kHighestScore) return std::nullopt;
    return text[0] - '0';
}

}  // namespace hd
