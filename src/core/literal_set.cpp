#include "wafix/core/literal_set.hpp"

#include <cstring>
#include <stdexcept>

namespace wafix {

namespace {
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }
}  // namespace

LiteralSet::LiteralSet(const std::vector<std::string_view>& literals, bool ignore_ascii_case)
    : ignore_case_(ignore_ascii_case), bucket_(new uint16_t[65536]), third_of_(new std::array<uint64_t, 4>[65536]()) {
    std::fill(bucket_.get(), bucket_.get() + 65536, uint16_t{0xFFFF});
    for (std::string_view l : literals) {
        std::string key(l);
        if (ignore_case_)
            for (char& c : key) c = lower(c);
        if (l.empty() || index_.count(key)) continue;
        if (literals_.size() >= 0xFFFF) throw std::length_error("too many literals");
        auto i = static_cast<uint16_t>(literals_.size());
        index_[key] = i;
        literals_.push_back(key);
        next_.push_back(0xFFFF);
        if (key.size() == 1) {
            single_.push_back(i);
            bucket_of_.push_back(0);
            continue;
        }
        auto b0 = static_cast<unsigned char>(key[0]), b1 = static_cast<unsigned char>(key[1]);
        // Every case variant of the first two bytes sets its bit; they share one bucket.
        for (int v = 0; v < 4; ++v) {
            unsigned char c0 = b0, c1 = b1;
            if (ignore_case_ && (v & 1) && c0 >= 'a' && c0 <= 'z') c0 = static_cast<unsigned char>(c0 - 32);
            if (ignore_case_ && (v & 2) && c1 >= 'a' && c1 <= 'z') c1 = static_cast<unsigned char>(c1 - 32);
            uint32_t k = c0 | (static_cast<uint32_t>(c1) << 8);
            first_two_[k >> 6] |= uint64_t{1} << (k & 63);
        }
        uint32_t bucket = b0 | (static_cast<uint32_t>(b1) << 8);
        next_[i] = bucket_[bucket];
        bucket_[bucket] = i;
        bucket_of_.push_back(bucket);
        // The third byte in every case, or any byte for a literal of two.
        auto& third = third_of_[bucket];
        if (key.size() == 2) {
            third.fill(~uint64_t{0});
        } else {
            auto b2 = static_cast<unsigned char>(key[2]);
            third[b2 >> 6] |= uint64_t{1} << (b2 & 63);
            if (ignore_case_ && b2 >= 'a' && b2 <= 'z') {
                auto up = static_cast<unsigned char>(b2 - 32);
                third[up >> 6] |= uint64_t{1} << (up & 63);
            }
        }
    }
    // Per literal, the first literal of its bucket (its bucket's id), and per id the table keys
    // of the bucket (the case variants of its first two bytes).
    bucket_head_.assign(literals_.size(), 0);
    bucket_keys_.assign(literals_.size(), {});
    for (size_t i = 0; i < literals_.size(); ++i) {
        if (literals_[i].size() < 2) continue;
        uint16_t head = bucket_[bucket_of_[i]];
        bucket_head_[i] = head;
        if (head != i) continue;
        auto b0 = static_cast<unsigned char>(literals_[i][0]), b1 = static_cast<unsigned char>(literals_[i][1]);
        for (int v = 0; v < 4; ++v) {
            unsigned char c0 = b0, c1 = b1;
            if (ignore_case_ && (v & 1) && c0 >= 'a' && c0 <= 'z') c0 = static_cast<unsigned char>(c0 - 32);
            if (ignore_case_ && (v & 2) && c1 >= 'a' && c1 <= 'z') c1 = static_cast<unsigned char>(c1 - 32);
            bucket_keys_[i].push_back(c0 | (static_cast<uint32_t>(c1) << 8));
        }
    }
}

size_t LiteralSet::index_of(std::string_view literal) const {
    std::string key(literal);
    if (ignore_case_)
        for (char& c : key) c = lower(c);
    auto it = index_.find(key);
    return it == index_.end() ? SIZE_MAX : it->second;
}

uint32_t LiteralSet::bucket_key(uint32_t key) const {
    if (!ignore_case_) return key;
    auto c0 = static_cast<unsigned char>(lower(static_cast<char>(key & 0xFF)));
    auto c1 = static_cast<unsigned char>(lower(static_cast<char>(key >> 8)));
    return c0 | (static_cast<uint32_t>(c1) << 8);
}

bool LiteralSet::matches_at(std::string_view text, size_t at, size_t i) const {
    const std::string& l = literals_[i];
    if (at + l.size() > text.size()) return false;
    if (!ignore_case_) return std::memcmp(text.data() + at, l.data(), l.size()) == 0;
    for (size_t k = 0; k < l.size(); ++k)
        if (lower(text[at + k]) != l[k]) return false;
    return true;
}

std::vector<bool> LiteralSet::present(std::string_view text) const {
    std::vector<bool> out(literals_.size(), false);
    size_t left = literals_.size();
    // Once every literal of a bucket has been seen, its first two bytes stop being looked at: a
    // common pair ("re" of "requests") is then one bit test, not a comparison, per occurrence.
    std::array<uint64_t, 1024> live = first_two_;
    std::vector<uint16_t> unseen(literals_.size(), 0);  // per bucket head: literals not yet seen
    auto head_of = [&](size_t i) { return bucket_head_[i]; };
    for (size_t i = 0; i < literals_.size(); ++i)
        if (literals_[i].size() > 1) ++unseen[head_of(i)];
    auto seen = [&](size_t i) {
        if (out[i]) return left > 0;
        out[i] = true;
        --left;
        if (literals_[i].size() > 1 && --unseen[head_of(i)] == 0)
            for (uint32_t k : bucket_keys_[head_of(i)]) live[k >> 6] &= ~(uint64_t{1} << (k & 63));
        return left > 0;
    };
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    size_t n = text.size();
    for (uint16_t i : single_)
        if (std::memchr(text.data(), literals_[i][0], n) && !seen(i)) return out;
    if (n < 2) return out;
    uint32_t key = p[0];
    for (size_t k = 1; k < n; ++k) {
        key = (key >> 8) | (static_cast<uint32_t>(p[k]) << 8);
        if (!((live[key >> 6] >> (key & 63)) & 1)) continue;
        uint32_t bucket = bucket_key(key);
        if (k + 1 < n) {
            unsigned char third = p[k + 1];
            if (!((third_of_[bucket][third >> 6] >> (third & 63)) & 1)) continue;
        }
        for (uint16_t i = bucket_[bucket]; i != 0xFFFF; i = next_[i])
            if (!out[i] && matches_at(text, k - 1, i) && !seen(i)) return out;
    }
    return out;
}

}  // namespace wafix
