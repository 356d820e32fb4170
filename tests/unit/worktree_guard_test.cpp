// wafix fix and uncommitted changes: refused unless --allow-dirty, naming the files.
#include <catch2/catch.hpp>

#include "test_util.hpp"

using namespace wafix::test;

TEST_CASE("fix refuses files with uncommitted changes unless --allow-dirty", "[cli][git]") {
    TempDir tmp;
    std::string xml = "import xml.etree.ElementTree as ET\nET.parse(p)\n";
    write_file(tmp.path() / "clean.py", xml);
    write_file(tmp.path() / "edited.py", xml);
    REQUIRE(
        run("git init -q && git add . && git -c user.email=t@example.com -c user.name=t commit -qm init", tmp.path())
            .status == 0);
    write_file(tmp.path() / "edited.py", xml + "# my unsaved work\n");
    write_file(tmp.path() / "new.py", xml);  // untracked: no committed copy to go back to
    std::string wafix = shell_quote(WAFIX_BINARY);

    auto refused = run(wafix + " fix .", tmp.path());
    CHECK(refused.status == 2);
    CHECK(refused.err.find("  edited.py\n") != std::string::npos);
    CHECK(refused.err.find("  new.py\n") != std::string::npos);
    CHECK(refused.err.find("clean.py") == std::string::npos);
    CHECK(refused.err.find("--allow-dirty") != std::string::npos);
    CHECK(read_file(tmp.path() / "clean.py") == xml);  // nothing written at all

    // Only clean files would change: allowed.
    auto only_clean = run(wafix + " fix clean.py", tmp.path());
    CHECK(only_clean.status == 0);
    CHECK(read_file(tmp.path() / "clean.py") != xml);

    auto allowed = run(wafix + " fix --allow-dirty .", tmp.path());
    CHECK(allowed.status == 0);
    CHECK(read_file(tmp.path() / "edited.py").find("defusedxml") != std::string::npos);
    CHECK(read_file(tmp.path() / "edited.py").find("# my unsaved work") != std::string::npos);
}
