// The GitHub REST API calls `wafix pr` makes, over libcurl, with bounded retries. Paths, methods,
// headers and bodies follow GitHub's documentation (REST API version 2022-11-28).
#pragma once

#include <chrono>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "wafix/core/error.hpp"

namespace wafix::pr {

struct HttpRequest {
    std::string method;  // GET, POST, PATCH, DELETE
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // The longest this request may take (0: the transport's own limit); the client sets what is
    // left of the call's budget.
    std::chrono::milliseconds timeout{0};
};

struct HttpResponse {
    int status = 0;                              // 0: no response (network error)
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
    std::string network_error;  // curl's message when status == 0
};

// How requests reach the server: libcurl in production; tests may substitute their own.
class HttpTransport {
public:
    virtual ~HttpTransport() = default;
    virtual HttpResponse send(const HttpRequest& request) = 0;
};
// `timeout`: the most one request may take. A connection is given up after 10 s (or `timeout`
// when shorter), and a response that stalls (under 1 byte/s) after 10 s too.
std::unique_ptr<HttpTransport> make_curl_transport(std::chrono::seconds timeout = std::chrono::seconds(30));

// Network errors, 5xx and secondary rate limits (Retry-After) are retried with exponential
// backoff; 4xx other than rate limits are not.
struct RetryPolicy {
    int attempts = 4;
    std::chrono::milliseconds initial_delay{500};
    double factor = 2.0;
    std::chrono::seconds max_wait{60};  // a longer Retry-After or reset time fails instead
    // The most one call may spend on requests and backoff, retries included (rate-limit waits,
    // bounded by max_wait, come on top): an API that hangs fails the call in this time.
    std::chrono::milliseconds budget{30'000};
    std::function<void(std::chrono::milliseconds)> sleep;  // tests replace it; default sleeps
};

struct ApiError : Error {
    int status = 0;                         // 0: network error after the retries
    std::optional<std::time_t> rate_reset;  // when a primary rate limit resets (x-ratelimit-reset)
    ApiError(const std::string& message, int status_, std::optional<std::time_t> reset = std::nullopt)
        : Error(message), status(status_), rate_reset(reset) {}
};

struct PullRequest {
    int number = 0;
    std::string html_url;
    std::string state;  // open, closed
    std::string title;
    std::string body;
    std::string head_ref;  // branch name
    std::string head_sha;
    std::string base_ref;
    std::vector<std::string> labels;
};

struct GitHubConfig {
    std::string api_url = "https://api.github.com";  // GITHUB_API_URL
    std::string token;                               // GITHUB_TOKEN; never printed
    std::string owner;                               // from GITHUB_REPOSITORY "owner/repo"
    std::string repo;
};

// "owner/repo" from GITHUB_REPOSITORY or from a remote URL (https://host/owner/repo(.git),
// git@host:owner/repo(.git), ssh://git@host/owner/repo); nullopt when neither shape fits.
std::optional<std::pair<std::string, std::string>> parse_repository(const std::string& text);

class GitHubClient {
public:
    explicit GitHubClient(GitHubConfig config, std::unique_ptr<HttpTransport> transport = nullptr,
                          RetryPolicy retry = {});
    ~GitHubClient();

    // GET /repos/{owner}/{repo} -> default_branch
    std::string default_branch();
    // GET /repos/{owner}/{repo}/pulls?state=open&head={owner}:{branch}, following Link pagination.
    std::optional<PullRequest> find_open_pull(const std::string& head_branch);
    // Every open pull request whose head branch starts with `prefix` (all pages).
    std::vector<PullRequest> open_pulls_with_prefix(const std::string& prefix);
    // POST /repos/{owner}/{repo}/pulls
    PullRequest create_pull(const std::string& title, const std::string& head, const std::string& base,
                            const std::string& body);
    // PATCH /repos/{owner}/{repo}/pulls/{number} with title and body
    PullRequest update_pull(int number, const std::string& title, const std::string& body);
    // PATCH /repos/{owner}/{repo}/pulls/{number} with state=closed
    void close_pull(int number);
    // POST /repos/{owner}/{repo}/issues/{number}/comments
    void comment(int number, const std::string& body);
    // POST /repos/{owner}/{repo}/issues/{number}/labels
    void add_labels(int number, const std::vector<std::string>& labels);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace wafix::pr
