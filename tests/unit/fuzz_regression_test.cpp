// Replays the inputs the fuzzers found (tests/fuzz/regressions/) and the golden inputs through
// the fuzzers' invariants, in every normal and sanitizer run.
#include <catch2/catch.hpp>

#include <filesystem>

#include "fuzz/invariants.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;

TEST_CASE("fuzz invariants hold on the regression and golden inputs", "[fuzz]") {
    size_t cases = 0;
    for (const auto& dir : {source_dir() / "tests" / "fuzz" / "regressions", source_dir() / "testdata"})
        for (const auto& e : fs::recursive_directory_iterator(dir)) {
            if (!e.is_regular_file() || e.path().filename() == ".gitkeep") continue;
            std::string bytes = read_file(e.path());
            INFO(e.path().string());
            wafix::fuzz::check_pipeline(bytes);
            wafix::fuzz::check_edits(bytes);
            ++cases;
        }
    CHECK(cases > 100);
}
