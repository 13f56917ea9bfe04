// Shared by the fuzz targets: the bug report and an in-memory database with hd's schema.
#include "tests/fuzz/fuzz_support.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>

#include "core/store/sqlite/fts_tokenizer.hpp"
#include "core/store/sqlite/migrations.hpp"

namespace hd::fuzz {

void bug(const std::string& what) {
    std::fprintf(stderr, "hd fuzz: BUG: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

std::vector<std::string_view> lines(std::string_view text) {
    std::vector<std::string_view> out;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        out.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

namespace {

// The queries only need to compile and run; what hd_contains answers does not matter on empty tables.
void contains_stub(sqlite3_context* ctx, int, sqlite3_value**) { sqlite3_result_int(ctx, 0); }

}  // namespace

std::string printable(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        if (c >= 0x20 && c < 0x7f) {
            out += static_cast<char>(c);
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        }
    }
    return out;
}

sqlite3* schema_db() {
    // One connection for the whole run: opening one and applying the migrations costs milliseconds.
    static sqlite3* db = [] {
        sqlite3* d = nullptr;
        if (sqlite3_open(":memory:", &d) != SQLITE_OK) bug("cannot open an in-memory database");
        sqlite3_create_function(d, "hd_contains", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, contains_stub,
                                nullptr, nullptr);
        sqlite::register_fts_tokenizer(d);
        for (const auto& m : sqlite::migrations()) {
            char* message = nullptr;
            if (sqlite3_exec(d, std::string(m.sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK)
                bug("migration " + std::to_string(m.version) + " fails: " + (message ? message : "?"));
        }
        return d;
    }();
    return db;
}

void run_sql(const std::string& sql, const std::vector<sqlite::SqlValue>& binds, std::string_view input) {
    sqlite3* db = schema_db();
    sqlite3_stmt* stmt = nullptr;
    const auto failed = [&](const std::string& what) {
        bug(what + "\n  input: " + printable(input) + "\n  sql: " + printable(sql) +
            "\n  sqlite: " + sqlite3_errmsg(db));
    };
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
        failed("the SQL does not compile");
    if (sqlite3_bind_parameter_count(stmt) != static_cast<int>(binds.size())) {
        sqlite3_finalize(stmt);
        failed(std::to_string(binds.size()) + " values for the parameters of");
    }
    for (std::size_t i = 0; i < binds.size(); ++i) {
        const int at = static_cast<int>(i) + 1;
        if (const auto* s = std::get_if<std::string>(&binds[i]))
            sqlite3_bind_text(stmt, at, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
        else if (const auto* n = std::get_if<std::int64_t>(&binds[i]))
            sqlite3_bind_int64(stmt, at, *n);
        else
            sqlite3_bind_null(stmt, at);
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) failed("the SQL fails when run");
}

}  // namespace hd::fuzz
