// hd import's JSON Lines: each line one ticket with its comments, events and links, as hd export
// writes them. Runs what cmd/bulk/importer.cpp runs before it touches the store: the first pass over
// the file for its ids (Importer::scan), then record_from_json on each line. Besides not crashing:
// - a record exported again (record_json, as hd export writes it) must import as the same record,
//   and its ticket the same through hd export --format csv and hd import --format csv;
// - on that exported line, scan_record_id, which finds a line's id without parsing it, must agree with
//   the parser: the importer refuses a line where they differ. (On arbitrary input they may differ,
//   e.g. with "id" given twice; the importer then refuses the line, which is what it should do.)
#include "cmd/bulk/importer.hpp"
#include "cmd/bulk/record_csv.hpp"
#include "cmd/bulk/record_json.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace hd;
using namespace hd::cmd::bulk;

constexpr Timestamp kNow = 1795428000;  // 2026-11-23T10:00:00Z: the same answer on every run

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// A record as hd export writes it comes from the store: it has its ids, and its links are the outgoing
// ones. Only those are expected to come back unchanged.
bool as_exported(const TicketRecord& r) {
    if (r.ticket.id <= 0) return false;
    for (const auto& c : r.comments)
        if (c.id <= 0) return false;
    for (const auto& e : r.events)
        if (e.id <= 0) return false;
    for (const auto& l : r.links)
        if (l.from != r.ticket.id) return false;
    return true;
}

// The ticket through CSV: the exported header and row, read back as hd import --format csv reads them.
void check_csv(const Ticket& ticket, std::string_view line, const ImportDefaults& defaults) {
    // hd-import(1): cc is a comma-separated list in CSV, so a cc name with a comma does not survive it.
    for (const auto& name : ticket.cc)
        if (name.find(',') != std::string::npos) return;
    const std::string exported = ticket_csv_header() + ticket_csv_row(ticket);
    std::string twice;
    const bool read = fuzz::expect_usage([&] {
        CsvReader reader(exported);
        std::vector<std::string> header, row;
        if (!reader.next(header) || !reader.next(row)) fuzz::bug("an exported CSV has no row: " + exported);
        twice = ticket_csv_header() + ticket_csv_row(TicketCsvColumns(header).record(row, defaults).ticket);
    });
    if (!read || twice != exported)
        fuzz::bug(std::string("a ticket ") + (read ? "changes on" : "does not survive") +
                  " CSV export and import\n  input: " + fuzz::printable(line) + "\n  first: " +
                  fuzz::printable(exported) + "\n  again: " + fuzz::printable(twice));
}

void check_line(std::string_view line, const ImportDefaults& defaults) {
    TicketRecord record;
    const bool read = fuzz::expect_usage([&] { record = record_from_json(line, defaults); });
    (void)scan_record_id(line);
    if (!read || !as_exported(record)) return;

    const std::string exported = record_json(record);
    TicketRecord again;
    if (!fuzz::expect_usage([&] { again = record_from_json(exported, defaults); }))
        fuzz::bug("an exported record does not import again\n  input: " + fuzz::printable(line) +
                  "\n  exported: " + fuzz::printable(exported));
    const std::string twice = record_json(again);
    if (twice != exported)
        fuzz::bug("a record changes on export and import\n  input: " + fuzz::printable(line) + "\n  first: " +
                  fuzz::printable(exported) + "\n  again: " + fuzz::printable(twice));
    if (scan_record_id(exported) != again.ticket.id)
        fuzz::bug("scan_record_id misreads the id of an exported record: " + fuzz::printable(exported));
    check_csv(record.ticket, line, defaults);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Config config = default_config();
    const ImportDefaults defaults{config, kNow, "importer"};
    const std::string_view input = fuzz::as_text(data, size);

    fuzz::expect_usage([&] { Importer(input, ImportOptions{}, defaults).scan(); });
    std::string_view rest = input;
    if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);  // as Importer::scan
    for (std::string_view line : fuzz::lines(rest))
        if (!blank(line)) check_line(line, defaults);
    return 0;
}
