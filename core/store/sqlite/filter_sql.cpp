// Turns the filter AST into a parameterised WHERE clause and ORDER BY for the tickets table.
#include "core/store/sqlite/filter_sql.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace hd::sqlite {
namespace {

struct Column {
    const char* sql;
    bool nullable;
};

Column column_of(FilterField f) {
    switch (f) {
        case FilterField::id: return {"t.id", false};
        case FilterField::status: return {"t.status", false};
        case FilterField::type: return {"t.type", false};
        case FilterField::priority: return {"t.priority", false};
        case FilterField::category: return {"t.category", true};
        case FilterField::tier: return {"t.tier", false};
        case FilterField::assignee: return {"t.assignee", true};
        case FilterField::requester: return {"t.requester", true};
        case FilterField::channel: return {"t.channel", true};
        case FilterField::created: return {"t.created_at", false};
        case FilterField::updated: return {"t.updated_at", false};
        case FilterField::tag: break;  // a separate table, see tag_clause
        case FilterField::sla: break;  // a separate table, see sla_clause
    }
    fail(ErrorKind::other, "internal error: the filter field has no column");
}

const char* operator_sql(Compare op) {
    switch (op) {
        case Compare::lt: return " < ?";
        case Compare::le: return " <= ?";
        case Compare::gt: return " > ?";
        case Compare::ge: return " >= ?";
        case Compare::eq: return " = ?";
        case Compare::ne: return " != ?";
    }
    return " = ?";
}

// Builds one clause at a time, appending each bound value as its placeholder is written.
class WhereBuilder {
public:
    void condition(const FilterCondition& c) {
        if (c.field == FilterField::tag) return tag_clause(c);
        if (c.field == FilterField::sla) return sla_clause(c);
        const Column col = column_of(c.field);
        if (c.op != Compare::eq && c.op != Compare::ne) return comparison(col, c);

        std::vector<SqlValue> values;
        bool has_null = false;
        for (const auto& v : c.values) {
            if (std::holds_alternative<std::monostate>(v))
                has_null = true;
            else
                values.push_back(to_sql(v));
        }
        const std::string name = col.sql;
        if (c.op == Compare::eq) {
            if (values.empty() && !has_null) return add("0");  // any of nothing: no ticket matches
            if (values.empty()) return add(name + " IS NULL");
            const std::string in = in_list(name, values);
            add(has_null ? "(" + in + " OR " + name + " IS NULL)" : in);
        } else {
            if (values.empty() && !has_null) return add("1");  // none of nothing: every ticket matches
            if (values.empty()) return add(name + " IS NOT NULL");
            const std::string not_in = not_in_list(name, values);
            // SQL's NOT IN is unknown, not true, on NULL: an unset field is "not x", so say so explicitly.
            if (has_null)
                add("(" + name + " IS NOT NULL AND " + not_in + ")");
            else if (col.nullable)
                add("(" + name + " IS NULL OR " + not_in + ")");
            else
                add(not_in);
        }
    }

    void word(const std::string& w, bool excluded) {
        const std::string match = "(hd_contains(t.title, ?) OR hd_contains(t.description, ?))";
        binds_.emplace_back(w);
        binds_.emplace_back(w);
        // hd_contains gives 0 for a NULL description, never NULL, so NOT keeps tickets without one.
        add(excluded ? "NOT " + match : match);
    }

    void raw(std::string clause) { add(std::move(clause)); }

    SqlWhere finish() && {
        SqlWhere w;
        for (std::size_t i = 0; i < clauses_.size(); ++i) w.sql += (i == 0 ? "WHERE " : " AND ") + clauses_[i];
        w.binds = std::move(binds_);
        return w;
    }

private:
    static SqlValue to_sql(const FilterValue& v) {
        if (const auto* s = std::get_if<std::string>(&v)) return *s;
        if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
        return std::monostate{};
    }

    void comparison(const Column& col, const FilterCondition& c) {
        if (c.values.size() != 1) fail(ErrorKind::usage, "a filter comparison needs exactly one value");
        // A comparison with NULL is never true in SQL, which is the right answer for "prio:<none".
        binds_.push_back(to_sql(c.values.front()));
        add(std::string(col.sql) + operator_sql(c.op));
    }

    // One placeholder per value; the IN form is kept for one value too, so the SQL shape is predictable.
    std::string placeholders(const std::vector<SqlValue>& values) {
        std::string out = "(";
        for (std::size_t i = 0; i < values.size(); ++i) {
            out += i == 0 ? "?" : ",?";
            binds_.push_back(values[i]);
        }
        return out + ")";
    }
    std::string in_list(const std::string& name, const std::vector<SqlValue>& values) {
        if (values.size() == 1) {
            binds_.push_back(values.front());
            return name + " = ?";
        }
        return name + " IN " + placeholders(values);
    }
    std::string not_in_list(const std::string& name, const std::vector<SqlValue>& values) {
        if (values.size() == 1) {
            binds_.push_back(values.front());
            return name + " != ?";
        }
        return name + " NOT IN " + placeholders(values);
    }

    // Tags live in ticket_tags. `t.id IN (SELECT ...)` lets SQLite start from the (tag, ticket_id)
    // index and look tickets up by id, instead of scanning every ticket for a correlated EXISTS.
    // sla:breached and sla:at-risk, on the clocks of migration 4 (active tickets only): breached when
    // a running clock is past due or the first response came late; at-risk when not breached and a
    // running clock has less than at_risk of its target left.
    void sla_clause(const FilterCondition& c) {
        // COALESCE: an unset due time makes a comparison NULL, and NOT NULL is not true.
        static const std::string kBreached =
            "COALESCE((s.respond_met IS NULL AND s.respond_due <= ?) OR s.respond_met IS 0 OR "
            "(s.resolve_met IS NULL AND s.resolve_due <= ?), 0)";
        static const std::string kAtRisk =
            "COALESCE((s.respond_met IS NULL AND s.respond_risk_at <= ?) OR "
            "(s.resolve_met IS NULL AND s.resolve_risk_at <= ?), 0)";
        std::string any;
        for (const auto& v : c.values) {
            const bool breached = std::get<std::string>(v) == "breached";
            std::string one = breached ? kBreached : "(" + kAtRisk + " AND NOT " + kBreached + ")";
            const int uses = breached ? 2 : 4;
            for (int i = 0; i < uses; ++i) binds_.push_back(SqlValue(std::int64_t{c.at}));
            any += (any.empty() ? "" : " OR ") + one;
        }
        const std::string exists = "EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = t.id AND "
                                   "t.status IN ('new', 'open', 'pending') AND (" + (any.empty() ? "0" : any) + "))";
        add(c.op == Compare::ne ? "NOT " + exists : exists);
    }

    void tag_clause(const FilterCondition& c) {
        if (c.op != Compare::eq && c.op != Compare::ne)
            fail(ErrorKind::usage, "tags cannot be compared with <, <=, > or >=");
        std::vector<SqlValue> values;
        bool has_null = false;
        for (const auto& v : c.values) {
            if (std::holds_alternative<std::monostate>(v))
                has_null = true;
            else
                values.push_back(to_sql(v));
        }
        // A null tag value means "no tags at all".
        std::vector<std::string> parts;
        if (!values.empty())
            parts.push_back("t.id IN (SELECT g.ticket_id FROM ticket_tags g WHERE " + in_list("g.tag", values) + ")");
        if (has_null) parts.push_back("NOT EXISTS (SELECT 1 FROM ticket_tags g WHERE g.ticket_id = t.id)");
        if (parts.empty()) return add(c.op == Compare::eq ? "0" : "1");
        std::string any = parts.size() == 1 ? parts[0] : "(" + parts[0] + " OR " + parts[1] + ")";
        add(c.op == Compare::eq ? any : "NOT " + any);
    }

    void add(std::string clause) { clauses_.push_back(std::move(clause)); }

    std::vector<std::string> clauses_;
    std::vector<SqlValue> binds_;
};

// Status and type sort in their natural order (the lifecycle, the enum), not alphabetically.
const char* sort_column(SortField f) {
    switch (f) {
        case SortField::id: return "t.id";
        case SortField::priority: return "t.priority";
        case SortField::status:
            return "CASE t.status WHEN 'new' THEN 0 WHEN 'open' THEN 1 WHEN 'pending' THEN 2 "
                   "WHEN 'resolved' THEN 3 WHEN 'closed' THEN 4 END";
        case SortField::type:
            return "CASE t.type WHEN 'incident' THEN 0 WHEN 'request' THEN 1 WHEN 'problem' THEN 2 "
                   "WHEN 'change' THEN 3 END";
        case SortField::title: return "t.title COLLATE NOCASE";
        case SortField::category: return "t.category";
        case SortField::tier: return "t.tier";
        case SortField::assignee: return "t.assignee";
        case SortField::requester: return "t.requester";
        case SortField::created: return "t.created_at";
        case SortField::updated: return "t.updated_at";
    }
    return "t.id";
}

// True when the filter's status terms leave closed tickets out: a term of states that are not
// closed, or one that excludes closed. Without a status term, closed tickets are out by default.
bool leaves_closed_out(const Filter& f, bool include_closed) {
    if (!f.names_status()) return !include_closed;
    return std::any_of(f.conditions.begin(), f.conditions.end(), [](const FilterCondition& c) {
        if (c.field != FilterField::status) return false;
        const bool names_closed = std::any_of(c.values.begin(), c.values.end(), [](const FilterValue& v) {
            const auto* s = std::get_if<std::string>(&v);
            return s && *s == "closed";
        });
        return c.op == Compare::eq ? !names_closed : c.op == Compare::ne && names_closed;
    });
}

}  // namespace

SqlWhere compile_filter(const Filter& f, bool include_closed) {
    WhereBuilder b;
    // The four states other than closed, whenever the result holds no closed ticket: by default, and
    // along with status terms that leave closed tickets out, where it changes nothing. Word for word
    // the condition of the partial indexes on the tickets not closed (migration 8), which is how
    // SQLite knows that they may serve the query; an OR chain on one column, which SQLite also reads
    // as an IN list, so that an index led by status serves it. (The CHECK constraint on status makes
    // it the same as != 'closed', which no index can serve.)
    if (leaves_closed_out(f, include_closed))
        b.raw("(t.status = 'new' OR t.status = 'open' OR t.status = 'pending' OR t.status = 'resolved')");
    for (const auto& c : f.conditions) b.condition(c);
    for (const auto& w : f.words) b.word(w, false);
    for (const auto& w : f.excluded_words) b.word(w, true);
    return std::move(b).finish();
}

std::string compile_order_by(const std::vector<SortKey>& keys) {
    if (keys.empty()) return "ORDER BY t.priority, t.id";
    std::string out = "ORDER BY ";
    for (std::size_t i = 0; i < keys.size(); ++i) {
        out += std::string(i == 0 ? "" : ", ") + sort_column(keys[i].field) + (keys[i].descending ? " DESC" : " ASC");
        // The id is unique: anything after it could never break a tie, and it already makes the order total.
        if (keys[i].field == SortField::id) return out;
    }
    return out + ", t.id ASC";
}

}  // namespace hd::sqlite
