#include "wafix/core/text.hpp"

namespace wafix {

std::vector<std::string_view> split_lines(std::string_view s) {
    std::vector<std::string_view> out;
    size_t pos = 0;
    while (pos < s.size()) {
        size_t nl = s.find('\n', pos);
        size_t end = nl == std::string_view::npos ? s.size() : nl + 1;
        out.push_back(s.substr(pos, end - pos));
        pos = end;
    }
    return out;
}

}  // namespace wafix
