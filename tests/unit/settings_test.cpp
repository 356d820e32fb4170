// Rule settings are checked as written, wherever they come from: 0, negative and overflowing
// values are refused with a message, never wrapped or written into code.
#include <catch2/catch.hpp>

#include "test_util.hpp"
#include "wafix/app/config.hpp"
#include "wafix/core/settings.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;
using namespace wafix;
using namespace wafix::test;

namespace {

SettingSpec integer_spec() {
    return {.name = "n",
            .type = SettingType::Integer,
            .default_value = "10",
            .help = "h",
            .value_name = "N",
            .min = 1,
            .max = 1000000};
}

SettingSpec seconds_spec() {
    return {
        .name = "t", .type = SettingType::Seconds, .default_value = "10", .help = "h", .value_name = "S", .max = 900};
}

}  // namespace

TEST_CASE("integer settings are range-checked as written", "[unit][settings]") {
    SettingSpec s = integer_spec();
    for (const char* ok : {"1", "10", "1000000"}) CHECK(setting_error(s, ok).empty());
    for (const char* bad : {"0", "-1", "1000001", "4294967296", "99999999999999999999", "", "10x", "1.5", " 5"}) {
        INFO(bad);
        std::string why = setting_error(s, bad);
        CHECK(why.find("a positive integer, at most 1000000") != std::string::npos);
        CHECK(why.find(std::string("(got ") + bad + ")") != std::string::npos);
    }
    CHECK(parse_integer("9223372036854775807") == INT64_MAX);
    CHECK_FALSE(parse_integer("9223372036854775808"));
}

TEST_CASE("seconds settings take a positive decimal up to the maximum, or a pair", "[unit][settings]") {
    SettingSpec s = seconds_spec();
    for (const char* ok : {"10", "0.5", "900", "900.000", "3.05,27", " 3.05 , 27 "}) {
        INFO(ok);
        CHECK(setting_error(s, ok).empty());
    }
    for (const char* bad :
         {"0", "0.0", "-1", "900.5", "901", "99999999999999999999", "1e3", "01", "3.", ".5", "3.05,0", "3,4,5", ""}) {
        INFO(bad);
        CHECK_FALSE(setting_error(s, bad).empty());
    }
    auto parts = seconds_parts("3.05,27", 900);
    REQUIRE(parts);
    CHECK(*parts == std::vector<std::string_view>{"3.05", "27"});
}

TEST_CASE("a configuration's out-of-range setting is an error at its file and line", "[unit][settings][config]") {
    TempDir tmp;
    auto error_for = [&](const std::string& body) {
        fs::path p = tmp.path() / "pyproject.toml";
        write_file(p, body);
        try {
            parse_config(p, true);
        } catch (const ConfigError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    // 2^32 used to wrap to 0 on its way into an int.
    std::string wrapped = error_for("[tool.wafix]\nreserved-concurrency = 4294967296\n");
    CHECK(wrapped.find("pyproject.toml:2:") != std::string::npos);
    CHECK(wrapped.find("`reserved-concurrency` must be a positive integer, at most 1000000 (got 4294967296)") !=
          std::string::npos);
    CHECK(error_for("[tool.wafix]\n\nreserved-concurrency = -3\n").find("pyproject.toml:3:") != std::string::npos);
    CHECK(error_for("[tool.wafix]\nhttp-timeout = 1e20\n").find("`http-timeout` must be") != std::string::npos);
    CHECK(error_for("[tool.wafix]\nhttp-timeout = [3, 901]\n").find("at most 900") != std::string::npos);
    // Beyond 64 bits TOML itself refuses the number, with its position.
    CHECK(error_for("[tool.wafix]\nhttp-timeout = 99999999999999999999\n").find("pyproject.toml:2:") !=
          std::string::npos);
    CHECK(error_for("[tool.wafix]\nsecret-id-prefix = \"bad prefix\"\n").find("`secret-id-prefix` must be") !=
          std::string::npos);
    CHECK(error_for("[tool.wafix]\nreserved-concurrency = 25\nhttp-timeout = 900\n").empty());
}

TEST_CASE("command-line settings out of range are refused and never reach the code", "[unit][settings][cli]") {
    TempDir tmp;
    write_file(tmp.path() / "h.py", "import requests\n\nrequests.get('http://x')\n");
    write_file(tmp.path() / "stack.py",
               "from aws_cdk import aws_lambda as _lambda\n\n\ndef build(s, c):\n    return _lambda.Function(s, \"F\", "
               "code=c)\n");
    std::string wafix = shell_quote(WAFIX_BINARY) + " diff --no-cache ";
    auto timeout = run(wafix + "--http-timeout 99999999999999999999 h.py", tmp.path());
    CHECK(timeout.status == 2);
    CHECK(timeout.out.find("99999999999999999999") == std::string::npos);
    CHECK(timeout.err.find("--http-timeout") != std::string::npos);
    CHECK(timeout.err.find("at most 900") != std::string::npos);
    for (const char* value : {"4294967296", "0", "-1", "99999999999999999999"}) {
        auto r = run(wafix + "--reserved-concurrency " + value + " stack.py", tmp.path());
        INFO(value << ": " << r.err);
        CHECK(r.status == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find("a positive integer, at most 1000000") != std::string::npos);
    }
    // The old spelling of a renamed flag still works.
    CHECK(run(wafix + "--secret-prefix 'bad prefix' h.py", tmp.path()).status == 2);
    CHECK(run(wafix + "--secret-id-prefix prod/ h.py", tmp.path()).status == 1);
}
