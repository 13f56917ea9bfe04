// The import's reading ahead (cmd/bulk/read_ahead.hpp): chunks in order whatever the workers' pace,
// errors where they were met, no more read ahead than allowed, and each chunk destroyed by its maker.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <cstdint>
#include <thread>
#include <vector>

#include "cmd/bulk/read_ahead.hpp"

using hd::cmd::bulk::ReadAhead;

namespace {

// Which threads destroyed a Tracked, shared by all copies of the test's chunks.
struct Deaths {
    std::mutex mutex;
    std::vector<std::thread::id> by;
};

// A chunk that notes the thread that destroys it (moved-from ones note nothing).
struct Tracked {
    std::int64_t index = -1;
    std::thread::id made_by;
    std::shared_ptr<Deaths> deaths;

    Tracked() = default;
    Tracked(std::int64_t i, std::shared_ptr<Deaths> d) : index(i), made_by(std::this_thread::get_id()), deaths(std::move(d)) {}
    Tracked(Tracked&& o) noexcept : index(o.index), made_by(o.made_by), deaths(std::move(o.deaths)) {}
    Tracked& operator=(Tracked&& o) noexcept {
        index = o.index;
        made_by = o.made_by;
        deaths = std::move(o.deaths);
        return *this;
    }
    ~Tracked() {
        if (!deaths) return;
        const std::lock_guard lock(deaths->mutex);
        deaths->by.push_back(std::this_thread::get_id());
    }
};

}  // namespace

TEST_CASE("chunks come in order, however unevenly the workers take to read them") {
    std::vector<std::int64_t> seen;
    {
        ReadAhead<std::vector<std::int64_t>> reading(50, 3, 6, [](std::int64_t i) {
            // Every third chunk slow, so that later chunks are ready before earlier ones.
            if (i % 3 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
            return std::vector<std::int64_t>{i, i * 10};
        });
        for (int n = 0; n < 50; ++n) {
            auto piece = reading.next();
            REQUIRE(piece.chunk.size() == 2);
            CHECK(piece.chunk[1] == piece.chunk[0] * 10);
            seen.push_back(piece.chunk[0]);
            reading.give_back(std::move(piece));
        }
    }
    std::vector<std::int64_t> expected(50);
    for (std::int64_t i = 0; i < 50; ++i) expected[static_cast<std::size_t>(i)] = i;
    CHECK(seen == expected);
}

TEST_CASE("a chunk given back is destroyed by the worker that read it, not by the caller") {
    auto deaths = std::make_shared<Deaths>();
    std::set<std::thread::id> makers;
    {
        ReadAhead<Tracked> reading(40, 2, 4, [deaths](std::int64_t i) { return Tracked(i, deaths); });
        for (int n = 0; n < 40; ++n) {
            auto piece = reading.next();
            CHECK(piece.chunk.index == n);
            CHECK(piece.chunk.made_by != std::this_thread::get_id());
            makers.insert(piece.chunk.made_by);
            reading.give_back(std::move(piece));
        }
    }  // the workers destroy what is still waiting before they stop
    CHECK(deaths->by.size() == 40);
    for (const auto& who : deaths->by) {
        CHECK(who != std::this_thread::get_id());
        CHECK(makers.count(who) == 1);
    }
}

TEST_CASE("no more chunks are read than the caller took and `ahead`") {
    std::atomic<std::int64_t> started{0};
    std::atomic<std::int64_t> taken{0};
    std::atomic<std::int64_t> most_ahead{0};
    {
        ReadAhead<int> reading(100, 4, 3, [&](std::int64_t) {
            const std::int64_t ahead = ++started - taken.load();
            for (auto m = most_ahead.load(); ahead > m && !most_ahead.compare_exchange_weak(m, ahead);) {
            }
            return 1;
        });
        for (int n = 0; n < 100; ++n) {
            auto piece = reading.next();
            ++taken;
            if (n % 10 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));  // let them run ahead
            reading.give_back(std::move(piece));
        }
    }
    CHECK(started == 100);
    // 3 ahead, and one more: this test counts a chunk taken once next() has returned it, a moment
    // after the workers may have seen it taken and started another.
    CHECK(most_ahead <= 4);
    CHECK(most_ahead >= 1);
}

TEST_CASE("what reading a chunk threw comes out of next() for that chunk, after the chunks before it") {
    ReadAhead<int> reading(10, 2, 4, [](std::int64_t i) -> int {
        if (i == 6) throw std::runtime_error("chunk 6 is bad");
        return static_cast<int>(i);
    });
    for (int n = 0; n < 6; ++n) CHECK(reading.next().chunk == n);
    CHECK_THROWS_WITH_AS(reading.next(), "chunk 6 is bad", std::runtime_error);
    CHECK(reading.next().chunk == 7);  // the rest are still read
}

TEST_CASE("stopping before the last chunk waits for no more than the chunks being read") {
    auto deaths = std::make_shared<Deaths>();
    std::atomic<std::int64_t> read{0};
    {
        ReadAhead<Tracked> reading(1'000'000, 2, 4, [&](std::int64_t i) {
            ++read;
            return Tracked(i, deaths);
        });
        auto piece = reading.next();
        CHECK(piece.chunk.index == 0);
        reading.give_back(std::move(piece));
    }  // as when the writer stops at an error
    CHECK(read <= 5);  // the one taken, and `ahead` more at most (some being read as it stopped)
    const std::lock_guard lock(deaths->mutex);
    CHECK(static_cast<std::int64_t>(deaths->by.size()) == read.load());  // every chunk read, destroyed
}

TEST_CASE("nothing to read: the workers start and stop without reading") {
    std::atomic<int> calls{0};
    {
        ReadAhead<int> reading(0, 2, 4, [&](std::int64_t) { return ++calls; });
    }
    CHECK(calls == 0);
}
