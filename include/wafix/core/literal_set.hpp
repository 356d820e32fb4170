// A set of literal byte strings found in one pass over a text: the engine's prefilter looks for
// every enabled rule's triggers at once instead of one memmem scan per trigger.
//
// Each position's two bytes index a 64 Ki-bit table of the literals' first two bytes (8 KiB,
// in L1); only where a bit is set are the literals starting with those bytes compared. A few
// instructions per byte, whatever the number of literals.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wafix {

class LiteralSet {
public:
    // Literals of one byte are looked for too, by a slower path; empty ones never match.
    // `ignore_ascii_case`: "Key" matches "key", "KEY" and "kEy".
    explicit LiteralSet(const std::vector<std::string_view>& literals, bool ignore_ascii_case = false);
    size_t size() const { return literals_.size(); }
    const std::string& literal(size_t i) const { return literals_[i]; }
    // The position of `literal` in the set, or SIZE_MAX.
    size_t index_of(std::string_view literal) const;

    // Per literal: does it occur in `text`. Stops early once every literal was seen.
    std::vector<bool> present(std::string_view text) const;
    // Calls found(offset, literal index) for every occurrence, in order of offset.
    template <typename Found>
    void each(std::string_view text, Found found) const;

private:
    bool matches_at(std::string_view text, size_t at, size_t literal) const;
    uint32_t bucket_key(uint32_t key) const;
    template <typename Hit>
    void scan(std::string_view text, Hit hit) const;

    std::vector<std::string> literals_;
    std::unordered_map<std::string, size_t> index_;
    bool ignore_case_;
    std::array<uint64_t, 1024> first_two_{};          // bit (b0 | b1 << 8): a literal may start here
    std::unique_ptr<uint16_t[]> bucket_;              // first literal of each two-byte key (0xFFFF: none)
    std::vector<uint16_t> next_;                      // the next literal of the same bucket
    std::vector<uint16_t> single_;                    // literals of one byte
    std::vector<uint32_t> bucket_of_;                 // per literal: its bucket's key
    std::vector<uint16_t> bucket_head_;               // per literal: the first literal of its bucket
    std::vector<std::vector<uint32_t>> bucket_keys_;  // per bucket head: its table keys
    // Per bucket (by its key): the bytes that may follow the first two, a cheap test before any
    // comparison ("re" then 'q' for "requests").
    std::unique_ptr<std::array<uint64_t, 4>[]> third_of_;  // the same, indexed by bucket key
};

// Which triggers a file holds, as the engine found them for all rules at once.
class TriggerHits {
public:
    TriggerHits(const LiteralSet& set, std::vector<bool> present) : set_(&set), present_(std::move(present)) {}
    // False for a literal the set does not hold.
    bool has(std::string_view literal) const {
        size_t i = set_->index_of(literal);
        return i != SIZE_MAX && present_[i];
    }
    // True when any of `literals` (strings or string_views) occurs.
    template <typename Literals>
    bool any(const Literals& literals) const {
        for (std::string_view l : literals)
            if (has(l)) return true;
        return false;
    }

private:
    const LiteralSet* set_;
    std::vector<bool> present_;
};

template <typename Hit>
void LiteralSet::scan(std::string_view text, Hit hit) const {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    size_t n = text.size();
    if (!single_.empty())
        for (size_t k = 0; k < n; ++k)
            for (uint16_t i : single_)
                if (matches_at(text, k, i) && !hit(k, i)) return;
    if (n < 2) return;
    uint32_t key = p[0];
    for (size_t k = 1; k < n; ++k) {
        key = (key >> 8) | (static_cast<uint32_t>(p[k]) << 8);
        if (!((first_two_[key >> 6] >> (key & 63)) & 1)) continue;
        uint32_t bucket = bucket_key(key);
        if (k + 1 < n) {
            unsigned char third = p[k + 1];
            if (!((third_of_[bucket][third >> 6] >> (third & 63)) & 1)) continue;
        }
        for (uint16_t i = bucket_[bucket]; i != 0xFFFF; i = next_[i])
            if (matches_at(text, k - 1, i) && !hit(k - 1, i)) return;
    }
}

template <typename Found>
void LiteralSet::each(std::string_view text, Found found) const {
    scan(text, [&](size_t at, size_t i) {
        found(at, i);
        return true;
    });
}

}  // namespace wafix
