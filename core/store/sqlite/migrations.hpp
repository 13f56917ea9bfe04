// The schema, as numbered forward-only migrations compiled into the binary.
#pragma once

#include <string_view>
#include <vector>

namespace hd::sqlite {

// Marks a file as an hd store (PRAGMA application_id): "hd" + 0x0001.
inline constexpr int kApplicationId = 0x68640001;

struct Migration {
    int version;              // PRAGMA user_version after it is applied
    std::string_view sql;
};

// In order; the last one's version is the schema version this hd writes.
const std::vector<Migration>& migrations();

}  // namespace hd::sqlite
