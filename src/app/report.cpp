#include "wafix/app/report.hpp"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "wafix/app/discover.hpp"
#include "wafix/core/transform.hpp"
#include "wafix/rules/registry.hpp"

using nlohmann::json;
using nlohmann::ordered_json;

namespace wafix {

std::string display(const std::filesystem::path& p) { return display_path(p).generic_string(); }

TextPosition position_of(std::string_view text, uint32_t offset) {
    TextPosition p;
    for (uint32_t i = 0; i < offset && i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++p.line;
            p.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++p.column;
        }
    }
    return p;
}

namespace {

const RuleInfo* rule_info(const std::string& id) {
    const Transform* t = find_transform(id);
    return t ? &t->info() : nullptr;
}

const char* fix_availability(FixAvailability f) {
    switch (f) {
        case FixAvailability::Always:
            return "always";
        case FixAvailability::Sometimes:
            return "sometimes";
        default:
            return "none";
    }
}

// Visits every finding with its file and whether its fix lands.
template <typename Visit>
void for_each_finding(const RunReport& run, Visit visit) {
    for (const FileResult& r : run.results) {
        if (r.error || !r.source) continue;
        for (size_t i = 0; i < r.findings.size(); ++i)
            visit(r, r.findings[i], i < r.fixed_flags.size() && r.fixed_flags[i]);
    }
}

std::string status_of(const RunReport& run, bool lands) {
    if (!lands) return "needs-human";
    return run.applied ? "fixed" : "fix-pending";
}

ordered_json range_json(std::string_view text, uint32_t begin, uint32_t end) {
    TextPosition b = position_of(text, begin), e = position_of(text, end);
    return {{"start", {{"line", b.line}, {"column", b.column}, {"offset", begin}}},
            {"end", {{"line", e.line}, {"column", e.column}, {"offset", end}}}};
}

}  // namespace

RunCounts count(const RunReport& run) {
    RunCounts c;
    for (const FileResult& r : run.results) {
        if (r.error || !r.source) continue;
        ++c.files;
        c.suppressed += r.suppressed;
    }
    for_each_finding(run, [&](const FileResult&, const Finding& f, bool lands) {
        ++c.findings;
        ++c.by_rule[f.rule];
        if (lands) {
            ++c.fixable;
            ++c.fixable_by_rule[f.rule];
        } else {
            ++c.needs_human;
        }
        if (const RuleInfo* info = rule_info(f.rule))
            for (Pillar p : info->pillars) ++c.by_pillar[std::string(pillar_code(p))];
    });
    return c;
}

std::string render_text(const RunReport& run) {
    std::string out;
    for_each_finding(run, [&](const FileResult& r, const Finding& f, bool lands) {
        TextPosition p = position_of(r.source->text, f.begin);
        out += fmt::format("{}:{}:{}: {} {}{}\n", display(r.path), p.line, p.column, f.rule, lands ? "[*] " : "",
                           f.message);
    });
    for (const FileResult& r : run.results)
        for (const auto& note : r.notes) out += fmt::format("{}:{}\n", display(r.path), note);
    RunCounts c = count(run);
    if (c.findings == 0) {
        out += "wafix: no findings\n";
    } else {
        const char* verb = run.applied ? "fixed" : "fixable with `wafix fix`";
        out += fmt::format("wafix: {} finding{} ({} {} [*], {} need{} a human)\n", c.findings,
                           c.findings == 1 ? "" : "s", c.fixable, verb, c.needs_human, c.needs_human == 1 ? "s" : "");
    }
    return out;
}

std::string render_json(const RunReport& run) {
    ordered_json doc;
    doc["version"] = 1;
    doc["tool"] = {{"name", "wafix"}, {"version", WAFIX_VERSION}};
    doc["command"] = run.command;
    ordered_json findings = ordered_json::array();
    for_each_finding(run, [&](const FileResult& r, const Finding& f, bool lands) {
        std::string_view text = r.source->text;
        const RuleInfo* info = rule_info(f.rule);
        ordered_json j;
        j["rule"] = f.rule;
        j["name"] = info ? info->name : "";
        j["pillars"] = info ? pillar_codes(*info) : std::vector<std::string>{};
        j["file"] = display(r.path);
        j["range"] = range_json(text, f.begin, f.end);
        j["message"] = f.message;
        j["status"] = status_of(run, lands);
        j["fix_availability"] = info ? fix_availability(info->fix) : "none";
        if (!f.functions.empty()) j["functions"] = f.functions;  // application-model ids
        if (f.fix) {
            ordered_json edits = ordered_json::array();
            for (const Edit& e : f.fix->edits)
                edits.push_back({{"range", range_json(text, e.begin, e.end)}, {"content", e.text}});
            j["fix"] = {{"title", f.fix->title},
                        {"safety", f.fix->safety == Safety::Safe ? "safe" : "unsafe"},
                        {"applies", lands},
                        {"edits", edits}};
        } else {
            j["fix"] = nullptr;
        }
        findings.push_back(std::move(j));
    });
    doc["findings"] = findings;
    ordered_json files = ordered_json::array();
    for (const FileResult& r : run.results) {
        if (r.error || !r.changed()) continue;
        files.push_back({{"file", display(r.path)}, {"fixes", r.fixed}});
    }
    doc["changed_files"] = files;
    ordered_json manifests = ordered_json::array();
    for (const ManifestUpdate& m : run.manifests.updates)
        manifests.push_back({{"file", display(m.path)}, {"added", m.added}});
    doc["manifests"] = manifests;
    ordered_json notes = ordered_json::array();
    for (const auto& n : run.manifests.notes) notes.push_back(n);
    for (const FileResult& r : run.results)
        for (const auto& n : r.notes) notes.push_back(display(r.path) + ":" + n);
    doc["notes"] = notes;
    ordered_json errors = ordered_json::array();
    for (const RunError& e : run.errors) errors.push_back({{"file", e.file}, {"message", e.message}});
    doc["errors"] = errors;
    RunCounts c = count(run);
    doc["summary"] = {{"files", c.files},           {"findings", c.findings},
                      {"fixable", c.fixable},       {"needs_human", c.needs_human},
                      {"suppressed", c.suppressed}, {"by_rule", c.by_rule},
                      {"by_pillar", c.by_pillar}};
    return doc.dump(2) + "\n";
}

namespace {

std::string uri_path(const std::string& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

ordered_json sarif_region(std::string_view text, uint32_t begin, uint32_t end) {
    TextPosition b = position_of(text, begin), e = position_of(text, end);
    return {{"startLine", b.line}, {"startColumn", b.column}, {"endLine", e.line}, {"endColumn", e.column}};
}

}  // namespace

std::string render_sarif(const RunReport& run) {
    ordered_json rules = ordered_json::array();
    std::map<std::string, int> rule_index;
    for (const auto& t : all_transforms()) {
        const RuleInfo& i = t->info();
        rule_index[i.id] = static_cast<int>(rules.size());
        std::string doc(rule_doc(i.id));
        std::vector<std::string> tags = pillar_codes(i);
        tags.insert(tags.begin(), "well-architected");
        rules.push_back(
            {{"id", i.id},
             {"name", i.name},
             {"shortDescription", {{"text", i.summary}}},
             {"fullDescription", {{"text", i.summary}}},
             {"help", {{"text", doc.empty() ? i.summary : doc}, {"markdown", doc.empty() ? i.summary : doc}}},
             {"defaultConfiguration", {{"level", "warning"}}},
             {"properties", {{"tags", tags}, {"pillars", pillar_codes(i)}, {"fix", fix_availability(i.fix)}}}});
    }
    ordered_json results = ordered_json::array();
    for_each_finding(run, [&](const FileResult& r, const Finding& f, bool lands) {
        std::string_view text = r.source->text;
        std::string uri = uri_path(display(r.path));
        ordered_json loc = {{"physicalLocation",
                             {{"artifactLocation", {{"uri", uri}, {"uriBaseId", "SRCROOT"}}},
                              {"region", sarif_region(text, f.begin, f.end)}}}};
        ordered_json res = {{"ruleId", f.rule},
                            {"ruleIndex", rule_index.count(f.rule) ? rule_index[f.rule] : -1},
                            {"level", "warning"},
                            {"message", {{"text", f.message}}},
                            {"locations", ordered_json::array({loc})}};
        if (res["ruleIndex"] == -1) res.erase("ruleIndex");
        if (f.fix && lands) {
            ordered_json replacements = ordered_json::array();
            for (const Edit& e : f.fix->edits)
                replacements.push_back(
                    {{"deletedRegion", sarif_region(text, e.begin, e.end)}, {"insertedContent", {{"text", e.text}}}});
            res["fixes"] = ordered_json::array(
                {{{"description", {{"text", f.fix->title}}},
                  {"artifactChanges",
                   ordered_json::array({{{"artifactLocation", {{"uri", uri}, {"uriBaseId", "SRCROOT"}}},
                                         {"replacements", replacements}}})}}});
        }
        const RuleInfo* info = rule_info(f.rule);
        res["properties"] = {{"pillars", info ? pillar_codes(*info) : std::vector<std::string>{}},
                             {"status", status_of(run, lands)}};
        if (!f.functions.empty()) res["properties"]["functions"] = f.functions;
        results.push_back(std::move(res));
    });
    ordered_json notifications = ordered_json::array();
    for (const RunError& e : run.errors) {
        ordered_json n = {{"level", "error"},
                          {"message", {{"text", e.file.empty() ? e.message : e.file + ": " + e.message}}}};
        if (!e.file.empty())
            n["locations"] = ordered_json::array(
                {{{"physicalLocation",
                   {{"artifactLocation", {{"uri", uri_path(e.file)}, {"uriBaseId", "SRCROOT"}}}}}}});
        notifications.push_back(std::move(n));
    }
    std::error_code ec;
    std::string root = uri_path(std::filesystem::current_path(ec).generic_string());
    if (root.empty() || root.back() != '/') root += '/';
    ordered_json doc = {
        {"$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", ordered_json::array({{
                     {"tool", {{"driver", {{"name", "wafix"}, {"version", WAFIX_VERSION}, {"rules", rules}}}}},
                     {"originalUriBaseIds", {{"SRCROOT", {{"uri", "file://" + root}}}}},
                     {"columnKind", "unicodeCodePoints"},
                     {"invocations", ordered_json::array({{{"executionSuccessful", run.errors.empty()},
                                                           {"toolExecutionNotifications", notifications}}})},
                     {"results", results},
                 }})}};
    return doc.dump(2) + "\n";
}

namespace {
std::string gh_escape_data(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else out += c;
    }
    return out;
}
std::string gh_escape_property(const std::string& s) {
    std::string out;
    for (char c : gh_escape_data(s)) {
        if (c == ':') out += "%3A";
        else if (c == ',') out += "%2C";
        else out += c;
    }
    return out;
}
}  // namespace

std::string render_github(const RunReport& run) {
    std::string out;
    for_each_finding(run, [&](const FileResult& r, const Finding& f, bool lands) {
        std::string_view text = r.source->text;
        TextPosition b = position_of(text, f.begin), e = position_of(text, f.end);
        const RuleInfo* info = rule_info(f.rule);
        std::string title = f.rule + (info ? " " + info->name : "") + (lands ? " (fixable)" : "");
        out += fmt::format("::warning file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                           gh_escape_property(display(r.path)), b.line, b.column, e.line, e.column,
                           gh_escape_property(title), gh_escape_data(f.message));
    });
    for (const RunError& e : run.errors)
        out += fmt::format("::error{}::{}\n", e.file.empty() ? "" : " file=" + gh_escape_property(e.file),
                           gh_escape_data(e.message));
    return out;
}

std::string render_statistics(const RunReport& run) {
    RunCounts c = count(run);
    std::string out;
    for (const auto& [rule, n] : c.by_rule) {
        const RuleInfo* info = rule_info(rule);
        int fixable = c.fixable_by_rule.count(rule) ? c.fixable_by_rule.at(rule) : 0;
        out += fmt::format("{:>5}  {}  {:<30} [{}]  {} fixable\n", n, rule, info ? info->name : "",
                           info ? pillars_text(*info) : "", fixable);
    }
    for (const auto& [pillar, n] : c.by_pillar) out += fmt::format("{:>5}  pillar {}\n", n, pillar);
    auto plural = [](int n, const char* many, const char* one) { return n == 1 ? one : many; };
    out += fmt::format("{:>5}  {} in {} {} ({} fixable, {} {} a human, {} suppressed)\n", c.findings,
                       plural(c.findings, "findings", "finding"), c.files, plural(c.files, "files", "file"), c.fixable,
                       c.needs_human, plural(c.needs_human, "need", "needs"), c.suppressed);
    return out;
}

}  // namespace wafix
