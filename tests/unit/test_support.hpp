// What several unit test files share: a temporary directory, and the kind of error a call throws.
#pragma once

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.hpp"

namespace hd::test {

// A fresh directory per test, so tests never see each other's files, removed at the end.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "hd-test-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::filesystem::path write(const std::string& name, const std::string& text) const {
        const std::filesystem::path file = path / name;
        std::ofstream out(file, std::ios::binary);
        out << text;
        return file;
    }
};

// The kind of hd::Error that `f` throws; ErrorKind::other when it throws none.
inline ErrorKind kind_of(auto&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.kind();
    }
    return ErrorKind::other;
}

}  // namespace hd::test
