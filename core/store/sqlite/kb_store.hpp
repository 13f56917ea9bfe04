// The SQLite implementation of KbStore, sharing the store's connection.
#pragma once

#include <memory>

#include "core/store/kb_store.hpp"
#include "core/store/sqlite/db.hpp"

namespace hd::sqlite {

// `db` is the store's connection slot: null while the store does not exist (reads then find
// nothing), and replaced when a new store is published, so it is read on every call.
std::unique_ptr<KbStore> make_kb_store(std::unique_ptr<Db>& db);

}  // namespace hd::sqlite
