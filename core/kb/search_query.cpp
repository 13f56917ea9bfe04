// User search syntax → FTS5 query: a small lexer and a recursive-descent parser that emit quoted
// strings joined by explicit operators, parenthesised wherever precedence could matter.
#include "core/kb/search_query.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "core/error.hpp"
#include "core/text/search_terms.hpp"

namespace hd {

namespace {

constexpr std::size_t kSuggestionWords = 24;

// FTS5's parser stack overflows near 50 nested parentheses, and the parser below recurses once per
// level; nobody needs more than a few.
constexpr int kMaxNesting = 16;

const char* const kEmptyQuery = "search query is empty: type the words to look for, such as \"reset password\"";

enum class TokenKind { term, open, close, op_and, op_or, op_not, minus };

struct Token {
    TokenKind kind = TokenKind::term;
    std::string text;  // a term's words, without quotes
    bool prefix = false;
};

// Control characters, Unicode spaces and invalid bytes become ASCII spaces, so the lexer only has
// ASCII to look at and FTS5 never sees a NUL (it reads the query as a C string).
std::string with_plain_spaces(std::string_view text) {
    std::string plain;
    plain.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        utf8proc_int32_t cp = -1;
        auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()) + at,
                                  static_cast<utf8proc_ssize_t>(text.size() - at), &cp);
        std::size_t length = n > 0 ? static_cast<std::size_t>(n) : 1;
        bool space = n <= 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f);
        if (!space && cp >= 0x80) {
            auto category = utf8proc_category(cp);
            space = category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
                    category == UTF8PROC_CATEGORY_ZP;
        }
        if (space)
            plain += ' ';
        else
            plain.append(text.substr(at, length));
        at += length;
    }
    return plain;
}

// Whether a term has anything to look up: a word that does not fold to nothing ("***" has none).
bool has_words(std::string_view text) {
    for (const auto& span : split_words(text))
        if (!word_term(text.substr(span.begin, span.end - span.begin)).empty()) return true;
    return false;
}

std::string quoted(const Token& term) {
    std::string fts = "\"";
    for (char c : term.text) {
        if (c == '"') fts += '"';  // FTS5 escapes a quote inside a string by doubling it
        fts += c;
    }
    fts += '"';
    if (term.prefix) fts += '*';
    return fts;
}

Token bareword(std::string_view word) {
    if (word == "OR") return {TokenKind::op_or, {}, false};
    if (word == "AND") return {TokenKind::op_and, {}, false};
    if (word == "NOT") return {TokenKind::op_not, {}, false};
    Token term{TokenKind::term, {}, false};
    while (!word.empty() && word.back() == '*') {
        term.prefix = true;
        word.remove_suffix(1);
    }
    term.text = std::string(word);
    return term;
}

struct Lexed {
    std::vector<Token> tokens;
    bool balanced = true;  // every quote closed, every parenthesis matched
    int max_depth = 0;
};

Lexed lex(const std::string& text) {
    Lexed lexed;
    int depth = 0;
    std::size_t at = 0;
    auto push_term = [&](Token term) {
        if (term.kind != TokenKind::term || has_words(term.text)) {
            lexed.tokens.push_back(std::move(term));
        } else if (!lexed.tokens.empty() && lexed.tokens.back().kind == TokenKind::minus) {
            lexed.tokens.pop_back();  // "a -*** b": the dash went with what was dropped, not with b
        }
    };
    while (at < text.size()) {
        char c = text[at];
        if (c == ' ') {
            ++at;
        } else if (c == '"') {
            auto close = text.find('"', at + 1);
            if (close == std::string::npos) {
                lexed.balanced = false;
                return lexed;
            }
            Token phrase{TokenKind::term, text.substr(at + 1, close - at - 1), false};
            for (at = close + 1; at < text.size() && text[at] == '*'; ++at) phrase.prefix = true;
            push_term(std::move(phrase));
        } else if (c == '(') {
            lexed.max_depth = std::max(lexed.max_depth, ++depth);
            lexed.tokens.push_back({TokenKind::open, {}, false});
            ++at;
        } else if (c == ')') {
            if (--depth < 0) {
                lexed.balanced = false;
                return lexed;
            }
            lexed.tokens.push_back({TokenKind::close, {}, false});
            ++at;
        } else if (c == '-') {
            // Leading dashes negate what follows them directly: -laser, -"laser jet", -(a OR b).
            while (at < text.size() && text[at] == '-') ++at;
            if (at < text.size() && text[at] != ' ' && text[at] != ')')
                lexed.tokens.push_back({TokenKind::minus, {}, false});
        } else {
            auto end = text.find_first_of(" \"()", at);
            if (end == std::string::npos) end = text.size();
            push_term(bareword(std::string_view(text).substr(at, end - at)));
            at = end;
        }
    }
    lexed.balanced = depth == 0;
    return lexed;
}

// A parsed sub-expression in FTS5 syntax; compound ones are parenthesised when nested.
struct Expr {
    std::string fts;
    bool compound = false;
};

std::string nested(const Expr& e) {
    return e.compound ? "(" + e.fts + ")" : e.fts;
}

class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

    // lex() balanced the parentheses, so the top-level expression ends only at the end.
    std::optional<Expr> parse() { return parse_or(); }

private:
    bool at(TokenKind kind) const { return pos_ < tokens_.size() && tokens_[pos_].kind == kind; }

    // or := and ("OR" and)*
    std::optional<Expr> parse_or() {
        std::vector<Expr> alternatives;
        auto first = parse_and();
        if (first) alternatives.push_back(std::move(*first));
        while (at(TokenKind::op_or)) {
            if (alternatives.empty()) fail_or();
            ++pos_;
            auto next = parse_and();
            if (!next) fail_or();
            alternatives.push_back(std::move(*next));
        }
        if (alternatives.empty()) return std::nullopt;
        if (alternatives.size() == 1) return alternatives.front();
        Expr any{{}, true};
        for (std::size_t i = 0; i < alternatives.size(); ++i) any.fts += (i ? " OR " : "") + nested(alternatives[i]);
        return any;
    }

    // and := unit (["AND"] unit)*, where a unit is a primary, "NOT" primary or -primary. FTS5 has no
    // "everything except", so a group needs a positive part before any NOT.
    std::optional<Expr> parse_and() {
        std::vector<Expr> wanted;
        std::vector<Expr> unwanted;
        while (pos_ < tokens_.size() && !at(TokenKind::op_or) && !at(TokenKind::close)) {
            if (at(TokenKind::op_and)) {
                if (wanted.empty()) fail_and();
                ++pos_;
                if (at(TokenKind::op_not)) continue;  // "a AND NOT b"
                bool negated = at(TokenKind::minus);
                if (negated) ++pos_;
                auto next = parse_primary();
                if (!next) fail_and();
                (negated ? unwanted : wanted).push_back(std::move(*next));
            } else if (at(TokenKind::op_not)) {
                if (wanted.empty())
                    fail(
                        "search query: \"NOT\" needs a word before it, as in \"printer NOT laser\" "
                        "(a search cannot be only what to leave out)");
                ++pos_;
                auto next = parse_primary();
                if (!next) fail("search query: \"NOT\" needs a word after it, as in \"printer NOT laser\"");
                unwanted.push_back(std::move(*next));
            } else if (at(TokenKind::minus)) {
                ++pos_;
                auto next = parse_primary();
                if (next) (wanted.empty() ? wanted : unwanted).push_back(std::move(*next));
            } else if (auto next = parse_primary()) {
                wanted.push_back(std::move(*next));
            }
        }
        if (wanted.empty()) return std::nullopt;
        Expr all = wanted.front();
        if (wanted.size() > 1) {
            all = Expr{{}, true};
            for (std::size_t i = 0; i < wanted.size(); ++i) all.fts += (i ? " AND " : "") + nested(wanted[i]);
        }
        if (unwanted.empty()) return all;
        // One NOT of an OR, not a chain of NOTs: FTS5 flattens an OR into one node but nests every
        // NOT, and its expression tree may be at most 256 deep.
        Expr any_unwanted = unwanted.front();
        if (unwanted.size() > 1) {
            any_unwanted = Expr{{}, true};
            for (std::size_t i = 0; i < unwanted.size(); ++i)
                any_unwanted.fts += (i ? " OR " : "") + nested(unwanted[i]);
        }
        return Expr{nested(all) + " NOT " + nested(any_unwanted), true};
    }

    // primary := term | "(" or ")"; an empty group is nothing, like a term without words.
    std::optional<Expr> parse_primary() {
        if (at(TokenKind::term)) return Expr{quoted(tokens_[pos_++]), false};
        if (!at(TokenKind::open)) return std::nullopt;
        ++pos_;
        auto inner = parse_or();
        ++pos_;  // the matching ")": lex() saw every parenthesis balanced
        return inner;
    }

    [[noreturn]] static void fail(const std::string& message) { hd::fail(ErrorKind::usage, message); }
    [[noreturn]] static void fail_or() {
        fail("search query: \"OR\" needs a word on each side, as in \"vpn OR proxy\"");
    }
    [[noreturn]] static void fail_and() {
        fail("search query: \"AND\" needs a word on each side, as in \"printer AND jam\"");
    }

    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
};

// The fallback for unbalanced quotes or parentheses: every word, all required.
std::string plain_words_query(std::string text) {
    for (char& c : text)
        if (c == '"' || c == '(' || c == ')') c = ' ';
    std::string fts;
    std::size_t at = 0;
    while (at < text.size()) {
        auto begin = text.find_first_not_of(' ', at);
        if (begin == std::string::npos) break;
        auto end = std::min(text.find(' ', begin), text.size());
        at = end;
        std::string_view word = std::string_view(text).substr(begin, end - begin);
        while (!word.empty() && word.front() == '-') word.remove_prefix(1);
        Token term = bareword(word);
        if (term.kind != TokenKind::term || !has_words(term.text)) continue;
        fts += (fts.empty() ? "" : " AND ") + quoted(term);
    }
    if (fts.empty()) fail(ErrorKind::usage, kEmptyQuery);
    return fts;
}

}  // namespace

std::string to_fts5_query(std::string_view user_query) {
    std::string text = with_plain_spaces(user_query);
    Lexed lexed = lex(text);
    if (!lexed.balanced) return plain_words_query(std::move(text));
    if (lexed.max_depth > kMaxNesting)
        fail(ErrorKind::usage,
             "search query: parentheses nest more than " + std::to_string(kMaxNesting) + " levels deep");
    auto expr = Parser(std::move(lexed.tokens)).parse();
    if (!expr) fail(ErrorKind::usage, kEmptyQuery);
    return expr->fts;
}

std::string suggestion_query(std::string_view text) {
    std::string fts;
    for (std::string_view word : significant_word_spellings(text, kSuggestionWords)) {
        Token term{TokenKind::term, std::string(word), false};
        fts += (fts.empty() ? "" : " OR ") + quoted(term);
    }
    return fts;
}

}  // namespace hd
