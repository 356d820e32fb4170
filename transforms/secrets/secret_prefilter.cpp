// WA301's raw-byte prefilter: whether a file's bytes hold a provider token, or a quoted run that
// could be a secret value bound to a secret-like name. The rule decides on the parsed file; this
// only spares the parse of files where it cannot find anything (tests/unit/prefilter_test.cpp
// checks that no golden finding and no labelled secret is lost).
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secrets/secret_patterns.hpp"
#include "wafix/core/literal_set.hpp"
#include "wafix/core/python_string.hpp"

namespace wafix::secrets {

namespace {

constexpr std::array<std::string_view, 5> kAuthSchemes = {"Bearer ", "Basic ", "token ", "Token ", "Bot "};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

// A literal body that could decode to a value classify() accepts under some name.
bool plausible_body(std::string_view body, bool raw_string) {
    std::optional<std::string> decoded;
    if (!raw_string && body.find('\\') != std::string_view::npos) {
        decoded = unescape_string_body(body);
        if (!decoded) return false;  // \N{...} or malformed: WA301 does not flag those either
        body = *decoded;
    }
    if (plausible_secret_value(body)) return true;
    static const RE2 aws_secret("[A-Za-z0-9/+]{40}");  // the AWS secret access key rule skips entropy
    return body.size() == 40 && RE2::FullMatch(re2::StringPiece(body.data(), body.size()), aws_secret);
}

// A part of an implicit concatenation that could be part of a secret: no whitespace once decoded.
bool clean_part(std::string_view body, bool raw_string) {
    std::optional<std::string> decoded;
    if (!raw_string && body.find('\\') != std::string_view::npos) {
        decoded = unescape_string_body(body);
        if (!decoded) return false;
        body = *decoded;
    }
    return std::none_of(body.begin(), body.end(),
                        [](char c) { return is_space(c) || static_cast<unsigned char>(c) < 0x20; });
}

bool raw_prefix(std::string_view text, size_t quote) {
    for (size_t k = quote; k > 0 && quote - k < 2; --k) {
        char c = text[k - 1];
        if (c == 'r' || c == 'R') return true;
        if (c != 'b' && c != 'B' && c != 'u' && c != 'U' && c != 'f' && c != 'F') return false;
    }
    return false;
}

// Whether [from, to) holds one of the words each alternative of the name regex holds whole:
// "pass", "pwd", "secret", "token", "cred", "key" in any case. Much cheaper than the regex, and
// most regions hold none.
bool has_name_core(std::string_view text, size_t from, size_t to) {
    static constexpr std::array<std::string_view, 6> cores = {"pass", "pwd", "secret", "token", "cred", "key"};
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    for (size_t k = from; k < to; ++k) {
        char c = lower(text[k]);
        if (c != 'p' && c != 's' && c != 't' && c != 'c' && c != 'k') continue;
        for (std::string_view w : cores) {
            if (w[0] != c || k + w.size() > to) continue;
            size_t n = 1;
            while (n < w.size() && lower(text[k + n]) == w[n]) ++n;
            if (n == w.size()) return true;
        }
    }
    return false;
}

size_t line_start_of(std::string_view text, size_t pos) {
    size_t nl = pos == 0 ? std::string_view::npos : text.rfind('\n', pos - 1);
    return nl == std::string_view::npos ? 0 : nl + 1;
}

// Where a comment starts on the line of `pos`, if `pos` is inside one (quotes on the line are
// followed, so a '#' in a string does not count).
std::optional<size_t> comment_holding(std::string_view text, size_t pos) {
    char quote = 0;
    for (size_t k = line_start_of(text, pos); k < pos; ++k) {
        char c = text[k];
        if (quote) {
            if (c == '\\') ++k;
            else if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#') {
            return k;
        }
    }
    return std::nullopt;
}

// The last byte of code before `pos`: past blanks, line breaks, continuations and comments.
// SIZE_MAX at the top of the file.
size_t code_before(std::string_view text, size_t pos) {
    while (pos > 0) {
        char c = text[pos - 1];
        if (is_space(c) || c == '\\') {
            --pos;
            continue;
        }
        if (auto hash = comment_holding(text, pos - 1)) {
            pos = *hash;
            continue;
        }
        return pos - 1;
    }
    return SIZE_MAX;
}

struct Range {
    size_t from = 0, to = 0;
};

// The text that can name a literal (quotes at open_quote and close_quote), as the rule binds
// names: the target before `=` (assignment, keyword, default, `==` / `!=`), the key before `:`,
// the environment variable of `getenv("NAME", "v")`, the operand of `is` / `in` / `not`, or,
// for `"v" == token`, what follows the comparison. None when the literal is a positional
// argument, an element, an operand of `+`...: it has no name (only a provider token counts).
// Opening brackets of a parenthesised value are looked through.
std::pair<Range, Range> naming_text(std::string_view text, size_t open_quote, size_t close_quote) {
    Range before, after;
    size_t k = open_quote;
    for (int prefix = 0; prefix < 2 && k > 0 && std::strchr("rRbBuUfF", text[k - 1]); ++prefix) --k;
    size_t c = code_before(text, k);
    while (c != SIZE_MAX && (text[c] == '(' || text[c] == '[')) {
        size_t d = code_before(text, c);
        // f("v"), x["v"], g(a)("v"): an argument or a subscript, not a value in brackets.
        if (d != SIZE_MAX && (is_word(text[d]) || std::strchr(")]\"'", text[d]))) return {before, after};
        c = d;
    }
    if (c != SIZE_MAX && (text[c] == '=' || text[c] == ':')) {
        before = {line_start_of(text, c), c};
    } else if (c != SIZE_MAX && text[c] == ',') {
        // getenv("NAME", "v"): the first of two arguments, a literal right after the bracket.
        size_t q = code_before(text, c);
        if (q != SIZE_MAX && (text[q] == '"' || text[q] == '\'')) {
            size_t p = text.rfind(text[q], q == 0 ? 0 : q - 1);
            size_t b = p == std::string_view::npos ? SIZE_MAX : code_before(text, p);
            if (b != SIZE_MAX && b < p && text[b] == '(') before = {p + 1, q};
        }
    } else if (c != SIZE_MAX && is_word(text[c])) {
        size_t w = c + 1;
        while (c > 0 && is_word(text[c - 1])) --c;
        std::string_view word = text.substr(c, w - c);
        if (word == "is" || word == "in" || word == "not") before = {line_start_of(text, c), c};
    }
    // "v" == token, "v" != self.token, "v" in tokens.
    size_t a = close_quote + 1;
    while (a < text.size() && (text[a] == ' ' || text[a] == '\t')) ++a;
    std::string_view rest = text.substr(a, 4);
    if (rest.starts_with("==") || rest.starts_with("!=") || rest.starts_with("in ") || rest.starts_with("is ") ||
        rest.starts_with("not ")) {
        size_t end = text.find('\n', a);
        after = {a, end == std::string_view::npos ? text.size() : end};
    }
    // Within the window the rule's names come from.
    auto clip = [&](Range& r) {
        r.from = std::max(r.from, open_quote > 256 ? open_quote - 256 : size_t{0});
        r.to = std::min(r.to, close_quote + 129);
        if (r.to < r.from) r.to = r.from;
    };
    clip(before);
    clip(after);
    return {before, after};
}

// A name generic_kind() accepts holds one of these words, and names the literal.
bool secret_name_near(std::string_view text, size_t begin, size_t end) {
    // "pass" as a name word (db_pass, DB_PASS, dbPass, "pass", pass_word), never the statement.
    static const RE2 name_word(
        "(?i:passw|passphrase|pwd|secret|token|cred|(?:api|private|access|auth)[^a-z0-9]{0,3}key)|"
        "[-_.\"'0-9]pass(?:[^a-z]|$)|pass_|(?:PASS|Pass)(?:[^a-z]|$)");
    auto [before, after] = naming_text(text, begin, end);
    for (Range r : {before, after})
        if (r.to > r.from && has_name_core(text, r.from, r.to) &&
            RE2::PartialMatch(re2::StringPiece(text.data() + r.from, r.to - r.from), name_word))
            return true;
    return false;
}

// An Authorization value is only flagged under the name "authorization" or "auth".
bool auth_name_near(std::string_view text, size_t quote) {
    static const RE2 auth("(?i)auth");
    Range before = naming_text(text, quote, quote).first;
    return before.to > before.from &&
           RE2::PartialMatch(re2::StringPiece(text.data() + before.from, before.to - before.from), auth);
}

// Where the next string literal starts if only whitespace, line continuations and comments
// separate it from `from` (Python concatenates such literals); npos otherwise.
size_t adjacent_literal(std::string_view text, size_t from) {
    size_t k = from;
    while (k < text.size()) {
        char c = text[k];
        if (is_space(c) || c == '\\') {
            ++k;
        } else if (c == '#') {
            k = text.find('\n', k);
            if (k == std::string_view::npos) return k;
        } else {
            break;
        }
    }
    size_t prefix = 0;  // r, b, u, f and their pairs
    while (prefix < 2 && k + prefix < text.size() && text[k + prefix] != 0 && std::strchr("rRbBuUfF", text[k + prefix]))
        ++prefix;
    if (k + prefix < text.size() && (text[k + prefix] == '"' || text[k + prefix] == '\'')) return k + prefix;
    return std::string_view::npos;
}

// Every whitespace-free quoted run of the file, tried from every quote character (so no
// tokenizer is needed and no literal is missed): a secret value never holds whitespace, except
// after an Authorization scheme, which is looked for directly.
bool has_candidate_literal(std::string_view text) {
    size_t chain_at = std::string_view::npos;  // where a literal concatenated to the last one starts
    size_t chain_first = 0;                    // where the concatenation's first part starts
    size_t chain = 0;                          // bytes in that concatenation so far
    bool chain_clean = true;                   // no part of it decodes to whitespace
    auto next_quote = [&](size_t from) {       // find_first_of would look each byte up in the set
        for (size_t k = from; k < text.size(); ++k)
            if (text[k] == '"' || text[k] == '\'') return k;
        return std::string_view::npos;
    };
    for (size_t i = next_quote(0); i != std::string_view::npos; i = next_quote(i + 1)) {
        const char quote = text[i];
        std::string_view rest = text.substr(i + 1);
        for (std::string_view scheme : kAuthSchemes)
            if (rest.starts_with(scheme) && rest.size() > scheme.size() && rest[scheme.size()] != quote &&
                !is_space(rest[scheme.size()]) && auth_name_near(text, i))
                return true;
        size_t j = i + 1;
        bool closed = false;
        while (j < text.size()) {
            char c = text[j];
            if (c == quote) {
                closed = true;
                break;
            }
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (is_space(c) || static_cast<unsigned char>(c) < 0x20) break;
            ++j;
        }
        if (!closed) continue;
        std::string_view run = text.substr(i + 1, j - i - 1);
        if (run.size() >= 8 && secret_name_near(text, i, j) && plausible_body(run, raw_prefix(text, i))) return true;
        if (chain_at != std::string_view::npos && i < chain_at) continue;  // the last part's closing quote
        bool continued = i == chain_at;
        if (!continued) {
            chain = 0;
            chain_clean = true;
            chain_first = i;
        }
        chain += run.size();
        chain_clean = chain_clean && clean_part(run, raw_prefix(text, i));
        // Parts concatenated to a secret's length, none with whitespace: parse to know.
        if (continued && chain_clean && chain >= 8 && secret_name_near(text, chain_first, j)) return true;
        chain_at = adjacent_literal(text, j + 1);
    }
    return false;
}

}  // namespace

const std::vector<std::string_view>& provider_prefixes() {
    static const std::vector<std::string_view> prefixes = {"AKIA",        "ASIA",
                                                           "ABIA",        "ACCA",
                                                           "A3T",         "ghp_",
                                                           "gho_",        "ghu_",
                                                           "ghs_",        "ghr_",
                                                           "github_pat_", "xoxb-",
                                                           "xoxp-",       "xoxe-",
                                                           "sk_test_",    "sk_live_",
                                                           "sk_prod_",    "rk_test_",
                                                           "rk_live_",    "rk_prod_",
                                                           "PRIVATE KEY", "eyJ",
                                                           "xoxa-",       "xoxr-",
                                                           "xoxs-",       "hooks.slack.com",
                                                           "SG.",         "AIza",
                                                           "SK",          "glpat-",
                                                           "npm_"};
    return prefixes;
}

bool may_contain_secrets(std::string_view text, std::optional<bool> provider_prefix) {
    // The provider set only where a provider prefix occurs: the engine has looked for them with
    // every other trigger; alone, one scan for all of them.
    if (!provider_prefix) {
        static const LiteralSet prefixes(provider_prefixes());
        auto seen = prefixes.present(text);
        provider_prefix = std::find(seen.begin(), seen.end(), true) != seen.end();
    }
    if (*provider_prefix && has_provider_token(text)) return true;
    // A password inside a URL, whatever names surround it.
    static const RE2 url_credentials(R"(://[^\s:/@'"]*:[^\s@/'"]{8,}@)");
    if (memmem(text.data(), text.size(), "://", 3) &&
        RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), url_credentials))
        return true;
    return has_candidate_literal(text);
}

}  // namespace wafix::secrets
