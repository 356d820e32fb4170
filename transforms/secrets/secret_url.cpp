// Credentials inside URLs: `scheme://user:password@host...`, of which only the password is the
// secret (the scheme, user and host are configuration and stay in the code).
#include <algorithm>
#include <cctype>
#include <string>

#include <re2/re2.h>

#include "secrets/secret_patterns.hpp"

namespace wafix::secrets {

std::optional<Detection> url_password(std::string_view value) {
    if (value.size() > 4096 || value.find("://") == std::string_view::npos) return std::nullopt;
    static const RE2 url(R"([A-Za-z][A-Za-z0-9+.-]*://[^:/@\s?#]*:([^@/\s?#]+)@[^@\s]+)");
    re2::StringPiece text(value.data(), value.size()), password;
    if (!RE2::FullMatch(text, url, &password)) return std::nullopt;
    std::string_view pw(password.data(), password.size());
    std::string low(value);
    std::transform(low.begin(), low.end(), low.begin(), [](unsigned char c) { return std::tolower(c); });
    // Documentation hosts (db.example.com) hold sample passwords.
    if (low.find("example") != std::string::npos || !plausible_secret_value(pw)) return std::nullopt;
    size_t begin = static_cast<size_t>(password.data() - value.data());
    return Detection{"url-password", begin, begin + pw.size(), true};
}

}  // namespace wafix::secrets
