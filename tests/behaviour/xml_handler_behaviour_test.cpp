// WA101's handler note checked against CPython: every WA101 golden case with a .unfixed file is
// run before and after its fix (python3 with Debian's defusedxml), and the functions whose
// behaviour on bad XML changes must be exactly those where wafix put a note.
#include <catch2/catch.hpp>

#include <filesystem>

#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;

TEST_CASE("WA101 handler notes sit where the fix changes how bad XML is handled", "[golden][behaviour][xml]") {
    fs::path script = source_dir() / "tests" / "behaviour" / "xml_handler_behaviour.py";
    size_t cases = 0, noted = 0;
    for (const auto& e : fs::directory_iterator(source_dir() / "testdata" / "WA101")) {
        fs::path py = e.path();
        fs::path fixed = py.string() + ".fixed", unfixed = py.string() + ".unfixed";
        if (py.extension() != ".py" || !fs::exists(fixed) || !fs::exists(unfixed)) continue;
        ++cases;
        if (!read_file(unfixed).empty()) ++noted;
        auto r = run("/usr/bin/python3 " + shell_quote(script.string()) + " " + shell_quote(py.string()) + " " +
                         shell_quote(fixed.string()) + " " + shell_quote(unfixed.string()),
                     source_dir());
        INFO(py.filename().string() << "\n" << r.out << r.err);
        CHECK(r.status == 0);
        CHECK(r.out.find(" 0 failed") != std::string::npos);
    }
    CHECK(cases >= 8);
    CHECK(noted >= 5);
}
