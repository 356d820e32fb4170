// The Well-Architected report as one self-contained HTML page: counts, a chart of findings by
// pillar, and one table of every finding that sorts by any column and filters by rule, pillar,
// severity and file. Messages are Markdown, rendered with cmark (raw HTML in them is dropped).
#include <algorithm>
#include <cstdlib>
#include <set>
#include <tuple>

#include <cmark.h>
#include <fmt/format.h>

#include "html_report_assets.hpp"
#include "wafix/app/app_view.hpp"
#include "wafix/app/report.hpp"
#include "wafix/core/transform.hpp"
#include "wafix/rules/registry.hpp"

namespace wafix {

namespace {

struct Row {
    std::string rule, name, pillars, file, message;
    uint32_t line;
    bool lands;
};

// wafix reports every finding at SARIF level "warning" (report.cpp); the column shows the same.
constexpr const char* kSeverity = "warning";

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// A message's Markdown as inline HTML: cmark's paragraph wrapper is removed.
std::string markdown(const std::string& text) {
    char* rendered = cmark_markdown_to_html(text.data(), text.size(), CMARK_OPT_DEFAULT);
    std::string html = rendered ? rendered : "";
    std::free(rendered);
    while (!html.empty() && html.back() == '\n') html.pop_back();
    if (html.rfind("<p>", 0) == 0 && html.size() >= 7 && html.compare(html.size() - 4, 4, "</p>") == 0 &&
        html.find("<p>", 3) == std::string::npos)
        html = html.substr(3, html.size() - 7);
    return html;
}

std::vector<Row> all_rows(const RunReport& run) {
    std::vector<Row> rows;
    for (const FileResult& r : run.results) {
        if (r.error || !r.source) continue;
        for (size_t i = 0; i < r.findings.size(); ++i) {
            const Finding& f = r.findings[i];
            const Transform* t = find_transform(f.rule);
            if (!t) continue;
            std::string pillars;
            for (const std::string& code : pillar_codes(t->info())) pillars += (pillars.empty() ? "" : " ") + code;
            rows.push_back({f.rule, t->info().name, pillars, display(r.path), f.message,
                            position_of(r.source->text, f.begin).line, i < r.fixed_flags.size() && r.fixed_flags[i]});
        }
    }
    // The order the table says it has: by file, then line.
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row& a, const Row& b) { return std::tie(a.file, a.line) < std::tie(b.file, b.line); });
    return rows;
}

bool in_pillar(const Row& r, std::string_view id) {
    return (" " + r.pillars + " ").find(" " + std::string(id) + " ") != std::string::npos;
}

// Horizontal bars per pillar, split into fixable (green) and needs-a-human (amber).
std::string pillar_chart(const std::vector<Row>& rows) {
    constexpr int kLabel = 235, kBar = 380, kRow = 30;
    size_t most = 1;
    for (Pillar p : kAllPillars)
        most = std::max<size_t>(
            most, std::count_if(rows.begin(), rows.end(), [&](const Row& r) { return in_pillar(r, pillar_code(p)); }));
    std::string out = fmt::format(
        "<svg id=\"pillar-chart\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 {} {}\">"
        "<title id=\"chart-title\">Findings by Well-Architected pillar</title>\n",
        kLabel + kBar + 60, kRow * std::size(kAllPillars) + 6);
    int y = 4;
    for (Pillar p : kAllPillars) {
        int fixable = 0, human = 0;
        for (const Row& r : rows)
            if (in_pillar(r, pillar_code(p))) ++(r.lands ? fixable : human);
        int wf = static_cast<int>(size_t{kBar} * fixable / most), wh = static_cast<int>(size_t{kBar} * human / most);
        out += fmt::format("<g class=\"bar\" data-pillar=\"{}\" data-count=\"{}\">", pillar_code(p), fixable + human);
        out += fmt::format("<text x=\"0\" y=\"{}\">{} ({})</text>", y + 16, pillar_title(p), pillar_code(p));
        if (fixable + human == 0)
            out += fmt::format("<rect class=\"none\" x=\"{}\" y=\"{}\" width=\"2\" height=\"20\"/>", kLabel, y);
        if (wf > 0)
            out += fmt::format(
                "<rect class=\"fixable\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"20\"><title>{} fixable</title></rect>",
                kLabel, y, wf, fixable);
        if (wh > 0)
            out += fmt::format(
                "<rect class=\"human\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"20\"><title>{} need a "
                "human</title></rect>",
                kLabel + wf, y, wh, human);
        out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text></g>\n", kLabel + wf + wh + 6, y + 16, fixable + human);
        y += kRow;
    }
    return out + "</svg>\n";
}

std::string select_for(const std::string& label, const std::string& filter, const std::set<std::string>& values) {
    std::string out = fmt::format("<label>{}<select data-filter=\"{}\"><option value=\"\">all</option>", label, filter);
    for (const auto& v : values) out += fmt::format("<option>{}</option>", escape(v));
    return out + "</select></label>\n";
}

std::string filters(const std::vector<Row>& rows) {
    std::set<std::string> rules, pillars, severities{kSeverity}, files;
    for (const Row& r : rows) {
        rules.insert(r.rule);
        files.insert(r.file);
    }
    for (Pillar p : kAllPillars)
        if (std::any_of(rows.begin(), rows.end(), [&](const Row& r) { return in_pillar(r, pillar_code(p)); }))
            pillars.emplace(pillar_code(p));
    return "<form id=\"filters\" onsubmit=\"return false\">\n" + select_for("Rule", "rule", rules) +
           select_for("Pillar", "pillar", pillars) + select_for("Severity", "severity", severities) +
           select_for("File", "file", files) + "<output id=\"shown\"></output></form>\n";
}

std::string findings_table(const std::vector<Row>& rows, const char* fixed_word) {
    std::string out =
        "<table id=\"findings\"><thead><tr>"
        "<th class=\"c-rule\" data-sort=\"rule\" aria-sort=\"none\"><button>rule</button></th>"
        "<th class=\"c-pillar\" data-sort=\"pillar\" aria-sort=\"none\"><button>pillar</button></th>"
        "<th class=\"c-severity\" data-sort=\"severity\" aria-sort=\"none\"><button>severity</button></th>"
        "<th class=\"c-where\" data-sort=\"where\" aria-sort=\"ascending\"><button>where</button></th>"
        "<th class=\"c-finding\">finding</th>"
        "<th class=\"c-fix\" data-sort=\"fix\" aria-sort=\"none\"><button>fix</button></th></tr></thead><tbody>\n";
    for (const Row& r : rows)
        out += fmt::format(
            "<tr data-rule=\"{0}\" data-pillar=\"{1}\" data-severity=\"{2}\" data-file=\"{3}\" data-line=\"{4}\" "
            "data-fix=\"{5}\"><td>{0} {6}</td><td>{1}</td><td>{2}</td><td><a href=\"{3}#L{4}\">{3}:{4}</a></td>"
            "<td class=\"msg\">{7}</td><td class=\"{8}\">{5}</td></tr>\n",
            r.rule, r.pillars, kSeverity, escape(r.file), r.line, r.lands ? fixed_word : "needs a human", r.name,
            markdown(r.message), r.lands ? "auto" : "human");
    return out + "</tbody></table>\n";
}

}  // namespace

std::string render_html_report(const RunReport& run) {
    RunCounts c = count(run);
    const char* fixed_word = run.applied ? "fixed automatically" : "fixable automatically";
    std::vector<Row> rows = all_rows(run);
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>Well-Architected review</title>\n<style>{}</style></head><body><main>\n"
        "<h1>Well-Architected review</h1>\n",
        html_assets::kStyle);
    out += fmt::format("<p>Generated by wafix {} from the code: {} files analysed.</p>\n", WAFIX_VERSION, c.files);
    out += fmt::format(
        "<table class=\"counts\"><tr><th>Findings</th><td>{}</td></tr><tr><th>{}</th><td>{}</td></tr>"
        "<tr><th>Needs a human</th><td>{}</td></tr><tr><th>Suppressed by comments</th><td>{}</td></tr></table>\n",
        c.findings, fixed_word, c.fixable, c.needs_human, c.suppressed);
    out += render_app_section_html(run);
    out += "<h2>Findings by pillar</h2>\n" + pillar_chart(rows);
    out += fmt::format(
        "<p class=\"legend\"><span class=\"fixable\">{}</span><span class=\"human\">needs a human</span></p>\n",
        fixed_word);
    out += "<h2>Findings</h2>\n";
    if (rows.empty()) out += "<p>No findings.</p>\n";
    else out += filters(rows) + findings_table(rows, fixed_word);
    if (!run.errors.empty()) {
        out += "<h2>Files wafix could not analyse</h2>\n<ul>\n";
        for (const RunError& e : run.errors)
            out += fmt::format("<li>{}{}</li>\n", e.file.empty() ? "" : escape(e.file) + ": ", escape(e.message));
        out += "</ul>\n";
    }
    out += fmt::format("</main><script>{}</script></body></html>\n", html_assets::kScript);
    return out;
}

}  // namespace wafix
