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
    // The SQL rewrites table definitions in sqlite_schema (PRAGMA writable_schema), which SQLite
    // does not know to re-read: the store then raises the schema version, as SQLite's ALTER TABLE
    // documentation asks, and reads the new definitions back before it commits.
    bool rewrites_schema = false;
};

// In order; the last one's version is the schema version this hd writes.
const std::vector<Migration>& migrations();

}  // namespace hd::sqlite
