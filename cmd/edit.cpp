// hd edit: change a ticket's fields from options, or in $EDITOR on a plain-text form.
#include <CLI/CLI.hpp>
#include <sstream>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/ticket_output.hpp"
#include "cmd/input.hpp"
#include "cmd/options.hpp"
#include "cmd/output/json.hpp"
#include "core/error.hpp"
#include "core/text/utf8.hpp"

namespace hd::cmd {
namespace {

struct EditOptions {
    std::vector<std::string> ids;
    std::optional<std::string> title, description, priority, category, type, requester, channel, impact, urgency;
    std::vector<std::string> tags;
};

const char* kFormHelp =
    "# Edit the fields, save and quit. Lines starting with # are ignored.\n"
    "# An empty value clears Category or Requester. Tags are separated by commas.\n"
    "# The description follows the line '--- description ---'.\n";

std::string form_for(const Ticket& t) {
    std::ostringstream f;
    f << "Title: " << t.title << '\n'
      << "Type: " << to_string(t.type) << '\n'
      << "Priority: " << to_string(t.priority) << '\n'
      << "Category: " << t.category.value_or("") << '\n'
      << "Requester: " << t.requester.value_or("") << '\n'
      << "Tags: ";
    for (std::size_t i = 0; i < t.tags.size(); ++i) f << (i ? ", " : "") << t.tags[i];
    f << '\n' << kFormHelp << "--- description ---\n" << t.description.value_or("");
    return f.str();
}

std::vector<std::string> split_tags(const std::string& text) {
    std::vector<std::string> tags;
    std::stringstream in(text);
    std::string tag;
    while (std::getline(in, tag, ','))
        if (!trim(tag).empty()) tags.push_back(trim(tag));
    return tags;
}

// Reads the form back into an edit of what changed.
TicketEdit edit_from_form(const Ticket& t, const std::string& form) {
    TicketEdit e;
    std::istringstream in(form);
    std::string line;
    std::string description;
    bool in_description = false;
    bool saw_description_marker = false;
    while (std::getline(in, line)) {
        if (in_description) {
            description += line + '\n';
            continue;
        }
        if (line.rfind("#", 0) == 0 || trim(line).empty()) continue;
        if (trim(line) == "--- description ---") {
            in_description = saw_description_marker = true;
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string::npos) fail(ErrorKind::usage, "cannot read the form: '" + line + "' has no 'Field:'");
        const std::string key = trim(line.substr(0, colon));
        const std::string value = trim(line.substr(colon + 1));
        if (key == "Title") {
            if (value != t.title) e.title = value;
        } else if (key == "Type") {
            if (value != to_string(t.type)) e.type = type_option(value);
        } else if (key == "Priority") {
            if (value != to_string(t.priority)) e.priority = priority_option(value);
        } else if (key == "Category") {
            if (value != t.category.value_or("")) e.category = value;
        } else if (key == "Requester") {
            if (value != t.requester.value_or("")) e.requester = value;
        } else if (key == "Tags") {
            const auto tags = split_tags(value);
            for (const auto& tag : tags) e.add_tags.push_back(tag);
            for (const auto& old : t.tags) {
                bool kept = false;
                for (const auto& tag : tags) kept = kept || casefold(tag) == old;
                if (!kept) e.remove_tags.push_back(old);
            }
        } else {
            fail(ErrorKind::usage, "cannot read the form: unknown field '" + key + "'");
        }
    }
    if (saw_description_marker) {
        while (!description.empty() && (description.back() == '\n' || description.back() == ' '))
            description.pop_back();
        if (description != t.description.value_or("")) e.description = description;
    }
    return e;
}

int run(const EditOptions& o, Context& ctx) {
    const auto ids = parse_ids(o.ids);
    const Config& config = ctx.config();
    TicketEdit e;
    if (o.title) e.title = *o.title;
    if (o.description) e.description = text_or_stdin(*o.description, config.max_text_bytes, "description");
    if (o.priority) e.priority = priority_option(*o.priority);
    if (o.impact) e.impact = level_option(*o.impact, "--impact");
    if (o.urgency) e.urgency = level_option(*o.urgency, "--urgency");
    if (o.category) e.category = *o.category;
    if (o.type) e.type = type_option(*o.type);
    if (o.requester) e.requester = *o.requester;
    if (o.channel) e.channel = channel_option(*o.channel);
    for (const auto& tag : o.tags) {
        if (tag.size() > 1 && tag[0] == '-')
            e.remove_tags.push_back(tag.substr(1));
        else if (tag.size() > 1 && tag[0] == '+')
            e.add_tags.push_back(tag.substr(1));
        else
            e.add_tags.push_back(tag);
    }

    if (e.empty()) {
        if (ids.size() != 1)
            fail(ErrorKind::usage, "nothing to change: give options such as --title or -p (the editor form edits one ticket)");
        const Ticket current = ctx.read([&](TicketService& tickets, Store&) { return tickets.get(ids[0]); });
        const std::string form = form_for(current);
        const std::string edited = edit_in_editor(
            ctx, form, "nothing to change: give options such as --title, -p or --tag (no editor without a terminal)");
        e = edit_from_form(current, edited);
        if (e.empty()) {
            if (!ctx.global.quiet) ctx.err() << "No changes.\n";
            return 0;
        }
    }

    using Edited = std::vector<std::pair<Ticket, bool>>;  // the ticket, and whether it changed
    ctx.write(
        [&](TicketService& tickets, Store&) {
            Edited out;
            for (TicketId id : ids) {
                bool c = false;
                Ticket t = tickets.edit(id, e, &c);
                out.emplace_back(std::move(t), c);
            }
            return out;
        },
        [&](const Edited& edited) {
            std::vector<Ticket> changed;
            for (const auto& [t, c] : edited) changed.push_back(t);
            if (ctx.global.json)
                print_changed_json(ctx, changed);
            else if (!ctx.global.quiet)
                for (const auto& [t, c] : edited) ctx.out() << (c ? "Updated #" : "No change to #") << t.id << '\n';
        });
    return 0;
}

}  // namespace

void add_edit(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<EditOptions>();
    auto* c = app.add_subcommand("edit", "Change a ticket's title, description, priority, category, type, requester or tags");
    c->add_option("ids", o->ids, "Ticket ids")->required();
    c->add_option("--title", o->title, "New title");
    c->add_option("-d,--description", o->description, "New description; - reads standard input; \"\" clears it");
    c->add_option("-p,--priority", o->priority, "P1 to P4");
    c->add_option("--impact", o->impact, "high, medium or low (recomputes the priority)");
    c->add_option("--urgency", o->urgency, "high, medium or low (recomputes the priority)");
    c->add_option("-c,--category", o->category, "Category; \"\" clears it");
    c->add_option("--type", o->type, "incident, request, problem or change");
    c->add_option("--requester", o->requester, "Requester; \"\" clears it");
    c->add_option("--channel", o->channel, "phone, email, chat, web, cli or monitoring");
    c->add_option("-t,--tag", o->tags, "+TAG adds, -TAG removes, TAG adds (repeatable)")->allow_extra_args(false);
    c->footer(
        "With no option, on a terminal, opens $VISUAL or $EDITOR on a form of the ticket.\n\n"
        "Examples:\n"
        "  hd edit 42 -p P1 --tag +outage\n"
        "  hd edit 42 43 --tag=-triage -c network\n"
        "  hd edit 42");
    c->callback([o, &ctx] { ctx.exit_code = run(*o, ctx); });
}

}  // namespace hd::cmd
