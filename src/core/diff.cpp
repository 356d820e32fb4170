#include "wafix/core/diff.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "wafix/core/line_diff.hpp"
#include "wafix/core/text.hpp"

namespace wafix {

namespace {

using Op = LineOp;
struct Step {
    Op op;
    std::string_view line;
    size_t old_index;  // 0-based position in old (for Add: lines of old before it)
    size_t new_index;
};

constexpr const char* kRed = "\x1b[31m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kCyan = "\x1b[36m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";

std::string redacted(std::string_view body, const std::vector<std::string>& redact) {
    std::string out(body);
    for (const auto& r : redact) {
        if (r.empty()) continue;
        for (size_t at = out.find(r); at != std::string::npos; at = out.find(r, at + 4))
            out.replace(at, r.size(), "****");
    }
    return out;
}

void emit_line(std::string& out, char prefix, std::string_view line, bool color,
               const std::vector<std::string>& redact) {
    bool has_nl = !line.empty() && line.back() == '\n';
    std::string masked;
    std::string_view body = has_nl ? line.substr(0, line.size() - 1) : line;
    if (!redact.empty()) {
        masked = redacted(body, redact);
        body = masked;
    }
    if (color && prefix != ' ') {
        // Keep a CR inside the colour so the terminal reset does not land mid-terminator.
        out += prefix == '-' ? kRed : kGreen;
        out += prefix;
        out.append(body);
        out += kReset;
    } else {
        out += prefix;
        out.append(body);
    }
    out += '\n';
    if (!has_nl) out += "\\ No newline at end of file\n";
}

}  // namespace

// git's quote_c_style with core.quotePath on (its default): a name holding a control character,
// a double quote, a backslash or a byte of 0x7f and above is written in double quotes, with C
// escapes for \a \b \t \n \v \f \r \" \\ and three octal digits for the other bytes.
std::string git_quoted_path(std::string_view prefix, std::string_view path) {
    std::string name = std::string(prefix) + std::string(path);
    auto must_quote = [](unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c >= 0x7f; };
    if (std::none_of(name.begin(), name.end(), [&](char c) { return must_quote(static_cast<unsigned char>(c)); }))
        return name;
    std::string out = "\"";
    for (char ch : name) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (!must_quote(c)) {
            out += ch;
            continue;
        }
        out += '\\';
        switch (c) {
            case '\a':
                out += 'a';
                break;
            case '\b':
                out += 'b';
                break;
            case '\t':
                out += 't';
                break;
            case '\n':
                out += 'n';
                break;
            case '\v':
                out += 'v';
                break;
            case '\f':
                out += 'f';
                break;
            case '\r':
                out += 'r';
                break;
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            default:
                out += fmt::format("{:03o}", c);
        }
    }
    out += '"';
    return out;
}

std::string render_file_diff(std::string_view path, std::string_view old_bytes, std::string_view new_bytes,
                             const DiffOptions& options) {
    if (old_bytes == new_bytes) return {};
    auto a = split_lines(old_bytes), b = split_lines(new_bytes);
    std::vector<Step> steps;
    for (const LineStep& l : diff_lines(a, b))
        steps.push_back({l.op, l.op == Op::Add ? b[l.new_index] : a[l.old_index], l.old_index, l.new_index});

    std::string out;
    bool color = options.color;
    // An absolute path is written as git writes one (`a/tmp/x.py`), not `a//tmp/x.py`.
    std::string_view shown = path.substr(std::min(path.find_first_not_of('/'), path.size()));
    std::string a_path = git_quoted_path("a/", shown), b_path = git_quoted_path("b/", shown);
    // git ends the ---/+++ names with a tab when the name holds a space (patch(1) reads to the tab).
    const char* tab = shown.find(' ') != std::string_view::npos ? "\t" : "";
    std::string header = fmt::format("diff --git {0} {1}\n--- {0}{2}\n+++ {1}{2}\n", a_path, b_path, tab);
    if (color) out += kBold + header + kReset;
    else out += header;

    const size_t ctx = static_cast<size_t>(std::max(0, options.context));
    size_t i = 0;
    while (i < steps.size()) {
        while (i < steps.size() && steps[i].op == Op::Common) ++i;
        if (i == steps.size()) break;
        size_t start = i >= ctx ? i - ctx : 0;
        // Extend while the next change is within 2*context common lines.
        size_t end = i;
        while (true) {
            while (end < steps.size() && steps[end].op != Op::Common) ++end;
            size_t common = 0;
            while (end + common < steps.size() && steps[end + common].op == Op::Common) ++common;
            if (end + common < steps.size() && common <= 2 * ctx) {
                end += common;
                continue;
            }
            end = std::min(steps.size(), end + ctx);
            break;
        }
        size_t old_count = 0, new_count = 0;
        for (size_t k = start; k < end; ++k) {
            if (steps[k].op != Op::Add) ++old_count;
            if (steps[k].op != Op::Delete) ++new_count;
        }
        // Start lines are 1-based; an empty side names the line before it (0 at the top).
        size_t old_start = steps[start].old_index + (old_count ? 1 : 0);
        size_t new_start = steps[start].new_index + (new_count ? 1 : 0);
        std::string hunk = fmt::format("@@ -{},{} +{},{} @@", old_start, old_count, new_start, new_count);
        if (color) out += kCyan + hunk + kReset + "\n";
        else out += hunk + "\n";
        for (size_t k = start; k < end; ++k)
            emit_line(out,
                      steps[k].op == Op::Common   ? ' '
                      : steps[k].op == Op::Delete ? '-'
                                                  : '+',
                      steps[k].line, color, options.redact);
        i = end;
    }
    return out;
}

}  // namespace wafix
