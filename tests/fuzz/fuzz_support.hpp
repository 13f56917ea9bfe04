// What every fuzz target shares: how an expected error is told from a bug, and the input as text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/store/sqlite/filter_sql.hpp"

struct sqlite3;

namespace hd::fuzz {

// The fuzzer's bytes as text; they need not be UTF-8, nor end in anything.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// A bug that is no crash (a wrong answer, an error of the wrong kind): says what, then aborts, which
// libFuzzer reports like any crash and which fails the replay test.
[[noreturn]] void bug(const std::string& what);

// Runs `parse`; an hd::Error(usage) is what a parser says about bad input and is expected. Any other
// kind of hd::Error is a bug (a parser has no store, nothing to refuse, nothing to look up). Anything
// that is not an hd::Error escapes, and libFuzzer reports the uncaught exception as a crash.
template <typename Parse>
bool expect_usage(Parse&& parse) {
    try {
        parse();
        return true;
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::usage) bug("an error of kind " + std::to_string(e.exit_code()) + ": " + e.what());
        return false;
    }
}

// Text for a bug report: printable ASCII as is, other bytes as \xNN.
std::string printable(std::string_view text);

// Lines without their '\n'.
std::vector<std::string_view> lines(std::string_view text);

// A connection to an in-memory database with hd's schema (every migration), its hd_contains
// function and its FTS5 tokenizer, as the store opens one: for checking the SQL hd builds.
sqlite3* schema_db();

// Prepares `sql` on schema_db(), checks that it has one parameter per value in `binds` (user text only
// ever travels as a bound value, so a '?' too many or too few means text got into the SQL), binds
// them, and runs it to the end. A failure is a bug, reported with `input` to say what caused it.
void run_sql(const std::string& sql, const std::vector<sqlite::SqlValue>& binds, std::string_view input);

}  // namespace hd::fuzz
