// WA301 across files: on the sample CDK app the finding names the grant the function's stack
// still needs; a rerun of `fix --secrets-manifest F` merges into F; F inside a git work tree is
// refused unless ignored, and a file that is not a manifest is never overwritten.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;

namespace {

std::string wafix_cmd() { return shell_quote(WAFIX_BINARY); }

void copy_sample(const fs::path& to) {
    fs::copy(source_dir() / "testdata" / "sample", to, fs::copy_options::recursive);
}

nlohmann::json finding_on(const nlohmann::json& doc, const std::string& file_suffix) {
    for (const auto& f : doc.at("findings")) {
        std::string file = f.at("file");
        if (f.at("rule") == "WA301" && file.ends_with(file_suffix)) return f;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("on the sample CDK app, WA301 names the grant each function's stack needs", "[cli][secrets][model]") {
    TempDir tmp;
    copy_sample(tmp.path() / "sample");
    auto r = run(wafix_cmd() + " check --select WA301 --format json sample", tmp.path());
    REQUIRE(r.status == 1);
    auto doc = nlohmann::json::parse(r.out);
    auto invoice = finding_on(doc, "functions/invoice_parser/handler.py");
    REQUIRE(invoice.is_object());
    std::string m = invoice.at("message");
    INFO(m);
    CHECK(m.find("`OrdersStack/InvoiceParser` (sample/infra/orders_stack.py:34) needs "
                 "`secretsmanager.Secret.from_secret_name_v2(self, \"InvoiceParserErpApiKey\", "
                 "\"invoice-parser/erp-api-key\").grant_read(invoice_parser)`") != std::string::npos);
    CHECK(invoice.at("fix").at("safety") == "safe");
    // The report builder's file ships in a PythonFunction: its grant names that construct.
    auto report = finding_on(doc, "functions/report_builder/handler.py");
    REQUIRE(report.is_object());
    CHECK(report.at("message").get<std::string>().find("grant_read(report_builder)") != std::string::npos);
}

TEST_CASE("fix --secrets-manifest merges into an existing manifest", "[cli][secrets][manifest]") {
    TempDir tmp;
    copy_sample(tmp.path() / "first");
    copy_sample(tmp.path() / "second");
    write_file(tmp.path() / "m.json",
               "[{\"secret_id\": \"billing/stripe-key\", \"file\": \"x.py\", \"line\": 2, \"kind\": \"stripe-key\", "
               "\"value\": \"kept-from-an-earlier-run-7Qx\"}]\n");
    auto fix = run("umask 022; " + wafix_cmd() + " fix --select WA301 --secrets-manifest m.json first", tmp.path());
    INFO(fix.out << fix.err);
    REQUIRE(fix.status <= 1);
    auto m = nlohmann::json::parse(read_file(tmp.path() / "m.json"));
    REQUIRE(m.size() == 6);
    CHECK(m[0].at("value") == "kept-from-an-earlier-run-7Qx");
    struct stat st {};
    REQUIRE(::stat((tmp.path() / "m.json").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);

    // The same secrets again (a rerun on another checkout): nothing is duplicated or lost.
    auto again = run(wafix_cmd() + " fix --select WA301 --secrets-manifest m.json second", tmp.path());
    REQUIRE(again.status <= 1);
    CHECK(nlohmann::json::parse(read_file(tmp.path() / "m.json")) == m);
    CHECK(again.err.find("warning") == std::string::npos);

    // An id the file holds with another value: the file's entry stays, a warning names the id.
    copy_sample(tmp.path() / "third");
    std::string conflict =
        "[{\"secret_id\": \"invoice-parser/erp-api-key\", \"file\": \"old.py\", \"line\": 1, \"kind\": \"api-key\", "
        "\"value\": \"an-older-value-Lk29Pq\"}]\n";
    write_file(tmp.path() / "c.json", conflict);
    auto clash = run(wafix_cmd() + " fix --select WA301 --secrets-manifest c.json third", tmp.path());
    REQUIRE(clash.status <= 1);
    CHECK(clash.err.find("warning: secret id invoice-parser/erp-api-key is already in the manifest") !=
          std::string::npos);
    auto c = nlohmann::json::parse(read_file(tmp.path() / "c.json"));
    CHECK(c.size() == 5);
    CHECK(c[0].at("value") == "an-older-value-Lk29Pq");
    std::string erp = "K4NlIzpnTHt2MT5XSvtxuleswrR4QYX7";  // the sample's literal
    CHECK((clash.out + clash.err).find(erp) == std::string::npos);
}

TEST_CASE("fix refuses a manifest that is not one, or that git would commit", "[cli][secrets][manifest]") {
    TempDir tmp;
    copy_sample(tmp.path() / "sample");
    std::string before = read_file(tmp.path() / "sample" / "functions" / "invoice_parser" / "handler.py");
    write_file(tmp.path() / "notes.json", "{\"mine\": true}\n");
    auto bad = run(wafix_cmd() + " fix --select WA301 --secrets-manifest notes.json sample", tmp.path());
    CHECK(bad.status == 2);
    CHECK(bad.err.find("nothing was changed") != std::string::npos);
    CHECK(read_file(tmp.path() / "notes.json") == "{\"mine\": true}\n");
    CHECK(read_file(tmp.path() / "sample" / "functions" / "invoice_parser" / "handler.py") == before);

    REQUIRE(run("git init -q sample && git -C sample add -A && git -C sample -c user.name=t -c user.email=t@t "
                "commit -qm init",
                tmp.path())
                .status == 0);
    auto inside = run(wafix_cmd() + " fix --select WA301 --secrets-manifest sample/m.json sample", tmp.path());
    CHECK(inside.status == 2);
    CHECK(inside.err.find("not ignored there") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp.path() / "sample" / "m.json"));
    CHECK(read_file(tmp.path() / "sample" / "functions" / "invoice_parser" / "handler.py") == before);

    write_file(tmp.path() / "sample" / ".git" / "info" / "exclude", "/m.json\n");
    auto ignored = run(wafix_cmd() + " fix --select WA301 --secrets-manifest sample/m.json sample", tmp.path());
    INFO(ignored.err);
    CHECK(ignored.status <= 1);
    CHECK(fs::exists(tmp.path() / "sample" / "m.json"));
}
