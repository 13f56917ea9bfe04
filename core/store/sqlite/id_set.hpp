// A set of row ids that stays small when the ids are dense, as those of an import are: a bitmap over a
// window that starts at the first id added, and a hash set for ids outside it. 100,000 tickets with
// 200,000 events took 9 MB of std::unordered_set nodes; as bits they take 37 KB.
#pragma once

#include <cstdint>
#include <unordered_set>
#include <vector>

namespace hd::sqlite {

class IdSet {
public:
    // Adds `id`; false when it was there already.
    bool insert(std::int64_t id) {
        if (!based_) {
            based_ = true;
            base_ = id;
        }
        // Unsigned, so that no difference of two ids overflows (a negative first id, then a huge one).
        const std::uint64_t offset = static_cast<std::uint64_t>(id) - static_cast<std::uint64_t>(base_);
        if (id >= base_ && offset < kWindow) {
            const std::size_t word = offset / 64;
            if (word >= bits_.size()) bits_.resize(word + word / 2 + 1);  // grows with the highest id seen
            const std::uint64_t mask = std::uint64_t{1} << (offset % 64);
            if (bits_[word] & mask) return false;
            bits_[word] |= mask;
            return true;
        }
        return rest_.insert(id).second;
    }

    void clear() {
        based_ = false;
        bits_.clear();
        bits_.shrink_to_fit();
        rest_.clear();
    }

private:
    // 2^24 ids from the first: at most 2 MiB of bits, and only as far as the ids added reach.
    static constexpr std::uint64_t kWindow = std::uint64_t{1} << 24;
    bool based_ = false;
    std::int64_t base_ = 0;
    std::vector<std::uint64_t> bits_;
    std::unordered_set<std::int64_t> rest_;
};

}  // namespace hd::sqlite
