#include "wafix/core/python_string.hpp"

#include <cctype>
#include <cstdint>

namespace wafix {

namespace {

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// What \<c> stands for when it stands for one character (\n, \t, \\, quotes ...).
std::optional<char> single_character_escape(char c) {
    switch (c) {
        case '\\':
        case '\'':
        case '"':
            return c;
        case 'a':
            return '\a';
        case 'b':
            return '\b';
        case 'f':
            return '\f';
        case 'n':
            return '\n';
        case 'r':
            return '\r';
        case 't':
            return '\t';
        case 'v':
            return '\v';
        default:
            return std::nullopt;
    }
}

}  // namespace

std::optional<std::string> unescape_string_body(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            out += s[i];
            continue;
        }
        char c = s[++i];
        auto hex = [&](size_t n) -> std::optional<uint32_t> {
            uint32_t v = 0;
            for (size_t k = 1; k <= n; ++k) {
                if (i + k >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + k]))) return std::nullopt;
                char h = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i + k])));
                v = v * 16 + static_cast<uint32_t>(h <= '9' ? h - '0' : h - 'a' + 10);
            }
            i += n;
            return v;
        };
        if (auto one = single_character_escape(c)) {
            out += *one;
            continue;
        }
        switch (c) {
            case '\n':
                break;  // line continuation
            case '\r':
                if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
                break;
            case 'x': {
                auto v = hex(2);
                if (!v) return std::nullopt;
                append_utf8(out, *v);
                break;
            }
            case 'u':
            case 'U': {
                auto v = hex(c == 'u' ? 4 : 8);
                if (!v || *v > 0x10FFFF) return std::nullopt;
                append_utf8(out, *v);
                break;
            }
            case 'N':
                return std::nullopt;
            default:
                if (c >= '0' && c <= '7') {
                    uint32_t v = static_cast<uint32_t>(c - '0');
                    for (int k = 0; k < 2 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7'; ++k)
                        v = v * 8 + static_cast<uint32_t>(s[++i] - '0');
                    append_utf8(out, v);
                } else {
                    out += '\\';
                    out += c;
                }
        }
    }
    return out;
}

}  // namespace wafix
