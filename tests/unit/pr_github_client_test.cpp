// GitHubClient against the loopback GitHub emulator, through the real curl transport: the calls,
// their headers, pagination, error messages, retries and rate limits; and parse_repository.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <ctime>
#include <set>

#include "github_emulator.hpp"
#include "wafix/pr/github_client.hpp"

using namespace wafix::pr;
using nlohmann::json;
using std::chrono::milliseconds;
using wafix::test::GitHubEmulator;
using wafix::test::GitHubEmulatorOptions;

namespace {

// Retries that record their waits instead of sleeping.
struct RecordedSleeps {
    std::vector<milliseconds> waits;
    RetryPolicy policy(int attempts = 4) {
        RetryPolicy p;
        p.attempts = attempts;
        p.sleep = [this](milliseconds d) { waits.push_back(d); };
        return p;
    }
};

GitHubClient client_for(const GitHubEmulator& gh, RetryPolicy retry) {
    return GitHubClient(gh.config(), make_curl_transport(std::chrono::seconds(10)), std::move(retry));
}

// Runs `call`, which must throw ApiError; checks no token leaked into the message.
template <class F>
ApiError api_error(F&& call, const std::vector<std::string>& secrets) {
    try {
        call();
    } catch (const ApiError& e) {
        for (const auto& s : secrets) CHECK(std::string(e.what()).find(s) == std::string::npos);
        return e;
    }
    FAIL("no ApiError thrown");
    throw std::logic_error("unreachable");
}

// API requests (method + path) the emulator saw, in order.
std::vector<std::string> calls(GitHubEmulator& gh) {
    std::vector<std::string> out;
    for (const auto& r : gh.requests())
        out.push_back(r["method"].get<std::string>() + " " + r["path"].get<std::string>());
    return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("parse_repository accepts owner/repo and the remote URL shapes", "[pr-github]") {
    using P = std::pair<std::string, std::string>;
    const P ow{"octo", "widgets"};
    CHECK(parse_repository("octo/widgets") == ow);
    CHECK(parse_repository("octo/my.github.io") == P{"octo", "my.github.io"});
    CHECK(parse_repository("https://github.example/octo/widgets") == ow);
    CHECK(parse_repository("https://github.example/octo/widgets.git") == ow);
    CHECK(parse_repository("https://github.example/octo/widgets/") == ow);
    CHECK(parse_repository("http://ghe.local:8080/octo/widgets.git") == ow);
    CHECK(parse_repository("https://x-access-token@github.example/octo/widgets.git") == ow);
    CHECK(parse_repository("git@github.example:octo/widgets.git") == ow);
    CHECK(parse_repository("git@github.example:octo/widgets") == ow);
    CHECK(parse_repository("ssh://git@github.example/octo/widgets.git") == ow);
    CHECK(parse_repository("ssh://git@github.example:2222/octo/widgets") == ow);
    CHECK(parse_repository("ssh://github.example/octo/widgets.git") == ow);
}

TEST_CASE("parse_repository rejects everything else", "[pr-github]") {
    for (const char* bad : {"",
                            "octo",
                            "octo/",
                            "/widgets",
                            "octo/widgets/extra",
                            "octo//widgets",
                            "../widgets",
                            "octo/..",
                            "octo/wid gets",
                            "octo/widgets?x=1",
                            "https://github.example/octo",
                            "https://github.example/octo/widgets/pulls",
                            "https://github.example/",
                            "ftp://github.example/octo/widgets",
                            "file:///srv/octo/widgets.git",
                            "/srv/octo/widgets.git",
                            "github.example:octo/widgets",
                            "git@github.example:octo",
                            "ssh://git@github.example/octo",
                            "https:/github.example/octo/widgets",
                            "https://git hub/octo/widgets",
                            "octo/widgets\n"})
        CHECK_FALSE(parse_repository(bad));
}

TEST_CASE("default_branch comes from GET /repos/{owner}/{repo}", "[pr-github]") {
    GitHubEmulatorOptions o;
    o.default_branch = "trunk";
    GitHubEmulator gh(o);
    RecordedSleeps s;
    CHECK(client_for(gh, s.policy()).default_branch() == "trunk");
    CHECK(calls(gh) == std::vector<std::string>{"GET /repos/octo/widgets"});
}

TEST_CASE("every request carries GitHub's headers; bodies are JSON", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    auto config = gh.config();
    config.api_url += "/";  // a trailing slash in GITHUB_API_URL does not double the path's
    GitHubClient client(config, nullptr, s.policy());
    client.default_branch();
    client.create_pull("T", "wafix/xml", "main", "B");
    auto log = gh.requests();
    REQUIRE(log.size() == 2);
    for (const auto& r : log) {
        CHECK(r["authorization"] == "matched");
        CHECK(r["headers"]["accept"] == "application/vnd.github+json");
        CHECK(r["headers"]["x-github-api-version"] == "2022-11-28");
        CHECK(r["headers"]["user-agent"] == std::string("wafix/") + WAFIX_VERSION);
    }
    CHECK(log[0]["path"] == "/repos/octo/widgets");
    CHECK_FALSE(log[0]["headers"].contains("content-type"));
    CHECK(log[1]["headers"]["content-type"] == "application/json");
    CHECK(log[1]["body"] == json{{"title", "T"}, {"head", "wafix/xml"}, {"base", "main"}, {"body", "B"}});
    CHECK(gh.state().dump().find(gh.options().token) == std::string::npos);  // not even in the log
}

TEST_CASE("create_pull, then find_open_pull finds it by head branch", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    auto client = client_for(gh, s.policy());
    PullRequest made = client.create_pull("wafix: XML fixes", "wafix/xml", "main", "Body text");
    CHECK(made.number == 1);
    CHECK(made.state == "open");
    CHECK(made.head_ref == "wafix/xml");
    CHECK(made.base_ref == "main");
    CHECK(made.head_sha.size() == 40);
    CHECK(made.html_url == gh.api_url() + "/octo/widgets/pull/1");
    client.create_pull("other", "wafix/json", "main", "");

    auto found = client.find_open_pull("wafix/xml");
    REQUIRE(found);
    CHECK(found->number == made.number);
    CHECK(found->title == "wafix: XML fixes");
    CHECK(found->body == "Body text");
    CHECK(found->head_sha == made.head_sha);
    CHECK_FALSE(client.find_open_pull("wafix/none"));
    CHECK_FALSE(client.find_open_pull("wafix"));  // a prefix is not a match
    // The head filter is "owner:branch", URL-encoded.
    CHECK(calls(gh).at(2) == "GET /repos/octo/widgets/pulls?state=open&head=octo%3Awafix%2Fxml&per_page=100");
}

TEST_CASE("a second pull request for the same head fails with GitHub's 422 message", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    auto client = client_for(gh, s.policy());
    client.create_pull("t", "wafix/xml", "main", "b");
    ApiError e = api_error([&] { client.create_pull("t", "wafix/xml", "main", "b"); }, {gh.options().token});
    CHECK(e.status == 422);
    CHECK(std::string(e.what()) ==
          "GitHub API: POST /repos/octo/widgets/pulls: 422 Unprocessable Entity: Validation Failed: "
          "A pull request already exists for octo:wafix/xml.");
    CHECK(s.waits.empty());  // a 4xx is not retried
    CHECK(gh.requests().size() == 2);
}

TEST_CASE("update_pull, close_pull, comment and add_labels change the pull request", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    auto client = client_for(gh, s.policy());
    int n = client.create_pull("old title", "wafix/xml", "main", "old body").number;

    PullRequest updated = client.update_pull(n, "new title", "new body");
    CHECK(updated.title == "new title");
    CHECK(updated.body == "new body");
    auto pr = gh.state()["pulls"][0];
    CHECK(pr["title"] == "new title");
    CHECK(pr["body"] == "new body");
    CHECK(pr["state"] == "open");

    client.comment(n, "wafix ran again: 3 fixes");
    client.add_labels(n, {"wafix", "automated"});
    client.add_labels(n, {"wafix"});
    auto st = gh.state();
    REQUIRE(st["comments"][std::to_string(n)].size() == 1);
    CHECK(st["comments"][std::to_string(n)][0]["body"] == "wafix ran again: 3 fixes");
    CHECK(st["pulls"][0]["labels"] == json::array({{{"name", "wafix"}}, {{"name", "automated"}}}));
    CHECK(client.find_open_pull("wafix/xml")->labels == std::vector<std::string>{"wafix", "automated"});

    client.close_pull(n);
    CHECK(gh.state()["pulls"][0]["state"] == "closed");
    CHECK_FALSE(client.find_open_pull("wafix/xml"));
    auto log = calls(gh);
    CHECK(std::count(log.begin(), log.end(), "PATCH /repos/octo/widgets/pulls/1") == 2);
    CHECK(std::count(log.begin(), log.end(), "POST /repos/octo/widgets/issues/1/comments") == 1);
    CHECK(std::count(log.begin(), log.end(), "POST /repos/octo/widgets/issues/1/labels") == 2);
    auto requests = gh.requests();
    auto close = std::find_if(requests.rbegin(), requests.rend(), [](const json& r) { return r["method"] == "PATCH"; });
    REQUIRE(close != requests.rend());
    CHECK((*close)["body"] == json{{"state", "closed"}});

    ApiError e = api_error([&] { client.comment(99, "x"); }, {gh.options().token});
    CHECK(e.status == 404);
}

TEST_CASE("open_pulls_with_prefix follows Link pagination over three pages", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    json pulls = json::array();
    for (int i = 0; i < 210; ++i) pulls.push_back({{"head", "wafix/p" + std::to_string(i)}});
    for (int i = 0; i < 30; ++i) pulls.push_back({{"head", "feature/f" + std::to_string(i)}});
    for (int i = 0; i < 10; ++i)  // same prefix, but a fork's branch: not ours
        pulls.push_back({{"head", "wafix/fork" + std::to_string(i)}, {"head_repo", "someone/widgets"}});
    pulls.push_back({{"head", "wafix/closed"}, {"state", "closed"}});
    REQUIRE(gh.seed({{"pulls", pulls}})["numbers"].size() == 251);

    auto found = client_for(gh, s.policy()).open_pulls_with_prefix("wafix/");
    CHECK(found.size() == 210);
    std::set<std::string> heads;
    for (const auto& p : found) heads.insert(p.head_ref);
    CHECK(heads.size() == 210);
    CHECK(heads.count("wafix/p0"));
    CHECK(heads.count("wafix/p209"));
    CHECK_FALSE(heads.count("wafix/closed"));
    CHECK_FALSE(heads.count("wafix/fork0"));
    CHECK(calls(gh) == std::vector<std::string>{"GET /repos/octo/widgets/pulls?state=open&per_page=100",
                                                "GET /repos/octo/widgets/pulls?state=open&per_page=100&page=2",
                                                "GET /repos/octo/widgets/pulls?state=open&per_page=100&page=3"});
    for (const auto& r : gh.requests()) CHECK(r["authorization"] == "matched");
}

TEST_CASE("a Link to another host is not followed (the token stays home)", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    // Same emulator, other origin: http://localhost:<port> is not http://127.0.0.1:<port>.
    std::string elsewhere = "http://localhost:" + std::to_string(gh.port()) + "/repos/octo/widgets/pulls?page=2";
    json page = json::array({{{"number", 7},
                              {"state", "open"},
                              {"title", "t"},
                              {"head", {{"ref", "wafix/a"}, {"sha", "abc"}, {"repo", {{"full_name", "octo/widgets"}}}}},
                              {"base", {{"ref", "main"}}}}});
    gh.fail({{"method", "GET"},
             {"path_regex", "/pulls"},
             {"status", 200},
             {"times", -1},
             {"headers", {{"Link", "<" + elsewhere + ">; rel=\"next\""}}},
             {"body", page}});
    auto found = client_for(gh, s.policy()).open_pulls_with_prefix("wafix/");
    REQUIRE(found.size() == 1);
    CHECK(found[0].number == 7);
    auto log = gh.requests();
    CHECK(log.size() == 1);
    for (const auto& r : log) CHECK(r["host"] == "127.0.0.1:" + std::to_string(gh.port()));
}

TEST_CASE("a bad token is a 401 that names the token, without it", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    auto config = gh.config();
    config.token = "ghp_wrongWrongWrong987654321";
    GitHubClient client(config, nullptr, s.policy());
    ApiError e = api_error([&] { client.default_branch(); }, {config.token, gh.options().token});
    CHECK(e.status == 401);
    CHECK(contains(e.what(), "GitHub API: GET /repos/octo/widgets: 401 Unauthorized: Bad credentials"));
    CHECK(contains(e.what(), "token is missing, invalid or expired"));
    CHECK(s.waits.empty());
    auto log = gh.requests();
    REQUIRE(log.size() == 1);
    CHECK(log[0]["authorization"] == "mismatched");
}

TEST_CASE("an unknown repository is a 404 that names it", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    auto config = gh.config();
    config.repo = "gadgets";
    GitHubClient client(config, nullptr, s.policy());
    ApiError e = api_error([&] { client.default_branch(); }, {config.token});
    CHECK(e.status == 404);
    CHECK(contains(e.what(), "GET /repos/octo/gadgets: 404 Not Found"));
    CHECK(contains(e.what(), "octo/gadgets not found, or the token cannot see it"));
    CHECK(gh.requests().size() == 1);
}

TEST_CASE("a 403 without rate-limit headers names the permissions the workflow needs", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    gh.fail({{"path_regex", "/pulls$"},
             {"status", 403},
             {"times", -1},
             {"body", {{"message", "Resource not accessible by integration"}}}});
    auto client = client_for(gh, s.policy());
    ApiError e = api_error([&] { client.create_pull("t", "wafix/a", "main", ""); }, {gh.options().token});
    CHECK(e.status == 403);
    CHECK_FALSE(e.rate_reset);
    CHECK(contains(e.what(), "403 Forbidden: Resource not accessible by integration"));
    CHECK(contains(e.what(), "contents: write"));
    CHECK(contains(e.what(), "pull-requests: write"));
    CHECK(gh.requests().size() == 1);
}

TEST_CASE("a primary rate limit fails with its reset time, without retrying", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    std::time_t reset = std::time(nullptr) + 3600;
    gh.fail({{"path_regex", "^/repos/"},
             {"status", 403},
             {"times", -1},
             {"headers", {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", std::to_string(reset)}}},
             {"body", {{"message", "API rate limit exceeded for installation ID 42."}}}});
    ApiError e = api_error([&] { client_for(gh, s.policy()).default_branch(); }, {gh.options().token});
    CHECK(e.status == 403);
    REQUIRE(e.rate_reset);
    CHECK(*e.rate_reset == reset);
    char iso[32];
    std::tm tm{};
    gmtime_r(&reset, &tm);
    std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
    CHECK(contains(e.what(), "API rate limit exceeded for installation ID 42."));
    CHECK(contains(e.what(), std::string("primary rate limit exceeded; it resets at ") + iso));
    CHECK(s.waits.empty());
    CHECK(gh.requests().size() == 1);
}

TEST_CASE("a primary rate limit that resets within max_wait is waited for", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    std::time_t reset = std::time(nullptr) + 5;
    gh.fail({{"path_regex", "^/repos/"},
             {"status", 429},
             {"headers", {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", std::to_string(reset)}}}});
    CHECK(client_for(gh, s.policy()).default_branch() == "main");
    REQUIRE(s.waits.size() == 1);
    CHECK(s.waits[0] >= milliseconds(4000));
    CHECK(s.waits[0] <= milliseconds(7000));
    CHECK(gh.requests().size() == 2);
}

TEST_CASE("a secondary rate limit (retry-after) is waited for and retried", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    int status = GENERATE(403, 429);
    gh.fail({{"path_regex", "/pulls$"},
             {"method", "POST"},
             {"status", status},
             {"headers", {{"retry-after", "1"}}},
             {"body", {{"message", "You have exceeded a secondary rate limit."}}}});
    PullRequest p = client_for(gh, s.policy()).create_pull("t", "wafix/a", "main", "b");
    CHECK(p.number == 1);
    CHECK(s.waits == std::vector<milliseconds>{milliseconds(1000)});
    auto log = gh.requests();
    REQUIRE(log.size() == 2);
    CHECK(log[0]["status"] == status);
    CHECK(log[1]["status"] == 201);
    CHECK(gh.state()["pulls"].size() == 1);
}

TEST_CASE("a secondary rate limit longer than max_wait fails with the time", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    gh.fail({{"path_regex", "^/repos/"}, {"status", 429}, {"headers", {{"retry-after", "600"}}}});
    ApiError e = api_error([&] { client_for(gh, s.policy()).default_branch(); }, {gh.options().token});
    CHECK(e.status == 429);
    CHECK(contains(e.what(), "429 Too Many Requests"));
    CHECK(contains(e.what(), "secondary rate limit: retry after 600 s, at 20"));
    CHECK(s.waits.empty());
    CHECK(gh.requests().size() == 1);
}

TEST_CASE("5xx responses are retried with exponential backoff", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    gh.fail({{"path_regex", "^/repos/octo/widgets$"}, {"status", 500}, {"times", 2}});
    CHECK(client_for(gh, s.policy()).default_branch() == "main");
    CHECK(s.waits == std::vector<milliseconds>{milliseconds(500), milliseconds(1000)});
    auto log = gh.requests();
    REQUIRE(log.size() == 3);
    CHECK(log[0]["status"] == 500);
    CHECK(log[1]["status"] == 500);
    CHECK(log[2]["status"] == 200);
}

TEST_CASE("a server that keeps failing fails after the configured attempts", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    int status = GENERATE(500, 502, 503, 504);
    gh.fail({{"path_regex", "^/repos/"}, {"status", status}, {"times", -1}});
    ApiError e = api_error([&] { client_for(gh, s.policy(3)).default_branch(); }, {gh.options().token});
    CHECK(e.status == status);
    CHECK(contains(e.what(), "GitHub API: GET /repos/octo/widgets: " + std::to_string(status)));
    CHECK(contains(e.what(), "(after 3 attempts)"));
    CHECK(s.waits.size() == 2);
    CHECK(gh.requests().size() == 3);
}

TEST_CASE("a dropped connection is a network error that is retried", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    gh.fail({{"path_regex", "^/repos/"}, {"drop", true}});
    CHECK(client_for(gh, s.policy()).default_branch() == "main");
    CHECK(s.waits.size() == 1);
    auto log = gh.requests();
    REQUIRE(log.size() == 2);
    CHECK(log[0]["status"] == 0);
}

TEST_CASE("nothing listening: ApiError status 0 with curl's message and the attempt count", "[pr-github]") {
    // A bound socket that never listens: connections to its port are refused, and no one else can take it.
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    GitHubConfig config;
    config.api_url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
    config.token = "ghp_networkTestToken";
    config.owner = "octo";
    config.repo = "widgets";
    RecordedSleeps s;
    GitHubClient client(config, nullptr, s.policy());
    ApiError e = api_error([&] { client.default_branch(); }, {config.token});
    ::close(fd);
    CHECK(e.status == 0);
    CHECK(contains(e.what(), "GitHub API: GET /repos/octo/widgets: network error: "));
    CHECK(contains(e.what(), "onnect"));  // curl's "Couldn't connect to server" / "Connection refused"
    CHECK(contains(e.what(), "(after 4 attempts)"));
    CHECK(s.waits == std::vector<milliseconds>{milliseconds(500), milliseconds(1000), milliseconds(2000)});
}

TEST_CASE("a token echoed back by the server is scrubbed from the message", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    gh.fail({{"path_regex", "^/repos/"},
             {"status", 422},
             {"body",
              {{"message", "Validation Failed"},
               {"errors",
                {{{"message", "bad value " + gh.options().token}},
                 {{"resource", "PullRequest"}, {"field", "head"}, {"code", "invalid"}}}}}}});
    ApiError e = api_error([&] { client_for(gh, s.policy()).create_pull("t", "h", "main", ""); }, {gh.options().token});
    CHECK(e.status == 422);
    CHECK(std::string(e.what()) ==
          "GitHub API: POST /repos/octo/widgets/pulls: 422 Unprocessable Entity: "
          "Validation Failed: bad value ***; PullRequest.head invalid");
}

TEST_CASE("with --git-dir, the emulator checks branches and reports real head commits", "[pr-github]") {
    using wafix::test::run;
    using wafix::test::shell_quote;
    wafix::test::TempDir tmp;
    auto bare = tmp.path() / "remote.git", work = tmp.path() / "work";
    auto q = [](const std::filesystem::path& p) { return shell_quote(p.string()); };
    auto setup = run("git init -q --bare " + q(bare) + " && git init -q -b main " + q(work) + " && cd " + q(work) +
                     " && git -c user.name=t -c user.email=t@example.invalid commit -q --allow-empty -m base"
                     " && git checkout -q -b wafix/xml"
                     " && git -c user.name=t -c user.email=t@example.invalid commit -q --allow-empty -m fix"
                     " && git push -q " +
                     q(bare) + " main wafix/xml && git rev-parse HEAD");
    REQUIRE(setup.status == 0);
    std::string sha = setup.out.substr(0, 40);

    GitHubEmulatorOptions o;
    o.git_dir = bare;
    GitHubEmulator gh(o);
    RecordedSleeps s;
    auto client = client_for(gh, s.policy());
    CHECK(client.create_pull("t", "wafix/xml", "main", "").head_sha == sha);
    ApiError head = api_error([&] { client.create_pull("t", "wafix/missing", "main", ""); }, {gh.options().token});
    CHECK(head.status == 422);
    CHECK(contains(head.what(), "Validation Failed: PullRequest.head invalid"));
    ApiError base = api_error([&] { client.create_pull("t", "wafix/xml", "develop", ""); }, {gh.options().token});
    CHECK(contains(base.what(), "Validation Failed: PullRequest.base invalid"));
}

TEST_CASE("a response slower than the transport timeout is a network error that is retried", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    gh.fail({{"path_regex", "^/repos/"}, {"status", 200}, {"body", {{"default_branch", "stale"}}}, {"delay", 3}});
    GitHubClient client(gh.config(), make_curl_transport(std::chrono::seconds(1)), s.policy());
    auto started = std::chrono::steady_clock::now();
    CHECK(client.default_branch() == "main");  // the slow answer was abandoned, the retry got the real one
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
    CHECK(s.waits.size() == 1);
    CHECK(gh.requests().size() == 2);
}

TEST_CASE("a secondary rate limit without retry-after waits a minute, not a permission error", "[pr-github]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    gh.fail({{"path_regex", "^/repos/"},
             {"status", 403},
             {"body", {{"message", "You have exceeded a secondary rate limit. Please wait a few minutes."}}}});
    CHECK(client_for(gh, s.policy()).default_branch() == "main");
    CHECK(s.waits == std::vector<milliseconds>{milliseconds(60'000)});

    gh.fail({{"path_regex", "^/repos/"},
             {"status", 403},
             {"body", {{"message", "You have exceeded a secondary rate limit."}}}});
    RetryPolicy impatient = s.policy();
    impatient.max_wait = std::chrono::seconds(10);
    ApiError e = api_error([&] { client_for(gh, impatient).default_branch(); }, {gh.options().token});
    CHECK(e.status == 403);
    CHECK(contains(e.what(), "secondary rate limit; try again in a minute or more"));
    CHECK_FALSE(contains(e.what(), "permission"));
}

TEST_CASE("an API that hangs fails the call within the retry budget", "[pr-github][timeout]") {
    GitHubEmulator gh;
    RecordedSleeps s;
    gh.fail({{"path_regex", "^/repos/"}, {"status", 200}, {"times", -1}, {"delay", 60}});
    RetryPolicy policy = s.policy();
    policy.budget = std::chrono::seconds(2);
    GitHubClient client(gh.config(), make_curl_transport(std::chrono::seconds(30)), policy);
    auto started = std::chrono::steady_clock::now();
    ApiError e = api_error([&] { client.default_branch(); }, {gh.options().token});
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
    CHECK(e.status == 0);
    CHECK(contains(e.what(), "network error"));
    CHECK(contains(e.what(), "in 2 s, the API time limit"));
}
