// JSON documents of the knowledge-base commands (nlohmann/json).
#include "cmd/output/kb_json.hpp"

#include "cmd/output/json_objects.hpp"

namespace hd::out {
namespace {

using json::dump;
using json::flatten;
using json::ordered_json;

ordered_json article_object(const Article& a) {
    ordered_json j;
    j["id"] = a.id;
    j["slug"] = a.slug;
    j["title"] = a.title;
    j["lang"] = a.lang;
    j["category"] = a.category ? ordered_json(*a.category) : ordered_json(nullptr);
    j["tags"] = a.tags;
    j["status"] = std::string(to_string(a.status));
    j["version"] = a.version;
    j["created_by"] = a.created_by;
    j["created_at"] = format_rfc3339(a.created_at);
    j["updated_by"] = a.updated_by;
    j["updated_at"] = format_rfc3339(a.updated_at);
    j["uses"] = a.uses;
    return j;
}

ordered_json hit_object(const ArticleHit& h) {
    ordered_json o = article_object(h.article);
    o["score"] = h.score;
    o["snippet"] = mark_snippet(h.snippet, "**", "**");
    return o;
}


}  // namespace

FlatRecord hit_fields(const ArticleHit& hit) {
    ordered_json o = hit_object(hit);
    o["snippet"] = mark_snippet(hit.snippet, "", "");
    return flatten(o);
}

std::vector<std::string> hit_field_names() {
    std::vector<std::string> names;
    for (auto& [name, value] : hit_fields(ArticleHit{})) names.push_back(std::move(name));
    return names;
}

std::string mark_snippet(std::string_view snippet, std::string_view open, std::string_view close) {
    std::string out;
    out.reserve(snippet.size() + 16);
    for (char c : snippet) {
        if (c == kHighlightOpen)
            out += open;
        else if (c == kHighlightClose)
            out += close;
        else
            out += c;
    }
    return out;
}

std::string article_json(const Article& a, bool with_body) {
    ordered_json j = article_object(a);
    if (with_body) j["body"] = a.body;
    return dump(j);
}

std::string articles_json(const std::vector<Article>& articles) {
    ordered_json j = ordered_json::array();
    for (const auto& a : articles) j.push_back(article_object(a));
    return dump(j);
}

std::string hits_json(const std::vector<ArticleHit>& hits) {
    ordered_json j = ordered_json::array();
    for (const auto& h : hits) j.push_back(hit_object(h));
    return dump(j);
}

std::string versions_json(const std::vector<ArticleVersion>& versions) {
    ordered_json j = ordered_json::array();
    for (const auto& v : versions)
        j.push_back({{"version", v.version},
                     {"at", format_rfc3339(v.at)},
                     {"by", v.by},
                     {"note", v.note},
                     {"status", std::string(to_string(v.status))},
                     {"title", v.title},
                     {"lang", v.lang},
                     {"category", v.category ? ordered_json(*v.category) : ordered_json(nullptr)},
                     {"tags", v.tags}});
    return dump(j);
}

std::string import_json(const ImportResult& r) {
    ordered_json j;
    j["added"] = ordered_json::array();
    for (const auto& a : r.added) j["added"].push_back(a.id);
    j["updated"] = ordered_json::array();
    for (const auto& a : r.updated) j["updated"].push_back(a.id);
    j["unchanged"] = r.unchanged;
    return dump(j);
}

}  // namespace hd::out
