// The ITIL priority matrix.
#include "core/rules/priority.hpp"

#include <algorithm>

namespace hd {
namespace {
int weight(Level l) {
    switch (l) {
        case Level::high: return 0;
        case Level::medium: return 1;
        case Level::low: return 2;
    }
    return 1;
}
}  // namespace

Priority priority_from_matrix(std::optional<Level> impact, std::optional<Level> urgency) {
    const int sum = weight(impact.value_or(Level::medium)) + weight(urgency.value_or(Level::medium));
    return Priority{std::min(4, sum + 1)};
}

}  // namespace hd
