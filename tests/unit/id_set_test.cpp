// The id set behind a bulk write's duplicate checks (core/store/sqlite/id_set.hpp).
#include <doctest/doctest.h>

#include <cstdint>

#include "core/store/sqlite/id_set.hpp"

using hd::sqlite::IdSet;

TEST_CASE("id set: each id is new once, dense or not") {
    IdSet set;
    for (std::int64_t id = 1000; id < 3000; ++id) CHECK(set.insert(id));
    for (std::int64_t id = 1000; id < 3000; id += 7) CHECK_FALSE(set.insert(id));
    // Below the first id, and far beyond the bitmap's window: the hash set holds them.
    CHECK(set.insert(999));
    CHECK_FALSE(set.insert(999));
    CHECK(set.insert(-5));
    CHECK_FALSE(set.insert(-5));
    const std::int64_t far = 1000 + (std::int64_t{1} << 24);
    CHECK(set.insert(far));
    CHECK_FALSE(set.insert(far));
    CHECK(set.insert(far - 1));  // the last id the window holds
    CHECK_FALSE(set.insert(far - 1));
    CHECK(set.insert(INT64_MAX));
    CHECK_FALSE(set.insert(INT64_MAX));

    IdSet negative;  // a negative first id, then the largest: no overflow (UBSan would say)
    CHECK(negative.insert(INT64_MIN));
    CHECK(negative.insert(INT64_MAX));
    CHECK_FALSE(negative.insert(INT64_MAX));
    CHECK(negative.insert(INT64_MIN + 1));
    CHECK_FALSE(negative.insert(INT64_MIN + 1));
}

TEST_CASE("id set: cleared, it starts again from the next id") {
    IdSet set;
    CHECK(set.insert(5));
    set.clear();
    CHECK(set.insert(5));
    CHECK(set.insert(1));  // below the new first id
    CHECK_FALSE(set.insert(1));
    CHECK_FALSE(set.insert(5));
}
