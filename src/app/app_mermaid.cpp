// The Mermaid diagram of the application model for `wafix report`: each trigger source (the
// API, queue, bucket, schedule) points at the functions it invokes, labelled with the kind of
// invocation; each function shows its open findings. Self-contained: the report only embeds it.
#include <fmt/format.h>

#include "wafix/app/app_view.hpp"

namespace wafix {

namespace {

// Mermaid labels go in double quotes: quotes and angle brackets become entities.
std::string label(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"') out += "#quot;";
        else if (c == '<') out += "#lt;";
        else if (c == '>') out += "#gt;";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out;
}

}  // namespace

std::string render_app_mermaid(const AppModel& m, const std::map<std::string, int>& findings) {
    std::string out = "flowchart LR\n";
    std::map<std::string, std::string> sources;  // source key -> node id
    for (size_t i = 0; i < m.functions.size(); ++i) {
        const LambdaFunction& f = m.functions[i];
        int n = findings.count(f.id) ? findings.at(f.id) : 0;
        out += fmt::format("  fn{}[\"{}<br/>{}\"]\n", i, label(f.id),
                           n ? fmt::format("{} open finding{}", n, n == 1 ? "" : "s") : std::string("no findings"));
        if (n) out += fmt::format("  class fn{} findings\n", i);
    }
    for (size_t i = 0; i < m.functions.size(); ++i) {
        const LambdaFunction& f = m.functions[i];
        if (f.triggers.empty()) {
            out += fmt::format("  unknown{0}((\"no visible trigger\")) -.-> fn{0}\n", i);
            continue;
        }
        for (const Trigger& t : f.triggers) {
            std::string what = t.source && !t.source->display_name().empty() ? t.source->display_name() : t.via;
            std::string key = t.service + ":" + what;
            auto it = sources.find(key);
            if (it == sources.end()) {
                std::string id = fmt::format("src{}", sources.size());
                it = sources.emplace(key, id).first;
                out += fmt::format("  {}{{{{\"{}<br/>{}\"}}}}\n", id, label(t.service), label(what));
            }
            out += fmt::format("  {} -- {} --> fn{}\n", it->second, invocation_kind_name(t.kind), i);
        }
    }
    out += "  classDef findings fill:#fde2e1,stroke:#c0392b\n";
    return out;
}

}  // namespace wafix
