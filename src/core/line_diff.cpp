#include "wafix/core/line_diff.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include <dtl/dtl.hpp>

namespace wafix {

namespace {

// Above this many line pairs (old lines x new lines) a region is not handed to dtl whole: its
// cost is O((N + M) * D), quadratic when every line changes.
constexpr size_t kDirectPairs = size_t{1} << 22;

using Ids = std::vector<uint32_t>;

struct Span {
    size_t a0, a1, b0, b1;  // [a0, a1) of old, [b0, b1) of new
    size_t pairs() const { return (a1 - a0) * (b1 - b0); }
};

class Differ {
public:
    Differ(Ids a, Ids b, uint32_t distinct) : a_(std::move(a)), b_(std::move(b)), seen_(distinct) {}

    // Appends the script of `s` to out_; `depth` limits how often a gap is cut again.
    void region(Span s, int depth) {
        while (s.a0 < s.a1 && s.b0 < s.b1 && a_[s.a0] == b_[s.b0]) common(s.a0++, s.b0++);
        size_t tail = 0;
        while (s.a1 - tail > s.a0 && s.b1 - tail > s.b0 && a_[s.a1 - 1 - tail] == b_[s.b1 - 1 - tail]) ++tail;
        s.a1 -= tail, s.b1 -= tail;
        if (s.a0 == s.a1 || s.b0 == s.b1 || s.pairs() <= kDirectPairs) direct(s);
        else if (depth < 2) anchored(s, depth);
        else reduced(s);
        for (size_t k = 0; k < tail; ++k) common(s.a1 + k, s.b1 + k);
    }

    std::vector<LineStep> take() { return std::move(out_); }

private:
    void common(size_t i, size_t j) { out_.push_back({LineOp::Common, i, j}); }
    void del(size_t i, size_t j) { out_.push_back({LineOp::Delete, i, j}); }
    void add(size_t i, size_t j) { out_.push_back({LineOp::Add, i, j}); }

    // dtl on the ids of lines [a0, a1) and [b0, b1), or on the `pick`ed ones of them.
    void direct(Span s) {
        std::vector<size_t> ai(s.a1 - s.a0), bi(s.b1 - s.b0);
        for (size_t k = 0; k < ai.size(); ++k) ai[k] = s.a0 + k;
        for (size_t k = 0; k < bi.size(); ++k) bi[k] = s.b0 + k;
        script(s, ai, bi);
    }

    // The script of the picked lines by dtl; every line not picked is a change, placed where it
    // falls between the common lines.
    void script(Span s, const std::vector<size_t>& ai, const std::vector<size_t>& bi) {
        size_t i = s.a0, j = s.b0;
        auto until = [&](size_t ia, size_t jb) {
            for (; i < ia; ++i) del(i, j);
            for (; j < jb; ++j) add(i, j);
        };
        if (!ai.empty() && !bi.empty()) {
            Ids x(ai.size()), y(bi.size());
            for (size_t k = 0; k < ai.size(); ++k) x[k] = a_[ai[k]];
            for (size_t k = 0; k < bi.size(); ++k) y[k] = b_[bi[k]];
            size_t xi = 0, yi = 0;
            auto step = [&](LineOp op) {
                if (op == LineOp::Common) {
                    until(ai[xi], bi[yi]);
                    common(i++, j++);
                    ++xi, ++yi;
                } else if (op == LineOp::Delete) {
                    until(ai[xi], j);
                    del(i++, j);
                    ++xi;
                } else {
                    until(i, bi[yi]);
                    add(i, j++);
                    ++yi;
                }
            };
            if (x.size() * y.size() <= kDirectPairs) {
                dtl::Diff<uint32_t, Ids> d(x, y);
                d.compose();
                for (const auto& e : d.getSes().getSequence())
                    step(e.second.type == dtl::SES_COMMON   ? LineOp::Common
                         : e.second.type == dtl::SES_DELETE ? LineOp::Delete
                                                            : LineOp::Add);
            } else {
                greedy(x, y, step);
            }
        }
        until(s.a1, s.b1);
    }

    // Linear and valid, not minimal: equal lines match; at a difference the nearest match
    // within a window on either side is taken, else both lines are changes.
    template <typename Step>
    static void greedy(const Ids& x, const Ids& y, Step step) {
        constexpr size_t kWindow = 64;
        size_t i = 0, j = 0;
        while (i < x.size() && j < y.size()) {
            if (x[i] == y[j]) {
                step(LineOp::Common), ++i, ++j;
                continue;
            }
            size_t skip_x = 0, skip_y = 0;
            for (size_t d = 1; d <= kWindow && !skip_x && !skip_y; ++d) {
                if (i + d < x.size() && x[i + d] == y[j]) skip_x = d;
                else if (j + d < y.size() && x[i] == y[j + d]) skip_y = d;
            }
            if (!skip_x && !skip_y) skip_x = skip_y = 1;
            for (size_t k = 0; k < skip_x; ++k) step(LineOp::Delete), ++i;
            for (size_t k = 0; k < skip_y; ++k) step(LineOp::Add), ++j;
        }
        for (; i < x.size(); ++i) step(LineOp::Delete);
        for (; j < y.size(); ++j) step(LineOp::Add);
    }

    // Lines that occur exactly once on each side of the region, kept in the longest order both
    // sides agree on (patience sorting); the gaps between them are diffed on their own.
    void anchored(Span s, int depth) {
        std::vector<std::pair<size_t, size_t>> pairs = unique_pairs(s);
        std::vector<std::pair<size_t, size_t>> anchors = increasing_subsequence(pairs);
        if (anchors.empty()) return reduced(s);
        size_t a = s.a0, b = s.b0;
        for (auto [i, j] : anchors) {
            region({a, i, b, j}, depth + 1);
            common(i, j);
            a = i + 1, b = j + 1;
        }
        region({a, s.a1, b, s.b1}, depth + 1);
    }

    std::vector<std::pair<size_t, size_t>> unique_pairs(Span s) {
        // Per id: occurrences on the old side and on the new side (capped at 2), and where.
        struct Count {
            uint8_t in_a = 0, in_b = 0;
            size_t at_b = 0;
        };
        std::unordered_map<uint32_t, Count> counts;
        counts.reserve((s.a1 - s.a0) + (s.b1 - s.b0));
        for (size_t i = s.a0; i < s.a1; ++i) {
            auto& c = counts[a_[i]];
            if (c.in_a < 2) ++c.in_a;
        }
        for (size_t j = s.b0; j < s.b1; ++j) {
            auto& c = counts[b_[j]];
            if (c.in_b < 2) ++c.in_b;
            c.at_b = j;
        }
        std::vector<std::pair<size_t, size_t>> out;
        for (size_t i = s.a0; i < s.a1; ++i) {
            const Count& c = counts[a_[i]];
            if (c.in_a == 1 && c.in_b == 1) out.emplace_back(i, c.at_b);
        }
        return out;
    }

    // The longest subsequence of `pairs` (increasing in the old index) that increases in the
    // new index too, in n log n.
    static std::vector<std::pair<size_t, size_t>> increasing_subsequence(
        const std::vector<std::pair<size_t, size_t>>& pairs) {
        std::vector<size_t> tails;  // index into pairs of the smallest tail of each length
        std::vector<size_t> prev(pairs.size(), SIZE_MAX);
        for (size_t k = 0; k < pairs.size(); ++k) {
            auto it = std::lower_bound(tails.begin(), tails.end(), pairs[k].second,
                                       [&](size_t t, size_t j) { return pairs[t].second < j; });
            if (it != tails.begin()) prev[k] = *std::prev(it);
            if (it == tails.end()) tails.push_back(k);
            else *it = k;
        }
        std::vector<std::pair<size_t, size_t>> out;
        for (size_t k = tails.empty() ? SIZE_MAX : tails.back(); k != SIZE_MAX; k = prev[k]) out.push_back(pairs[k]);
        std::reverse(out.begin(), out.end());
        return out;
    }

    // No anchor: lines that occur on one side only can match nothing and are changes for sure
    // (as xdiff discards them); dtl gets the rest if that is small enough, else a greedy match.
    void reduced(Span s) {
        ++epoch_;
        for (size_t j = s.b0; j < s.b1; ++j) seen_[b_[j]] = epoch_ * 2;
        std::vector<size_t> ai, bi;
        for (size_t i = s.a0; i < s.a1; ++i)
            if (seen_[a_[i]] >= epoch_ * 2) {
                seen_[a_[i]] = epoch_ * 2 + 1;
                ai.push_back(i);
            }
        for (size_t j = s.b0; j < s.b1; ++j)
            if (seen_[b_[j]] == epoch_ * 2 + 1) bi.push_back(j);
        script(s, ai, bi);
    }

    Ids a_, b_;
    std::vector<uint64_t> seen_;  // per id: 2 * epoch when on the new side, + 1 when on both
    uint64_t epoch_ = 0;
    std::vector<LineStep> out_;
};

}  // namespace

std::vector<LineStep> diff_lines(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
    std::unordered_map<std::string_view, uint32_t> ids;
    ids.reserve(a.size() + b.size());
    auto intern = [&](const std::vector<std::string_view>& lines) {
        Ids out(lines.size());
        for (size_t k = 0; k < lines.size(); ++k)
            out[k] = ids.emplace(lines[k], static_cast<uint32_t>(ids.size())).first->second;
        return out;
    };
    Ids ia = intern(a), ib = intern(b);
    Differ d(std::move(ia), std::move(ib), static_cast<uint32_t>(ids.size()));
    d.region({0, a.size(), 0, b.size()}, 0);
    std::vector<LineStep> raw = d.take();
    // Deletions before additions inside each run of changes.
    std::vector<LineStep> out;
    out.reserve(raw.size());
    size_t k = 0;
    while (k < raw.size()) {
        if (raw[k].op == LineOp::Common) {
            out.push_back(raw[k++]);
            continue;
        }
        size_t end = k;
        while (end < raw.size() && raw[end].op != LineOp::Common) ++end;
        for (size_t x = k; x < end; ++x)
            if (raw[x].op == LineOp::Delete) out.push_back(raw[x]);
        for (size_t x = k; x < end; ++x)
            if (raw[x].op == LineOp::Add) out.push_back(raw[x]);
        k = end;
    }
    return out;
}

}  // namespace wafix
