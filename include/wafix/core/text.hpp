// Splitting text into lines, once for every layer (diff, cache, manifests, secret masking).
#pragma once

#include <string_view>
#include <vector>

namespace wafix {

// The lines of `s` with their terminators, so that a CRLF or a missing final newline stays part
// of its line; "" gives no line.
std::vector<std::string_view> split_lines(std::string_view s);

// Calls visit(piece) for every run of `s` between '\r' and '\n' characters, without them (a CRLF
// gives an empty piece between the two; a final terminator an empty last piece): for looking up
// a multi-line value line by line.
template <typename Visit>
void for_each_line_piece(std::string_view s, Visit&& visit) {
    size_t pos = 0;
    while (pos <= s.size()) {
        size_t nl = s.find_first_of("\r\n", pos);
        visit(s.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
}

}  // namespace wafix
