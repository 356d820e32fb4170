// WA301 hardcoded-secret: detection on a labelled set (precision/recall table, no false positive
// allowed), the pattern helpers, test-file skipping, and finding messages that never hold a value.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>

#include <fmt/format.h>

#include "secrets/secret_patterns.hpp"
#include "test_util.hpp"
#include "wafix/app/file_analysis.hpp"
#include "wafix/core/engine.hpp"
#include "wafix/core/semantic.hpp"
#include "wafix/core/syntax.hpp"
#include "wafix/core/transform.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;
using namespace wafix;
using namespace wafix::test;

namespace {

// WA301's findings on `text` as if it lived at `path`.
std::vector<Finding> wa301_findings(const std::string& path, const std::string& text) {
    auto loaded = source_from_bytes(path, text);
    REQUIRE(loaded.file);
    Parser parser;
    Tree tree = parser.parse(loaded.file->text);
    SemanticModel model(tree);
    RuleSettings settings;
    Context ctx(*loaded.file, tree, model, settings);
    std::vector<Finding> out;
    const Transform* t = find_transform("WA301");
    REQUIRE(t);
    t->run(ctx, out);
    return out;
}

struct Tally {
    int tp = 0, fn = 0, fp = 0, tn = 0;
};

std::string ratio(int num, int den) { return den == 0 ? "   -  " : fmt::format("{:6.3f}", double(num) / den); }

}  // namespace

TEST_CASE("WA301 precision and recall on the labelled set", "[secrets][precision]") {
    fs::path file = source_dir() / "testdata" / "WA301" / "labelled" / "labelled_literals.py";
    std::string text = read_file(file);
    std::vector<Finding> findings = wa301_findings(file.string(), text);
    std::set<uint32_t> flagged;
    for (const Finding& f : findings) flagged.insert(f.location.line);

    std::map<std::string, Tally> by_category;
    Tally total;
    std::set<uint32_t> labelled;
    std::regex label(R"(# expect: (secret|clean) (\w+)\s*$)");
    std::istringstream lines(text);
    std::string line;
    uint32_t row = 0;
    int labels = 0;
    while (std::getline(lines, line)) {
        ++row;
        std::smatch m;
        if (!std::regex_search(line, m, label)) continue;
        ++labels;
        labelled.insert(row);
        bool secret = m[1] == "secret";
        bool hit = flagged.count(row) > 0;
        Tally& t = by_category[(secret ? "+" : "-") + m[2].str()];
        int Tally::*slot = secret ? (hit ? &Tally::tp : &Tally::fn) : (hit ? &Tally::fp : &Tally::tn);
        ++(t.*slot);
        ++(total.*slot);
        if (!secret && hit) FAIL_CHECK("false positive on line " << row << ": " << line.substr(0, line.find(" = ")));
        if (secret && !hit) WARN("missed (false negative) on line " << row);
    }
    REQUIRE(labels >= 60);
    for (uint32_t r : flagged)
        if (!labelled.count(r)) FAIL_CHECK("finding on unlabelled line " << r);

    std::string table = "\nWA301 on testdata/WA301/labelled/labelled_literals.py\n";
    table += fmt::format("{:<14} {:>4} {:>4} {:>4} {:>4}  {:>9} {:>6}\n", "category", "TP", "FN", "FP", "TN",
                         "precision", "recall");
    for (const auto& [cat, t] : by_category)
        table += fmt::format("{:<14} {:>4} {:>4} {:>4} {:>4}  {:>9} {:>6}\n", cat, t.tp, t.fn, t.fp, t.tn,
                             ratio(t.tp, t.tp + t.fp), ratio(t.tp, t.tp + t.fn));
    table += fmt::format("{:<14} {:>4} {:>4} {:>4} {:>4}  {:>9} {:>6}\n", "TOTAL", total.tp, total.fn, total.fp,
                         total.tn, ratio(total.tp, total.tp + total.fp), ratio(total.tp, total.tp + total.fn));
    std::cout << table << std::flush;
    CHECK(total.fp == 0);
    CHECK(total.tp + total.fn >= 25);
    CHECK(total.fp + total.tn >= 25);
    // Recall may trade for precision, within reason.
    CHECK(double(total.tp) / (total.tp + total.fn) >= 0.9);
}

TEST_CASE("WA301 pattern helpers", "[secrets][unit]") {
    using namespace wafix::secrets;
    CHECK(wafix::identifier_words("clientSecret") == std::vector<std::string>{"client", "secret"});
    CHECK(wafix::identifier_words("ERP_API_KEY") == std::vector<std::string>{"erp", "api", "key"});
    CHECK(wafix::identifier_words("APIKey") == std::vector<std::string>{"api", "key"});
    CHECK(wafix::identifier_words("X-Api-Key") == std::vector<std::string>{"x", "api", "key"});
    CHECK(normalise_name("ERP_API_KEY") == "erp-api-key");
    CHECK(normalise_name("dbPassword") == "db-password");

    CHECK(generic_kind("DB_PASSWORD") == "password");
    CHECK(generic_kind("apiKey") == "api-key");
    CHECK(generic_kind("refresh_token") == "token");
    CHECK(generic_kind("client_secret") == "secret");
    CHECK_FALSE(generic_kind("secret_id"));
    CHECK_FALSE(generic_kind("token_url"));
    CHECK_FALSE(generic_kind("public_key"));
    CHECK_FALSE(generic_kind("csrf_token"));
    CHECK_FALSE(generic_kind("api_key_version"));
    CHECK_FALSE(generic_kind("password_file"));
    CHECK_FALSE(generic_kind("compass"));
    CHECK_FALSE(generic_kind("tokenizer"));

    CHECK(match_provider("AKIASPUQ2IDW52IJB4LA"));
    CHECK_FALSE(match_provider("AKIAIOSFODNN7EXAMPLE"));
    CHECK_FALSE(match_provider("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
    auto gh = match_provider("token ghp_wZPf1Qh6yYTWmE4lBYOvfZ8UzDzV8fUkkibj");
    REQUIRE(gh);
    CHECK(gh->kind == "github-token");
    CHECK(gh->begin == 6);
    CHECK_FALSE(match_provider("-----BEGIN RSA PRIVATE KEY-----"));

    CHECK(plausible_secret_value("Vq7#mR2x!Lp9Wd4Ke"));
    for (const char* v : {"changeme", "short1", "${TOKEN}", "{password}", "%s", "12345678", "aaaaaaaaaa",
                          "123e4567-e89b-12d3-a456-426614174000", "https://x.example/a1", "DB_PASSWORD_2",
                          "not-configured", "Enter your password"})
        CHECK_FALSE(plausible_secret_value(v));

    CHECK(is_test_path("tests/handler.py"));
    CHECK(is_test_path("pkg/test_handler.py"));
    CHECK(is_test_path("pkg/handler_test.py"));
    CHECK(is_test_path("conftest.py"));
    CHECK(is_test_path("typings/boto3.pyi"));
    CHECK_FALSE(is_test_path("functions/latest/handler.py"));
    CHECK_FALSE(is_test_path("testdata/WA301/case.py"));

    CHECK_FALSE(may_contain_secrets("import os\nprint(os.getcwd())\n"));
    CHECK(may_contain_secrets("x = 'AKIAQ3EGRTMZ7LHVX4PB'\n"));
}

TEST_CASE("WA301 stays linear on hostile input", "[secrets][unit]") {
    // Long runs that would make a backtracking engine crawl: RE2 does not backtrack.
    std::string value(200000, 'A');
    std::string pem = "-----BEGIN PRIVATE KEY-----" + std::string(200000, 'a');
    std::string jwt = "eyJ" + std::string(100000, 'a') + ".eyJ" + std::string(100000, 'b');
    auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(secrets::match_provider(value));
    CHECK_FALSE(secrets::match_provider(pem));
    CHECK_FALSE(secrets::match_provider(jwt));
    std::string file = "password = \"" + std::string(100000, 'x') + "1\"\n";
    auto findings = wa301_findings("big.py", file);
    CHECK(findings.empty());
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

TEST_CASE("WA301 skips test files and fixtures", "[secrets]") {
    std::string src = "DB_PASSWORD = \"rQxeJ6mXJlSwP90IfVRh\"\n";
    CHECK(wa301_findings("app/settings_module.py", src).size() == 1);
    for (const char* path : {"tests/settings_module.py", "app/test_settings.py", "app/settings_test.py", "conftest.py",
                             "app/fixtures/settings.py", "stubs/settings.pyi"})
        CHECK(wa301_findings(path, src).empty());

    // The sample project's test fixture password is left alone end to end.
    fs::path test_file = source_dir() / "testdata" / "sample" / "tests" / "test_invoice_parser.py";
    EngineOptions o;
    o.select = {"WA301"};
    FileResult r = process_file(test_file, o);
    CHECK_FALSE(r.changed());
    CHECK(r.unfixed.empty());
}

TEST_CASE("WA301 finding messages never hold the value and ask for rotation", "[secrets]") {
    size_t checked = 0;
    for (const auto& entry : fs::directory_iterator(source_dir() / "testdata" / "WA301")) {
        if (entry.path().extension() != ".py") continue;
        std::string text = read_file(entry.path());
        EngineOptions o;
        o.select = {"WA301"};
        auto loaded = source_from_bytes(entry.path(), text);
        REQUIRE(loaded.file);
        FileResult r = process_source(*loaded.file, o);
        std::vector<Finding> findings = wa301_findings(entry.path().string(), text);
        for (const Finding& f : findings) {
            INFO(entry.path().filename().string() << ": " << f.message);
            CHECK(f.message.find("git history") != std::string::npos);
            CHECK(f.message.find("rotate") != std::string::npos);
            std::string literal = text.substr(f.begin, f.end - f.begin);
            // Nothing of the literal's content (8+ characters of it) shows in the message.
            for (size_t i = 0; i + 8 <= literal.size(); ++i)
                CHECK(f.message.find(literal.substr(i, 8)) == std::string::npos);
            ++checked;
        }
        for (const SecretRecord& s : r.secrets) {
            CHECK(text.find(s.spellings.front()) != std::string::npos);
            for (const auto& note : r.notes) CHECK(note.find(s.value) == std::string::npos);
        }
    }
    CHECK(checked >= 25);
}

TEST_CASE("WA301 ids: prefix setting, one id per value, no clash with ids in use", "[secrets]") {
    std::string src =
        "import boto3\n\nA_TOKEN = \"rQxeJ6mXJlSwP90IfVRh\"\nB_TOKEN = \"rQxeJ6mXJlSwP90IfVRh\"\n"
        "def f(token=\"MW9NkvXd5vZOBmtlVhjFP9HU\"):\n    return token\n";
    auto loaded = source_from_bytes("functions/orders/handler.py", src);
    REQUIRE(loaded.file);
    EngineOptions o;
    o.select = {"WA301"};
    FileResult r = process_source(*loaded.file, o);
    REQUIRE(r.secrets.size() == 3);
    CHECK(r.secrets[0].id == "orders/a-token");
    CHECK(r.secrets[1].id == "orders/a-token");  // same value, same id
    CHECK(r.secrets[2].id == "orders/token");
    CHECK(r.secrets[0].line == 3);
    CHECK(r.secrets[2].line == 5);
    CHECK(r.fixed_text.find("A_TOKEN = _get_secret(\"orders/a-token\")") != std::string::npos);

    o.settings.set("secret-id-prefix", "prod/{module}/");
    FileResult p = process_source(*loaded.file, o);
    REQUIRE(p.secrets.size() == 3);
    CHECK(p.secrets[0].id == "prod/orders/a-token");
    o.settings.set("secret-id-prefix", "");
    FileResult bare = process_source(*loaded.file, o);
    CHECK(bare.secrets[0].id == "a-token");
}

TEST_CASE("WA301 stores the decoded value: escapes, raw strings, implicit concatenation", "[secrets]") {
    std::string src =
        "A_TOKEN = \"Fdn\\x58siVpzz63\\u0046fkCzJr4\"\n"
        "B_TOKEN = r\"Fdn\\xsiVpzz63FfkCzJr4\"\n"
        "C_TOKEN = (\"Fdn'siVpzz\" 'Q63FfkCzJr4\\x41')\n"
        "HEADERS = {\"Authorization\": 'token ghp_wZPf1Qh6yYTWmE4lBYOvfZ8UzDzV8fUkkibj'}\n";
    auto loaded = source_from_bytes("settings_module.py", src);
    REQUIRE(loaded.file);
    EngineOptions o;
    o.select = {"WA301"};
    FileResult r = process_source(*loaded.file, o);
    REQUIRE(r.secrets.size() == 4);
    CHECK(r.secrets[0].value == "FdnXsiVpzz63FfkCzJr4");
    CHECK(r.secrets[0].spellings == std::vector<std::string>{"Fdn\\x58siVpzz63\\u0046fkCzJr4"});
    CHECK(r.secrets[1].value == "Fdn\\xsiVpzz63FfkCzJr4");
    CHECK(r.secrets[2].value == "Fdn'siVpzzQ63FfkCzJr4A");
    CHECK(r.secrets[3].value == "ghp_wZPf1Qh6yYTWmE4lBYOvfZ8UzDzV8fUkkibj");
    CHECK(r.secrets[3].kind == "github-token");
    CHECK(r.fixed_text.find("C_TOKEN = _get_secret(\"settings-module/c-token\")\n") != std::string::npos);
    CHECK(r.fixed_text.find("{\"Authorization\": 'token ' + _get_secret('settings-module/github-token')}") !=
          std::string::npos);
    Parser parser;
    CHECK_FALSE(parser.parse(r.fixed_text).has_error());
}

TEST_CASE("WA301 honours suppression comments as the engine reads them", "[secrets]") {
    std::string src =
        "DB_PASSWORD = \"rQxeJ6mXJlSwP90IfVRh\"  # nosec\n"
        "API_TOKEN = \"MW9NkvXd5vZOBmtlVhjFP9HU\"  # wafix: ignore[WA301]\n";
    auto loaded = source_from_bytes("settings_module.py", src);
    REQUIRE(loaded.file);
    EngineOptions o;
    o.select = {"WA301"};
    FileResult quiet = process_source(*loaded.file, o);
    CHECK_FALSE(quiet.changed());
    CHECK(quiet.unfixed.empty());
    // --no-peer-suppressions: bandit's `# nosec` no longer counts, wafix's own comment does.
    o.peer_suppressions = false;
    FileResult loud = process_source(*loaded.file, o);
    REQUIRE(loud.secrets.size() == 1);
    CHECK(loud.secrets[0].id == "settings-module/db-password");
}

TEST_CASE("WA301 project_uses_powertools: Powertools' get_secret in a module that does not import it", "[secrets]") {
    std::string src =
        "import json\n\nERP_API_KEY = \"Zr8Qm2Lx7Vp4Tk9Wn3Hd6Jc1\"\n\n\n"
        "def handler(event, context):\n    return json.dumps({\"k\": bool(ERP_API_KEY)})\n";
    auto loaded = source_from_bytes("functions/orders/handler.py", src);
    REQUIRE(loaded.file);
    EngineOptions o;
    o.select = {"WA301"};
    FileResult plain = process_source(*loaded.file, o);
    CHECK(plain.fixed_text.find("ERP_API_KEY = _get_secret(\"orders/erp-api-key\")\n") != std::string::npos);
    CHECK(plain.fixed_text.find("aws_lambda_powertools") == std::string::npos);

    o.settings.declared_packages.insert("aws-lambda-powertools");
    FileResult pt = process_source(*loaded.file, o);
    CHECK(pt.fixed_text ==
          "import json\nfrom aws_lambda_powertools.utilities import parameters\n\n"
          "ERP_API_KEY = parameters.get_secret(\"orders/erp-api-key\")\n\n\n"
          "def handler(event, context):\n    return json.dumps({\"k\": bool(ERP_API_KEY)})\n");
    REQUIRE(pt.secrets.size() == 1);

    // A module-level name `parameters` that is not Powertools' keeps the boto3 helper.
    auto taken = source_from_bytes("functions/orders/handler.py", "parameters = {}\n" + src);
    REQUIRE(taken.file);
    FileResult t = process_source(*taken.file, o);
    CHECK(t.fixed_text.find("_get_secret(\"orders/erp-api-key\")") != std::string::npos);
    CHECK(t.fixed_text.find("aws_lambda_powertools") == std::string::npos);
}
