// The sample project's HTTP calls end to end: they appear in the demo diff, and the handler wafix
// fixed really times out on a stalled loopback ERP, raises on a 500 and works on a 200.
#include <catch2/catch.hpp>

#include <filesystem>

#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;

namespace {
CommandResult run_wafix(const std::string& args, const fs::path& cwd) {
    return run(shell_quote(WAFIX_BINARY) + " " + args, cwd);
}
}  // namespace

TEST_CASE("the sample project's HTTP calls show up in the demo diff", "[cli][sample][http]") {
    // Runs in the source tree (the demo's own command), so --no-cache: no .wafix_cache left there.
    auto diff = run_wafix("diff --no-cache testdata/sample", source_dir());
    INFO(diff.err);
    REQUIRE(diff.status == 1);
    for (const char* line : {
             "+        timeout=HTTP_TIMEOUT_SECONDS\n",  // invoice_parser: no trailing comma kept
             "+    booking.raise_for_status()\n",
             "+    terms.raise_for_status()\n",
             "+    with urllib.request.urlopen(req, timeout=HTTP_TIMEOUT_SECONDS) as resp:\n",  // report_builder
             "+        resp.raise_for_status()\n",  // supplier_sync Session on self
             "+        s.post(PURCHASING_WEBHOOK, data=report, timeout=HTTP_TIMEOUT_SECONDS).raise_for_status()\n",
         })
        CHECK(diff.out.find(line) != std::string::npos);
    // The clean notifier already has timeouts and status checks.
    CHECK(diff.out.find("notifier/handler.py") == std::string::npos);
}

TEST_CASE("the fixed sample handler times out, raises on a 500 and works on a 200", "[cli][behaviour][http]") {
    TempDir tmp;
    fs::copy(source_dir() / "testdata" / "sample", tmp.path() / "sample", fs::copy_options::recursive);
    std::string script = shell_quote((source_dir() / "tests" / "behaviour" / "http_sample_behaviour.py").string());
    std::string handler = "sample/functions/invoice_parser/handler.py";
    // A short timeout keeps the test fast; the script allows it a 1 s margin.
    std::string timeout = "1.5";

    auto original =
        run("/usr/bin/python3 " + script + " --expect original --timeout " + timeout + " " + handler, tmp.path());
    INFO(original.out << original.err);
    CHECK(original.status == 0);
    CHECK(original.out.find("3 passed, 0 failed") != std::string::npos);

    // Only the HTTP family: the secrets rule would bring in boto3 and a Secrets Manager lookup.
    auto fixed = run_wafix("fix --select WA201,WA202 --http-timeout " + timeout + " sample", tmp.path());
    INFO(fixed.out << fixed.err);
    REQUIRE(fixed.status <= 1);
    CHECK(read_file(tmp.path() / handler).find("HTTP_TIMEOUT_SECONDS = 1.5\n") != std::string::npos);

    auto hardened =
        run("/usr/bin/python3 " + script + " --expect hardened --timeout " + timeout + " " + handler, tmp.path());
    INFO(hardened.out << hardened.err);
    CHECK(hardened.status == 0);
    CHECK(hardened.out.find("3 passed, 0 failed") != std::string::npos);
}
