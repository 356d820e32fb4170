#include "wafix/core/names.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

namespace wafix {

std::vector<std::string> identifier_words(std::string_view name) {
    std::vector<std::string> words;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) words.push_back(cur);
        cur.clear();
    };
    for (size_t i = 0; i < name.size(); ++i) {
        unsigned char ch = static_cast<unsigned char>(name[i]);
        if (!std::isalnum(ch)) {
            flush();
            continue;
        }
        if (!cur.empty() && std::isupper(ch)) {
            unsigned char prev = static_cast<unsigned char>(name[i - 1]);
            bool next_lower = i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]));
            // camelCase boundary, or the last capital of an acronym before a word ("APIKey").
            if (std::islower(prev) || std::isdigit(prev) || (std::isupper(prev) && next_lower)) flush();
        }
        cur += static_cast<char>(std::tolower(ch));
    }
    flush();
    return words;
}

std::string snake_case(std::string_view name) {
    std::string out;
    for (const auto& w : identifier_words(name)) out += (out.empty() ? "" : "_") + w;
    return out;
}

bool is_python_keyword(std::string_view word) {
    static constexpr std::array<std::string_view, 39> keywords = {
        "False",    "None",   "True",  "and",  "as",     "assert",   "async",   "await", "break", "class",
        "continue", "def",    "del",   "elif", "else",   "except",   "finally", "for",   "from",  "global",
        "if",       "import", "in",    "is",   "lambda", "nonlocal", "not",     "or",    "pass",  "raise",
        "return",   "try",    "while", "with", "yield",  "match",    "case",    "type",  "_"};
    return std::find(keywords.begin(), keywords.end(), word) != keywords.end();
}

bool word_in_text(std::string_view text, std::string_view word) {
    auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    for (size_t pos = text.find(word); pos != std::string_view::npos; pos = text.find(word, pos + 1)) {
        bool left = pos == 0 || !ident(text[pos - 1]);
        bool right = pos + word.size() >= text.size() || !ident(text[pos + word.size()]);
        if (left && right) return true;
    }
    return false;
}

std::string fresh_name(std::string_view text, std::string_view base, std::string_view avoid) {
    std::string name(base);
    for (int i = 2; word_in_text(text, name) || name == avoid; ++i) name = fmt::format("{}_{}", base, i);
    return name;
}

std::string first_unbound(const SemanticModel& model, int scope, std::initializer_list<std::string_view> candidates) {
    if (scope < 0) return {};
    for (std::string_view c : candidates)
        if (!model.lookup(std::string(c), scope)) return std::string(c);
    return {};
}

}  // namespace wafix
