// The import engine: one pass to learn the file's ids, one to check and write each record.
#include "cmd/bulk/importer.hpp"

#include <algorithm>
#include <charconv>
#include <thread>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cmd/bulk/read_ahead.hpp"
#include "cmd/bulk/record_json.hpp"

namespace hd::cmd::bulk {
namespace {

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// "LINE 7: " in front of an error from reading or writing one record.
[[noreturn]] void at_line(std::int64_t line, const Error& e) {
    fail(e.kind(), "LINE " + std::to_string(line) + ": " + e.what());
}

std::optional<std::int64_t> number(std::string_view text) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return n;
}

}  // namespace

Importer::Importer(std::string_view input, ImportOptions options, ImportDefaults defaults)
    : input_(input), options_(options), defaults_(std::move(defaults)) {
    if (options_.skip < 0) fail(ErrorKind::usage, "--skip: must be 0 or more");
    if (options_.skip > 0 && !options_.keep_ids)
        fail(ErrorKind::usage, "--skip needs --keep-ids: it goes on with an import whose first records kept their "
                               "ids, so that the rest can refer to them");
}

void Importer::scan() {
    scanned_ = true;
    if (options_.format != ImportFormat::jsonl) {
        csv_lines_ = static_cast<std::int64_t>(std::count(input_.begin(), input_.end(), '\n'));  // rows, about
        tickets_.reserve(static_cast<std::size_t>(csv_lines_));  // once, not doubling as it fills
        released(input_.size());
        return;
    }
    index_of_id_.clear();
    scanned_ids_.clear();
    record_lines_.clear();
    record_texts_.clear();
    std::int64_t line = 0;
    // A byte-order mark, as some Windows tools write, is no part of the first record.
    for (std::size_t pos = input_.starts_with("\xEF\xBB\xBF") ? 3 : 0; pos < input_.size();) {
        auto end = input_.find('\n', pos);
        if (end == std::string_view::npos) end = input_.size();
        const std::string_view text = input_.substr(pos, end - pos);
        pos = end + 1;
        if (line % 4096 == 0) released(pos);  // the first look keeps no more than a few pages
        ++line;
        if (blank(text)) continue;
        const auto id = scan_record_id(text);
        scanned_ids_.push_back(id.value_or(0));
        record_lines_.push_back(line);
        record_texts_.push_back(text);
    }
    released(input_.size());  // the records are read again, a chunk at a time, as they are written

    // The ids sorted, each with its record: a third of the memory of a hash map (an import of 100,000
    // tickets holds under 30 MB). An id given twice is refused on the line that repeats it first.
    tickets_.reserve(record_texts_.size());  // once, not doubling as it fills
    index_of_id_.reserve(scanned_ids_.size());
    for (std::size_t i = 0; i < scanned_ids_.size(); ++i)
        if (scanned_ids_[i] != 0) index_of_id_.emplace_back(scanned_ids_[i], static_cast<std::int64_t>(i + 1));
    std::sort(index_of_id_.begin(), index_of_id_.end());
    const std::pair<TicketId, std::int64_t>* first = nullptr;  // of the duplicate found earliest in the file
    std::int64_t repeat = 0;
    for (std::size_t i = 1; i < index_of_id_.size(); ++i)
        if (index_of_id_[i].first == index_of_id_[i - 1].first && (repeat == 0 || index_of_id_[i].second < repeat)) {
            first = &index_of_id_[i - 1];
            repeat = index_of_id_[i].second;
        }
    if (first)
        fail(ErrorKind::usage, "LINE " + std::to_string(record_lines_[static_cast<std::size_t>(repeat - 1)]) +
                                   ": ticket #" + std::to_string(first->first) + " is on line " +
                                   std::to_string(record_lines_[static_cast<std::size_t>(first->second - 1)]) +
                                   " already; each ticket of an import is one line");
}

void Importer::released(std::size_t end) const {
    if (release_) release_(end);
}

void Importer::restart() {
    line_ = 0;
    record_index_ = 0;
    csv_.reset();
    columns_.reset();
    csv_seen_.clear();
    base_.reset();
    pending_.clear();
    counts_ = {};
    tickets_.clear();
}

bool Importer::import(Store& store, std::int64_t limit) {
    if (!scanned_) scan();
    // About how many tickets this transaction brings, for the store to prepare.
    std::int64_t coming = (options_.format == ImportFormat::jsonl ? static_cast<std::int64_t>(record_texts_.size())
                                                                   : csv_lines_) -
                          std::max(record_index_, options_.skip);
    if (limit > 0) coming = std::min(coming, limit);
    store.prepare_bulk_write(coming);
    if (!base_) base_ = options_.keep_ids ? HighestIds{} : store.highest_ids();
    ready_links_.clear();
    const bool done = options_.format == ImportFormat::jsonl ? import_jsonl(store, limit) : import_csv(store, limit);
#ifdef __GLIBC__
    // The reading threads' arenas keep what they freed; given back before the store builds its
    // indexes, when the import's memory peaks (100,000 tickets: 26 MB at the peak against 28.5).
    malloc_trim(0);
#endif
    store.finish_bulk_write();
    for (const Link& link : ready_links_)
        if (store.insert_link(link)) ++counts_.links;
    ready_links_.clear();
    return done;
}

Importer::Parsed Importer::parse_records(std::int64_t from, std::int64_t to) const {
    Parsed p;
    p.records.reserve(static_cast<std::size_t>(to - from));
    for (std::int64_t i = from; i < to; ++i) {
        try {
            p.records.push_back(record_from_json(record_texts_[static_cast<std::size_t>(i)], defaults_));
        } catch (const Error& e) {
            p.error = e;
            break;
        }
    }
    return p;
}

bool Importer::import_jsonl(Store& store, std::int64_t limit) {
    const auto total = static_cast<std::int64_t>(record_texts_.size());
    const std::int64_t first = record_index_;
    // The limit counts the records written: those passed over (--skip) come with the first batch.
    const std::int64_t last = limit > 0 ? std::min(total, std::max(first, options_.skip) + limit) : total;
    // Reading and checking the records costs about as much as writing them: other threads do it, a
    // chunk at a time, ahead of this one, which writes. An error waits with its chunk until the
    // records before it are written, as if it had been met here.
    constexpr std::int64_t kChunk = 256;  // a multiple of the store's groups of 32: see below
    // As many readers as cores, and two at least: the writer leaves a core idle part of the time
    // (measured on two cores: 1.75 s for 100,000 tickets with two readers, 2.3 s with one). Two
    // chunks a reader read ahead, so that the readers seldom wait while this thread writes (four
    // bought nothing more, for 1.4 MB).
    const std::size_t readers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 2, 8);
    const auto ahead = static_cast<std::int64_t>(2 * readers);
    const std::int64_t chunks = (last - first + kChunk - 1) / kChunk;
    ReadAhead<Parsed> reading(chunks, readers, ahead, [this, first, last](std::int64_t chunk) {
        const std::int64_t from = first + chunk * kChunk;
        return parse_records(from, std::min(last, from + kChunk));
    });
    // The records the store has written go back with their chunk, to be destroyed by the reader that
    // made them (read_ahead.hpp says why). The store writes 32 at a time, so with whole chunks of 256
    // they are that chunk's records; a few of an earlier chunk's, after passing over --skip records.
    std::vector<TicketRecord> written;
    written.reserve(2 * kChunk);
    store.on_records_written([&written](std::vector<TicketRecord>& records) {
        for (auto& r : records) written.push_back(std::move(r));
    });
    struct Unhook {
        Store& store;
        ~Unhook() { store.on_records_written(nullptr); }
    } unhook{store};
    for (std::int64_t chunk_index = 0, index = first; chunk_index < chunks; ++chunk_index) {
        auto piece = reading.next();
        Parsed& chunk = piece.chunk;
        for (auto& record : chunk.records) {
            record_index_ = ++index;
            line_ = record_lines_[static_cast<std::size_t>(index - 1)];
            try {
                take_record(store, std::move(record));
            } catch (const Error& e) {
                at_line(line_, e);
            }
        }
        if (!chunk.records.empty()) {
            const std::string_view last_text = record_texts_[static_cast<std::size_t>(index - 1)];
            released(static_cast<std::size_t>(last_text.data() + last_text.size() - input_.data()));
        }
        if (chunk.error) {
            record_index_ = ++index;
            line_ = record_lines_[static_cast<std::size_t>(index - 1)];
            at_line(line_, *chunk.error);
        }
        chunk.records.swap(written);
        written.clear();  // the records this chunk held, moved from: nothing left to free
        reading.give_back(std::move(piece));
    }
    return last == total;
}

void Importer::take_record(Store& store, TicketRecord r) {
    if (r.ticket.id != scanned_ids_[static_cast<std::size_t>(record_index_ - 1)])
        field_error("id", "read differently on a first look at the line; give \"id\" once, as a plain number");
    if (record_index_ <= options_.skip)
        remember_links_of_skipped(r);
    else
        write(store, std::move(r));
}

bool Importer::import_csv(Store& store, std::int64_t limit) {
    if (!csv_) {
        csv_.emplace(input_);
        std::vector<std::string> header;
        if (!csv_->next(header)) return true;  // an empty file: nothing to import
        try {
            columns_.emplace(header);
            if (options_.keep_ids && !columns_->has_id())
                fail(ErrorKind::usage, "--keep-ids keeps the tickets' ids, but there is no 'id' column");
        } catch (const Error& e) {
            at_line(csv_->line(), e);
        }
    }
    std::vector<std::string> row;
    for (std::int64_t done = 0; limit == 0 || done < limit;) {
        if (!csv_->next(row)) return true;
        ++record_index_;
        line_ = csv_->line();
        if (record_index_ <= options_.skip) continue;
        ++done;
        if (done % 1024 == 0) released(csv_->offset());
        try {
            TicketRecord r = columns_->record(row, defaults_);
            if (options_.keep_ids) {
                const auto [it, added] = csv_seen_.emplace(r.ticket.id, line_);
                if (!added)
                    field_error("id", "ticket #" + std::to_string(r.ticket.id) + " is on line " +
                                          std::to_string(it->second) + " already");
            }
            write(store, std::move(r));
        } catch (const Error& e) {
            at_line(line_, e);
        }
    }
    return false;
}

TicketId Importer::new_id(std::int64_t index) const { return base_->ticket + (index - options_.skip); }

std::optional<Importer::Target> Importer::in_file(TicketId file_id) const {
    const auto it = std::lower_bound(index_of_id_.begin(), index_of_id_.end(), std::pair<TicketId, std::int64_t>{file_id, 0});
    if (it == index_of_id_.end() || it->first != file_id || it->second <= options_.skip) return std::nullopt;
    return Target{options_.keep_ids ? file_id : new_id(it->second), it->second < record_index_};
}

void Importer::remember_links_of_skipped(const TicketRecord& r) {
    const TicketId self = r.ticket.id;
    if (self == 0) return;
    for (const Link& l : r.links) {
        const TicketId other = l.from == self ? l.to : l.from;
        if (in_file(other)) pending_[other].push_back(l);  // ids are kept: the link is as it will be stored
    }
}

void Importer::write(Store& store, TicketRecord r) {
    const TicketId file_id = r.ticket.id;
    const bool keep = options_.keep_ids;
    if (keep && file_id == 0) field_error("id", "missing: --keep-ids keeps every ticket's id, so each record needs one");
    const TicketId id = keep ? file_id : new_id(record_index_);
    const HighestIds& base = *base_;
    r.ticket.id = id;
    for (auto& c : r.comments) {
        c.ticket = id;
        if (!keep && c.id > 0) c.id += base.comment;
    }
    // Without --keep-ids the events follow the new numbering: merged_from must name a ticket of the file;
    // "#N" in link and merge events is renumbered when #N is in the file (else it is history, kept as
    // written); a `commented` event names its comment's new id.
    const auto renumbered = [this](std::optional<std::string>& value) {
        if (!value || !value->starts_with('#')) return;
        if (const auto n = number(std::string_view(*value).substr(1)))
            if (const auto target = in_file(*n)) *value = "#" + std::to_string(target->id);
    };
    for (std::size_t i = 0; i < r.events.size(); ++i) {
        Event& e = r.events[i];
        e.ticket = id;
        if (keep) continue;
        if (e.id > 0) e.id += base.event;
        if (e.merged_from) {
            const auto target = in_file(*e.merged_from);
            if (!target)
                field_error("events[" + std::to_string(i) + "].merged_from",
                            "#" + std::to_string(*e.merged_from) +
                                " is not in the file, so its new id is unknown (export it too, or import with "
                                "--keep-ids to keep the ids as they are)");
            e.merged_from = target->id;
        }
        if (e.kind == "linked" || e.kind == "unlinked" || e.kind == "merged") {
            renumbered(e.old_value);
            renumbered(e.new_value);
        } else if (e.kind == "commented" && e.new_value) {
            if (const auto n = number(*e.new_value); n && *n > 0) e.new_value = std::to_string(*n + base.comment);
        }
    }

    std::vector<Link> links = std::move(r.links);
    r.links.clear();
    const auto comments = static_cast<std::int64_t>(r.comments.size());
    const auto events = static_cast<std::int64_t>(r.events.size());
    try {
        store.insert_ticket_record(std::move(r));
    } catch (const Error& e) {
        if (!keep || e.kind() != ErrorKind::usage) throw;
        fail(e.kind(), std::string(e.what()) + " (without --keep-ids, the import numbers what it adds after the store's ids)");
    }
    ++counts_.tickets;
    counts_.comments += comments;
    counts_.events += events;
    tickets_.push_back(ImportedTicket{line_, file_id > 0 ? std::optional<TicketId>(file_id) : std::nullopt, id});

    // A link is ready once both its tickets are written: now, or with the later one's record. The
    // store writes the ready ones at the end of the transaction (see import).
    for (std::size_t i = 0; i < links.size(); ++i) {
        Link link = links[i];
        const bool outgoing = link.from == file_id;
        const TicketId other = outgoing ? link.to : link.from;
        Target target;
        if (const auto t = in_file(other))
            target = *t;
        else if (keep && store.ticket_exists(other))
            target = Target{other, true};
        else
            field_error("links[" + std::to_string(i) + "].ticket",
                        "#" + std::to_string(other) + " is not in the file" + (keep ? " nor in the store" : "") +
                            " (export it too: hd export without a filter writes every ticket)");
        (outgoing ? link.from : link.to) = id;
        (outgoing ? link.to : link.from) = target.id;
        if (target.written)
            ready_links_.push_back(link);
        else
            pending_[other].push_back(link);
    }
    if (file_id > 0)
        if (const auto it = pending_.find(file_id); it != pending_.end()) {
            ready_links_.insert(ready_links_.end(), it->second.begin(), it->second.end());
            pending_.erase(it);
        }
}

}  // namespace hd::cmd::bulk
