// The progress line: drawn only when enabled and only after the delay, counts what advance()
// reported, and erases itself when the run ends.
#include <catch2/catch.hpp>

#include <sstream>
#include <thread>

#include "wafix/app/progress.hpp"

using namespace wafix;
using namespace std::chrono_literals;

TEST_CASE("the progress line counts files and erases itself", "[progress]") {
    std::ostringstream out;
    {
        ProgressLine line(3, true, out, 0ms, 5ms);
        for (int i = 0; i < 3; ++i) line.advance();
        std::this_thread::sleep_for(50ms);
    }
    std::string s = out.str();
    CHECK(s.find("wafix: 3/3 files") != std::string::npos);
    CHECK(s.find(" files/s") != std::string::npos);
    // The last thing written clears the line, so later output starts on a clean line.
    CHECK(s.size() >= 4);
    CHECK(s.substr(s.size() - 4) == "\r\033[K");
}

TEST_CASE("the progress line stays silent for short runs and when disabled", "[progress]") {
    std::ostringstream quick, disabled;
    {
        ProgressLine line(10, true, quick, 10s, 5ms);  // the run ends long before the delay
        line.advance();
    }
    {
        ProgressLine line(10, false, disabled, 0ms, 5ms);
        line.advance();
        std::this_thread::sleep_for(30ms);
    }
    CHECK(quick.str().empty());
    CHECK(disabled.str().empty());
}
