// Tests of the `hd list` filter language and sort specs: terms, aliases, values, times, and the errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/query/filter.hpp"

using hd::Compare;
using hd::FilterField;
using hd::FilterValue;

namespace {

constexpr hd::Timestamp kNow = 1'795'428'000;  // 2026-11-23T10:00:00Z
constexpr hd::Seconds kDay = 86400;

hd::FilterContext context() {
    hd::FilterContext ctx;
    ctx.me = "alice";
    ctx.now = kNow;
    ctx.tier_level = [](std::string_view name) -> std::optional<int> {
        if (name == "1" || name == "L1" || name == "Helpdesk") return 1;
        if (name == "2" || name == "L2" || name == "Support") return 2;
        if (name == "3" || name == "L3" || name == "Experts") return 3;
        return std::nullopt;
    };
    return ctx;
}

hd::Filter parse(std::vector<std::string> terms, const hd::FilterContext& ctx = context()) {
    return hd::parse_filter(terms, ctx);
}

// The single condition a one-term filter gives.
hd::FilterCondition only(std::vector<std::string> terms, const hd::FilterContext& ctx = context()) {
    const auto f = parse(std::move(terms), ctx);
    REQUIRE(f.conditions.size() == 1);
    return f.conditions.front();
}

FilterValue text(const char* s) { return std::string(s); }
FilterValue num(std::int64_t n) { return n; }
const FilterValue null = std::monostate{};

// Parses terms that must fail, checks the error is a usage error, and returns its message.
std::string usage_error(std::vector<std::string> terms, const hd::FilterContext& ctx = context()) {
    try {
        hd::parse_filter(terms, ctx);
    } catch (const hd::Error& e) {
        CHECK(e.kind() == hd::ErrorKind::usage);
        return e.what();
    }
    FAIL("the filter was accepted");
    return {};
}

std::string sort_error(std::string_view spec) {
    try {
        hd::parse_sort(spec);
    } catch (const hd::Error& e) {
        CHECK(e.kind() == hd::ErrorKind::usage);
        return e.what();
    }
    FAIL("the sort order was accepted");
    return {};
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("an empty filter has no conditions and no words") {
    const auto f = parse({});
    CHECK(f.conditions.empty());
    CHECK(f.words.empty());
    CHECK(f.excluded_words.empty());
    CHECK_FALSE(f.names_status());
}

TEST_CASE("a status term is an equality on status") {
    const auto c = only({"status:open"});
    CHECK(c.field == FilterField::status);
    CHECK(c.op == Compare::eq);
    CHECK(c.values == std::vector<FilterValue>{text("open")});
}

TEST_CASE("comma-separated values mean any of them") {
    const auto c = only({"status:open,pending"});
    CHECK(c.op == Compare::eq);
    CHECK(c.values == std::vector<FilterValue>{text("open"), text("pending")});
}

TEST_CASE("a leading ! negates the values") {
    const auto c = only({"status:!closed,resolved"});
    CHECK(c.op == Compare::ne);
    CHECK(c.values == std::vector<FilterValue>{text("closed"), text("resolved")});
    const auto t = only({"tag:!vip"});
    CHECK(t.field == FilterField::tag);
    CHECK(t.op == Compare::ne);
    CHECK(t.values == std::vector<FilterValue>{text("vip")});
}

TEST_CASE("keys are case-insensitive and aliases name the same field") {
    CHECK(only({"STATUS:open"}).field == FilterField::status);
    CHECK(only({"prio:P1"}).field == FilterField::priority);
    CHECK(only({"Priority:P1"}).field == FilterField::priority);
    CHECK(only({"cat:network"}).field == FilterField::category);
    CHECK(only({"category:network"}).field == FilterField::category);
    CHECK(only({"assignee:bob"}).field == FilterField::assignee);
    CHECK(only({"assigned:bob"}).field == FilterField::assignee);
    CHECK(only({"requester:carol"}).field == FilterField::requester);
    CHECK(only({"age:3d"}).field == FilterField::created);
    CHECK(only({"updated:<1d"}).field == FilterField::updated);
}

TEST_CASE("enum values are accepted in any case and stored lower-case") {
    CHECK(only({"status:OPEN"}).values == std::vector<FilterValue>{text("open")});
    CHECK(only({"status:New"}).values == std::vector<FilterValue>{text("new")});
    CHECK(only({"type:Incident,REQUEST"}).values == std::vector<FilterValue>{text("incident"), text("request")});
    CHECK(only({"channel:Email,monitoring"}).values == std::vector<FilterValue>{text("email"), text("monitoring")});
}

TEST_CASE("every status, type and channel the model knows is accepted") {
    for (const char* s : {"new", "open", "pending", "resolved", "closed"})
        CHECK_NOTHROW(parse({std::string("status:") + s}));
    for (const char* s : {"incident", "request", "problem", "change"}) CHECK_NOTHROW(parse({std::string("type:") + s}));
    for (const char* s : {"phone", "email", "chat", "web", "cli", "monitoring"})
        CHECK_NOTHROW(parse({std::string("channel:") + s}));
}

TEST_CASE("an unknown enum value is refused, naming the term and the valid values") {
    auto m = usage_error({"status:opne"});
    CHECK(contains(m, "'opne'"));
    CHECK(contains(m, "'status:opne'"));
    CHECK(contains(m, "new, open, pending, resolved, closed"));

    m = usage_error({"type:bug"});
    CHECK(contains(m, "'type:bug'"));
    CHECK(contains(m, "incident, request, problem, change"));

    m = usage_error({"channel:fax"});
    CHECK(contains(m, "'channel:fax'"));
    CHECK(contains(m, "phone, email, chat, web, cli, monitoring"));

    // One bad value in a list spoils the term.
    CHECK(contains(usage_error({"status:open,shut"}), "'shut'"));
}

TEST_CASE("priorities are P1..P4 or 1..4 and become numbers") {
    CHECK(only({"prio:P1"}).values == std::vector<FilterValue>{num(1)});
    CHECK(only({"prio:p2,3"}).values == std::vector<FilterValue>{num(2), num(3)});
    CHECK(only({"prio:4"}).values == std::vector<FilterValue>{num(4)});
    for (const char* bad : {"prio:P5", "prio:0", "prio:P", "prio:high", "prio:P12"}) {
        CAPTURE(bad);
        CHECK(contains(usage_error({bad}), std::string("'") + bad + "'"));
    }
}

TEST_CASE("comparisons work on prio, tier and id") {
    auto c = only({"prio:<=P2"});
    CHECK(c.field == FilterField::priority);
    CHECK(c.op == Compare::le);
    CHECK(c.values == std::vector<FilterValue>{num(2)});

    c = only({"prio:>3"});
    CHECK(c.op == Compare::gt);
    CHECK(c.values == std::vector<FilterValue>{num(3)});

    c = only({"tier:>=L2"});
    CHECK(c.field == FilterField::tier);
    CHECK(c.op == Compare::ge);
    CHECK(c.values == std::vector<FilterValue>{num(2)});

    c = only({"id:<100"});
    CHECK(c.field == FilterField::id);
    CHECK(c.op == Compare::lt);
    CHECK(c.values == std::vector<FilterValue>{num(100)});
}

TEST_CASE("comparisons on text keys are refused") {
    for (const char* bad :
         {"status:<open", "cat:>network", "assignee:>=bob", "tag:<x", "type:<=change", "channel:>web"}) {
        CAPTURE(bad);
        const auto m = usage_error({bad});
        CHECK(contains(m, std::string("'") + bad + "'"));
        CHECK(contains(m, "only id, prio, tier, age and updated"));
    }
}

TEST_CASE("a comparison takes exactly one value") {
    CHECK(contains(usage_error({"prio:<P2,P3"}), "'prio:<P2,P3'"));
}

TEST_CASE("ids accept a leading # and must be positive numbers") {
    CHECK(only({"id:#42,43"}).values == std::vector<FilterValue>{num(42), num(43)});
    for (const char* bad : {"id:0", "id:-1", "id:abc", "id:#", "id:99999999999999999999"}) {
        CAPTURE(bad);
        CHECK(contains(usage_error({bad}), std::string("'") + bad + "'"));
    }
}

TEST_CASE("tiers resolve through the context's tier table") {
    CHECK(only({"tier:2"}).values == std::vector<FilterValue>{num(2)});
    CHECK(only({"tier:L3"}).values == std::vector<FilterValue>{num(3)});
    CHECK(only({"tier:Support,Helpdesk"}).values == std::vector<FilterValue>{num(2), num(1)});
    const auto m = usage_error({"tier:L9"});
    CHECK(contains(m, "unknown tier 'L9'"));
    CHECK(contains(m, "'tier:L9'"));
}

TEST_CASE("without a tier table, numeric tiers and L-numbers still work") {
    auto ctx = context();
    ctx.tier_level = nullptr;
    CHECK(only({"tier:2"}, ctx).values == std::vector<FilterValue>{num(2)});
    CHECK(only({"tier:L2"}, ctx).values == std::vector<FilterValue>{num(2)});
    CHECK(only({"tier:l3"}, ctx).values == std::vector<FilterValue>{num(3)});
    CHECK(contains(usage_error({"tier:Support"}, ctx), "unknown tier 'Support'"));
    CHECK(contains(usage_error({"tier:L0"}, ctx), "unknown tier 'L0'"));
}

TEST_CASE("me means the current user and none means unset") {
    CHECK(only({"assignee:me"}).values == std::vector<FilterValue>{text("alice")});
    CHECK(only({"requester:me"}).values == std::vector<FilterValue>{text("alice")});
    CHECK(only({"assignee:none"}).values == std::vector<FilterValue>{null});
    CHECK(only({"requester:none"}).values == std::vector<FilterValue>{null});
    CHECK(only({"cat:none"}).values == std::vector<FilterValue>{null});
    CHECK(only({"channel:none"}).values == std::vector<FilterValue>{null});
    CHECK(only({"assignee:me,none"}).values == std::vector<FilterValue>{text("alice"), null});
    CHECK(only({"assignee:!none"}).op == Compare::ne);
}

TEST_CASE("me without a known user is refused") {
    auto ctx = context();
    ctx.me.clear();
    CHECK(contains(usage_error({"assignee:me"}, ctx), "'assignee:me'"));
}

TEST_CASE("people are kept as typed; categories and tags are case-folded") {
    CHECK(only({"assignee:Bob.Smith"}).values == std::vector<FilterValue>{text("Bob.Smith")});
    CHECK(only({"cat:Network"}).values == std::vector<FilterValue>{text("network")});
    CHECK(only({"tag:VIP,Printer"}).values == std::vector<FilterValue>{text("vip"), text("printer")});
    CHECK(only({"tag:ÉTÉ"}).values == std::vector<FilterValue>{text("été")});  // folding is Unicode, not ASCII
}

TEST_CASE("age:>3d means created more than 3 days ago") {
    const auto c = only({"age:>3d"});
    CHECK(c.field == FilterField::created);
    CHECK(c.op == Compare::lt);
    CHECK(c.values == std::vector<FilterValue>{num(kNow - 3 * kDay)});
}

TEST_CASE("a plain age means older than") {
    const auto c = only({"age:3d"});
    CHECK(c.op == Compare::lt);
    CHECK(c.values == std::vector<FilterValue>{num(kNow - 3 * kDay)});
}

TEST_CASE("comparisons on ages flip when they become timestamps") {
    auto c = only({"age:<1d"});
    CHECK(c.op == Compare::gt);
    CHECK(c.values == std::vector<FilterValue>{num(kNow - kDay)});
    CHECK(only({"age:<=1d"}).op == Compare::ge);
    CHECK(only({"age:>=1d"}).op == Compare::le);

    c = only({"updated:<1w"});
    CHECK(c.field == FilterField::updated);
    CHECK(c.op == Compare::gt);
    CHECK(c.values == std::vector<FilterValue>{num(kNow - 7 * kDay)});

    c = only({"updated:>1h30m"});
    CHECK(c.op == Compare::lt);
    CHECK(c.values == std::vector<FilterValue>{num(kNow - 5400)});
}

TEST_CASE("an absolute date compares as a timestamp, without flipping") {
    constexpr hd::Timestamp nov1 = 1'793'491'200;  // 2026-11-01T00:00:00Z
    auto c = only({"updated:>2026-11-01"});
    CHECK(c.field == FilterField::updated);
    CHECK(c.op == Compare::gt);
    CHECK(c.values == std::vector<FilterValue>{num(nov1)});

    c = only({"age:<=2026-11-01T01:00:00+01:00"});
    CHECK(c.field == FilterField::created);
    CHECK(c.op == Compare::le);
    CHECK(c.values == std::vector<FilterValue>{num(nov1)});
}

TEST_CASE("times without an operator where one is needed, negated, or unreadable are refused") {
    CHECK(contains(usage_error({"updated:3d"}), "'updated:3d'"));
    CHECK(contains(usage_error({"age:2026-11-01"}), "'age:2026-11-01'"));
    CHECK(contains(usage_error({"age:!3d"}), "'age:!3d'"));
    CHECK(contains(usage_error({"age:>3"}), "'age:>3'"));              // a number without a unit
    CHECK(contains(usage_error({"age:>3y"}), "'age:>3y'"));            // no such unit
    CHECK(contains(usage_error({"age:>2026-02-30"}), "'age:>2026-02-30'"));
    CHECK(contains(usage_error({"age:>1d,2d"}), "'age:>1d,2d'"));
}

TEST_CASE("bare words are searched; -word excludes") {
    const auto f = parse({"printer", "Floor-3", "-toner", "Ünïcode"});
    CHECK(f.conditions.empty());
    CHECK(f.words == std::vector<std::string>{"printer", "Floor-3", "Ünïcode"});  // kept as typed
    CHECK(f.excluded_words == std::vector<std::string>{"toner"});
    CHECK(contains(usage_error({"-"}), "'-'"));
}

TEST_CASE("terms, words and exclusions combine") {
    const auto f = parse({"status:open", "prio:<=P2", "printer", "-toner", "tag:vip"});
    CHECK(f.conditions.size() == 3);
    CHECK(f.words.size() == 1);
    CHECK(f.excluded_words.size() == 1);
    CHECK(f.names_status());
}

TEST_CASE("names_status is true only when a status term is present") {
    CHECK(parse({"status:!closed"}).names_status());
    CHECK_FALSE(parse({"prio:P1", "tag:status"}).names_status());
}

TEST_CASE("an unknown key is refused, naming it and every known key") {
    const auto m = usage_error({"foo:bar"});
    CHECK(m == "unknown filter key 'foo' (known keys: id, status, type, prio, cat, tier, assignee, requester, "
               "channel, tag, age, updated, sla)");
    // A URL looks like a key too; there is no quoting that turns it into a word.
    CHECK(contains(usage_error({"http://example.com"}), "unknown filter key 'http'"));
}

TEST_CASE("a key negated with - is refused with the right spelling") {
    const auto m = usage_error({"-status:closed"});
    CHECK(contains(m, "'-status:closed'"));
    CHECK(contains(m, "status:!closed"));
}

TEST_CASE("a key with no value, or an empty value in a list, is refused") {
    CHECK(contains(usage_error({"status:"}), "'status:'"));
    CHECK(contains(usage_error({"status:!"}), "'status:!'"));
    CHECK(contains(usage_error({"prio:<="}), "'prio:<='"));
    CHECK(contains(usage_error({"status:open,"}), "'status:open,'"));
    CHECK(contains(usage_error({"tag:a,,b"}), "'tag:a,,b'"));
}

TEST_CASE("filter_keys lists the canonical keys and filter_key_names adds the aliases") {
    CHECK(hd::filter_keys() == std::vector<std::string>{"id", "status", "type", "prio", "cat", "tier", "assignee",
                                                        "requester", "channel", "tag", "age", "updated", "sla"});
    const auto names = hd::filter_key_names();
    for (const char* alias : {"priority", "category", "assigned", "status"})
        CHECK(std::find(names.begin(), names.end(), alias) != names.end());
}

TEST_CASE("sort specs are comma-separated fields, - for descending") {
    const auto keys = hd::parse_sort("priority,-created");
    REQUIRE(keys.size() == 2);
    CHECK(keys[0].field == hd::SortField::priority);
    CHECK_FALSE(keys[0].descending);
    CHECK(keys[1].field == hd::SortField::created);
    CHECK(keys[1].descending);

    const auto one = hd::parse_sort("-updated");
    REQUIRE(one.size() == 1);
    CHECK(one[0].field == hd::SortField::updated);
    CHECK(one[0].descending);
}

TEST_CASE("sort aliases name the same fields, in any case") {
    CHECK(hd::parse_sort("prio")[0].field == hd::SortField::priority);
    CHECK(hd::parse_sort("CAT")[0].field == hd::SortField::category);
    for (const auto& name : hd::sort_fields()) CHECK_NOTHROW(hd::parse_sort(name));
}

TEST_CASE("sorting by age is sorting by creation time the other way round") {
    const auto youngest_first = hd::parse_sort("age");
    CHECK(youngest_first[0].field == hd::SortField::created);
    CHECK(youngest_first[0].descending);
    CHECK_FALSE(hd::parse_sort("-age")[0].descending);
}

TEST_CASE("an unknown or empty sort field is refused, naming the fields") {
    auto m = sort_error("prioity");
    CHECK(contains(m, "'prioity'"));
    CHECK(contains(m, "id, priority, status, type, title, category, tier, assignee, requester, created, updated"));
    CHECK(contains(sort_error(""), "empty"));
    CHECK(contains(sort_error("prio,,id"), "empty field"));
    CHECK(contains(sort_error("-"), "empty field"));
}

TEST_CASE("sort_fields lists the canonical names") {
    CHECK(hd::sort_fields() == std::vector<std::string>{"id", "priority", "status", "type", "title", "category",
                                                        "tier", "assignee", "requester", "created", "updated"});
}

TEST_CASE("sla: breached and at-risk, also as bare words, judged at now") {
    const auto c = only({"sla:at_risk"});
    CHECK(c.field == FilterField::sla);
    CHECK(c.values == std::vector<hd::FilterValue>{std::string("at-risk")});
    CHECK(c.at == context().now);
    const auto bare = only({"breached"});
    CHECK(bare.field == FilterField::sla);
    CHECK(bare.values == std::vector<hd::FilterValue>{std::string("breached")});
    CHECK(only({"sla:!breached"}).op == Compare::ne);
    CHECK(parse({"Breached"}).words == std::vector<std::string>{"Breached"});  // only the lower-case word
    CHECK(contains(usage_error({"sla:late"}), "SLA state"));
}
