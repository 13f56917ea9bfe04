// Who holds the store's lock, for the message of a writer that gave up waiting.
#pragma once

#include <optional>
#include <string>

namespace hd::sqlite {

// "pid 4242: hd import tickets.jsonl" for the first other process holding a POSIX write lock on the
// store or its WAL index (SQLite's locks), read from /proc/locks; nullopt when that cannot be told
// (no /proc, or the lock is gone already).
std::optional<std::string> describe_lock_holder(const std::string& db_path);

}  // namespace hd::sqlite
