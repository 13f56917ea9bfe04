// Keeping a SQLite store sound: checking it (hd check), copying it while others write (hd backup),
// and putting a copy back (hd restore). Free functions over a connection, used by SqliteStore.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/store/sqlite/db.hpp"

namespace hd::sqlite {

// Every problem found, worded for people; empty when the store is sound. Checks SQLite's own
// integrity, the foreign keys, the knowledge base's search index against its articles, and hd's
// invariants: each ticket's status is that of its last status event, tiers are within 1..tiers,
// no link points at a missing ticket.
std::vector<std::string> check_store(Db& db, int tiers);

// Copies the whole store into a new file at `path` with SQLite's online backup API: one consistent
// snapshot, while other processes keep writing. Written to a temporary file beside `path` and renamed,
// so that `path` is either the old file or a complete copy. Throws hd::Error(store).
void backup_store(Db& db, const std::filesystem::path& path);

// Checks that `path` is a sound hd store no newer than `latest_version` and returns its schema
// version; throws hd::Error(usage) naming what is wrong.
int check_backup(const std::filesystem::path& path, int latest_version);

// Replaces the content of the store behind `db` with the store at `path` (checked first).
void restore_store(Db& db, const std::filesystem::path& path);

}  // namespace hd::sqlite
