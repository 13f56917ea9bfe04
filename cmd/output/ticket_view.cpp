// Human-readable ticket output. Every piece of user text passes through sanitize().
#include "cmd/output/ticket_view.hpp"

#include "cmd/output/table.hpp"

namespace hd::out {
namespace {

std::string priority_colour(Priority p) {
    switch (p.value) {
        case 1: return "31";  // red
        case 2: return "33";  // yellow
        default: return "";
    }
}

std::string styled_status(Status s, const Style& style) {
    const std::string name(to_string(s));
    switch (s) {
        case Status::new_: return style.cyan(name);
        case Status::open: return style.green(name);
        case Status::pending: return style.yellow(name);
        case Status::resolved: return style.blue(name);
        case Status::closed: return style.dim(name);
    }
    return name;
}

std::string or_dash(const std::optional<std::string>& v) { return v ? sanitize(*v) : "-"; }

// One line of a value that may span several (a description, a note): line breaks become spaces.
std::string short_text(const std::optional<std::string>& v, std::size_t width) {
    if (!v) return "∅";
    std::string flat = *v;
    for (auto& c : flat)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    std::string s = sanitize(flat);
    return truncate(s, width);
}

}  // namespace

std::string tier_label(const Config& config, int level) {
    const TierConfig* tier = tier_by_level(config, level);
    std::string label = "L" + std::to_string(level);
    if (tier) label += " " + sanitize(tier->name);
    return label;
}

std::string format_local_time(Timestamp t) {
    std::string s = format_rfc3339(t);  // 2026-11-23T10:00:00Z
    if (s.size() >= 16) s = s.substr(0, 10) + " " + s.substr(11, 5) + " UTC";
    return s;
}

void print_ticket_table(std::ostream& out, const std::vector<Ticket>& tickets, const ViewOptions& view) {
    // On a narrow terminal the tier goes first, then the age, then the assignee: the title stays.
    Table table({{"ID", true, false, 0},
                 {"PRI", false, false, 0},
                 {"STATUS", false, false, 0},
                 {"TIER", false, false, 1},
                 {"ASSIGNEE", false, false, 3},
                 {"AGE", true, false, 2},
                 {"TITLE", false, true, 0}});
    for (const auto& t : tickets) {
        table.add_row({std::to_string(t.id), to_string(t.priority), std::string(to_string(t.status)),
                       "L" + std::to_string(t.tier), or_dash(t.assignee), format_age(view.now - t.created_at),
                       sanitize(t.title)},
                      priority_colour(t.priority));
    }
    table.render(out, view.width, view.style);
}

void print_ticket_detail(std::ostream& out, const Ticket& t, const std::vector<Comment>& comments,
                         const std::vector<Link>& links, const std::vector<TicketArticle>& articles,
                         const std::vector<Event>& events, bool history, const ViewOptions& view) {
    const Style& st = view.style;
    out << st.bold("#" + std::to_string(t.id) + "  " + sanitize(t.title)) << '\n';
    auto field = [&](std::string_view name, const std::string& value) {
        out << "  " << st.dim(pad(std::string(name) + ":", 11)) << value << '\n';
    };
    field("Status", styled_status(t.status, st));
    std::string prio = to_string(t.priority);
    if (t.impact || t.urgency)
        prio += " (impact " + (t.impact ? std::string(to_string(*t.impact)) : "-") + ", urgency " +
                (t.urgency ? std::string(to_string(*t.urgency)) : "-") + ")";
    const std::string pc = priority_colour(t.priority);
    field("Priority", pc == "31" ? st.red(prio) : pc == "33" ? st.yellow(prio) : prio);
    field("Type", std::string(to_string(t.type)));
    field("Tier", tier_label(view.config, t.tier));
    field("Category", or_dash(t.category));
    // L1 → L2 (2026-11-23 10:42, alice: "needs an AD change")
    std::string path;
    for (const auto& e : events) {
        if ((e.kind != "escalated" && e.kind != "deescalated") || e.merged_from) continue;
        if (path.empty()) path = "L" + sanitize(e.old_value.value_or("?"));
        path += " → L" + sanitize(e.new_value.value_or("?")) + " (" + format_local_time(e.at).substr(0, 16) + ", " +
                sanitize(e.actor) + ": \"" + short_text(e.note, 60) + "\")";
    }
    if (!path.empty()) field("Tier path", path);
    if (t.team) field("Team", sanitize(*t.team));
    field("Assignee", or_dash(t.assignee));
    field("Requester", or_dash(t.requester));
    if (!t.cc.empty()) {
        std::string cc;
        for (const auto& c : t.cc) cc += (cc.empty() ? "" : ", ") + sanitize(c);
        field("Cc", cc);
    }
    field("Channel", t.channel ? std::string(to_string(*t.channel)) : "-");
    if (!t.tags.empty()) {
        std::string tags;
        for (const auto& tag : t.tags) tags += (tags.empty() ? "" : ", ") + sanitize(tag);
        field("Tags", tags);
    }
    field("Created", format_local_time(t.created_at) + " (" + format_age(view.now - t.created_at) + ")");
    field("Updated", format_local_time(t.updated_at) + " (" + format_age(view.now - t.updated_at) + ")");
    if (t.resolved_at) {
        std::string r = format_local_time(*t.resolved_at);
        if (t.resolution_code) r += " (" + std::string(to_string(*t.resolution_code)) + ")";
        field("Resolved", r);
    }
    if (t.closed_at) field("Closed", format_local_time(*t.closed_at));
    if (!view.sla.empty()) field("SLA", view.sla);
    if (!view.rating.empty()) field("Rating", view.rating);
    for (const auto& l : links) {
        const bool out_link = l.from == t.id;
        const std::string other = "#" + std::to_string(out_link ? l.to : l.from);
        std::string text;
        switch (l.kind) {
            case LinkKind::relates: text = "relates to " + other; break;
            case LinkKind::duplicate_of: text = out_link ? "duplicate of " + other : other + " is a duplicate of this"; break;
            case LinkKind::caused_by: text = out_link ? "caused by " + other : "causes " + other; break;
            case LinkKind::parent: text = out_link ? "child of " + other : "parent of " + other; break;
        }
        field("Link", text);
    }
    for (const auto& a : articles)
        field(a.use.kind == ArticleUseKind::solved ? "Solved by" : "Article",
              "KB" + std::to_string(a.use.article) + " " + sanitize(a.title) + st.dim(" (" + sanitize(a.slug) + ", " + a.lang + ")"));
    if (t.dedup_key) field("Dedup key", sanitize(*t.dedup_key) + " (" + std::to_string(t.occurrences) + " occurrences)");

    const std::size_t text_width = view.width > 8 ? std::min<std::size_t>(view.width - 4, 100) : 40;
    if (t.description) {
        out << '\n' << st.bold("Description") << '\n';
        for (const auto& line : wrap(sanitize(*t.description, true), text_width)) out << "  " << line << '\n';
    }
    if (!comments.empty()) {
        out << '\n' << st.bold("Comments (" + std::to_string(comments.size()) + ")") << '\n';
        for (const auto& c : comments) {
            out << "  " << st.cyan(sanitize(c.author)) << st.dim(" · " + format_local_time(c.at))
                << (c.internal ? " " + st.magenta("[internal]") : "") << '\n';
            for (const auto& line : wrap(sanitize(c.body, true), text_width > 2 ? text_width - 2 : text_width))
                out << "    " << line << '\n';
        }
    }
    if (history) {
        out << '\n' << st.bold("History") << '\n';
        print_history(out, events, view);
    }
}

std::string describe_event(const Event& e) {
    const auto arrow = [](const std::optional<std::string>& from, const std::optional<std::string>& to) {
        return short_text(from, 40) + " → " + short_text(to, 40);
    };
    std::string s;
    if (e.kind == "created")
        s = "created: " + short_text(e.new_value, 60);
    else if (e.kind == "status")
        s = "status: " + arrow(e.old_value, e.new_value);
    else if (e.kind == "assigned")
        s = e.new_value ? (e.old_value ? "reassigned: " + arrow(e.old_value, e.new_value)
                                       : "assigned to " + sanitize(*e.new_value))
                        : "unassigned from " + or_dash(e.old_value);
    else if (e.kind == "field")
        s = sanitize(e.field.value_or("?")) + ": " + arrow(e.old_value, e.new_value);
    else if (e.kind == "tagged")
        s = "tagged " + or_dash(e.new_value);
    else if (e.kind == "untagged")
        s = "untagged " + or_dash(e.old_value);
    else if (e.kind == "escalated" || e.kind == "deescalated")
        s = e.kind + ": L" + short_text(e.old_value, 4) + " → L" + short_text(e.new_value, 4);
    else if (e.kind == "linked")
        s = e.new_value ? sanitize(e.field.value_or("linked")) + " " + sanitize(*e.new_value)
                        : "linked from " + or_dash(e.old_value) + " (" + sanitize(e.field.value_or("")) + ")";
    else if (e.kind == "unlinked")
        s = "unlinked " + or_dash(e.old_value);
    else if (e.kind == "merged")
        s = "merged " + or_dash(e.old_value) + " into this";
    else if (e.kind == "commented")
        s = e.note && *e.note == "internal" ? "added an internal note" : "commented";
    else if (e.kind == "breached")
        s = "breached the " + sanitize(e.field.value_or("?")) + " target (due " + short_text(e.old_value, 25) + ")" +
            (e.new_value && !e.new_value->empty() ? ": " + sanitize(*e.new_value) : "");
    else if (e.kind == "rated")
        s = "rated " + short_text(e.new_value, 4) + "/5";
    else
        s = sanitize(e.kind) + (e.new_value ? ": " + arrow(e.old_value, e.new_value) : "");
    if (e.note && e.kind != "commented") s += " (" + short_text(e.note, 80) + ")";
    return s;
}

void print_history(std::ostream& out, const std::vector<Event>& events, const ViewOptions& view) {
    for (const auto& e : events) {
        std::string line = format_local_time(e.at).substr(0, 16) + "  " + pad(sanitize(e.actor), 10) + "  " +
                           describe_event(e);
        if (e.merged_from) line += " [from #" + std::to_string(*e.merged_from) + "]";
        out << "  " << truncate(line, view.width > 4 ? view.width - 2 : view.width) << '\n';
    }
}

}  // namespace hd::out
