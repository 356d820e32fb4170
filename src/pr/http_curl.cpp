// The production HttpTransport: one libcurl easy handle per request. It never logs and never
// follows redirects (a redirect could carry the Authorization header to another host).
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

#include "wafix/pr/github_client.hpp"

namespace wafix::pr {

namespace {

size_t on_body(char* data, size_t size, size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

std::string trim(std::string s) {
    auto space = [](unsigned char c) { return std::isspace(c) != 0; };
    s.erase(s.begin(), std::find_if_not(s.begin(), s.end(), space));
    s.erase(std::find_if_not(s.rbegin(), s.rend(), space).base(), s.end());
    return s;
}

// One header line per call, status lines included.
size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto& headers = *static_cast<std::map<std::string, std::string>*>(user);
    std::string line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {
        headers.clear();  // a new response (after 100 Continue): only the final one's headers count
        return size * count;
    }
    auto colon = line.find(':');
    if (colon == std::string::npos) return size * count;
    std::string name = trim(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = trim(line.substr(colon + 1));
    auto [it, inserted] = headers.emplace(name, value);
    if (!inserted) it->second += ", " + value;  // repeated headers combine, as HTTP allows
    return size * count;
}

constexpr long kConnectMs = 10'000;
constexpr long kStallSeconds = 10;

struct CurlDeleter {
    void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

class CurlTransport final : public HttpTransport {
public:
    explicit CurlTransport(std::chrono::seconds timeout) : timeout_(timeout) {
        static std::once_flag once;
        std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    }

    HttpResponse send(const HttpRequest& request) override {
        HttpResponse response;
        std::unique_ptr<CURL, CurlDeleter> handle(curl_easy_init());
        if (!handle) {
            response.network_error = "curl_easy_init failed";
            return response;
        }
        CURL* h = handle.get();
        char error[CURL_ERROR_SIZE] = {};
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
        curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        // A server that accepts and then hangs: bounded by the whole-request timeout (what is left
        // of the call's budget when the client says), the connect timeout and the stall limit.
        auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(timeout_);
        if (request.timeout.count() > 0) timeout = std::min(timeout, request.timeout);
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                         static_cast<long>(std::min(timeout, std::chrono::milliseconds(kConnectMs)).count()));
        curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, kStallSeconds);
        curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");

        if (request.method == "GET") {
            curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
        } else {
            if (request.method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
            if (request.method == "POST" || !request.body.empty()) {
                curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
                curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
            }
        }

        curl_slist* list = curl_slist_append(nullptr, "Expect:");  // no 100-continue round trip
        std::unique_ptr<curl_slist, SlistDeleter> headers(list);
        for (const auto& [name, value] : request.headers) {
            curl_slist* next = curl_slist_append(headers.get(), (name + ": " + value).c_str());
            if (!next) {
                response.network_error = "out of memory building request headers";
                return response;
            }
            // The head of the list: the one `headers` owns, unless the list was empty.
            if (next != headers.get()) headers.reset(next);
        }
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());

        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(h, CURLOPT_HEADERDATA, &response.headers);

        CURLcode rc = curl_easy_perform(h);
        if (rc != CURLE_OK) {
            response = HttpResponse{};
            response.network_error = curl_easy_strerror(rc);
            if (error[0] != '\0') response.network_error += std::string(": ") + error;
            return response;
        }
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        response.status = static_cast<int>(status);
        return response;
    }

private:
    std::chrono::seconds timeout_;
};

}  // namespace

std::unique_ptr<HttpTransport> make_curl_transport(std::chrono::seconds timeout) {
    return std::make_unique<CurlTransport>(timeout);
}

}  // namespace wafix::pr
