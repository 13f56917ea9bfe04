// RFC 3339 times, as hd import, --since/--until and filters (`age:>2026-11-01`) read them. Besides not
// crashing, a time hd accepts must survive being written: hd export prints format_rfc3339 of what
// hd import read, and that text must import again as the same instant.
#include "core/model/time.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace hd;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = fuzz::as_text(data, size);
    const auto instant = parse_rfc3339(input);
    if (!instant) return 0;
    const std::string printed = format_rfc3339(*instant);
    const auto again = parse_rfc3339(printed);
    if (again != instant)
        fuzz::bug("'" + std::string(input) + "' is " + std::to_string(*instant) + ", printed as '" + printed +
                  "', which reads back as " + (again ? std::to_string(*again) : "no time"));
    return 0;
}
