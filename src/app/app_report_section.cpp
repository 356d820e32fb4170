// The report's "Application" section: the Mermaid diagram of functions, their triggers and open
// findings (Markdown: a mermaid code block GitHub renders; HTML: the same source in a
// <pre class="mermaid"> for pages that load Mermaid, and a table that needs no script). Empty
// when the run's model has no function, so reports of plain libraries are unchanged.
#include <fmt/format.h>

#include "wafix/app/app_view.hpp"
#include "wafix/app/discover.hpp"

namespace wafix {

namespace {

std::string escape_html(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

std::string triggers_text(const LambdaFunction& f) {
    if (f.triggers.empty()) return "unknown (none visible)";
    std::string out;
    for (const Trigger& t : f.triggers)
        out += (out.empty() ? "" : "; ") + fmt::format("{} {}", invocation_kind_name(t.kind), t.service) +
               (t.source && !t.source->display_name().empty() ? " from " + t.source->display_name() : "");
    return out;
}

}  // namespace

std::string render_app_section_markdown(const RunReport& run) {
    if (!run.model || run.model->functions.empty()) return {};
    auto findings = findings_per_function(run);
    std::string out = "## Application\n\n";
    out += fmt::format("{} Lambda function{} (`wafix app` prints the model; docs/app-model.md).\n\n",
                       run.model->functions.size(), run.model->functions.size() == 1 ? "" : "s");
    out += "```mermaid\n" + render_app_mermaid(*run.model, findings) + "```\n\n";
    return out;
}

std::string render_app_section_html(const RunReport& run) {
    if (!run.model || run.model->functions.empty()) return {};
    auto findings = findings_per_function(run);
    std::string out = "<h2>Application</h2>\n";
    out += "<pre class=\"mermaid\">\n" + escape_html(render_app_mermaid(*run.model, findings)) + "</pre>\n";
    out += "<table><tr><th>function</th><th>handler</th><th>triggers</th><th>open findings</th></tr>\n";
    for (const LambdaFunction& f : run.model->functions) {
        int n = findings.count(f.id) ? findings.at(f.id) : 0;
        std::string handler = f.code.resolved()
                                  ? display_path(f.code.handler_file).generic_string() + ":" + f.code.handler_function
                                  : f.code.path_as_written;
        out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", escape_html(f.id),
                           escape_html(handler), escape_html(triggers_text(f)), n);
    }
    out += "</table>\n";
    return out;
}

}  // namespace wafix
