// The pull request's title and Markdown body, written from the plan and the rules' docs. The
// body holds secret ids, never values, and no timestamp: an unchanged plan gives the same bytes,
// which is what lets a rerun see that the pull request is current.
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "wafix/core/transform.hpp"
#include "wafix/pr/pr_command.hpp"
#include "wafix/rules/registry.hpp"

namespace wafix::pr {

namespace {

std::string pillar_names(const RuleInfo& info) {
    std::string out;
    for (Pillar p : info.pillars) out += (out.empty() ? "" : ", ") + std::string(pillar_title(p));
    return out;
}

std::string quoted_ids(const std::vector<MovedSecret>& secrets) {
    std::string ids;
    for (const MovedSecret& s : secrets) ids += (ids.empty() ? "`" : ", `") + s.id + "`";
    return ids;
}

// The rule's own note (RuleInfo::pr_note) for the "Before merging" list, if it has one here.
std::optional<std::string> rule_note(const RuleCommit& c) {
    const Transform* t = find_transform(c.rule);
    if (!t || !t->info().pr_note) return std::nullopt;
    const PrNote& note = *t->info().pr_note;
    std::string text = note.text;
    constexpr std::string_view kIds = "{secret_ids}";
    if (size_t at = text.find(kIds); at != std::string::npos) {
        if (c.secrets.empty()) return std::nullopt;
        text.replace(at, kIds.size(), quoted_ids(c.secrets));
    }
    return fmt::format("**{} ({}).** {}", note.title, c.rule, text);
}

// The first paragraph of a doc's "## <title>" section, its lines joined; a list that the paragraph
// contains or introduces (ends with ':') follows as nested Markdown items.
std::string doc_paragraph(std::string_view doc, std::string_view title) {
    std::string heading = "## " + std::string(title) + "\n";
    size_t at = doc.find(heading);
    if (at == std::string_view::npos) return {};
    size_t pos = at + heading.size();
    std::string text;
    std::vector<std::string> items;
    bool blank_seen = false;
    while (pos < doc.size()) {
        size_t nl = doc.find('\n', pos);
        std::string_view line = doc.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? doc.size() : nl + 1;
        if (line.substr(0, 2) == "##" || line.substr(0, 3) == "```") break;
        if (line.empty()) {
            // After the paragraph, only a list it introduces belongs to it.
            if (!items.empty() || text.empty() || text.back() != ':' || blank_seen) break;
            blank_seen = true;
            continue;
        }
        if (line.substr(0, 2) == "- ") items.emplace_back(line.substr(2));
        else if (!items.empty() && line.substr(0, 2) == "  ") items.back() += " " + std::string(line.substr(2));
        else if (!items.empty() || blank_seen) break;
        else text += (text.empty() ? "" : " ") + std::string(line);
    }
    for (const auto& item : items) text += "\n  - " + item;
    return text;
}

std::string plural(size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

std::string rule_list(const FamilyPlan& plan) {
    std::string out;
    for (const RuleCommit& c : plan.commits) out += (out.empty() ? "" : ", ") + c.rule;
    return out;
}

void rule_section(std::string& out, const RuleCommit& c) {
    const Transform* t = find_transform(c.rule);
    const RuleInfo* info = t ? &t->info() : nullptr;
    std::string doc(rule_doc(c.rule));
    out += fmt::format("### {} {}\n\n", c.rule, info ? info->name : "");
    if (info) out += fmt::format("- **Well-Architected pillar:** {}\n", pillar_names(*info));
    out += fmt::format("- **Found:** {}; {} fixed here, {} left for a human ({})\n",
                       plural(c.found, "finding", "findings"), c.fixed, c.left.size(), info ? info->summary : "");
    if (std::string why = doc_paragraph(doc, "Why is this bad"); !why.empty())
        out += fmt::format("- **Why it matters:** {}\n", why);
    std::string what = doc_paragraph(doc, "What it does");
    out += fmt::format("- **The fix:** {}\n", what.empty() && info ? info->summary : what);
    std::string safety = doc_paragraph(doc, "Fix safety");
    out += fmt::format("- **Safety:** {}{}\n",
                       c.unsafe ? "includes fixes marked unsafe (applied because unsafe fixes are enabled)" : "safe",
                       safety.empty() ? "" : ". " + safety);
    out += "- **Files touched:**\n";
    for (const FileChange& ch : c.spec.changes) {
        auto it = c.fixes_per_file.find(ch.path);
        if (it != c.fixes_per_file.end()) {
            out += fmt::format("  - `{}` ({})\n", ch.path, plural(it->second, "fix", "fixes"));
            continue;
        }
        std::string added;
        for (const DependencyAdded& d : c.dependencies)
            if (d.manifest == ch.path)
                for (const auto& r : d.requirements) added += (added.empty() ? "`" : ", `") + r + "`";
        out += fmt::format("  - `{}` ({})\n", ch.path, added.empty() ? "updated" : "adds " + added);
    }
    if (!c.per_function.empty()) {
        out += "- **By Lambda function:**\n";
        for (const auto& [fn, counts] : c.per_function)
            out += fmt::format("  - `{}`: {} fixed, {} left for a human\n", fn, counts.first, counts.second);
    }
    if (!c.secrets.empty()) {
        out += "- **Now read from AWS Secrets Manager:**\n";
        for (const MovedSecret& s : c.secrets)
            out += fmt::format("  - `{}` ({}, was in `{}` line {}){}\n", s.id, s.kind, s.file, s.line,
                               s.access.empty() ? "" : ": " + s.access);
    }
    if (!c.left.empty()) {
        out += "- **Left for a human:**\n";
        for (const LeftFinding& f : c.left) out += fmt::format("  - `{}:{}`: {}\n", f.file, f.line, f.message);
    }
    out += "\n";
}

}  // namespace

std::string family_marker(std::string_view family) { return fmt::format("<!-- wafix:family={} -->", family); }

std::optional<std::string> marker_family(std::string_view body) {
    constexpr std::string_view open = "<!-- wafix:family=";
    size_t at = body.find(open);
    if (at == std::string_view::npos) return std::nullopt;
    size_t end = body.find(" -->", at);
    if (end == std::string_view::npos) return std::nullopt;
    std::string family(body.substr(at + open.size(), end - at - open.size()));
    if (family.empty() || family.find_first_of(" \n<>") != std::string::npos) return std::nullopt;
    return family;
}

std::string pr_title(const FamilyPlan& plan) {
    int fixed = 0;
    for (const RuleCommit& c : plan.commits) fixed += c.fixed;
    return fmt::format("wafix({}): fix {} of {}", plan.family, plural(fixed, "finding", "findings"), rule_list(plan));
}

std::string pr_body(const FamilyPlan& plan, const std::string& base) {
    int found = 0, fixed = 0;
    for (const RuleCommit& c : plan.commits) {
        found += c.found;
        fixed += c.fixed;
    }
    std::string out = family_marker(plan.family) + "\n";
    out += fmt::format(
        "wafix found {} of {} on `{}` and fixes {} on this branch, one commit per rule "
        "(the same edits `wafix fix` makes).\n\n",
        plural(found, "finding", "findings"), rule_list(plan), base, fixed);
    out += "| Rule | Pillar | Found | Fixed | Left for a human | Safety |\n|---|---|---|---|---|---|\n";
    for (const RuleCommit& c : plan.commits) {
        const Transform* t = find_transform(c.rule);
        out += fmt::format("| {} {} | {} | {} | {} | {} | {} |\n", c.rule, t ? t->info().name : "",
                           t ? pillar_names(t->info()) : "", c.found, c.fixed, c.left.size(),
                           c.unsafe ? "unsafe" : "safe");
    }
    out += "\n";
    for (const RuleCommit& c : plan.commits) rule_section(out, c);

    std::vector<std::string> checks;
    for (const RuleCommit& c : plan.commits) {
        if (auto note = rule_note(c)) checks.push_back(*note);
        for (const DependencyAdded& d : c.dependencies) {
            std::string reqs;
            for (const auto& r : d.requirements) reqs += (reqs.empty() ? "`" : ", `") + r + "`";
            checks.push_back(
                fmt::format("**New dependency ({}).** {} added to `{}`: make sure the build and the "
                            "deployment package install it (and update any lock file).",
                            c.rule, reqs, d.manifest));
        }
        for (const auto& n : c.notes) checks.push_back(fmt::format("**Dependency not added ({}).** {}", c.rule, n));
        if (!c.left.empty())
            checks.push_back(
                fmt::format("**{} left for a human ({}).** Listed above; this pull request does not "
                            "change them.",
                            plural(c.left.size(), "finding", "findings"), c.rule));
    }
    checks.emplace_back("Run the project's tests on this branch.");
    out += "### Before merging\n\n";
    for (const auto& ch : checks) out += "- [ ] " + ch + "\n";
    out += fmt::format(
        "\n---\nOpened by `wafix pr`. A rerun keeps this branch current on `{}`; it rewrites the branch only while "
        "every commit on it is wafix's, so push a commit of your own and wafix leaves the branch alone. When the "
        "findings are gone from `{}`, wafix closes this pull request with a comment.\n",
        base, base);
    return out;
}

std::string stale_comment(const std::string& family, const std::string& base) {
    return fmt::format(
        "wafix finds nothing left to fix for `{}` on `{}`: the findings are gone from `{}` (fixed by "
        "hand or merged). Closing this pull request; wafix opens a new one if they come back.",
        family, base, base);
}

}  // namespace wafix::pr
