// The one error type core/ throws: a kind that main maps to an exit code, and a message for the user.
#pragma once

#include <stdexcept>
#include <string>

namespace hd {

enum class ErrorKind {
    other = 1,      // anything else
    usage = 2,      // usage or invalid input
    not_found = 3,  // no such ticket, article, agent
    refused = 4,    // refused by the workflow rules
    store = 5,      // the store is locked, corrupt, newer, or the disk is full
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    ErrorKind kind() const noexcept { return kind_; }
    int exit_code() const noexcept { return static_cast<int>(kind_); }

private:
    ErrorKind kind_;
};

[[noreturn]] inline void fail(ErrorKind kind, const std::string& message) { throw Error(kind, message); }

}  // namespace hd
