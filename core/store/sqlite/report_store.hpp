// The SQLite implementation of ReportStore, sharing the store's connection.
#pragma once

#include <memory>

#include "core/store/report_store.hpp"
#include "core/store/sqlite/db.hpp"

namespace hd::sqlite {

// `db` is the store's connection slot: null while the store does not exist (reports then see nothing),
// and replaced when a new store is published, so it is read on every call.
std::unique_ptr<ReportStore> make_report_store(std::unique_ptr<Db>& db);

}  // namespace hd::sqlite
