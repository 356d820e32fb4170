// The properties the fuzzers check, shared with the regression test that replays the inputs
// they found. A violated property aborts with a message (the fuzzer records the input).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "wafix/core/applier.hpp"
#include "wafix/core/diff.hpp"
#include "wafix/core/engine.hpp"
#include "wafix/core/syntax.hpp"
#include "wafix/rules/registry.hpp"

namespace wafix::fuzz {

[[noreturn]] inline void violated(const char* what) {
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
}

// Applies a unified diff as `patch` would (exact context), to prove the renderer's output.
inline std::string apply_unified_diff(std::string_view old_text, std::string_view patch) {
    std::vector<std::string> old_lines;
    for (size_t pos = 0; pos < old_text.size();) {
        size_t nl = old_text.find('\n', pos);
        size_t end = nl == std::string_view::npos ? old_text.size() : nl + 1;
        old_lines.emplace_back(old_text.substr(pos, end - pos));
        pos = end;
    }
    std::vector<std::string> patch_lines;
    for (size_t pos = 0; pos < patch.size();) {
        size_t nl = patch.find('\n', pos);
        size_t end = nl == std::string_view::npos ? patch.size() : nl + 1;
        patch_lines.emplace_back(patch.substr(pos, end - pos));
        pos = end;
    }
    std::string out;
    size_t next_old = 0;  // 0-based index of the next old line not yet copied
    for (size_t i = 0; i < patch_lines.size(); ++i) {
        const std::string& l = patch_lines[i];
        if (l.rfind("@@ -", 0) != 0) continue;
        size_t a = std::stoul(l.substr(4)), comma = l.find(','), space = l.find(' ', 4);
        size_t count = comma < space ? std::stoul(l.substr(comma + 1)) : 1;
        size_t start = count == 0 ? a : a - 1;
        for (; next_old < start; ++next_old) out += old_lines.at(next_old);
        std::string hunk_out;
        char previous = 0;  // the marker applies to the line before it, which may be a removed one
        for (++i; i < patch_lines.size() && patch_lines[i].rfind("@@ -", 0) != 0; ++i) {
            const std::string& h = patch_lines[i];
            if (h.rfind("diff --git", 0) == 0) break;
            if (h.rfind("\\ No newline", 0) == 0) {
                if (previous != '-' && !hunk_out.empty() && hunk_out.back() == '\n') hunk_out.pop_back();
                continue;
            }
            previous = h[0];
            std::string body = h.substr(1);
            if (h[0] == ' ') {
                if (old_lines.at(next_old) != body && old_lines.at(next_old) + "\n" != body)
                    violated("context mismatch");
                hunk_out += body;
                ++next_old;
            } else if (h[0] == '-') {
                ++next_old;
            } else if (h[0] == '+') {
                hunk_out += body;
            }
        }
        --i;
        out += hunk_out;
    }
    for (; next_old < old_lines.size(); ++next_old) out += old_lines[next_old];
    return out;
}

// Whole pipeline: bytes in, findings and fixes out.
inline void check_pipeline(std::string_view bytes) {
    auto loaded = source_from_bytes("fuzz.py", std::string(bytes));
    if (!loaded.file) return;
    EngineOptions options;
    options.unsafe_fixes = true;
    FileResult r = process_source(*loaded.file, options);
    if (r.error || !r.changed()) return;
    for (const auto& n : r.notes)
        if (n.find("did not converge") != std::string::npos) return;  // reported, not a bug
    Parser parser;
    if (parser.parse(loaded.file->text).has_error()) violated("a file with syntax errors was changed");
    if (parser.parse(r.fixed_text).has_error()) violated("the fixed output does not parse");
    auto second = source_from_bytes("fuzz.py", r.fixed_text);
    if (!second.file) violated("the fixed output is not valid UTF-8");
    if (process_source(*second.file, options).changed()) violated("a second run changed the output");
    std::string patch = render_file_diff("fuzz.py", loaded.file->text, r.fixed_text);
    if (apply_unified_diff(loaded.file->text, patch) != r.fixed_text) violated("the diff does not reproduce the fix");
}

// Applier and renderer: text plus edits described by the remaining bytes.
inline void check_edits(std::string_view bytes) {
    if (bytes.size() < 2) return;
    size_t split = static_cast<unsigned char>(bytes[0]) % bytes.size();
    std::string_view text = bytes.substr(1, split),
                     program = bytes.substr(1 + split > bytes.size() ? bytes.size() : 1 + split);
    std::vector<Fix> fixes;
    for (size_t i = 0; i + 4 <= program.size(); i += 4) {
        auto b = static_cast<uint32_t>(static_cast<unsigned char>(program[i]) % (text.size() + 2));
        auto len = static_cast<uint32_t>(static_cast<unsigned char>(program[i + 1]) % 4);
        std::string ins(program.substr(i + 3, static_cast<unsigned char>(program[i + 2]) % 3));
        if (fixes.empty() || program[i + 2] & 0x40) fixes.emplace_back();
        fixes.back().edits.push_back({b, b + len, ins});
    }
    ApplyResult r = apply_fixes(text, fixes);  // must never throw
    if (r.applied.size() + r.deferred.size() != fixes.size()) violated("a fix was neither applied nor deferred");
    std::string patch = render_file_diff("f", text, r.text);
    if ((patch.empty()) != (std::string_view(r.text) == text)) violated("empty diff for a change, or a diff for none");
    if (apply_unified_diff(text, patch) != r.text) violated("the diff does not reproduce the edit");
}

}  // namespace wafix::fuzz
