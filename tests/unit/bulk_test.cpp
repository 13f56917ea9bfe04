// hd export and hd import: the JSON Lines and CSV readers and writers, hd open --from-json, and the import
// engine on a real store (numbering, references, batches).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cmd/bulk/importer.hpp"
#include "cmd/bulk/new_ticket_json.hpp"
#include "cmd/bulk/record_csv.hpp"
#include "cmd/bulk/record_json.hpp"
#include "cmd/output/json.hpp"
#include "core/error.hpp"
#include "tests/unit/test_support.hpp"

using namespace hd;
using namespace hd::cmd::bulk;
using hd::test::kind_of;
using hd::test::TempDir;
using nlohmann::json;

namespace {

const Config& config() {
    static const Config c = default_config();
    return c;
}

ImportDefaults defaults() { return ImportDefaults{config(), 1'800'000'000, "importer"}; }

// The message of the hd::Error that `f` throws ("" when none).
std::string message_of(auto&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

TicketRecord sample_record() {
    TicketRecord r;
    Ticket& t = r.ticket;
    t.id = 7;
    t.type = TicketType::request;
    t.title = "Laptop for a new hire";
    t.description = "Two lines\nof \"text\", with commas";
    t.status = Status::resolved;
    t.priority = Priority{2};
    t.impact = Level::high;
    t.category = "hardware";
    t.tier = 2;
    t.assignee = "alice";
    t.requester = "bob";
    t.channel = Channel::email;
    t.tags = {"laptop", "onboarding"};
    t.created_at = 1'700'000'000;
    t.updated_at = 1'700'000'500;
    t.resolved_at = 1'700'000'400;
    t.resolution_code = ResolutionCode::no_fault;
    t.dedup_key = "hire-42";
    t.occurrences = 3;
    t.last_seen_at = 1'700'000'300;
    t.team = "desk";
    t.cc = {"carol", "dave"};
    t.escalations = 1;
    r.comments.push_back(Comment{11, 7, 1'700'000'100, "alice", "Ordered", true});
    r.events.push_back(Event{21, 7, 1'700'000'000, "bob", "created", std::nullopt, std::nullopt, "Laptop for a new hire",
                             std::nullopt, std::nullopt});
    r.events.push_back(Event{22, 7, 1'700'000'200, "alice", "escalated", std::nullopt, "1", "2", "needs L2", 3});
    r.links.push_back(Link{7, 3, LinkKind::relates, 1'700'000'250, "alice"});
    return r;
}

std::unique_ptr<Store> new_store(const TempDir& dir, const std::string& name = "hd.db") {
    StoreOptions o;
    o.path = dir.path / name;
    o.create = true;
    o.lock_timeout_ms = 2000;
    return open_sqlite_store(o);
}

// Imports `text` in one transaction, or throws.
ImportCounts import_all(Store& store, std::string_view text, ImportOptions options = {}) {
    Importer importer(text, options, defaults());
    importer.scan();
    Transaction tx(store, Transaction::Mode::write);
    importer.import(store, 0);
    tx.commit();
    return importer.counts();
}

std::string export_all(Store& store) {
    std::string out;
    Transaction tx(store, Transaction::Mode::read);
    TicketQuery q;
    q.include_closed = true;
    store.for_each_ticket_record(q, [&](const TicketRecord& r) { out += record_json(r) + "\n"; });
    return out;
}

std::string line_of(const TicketRecord& r) { return record_json(r) + "\n"; }

}  // namespace

TEST_CASE("an exported record holds the ticket's fields exactly as --json prints them") {
    const TicketRecord r = sample_record();
    json line = json::parse(record_json(r));
    const json shown = json::parse(out::ticket_json(r.ticket));
    // Not a structured binding: CHECK_MESSAGE captures it in a lambda, which clang before 16 cannot.
    for (const auto& item : shown.items()) CHECK_MESSAGE(line[item.key()] == item.value(), item.key());
    CHECK(line["comments"][0] == json::parse(out::comment_json(r.comments[0])));
    CHECK(line["events"] == json::parse(out::events_json(r.events)));
    CHECK(line["links"] == json::parse(R"([{"kind":"relates","ticket":3,"created_at":"2023-11-14T22:17:30Z","actor":"alice"}])"));
    // The names in the same order, then the three lists.
    std::vector<std::string> names;
    const auto ordered = nlohmann::ordered_json::parse(record_json(r));
    for (const auto& [key, value] : ordered.items()) names.push_back(key);
    auto expected = out::ticket_field_names();
    expected.insert(expected.end(), {"comments", "events", "links"});
    CHECK(names == expected);
    CHECK(record_json(r).find('\n') == std::string::npos);
}

TEST_CASE("a record read back is the record written") {
    const TicketRecord r = sample_record();
    const TicketRecord back = record_from_json(record_json(r), defaults());
    CHECK(record_json(back) == record_json(r));
    CHECK(back.ticket.cc == r.ticket.cc);
    CHECK(back.events[1].merged_from == 3);
}

TEST_CASE("a record may leave out everything but its title") {
    const TicketRecord r = record_from_json(R"({"title": "  Printer jams ", "impact": "high", "urgency": "high"})", defaults());
    CHECK(r.ticket.title == "Printer jams");
    CHECK(r.ticket.priority.value == 1);  // the matrix
    CHECK(r.ticket.status == Status::new_);
    CHECK(r.ticket.created_at == 1'800'000'000);
    CHECK(r.ticket.updated_at == 1'800'000'000);
    REQUIRE(r.events.size() == 1);  // no events given: the import records the creation
    CHECK(r.events[0].kind == "created");
    CHECK(r.events[0].actor == "importer");
    CHECK(r.events[0].note == "imported");
    // An explicit empty list is kept empty.
    CHECK(record_from_json(R"({"title": "x", "events": []})", defaults()).events.empty());
}

TEST_CASE("a wrong record is refused, naming the field") {
    const auto msg = [](const char* text) { return message_of([&] { record_from_json(text, defaults()); }); };
    CHECK(msg(R"({"title": "x", "colour": "red"})") == "field 'colour': unknown field (a record holds the fields hd export writes; see hd-import(1))");
    CHECK(msg(R"({"title": "x", "status": "done"})").starts_with("field 'status': 'done' is not a status (new, open"));
    CHECK(msg(R"({"title": "x", "priority": "P7"})") == "field 'priority': 'P7' is not a priority (P1, P2, P3, P4)");
    CHECK(msg(R"({"title": "x", "type": "chore"})") ==
          "field 'type': 'chore' is not a ticket type (incident, request, problem, change)");
    CHECK(msg(R"({"title": "x", "channel": "pigeon"})").starts_with("field 'channel': 'pigeon' is not a channel (phone, email, "));
    CHECK(msg(R"({"title": "x", "resolution_code": "magic"})")
              .starts_with("field 'resolution_code': 'magic' is not a resolution code (fixed, "));
    CHECK(msg(R"({"title": "x", "tier": 7})").starts_with("field 'tier': there is no tier 7"));
    CHECK(msg(R"({"title": 5})") == "field 'title': must be text, not a number");
    CHECK(msg(R"({"title": "x", "tags": "a,b"})") == "field 'tags': must be an array of text, not text");
    CHECK(msg(R"({"title": "x", "occurrences": 0})") == "field 'occurrences': 0 is less than 1");
    CHECK(msg(R"({"title": "x", "created_at": "yesterday"})").starts_with("field 'created_at': 'yesterday' is not an RFC 3339 time"));
    CHECK(msg(R"({"description": "no title"})") == "field 'title': missing: every ticket needs a title");
    CHECK(msg(R"({"title": "x", "comments": [{"at": "2026-01-01T00:00:00Z", "author": "a", "body": "  "}]})") ==
          "field 'comments[0].body': the comment is empty");
    CHECK(msg(R"({"title": "x", "events": [{"at": "2026-01-01T00:00:00Z", "actor": "a", "kind": "x", "colour": 1}]})")
              .starts_with("field 'events[0].colour': unknown field"));
    CHECK(msg(R"({"id": 4, "title": "x", "links": [{"kind": "relates", "ticket": 4}]})") ==
          "field 'links[0].ticket': a ticket cannot be linked to itself");
    CHECK(msg(R"({"id": 4, "title": "x", "comments": [{"ticket": 5, "at": "2026-01-01T00:00:00Z", "author": "a", "body": "b"}]})")
              .starts_with("field 'comments': a comment names ticket #5, not #4"));
    CHECK(msg(R"({"title": "x",)").starts_with("not valid JSON (at byte "));
    CHECK(msg(R"({"title": "x", "occurrences": 1e999})").starts_with("not valid JSON ("));  // fuzz: out_of_range
    CHECK(msg("[1, 2]") == "a record is a JSON object ({...}), not an array");
    CHECK(msg("{\"title\": \"caf\xE9\"}").find("UTF-8") != std::string::npos);
    CHECK(msg(R"({"title": "x", "category": "nosuch"})").starts_with("field 'category': unknown category 'nosuch'"));
    CHECK(kind_of([] { record_from_json(R"({"title": "x", "type": null})", defaults()); }) == ErrorKind::usage);
}

TEST_CASE("a record line: names given twice, deep nesting, numbers too large and bytes that are not UTF-8") {
    const auto msg = [](const std::string& text) { return message_of([&] { record_from_json(text, defaults()); }); };
    // A name given twice is refused, not read twice (the second "comments" would add to the first).
    CHECK(msg(R"({"title": "x", "title": "y"})") == "field 'title': given twice");
    CHECK(msg(R"({"title": "x", "events": [], "history": []})") == "field 'history': given twice");
    CHECK(msg(R"({"title": "x", "comments": [{"at": "2026-01-01T00:00:00Z", "author": "a", "author": "b", "body": "c"}]})") ==
          "field 'comments[0].author': given twice");
    CHECK(msg(R"({"title": "x", "events": [{"at": "2026-01-01T00:00:00Z", "actor": "a", "kind": "k", "kind": "k"}]})") ==
          "field 'events[0].kind': given twice");
    CHECK(msg(R"({"title": "x", "links": [{"kind": "relates", "ticket": 2, "ticket": 3}]})") ==
          "field 'links[0].ticket': given twice");
    // Names are checked in one pass: an object of 100,000 members is refused as fast as it is read.
    std::string many = R"({"title": "x", "comments": [{"at": "2026-01-01T00:00:00Z")";
    for (int i = 0; i < 100'000; ++i) many += R"(, "author": "a")";
    CHECK(msg(many + "}]}") == "field 'comments[0].author': given twice");
    // The parser keeps the nesting on the heap: a million '[' is an error, not a stack overflow.
    CHECK(msg(std::string(1'000'000, '[')).starts_with("not valid JSON (at byte "));
    CHECK(msg(R"({"title": "x", "occurrences": 9223372036854775808})") == "field 'occurrences': is too large");
    CHECK(msg(R"({"title": "x", "occurrences": 2.5})") == "field 'occurrences': must be a whole number, not a fraction");
    CHECK(msg("{\"title\": \"x\", \"sla\": {\"note\": \"\xC3\"}}").starts_with("not valid JSON (at byte "));
    CHECK(msg(R"({"title": "x"} {"title": "y"})").starts_with("not valid JSON (at byte "));
    // Escapes are read: \u00e9 is é, in two bytes of UTF-8.
    CHECK(record_from_json(R"({"title": "caf\u00e9 \"ok\""})", defaults()).ticket.title == "caf\xC3\xA9 \"ok\"");
}

TEST_CASE("read_ticket_records names the line, counting blank ones") {
    const std::string text = std::string(R"({"title": "one"})") + "\n\n" + R"({"title": "two", "status": "gone"})" + "\n";
    CHECK(message_of([&] { read_ticket_records(text, defaults()); }).starts_with("LINE 3: field 'status'"));
    CHECK(read_ticket_records(std::string(R"({"title": "one"})") + "\n\n" + R"({"title": "two"})", defaults()).size() == 2);
}

TEST_CASE("the first pass finds a record's top-level id only") {
    CHECK(scan_record_id(R"({"id": 42, "title": "x"})") == 42);
    CHECK(scan_record_id(R"({"title": "a \"id\": 3", "comments": [{"id": 9}], "id" : 17 })") == 17);
    CHECK(scan_record_id(R"({"comments": [{"id": 9}], "title": "x"})") == std::nullopt);
    CHECK(scan_record_id(R"({"id": null})") == std::nullopt);
    CHECK(scan_record_id(R"({"id": "5"})") == std::nullopt);
    CHECK(scan_record_id("not json") == std::nullopt);
    CHECK(scan_record_id(R"({"title": "never closed)") == std::nullopt);
}

TEST_CASE("CSV records: quotes, doubled quotes, line breaks in fields, CRLF, a BOM, blank lines") {
    CsvReader reader("\xEF\xBB\xBFid,title\r\n1,\"a, \"\"quoted\"\"\r\ntitle\"\r\n\r\n2,plain\n3,\n");
    std::vector<std::string> f;
    REQUIRE(reader.next(f));
    CHECK(f == std::vector<std::string>{"id", "title"});
    REQUIRE(reader.next(f));
    CHECK(reader.line() == 2);
    CHECK(f == std::vector<std::string>{"1", "a, \"quoted\"\r\ntitle"});
    REQUIRE(reader.next(f));
    CHECK(reader.line() == 5);
    CHECK(f == std::vector<std::string>{"2", "plain"});
    REQUIRE(reader.next(f));
    CHECK(f == std::vector<std::string>{"3", ""});
    CHECK_FALSE(reader.next(f));
}

TEST_CASE("CSV that breaks RFC 4180 is refused, naming the line") {
    std::vector<std::string> f;
    CsvReader open_quote("title\nfine\n\"never\nends\n");
    REQUIRE(open_quote.next(f));
    REQUIRE(open_quote.next(f));
    CHECK(message_of([&] { open_quote.next(f); }) == "LINE 3: a quoted field starts here and never ends (an unbalanced \")");
    CsvReader stray("title\nsay \"hi\"\n");
    REQUIRE(stray.next(f));
    CHECK(message_of([&] { stray.next(f); }).starts_with("LINE 2: a quote inside a field that does not start with one"));
    CsvReader after("title\n\"a\"b\n");
    REQUIRE(after.next(f));
    CHECK(message_of([&] { after.next(f); }).starts_with("LINE 2: text after the closing quote"));
}

TEST_CASE("a ticket's CSV row reads back as the same ticket") {
    const TicketRecord r = sample_record();
    const std::string csv = ticket_csv_header() + ticket_csv_row(r.ticket);
    CsvReader reader(csv);
    std::vector<std::string> header, row;
    REQUIRE(reader.next(header));
    REQUIRE(reader.next(row));
    const TicketCsvColumns columns(header);
    CHECK(columns.has_id());
    const TicketRecord back = columns.record(row, defaults());
    CHECK(ticket_csv_row(back.ticket) == ticket_csv_row(r.ticket));
    CHECK(back.ticket.description == r.ticket.description);
    CHECK(back.ticket.cc == r.ticket.cc);
    CHECK(back.events.size() == 1);  // CSV has no events: the import records the creation
}

TEST_CASE("CSV columns and rows are checked") {
    CHECK(message_of([] { TicketCsvColumns({"title", "colour"}); }).starts_with("unknown column 'colour'"));
    CHECK(message_of([] { TicketCsvColumns({"title", "title"}); }) == "the column 'title' is named twice");
    CHECK(message_of([] { TicketCsvColumns({"id", "status"}); }) == "no 'title' column; every ticket needs a title");
    const TicketCsvColumns columns({"title", "priority", "tags"});
    CHECK_FALSE(columns.has_id());
    CHECK(message_of([&] { columns.record({"x", "P2"}, defaults()); }).starts_with("2 fields, but the header has 3"));
    CHECK(message_of([&] { columns.record({"x", "P9", ""}, defaults()); }).starts_with("field 'priority': 'P9'"));
    const TicketRecord r = columns.record({"Printer", "", "b,A"}, defaults());
    CHECK(r.ticket.priority == config().default_priority);
    CHECK(r.ticket.tags == std::vector<std::string>{"a", "b"});
}

TEST_CASE("new tickets from JSON: one object or an array, with --json's names and values") {
    const auto one = cmd::new_tickets_from_json(
        R"({"title": "VPN drops", "priority": "P2", "tier": "L2", "tags": ["vpn"], "channel": "email",
            "description": null, "category": "network", "assignee": "alice", "impact": "low"})");
    REQUIRE(one.size() == 1);
    CHECK(one[0].title == "VPN drops");
    CHECK(one[0].priority == Priority{2});
    CHECK(one[0].tier == 2);
    CHECK(one[0].tags == std::vector<std::string>{"vpn"});
    CHECK(one[0].channel == Channel::email);
    CHECK_FALSE(one[0].description);
    CHECK(one[0].impact == Level::low);
    CHECK(one[0].assignee == "alice");
    const auto two = cmd::new_tickets_from_json(R"([{"title": "a", "tier": 3, "priority": 1}, {"title": "b", "tier": "Support"}])");
    REQUIRE(two.size() == 2);
    CHECK(two[0].tier == 3);
    CHECK(two[0].priority == Priority{1});
    CHECK(two[1].tier == 2);
    CHECK(cmd::new_tickets_from_json("[]").empty());
}

TEST_CASE("hd show --json's output opens a copy: its read-only fields are ignored") {
    TicketRecord r = sample_record();
    const std::string shown = out::ticket_detail_json(r.ticket, r.comments, r.links, {}, r.events, true);
    const auto copies = cmd::new_tickets_from_json(shown, config());
    REQUIRE(copies.size() == 1);
    CHECK(copies[0].title == r.ticket.title);
    CHECK(copies[0].description == r.ticket.description);
    CHECK(copies[0].type == TicketType::request);
    CHECK(copies[0].priority == Priority{2});
    CHECK(copies[0].tier == 2);
    CHECK(copies[0].team == "desk");
    CHECK(copies[0].requester == "bob");
    CHECK(copies[0].tags == r.ticket.tags);
    CHECK_FALSE(copies[0].dedup_key);  // a copy is a new ticket, not an occurrence of the first
    CHECK(cmd::new_tickets_from_json(out::tickets_json({r.ticket, r.ticket})).size() == 2);
}

TEST_CASE("new tickets from JSON: errors name the field and the array index") {
    const auto msg = [](const char* text) { return message_of([&] { cmd::new_tickets_from_json(text); }); };
    CHECK(msg(R"({"title": "x", "colour": "red"})").starts_with("field 'colour': unknown field"));
    CHECK(msg(R"([{"title": "x"}, {"title": "y", "priority": "P7"}])") ==
          "[1]: field 'priority': 'P7' is not a priority (P1, P2, P3, P4)");
    CHECK(msg(R"([{"title": "x"}, {"title": "y", "tags": [1]}])") == "[1]: field 'tags': item 0 is a number, not text");
    CHECK(msg(R"([{"title": "x"}, 3])") == "[1]: a ticket is a JSON object ({...}), not a number");
    CHECK(msg(R"({"priority": "P1"})") == "field 'title': missing: every ticket needs a title");
    CHECK(msg(R"({"title": "x", "tier": "L8"})").starts_with("field 'tier': 'L8' is not a tier"));
    CHECK(msg("{\n  \"title\": \"x\",\n}").starts_with("not valid JSON (line 3, column 1"));
    CHECK(kind_of([] { cmd::new_tickets_from_json("{\"title\": 1}"); }) == ErrorKind::usage);
    CHECK(msg(R"({"title": "x", "priority": "P1", "priority": "P2"})") == "field 'priority': given twice");
}

TEST_CASE("export, then import with --keep-ids into an empty store, round-trips exactly") {
    TempDir dir;
    auto a = new_store(dir, "a.db");
    TicketRecord one = sample_record();
    TicketRecord three = sample_record();
    three.ticket.id = 3;
    three.ticket.title = "Other";
    three.comments = {Comment{12, 3, 1'700'000'600, "carol", "Me too", false}};
    three.events = {Event{23, 3, 1'700'000'000, "carol", "created", std::nullopt, std::nullopt, "Other", std::nullopt, std::nullopt}};
    three.links = {Link{3, 7, LinkKind::duplicate_of, 1'700'000'700, "carol"}};
    // Line 1 links to #3, which comes later: the link waits for it.
    const auto counts = import_all(*a, line_of(one) + line_of(three), ImportOptions{ImportFormat::jsonl, true, 0});
    CHECK(counts.tickets == 2);
    CHECK(counts.comments == 2);
    CHECK(counts.events == 3);
    CHECK(counts.links == 2);
    const std::string first = export_all(*a);
    auto b = new_store(dir, "b.db");
    import_all(*b, first, ImportOptions{ImportFormat::jsonl, true, 0});
    CHECK(export_all(*b) == first);
    // Sorted by id, with the ids of the file.
    CHECK(first.starts_with("{\"id\":3,"));
}

TEST_CASE("without --keep-ids, tickets are numbered after the store's and references follow") {
    TempDir dir;
    auto store = new_store(dir);
    import_all(*store, R"({"title": "already there"})" "\n");
    TicketRecord one = sample_record();  // #7, linking to #3, its events copied from #3
    TicketRecord three = sample_record();
    three.ticket.id = 3;
    three.links.clear();
    three.events = {Event{30, 3, 1'700'000'000, "carol", "linked", "relates", "#7", std::nullopt, std::nullopt, std::nullopt},
                    Event{31, 3, 1'700'000'100, "carol", "commented", std::nullopt, std::nullopt, "11", std::nullopt, std::nullopt}};
    three.comments.clear();
    import_all(*store, line_of(one) + line_of(three));
    Transaction tx(*store, Transaction::Mode::read);
    const auto t2 = store->find_ticket(2);
    const auto t3 = store->find_ticket(3);
    REQUIRE(t2);
    REQUIRE(t3);
    CHECK(t2->title == "Laptop for a new hire");  // file #7 → #2
    const auto links = store->links(2);
    REQUIRE(links.size() == 1);
    CHECK(links[0].from == 2);
    CHECK(links[0].to == 3);  // file #3 → #3 (second record)
    const auto events = store->events(2);
    REQUIRE(events.size() == 2);
    CHECK(events[1].merged_from == 3);
    const auto events3 = store->events(3);
    REQUIRE(events3.size() == 2);
    CHECK(events3[0].old_value == "#2");  // "#7" renumbered
    const auto comments = store->comments(2);
    REQUIRE(comments.size() == 1);
    CHECK(events3[1].new_value == std::to_string(comments[0].id));
}

TEST_CASE("references to tickets that are not in the file are refused, naming the line") {
    TempDir dir;
    auto store = new_store(dir);
    TicketRecord one = sample_record();  // links to #3 and has merged_from #3
    one.events.pop_back();
    CHECK(message_of([&] { import_all(*store, "\n" + line_of(one)); }) ==
          "LINE 2: field 'links[0].ticket': #3 is not in the file (export it too: hd export without a filter writes every ticket)");
    CHECK(message_of([&] { import_all(*store, line_of(sample_record())); }).starts_with("LINE 1: field 'events[1].merged_from': #3 is not in the file"));
    CHECK(message_of([&] { import_all(*store, line_of(one), ImportOptions{ImportFormat::jsonl, true, 0}); })
              .starts_with("LINE 1: field 'links[0].ticket': #3 is not in the file nor in the store"));
    // With --keep-ids, a ticket of the store will do.
    import_all(*store, R"({"id": 3, "title": "three"})" "\n", ImportOptions{ImportFormat::jsonl, true, 0});
    CHECK(import_all(*store, line_of(one), ImportOptions{ImportFormat::jsonl, true, 0}).links == 1);
}

TEST_CASE("--keep-ids refuses an id in use, or given twice, and writes nothing") {
    TempDir dir;
    auto store = new_store(dir);
    import_all(*store, R"({"id": 5, "title": "five"})" "\n", ImportOptions{ImportFormat::jsonl, true, 0});
    const std::string text = std::string(R"({"id": 6, "title": "six"})") + "\n" + R"({"id": 5, "title": "again"})" + "\n";
    CHECK(message_of([&] { import_all(*store, text, ImportOptions{ImportFormat::jsonl, true, 0}); }) ==
          "LINE 2: ticket #5 is in the store already (without --keep-ids, the import numbers what it adds after the "
          "store's ids)");
    CHECK(message_of([&] { import_all(*store, text + R"({"id": 6, "title": "twice"})" + "\n"); }) ==
          "LINE 3: ticket #6 is on line 1 already; each ticket of an import is one line");
    // Several ids given twice: the error is the first repeat in the file, whatever the ids' order.
    const std::string twice = std::string(R"({"id": 9, "title": "a"})") + "\n" + R"({"id": 8, "title": "b"})" + "\n\n" +
                              R"({"id": 8, "title": "c"})" + "\n" + R"({"id": 9, "title": "d"})" + "\n" +
                              R"({"id": 8, "title": "e"})" + "\n";
    CHECK(message_of([&] { import_all(*store, twice); }) ==
          "LINE 4: ticket #8 is on line 2 already; each ticket of an import is one line");
    CHECK(message_of([&] { import_all(*store, R"({"title": "no id"})", ImportOptions{ImportFormat::jsonl, true, 0}); })
              .starts_with("LINE 1: field 'id': missing"));
    Transaction tx(*store, Transaction::Mode::read);
    CHECK_FALSE(store->find_ticket(6));
}

TEST_CASE("in batches, a failure keeps the batches before it, and --skip goes on with their links") {
    TempDir dir;
    auto store = new_store(dir);
    // #1 links to #4 (a later batch); line 4 is wrong at first.
    std::string lines[4] = {R"({"id": 1, "title": "one", "links": [{"kind": "relates", "ticket": 4}]})",
                            R"({"id": 2, "title": "two"})", R"({"id": 3, "title": "three"})",
                            R"({"id": 4, "title": "four", "status": "gone"})"};
    const auto text = [&] { return lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[3] + "\n"; };
    std::int64_t committed = 0;
    {
        const std::string first = text();
        Importer importer(first, ImportOptions{ImportFormat::jsonl, true, 0}, defaults());
        importer.scan();
        std::string error;
        try {
            for (bool done = false; !done;) {
                Transaction tx(*store, Transaction::Mode::write);
                done = importer.import(*store, 2);
                tx.commit();
                committed = importer.records();
            }
        } catch (const Error& e) {
            error = e.what();
        }
        CHECK(error.starts_with("LINE 4: field 'status'"));
        CHECK(committed == 2);
    }
    lines[3] = R"({"id": 4, "title": "four"})";
    const std::string fixed = text();
    Importer resumed(fixed, ImportOptions{ImportFormat::jsonl, true, committed}, defaults());
    resumed.scan();
    {
        Transaction tx(*store, Transaction::Mode::write);
        CHECK(resumed.import(*store, 0));
        tx.commit();
    }
    CHECK(resumed.counts().tickets == 2);
    CHECK(resumed.counts().links == 1);
    Transaction tx(*store, Transaction::Mode::read);
    REQUIRE(store->links(4).size() == 1);
    CHECK(store->links(4)[0].from == 1);
}

TEST_CASE("records read ahead on other threads are written in the file's order, and an error waits its turn") {
    // 2,000 records are eight chunks of 256 for the reading threads (importer.cpp): the tickets and the
    // links between chunks come out as one thread reading them in order would make them.
    std::string text;
    for (int i = 1; i <= 2000; ++i) {
        text += R"({"title": "ticket )" + std::to_string(i) + R"(", "tags": ["t)" + std::to_string(i % 7) + R"("])";
        if (i > 1) text += R"(, "id": )" + std::to_string(i) + R"(, "links": [{"kind": "relates", "ticket": )" +
                           std::to_string(i - 1) + "}]";
        else text += R"(, "id": 1)";
        text += "}\n";
    }
    {
        TempDir dir;
        auto store = new_store(dir);
        const ImportCounts counts = import_all(*store, text);
        CHECK(counts.tickets == 2000);
        CHECK(counts.links == 1999);
        Transaction tx(*store, Transaction::Mode::read);
        const auto titles = store->ticket_titles(TicketQuery{});
        REQUIRE(titles.size() == 2000);
        for (const auto& t : titles) CHECK(t.title == "ticket " + std::to_string(t.id));
        REQUIRE(store->links(1500).size() == 2);
    }
    // A wrong record in the seventh chunk, and another after it: the first is the error, by its line,
    // and nothing is written.
    std::string wrong = text;
    for (const int line : {1600, 1900}) {
        const auto at = [&] {
            std::size_t pos = 0;
            for (int i = 1; i < line; ++i) pos = wrong.find('\n', pos) + 1;
            return pos;
        }();
        wrong.replace(at, 1, R"({"status": "gone", )");
    }
    TempDir dir;
    auto store = new_store(dir);
    CHECK(message_of([&] { import_all(*store, wrong); }).starts_with("LINE 1600: field 'status'"));
    Transaction tx(*store, Transaction::Mode::read);
    CHECK(store->ticket_titles(TicketQuery{}).empty());
}

TEST_CASE("a byte-order mark before the first record is skipped") {
    TempDir dir;
    auto store = new_store(dir);
    CHECK(import_all(*store, "\xEF\xBB\xBF{\"id\": 3, \"title\": \"x\"}\n", ImportOptions{ImportFormat::jsonl, true, 0}).tickets == 1);
}

TEST_CASE("--skip needs --keep-ids") {
    CHECK(kind_of([] { Importer("", ImportOptions{ImportFormat::jsonl, false, 3}, defaults()); }) == ErrorKind::usage);
}

TEST_CASE("CSV imports number the rows after the store's tickets and name a wrong row's line") {
    TempDir dir;
    auto store = new_store(dir);
    const std::string csv = "title,priority,description\nfirst,P1,\"two\nlines\"\nsecond,,\n";
    CHECK(import_all(*store, csv, ImportOptions{ImportFormat::csv, false, 0}).tickets == 2);
    CHECK(message_of([&] { import_all(*store, csv + "third,P1\n", ImportOptions{ImportFormat::csv, false, 0}); })
              .starts_with("LINE 5: 2 fields, but the header has 3"));
    CHECK(message_of([&] { import_all(*store, "title,colour\nx,red\n", ImportOptions{ImportFormat::csv, false, 0}); })
              .starts_with("LINE 1: unknown column 'colour'"));
    Transaction tx(*store, Transaction::Mode::read);
    const auto t = store->find_ticket(1);
    REQUIRE(t);
    CHECK(t->description == "two\nlines");
    CHECK(store->find_ticket(2)->priority == config().default_priority);
    CHECK_FALSE(store->find_ticket(3));
}
