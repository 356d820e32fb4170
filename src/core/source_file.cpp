#include "wafix/core/source_file.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

namespace wafix {

std::string SourceFile::bytes_for(std::string_view new_text) const {
    std::string out;
    if (has_bom) out = "\xEF\xBB\xBF";
    size_t start = out.size();
    out.append(new_text);
    if (cr_only) std::replace(out.begin() + static_cast<std::ptrdiff_t>(start), out.end(), '\n', '\r');
    return out;
}

std::optional<size_t> find_invalid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    size_t n = s.size(), i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len;
        uint32_t cp;
        if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
        else return i;
        if (i + len > n) return i;
        for (size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::nullopt;
}

std::string detect_eol(std::string_view s) {
    size_t crlf = 0, lf = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\n') continue;
        if (i > 0 && s[i - 1] == '\r') ++crlf;
        else ++lf;
    }
    return crlf > lf ? "\r\n" : "\n";
}

LoadResult source_from_bytes(const std::filesystem::path& path, std::string bytes) {
    LoadResult r;
    auto starts = [&](const char* prefix, size_t len) {
        return bytes.size() >= len && std::memcmp(bytes.data(), prefix, len) == 0;
    };
    if (starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2)) {
        r.error = LoadError{"UTF-16/UTF-32 encoded file: only UTF-8 is supported"};
        return r;
    }
    if (bytes.find('\0') != std::string::npos) {
        r.error = LoadError{"binary file (contains NUL bytes)"};
        return r;
    }
    SourceFile f;
    f.path = path;
    if (starts("\xEF\xBB\xBF", 3)) {
        f.has_bom = true;
        bytes.erase(0, 3);
    }
    if (auto bad = find_invalid_utf8(bytes)) {
        r.error =
            LoadError{"not valid UTF-8 (first bad byte at offset " + std::to_string(*bad + (f.has_bom ? 3 : 0)) + ")"};
        return r;
    }
    f.eol = detect_eol(bytes);
    if (bytes.find('\n') == std::string::npos && bytes.find('\r') != std::string::npos) {
        // No LF at all: the CRs are the line endings. The text is parsed and edited with LF.
        f.cr_only = true;
        std::replace(bytes.begin(), bytes.end(), '\r', '\n');
    }
    f.text = std::move(bytes);
    r.file = std::move(f);
    return r;
}

LoadResult load_source(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        LoadResult r;
        r.error = LoadError{"is a directory, not a file"};
        return r;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        LoadResult r;
        r.error = LoadError{std::string("cannot be read: ") + std::strerror(errno)};
        return r;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        LoadResult r;
        r.error = LoadError{std::string("read error: ") + std::strerror(errno)};
        return r;
    }
    return source_from_bytes(path, std::move(ss).str());
}

}  // namespace wafix
