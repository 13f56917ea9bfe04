// Container prefixes and blank-line rules for rendered Markdown.
#include "cmd/output/markdown_layout.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "cmd/output/markdown_inline.hpp"

namespace hd::out {

namespace {

constexpr std::array<std::string_view, 3> bullets{"•", "◦", "▪"};
constexpr std::size_t quote_width = 2;

void rtrim(std::string& line) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
}

}  // namespace

BlockLayout::BlockLayout(std::size_t width, const Style& style)
    : width_(width == 0 ? 1 : width), quote_bar_(paint("│", inline_style::faint, style) + " ") {}

void BlockLayout::push(Container container) {
    // Indentation stops at half the width, so the deepest text still gets the other half.
    const bool visible = visible_count_ == containers_.size() && prefix_width_ + container.width <= width_ / 2;
    if (visible) {
        ++visible_count_;
        prefix_width_ += container.width;
    }
    containers_.push_back(std::move(container));
    first_unstarted_ = std::min(first_unstarted_, containers_.size() - 1);
}

void BlockLayout::open_quote() {
    Container quote;
    quote.kind = Container::Kind::quote;
    quote.width = quote_width;
    push(std::move(quote));
}

void BlockLayout::open_list(bool ordered, bool tight, unsigned start, char delimiter) {
    Container list;
    list.kind = Container::Kind::list;
    list.ordered = ordered;
    list.tight = tight;
    list.next_number = start;
    list.delimiter = delimiter;
    ++list_depth_;
    push(std::move(list));
}

void BlockLayout::open_item(bool task, bool task_done) {
    Container* list = nullptr;
    if (!containers_.empty() && containers_.back().kind == Container::Kind::list) list = &containers_.back();
    Container item;
    item.kind = Container::Kind::item;
    if (list != nullptr && list->ordered) {
        item.marker = std::to_string(list->next_number++);
        item.marker += list->delimiter;
    } else {
        item.marker = bullets[(list_depth_ == 0 ? 0 : list_depth_ - 1) % bullets.size()];
    }
    item.marker += ' ';
    if (task) item.marker += task_done ? "[x] " : "[ ] ";
    if (list != nullptr) {
        // A tight list has no blank lines between its items, but keeps the one before the list.
        if (list->tight && list->items > 0) pending_blank_ = false;
        ++list->items;
    }
    item.width = display_width(item.marker);
    push(std::move(item));
}

void BlockLayout::close() {
    if (containers_.empty()) return;
    const Container::Kind kind = containers_.back().kind;
    if (containers_.size() <= visible_count_) {
        --visible_count_;
        prefix_width_ -= containers_.back().width;
    }
    if (kind == Container::Kind::list) --list_depth_;
    containers_.pop_back();
    first_unstarted_ = std::min(first_unstarted_, containers_.size());
    if (kind != Container::Kind::item) pending_blank_ = true;
}

std::string BlockLayout::prefix(bool for_blank) const {
    std::string out;
    for (std::size_t i = 0; i < visible_count_; ++i) {
        const Container& c = containers_[i];
        const bool started = i < first_unstarted_;
        // A blank line before a container's first line belongs to the containers around it only.
        if (for_blank && !started) break;
        if (c.kind == Container::Kind::quote)
            out += quote_bar_;
        else if (c.kind == Container::Kind::item)
            out += started ? std::string(c.width, ' ') : c.marker;
    }
    return out;
}

void BlockLayout::add_line(std::string content) {
    if (pending_blank_ && !lines_.empty() && !last_blank_) {
        std::string gap = prefix(true);
        rtrim(gap);
        lines_.push_back(std::move(gap));
        last_blank_ = true;
    }
    pending_blank_ = false;
    const bool blank = content.empty();
    if (blank && (lines_.empty() || last_blank_)) return;
    std::string line = prefix(false);
    line += content;
    rtrim(line);
    lines_.push_back(std::move(line));
    last_blank_ = blank;
    first_unstarted_ = containers_.size();
}

std::vector<std::string> BlockLayout::finish() {
    if (last_blank_ && !lines_.empty()) lines_.pop_back();
    last_blank_ = false;
    return std::move(lines_);
}

}  // namespace hd::out
