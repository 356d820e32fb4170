#include "wafix/app/progress.hpp"

#include <unistd.h>

#include <fmt/format.h>

namespace wafix {

ProgressLine::ProgressLine(size_t total, bool enabled, std::ostream& out, std::chrono::milliseconds delay,
                           std::chrono::milliseconds interval)
    : total_(total), out_(out), delay_(delay), interval_(interval) {
    if (enabled && total > 0) thread_ = std::thread([this] { run(); });
}

ProgressLine::~ProgressLine() {
    if (!thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
    if (drawn_) out_ << "\r\033[K" << std::flush;  // leave the terminal as it was
}

void ProgressLine::run() {
    auto start = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, delay_, [this] { return stop_; })) return;
    do {
        size_t done = done_.load(std::memory_order_relaxed);
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        out_ << fmt::format("\r\033[Kwafix: {}/{} files, {:.0f} files/s", done, total_,
                            seconds > 0 ? static_cast<double>(done) / seconds : 0.0)
             << std::flush;
        drawn_ = true;
    } while (!wake_.wait_for(lock, interval_, [this] { return stop_; }));
}

bool progress_wanted(bool disabled_by_flag) { return !disabled_by_flag && isatty(STDERR_FILENO) == 1; }

}  // namespace wafix
