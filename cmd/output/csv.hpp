// CSV as RFC 4180 describes it, for `hd list --csv` and exports: quoting and rows.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hd::out {

// One field: as it is, or between double quotes (with each quote doubled) when it holds a comma, a
// double quote, CR or LF. Leading and trailing spaces are kept: RFC 4180 makes them part of the field.
std::string csv_field(std::string_view value);

// One record: the fields joined by commas, ending in LF. RFC 4180 asks for CRLF, but every reader
// in use (Python's csv, spreadsheets, Go's encoding/csv, xsv) accepts LF, and LF is what the
// line-oriented Unix tools a script pipes into expect.
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace hd::out
