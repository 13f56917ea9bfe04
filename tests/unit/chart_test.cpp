// Terminal charts: bars in eighths, fitted to a width; sparklines; series fitted to a width.
#include <doctest/doctest.h>

#include "cmd/output/chart.hpp"
#include "cmd/output/terminal.hpp"

using namespace hd::out;

namespace {
const Style kPlain{false};

std::string repeat(const char* s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}
}  // namespace

TEST_CASE("a bar is measured in eighths of a cell") {
    CHECK(bar(1, 8, 1) == "▏");
    CHECK(bar(2, 8, 1) == "▎");
    CHECK(bar(3, 8, 1) == "▍");
    CHECK(bar(4, 8, 1) == "▌");
    CHECK(bar(5, 8, 1) == "▋");
    CHECK(bar(6, 8, 1) == "▊");
    CHECK(bar(7, 8, 1) == "▉");
    CHECK(bar(8, 8, 1) == "█");
    CHECK(bar(5, 10, 10) == repeat("█", 5));
    // 10/3 of a cell is 26.67 eighths: 27, three whole cells and three eighths.
    CHECK(bar(1, 3, 10) == repeat("█", 3) + "▍");
}

TEST_CASE("the largest value fills the width, and nothing is wider") {
    CHECK(bar(10, 10, 20) == repeat("█", 20));
    CHECK(display_width(bar(10, 10, 20)) == 20);
    CHECK(bar(30, 10, 20) == repeat("█", 20));  // above max: clipped, not longer
}

TEST_CASE("zero, negative and scale-less values give no bar; a tiny one still shows") {
    CHECK(bar(0, 10, 10).empty());
    CHECK(bar(-3, 10, 10).empty());
    CHECK(bar(5, 0, 10).empty());
    CHECK(bar(5, 10, 0).empty());
    CHECK(bar(0.001, 1000, 10) == "▏");
}

TEST_CASE("equal values give equal bars") {
    const auto lines = bar_chart({{"a", 3, "3"}, {"b", 3, "3"}}, 30, kPlain);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].substr(1) == lines[1].substr(1));
}

TEST_CASE("a bar chart fits its width: labels padded, texts right-aligned, the largest bar filling the rest") {
    const std::vector<BarRow> rows{{"network", 12, "12"}, {"printer", 3, "3"}, {"-", 0, "0"}};
    for (std::size_t width : {20u, 40u, 80u, 133u}) {
        CAPTURE(width);
        const auto lines = bar_chart(rows, width, kPlain);
        REQUIRE(lines.size() == 3);
        CHECK(display_width(lines[0]) == width);  // the largest value reaches the edge
        for (const auto& l : lines) CHECK(display_width(l) <= width);
        // label (7) + gap + bar + gap + text (2)
        CHECK(lines[0] == "network  " + repeat("█", static_cast<int>(width) - 13) + "  12");
        CHECK(lines[2] == "-" + std::string(width - 2, ' ') + "0");
    }
}

TEST_CASE("a bar chart on a fixed scale leaves room for the largest possible value") {
    const auto lines = bar_chart({{"met", 0.5, "50%"}}, 30, kPlain, 1.0);
    REQUIRE(lines.size() == 1);
    // 30 - 3 (label) - 2 - 2 - 3 (text) = 20 cells for 100 %: 10 for 50 %.
    CHECK(lines[0] == "met  " + repeat("█", 10) + std::string(10, ' ') + "  50%");
}

TEST_CASE("long labels are cut to two fifths of the width") {
    const auto lines = bar_chart({{std::string(50, 'x'), 1, "1"}}, 60, kPlain);
    REQUIRE(lines.size() == 1);
    CHECK(display_width(lines[0]) <= 60);
    CHECK(lines[0].find("…") != std::string::npos);
    CHECK(display_width(lines[0].substr(0, lines[0].find("…") + std::string("…").size())) == 24);
}

TEST_CASE("with colour, bars are wrapped in SGR and the visible width stays the same") {
    const Style colour{true};
    const auto plain = bar_chart({{"a", 2, "2"}, {"b", 1, "1"}}, 30, kPlain);
    const auto coloured = bar_chart({{"a", 2, "2"}, {"b", 1, "1"}}, 30, colour);
    CHECK(coloured[0].find("\x1b[") != std::string::npos);
    CHECK(plain[0].find("\x1b[") == std::string::npos);
}

TEST_CASE("a sparkline rises from ▁ to █ between 0 and the largest value") {
    std::vector<std::optional<double>> v;
    for (int i = 0; i <= 7; ++i) v.push_back(i);
    CHECK(sparkline(v) == "▁▂▃▄▅▆▇█");
    CHECK(sparkline({0.0, 0.0, 0.0}) == "▁▁▁");
    CHECK(sparkline({4.0, 4.0}) == "██");
    CHECK(sparkline({}).empty());
}

TEST_CASE("a sparkline leaves a gap for a missing value and may have a fixed scale") {
    CHECK(sparkline({1.0, std::nullopt, 5.0}, 1, 5) == "▁ █");
    CHECK(sparkline({3.0}, 1, 5) == "▅");  // halfway: level 3.5 rounds up
    CHECK(sparkline({9.0}, 1, 5) == "█");  // clipped to the scale
    CHECK(sparkline({2.0, 2.0}, 2, 2) == "▁▁");
}

TEST_CASE("a series longer than the width is averaged in groups") {
    std::vector<std::optional<double>> v;
    for (int i = 0; i < 10; ++i) v.push_back(i);
    const auto fitted = fit_series(v, 5);
    REQUIRE(fitted.size() == 5);
    CHECK(*fitted[0] == doctest::Approx(0.5));
    CHECK(*fitted[4] == doctest::Approx(8.5));
    CHECK(fit_series(v, 10).size() == 10);
    CHECK(fit_series(v, 3).size() == 3);  // groups of 4: 4 + 4 + 2
    const auto gaps = fit_series({std::nullopt, std::nullopt, 3.0, std::nullopt}, 2);
    CHECK_FALSE(gaps[0]);
    CHECK(*gaps[1] == doctest::Approx(3.0));
}

TEST_CASE("sparklines are fitted to the width and aligned") {
    std::vector<std::optional<double>> many(200, 1.0);
    const auto lines = sparklines({Series{"Opened", many, "200 in all", 0, std::nullopt},
                                   Series{"Resolved", {1.0, 2.0}, "3 in all", 0, std::nullopt}},
                                  50, kPlain);
    REQUIRE(lines.size() == 2);
    CHECK(display_width(lines[0]) == 50);
    CHECK(display_width(lines[1]) == 50);
    CHECK(lines[1].starts_with("Resolved  ▅█"));  // 1 of 2 is level 3.5 of 7, rounded up
}
