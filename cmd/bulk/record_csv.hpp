// Tickets as CSV (RFC 4180): what hd export --format csv writes and hd import --format csv reads. CSV
// holds the ticket's own fields only, one row per ticket under a header row of their --json names;
// comments, events and links need JSON Lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cmd/bulk/record_fields.hpp"
#include "core/store/store.hpp"

namespace hd::cmd::bulk {

// Reads RFC 4180 records from a text: fields separated by commas, records by LF or CRLF, a field in
// double quotes may hold commas, line breaks and doubled quotes. A UTF-8 byte-order mark at the start
// is skipped, and so are blank lines.
class CsvReader {
public:
    explicit CsvReader(std::string_view text);  // read where it is: it must outlive the reader

    // The next record's fields; false at the end of the text. Throws hd::Error(usage) "LINE n: ..." for a
    // quoted field that never ends, or a quote where RFC 4180 allows none.
    bool next(std::vector<std::string>& fields);
    // The line the last record began on (1-based).
    std::int64_t line() const { return record_line_; }
    std::size_t offset() const { return pos_; }  // where the next record starts

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::int64_t line_ = 1;
    std::int64_t record_line_ = 0;
};

// hd export --format csv: the header row and one row per ticket, each ending in LF. Values are the
// text forms of --format and hd list --csv: null is empty, tags and cc are joined with commas.
std::string ticket_csv_header();
std::string ticket_csv_row(const Ticket& ticket);

// hd import --format csv: the columns a header row names, checked once, and each row read as a record.
// Columns may come in any order and any may be left out but title; an empty value means null, or the
// default for a field that has one (see hd-import(1)).
class TicketCsvColumns {
public:
    // Throws hd::Error(usage) for a column that is not a ticket field, one named twice, or no title.
    explicit TicketCsvColumns(const std::vector<std::string>& header);

    std::size_t size() const { return columns_.size(); }
    bool has_id() const;
    // Throws hd::Error(usage) for a row with the wrong number of fields, or naming the field that is wrong.
    TicketRecord record(const std::vector<std::string>& row, const ImportDefaults& defaults) const;

private:
    std::vector<int> columns_;  // the field each column holds (an index into the field names)
};

}  // namespace hd::cmd::bulk
