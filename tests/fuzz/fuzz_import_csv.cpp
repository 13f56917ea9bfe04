// hd import --format csv: RFC 4180 records, a header row naming ticket fields, one ticket per row. Runs
// what Importer::import_csv runs before it writes: CsvReader, TicketCsvColumns on the header, then
// TicketCsvColumns::record on every row. Besides not crashing, a ticket read from a row must come back
// the same when hd export --format csv writes it and hd import reads that again.
#include "cmd/bulk/record_csv.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace hd;
using namespace hd::cmd::bulk;

constexpr Timestamp kNow = 1795428000;  // 2026-11-23T10:00:00Z

// The exported row read back with the exported header, as a second import would.
Ticket reimport(const std::string& text, const ImportDefaults& defaults) {
    CsvReader reader(text);
    std::vector<std::string> header, row;
    if (!reader.next(header) || !reader.next(row)) fuzz::bug("an exported CSV has no row: " + fuzz::printable(text));
    const TicketCsvColumns columns(header);
    Ticket t = columns.record(row, defaults).ticket;
    if (reader.next(row)) fuzz::bug("one exported ticket reads as several rows: " + fuzz::printable(text));
    return t;
}

void check_round_trip(Ticket t, std::string_view input, const ImportDefaults& defaults) {
    if (t.id == 0) t.id = 1;  // an exported ticket has the id the store gave it
    const std::string exported = ticket_csv_header() + ticket_csv_row(t);
    Ticket again;
    if (!fuzz::expect_usage([&] { again = reimport(exported, defaults); }))
        fuzz::bug("an exported ticket does not import again\n  input: " + fuzz::printable(input) +
                  "\n  exported: " + fuzz::printable(exported));
    const std::string twice = ticket_csv_header() + ticket_csv_row(again);
    if (twice != exported)
        fuzz::bug("a ticket changes on CSV export and import\n  input: " + fuzz::printable(input) + "\n  first: " +
                  fuzz::printable(exported) + "\n  again: " + fuzz::printable(twice));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Config config = default_config();
    const ImportDefaults defaults{config, kNow, "importer"};
    const std::string_view input = fuzz::as_text(data, size);

    CsvReader reader(input);
    std::vector<std::string> header;
    std::optional<TicketCsvColumns> columns;
    if (!fuzz::expect_usage([&] {
            if (reader.next(header)) columns.emplace(header);
        }) ||
        !columns)
        return 0;
    // Unlike hd import, go on after a bad row: the rows after it are as worth reading.
    for (;;) {
        std::vector<std::string> row;
        bool more = false;
        if (!fuzz::expect_usage([&] { more = reader.next(row); })) return 0;  // the reader cannot go on
        if (!more) return 0;
        Ticket t;
        if (fuzz::expect_usage([&] { t = columns->record(row, defaults).ticket; })) check_round_trip(t, input, defaults);
    }
}
