// Reading and writing tickets as CSV.
#include "cmd/bulk/record_csv.hpp"

#include <algorithm>
#include <array>

#include "cmd/output/csv.hpp"
#include "cmd/output/json.hpp"
#include "core/rules/priority.hpp"

namespace hd::cmd::bulk {
namespace {

// The columns hd import reads: the ticket fields of --json (fcr is read and ignored: it is derived).
enum class Column {
    id, type, title, description, status, priority, impact, urgency, category, tier, assignee, requester,
    channel, tags, created_at, updated_at, resolved_at, closed_at, resolution_code, dedup_key, occurrences,
    last_seen_at, team, cc, escalations, fcr,
};

constexpr std::array<std::pair<Column, std::string_view>, 26> kColumns{{
    {Column::id, "id"}, {Column::type, "type"}, {Column::title, "title"}, {Column::description, "description"},
    {Column::status, "status"}, {Column::priority, "priority"}, {Column::impact, "impact"},
    {Column::urgency, "urgency"}, {Column::category, "category"}, {Column::tier, "tier"},
    {Column::assignee, "assignee"}, {Column::requester, "requester"}, {Column::channel, "channel"},
    {Column::tags, "tags"}, {Column::created_at, "created_at"}, {Column::updated_at, "updated_at"},
    {Column::resolved_at, "resolved_at"}, {Column::closed_at, "closed_at"},
    {Column::resolution_code, "resolution_code"}, {Column::dedup_key, "dedup_key"},
    {Column::occurrences, "occurrences"}, {Column::last_seen_at, "last_seen_at"}, {Column::team, "team"},
    {Column::cc, "cc"}, {Column::escalations, "escalations"}, {Column::fcr, "fcr"},
}};

// "a,b" → {"a", "b"}; "" → {}.
std::vector<std::string> split_commas(std::string_view text) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    std::size_t start = 0;
    for (;;) {
        const auto comma = text.find(',', start);
        out.emplace_back(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}

std::string column_list() {
    std::string out;
    for (const auto& [column, name] : kColumns) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

}  // namespace

CsvReader::CsvReader(std::string_view text) : text_(text) {
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

bool CsvReader::next(std::vector<std::string>& fields) {
    fields.clear();
    // Blank lines are no records.
    for (;;) {
        if (pos_ < text_.size() && text_[pos_] == '\n') {
            ++pos_;
            ++line_;
        } else if (pos_ + 1 < text_.size() && text_[pos_] == '\r' && text_[pos_ + 1] == '\n') {
            pos_ += 2;
            ++line_;
        } else {
            break;
        }
    }
    if (pos_ >= text_.size()) return false;
    record_line_ = line_;
    for (;;) {
        std::string field;
        if (pos_ < text_.size() && text_[pos_] == '"') {
            const std::int64_t opened = line_;
            ++pos_;
            for (;;) {
                const auto quote = text_.find('"', pos_);
                if (quote == std::string_view::npos)
                    fail(ErrorKind::usage, "LINE " + std::to_string(opened) +
                                               ": a quoted field starts here and never ends (an unbalanced \")");
                const std::string_view part = text_.substr(pos_, quote - pos_);
                line_ += std::count(part.begin(), part.end(), '\n');
                field.append(part);
                pos_ = quote + 1;
                if (pos_ < text_.size() && text_[pos_] == '"') {  // "" is one quote
                    field += '"';
                    ++pos_;
                    continue;
                }
                break;
            }
            if (pos_ < text_.size() && text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
            if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n')
                fail(ErrorKind::usage, "LINE " + std::to_string(line_) +
                                           ": text after the closing quote of a field (a quote inside a field is "
                                           "written twice: \"\")");
        } else {
            const auto end = text_.find_first_of(",\n", pos_);
            std::string_view part = text_.substr(pos_, end == std::string_view::npos ? std::string_view::npos : end - pos_);
            pos_ = end == std::string_view::npos ? text_.size() : end;
            if (part.ends_with('\r') && pos_ < text_.size() && text_[pos_] == '\n') part.remove_suffix(1);
            if (part.find('"') != std::string_view::npos)
                fail(ErrorKind::usage, "LINE " + std::to_string(line_) +
                                           ": a quote inside a field that does not start with one (quote the whole "
                                           "field and write the quote twice: \"\")");
            field.assign(part);
        }
        fields.push_back(std::move(field));
        if (pos_ >= text_.size()) return true;
        const char separator = text_[pos_++];
        if (separator == '\n') {
            ++line_;
            return true;
        }
        if (pos_ >= text_.size()) {  // a comma at the very end: one more, empty, field
            fields.emplace_back();
            return true;
        }
    }
}

std::string ticket_csv_header() { return out::csv_row(out::ticket_field_names()); }

std::string ticket_csv_row(const Ticket& ticket) {
    std::vector<std::string> values;
    for (auto& [name, value] : out::ticket_fields(ticket)) values.push_back(std::move(value));
    return out::csv_row(values);
}

TicketCsvColumns::TicketCsvColumns(const std::vector<std::string>& header) {
    bool title = false;
    for (const auto& name : header) {
        const auto it = std::find_if(kColumns.begin(), kColumns.end(), [&](const auto& c) { return c.second == name; });
        if (it == kColumns.end())
            fail(ErrorKind::usage, "unknown column '" + name + "' (the columns are " + column_list() + ")");
        const int index = static_cast<int>(it - kColumns.begin());
        if (std::find(columns_.begin(), columns_.end(), index) != columns_.end())
            fail(ErrorKind::usage, "the column '" + name + "' is named twice");
        if (it->first == Column::title) title = true;
        columns_.push_back(index);
    }
    if (!title) fail(ErrorKind::usage, "no 'title' column; every ticket needs a title");
}

bool TicketCsvColumns::has_id() const {
    return std::find(columns_.begin(), columns_.end(), static_cast<int>(Column::id)) != columns_.end();
}

TicketRecord TicketCsvColumns::record(const std::vector<std::string>& row, const ImportDefaults& d) const {
    if (row.size() != columns_.size())
        fail(ErrorKind::usage, std::to_string(row.size()) + (row.size() == 1 ? " field" : " fields") +
                                   ", but the header has " + std::to_string(columns_.size()) +
                                   " (a field with a comma or a line break must be quoted)");
    TicketRecord r;
    Ticket& t = r.ticket;
    t.type = d.config.default_type;
    bool has_priority = false, has_created = false, has_updated = false;
    for (std::size_t i = 0; i < row.size(); ++i) {
        const auto& [column, name] = kColumns[static_cast<std::size_t>(columns_[i])];
        const std::string& v = row[i];
        if (v.empty()) continue;  // null, or the default
        switch (column) {
            case Column::id: t.id = ticket_id_field(name, count_field(name, v, 1)); break;
            case Column::type: t.type = type_field(name, v); break;
            case Column::title: t.title = title_field(name, v, d.config); break;
            case Column::description: t.description = description_field(name, v, d.config); break;
            case Column::status: t.status = status_field(name, v); break;
            case Column::priority:
                t.priority = priority_field(name, v);
                has_priority = true;
                break;
            case Column::impact: t.impact = level_field(name, v); break;
            case Column::urgency: t.urgency = level_field(name, v); break;
            case Column::category: t.category = category_field(name, v, d.config); break;
            case Column::tier: t.tier = tier_field(name, v, d.config); break;
            case Column::assignee: t.assignee = name_field(name, v, "assignee"); break;
            case Column::requester: t.requester = name_field(name, v, "requester"); break;
            case Column::team: t.team = name_field(name, v, "team"); break;
            case Column::channel: t.channel = channel_field(name, v); break;
            case Column::tags: t.tags = tags_field(name, split_commas(v)); break;
            case Column::cc: t.cc = names_field(name, split_commas(v)); break;
            case Column::created_at:
                t.created_at = time_field(name, v);
                has_created = true;
                break;
            case Column::updated_at:
                t.updated_at = time_field(name, v);
                has_updated = true;
                break;
            case Column::resolved_at: t.resolved_at = time_field(name, v); break;
            case Column::closed_at: t.closed_at = time_field(name, v); break;
            case Column::last_seen_at: t.last_seen_at = time_field(name, v); break;
            case Column::resolution_code: t.resolution_code = resolution_field(name, v); break;
            case Column::dedup_key: t.dedup_key = name_field(name, v, "dedup key"); break;
            case Column::occurrences: t.occurrences = count_field(name, v, 1); break;
            case Column::escalations: t.escalations = count_field(name, v, 0); break;
            case Column::fcr:  // derived from status, tier and escalations
                if (v != "true" && v != "false") field_error(name, "'" + v + "' is not true, false or empty");
                break;
        }
    }
    if (t.title.empty()) field_error("title", "empty: every ticket needs a title");
    if (!has_priority)
        t.priority = t.impact || t.urgency ? priority_from_matrix(t.impact, t.urgency) : d.config.default_priority;
    if (!has_created) t.created_at = d.now;
    if (!has_updated) t.updated_at = t.created_at;
    check_ticket(t, d.config);

    Event created;
    created.ticket = t.id;
    created.at = t.created_at;
    created.actor = d.actor;
    created.kind = "created";
    created.new_value = t.title;
    created.note = "imported";
    r.events.push_back(std::move(created));
    return r;
}

}  // namespace hd::cmd::bulk
