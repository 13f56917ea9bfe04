// Compiles a parsed filter and sort order into SQL for the tickets table (alias t): a WHERE clause with
// ? placeholders and its values in order, and an ORDER BY. User text only ever travels as a bound value.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/query/filter.hpp"

namespace hd::sqlite {

using SqlValue = std::variant<std::monostate, std::string, std::int64_t>;

struct SqlWhere {
    std::string sql;              // "" or "WHERE ..." with ? placeholders
    std::vector<SqlValue> binds;  // one per placeholder, in order
};

// include_closed=false hides closed tickets unless the filter names a status itself. Bare words use the
// SQL function hd_contains(haystack, needle), which the connection registers.
SqlWhere compile_filter(const Filter& f, bool include_closed);

// "ORDER BY t.priority ASC, t.id ASC": always ends with the ticket id so that the order is total;
// no keys → "ORDER BY t.priority, t.id".
std::string compile_order_by(const std::vector<SortKey>& keys);

}  // namespace hd::sqlite
