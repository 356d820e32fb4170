#include "wafix/core/applier.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <stdexcept>

namespace wafix {

namespace {

bool is_insert(const Edit& e) { return e.begin == e.end; }

// A fix's own edits may share an insertion point (kept in order) but must not overlap: no two
// replaced ranges overlap and no insertion falls strictly inside a replaced range. One sort and
// one sweep, so a fix with thousands of edits costs n log n.
bool edits_overlap_each_other(const std::vector<Edit>& edits) {
    if (edits.size() < 2) return false;
    std::vector<const Edit*> sorted;
    sorted.reserve(edits.size());
    for (const Edit& e : edits) sorted.push_back(&e);
    // At one offset an insertion sorts before a range starting there: it is not inside it.
    std::sort(sorted.begin(), sorted.end(), [](const Edit* a, const Edit* b) {
        return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
    });
    uint32_t covered_to = 0;  // the largest end of the ranges seen so far
    for (const Edit* e : sorted) {
        if (e->begin < covered_to) return true;
        if (!is_insert(*e)) covered_to = std::max(covered_to, e->end);
    }
    return false;
}

// The edits accepted so far, indexed so that a new edit is checked against its neighbours only.
// Accepted ranges never overlap each other, so the one range that may cover an offset is the
// last one starting before it.
class AcceptedEdits {
public:
    // Conflicts: overlapping ranges, an insertion strictly inside a range, or two insertions at
    // one offset with different text (their order would be a guess). Identical edits merge.
    bool conflicts(const Edit& e) const {
        if (is_insert(e)) {
            if (covered(e.begin)) return true;
            auto [lo, hi] = inserts_.equal_range(e.begin);
            for (auto it = lo; it != hi; ++it)
                if (it->second->text != e.text) return true;
            return false;
        }
        // A range: the last accepted range starting before e's end must end before e's start,
        // unless it is e itself; and no insertion may lie strictly inside e.
        auto it = ranges_.lower_bound(e.end);
        if (it != ranges_.begin()) {
            const Edit& r = *std::prev(it)->second;
            if (r.end > e.begin && !(r == e)) return true;
        }
        auto ins = inserts_.upper_bound(e.begin);
        return ins != inserts_.end() && ins->first < e.end;
    }
    bool contains(const Edit& e) const {
        if (is_insert(e)) {
            auto [lo, hi] = inserts_.equal_range(e.begin);
            return std::any_of(lo, hi, [&](const auto& kv) { return kv.second->text == e.text; });
        }
        auto it = ranges_.find(e.begin);
        return it != ranges_.end() && *it->second == e;
    }
    void add(const Edit* e) {
        if (is_insert(*e)) inserts_.emplace(e->begin, e);
        else ranges_.emplace(e->begin, e);
    }

private:
    bool covered(uint32_t offset) const {
        auto it = ranges_.lower_bound(offset);
        return it != ranges_.begin() && std::prev(it)->second->end > offset;
    }
    std::map<uint32_t, const Edit*> ranges_;        // by begin; disjoint
    std::multimap<uint32_t, const Edit*> inserts_;  // by offset
};

}  // namespace

namespace {

// Stable: edits of one fix at one offset keep their given order.
void sort_edits(std::vector<Edit>& edits) {
    std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
        if (a.begin != b.begin) return a.begin < b.begin;
        return a.end < b.end;
    });
}

std::string apply_sorted(std::string_view text, const std::vector<Edit>& edits) {
    size_t grown = 0;
    for (const Edit& e : edits) grown += e.text.size();
    std::string out;
    out.reserve(text.size() + grown);
    uint32_t pos = 0;
    for (const Edit& e : edits) {
        if (e.begin < pos || e.end < e.begin || e.end > text.size())
            throw std::invalid_argument("overlapping or out-of-range edit");
        out.append(text.substr(pos, e.begin - pos));
        out.append(e.text);
        pos = e.end;
    }
    out.append(text.substr(pos));
    return out;
}

}  // namespace

std::string apply_edits(std::string_view text, std::vector<Edit> edits) {
    sort_edits(edits);
    return apply_sorted(text, edits);
}

ApplyResult apply_fixes(std::string_view text, const std::vector<Fix>& fixes) {
    ApplyResult r;
    std::vector<const Edit*> accepted;  // in the order the fixes gave them
    AcceptedEdits index;
    for (size_t i = 0; i < fixes.size(); ++i) {
        const Fix& f = fixes[i];
        bool valid = std::all_of(f.edits.begin(), f.edits.end(),
                                 [&](const Edit& e) { return e.begin <= e.end && e.end <= text.size(); });
        bool conflict = !valid || edits_overlap_each_other(f.edits) ||
                        std::any_of(f.edits.begin(), f.edits.end(), [&](const Edit& e) { return index.conflicts(e); });
        if (conflict) {
            r.deferred.push_back(i);
            continue;
        }
        // An edit identical to one another fix already contributed merges; a fix's own repeated
        // insertions (closing two brackets at one offset) all stay.
        std::vector<const Edit*> added;
        for (const Edit& e : f.edits)
            if (!index.contains(e)) added.push_back(&e);
        for (const Edit* e : added) {
            index.add(e);
            accepted.push_back(e);
        }
        r.applied.push_back(i);
    }
    r.edits.reserve(accepted.size());
    for (const Edit* e : accepted) r.edits.push_back(*e);
    sort_edits(r.edits);
    r.text = apply_sorted(text, r.edits);
    return r;
}

}  // namespace wafix
