// The config file (TOML): load_config with every section, [sla], [calendar.NAME] and [ola] included.
// Besides not crashing, `hd config` (describe_config) must print TOML that loads back to the same
// configuration: people copy it into their file.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/config/config.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace hd;

// load_config reads a path: one scratch file per process, rewritten for every input.
class ScratchFile {
public:
    ScratchFile() {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/hd-fuzz-config-XXXXXX";
        const int fd = mkstemp(pattern.data());
        if (fd < 0) fuzz::bug("cannot create a scratch file in " + pattern);
        close(fd);
        path_ = pattern;
    }
    ~ScratchFile() { std::remove(path_.c_str()); }

    const std::filesystem::path& write(std::string_view text) const {
        std::ofstream out(path_, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        if (!out.flush()) fuzz::bug("cannot write the scratch file " + path_.string());
        return path_;
    }

private:
    std::filesystem::path path_;
};

// describe_config without what differs between two files holding the same values: the first line
// (the file's path) and the "# from PATH:LINE" comments.
std::string values_of(const std::string& described) {
    std::string out;
    for (std::string_view line : fuzz::lines(described)) {
        if (line.starts_with("# The effective hd configuration")) continue;
        if (const auto from = line.find("  # from "); from != std::string_view::npos) line = line.substr(0, from);
        out.append(line);
        out += '\n';
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const ScratchFile scratch;
    Config config;
    if (!fuzz::expect_usage([&] { config = load_config(scratch.write(fuzz::as_text(data, size)), true); })) return 0;

    const std::string described = describe_config(config);
    Config again;
    if (!fuzz::expect_usage([&] { again = load_config(scratch.write(described), true); }))
        fuzz::bug("hd config prints a config that does not load\n  input: " +
                  fuzz::printable(fuzz::as_text(data, size)) + "\n  printed: " + fuzz::printable(described));
    const std::string twice = describe_config(again);
    if (values_of(twice) != values_of(described))
        fuzz::bug("a config changes when hd config prints it and it is loaded again\n  input: " +
                  fuzz::printable(fuzz::as_text(data, size)) + "\n  first: " + fuzz::printable(described) +
                  "\n  again: " + fuzz::printable(twice));
    return 0;
}
