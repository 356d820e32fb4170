// The peers' comments silence the rules that declare the peer's code, and only those.
#include <catch2/catch.hpp>

#include "wafix/rules/registry.hpp"

using namespace wafix;

namespace {

FileResult check(const std::string& text, bool peers = true) {
    auto loaded = source_from_bytes("stack.py", text);
    REQUIRE(loaded.file);
    EngineOptions o;
    o.select = {"WA401", "WA402"};
    o.peer_suppressions = peers;
    return process_source(*loaded.file, o);
}

std::set<std::string> rules_of(const FileResult& r) {
    std::set<std::string> out;
    for (const Finding& f : r.findings) out.insert(f.rule);
    return out;
}

const char* kStack =
    "from aws_cdk import aws_lambda as _lambda\n\n\ndef build(s, c):\n    return _lambda.Function(s, \"F\", code=c)";

}  // namespace

TEST_CASE("checkov:skip silences the rule that declares the check", "[unit][suppression]") {
    CHECK(rules_of(check(std::string(kStack) + "\n")) == std::set<std::string>{"WA401", "WA402"});
    FileResult dlq = check(std::string(kStack) + "  # checkov:skip=CKV_AWS_116: events are idempotent\n");
    CHECK(rules_of(dlq) == std::set<std::string>{"WA402"});
    CHECK(dlq.suppressed == 1);
    CHECK(rules_of(check(std::string(kStack) + "  # checkov:skip=CKV_AWS_115\n")) == std::set<std::string>{"WA401"});
    // Another check's code, or peers turned off, silences nothing.
    CHECK(rules_of(check(std::string(kStack) + "  # checkov:skip=CKV_AWS_1\n")).size() == 2);
    CHECK(rules_of(check(std::string(kStack) + "  # checkov:skip=CKV_AWS_116\n", false)).size() == 2);
}

TEST_CASE("bandit and ruff codes are read in either comment, other tools' codes are not", "[unit][suppression]") {
    auto http = [](const std::string& comment) {
        auto loaded = source_from_bytes("h.py", "import requests\n\nrequests.get('http://x')  " + comment + "\n");
        REQUIRE(loaded.file);
        EngineOptions o;
        o.select = {"WA201"};
        return process_source(*loaded.file, o).findings.size();
    };
    CHECK(http("") == 1);
    for (const char* silenced : {"# noqa: S113", "# nosec B113", "# nosec S113", "# noqa", "# nosec",
                                 "# nosec request_without_timeout", "# wafix: ignore[WA201]"})
        CHECK(http(silenced) == 0);
    for (const char* not_silenced : {"# noqa: E501", "# nosec B105", "# checkov:skip=CKV_AWS_116", "# noqa123"})
        CHECK(http(not_silenced) == 1);
}
