// The SQLite implementation of SlaStore (tables ticket_sla and sla_breaches, migration 4), sharing
// the store's connection.
#pragma once

#include <memory>

#include "core/store/sla_store.hpp"
#include "core/store/sqlite/db.hpp"

namespace hd::sqlite {

// `db` is the store's connection slot (see make_kb_store).
std::unique_ptr<SlaStore> make_sla_store(std::unique_ptr<Db>& db);

}  // namespace hd::sqlite
