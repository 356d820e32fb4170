#include "github_emulator.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace wafix::test {

namespace {

bool reap(pid_t pid, std::chrono::milliseconds within) {
    auto until = std::chrono::steady_clock::now() + within;
    do {
        int status = 0;
        pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid || (r < 0 && errno == ECHILD)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } while (std::chrono::steady_clock::now() < until);
    return false;
}

std::string read_or_empty(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

GitHubEmulator::GitHubEmulator(GitHubEmulatorOptions options) : options_(std::move(options)) {
    const auto port_file = dir_.path() / "port", log = dir_.path() / "emulator.log";
    std::vector<std::string> args = {
        "python3", options_.script.string(), "--port", "0",           "--port-file",      port_file.string(),
        "--token", options_.token,           "--repo", options_.repo, "--default-branch", options_.default_branch};
    if (!options_.git_dir.empty()) {
        args.push_back("--git-dir");
        args.push_back(options_.git_dir.string());
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    int rc = ::posix_spawnp(&pid_, "python3", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("GitHubEmulator: cannot start python3");

    auto until = std::chrono::steady_clock::now() + options_.start_timeout;
    while (std::chrono::steady_clock::now() < until) {
        std::string text = read_or_empty(port_file);  // renamed into place, so never partial
        if (!text.empty()) {
            port_ = std::stoi(text);
            return;
        }
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("GitHubEmulator exited at startup: " + read_or_empty(log));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(pid_, SIGKILL);
    reap(pid_, std::chrono::seconds(2));
    pid_ = -1;
    throw std::runtime_error("GitHubEmulator did not start within the timeout: " + read_or_empty(log));
}

GitHubEmulator::~GitHubEmulator() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    if (!reap(pid_, std::chrono::seconds(2))) {
        ::kill(pid_, SIGKILL);
        reap(pid_, std::chrono::seconds(2));
    }
}

std::string GitHubEmulator::api_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
std::string GitHubEmulator::owner() const { return options_.repo.substr(0, options_.repo.find('/')); }
std::string GitHubEmulator::repo() const { return options_.repo.substr(options_.repo.find('/') + 1); }

wafix::pr::GitHubConfig GitHubEmulator::config() const {
    wafix::pr::GitHubConfig c;
    c.api_url = api_url();
    c.token = options_.token;
    c.owner = owner();
    c.repo = repo();
    return c;
}

nlohmann::json GitHubEmulator::control(const std::string& method, const std::string& path, const nlohmann::json* body) {
    wafix::pr::HttpRequest req;
    req.method = method;
    req.url = api_url() + path;
    if (body) {
        req.body = body->dump();
        req.headers.emplace_back("Content-Type", "application/json");
    }
    auto response = wafix::pr::make_curl_transport(std::chrono::seconds(30))->send(req);
    if (response.status < 200 || response.status >= 300)
        throw std::runtime_error("GitHubEmulator " + method + " " + path + ": " + std::to_string(response.status) +
                                 " " + response.body + response.network_error);
    return nlohmann::json::parse(response.body);
}

nlohmann::json GitHubEmulator::state() { return control("GET", "/_emulator/state", nullptr); }
void GitHubEmulator::fail(const nlohmann::json& rule) { control("POST", "/_emulator/fail", &rule); }
nlohmann::json GitHubEmulator::seed(const nlohmann::json& doc) { return control("POST", "/_emulator/seed", &doc); }
void GitHubEmulator::reset() {
    nlohmann::json empty = nlohmann::json::object();
    control("POST", "/_emulator/reset", &empty);
}

}  // namespace wafix::test
