// hd sla (each active ticket's service-level clocks) and hd sla sweep (cron: record breaches, act).
#include <CLI/CLI.hpp>
#include <algorithm>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/sla.hpp"
#include "cmd/output/table.hpp"
#include "cmd/output/ticket_view.hpp"
#include "core/error.hpp"
#include "core/service/sla.hpp"

namespace hd::cmd {

out::SlaView sla_view_of(SlaService& sla, const Ticket& t, Timestamp now) {
    out::SlaView v;
    v.clock = sla.clock(t);
    const Calendar& calendar = sla.calendar(v.clock.calendar);
    v.respond = respond_state(v.clock, now, calendar);
    v.resolve = resolve_state(v.clock, now, calendar);
    const OlaPolicy ola = ola_policy(sla.levels(), t.tier, v.clock.calendar);
    const Calendar& ola_calendar = sla.calendar(ola.calendar);
    if (t.is_active() && ola.pickup) v.pickup = pickup_state(v.clock, now, ola_calendar);
    if (t.is_active() && ola.hold) v.hold = hold_state(v.clock, now, ola_calendar);
    v.state = overall_state(v.clock, t.is_active(), now);
    return v;
}

namespace {

struct SlaOptions {
    std::vector<std::string> filter;
};

// Most urgent first: breached, at-risk, ok, paused, none; then by the earliest due time.
int severity(SlaState s) {
    switch (s) {
        case SlaState::breached: return 0;
        case SlaState::at_risk: return 1;
        case SlaState::ok: return 2;
        case SlaState::paused: return 3;
        default: return 4;
    }
}

std::optional<Timestamp> next_due(const out::SlaView& v) {
    std::optional<Timestamp> due;
    for (const auto* t : {&v.respond, &v.resolve, &v.pickup, &v.hold})
        if (t->due && (t->state == SlaState::ok || t->state == SlaState::at_risk || t->state == SlaState::breached))
            due = due ? std::min(*due, *t->due) : *t->due;
    return due;
}

std::string ola_cell(const out::SlaView& v, Timestamp now) {
    std::string out;
    if (v.pickup.state != SlaState::none && v.pickup.state != SlaState::met)
        out = "pickup " + out::describe_target(v.pickup, now);
    if (v.hold.state != SlaState::none) out += (out.empty() ? "" : ", ") + ("hold " + out::describe_target(v.hold, now));
    return out.empty() ? "-" : out;
}

int run_sla(const SlaOptions& o, Context& ctx) {
    std::vector<std::string> terms = o.filter;
    terms.insert(terms.end(), ctx.terms_after_separator.begin(), ctx.terms_after_separator.end());
    TicketQuery q;
    q.filter = parse_filter(terms, ctx.filter_context());
    // Only tickets whose clocks run: new, open and pending, unless the filter names a status.
    if (!q.filter.names_status()) {
        FilterCondition active{FilterField::status, Compare::eq, {std::string("new"), std::string("open"),
                                                                  std::string("pending")}};
        q.filter.conditions.push_back(active);
    }
    const Timestamp now = ctx.now();
    auto rows = ctx.read([&](TicketService&, Store& store) {
        SlaService sla(store, ctx.config(), now);
        std::vector<std::pair<Ticket, out::SlaView>> out;
        for (auto& t : store.list_tickets(q)) {
            out::SlaView v = sla_view_of(sla, t, now);
            out.emplace_back(std::move(t), std::move(v));
        }
        return out;
    });
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        const int x = severity(a.second.state), y = severity(b.second.state);
        if (x != y) return x < y;
        const auto da = next_due(a.second), db = next_due(b.second);
        if (da && db && *da != *db) return *da < *db;
        return da.has_value() && !db.has_value();
    });
    if (ctx.global.json) {
        ctx.out() << out::sla_list_json(rows) << '\n';
        return 0;
    }
    if (ctx.global.quiet) {
        for (const auto& [t, v] : rows) ctx.out() << t.id << '\n';
        return 0;
    }
    if (rows.empty()) {
        ctx.out() << "No active tickets match.\n";
        return 0;
    }
    out::Table table({{"ID", true},
                      {"PRI"},
                      {"STATE"},
                      {"RESPOND"},
                      {"RESOLVE"},
                      {"OLA", false, false, 2},
                      {"POLICY", false, false, 1},
                      {"TITLE", false, true}});
    const out::Style& style = ctx.style();
    for (const auto& [t, v] : rows) {
        std::string colour;
        if (v.state == SlaState::breached)
            colour = "31";  // red
        else if (v.state == SlaState::at_risk)
            colour = "33";  // yellow
        table.add_row({std::to_string(t.id), to_string(t.priority), std::string(to_string(v.state)),
                       out::describe_target(v.respond, now), out::describe_target(v.resolve, now), ola_cell(v, now),
                       v.clock.policy.empty() ? "-" : v.clock.policy + " (" + v.clock.calendar + ")",
                       out::sanitize(t.title)},
                      colour);
    }
    table.render(ctx.out(), ctx.width(), style);
    return 0;
}

// Thrown to roll the sweep's transaction back after it has shown what it would do.
struct DryRun {
    SweepResult result;
};

int run_sweep(bool dry_run, Context& ctx) {
    SweepResult result;
    const auto print = [&](const SweepResult& r) {
        std::vector<out::SweepLine> lines;
        for (const auto& e : r.entries) {
            out::SweepLine l{e.breach, {}, e.done};
            for (BreachAction a : e.actions) l.actions.emplace_back(to_string(a));
            lines.push_back(std::move(l));
        }
        if (ctx.global.json) {
            ctx.out() << out::sweep_json(r.refreshed, lines, dry_run) << '\n';
            return;
        }
        if (ctx.global.quiet) return;
        if (lines.empty()) ctx.out() << (dry_run ? "No new breach would be recorded.\n" : "No new breaches.\n");
        for (const auto& l : lines) {
            std::string what = "#" + std::to_string(l.breach.ticket) + " " + l.breach.target;
            if (l.breach.tier) what += " (L" + std::to_string(l.breach.tier) + ")";
            what += " breached, due " + out::format_local_time(l.breach.due);
            if (!l.done.empty()) {
                what += ": ";
                for (std::size_t i = 0; i < l.done.size(); ++i) what += (i ? ", " : "") + l.done[i];
            }
            ctx.out() << (dry_run ? "would record: " : "") << what << '\n';
        }
    };
    try {
        ctx.write(
            [&](TicketService& tickets, Store& store) {
                SweepResult r = SlaService(store, ctx.config(), ctx.now()).sweep(tickets);
                if (dry_run) throw DryRun{std::move(r)};
                return r;
            },
            [&](const SweepResult& r) { print(r); });
    } catch (DryRun& d) {
        print(d.result);
        ctx.flush_out();
    }
    return 0;
}

}  // namespace

void add_sla(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<SlaOptions>();
    auto* c = app.add_subcommand("sla", "Service levels of the active tickets: due times, time left, state");
    c->add_option("filter", o->filter, "Filter terms, as hd list takes them (default: new, open and pending)");
    c->footer(
        "States: ok, at-risk (less than [sla] at_risk of a target left), breached, paused (pending), none.\n"
        "RESPOND and RESOLVE show the working time left on the ticket's calendar, and the wall-clock time\n"
        "when it differs.\n\n"
        "Examples:\n  hd sla\n  hd sla breached\n  hd sla tier:L2 --json\n  hd sla sweep --dry-run");
    c->callback([o, c, &ctx] {
        if (c->get_subcommands().empty()) ctx.exit_code = run_sla(*o, ctx);
    });
    auto dry_run = std::make_shared<bool>(false);
    auto* s = c->add_subcommand("sweep", "For cron: record each new breach once and apply its on_breach actions");
    s->add_flag("--dry-run", *dry_run, "Show what would be recorded and done; change nothing");
    s->footer(
        "Run it every minute: a breach is recorded once per ticket and target, so a second run does\n"
        "nothing new. Actions come from on_breach in [sla...] and [ola...]: escalate (one tier up),\n"
        "priority (one step more urgent), hook (runs the on-breach hook).\n\n"
        "Examples:\n  * * * * *  hd sla sweep -q\n  hd sla sweep --dry-run --json");
    s->callback([dry_run, &ctx] { ctx.exit_code = run_sweep(*dry_run, ctx); });
}

}  // namespace hd::cmd
