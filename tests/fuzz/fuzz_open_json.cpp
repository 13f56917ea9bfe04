// hd open --from-json: one ticket object, or an array of them, in the form hd show --json prints.
// Only crashes and stray exceptions are bugs here; the tickets are checked again when they are opened.
#include "cmd/bulk/new_ticket_json.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const hd::Config config = hd::default_config();
    const std::string_view input = hd::fuzz::as_text(data, size);
    hd::fuzz::expect_usage([&] { (void)hd::cmd::new_tickets_from_json(input, config); });
    return 0;
}
