// A progress line on stderr for long runs ("wafix: 1200/5000 files, 2400 files/s"), redrawn in
// place. Shown only on a terminal, and only once the run has lasted `delay`, so short runs and
// piped output stay clean.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <thread>

namespace wafix {

class ProgressLine {
public:
    // Does nothing unless `enabled`; see progress_wanted().
    ProgressLine(size_t total, bool enabled, std::ostream& out,
                 std::chrono::milliseconds delay = std::chrono::milliseconds(1000),
                 std::chrono::milliseconds interval = std::chrono::milliseconds(200));
    ~ProgressLine();  // stops the redraw and erases the line
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    void advance() { done_.fetch_add(1, std::memory_order_relaxed); }  // one file finished

private:
    void run();
    size_t total_;
    std::ostream& out_;
    std::chrono::milliseconds delay_, interval_;
    std::atomic<size_t> done_{0};
    bool drawn_ = false;
    bool stop_ = false;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::thread thread_;
};

// stderr is a terminal and the user did not turn the line off.
bool progress_wanted(bool disabled_by_flag);

}  // namespace wafix
