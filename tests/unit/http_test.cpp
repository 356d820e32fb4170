// WA201 / WA202 beyond the golden cases: settings (--http-timeout), the unsafe chained-call split,
// both rules together, reuse of the constant across runs, and the CLI flag.
#include <catch2/catch.hpp>

#include "http/http_transforms.hpp"
#include "test_util.hpp"
#include "wafix/core/engine.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;
using namespace wafix;
using namespace wafix::test;

namespace {

FileResult fix(const std::string& text, std::set<std::string> rules, std::string timeout = "10", bool unsafe = false) {
    auto loaded = source_from_bytes("handler.py", text);
    REQUIRE(loaded.file);
    EngineOptions o;
    o.select = std::move(rules);
    o.settings.set("http-timeout", std::move(timeout));
    o.unsafe_fixes = unsafe;
    return process_source(*loaded.file, o);
}

}  // namespace

TEST_CASE("http timeout setting values", "[http]") {
    auto scalar = http::parse_timeout_setting("10");
    REQUIRE(scalar);
    CHECK(scalar->literal == "10");
    CHECK_FALSE(scalar->pair);
    auto pair = http::parse_timeout_setting(" 3.05 , 27 ");
    REQUIRE(pair);
    CHECK(pair->literal == "(3.05, 27)");
    CHECK(pair->scalar_literal == "27");  // urlopen takes one number: the larger
    CHECK(http::parse_timeout_setting("30,3.05")->scalar_literal == "30");
    for (const char* bad : {"", "0", "-1", "010", "1e3", "abc", "1,", ",2", "1,2,3", "1.", ".5", "0,0"})
        CHECK_FALSE(http::parse_timeout_setting(bad));
    CHECK(http::parse_timeout_setting("0.5"));
}

TEST_CASE("a connect/read pair becomes a tuple constant; urlopen gets one number", "[http]") {
    std::string in =
        "import urllib.request\n\nimport requests\n\n\n"
        "def a(u):\n    return requests.get(u)\n\n\n"
        "def b(u):\n    return requests.post(u)\n\n\n"
        "def c(u):\n    return urllib.request.urlopen(u).read()\n";
    std::string out =
        "import urllib.request\n\nimport requests\n\n"
        "HTTP_TIMEOUT_SECONDS = (3.05, 27)  # (connect, read)\n\n\n"
        "def a(u):\n    return requests.get(u, timeout=HTTP_TIMEOUT_SECONDS)\n\n\n"
        "def b(u):\n    return requests.post(u, timeout=HTTP_TIMEOUT_SECONDS)\n\n\n"
        "def c(u):\n    return urllib.request.urlopen(u, timeout=27).read()\n";
    FileResult r = fix(in, {"WA201"}, "3.05,27");
    CHECK(r.fixed_text == out);
    CHECK(r.fixed.at("WA201") == 3);
}

TEST_CASE("one call gets a literal; a later call reuses the constant wafix wrote", "[http]") {
    FileResult one = fix("import requests\n\nr = requests.get('http://x')\n", {"WA201"});
    CHECK(one.fixed_text == "import requests\n\nr = requests.get('http://x', timeout=10)\n");

    FileResult two =
        fix("import requests\n\n\ndef a(u):\n    return requests.get(u)\n\n\n"
            "def b(u):\n    return requests.head(u)\n",
            {"WA201"});
    // A developer adds a call after wafix ran: the constant is reused, not written again.
    std::string edited = two.fixed_text + "\n\ndef c(u):\n    return requests.delete(u)\n";
    FileResult three = fix(edited, {"WA201"});
    CHECK(three.fixed_text ==
          two.fixed_text + "\n\ndef c(u):\n    return requests.delete(u, timeout=HTTP_TIMEOUT_SECONDS)\n");
    CHECK(fix(three.fixed_text, {"WA201"}).fixed_text == three.fixed_text);
}

TEST_CASE("an invalid timeout setting reports instead of writing nonsense", "[http]") {
    FileResult r = fix("import requests\nrequests.get('u')\n", {"WA201"}, "soon");
    CHECK_FALSE(r.changed());
    REQUIRE(r.unfixed.size() == 1);
    CHECK(r.unfixed[0].message.find("--http-timeout") != std::string::npos);
}

TEST_CASE("the chained-call split is unsafe: reported by default, applied on request", "[http]") {
    std::string in =
        "import requests\n\n\ndef load(url):\n    data = requests.get(url, timeout=5).json()\n"
        "    return data['items']\n";
    FileResult safe = fix(in, {"WA202"});
    CHECK_FALSE(safe.changed());
    REQUIRE(safe.unfixed.size() == 1);
    CHECK(safe.unfixed[0].message.find("unsafe fix with --unsafe-fixes") != std::string::npos);

    FileResult unsafe = fix(in, {"WA202"}, "10", true);
    CHECK(unsafe.fixed_text ==
          "import requests\n\n\ndef load(url):\n"
          "    response = requests.get(url, timeout=5)\n"
          "    response.raise_for_status()\n"
          "    data = response.json()\n"
          "    return data['items']\n");
    CHECK(fix(unsafe.fixed_text, {"WA202"}, "10", true).fixed_text == unsafe.fixed_text);

    // `response` is taken in that scope: the next free name is used.
    FileResult taken = fix("import requests\n\n\ndef load(url, response):\n    return requests.get(url).json()\n",
                           {"WA202"}, "10", true);
    CHECK(taken.fixed_text ==
          "import requests\n\n\ndef load(url, response):\n    resp = requests.get(url)\n"
          "    resp.raise_for_status()\n    return resp.json()\n");
}

TEST_CASE("WA201 and WA202 together on one call converge", "[http]") {
    std::string in =
        "import requests\n\n\ndef send(url, body):\n    requests.post(\n        url,\n"
        "        data=body  # xml\n    )\n    r = requests.get(url)\n    return r.json()\n";
    std::string out =
        "import requests\n\nHTTP_TIMEOUT_SECONDS = 10\n\n\ndef send(url, body):\n    requests.post(\n"
        "        url,\n        data=body,  # xml\n        timeout=HTTP_TIMEOUT_SECONDS\n"
        "    ).raise_for_status()\n    r = requests.get(url, timeout=HTTP_TIMEOUT_SECONDS)\n"
        "    r.raise_for_status()\n    return r.json()\n";
    FileResult r = fix(in, {"WA201", "WA202"});
    CHECK(r.fixed_text == out);
    CHECK(r.notes.empty());
    CHECK_FALSE(fix(out, {"WA201", "WA202"}).changed());
}

TEST_CASE("the http timeout flag on the command line", "[http][cli]") {
    TempDir tmp;
    write_file(tmp.path() / "h.py", "import requests\nrequests.get('u')\n");
    std::string wafix = shell_quote(WAFIX_BINARY);
    auto diff = run(wafix + " diff --select WA201 --http-timeout 3.05,27 h.py", tmp.path());
    CHECK(diff.status == 1);
    CHECK(diff.out.find("+requests.get('u', timeout=(3.05, 27))") != std::string::npos);
    auto bad = run(wafix + " diff --http-timeout 1e3 h.py", tmp.path());
    CHECK(bad.status == 2);
    CHECK(bad.err.find("CONNECT,READ") != std::string::npos);
    auto doc = run(wafix + " rules WA201 WA202", tmp.path());
    CHECK(doc.status == 0);
    CHECK(doc.out.find("## Fix safety") != std::string::npos);
    CHECK(doc.out.find("http-status-unchecked") != std::string::npos);
}

TEST_CASE("calls wafix cannot fix are reported for a human", "[http]") {
    std::string in =
        "import httpx\nimport requests\n\n\n"
        "def a(u, **kw):\n    return requests.get(u, **kw)\n\n\n"
        "def b(u):\n    return requests.get(u, timeout=None)\n\n\n"
        "def c(u):\n    return httpx.get(u, timeout=None)\n\n\n"
        "def d(u):\n    return httpx.get(u)\n\n\n"
        "def e(u):\n    r = requests.get(u, timeout=1); return r.json()\n";
    FileResult r = fix(in, {"WA201", "WA202"});
    CHECK_FALSE(r.changed());
    std::vector<std::string> lines;
    for (const Finding& f : r.unfixed)
        lines.push_back(f.rule + ":" + std::to_string(f.location.line) + " " + f.message);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].rfind("WA201:6 ", 0) == 0);
    CHECK(lines[0].find("**kwargs") != std::string::npos);
    CHECK(lines[1].rfind("WA201:10 ", 0) == 0);
    CHECK(lines[1].find("timeout=None") != std::string::npos);
    CHECK(lines[2].rfind("WA201:14 ", 0) == 0);  // httpx: only an explicit None
    CHECK(lines[3].rfind("WA202:22 ", 0) == 0);
    CHECK(lines[3].find("shares its line") != std::string::npos);
}

TEST_CASE("a long dropped call gets the timeout and then one argument per line", "[http]") {
    std::string in =
        "import requests\n\n\ndef notify(webhook_url, message, headers):\n"
        "    requests.post(webhook_url, json={\"text\": message}, headers=headers)\n";
    FileResult r = fix(in, {"WA201", "WA202"});
    CHECK(r.fixed_text ==
          "import requests\n\n\ndef notify(webhook_url, message, headers):\n    requests.post(\n"
          "        webhook_url,\n        json={\"text\": message},\n        headers=headers,\n"
          "        timeout=10,\n    ).raise_for_status()\n");
    CHECK(r.fixed.at("WA201") == 1);
    CHECK(r.fixed.at("WA202") == 1);
    CHECK_FALSE(fix(r.fixed_text, {"WA201", "WA202"}).changed());
}
