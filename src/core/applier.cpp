#include "wafix/core/applier.hpp"

#include <algorithm>
#include <stdexcept>

namespace wafix {

namespace {

bool overlaps(const Edit& a, const Edit& b) {
    if (a == b) return false;  // identical edits merge
    bool a_insert = a.begin == a.end, b_insert = b.begin == b.end;
    if (a_insert && b_insert) return a.begin == b.begin;
    if (a_insert) return b.begin < a.begin && a.begin < b.end;
    if (b_insert) return a.begin < b.begin && b.begin < a.end;
    return a.begin < b.end && b.begin < a.end;
}

}  // namespace

std::string apply_edits(std::string_view text, std::vector<Edit> edits) {
    // Stable: edits of one fix at one offset keep their given order.
    std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
        if (a.begin != b.begin) return a.begin < b.begin;
        return a.end < b.end;
    });
    std::string out;
    out.reserve(text.size() + 64);
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

ApplyResult apply_fixes(std::string_view text, const std::vector<Fix>& fixes) {
    ApplyResult r;
    std::vector<Edit> accepted;
    for (size_t i = 0; i < fixes.size(); ++i) {
        const Fix& f = fixes[i];
        bool valid = std::all_of(f.edits.begin(), f.edits.end(),
                                 [&](const Edit& e) { return e.begin <= e.end && e.end <= text.size(); });
        bool conflict = !valid;
        // A fix's own edits may share an insertion point (kept in order) but must not overlap.
        for (size_t a = 0; a < f.edits.size() && !conflict; ++a)
            for (size_t b = a + 1; b < f.edits.size() && !conflict; ++b) {
                const Edit &x = f.edits[a], &y = f.edits[b];
                bool both_insert_here = x.begin == x.end && y.begin == y.end && x.begin == y.begin;
                if (!both_insert_here && x.begin < y.end && y.begin < x.end) conflict = true;
                if (x.begin == x.end && y.begin < x.begin && x.begin < y.end) conflict = true;
                if (y.begin == y.end && x.begin < y.begin && y.begin < x.end) conflict = true;
            }
        for (const Edit& e : f.edits) {
            if (conflict) break;
            for (const Edit& a : accepted)
                if (overlaps(e, a)) {
                    conflict = true;
                    break;
                }
        }
        if (conflict) {
            r.deferred.push_back(i);
            continue;
        }
        // An edit identical to one another fix already contributed merges; a fix's own repeated
        // insertions (closing two brackets at one offset) all stay.
        size_t before = accepted.size();
        for (const Edit& e : f.edits)
            if (std::find(accepted.begin(), accepted.begin() + static_cast<long>(before), e) ==
                accepted.begin() + static_cast<long>(before))
                accepted.push_back(e);
        r.applied.push_back(i);
    }
    r.text = apply_edits(text, std::move(accepted));
    return r;
}

}  // namespace wafix
