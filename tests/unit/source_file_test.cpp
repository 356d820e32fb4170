// Loading source files: BOM, line endings, and the bytes that are refused.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "test_util.hpp"
#include "wafix/core/source_file.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;
using wafix::load_source;
using wafix::source_from_bytes;

namespace {
const std::string kBom = "\xEF\xBB\xBF";
}

TEST_CASE("a UTF-8 BOM is stripped and restored", "[unit][source]") {
    auto r = source_from_bytes("m.py", kBom + "x = 1\n");
    REQUIRE(r.file);
    CHECK_FALSE(r.error);
    CHECK(r.file->has_bom);
    CHECK(r.file->text == "x = 1\n");
    CHECK(r.file->path == fs::path("m.py"));
    CHECK(r.file->bytes_for("y = 2\n") == kBom + "y = 2\n");

    auto plain = source_from_bytes("m.py", "x = 1\n");
    REQUIRE(plain.file);
    CHECK_FALSE(plain.file->has_bom);
    CHECK(plain.file->bytes_for("y = 2\n") == "y = 2\n");

    // Only a leading BOM is one.
    auto inner = source_from_bytes("m.py", "s = '" + kBom + "'\n");
    REQUIRE(inner.file);
    CHECK_FALSE(inner.file->has_bom);
    CHECK(inner.file->text == "s = '" + kBom + "'\n");
}

TEST_CASE("the dominant line ending is detected", "[unit][source]") {
    auto crlf = source_from_bytes("m.py", "a = 1\r\nb = 2\r\n");
    REQUIRE(crlf.file);
    CHECK(crlf.file->eol == "\r\n");
    CHECK(crlf.file->text == "a = 1\r\nb = 2\r\n");  // text is not normalised

    auto lf = source_from_bytes("m.py", "a = 1\nb = 2\n");
    REQUIRE(lf.file);
    CHECK(lf.file->eol == "\n");

    CHECK(wafix::detect_eol("a\r\nb\r\nc\n") == "\r\n");
    CHECK(wafix::detect_eol("a\r\nb\nc\n") == "\n");
    CHECK(wafix::detect_eol("a\r\nb\n") == "\n");  // a tie is LF
    CHECK(wafix::detect_eol("no newline") == "\n");
    CHECK(wafix::detect_eol("\r\n") == "\r\n");

    auto bom_crlf = source_from_bytes("m.py", kBom + "a\r\n");
    REQUIRE(bom_crlf.file);
    CHECK(bom_crlf.file->eol == "\r\n");
    CHECK(bom_crlf.file->has_bom);
}

TEST_CASE("NUL bytes mark a binary file", "[unit][source]") {
    auto r = source_from_bytes("m.py", std::string("x = 1\n\0\0\0", 9));
    CHECK_FALSE(r.file);
    REQUIRE(r.error);
    CHECK(r.error->message.find("binary") != std::string::npos);
}

TEST_CASE("invalid UTF-8 is refused with the offset of the first bad byte", "[unit][source]") {
    auto r = source_from_bytes("m.py", "x = '\xE9t\xE9'\n");  // Latin-1
    CHECK_FALSE(r.file);
    REQUIRE(r.error);
    CHECK(r.error->message.find("UTF-8") != std::string::npos);
    CHECK(r.error->message.find("offset 5") != std::string::npos);

    // The offset counts the file's bytes, BOM included.
    auto bom = source_from_bytes("m.py", kBom + "ab\xFF");
    REQUIRE(bom.error);
    CHECK(bom.error->message.find("offset 5") != std::string::npos);

    CHECK(wafix::find_invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") == std::nullopt);  // é € 😀
    CHECK(wafix::find_invalid_utf8("ab\xC3") == std::optional<size_t>(2));                         // truncated
    CHECK(wafix::find_invalid_utf8("\xC0\xAF") == std::optional<size_t>(0));                       // overlong '/'
    CHECK(wafix::find_invalid_utf8("a\xED\xA0\x80") == std::optional<size_t>(1));                  // surrogate
    CHECK(wafix::find_invalid_utf8("\xF4\x90\x80\x80") == std::optional<size_t>(0));               // > U+10FFFF
    CHECK(wafix::find_invalid_utf8("ok\x80") == std::optional<size_t>(2));                         // lone continuation
    CHECK(wafix::find_invalid_utf8("\xE2\x82x") == std::optional<size_t>(0));                      // bad continuation
}

TEST_CASE("UTF-16 and UTF-32 files are refused", "[unit][source]") {
    auto le = source_from_bytes("m.py", std::string("\xFF\xFEx\0=\0", 6));
    CHECK_FALSE(le.file);
    REQUIRE(le.error);
    CHECK(le.error->message.find("UTF-16") != std::string::npos);

    auto be = source_from_bytes("m.py", std::string("\xFE\xFF\0x", 4));
    REQUIRE(be.error);
    CHECK(be.error->message.find("UTF-16") != std::string::npos);

    auto utf32 = source_from_bytes("m.py", std::string("\0\0\xFE\xFF\0\0\0x", 8));
    CHECK_FALSE(utf32.file);
    CHECK(utf32.error);
}

TEST_CASE("an empty file is fine", "[unit][source]") {
    auto r = source_from_bytes("m.py", "");
    REQUIRE(r.file);
    CHECK_FALSE(r.error);
    CHECK(r.file->text.empty());
    CHECK_FALSE(r.file->has_bom);
    CHECK(r.file->eol == "\n");

    auto bom_only = source_from_bytes("m.py", kBom);
    REQUIRE(bom_only.file);
    CHECK(bom_only.file->has_bom);
    CHECK(bom_only.file->text.empty());
}

TEST_CASE("load_source reads files from disk", "[unit][source]") {
    TempDir tmp;
    fs::path p = tmp.path() / "m.py";
    write_file(p, kBom + "import os\r\n");
    auto r = load_source(p);
    REQUIRE(r.file);
    CHECK(r.file->path == p);
    CHECK(r.file->has_bom);
    CHECK(r.file->eol == "\r\n");
    CHECK(r.file->text == "import os\r\n");

    write_file(tmp.path() / "empty.py", "");
    auto empty = load_source(tmp.path() / "empty.py");
    REQUIRE(empty.file);
    CHECK(empty.file->text.empty());

    write_file(tmp.path() / "bin.py", std::string("\x7F"
                                                  "ELF\0\0",
                                                  6));
    auto bin = load_source(tmp.path() / "bin.py");
    REQUIRE(bin.error);
    CHECK(bin.error->message.find("binary") != std::string::npos);

    auto missing = load_source(tmp.path() / "missing.py");
    CHECK_FALSE(missing.file);
    REQUIRE(missing.error);
    CHECK(missing.error->message.find("cannot be read") != std::string::npos);
}

TEST_CASE("load_source refuses a directory", "[unit][source]") {
    TempDir tmp;
    fs::create_directories(tmp.path() / "pkg.py");
    auto r = load_source(tmp.path() / "pkg.py");
    CHECK_FALSE(r.file);
    CHECK(r.error);
}

TEST_CASE("CR-only line endings are read as LF and written back as CR", "[unit][source][line-endings]") {
    auto mac = source_from_bytes("m.py", kBom + "x = 1\rif x:\r    y = 2\r");
    REQUIRE(mac.file);
    CHECK(mac.file->cr_only);
    CHECK(mac.file->eol == "\n");
    CHECK(mac.file->text == "x = 1\nif x:\n    y = 2\n");
    CHECK(mac.file->bytes_for(mac.file->text) == kBom + "x = 1\rif x:\r    y = 2\r");
    CHECK(mac.file->bytes_for("import os\nx = 1\n") == kBom + "import os\rx = 1\r");

    // A CR beside LF endings is not one: the text is kept as it is.
    auto mixed = source_from_bytes("m.py", "x = 1\r\ny = '\r'\n");
    REQUIRE(mixed.file);
    CHECK_FALSE(mixed.file->cr_only);
    CHECK(mixed.file->text == "x = 1\r\ny = '\r'\n");
}
