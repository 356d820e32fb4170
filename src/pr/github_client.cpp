// GitHubClient: the REST calls `wafix pr` makes, with retries, rate-limit handling, Link
// pagination and error messages that say what to fix. The token only ever goes into the
// Authorization header of requests to api_url's origin; every message is scrubbed of it anyway.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "wafix/pr/github_client.hpp"

namespace wafix::pr {

namespace {

using nlohmann::json;

// GitHub's maximum page size; one constant so that pagination is exercised by >200 pull requests.
constexpr int kPerPage = 100;
// A bound on pages followed, against a server whose Link headers never end.
constexpr int kMaxPages = 1000;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string url_encode(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
        else out += fmt::format("%{:02X}", c);
    }
    return out;
}

std::string reason_phrase(int status) {
    switch (status) {
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 409:
            return "Conflict";
        case 410:
            return "Gone";
        case 422:
            return "Unprocessable Entity";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        default:
            return {};
    }
}

std::string utc_iso8601(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::optional<long long> header_number(const HttpResponse& r, const std::string& name) {
    auto it = r.headers.find(name);
    if (it == r.headers.end()) return std::nullopt;
    try {
        size_t used = 0;
        long long v = std::stoll(it->second, &used);
        if (used != it->second.size() || v < -(1LL << 40) || v > (1LL << 40)) return std::nullopt;  // no overflow later
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// GitHub's `message` plus each `errors[]` entry (its message, or resource.field code).
std::string github_message(const std::string& body) {
    json doc = json::parse(body, nullptr, false);
    if (!doc.is_object()) return {};
    std::string out;
    if (doc.contains("message") && doc["message"].is_string()) out = doc["message"].get<std::string>();
    if (doc.contains("errors") && doc["errors"].is_array()) {
        bool first = true;
        for (const auto& e : doc["errors"]) {
            std::string part;
            if (e.is_string()) part = e.get<std::string>();
            else if (e.is_object() && e.contains("message") && e["message"].is_string())
                part = e["message"].get<std::string>();
            else if (e.is_object()) {
                auto str = [&](const char* k) {
                    return e.contains(k) && e[k].is_string() ? e[k].get<std::string>() : "";
                };
                part = str("resource") + (e.contains("field") ? "." + str("field") : "") + " " + str("code");
            }
            if (!part.empty()) out += (out.empty() ? "" : first ? ": " : "; ") + part;
            if (!part.empty()) first = false;
        }
    }
    return out;
}

// Origin of an absolute http(s) URL, lower-cased with the default port made explicit; empty when
// the URL is not one (or carries userinfo, which we never send credentials alongside).
std::string origin_of(const std::string& url) {
    static const std::regex re(R"(^(https?)://([^/?#@]+)(?:[/?#].*)?$)", std::regex::icase);
    std::smatch m;
    if (!std::regex_match(url, m, re)) return {};
    std::string scheme = lower(m[1]), authority = lower(m[2]);
    bool bracketed = !authority.empty() && authority.front() == '[';
    auto colon = authority.rfind(':');
    if (colon == std::string::npos || (bracketed && colon < authority.find(']')))
        authority += scheme == "https" ? ":443" : ":80";
    return scheme + "://" + authority;
}

// The URL of rel="next" in a Link header, if any.
std::optional<std::string> next_link(const HttpResponse& r) {
    auto it = r.headers.find("link");
    if (it == r.headers.end()) return std::nullopt;
    // <url>; name="value"; ... , <url>; ...  (RFC 8288); rel may list several space-separated types.
    static const std::regex link(R"(<([^>]*)>((?:\s*;\s*[^;,=\s]+\s*=\s*(?:"[^"]*"|[^;,\s]*))*))");
    static const std::regex param(R"re(;\s*([^;,=\s]+)\s*=\s*(?:"([^"]*)"|([^;,\s]*)))re");
    const std::string& value = it->second;
    for (std::sregex_iterator l(value.begin(), value.end(), link), end; l != end; ++l) {
        const std::string params = (*l)[2].str();
        for (std::sregex_iterator q(params.begin(), params.end(), param); q != end; ++q) {
            if (lower((*q)[1].str()) != "rel") continue;
            std::string rels = lower((*q)[2].matched ? (*q)[2].str() : (*q)[3].str());
            std::replace_if(
                rels.begin(), rels.end(), [](unsigned char c) { return std::isspace(c); }, ' ');
            if ((" " + rels + " ").find(" next ") != std::string::npos) return (*l)[1].str();
        }
    }
    return std::nullopt;
}

std::string str_field(const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

PullRequest to_pull(const json& j) {
    PullRequest p;
    if (!j.is_object() || !j.contains("number") || !j["number"].is_number_integer())
        throw Error("no pull request number");
    p.number = j["number"].get<int>();
    p.html_url = str_field(j, "html_url");
    p.state = str_field(j, "state");
    p.title = str_field(j, "title");
    p.body = str_field(j, "body");  // null when empty
    if (j.contains("head")) {
        p.head_ref = str_field(j["head"], "ref");
        p.head_sha = str_field(j["head"], "sha");
    }
    if (j.contains("base")) p.base_ref = str_field(j["base"], "ref");
    if (j.contains("labels") && j["labels"].is_array())
        for (const auto& l : j["labels"]) {
            std::string name = l.is_string() ? l.get<std::string>() : str_field(l, "name");
            if (!name.empty()) p.labels.push_back(name);
        }
    return p;
}

bool valid_name(const std::string& s) {
    return !s.empty() && s != "." && s != ".." && std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_' || c == '.';
    });
}

// "owner/repo"; a URL's path may also end in ".git" and "/".
std::optional<std::pair<std::string, std::string>> owner_repo_path(std::string path, bool url) {
    if (url && !path.empty() && path.back() == '/') path.pop_back();
    if (url && path.size() > 4 && path.compare(path.size() - 4, 4, ".git") == 0) path.resize(path.size() - 4);
    auto slash = path.find('/');
    if (slash == std::string::npos) return std::nullopt;
    std::string owner = path.substr(0, slash), repo = path.substr(slash + 1);
    if (!valid_name(owner) || !valid_name(repo)) return std::nullopt;
    return std::make_pair(owner, repo);
}

}  // namespace

std::optional<std::pair<std::string, std::string>> parse_repository(const std::string& text) {
    static const std::regex host(R"([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])");
    static const std::regex http_url(R"(^https?://(?:[^/@\s]+@)?([^/:@\s]+|\[[^\]]+\])(?::\d{1,5})?/(.+)$)",
                                     std::regex::icase);
    static const std::regex ssh_url(R"(^ssh://(?:[^/@\s]+@)?([^/:@\s]+|\[[^\]]+\])(?::\d{1,5})?/(.+)$)",
                                    std::regex::icase);
    static const std::regex scp_like(R"(^[A-Za-z0-9._-]+@([^/:@\s]+):/?(.+)$)");
    std::smatch m;
    if (std::regex_match(text, m, http_url) || std::regex_match(text, m, ssh_url) ||
        std::regex_match(text, m, scp_like)) {
        if (!std::regex_match(m[1].str(), host)) return std::nullopt;
        return owner_repo_path(m[2], true);
    }
    return owner_repo_path(text, false);  // GITHUB_REPOSITORY: exactly owner/repo
}

struct GitHubClient::Impl {
    GitHubConfig config;
    std::unique_ptr<HttpTransport> transport;
    RetryPolicy retry;
    std::string base;    // api_url without a trailing slash
    std::string origin;  // where the token may be sent

    std::string repo_path() const { return "/repos/" + url_encode(config.owner) + "/" + url_encode(config.repo); }

    // Every message goes through here: the token is replaced even if a server echoed it back.
    [[noreturn]] void fail(const std::string& message, int status, std::optional<std::time_t> reset = {}) const {
        std::string text = message;
        if (!config.token.empty())
            for (size_t at; (at = text.find(config.token)) != std::string::npos;)
                text.replace(at, config.token.size(), "***");
        throw ApiError(text, status, reset);
    }

    void sleep_for(std::chrono::milliseconds d) const {
        if (retry.sleep) retry.sleep(d);
        else std::this_thread::sleep_for(d);
    }

    std::string status_text(const std::string& call, const HttpResponse& r) const {
        std::string phrase = reason_phrase(r.status);
        std::string text = fmt::format("GitHub API: {}: {}{}", call, r.status, phrase.empty() ? "" : " " + phrase);
        std::string msg = github_message(r.body);
        if (msg.size() > 500) msg = msg.substr(0, 500) + "...";
        std::replace_if(
            msg.begin(), msg.end(), [](unsigned char c) { return c < 0x20; }, ' ');
        return msg.empty() ? text : text + ": " + msg;
    }

    // Sends one request with retries; returns a 2xx response or throws ApiError.
    HttpResponse send(const std::string& method, const std::string& url, const std::string& call,
                      const std::optional<json>& body = std::nullopt) {
        HttpRequest req;
        req.method = method;
        req.url = url;
        req.headers = {{"Accept", "application/vnd.github+json"},
                       {"Authorization", "Bearer " + config.token},
                       {"X-GitHub-Api-Version", "2022-11-28"},
                       {"User-Agent", std::string("wafix/") + WAFIX_VERSION}};
        if (body) {
            req.body = body->dump();
            req.headers.emplace_back("Content-Type", "application/json");
        }
        const int attempts = std::max(1, retry.attempts);
        using Clock = std::chrono::steady_clock;
        auto deadline = Clock::now() + retry.budget;
        auto left = [&] { return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()); };
        auto rate_limit_wait = [&](std::chrono::milliseconds d) {  // on top of the budget
            sleep_for(d);
            deadline += d;
        };
        for (int attempt = 1;; ++attempt) {
            req.timeout = std::max(left(), std::chrono::milliseconds(1));
            HttpResponse r = transport->send(req);
            if (r.status >= 200 && r.status < 300) return r;
            auto backoff = std::chrono::milliseconds(static_cast<long long>(
                static_cast<double>(retry.initial_delay.count()) * std::pow(retry.factor, attempt - 1)));
            const bool out_of_time = left() <= backoff;
            const bool last = attempt >= attempts || out_of_time;
            const std::string after = fmt::format(
                " (after {} attempt{}{})", attempt, attempt == 1 ? "" : "s",
                out_of_time ? fmt::format(" in {} s, the API time limit", retry.budget.count() / 1000) : "");

            if (r.status == 0) {
                if (last)
                    fail(fmt::format("GitHub API: {}: network error: {}{}", call,
                                     r.network_error.empty() ? "no response" : r.network_error, after),
                         0);
                sleep_for(backoff);
                continue;
            }
            if (r.status == 500 || r.status == 502 || r.status == 503 || r.status == 504) {
                if (last) fail(status_text(call, r) + after, r.status);
                sleep_for(backoff);
                continue;
            }
            const std::string text = status_text(call, r);
            const auto retry_after = header_number(r, "retry-after");
            const auto remaining = header_number(r, "x-ratelimit-remaining");
            const auto reset = header_number(r, "x-ratelimit-reset");
            const bool rate_status = r.status == 403 || r.status == 429;
            if (rate_status && retry_after) {
                // Secondary rate limit: GitHub asks for at least retry-after seconds.
                const long long seconds = std::max<long long>(0, *retry_after);
                if (seconds > retry.max_wait.count()) {  // compared in seconds: a huge value cannot overflow
                    std::time_t at = std::time(nullptr) + static_cast<std::time_t>(seconds);
                    fail(fmt::format("{} (secondary rate limit: retry after {} s, at {}; longer than the {} s this "
                                     "run waits)",
                                     text, *retry_after, utc_iso8601(at), retry.max_wait.count()),
                         r.status);
                }
                if (last) fail(fmt::format("{} (secondary rate limit; still limited{})", text, after), r.status);
                rate_limit_wait(std::chrono::milliseconds(seconds * 1000));
                continue;
            }
            if ((r.status == 403 && remaining && *remaining == 0) || r.status == 429) {
                // Primary rate limit: nothing helps before x-ratelimit-reset.
                std::optional<std::time_t> reset_at;
                if (reset) reset_at = static_cast<std::time_t>(*reset);
                // One second past the reset, so that the retry lands after it.
                const long long seconds = reset_at ? std::max<long long>(0, *reset_at - std::time(nullptr)) + 1 : -1;
                if (!last && seconds >= 0 && seconds <= retry.max_wait.count() + 1) {
                    rate_limit_wait(std::chrono::milliseconds(seconds * 1000));
                    continue;
                }
                fail(fmt::format("{} (primary rate limit exceeded; it resets at {})", text,
                                 reset_at ? utc_iso8601(*reset_at) : std::string("an unknown time")),
                     r.status, reset_at);
            }
            if (r.status == 403 && lower(github_message(r.body)).find("secondary rate limit") != std::string::npos) {
                // Secondary rate limit without retry-after: GitHub's docs say to wait at least a minute.
                auto wait = std::chrono::milliseconds(60'000);
                if (last || wait > retry.max_wait)
                    fail(fmt::format("{} (secondary rate limit; try again in a minute or more{})", text, after),
                         r.status);
                rate_limit_wait(wait);
                continue;
            }
            switch (r.status) {
                case 401:
                    fail(text + " (the token is missing, invalid or expired: check GITHUB_TOKEN)", r.status);
                case 403:
                    fail(text +
                             " (the token lacks a permission: the workflow needs `permissions: contents: write` "
                             "and `pull-requests: write`)",
                         r.status);
                case 404:
                    fail(fmt::format("{} (repository {}/{} not found, or the token cannot see it)", text, config.owner,
                                     config.repo),
                         r.status);
                default:
                    fail(text, r.status);
            }
        }
    }

    json parse(const HttpResponse& r, const std::string& call) const {
        json doc = json::parse(r.body, nullptr, false);
        if (doc.is_discarded())
            fail(fmt::format("GitHub API: {}: {}: the response is not JSON", call, r.status), r.status);
        return doc;
    }

    // GETs `path_and_query` and every rel="next" page on api_url's origin; the items of all pages.
    std::vector<json> get_all(const std::string& path_and_query) {
        std::vector<json> items;
        std::string url = base + path_and_query;
        std::set<std::string> seen;
        for (int page = 0; page < kMaxPages && seen.insert(url).second; ++page) {
            std::string call = "GET " + (url.compare(0, base.size(), base) == 0 ? url.substr(base.size()) : url);
            call = call.substr(0, call.find('?'));
            HttpResponse r = send("GET", url, call);
            json doc = parse(r, call);
            if (!doc.is_array()) fail(fmt::format("GitHub API: {}: expected a JSON array", call), r.status);
            for (auto& item : doc) items.push_back(std::move(item));
            auto next = next_link(r);
            if (!next || origin_of(*next) != origin) break;  // never send the token to another host
            url = *next;
        }
        return items;
    }

    PullRequest pull_from(const HttpResponse& r, const std::string& call) const {
        json doc = parse(r, call);
        try {
            return to_pull(doc);
        } catch (const std::exception& e) {
            fail(fmt::format("GitHub API: {}: unexpected response: {}", call, e.what()), r.status);
        }
    }
};

GitHubClient::GitHubClient(GitHubConfig config, std::unique_ptr<HttpTransport> transport, RetryPolicy retry)
    : impl_(std::make_unique<Impl>()) {
    impl_->config = std::move(config);
    impl_->transport = transport ? std::move(transport) : make_curl_transport();
    impl_->retry = std::move(retry);
    impl_->base = impl_->config.api_url;
    while (!impl_->base.empty() && impl_->base.back() == '/') impl_->base.pop_back();
    impl_->origin = origin_of(impl_->base);
}

GitHubClient::~GitHubClient() = default;

std::string GitHubClient::default_branch() {
    std::string path = impl_->repo_path(), call = "GET " + path;
    HttpResponse r = impl_->send("GET", impl_->base + path, call);
    std::string branch = str_field(impl_->parse(r, call), "default_branch");
    if (branch.empty()) impl_->fail("GitHub API: " + call + ": the response has no default_branch", r.status);
    return branch;
}

std::optional<PullRequest> GitHubClient::find_open_pull(const std::string& head_branch) {
    auto items = impl_->get_all(impl_->repo_path() +
                                "/pulls?state=open&head=" + url_encode(impl_->config.owner + ":" + head_branch) +
                                "&per_page=" + std::to_string(kPerPage));
    for (const auto& item : items) {
        PullRequest p;
        try {
            p = to_pull(item);
        } catch (const std::exception&) {
            continue;
        }
        if (p.head_ref == head_branch && p.state == "open") return p;
    }
    return std::nullopt;
}

std::vector<PullRequest> GitHubClient::open_pulls_with_prefix(const std::string& prefix) {
    const std::string full_name = impl_->config.owner + "/" + impl_->config.repo;
    std::vector<PullRequest> out;
    for (const auto& item :
         impl_->get_all(impl_->repo_path() + "/pulls?state=open&per_page=" + std::to_string(kPerPage))) {
        PullRequest p;
        try {
            p = to_pull(item);
        } catch (const std::exception&) {
            continue;
        }
        if (p.head_ref.rfind(prefix, 0) != 0) continue;
        // A fork's branch of the same name is not ours; head.repo is null when the fork was deleted.
        const json* head_repo =
            item.contains("head") && item["head"].contains("repo") ? &item["head"]["repo"] : nullptr;
        if (head_repo && head_repo->is_object() && head_repo->contains("full_name") &&
            lower(str_field(*head_repo, "full_name")) != lower(full_name))
            continue;
        out.push_back(std::move(p));
    }
    return out;
}

PullRequest GitHubClient::create_pull(const std::string& title, const std::string& head, const std::string& base,
                                      const std::string& body) {
    std::string path = impl_->repo_path() + "/pulls", call = "POST " + path;
    json payload = {{"title", title}, {"head", head}, {"base", base}, {"body", body}};
    return impl_->pull_from(impl_->send("POST", impl_->base + path, call, payload), call);
}

PullRequest GitHubClient::update_pull(int number, const std::string& title, const std::string& body) {
    std::string path = impl_->repo_path() + "/pulls/" + std::to_string(number), call = "PATCH " + path;
    json payload = {{"title", title}, {"body", body}};
    return impl_->pull_from(impl_->send("PATCH", impl_->base + path, call, payload), call);
}

void GitHubClient::close_pull(int number) {
    std::string path = impl_->repo_path() + "/pulls/" + std::to_string(number);
    impl_->send("PATCH", impl_->base + path, "PATCH " + path, json{{"state", "closed"}});
}

void GitHubClient::comment(int number, const std::string& body) {
    std::string path = impl_->repo_path() + "/issues/" + std::to_string(number) + "/comments";
    impl_->send("POST", impl_->base + path, "POST " + path, json{{"body", body}});
}

void GitHubClient::add_labels(int number, const std::vector<std::string>& labels) {
    std::string path = impl_->repo_path() + "/issues/" + std::to_string(number) + "/labels";
    impl_->send("POST", impl_->base + path, "POST " + path, json{{"labels", labels}});
}

}  // namespace wafix::pr
