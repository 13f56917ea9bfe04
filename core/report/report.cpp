// The small pieces of arithmetic the report structs carry.
#include "core/report/report.hpp"

namespace hd {

const std::array<AgeBand, kAgeBands>& age_bands() {
    static constexpr Seconds kDay = 86400;
    static const std::array<AgeBand, kAgeBands> bands{{
        {"<1d", "under_1d", 0, kDay},
        {"1-3d", "1d_to_3d", kDay, 3 * kDay},
        {"3-7d", "3d_to_7d", 3 * kDay, 7 * kDay},
        {"7-30d", "7d_to_30d", 7 * kDay, 30 * kDay},
        {">30d", "over_30d", 30 * kDay, std::nullopt},
    }};
    return bands;
}

SlaRow& SlaRow::operator+=(const SlaRow& o) {
    respond += o.respond;
    resolve += o.resolve;
    respond_breaches += o.respond_breaches;
    resolve_breaches += o.resolve_breaches;
    pickup_breaches += o.pickup_breaches;
    hold_breaches += o.hold_breaches;
    open_breached += o.open_breached;
    open_at_risk += o.open_at_risk;
    return *this;
}

Satisfaction ScoreCounts::satisfaction() const {
    Satisfaction s;
    for (int score = kLowestScore; score <= kHighestScore; ++score) {
        const std::int64_t n = counts[static_cast<std::size_t>(score - 1)];
        s.ratings += n;
        s.score_sum += n * score;
        if (score >= kSatisfiedScore) s.satisfied += n;
    }
    return s;
}

}  // namespace hd
