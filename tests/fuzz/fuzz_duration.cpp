// Durations as config files, filters (`age:>3d`) and options (--for 2h) give them: `30s 15m 4h 3d 2w`,
// sums such as `1h30m`. Besides not crashing, what hd prints for a duration must read back the same:
// `hd config` shows format_duration and format_hours values that a config file takes again.
#include "core/model/time.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace hd;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = fuzz::as_text(data, size);
    const auto seconds = parse_duration(input);
    if (!seconds) return 0;
    if (*seconds < 0) fuzz::bug("a negative duration from '" + std::string(input) + "'");
    for (const std::string& printed : {format_duration(*seconds), format_hours(*seconds)}) {
        const auto again = parse_duration(printed);
        if (again != seconds)
            fuzz::bug("'" + std::string(input) + "' is " + std::to_string(*seconds) + "s, printed as '" + printed +
                      "', which reads back as " + (again ? std::to_string(*again) + "s" : "no duration"));
    }
    (void)format_age(*seconds);
    return 0;
}
