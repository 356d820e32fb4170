// replace_file(): the atomic write, and its refusal to overwrite a file that changed on disk.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

#include "test_util.hpp"
#include "wafix/app/writer.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;

namespace {
bool temp_files_left(const fs::path& dir) {
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().find(".wafix-") != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("replace_file writes the new bytes when the file is as it was read", "[unit][writer]") {
    TempDir tmp;
    fs::path f = tmp.path() / "h.py";
    write_file(f, "old\n");
    ::chmod(f.c_str(), 0640);
    CHECK_FALSE(wafix::replace_file(f, "old\n", "new\n").has_value());
    CHECK(read_file(f) == "new\n");
    struct stat st {};
    ::stat(f.c_str(), &st);
    CHECK((st.st_mode & 07777) == 0640);
    CHECK_FALSE(temp_files_left(tmp.path()));
}

TEST_CASE("replace_file leaves a file another writer changed after wafix read it", "[unit][writer][changed-on-disk]") {
    TempDir tmp;
    fs::path f = tmp.path() / "h.py";
    const std::string read_by_wafix = "import xml.etree.ElementTree as ET\n";
    write_file(f, read_by_wafix);
    // Between wafix's read and its write, a formatter rewrites the file (same length, one byte
    // apart, and without a final newline: the comparison is of every byte).
    const std::string theirs = "import xml.etree.ElementTree as Et";
    write_file(f, theirs);
    auto err = wafix::replace_file(f, read_by_wafix, "import defusedxml.ElementTree as ET\n");
    REQUIRE(err.has_value());
    CHECK(*err == "file changed on disk while wafix ran; not modified");
    CHECK(read_file(f) == theirs);
    CHECK_FALSE(temp_files_left(tmp.path()));

    // A file removed since it was read is not recreated.
    fs::remove(f);
    auto gone = wafix::replace_file(f, read_by_wafix, "x\n");
    REQUIRE(gone.has_value());
    CHECK_FALSE(fs::exists(f));
    CHECK_FALSE(temp_files_left(tmp.path()));
}

TEST_CASE("only mkstemp's names from replace_file count as wafix temp files", "[unit][writer][temp]") {
    using wafix::is_wafix_temp_name;
    CHECK(is_wafix_temp_name(".h.py.wafix-Ab12Cd"));
    CHECK(is_wafix_temp_name(".pyproject.toml.wafix-000000"));
    CHECK_FALSE(is_wafix_temp_name("h.py.wafix-Ab12Cd"));    // not hidden
    CHECK_FALSE(is_wafix_temp_name(".h.py.wafix-Ab12C"));    // five characters
    CHECK_FALSE(is_wafix_temp_name(".h.py.wafix-Ab1-Cd"));   // not mkstemp's alphabet
    CHECK_FALSE(is_wafix_temp_name(".wafix-Ab12Cd"));        // no file name
    CHECK_FALSE(is_wafix_temp_name(".h.py.wafix-Ab12Cd~"));  // an editor's backup of one

    TempDir tmp;
    write_file(tmp.path() / ".h.py.wafix-Ab12Cd", "x");
    fs::create_directory(tmp.path() / ".d.wafix-Qw12Er");                                // a directory is never removed
    CHECK(wafix::remove_stale_temp_files(tmp.path(), std::chrono::seconds(3600)) == 0);  // too fresh
    CHECK(wafix::remove_stale_temp_files(tmp.path(), std::chrono::seconds(0)) == 1);
    CHECK_FALSE(fs::exists(tmp.path() / ".h.py.wafix-Ab12Cd"));
    CHECK(fs::exists(tmp.path() / ".d.wafix-Qw12Er"));
}
