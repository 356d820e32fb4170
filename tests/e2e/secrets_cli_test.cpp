// WA301 end to end: secret values appear in no output of wafix but the patch itself (exact when
// piped, masked on a terminal), the manifest is 0600 and written only when asked, and the fixed
// sample handlers read the same values from a local Secrets Manager emulator.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;

namespace {

std::string wafix_cmd() { return shell_quote(WAFIX_BINARY); }

// Every regular file under `dir` with its bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) out[fs::relative(e.path(), dir).generic_string()] = read_file(e.path());
    return out;
}

void copy_sample(const fs::path& to) {
    fs::copy(source_dir() / "testdata" / "sample", to, fs::copy_options::recursive);
}

// The sample's secret values, from a manifest, each checked to be a literal of the sample.
std::vector<std::string> sample_secrets() {
    TempDir tmp;
    copy_sample(tmp.path() / "sample");
    auto fix = run(wafix_cmd() + " fix --select WA301 --secrets-manifest m.json sample", tmp.path());
    REQUIRE(fix.status == 0);
    auto manifest = nlohmann::json::parse(read_file(tmp.path() / "m.json"));
    std::string all;
    for (const auto& e : fs::recursive_directory_iterator(source_dir() / "testdata" / "sample"))
        if (e.path().extension() == ".py") all += read_file(e.path());
    std::vector<std::string> values;
    for (const auto& entry : manifest) {
        std::string v = entry.at("value");
        CHECK(all.find(v) != std::string::npos);
        values.push_back(v);
    }
    REQUIRE(values.size() == 5);
    return values;
}

void check_no_secret(const std::string& what, const std::string& output, const std::vector<std::string>& values) {
    for (const auto& v : values) {
        INFO(what << " shows a secret value");
        CHECK(output.find(v) == std::string::npos);
    }
}

}  // namespace

TEST_CASE("secret values appear in no wafix output but the exact patch", "[cli][secrets][redaction]") {
    const std::vector<std::string> values = sample_secrets();
    TempDir tmp;
    copy_sample(tmp.path() / "sample");
    // A report-only finding too: its message is printed.
    write_file(tmp.path() / "sample" / "functions" / "auth_check.py",
               "def ok(api_key):\n    return api_key == \"" + values[0] + "\"\n");

    // Piped: the patch is exact (it must apply), stderr says nothing of the values.
    auto diff = run(wafix_cmd() + " diff sample", tmp.path());
    REQUIRE(diff.status == 1);
    for (const auto& v : values) CHECK(diff.out.find(v) != std::string::npos);
    check_no_secret("diff stderr", diff.err, values);
    CHECK(diff.err.find("WA301 hard-coded api-key compared with `api_key`") != std::string::npos);
    write_file(tmp.path() / "fix.patch", diff.out);
    CHECK(run("git apply --check fix.patch", tmp.path()).status == 0);

    // Coloured: masked, unless --show-secrets.
    auto colored = run(wafix_cmd() + " diff --color always sample", tmp.path());
    check_no_secret("coloured diff", colored.out + colored.err, values);
    CHECK(colored.out.find("****") != std::string::npos);
    CHECK(colored.out.find("_get_secret(\"invoice-parser/erp-api-key\")") != std::string::npos);
    auto shown = run(wafix_cmd() + " diff --color always --show-secrets sample", tmp.path());
    for (const auto& v : values) CHECK(shown.out.find(v) != std::string::npos);
    // On a terminal colour is on by default, and so is the mask.
    if (run("command -v script").status == 0) {
        auto tty = run("script -qec " + shell_quote(wafix_cmd() + " diff sample") + " /dev/null", tmp.path());
        CHECK(tty.out.find("\x1b[31m-") != std::string::npos);
        check_no_secret("terminal diff", tty.out, values);
        // Without colour a terminal still shows a person the diff: masked all the same.
        for (const std::string& plain :
             {"NO_COLOR=1 " + wafix_cmd() + " diff sample", wafix_cmd() + " diff --color never sample"}) {
            auto uncoloured = run("script -qec " + shell_quote(plain) + " /dev/null", tmp.path());
            INFO(plain);
            CHECK(uncoloured.out.find("\x1b[31m-") == std::string::npos);
            CHECK(uncoloured.out.find("****") != std::string::npos);
            check_no_secret("uncoloured terminal diff", uncoloured.out, values);
        }
    }
    check_no_secret("rules text", run(wafix_cmd() + " rules WA301", tmp.path()).out, values);

    // Every machine-readable format and report: findings and fix edits, never the removed value.
    for (const char* cmd : {"diff --format json", "diff --format sarif", "diff --format github", "diff --format text",
                            "check", "check --format json", "check --format sarif", "check --format github",
                            "check --statistics", "report", "report --html"}) {
        auto r = run(wafix_cmd() + " " + cmd + " sample", tmp.path());
        INFO(cmd);
        CHECK(r.status <= 1);
        CHECK(r.out.find("WA301") != std::string::npos);
        check_no_secret(cmd, r.out + r.err, values);
    }
    auto json = nlohmann::json::parse(run(wafix_cmd() + " diff --format json sample", tmp.path()).out);
    CHECK(json.dump().find("_get_secret(") != std::string::npos);  // the edits are there, the values are not
    REQUIRE(run(wafix_cmd() + " report --html -o report.html sample", tmp.path()).status == 0);
    check_no_secret("report.html", read_file(tmp.path() / "report.html"), values);

    // fix without --secrets-manifest: nothing holds a value afterwards, no file is added, and
    // HOME and TMPDIR stay empty.
    fs::create_directories(tmp.path() / "home");
    fs::create_directories(tmp.path() / "tmp");
    auto before = snapshot(tmp.path() / "sample");
    auto fix = run("HOME=" + shell_quote((tmp.path() / "home").string()) +
                       " TMPDIR=" + shell_quote((tmp.path() / "tmp").string()) + " " + wafix_cmd() + " fix sample",
                   tmp.path());
    INFO(fix.out << fix.err);
    CHECK(fix.status == 1);  // the comparison is left for a human
    check_no_secret("fix stdout/stderr", fix.out + fix.err, values);
    CHECK(fix.out.find("5 hard-coded secrets are now read from AWS Secrets Manager") != std::string::npos);
    CHECK(fix.out.find("rotate them") != std::string::npos);
    CHECK(fix.out.find("were not written anywhere") != std::string::npos);
    auto after = snapshot(tmp.path() / "sample");
    for (const auto& [path, bytes] : after) {
        CHECK(before.count(path) == 1);  // no new file
        if (path != "tests/test_invoice_parser.py" && path != "functions/auth_check.py")
            check_no_secret(path, bytes, values);
    }
    CHECK(fs::is_empty(tmp.path() / "home"));
    CHECK(fs::is_empty(tmp.path() / "tmp"));
    // Nor anything else wafix wrote: the result cache, reports.
    for (const auto& e : fs::recursive_directory_iterator(tmp.path())) {
        if (!e.is_regular_file() || e.path().filename() == "fix.patch") continue;
        std::string rel = fs::relative(e.path(), tmp.path()).generic_string();
        if (rel == "sample/tests/test_invoice_parser.py" || rel == "sample/functions/auth_check.py") continue;
        check_no_secret(rel, read_file(e.path()), values);
    }
    CHECK(fs::exists(tmp.path() / ".wafix_cache"));  // the cache was in use
    auto again = run(wafix_cmd() + " diff --select WA301 sample", tmp.path());
    CHECK(again.out.empty());
    check_no_secret("second diff", again.out + again.err, values);
}

TEST_CASE("the secrets manifest holds the values with mode 0600, and nothing changes when it cannot be written",
          "[cli][secrets]") {
    const std::vector<std::string> values = sample_secrets();
    TempDir tmp;
    copy_sample(tmp.path() / "sample");
    auto before = snapshot(tmp.path() / "sample");

    auto refused = run("umask 022; " + wafix_cmd() + " fix --secrets-manifest missing/dir/m.json sample", tmp.path());
    CHECK(refused.status == 2);
    CHECK(refused.err.find("nothing was changed") != std::string::npos);
    check_no_secret("refused", refused.out + refused.err, values);
    CHECK(snapshot(tmp.path() / "sample") == before);

    auto fix = run("umask 022; " + wafix_cmd() + " fix --secret-prefix prod/{module}/ --secrets-manifest m.json sample",
                   tmp.path());
    INFO(fix.out << fix.err);
    CHECK(fix.status <= 1);  // report-only rules may leave findings for a human
    check_no_secret("fix output", fix.out + fix.err, values);
    CHECK(fix.out.find("wrote the secret ids and values to m.json (mode 0600)") != std::string::npos);
    struct stat st {};
    REQUIRE(::stat((tmp.path() / "m.json").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    auto manifest = nlohmann::json::parse(read_file(tmp.path() / "m.json"));
    REQUIRE(manifest.size() == 5);
    std::map<std::string, std::string> by_id;
    for (const auto& e : manifest) {
        for (const char* key : {"secret_id", "file", "line", "kind", "value"}) CHECK(e.contains(key));
        by_id[e.at("secret_id")] = e.at("value");
        std::string file = read_file(tmp.path() / e.at("file").get<std::string>());
        CHECK(file.find(e.at("secret_id").get<std::string>()) != std::string::npos);  // the code reads that id
    }
    CHECK(by_id.count("prod/invoice-parser/erp-api-key") == 1);
    CHECK(by_id.count("prod/supplier-sync/password") == 1);
    CHECK(by_id.count("prod/report-builder/github-token") == 1);
    CHECK(manifest[0].at("line").get<int>() == 31);  // ERP_API_KEY's line in the original file
    for (const auto& v : values) {
        bool listed =
            std::find_if(by_id.begin(), by_id.end(), [&](const auto& p) { return p.second == v; }) != by_id.end();
        CHECK(listed);
    }
    // The manifest is the only file that holds the values.
    for (const auto& [path, bytes] : snapshot(tmp.path() / "sample"))
        if (path != "tests/test_invoice_parser.py") check_no_secret(path, bytes, values);

    CHECK(run(wafix_cmd() + " diff --secret-prefix 'bad prefix' sample", tmp.path()).status == 2);

    // fix with a machine-readable format: no value either.
    copy_sample(tmp.path() / "again");
    auto json = run(wafix_cmd() + " fix --format json again", tmp.path());
    CHECK(json.status <= 1);
    CHECK(json.out.find("WA301") != std::string::npos);
    check_no_secret("fix --format json", json.out + json.err, values);
}

TEST_CASE("the fixed sample handlers read their secrets from a local Secrets Manager, once",
          "[cli][behaviour][secrets]") {
    fs::path python = venv_python_or_skip({"boto3", "moto"});
    TempDir tmp;
    copy_sample(tmp.path() / "original");
    copy_sample(tmp.path() / "fixed");
    auto fix = run(wafix_cmd() + " fix --secrets-manifest manifest.json fixed", tmp.path());
    INFO(fix.out << fix.err);
    REQUIRE(fix.status <= 1);
    std::string script = (source_dir() / "tests" / "behaviour" / "secrets_sample_behaviour.py").string();
    auto r =
        run(shell_quote(python.string()) + " " + shell_quote(script) + " original fixed manifest.json", tmp.path());
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find("10 passed, 0 failed") != std::string::npos);
}

TEST_CASE("a multi-line private key is masked line by line in a coloured diff", "[cli][secrets][redaction]") {
    TempDir tmp;
    fs::copy(source_dir() / "testdata" / "WA301" / "private_key_triple_quoted.py", tmp.path() / "signer.py");
    std::string body = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun";
    auto plain = run(wafix_cmd() + " diff --select WA301 signer.py", tmp.path());
    CHECK(plain.out.find(body) != std::string::npos);
    auto colored = run(wafix_cmd() + " diff --select WA301 --color always signer.py", tmp.path());
    CHECK(colored.out.find(body) == std::string::npos);
    CHECK(colored.out.find("_get_secret(") != std::string::npos);
}

TEST_CASE("the result cache neither keeps secret values nor loses them for the manifest", "[cli][secrets]") {
    TempDir tmp;
    copy_sample(tmp.path() / "sample");
    // A first run fills the cache; the fix that follows must still know every value.
    REQUIRE(run(wafix_cmd() + " diff --select WA301 sample", tmp.path()).status == 1);
    REQUIRE(run(wafix_cmd() + " diff --select WA301 sample", tmp.path()).status == 1);
    auto fix = run(wafix_cmd() + " fix --select WA301 --secrets-manifest m.json sample", tmp.path());
    INFO(fix.out << fix.err);
    REQUIRE(fix.status == 0);
    auto manifest = nlohmann::json::parse(read_file(tmp.path() / "m.json"));
    CHECK(manifest.size() == 5);
    REQUIRE(fs::exists(tmp.path() / ".wafix_cache"));
    for (const auto& e : fs::recursive_directory_iterator(tmp.path() / ".wafix_cache")) {
        if (!e.is_regular_file()) continue;
        std::string bytes = read_file(e.path());
        for (const auto& entry : manifest) CHECK(bytes.find(entry.at("value").get<std::string>()) == std::string::npos);
    }
}

TEST_CASE("WA301 writes Powertools' get_secret when the nearest manifest lists aws-lambda-powertools",
          "[cli][behaviour][secrets][powertools]") {
    fs::path python = venv_python_or_skip({"boto3", "moto"});
    std::string script = (source_dir() / "tests" / "behaviour" / "secrets_module_behaviour.py").string();
    // orders_powertools lists aws-lambda-powertools[tracer] in requirements.txt; orders_boto3 does not.
    for (const char* project : {"orders_powertools", "orders_boto3"}) {
        DYNAMIC_SECTION(project) {
            fs::path from = source_dir() / "testdata" / "WA301" / "projects" / project;
            TempDir tmp;
            fs::create_directories(tmp.path() / project);
            for (const char* f : {"handler.py", "requirements.txt"}) fs::copy(from / f, tmp.path() / project / f);
            auto fix = run(wafix_cmd() + " fix --select WA301 --secrets-manifest m.json " + project, tmp.path());
            INFO(fix.out << fix.err);
            REQUIRE(fix.status == 0);
            std::string fixed = read_file(tmp.path() / project / "handler.py");
            CHECK(fixed == read_file(from / "handler.py.fixed"));
            bool powertools = std::string(project) == "orders_powertools";
            CHECK((fixed.find("from aws_lambda_powertools.utilities import parameters\n") != std::string::npos) ==
                  powertools);
            CHECK(read_file(tmp.path() / project / "requirements.txt") == read_file(from / "requirements.txt"));

            // The fixed module imports and reads the literal's value from a local Secrets Manager.
            auto r =
                run(shell_quote(python.string()) + " " + shell_quote(script) + " " +
                        shell_quote((from / "handler.py").string()) + " " + project + "/handler.py m.json ERP_API_KEY",
                    tmp.path());
            INFO(r.out << r.err);
            CHECK(r.status == 0);
            CHECK(r.out.find("5 passed, 0 failed") != std::string::npos);
            CHECK(r.out.find(powertools ? "lookup: Powertools" : "lookup: boto3 helper") != std::string::npos);
        }
    }
}
