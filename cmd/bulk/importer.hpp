// hd import's engine: reads records from JSON Lines or CSV, checks each fully, numbers them, and writes
// them through the Store in the caller's transactions, one batch at a time. Knows nothing of the command
// line, so that tests drive it on a store directly.
#pragma once

#include <functional>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <unordered_map>
#include <vector>

#include "cmd/bulk/record_csv.hpp"
#include "cmd/bulk/record_fields.hpp"
#include "core/store/store.hpp"

namespace hd::cmd::bulk {

enum class ImportFormat { jsonl, csv };

struct ImportOptions {
    ImportFormat format = ImportFormat::jsonl;
    // Tickets, comments and events keep the ids of the file (an id in use is an error). Otherwise they are
    // numbered after the store's highest ids, and references between the file's tickets (links,
    // merged_from, "#N" in link and merge events) follow them.
    bool keep_ids = false;
    // Records to pass over: those an interrupted import committed already. Their links to the records
    // that follow are still made (the later ticket of a link brings it).
    std::int64_t skip = 0;
};

struct ImportCounts {
    std::int64_t tickets = 0;
    std::int64_t comments = 0;
    std::int64_t events = 0;
    std::int64_t links = 0;
};

struct ImportedTicket {
    std::int64_t line = 0;
    std::optional<TicketId> from;  // the id in the file
    TicketId id = 0;               // the id in the store
};

class Importer {
public:
    // `input` is read where it is: it must outlive the importer.
    Importer(std::string_view input, ImportOptions options, ImportDefaults defaults);

    // The first pass over JSON Lines: every record's id, so that a reference to a ticket further down
    // the file is known before anything is written. Throws hd::Error(usage) for an id given twice.
    void scan();

    // Imports up to `limit` more records (0: all that are left; records passed over by --skip do not
    // count) in the caller's write transaction. Returns true when the input is done. Errors are
    // hd::Error naming the line ("LINE 7: ...").
    bool import(Store& store, std::int64_t limit);

    // Called with the length of the input read so far, when the bytes before it will not be read again
    // in this pass: a mapped file gives back those pages (see cmd/import.cpp).
    void on_released(std::function<void(std::size_t)> release) { release_ = std::move(release); }

    // Back to the first record: the transaction that held everything so far was rolled back.
    void restart();

    // Records read so far, skipped ones included (what --skip takes to go on after them).
    std::int64_t records() const { return record_index_; }
    const ImportCounts& counts() const { return counts_; }
    const std::vector<ImportedTicket>& tickets() const { return tickets_; }

private:
    // Records [from, to) of the JSON Lines read and checked (on another thread), up to the first that
    // is wrong, whose error comes along.
    struct Parsed {
        std::vector<TicketRecord> records;
        std::optional<Error> error;
    };
    Parsed parse_records(std::int64_t from, std::int64_t to) const;
    void take_record(Store& store, TicketRecord record);
    void released(std::size_t end) const;  // see on_released

    bool import_jsonl(Store& store, std::int64_t limit);
    bool import_csv(Store& store, std::int64_t limit);
    void write(Store& store, TicketRecord record);
    void remember_links_of_skipped(const TicketRecord& record);
    // The id a ticket of the file has in the store, and whether it is there yet; nullopt when the file
    // does not hold it (or holds it among the skipped records).
    struct Target {
        TicketId id = 0;
        bool written = false;
    };
    std::optional<Target> in_file(TicketId file_id) const;
    TicketId new_id(std::int64_t index) const;

    std::string_view input_;
    std::function<void(std::size_t)> release_;
    ImportOptions options_;
    ImportDefaults defaults_;

    // From scan(): every id in the file with its record's index (1-based), sorted; the id and line of
    // each record.
    std::vector<std::pair<TicketId, std::int64_t>> index_of_id_;
    std::vector<TicketId> scanned_ids_;  // 0: none found
    std::vector<std::int64_t> record_lines_;
    std::vector<std::string_view> record_texts_;
    std::int64_t csv_lines_ = 0;
    bool scanned_ = false;

    // Where reading is.
    std::int64_t line_ = 0;
    std::int64_t record_index_ = 0;
    std::optional<CsvReader> csv_;
    std::optional<TicketCsvColumns> columns_;
    std::unordered_map<TicketId, std::int64_t> csv_seen_;  // --keep-ids: id → line, for duplicates

    // Numbering without --keep-ids: what the store held when the import began.
    std::optional<HighestIds> base_;

    // Links waiting for the record of the ticket they point to, by that ticket's id in the file; and
    // those whose tickets are both written, for the end of the transaction.
    std::unordered_map<TicketId, std::vector<Link>> pending_;
    std::vector<Link> ready_links_;

    ImportCounts counts_;
    std::vector<ImportedTicket> tickets_;
};

}  // namespace hd::cmd::bulk
