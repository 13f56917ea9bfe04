// Unit tests of core/rules/template: placeholders, --var parsing, and filling a template in.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/error.hpp"
#include "core/rules/template.hpp"

using hd::TemplateConfig;
using hd::TemplateVars;

namespace {

// The message of the usage error the action throws; fails the test if it throws nothing else.
std::string usage_error(const std::function<void()>& action) {
    try {
        action();
    } catch (const hd::Error& e) {
        CHECK(e.kind() == hd::ErrorKind::usage);
        return e.what();
    }
    FAIL("expected a usage error");
    return {};
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TemplateConfig disk_full() {
    TemplateConfig t;
    t.name = "disk-full";
    t.title = "Disk {mount} on {host} is {use}% full";
    t.description = "{mount} on {host}: free space ({use}%, threshold {threshold}%)";
    t.type = hd::TicketType::incident;
    t.category = "hardware";
    t.priority = hd::Priority{2};
    t.tier = 2;
    t.tags = {"disk", "host-{host}"};
    t.channel = hd::Channel::monitoring;
    t.dedup = "disk-{host}-{mount}";
    return t;
}

TemplateVars disk_vars() {
    return {{"host", "web1"}, {"mount", "/srv"}, {"use", "93"}, {"threshold", "90"}};
}

}  // namespace

TEST_CASE("placeholders are listed in order of first use, each once; doubled braces are literal") {
    CHECK(hd::placeholders_in("Disk {mount} on {host}, {mount} again") == std::vector<std::string>{"mount", "host"});
    CHECK(hd::placeholders_in("no placeholders").empty());
    CHECK(hd::placeholders_in("").empty());
    CHECK(hd::placeholders_in("{{literal}} and {{{real}}}") == std::vector<std::string>{"real"});
    CHECK(hd::placeholders_in("{a_b-C9}") == std::vector<std::string>{"a_b-C9"});
}

TEST_CASE("an unclosed brace, a lone closing brace or braces around a non-name are refused, saying where") {
    CHECK(usage_error([] { (void)hd::placeholders_in("Disk {host on"); }) ==
          "the '{' at character 6 is not closed; write '{{' for a literal brace");
    CHECK(usage_error([] { (void)hd::placeholders_in("é {x"); }) ==
          "the '{' at character 3 is not closed; write '{{' for a literal brace");
    CHECK(usage_error([] { (void)hd::placeholders_in("a } b"); }) ==
          "the '}' at character 3 has no '{'; write '}}' for a literal brace");
    CHECK(contains(usage_error([] { (void)hd::placeholders_in("json {\"a\": 1}"); }),
                   "'{\"a\": 1}' at character 6 is not a placeholder"));
    CHECK(contains(usage_error([] { (void)hd::placeholders_in("{}"); }), "'{}' at character 1 is not a placeholder"));
    CHECK(contains(usage_error([] { (void)hd::placeholders_in("{ host }"); }), "is not a placeholder"));
}

TEST_CASE("a template's placeholders run through title, description, category, tags, assignee, requester, dedup") {
    TemplateConfig t;
    t.name = "t";
    t.title = "{a}";
    t.description = "{b} {a}";
    t.category = "{c}";
    t.tags = {"{d}", "x"};
    t.assignee = "{e}";
    t.requester = "{f}";
    t.dedup = "{g}-{a}";
    CHECK(hd::template_placeholders(t) == std::vector<std::string>{"a", "b", "c", "d", "e", "f", "g"});
    CHECK(hd::template_placeholders(disk_full()) == std::vector<std::string>{"mount", "host", "use", "threshold"});
}

TEST_CASE("--var arguments are KEY=VALUE; the value may be empty or hold '='") {
    const TemplateVars vars = hd::parse_template_vars({"host=web1", "mount=/srv", "empty=", "expr=a=b"});
    CHECK(vars == TemplateVars{{"host", "web1"}, {"mount", "/srv"}, {"empty", ""}, {"expr", "a=b"}});
    CHECK(hd::parse_template_vars({}).empty());
}

TEST_CASE("a malformed --var or one given twice is refused, naming it") {
    CHECK(usage_error([] { (void)hd::parse_template_vars({"hostweb1"}); }) ==
          "--var 'hostweb1' is not KEY=VALUE (such as --var host=web1)");
    CHECK(contains(usage_error([] { (void)hd::parse_template_vars({"=web1"}); }),
                   "--var '=web1': '' is not a placeholder name"));
    CHECK(contains(usage_error([] { (void)hd::parse_template_vars({"a b=c"}); }),
                   "--var 'a b=c': 'a b' is not a placeholder name"));
    CHECK(usage_error([] {
              (void)hd::parse_template_vars({"host=a", "host=b"});
          }) == "--var host is given twice; give each placeholder one value");
}

TEST_CASE("expanding fills every text field and keeps the fixed ones") {
    const hd::ExpandedTemplate e = hd::expand_template(disk_full(), disk_vars());
    CHECK(e.title == "Disk /srv on web1 is 93% full");
    CHECK(e.description == "/srv on web1: free space (93%, threshold 90%)");
    CHECK(e.type == hd::TicketType::incident);
    CHECK(e.category == "hardware");
    CHECK(e.priority == hd::Priority{2});
    CHECK(e.tier == 2);
    CHECK(e.tags == std::vector<std::string>{"disk", "host-web1"});
    CHECK_FALSE(e.assignee);
    CHECK_FALSE(e.requester);
    CHECK(e.channel == hd::Channel::monitoring);
    CHECK(e.dedup == "disk-web1-/srv");
}

TEST_CASE("values are inserted as they are: braces in a value are not placeholders") {
    TemplateConfig t;
    t.name = "t";
    t.title = "{{{x}}} {x}";
    const hd::ExpandedTemplate e = hd::expand_template(t, {{"x", "{y}"}});
    CHECK(e.title == "{{y}} {y}");
    CHECK_FALSE(e.description);
    CHECK_FALSE(e.dedup);
    CHECK(e.tags.empty());
}

TEST_CASE("a placeholder without a value is refused, naming it and the template") {
    TemplateVars vars = disk_vars();
    vars.erase("mount");
    CHECK(usage_error([&] { (void)hd::expand_template(disk_full(), vars); }) ==
          "template 'disk-full' needs a value for {mount}: add --var mount=VALUE");
    CHECK(usage_error([&] {
              (void)hd::expand_template(disk_full(), {{"host", "web1"}});
          }) ==
          "template 'disk-full' needs values for {mount}, {use} and {threshold}: add --var mount=VALUE --var "
          "use=VALUE --var threshold=VALUE");
}

TEST_CASE("a --var the template does not use is refused, naming it and the placeholders") {
    TemplateVars vars = disk_vars();
    vars["hots"] = "web2";
    CHECK(usage_error([&] { (void)hd::expand_template(disk_full(), vars); }) ==
          "--var hots: template 'disk-full' has no placeholder {hots} (its placeholders: mount, host, use and "
          "threshold)");
    TemplateConfig plain;
    plain.name = "plain";
    plain.title = "Weekly check";
    CHECK(usage_error([&] {
              (void)hd::expand_template(plain, {{"x", "1"}});
          }) == "--var x: template 'plain' has no placeholder {x} (it has no placeholders)");
    CHECK(hd::expand_template(plain, {}).title == "Weekly check");
}

TEST_CASE("a malformed template text is refused when expanded, naming the template and field") {
    TemplateConfig t;
    t.name = "broken";
    t.title = "ok";
    t.dedup = "disk-{host";
    CHECK(usage_error([&] { (void)hd::expand_template(t, {}); }) ==
          "template 'broken': dedup: the '{' at character 6 is not closed; write '{{' for a literal brace");
    CHECK(contains(usage_error([&] { (void)hd::template_placeholders(t); }), "template 'broken': dedup:"));
}

TEST_CASE("a template is found by its exact name; an unknown one is refused, listing the known ones") {
    hd::Config config = hd::default_config();
    CHECK(usage_error([&] { (void)hd::find_template(config, "disk-full"); }) ==
          "unknown template 'disk-full': the config has no templates (add a [template.disk-full] table; see "
          "hd-config(5))");
    config.templates["disk-full"] = disk_full();
    TemplateConfig other;
    other.name = "backup";
    other.title = "Backup";
    config.templates["backup"] = other;
    CHECK(&hd::find_template(config, "disk-full") == &config.templates.at("disk-full"));
    CHECK(usage_error([&] { (void)hd::find_template(config, "disk"); }) ==
          "unknown template 'disk' (known: backup and disk-full; hd template list shows them)");
    CHECK(contains(usage_error([&] { (void)hd::find_template(config, "Disk-Full"); }), "unknown template"));

    // The one-call form: template, then --var syntax, then the placeholders.
    CHECK(hd::expand_template(config, "disk-full", {"host=db1", "mount=/", "use=99", "threshold=90"}).title ==
          "Disk / on db1 is 99% full");
    CHECK(
        contains(usage_error([&] { (void)hd::expand_template(config, "nope", {"bad"}); }), "unknown template 'nope'"));
    CHECK(contains(usage_error([&] { (void)hd::expand_template(config, "backup", {"bad"}); }), "--var 'bad'"));
}

TEST_CASE("placeholder names are ASCII letters, digits, '_' and '-'") {
    CHECK(hd::is_placeholder_name("host"));
    CHECK(hd::is_placeholder_name("Host_2-x"));
    CHECK_FALSE(hd::is_placeholder_name(""));
    CHECK_FALSE(hd::is_placeholder_name("a b"));
    CHECK_FALSE(hd::is_placeholder_name("é"));
    CHECK_FALSE(hd::is_placeholder_name("a.b"));
    CHECK_FALSE(hd::is_placeholder_name("a=b"));
}
